"""autograder.grading.mistakes: a failing hidden test's calls replayed on the course's mutants.

The logs here are made as the judge's RemoteFunction makes them (arguments encoded as sent, the
answer crossed through the codec as a sandbox's is), from functions written the way a student
would write them, not copied from the mutants.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from autograder.errors import StudentCodeError
from autograder.grading.mistakes import CallLog, MistakeCatalog, definitions, same_value
from autograder.protocol import codec, wire
from conftest import ROOT

MASTERS = ROOT / "assignments"
MUTANTS = {hw: sorted((MASTERS / hw / "mutants").glob("*.ipynb"))
           for hw in ("hw01", "hw02", "hw03", "hw04")}


def _cross(value):
    with codec.attachment() as blob:
        tree = codec.encode(value)
    return codec.decode(tree, attachment=bytes(blob))


def record(log: CallLog, function, *args, **kwargs) -> None:
    """Call ``function`` as the judge calls a student's, and log it as the judge does."""
    with codec.attachment() as blob:
        message = {"op": "call", "name": function.__name__, "args": codec.encode(list(args)),
                   "kwargs": codec.encode(dict(kwargs))}
    message[wire.BLOB] = bytes(blob)
    try:
        value = _cross(function(*_cross(list(args)), **_cross(dict(kwargs))))
    except Exception as exc:  # what arrives from a sandbox: the builtin type's name
        log.raised(function.__name__, message, StudentCodeError(str(exc), type(exc).__name__))
        return
    log.returned(function.__name__, message, value)


@pytest.fixture(scope="module")
def hw04():
    return MistakeCatalog.load(MUTANTS["hw04"], solution=MASTERS / "hw04" / "hw04.ipynb")


def _batches():
    rng = np.random.default_rng(3)
    return [(rng.normal(2.0, 3.0, size=(n, d)), rng.uniform(0.5, 2, size=d), rng.normal(size=d))
            for n, d in [(5, 3), (16, 4), (1, 2)]]


def test_every_named_mutant_of_the_course_is_in_its_catalogue():
    for hw, paths in MUTANTS.items():
        catalogue = MistakeCatalog.load(paths, solution=MASTERS / hw / f"{hw}.ipynb")
        assert [m.id for m in catalogue.mutants] == [p.stem for p in paths], hw
        assert callable(catalogue.reference.namespace()[sorted(catalogue.mutants[0].functions)[0]])
        for mutant in catalogue.mutants:
            assert callable(mutant.namespace()[sorted(mutant.functions)[0]]), mutant.id


def test_a_student_variance_divided_by_n_minus_1_is_named(hw04):
    def forward_batchnorm(x, gamma, beta, eps=1e-5):  # written differently from the mutant
        mean = x.mean(axis=0)
        var = x.var(axis=0, ddof=1) if len(x) > 1 else np.zeros_like(mean)
        return gamma * (x - mean) / np.sqrt(var + eps) + beta

    log = CallLog()
    for x, gamma, beta in _batches():
        record(log, forward_batchnorm, x, gamma, beta, 1e-5)
    mistake = hw04.identify(question="q1", log=log)
    assert mistake is not None and mistake.id == "q1_unbiased_variance"
    assert "N - 1" in mistake.explanation_en and "N - 1" in mistake.explanation_fa
    assert hw04.identify(question="q2", log=log) is None  # that mutant belongs to q1


def test_right_and_unknown_wrong_answers_are_not_named(hw04):
    def forward_batchnorm(x, gamma, beta, eps=1e-5):
        mean = x.mean(axis=0)
        return gamma * (x - mean) / np.sqrt(x.var(axis=0) + eps) + beta

    def doubled(x, gamma, beta, eps=1e-5):
        return 2 * forward_batchnorm(x, gamma, beta, eps)

    doubled.__name__ = "forward_batchnorm"
    for function in (forward_batchnorm, doubled):
        log = CallLog()
        for x, gamma, beta in _batches():
            record(log, function, x, gamma, beta, 1e-5)
        assert hw04.identify(question="q1", log=log) is None, function


