"""`autograder grade`: intake, grading and reports for one class, with live progress."""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from autograder.errors import ConfigError, GradingInterrupted
from autograder.grading.grader import Grader, GradeOptions
from autograder.grading.saving import Runner, grade_batch, grade_here
from autograder.grading.intake import collect_submissions
from autograder.grading.bundle import load_bundle
from autograder.project import Project
from autograder.reports.writer import write_reports
from autograder.results import SubmissionResult


def grade_class(*, project: Project, assignment: str, submissions: list[Path], out_dir: Path,
                options: GradeOptions, console: Console | None = None,
                lang: str = "both") -> list[SubmissionResult]:
    """Grade every submission and write results/, grades.csv, feedback/ and summary.md/.html.

    ``lang`` is the language of the students' feedback: "en", "fa" (Persian) or "both".
    Interrupted (Ctrl-C, SIGTERM), it kills the running sandboxes, writes the reports for the
    submissions that finished and raises GradingInterrupted, which says how to resume.
    """
    project.import_solutions()
    bundle = load_bundle(project=project, name=assignment)
    out_dir = Path(out_dir)
    options.hidden_paths = [out_dir, *(Path(p) for p in submissions)]  # other students' work
    grader = Grader(bundle, options, warm_up=not options.cluster)  # a cluster warms its own
    found = collect_submissions(submissions)
    if not found:
        shown = ", ".join(str(p) for p in submissions)
        raise ConfigError(f"no submissions found in {shown}: expected .ipynb notebooks, zips made "
                          "by grader.export(), or one folder per student")
    results_dir = out_dir / "results"
    results_dir.mkdir(parents=True, exist_ok=True)
    counts: Counter[str] = Counter()
    finished: list[SubmissionResult] = []

    def write(results: list[SubmissionResult]) -> None:
        write_reports(results=results, out_dir=out_dir, assignment=assignment,
                      questions=bundle.questions, timeout_seconds=options.timeout, lang=lang)

    with _progress(console) as progress, _signals_as_interrupt() as signals:
        task = progress.add_task("grading", total=len(found), counts="")

        def on_result(result: SubmissionResult) -> None:
            finished.append(result)
            counts[result.status] += 1
            summary = " ".join(f"{k}={v}" for k, v in sorted(counts.items()))
            progress.update(task, advance=1, counts=summary)

        try:
            results = grade_batch(grader=grader, submissions=found, results_dir=results_dir,
                                  on_result=on_result, run=_runner(options, project))
        except KeyboardInterrupt:
            results = sorted(finished, key=lambda r: r.student)
            if results:
                write(results)
            raise _interrupted(done=len(results), total=len(found), out_dir=out_dir,
                               terminated=signals[:1] == [signal.SIGTERM]) from None
        finally:
            grader.close()
    write(results)
    if console is not None:
        console.print(f"graded {len(results)} submissions of {assignment}: "
                      + ", ".join(f"{v} {k}" for k, v in sorted(counts.items()))
                      + f"; reports in {out_dir}")
    return results


def _runner(options: GradeOptions, project: Project) -> Runner:
    """Where the submissions are graded: here, or on a Dask cluster (only then is Dask
    imported)."""
    if not options.cluster:
        return grade_here
    from autograder.grading.cluster import cluster_runner

    return cluster_runner(address=options.cluster, project=project)


def _interrupted(*, done: int, total: int, out_dir: Path, terminated: bool) -> GradingInterrupted:
    reports = f"; reports for them are in {out_dir}" if done else ""
    return GradingInterrupted(
        f"grading was interrupted: {done} of {total} submissions finished and are saved in "
        f"{out_dir / 'results'}{reports}. To grade the rest, run the same command again with "
        "--resume.", exit_code=143 if terminated else 130)


@contextlib.contextmanager
def _signals_as_interrupt() -> Iterator[list[int]]:
    """The first SIGINT or SIGTERM raises KeyboardInterrupt in the main thread; later ones only
    say that the batch is stopping, so a second Ctrl-C cannot cut short the stop: the running
    sandboxes are killed at once, the judge ends the test it is in (seconds, unless that test
    is training a model judge-side), then the reports are written. The signals received are
    recorded in the yielded list. After an interruption the two signals stay ignored: the
    process is on its way out with GradingInterrupted, and a late Ctrl-C must not cut short
    that exit (its code, 130 or 143, and the --resume line)."""
    received: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield received
        return

    def handler(signum, frame):
        received.append(signum)
        if len(received) == 1:
            raise KeyboardInterrupt
        sys.stderr.write("stopping: sandboxes killed; ending the tests in progress and writing "
                         "the reports for the submissions that finished...\n")

    previous = {s: signal.signal(s, handler) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield received
    finally:
        for signum, action in previous.items():
            signal.signal(signum, signal.SIG_IGN if received else action)


def _progress(console: Console | None) -> Progress:
    return Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("{task.fields[counts]}"), TimeRemainingColumn(),
                    console=console, disable=console is None)
