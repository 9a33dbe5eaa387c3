"""`autograder check`: a student runs the public tests on their own notebook before submitting.

The notebook runs through the same path as real grading (sandbox + judge, every code cell from
top to bottom, cells tagged ``skip-grading`` skipped), but against the public tests only: the
``tests/`` folder that comes with the student notebook (``student_template/<hw>/tests/``), which
holds no hidden test. Nothing of ``build/`` (hidden tests) or ``solutions/`` is needed, so it
works on a student's machine. Public tests are small; a pass here does not promise full marks.
"""

from __future__ import annotations

import atexit
import dataclasses
import json
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from autograder.reports.bilingual import in_language
from autograder.errors import ConfigError
from autograder.grading.grader import Grader, GradeOptions
from autograder.grading.intake import Submission, student_id
from autograder.grading.judge import load_test_files
from autograder.grading.bundle import Bundle
from autograder.project import Project, QuestionInfo
from autograder.results import SubmissionResult

NOT_PUBLIC = {".ipynb_checkpoints", "__pycache__", "tests"}
EXTRACTED = "autograder-check-"
"""Prefix of the temporary folder that holds tests taken from a notebook's metadata."""


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
                   options: GradeOptions | None = None, lang: str = "both") -> CheckReport:
    """Run the public tests of `assignment` on `notebook` (an .ipynb or a grader.export() zip);
    failure messages in ``lang`` ("en", "fa", or "both": English, then Persian)."""
    notebook = Path(notebook)
    if not notebook.is_file():
        raise ConfigError(f"{notebook} does not exist; give the path of your .ipynb notebook")
    name = assignment or _assignment_name(notebook)
    tests_dir = find_public_tests(notebook=notebook, assignment=name, root=root)
    test_files = load_test_files(tests_dir)
    questions = [QuestionInfo(q, 0.0) for q in test_files]
    home = tests_dir.parent
    if home.name.startswith(EXTRACTED):  # tests from metadata: data is next to the notebook
        home = notebook.parent
    bundle = Bundle(name, questions, tests_dir, _public_files(home))
    options = dataclasses.replace(options or GradeOptions(workers=1, timeout=600.0,
                                                          test_timeout=60.0), public_only=True)
    grader = Grader(bundle, options)
    try:
        result = grader.grade(Submission(student_id(notebook.stem), notebook))
    finally:
        grader.close()
        if tests_dir.parent.name.startswith(EXTRACTED):  # now, not at exit: nothing piles up
            shutil.rmtree(tests_dir.parent, ignore_errors=True)
    return CheckReport(notebook, name, result, _rows(result, lang))


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
    stored = _tests_from_metadata(notebook=Path(notebook), template=template)
    if stored is not None:
        return stored
    raise ConfigError(
        f"no public tests found: {local} has no .py files. Keep your notebook in the folder you "
        f"downloaded (it has tests/ and data/ next to {assignment}.ipynb), or pass "
        "--assignment NAME if the notebook belongs to another assignment")


def _tests_from_metadata(*, notebook: Path, template: Path | None) -> Path | None:
    """otter keeps a notebook's public tests in its metadata unless `tests: files: true`: those
    of the project's student template (trusted, either format), else the notebook's own OK-format
    ones (plain data; exception-format tests are code, never taken from a submission), written to
    a temporary tests/ folder."""
    sources = [(template.parent / f"{template.parent.name}.ipynb", True)] if template else []
    for path, trusted in [*sources, (notebook, False)]:
        try:
            meta = json.loads(path.read_text("utf-8-sig")).get("metadata", {})
            stored = meta.get("otter", {}).get("tests", {})
        except (ValueError, OSError, AttributeError):
            continue
        if not isinstance(stored, dict):
            continue
        specs = {str(name): spec for name, spec in stored.items()
                 if isinstance(spec, dict) or (trusted and isinstance(spec, str))}
        if specs:
            return _write_tests(specs)
    return None


def _write_tests(specs: dict) -> Path:
    folder = Path(tempfile.mkdtemp(prefix=EXTRACTED)) / "tests"
    folder.mkdir()
    atexit.register(shutil.rmtree, folder.parent, True)
    for name, spec in specs.items():
        if not re.fullmatch(r"[\w-]{1,100}", name):
            continue
        # an OK spec is JSON data: its repr is a Python literal, so the file holds no code
        text = spec if isinstance(spec, str) else f"OK_FORMAT = True\n\ntest = {spec!r}\n"
        (folder / f"{name}.py").write_text(text, "utf-8")
    return folder


def _public_files(folder: Path) -> list[Path]:
    """What the sandbox gets next to the notebook: data/ and the like, as in real grading."""
    return sorted(p for p in folder.iterdir() if p.suffix.lower() not in (".ipynb", ".zip")
                  and p.name not in NOT_PUBLIC and not p.name.startswith("."))


def _rows(result: SubmissionResult, lang: str = "both") -> list[CheckRow]:
    rows = []
    for q in result.questions:
        if not q.tests:
            rows.append(CheckRow(q.name, "no public tests",
                                 "checked only by the hidden tests after you submit"))
        for t in q.tests:
            message = "" if t.passed else (in_language(t.message, lang) if t.message else "failed")
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

