"""autograder/sandbox/runner.py, pure functions only (no sandbox is started here)."""

from __future__ import annotations

import builtins
import importlib.util
import json
import sys
from pathlib import Path

import numpy as np
import pytest

from autograder.protocol import codec as judge_codec

RUNNER_PATH = Path(__file__).resolve().parents[2] / "autograder" / "sandbox" / "runner.py"


def _load_runner():
    """Import runner.py by path; undo its sys.path changes so other tests are unaffected."""
    saved_path = list(sys.path)
    added = {"codec", "wire"} - set(sys.modules)
    spec = importlib.util.spec_from_file_location("ag_runner", RUNNER_PATH)
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path[:] = saved_path
        for name in added:  # the runner keeps its own references
            sys.modules.pop(name, None)
    return module


runner = _load_runner()


# ---------------------------------------------------------------- strip_magics


@pytest.mark.parametrize("source, expected", [
    ("x = 1\ny = x % 2 != 0", "x = 1\ny = x % 2 != 0"),
    ("%matplotlib inline\nimport math", "pass  # magic removed\nimport math"),
    ("!pip install numpy\nx = 1", "pass  # magic removed\nx = 1"),
    ("  %time f()", "pass  # magic removed"),
    ("%load_ext autoreload\n%autoreload 2", "pass  # magic removed\npass  # magic removed"),
    ("%%time\nx = 1\ny = 2", "x = 1\ny = 2"),
    ("%%timeit -n1\nx = 1", "x = 1"),
    ("%%capture out\nprint(1)", "print(1)"),
    ("%%time\n%matplotlib inline\nz = 3", "pass  # magic removed\nz = 3"),
    ("", ""),
])
def test_strip_magics(source, expected):
    assert runner.strip_magics(source) == expected
    compile(runner.strip_magics(source), "<test>", "exec")


@pytest.mark.parametrize("source", [
    "%%bash\nls -la", "%%sh\necho hi", "%%writefile helper.py\nx = 1", "%%html\n<b>x</b>",
    "%%javascript\nalert(1)", "  %%bash\nrm -rf /",
])
def test_cell_magics_other_than_timing_drop_the_cell(source):
    assert runner.strip_magics(source) is None


def test_stripped_cell_still_runs():
    source = "%%time\n%matplotlib inline\n!ls\nresult = sum(range(4))"
    namespace = {}
    exec(runner.strip_magics(source), namespace)
    assert namespace["result"] == 6


@pytest.mark.parametrize("source", [
    "for i in range(2):\n    !echo hi\n",
    "if True:\n    x = 1\n    %time y = 2\n    z = 3\n",
])
def test_indented_magic_keeps_the_block_valid(source):
    compile(runner.strip_magics(source), "<test>", "exec")


@pytest.mark.parametrize("source", [
    "r = (17\n     % 5)\n",
    "ok = (1\n      != 2)\n",
])
def test_continuation_lines_starting_with_operators_are_kept(source):
    namespace = {}
    exec(runner.strip_magics(source), namespace)


# ---------------------------------------------------------------- BoundedOutput


def test_bounded_output_keeps_the_start_and_counts_everything():
    out = runner.BoundedOutput()
    limit = runner.OUTPUT_LIMIT
    assert out.writable()
    assert out.write("a" * (limit - 5)) == limit - 5
    assert out.write("b" * 10) == 10
    assert out.write("c" * 100) == 100
    text = out.excerpt()
    assert len(text) == limit
    assert text.endswith("bbbbb") and "c" not in text
    assert out.size == limit + 105


def test_bounded_output_small_writes_and_print():
    out = runner.BoundedOutput()
    print("سلام", 42, file=out)
    out.write(123)
    assert out.excerpt() == "سلام 42\n123"
    assert out.size == len("سلام 42\n123")


