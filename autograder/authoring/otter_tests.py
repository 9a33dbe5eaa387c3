"""The tests otter assign wrote, gathered for the judge and checked before anything is graded.

otter keeps a question's tests in ``tests/<q>.py`` with ``tests: files: true`` and in the
autograder notebook's metadata otherwise; either way, in OK format (doctest) or exception format.
:func:`collect_tests` writes them all as files in the bundle's ``tests/`` folder, where the judge
reads them with otter's own parsers; :func:`check_tests` loads each one the same way and refuses,
naming the question and what to change, whatever the judge could not run as otter would.
"""

from __future__ import annotations

import ast
import contextlib
import io
import importlib.util
import json
import pprint
import sys
import types
from dataclasses import dataclass, field
from pathlib import Path

from autograder.authoring.mutation_worker import LocalFunction, cross, run_solution_notebook
from autograder.authoring.otter_format import MasterReading
from autograder.errors import BuildError
from autograder.grading.ok_tests import examples, is_ok_case, load_test_file, run_ok_case
from autograder.protocol.codec import CodecError
from autograder.project import QuestionInfo

ALWAYS_IMPORTABLE = {"otter", "solutions"}
"""otter's decorator module, and the project's references (on the judge's path when it grades)."""


@dataclass
class CheckedTests:
    """Questions with the points otter's tests give them, and notes for the instructor."""

    questions: list[QuestionInfo] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def collect_tests(*, autograder_dir: Path, notebook_name: str) -> Path:
    """The bundle's tests folder, holding every test file otter wrote (files or metadata)."""
    tests_dir = autograder_dir / "tests"
    tests_dir.mkdir(exist_ok=True)
    if any(tests_dir.glob("*.py")):
        return tests_dir
    notebook = json.loads((autograder_dir / f"{notebook_name}.ipynb").read_text("utf-8"))
    stored = (notebook.get("metadata", {}).get("otter", {}) or {}).get("tests", {}) or {}
    for question, spec in stored.items():
        if isinstance(spec, str):  # exception format: the file's source
            text = spec
        else:  # OK format: the test dict of an OK test file
            text = "OK_FORMAT = True\n\ntest = " + pprint.pformat(spec, indent=4, width=100) + "\n"
        (tests_dir / f"{question}.py").write_text(text, "utf-8")
    return tests_dir


def check_tests(*, tests_dir: Path, reading: MasterReading, master: Path) -> CheckedTests:
    """Load every test file as the judge will; the questions with their points and notes."""
    loaded = {}
    for path in sorted(tests_dir.glob("*.py")):
        try:
            test_file = load_test_file(path)
        except AssertionError:  # otter's OK parser asserts its rules without a message
            raise BuildError(f"{master.name}: otter's test file {path.name} cannot be read: an "
                             "OK-format test needs a `name` and exactly one doctest suite, "
                             "without setup or teardown") from None
        except Exception as exc:  # say which file and why
            raise BuildError(f"{master.name}: otter's test file {path.name} cannot be read "
                             f"({type(exc).__name__}: {exc or 'malformed'})") from None
        _check_cases(test_file, path, master)
        loaded[test_file.name] = test_file
    checked = CheckedTests(notes=list(reading.notes))
    for question in reading.questions:
        test_file = loaded.pop(question.name, None)
        if question.manual:
            checked.questions.append(question)
        elif test_file is None:
            checked.questions.append(QuestionInfo(question.name, 0.0, False))
            checked.notes.append(
                f"question {question.name} (cell {reading.cells[question.name]}) is auto-graded "
                "but has no tests: otter gives it no points, so it is graded 0 of 0; add tests "
                "or mark it `manual: true`")
        else:
            total = sum(float(case.points or 0) for case in test_file.test_cases)
            checked.questions.append(QuestionInfo(question.name, round(total, 6), False))
    if loaded:
        raise BuildError(f"{master.name}: tests for {', '.join(sorted(loaded))} belong to no "
                         "question of the master")
    return checked


def _check_cases(test_file, path: Path, master: Path) -> None:
    if not test_file.test_cases:
        return
    if is_ok_case(test_file.test_cases[0]):
        for number, case in enumerate(test_file.test_cases, 1):
            sources = _ok_sources(case.body, test_file.name, number, master)
            for source in sources:
                _check_imports(ast.parse(source), test_file.name, number, master)
    else:
        _check_imports(ast.parse(path.read_text("utf-8")), test_file.name, None, master)


def _ok_sources(body: str, question: str, number: int, master: Path) -> list[str]:
    try:
        parts = examples(body, question)
        for part in parts:
            compile(part.source, f"{question} case {number}", "single")
    except (ValueError, SyntaxError) as exc:
        raise BuildError(f"{master.name}: {question}, test case {number} is not a doctest the "
                         f"judge can run ({exc}); write each check as `>>> expression` followed "
                         "by its expected output") from None
    if not parts:
        raise BuildError(f"{master.name}: {question}, test case {number} has no `>>>` example, "
                         "so it would pass without checking anything")
    return [part.source for part in parts]


