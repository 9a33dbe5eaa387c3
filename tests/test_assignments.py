"""Every real assignment: builds from a clean copy, its committed template is current, and
`autograder validate` proves its tests (solution full marks, blank zero, mutants lose points)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from autograder.grade import GradeOptions
from autograder.validate import validate_assignment

from conftest import ASSIGNMENTS, ROOT


def _cells(path: Path) -> list[tuple[str, str]]:
    notebook = json.loads(path.read_text("utf-8"))
    return [(c["cell_type"], "".join(c["source"])) for c in notebook["cells"]]


@pytest.mark.slow
@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_committed_template_matches_a_fresh_build(built_copy, name):
    fresh = built_copy.template_dir(name) / f"{name}.ipynb"
    committed = ROOT / "student_template" / name / f"{name}.ipynb"
    assert committed.is_file(), f"run `autograder build {name}` and commit student_template/{name}"
    assert _cells(committed) == _cells(fresh), f"student_template/{name} is stale: rebuild it"


@pytest.mark.slow
@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_assignment_validates(built_copy, name):
    report = validate_assignment(project=built_copy, name=name,
                                 options=GradeOptions(workers=2, timeout=240, test_timeout=120))
    problems = [(c.notebook, c.expectation, c.outcome) for c in report.checks if not c.ok]
    assert report.ok, problems
    assert sum(1 for c in report.checks if c.expectation.startswith("loses")) >= 3
