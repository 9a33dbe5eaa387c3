"""What a report says about a result, whatever its format: the gradebook row, the status
explanation, each question's outcome, failing tests grouped by message, and the hints.

The Markdown and HTML writers and the class summary all build on these, so the formats agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from autograder.project import QuestionInfo
from autograder.reports.engine_fa import code, translate_engine
from autograder.reports.formatting import num, one_line, pct
from autograder.reports.markup import text_md
from autograder.reports.manual_store import GRADABLE
from autograder.results import STATUSES, QuestionResult, SubmissionResult

_WITHIN_SECONDS = re.compile(r"within ([0-9]+(?:\.[0-9]+)?) ?s(?:ec(?:ond)?s?)?\b")


@dataclass
class Row:
    """One student's gradebook line, reconciled with the assignment's question list."""

    result: SubmissionResult
    possible: float
    percent: float | None
    points: dict[str, float | None]
    pending: list[str]
    """Manual questions still to be graded (none for a submission that did not run)."""
    filename: str = ""
    """Feedback file name without extension (unique, safe)."""
    comments: dict[str, str] = field(default_factory=dict)
    """The TAs' comments, by question."""

    @property
    def manual_points(self) -> float:
        return sum(q.points or 0.0 for q in self.result.questions if q.manual)

    @property
    def manual_graded(self) -> bool:
        """Whether a TA has given points to at least one manual question."""
        return any(q.manual and q.points is not None for q in self.result.questions)

def all_questions(questions: list[QuestionInfo], results) -> list[QuestionInfo]:
    """The assignment's questions, plus any a result reports that the caller did not list."""
    infos = list(questions)
    known = {q.name for q in infos}
    for q in (q for r in results for q in r.questions if q.name not in known):
        known.add(q.name)
        infos.append(QuestionInfo(q.name, q.possible, q.manual))
    return infos

def make_row(result: SubmissionResult, infos: list[QuestionInfo]) -> Row:
    by_name = {q.name: q for q in result.questions}
    # A question the run never reached earned nothing; a manual one is simply not graded yet.
    points = {i.name: by_name[i.name].points if i.name in by_name else (None if i.manual else 0.0)
              for i in infos}
    # Results that never loaded the tests (invalid files) report 0 possible: use the assignment's.
    possible = result.possible or sum(q.points for q in infos if not q.manual)
    percent = 100.0 * result.score / possible if possible > 0 else None
    pending = [q.name for q in result.questions if q.pending] if result.status in GRADABLE else []
    return Row(result, possible, percent, points, pending)

def total_text(row: Row, m: dict[str, str]) -> str:
    """Auto-graded plus manual points out of both, and the manual questions still pending."""
    possible = row.possible + row.result.manual_possible
    total = row.result.score + row.manual_points
    percent = pct(100.0 * total / possible if possible > 0 else None)
    text = m["total_value"].format(total=num(total), possible=num(possible), percent=percent)
    if row.pending:
        text = m["total_pending"].format(value=text, questions=m["list_sep"].join(row.pending))
    return text

def statuses_of(rows: list[Row]) -> list[str]:
    """The known statuses in their order, then any unknown one a result reports."""
    return [*STATUSES, *sorted({r.result.status for r in rows} - set(STATUSES))]

def status_name(status: str, m: dict[str, str]) -> str:
    return m.get(f"status_{status}", status)

def engine_text(message: str, lang: str) -> str:
    """A message the grader wrote (English) in ``lang``: Persian from its known wording."""
    text = one_line(message)
    return translate_engine(text) if lang == "fa" else text


def cell_error_md(error: str, lang: str) -> str:
    """A cell's exception as Markdown: code, unless it is the grader's own (translated) note."""
    translated = engine_text(error, lang)
    return text_md(translated) if translated != one_line(error) else code(one_line(error))


def status_explanation(result: SubmissionResult, *, timeout_seconds: float | None,
                       m: dict[str, str], lang: str) -> str:
    """Why the submission was not graded normally, as Markdown in ``lang`` (the result's own
    message Persian from the grader's known wording)."""
    message = one_line(result.message).rstrip(".")
    message = text_md(engine_text(message, lang)) if message else m["no_details"]
    if result.status == "timeout":
        found = _WITHIN_SECONDS.search(result.message)
        seconds = timeout_seconds or (float(found.group(1)) if found else None)
        limit = m["limit_seconds"].format(seconds=num(seconds)) if seconds else m["limit_unknown"]
        return m["timeout"].format(limit=limit, message=message)
    if result.status == "error":
        memory = re.search(r"memory|\boom\b", result.message, re.IGNORECASE)
        return m["error_memory" if memory else "error"].format(message=message)
    key = "invalid" if result.status == "invalid" else "unknown_status"
    return m[key].format(message=message)

def question_outcome(q: QuestionResult | None, m: dict[str, str]) -> tuple[str, str]:
    """(kind, text): kind is pass, fail, pending, done or missing (the HTML writer colours it)."""
    if q is None:
        return "missing", m["q_missing"]
    if q.manual:
        return ("pending", m["q_manual_pending"]) if q.pending else ("done", m["q_manual_done"])
    if not q.tests:
        return "missing", m["q_no_tests"]
    failed = sum(not t.passed for t in q.tests)
    if failed:
        return "fail", m["q_failed"].format(failed=failed, total=len(q.tests))
    return "pass", m["q_passed"]

def failing_groups(q: QuestionResult) -> list[tuple[str | None, list]]:
    """The question's failing tests grouped by message (one line per message, not per test)."""
    by_message: dict[str | None, list] = {}
    for t in q.tests:
        if not t.passed:
            by_message.setdefault(t.message or None, []).append(t)
    return list(by_message.items())

def group_mistakes(tests: list, *, m: dict[str, str], shown: set[str]) -> list[tuple[str, str]]:
    """(name, explanation) of the known mistakes a group of failing tests caught, in the
    language of ``m``, leaving out (and then adding to) the ids in ``shown``."""
    lang = m.get("mistake_lang", "en")
    found = {t.mistake.id: t.mistake for t in tests
             if getattr(t, "mistake", None) is not None and t.mistake.id not in shown}
    shown.update(found)
    return [(getattr(k, f"name_{lang}"), getattr(k, f"explanation_{lang}"))
            for k in found.values()]


def hidden_marks(tests: list, m: dict[str, str]) -> tuple[list[str], str]:
    """(a mark after each test's name, a mark after the whole group): a group of hidden tests
    is marked once; in a group that mixes public and hidden tests, only the hidden ones are."""
    if all(t.hidden for t in tests):
        return [""] * len(tests), m["hidden"]
    return [m["hidden"] if t.hidden else "" for t in tests], ""


def hint_keys(result: SubmissionResult) -> list[str]:
    """Hints the student can act on: the general one, then ones specific to what failed."""
    tests = [t for q in result.questions for t in q.tests]
    all_passed = all(t.passed for t in tests) and not result.cell_errors
    keys = ["hint_status" if result.status != "graded"
            else "hint_perfect" if all_passed and result.questions else "hint_fix"]
    keys += ["hint_hidden"] * any(t.hidden and not t.passed for t in tests)
    failed = any(not t.passed for t in tests)
    return keys + ["hint_cell_errors"] * bool(result.cell_errors and failed)
