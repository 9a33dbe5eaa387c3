"""Reports of a graded batch: the gradebook CSV, feedback for each student, a class summary.

Files written into ``out_dir``:

* ``grades.csv``: one line per student;
* ``feedback/<student>.md`` and ``feedback/<student>.html``: the student's feedback in the
  languages of ``lang``: "en", "fa" (Persian, right to left) or "both". With "both" each file
  holds the English section first and then the Persian one (one file per format, so a student
  gets a single link); the Persian Markdown section is wrapped in ``<div dir="rtl" lang="fa">``;
* ``summary.md``, ``summary.html`` and ``summary_*.png``: the class summary (staff-facing,
  English), the HTML page referencing the charts relatively and loading nothing else;
* ``grades_with_manual.csv`` when the assignment has manual questions: grades.csv's numbers plus
  the manual points and ``total_with_manual``.

The manual grades merged into ``out_dir`` (``manual_grades.json``) are applied to the results
first, so a regrade keeps them, and the TAs' comments go into each student's feedback.

Everything a reader sees is built from :class:`~autograder.results.SubmissionResult` objects only,
which hold student-facing messages and never test source. The wording around them lives in
:mod:`autograder.reports.messages` (English) and :mod:`autograder.reports.messages_fa` (Persian);
test messages carry both languages (:mod:`autograder.reports.bilingual`) and the grader's own
messages are translated in :mod:`autograder.reports.engine_fa`.
"""

from __future__ import annotations

import csv
from pathlib import Path

from autograder.project import QuestionInfo
from autograder.reports.feedback import feedback_md
from autograder.reports.exports import write_totals_csv
from autograder.reports.formatting import csv_text, num, safe_filename
from autograder.reports.html import feedback_html, summary_html
from autograder.reports.insights import class_insights
from autograder.reports.manual_store import apply_manual, comments_for, load_store
from autograder.reports.messages import feedback_languages
from autograder.reports.outcomes import Row, all_questions, make_row, statuses_of
from autograder.reports.summary import question_stats, summary_md, write_plots
from autograder.results import SubmissionResult

BASE_COLUMNS = ["student", "status", "score", "possible", "percent"]
TAIL_COLUMNS = ["manual_pending", "message"]


def write_reports(*, results: list[SubmissionResult], out_dir: Path, assignment: str,
                  questions: list[QuestionInfo], timeout_seconds: float | None = None,
                  lang: str = "both") -> None:
    """Write grades.csv, feedback/<student>.{md,html}, summary.{md,html} and plots into out_dir.

    ``timeout_seconds`` is the run's time limit, quoted to students whose notebook timed out
    (without it, the limit is read from the result's message when it says "within N s").
    ``lang`` is the language of the feedback: "en", "fa" or "both".
    """
    langs = feedback_languages(lang)
    out_dir = Path(out_dir)
    folder = out_dir / "feedback"
    folder.mkdir(parents=True, exist_ok=True)
    apply_manual(results, load_store(out_dir))
    comments = comments_for(out_dir, results)
    infos = all_questions(questions, results)
    rows = [make_row(r, infos) for r in sorted(results, key=lambda r: r.student)]
    for row in rows:
        row.comments = comments.get(row.result.student, {})
    _write_csv(out_dir / "grades.csv", rows, infos)
    if any(q.manual for q in infos):
        write_totals_csv(results=results, path=out_dir / "grades_with_manual.csv")
    used: set[str] = set()
    for row in rows:
        row.filename = safe_filename(row.result.student, used)
        markdown = feedback_md(row, infos=infos, assignment=assignment,
                               timeout_seconds=timeout_seconds, langs=langs)
        (folder / f"{row.filename}.md").write_text(markdown, encoding="utf-8")
        html = feedback_html(row, infos=infos, assignment=assignment,
                             timeout_seconds=timeout_seconds, langs=langs)
        (folder / f"{row.filename}.html").write_text(html, encoding="utf-8")
    stats = [question_stats(q, rows) for q in infos]
    plots = write_plots(out_dir, percents=[r.percent for r in rows if r.percent is not None],
                        stats=stats)
    insights = class_insights(rows)
    markdown = summary_md(rows, stats=stats, assignment=assignment, plots=plots,
                          insights=insights)
    (out_dir / "summary.md").write_text(markdown, encoding="utf-8")
    html = summary_html(rows, stats=stats, assignment=assignment, plots=plots,
                        statuses=statuses_of(rows), insights=insights)
    (out_dir / "summary.html").write_text(html, encoding="utf-8")


def _write_csv(path: Path, rows: list[Row], infos: list[QuestionInfo]) -> None:
    names = [q.name for q in infos]
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(BASE_COLUMNS + names + TAIL_COLUMNS)
        for row in rows:
            r = row.result
            writer.writerow([csv_text(r.student), r.status, num(r.score), num(row.possible),
                             num(row.percent), *(num(row.points[n]) for n in names),
                             "; ".join(row.pending), csv_text(r.message)])
