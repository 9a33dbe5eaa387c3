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


def _validate_with_fake_mutant(project, name: str, edit) -> list:
    """Validate with one more mutant (a copy of doubles.ipynb changed by ``edit``); return the
    report and that mutant's checks."""
    mutants = project.root / "assignments" / "tiny" / "mutants"
    fake = mutants / f"{name}.ipynb"
    source = json.loads((mutants / "doubles.ipynb").read_text())
    edit(source)
    fake.write_text(json.dumps(source))
    try:
        report = validate_assignment(project=project, name="tiny",
                                     options=GradeOptions(workers=2, timeout=20))
    finally:
        fake.unlink()
    return report, [c for c in report.checks if c.notebook == f"{name}.ipynb"]


def test_a_mutant_that_loses_nothing_fails_validation(tiny_project):
    def honest(source):
        source["cells"][1]["source"] = "def square(x):\n    return np.asarray(x, dtype=float) ** 2"

    report, bad = _validate_with_fake_mutant(tiny_project, "not_really_wrong", honest)
    assert not report.ok and len(bad) == 1 and not bad[0].ok
    assert "lost nothing" in bad[0].outcome


def test_a_mutant_that_loses_more_than_it_names_fails_validation(tiny_project):
    """Losing a question the metadata does not name means that question's tests depend on
    another answer (or the mutant is wrong in more ways than it says): both need a look."""
    def also_q2(source):
        source["cells"][2]["source"] = "".join(source["cells"][2]["source"]).replace(".mean()",
                                                                                     ".sum()")

    report, bad = _validate_with_fake_mutant(tiny_project, "also_breaks_q2", also_q2)
    assert len(bad) == 1 and not bad[0].ok and not report.ok
    assert "lost q1, q2" in bad[0].outcome


def test_an_assignment_without_known_wrong_notebooks_gets_a_warning(tiny_project, tmp_path):
    """Solution full and blank zero prove little on their own: a test that accepts anything but
    None passes both. validate says so (and still passes: the warning is advice)."""
    import shutil

    from autograder.project import Project

    root = tmp_path / "copy"
    shutil.copytree(tiny_project.root, root, ignore=shutil.ignore_patterns("mutants"))
    report = validate_assignment(project=Project.locate(root), name="tiny",
                                 options=GradeOptions(workers=2, timeout=20))
    assert report.ok and [c.expectation for c in report.checks if "loses" in c.expectation] == []
    assert len(report.warnings) == 1 and "tiny has no known-wrong notebooks" in report.warnings[0]
    with_mutants = validate_assignment(project=tiny_project, name="tiny",
                                       options=GradeOptions(workers=2, timeout=20))
    assert not any("no known-wrong" in w for w in with_mutants.warnings)  # tiny keeps one
