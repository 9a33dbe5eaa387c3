"""The `autograder` command: a thin shim over the library functions.

Exit codes: 0 success (a batch with failing students is still a success), 1 validation failed,
2 usage or configuration error.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from autograder.errors import AutograderError
from autograder.grade import GradeOptions
from autograder.project import Project
from autograder.sandbox.launcher import SandboxLimits

console = Console(stderr=True)


def _project(ctx: click.Context) -> Project:
    return Project.locate(ctx.obj.get("root"))


@click.group()
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Course project folder (default: the checkout this tool is installed from).")
@click.pass_context
def cli(ctx: click.Context, root: Path | None) -> None:
    """Build, validate and grade the course's notebook assignments."""
    ctx.obj = {"root": root}


@cli.command()
@click.argument("assignments", nargs=-1)
@click.option("--no-run-tests", is_flag=True, help="Skip otter's check of the tests on the solution.")
@click.pass_context
def build(ctx: click.Context, assignments: tuple[str, ...], no_run_tests: bool) -> None:
    """Build student templates and grading bundles (all assignments by default)."""
    from autograder.build import build_assignment

    project = _project(ctx)
    for name in assignments or project.assignments():
        template = build_assignment(project=project, name=name, run_tests=not no_run_tests)
        console.print(f"[green]built[/] {name}: {template.relative_to(project.root)}")


def _grade_options(workers: int | None, timeout: float, test_timeout: float, memory_mb: int,
                   resume: bool = False) -> GradeOptions:
    return GradeOptions(workers=workers or os.cpu_count() or 1, timeout=timeout,
                        test_timeout=test_timeout, limits=SandboxLimits(memory_mb=memory_mb),
                        resume=resume)


_common = [
    click.option("--workers", type=click.IntRange(1, 64), default=None,
                 help="Submissions graded at once (default: one per core)."),
    click.option("--timeout", type=click.FloatRange(1), default=300.0, show_default=True,
                 help="Seconds a notebook's cells may run in total."),
    click.option("--test-timeout", type=click.FloatRange(0.5), default=60.0, show_default=True,
                 help="Seconds one test may spend in calls to student code."),
    click.option("--memory-mb", type=click.IntRange(256), default=4096, show_default=True,
                 help="Memory limit of each sandbox."),
]


def _with_common(func):
    for option in reversed(_common):
        func = option(func)
    return func


@cli.command()
@click.argument("assignments", nargs=-1)
@_with_common
@click.pass_context
def validate(ctx, assignments, workers, timeout, test_timeout, memory_mb) -> None:
    """Prove the tests: solution full marks, blank zero, each mutant loses its questions."""
    from autograder.validate import validate_assignment

    project = _project(ctx)
    options = _grade_options(workers, timeout, test_timeout, memory_mb)
    all_ok = True
    for name in assignments or project.assignments():
        report = validate_assignment(project=project, name=name, options=options)
        table = Table(title=f"validate {name}")
        for column in ("notebook", "expected", "outcome", ""):
            table.add_column(column, overflow="fold")
        for check in report.checks:
            table.add_row(check.notebook, check.expectation, check.outcome,
                          "[green]ok[/]" if check.ok else "[red]FAIL[/]")
        Console().print(table)
        all_ok &= report.ok
    sys.exit(0 if all_ok else 1)


@cli.command()
@click.argument("assignment")
@click.argument("submissions", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", "out", required=True, type=click.Path(path_type=Path),
              help="Folder for results/, grades.csv, feedback/ and summary.md.")
@_with_common
@click.option("--resume", is_flag=True, help="Skip submissions already graded unchanged.")
@click.option("--quiet", is_flag=True, help="No progress output.")
@click.pass_context
def grade(ctx, assignment, submissions, out, workers, timeout, test_timeout, memory_mb,
          resume, quiet) -> None:
    """Grade SUBMISSIONS (.ipynb files, otter export zips, or folders of them)."""
    from autograder.pipeline import grade_class

    options = _grade_options(workers, timeout, test_timeout, memory_mb, resume)
    grade_class(project=_project(ctx), assignment=assignment, submissions=list(submissions),
                out_dir=out, options=options, console=None if quiet else console)


def main() -> None:
    try:
        cli(standalone_mode=False)
    except click.exceptions.Abort:
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2)
    except AutograderError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
