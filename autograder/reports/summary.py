"""The class summary: per-question statistics, summary.md and the charts it shares with HTML.

summary.html is written by :mod:`autograder.reports.html` from the same statistics.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path

from autograder.project import QuestionInfo
from autograder.reports.formatting import (cell, code_block, inline, item, md, md_table, num,
                                           one_line, pct)
from autograder.reports.insights import Insights
from autograder.reports.messages import MESSAGES
from autograder.reports.outcomes import statuses_of
from autograder.reports.similarity import SIMILAR_AT

SIMILAR_SHOWN = 30
"""Similar pairs listed in the summary (the most alike first)."""

PLOT_FILES = {"scores": "summary_scores.png", "questions": "summary_questions.png",
              "pass_rates": "summary_pass_rates.png"}


@dataclass
class QuestionStats:
    info: QuestionInfo
    mean: float | None
    mean_percent: float | None
    pass_rate: float | None
    """Fraction of the students with points who earned full points."""
    pending: list[str]


def question_stats(info: QuestionInfo, rows: list) -> QuestionStats:
    """Mean over students with points (pending manual ones excluded); pass = full points."""
    values = [row.points[info.name] for row in rows if row.points[info.name] is not None]
    pending = [row.result.student for row in rows if info.name in row.pending]
    mean = statistics.fmean(values) if values else None
    if not values or info.points <= 0:
        return QuestionStats(info, mean, None, None, pending)
    full = sum(v >= info.points - 1e-9 for v in values)
    return QuestionStats(info, mean, 100.0 * mean / info.points, full / len(values), pending)


def score_stats(rows: list) -> list[tuple[str, list[float], object]]:
    """(label key, values, formatter) of the summary's score statistics."""
    percents = [r.percent for r in rows if r.percent is not None]
    graded = [r.percent for r in rows if r.percent is not None and r.result.status == "graded"]
    return [("sum_points_all", [r.result.score for r in rows], num),
            ("sum_percent_all", percents, pct), ("sum_percent_graded", graded, pct)]


def stats_cells(values: list[float], fmt) -> list[str]:
    """Count, mean, median, min, max; empty cells when there are no values."""
    return [str(len(values))] + [fmt(f(values)) if values else ""
                                 for f in (statistics.fmean, statistics.median, min, max)]


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


def _summary_scores(rows: list, plots: dict[str, str]) -> list[str]:
    m = MESSAGES
    columns = ["col_scores", "col_submissions", "col_mean", "col_median", "col_min", "col_max"]
    lines = ["## " + m["sum_scores"], "", md_table(m, columns=columns, align="lrrrrr")]
    lines += [f"| {m[key]} | " + " | ".join(stats_cells(values, fmt)) + " |"
              for key, values, fmt in score_stats(rows)]
    percents = [r.percent for r in rows if r.percent is not None]
    lines += ["", "## " + m["sum_hist"], "", code_block(_histogram(percents)), ""]
    if "scores" in plots:
        lines += [f"![{m['plot_scores_alt']}]({plots['scores']})", ""]
    return lines


def _summary_questions(stats: list[QuestionStats], plots: dict[str, str]) -> list[str]:
    m = MESSAGES
    columns = ["col_question", "col_mean_points", "col_possible", "col_mean_percent",
               "col_pass_rate", "col_pending"]
    lines = ["## " + m["sum_questions"], "", md_table(m, columns=columns, align="lrrrrr")]
    for s in stats:
        name = s.info.name + (m["manual"] if s.info.manual else "")
        rate = "n/a" if s.pass_rate is None else pct(100 * s.pass_rate)
        mean = "n/a" if s.mean is None else num(s.mean)
        lines.append(f"| {cell(name)} | {mean} | {num(s.info.points)} | "
                     f"{pct(s.mean_percent)} | {rate} | {len(s.pending)} |")
    lines.append("")
    for key, alt in (("questions", "plot_questions_alt"), ("pass_rates", "plot_pass_alt")):
        if key in plots:
            lines += [f"![{m[alt]}]({plots[key]})", ""]
    return lines


def _summary_problems(rows: list, statuses: list[str]) -> list[str]:
    m = MESSAGES
    lines = ["## " + m["sum_problems"], ""]
    for status in (s for s in statuses if s != "graded"):
        bad = [r.result for r in rows if r.result.status == status]
        if bad:
            lines += ["### " + m["sum_problem_head"].format(status=md(status), count=len(bad)),
                      ""]
            lines += ["- " + m["sum_problem_item"].format(
                student=f"**{md(r.student)}**",
                message=md(one_line(r.message) or m["no_details"])) for r in bad] + [""]
    return lines if len(lines) > 2 else lines + [m["sum_no_problems"], ""]


def _summary_pending(stats: list[QuestionStats]) -> list[str]:
    m = MESSAGES
    items = ["- " + m["sum_pending_item"].format(
        question=f"**{md(s.info.name)}**", count=len(s.pending),
        students=md(", ".join(s.pending))) for s in stats if s.pending]
    return ["## " + m["sum_pending"], "", *(items or [m["sum_no_pending"]]), ""]