def test_bounded_output_huge_single_write():
    out = runner.BoundedOutput()
    out.write("x" * (runner.OUTPUT_LIMIT * 3))
    assert len(out.excerpt()) == runner.OUTPUT_LIMIT
    assert out.size == runner.OUTPUT_LIMIT * 3


# ---------------------------------------------------------------- execute_cells


def cells(*sources, skip=()):
    return [{"index": i, "source": s, "skip": i in skip} for i, s in enumerate(sources, start=1)]


def run(cell_list):
    sent = []
    namespace = {"__name__": "__main__", "__builtins__": builtins}
    report = runner.execute_cells(cell_list, namespace=namespace, send=sent.append)
    return report, namespace, sent


def test_execute_cells_runs_in_order_in_one_namespace():
    report, ns, sent = run(cells("a = 1", "b = a + 1", "def f(x):\n    return x * b"))
    assert report == {"type": "executed", "errors": [], "interrupted": False}
    assert ns["b"] == 2 and ns["f"](5) == 10
    assert sent == [{"type": "cell", "index": i} for i in (1, 2, 3)]


def test_errors_are_recorded_with_cell_index_and_execution_continues():
    report, ns, sent = run(cells("a = 1", "raise ValueError('boom')", "b = a + 1",
                                 "undefined_name", "c = 3"))
    assert ns["b"] == 2 and ns["c"] == 3
    assert [e["cell"] for e in report["errors"]] == [2, 4]
    first, second = report["errors"]
    assert first["error"] == "ValueError: boom"
    assert "<cell 2>" in first["traceback"] and "raise ValueError('boom')" in first["traceback"]
    assert second["error"].startswith("NameError") and "undefined_name" in second["error"]
    assert report["interrupted"] is False
    assert [m["index"] for m in sent] == [1, 2, 3, 4, 5]


def test_error_inside_a_function_defined_in_an_earlier_cell():
    report, _, _ = run(cells("def g():\n    return 1 / 0", "g()"))
    (error,) = report["errors"]
    assert error["cell"] == 2 and error["error"].startswith("ZeroDivisionError")
    assert "<cell 1>" in error["traceback"] and "return 1 / 0" in error["traceback"]


def test_syntax_error_is_recorded():
    report, ns, _ = run(cells("def broken(:\n    pass", "ok = True"))
    assert report["errors"][0]["cell"] == 1
    assert "SyntaxError" in report["errors"][0]["error"]
    assert ns["ok"] is True


def test_system_exit_is_recorded_not_raised():
    report, ns, _ = run(cells("import sys\nsys.exit(3)", "after = 1", "raise SystemExit"))
    assert ns["after"] == 1
    assert [e["cell"] for e in report["errors"]] == [1, 3]
    assert all("SystemExit" in e["error"] for e in report["errors"])
    assert report["interrupted"] is False


def test_skipped_cells_are_not_run_or_announced():
    report, ns, sent = run(cells("a = 1", "a = 1 / 0\nslow = True", "b = 2", skip={2}))
    assert report["errors"] == []
    assert "slow" not in ns and ns["b"] == 2
    assert [m["index"] for m in sent] == [1, 3]


def test_shell_cells_are_not_run_and_magics_are_stripped():
    report, ns, sent = run(cells("%%bash\nexit 1", "%matplotlib inline\nz = 3",
                                 "%%time\nw = z * 2"))
    assert report["errors"] == []
    assert ns["z"] == 3 and ns["w"] == 6
    assert [m["index"] for m in sent] == [2, 3]


def test_keyboard_interrupt_stops_and_sets_interrupted():
    report, ns, sent = run(cells("a = 1", "raise KeyboardInterrupt", "b = 2"))
    assert report["interrupted"] is True
    assert report["errors"] == [{"cell": 2, "error": "stopped: the notebook ran out of time",
                                 "traceback": ""}]
    assert "b" not in ns
    assert [m["index"] for m in sent] == [1, 2]


