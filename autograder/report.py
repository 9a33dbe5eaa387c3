"""Reports of a graded batch: the gradebook CSV, one feedback file per student, a class summary.

Everything a reader sees is built from :class:`~autograder.results.SubmissionResult` objects only,
which hold student-facing messages and never test source. All wording lives in :data:`MESSAGES`
so that a translation only has to replace that dict.
"""

from __future__ import annotations

import csv
import re
import statistics
from dataclasses import dataclass
from pathlib import Path

from autograder.messages import MESSAGES
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


@dataclass
class _QuestionStats:
    info: QuestionInfo
    mean: float | None
    mean_percent: float | None
    pass_rate: float | None
    pending: list[str]


def write_reports(*, results: list[SubmissionResult], out_dir: Path, assignment: str,
                  questions: list[QuestionInfo], timeout_seconds: float | None = None) -> None:
    """Write grades.csv, feedback/<student>.md, summary.md and the summary plots into out_dir.

    ``timeout_seconds`` is the run's time limit, quoted to students whose notebook timed out
    (without it, the limit is read from the result's message when it says "within N s").
    """
    out_dir = Path(out_dir)
    (out_dir / "feedback").mkdir(parents=True, exist_ok=True)
    infos = _all_questions(questions, results)
    rows = [_make_row(r, infos) for r in sorted(results, key=lambda r: r.student)]
    _write_csv(out_dir / "grades.csv", rows, infos)
    used: set[str] = set()
    for row in rows:
        text = _feedback(row, infos, assignment, timeout_seconds)
        path = out_dir / "feedback" / f"{_safe_filename(row.result.student, used)}.md"
        path.write_text(text, encoding="utf-8")
    stats = [_question_stats(q, rows) for q in infos]
    plots = _write_plots(out_dir, rows, stats)
    (out_dir / "summary.md").write_text(_summary(rows, stats, assignment, plots), encoding="utf-8")


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


def _safe_filename(student: str, used: set[str]) -> str:
    """Keep unicode and spaces, but never let an id leave the feedback directory or collide."""
    name = re.sub(r"[\x00-\x1f/\\]", "_", student).lstrip(". ") or "_"
    name = name.encode("utf-8")[:200].decode("utf-8", "ignore")
    base, n = name, 2
    while name.casefold() in used:  # casefold: case-insensitive file systems (macOS, Windows)
        name, n = f"{base}-{n}", n + 1
    used.add(name.casefold())
    return name


def _shorten_traceback(text: str) -> str:
    lines = [line[:300] for line in _ANSI.sub("", text).rstrip().splitlines()]
    if len(lines) <= MAX_TRACEBACK_LINES:
        return "\n".join(lines)
    # The last frames say where it failed; the first line says it is a traceback.
    keep = MAX_TRACEBACK_LINES - 2
    omitted = MESSAGES["tb_omitted"].format(count=len(lines) - keep - 1)
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


# --- feedback/<student>.md -----------------------------------------------------------------------

def _status_explanation(result: SubmissionResult, timeout_seconds: float | None) -> str:
    message = _one_line(result.message).rstrip(".") or MESSAGES["no_details"]
    if result.status == "timeout":
        found = _WITHIN_SECONDS.search(result.message)
        seconds = timeout_seconds or (float(found.group(1)) if found else None)
        limit = (MESSAGES["limit_seconds"].format(seconds=_num(seconds)) if seconds
                 else MESSAGES["limit_unknown"])
        return MESSAGES["timeout"].format(limit=limit, message=message)
    if result.status == "error":
        memory = re.search(r"memory|\boom\b", message, re.IGNORECASE)
        return MESSAGES["error_memory" if memory else "error"].format(message=message)
    key = "invalid" if result.status == "invalid" else "unknown_status"
    return MESSAGES[key].format(message=message)


def _question_outcome(q: QuestionResult | None) -> str:
    if q is None:
        return MESSAGES["q_missing"]
    if q.manual:
        return MESSAGES["q_manual_pending" if q.pending else "q_manual_done"]
    if not q.tests:
        return MESSAGES["q_no_tests"]
    failed = sum(not t.passed for t in q.tests)
    return MESSAGES["q_failed"].format(failed=failed, total=len(q.tests)) if failed \
        else MESSAGES["q_passed"]


def _feedback_header(row: _Row, assignment: str, timeout_seconds: float | None) -> list[str]:
    r = row.result
    lines = [MESSAGES["fb_title"].format(assignment=_md(assignment)), "",
             MESSAGES["fb_header"].format(student=_md(r.student), score=_num(r.score),
                                          possible=_num(row.possible), percent=_pct(row.percent),
                                          status=r.status), ""]
    if r.manual_possible:
        lines += [MESSAGES["fb_manual_total"].format(points=_num(r.manual_possible)), ""]
    if r.status != "graded":
        lines += ["> " + _md(_status_explanation(r, timeout_seconds)), ""]
    elif r.message.strip():
        lines += ["> " + _md(MESSAGES["fb_note"].format(message=_one_line(r.message))), ""]
    return lines


