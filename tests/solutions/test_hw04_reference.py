"""Cross-checks of solutions/hw04.py against real Keras/TensorFlow layers.

Hidden tests trust solutions.hw04 as the truth, so every number it produces is checked here
against what Keras actually computes (layer outputs, moving statistics, output shapes,
count_params), never against a second copy of the same formula.
"""

from __future__ import annotations

import itertools
import os
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # `solutions` is deliberately not an installed package

from solutions import hw04  # noqa: E402

HW_DIR = ROOT / "assignments" / "hw04"


@pytest.fixture(scope="module")
def keras():
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import keras  # a required dependency: a missing Keras fails these checks, never skips them

    return keras


def _weights(rng, d):
    return (rng.uniform(0.5, 2.0, d), rng.normal(size=d), rng.normal(size=d),
            rng.uniform(0.5, 2.0, d))


def _bn_layer(keras, d, gamma, beta, moving_mean, moving_var, *, momentum=0.99, epsilon=1e-3):
    layer = keras.layers.BatchNormalization(momentum=momentum, epsilon=epsilon)
    layer.build((None, d))
    layer.set_weights([np.asarray(w, np.float32) for w in (gamma, beta, moving_mean, moving_var)])
    return layer


# ------------------------------------------------------------------ Q1 batch normalization


@pytest.mark.parametrize("n, d, eps", [(1, 4, 1e-3), (2, 3, 1e-5), (8, 5, 1e-3), (64, 16, 0.1)])
def test_forward_batchnorm_matches_keras_training(keras, n, d, eps):
    rng = np.random.default_rng(n * 100 + d)
    x = rng.normal(3.0, 2.0, size=(n, d)).astype(np.float32)
    x[:, 0] = 1.25  # a constant feature: variance 0
    gamma, beta, mean, var = _weights(rng, d)
    layer = _bn_layer(keras, d, gamma, beta, mean, var, epsilon=eps)
    expected = np.asarray(layer(x, training=True))
    got = hw04.forward_batchnorm(x, gamma.astype(np.float32), beta.astype(np.float32), eps)
    assert got.dtype == np.float32 and got.shape == x.shape
    np.testing.assert_allclose(got, expected, rtol=1e-4, atol=1e-4)
    assert np.all(np.isfinite(got))


def test_forward_batchnorm_single_row_is_beta():
    beta = np.array([0.5, -1.0, 2.0])
    out = hw04.forward_batchnorm(np.array([[10.0, -3.0, 7.0]]), np.array([2.0, 3.0, 4.0]), beta)
    np.testing.assert_array_equal(out, beta[None, :])


def test_forward_batchnorm_large_offset_is_shift_invariant():
    """BN ignores a constant shift; the 1e6 offset must not cost accuracy (float64 inside)."""
    rng = np.random.default_rng(0)
    noise = rng.normal(0.0, 0.01, size=(32, 5))
    gamma, beta = rng.uniform(0.5, 2.0, 5), rng.normal(size=5)
    shifted = hw04.forward_batchnorm(1e6 + noise, gamma, beta, 1e-8)
    np.testing.assert_allclose(shifted, hw04.forward_batchnorm(noise, gamma, beta, 1e-8), atol=1e-6)
    noisy32 = rng.normal(0.0, 4.0, size=(64, 5))
    x32 = (1e6 + noisy32).astype(np.float32)
    exact = hw04.forward_batchnorm(x32.astype(np.float64) - 1e6, gamma, beta)
    np.testing.assert_allclose(hw04.forward_batchnorm(x32, gamma, beta), exact, atol=1e-5)


def test_forward_batchnorm_rejects_non_matrix():
    with pytest.raises(ValueError):
        hw04.forward_batchnorm(np.zeros(3), np.ones(3), np.zeros(3))


