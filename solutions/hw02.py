"""Reference answers for homework 2 (recurrent cells from scratch with numpy).

Hidden tests import this module in the judge process and compare a student's answers with it on
inputs they choose. Pure numpy on purpose: importing TensorFlow in every hidden test would cost
seconds. The Keras cross-checks live in tests/solutions/test_hw02_reference.py.

Weight layout everywhere is Keras's: matrices are (inputs, outputs), so a step is `x @ W`.
"""

from __future__ import annotations

from numbers import Integral

import numpy as np

# ------------------------------------------------------------------ Q1 SimpleRNN


def rnn_cell_forward(x_t, h_prev, Wx, Wh, b):
    """One SimpleRNN step: tanh(x_t Wx + h_prev Wh + b); x_t (N, F), h_prev (N, U)."""
    x_t, h_prev = np.asarray(x_t, dtype=np.float64), np.asarray(h_prev, dtype=np.float64)
    return np.tanh(x_t @ np.asarray(Wx, np.float64) + h_prev @ np.asarray(Wh, np.float64)
                   + np.asarray(b, np.float64))


def rnn_forward(x, h0, Wx, Wh, b):
    """All hidden states (N, T, U) of a SimpleRNN over x (N, T, F), starting from h0 (N, U)."""
    x = np.asarray(x, dtype=np.float64)
    h = np.asarray(h0, dtype=np.float64)
    states = []
    for t in range(x.shape[1]):
        h = rnn_cell_forward(x[:, t, :], h, Wx, Wh, b)
        states.append(h)
    if not states:
        return np.zeros((x.shape[0], 0, h.shape[-1]))
    return np.stack(states, axis=1)


# ------------------------------------------------------------------ Q2 GRU (course equations)

GRU_KEYS = ("W_xu", "W_hu", "b_u", "W_xr", "W_hr", "b_r", "W_xh", "W_hh", "b_h")


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def gru_cell_forward(x_t, h_prev, params):
    """One GRU step with the course's gates: u chooses how much of the candidate to take.

    params holds W_x* (F, U), W_h* (U, U) and b_* (U,) for * in u (update), r (reset), h
    (candidate); h = u * candidate + (1 - u) * h_prev.
    """
    p = {key: np.asarray(params[key], dtype=np.float64) for key in GRU_KEYS}
    x_t, h_prev = np.asarray(x_t, dtype=np.float64), np.asarray(h_prev, dtype=np.float64)
    u = _sigmoid(x_t @ p["W_xu"] + h_prev @ p["W_hu"] + p["b_u"])
    r = _sigmoid(x_t @ p["W_xr"] + h_prev @ p["W_hr"] + p["b_r"])
    candidate = np.tanh((r * h_prev) @ p["W_hh"] + x_t @ p["W_xh"] + p["b_h"])
    return u * candidate + (1.0 - u) * h_prev


def gru_params_from_keras(kernel, recurrent_kernel, bias):
    """The course's params of a keras GRU(reset_after=False) (gate blocks in order z, r, h).

    Keras keeps z * h_prev + (1 - z) * candidate, so the course's u is 1 - z =
    sigmoid(-(...)): the update-gate weights and bias change sign; r and the candidate carry over.
    """
    kernel, recurrent = np.asarray(kernel, np.float64), np.asarray(recurrent_kernel, np.float64)
    bias = np.asarray(bias, np.float64)
    if bias.ndim != 1:
        raise ValueError("reset_after=False has one bias vector; got bias of shape "
                         f"{bias.shape} (reset_after=True?)")
    x_z, x_r, x_h = np.split(kernel, 3, axis=-1)
    h_z, h_r, h_h = np.split(recurrent, 3, axis=-1)
    b_z, b_r, b_h = np.split(bias, 3)
    return {"W_xu": -x_z, "W_hu": -h_z, "b_u": -b_z, "W_xr": x_r, "W_hr": h_r, "b_r": b_r,
            "W_xh": x_h, "W_hh": h_h, "b_h": b_h}


# ------------------------------------------------------------------ Q3 LSTM