def _feedback_questions(row: _Row, infos: list[QuestionInfo]) -> list[str]:
    by_name = {q.name: q for q in row.result.questions}
    if not by_name:
        return [MESSAGES["fb_questions"], "", MESSAGES["fb_no_questions"], ""]
    lines = [MESSAGES["fb_questions"], "", MESSAGES["fb_q_head"]]
    for info in infos:
        name = info.name + (MESSAGES["manual"] if info.manual else "")
        points = "—" if row.points[info.name] is None else _num(row.points[info.name])
        outcome = _question_outcome(by_name.get(info.name))
        lines.append(f"| {_cell(name)} | {points} | {_num(info.points)} | {_cell(outcome)} |")
    return lines + [""]


def _feedback_tests(result: SubmissionResult) -> list[str]:
    """Failing tests with their (student-facing) messages, then passing tests by name only."""
    failing, passing = [], []
    for q in result.questions:
        by_message: dict[str, list] = {}  # one line per distinct message, not per test
        for t in q.tests:
            if not t.passed:
                by_message.setdefault(t.message or MESSAGES["no_details"], []).append(t)
        failing += [MESSAGES["fb_failing_item"].format(
            question=_md(q.name), test=", ".join(_inline(t.name) for t in tests),
            hidden=MESSAGES["hidden"] * any(t.hidden for t in tests), message=_item(message))
            for message, tests in by_message.items()]
        passed = [_inline(t.name) for t in q.tests if t.passed]
        if passed:
            passing.append(MESSAGES["fb_passing_item"].format(question=_md(q.name),
                                                              tests=", ".join(passed)))
    lines = [MESSAGES["fb_failing"], "", *failing, ""] if failing else []
    return lines + ([MESSAGES["fb_passing"], "", *passing, ""] if passing else [])


def _feedback_cell_errors(result: SubmissionResult) -> list[str]:
    if not result.cell_errors:
        return []
    lines = [MESSAGES["fb_cell_errors"], ""]
    for err in result.cell_errors:
        error = _md(_one_line(err.error))
        lines.append(MESSAGES["fb_cell_item"].format(cell=err.cell, error=error))
        if err.traceback.strip():
            lines += ["", _code_block(_shorten_traceback(err.traceback), indent="  ")]
    return lines + [""]


def _feedback(row: _Row, infos, assignment: str, timeout_seconds: float | None) -> str:
    r = row.result
    lines = _feedback_header(row, assignment, timeout_seconds)
    lines += _feedback_questions(row, infos) + _feedback_tests(r) + _feedback_cell_errors(r)
    all_passed = all(t.passed for q in r.questions for t in q.tests) and not r.cell_errors
    hint = ("hint_status" if r.status != "graded"
            else "hint_perfect" if all_passed and r.questions else "hint_fix")
    return "\n".join(lines + ["---", "", MESSAGES[hint], ""])


# --- summary.md and plots ------------------------------------------------------------------------

def _question_stats(info: QuestionInfo, rows: list[_Row]) -> _QuestionStats:
    """Mean over students with points (pending manual ones excluded); pass = full points."""
    values = [row.points[info.name] for row in rows if row.points[info.name] is not None]
    pending = [row.result.student for row in rows if info.name in row.pending]
    mean = statistics.fmean(values) if values else None
    if not values or info.points <= 0:
        return _QuestionStats(info, mean, None, None, pending)
    full = sum(v >= info.points - 1e-9 for v in values)
    return _QuestionStats(info, mean, 100.0 * mean / info.points, full / len(values), pending)


def _stats_row(label: str, values: list[float], fmt) -> str:
    cells = [fmt(f(values)) if values else ""
             for f in (statistics.fmean, statistics.median, min, max)]
    return f"| {label} | {len(values)} | " + " | ".join(cells) + " |"


