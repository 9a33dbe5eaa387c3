"""The trusted side: runs otter exception-based test files against a sandboxed notebook.

A test case function's parameters are named after the student's globals. The judge hands it a
:class:`RemoteFunction` for a student function (calling it sends plain-data arguments to the
sandbox and decodes a plain-data answer) and the decoded value for anything else. Test cases are
parsed with otter's own loader, but called here, so that timing, timeouts and student-facing
messages (never the test's source) are ours.
"""

from __future__ import annotations

import builtins
import importlib
import re
import sys
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from otter.test_files.exception_test import ExceptionTestFile

from autograder.errors import (NameNotDefined, ProtocolError, ProtocolViolation, SandboxFailure,
                               SandboxTimeout, StudentCodeError, SubmissionProblem,
                               SubmissionTimeout)
from autograder.grading.ok_tests import is_ok_case, load_test_file, run_ok_case
from autograder.grading.mistakes import CallLog, MistakeCatalog
from autograder.protocol import codec, wire
from autograder.results import QuestionResult, TestResult
from autograder.sandbox.launcher import Sandbox

INTERRUPT_GRACE = 3.0


def load_test_files(tests_dir: Path, *, public_only: bool = False) -> dict[str, ExceptionTestFile]:
    """Question name -> parsed test file (hidden and public cases, or public ones only)."""
    files = {}
    for path in sorted(Path(tests_dir).glob("*.py")):
        test_file = load_test_file(path)  # exception-based or OK-format (doctest)
        if public_only:
            test_file.test_cases = [case for case in test_file.test_cases if not case.hidden]
        files[test_file.name] = test_file
    return files


class Deadline:
    """A time budget: of the test currently running (shared by its remote calls), or of the
    whole submission."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def remaining(self) -> float:
        return max(0.05, self.end - time.monotonic())

    def expired(self) -> bool:
        return time.monotonic() >= self.end


class SandboxSession:
    """The judge's view of one executed notebook: names, values and remote calls.

    Every request carries a random id that its answer must echo; anything else is a protocol
    violation. A violation, a refused frame, a sandbox that
    stops reading, or the end of the submission's time (``clock``) ends the session for good:
    :attr:`fatal` holds the problem and the grader ends the submission with it.
    """

    def __init__(self, sandbox: Sandbox, kinds: dict[str, str], *, clock: Deadline | None = None):
        self.sandbox = sandbox
        self.kinds = kinds
        self.clock = clock
        """The whole submission's time budget; None: unbounded."""
        self.dead: str | None = None
        self.fatal: SubmissionProblem | None = None
        """Why the submission must end (not just this test), once it must."""
        self.deadline = Deadline(60)
        self.timed_out = False
        """The notebook was stopped by the time limit: missing names are most likely the reason."""
        self.returned_none: str | None = None
        """Name of a student function that returned None during the current test (hint)."""
        self.modules: frozenset[str] | None = None
        """Top-level packages a test may be given as a module parameter (None: any the judge
        has loaded); the grader sets the assignment's own imports."""
        self.calls: CallLog | None = None
        """The current hidden test's calls into student functions, for naming a known mistake."""
        self._values: dict[str, object] = {}

    def request(self, message: dict, what: str) -> object:
        """Send one request; decode the answer; turn every failure into a SubmissionProblem."""
        if self.dead:
            raise SandboxFailure(f"not run: {self.dead}")
        # random, not counted: code in the notebook that writes answers on the channel before a
        # request exists cannot guess the id it will carry
        request_id = secrets.randbits(62) + 1
        try:
            reply = self._exchange({**message, "id": request_id}, what)
        except SubmissionProblem as exc:
            self._end(exc)
            raise
        if reply.get("ok") is True:
            try:
                return codec.decode(reply.get("value"), attachment=reply.get(wire.BLOB, b""))
            except codec.CodecError as exc:
                raise ProtocolError(f"{what} gave a value the grader refuses: {exc}") from None
        if reply.get("error_type") == "$interrupted":
            raise SandboxTimeout(f"{what} did not finish within {self.deadline.seconds:g} s")
        raise _student_error(reply, what)

    def _exchange(self, message: dict, what: str) -> dict:
        self._check_clock(what)
        try:
            self.sandbox.send(message, timeout=self._remaining(), during=what)
        except SandboxFailure as exc:  # it stopped reading: the channel is unusable
            self.fatal = exc
            raise
        try:
            return self._reply(message["id"], what, timeout=self._remaining())
        except SandboxTimeout:
            self._check_clock(what)
            return self._interrupt(message["id"], what)

    def _reply(self, request_id: int, what: str, *, timeout: float) -> dict:
        reply = self.sandbox.receive(timeout=timeout, during=what)
        if reply.get("id") != request_id:
            raise protocol_violation(f"while {what}", describe_frame(reply, request_id))
        return reply

    def _interrupt(self, request_id: int, what: str) -> dict:
        """A call overran: interrupt it; if the sandbox does not recover, it is dead."""
        self.sandbox.interrupt()
        grace = min(INTERRUPT_GRACE, self._remaining())
        try:
            return self._reply(request_id, what, timeout=grace)
        except (SandboxTimeout, SandboxFailure):
            self._check_clock(what)
            self.dead = f"the notebook's process stopped answering after {what} ran out of time"
            self.sandbox.close()
            raise SandboxTimeout(f"{what} did not finish within {self.deadline.seconds:g} s")

    def finish(self) -> None:
        """After the last test: a frame nobody asked for that is still waiting is a violation
        too (forged answers written ahead of the requests)."""
        if self.dead or not self.sandbox.has_unread():
            return
        try:
            extra = self.sandbox.receive(timeout=0.5, during="finishing")
        except (SandboxFailure, ProtocolError):
            return  # the channel ended (the process exited) or holds garbage: nothing to answer
        self.fatal = self.fatal or protocol_violation("after the last test",
                                                      describe_frame(extra, 0))

    def _remaining(self) -> float:
        if self.clock is None:
            return self.deadline.remaining()
        return min(self.deadline.remaining(), self.clock.remaining())

    def _check_clock(self, what: str) -> None:
        if self.clock is not None and self.clock.expired():
            raise SubmissionTimeout(submission_time_message(self.clock.seconds, what))

    def _end(self, exc: SubmissionProblem) -> None:
        """After a failed exchange no later request can be trusted to line up with its answer."""
        self.dead = self.dead or str(exc)
        if isinstance(exc, (ProtocolError, SubmissionTimeout)):
            self.fatal = self.fatal or exc
        if self.fatal is not None:
            self.sandbox.kill()  # a flooding or stuck sandbox: stop it now, close() cleans up

    def value(self, name: str) -> object:
        if name not in self._values:
            self._values[name] = self.request({"op": "get", "name": name}, f"reading `{name}`")
        return self._values[name]

    def environment(self) -> dict[str, object]:
        """What otter's `call_func` sees: lazily fetched values and remote functions."""
        return _LazyEnvironment(self)


