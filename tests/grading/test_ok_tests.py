"""OK-format (doctest) tests and module parameters in the judge, against a scripted sandbox:
names resolve over the protocol (values as plain data, functions as calls, modules as the
judge's own) and doctest compares in the judge."""

from __future__ import annotations

import numpy as np
import pytest
from otter.test_files.exception_test import ExceptionTestFile
from otter.test_files.ok_test import OKTestFile

from autograder.grading.judge import SandboxSession, run_question
from autograder.grading.judge import TestOptions as Options
from autograder.protocol import codec

pytestmark = pytest.mark.timeout(60)


class Scripted:
    """Answers requests from a table: ("get", name) -> value, ("call", name) -> function of
    the decoded args, ("module", name) -> module name; records every request."""

    def __init__(self, table):
        self.table, self.sent, self.pending = table, [], []

    def send(self, message, *, timeout, during):
        self.sent.append(message)
        key = (message["op"], message.get("name"))
        if key not in self.table:
            reply = {"ok": False, "error_type": "NameError", "error": "not there"}
        elif message["op"] == "call":
            args = codec.decode(message["args"], attachment=message.get("$blob", b""))
            reply = {"ok": True, "value": codec.encode(self.table[key](*args))}
        else:
            answer = self.table[key]
            reply = answer if isinstance(answer, dict) else {"ok": True,
                                                              "value": codec.encode(answer)}
        self.pending.append({**reply, "id": message["id"]})

    def receive(self, *, timeout, during):
        return self.pending.pop(0)

    def has_unread(self):
        return bool(self.pending)

    def interrupt(self):
        pass

    def kill(self):
        pass

    def close(self):
        pass


def ok_file(*cases, points=2, all_or_nothing=False):
    return OKTestFile.from_spec({"name": "q1", "points": points, "all_or_nothing": all_or_nothing,
                                 "suites": [{"cases": list(cases), "type": "doctest"}]})


def grade(test_file, table, kinds):
    session = SandboxSession(Scripted(table), kinds)
    return run_question(test_file, session=session, options=Options(test_timeout=5)), session


def test_each_example_runs_in_the_judge_with_the_students_names():
    test_file = ok_file({"code": ">>> square(16)\n256", "hidden": False},
                        {"code": ">>> isinstance(x, int) and 0 < x < 100\nTrue", "hidden": True},
                        {"code": ">>> y = square(x)\n>>> y + 1\n5", "hidden": True})
    result, session = grade(test_file, {("call", "square"): lambda v: v * v, ("get", "x"): 2},
                            {"square": "function", "x": "value"})
    assert [t.passed for t in result.tests] == [True, True, True]
    assert result.points == 2 and result.possible == 2
    calls = [m for m in session.sandbox.sent if m["op"] == "call"]
    assert len(calls) == 2  # square(16) and square(x): run in the sandbox, nothing else


def test_a_failed_case_says_what_differs_and_a_hidden_one_hides_the_expected_value():
    test_file = ok_file({"code": ">>> square(5)\n25", "hidden": False},
                        {"code": ">>> square(4)\n16", "hidden": True,
                         "failure_message": "square is wrong on 4"})
    result, _ = grade(test_file, {("call", "square"): lambda v: v * 3}, {"square": "function"})
    public, hidden = result.tests
    assert not public.passed
    assert "the check gave a different result: `square(5)` should give '25', got '15'" in \
        public.message
    assert not hidden.passed and "16" not in hidden.message and "square(4)" not in hidden.message
    assert hidden.message.startswith("square is wrong on 4")


def test_the_students_patched_allclose_is_not_the_one_that_judges():
    test_file = ok_file({"code": ">>> np.allclose(z, [1.0, 2.0])\nTrue", "hidden": True})
    # the sandbox says `np` is numpy; the judge compares with its own numpy
    result, session = grade(test_file, {("module", "np"): "numpy",
                                        ("get", "z"): np.array([1.0, 2.5])},
                            {"np": "module", "z": "value"})
    assert not result.tests[0].passed
    result, _ = grade(test_file, {("module", "np"): "numpy", ("get", "z"): np.array([1.0, 2.0])},
                      {"np": "module", "z": "value"})
    assert result.tests[0].passed


