"""HTML reports: feedback/<student>.html (English and/or Persian) and the class summary.html.

Pages are rendered with the jinja2 templates in ``autograder/reports/templates`` (autoescaped) and are
self-contained: the style is inline, there is no script and no external resource; summary.html
only references its chart PNGs and the feedback pages, relatively. Persian sections are
``dir="rtl" lang="fa"``; every message is Markdown rendered by markdown-it
(:mod:`autograder.reports.markup`), so code, test names, identifiers and numbers inside them
are isolated left-to-right runs.
"""

from __future__ import annotations

import functools
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from autograder.reports.bilingual import localize
from autograder.reports.engine_fa import code
from autograder.reports.formatting import num, one_line, pct, shorten_traceback
from autograder.reports.markup import inline_html, text_md
from autograder.reports.messages import MESSAGES, messages_for
from autograder.reports.outcomes import (cell_error_md, engine_text, failing_groups,
                                         group_mistakes, hidden_marks, hint_keys,
                                         question_outcome, status_explanation, status_name,
                                         total_text)
from autograder.reports.similarity import SIMILAR_AT
from autograder.reports.summary import SIMILAR_SHOWN, hardest_mistakes, score_stats, stats_cells

@functools.cache
def _env() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.PackageLoader("autograder.reports", "templates"),
                              autoescape=True, trim_blocks=True, lstrip_blocks=True,
                              undefined=jinja2.StrictUndefined)


def _formatter(m: dict[str, str], lang: str):
    """fmt(key, **values): the message as HTML; values are Markdown (see markup.text_md)."""
    return lambda key, **values: inline_html(m[key].format(**values), lang=lang)


# --- feedback/<student>.html ---------------------------------------------------------------------

def feedback_html(row, *, infos, assignment: str, timeout_seconds, langs) -> str:
    """One student's feedback page, a section per language (English first when both)."""
    sections = [_section(row, infos, assignment, timeout_seconds, lang) for lang in langs]
    page_lang = langs[0] if len(langs) == 1 else "en"
    title = messages_for(page_lang)["fb_title"].format(assignment=assignment)
    return _env().get_template("feedback.html").render(
        page_lang=page_lang, page_dir="rtl" if page_lang == "fa" else "ltr",
        title=f"{title} — {row.result.student}", sections=sections)


def _section(row, infos, assignment: str, timeout_seconds, lang: str) -> dict:
    m = messages_for(lang)
    fmt = _formatter(m, lang)
    section = {"lang": lang, "dir": "rtl" if lang == "fa" else "ltr", "m": m,
               "title": fmt("fb_title", assignment=text_md(assignment))}
    section.update(_header(row, timeout_seconds, m, lang))
    section["questions"] = _question_rows(row, infos, m) if row.result.questions else []
    section.update(_tests(row.result, m, lang))
    section["cell_errors"] = [
        {"text": fmt("fb_cell_item", cell=err.cell, error=cell_error_md(err.error, lang)),
         "traceback": shorten_traceback(err.traceback, m) if err.traceback.strip() else ""}
        for err in row.result.cell_errors]
    section["hints"] = [fmt(key) for key in hint_keys(row.result)]
    return section


def _header(row, timeout_seconds, m: dict[str, str], lang: str) -> dict:
    r, fmt = row.result, _formatter(m, lang)
    score = fmt("score_value", score=num(r.score), possible=num(row.possible),
                percent=pct(row.percent))
    problem = note = None
    if r.status != "graded":
        problem = inline_html(status_explanation(r, timeout_seconds=timeout_seconds, m=m,
                                                 lang=lang), lang=lang)
    elif r.message.strip():
        note = fmt("fb_note", message=text_md(engine_text(r.message, lang)))
    manual = fmt("fb_manual_total", points=num(r.manual_possible)) \
        if r.manual_possible and not row.manual_graded else None
    total = inline_html(text_md(total_text(row, m)), lang=lang) if row.manual_graded else None
    comments = [fmt("fb_comment_item", question=f"**{text_md(q)}**", comment=one_line(c))
                for q, c in row.comments.items()]
    return {"student": r.student, "score": score, "status": r.status,
            "status_name": status_name(r.status, m), "problem": problem, "note": note,
            "manual_total": manual, "total": total, "comments": comments}


def _question_rows(row, infos, m: dict[str, str]) -> list[dict]:
    by_name = {q.name: q for q in row.result.questions}
    rows = []
    for info in infos:
        kind, outcome = question_outcome(by_name.get(info.name), m)
        points = row.points[info.name]
        rows.append({"name": info.name, "manual": m["manual"] if info.manual else "",
                     "points": "—" if points is None else num(points),
                     "possible": num(info.points), "kind": kind, "outcome": outcome})
    return rows