def lstm_cell_forward(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias):
    """One keras LSTM step; kernel (F, 4U), recurrent_kernel (U, 4U), bias (4U,), gates i, f, c, o."""
    x_t, h_prev = np.asarray(x_t, dtype=np.float64), np.asarray(h_prev, dtype=np.float64)
    z = (x_t @ np.asarray(kernel, np.float64) + h_prev @ np.asarray(recurrent_kernel, np.float64)
         + np.asarray(bias, np.float64))
    z_i, z_f, z_c, z_o = np.split(z, 4, axis=-1)
    c = _sigmoid(z_f) * np.asarray(c_prev, np.float64) + _sigmoid(z_i) * np.tanh(z_c)
    return _sigmoid(z_o) * np.tanh(c), c


# ------------------------------------------------------------------ Q4 stacked / bidirectional

CELLS = ("simple", "lstm", "gru")
MERGE_MODES = ("concat", "sum", "mul", "ave", None)


def _check_positive(**values) -> None:
    for name, value in values.items():
        if isinstance(value, bool) or not isinstance(value, Integral) or value < 1:
            raise ValueError(f"{name} must be a positive integer, got {value!r}")


def recurrent_layer_params(input_dim, units, cell):
    """One direction: gates x (input kernel + recurrent kernel + bias); Keras GRU has 2 biases."""
    _check_positive(input_dim=input_dim, units=units)
    if cell not in CELLS:
        raise ValueError(f"cell must be one of {CELLS}, got {cell!r}")
    gates, biases = {"simple": (1, 1), "lstm": (4, 1), "gru": (3, 2)}[cell]
    return gates * units * (input_dim + units + biases)


def stacked_rnn_params(input_dim, units_per_layer, cell, bidirectional):
    """Parameters of a stack of recurrent layers (Bidirectional with merge_mode="concat").

    A bidirectional layer holds two independent copies and passes 2 * units features on.
    """
    units_per_layer = list(units_per_layer)
    if not units_per_layer:
        raise ValueError("units_per_layer must name at least one layer")
    copies = 2 if bidirectional else 1
    total, features = 0, input_dim
    for units in units_per_layer:
        total += copies * recurrent_layer_params(features, units, cell)
        features = copies * units
    return int(total)


def bidirectional_output_shape(batch, timesteps, units, merge_mode, return_sequences):
    """Output shape of Bidirectional(RNN(units, return_sequences)) for the given merge_mode.

    "concat" doubles the feature axis, "sum"/"mul"/"ave" keep it; None returns both directions
    unmerged, as a list of two shapes.
    """
    _check_positive(timesteps=timesteps, units=units)
    if merge_mode not in MERGE_MODES:
        raise ValueError(f"merge_mode must be one of {MERGE_MODES}, got {merge_mode!r}")
    one = (batch, timesteps, units) if return_sequences else (batch, units)
    if merge_mode is None:
        return [one, one]
    if merge_mode == "concat":
        return (*one[:-1], 2 * units)
    return one


# ------------------------------------------------------------------ Q5 the cook's RNN

DISHES = ("pizza", "chicken", "sandwich")
WEATHERS = ("sunny", "rainy")
COOK_SHAPES = {"W_x": ("2", "H"), "W_h": ("H", "H"), "b": ("H",), "W_out": ("H", "3"),
               "b_out": ("3",), "h0": ("3", "H")}
MAX_HIDDEN = 64  # keeps the judge's simulation fast


def cook_dishes(weathers, first_dish):
    """The true dishes: yesterday's dish on sunny days (0), the next in the cycle on rainy (1)."""
    dishes, dish = [], int(first_dish)
    for weather in weathers:
        dish = (dish + int(weather)) % 3
        dishes.append(dish)
    return np.array(dishes, dtype=int)