def _check_imports(tree: ast.AST, question: str, number: int | None, master: Path) -> None:
    """Tests run in the judge: what they import must be importable there, not only beside the
    notebook (a helper file shipped with the assignment is not on the judge's path)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top in ALWAYS_IMPORTABLE or top in sys.modules or importlib.util.find_spec(top):
                continue
            case = f", test case {number}" if number else ""
            raise BuildError(
                f"{master.name}: {question}{case} imports `{name}`, which the judge cannot import "
                "(tests run in the grader, not beside the student's notebook, and files shipped "
                "with the assignment are not on its path); import only installed packages or "
                "`solutions`, or test the notebook's own use of that module instead")


def hidden_ok_lines(tests_dir: Path) -> list[str]:
    """Distinctive source lines of hidden OK-format cases that no public case shares (the leak
    check looks for them in the student template, as it looks for hidden test names)."""
    hidden, public = set(), set()
    for path in sorted(Path(tests_dir).glob("*.py")):
        try:
            test_file = load_test_file(path)
        except Exception:  # noqa: BLE001 - check_tests has already refused unreadable files
            continue
        for case in test_file.test_cases:
            if is_ok_case(case):
                lines = {e.source.strip() for e in examples(case.body)}
                (hidden if case.hidden else public).update(lines)
    return sorted(line for line in hidden - public if len(line) >= 20)


def check_ok_cases_on_solution(*, tests_dir: Path, solution: Path, master: Path) -> list[str]:
    """Run every OK-format case on otter's solution notebook as the judge will (values crossing
    as plain data, a function's printed output left in the sandbox) and refuse the build for each
    case that passes in otter's kernel but could not pass in the judge: it needs a live object
    (a generator, an instance of the notebook's class) or what a function prints. Instructor
    code, so it runs here, as mutation testing does. Returns notes (the notebook did not run)."""
    files = [load_test_file(path) for path in sorted(tests_dir.glob("*.py"))]
    files = [f for f in files if f.test_cases and is_ok_case(f.test_cases[0])]
    if not files:
        return []
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            namespace = run_solution_notebook(solution, solution.parent)
    except Exception as exc:  # noqa: BLE001 - otter's kernel ran it; this check is extra
        return [f"the solution notebook could not be run here to check the OK-format tests "
                f"({type(exc).__name__}: {str(exc)[:200]}); run `autograder validate` to see "
                "that each case can be judged from plain data"]
    problems = [f"{test_file.name}, test case {number}: {problem}"
                for test_file in files for number, case in enumerate(test_file.test_cases, 1)
                for problem in [_case_problem(case, test_file.name, namespace)] if problem]
    if problems:
        raise BuildError(f"{master.name}: the judge would fail these OK-format cases for every "
                         "student, although otter passes them on the solution: "
                         + "; ".join(problems[:10]))
    return []


def _case_problem(case, question: str, namespace: dict) -> str | None:
    """Why ``case`` passes on the solution in otter but not in the judge, or None."""
    try:
        run_ok_case(case, environment=_SolutionEnvironment(namespace, quiet=True),
                    question=question)
        return None
    except Exception as exc:  # noqa: BLE001 - told apart below
        problem = exc if isinstance(exc, CodecError) else getattr(exc, "problem", None)
    if isinstance(problem, CodecError):
        return (f"{problem}; make the question's function return plain data (numbers, strings, "
                "lists, dicts, arrays, DataFrames) and test that, or grade it by hand "
                "(`manual: true`)")
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            run_ok_case(case, environment=_SolutionEnvironment(namespace, quiet=False),
                        question=question)
    except Exception:  # noqa: BLE001 - it fails in otter's way too (a seed, a stale output)
        return None
    return ("it checks what a function of the notebook prints, which stays in the student's "
            "sandbox (the judge sees only the values functions return); test a returned value")


class _SolutionEnvironment(dict):
    """The solution's names as a test in the judge sees a student's: plain data, functions that
    take and return plain data (``quiet``: their printed output is dropped, as in the sandbox),
    modules as they are."""

    def __init__(self, namespace: dict, *, quiet: bool):
        super().__init__()
        self.namespace, self.quiet = namespace, quiet

    def get(self, name, default=None):
        value = self.namespace.get(name, default)
        if isinstance(value, types.ModuleType):
            return value
        if not callable(value):
            return cross(value)
        function = LocalFunction(value)
        if not self.quiet:
            return function

        def quiet_call(*args, **kwargs):
            with contextlib.redirect_stdout(io.StringIO()):
                return function(*args, **kwargs)

        return quiet_call
