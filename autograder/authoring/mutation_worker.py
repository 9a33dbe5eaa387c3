"""The child side of mutation testing: runs hidden tests against one mutant of the reference.

A worker process imports the reference module (``solutions.<hw>``, which the hidden tests compare
with) and the assignment's hidden tests once, then answers jobs from its pipe. For each job it
builds a fresh copy of the reference module, replaces one function by its mutant, and calls the
hidden tests of the questions that mutant can affect, handing them the copy's functions as the
"student's". Mutants are trusted code (made from our own reference), so no sandbox is needed;
arguments and return values still cross :mod:`autograder.protocol.codec`, as a student's do, so
a test sees exactly the kind of values it sees when grading.
"""

from __future__ import annotations

import __future__
import importlib
import json
import os
import sys
import time
import types
from pathlib import Path

from autograder.grading.judge import load_test_files
from autograder.grading.notebook import parse_notebook
from autograder.grading.ok_tests import is_ok_case, run_ok_case
from autograder.protocol import codec

MAX_MESSAGE = 300


def cross(value):
    """``value`` as the judge would receive it from a sandbox: encoded and decoded again."""
    with codec.attachment() as blob:
        tree = codec.encode(value)
    return codec.decode(tree, attachment=bytes(blob))


class LocalFunction:
    """A mutant's function standing in for a student's: plain data in, plain data out."""

    def __init__(self, function):
        self._function = function
        self.__name__ = function.__name__

    def __call__(self, *args, **kwargs):
        return cross(self._function(*cross(list(args)), **cross(dict(kwargs))))


class MutantEnvironment(dict):
    """What a test case's parameters are taken from (otter calls ``get`` per parameter): the
    mutant module's functions, else the solution notebook's globals (data it loads, say)."""

    def __init__(self, module: types.ModuleType, notebook_globals):
        super().__init__()
        self.module = module
        self.notebook_globals = notebook_globals

    def get(self, name, default=None):
        if hasattr(self.module, name):
            value = getattr(self.module, name)
        else:
            value = self.notebook_globals().get(name, default)
        if isinstance(value, types.ModuleType):  # as the judge gives a module: its own copy
            return value
        return LocalFunction(value) if callable(value) else cross(value)


OTTER_LINES = ("grader.check", "grader.export", "otter.Notebook", "import otter")


def run_solution_notebook(notebook: Path, workdir: Path) -> dict:
    """The globals of the solution notebook (trusted instructor code), run as grading runs it:
    cells tagged to skip are skipped, otter's own calls and magics dropped."""
    namespace: dict = {"__name__": "__main__"}
    previous = os.getcwd()
    os.chdir(workdir)
    try:
        for cell in parse_notebook(notebook.read_bytes(), name=notebook.name):
            lines = [line for line in cell.source.splitlines()
                     if not line.lstrip().startswith(("%", "!"))
                     and not any(mark in line for mark in OTTER_LINES)]
            if not cell.skip:
                exec(compile("\n".join(lines), f"<cell {cell.index}>", "exec"), namespace)  # noqa: S102
    finally:
        os.chdir(previous)
    return namespace


class Worker:
    """Loads an assignment's reference and hidden tests once; then builds and tests mutants."""

    def __init__(self, *, root: str, assignment: str, tests_dir: str, notebook: str,
                 workdir: str):
        if root not in sys.path:
            sys.path.insert(0, root)
        self.reference = importlib.import_module(f"solutions.{assignment}")
        path = Path(self.reference.__file__)
        self.code = compile(path.read_text(encoding="utf-8"), str(path), "exec")
        self.files = load_test_files(Path(tests_dir))
        self.notebook, self.workdir = Path(notebook), Path(workdir)
        self._notebook_globals: dict | None = None

    def notebook_globals(self) -> dict:
        if self._notebook_globals is None:
            self._notebook_globals = run_solution_notebook(self.notebook, self.workdir)
        return self._notebook_globals

    def module(self, function_source: str | None) -> types.ModuleType:
        """A fresh copy of the reference, with one function replaced when a source is given."""
        module = types.ModuleType(self.reference.__name__ + "__mutant")
        module.__file__ = self.reference.__file__
        exec(self.code, module.__dict__)  # noqa: S102 - our own reference module
        if function_source is not None:
            code = compile(function_source, "<mutant>", "exec", dont_inherit=True,
                           flags=__future__.annotations.compiler_flag)
            exec(code, module.__dict__)  # noqa: S102
        return module

    def run(self, function_source: str | None, questions: list[str]) -> dict:
        """{"killed": bool, "by": test, "message": why, "seconds": float}."""
        started = time.monotonic()
        try:
            environment = MutantEnvironment(self.module(function_source), self.notebook_globals)
        except Exception as exc:  # a mutant that cannot even be defined is caught by any test
            return {"killed": True, "by": "(definition)", "message": _short(exc),
                    "seconds": 0.0}
        for question in questions:
            for case in self.files[question].test_cases:
                if not case.hidden:
                    continue
                try:
                    if is_ok_case(case):
                        run_ok_case(case, environment=environment, question=question)
                    else:
                        case.body.call_func(environment)
                except BaseException as exc:  # noqa: BLE001 - any failure kills the mutant
                    if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                        raise
                    return {"killed": True, "by": f"{question}/{case.name}",
                            "message": _short(exc),
                            "seconds": round(time.monotonic() - started, 3)}
        return {"killed": False, "by": "", "message": "",
                "seconds": round(time.monotonic() - started, 3)}


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split())[:MAX_MESSAGE]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def serve() -> None:
    """Process entry point (``python -m autograder.authoring.mutation_worker ROOT HW TESTS
    SOLUTION_NOTEBOOK WORKDIR``):
    answer one JSON job per line, ``[function_source, questions]``, until stdin closes.

    Replies go to the process's original stdout; whatever the tests print goes to stderr."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    channel = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)
    root, assignment, tests_dir, notebook, workdir = sys.argv[1:6]
    try:
        worker = Worker(root=root, assignment=assignment, tests_dir=tests_dir,
                        notebook=notebook, workdir=workdir)
        channel.write(json.dumps({"ready": True}) + "\n")
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which stops
        channel.write(json.dumps({"ready": False, "message": _short(exc)}) + "\n")
        return
    for line in sys.stdin:
        source, questions = json.loads(line)
        channel.write(json.dumps(worker.run(source, questions)) + "\n")


if __name__ == "__main__":
    serve()