def test_a_value_that_cannot_cross_fails_its_case_with_a_message():
    refused = {"ok": False, "error_type": "UnsupportedValue",
               "error": "values of type Widget cannot be sent"}
    test_file = ok_file({"code": ">>> w.size\n3", "hidden": False},
                        {"code": ">>> 1 + 1\n2", "hidden": False})
    result, session = grade(test_file, {("get", "w"): refused}, {"w": "value"})
    assert [t.passed for t in result.tests] == [False, True]
    assert "cannot use" in result.tests[0].message and "Widget" in result.tests[0].message
    assert session.fatal is None


def test_a_missing_name_is_reported_as_missing():
    result, _ = grade(ok_file({"code": ">>> x\n2", "hidden": True}), {}, {})
    assert "`x` is not defined in your notebook" in result.tests[0].message


def test_all_or_nothing_is_kept():
    test_file = ok_file({"code": ">>> 1\n1"}, {"code": ">>> x\n2"}, all_or_nothing=True)
    result, _ = grade(test_file, {("get", "x"): 3}, {"x": "value"})
    assert result.points == 0 and result.possible == 2


def test_an_exception_test_taking_a_module_gets_the_judges_module(tmp_path):
    path = tmp_path / "q8.py"
    path.write_text("from otter.test_files import test_case\n\nOK_FORMAT = False\n\nname = 'q8'\n"
                    "points = 1\n\n@test_case(points=None, hidden=True)\ndef test_values(np, z):\n"
                    "    assert np is __import__('numpy')\n    assert np.allclose(z, [4.0, 5.0])\n")
    test_file = ExceptionTestFile.from_file(str(path))
    result, _ = grade(test_file, {("module", "np"): "numpy", ("get", "z"): [4.0, 5.0]},
                      {"np": "module", "z": "value"})
    assert result.tests[0].passed, result.tests[0].message
    result, _ = grade(test_file, {("module", "np"): "no_such_module_here", ("get", "z"): [4.0]},
                      {"np": "module", "z": "value"})
    assert "the module `no_such_module_here`, which the grader does not load" in \
        result.tests[0].message


@pytest.mark.parametrize("module_name", ["solutions.hw01", "autograder.grading.judge", "os"])
def test_a_module_parameter_is_only_one_the_assignment_uses(tmp_path, module_name):
    """A notebook can rename its modules (`np.__name__ = ...`): the judge then gives nothing of
    its own (references, the grader) and nothing the assignment does not import."""
    import solutions  # noqa: F401 - as in the judge, where the references are loaded
    path = tmp_path / "q8.py"
    path.write_text("from otter.test_files import test_case\n\nOK_FORMAT = False\n\nname = 'q8'\n"
                    "points = 1\n\n@test_case(points=None, hidden=True)\ndef test_values(np):\n"
                    "    assert np is not None\n")
    test_file = ExceptionTestFile.from_file(str(path))
    session = SandboxSession(Scripted({("module", "np"): module_name}), {"np": "module"})
    session.modules = frozenset({"numpy", "pandas"})
    result = run_question(test_file, session=session, options=Options(test_timeout=5))
    assert not result.tests[0].passed
    assert f"the module `{module_name}`, which the grader does not load" in result.tests[0].message


def test_cases_of_different_submissions_take_turns_without_losing_their_time():
    """doctest redirects the process's stdout, so OK cases run one at a time across threads;
    a case's time limit starts when its turn comes, and printed output stays with its case."""
    import threading

    test_file = ok_file({"code": ">>> show(x)\nvalue 1\n>>> show(x)\nvalue 1", "hidden": False})

    def slow_show(value):
        import time
        time.sleep(0.3)
        print(f"value {value}")

    results = []

    def one():
        table = {("get", "x"): 1, ("call", "show"): lambda v: slow_show(v)}
        results.append(grade(test_file, table, {"show": "function", "x": "value"})[0])

    threads = [threading.Thread(target=one) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [r.tests[0].passed for r in results] == [True] * 4, [r.tests[0].message for r in results]


def test_a_case_leaves_no_underscore_behind_in_the_judge():
    import builtins

    before = builtins.__dict__.get("_", "absent")
    result, _ = grade(ok_file({"code": ">>> 40 + 2\n42"}), {}, {})
    assert result.tests[0].passed and builtins.__dict__.get("_", "absent") == before