@pytest.mark.parametrize("momentum", [0.99, 0.9, 0.5])
def test_train_step_matches_keras_moving_statistics(keras, momentum):
    rng = np.random.default_rng(int(momentum * 100))
    x = rng.normal(1.5, 3.0, size=(16, 6)).astype(np.float32)
    gamma, beta, mean, var = _weights(rng, 6)
    layer = _bn_layer(keras, 6, gamma, beta, mean, var, momentum=momentum)
    y_keras = np.asarray(layer(x, training=True))
    y, new_mean, new_var = hw04.batchnorm_train_step(x, gamma, beta, mean, var, momentum)
    np.testing.assert_allclose(y, y_keras, rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(new_mean, np.asarray(layer.moving_mean), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(new_var, np.asarray(layer.moving_variance), rtol=1e-5, atol=1e-6)
    # Keras uses the biased batch variance; the unbiased one would be visibly different here.
    unbiased = var * momentum + x.astype(float).var(axis=0, ddof=1) * (1 - momentum)
    assert not np.allclose(np.asarray(layer.moving_variance), unbiased, rtol=1e-5)


def test_inference_matches_keras(keras):
    rng = np.random.default_rng(7)
    x = rng.normal(0.0, 2.0, size=(10, 4)).astype(np.float32)
    gamma, beta, mean, var = _weights(rng, 4)
    layer = _bn_layer(keras, 4, gamma, beta, mean, var)
    expected = np.asarray(layer(x, training=False))
    np.testing.assert_allclose(hw04.batchnorm_inference(x, gamma, beta, mean, var), expected,
                               rtol=1e-5, atol=1e-5)


# ------------------------------------------------------------------ Q2 Dense + BatchNormalization


def _param_counts(model) -> dict:
    trainable = sum(int(np.prod(w.shape)) for w in model.trainable_weights)
    non_trainable = sum(int(np.prod(w.shape)) for w in model.non_trainable_weights)
    return {"total": model.count_params(), "trainable": trainable, "non_trainable": non_trainable}


@pytest.mark.parametrize("input_dim, units", [(10, 20), (1, 1), (784, 128), (37, 5)])
def test_dense_batchnorm_params_match_keras(keras, input_dim, units):
    model = keras.Sequential([keras.Input((input_dim,)), keras.layers.Dense(units),
                              keras.layers.BatchNormalization()])
    assert hw04.dense_batchnorm_params(input_dim, units) == _param_counts(model)


def test_dense_batchnorm_homework_example():
    assert hw04.dense_batchnorm_params(10, 20) == {"total": 300, "trainable": 260,
                                                   "non_trainable": 40}


# ------------------------------------------------------------------ Q3 convolution lengths


def _conv1d_length(keras, length, kernel, stride, padding, dilation):
    """Length of a real Conv1D output; int padding is ZeroPadding1D then a valid convolution."""
    x = np.ones((1, length, 1), np.float32)
    if not isinstance(padding, str):
        x = np.asarray(keras.layers.ZeroPadding1D(padding)(x))
        padding = "valid"
    conv = keras.layers.Conv1D(1, kernel, strides=stride, padding=padding, dilation_rate=dilation)
    return int(conv(x).shape[1])


CONV1D_GRID = [
    case for case in itertools.product([1, 2, 5, 8, 13], [1, 2, 3, 5], [1, 2, 3], [1, 2, 3],
                                       ["valid", "same", "causal", 1, 3])
    if case[2] == 1 or case[3] == 1  # Keras refuses strides > 1 with dilation_rate > 1
]


def test_conv_output_length_matches_keras_conv1d(keras):
    checked = rejected = 0
    for length, kernel, stride, dilation, padding in CONV1D_GRID:
        try:
            expected = hw04.conv_output_length(length, kernel, stride, padding, dilation)
        except ValueError:
            expected = None
        try:
            got = _conv1d_length(keras, length, kernel, stride, padding, dilation)
        except Exception:  # TF refuses a kernel wider than its (padded) input
            assert expected is None, (length, kernel, stride, padding, dilation)
            rejected += 1
            continue
        assert got == expected, (length, kernel, stride, padding, dilation)
        checked += 1
    assert checked > 300 and rejected > 20


@pytest.mark.parametrize("shape, kernel, stride, padding, dilation", [
    ((17, 23), (3, 5), (1, 1), "valid", (2, 3)),
    ((17, 23), (4, 2), (2, 3), "same", (1, 1)),
    ((31, 9), (3, 3), (1, 1), "same", (4, 2)),
    ((12, 12), (5, 5), (3, 2), "valid", (1, 1)),
])
def test_conv_output_length_matches_keras_conv2d(keras, shape, kernel, stride, padding, dilation):
    conv = keras.layers.Conv2D(2, kernel, strides=stride, padding=padding, dilation_rate=dilation)
    out = conv(np.ones((1, *shape, 3), np.float32))
    expected = tuple(hw04.conv_output_length(n, k, s, padding, d)
                     for n, k, s, d in zip(shape, kernel, stride, dilation))
    assert tuple(out.shape[1:3]) == expected
    assert conv.count_params() == hw04.conv2d_params(3, 2, kernel)


def test_keras_refuses_stride_with_dilation(keras):
    """The reason the homework computes the mixed layers by hand (see the question text)."""
    with pytest.raises(ValueError, match="dilation_rate"):
        keras.layers.Conv1D(1, 3, strides=2, dilation_rate=2)(np.ones((1, 20, 1), np.float32))


@pytest.mark.parametrize("length, kernel, stride, dilation, padding", [
    (20, 3, 2, 2, "valid"), (512, 5, 2, 2, "valid"), (126, 5, 2, 4, "valid"),
    (27, 5, 2, 4, "valid"), (19, 4, 3, 2, "same"), (30, 3, 2, 3, "causal"),
])
def test_mixed_stride_dilation_is_subsampled_stride_one(keras, length, kernel, stride, dilation,
                                                        padding):
    """A stride-s dilated convolution keeps every s-th output of the stride-1 one."""
    dense = keras.layers.Conv1D(1, kernel, padding=padding, dilation_rate=dilation)
    full = np.asarray(dense(np.ones((1, length, 1), np.float32)))
    assert full[:, ::stride].shape[1] == hw04.conv_output_length(length, kernel, stride, padding,
                                                                 dilation)


def test_conv_output_length_rejects_bad_arguments():
    for args, kwargs in [((6, 3), {"dilation": 3}), ((2, 5), {"padding": 1}),
                         ((8, 3), {"padding": "full"}), ((8, 3), {"padding": -1}),
                         ((8, 3), {"stride": 0}), ((0, 1), {}), ((8, 3), {"dilation": 0}),
                         ((8, 2.5), {}), ((8, 3), {"padding": True})]:
        with pytest.raises(ValueError):
            hw04.conv_output_length(*args, **kwargs)


@pytest.mark.parametrize("kernel, dilation", [(1, 1), (2, 1), (3, 1), (4, 1), (5, 2), (4, 3),
                                              (2, 4), (6, 2)])
def test_same_padding_matches_keras(keras, kernel, dilation):
    rng = np.random.default_rng(kernel * 10 + dilation)
    x = rng.normal(size=(1, 11, 1)).astype(np.float32)
    same = keras.layers.Conv1D(1, kernel, padding="same", dilation_rate=dilation, use_bias=False)
    same_out = np.asarray(same(x))
    before, after = hw04.same_padding(kernel, dilation)
    valid = keras.layers.Conv1D(1, kernel, padding="valid", dilation_rate=dilation, use_bias=False)
    valid.build((None, 11 + before + after, 1))
    valid.set_weights(same.get_weights())
    padded = keras.layers.ZeroPadding1D((before, after))(x)
    np.testing.assert_allclose(np.asarray(valid(padded)), same_out, rtol=1e-5, atol=1e-6)
    if before != after:  # the other split really is different, so the check above has teeth
        swapped = keras.layers.ZeroPadding1D((after, before))(x)
        assert not np.allclose(np.asarray(valid(swapped)), same_out, atol=1e-6)


def _keras_stack(keras, input_shape, layers):
    """Keras layers for a network_table stack; mixed stride+dilation as stride 1 then subsample."""
    built = [keras.Input(input_shape)]
    for layer in layers:
        if layer["type"] == "maxpool":
            built.append(keras.layers.MaxPooling2D(layer["pool_size"], layer.get("strides")))
            continue
        stride, dilation = layer.get("strides", 1), layer.get("dilation", 1)
        mixed = stride > 1 and dilation > 1
        built.append(keras.layers.Conv2D(layer["filters"], layer["kernel_size"],
                                         strides=1 if mixed else stride,
                                         padding=layer.get("padding", "valid"),
                                         dilation_rate=dilation))
        if mixed:
            built.append(keras.layers.Lambda(lambda t, s=stride: t[:, ::s, ::s, :]))
    return keras.Sequential(built)


def _keras_rows(keras, model):
    rows = []
    for layer in model.layers:
        shape = tuple(layer.output.shape[1:])
        if isinstance(layer, keras.layers.Lambda):  # the subsampling belongs to the conv before it
            rows[-1]["output_shape"] = shape
        else:
            rows.append({"output_shape": shape, "params": layer.count_params()})
    return rows


def test_network_table_matches_keras_model(keras):
    layers = [
        {"type": "conv", "filters": 8, "kernel_size": 3, "strides": 1, "padding": "same", "dilation": 1},
        {"type": "conv", "filters": 4, "kernel_size": (3, 5), "strides": 1, "padding": "valid",
         "dilation": 2},
        {"type": "maxpool", "pool_size": 2, "strides": 2},
        {"type": "conv", "filters": 6, "kernel_size": 2, "strides": 1, "padding": "same", "dilation": 3},
        {"type": "conv", "filters": 5, "kernel_size": 3, "strides": 2, "padding": "valid", "dilation": 1},
        {"type": "maxpool", "pool_size": 3, "strides": 1},
        {"type": "maxpool", "pool_size": 2},  # Keras: strides default to pool_size
    ]
    model = _keras_stack(keras, (41, 37, 3), layers)
    assert model(np.zeros((1, 41, 37, 3), np.float32)).shape[1:] == model.output_shape[1:]
    table = hw04.network_table((41, 37, 3), layers)
    assert table["rows"] == _keras_rows(keras, model)
    assert table["total_params"] == model.count_params()


def test_homework_stack_matches_keras_with_subsampling(keras):
    model = _keras_stack(keras, hw04.HOMEWORK_INPUT_SHAPE, hw04.HOMEWORK_STACK)
    table = hw04.network_table(hw04.HOMEWORK_INPUT_SHAPE, hw04.HOMEWORK_STACK)
    assert table["rows"] == _keras_rows(keras, model)
    assert table["total_params"] == model.count_params() == 1_261_920


def test_homework_stack_sizes():
    table = hw04.network_table(hw04.HOMEWORK_INPUT_SHAPE, hw04.HOMEWORK_STACK)
    sizes = [row["output_shape"][0] for row in table["rows"]]
    assert sizes == [512, 252, 126, 126, 55, 27, 27, 6, 3]
    assert all(row["output_shape"][0] == row["output_shape"][1] for row in table["rows"])
    assert table["total_params"] == 1_261_920
    assert all(type(row["params"]) is int for row in table["rows"])


def test_network_table_rejects_unknown_layer():
    with pytest.raises(ValueError):
        hw04.network_table((8, 8, 1), [{"type": "avgpool", "pool_size": 2}])


# ------------------------------------------------------------------ Q4 parameter formulas


@pytest.mark.parametrize("input_dim, units", [(1, 1), (28, 256), (13, 7), (100, 32)])
def test_recurrent_and_dense_params_match_keras(keras, input_dim, units):
    def count(layer, shape):
        model = keras.Sequential([keras.Input(shape), layer])
        return model.count_params()

    sequence = (5, input_dim)
    assert hw04.simple_rnn_params(input_dim, units) == count(keras.layers.SimpleRNN(units), sequence)
    assert hw04.lstm_params(input_dim, units) == count(keras.layers.LSTM(units), sequence)
    assert hw04.gru_params(input_dim, units) == count(keras.layers.GRU(units), sequence)
    assert hw04.gru_params(input_dim, units, reset_after=False) == count(
        keras.layers.GRU(units, reset_after=False), sequence)
    assert hw04.dense_params(input_dim, units) == count(keras.layers.Dense(units), (input_dim,))


@pytest.mark.parametrize("in_channels, filters, kernel", [(1, 1, 1), (14, 32, 5), (64, 16, 7)])
def test_conv1d_params_match_keras(keras, in_channels, filters, kernel):
    model = keras.Sequential([keras.Input((20, in_channels)), keras.layers.Conv1D(filters, kernel)])
    assert hw04.conv1d_params(in_channels, filters, kernel) == model.count_params()


def test_seed_example_simple_rnn_plus_dense():
    assert hw04.simple_rnn_params(28, 256) + hw04.dense_params(256, 10) == 75_530


# ------------------------------------------------------------------ Q5 data and pipeline


def test_shipped_csv_is_the_seeded_series():
    shipped = hw04.load_gas_data()
    assert tuple(shipped.columns) == hw04.GAS_COLUMNS and len(shipped) == 8760
    assert hw04.DATA_PATH.stat().st_size < 1_000_000
    regenerated = hw04.generate_gas_series(n_hours=8760, seed=4, start="2023-01-01")
    pd.testing.assert_frame_equal(shipped, regenerated, check_dtype=False)


def test_generated_series_depends_mostly_on_temperature():
    df = hw04.generate_gas_series(n_hours=8760, seed=11)
    corr = df[["temperature", "hour", "holiday", "consumption"]].corr()["consumption"]
    assert corr["temperature"] < -0.7
    # after removing the heating term, hour of day and holidays still matter
    heating = np.clip(18.0 - df["temperature"], 0.0, None)
    residual = df["consumption"] - np.polyval(np.polyfit(heating, df["consumption"], 1), heating)
    by_hour = residual.groupby(df["hour"]).mean()
    assert by_hour.max() - by_hour.min() > 0.05
    daytime = df["hour"].between(10, 20)
    assert residual[daytime & (df["holiday"] == 1)].mean() > residual[daytime & (df["holiday"] == 0)].mean() + 0.02
    assert not df.equals(hw04.generate_gas_series(n_hours=8760, seed=12))
    assert df.equals(hw04.generate_gas_series(n_hours=8760, seed=11))


def test_prepare_gas_data_shapes_and_order():
    df = hw04.load_gas_data()
    X_train, y_train, X_test, y_test, stats = hw04.prepare_gas_data(df)
    n_train, n_test = 7008, 1752  # round(8760 * 0.2) = 1752
    assert X_train.shape == (n_train - 24, 24, 3) and X_test.shape == (n_test - 24, 24, 3)
    assert y_train.shape == (n_train - 24,) and y_test.shape == (n_test - 24,)
    assert all(a.dtype == np.float64 for a in (X_train, y_train, X_test, y_test))
    consumption = df["consumption"].to_numpy()
    assert y_train[0] == consumption[24] and y_train[-1] == consumption[n_train - 1]
    assert y_test[0] == consumption[n_train + 24] and y_test[-1] == consumption[-1]
    raw = df[["temperature", "hour", "holiday"]].to_numpy(float)
    np.testing.assert_allclose(X_train[5], (raw[5:29] - stats["mean"]) / stats["std"])
    np.testing.assert_allclose(X_test[0], (raw[n_train:n_train + 24] - stats["mean"]) / stats["std"])


def test_prepare_gas_data_has_no_leakage():
    df = hw04.generate_gas_series(n_hours=24 * 60, seed=3)
    features = ["holiday", "temperature"]
    *_, stats = hw04.prepare_gas_data(df, window=12, test_fraction=0.25, features=features)
    train = df[features].to_numpy(float)[: len(df) - 360]
    np.testing.assert_allclose(stats["mean"], train.mean(axis=0))
    np.testing.assert_allclose(stats["std"], train.std(axis=0))  # ddof=0
    assert not np.allclose(stats["mean"], df[features].to_numpy(float).mean(axis=0))


def test_prepare_gas_data_constant_training_feature_is_only_centred():
    df = pd.DataFrame({"temperature": np.r_[np.full(30, 5.0), np.arange(10.0)],
                       "hour": np.arange(40) % 24, "holiday": 0, "consumption": np.arange(40.0)})
    X_train, _, X_test, _, stats = hw04.prepare_gas_data(df, window=4, test_fraction=0.25)
    assert stats["std"][0] == 1.0 and stats["std"][2] == 1.0
    assert np.all(np.isfinite(X_train)) and np.all(X_train[:, :, 0] == 0.0)
    np.testing.assert_allclose(X_test[0, :, 0], np.arange(4.0) - 5.0)


def test_prepare_gas_data_split_size_uses_round():
    assert hw04.split_sizes(8760, 0.2) == (7008, 1752)
    assert hw04.split_sizes(10, 0.3) == (7, 3)
    assert hw04.split_sizes(101, 0.25) == (76, 25)  # 25.25 rounds down


def test_prepare_gas_data_leaves_input_untouched_and_accepts_a_list():
    df = hw04.generate_gas_series(n_hours=200, seed=1)
    before = df.copy()
    as_tuple = hw04.prepare_gas_data(df, 10, 0.3, ("temperature", "hour"))
    as_list = hw04.prepare_gas_data(df, 10, 0.3, ["temperature", "hour"])
    pd.testing.assert_frame_equal(df, before)
    for a, b in zip(as_tuple[:4], as_list[:4]):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("kwargs", [{"window": 20, "test_fraction": 0.2}, {"window": 0},
                                    {"test_fraction": 0.0}, {"test_fraction": 1.0},
                                    {"window": 85, "test_fraction": 0.1}, {"window": 2.5}])
def test_prepare_gas_data_rejects_bad_arguments(kwargs):
    with pytest.raises(ValueError):
        hw04.prepare_gas_data(hw04.generate_gas_series(n_hours=100, seed=9), **kwargs)
