"""Every exception the autograder raises on purpose, in one tree.

AutograderError                 base; the CLI prints its message and exits 2 (usage/config error)
├── ConfigError                 bad option, unknown assignment, missing build
├── BuildError                  otter assign failed, or a student template leaks solutions/tests
├── ValidationError             `autograder validate` found tests that do not prove what they should
└── SubmissionProblem           something about one submission (never stops a batch)
    ├── InvalidSubmission       not a notebook we can grade: bad JSON, wrong file, unsafe zip
    ├── SandboxFailure          the sandbox process died, timed out or broke the protocol
    │   └── SandboxTimeout      a call into the sandbox or the whole run exceeded its time limit
    ├── ProtocolError           a message from the sandbox was malformed, too large or unknown
    └── StudentCodeError        the student's function raised; carries the exception type name

Messages are written for the person who will read them: a TA for the first three, the student
for the SubmissionProblem family (they end up in feedback files).
"""


class AutograderError(Exception):
    """Base class of every error raised by the autograder on purpose."""


class ConfigError(AutograderError):
    """An option, path or assignment name is wrong; the message says which and how to fix it."""


class BuildError(AutograderError):
    """`autograder build` could not produce a safe student template."""


class ValidationError(AutograderError):
    """The tests of an assignment do not separate right answers from wrong ones."""


class SubmissionProblem(AutograderError):
    """A problem confined to one submission; it becomes that submission's recorded result."""


class InvalidSubmission(SubmissionProblem):
    """The submitted file cannot be graded at all (not a notebook, malformed, unsafe archive)."""


class SandboxFailure(SubmissionProblem):
    """The sandbox process stopped answering: it exited, was killed, or hit a resource limit."""


class SandboxTimeout(SandboxFailure):
    """The sandbox did not answer within its time limit."""


class ProtocolError(SubmissionProblem):
    """The sandbox sent something the judge refuses to decode (unknown type, too large, garbled)."""


class StudentCodeError(SubmissionProblem):
    """A student's function raised an exception when the judge called it.

    ``type_name`` is the exception's class name in the sandbox; the judge re-raises builtin
    exception types (ValueError, TypeError...) as themselves so tests can expect them.
    """

    def __init__(self, message: str, type_name: str = "Exception"):
        super().__init__(message)
        self.type_name = type_name
