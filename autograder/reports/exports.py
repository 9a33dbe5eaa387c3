"""Grades out of the autograder, into a learning-management system.

All exports read the saved results (``OUT/results/*.json``), so they can be re-run at any time,
for example after ``autograder merge-manual`` folded the TAs' points in. Totals everywhere are
*auto-graded points + merged manual points* (a manual question not graded yet counts 0 and is
listed as pending by :func:`write_totals_csv`).

* Gradescope: one ``results.json`` per submission, in Gradescope's documented autograder format
  (``score``, ``tests`` with ``name``/``score``/``max_score``/``output``/``visibility``), written
  to ``OUT/gradescope/<student>.json``.
* Canvas: a gradebook-import CSV (``Student, ID, SIS User ID, SIS Login ID, Section`` then one
  ``<assignment> (<canvas id>)`` column). We only know the autograder's student id (the file
  name), so it fills ``Student``, ``ID`` and ``SIS Login ID``; the TA maps them to Canvas users
  before importing (see docs/authoring.md).
* Moodle: an offline-grading-worksheet CSV (``Identifier, Full name, Grade, Maximum Grade``);
  ``Identifier`` holds the student id, which the TA maps to Moodle's ``Participant N``.
* totals: ``grades_with_manual.csv``, the gradebook with a ``total_with_manual`` column
  (``grades.csv`` itself counts auto-graded points only).
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

from autograder.errors import ConfigError
from autograder.reports.formatting import csv_text, num, safe_filename
from autograder.reports.manual_store import GRADABLE, apply_manual, comments_for, load_store
from autograder.results import SubmissionResult, load_results, write_json_atomic

FORMATS = ("gradescope", "canvas", "moodle", "totals")
CANVAS_COLUMNS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
MOODLE_COLUMNS = ["Identifier", "Full name", "Grade", "Maximum Grade"]
TOTALS_COLUMNS = ["student", "status", "score", "possible", "manual_score", "manual_possible",
                  "total_with_manual", "possible_with_manual", "manual_pending"]


@dataclass
class Total:
    """One student's points, auto-graded and manual."""

    student: str
    status: str
    auto: float
    auto_possible: float
    manual: float
    manual_possible: float
    pending: list[str] = field(default_factory=list)

    @property
    def total(self) -> float:
        return self.auto + self.manual

    @property
    def possible(self) -> float:
        return self.auto_possible + self.manual_possible


def total_of(result: SubmissionResult) -> Total:
    auto = [q for q in result.questions if not q.manual]
    manual = [q for q in result.questions if q.manual]
    auto_possible = result.possible or sum(q.possible for q in auto)
    manual_possible = result.manual_possible or sum(q.possible for q in manual)
    pending = [q.name for q in manual if q.points is None] if result.status in GRADABLE else []
    return Total(result.student, result.status, float(result.score), float(auto_possible),
                 float(sum(q.points or 0 for q in manual)), float(manual_possible), pending)


def load_comments(out_dir: Path) -> dict[str, dict[str, str]]:
    """TA comments merged by `autograder merge-manual` that still apply (the student's
    submission has not changed since): {student: {question: comment}}."""
    folder = Path(out_dir) / "results"
    return comments_for(out_dir, load_results(folder) if folder.is_dir() else [])


def load_out_results(out_dir: Path) -> list[SubmissionResult]:
    """The results of a graded batch with the merged manual grades applied (see
    :mod:`autograder.reports.manual_store`); ConfigError if OUT is not a grading output folder."""
    folder = Path(out_dir) / "results"
    results = load_results(folder) if folder.is_dir() else []
    if not results:
        raise ConfigError(f"{out_dir} holds no graded results (expected {folder}/*.json); "
                          "pass the folder given to `autograder grade -o`")
    apply_manual(results, load_store(out_dir))
    return results


# --- Gradescope ----------------------------------------------------------------------------------

