"""`autograder check`: a student runs the public tests on their own notebook before submitting.

The notebook runs through the same path as real grading (sandbox + judge, every code cell from
top to bottom, cells tagged ``skip-grading`` skipped), but against the public tests only: the
``tests/`` folder that comes with the student notebook (``student_template/<hw>/tests/``), which
holds no hidden test. Nothing of ``build/`` (hidden tests) or ``solutions/`` is needed, so it
works on a student's machine. Public tests are small; a pass here does not promise full marks.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path

from autograder.errors import ConfigError
from autograder.grading.grader import Grader, GradeOptions
from autograder.grading.intake import Submission, student_id
from autograder.grading.judge import load_test_files
from autograder.grading.bundle import Bundle
from autograder.project import Project, QuestionInfo
from autograder.results import SubmissionResult

NOT_PUBLIC = {".ipynb_checkpoints", "__pycache__", "tests"}


@dataclass
class CheckRow:
    question: str
    outcome: str
    """passed, failed, or no public tests."""
    message: str


@dataclass
class CheckReport:
    notebook: Path
    assignment: str
    result: SubmissionResult
    rows: list[CheckRow] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.result.status == "graded" and all(r.outcome != "failed" for r in self.rows)


def check_notebook(*, notebook: Path, assignment: str | None = None, root: Path | None = None,
                   options: GradeOptions | None = None) -> CheckReport:
    """Run the public tests of `assignment` on `notebook` (an .ipynb or a grader.export() zip)."""
    notebook = Path(notebook)
    if not notebook.is_file():
        raise ConfigError(f"{notebook} does not exist; give the path of your .ipynb notebook")
    name = assignment or _assignment_name(notebook)
    tests_dir = find_public_tests(notebook=notebook, assignment=name, root=root)
    test_files = load_test_files(tests_dir)
    questions = [QuestionInfo(q, 0.0) for q in test_files]
    bundle = Bundle(name, questions, tests_dir, _public_files(tests_dir.parent))
    options = dataclasses.replace(options or GradeOptions(workers=1, timeout=600.0,
                                                          test_timeout=60.0), public_only=True)
    result = Grader(bundle, options).grade(Submission(student_id(notebook.stem), notebook))
    return CheckReport(notebook, name, result, _rows(result))


def _assignment_name(notebook: Path) -> str:
    """otter's `assignment_name` from the notebook's metadata, else the file name."""
    if notebook.suffix.lower() == ".ipynb":
        try:
            meta = json.loads(notebook.read_text("utf-8-sig")).get("metadata", {})
            name = meta.get("otter", {}).get("assignment_name")
            if isinstance(name, str) and name.strip():
                return name.strip()
        except (ValueError, OSError, AttributeError):
            pass  # grading will report the broken file properly
    return notebook.stem


def find_public_tests(*, notebook: Path, assignment: str, root: Path | None = None) -> Path:
    """`tests/` next to the notebook, else `student_template/<hw>/tests` of the project."""
    local = Path(notebook).parent / "tests"
    if any(local.glob("*.py")):
        return local
    try:
        template = Project.locate(root).template_dir(assignment) / "tests"
    except ConfigError:
        template = None
    if template is not None and any(template.glob("*.py")):
        return template
    raise ConfigError(
        f"no public tests found: {local} has no .py files. Keep your notebook in the folder you "
        f"downloaded (it has tests/ and data/ next to {assignment}.ipynb), or pass "
        "--assignment NAME if the notebook belongs to another assignment")


def _public_files(folder: Path) -> list[Path]:
    """What the sandbox gets next to the notebook: data/ and the like, as in real grading."""
    return sorted(p for p in folder.iterdir() if p.suffix.lower() not in (".ipynb", ".zip")
                  and p.name not in NOT_PUBLIC and not p.name.startswith("."))


def _rows(result: SubmissionResult) -> list[CheckRow]:
    rows = []
    for q in result.questions:
        if not q.tests:
            rows.append(CheckRow(q.name, "no public tests",
                                 "checked only by the hidden tests after you submit"))
        for t in q.tests:
            message = "" if t.passed else (t.message or "failed")
            rows.append(CheckRow(f"{q.name}: {t.name}", "passed" if t.passed else "failed",
                                 message))
    return rows


def submit_advice(report: CheckReport) -> str:
    """What to hand in, in the student's terms."""
    name = report.notebook.name
    if report.notebook.suffix.lower() == ".zip":
        return (f"Submit {name} (the zip made by grader.export()). It must contain your "
                f"notebook {report.assignment}.ipynb.")
    return (f"Submit {name}, or the zip made by running the export cell (grader.export()) at the "
            "end of the notebook. Save the notebook first (File > Save); the grader runs every "
            "code cell from top to bottom, so restart the kernel and run all cells once to be "
            "sure.")


def status_advice(result: SubmissionResult) -> str:
    """One sentence about a run that was not normal (empty when it was)."""
    if result.status == "graded":
        return ""
    if result.status == "invalid":
        return f"Your file could not be read: {result.message}"
    return f"Your notebook did not run normally ({result.status}): {result.message}"