def test_every_call_must_match_not_just_one(hw04):
    def lstm_params(input_dim, units):  # no biases, but only for small layers
        return 4 * (units * input_dim + units * units) + (4 * units if units > 8 else 0)

    log = CallLog()
    record(log, lstm_params, 3, 4)
    assert hw04.identify(question="q4", log=log).id == "q4_lstm_without_biases"
    record(log, lstm_params, 3, 16)
    assert hw04.identify(question="q4", log=log) is None


def test_an_exception_of_the_same_type_counts_as_the_same_answer():
    catalogue = MistakeCatalog.load(MUTANTS["hw02"], solution=MASTERS / "hw02" / "hw02.ipynb")

    def rnn_forward(x, h0, Wx, Wh, b):
        h, states = np.asarray(h0, dtype=float), []
        for t in range(x.shape[1]):
            h = np.tanh(x[:, t, :] @ Wx + h @ Wh + b)
            states.append(h)
        return np.stack(states, axis=1)  # fails for T = 0

    rng = np.random.default_rng(0)
    log = CallLog()
    for steps in (3, 0):
        record(log, rnn_forward, rng.normal(size=(2, steps, 3)), np.zeros((2, 4)),
               rng.normal(size=(3, 4)), rng.normal(size=(4, 4)), np.zeros(4))
    assert log.calls[-1].error == "ValueError"
    assert catalogue.identify(question="q1", log=log).id == "q1_stack_fails_on_empty_sequence"


def test_unusable_logs_name_nothing(hw04):
    log = CallLog()
    log.raised("forward_batchnorm", {"args": [], "kwargs": {}},
               TimeoutError("did not finish"))  # no builtin type name: not a student error
    assert not log.usable and hw04.identify(question="q1", log=log) is None
    model_log = CallLog()
    model_log.returned("build", {"args": [], "kwargs": {}}, codec.KerasModelData("{}"))
    assert not model_log.usable
    assert hw04.identify(question="q1", log=None) is None
    assert hw04.identify(question="q1", log=CallLog()) is None


def test_mutant_code_runs_without_its_top_level_statements():
    """q1_identity_and_fake_allclose replaces numpy.allclose at top level: the judge's stays."""
    allclose = np.allclose
    catalogue = MistakeCatalog.load([p for p in MUTANTS["hw04"]
                                     if p.stem == "q1_identity_and_fake_allclose"])
    [mutant] = catalogue.mutants
    assert "np.allclose =" not in mutant.source and "def forward_batchnorm" in mutant.source
    namespace = mutant.namespace()
    assert np.allclose is allclose and not np.allclose(1.0, 2.0)
    assert namespace["forward_batchnorm"](np.ones((2, 2)), 1, 0).tolist() == [[1, 1], [1, 1]]


def test_definitions_keep_imports_and_definitions_only():
    notebook = {"cells": [
        {"cell_type": "code", "metadata": {}, "source": "import otter\ngrader = otter.Notebook()"},
        {"cell_type": "code", "metadata": {}, "source": "import numpy as np\nX = np.ones(3)\n"
                                                         "def f(x):\n    return np.sum(x)\n"},
        {"cell_type": "code", "metadata": {"tags": ["skip-grading"]}, "source": "def g(): pass"},
        {"cell_type": "code", "metadata": {}, "source": "%time f(1)"},
        {"cell_type": "markdown", "metadata": {}, "source": "def h(): pass"}]}
    code = definitions(notebook)
    assert "import numpy as np" in code and "def f(x)" in code
    assert "otter" not in code and "X =" not in code and "def g" not in code
    assert "def h" not in code


