"""Grading: one submission end to end, and a whole class in parallel.

Every submission ends as a saved :class:`SubmissionResult`, whatever happens: a broken file is
`invalid`, a notebook that runs out of time is `timeout` (its tests still run on what it defined
before, when the sandbox recovers), a sandbox that dies or breaks the protocol is `error`, a
submission over its total time limit is `timeout` with the points of the tests that finished, and
even a bug in the grader itself is recorded as `error` instead of stopping the batch. Every text
of a result is made safe to write (:func:`autograder.results.clean_result`) before it leaves here.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
import time
import traceback
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from autograder import __version__
from autograder.errors import (InvalidSubmission, ProtocolViolation, SandboxFailure,
                               SandboxTimeout, SubmissionProblem, SubmissionTimeout)
from autograder.grading.intake import Submission
from autograder.grading.judge import (INTERRUPT_GRACE, Deadline, SandboxSession, TestOptions,
                                      describe_frame, load_test_files, protocol_violation,
                                      run_question, submission_time_message)
from autograder.grading.judge_work import DEFAULT_JUDGE_TIMEOUT, JudgeWorkers, judge_work_for
from autograder.grading.mistakes import MistakeCatalog
from autograder.grading.notebook import parse_notebook
from autograder.reports.similarity import CodePrinter
from autograder.grading.bundle import Bundle
from autograder.results import CellError, QuestionResult, SubmissionResult, clean_result
from autograder.sandbox.launcher import Sandbox, SandboxLimits, warm_zygote


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
    submission_timeout: float | None = None
    """Wall-clock seconds for one whole submission: sandbox start, notebook and every test. None:
    ``timeout + tests * (test_timeout + 3) + 120`` (each test's calls, the grace after an
    interruption, and two minutes for starting the sandbox and judge-side work)."""
    judge_timeout: float = DEFAULT_JUDGE_TIMEOUT
    """Seconds one piece of heavy judge-side work (training a student's model) may take."""
    cluster: str | None = None
    """A Dask scheduler's address (tcp://HOST:PORT): grade there instead of here."""


SANDBOX_RESTARTS = 1
"""Fresh sandboxes a submission may get after one stopped answering during a test."""

SUBMISSION_OVERHEAD = 120.0
"""Seconds the default submission limit allows beyond the notebook's and the tests' own limits."""


class Grader:
    """Grades submissions of one assignment; thread-safe (one sandbox per call)."""

    def __init__(self, bundle: Bundle, options: GradeOptions, *, warm_up: bool = True):
        """``warm_up``: start the sandbox zygote (and the judge workers, when the hidden tests use
        them) now, in the background, so that their imports overlap the judge's own start."""
        self.bundle = bundle
        self.options = options
        self.judge_workers = JudgeWorkers(workers=options.workers, timeout=options.judge_timeout)
        """Processes for heavy judge-side work, started now if the hidden tests use them."""
        if warm_up:  # start the slow imports side by side: zygote, judge workers, catalogue
            warm_zygote(bundle.preload)
            if bundle.judge_work:
                self.judge_workers.warm_up()
        self.test_files = load_test_files(bundle.tests_dir, public_only=options.public_only)
        self.mistakes = None if options.public_only else MistakeCatalog.load(
            bundle.mutants, solution=bundle.model_answer)
        self._printer = None if options.public_only else _code_printer(bundle.template)
        self._live: set[Sandbox] = set()
        self._lock = threading.Lock()
        self._stopped = threading.Event()

    def close(self) -> None:
        """End the judge worker processes (after the last submission)."""
        self.judge_workers.close()

    def submission_seconds(self) -> float:
        """The wall-clock limit of one submission (see GradeOptions.submission_timeout)."""
        if self.options.submission_timeout is not None:
            return float(self.options.submission_timeout)
        tests = sum(len(self.test_files[q.name].test_cases) for q in self.bundle.auto_questions
                    if q.name in self.test_files)
        return (self.options.timeout + tests * (self.options.test_timeout + INTERRUPT_GRACE)
                + SUBMISSION_OVERHEAD)

    def stop(self) -> None:
        """Kill every running sandbox and start no new one (the batch was interrupted)."""
        self._stopped.set()
        with self._lock:
            live = list(self._live)
        for sandbox in live:
            sandbox.kill()
        self.judge_workers.stop()

    def grade(self, submission: Submission, *, slot: int = 0) -> SubmissionResult:
        """Grade one submission; always returns a result whose texts are safe to write."""
        started = time.monotonic()
        clock = Deadline(self.submission_seconds())
        result = SubmissionResult(student=submission.student, assignment=self.bundle.name,
                                  source=str(submission.path), status="graded",
                                  bundle_sha256=self.bundle.sha256, grader_version=__version__)
        try:
            data = submission.read_notebook(assignment=self.bundle.name)
            result.submission_sha256 = hashlib.sha256(data).hexdigest()
            cells = parse_notebook(data, name=submission.path.name,
                                   assignment=self.bundle.name)
            result.code = self._fingerprint(cells)
            self._grade_cells(cells, result, slot=slot, clock=clock)
        except InvalidSubmission as exc:
            result.status, result.message = "invalid", str(exc)
        except SubmissionTimeout as exc:
            result.status, result.message = "timeout", _join(result.message, str(exc))
        except ProtocolViolation as exc:
            result.status, result.message = "error", _join(result.message, str(exc))
            _void_points(result)
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
        return clean_result(result)

    def failed(self, submission: Submission, *, message: str) -> SubmissionResult:
        """An `error` result for a submission that could not be graded at all (its grading
        machine failed), complete with every question at zero points."""
        result = SubmissionResult(student=submission.student, assignment=self.bundle.name,
                                  source=str(submission.path), status="error",
                                  message=_join(submission.note, message),
                                  grader_version=__version__)
        self._complete_questions(result)
        return clean_result(result)

    def _grade_cells(self, cells, result: SubmissionResult, *, slot: int, clock: Deadline) -> None:
        """Run the notebook in a sandbox, then the tests. A sandbox that stops answering during a
        test (its code ignored the interruption) is replaced once by a fresh one that runs the
        notebook again, so the questions after that test are still graded."""
        todo = [q for q in self.bundle.auto_questions if q.name in self.test_files]
        result.questions = []
        for attempt in range(1 + SANDBOX_RESTARTS):
            with self._sandbox(slot) as sandbox:
                stuck = self._run_in(sandbox, cells, result, clock=clock,
                                     questions=todo[len(result.questions):], again=attempt > 0,
                                     may_restart=attempt < SANDBOX_RESTARTS)
            if stuck is None:
                return
            result.message = _join(result.message, (
                f"the notebook's process stopped answering during {stuck} (it ignored the "
                "interruption at the time limit); a fresh process ran the notebook again for the "
                "questions after it"))

    @contextlib.contextmanager
    def _sandbox(self, slot: int):
        hidden = [*self.bundle.secret_paths, *self.options.hidden_paths]
        with Sandbox(slot=slot, limits=self.options.limits, public_files=self.bundle.public_files,
                     hidden_paths=hidden, preload=self.bundle.preload) as sandbox:
            with self._lock:
                self._live.add(sandbox)
            try:
                yield sandbox
            finally:
                with self._lock:
                    self._live.discard(sandbox)

    def _run_in(self, sandbox: Sandbox, cells, result: SubmissionResult, *, clock: Deadline,
                questions: list, again: bool = False, may_restart: bool = False) -> str | None:
        """Start the sandbox, run the notebook, then each question's tests against it (their
        results are appended to ``result.questions``). With ``may_restart``, stops at a question
        during which the sandbox stopped answering, if questions are left and there is time to run
        the notebook again, and returns its name; else None (later tests then say they could not
        run). ``again``: a replacement sandbox (the first run's notebook report stands)."""
        if self._stopped.is_set():
            raise SandboxFailure("grading was stopped before this submission started")
        if not again:
            result.protections = dict(sandbox.protections)
        sandbox.start()
        if self._stopped.is_set():  # stopped while it started: stop() may have missed it
            raise SandboxFailure("grading was stopped")
        report = self._execute(sandbox, cells, result, clock=clock)
        if not again:
            self._record_notebook(report, result)
        session = SandboxSession(sandbox, {}, clock=clock)
        session.timed_out = result.status == "timeout"
        session.modules = frozenset(m.split(".")[0] for m in self.bundle.preload)
        session.kinds = session.request({"op": "names"}, "listing the notebook's names")
        options = TestOptions(test_timeout=self.options.test_timeout, mistakes=self.mistakes)
        stuck = None
        with judge_work_for(self.judge_workers, clock=clock):
            for i, q in enumerate(questions):
                result.questions.append(run_question(self.test_files[q.name], session=session,
                                                     options=options))
                if (may_restart and session.dead and session.fatal is None
                        and i + 1 < len(questions) and result.status == "graded"
                        and clock.remaining() >= self.options.timeout):
                    stuck = q.name
                    break
        result.protections.update(sandbox.protections)
        session.finish()
        if session.fatal is not None:  # the tests that finished before it keep their points
            raise session.fatal
        return stuck

    def _record_notebook(self, report: dict, result: SubmissionResult) -> None:
        result.cell_errors = _cell_errors(report.get("errors"))
        result.notebook_seconds = _number(report.get("seconds"))
        if _number(report.get("output_chars")) > 20_000:
            result.message = _join(result.message, "the notebook printed "
                                   f"{report['output_chars']:,} characters; only the start "
                                   "was kept")

    def _execute(self, sandbox: Sandbox, cells, result: SubmissionResult, *,
                 clock: Deadline) -> dict:
        """Run all cells within the time limit; on overrun interrupt and keep what was defined."""
        sandbox.send({"cells": [{"index": c.index, "source": c.source, "skip": c.skip}
                                for c in cells], "seed": self.bundle.seed},
                     timeout=clock.remaining(), during="starting")
        deadline = min(time.monotonic() + self.options.timeout, clock.end)
        current = 0
        while True:
            try:
                message = sandbox.receive(timeout=max(0.05, deadline - time.monotonic()),
                                          during=f"running cell {current}")
            except SandboxTimeout:
                if clock.expired():
                    raise SubmissionTimeout(submission_time_message(
                        clock.seconds, f"running cell {current}")) from None
                if result.status == "timeout":
                    raise  # it ignored the interruption: the sandbox is unresponsive
                result.status = "timeout"
                result.message = (f"the notebook did not finish within {self.options.timeout:g} s "
                                  f"(it was still running code cell {current}); tests were run "
                                  "on what the cells before it defined")
                sandbox.interrupt()
                deadline = min(time.monotonic() + INTERRUPT_GRACE, clock.end)
                continue
            if message.get("type") == "cell" and "id" not in message:
                current = int(_number(message.get("index")))
            elif message.get("type") == "executed" and "id" not in message:
                return message
            else:
                raise protocol_violation(f"while running cell {current}",
                                         describe_frame(message, 0))

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

    def _fingerprint(self, cells) -> dict:
        """Fingerprints of the student's own code, for the summary's similar submissions."""
        if self._printer is None:
            return {}
        try:
            return self._printer.fingerprint([cell.source for cell in cells])
        except Exception:  # a report nicety must never cost a grade
            return {}

    def _possible(self, name: str, fallback: float) -> float:
        test_file = self.test_files.get(name)
        return float(sum(c.points or 0 for c in test_file.test_cases)) if test_file else fallback


def _code_printer(template: Path | None) -> CodePrinter | None:
    """Fingerprints against the student template's code (None without a template)."""
    if template is None or not Path(template).is_file():
        return None
    cells = parse_notebook(Path(template).read_bytes(), name=Path(template).name)
    return CodePrinter([cell.source for cell in cells])


def _void_points(result: SubmissionResult) -> None:
    """After a protocol violation no answer of the sandbox can be trusted: no test keeps points."""
    for question in result.questions:
        for test in question.tests:
            if test.passed:
                test.passed, test.points = False, 0.0
                test.message = "voided: the notebook broke the grading protocol"
        question.points = 0.0


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
              on_result: Callable[[SubmissionResult], SubmissionResult | None] | None = None,
              ) -> list[SubmissionResult]:
    """Grade in parallel, one sandbox slot per worker; results in the order of `submissions`.

    ``on_result`` sees each result as it is known (in this thread) and may return a replacement.
    On KeyboardInterrupt (or any exception here) the running sandboxes are killed, queued
    submissions are dropped and the exception propagates: results known so far went through
    ``on_result``; those still running are not reported."""
    slots = list(range(max(1, grader.options.workers)))
    results: dict[int, SubmissionResult] = {}
    pool = ThreadPoolExecutor(max_workers=len(slots))
    try:
        futures = {pool.submit(_graded_in_slot, grader, sub, slots): i
                   for i, sub in enumerate(submissions)}
        for future in as_completed(futures):
            results[futures[future]] = result = future.result()
            if on_result:
                results[futures[future]] = on_result(result) or result
    except BaseException:
        grader.stop()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return [results[i] for i in range(len(submissions))]


def _graded_in_slot(grader: Grader, sub: Submission, slots: list[int]) -> SubmissionResult:
    slot = slots.pop()  # list.pop/append are atomic: each running sandbox gets its own uid
    try:
        return grader.grade(sub, slot=slot)
    finally:
        slots.append(slot)
