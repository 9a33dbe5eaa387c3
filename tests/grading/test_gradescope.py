"""The Gradescope autograder run as Gradescope runs it: the zip unpacked into source/ under a
temporary root laid out like /autograder, run_autograder executed there, results.json compared
with what `autograder grade` gives the same notebooks."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest

from autograder.authoring.gradescope import ZIP_NAME, engine_root
from autograder.errors import ConfigError
from autograder.grading.batch import grade_class
from autograder.grading.gradescope import GradescopeLayout, run_gradescope
from autograder.grading.grader import GradeOptions
from autograder.grading.intake import folder_submission


def _layout(root: Path, *, zip_path: Path, notebook: bytes, name: str) -> GradescopeLayout:
    layout = GradescopeLayout(root)
    for folder in (layout.source, layout.submission, layout.results):
        folder.mkdir(parents=True)
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(layout.source)
    (layout.submission / name).write_bytes(notebook)
    return layout


def _run_autograder(layout: GradescopeLayout) -> subprocess.Popen:
    env = dict(os.environ, GRADESCOPE_ROOT=str(layout.root), AUTOGRADER_PYTHON=sys.executable,
               PYTHONPATH=str(engine_root()))  # the engine under test, as setup.sh installs it
    return subprocess.Popen(["bash", str(layout.source / "run_autograder")], cwd=layout.root,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _leaking_notebook(solution: Path, secret: Path) -> bytes:
    """The solution, but forward_batchnorm answers by running the reference from the unpacked
    zip: it scores only if the sandbox can read the autograder's source folder."""
    notebook = json.loads(solution.read_text("utf-8"))
    notebook["cells"].append({"cell_type": "code", "metadata": {}, "outputs": [],
                              "execution_count": None, "id": "leak", "source": (
        "def forward_batchnorm(*args, **kwargs):\n"
        "    import importlib.util\n"
        f"    spec = importlib.util.spec_from_file_location('leak', {str(secret)!r})\n"
        "    module = importlib.util.module_from_spec(spec)\n"
        "    spec.loader.exec_module(module)\n"
        "    return module.forward_batchnorm(*args, **kwargs)\n")})
    return json.dumps(notebook).encode()


def _points(data: dict) -> dict[str, float]:
    return {t["name"]: t["score"] for t in data["tests"]}


def _status(test: dict) -> str:
    """Gradescope's reading: the given status, else passed only with the full score."""
    return test.get("status") or ("passed" if test["score"] >= test["max_score"] else "failed")