def _summary_tests(insights: Insights) -> list[str]:
    m = MESSAGES
    lines = ["## " + m["sum_tests"], "", m["sum_tests_note"], "",
             md_table(m, columns=["col_question", "sum_col_test", "sum_col_kind",
                                  "sum_col_passed", "col_pass_rate"], align="lllrr")]
    for t in insights.tests:
        kind = m["sum_kind_hidden"] if t.hidden else m["sum_kind_public"]
        lines.append(f"| {cell(t.question)} | {cell(inline(t.name))} | {kind} | "
                     f"{t.passed} / {t.ran} | {pct(100 * t.pass_rate)} |")
    lines += ["", "## " + m["sum_hardest"], ""]
    items = ["- " + m["sum_hardest_item"].format(
        question=f"**{md(t.question)}**", test=inline(t.name), failed=t.failed, ran=t.ran,
        percent=pct(100 * t.failed / t.ran), mistakes=hardest_mistakes(t, m))
        for t in insights.hardest]
    return lines + (items or [m["sum_no_hardest"]]) + [""]


def hardest_mistakes(test, m) -> str:
    """"; named mistakes: a (2), b (1)" for a test whose failures named mistakes, else ""."""
    if not test.mistakes:
        return ""
    found = sorted(test.mistakes.items(), key=lambda kv: (-kv[1], kv[0]))
    return m["sum_hardest_mistakes"].format(
        mistakes=", ".join(f"{name} ({count})" for name, count in found))


def _summary_mistakes(insights: Insights) -> list[str]:
    m = MESSAGES
    lines = ["## " + m["sum_mistakes"], "", m["sum_mistakes_note"], ""]
    if not insights.mistakes:
        return lines + [m["sum_no_mistakes"], ""]
    lines += ["- " + m["sum_mistake_item"].format(
        name=f"**{md(k.name)}**", id=inline(k.id), questions=md(", ".join(k.questions)),
        count=len(k.students), students=md(", ".join(k.students)),
        explanation=item(md(k.explanation))) for k in insights.mistakes]
    return lines + [""]


def _summary_similarity(insights: Insights) -> list[str]:
    m = MESSAGES
    lines = ["## " + m["sum_identical"], "", m["sum_identical_note"], ""]
    groups = ["- " + md(", ".join(group)) for group in insights.identical]
    lines += groups or [m["sum_no_identical"]]
    lines += ["", "## " + m["sum_similar"], "",
              m["sum_similar_note"].format(threshold=pct(100 * SIMILAR_AT)), ""]
    if not insights.similar:
        return lines + [m["sum_no_similar"], ""]
    lines.append(md_table(m, columns=["sum_col_pair", "sum_col_shared"], align="lr"))
    lines += [f"| {cell(p.first + ' · ' + p.second)} | {pct(100 * p.share)} |"
              for p in insights.similar[:SIMILAR_SHOWN]]
    more = len(insights.similar) - SIMILAR_SHOWN
    return lines + ([""] + [m["sum_similar_more"].format(count=more)] if more > 0 else []) + [""]


def summary_md(rows: list, *, stats: list[QuestionStats], assignment: str,
               plots: dict[str, str], insights: Insights | None = None) -> str:
    m = MESSAGES
    lines = ["# " + m["sum_title"].format(assignment=md(assignment)), ""]
    if not rows:
        return "\n".join(lines + [m["sum_empty"], ""])
    found = [r.result.status for r in rows]
    statuses = statuses_of(rows)  # unknown ones are shown too
    lines += [m["sum_count"].format(count=len(rows)), "", "## " + m["sum_status"], "",
              md_table(m, columns=["col_status", "col_count"], align="lr")]
    lines += [f"| {cell(s)} | {found.count(s)} |" for s in statuses] + [""]
    lines += _summary_scores(rows, plots) + _summary_questions(stats, plots)
    if insights is not None:
        lines += _summary_tests(insights) + _summary_mistakes(insights)
    lines += _summary_problems(rows, statuses) + _summary_pending(stats)
    if insights is not None:
        lines += _summary_similarity(insights)
    return "\n".join(lines)


# --- Charts --------------------------------------------------------------------------------------

def write_plots(out_dir: Path, *, percents: list[float], stats: list[QuestionStats]) -> dict[str, str]:
    """Draw the charts that have data; return {key: file name}. Stale charts are removed."""
    data = {
        "scores": [min(max(p, 0.0), 100.0) for p in percents],
        "questions": [(s.info.name, s.mean_percent) for s in stats if s.mean_percent is not None],
        "pass_rates": [(s.info.name, 100.0 * s.pass_rate) for s in stats
                       if s.pass_rate is not None],
    }
    written: dict[str, str] = {}
    for key, name in PLOT_FILES.items():
        path = Path(out_dir) / name
        path.unlink(missing_ok=True)
        if data[key]:
            _draw(key, data[key], path)
            written[key] = name
    return written


def _draw(key: str, data: list, path: Path) -> None:
    # Figure + Agg canvas directly: no pyplot global state and no display needed.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    fig = Figure(figsize=(5, 3), dpi=100, layout="tight")
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    if key == "scores":
        ax.hist(data, bins=range(0, 101, 10), color="#4c72b0", edgecolor="white")
        ax.set(xlabel=MESSAGES["plot_scores_x"], ylabel=MESSAGES["plot_scores_y"], xlim=(0, 100))
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    else:
        names, values = zip(*data)
        color, label = (("#55a868", "plot_questions_y") if key == "questions"
                        else ("#c44e52", "plot_pass_y"))
        ax.bar(names, values, color=color)
        ax.set(ylabel=MESSAGES[label], ylim=(0, 100))
        ax.tick_params(axis="x", labelrotation=45 if len(data) > 6 else 0)
    fig.savefig(path)