class _LazyEnvironment(dict):
    def __init__(self, session: SandboxSession):
        super().__init__()
        self.session = session

    def get(self, name, default=None):
        kind = self.session.kinds.get(name)
        if kind is None:
            raise NameNotDefined(name, timed_out=self.session.timed_out)
        if kind == "function":
            return RemoteFunction(self.session, name)
        if kind == "module":
            return judge_module(self.session, name)
        return self.session.value(name)


JUDGE_ONLY_PACKAGES = frozenset({"solutions", "autograder", "otter"})


def judge_module(session: SandboxSession, name: str):
    """What otter passes for a parameter naming a module the notebook imported (``np``): the
    judge's own copy of that module, never the student's. Only modules whose top-level package
    the judge has already imported, and that the assignment itself imports, are given."""
    module_name = str(session.request({"op": "module", "name": name}, f"reading `{name}`"))
    top = module_name.split(".")[0]
    allowed = top in sys.modules and top not in JUDGE_ONLY_PACKAGES and (
        session.modules is None or top in session.modules)
    if not allowed or not re.fullmatch(r"[A-Za-z_][\w.]*", module_name):
        raise SubmissionProblem(f"`{name}` is the module `{module_name[:80]}`, which the grader "
                                "does not load for tests")
    return importlib.import_module(module_name)


class RemoteFunction:
    """A student function living in the sandbox; only plain data crosses."""

    def __init__(self, session: SandboxSession, name: str):
        self._session = session
        self.__name__ = name

    def __call__(self, *args, **kwargs):
        try:
            with codec.attachment() as blob:  # array bytes travel as binary, not base64
                message = {"op": "call", "name": self.__name__, "args": codec.encode(list(args)),
                           "kwargs": codec.encode(dict(kwargs))}
            message[wire.BLOB] = bytes(blob)
        except codec.CodecError as exc:  # a test-writing bug, not the student's
            raise TypeError(f"hidden test passed an unsendable argument: {exc}") from None
        try:
            value = self._session.request(message, f"calling `{self.__name__}`")
        except Exception as exc:
            if self._session.calls is not None:
                self._session.calls.raised(self.__name__, message, exc)
            raise
        if self._session.calls is not None:
            self._session.calls.returned(self.__name__, message, value)
        if value is None:
            self._session.returned_none = self.__name__
        return value

    def __repr__(self) -> str:
        return f"<student function {self.__name__}>"


def submission_time_message(seconds: float, what: str) -> str:
    return (f"grading stopped: the submission used up its time limit of {seconds:g} s (notebook "
            f"and tests together) while {what}; the tests that finished keep their points")