@pytest.mark.slow
def test_run_autograder_gives_the_grades_of_autograder_grade(built_copy, tmp_path):
    zip_path = built_copy.build_dir("hw04") / "gradescope" / ZIP_NAME
    solution = built_copy.solution_notebook("hw04")
    right = _layout(tmp_path / "right", zip_path=zip_path, notebook=solution.read_bytes(),
                    name="hw04.ipynb")
    wrong_root = tmp_path / "wrong"
    secret = wrong_root / "source" / "project" / "solutions" / "hw04.py"
    wrong = _layout(wrong_root, zip_path=zip_path, notebook=_leaking_notebook(solution, secret),
                    name="hw04.ipynb")
    runs = [_run_autograder(layout) for layout in (right, wrong)]
    outputs = [run.communicate(timeout=600)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert secret.is_file()

    class_dir = tmp_path / "class"
    class_dir.mkdir()
    (class_dir / "right.ipynb").write_bytes(solution.read_bytes())
    (class_dir / "wrong.ipynb").write_bytes((wrong.submission / "hw04.ipynb").read_bytes())
    local = {r.student: r for r in grade_class(
        project=built_copy, assignment="hw04", submissions=[class_dir], out_dir=tmp_path / "out",
        options=GradeOptions(workers=2, timeout=300, test_timeout=60))}

    for student, layout in (("right", right), ("wrong", wrong)):
        data = json.loads((layout.results / "results.json").read_text("utf-8"))
        expected = local[student]
        assert data["score"] == expected.score, student
        auto = {f"{q.name}: {t.name}": t.points for q in expected.questions if not q.manual
                for t in q.tests}
        assert {k: v for k, v in _points(data).items() if k in auto} == auto, student
        assert all(t["visibility"] in ("visible", "after_published") for t in data["tests"])
        if os.geteuid() == 0:
            assert all(p.stat().st_mode & 0o077 == 0
                       for p in (layout.source, layout.submission, layout.results))
    assert json.loads((right.results / "results.json").read_text())["score"] == 30.0
    leaked = json.loads((wrong.results / "results.json").read_text())
    failed = {t["name"]: t["max_score"] for t in leaked["tests"]
              if _status(t) == "failed" and not t["name"].endswith("(manual)")}
    # every test that calls forward_batchnorm (also through the notebook's own train step)
    # fails: the notebook could not read the reference from the autograder's source folder
    assert {"q1: bn_small_example", "q1: bn_gamma_beta", "q1: bn_random_batches",
            "q1: bn_single_example", "q1: bn_constant_feature", "q1: bn_float32",
            "q1: bn_large_offset"} <= set(failed)
    assert all(name.startswith("q1: ") for name in failed)
    assert leaked["score"] == 30.0 - sum(failed.values()) < 30.0


@pytest.fixture(scope="module")
def tiny_gradescope(tiny_project, tiny_grader, tmp_path_factory):
    """The tiny assignment's zip run in-process on its solution: (results.json, local result)."""
    root = tmp_path_factory.mktemp("gradescope")
    solution = tiny_project.solution_notebook("tiny")
    _layout(root, zip_path=tiny_project.build_dir("tiny") / "gradescope" / ZIP_NAME,
            notebook=solution.read_bytes(), name="tiny.ipynb")
    written = run_gradescope(root=root)
    assert json.loads((root / "results" / "results.json").read_text("utf-8")) == written
    local = tiny_grader.grade(folder_submission(root / "submission", student="submission"))
    return written, local


def test_the_tiny_zip_grades_as_the_local_grader(tiny_gradescope):
    written, local = tiny_gradescope
    assert local.status == "graded" and local.score == local.possible > 0
    assert written["score"] == local.score
    auto = {f"{q.name}: {t.name}": t.points for q in local.questions if not q.manual
            for t in q.tests}
    assert {k: v for k, v in _points(written).items() if k in auto} == auto
    assert all(_status(t) == "passed" for t in written["tests"] if t["name"] in auto)


def test_pending_manual_questions_are_not_reported_as_failed(tiny_gradescope):
    written, local = tiny_gradescope
    pending = [q.name for q in local.questions if q.manual and q.points is None]
    assert pending == ["q3"]
    shown = [t for t in written["tests"] if t["name"].startswith("q3")]
    assert all(_status(t) != "failed" for t in shown), shown
    assert written["score"] == local.score


def test_a_missing_build_still_writes_results_that_say_so(tmp_path):
    layout = GradescopeLayout(tmp_path)
    (tmp_path / "submission").mkdir()
    with pytest.raises(ConfigError, match="gradescope.json is missing"):
        run_gradescope(root=tmp_path)
    data = json.loads((layout.results / "results.json").read_text("utf-8"))
    assert data["score"] == 0.0 and data["tests"] == []
    assert "could not grade" in data["output"] and "course staff" in data["output"]


def test_the_submission_folder_is_one_student(tmp_path):
    folder = tmp_path / "submission"
    (folder / ".ipynb_checkpoints").mkdir(parents=True)
    (folder / ".ipynb_checkpoints" / "hw04-checkpoint.ipynb").write_text("{}")
    (folder / "hw04.ipynb").write_text("{}")
    (folder / "notes.txt").write_text("x")
    found = folder_submission(folder, student="submission")
    assert (found.student, found.path.name, found.note) == ("submission", "hw04.ipynb", "")


@pytest.fixture
def open_root():
    """A folder any uid may enter, like /autograder (pytest's own tmp_path is root-only)."""
    root = Path(tempfile.mkdtemp(prefix="autograder-gradescope-"))
    root.chmod(0o755)
    yield root
    shutil.rmtree(root, ignore_errors=True)


@pytest.mark.skipif(os.geteuid() != 0, reason="the sandbox's own uid needs root")
def test_without_namespaces_the_folder_permissions_keep_the_notebook_out(
        tiny_project, open_root, monkeypatch):
    """Docker containers usually refuse new mount namespaces: then the notebook runs on the
    container's files as its own uid, and only the permissions of source/ protect the reference."""
    from autograder.sandbox import launcher

    tmp_path = open_root

    real = launcher.machine_capabilities()
    monkeypatch.setattr(launcher, "machine_capabilities", lambda: dict(real, namespaces=False))
    secret = tmp_path / "source" / "project" / "solutions" / "tiny.py"
    notebook = json.loads(tiny_project.solution_notebook("tiny").read_text("utf-8"))
    notebook["cells"].append({"cell_type": "code", "metadata": {}, "outputs": [], "id": "leak",
                              "execution_count": None, "source": (
        "def square(x):\n"
        "    namespace = {}\n"
        f"    exec(open({str(secret)!r}).read(), namespace)\n"
        "    return namespace['square'](x)\n")})
    _layout(tmp_path, zip_path=tiny_project.build_dir("tiny") / "gradescope" / ZIP_NAME,
            notebook=json.dumps(notebook).encode(), name="tiny.ipynb")
    written = run_gradescope(root=tmp_path)
    square = [t for t in written["tests"] if t["name"].startswith("q1: ")]
    assert square and all(_status(t) == "failed" for t in square)
    assert all("PermissionError" in t["output"] for t in square), square
    assert secret.is_file()


def test_an_upload_without_a_notebook_is_graded_invalid_with_a_reason(tiny_project, tmp_path):
    layout = _layout(tmp_path, zip_path=tiny_project.build_dir("tiny") / "gradescope" / ZIP_NAME,
                     notebook=b"%PDF-1.4", name="answers.pdf")
    written = run_gradescope(root=layout.root)
    assert written["score"] == 0.0
    assert "status: invalid" in written["output"] and "holds no .ipynb" in written["output"]
    assert all(_status(t) == "failed" for t in written["tests"] if t["max_score"] > 0)


def test_a_limit_that_is_not_a_number_is_a_config_error(tiny_project, tmp_path):
    layout = _layout(tmp_path, zip_path=tiny_project.build_dir("tiny") / "gradescope" / ZIP_NAME,
                     notebook=b"{}", name="tiny.ipynb")
    config = layout.source / "gradescope.json"
    config.write_text(json.dumps(dict(json.loads(config.read_text()), timeout="five minutes")))
    with pytest.raises(ConfigError, match="must be numbers"):
        run_gradescope(root=layout.root)
    assert "must be numbers" in json.loads((layout.results / "results.json").read_text())["output"]