def gradescope_result(*, result: SubmissionResult,
                      comments: dict[str, str] | None = None) -> dict:
    """One submission in Gradescope's results.json format (score includes merged manual points)."""
    comments = comments or {}
    tests = []
    for q in result.questions:
        if q.manual:
            output = comments.get(q.name) or ("awaiting grading by a TA" if q.points is None
                                              else "graded by a TA")
            tests.append({"name": f"{q.name} (manual)", "score": q.points or 0.0,
                          "max_score": q.possible, "output": output, "visibility": "visible"})
        elif not q.tests:
            tests.append({"name": q.name, "score": q.points or 0.0, "max_score": q.possible,
                          "output": result.message or "not tested", "visibility": "visible",
                          "status": "failed"})
        for t in q.tests if not q.manual else []:
            tests.append({"name": f"{q.name}: {t.name}", "score": t.points,
                          "max_score": t.possible, "output": t.message,
                          "visibility": "after_published" if t.hidden else "visible",
                          "status": "passed" if t.passed else "failed"})
    data = {"score": round(total_of(result).total, 6), "tests": tests,
            "execution_time": round(result.duration, 3)}
    if result.status != "graded" or result.message:
        data["output"] = f"status: {result.status}" + (f"; {result.message}"
                                                         if result.message else "")
    return data


def write_gradescope(*, results: list[SubmissionResult], folder: Path,
                     comments: dict[str, dict[str, str]] | None = None) -> list[Path]:
    comments = comments or {}
    paths, used = [], set()
    for result in results:
        path = Path(folder) / f"{safe_filename(result.student, used)}.json"
        write_json_atomic(path, gradescope_result(result=result,
                                                  comments=comments.get(result.student)))
        paths.append(path)
    return paths


# --- Canvas, Moodle, totals ----------------------------------------------------------------------

def _write_rows(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_canvas(*, results: list[SubmissionResult], path: Path, assignment: str,
                 canvas_id: str = "") -> Path:
    """Canvas gradebook CSV; `canvas_id` is the number Canvas shows in the assignment's URL."""
    column = f"{assignment} ({canvas_id})" if canvas_id else assignment
    rows = [[csv_text(t.student), csv_text(t.student), "", csv_text(t.student), "", num(t.total)]
            for t in map(total_of, results)]
    return _write_rows(path, CANVAS_COLUMNS + [column], rows)


def write_moodle(*, results: list[SubmissionResult], path: Path) -> Path:
    """Moodle offline grading worksheet CSV (Identifier = our student id, to be mapped)."""
    rows = [[csv_text(t.student), csv_text(t.student), num(t.total), num(t.possible)]
            for t in map(total_of, results)]
    return _write_rows(path, MOODLE_COLUMNS, rows)


def write_totals_csv(*, results: list[SubmissionResult], path: Path) -> Path:
    """grades.csv's numbers plus manual points and `total_with_manual`."""
    rows = [[csv_text(t.student), t.status, num(t.auto), num(t.auto_possible), num(t.manual),
             num(t.manual_possible), num(t.total), num(t.possible), "; ".join(t.pending)]
            for t in map(total_of, results)]
    return _write_rows(path, TOTALS_COLUMNS, rows)


def export(*, out_dir: Path, fmt: str, output: Path | None = None,
           canvas_id: str = "") -> list[Path]:
    """Export a graded batch in `fmt`; return the files written."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out_dir = Path(out_dir)
    results = load_out_results(out_dir)
    assignment = results[0].assignment
    if fmt == "gradescope":
        return write_gradescope(results=results, folder=output or out_dir / "gradescope",
                                comments=load_comments(out_dir))
    if fmt == "canvas":
        return [write_canvas(results=results, path=output or out_dir / "canvas.csv",
                             assignment=assignment, canvas_id=canvas_id)]
    if fmt == "moodle":
        return [write_moodle(results=results, path=output or out_dir / "moodle.csv")]
    return [write_totals_csv(results=results, path=output or out_dir / "grades_with_manual.csv")]