@pytest.mark.parametrize("a, b, same", [
    (np.array([1.0, 2.0]), np.array([1.0, 2.0 + 1e-9]), True),
    (np.array([1.0, 2.0]), np.array([[1.0, 2.0]]), False),
    (np.array([1.0, np.nan]), np.array([1.0, np.nan]), True),
    (np.array([True, False]), np.array([1, 0]), False),
    (np.array(["a", "b"]), np.array(["a", "b"]), True),
    ([1, 2], (1, 2), False),
    ({"a": 1, "b": [2.0]}, {"a": 1, "b": [2.0]}, True),
    ({"a": 1, "b": 2}, {"b": 2, "a": 1}, False),
    (3, 3.0, False),
    (0.1 + 0.2, 0.3, True),
    (True, 1, False),
    ("x", "x", True),
    (None, None, True),
    (pd.DataFrame({"a": [1.0, 2.0]}), pd.DataFrame({"a": [1.0, 2.0]}), True),
    (pd.DataFrame({"a": [1.0, 2.0]}), pd.DataFrame({"b": [1.0, 2.0]}), False),
    (pd.Series([1.0, 2.0]), pd.Series([1.0, 3.0]), False),
])
def test_same_value(a, b, same):
    assert same_value(a, b) is same


def test_a_mutant_that_answers_these_calls_rightly_is_not_blamed(hw04):
    """q1_float32_statistics is right on float64 inputs: a right answer there is not that
    mistake, even in a test that failed for another reason."""
    def forward_batchnorm(x, gamma, beta, eps=1e-5):
        mean = x.mean(axis=0)
        return gamma * (x - mean) / np.sqrt(x.var(axis=0) + eps) + beta

    log = CallLog()
    for x, gamma, beta in _batches():
        record(log, forward_batchnorm, x, gamma, beta, 1e-5)
    assert hw04.identify(question="q1", log=log) is None
    assert MistakeCatalog(hw04.mutants).identify(question="q1", log=log).id == (
        "q1_float32_statistics")  # without the model answer it would have been


def test_a_mistake_reached_through_another_function_is_named():
    """rnn_forward calls rnn_cell_forward; the mutant changed only the latter."""
    catalogue = MistakeCatalog.load(MUTANTS["hw02"], solution=MASTERS / "hw02" / "hw02.ipynb")

    def rnn_cell_forward(x_t, h_prev, Wx, Wh, b):
        return np.tanh(np.asarray(x_t) @ np.asarray(Wx) + np.asarray(h_prev) @ np.asarray(Wh).T
                       + np.asarray(b))

    def rnn_forward(x, h0, Wx, Wh, b):
        h, out = np.asarray(h0, dtype=float), np.zeros((x.shape[0], x.shape[1], len(b)))
        for t in range(x.shape[1]):
            h = out[:, t, :] = rnn_cell_forward(x[:, t, :], h, Wx, Wh, b)
        return out

    rng = np.random.default_rng(1)
    log = CallLog()
    record(log, rnn_forward, rng.normal(size=(2, 4, 3)), rng.normal(size=(2, 5)),
           rng.normal(size=(3, 5)), rng.normal(size=(5, 5)), rng.normal(size=5))
    assert catalogue.identify(question="q1", log=log).id == "q1_recurrent_kernel_transposed"


def test_the_catalogues_imports_run_when_it_is_loaded(tmp_path, monkeypatch):
    """Imports run once, single-threaded, before the judge threads: TensorFlow's first import is
    not thread-safe, and a mutant compiled in a judge thread used to be that first import."""
    import sys

    from autograder.grading.mistakes import preimport

    (tmp_path / "probe_for_preimport.py").write_text("LOADED = True\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "probe_for_preimport", raising=False)
    preimport(["import probe_for_preimport\nfrom missing_module_xyz import nothing\n"
               "def f():\n    import json\n", "not python ("])
    assert sys.modules["probe_for_preimport"].LOADED  # a failing import or bad source is skipped