def protocol_violation(when: str, frame: str) -> ProtocolViolation:
    """The one wording for a frame the grader did not ask for (``frame`` says what it was)."""
    return ProtocolViolation(
        f"protocol violation {when}: the notebook's process sent a message that answers no "
        f"request of the grader ({frame}); code in the notebook wrote to the grader's channel, "
        "so grading stopped")


def describe_frame(reply: dict, expected: int) -> str:
    got = reply.get("id")
    if got is None:
        return f"a message without a request id, of type {str(reply.get('type', '?'))[:40]!r}"
    if not expected:
        return f"an answer to request {str(got)[:40]}"
    return f"the answer to request {str(got)[:40]} instead of {expected}"


def _student_error(reply: dict, what: str) -> Exception:
    type_name = str(reply.get("error_type", "Exception"))[:100]
    message = str(reply.get("error", ""))[:500]
    if type_name == "UnsupportedValue":
        return StudentCodeError(f"{what} returned a value the grader cannot use: {message}",
                                type_name)
    text = f"{what} raised {message}" if message else f"{what} raised {type_name}"
    builtin = getattr(builtins, type_name, None)
    if isinstance(builtin, type) and issubclass(builtin, Exception) and builtin is not Exception:
        try:  # same builtin type, so tests can expect e.g. ValueError; still marked as student's
            marked = type(f"Student{type_name}", (builtin, StudentCodeError), {})
            error = marked(text)
            error.type_name = type_name
            return error
        except TypeError:
            pass
    return StudentCodeError(text, type_name)


# ------------------------------------------------------------------------ running test cases


@dataclass
class TestOptions:
    test_timeout: float = 60.0
    """Seconds one test case may spend in calls to the student's code."""
    mistakes: MistakeCatalog | None = None
    """The assignment's named mutants: a failing hidden test says which one it caught."""


def run_question(test_file: ExceptionTestFile, *, session: SandboxSession,
                 options: TestOptions) -> QuestionResult:
    tests = [_run_case(case, session, options, question=test_file.name)
             for case in test_file.test_cases]
    earned = sum(t.points for t in tests)
    possible = sum(t.possible for t in tests)
    if getattr(test_file, "all_or_nothing", False) and earned < possible:
        for test in tests:
            test.points = 0.0
        earned = 0.0
    return QuestionResult(name=test_file.name, possible=_clean(possible), points=_clean(earned),
                          tests=tests)


def _run_case(case, session: SandboxSession, options: TestOptions, *,
              question: str = "") -> TestResult:
    body = case.body
    possible = float(case.points or 0)
    session.deadline = Deadline(options.test_timeout)
    session.returned_none = None
    session.calls = CallLog() if options.mistakes is not None and case.hidden else None
    started = time.monotonic()
    passed, message = False, ""
    try:
        if is_ok_case(case):
            run_ok_case(case, environment=session.environment(), question=test_file_name(case),
                        on_start=lambda: setattr(session, "deadline",
                                                 Deadline(options.test_timeout)))
        else:
            body.call_func(session.environment())
        passed, message = True, _success_message(case) or "passed"
    except NameNotDefined as exc:
        message = str(exc)
    except AssertionError as exc:
        message = str(exc).strip() or body.failure_message or "the result is not what was expected"
    except SubmissionProblem as exc:
        message = str(exc)
    except Exception as exc:  # the test tripped over an unexpected student value
        message = f"your answer could not be checked ({type(exc).__name__}: {str(exc)[:300]})"
    failure_message = _failure_message(case)
    if not passed and failure_message and failure_message not in message:
        message = f"{failure_message} ({message})"
    if not passed and session.returned_none:
        message = message if message.endswith((".", "!", "?")) else message + "."
        message += (f" Note: `{session.returned_none}` returned None; does every path of the "
                    "function end with a `return` statement?")
    result = TestResult(name=_display_name(test_file_name(case), case), passed=passed,
                        points=possible if passed else 0.0, possible=possible,
                        hidden=bool(case.hidden), message=message,
                        duration=round(time.monotonic() - started, 3))
    if not passed and options.mistakes is not None:
        result.mistake = options.mistakes.identify(question=question, log=session.calls)
    session.calls = None
    return result


def _success_message(case) -> str | None:
    return case.success_message if is_ok_case(case) else case.body.success_message


def _failure_message(case) -> str | None:
    return case.failure_message if is_ok_case(case) else case.body.failure_message


def test_file_name(case) -> str:
    return case.name.rsplit(" - ", 1)[0]


def _display_name(question: str, case) -> str:
    """otter names unnamed cases "q1 - 3"; the function's name says more (it is not source)."""
    if re.fullmatch(rf"{re.escape(question)} - \d+", case.name or "") and not is_ok_case(case):
        return case.body.test_func.__name__.removeprefix("test_")
    return case.name


def _clean(value: float) -> float:
    return round(float(value), 6)
