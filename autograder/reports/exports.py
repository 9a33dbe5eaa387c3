"""Grades out of the autograder, into a learning-management system.

All exports read the saved results (``OUT/results/*.json``) with the merged manual grades
applied (``OUT/manual_grades.json``), so they can be re-run at any time, for example after
``autograder merge-manual``. Totals everywhere are *auto-graded points + merged manual points*;
a manual question not graded yet adds nothing (and is listed as pending by
:func:`write_totals_csv`).

* Gradescope: one ``results.json`` per submission, in Gradescope's autograder format (``score``,
  ``tests`` with ``name``/``score``/``max_score``/``output``/``visibility``/``status``), written
  to ``OUT/gradescope/<student>.json``. A manual question a TA has not graded yet is not a test
  (it would show as failed, 0/max): the top-level ``output`` says it is graded separately.
* Canvas and Moodle: the gradebook CSV exported from Canvas, or the grading worksheet downloaded
  from Moodle, filled in (:mod:`autograder.reports.lms`).
* totals: ``grades_with_manual.csv``, the gradebook with a ``total_with_manual`` column
  (``grades.csv`` itself counts auto-graded points only).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from autograder.errors import ConfigError
from autograder.reports.bilingual import in_language
from autograder.reports.formatting import csv_text, num, safe_filename
from autograder.reports.messages import feedback_languages, messages_for
from autograder.reports.lms import fill_canvas_gradebook, fill_moodle_worksheet
from autograder.reports.manual_store import GRADABLE, apply_manual, comments_for, load_store
from autograder.reports.totals import total_of
from autograder.results import SubmissionResult, load_results, write_json_atomic

FORMATS = ("gradescope", "canvas", "moodle", "totals")
EXPORTS_LOG = "exports.json"
"""OUT's record of the LMS files exported from it, so that a regrade or a merge can say which
of them are now out of date."""
TOTALS_COLUMNS = ["student", "status", "score", "possible", "manual_score", "manual_possible",
                  "total_with_manual", "possible_with_manual", "manual_pending"]


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

def gradescope_result(*, result: SubmissionResult, comments: dict[str, str] | None = None,
                      lang: str = "both") -> dict:
    """One submission in Gradescope's results.json format (score includes merged manual points);
    test messages in ``lang`` ("en", "fa", or "both": English, then Persian)."""
    comments = comments or {}
    tests = []
    for q in result.questions:
        if q.manual:  # pending ones are not tests: Gradescope would show them failed, 0/max
            if q.points is not None:
                tests.append({"name": f"{q.name} (manual)", "score": q.points,
                              "max_score": q.possible, "output": comments.get(q.name)
                              or "graded by a TA", "visibility": "visible"})
            continue
        if not q.tests:
            tests.append({"name": q.name, "score": q.points or 0.0, "max_score": q.possible,
                          "output": result.message or "not tested", "visibility": "visible",
                          "status": "failed"})
        for t in q.tests:
            tests.append({"name": f"{q.name}: {t.name}", "score": t.points,
                          "max_score": t.possible, "output": _with_mistake(t, lang),
                          "visibility": "after_published" if t.hidden else "visible",
                          "status": "passed" if t.passed else "failed"})
    data = {"score": round(total_of(result).total, 6), "tests": tests,
            "execution_time": round(result.duration, 3)}
    notes = [f"status: {result.status}" + (f"; {result.message}" if result.message else "")
             ] if result.status != "graded" or result.message else []
    pending = [q for q in result.questions if q.pending] if result.status in GRADABLE else []
    if pending:
        notes.append("graded separately by the course staff, not in this score yet: "
                     + ", ".join(f"{q.name} ({q.possible:g} points)" for q in pending))
    if notes:
        data["output"] = "\n".join(notes)
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


# --- totals --------------------------------------------------------------------------

def _write_rows(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_totals_csv(*, results: list[SubmissionResult], path: Path) -> Path:
    """grades.csv's numbers plus manual points and `total_with_manual`."""
    rows = [[csv_text(t.student), t.status, num(t.auto), num(t.auto_possible), num(t.manual),
             num(t.manual_possible), num(t.total), num(t.possible), "; ".join(t.pending)]
            for t in map(total_of, results)]
    return _write_rows(path, TOTALS_COLUMNS, rows)


