"""HTML reports: feedback/<student>.html (English and/or Persian) and the class summary.html.

Pages are rendered with the jinja2 templates in ``autograder/reports/templates`` (autoescaped) and are
self-contained: the style is inline, there is no script and no external resource; summary.html
only references its chart PNGs and the feedback pages, relatively. Persian sections are
``dir="rtl" lang="fa"``; code, test names, tracebacks and the (English) test messages inside them
are isolated left-to-right runs.
"""

from __future__ import annotations

import functools
import re
from urllib.parse import quote

import jinja2
from markupsafe import Markup, escape

from autograder.reports.formatting import num, one_line, pct, shorten_traceback
from autograder.reports.messages import MESSAGES, messages_for
from autograder.reports.outcomes import (failing_groups, group_mistakes, hidden_marks,
                                         hint_keys,
                                         question_outcome, status_explanation, status_name,
                                         total_text)
from autograder.reports.similarity import SIMILAR_AT
from autograder.reports.summary import SIMILAR_SHOWN, hardest_mistakes, score_stats, stats_cells

_CODE = re.compile(r"`([^`]+)`")


@functools.cache
def _env() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.PackageLoader("autograder.reports", "templates"),
                              autoescape=True, trim_blocks=True, lstrip_blocks=True,
                              undefined=jinja2.StrictUndefined)


def _rich(text: str) -> Markup:
    """A message as HTML: escaped, and `code` in backticks as a left-to-right <code>."""
    return Markup(_CODE.sub(r'<code dir="ltr">\1</code>', str(escape(text))))


def _foreign(text: str) -> Markup:
    """Text from the tests or the sandbox (English, may hold code): an isolated LTR run."""
    return Markup('<bdi class="msg" dir="ltr" lang="en">{}</bdi>').format(text)


def _code(text: str) -> Markup:
    return Markup('<code dir="ltr">{}</code>').format(one_line(text))


def _formatter(m: dict[str, str]):
    """fmt(key, **values): the message as HTML; values are escaped unless already Markup."""
    return lambda key, **values: _rich(m[key]).format(**values)


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
    section = {"lang": lang, "dir": "rtl" if lang == "fa" else "ltr", "m": m,
               "title": m["fb_title"].format(assignment=assignment)}
    section.update(_header(row, timeout_seconds, m))
    section["questions"] = _question_rows(row, infos, m) if row.result.questions else []
    section.update(_tests(row.result, m))
    section["cell_errors"] = [
        {"text": _formatter(m)("fb_cell_item", cell=err.cell, error=_foreign(one_line(err.error))),
         "traceback": shorten_traceback(err.traceback, m) if err.traceback.strip() else ""}
        for err in row.result.cell_errors]
    section["hints"] = [m[key] for key in hint_keys(row.result)]
    return section


def _header(row, timeout_seconds, m: dict[str, str]) -> dict:
    r, fmt = row.result, _formatter(m)
    score = fmt("score_value", score=num(r.score), possible=num(row.possible),  # "60%" stays
                percent=Markup('<bdi dir="ltr">{}</bdi>').format(pct(row.percent)))  # in RTL
    problem = note = None
    if r.status != "graded":
        problem = status_explanation(r, timeout_seconds=timeout_seconds, fmt=fmt, wrap=_foreign)
    elif r.message.strip():
        note = fmt("fb_note", message=_foreign(one_line(r.message)))
    manual = m["fb_manual_total"].format(points=num(r.manual_possible)) \
        if r.manual_possible and not row.manual_graded else None
    total = total_text(row, m) if row.manual_graded else None
    comments = [fmt("fb_comment_item", question=Markup("<strong><bdi>{}</bdi></strong>").format(q),
                    comment=Markup("<bdi>{}</bdi>").format(_rich(c)))
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


def _tests(result, m: dict[str, str]) -> dict[str, list[Markup]]:
    """Failing tests grouped by message (with the message), passing tests by name only."""
    fmt = _formatter(m)
    failing, passing = [], []
    for q in result.questions:
        question, shown = Markup("<strong><bdi>{}</bdi></strong>").format(q.name), set()
        for message, tests in failing_groups(q):
            marks, hidden = hidden_marks(tests, m)
            names = Markup(m["list_sep"]).join(_code(t.name) + mark for t, mark in zip(tests, marks))
            failing.append(fmt("fb_failing_item", question=question, test=names, hidden=hidden,
                               message=_foreign(message) if message else m["no_details"])
                           + _mistakes(group_mistakes(tests, m=m, shown=shown), fmt))
        passed = [_code(t.name) for t in q.tests if t.passed]
        if passed:
            passing.append(fmt("fb_passing_item", question=question,
                               tests=Markup(m["list_sep"]).join(passed)))
    return {"failing": failing, "passing": passing}


def _mistakes(found: list[tuple[str, str]], fmt) -> Markup:
    """The known mistakes a group of failing tests caught, as a nested list (or nothing)."""
    if not found:
        return Markup("")
    items = [Markup('<li class="mistake">{}</li>').format(fmt(
        "fb_mistake", name=Markup("<strong>{}</strong>").format(name), explanation=_rich(text)))
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
    hardest = [_rich(m["sum_hardest_item"]).format(
        question=Markup("<strong>{}</strong>").format(t.question), test=_code(t.name),
        failed=t.failed, ran=t.ran, percent=pct(100 * t.failed / t.ran),
        mistakes=hardest_mistakes(t, m)) for t in insights.hardest]
    mistakes = [{"id": k.id, "name": k.name, "explanation": _rich(k.explanation),
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