def _tests(result, m: dict[str, str], lang: str) -> dict[str, list[Markup]]:
    """Failing tests grouped by message (with the message), passing tests by name only."""
    fmt = _formatter(m, lang)
    failing, passing = [], []
    for q in result.questions:
        question, shown = f"**{text_md(q.name)}**", set()
        for message, tests in failing_groups(q):
            marks, hidden = hidden_marks(tests, m)
            names = m["list_sep"].join(code(t.name) + mark for t, mark in zip(tests, marks))
            text = text_md(localize(message, lang)) if message else m["no_details"]
            failing.append(fmt("fb_failing_item", question=question, test=names, hidden=hidden,
                               message=text)
                           + _mistakes(group_mistakes(tests, m=m, shown=shown), fmt))
        passed = [code(t.name) for t in q.tests if t.passed]
        if passed:
            passing.append(fmt("fb_passing_item", question=question,
                               tests=m["list_sep"].join(passed)))
    return {"failing": failing, "passing": passing}


def _mistakes(found: list[tuple[str, str]], fmt) -> Markup:
    """The known mistakes a group of failing tests caught, as a nested list (or nothing)."""
    if not found:
        return Markup("")
    items = [Markup('<li class="mistake">{}</li>').format(fmt(
        "fb_mistake", name=f"**{text_md(name)}**", explanation=text_md(text)))
        for name, text in found]
    return Markup('<ul class="mistakes">{}</ul>').format(Markup("").join(items))


# --- summary.html --------------------------------------------------------------------------------

def summary_html(rows, *, stats, assignment: str, plots: dict[str, str], statuses,
                 insights=None) -> str:
    """The class summary page; charts are the PNGs written next to it."""
    m = MESSAGES
    found = [r.result.status for r in rows]
    return _env().get_template("summary.html").render(
        insights=_insights(insights, m),
        m=m, page_lang="en", page_dir="ltr", count=len(rows),
        title=m["sum_title"].format(assignment=assignment),
        statuses=[(s, found.count(s)) for s in statuses],
        score_stats=[(m[key], stats_cells(values, fmt)) for key, values, fmt in score_stats(rows)],
        charts=_charts(plots, m), questions=[_question_summary(s, m) for s in stats],
        problems=_problems(rows, statuses, m),
        pending=[(s.info.name, len(s.pending), ", ".join(s.pending)) for s in stats if s.pending],
        students=[_student_line(r) for r in rows])


def _insights(insights, m: dict[str, str]) -> dict | None:
    """Tests, hardest hidden tests, named mistakes and similar submissions, ready to show."""
    if insights is None:
        return None
    tests = [{"question": t.question, "name": t.name,
              "kind": m["sum_kind_hidden"] if t.hidden else m["sum_kind_public"],
              "passed": f"{t.passed} / {t.ran}", "rate": pct(100 * t.pass_rate)}
             for t in insights.tests]
    hardest = [inline_html(m["sum_hardest_item"].format(
        question=f"**{text_md(t.question)}**", test=code(t.name),
        failed=t.failed, ran=t.ran, percent=pct(100 * t.failed / t.ran),
        mistakes=text_md(hardest_mistakes(t, m))), lang="en") for t in insights.hardest]
    mistakes = [{"id": k.id, "name": k.name, "explanation": inline_html(text_md(k.explanation), lang="en"),
                 "questions": k.questions, "students": k.students} for k in insights.mistakes]
    return {"tests": tests, "hardest": hardest, "mistakes": mistakes,
            "identical": insights.identical, "similar": insights.similar[:SIMILAR_SHOWN],
            "similar_more": max(0, len(insights.similar) - SIMILAR_SHOWN),
            "similar_note": m["sum_similar_note"].format(threshold=pct(100 * SIMILAR_AT))}


def _charts(plots: dict[str, str], m: dict[str, str]) -> dict[str, tuple[str, str] | None]:
    alts = {"scores": "plot_scores_alt", "questions": "plot_questions_alt",
            "pass_rates": "plot_pass_alt"}
    return {key: (quote(plots[key]), m[alt]) if key in plots else None
            for key, alt in alts.items()}


def _question_summary(s, m: dict[str, str]) -> dict:
    return {"name": s.info.name, "manual": m["manual"] if s.info.manual else "",
            "mean": "n/a" if s.mean is None else num(s.mean), "possible": num(s.info.points),
            "mean_percent": pct(s.mean_percent),
            "pass_rate": "n/a" if s.pass_rate is None else pct(100 * s.pass_rate),
            "pending": len(s.pending)}


def _problems(rows, statuses, m: dict[str, str]) -> list[tuple[str, list[tuple[str, str]]]]:
    """Per status other than graded: (student, reason) of each submission that has it."""
    problems = []
    for status in (s for s in statuses if s != "graded"):
        bad = [(r.result.student, one_line(r.result.message) or m["no_details"])
               for r in rows if r.result.status == status]
        if bad:
            problems.append((status, bad))
    return problems


def _student_line(row) -> dict:
    r = row.result
    return {"student": r.student, "status": r.status, "score": num(r.score),
            "possible": num(row.possible), "percent": pct(row.percent),
            "link": "feedback/" + quote(row.filename)}