def test_keyboard_interrupt_after_earlier_errors_keeps_them():
    report, _, _ = run(cells("1 / 0", "while True:\n    raise KeyboardInterrupt", "x = 1"))
    assert [e["cell"] for e in report["errors"]] == [1, 2]
    assert report["interrupted"] is True


def test_cell_index_comes_from_the_cell_not_its_position():
    cell_list = [{"index": 4, "source": "x = 1"}, {"index": 9, "source": "raise TypeError('t')"}]
    report, _, sent = run(cell_list)
    assert [m["index"] for m in sent] == [4, 9]
    assert report["errors"][0]["cell"] == 9 and "<cell 9>" in report["errors"][0]["traceback"]


def test_long_error_messages_are_truncated():
    report, _, _ = run(cells("raise ValueError('x' * 10000)"))
    assert len(report["errors"][0]["error"]) <= 500
    assert len(report["errors"][0]["traceback"]) <= 4000


# ---------------------------------------------------------------- handle_request


class StudentError(Exception):
    pass


@pytest.fixture
def namespace():
    _, ns, _ = run(cells(
        "import numpy as np\nimport math",
        "x = 5\narr = np.arange(3)\nitems = {1, 2}",
        "def add(a, b=10, *, c=0):\n    return a + b + c",
        "class StudentError(Exception):\n    pass\n"
        "def fails(msg):\n    raise StudentError(msg)",
        "def gives_object():\n    return object()",
        "def gives_generator():\n    return (i for i in range(3))",
        "def value_error():\n    raise ValueError('bad shape')",
        "def interrupted():\n    raise KeyboardInterrupt",
        "def exits():\n    raise SystemExit(1)",
        "class Sneaky(list):\n    def __len__(self):\n        raise RuntimeError('gotcha')\n"
        "def sneaky():\n    return Sneaky([1])",
        "def loop():\n    l = []\n    l.append(l)\n    return l",
        "__secret__ = 1",
    ))
    return ns


def test_names(namespace):
    reply = runner.handle_request({"op": "names"}, namespace)
    assert reply["ok"] is True
    kinds = judge_codec.decode(reply["value"])
    assert kinds["np"] == "module" and kinds["math"] == "module"
    assert kinds["x"] == "value" and kinds["arr"] == "value"
    assert kinds["add"] == "function" and kinds["StudentError"] == "function"
    assert not any(name.startswith("__") for name in kinds)


def test_get(namespace):
    reply = runner.handle_request({"op": "get", "name": "x"}, namespace)
    assert reply == {"ok": True, "value": 5, "$blob": b""}
    reply = runner.handle_request({"op": "get", "name": "arr"}, namespace)
    assert "data" not in json.dumps(reply["value"])  # array bytes go in the binary attachment
    got = judge_codec.decode(reply["value"], attachment=reply["$blob"])
    assert type(got) is np.ndarray and got.tolist() == [0, 1, 2]


def test_call_with_args_and_kwargs(namespace):
    request = {"op": "call", "name": "add", "args": judge_codec.encode([1, 2]),
               "kwargs": judge_codec.encode({"c": 100})}
    assert runner.handle_request(request, namespace) == {"ok": True, "value": 103, "$blob": b""}
    request = {"op": "call", "name": "add", "args": judge_codec.encode((np.float32(1.5),))}
    reply = runner.handle_request(request, namespace)
    assert reply["ok"] and judge_codec.decode(reply["value"], attachment=reply["$blob"]) == 11.5


def test_call_with_bad_arguments_reports_type_error(namespace):
    request = {"op": "call", "name": "add", "args": [], "kwargs": judge_codec.encode({})}
    reply = runner.handle_request(request, namespace)
    assert reply["ok"] is False and reply["error_type"] == "TypeError"


def test_unknown_op(namespace):
    reply = runner.handle_request({"op": "delete", "name": "x"}, namespace)
    assert reply["ok"] is False
    assert reply["error_type"] == "ProtocolError" and "delete" in reply["error"]
    assert namespace["x"] == 5


