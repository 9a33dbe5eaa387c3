"""`autograder validate`: prove that an assignment's tests separate right from wrong.

Three checks, all through the real grading path (sandbox + judge):
- the solution notebook scores full auto-graded marks;
- the blank student template scores zero and does not crash (status graded);
- every mutant in `assignments/<hw>/mutants/` loses points on exactly the questions its metadata
  names (``metadata.autograder.mutant.must_lose``): losing fewer means a test misses the mistake,
  losing more means a question's tests depend on another question's answer.

It also warns (without failing) when an assignment has fewer than ``MIN_MUTANTS`` mutants: the
solution and blank checks alone cannot show that a test catches a mistake.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from autograder.authoring.mutants import MIN_MUTANTS
from autograder.grading.grader import Grader, GradeOptions, grade_all
from autograder.grading.intake import Submission
from autograder.grading.notebook import notebook_metadata
from autograder.grading.bundle import load_bundle
from autograder.project import Project
from autograder.results import SubmissionResult


@dataclass
class Check:
    """One row of the validation table."""

    notebook: str
    expectation: str
    outcome: str
    ok: bool
    result: SubmissionResult | None = None


@dataclass
class ValidationReport:
    assignment: str
    checks: list[Check] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    """What weakens the proof without failing it (no known-wrong notebooks)."""

    @property
    def ok(self) -> bool:
        return bool(self.checks) and all(c.ok for c in self.checks)


def validate_assignment(*, project: Project, name: str, options: GradeOptions) -> ValidationReport:
    project.import_solutions()
    bundle = load_bundle(project=project, name=name)
    grader = Grader(bundle, options)
    report = ValidationReport(name, warnings=mutant_warnings(project=project, name=name))
    jobs = [("solution", project.solution_notebook(name)),
            ("blank", project.template_dir(name) / f"{name}.ipynb")]
    jobs += [("mutant", path) for path in project.mutants(name)]
    try:
        results = grade_all(grader, submissions=[Submission(path.stem, path) for _, path in jobs])
    finally:
        grader.close()  # its judge worker processes, if a test started them
    for (kind, path), result in zip(jobs, results):
        report.checks.append(_judge(kind, path, result))
    return report


def mutant_warnings(*, project: Project, name: str) -> list[str]:
    """A warning when the assignment has fewer known-wrong notebooks than ``MIN_MUTANTS``."""
    count = len(project.mutants(name))
    if count >= MIN_MUTANTS:
        return []
    if count == 0:
        return [f"{name} has no known-wrong notebooks (assignments/{name}/mutants/*.ipynb): "
                "nothing shows that its tests catch a wrong answer; write at least "
                f"{MIN_MUTANTS} (one per likely mistake) in mutants/make_mutants.py, each with "
                "metadata.autograder.mutant.must_lose naming the questions it must lose"]
    return [f"{name} has {count} known-wrong notebook(s) in assignments/{name}/mutants/; write "
            f"at least {MIN_MUTANTS} (one per mistake you expect students to make) in "
            f"mutants/make_mutants.py and run it, or nothing shows that the hidden tests catch "
            "a wrong answer (the test suite fails below that number)"]


def _judge(kind: str, path: Path, result: SubmissionResult) -> Check:
    score = f"{result.score:g}/{result.possible:g} ({result.status})"
    if kind == "solution":
        ok = result.status == "graded" and result.possible > 0 and result.score == result.possible
        return Check(path.name, "full marks", score + _failures(result), ok, result)
    if kind == "blank":
        ok = result.status == "graded" and result.score == 0
        return Check(path.name, "zero, no crash", score + _passes(result), ok, result)
    must_lose = _must_lose(path)
    lost = sorted(q.name for q in result.questions
                  if not q.manual and (q.points or 0) < q.possible)
    ok = bool(must_lose) and set(must_lose) == set(lost) and result.status == "graded"
    expectation = "loses exactly " + (", ".join(must_lose) or "(no must_lose metadata!)")
    return Check(path.name, expectation, f"lost {', '.join(lost) or 'nothing'}; {score}", ok, result)


def _must_lose(path: Path) -> list[str]:
    meta = notebook_metadata(path.read_bytes())
    mutant = meta.get("autograder", {}).get("mutant", {}) if isinstance(meta, dict) else {}
    return [str(q) for q in mutant.get("must_lose", [])] if isinstance(mutant, dict) else []


def _failures(result: SubmissionResult) -> str:
    failed = [f"{t.name}: {t.message}" for q in result.questions for t in q.tests if not t.passed]
    notes = failed[:3] + ([result.message] if result.message else [])
    return ("; " + " | ".join(notes)) if notes else ""


def _passes(result: SubmissionResult) -> str:
    passed = [t.name for q in result.questions for t in q.tests if t.passed and t.points > 0]
    return ("; passed " + ", ".join(passed[:5])) if passed else ""
