"""Grading: one submission end to end, and a whole class in parallel.

Every submission ends as a saved :class:`SubmissionResult`, whatever happens: a broken file is
`invalid`, a notebook that runs out of time is `timeout` (its tests still run on what it defined
before, when the sandbox recovers), a sandbox that dies is `error`, and even a bug in the grader
itself is recorded as `error` instead of stopping the batch.
"""

from __future__ import annotations

import hashlib
import time
import traceback
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from autograder import __version__
from autograder.errors import InvalidSubmission, SandboxTimeout, SubmissionProblem
from autograder.grading.intake import Submission
from autograder.grading.judge import SandboxSession, TestOptions, load_test_files, run_question
from autograder.grading.notebook import parse_notebook
from autograder.grading.bundle import Bundle
from autograder.results import CellError, QuestionResult, SubmissionResult, load_result, save_result
from autograder.sandbox.launcher import Sandbox, SandboxLimits


@dataclass
class GradeOptions:
    """Options of a grading run (the CLI's flags map onto these fields)."""

    workers: int = 2
    """Submissions graded at the same time (one sandbox each)."""
    timeout: float = 300.0
    """Seconds the notebook's cells may run in total before the run is stopped."""
    test_timeout: float = 60.0
    """Seconds one test case may spend in calls to the student's code."""
    limits: SandboxLimits = field(default_factory=SandboxLimits)
    """Resource limits of each sandbox."""
    resume: bool = False
    """Skip submissions whose saved result has the same content and grading bundle."""
    hidden_paths: list[Path] = field(default_factory=list)
    """More folders sandboxes must not see (the output folder, the class's submissions)."""
    public_only: bool = False
    """Run only the public test cases (`autograder check`), even if hidden ones are present."""


class Grader:
    """Grades submissions of one assignment; thread-safe (one sandbox per call)."""

    def __init__(self, bundle: Bundle, options: GradeOptions):
        self.bundle = bundle
        self.options = options
        self.test_files = load_test_files(bundle.tests_dir, public_only=options.public_only)

    def grade(self, submission: Submission, *, slot: int = 0) -> SubmissionResult:
        started = time.monotonic()
        result = SubmissionResult(student=submission.student, assignment=self.bundle.name,
                                  source=str(submission.path), status="graded",
                                  bundle_sha256=self.bundle.sha256, grader_version=__version__)
        try:
            data = submission.read_notebook(assignment=self.bundle.name)
            result.submission_sha256 = hashlib.sha256(data).hexdigest()
            cells = parse_notebook(data, name=submission.path.name)
            self._grade_cells(cells, result, slot)
        except InvalidSubmission as exc:
            result.status, result.message = "invalid", str(exc)
        except SandboxTimeout as exc:
            if result.status == "timeout":  # it ignored the interruption: nothing could be tested
                result.message = _join(result.message.split(";")[0], "it did not respond to the "
                                       "interruption, so no test could run")
            else:
                result.status, result.message = "timeout", str(exc)
        except SubmissionProblem as exc:
            result.status = "timeout" if result.status == "timeout" else "error"
            result.message = _join(result.message, str(exc))
        except Exception as exc:  # a grader bug must not lose the result or stop the batch
            result.status = "error"
            result.message = f"internal grader error ({type(exc).__name__}: {exc}); tell your TA"
            result.protections["traceback"] = traceback.format_exc()[-2000:]
        self._complete_questions(result)
        result.message = _join(submission.note, result.message)
        result.duration = round(time.monotonic() - started, 3)
        return result

    def _grade_cells(self, cells, result: SubmissionResult, slot: int) -> None:
        hidden = [*self.bundle.secret_paths, *self.options.hidden_paths]
        with Sandbox(slot=slot, limits=self.options.limits, public_files=self.bundle.public_files,
                     hidden_paths=hidden, preload=self.bundle.preload) as sandbox:
            result.protections = dict(sandbox.protections)
            sandbox.start()
            report = self._execute(sandbox, cells, result)
            result.cell_errors = _cell_errors(report.get("errors"))
            result.notebook_seconds = _number(report.get("seconds"))
            if _number(report.get("output_chars")) > 20_000:
                result.message = _join(result.message, "the notebook printed "
                                       f"{report['output_chars']:,} characters; only the start "
                                       "was kept")
            session = SandboxSession(sandbox, {})
            session.timed_out = result.status == "timeout"
            session.kinds = session.request({"op": "names"}, "listing the notebook's names")
            options = TestOptions(test_timeout=self.options.test_timeout)
            result.questions = [run_question(self.test_files[q.name], session=session, options=options)
                                for q in self.bundle.auto_questions if q.name in self.test_files]
            result.protections.update(sandbox.protections)

    def _execute(self, sandbox: Sandbox, cells, result: SubmissionResult) -> dict:
        """Run all cells within the time limit; on overrun interrupt and keep what was defined."""
        sandbox.send({"cells": [{"index": c.index, "source": c.source, "skip": c.skip}
                                for c in cells]})
        deadline = time.monotonic() + self.options.timeout
        current = 0
        while True:
            try:
                message = sandbox.receive(timeout=max(0.05, deadline - time.monotonic()),
                                          during=f"running cell {current}")
            except SandboxTimeout:
                if result.status == "timeout":
                    raise  # it ignored the interruption: the sandbox is unresponsive
                result.status = "timeout"
                result.message = (f"the notebook did not finish within {self.options.timeout:g} s "
                                  f"(it was still running code cell {current}); tests were run "
                                  "on what the cells before it defined")
                sandbox.interrupt()
                deadline = time.monotonic() + 3
            if message.get("type") == "cell":
                current = int(_number(message.get("index")))
            elif message.get("type") == "executed":
                return message

    def _complete_questions(self, result: SubmissionResult) -> None:
        """Every question appears in every result, with zero points if it could not be graded."""
        graded = {q.name: q for q in result.questions}
        questions = []
        for info in self.bundle.questions:
            if info.name in graded:
                questions.append(graded[info.name])
            elif info.manual:
                questions.append(QuestionResult(info.name, info.points, None, manual=True))
            else:
                possible = self._possible(info.name, info.points)
                questions.append(QuestionResult(info.name, possible, 0.0))
        result.questions = questions
        result.score = round(sum(q.points or 0 for q in questions if not q.manual), 6)
        result.possible = round(sum(q.possible for q in questions if not q.manual), 6)
        result.manual_possible = round(sum(q.possible for q in questions if q.manual), 6)

    def _possible(self, name: str, fallback: float) -> float:
        test_file = self.test_files.get(name)
        return float(sum(c.points or 0 for c in test_file.test_cases)) if test_file else fallback