def export(*, out_dir: Path, fmt: str, output: Path | None = None, canvas_id: str = "",
           lms_file: Path | None = None, mapping: Path | None = None) -> list[Path]:
    """Export a graded batch in `fmt`; return the files written.

    Canvas and Moodle need ``lms_file``: the gradebook CSV exported from Canvas or the grading
    worksheet downloaded from Moodle, which is filled in (:mod:`autograder.reports.lms`; the
    CLI uses those functions directly, to report who did not match)."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out_dir = Path(out_dir)
    results = load_out_results(out_dir)
    if fmt == "gradescope":
        paths = write_gradescope(results=results, folder=output or out_dir / "gradescope",
                                 comments=load_comments(out_dir))
        record_export(out_dir=out_dir, fmt=fmt, path=paths[0].parent if paths else None)
        return paths
    if fmt in ("canvas", "moodle"):
        return [fill_lms(out_dir=out_dir, fmt=fmt, lms_file=lms_file, output=output,
                         canvas_id=canvas_id, mapping=mapping).path]
    return [write_totals_csv(results=results, path=output or out_dir / "grades_with_manual.csv")]


def fill_lms(*, out_dir: Path, fmt: str, lms_file: Path | None, output: Path | None = None,
             canvas_id: str = "", mapping: Path | None = None):
    """Fill the Canvas gradebook or Moodle worksheet ``lms_file`` with OUT's totals; the
    :class:`~autograder.reports.lms.FillReport` says who did not match."""
    where = {"canvas": ("--roster", "the gradebook CSV exported from Canvas (Grades -> Export)"),
             "moodle": ("--worksheet", "the grading worksheet downloaded from the Moodle "
                                       "assignment (Grading action -> Download grading "
                                       "worksheet)")}
    if fmt not in where:
        raise ConfigError(f"{fmt!r} is not an LMS file format (canvas or moodle)")
    if lms_file is None:
        option, what = where[fmt]
        raise ConfigError(f"--format {fmt} fills in {what}: pass it with {option} FILE")
    out_dir, lms_file = Path(out_dir), Path(lms_file)
    results = load_out_results(out_dir)
    output = Path(output) if output else out_dir / f"{fmt}-{lms_file.stem}.csv"
    if fmt == "moodle":
        report = fill_moodle_worksheet(results=results, worksheet=lms_file, output=output,
                                       mapping=mapping)
    else:
        report = fill_canvas_gradebook(results=results, roster=lms_file, output=output,
                                       assignment=results[0].assignment, canvas_id=canvas_id,
                                       mapping=mapping)
    record_export(out_dir=out_dir, fmt=fmt, path=report.path)
    return report


def record_export(*, out_dir: Path, fmt: str, path: Path | None) -> None:
    """Note in OUT/exports.json that ``path`` was exported from OUT's grades as they are now."""
    if path is None:
        return
    log = Path(out_dir) / EXPORTS_LOG
    try:
        entries = json.loads(log.read_text("utf-8")) if log.is_file() else {}
    except (OSError, ValueError):
        entries = {}
    entries = entries if isinstance(entries, dict) else {}
    entries[str(Path(path).resolve())] = fmt
    write_json_atomic(log, entries)


def exported_files(out_dir: Path) -> list[Path]:
    """The LMS files exported from OUT that still exist: after a regrade or a merge they hold
    the old grades until exported again."""
    log = Path(out_dir) / EXPORTS_LOG
    try:
        entries = json.loads(log.read_text("utf-8")) if log.is_file() else {}
    except (OSError, ValueError):
        return []
    return [Path(p) for p in (entries if isinstance(entries, dict) else {}) if Path(p).exists()]


def _with_mistake(test, lang: str = "both") -> str:
    """A test's message, and the known mistake it caught, in ``lang`` (see gradescope_result)."""
    message = in_language(test.message, lang) if test.message else test.message
    found = test.mistake
    if found is None:
        return message
    named = "\n\n".join(messages_for(one)["fb_mistake"].format(
        name=getattr(found, f"name_{one}"), explanation=getattr(found, f"explanation_{one}"))
        for one in feedback_languages(lang))
    return f"{message}\n\n{named}" if message else named
