"""`autograder validate` on the tiny assignment."""

from __future__ import annotations

import json

from autograder.grading.grader import GradeOptions
from autograder.authoring.validate import validate_assignment


def test_tiny_assignment_validates(tiny_project):
    report = validate_assignment(project=tiny_project, name="tiny",
                                 options=GradeOptions(workers=2, timeout=20))
    kinds = {c.notebook: c for c in report.checks}
    assert kinds["tiny.ipynb"].ok  # solution and blank share the name; both must pass
    assert report.ok, [(c.notebook, c.outcome) for c in report.checks]
    assert {c.expectation for c in report.checks} == {"full marks", "zero, no crash", "loses exactly q1"}


def test_a_mutant_that_loses_nothing_fails_validation(tiny_project, tmp_path):
    mutants = tiny_project.root / "assignments" / "tiny" / "mutants"
    fake = mutants / "not_really_wrong.ipynb"
    source = json.loads((mutants / "doubles.ipynb").read_text())
    source["cells"][1]["source"] = "def square(x):\n    return np.asarray(x, dtype=float) ** 2"
    source["metadata"]["autograder"]["mutant"]["must_lose"] = ["q1"]
    fake.write_text(json.dumps(source))
    try:
        report = validate_assignment(project=tiny_project, name="tiny",
                                     options=GradeOptions(workers=2, timeout=20))
    finally:
        fake.unlink()
    bad = [c for c in report.checks if c.notebook == "not_really_wrong.ipynb"]
    assert not report.ok and len(bad) == 1 and not bad[0].ok
    assert "lost nothing" in bad[0].outcome


def test_a_mutant_that_loses_more_than_it_names_fails_validation(tiny_project):
    """Losing a question the metadata does not name means that question's tests depend on
    another answer (or the mutant is wrong in more ways than it says): both need a look."""
    mutants = tiny_project.root / "assignments" / "tiny" / "mutants"
    fake = mutants / "also_breaks_q2.ipynb"
    source = json.loads((mutants / "doubles.ipynb").read_text())
    source["cells"][2]["source"] = "".join(source["cells"][2]["source"]).replace(".mean()", ".sum()")
    fake.write_text(json.dumps(source))
    try:
        report = validate_assignment(project=tiny_project, name="tiny",
                                     options=GradeOptions(workers=2, timeout=20))
    finally:
        fake.unlink()
    bad = [c for c in report.checks if c.notebook == "also_breaks_q2.ipynb"]
    assert len(bad) == 1 and not bad[0].ok and not report.ok
    assert "lost q1, q2" in bad[0].outcome
