"""otter's OK-format (doctest) tests, judged under our grading model.

Each ``>>>`` example of a case runs in the judge, with the student's names resolved as for an
exception-based test: a value comes from the sandbox as plain data, a function is a proxy that
calls into the sandbox and brings plain data back, a module is the judge's own module. The
example's output is then compared with the expected output by :mod:`doctest`'s own checker, as
otter does. A student's value never computes its own verdict (``np.allclose`` and ``isinstance``
are the judge's), and a value that cannot cross as plain data fails its case with a message.

doctest swaps ``sys.stdout`` for the whole process while it runs, so cases run one at a time
across the judge's threads (``_DOCTEST_LOCK``).
"""

from __future__ import annotations

import ast
import builtins
import doctest
import threading
from pathlib import Path

from otter.test_files.exception_test import ExceptionTestFile
from otter.test_files.ok_test import OKTestFile

from autograder.errors import NameNotDefined, SubmissionProblem

_DOCTEST_LOCK = threading.Lock()
_NOTHING = object()


def load_test_file(path: Path):
    """An otter test file in either format (``OK_FORMAT = True``: doctest; else exception)."""
    source = Path(path).read_text("utf-8")
    env: dict = {}
    exec(compile(source, str(path), "exec"), env)  # trusted: the instructor's built tests
    if env.get("OK_FORMAT") is True:
        return OKTestFile.from_file(str(path))
    return ExceptionTestFile.from_file(str(path))


def is_ok_case(case) -> bool:
    return isinstance(case.body, str)


def examples(body: str, name: str = "test") -> list[doctest.Example]:
    return [e for e in doctest.DocTestParser().parse(body, name) if isinstance(e, doctest.Example)]


def free_names(body: str) -> list[str]:
    """Names a case reads that it neither binds nor imports, nor are builtins: the student's."""
    loaded, bound = [], set()
    for example in examples(body):
        tree = ast.parse(example.source)
        for node in ast.walk(tree):
            if isinstance(node, ast.Name):
                if isinstance(node.ctx, ast.Load):
                    loaded.append(node.id)
                else:
                    bound.add(node.id)
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                bound.update((a.asname or a.name).split(".")[0] for a in node.names)
            elif isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.Lambda)):
                bound.update(a.arg for a in getattr(node.args, "args", []))
                bound.add(getattr(node, "name", ""))
    return [n for n in dict.fromkeys(loaded) if n not in bound and not hasattr(builtins, n)]


class _FirstFailure(doctest.DocTestRunner):
    """Records the first example that failed, without printing anything."""

    def __init__(self):
        super().__init__(verbose=False)
        self.failure: tuple[int, doctest.Example, str] | None = None
        self.problem: BaseException | None = None
        self._index = {}

    def report_start(self, out, test, example):
        self._index.setdefault(id(example), len(self._index) + 1)

    def report_success(self, out, test, example, got):
        pass

    def report_failure(self, out, test, example, got):
        if self.failure is None:
            self.failure = (self._index.get(id(example), 0), example, got)

    def report_unexpected_exception(self, out, test, example, exc_info):
        if self.failure is None:
            self.failure = (self._index.get(id(example), 0), example, "")
            self.problem = exc_info[1]


def run_ok_case(case, *, environment, question: str, on_start=None) -> None:
    """Run one OK-format case; raise AssertionError (or the student's problem) if it fails.

    ``on_start`` is called once the case holds the doctest lock (the judge restarts the test's
    time limit there, so waiting for another submission's case costs this one nothing)."""
    globs = {}
    for name in free_names(case.body):
        globs[name] = environment.get(name)  # NameNotDefined for a name the notebook lacks
    parts = examples(case.body, question)
    test = doctest.DocTest(parts, globs, question, None, None, case.body)
    runner = _FirstFailure()
    with _DOCTEST_LOCK:
        if on_start is not None:
            on_start()
        saved = builtins.__dict__.get("_", _NOTHING)  # the display hook sets builtins._
        try:
            runner.run(test, clear_globs=False)
        finally:
            if saved is _NOTHING:
                builtins.__dict__.pop("_", None)
            else:
                builtins._ = saved
    if runner.failure is None:
        return
    number, example, got = runner.failure
    if isinstance(runner.problem, (SubmissionProblem, NameNotDefined)):
        raise runner.problem
    failure = AssertionError(_message(number, len(parts), example, got, runner.problem,
                                      hidden=bool(case.hidden)))
    failure.problem = runner.problem  # what the example raised, if anything (build reads it)
    raise failure


def _message(number: int, total: int, example, got: str, problem, *, hidden: bool) -> str:
    where = f"check {number} of {total}" if total > 1 else "the check"
    if problem is not None:
        what = f"{where} raised {type(problem).__name__}: {str(problem)[:300]}"
    else:
        what = f"{where} gave a different result"
    if hidden:
        return what
    shown = example.source.strip()[:300]
    return (f"{what}: `{shown}` should give {example.want.strip()[:200]!r}"
            + (f", got {got.strip()[:200]!r}" if problem is None else ""))
