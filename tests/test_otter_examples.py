"""Compatibility suite: otter-grader's own example masters, built, validated and graded by us.

Each master under `graded` in tests/fixtures/otter_examples/examples.yaml must give, on otter's
solution notebook, our blank template and a one-answer-wrong notebook, the points per question
that `otter run` gave the same notebooks (otter_scores.json, recorded by record_otter_scores.py).
Each master under `refused` must be refused by `build`, with a message naming the feature.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from autograder.authoring.build import build_assignment
from autograder.authoring.validate import validate_assignment
from autograder.errors import BuildError
from autograder.grading.bundle import load_bundle
from autograder.grading.grader import Grader, GradeOptions, grade_all
from autograder.grading.intake import Submission
from autograder.project import Project
from autograder.sandbox.launcher import SandboxLimits

HERE = Path(__file__).resolve().parent / "fixtures" / "otter_examples"
EXAMPLES = yaml.safe_load((HERE / "examples.yaml").read_text("utf-8"))
OTTER = json.loads((HERE / "otter_scores.json").read_text("utf-8"))["scores"]
NOTEBOOKS = [(name, kind) for name, spec in EXAMPLES["graded"].items()
             for kind in ["solution", "blank", *(f"wrong-{w['question']}" for w in spec["wrong"])]]

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]


def _project(root: Path, names) -> Project:
    (root / "solutions").mkdir(parents=True)
    for name in names:
        shutil.copytree(HERE / "masters" / name, root / "assignments" / name)
    return Project.locate(root)


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> dict:
    """Our results for every graded master's three notebooks, and its validation report."""
    root = tmp_path_factory.mktemp("otter_examples")
    root.chmod(0o755)
    project = _project(root / "project", EXAMPLES["graded"])
    options = GradeOptions(workers=2, timeout=60, test_timeout=20,
                           limits=SandboxLimits(memory_mb=1500))
    outcome = {}
    for name in EXAMPLES["graded"]:
        build_assignment(project=project, name=name)  # otter runs its tests, we check OK cases
        folder = HERE / "notebooks" / name
        mutants = project.root / "assignments" / name / "mutants"
        mutants.mkdir()
        for wrong in folder.glob("wrong-*.ipynb"):
            shutil.copy(wrong, mutants / wrong.name)
        grader = Grader(load_bundle(project=project, name=name), options)
        kinds = [kind for example, kind in NOTEBOOKS if example == name]
        subs = [Submission(kind, folder / f"{kind}.ipynb") for kind in kinds]
        results = dict(zip(kinds, grade_all(grader, submissions=subs)))
        report = validate_assignment(project=project, name=name, options=options)
        outcome[name] = (results, report)
    return outcome


def _ours(result) -> dict:
    return {q.name: q.points for q in result.questions if not q.manual and q.possible > 0}


@pytest.mark.parametrize("name,kind", NOTEBOOKS)
def test_we_grade_as_otter_run_grades(graded, name, kind):
    result = graded[name][0][kind]
    otter = OTTER[name][kind]
    assert result.status == "graded", result.message
    assert _ours(result) == pytest.approx(
        {q: s["score"] for q, s in otter["questions"].items()}, abs=1e-4), [
        (q.name, t.name, t.message) for q in result.questions for t in q.tests if not t.passed]
    assert result.score == pytest.approx(otter["total"], abs=1e-4)
    assert result.possible == pytest.approx(otter["possible"], abs=1e-4)


@pytest.mark.parametrize("name", list(EXAMPLES["graded"]))
def test_validate_proves_the_solution_and_the_wrong_notebook(graded, name):
    report = graded[name][1]
    solution = next(c for c in report.checks if c.expectation == "full marks")
    assert solution.ok, solution.outcome
    wrong = [check for check in report.checks if check.notebook.startswith("wrong-")]
    assert len(wrong) == len(EXAMPLES["graded"][name]["wrong"])
    assert all(check.ok for check in wrong), [(c.notebook, c.outcome) for c in wrong]
    # otter's examples come with two wrong notebooks: the only warning is that it is below three
    assert all("known-wrong notebook(s)" in w and "at least 3" in w for w in report.warnings), \
        report.warnings
    blank = next(c for c in report.checks if c.expectation.startswith("zero"))
    assert blank.result.score == pytest.approx(OTTER[name]["blank"]["total"])  # `>>> None` passes


@pytest.mark.parametrize("name,message", list(EXAMPLES["refused"].items()))
def test_build_refuses_what_it_cannot_grade_naming_the_feature(tmp_path, name, message):
    project = _project(tmp_path / "project", [name])
    with pytest.raises(BuildError, match=message.replace("`", ".").replace("(", ".")):
        build_assignment(project=project, name=name)