def _histogram(percents: list[float]) -> str:
    """Ten 10% buckets as a text bar chart; 100% (and bonus above it) falls in the last one."""
    counts = [0] * 10
    for p in percents:
        counts[min(max(int((p + 1e-9) // 10), 0), 9)] += 1
    lines = []
    for i, count in enumerate(counts):
        bar = "█" * round(20 * count / (max(counts) or 1))
        label = f"{i * 10}–{i * 10 + 10}%"
        lines.append(f"{label:>7} | {bar} {count}" if bar else f"{label:>7} | {count}")
    return "\n".join(lines)


def _summary_scores(rows: list[_Row], plots: dict[str, str]) -> list[str]:
    percents = [r.percent for r in rows if r.percent is not None]
    graded = [r.percent for r in rows if r.percent is not None and r.result.status == "graded"]
    lines = [MESSAGES["sum_scores"],
             _stats_row(MESSAGES["sum_points_all"], [r.result.score for r in rows], _num),
             _stats_row(MESSAGES["sum_percent_all"], percents, _pct),
             _stats_row(MESSAGES["sum_percent_graded"], graded, _pct), ""]
    lines += [MESSAGES["sum_hist"], "", _code_block(_histogram(percents)), ""]
    if "scores" in plots:
        lines += [f"![{MESSAGES['plot_scores_alt']}]({plots['scores']})", ""]
    return lines


def _summary_questions(stats: list[_QuestionStats], plots: dict[str, str]) -> list[str]:
    lines = [MESSAGES["sum_questions"]]
    for s in stats:
        name = s.info.name + (MESSAGES["manual"] if s.info.manual else "")
        rate = "n/a" if s.pass_rate is None else _pct(100 * s.pass_rate)
        mean = "n/a" if s.mean is None else _num(s.mean)
        lines.append(f"| {_cell(name)} | {mean} | {_num(s.info.points)} | "
                     f"{_pct(s.mean_percent)} | {rate} | {len(s.pending)} |")
    lines.append("")
    if "questions" in plots:
        lines += [f"![{MESSAGES['plot_questions_alt']}]({plots['questions']})", ""]
    return lines


def _summary_problems(rows: list[_Row], statuses: list[str]) -> list[str]:
    lines = [MESSAGES["sum_problems"], ""]
    for status in (s for s in statuses if s != "graded"):
        bad = [r.result for r in rows if r.result.status == status]
        if bad:
            lines += [MESSAGES["sum_problem_head"].format(status=_md(status), count=len(bad)), ""]
            lines += [MESSAGES["sum_problem_item"].format(
                student=_md(r.student), message=_md(_one_line(r.message) or MESSAGES["no_details"]))
                for r in bad] + [""]
    return lines if len(lines) > 2 else lines + [MESSAGES["sum_no_problems"], ""]


def _summary_pending(stats: list[_QuestionStats]) -> list[str]:
    items = [MESSAGES["sum_pending_item"].format(
        question=_md(s.info.name), count=len(s.pending), students=_md(", ".join(s.pending)))
        for s in stats if s.pending]
    return [MESSAGES["sum_pending"], "", *(items or [MESSAGES["sum_no_pending"]]), ""]


def _summary(rows: list[_Row], stats: list[_QuestionStats], assignment: str,
             plots: dict[str, str]) -> str:
    lines = [MESSAGES["sum_title"].format(assignment=_md(assignment)), ""]
    if not rows:
        return "\n".join(lines + [MESSAGES["sum_empty"], ""])
    found = [r.result.status for r in rows]
    statuses = [*STATUSES, *sorted(set(found) - set(STATUSES))]  # unknown ones are shown too
    lines += [MESSAGES["sum_count"].format(count=len(rows)), "", MESSAGES["sum_status"]]
    lines += [f"| {_cell(s)} | {found.count(s)} |" for s in statuses] + [""]
    lines += _summary_scores(rows, plots) + _summary_questions(stats, plots)
    lines += _summary_problems(rows, statuses) + _summary_pending(stats)
    return "\n".join(lines)


def _write_plots(out_dir: Path, rows: list[_Row], stats: list[_QuestionStats]) -> dict[str, str]:
    """Draw the charts that have data; return their file names. Stale charts are removed."""
    # Figure + Agg canvas directly: no pyplot global state and no display needed.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    written: dict[str, str] = {}
    percents = [min(max(r.percent, 0.0), 100.0) for r in rows if r.percent is not None]
    bars = [s for s in stats if s.mean_percent is not None]
    for key, data in (("scores", percents), ("questions", bars)):
        path = out_dir / f"summary_{key}.png"
        path.unlink(missing_ok=True)
        if not data:
            continue
        fig = Figure(figsize=(5, 3), dpi=100, layout="tight")
        FigureCanvasAgg(fig)
        ax = fig.subplots()
        if key == "scores":
            ax.hist(data, bins=range(0, 101, 10), color="#4c72b0", edgecolor="white")
            ax.set(xlabel=MESSAGES["plot_scores_x"], ylabel=MESSAGES["plot_scores_y"],
                   xlim=(0, 100))
            ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        else:
            ax.bar([s.info.name for s in data], [s.mean_percent for s in data], color="#55a868")
            ax.set(ylabel=MESSAGES["plot_questions_y"], ylim=(0, 100))
            ax.tick_params(axis="x", labelrotation=45 if len(data) > 6 else 0)
        fig.savefig(path)
        written[key] = path.name
    return written
