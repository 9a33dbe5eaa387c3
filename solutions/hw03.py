"""Reference answers for homework 3 (1D convnets and RNNs for Jena-style temperature forecasting).

Hidden tests import this module in the judge process and compare a student's answers with it on
inputs they choose. Windows, the naive baseline and receptive fields are pure numpy; Keras is
imported only by the model builders, inside the functions. The cross-checks against the classic
generator and real Keras layers live in tests/solutions/test_hw03_reference.py.
"""

from __future__ import annotations

import os
from numbers import Integral
from pathlib import Path

import numpy as np
import pandas as pd

DATA_PATH = (Path(__file__).resolve().parents[1] / "assignments" / "hw03" / "data"
             / "weather_small.csv")
WEATHER_COLUMNS = ("Date Time", "p (mbar)", "T (degC)", "Tpot (K)", "Tdew (degC)", "rh (%)",
                   "VPmax (mbar)", "VPact (mbar)", "VPdef (mbar)", "sh (g/kg)", "H2OC (mmol/mol)",
                   "rho (g/m**3)", "wv (m/s)", "max. wv (m/s)", "wd (deg)")
TEMPERATURE_COL = 1
"""Column of "T (degC)" once "Date Time" is dropped (as in the classic Jena example)."""


def load_weather(path=None) -> pd.DataFrame:
    """The shipped series, or the real jena_climate_2009_2016.csv when its path is given."""
    return pd.read_csv(DATA_PATH if path is None else path)


def weather_values(frame: pd.DataFrame) -> np.ndarray:
    """The numeric columns (everything but "Date Time") as a float array (rows, features)."""
    return frame.drop(columns=["Date Time"]).to_numpy(dtype=float)


# ------------------------------------------------------------------ Q1 windows and baseline


def _check_int(name: str, value, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, Integral) or value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


def _window_rows(n_rows: int, lookback: int, delay: int) -> np.ndarray:
    """Every i with lookback <= i <= n_rows - delay - 1: the window and the target both exist."""
    rows = np.arange(lookback, n_rows - delay)
    if rows.size == 0:
        raise ValueError(f"{n_rows} rows are too few for lookback={lookback} and delay={delay}: "
                         "at least lookback + delay + 1 rows are needed")
    return rows


def make_windows(data, lookback, delay, step, target_col):
    """X[k] = data[i - lookback : i : step], y[k] = data[i + delay, target_col], i = lookback + k.

    One sample per i from lookback to len(data) - delay - 1 inclusive, in order: the classic
    Jena generator run once over the whole array (min_index=0, max_index=len(data) - delay,
    shuffle=False). Each window has len(range(i - lookback, i, step)) = ceil(lookback / step) rows.
    """
    data = np.asarray(data, dtype=float)
    if data.ndim != 2:
        raise ValueError(f"data must be a 2-D array (rows, features), got shape {data.shape}")
    lookback, delay = _check_int("lookback", lookback, 1), _check_int("delay", delay, 0)
    step = _check_int("step", step, 1)
    target_col = _check_int("target_col", target_col, 0)
    if target_col >= data.shape[1]:
        raise ValueError(f"target_col={target_col} but data has {data.shape[1]} columns")
    rows = _window_rows(len(data), lookback, delay)
    offsets = np.arange(-lookback, 0, step)
    return data[rows[:, None] + offsets[None, :]], data[rows + delay, target_col].copy()


def naive_forecast_mae(data, lookback, delay, step, target_col):
    """MAE of predicting every target with the target column's value in the window's last row."""
    windows, targets = make_windows(data, lookback, delay, step, target_col)
    return float(np.mean(np.abs(windows[:, -1, target_col] - targets)))


def standardize(data, train_rows):
    """(scaled, mean, std): statistics of the first train_rows rows only (population std).

    A column that is constant over the training rows is only centred (its std counts as 1).
    """
    data = np.asarray(data, dtype=float)
    train_rows = _check_int("train_rows", train_rows, 1)
    if data.ndim != 2 or train_rows > len(data):
        raise ValueError(f"need a 2-D array with at least train_rows={train_rows} rows")
    mean = data[:train_rows].mean(axis=0)
    std = data[:train_rows].std(axis=0)
    std = np.where(std > 0, std, 1.0)
    return (data - mean) / std, mean, std


# ------------------------------------------------------------------ Q2 Keras models


def _keras():
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    import keras

    return keras


