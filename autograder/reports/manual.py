"""Manual grading: a sheet for TAs, and merging their points back into the results.

``autograder manual-sheet OUT`` writes ``OUT/manual_grading.csv`` with one row per manual
question of every submission that ran (status ``graded`` or ``timeout``)::

    student,question,max_points,points,comment

TAs fill ``points`` (and optionally ``comment``). ``autograder merge-manual OUT SHEET.csv``
checks the whole sheet first (unknown students or questions, auto-graded questions, duplicate
rows, points that are not numbers or lie outside [0, max]) and refuses it with every problem
listed; otherwise it stores the points and comments in ``OUT/manual_grades.json``, apart from the
automatic results (:mod:`autograder.reports.manual_store`: a regrade re-applies them), and
rewrites grades.csv, feedback/ (with the manual points, the total and the TA's comments) and the
summary with :func:`autograder.reports.writer.write_reports`, plus ``grades_with_manual.csv``
(grades.csv's ``score`` stays the auto-graded points, as its ``possible`` does;
``total_with_manual`` adds the manual points). An empty ``points`` cell leaves that question as it
was, so a sheet can be merged in several passes.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass, field
from pathlib import Path

from autograder.errors import ConfigError, ManualSheetError
from autograder.project import QuestionInfo
from autograder.reports.exports import load_comments, load_out_results
from autograder.reports.formatting import num
from autograder.reports.manual_store import (GRADABLE, ManualGrade, StudentGrades, load_store,
                                             save_store)
from autograder.reports.writer import write_reports
from autograder.results import SubmissionResult

SHEET_FILE = "manual_grading.csv"
SHEET_COLUMNS = ["student", "question", "max_points", "points", "comment"]


@dataclass
class SheetRow:
    line: int
    student: str
    question: str
    points: float | None
    comment: str


@dataclass
class MergeSummary:
    graded: int = 0
    """Manual questions that received points."""
    commented: int = 0
    students: list[str] = field(default_factory=list)
    pending: int = 0
    """Manual questions of gradable submissions still without points after the merge."""


def write_manual_sheet(*, out_dir: Path, path: Path | None = None,
                       overwrite: bool = False) -> Path:
    """Write the grading sheet; already-merged points and comments are filled in."""
    out_dir = Path(out_dir)
    path = Path(path) if path else out_dir / SHEET_FILE
    if path.exists() and not overwrite:
        raise ConfigError(f"{path} already exists (it may hold a TA's work); merge it, move it "
                          "away, or pass --force to overwrite it")
    results = load_out_results(out_dir)
    comments = load_comments(out_dir)
    rows = []
    for result in results:
        if result.status not in GRADABLE:
            continue
        for q in (q for q in result.questions if q.manual):
            comment = comments.get(result.student, {}).get(q.name, "")
            rows.append([result.student, q.name, num(q.possible, decimals=6), num(q.points, decimals=6), comment])
    if not rows:
        raise ConfigError(f"no manual question to grade in {out_dir} (no manual questions, or "
                          "no submission with status graded/timeout)")
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(SHEET_COLUMNS)
        writer.writerows(rows)
    return path


def read_sheet(*, sheet: Path, results: list[SubmissionResult]) -> list[SheetRow]:
    """Parse and check a filled sheet against the results; ManualSheetError lists all problems."""
    sheet = Path(sheet)
    try:
        with open(sheet, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            records = list(reader)
            header = [(h or "").strip() for h in reader.fieldnames or []]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ConfigError(f"cannot read the manual grading sheet {sheet}: {exc}") from None
    missing = [c for c in ("student", "question", "points") if c not in header]
    if missing or not records:
        raise ManualSheetError(sheet, [f"missing column(s): {', '.join(missing)} (expected "
                                       f"{','.join(SHEET_COLUMNS)})" if missing else "no rows"])
    by_student = {r.student: r for r in results}
    rows, problems, seen = [], [], {}
    for line, record in enumerate(records, start=2):
        record = {(k or "").strip(): (v or "").strip() if isinstance(v, str) else ""
                  for k, v in record.items()}
        row, row_problems = _check_row(line, record, by_student)
        key = (row.student, row.question)
        if key in seen and not row_problems:
            row_problems.append(f"line {line}: {row.student} / {row.question} is also on line "
                                f"{seen[key]}")
        seen.setdefault(key, line)
        problems += row_problems
        rows.append(row)
    if problems:
        raise ManualSheetError(sheet, problems)
    return rows


def _check_row(line: int, record: dict[str, str],
               by_student: dict[str, SubmissionResult]) -> tuple[SheetRow, list[str]]:
    student, question = record.get("student", ""), record.get("question", "")
    row = SheetRow(line, student, question, None, record.get("comment", ""))
    where = f"line {line} ({student or '?'} / {question or '?'})"
    result = by_student.get(student)
    if result is None:
        return row, [f"{where}: unknown student {student!r} (no results/{student}.json)"]
    if result.status not in GRADABLE:
        return row, [f"{where}: {student}'s submission has status {result.status!r}; only "
                     "graded or timed-out submissions have manual questions to grade"]
    info = next((q for q in result.questions if q.name == question), None)
    if info is None:
        known = ", ".join(q.name for q in result.questions if q.manual) or "none"
        return row, [f"{where}: unknown question {question!r} (manual questions: {known})"]
    if not info.manual:
        return row, [f"{where}: {question} is auto-graded; only manual questions can be merged"]
    text = record.get("points", "")
    if not text:
        return row, []
    try:
        points = float(text.replace(",", "."))  # a decimal comma is fine too
    except ValueError:
        return row, [f"{where}: points {text!r} is not a number"]
    if not math.isfinite(points) or not 0 <= points <= info.possible:
        return row, [f"{where}: points {text} outside [0, {info.possible:g}]"]
    row.points = points
    return row, []


def merge_manual(*, out_dir: Path, sheet: Path, lang: str = "both") -> MergeSummary:
    """Fold a checked sheet into the manual grades and rewrite the reports; see the module
    docstring. The automatic results are not touched."""
    out_dir = Path(out_dir)
    results = load_out_results(out_dir)
    rows = read_sheet(sheet=sheet, results=results)
    by_student = {r.student: r for r in results}
    store = load_store(out_dir)
    summary, changed = MergeSummary(), set()
    for row in rows:
        if row.points is None and not row.comment:
            continue
        result = by_student[row.student]
        grades = store.get(row.student)
        if grades is None or grades.submission_sha256 != result.submission_sha256:
            grades = store[row.student] = StudentGrades(result.submission_sha256)  # new file
        grade = grades.questions.setdefault(row.question, ManualGrade())
        if row.points is not None:
            question = next(q for q in result.questions if q.name == row.question)
            question.points = grade.points = row.points
            summary.graded += 1
            changed.add(row.student)
        if row.comment:
            grade.comment = row.comment
            summary.commented += 1
    save_store(out_dir, store)
    rewrite_reports(out_dir=out_dir, results=results, lang=lang)
    summary.students = sorted(changed)
    summary.pending = sum(q.pending for r in results if r.status in GRADABLE for q in r.questions)
    return summary


def questions_of(results: list[SubmissionResult]) -> list[QuestionInfo]:
    """The assignment's questions, in order, as the results report them."""
    infos: dict[str, QuestionInfo] = {}
    for result in results:
        for q in result.questions:
            infos.setdefault(q.name, QuestionInfo(q.name, q.possible, q.manual))
    return list(infos.values())


def rewrite_reports(*, out_dir: Path, results: list[SubmissionResult],
                    lang: str = "both") -> None:
    """grades.csv, feedback/ (in `lang`), summary and grades_with_manual.csv from the results."""
    write_reports(results=results, out_dir=out_dir, assignment=results[0].assignment,
                  questions=questions_of(results), lang=lang)
