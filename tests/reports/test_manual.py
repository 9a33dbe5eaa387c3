"""Manual grading: the TA sheet, its validation, and merging points into results and reports."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from autograder.errors import ConfigError
from autograder.grading.grader import GradeOptions
from autograder.errors import ManualSheetError
from autograder.reports.manual import merge_manual, write_manual_sheet
from autograder.grading.batch import grade_class
from autograder.results import load_result
from autograder.sandbox.launcher import SandboxLimits


@pytest.fixture(scope="module")
def graded_class(tiny_project, tmp_path_factory):
    """tiny graded for real: a full-marks notebook, the blank template, and a PDF (invalid)."""
    base = tmp_path_factory.mktemp("manual")
    subs = base / "class"
    subs.mkdir()
    (subs / "good.ipynb").write_bytes(tiny_project.solution_notebook("tiny").read_bytes())
    template = tiny_project.template_dir("tiny") / "tiny.ipynb"
    (subs / "blank.ipynb").write_bytes(template.read_bytes())
    (subs / "notes.pdf").write_bytes(b"%PDF-1.4")
    out = base / "graded"
    options = GradeOptions(workers=2, timeout=10, test_timeout=4,
                           limits=SandboxLimits(memory_mb=1500))
    grade_class(project=tiny_project, assignment="tiny", submissions=[subs], out_dir=out,
                options=options)
    return out


@pytest.fixture
def out(graded_class, tmp_path):
    """A private copy of the graded batch, so each test can merge into it."""
    copy = tmp_path / "out"
    shutil.copytree(graded_class, copy)
    return copy


def read_rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_rows(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_sheet_lists_manual_questions_of_submissions_that_ran(out):
    path = write_manual_sheet(out_dir=out)
    assert path == out / "manual_grading.csv"
    rows = read_rows(path)
    assert list(rows[0]) == ["student", "question", "max_points", "points", "comment"]
    assert [(r["student"], r["question"], r["max_points"], r["points"]) for r in rows] == [
        ("blank", "q3", "2", ""), ("good", "q3", "2", "")]  # notes.pdf is invalid: no row
    with pytest.raises(ConfigError, match="already exists"):
        write_manual_sheet(out_dir=out)  # never clobbers a sheet a TA may have filled


def test_merge_updates_results_reports_and_totals(out):
    sheet = write_manual_sheet(out_dir=out)
    rows = read_rows(sheet)
    rows[1].update(points="1.5", comment="good reasoning, no example")  # good
    write_rows(sheet, rows)
    summary = merge_manual(out_dir=out, sheet=sheet)
    assert (summary.graded, summary.commented, summary.students, summary.pending) == (
        1, 1, ["good"], 1)
    good = load_result(out / "results" / "good.json")
    q3 = next(q for q in good.questions if q.name == "q3")
    assert q3.points == 1.5 and q3.manual and good.score == 3  # score stays auto-graded
    assert load_result(out / "results" / "blank.json").questions[2].points is None
    comments = json.loads((out / "manual_comments.json").read_text())
    assert comments == {"good": {"q3": "good reasoning, no example"}}
    grades = pd.read_csv(out / "grades.csv").set_index("student")
    assert grades.loc["good", "q3"] == 1.5 and grades.loc["good", "score"] == 3
    totals = pd.read_csv(out / "grades_with_manual.csv").set_index("student")
    assert totals.loc["good", "total_with_manual"] == 4.5
    assert totals.loc["blank", "manual_pending"] == "q3"
    feedback = (out / "feedback" / "good.md").read_text()
    assert "1.5" in feedback


def test_bad_sheet_lists_every_problem_and_changes_nothing(out):
    before = (out / "results" / "good.json").read_bytes()
    sheet = out / "filled.csv"
    write_rows(sheet, [
        {"student": "good", "question": "q3", "max_points": "2", "points": "3", "comment": ""},
        {"student": "blank", "question": "q3", "max_points": "2", "points": "two", "comment": ""},
        {"student": "zoe", "question": "q3", "max_points": "2", "points": "1", "comment": ""},
        {"student": "good", "question": "q9", "max_points": "2", "points": "1", "comment": ""},
        {"student": "good", "question": "q1", "max_points": "2", "points": "1", "comment": ""},
        {"student": "notes", "question": "q3", "max_points": "2", "points": "1", "comment": ""},
        {"student": "blank", "question": "q3", "max_points": "2", "points": "-1", "comment": ""},
    ])
    with pytest.raises(ManualSheetError) as caught:
        merge_manual(out_dir=out, sheet=sheet)
    text = str(caught.value)
    assert len(caught.value.problems) == 7
    for expected in ("line 2", "outside [0, 2]", "'two' is not a number", "unknown student 'zoe'",
                     "unknown question 'q9'", "q1 is auto-graded", "status 'invalid'",
                     "line 8"):
        assert expected in text, expected
    assert (out / "results" / "good.json").read_bytes() == before
    assert not (out / "manual_comments.json").exists()


def test_duplicates_and_missing_columns_are_refused(out):
    sheet = out / "dup.csv"
    write_rows(sheet, [{"student": "good", "question": "q3", "points": "1"},
                       {"student": "good", "question": "q3", "points": "2"}])
    with pytest.raises(ManualSheetError, match="also on line 2"):
        merge_manual(out_dir=out, sheet=sheet)
    write_rows(sheet, [{"student": "good", "question": "q3", "score": "1"}])
    with pytest.raises(ManualSheetError, match="missing column"):
        merge_manual(out_dir=out, sheet=sheet)


def test_commands_exit_2_on_a_bad_sheet_and_0_on_a_good_one(out):
    def run(*args):
        return subprocess.run([sys.executable, "-m", "autograder", *args], capture_output=True,
                              text=True, timeout=300)

    proc = run("manual-sheet", str(out))
    assert proc.returncode == 0, proc.stderr
    sheet = out / "manual_grading.csv"
    rows = read_rows(sheet)
    rows[0]["points"] = "abc"
    rows[1]["points"] = "9"
    write_rows(sheet, rows)
    proc = run("merge-manual", str(out), str(sheet))
    assert proc.returncode == 2
    assert "'abc' is not a number" in proc.stderr and "outside [0, 2]" in proc.stderr
    rows[0]["points"], rows[1]["points"] = "0", "2"
    write_rows(sheet, rows)
    proc = run("merge-manual", str(out), str(sheet), "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    assert "merged 2 manual grades" in proc.stderr
    totals = pd.read_csv(out / "grades_with_manual.csv").set_index("student")
    assert totals.loc["good", "total_with_manual"] == 5 and totals.loc["blank", "manual_score"] == 0
    gradescope = run("export", str(out), "--format", "gradescope")
    assert gradescope.returncode == 0, gradescope.stderr
    assert json.loads((out / "gradescope" / "good.json").read_text())["score"] == 5