def cook_rnn_weights():
    """An exact ReLU Elman RNN for the cook, H = 6 one-hot units, one per (yesterday, weather).

    Unit 2 * j + w fires (value 1) when yesterday's dish was j and today's weather is w, so
    today's dish is (j + w) % 3. Its pre-activation is [state says yesterday was j] + [weather
    is w] - 1, which is 1 for the one right unit and <= 0 for every other: ReLU keeps it one-hot.
    """
    hidden = 6
    today = np.array([(unit // 2 + unit % 2) % 3 for unit in range(hidden)])
    W_x = np.zeros((2, hidden))
    W_h = np.zeros((hidden, hidden))
    for unit in range(hidden):
        W_x[unit % 2, unit] = 1.0
        W_h[today == unit // 2, unit] = 1.0  # every unit whose today is this unit's yesterday
    W_out = np.eye(3)[today]
    h0 = np.zeros((3, hidden))
    h0[np.arange(3), 2 * np.arange(3)] = 1.0  # (dish, sunny): "today" was that dish
    return {"W_x": W_x, "W_h": W_h, "b": -np.ones(hidden), "W_out": W_out, "b_out": np.zeros(3),
            "h0": h0}


def check_cook_weights(weights) -> dict:
    """The weights as float64 arrays; ValueError naming the first key or shape that is wrong."""
    if not isinstance(weights, dict):
        raise ValueError(f"cook_rnn_weights() must return a dict, got {type(weights).__name__}")
    missing = [key for key in COOK_SHAPES if key not in weights]
    if missing:
        raise ValueError(f"the dict lacks the keys {missing}")
    try:
        arrays = {key: np.asarray(weights[key], dtype=np.float64) for key in COOK_SHAPES}
    except (TypeError, ValueError):
        raise ValueError("every value must be an array of numbers (a numpy array or nested "
                         "lists of equal length)") from None
    hidden = arrays["W_h"].shape[0] if arrays["W_h"].ndim == 2 else -1
    if not 1 <= hidden <= MAX_HIDDEN:
        raise ValueError(f"W_h must be a square (H, H) matrix with 1 <= H <= {MAX_HIDDEN}, "
                         f"got shape {arrays['W_h'].shape}")
    sizes = {"H": hidden, "2": 2, "3": 3}
    for key, dims in COOK_SHAPES.items():
        expected = tuple(sizes[d] for d in dims)
        if arrays[key].shape != expected:
            raise ValueError(f"{key} must have shape ({', '.join(dims)}) with H = W_h.shape[0] "
                             f"(here H = {hidden}), got {arrays[key].shape}")
    return arrays


def simulate_cook(weights, weathers, first_dish):
    """Dish index per day predicted by the weights (ReLU cell, argmax readout; -1 = no strict max).

    weathers (B, T) of 0/1; all sequences start from h0[first_dish].
    """
    w = check_cook_weights(weights)
    weathers = np.asarray(weathers, dtype=int)
    h = np.repeat(w["h0"][first_dish][None, :], len(weathers), axis=0)
    onehot = np.eye(2)[weathers]
    predicted = np.empty(weathers.shape, dtype=int)
    with np.errstate(all="ignore"):
        for t in range(weathers.shape[1]):
            h = np.maximum(onehot[:, t] @ w["W_x"] + h @ w["W_h"] + w["b"], 0.0)
            scores = h @ w["W_out"] + w["b_out"]
            best = scores.argmax(axis=1)
            runner_up = np.sort(scores, axis=1)[:, -2]
            strict = np.isfinite(scores).all(axis=1) & (scores.max(axis=1) > runner_up)
            predicted[:, t] = np.where(strict, best, -1)
    return predicted


def cook_accuracy(weights, seed=0, per_length=4, max_length=50):
    """Share of days right over random weather sequences of every length 1..max_length, for
    every first dish (per_length sequences of each length and dish)."""
    rng = np.random.default_rng(seed)
    right = total = 0
    for length in range(1, max_length + 1):
        for first in range(3):
            weathers = rng.integers(0, 2, size=(per_length, length))
            truth = np.stack([cook_dishes(row, first) for row in weathers])
            right += int((simulate_cook(weights, weathers, first) == truth).sum())
            total += truth.size
    return right / total
