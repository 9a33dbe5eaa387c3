"""Grading a class so that no result is lost: each result saved atomically as soon as it is
known, --resume skipping what a saved result already covers (same submission, same bundle), and a
result that cannot be saved replaced by an `error` result saying why."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Callable

from autograder.grading.grader import Grader, grade_all
from autograder.grading.intake import Submission
from autograder.results import SubmissionResult, clean_text, load_result, save_result


Runner = Callable[..., None]
"""``run(grader, *, submissions, on_result)``: grades submissions somewhere (here in threads, or
on a cluster), handing each result to ``on_result`` as soon as it is known, exactly once."""


def grade_here(grader: Grader, *, submissions: list[Submission],
               on_result: Callable[[SubmissionResult], SubmissionResult]) -> None:
    """The local :data:`Runner`: :func:`grade_all` in this process."""
    grade_all(grader, submissions=submissions, on_result=on_result)


def grade_batch(*, grader: Grader, submissions: list[Submission], results_dir: Path,
                on_result: Callable[[SubmissionResult], None] | None = None,
                run: Runner = grade_here) -> list[SubmissionResult]:
    """Grade a class; save each result atomically as soon as it is known; honour --resume.

    A result that cannot be saved is replaced by an `error` result saying why (graded again by
    --resume); if even that fails, a line goes to ``results_dir/problems.log``. Either way the
    batch goes on. ``run`` grades what --resume left to do (default: here, in threads)."""
    results, todo = [], []
    for sub in submissions:
        previous = _reusable(grader, sub, Path(results_dir) / f"{sub.student}.json")
        if previous is None:
            todo.append(sub)
            continue
        results.append(previous)
        if on_result:
            on_result(previous)

    def save_then_report(result: SubmissionResult) -> SubmissionResult:
        saved = save_or_record(result, results_dir=Path(results_dir))
        results.append(saved)
        if on_result:
            on_result(saved)
        return saved

    if todo:
        run(grader, submissions=todo, on_result=save_then_report)
    return sorted(results, key=lambda r: r.student)


PROBLEMS_LOG = "problems.log"


def save_or_record(result: SubmissionResult, *, results_dir: Path) -> SubmissionResult:
    """Save ``result``; if that fails, save (and return) an `error` result with the reason."""
    try:
        save_result(result, results_dir)
        return result
    except Exception as exc:
        reason = clean_text(f"{type(exc).__name__}: {exc}", limit=500)
    fallback = SubmissionResult(
        student=result.student, assignment=result.assignment, source=result.source,
        status="error", possible=result.possible, manual_possible=result.manual_possible,
        message=f"the grading result could not be saved ({reason}); grade it again with "
                "--resume, and tell the course staff if this repeats",
        grader_version=result.grader_version)
    try:
        save_result(fallback, results_dir)
    except Exception as exc:
        line = clean_text(f"{result.student}: result not saved ({reason}; then {exc})", limit=2000)
        try:
            with open(Path(results_dir) / PROBLEMS_LOG, "a", encoding="utf-8") as log:
                log.write(line.replace("\n", " ") + "\n")
        except OSError:
            pass
    return fallback


def _reusable(grader: Grader, sub: Submission, path: Path) -> SubmissionResult | None:
    if not grader.options.resume or not path.is_file():
        return None
    try:
        previous = load_result(path)
        data = sub.read_notebook(assignment=grader.bundle.name)
    except Exception:  # unreadable old result or submission: grade it again
        return None
    same = (previous.submission_sha256 == hashlib.sha256(data).hexdigest()
            and previous.bundle_sha256 == grader.bundle.sha256)
    return previous if same else None
