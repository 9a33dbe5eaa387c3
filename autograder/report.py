"""Reports of a graded batch: the gradebook CSV, feedback for each student, a class summary.

Files written into ``out_dir``:

* ``grades.csv``: one line per student;
* ``feedback/<student>.md`` and ``feedback/<student>.html``: the student's feedback in the
  languages of ``lang``: "en", "fa" (Persian, right to left) or "both". With "both" each file
  holds the English section first and then the Persian one (one file per format, so a student
  gets a single link); the Persian Markdown section is wrapped in ``<div dir="rtl" lang="fa">``;
* ``summary.md``, ``summary.html`` and ``summary_*.png``: the class summary (staff-facing,
  English), the HTML page referencing the charts relatively and loading nothing else.

Everything a reader sees is built from :class:`~autograder.results.SubmissionResult` objects only,
which hold student-facing messages and never test source. All wording lives in
:mod:`autograder.messages` (English) and :mod:`autograder.messages_fa` (Persian).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from autograder.messages import MESSAGES, feedback_languages, messages_for
from autograder.project import QuestionInfo
from autograder.results import STATUSES, QuestionResult, SubmissionResult

BASE_COLUMNS = ["student", "status", "score", "possible", "percent"]
TAIL_COLUMNS = ["manual_pending", "message"]
MAX_TRACEBACK_LINES = 15
MAX_CELL_CHARS = 200
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_WITHIN_SECONDS = re.compile(r"within ([0-9]+(?:\.[0-9]+)?) ?s(?:ec(?:ond)?s?)?\b")


@dataclass
class _Row:
    """One student's gradebook line, reconciled with the assignment's question list."""

    result: SubmissionResult
    possible: float
    percent: float | None
    points: dict[str, float | None]
    pending: list[str]
    filename: str = ""
    """Feedback file name without extension (unique, safe)."""


def write_reports(*, results: list[SubmissionResult], out_dir: Path, assignment: str,
                  questions: list[QuestionInfo], timeout_seconds: float | None = None,
                  lang: str = "both") -> None:
    """Write grades.csv, feedback/<student>.{md,html}, summary.{md,html} and plots into out_dir.

    ``timeout_seconds`` is the run's time limit, quoted to students whose notebook timed out
    (without it, the limit is read from the result's message when it says "within N s").
    ``lang`` is the language of the feedback: "en", "fa" or "both".
    """
    from autograder.report_html import feedback_html, summary_html
    from autograder.report_summary import question_stats, summary_md, write_plots

    langs = feedback_languages(lang)
    out_dir = Path(out_dir)
    folder = out_dir / "feedback"
    folder.mkdir(parents=True, exist_ok=True)
    infos = _all_questions(questions, results)
    rows = [_make_row(r, infos) for r in sorted(results, key=lambda r: r.student)]
    _write_csv(out_dir / "grades.csv", rows, infos)
    used: set[str] = set()
    for row in rows:
        row.filename = _safe_filename(row.result.student, used)
        markdown = _feedback_md(row, infos, assignment, timeout_seconds, langs)
        (folder / f"{row.filename}.md").write_text(markdown, encoding="utf-8")
        html = feedback_html(row, infos, assignment, timeout_seconds, langs)
        (folder / f"{row.filename}.html").write_text(html, encoding="utf-8")
    stats = [question_stats(q, rows) for q in infos]
    plots = write_plots(out_dir, [r.percent for r in rows if r.percent is not None], stats)
    (out_dir / "summary.md").write_text(summary_md(rows, stats, assignment, plots),
                                        encoding="utf-8")
    html = summary_html(rows, stats, assignment, plots, _statuses(rows))
    (out_dir / "summary.html").write_text(html, encoding="utf-8")


# --- Shared helpers ------------------------------------------------------------------------------

def _all_questions(questions: list[QuestionInfo], results) -> list[QuestionInfo]:
    """The assignment's questions, plus any a result reports that the caller did not list."""
    infos = list(questions)
    known = {q.name for q in infos}
    for q in (q for r in results for q in r.questions if q.name not in known):
        known.add(q.name)
        infos.append(QuestionInfo(q.name, q.possible, q.manual))
    return infos


def _make_row(result: SubmissionResult, infos: list[QuestionInfo]) -> _Row:
    by_name = {q.name: q for q in result.questions}
    # A question the run never reached earned nothing; a manual one is simply not graded yet.
    points = {i.name: by_name[i.name].points if i.name in by_name else (None if i.manual else 0.0)
              for i in infos}
    # Results that never loaded the tests (invalid files) report 0 possible: use the assignment's.
    possible = result.possible or sum(q.points for q in infos if not q.manual)
    percent = 100.0 * result.score / possible if possible > 0 else None
    return _Row(result, possible, percent, points, [q.name for q in result.questions if q.pending])


def _statuses(rows: list[_Row]) -> list[str]:
    """The known statuses in their order, then any unknown one a result reports."""
    return [*STATUSES, *sorted({r.result.status for r in rows} - set(STATUSES))]


def _num(value: float | None) -> str:
    """Compact number: 5 not 5.0, 2.5 stays, at most two decimals; None is empty."""
    if value is None:
        return ""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{_num(value)}%"


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _md(text: str) -> str:
    """Markdown prose: `<` escaped so `<class 'int'>` is not swallowed as an HTML tag."""
    return str(text).replace("\\", "\\\\").replace("<", "\\<")


def _cell(text: str) -> str:
    """A Markdown table cell: one line, pipes escaped, long text cut."""
    text = _one_line(text)
    if len(text) > MAX_CELL_CHARS:
        text = text[:MAX_CELL_CHARS - 1] + "…"
    return _md(text).replace("|", "\\|")


def _item(text: str) -> str:
    """Multi-line text in a list item: continuation lines indented so they stay in the item."""
    lines = _md(text).strip().splitlines() or [""]
    return "\n".join([lines[0]] + ["  " + line for line in lines[1:]])


def _inline(text: str) -> str:
    return "`" + _one_line(text).replace("`", "'") + "`"


def _code_block(text: str, indent: str = "") -> str:
    """Fenced block whose fence is longer than any backtick run inside the text."""
    fence = "`" * max(3, 1 + max((len(m) for m in re.findall(r"`+", text)), default=0))
    return "\n".join(indent + line for line in [fence + "text", *text.splitlines(), fence])


def _md_table(m: dict[str, str], columns: list[str], align: str) -> str:
    """A Markdown table header: the columns' message keys, align "l" (text) or "r" (numbers)."""
    head = "| " + " | ".join(m[c] for c in columns) + " |"
    return head + "\n|" + "|".join("---:" if a == "r" else "---" for a in align) + "|"


def _safe_filename(student: str, used: set[str]) -> str:
    """Keep unicode and spaces, but never let an id leave the feedback directory or collide."""
    name = re.sub(r"[\x00-\x1f/\\]", "_", student).lstrip(". ") or "_"
    name = name.encode("utf-8")[:200].decode("utf-8", "ignore")
    base, n = name, 2
    while name.casefold() in used:  # casefold: case-insensitive file systems (macOS, Windows)
        name, n = f"{base}-{n}", n + 1
    used.add(name.casefold())
    return name


def _shorten_traceback(text: str, m: dict[str, str] = MESSAGES) -> str:
    lines = [line[:300] for line in _ANSI.sub("", text).rstrip().splitlines()]
    if len(lines) <= MAX_TRACEBACK_LINES:
        return "\n".join(lines)
    # The last frames say where it failed; the first line says it is a traceback.
    keep = MAX_TRACEBACK_LINES - 2
    omitted = m["tb_omitted"].format(count=len(lines) - keep - 1)
    return "\n".join([lines[0], omitted, *lines[-keep:]])


# --- grades.csv ----------------------------------------------------------------------------------

def _csv_text(text: str) -> str:
    """One line, and no leading = + - @ that a spreadsheet would run as a formula."""
    text = _one_line(text)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _write_csv(path: Path, rows: list[_Row], infos: list[QuestionInfo]) -> None:
    names = [q.name for q in infos]
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(BASE_COLUMNS + names + TAIL_COLUMNS)
        for row in rows:
            r = row.result
            writer.writerow([_csv_text(r.student), r.status, _num(r.score), _num(row.possible),
                             _num(row.percent), *(_num(row.points[n]) for n in names),
                             "; ".join(row.pending), _csv_text(r.message)])


# --- Feedback content shared by the Markdown and HTML writers ------------------------------------

def _status_name(status: str, m: dict[str, str]) -> str:
    return m.get(f"status_{status}", status)


def _status_explanation(result: SubmissionResult, timeout_seconds: float | None, fmt, wrap):
    """Why the submission was not graded normally.

    ``fmt(key, **values)`` formats a message, ``wrap(text)`` marks the result's own (English,
    free) text; the Markdown writer passes plain formatting, the HTML writer escaping markup.
    """
    message = wrap(_one_line(result.message).rstrip(".") or fmt("no_details"))
    if result.status == "timeout":
        found = _WITHIN_SECONDS.search(result.message)
        seconds = timeout_seconds or (float(found.group(1)) if found else None)
        limit = fmt("limit_seconds", seconds=_num(seconds)) if seconds else fmt("limit_unknown")
        return fmt("timeout", limit=limit, message=message)
    if result.status == "error":
        memory = re.search(r"memory|\boom\b", result.message, re.IGNORECASE)
        return fmt("error_memory" if memory else "error", message=message)
    return fmt("invalid" if result.status == "invalid" else "unknown_status", message=message)


def _question_outcome(q: QuestionResult | None, m: dict[str, str]) -> tuple[str, str]:
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


def _failing_groups(q: QuestionResult) -> list[tuple[str | None, list]]:
    """The question's failing tests grouped by message (one line per message, not per test)."""
    by_message: dict[str | None, list] = {}
    for t in q.tests:
        if not t.passed:
            by_message.setdefault(t.message or None, []).append(t)
    return list(by_message.items())


def _hint_keys(result: SubmissionResult) -> list[str]:
    """Hints the student can act on: the general one, then ones specific to what failed."""
    tests = [t for q in result.questions for t in q.tests]
    all_passed = all(t.passed for t in tests) and not result.cell_errors
    keys = ["hint_status" if result.status != "graded"
            else "hint_perfect" if all_passed and result.questions else "hint_fix"]
    keys += ["hint_hidden"] * any(t.hidden and not t.passed for t in tests)
    failed = any(not t.passed for t in tests)
    return keys + ["hint_cell_errors"] * bool(result.cell_errors and failed)


# --- feedback/<student>.md -----------------------------------------------------------------------

def _feedback_header(row: _Row, assignment: str, timeout_seconds, m) -> list[str]:
    r = row.result
    score = m["score_value"].format(score=_num(r.score), possible=_num(row.possible),
                                    percent=_pct(row.percent))
    facts = [(m["label_student"], _md(r.student)), (m["label_score"], score),
             (m["label_status"], _status_name(r.status, m))]
    lines = ["# " + m["fb_title"].format(assignment=_md(assignment)), "",
             "  \n".join(f"**{label}:** {value}" for label, value in facts), ""]
    if r.manual_possible:
        lines += [m["fb_manual_total"].format(points=_num(r.manual_possible)), ""]
    if r.status != "graded":
        text = _status_explanation(r, timeout_seconds, lambda k, **kw: m[k].format(**kw), str)
        lines += ["> " + _md(text), ""]
    elif r.message.strip():
        lines += ["> " + _md(m["fb_note"].format(message=_one_line(r.message))), ""]
    return lines


def _feedback_questions(row: _Row, infos: list[QuestionInfo], m) -> list[str]:
    by_name = {q.name: q for q in row.result.questions}
    if not by_name:
        return ["## " + m["fb_questions"], "", m["fb_no_questions"], ""]
    columns = ["col_question", "col_points", "col_possible", "col_result"]
    lines = ["## " + m["fb_questions"], "", _md_table(m, columns, "lrrl")]
    for info in infos:
        name = info.name + (m["manual"] if info.manual else "")
        points = "—" if row.points[info.name] is None else _num(row.points[info.name])
        outcome = _question_outcome(by_name.get(info.name), m)[1]
        lines.append(f"| {_cell(name)} | {points} | {_num(info.points)} | {_cell(outcome)} |")
    return lines + [""]


def _feedback_tests(result: SubmissionResult, m) -> list[str]:
    """Failing tests with their (student-facing) messages, then passing tests by name only."""
    failing, passing = [], []
    for q in result.questions:
        question = f"**{_md(q.name)}**"
        failing += ["- " + m["fb_failing_item"].format(
            question=question, test=m["list_sep"].join(_inline(t.name) for t in tests),
            hidden=m["hidden"] * any(t.hidden for t in tests),
            message=_item(message or m["no_details"])) for message, tests in _failing_groups(q)]
        passed = [_inline(t.name) for t in q.tests if t.passed]
        if passed:
            passing.append("- " + m["fb_passing_item"].format(
                question=question, tests=m["list_sep"].join(passed)))
    lines = ["## " + m["fb_failing"], "", *failing, ""] if failing else []
    return lines + (["## " + m["fb_passing"], "", *passing, ""] if passing else [])


def _feedback_cell_errors(result: SubmissionResult, m) -> list[str]:
    if not result.cell_errors:
        return []
    lines = ["## " + m["fb_cell_errors"], ""]
    for err in result.cell_errors:
        error = _md(_one_line(err.error))
        lines.append("- " + m["fb_cell_item"].format(cell=err.cell, error=error))
        if err.traceback.strip():
            lines += ["", _code_block(_shorten_traceback(err.traceback, m), indent="  ")]
    return lines + [""]


def _feedback_section(row: _Row, infos, assignment: str, timeout_seconds, m) -> list[str]:
    r = row.result
    lines = _feedback_header(row, assignment, timeout_seconds, m)
    lines += _feedback_questions(row, infos, m) + _feedback_tests(r, m)
    lines += _feedback_cell_errors(r, m) + ["---", ""]
    for key in _hint_keys(r):
        lines += [f"_{m[key]}_", ""]
    return lines


def _feedback_md(row: _Row, infos, assignment: str, timeout_seconds, langs) -> str:
    lines: list[str] = []
    for lang in langs:
        section = _feedback_section(row, infos, assignment, timeout_seconds, messages_for(lang))
        if lang == "fa":  # blank lines around: the Markdown inside the div is still parsed
            section = ['<div dir="rtl" lang="fa">', "", *section, "</div>", ""]
        lines += section
    return "\n".join(lines)
