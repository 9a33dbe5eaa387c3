"""`autograder check`: public tests on a student's machine, without the hidden bundle."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from autograder.grading.check import check_notebook, submit_advice
from autograder.errors import ConfigError
from autograder.grading.grader import GradeOptions

HIDDEN_NAMES = ("matches_reference", "mean_hidden", "solutions")


@pytest.fixture
def student_folder(tiny_project, tmp_path):
    """What a student downloads: student_template/tiny (notebook, tests/ with public tests, data/)."""
    folder = tmp_path / "student" / "tiny"
    shutil.copytree(tiny_project.template_dir("tiny"), folder)
    return folder


def options() -> GradeOptions:
    return GradeOptions(workers=1, timeout=20, test_timeout=5)


def run_check(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "autograder", "check", *args],
                          capture_output=True, text=True, timeout=300, cwd=cwd)


def test_blank_notebook_fails_the_public_test(student_folder):
    report = check_notebook(notebook=student_folder / "tiny.ipynb", options=options())
    assert report.assignment == "tiny" and report.result.status == "graded"
    assert not report.ok
    outcomes = {row.question: row.outcome for row in report.rows}
    assert outcomes == {"q1: square_small": "failed", "q2": "no public tests"}
    failing = [row for row in report.rows if row.outcome == "failed"][0]
    assert "returned None" in failing.message
    assert all(not t.hidden for q in report.result.questions for t in q.tests)
    assert "grader.export()" in submit_advice(report)


def test_failure_messages_come_in_the_language_asked_for(student_folder):
    def failing(lang):
        report = check_notebook(notebook=student_folder / "tiny.ipynb", options=options(),
                                lang=lang)
        return [row for row in report.rows if row.outcome == "failed"][0].message

    english, persian, both = failing("en"), failing("fa"), failing("both")
    assert "returned None" in english and not any("\u0600" <= c <= "\u06ff" for c in english)
    assert "returned None" not in persian and any("\u0600" <= c <= "\u06ff" for c in persian)
    assert both == f"{english}\n\n{persian}" and "fa:" not in both


def test_a_correct_notebook_passes_and_needs_no_hidden_bundle(tiny_project, student_folder):
    solution = tiny_project.solution_notebook("tiny")  # answers filled in, read data/numbers.csv
    answer = student_folder / "my_tiny.ipynb"
    answer.write_bytes(solution.read_bytes())
    proc = run_check(str(answer), "--assignment", "tiny", "--timeout", "20",
                     cwd=student_folder.parent)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "square_small" in proc.stdout and "passed" in proc.stdout
    assert "all public tests passed" in proc.stdout and "Submit my_tiny.ipynb" in proc.stdout
    assert not any(name in proc.stdout for name in HIDDEN_NAMES)


def test_cli_reports_failures_with_exit_1_and_cell_errors(student_folder, write_notebook):
    notebook = write_notebook("attempt", [
        "import numpy as np",
        "def square(x):\n    return np.asarray(x, dtype=float) * 2",
        "raise ValueError('oops in my exploration cell')",
    ], metadata={"otter": {"assignment_name": "tiny"}})
    target = student_folder / "attempt.ipynb"
    shutil.move(notebook, target)
    proc = run_check(str(target), cwd=student_folder)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    out = " ".join(proc.stdout.split())
    assert "failed" in out and "should be [1, 4, 9]" in out
    assert "code cell 3 raised" in out and "oops in my exploration cell" in out
    assert "fix the failures above" in out


def test_notebook_alone_uses_the_project_template(tiny_project, tmp_path):
    alone = tmp_path / "alone"
    alone.mkdir()
    notebook = alone / "whatever.ipynb"
    notebook.write_bytes(tiny_project.solution_notebook("tiny").read_bytes())
    report = check_notebook(notebook=notebook, assignment="tiny", root=tiny_project.root,
                            options=options())
    assert report.ok, report.rows  # tests and data/ came from student_template/tiny


def test_missing_tests_is_a_clear_usage_error(tmp_path):
    notebook = tmp_path / "hw99.ipynb"
    notebook.write_text("{}")
    with pytest.raises(ConfigError, match="no public tests found"):
        check_notebook(notebook=notebook, root=tmp_path)
    proc = run_check(str(tmp_path / "missing.ipynb"), cwd=tmp_path)
    assert proc.returncode == 2 and "does not exist" in proc.stderr


def test_hidden_cases_next_to_the_notebook_are_never_run(tiny_project, tmp_path):
    """A notebook saved next to the grading bundle's tests/ (which holds hidden cases)."""
    folder = tmp_path / "bundle"
    shutil.copytree(tiny_project.build_dir("tiny") / "dist" / "autograder" / "tests",
                    folder / "tests")
    notebook = folder / "tiny.ipynb"
    notebook.write_bytes(tiny_project.solution_notebook("tiny").read_bytes())
    shutil.copytree(tiny_project.template_dir("tiny") / "data", folder / "data")
    report = check_notebook(notebook=notebook, options=options())
    names = [row.question for row in report.rows]
    assert names == ["q1: square_small", "q2"] and report.ok


@pytest.mark.slow
def test_public_tests_kept_in_the_notebook_metadata_are_run(tmp_path):
    """otter's default (`tests: files: false`) keeps public tests in the notebook's metadata,
    so a student's folder has no tests/: its OK-format tests are taken from there (data only;
    exception tests are code and come only from the project's template)."""
    import json
    import tempfile

    from pathlib import Path

    folder = Path(__file__).resolve().parents[1] / "fixtures" / "otter_examples" / "notebooks"
    wrong = json.loads((folder / "master-skeleton" / "wrong-q3.ipynb").read_text())
    blank = json.loads((folder / "master-skeleton" / "blank.ipynb").read_text())
    wrong["metadata"]["otter"] = blank["metadata"]["otter"]  # the public tests a student has
    notebook = tmp_path / "master-skeleton.ipynb"
    notebook.write_text(json.dumps(wrong))
    extracted = lambda: set(Path(tempfile.gettempdir()).glob("autograder-check-*"))  # noqa: E731
    before = extracted()
    report = check_notebook(notebook=notebook, root=tmp_path / "none", options=options())
    assert extracted() == before, "the tests taken from the metadata outlived the check"
    rows = {row.question: row.outcome for row in report.rows}
    assert rows == {"q1: q1 - 1": "passed", "q1: q1 - 2": "passed", "q1: q1 - 3": "passed",
                    "q3: q3 - 1": "passed", "q3: q3 - 2": "failed"}  # square(16) is 257
    wrong["metadata"]["otter"]["tests"]["q1"] = "import os\nOK_FORMAT = False\nname = 'q1'\n"
    notebook.write_text(json.dumps(wrong))
    report = check_notebook(notebook=notebook, root=tmp_path / "none", options=options())
    assert [row.question for row in report.rows if row.question.startswith("q1")] == []