@pytest.mark.parametrize("request_", [
    {"op": "get", "name": "missing"}, {"op": "call", "name": "missing"}, {"op": "get"},
])
def test_missing_name(namespace, request_):
    reply = runner.handle_request(request_, namespace)
    assert reply["ok"] is False and reply["error_type"] == "NameError"
    assert repr(str(request_.get("name"))) in reply["error"]


def test_student_exception_type_is_reported(namespace):
    reply = runner.handle_request({"op": "call", "name": "fails",
                                   "args": judge_codec.encode(["خطا"])}, namespace)
    assert reply["ok"] is False
    assert reply["error_type"] == "StudentError"
    assert reply["error"] == "StudentError: خطا"
    assert "<cell 4>" in reply["traceback"]
    reply = runner.handle_request({"op": "call", "name": "value_error"}, namespace)
    assert reply["error_type"] == "ValueError" and "bad shape" in reply["error"]


def test_calling_a_value_reports_type_error(namespace):
    reply = runner.handle_request({"op": "call", "name": "x"}, namespace)
    assert reply["ok"] is False and reply["error_type"] == "TypeError"


def test_interrupt_during_call(namespace):
    reply = runner.handle_request({"op": "call", "name": "interrupted"}, namespace)
    assert reply["ok"] is False and reply["error_type"] == "$interrupted"


def test_system_exit_during_call_is_reported(namespace):
    reply = runner.handle_request({"op": "call", "name": "exits"}, namespace)
    assert reply["ok"] is False and reply["error_type"] == "SystemExit"


@pytest.mark.parametrize("request_, type_name", [
    ({"op": "call", "name": "gives_object"}, "object"),
    ({"op": "call", "name": "gives_generator"}, "generator"),
    ({"op": "get", "name": "items"}, "set"),
    ({"op": "get", "name": "math"}, "module"),
    ({"op": "get", "name": "StudentError"}, "type"),
])
def test_unsupported_return_value(namespace, request_, type_name):
    reply = runner.handle_request(request_, namespace)
    assert reply["ok"] is False and reply["error_type"] == "UnsupportedValue"
    assert type_name in reply["error"]


def test_value_that_cannot_be_read(namespace):
    reply = runner.handle_request({"op": "call", "name": "sneaky"}, namespace)
    assert reply == {"ok": False, "error_type": "UnsupportedValue",
                     "error": "the value could not be read: RuntimeError"}


def test_self_referencing_value(namespace):
    reply = runner.handle_request({"op": "call", "name": "loop"}, namespace)
    assert reply["ok"] is False and reply["error_type"] == "UnsupportedValue"
    assert "nested" in reply["error"]


def test_replies_are_plain_json(namespace):
    import json

    for request in ({"op": "names"}, {"op": "get", "name": "arr"},
                    {"op": "call", "name": "fails", "args": ["m"]},
                    {"op": "call", "name": "gives_object"}, {"op": "get", "name": "nope"}):
        reply = runner.handle_request(request, namespace)
        blob = reply.pop("$blob", b"")
        assert type(blob) is bytes  # the binary attachment travels after the JSON
        assert json.loads(json.dumps(reply, allow_nan=False)) == reply


def test_importing_the_runner_left_sys_path_alone():
    engine_dir = str(RUNNER_PATH.parent.parent)
    assert engine_dir not in sys.path
    assert runner.codec.encode((1,)) == judge_codec.encode((1,))


def test_call_with_arrays_in_the_binary_attachment(namespace):
    with judge_codec.attachment() as blob:  # args and kwargs share one attachment
        args = judge_codec.encode([np.arange(3.0)])
        kwargs = judge_codec.encode({"c": np.ones(3)})
    request = {"op": "call", "name": "add", "args": args, "kwargs": kwargs,
               "$blob": memoryview(bytes(blob))}
    reply = runner.handle_request(request, namespace)
    assert reply["ok"], reply
    got = judge_codec.decode(reply["value"], attachment=reply["$blob"])
    assert got.tolist() == [11.0, 12.0, 13.0]


