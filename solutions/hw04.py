"""Reference answers for homework 4 (batch normalization, dilated convolutions, parameter counts,
time-series preprocessing).

Hidden tests import this module in the judge process and compare a student's answers with it on
inputs they choose. Pure numpy/pandas on purpose: importing TensorFlow in every hidden test would
cost seconds. The Keras cross-checks live in tests/solutions/test_hw04_reference.py.
"""

from __future__ import annotations

from numbers import Integral
from pathlib import Path

import numpy as np
import pandas as pd

DATA_PATH = (Path(__file__).resolve().parents[1] / "assignments" / "hw04" / "data"
             / "gas_consumption.csv")
GAS_COLUMNS = ("date", "hour", "year", "month", "day", "holiday", "temperature", "consumption")
DEFAULT_FEATURES = ("temperature", "hour", "holiday")
PADDINGS = ("valid", "same", "causal")

# ------------------------------------------------------------------ Q1 batch normalization


def _batch_moments(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mean, centred values and biased variance per feature, all in float64.

    The variance comes from the centred values, never from E[x^2] - E[x]^2, which cancels
    catastrophically when the features carry a large offset (1e6 + small noise).
    """
    x64 = np.asarray(x, dtype=np.float64)
    if x64.ndim != 2 or x64.shape[0] < 1:
        raise ValueError(f"x must have shape (N, D) with N >= 1, got shape {x64.shape}")
    mean = x64.mean(axis=0)
    centred = x64 - mean
    return mean, centred, np.mean(centred**2, axis=0)


def _output_dtype(x) -> np.dtype:
    """Floating inputs keep their dtype (float32 in, float32 out); anything else becomes float64."""
    dtype = np.asarray(x).dtype
    return dtype if np.issubdtype(dtype, np.floating) else np.dtype(np.float64)


def _normalize(centred, var, gamma, beta, eps) -> np.ndarray:
    scale = np.asarray(gamma, dtype=np.float64) / np.sqrt(var + float(eps))
    return centred * scale + np.asarray(beta, dtype=np.float64)


def forward_batchnorm(x, gamma, beta, eps=1e-5):
    """Training-mode batch normalization of x (N, D) with the statistics of this batch."""
    _, centred, var = _batch_moments(x)
    return _normalize(centred, var, gamma, beta, eps).astype(_output_dtype(x))


def batchnorm_train_step(x, gamma, beta, running_mean, running_var, momentum=0.99, eps=1e-3):
    """One training call of keras.layers.BatchNormalization: output and updated moving statistics.

    Keras keeps `moving = moving * momentum + batch_stat * (1 - momentum)` with the biased
    (divide by N) batch variance.
    """
    mean, centred, var = _batch_moments(x)
    dtype = _output_dtype(x)
    y = _normalize(centred, var, gamma, beta, eps).astype(dtype)
    new_mean = np.asarray(running_mean, dtype=np.float64) * momentum + mean * (1.0 - momentum)
    new_var = np.asarray(running_var, dtype=np.float64) * momentum + var * (1.0 - momentum)
    return y, new_mean.astype(dtype), new_var.astype(dtype)


def batchnorm_inference(x, gamma, beta, running_mean, running_var, eps=1e-3):
    """Inference-mode batch normalization: the moving statistics replace the batch's."""
    x64 = np.asarray(x, dtype=np.float64)
    centred = x64 - np.asarray(running_mean, dtype=np.float64)
    var = np.asarray(running_var, dtype=np.float64)
    return _normalize(centred, var, gamma, beta, eps).astype(_output_dtype(x))


# ------------------------------------------------------------------ Q2 Dense + BatchNormalization


def dense_batchnorm_params(input_dim, units):
    """Parameters of Dense(units) on input_dim features followed by BatchNormalization.

    BN holds gamma and beta (trained) plus the moving mean and variance (updated, not trained).
    """
    _check_positive(input_dim=input_dim, units=units)
    dense = dense_params(input_dim, units)
    return {"total": dense + 4 * units, "trainable": dense + 2 * units,
            "non_trainable": 2 * units}


# ------------------------------------------------------------------ Q3 dilated convolutions


def _check_positive(**values) -> None:
    for name, value in values.items():
        if isinstance(value, bool) or not isinstance(value, Integral) or value < 1:
            raise ValueError(f"{name} must be a positive integer, got {value!r}")


def _padded_length(input_length: int, padding) -> int | None:
    """Length after explicit padding, or None for "same"/"causal" (whose size is ceil(L/s))."""
    if isinstance(padding, str):
        if padding not in PADDINGS:
            raise ValueError(f"padding must be one of {PADDINGS} or an int >= 0, got {padding!r}")
        return input_length if padding == "valid" else None
    if isinstance(padding, bool) or not isinstance(padding, Integral) or padding < 0:
        raise ValueError(f"padding must be one of {PADDINGS} or an int >= 0, got {padding!r}")
    return input_length + 2 * int(padding)


def conv_output_length(input_length, kernel_size, stride=1, padding="valid", dilation=1):
    """Output length of a 1-D convolution (or one axis of a 2-D one, or of a pooling layer)."""
    _check_positive(input_length=input_length, kernel_size=kernel_size, stride=stride,
                    dilation=dilation)
    effective = (kernel_size - 1) * dilation + 1
    padded = _padded_length(input_length, padding)
    if padded is None:
        # "same" and "causal" pad just enough that every input position yields an output at stride 1
        return -(-input_length // stride)
    if padded < effective:
        raise ValueError(
            f"the dilated kernel spans {effective} positions (kernel_size={kernel_size}, "
            f"dilation={dilation}) but the padded input has only {padded}")
    return (padded - effective) // stride + 1


def _pair(value, name: str) -> tuple[int, int]:
    pair = (value, value) if isinstance(value, Integral) else tuple(value)
    if len(pair) != 2:
        raise ValueError(f"{name} must be an int or a pair of ints, got {value!r}")
    _check_positive(**{name: pair[0]}, **{f"{name} (second)": pair[1]})
    return int(pair[0]), int(pair[1])


def conv2d_params(in_channels, filters, kernel_size, use_bias=True):
    """Weights of a Conv2D: one kh x kw x in_channels kernel per filter, plus a bias per filter."""
    _check_positive(in_channels=in_channels, filters=filters)
    height, width = _pair(kernel_size, "kernel_size")
    return height * width * in_channels * filters + (filters if use_bias else 0)


def same_padding(kernel_size, dilation=1):
    """(before, after) zeros that padding="same" adds at stride 1 (an odd extra one goes after)."""
    _check_positive(kernel_size=kernel_size, dilation=dilation)
    total = (kernel_size - 1) * dilation
    return total // 2, total - total // 2


def _conv_row(shape, layer) -> dict:
    kernel = _pair(layer["kernel_size"], "kernel_size")
    strides = _pair(layer.get("strides", 1), "strides")
    dilation = _pair(layer.get("dilation", 1), "dilation")
    padding = layer.get("padding", "valid")
    spatial = tuple(conv_output_length(n, k, s, padding, d)
                    for n, k, s, d in zip(shape[:2], kernel, strides, dilation))
    params = conv2d_params(shape[2], layer["filters"], kernel, layer.get("use_bias", True))
    return {"output_shape": (*spatial, int(layer["filters"])), "params": params}


def _maxpool_row(shape, layer) -> dict:
    pool = _pair(layer.get("pool_size", 2), "pool_size")
    strides = _pair(layer.get("strides", pool), "strides")  # Keras: strides default to pool_size
    padding = layer.get("padding", "valid")
    spatial = tuple(conv_output_length(n, p, s, padding)
                    for n, p, s in zip(shape[:2], pool, strides))
    return {"output_shape": (*spatial, shape[2]), "params": 0}


def network_table(input_shape, layers):
    """Output shape (h, w, c) and parameter count of every layer of a conv/maxpool stack."""
    shape = tuple(int(n) for n in input_shape)
    if len(shape) != 3:
        raise ValueError(f"input_shape must be (height, width, channels), got {input_shape!r}")
    builders = {"conv": _conv_row, "maxpool": _maxpool_row}
    rows = []
    for index, layer in enumerate(layers):
        kind = layer.get("type")
        if kind not in builders:
            raise ValueError(f"layer {index}: type must be 'conv' or 'maxpool', got {kind!r}")
        rows.append(builders[kind](shape, layer))
        shape = rows[-1]["output_shape"]
    return {"rows": rows, "total_params": sum(row["params"] for row in rows)}


def _conv(filters, kernel_size, strides, padding, dilation) -> dict:
    return {"type": "conv", "filters": filters, "kernel_size": kernel_size, "strides": strides,
            "padding": padding, "dilation": dilation}


def _maxpool() -> dict:
    return {"type": "maxpool", "pool_size": 2, "strides": 2}


HOMEWORK_INPUT_SHAPE = (512, 512, 3)
# The homework's stack: spatial sizes 512, 252, 126, 126, 55, 27, 27, 6, 3; 1,261,920 parameters.
HOMEWORK_STACK = [
    _conv(64, 3, 1, "same", 1), _conv(32, 5, 2, "valid", 2), _maxpool(),
    _conv(128, 3, 1, "same", 1), _conv(64, 5, 2, "valid", 4), _maxpool(),
    _conv(256, 3, 1, "same", 1), _conv(128, 5, 2, "valid", 4), _maxpool(),
]

# ------------------------------------------------------------------ Q4 parameter formulas


def dense_params(input_dim, units):
    _check_positive(input_dim=input_dim, units=units)
    return input_dim * units + units


def simple_rnn_params(input_dim, units):
    """Input kernel, recurrent kernel and bias of one tanh cell."""
    _check_positive(input_dim=input_dim, units=units)
    return units * (input_dim + units + 1)


def lstm_params(input_dim, units):
    """Four gates (input, forget, cell, output), each a SimpleRNN-sized block."""
    return 4 * simple_rnn_params(input_dim, units)


def gru_params(input_dim, units, reset_after=True):
    """Three gates; reset_after=True (Keras's default) adds a second bias for the recurrent part."""
    _check_positive(input_dim=input_dim, units=units)
    biases = 2 if reset_after else 1
    return 3 * units * (input_dim + units + biases)


def conv1d_params(in_channels, filters, kernel_size):
    _check_positive(in_channels=in_channels, filters=filters, kernel_size=kernel_size)
    return kernel_size * in_channels * filters + filters


# ------------------------------------------------------------------ Q5 gas consumption series

# Fixed-date public holidays (month, day): New Year's days of the solar calendar and a few more.
FIXED_HOLIDAYS = frozenset({(3, 20), (3, 21), (3, 22), (3, 23), (3, 24), (4, 1), (4, 2),
                            (6, 4), (6, 5), (2, 11)})


def _daily_profile(hour: np.ndarray) -> np.ndarray:
    """Extra use in the morning (7 h) and evening (20 h) peaks; least at night."""
    morning = np.exp(-0.5 * ((hour - 7) / 1.5) ** 2)
    evening = np.exp(-0.5 * ((hour - 20) / 2.0) ** 2)
    return 0.06 * morning + 0.08 * evening


def _temperature(times: pd.DatetimeIndex, rng: np.random.Generator) -> np.ndarray:
    """Seasonal and daily cycles plus slowly varying weather (an AR(1) process), in deg C."""
    day_of_year = times.day_of_year.to_numpy()
    hour = times.hour.to_numpy()
    seasonal = 17.0 - 13.0 * np.cos(2 * np.pi * (day_of_year - 15) / 365.25)
    daily = -5.0 * np.cos(2 * np.pi * (hour - 3) / 24)
    weather = np.empty(len(times))
    level = 0.0
    for i, shock in enumerate(rng.normal(0.0, 0.6, size=len(times))):
        level = 0.97 * level + shock
        weather[i] = level
    return seasonal + daily + weather


def generate_gas_series(n_hours=8760, seed=4, start="2023-01-01"):
    """A synthetic hourly gas-consumption record with the columns of GAS_COLUMNS.

    Consumption (m3 per household) depends mostly on how far the temperature is below 18 deg C,
    then on the hour of day and on holidays, plus noise. Seeded, so the shipped CSV can be rebuilt.
    """
    _check_positive(n_hours=n_hours)
    rng = np.random.default_rng(seed)
    times = pd.date_range(start=start, periods=n_hours, freq="h")
    temperature = np.round(_temperature(times, rng), 1)
    hour = times.hour.to_numpy()
    month_day = zip(times.month, times.day)
    holiday = np.array([(m, d) in FIXED_HOLIDAYS for m, d in month_day], dtype=int)
    holiday |= (times.day_of_week.to_numpy() == 4).astype(int)  # Friday is the weekly holiday
    heating = 0.035 * np.clip(18.0 - temperature, 0.0, None)
    at_home = 0.04 * holiday * ((hour >= 9) & (hour <= 22))
    noise = rng.normal(0.0, 0.02, size=n_hours)
    consumption = np.clip(0.08 + heating + _daily_profile(hour) + at_home + noise, 0.01, None)
    return pd.DataFrame({
        "date": times.strftime("%Y-%m-%d"), "hour": hour, "year": times.year.to_numpy(),
        "month": times.month.to_numpy(), "day": times.day.to_numpy(), "holiday": holiday,
        "temperature": temperature, "consumption": np.round(consumption, 4),
    }, columns=list(GAS_COLUMNS))


def load_gas_data(path=None) -> pd.DataFrame:
    """The shipped CSV (assignments/hw04/data/gas_consumption.csv), found next to this module."""
    return pd.read_csv(DATA_PATH if path is None else path)


def split_sizes(n_rows, test_fraction=0.2):
    """(n_train, n_test) with n_test = round(n_rows * test_fraction) (Python's round)."""
    if not 0 < test_fraction < 1:
        raise ValueError(
            f"test_fraction must be between 0 and 1 (exclusive), got {test_fraction!r}")
    n_test = int(round(n_rows * test_fraction))
    return n_rows - n_test, n_test


def make_windows(features: np.ndarray, target: np.ndarray, window: int):
    """X[i] = features[i : i + window], y[i] = target[i + window]: one sample per later hour."""
    count = len(features) - window
    if count < 1:
        raise ValueError(f"a part with {len(features)} rows is too short for window={window}: "
                         "it needs at least window + 1 rows")
    views = np.lib.stride_tricks.sliding_window_view(features, window, axis=0)[:count]
    return np.ascontiguousarray(views.transpose(0, 2, 1)), np.array(target[window:], dtype=float)


def prepare_gas_data(df, window=24, test_fraction=0.2, features=DEFAULT_FEATURES):
    """Chronological split, standardization fitted on the training rows only, then windows.

    The first n_train rows train, the last n_test rows test (see split_sizes). Features are
    standardized with the training rows' mean and population std (a feature constant over the
    training rows is only centred: its std counts as 1). Each part is cut into windows separately,
    so no test window reaches back into the training hours.
    """
    _check_positive(window=window)
    columns = [features] if isinstance(features, str) else list(features)
    n_train, n_test = split_sizes(len(df), test_fraction)
    if min(n_train, n_test) <= window:
        raise ValueError(f"each part needs more than window={window} rows, but the split gives "
                         f"{n_train} training and {n_test} test rows")
    values = df[columns].to_numpy(dtype=float)
    target = df["consumption"].to_numpy(dtype=float)
    mean = values[:n_train].mean(axis=0)
    std = values[:n_train].std(axis=0)
    std = np.where(std > 0, std, 1.0)
    scaled = (values - mean) / std
    X_train, y_train = make_windows(scaled[:n_train], target[:n_train], window)
    X_test, y_test = make_windows(scaled[n_train:], target[n_train:], window)
    return X_train, y_train, X_test, y_test, {"mean": mean, "std": std}