def _number(value) -> float:
    """A number from the sandbox's messages, which are untrusted: anything odd counts as 0."""
    return float(value) if type(value) in (int, float) and abs(value) < 1e15 else 0.0


def _cell_errors(raw) -> list[CellError]:
    errors = []
    for item in raw if isinstance(raw, list) else []:
        if isinstance(item, dict):
            errors.append(CellError(int(_number(item.get("cell"))), str(item.get("error", ""))[:500],
                                    str(item.get("traceback", ""))[-4000:]))
    return errors[:50]


def _join(first: str, second: str) -> str:
    return f"{first}; {second}" if first else second


def grade_all(grader: Grader, *, submissions: list[Submission],
              on_result: Callable[[SubmissionResult], None] | None = None,
              ) -> list[SubmissionResult]:
    """Grade in parallel, one sandbox slot per worker; results in the order of `submissions`."""
    slots = list(range(max(1, grader.options.workers)))
    results: dict[int, SubmissionResult] = {}
    with ThreadPoolExecutor(max_workers=len(slots)) as pool:
        futures = {pool.submit(_graded_in_slot, grader, sub, slots): i
                   for i, sub in enumerate(submissions)}
        for future in as_completed(futures):
            results[futures[future]] = result = future.result()
            if on_result:
                on_result(result)
    return [results[i] for i in range(len(submissions))]


def grade_batch(*, grader: Grader, submissions: list[Submission], results_dir: Path,
                on_result: Callable[[SubmissionResult], None] | None = None,
                ) -> list[SubmissionResult]:
    """Grade a class; save each result atomically as soon as it is known; honour --resume."""
    results, todo = [], []
    for sub in submissions:
        previous = _reusable(grader, sub, Path(results_dir) / f"{sub.student}.json")
        if previous is None:
            todo.append(sub)
            continue
        results.append(previous)
        if on_result:
            on_result(previous)

    def save_then_report(result: SubmissionResult) -> None:
        save_result(result, results_dir)
        if on_result:
            on_result(result)

    results += grade_all(grader, submissions=todo, on_result=save_then_report)
    return sorted(results, key=lambda r: r.student)


def _graded_in_slot(grader: Grader, sub: Submission, slots: list[int]) -> SubmissionResult:
    slot = slots.pop()  # list.pop/append are atomic: each running sandbox gets its own uid
    try:
        return grader.grade(sub, slot=slot)
    finally:
        slots.append(slot)


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
