"""A student's feedback as Markdown: feedback/<student>.md, one section per language.

The Persian section is wrapped in ``<div dir="rtl" lang="fa">``; each section shows the messages
in its own language (:func:`autograder.reports.bilingual.localize`), as Markdown in which only
code spans are markup (:func:`autograder.reports.markup.text_md`). The HTML version of the same
content is written by :mod:`autograder.reports.html`.
"""

from __future__ import annotations

from autograder.project import QuestionInfo
from autograder.reports.bilingual import localize
from autograder.reports.formatting import (cell, code_block, inline, item, md, md_table, num,
                                           pct, shorten_traceback)
from autograder.reports.markup import text_md
from autograder.reports.messages import messages_for
from autograder.reports.outcomes import (Row, cell_error_md, engine_text, failing_groups,
                                         group_mistakes, hidden_marks, hint_keys,
                                         question_outcome, status_explanation, status_name,
                                         total_text)
from autograder.results import SubmissionResult


def _feedback_header(row: Row, assignment: str, timeout_seconds, m, lang: str) -> list[str]:
    r = row.result
    score = m["score_value"].format(score=num(r.score), possible=num(row.possible),
                                    percent=pct(row.percent))
    facts = [(m["label_student"], md(r.student)), (m["label_score"], score),
             (m["label_status"], status_name(r.status, m))]
    if row.manual_graded:
        facts.append((m["label_total"], md(total_text(row, m))))
    lines = ["# " + m["fb_title"].format(assignment=md(assignment)), "",
             "  \n".join(f"**{label}:** {value}" for label, value in facts), ""]
    if r.manual_possible and not row.manual_graded:
        lines += [m["fb_manual_total"].format(points=num(r.manual_possible)), ""]
    if r.status != "graded":
        text = status_explanation(r, timeout_seconds=timeout_seconds, m=m, lang=lang)
        lines += ["> " + text, ""]
    elif r.message.strip():
        lines += ["> " + m["fb_note"].format(message=text_md(engine_text(r.message, lang))), ""]
    return lines

def _feedback_questions(row: Row, infos: list[QuestionInfo], m) -> list[str]:
    by_name = {q.name: q for q in row.result.questions}
    if not by_name:
        return ["## " + m["fb_questions"], "", m["fb_no_questions"], ""]
    columns = ["col_question", "col_points", "col_possible", "col_result"]
    lines = ["## " + m["fb_questions"], "", md_table(m, columns=columns, align="lrrl")]
    for info in infos:
        name = info.name + (m["manual"] if info.manual else "")
        points = "—" if row.points[info.name] is None else num(row.points[info.name])
        outcome = question_outcome(by_name.get(info.name), m)[1]
        lines.append(f"| {cell(name)} | {points} | {num(info.points)} | {cell(outcome)} |")
    return lines + [""]

def _feedback_tests(result: SubmissionResult, m, lang: str) -> list[str]:
    """Failing tests with their (student-facing) messages, then passing tests by name only."""
    failing, passing = [], []
    for q in result.questions:
        question, shown = f"**{md(q.name)}**", set()
        for message, tests in failing_groups(q):
            marks, hidden = hidden_marks(tests, m)
            failing.append("- " + m["fb_failing_item"].format(
                question=question, hidden=hidden,
                message=item(text_md(localize(message, lang)) if message else m["no_details"],
                             escape=False),
                test=m["list_sep"].join(inline(t.name) + mark for t, mark in zip(tests, marks))))
            failing += ["  - " + m["fb_mistake"].format(name=f"**{text_md(name)}**",
                                                        explanation=item(text_md(text),
                                                                         escape=False))
                        for name, text in group_mistakes(tests, m=m, shown=shown)]
        passed = [inline(t.name) for t in q.tests if t.passed]
        if passed:
            passing.append("- " + m["fb_passing_item"].format(
                question=question, tests=m["list_sep"].join(passed)))
    lines = ["## " + m["fb_failing"], "", *failing, ""] if failing else []
    return lines + (["## " + m["fb_passing"], "", *passing, ""] if passing else [])

def _feedback_comments(row: Row, m) -> list[str]:
    """The TAs' comments, question by question (their own words, as written)."""
    if not row.comments:
        return []
    items = ["- " + m["fb_comment_item"].format(question=f"**{md(q)}**", comment=item(c))
             for q, c in row.comments.items()]
    return ["## " + m["fb_comments"], "", *items, ""]

def _feedback_cell_errors(result: SubmissionResult, m, lang: str) -> list[str]:
    if not result.cell_errors:
        return []
    lines = ["## " + m["fb_cell_errors"], ""]
    for err in result.cell_errors:
        error = cell_error_md(err.error, lang)
        lines.append("- " + m["fb_cell_item"].format(cell=err.cell, error=error))
        if err.traceback.strip():
            lines += ["", code_block(shorten_traceback(err.traceback, m), indent="  ")]
    return lines + [""]

def _feedback_section(row: Row, infos, assignment: str, timeout_seconds, lang: str) -> list[str]:
    r, m = row.result, messages_for(lang)
    lines = _feedback_header(row, assignment, timeout_seconds, m, lang)
    lines += _feedback_questions(row, infos, m) + _feedback_comments(row, m)
    lines += _feedback_tests(r, m, lang)
    lines += _feedback_cell_errors(r, m, lang) + ["---", ""]
    for key in hint_keys(r):
        lines += [f"_{m[key]}_", ""]
    return lines

def feedback_md(row: Row, *, infos, assignment: str, timeout_seconds, langs) -> str:
    lines: list[str] = []
    for lang in langs:
        section = _feedback_section(row, infos, assignment, timeout_seconds, lang)
        if lang == "fa":  # blank lines around: the Markdown inside the div is still parsed
            section = ['<div dir="rtl" lang="fa">', "", *section, "</div>", ""]
        lines += section
    return "\n".join(lines)