def build_conv1d_model(n_features):
    """The 1D convnet of the classic Jena example; any sequence length (None time steps)."""
    keras = _keras()
    layers = keras.layers
    return keras.Sequential([
        keras.Input(shape=(None, n_features)),
        layers.Conv1D(32, 5, activation="relu"), layers.MaxPooling1D(3),
        layers.Conv1D(32, 5, activation="relu"), layers.MaxPooling1D(3),
        layers.Conv1D(32, 5, activation="relu"), layers.GlobalMaxPooling1D(),
        layers.Dense(1),
    ])


def build_conv_gru_model(n_features):
    """A 1D conv base that shortens the sequence, then a GRU reading what it found."""
    keras = _keras()
    layers = keras.layers
    return keras.Sequential([
        keras.Input(shape=(None, n_features)),
        layers.Conv1D(32, 5, activation="relu"), layers.MaxPooling1D(3),
        layers.Conv1D(32, 5, activation="relu"),
        layers.GRU(32, dropout=0.1, recurrent_dropout=0.5),
        layers.Dense(1),
    ])


def _layer_rows(model) -> list:
    from autograder.grading.keras_tools import layer_summary

    return [row for row in layer_summary(model) if row[0] != "InputLayer"]


def _describe(row) -> str:
    name, config = row
    return name + "(" + ", ".join(f"{key}={value!r}" for key, value in sorted(config.items())) + ")"


def input_problem(model, n_features) -> str | None:
    """None when the model takes (batch, any length, n_features), else a hint."""
    try:
        shape = tuple(model.input_shape) if model.built else None
    except (AttributeError, ValueError):
        shape = None
    if shape is None:
        return ("the model has no input shape: start it with keras.Input(shape=(None, "
                "n_features)) so that it is built")
    if shape != (None, None, n_features):
        return (f"the model's input shape is {shape}; for n_features={n_features} it must be "
                f"(None, None, {n_features}): keras.Input(shape=(None, n_features)) accepts "
                "sequences of any length")
    return None


def model_difference(model, reference) -> str | None:
    """None when the layer stacks agree, else a hint naming the first layer that differs."""
    got, want = _layer_rows(model), _layer_rows(reference)
    for index, (got_row, want_row) in enumerate(zip(got, want), start=1):
        if got_row[0] != want_row[0]:
            return (f"layer {index} is a {got_row[0]}, but the question asks for a "
                    f"{want_row[0]} at that position")
        if got_row != want_row:
            keys = sorted(k for k in set(got_row[1]) | set(want_row[1])
                          if got_row[1].get(k) != want_row[1].get(k))
            return (f"layer {index} ({got_row[0]}) has the wrong {', '.join(keys)}: "
                    f"{_describe(got_row)}")
    if len(got) != len(want):
        return (f"the model has {len(got)} layers (not counting the input), the question asks "
                f"for {len(want)}")
    return None


def output_shape_for_length(model, length: int, n_features: int, batch: int = 2) -> tuple:
    """The shape the model gives for a batch of `batch` zero sequences of `length` steps."""
    return tuple(np.asarray(model(np.zeros((batch, length, n_features), "float32"))).shape)


# ------------------------------------------------------------------ Q3 receptive field


def _layer_geometry(layer: dict) -> tuple[int, int]:
    """(span in input steps of this layer's own window, stride) of one layer description."""
    kind = layer.get("type")
    if kind == "conv1d":
        kernel = _check_int("kernel_size", layer["kernel_size"], 1)
        dilation = _check_int("dilation_rate", layer.get("dilation_rate", 1), 1)
        return (kernel - 1) * dilation + 1, _check_int("strides", layer.get("strides", 1), 1)
    if kind == "maxpool1d":
        pool = _check_int("pool_size", layer["pool_size"], 1)
        strides = layer.get("strides")
        return pool, _check_int("strides", pool if strides is None else strides, 1)
    raise ValueError(f"unknown layer type {kind!r}: use 'conv1d' or 'maxpool1d'")


def receptive_field(layers):
    """How many consecutive input steps one output step of the stack depends on.

    r grows by (span - 1) * jump at every layer, where jump, the distance in input steps between
    two neighbouring steps of the current layer's input, is the product of the earlier strides.
    """
    field, jump = 1, 1
    for layer in layers:
        span, stride = _layer_geometry(layer)
        field += (span - 1) * jump
        jump *= stride
    return field
