"""`autograder grade`: intake, grading and reports for one class, with live progress."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from autograder.grading.grader import Grader, GradeOptions, grade_batch
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
    """
    project.import_solutions()
    bundle = load_bundle(project=project, name=assignment)
    out_dir = Path(out_dir)
    options.hidden_paths = [out_dir, *(Path(p) for p in submissions)]  # other students' work
    grader = Grader(bundle, options)
    found = collect_submissions(submissions)
    results_dir = out_dir / "results"
    results_dir.mkdir(parents=True, exist_ok=True)
    counts: Counter[str] = Counter()
    with _progress(console) as progress:
        task = progress.add_task("grading", total=len(found), counts="")

        def on_result(result: SubmissionResult) -> None:
            counts[result.status] += 1
            summary = " ".join(f"{k}={v}" for k, v in sorted(counts.items()))
            progress.update(task, advance=1, counts=summary)

        results = grade_batch(grader=grader, submissions=found, results_dir=results_dir,
                              on_result=on_result)
    write_reports(results=results, out_dir=out_dir, assignment=assignment,
                  questions=bundle.questions, timeout_seconds=options.timeout, lang=lang)
    if console is not None:
        console.print(f"graded {len(results)} submissions of {assignment}: "
                      + ", ".join(f"{v} {k}" for k, v in sorted(counts.items()))
                      + f"; reports in {out_dir}")
    return results


def _progress(console: Console | None) -> Progress:
    return Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("{task.fields[counts]}"), TimeRemainingColumn(),
                    console=console, disable=console is None)