# ---------------------------------------------------------------- cells run as Jupyter runs them


def run_in_shell(cell_list):
    sent = []
    namespace = {"__name__": "__main__", "__builtins__": builtins}
    shell = runner.make_shell(namespace)
    assert shell is not None, "IPython is a dependency (through ipykernel): it must import"
    report = runner.execute_cells(cell_list, namespace=namespace, send=sent.append, shell=shell)
    return report, namespace, sent


def test_ipython_syntax_runs_and_defines_what_jupyter_defines(capsys):
    report, ns, sent = run_in_shell(cells(
        "import pandas as pd\nframe = pd.DataFrame({'a': [1, 2]})\ndisplay(frame.head())\n"
        "def f(x):\n    return x + 1",
        "files = !ls /\n%time y = f(1)",
        "import asyncio\nawait asyncio.sleep(0)\nz = 5",
        "%%bash\necho from-bash",
        "%matplotlib inline\nq = 1",
        "40 + 2",
        "w = _ + 1",
        "def g():\n    display('shown later')\n    return 3"))
    assert report == {"type": "executed", "errors": [], "interrupted": False}
    assert ns["y"] == 2 and ns["z"] == 5 and ns["q"] == 1 and ns["w"] == 43
    assert "bin" in list(ns["files"]) and ns["g"]() == 3  # display() outside run_cell too
    assert [m["index"] for m in sent] == list(range(1, 9))
    assert "from-bash" in capsys.readouterr().out


def test_ipython_errors_keep_cell_numbers_and_execution_continues():
    report, ns, _ = run_in_shell(cells("def g():\n    return 1 / 0", "g()", "import sys\nsys.exit(3)",
                                       "def broken(:\n    pass", "after = 1"))
    assert [e["cell"] for e in report["errors"]] == [2, 3, 4]
    zero, exit_, syntax = report["errors"]
    assert zero["error"].startswith("ZeroDivisionError")
    assert "<cell 1>" in zero["traceback"] and "return 1 / 0" in zero["traceback"]
    assert exit_["error"] == "SystemExit: 3" and syntax["error"].startswith("SyntaxError")
    assert ns["after"] == 1 and report["interrupted"] is False


def test_ipython_interrupt_stops_and_sets_interrupted():
    report, ns, sent = run_in_shell(cells("a = 1", "raise KeyboardInterrupt", "b = 2"))
    assert report["interrupted"] is True and "b" not in ns
    assert report["errors"] == [{"cell": 2, "error": "stopped: the notebook ran out of time",
                                 "traceback": ""}]


def test_intercell_seeding_reseeds_before_every_cell_as_otter_run_does():
    """otter run with `generate: seed: 42` puts np.random.seed(42) and random.seed(42) at the top
    of every code cell (not cell magics); `seed: variable: v` assigns v = 42 there instead."""
    namespace = {"__name__": "__main__", "__builtins__": builtins}
    source = cells("import numpy as np, random", "a = np.random.rand(2)", "b = np.random.rand(2)",
                   "c = random.random()", "%%capture\nd = np.random.rand(2)")
    runner.execute_cells(source, namespace=namespace, send=lambda m: None,
                         seed={"seed": 42, "variable": None})
    expected = np.random.RandomState(42).rand(2)
    assert np.array_equal(namespace["a"], expected) and np.array_equal(namespace["b"], expected)
    import random
    assert namespace["c"] == random.Random(42).random()
    namespace = {"__name__": "__main__", "__builtins__": builtins}
    runner.execute_cells(cells("v = 1", "w = v"), namespace=namespace, send=lambda m: None,
                         seed={"seed": 7, "variable": "v"})
    assert namespace["w"] == 7
    namespace = {"__name__": "__main__", "__builtins__": builtins}
    runner.execute_cells(cells("v = 1", "w = v"), namespace=namespace, send=lambda m: None)
    assert namespace["w"] == 1
