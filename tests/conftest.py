"""Shared fixtures: a built copy of the tiny test assignment, and a grader for it."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # nbfactory

from autograder.authoring.build import build_assignment  # noqa: E402
from autograder.grading.grader import Grader, GradeOptions  # noqa: E402
from autograder.grading.bundle import load_bundle  # noqa: E402
from autograder.project import Project  # noqa: E402
from autograder.sandbox.launcher import SandboxLimits  # noqa: E402

ROOT = HERE.parent
ASSIGNMENTS = Project.locate(ROOT).assignments()
FIXTURE_PROJECT = HERE / "fixtures" / "project"
ATTACKS = HERE / "fixtures" / "submissions" / "attacks"
OTTER_RUN_IN_TESTS = ("hw02", "hw04")
"""Real assignments that built_copy builds with otter's own run of the tests on the solution."""


@pytest.fixture(scope="session")
def tiny_project(tmp_path_factory) -> Project:
    """A private copy of tests/fixtures/project with the `tiny` assignment built."""
    root = tmp_path_factory.mktemp("project")
    shutil.copytree(FIXTURE_PROJECT, root, dirs_exist_ok=True)
    root.chmod(0o755)
    project = Project.locate(root)
    build_assignment(project=project, name="tiny")
    project.import_solutions()
    return project


@pytest.fixture(scope="session")
def tiny_grader(tiny_project) -> Grader:
    options = GradeOptions(workers=2, timeout=8, test_timeout=4,
                           limits=SandboxLimits(memory_mb=1500))
    return Grader(load_bundle(project=tiny_project, name="tiny"), options)


@pytest.fixture
def write_notebook(tmp_path):
    """write_notebook(name, cells, **kw) -> Path of a new .ipynb in tmp_path."""
    from nbfactory import notebook_bytes

    def write(name: str, cells: list[str], **kwargs) -> Path:
        path = tmp_path / f"{name}.ipynb"
        path.write_bytes(notebook_bytes(cells, **kwargs))
        return path

    return write


@pytest.fixture(scope="session")
def built_copy(tmp_path_factory) -> Project:
    """assignments/ and solutions/ copied to a temp root and built there (the repo is untouched).

    Built without otter's run of the tests on each solution (`build --no-run-tests`: the same
    template and bundle, up to the random cell ids and zip timestamp otter writes in every build).
    That run executes every solution notebook once more, training included (about 120 of the
    130 s the five builds took here), to show that otter's harness gives the solution full
    marks. test_assignments.py::test_assignment_validates shows full marks through the grading
    path itself (sandbox and judge), with the blank at zero and every mutant losing its
    questions. otter's run itself still runs here for hw02 and hw04 (real hidden tests that
    import `solutions` in otter's temporary copy, without training: seconds), in every build of
    the tiny assignment (tiny_project) and of otter's examples, and a build refusing a master
    whose solution fails it is tests/test_otter_examples.py's `demo` (refused)."""
    root = tmp_path_factory.mktemp("course")
    for folder in ("assignments", "solutions"):
        shutil.copytree(ROOT / folder, root / folder,
                        ignore=shutil.ignore_patterns("__pycache__", "demo_class"))
    project = Project.locate(root)
    for name in ASSIGNMENTS:
        build_assignment(project=project, name=name, run_tests=name in OTTER_RUN_IN_TESTS)
    project.import_solutions()
    return project
