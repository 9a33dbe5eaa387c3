"""Every exception the autograder raises on purpose, in one tree.

AutograderError                 base; the CLI prints its message and exits 2 (usage/config error)
├── ConfigError                 bad option, unknown assignment, missing build
│   └── ManualSheetError        a filled manual-grading sheet cannot be merged (lists every problem)
├── BuildError                  otter assign failed, or a student template leaks solutions/tests
├── GradingInterrupted          a batch was stopped (Ctrl-C, SIGTERM): reports cover what finished
└── SubmissionProblem           something about one submission (never stops a batch)
    ├── InvalidSubmission       not a notebook we can grade: bad JSON, wrong file, unsafe zip
    ├── SandboxFailure          the sandbox process died, timed out or broke the protocol
    │   └── SandboxTimeout      a call into the sandbox or the whole run exceeded its time limit
    │       └── SubmissionTimeout   the whole submission (notebook and tests) ran out of time
    ├── ProtocolError           a message from the sandbox was malformed, too large or unknown
    │   └── ProtocolViolation   a message answered no request (wrong id, unsolicited): voids points
    ├── StudentCodeError        the student's function raised; carries the exception type name
    ├── NameNotDefined          a hidden test asked for a name the notebook does not define
    └── JudgeWorkFailed         judge-side work of a test (training the student's model) failed:
        └── JudgeTimeout        that test fails with this message; it did not finish in time

AssertionError
└── ModelRebuildError           a returned value is not a Keras model the judge can rebuild: a
                                hidden test fails with this message (a failed test, not a crash)

Two more live in :mod:`autograder.protocol`, because the sandbox's runner imports those modules
on their own, without this package: ``codec.CodecError`` (a value that cannot travel as plain
data; a ``TypeError``) and ``wire.WireError`` with ``wire.WireTimeout`` (a broken or silent
channel). The launcher turns them into ProtocolError, SandboxFailure and SandboxTimeout.

Messages are written for the person who will read them: a TA for ConfigError and BuildError,
the student for the SubmissionProblem family and ModelRebuildError (they end up in feedback).
"""

from __future__ import annotations

from pathlib import Path

MAX_LISTED_PROBLEMS = 50


class AutograderError(Exception):
    """Base class of every error raised by the autograder on purpose."""


class ConfigError(AutograderError):
    """An option, path or assignment name is wrong; the message says which and how to fix it."""


class ManualSheetError(ConfigError):
    """The sheet cannot be merged; ``problems`` lists every reason, one per line."""

    def __init__(self, sheet: Path, problems: list[str]):
        shown = problems[:MAX_LISTED_PROBLEMS]
        more = len(problems) - len(shown)
        lines = [f"{sheet} was not merged ({len(problems)} problem(s); nothing was changed):"]
        lines += [f"  - {p}" for p in shown] + ([f"  ... and {more} more"] if more else [])
        super().__init__("\n".join(lines))
        self.problems = problems


class BuildError(AutograderError):
    """`autograder build` could not produce a safe student template."""


class GradingInterrupted(AutograderError):
    """A batch was stopped by Ctrl-C or SIGTERM; the message says what was kept and how to resume.

    ``exit_code`` is what the command exits with: 130 after SIGINT, 143 after SIGTERM."""

    def __init__(self, message: str, *, exit_code: int = 130):
        super().__init__(message)
        self.exit_code = exit_code


class SubmissionProblem(AutograderError):
    """A problem confined to one submission; it becomes that submission's recorded result."""


class InvalidSubmission(SubmissionProblem):
    """The submitted file cannot be graded at all (not a notebook, malformed, unsafe archive)."""


class SandboxFailure(SubmissionProblem):
    """The sandbox process stopped answering: it exited, was killed, or hit a resource limit."""


class SandboxTimeout(SandboxFailure):
    """The sandbox did not answer within its time limit."""


class SubmissionTimeout(SandboxTimeout):
    """The submission as a whole (notebook and every test) used up its wall-clock limit."""


class ProtocolError(SubmissionProblem):
    """The sandbox sent something the judge refuses to decode (unknown type, too large, garbled)."""


class ProtocolViolation(ProtocolError):
    """The sandbox sent a message that answers no request of the judge (a reply with another
    request's id, or a frame nobody asked for): code in the notebook wrote to the grader's
    channel. The submission ends as `error` and its auto-graded points are void, since no answer
    on that channel can be trusted any more."""


class StudentCodeError(SubmissionProblem):
    """A student's function raised an exception when the judge called it.

    ``type_name`` is the exception's class name in the sandbox; the judge re-raises builtin
    exception types (ValueError, TypeError...) as themselves so tests can expect them.
    """

    def __init__(self, message: str, type_name: str = "Exception"):
        super().__init__(message)
        self.type_name = type_name


class NameNotDefined(SubmissionProblem):
    """A test's parameter names a global the student's notebook did not define.

    With ``timed_out`` the likely cause is the time limit, not a typo, and the message says so.
    """

    def __init__(self, name: str, *, timed_out: bool = False):
        if timed_out:
            super().__init__(f"`{name}` is not defined: your notebook ran out of time before the "
                             "cell defining it ran (or that cell had an error)")
        else:
            super().__init__(f"`{name}` is not defined in your notebook (check its spelling, and "
                             "that the cell defining it runs without errors)")


class ModelRebuildError(AssertionError):
    """The returned value is not a model the judge can rebuild; a test failure, not a crash."""


class JudgeWorkFailed(SubmissionProblem):
    """Heavy judge-side work of one test (e.g. training the student's model in a judge worker
    process) did not give an answer: the worker died. That test fails with this message."""


class JudgeTimeout(JudgeWorkFailed):
    """Judge-side work of one test ran past ``--judge-timeout`` (or the submission's time); its
    worker process was stopped and the test fails with this message."""
