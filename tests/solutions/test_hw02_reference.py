"""Cross-checks of solutions/hw02.py against real Keras layers.

Hidden tests trust solutions.hw02 as the truth, so every array and number it produces is checked
here against what Keras computes (SimpleRNN, GRU, LSTM, Bidirectional outputs, count_params),
never against a second copy of the same formula.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # `solutions` is deliberately not an installed package

from solutions import hw02  # noqa: E402

HW_DIR = ROOT / "assignments" / "hw02"


@pytest.fixture(scope="module")
def keras():
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import keras  # a required dependency: a missing Keras fails these checks, never skips them

    return keras


def _random_weights(layer, rng, scale=0.6):
    """Non-default weights (Keras initializes biases to 0 and the LSTM forget bias to 1)."""
    weights = [rng.normal(0.0, scale, size=w.shape).astype(np.float32) for w in layer.get_weights()]
    layer.set_weights(weights)
    return weights


def _model(keras, layer, x, initial_state):
    """A functional model feeding x and the initial states to layer (which it builds)."""
    inputs = keras.Input(x.shape[1:])
    states = [keras.Input(s.shape[1:]) for s in initial_state]
    return keras.Model([inputs, *states], layer(inputs, initial_state=states))


# ------------------------------------------------------------------ Q1 SimpleRNN


@pytest.mark.parametrize("n, t, f, u", [(1, 1, 1, 1), (3, 6, 4, 5), (2, 9, 7, 3)])
def test_rnn_forward_matches_keras_simple_rnn(keras, n, t, f, u):
    rng = np.random.default_rng(n * 100 + t * 10 + f)
    x = rng.normal(size=(n, t, f)).astype(np.float32)
    h0 = rng.normal(size=(n, u)).astype(np.float32)
    layer = keras.layers.SimpleRNN(u, return_sequences=True)
    model = _model(keras, layer, x, [h0])
    Wx, Wh, b = _random_weights(layer, rng)
    expected = model.predict([x, h0], verbose=0)
    got = hw02.rnn_forward(x, h0, Wx, Wh, b)
    assert got.shape == (n, t, u)
    np.testing.assert_allclose(got, expected, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(hw02.rnn_cell_forward(x[:, 0], h0, Wx, Wh, b), expected[:, 0],
                               rtol=1e-4, atol=1e-5)


# ------------------------------------------------------------------ Q2 GRU


@pytest.mark.parametrize("n, t, f, u", [(1, 1, 2, 1), (4, 7, 3, 5)])
def test_gru_with_mapped_params_matches_keras_gru_reset_before(keras, n, t, f, u):
    rng = np.random.default_rng(7 * n + t)
    x = rng.normal(size=(n, t, f)).astype(np.float32)
    h = rng.normal(size=(n, u)).astype(np.float32)
    layer = keras.layers.GRU(u, reset_after=False, return_sequences=True)
    model = _model(keras, layer, x, [h])
    kernel, recurrent, bias = _random_weights(layer, rng, scale=0.9)
    expected = model.predict([x, h], verbose=0)
    params = hw02.gru_params_from_keras(kernel, recurrent, bias)
    assert set(params) == set(hw02.GRU_KEYS)
    for step in range(t):
        h = hw02.gru_cell_forward(x[:, step], h, params)
        np.testing.assert_allclose(h, expected[:, step], rtol=1e-4, atol=1e-5)


def test_gru_update_gate_sign_matters(keras):
    """Without flipping z into u the states differ: the mapping check above has teeth."""
    rng = np.random.default_rng(3)
    x, h0 = rng.normal(size=(2, 3)), rng.normal(size=(2, 4))
    layer = keras.layers.GRU(4, reset_after=False)
    layer.build((None, 1, 3))
    params = hw02.gru_params_from_keras(*_random_weights(layer, rng, scale=0.9))
    unflipped = dict(params, W_xu=-params["W_xu"], W_hu=-params["W_hu"], b_u=-params["b_u"])
    assert not np.allclose(hw02.gru_cell_forward(x, h0, params),
                           hw02.gru_cell_forward(x, h0, unflipped), atol=1e-3)


def test_gru_params_rejects_reset_after_bias():
    with pytest.raises(ValueError):
        hw02.gru_params_from_keras(np.zeros((2, 6)), np.zeros((2, 6)), np.zeros((2, 6)))


# ------------------------------------------------------------------ Q3 LSTM


@pytest.mark.parametrize("n, t, f, u", [(1, 1, 1, 2), (3, 5, 4, 3)])
def test_lstm_cell_matches_keras_lstm(keras, n, t, f, u):
    rng = np.random.default_rng(11 * n + t)
    x = rng.normal(size=(n, t, f)).astype(np.float32)
    h0, c0 = (rng.normal(size=(n, u)).astype(np.float32) for _ in range(2))
    layer = keras.layers.LSTM(u, return_sequences=True, return_state=True)
    model = _model(keras, layer, x, [h0, c0])
    kernel, recurrent, bias = _random_weights(layer, rng)
    sequence, h_last, c_last = model.predict([x, h0, c0], verbose=0)
    h, c = h0, c0
    for step in range(t):
        h, c = hw02.lstm_cell_forward(x[:, step], h, c, kernel, recurrent, bias)
        np.testing.assert_allclose(h, sequence[:, step], rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(h, h_last, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(c, c_last, rtol=1e-4, atol=1e-5)


# ------------------------------------------------------------------ Q4 stacked / bidirectional


def _keras_stack(keras, input_dim, units_per_layer, cell, bidirectional):
    make = {"simple": keras.layers.SimpleRNN, "lstm": keras.layers.LSTM,
            "gru": keras.layers.GRU}[cell]
    layers = [keras.Input((6, input_dim))]
    for index, units in enumerate(units_per_layer):
        layer = make(units, return_sequences=index < len(units_per_layer) - 1)
        layers.append(keras.layers.Bidirectional(layer) if bidirectional else layer)
    return keras.Sequential(layers)


@pytest.mark.parametrize("cell", hw02.CELLS)
@pytest.mark.parametrize("bidirectional", [False, True])
@pytest.mark.parametrize("input_dim, units", [(8, [16]), (3, [5, 7]), (28, [32, 16, 4])])
def test_stacked_rnn_params_match_keras(keras, cell, bidirectional, input_dim, units):
    model = _keras_stack(keras, input_dim, units, cell, bidirectional)
    assert hw02.stacked_rnn_params(input_dim, units, cell, bidirectional) == model.count_params()


def test_stacked_rnn_params_seed_example():
    # SimpleRNN(256) on 28 features + Dense(10) = 75,530 (the first exercise session)
    assert hw02.stacked_rnn_params(28, [256], "simple", False) + 256 * 10 + 10 == 75_530


@pytest.mark.parametrize("merge_mode", hw02.MERGE_MODES)
@pytest.mark.parametrize("return_sequences", [False, True])
def test_bidirectional_output_shape_matches_keras(keras, merge_mode, return_sequences):
    x = np.zeros((3, 5, 2), np.float32)
    layer = keras.layers.Bidirectional(keras.layers.SimpleRNN(4, return_sequences=return_sequences),
                                       merge_mode=merge_mode)
    out = layer(x)
    got = hw02.bidirectional_output_shape(3, 5, 4, merge_mode, return_sequences)
    if merge_mode is None:
        assert isinstance(got, list) and [tuple(o.shape) for o in out] == got
    else:
        assert tuple(out.shape) == got


@pytest.mark.parametrize("args", [(2, 0, 3, "concat", True), (2, 4, 3, "max", True),
                                  (2, 4, 3.5, "sum", False)])
def test_bidirectional_output_shape_rejects_bad_arguments(args):
    with pytest.raises(ValueError):
        hw02.bidirectional_output_shape(*args)


def test_stacked_rnn_params_rejects_bad_arguments():
    for args in [(4, [], "lstm", False), (4, [3], "rnn", False), (0, [3], "gru", True)]:
        with pytest.raises(ValueError):
            hw02.stacked_rnn_params(*args)


# ------------------------------------------------------------------ Q5 the cook's RNN


def test_cook_rule_by_hand():
    sunny, rainy = 0, 1
    assert hw02.cook_dishes([sunny, sunny], 0).tolist() == [0, 0]
    assert hw02.cook_dishes([rainy, rainy, rainy, sunny], 0).tolist() == [1, 2, 0, 0]
    assert hw02.cook_dishes([rainy], 2).tolist() == [0]  # sandwich -> pizza closes the cycle


def test_reference_cook_weights_are_exact():
    assert hw02.cook_accuracy(hw02.cook_rnn_weights(), seed=5) == 1.0


def test_cook_simulation_matches_keras_relu_rnn(keras):
    """The judge's simulation equals a Keras SimpleRNN(relu) + Dense with the same weights."""
    w = hw02.cook_rnn_weights()
    rng = np.random.default_rng(2)
    weathers = rng.integers(0, 2, size=(8, 30))
    w = dict(w, W_h=w["W_h"] + rng.normal(0, 0.05, w["W_h"].shape))  # not exact any more
    hidden = w["W_h"].shape[0]
    for first in range(3):
        rnn = keras.layers.SimpleRNN(hidden, activation="relu", return_sequences=True)
        dense = keras.layers.Dense(3)
        x = np.eye(2, dtype=np.float32)[weathers]
        h0 = np.repeat(w["h0"][first][None], len(weathers), axis=0).astype(np.float32)
        dense(rnn(x, initial_state=h0))  # builds both layers
        rnn.set_weights([w["W_x"], w["W_h"], w["b"]])
        dense.set_weights([w["W_out"], w["b_out"]])
        scores = np.asarray(dense(rnn(x, initial_state=h0)))
        np.testing.assert_array_equal(hw02.simulate_cook(w, weathers, first), scores.argmax(-1))


def test_cook_accuracy_partial_and_ties():
    w = hw02.cook_rnn_weights()
    assert hw02.cook_accuracy(dict(w, W_out=np.zeros_like(w["W_out"]))) == 0.0  # all tied
    backwards = dict(w, W_out=w["W_out"][:, [0, 2, 1]])  # swaps chicken and sandwich
    assert 0.2 < hw02.cook_accuracy(backwards) < 0.6


@pytest.mark.parametrize("change", [{"W_x": np.zeros((3, 6))}, {"h0": np.zeros(6)},
                                    {"W_out": np.zeros((6, 2))}, {"b": np.zeros(5)}])
def test_check_cook_weights_names_the_bad_array(change):
    key = next(iter(change))
    with pytest.raises(ValueError, match=key):
        hw02.check_cook_weights(dict(hw02.cook_rnn_weights(), **change))
    with pytest.raises(ValueError):
        hw02.check_cook_weights([1, 2])
