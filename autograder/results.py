"""Grading results as dataclasses, and their atomic JSON persistence.

Every submission ends as exactly one :class:`SubmissionResult`, whatever went wrong: the status
field says how far grading got. Results hold only plain data so that they can be written as JSON
and read back without trusting anything.

Much of a result's text comes from the sandbox (exception messages, tracebacks, names): the
grader passes every result through :func:`clean_result` (lone surrogates replaced, control
characters other than newline and tab removed, length capped), and :func:`write_json_atomic`
cleans whatever it writes once more, so no student text can make writing a result fail.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any

TEXT_LIMIT = 10_000
"""Characters kept of any one text in a result (messages, tracebacks, names)."""
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
STATUSES = ("graded", "timeout", "error", "invalid")
"""graded: the notebook ran and the tests ran; timeout: the submission ran out of time (tests
may still have run on what was defined before); error: the sandbox failed (crash, memory limit);
invalid: the file is not a gradable notebook."""


@dataclass
class NamedMistake:
    """A known mistake (one of the assignment's mutants) whose outputs the student's equal on
    every call a failing hidden test made; named in English and Persian for the feedback."""

    id: str
    """The mutant's name, e.g. ``q1_unbiased_variance``."""
    name_en: str
    name_fa: str
    explanation_en: str
    explanation_fa: str


@dataclass
class TestResult:
    """One otter test case, run judge-side."""

    name: str
    passed: bool
    points: float
    possible: float
    hidden: bool
    message: str
    """Student-facing explanation; never contains the hidden test's source."""
    duration: float = 0.0
    mistake: NamedMistake | None = None
    """The known mistake this failing hidden test's outputs equal, if any (judge-side)."""


@dataclass
class QuestionResult:
    """A question of the assignment: auto-graded (tests) or manual (awaiting a TA)."""

    name: str
    possible: float
    points: float | None
    """Earned points; None for a manual question that has not been graded yet."""
    manual: bool = False
    tests: list[TestResult] = field(default_factory=list)

    @property
    def pending(self) -> bool:
        return self.manual and self.points is None


@dataclass
class CellError:
    """An exception raised by one code cell while the notebook ran in the sandbox."""

    cell: int
    """1-based index among the notebook's code cells."""
    error: str
    """`ExceptionType: message`, shortened."""
    traceback: str = ""


@dataclass
class SubmissionResult:
    student: str
    assignment: str
    source: str
    """Path of the submitted file as given to the grader."""
    status: str
    message: str = ""
    """Why the status is not `graded`, or notes about the run (e.g. output was truncated)."""
    score: float = 0.0
    """Auto-graded points earned (manual questions excluded until merged)."""
    possible: float = 0.0
    """Auto-graded points possible."""
    manual_possible: float = 0.0
    questions: list[QuestionResult] = field(default_factory=list)
    cell_errors: list[CellError] = field(default_factory=list)
    duration: float = 0.0
    """Wall-clock seconds spent grading this submission, sandbox start to last test."""
    notebook_seconds: float = 0.0
    """Of which the notebook's own cells took this long in the sandbox."""
    protections: dict[str, Any] = field(default_factory=dict)
    """Which sandbox protections were in force on this machine (user, network, limits...)."""
    submission_sha256: str = ""
    bundle_sha256: str = ""
    grader_version: str = ""
    code: dict[str, Any] = field(default_factory=dict)
    """Fingerprints of the student's own code (cells that differ from the template), for the
    summary's identical and similar submissions: ``sha256`` of the normalised code ("" when the
    student wrote nothing), ``hashes`` (winnowed fingerprints) and ``tokens``."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "SubmissionResult":
        data = dict(data)
        questions = []
        for q in data.pop("questions", []):
            q = dict(q)
            tests = [_test_result(t) for t in q.pop("tests", [])]
            questions.append(QuestionResult(tests=tests, **q))
        errors = [CellError(**e) for e in data.pop("cell_errors", [])]
        return cls(questions=questions, cell_errors=errors, **data)


def _test_result(data: dict[str, Any]) -> TestResult:
    data = dict(data)
    mistake = data.pop("mistake", None)
    return TestResult(mistake=NamedMistake(**mistake) if isinstance(mistake, dict) else None,
                      **data)


def clean_text(value: Any, *, limit: int = TEXT_LIMIT) -> str:
    """``value`` as text that can always be written: lone surrogates become U+FFFD, control
    characters other than newline and tab are removed, and it is cut to ``limit`` characters."""
    text = value if isinstance(value, str) else str(value)
    text = _UNSAFE.sub(lambda m: "\ufffd" if m.group() >= "\ud800" else "", str.__str__(text))
    if len(text) > limit:
        text = f"{text[:limit]}... ({len(text) - limit:,} more characters)"
    return text


def clean_tree(data: Any, *, depth: int = 0) -> Any:
    """A copy of JSON-like data with every string (keys too) cleaned by :func:`clean_text`."""
    if isinstance(data, str):
        return clean_text(data)
    if depth > 50:
        return "(nested too deeply)"
    if isinstance(data, dict):
        return {clean_text(k) if isinstance(k, str) else k: clean_tree(v, depth=depth + 1)
                for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [clean_tree(v, depth=depth + 1) for v in data]
    return data


def clean_result(result: SubmissionResult) -> SubmissionResult:
    """Clean every text of ``result`` in place (see :func:`clean_text`); returns it."""
    _clean_fields(result)
    return result


def _clean_fields(obj: Any) -> None:
    for spec in fields(obj):
        value = getattr(obj, spec.name)
        if isinstance(value, str):
            setattr(obj, spec.name, clean_text(value))
        elif isinstance(value, dict):
            setattr(obj, spec.name, clean_tree(value))
        elif isinstance(value, list):
            for item in value:
                if is_dataclass(item):
                    _clean_fields(item)
        elif is_dataclass(value):
            _clean_fields(value)


def write_json_atomic(path: Path, data: Any) -> None:
    """Write JSON so that a reader never sees half a file, even if we are killed mid-write.

    Strings are cleaned on the way (:func:`clean_tree`): a last line of defence."""
    data = clean_tree(data)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=2, allow_nan=False, default=_finite)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _finite(value: Any) -> Any:
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def save_result(result: SubmissionResult, results_dir: Path) -> Path:
    path = Path(results_dir) / f"{result.student}.json"
    write_json_atomic(path, result.to_dict())
    return path


def load_result(path: Path) -> SubmissionResult:
    with open(path, encoding="utf-8") as handle:
        return SubmissionResult.from_dict(json.load(handle))


def load_results(results_dir: Path) -> list[SubmissionResult]:
    """All results in a directory, sorted by student id."""
    paths = sorted(Path(results_dir).glob("*.json"))
    return [load_result(p) for p in paths]
