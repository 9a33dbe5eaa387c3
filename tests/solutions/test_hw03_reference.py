"""Cross-checks of solutions/hw03.py against the classic Jena generator and real Keras layers.

Hidden tests trust solutions.hw03 as the truth, so its windows are compared with a literal port
of the classic generator (both its ordered and its shuffled branch), its naive baseline with the
classic evaluate_naive_method, its standardization with scikit-learn, its receptive fields with
impulse responses of real Keras stacks, and its models with the Keras listings they come from.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # `solutions` is deliberately not an installed package

from solutions import hw03  # noqa: E402


@pytest.fixture(scope="module")
def keras():
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import keras  # a required dependency: a missing Keras fails these checks, never skips them

    return keras


# ------------------------------------------------------------------ the classic generator


def classic_generator(data, lookback, delay, min_index, max_index,
                      shuffle=False, batch_size=128, step=6):
    """Literal port of the generator of the classic Jena example (target column 1)."""
    if max_index is None:
        max_index = len(data) - delay - 1
    i = min_index + lookback
    while 1:
        if shuffle:
            rows = np.random.randint(min_index + lookback, max_index, size=batch_size)
        else:
            if i + batch_size >= max_index:
                i = min_index + lookback
            rows = np.arange(i, min(i + batch_size, max_index))
            i += len(rows)
        samples = np.zeros((len(rows), lookback // step, data.shape[-1]))
        targets = np.zeros((len(rows),))
        for j, row in enumerate(rows):
            indices = range(rows[j] - lookback, rows[j], step)
            samples[j] = data[indices]
            targets[j] = data[rows[j] + delay][1]
        yield samples, targets


def full_batches(n_samples: int, batch_size: int) -> int:
    """Batches the ordered generator yields before it wraps around (it drops the tail)."""
    return (n_samples - 1) // batch_size


@pytest.mark.parametrize("rows, lookback, delay, step, batch", [
    (300, 24, 12, 6, 16), (200, 30, 0, 3, 7), (157, 10, 5, 1, 32)])
def test_windows_equal_the_ordered_generator(rows, lookback, delay, step, batch):
    data = np.random.default_rng(rows).normal(size=(rows, 4))
    X, y = hw03.make_windows(data, lookback, delay, step, 1)
    assert len(X) == rows - delay - lookback
    generator = classic_generator(data, lookback, delay, 0, rows - delay, batch_size=batch,
                                  step=step)
    count = full_batches(len(X), batch)
    batches = [next(generator) for _ in range(count)]
    np.testing.assert_array_equal(np.concatenate([b[0] for b in batches]), X[:count * batch])
    np.testing.assert_array_equal(np.concatenate([b[1] for b in batches]), y[:count * batch])
    wrapped = next(generator)  # the generator starts over: our reading of its loop is right
    np.testing.assert_array_equal(wrapped[0], X[:batch])


def test_windows_cover_every_row_the_shuffled_generator_draws():
    """The shuffled branch draws i from [lookback, max_index): with max_index = len - delay
    these are exactly our samples, including the last one (i = len - delay - 1)."""
    rows, lookback, delay, step = 120, 18, 7, 3
    data = np.random.default_rng(5).normal(size=(rows, 3))
    X, y = hw03.make_windows(data, lookback, delay, step, 1)
    np.random.seed(11)
    drawn = np.random.randint(lookback, rows - delay, size=3000)
    np.random.seed(11)
    samples, targets = next(classic_generator(data, lookback, delay, 0, rows - delay,
                                              shuffle=True, batch_size=3000, step=step))
    np.testing.assert_array_equal(samples, X[drawn - lookback])
    np.testing.assert_array_equal(targets, y[drawn - lookback])
    assert set(drawn) == set(range(lookback, rows - delay))


def test_generator_default_max_index_drops_our_last_sample():
    rows, lookback, delay, step = 90, 12, 6, 6
    data = np.random.default_rng(2).normal(size=(rows, 2))
    X, _ = hw03.make_windows(data, lookback, delay, step, 1)
    np.random.seed(0)
    samples, _ = next(classic_generator(data, lookback, delay, 0, None, shuffle=True,
                                        batch_size=2000, step=step))
    assert len({s.tobytes() for s in samples}) == len(X) - 1


@pytest.mark.parametrize("lookback, step, target_col", [(7, 2, 0), (10, 4, 2), (5, 1, 1)])
def test_windows_with_ragged_lookback_follow_range(lookback, step, target_col):
    """When step does not divide lookback the generator crashes; we follow range() literally."""
    data = np.random.default_rng(lookback).normal(size=(40, 3))
    X, y = hw03.make_windows(data, lookback, 3, step, target_col)
    for k, i in enumerate(range(lookback, len(data) - 3)):
        np.testing.assert_array_equal(X[k], data[list(range(i - lookback, i, step))])
        assert y[k] == data[i + 3][target_col]


def test_windows_refuse_too_short_data():
    with pytest.raises(ValueError):
        hw03.make_windows(np.zeros((10, 2)), 8, 2, 1, 0)
    assert len(hw03.make_windows(np.zeros((11, 2)), 8, 2, 1, 0)[0]) == 1


def test_naive_mae_equals_classic_evaluate_naive_method():
    data = hw03.weather_values(hw03.load_weather())
    lookback, delay, step, batch = 720, 144, 6, 128
    n_samples = len(data) - delay - lookback
    count = full_batches(n_samples, batch)
    generator = classic_generator(data, lookback, delay, 0, len(data) - delay,
                                  batch_size=batch, step=step)
    batch_maes = []
    for _ in range(count):  # evaluate_naive_method, one equal-sized batch at a time
        samples, targets = next(generator)
        batch_maes.append(np.mean(np.abs(samples[:, -1, 1] - targets)))
    covered = data[:lookback + count * batch + delay]
    assert hw03.naive_forecast_mae(covered, lookback, delay, step, 1) == pytest.approx(
        np.mean(batch_maes), rel=1e-12)
    assert 1.0 < hw03.naive_forecast_mae(data, lookback, delay, step, 1) < 4.0  # degC, Jena-like


def test_standardize_matches_sklearn():
    from sklearn.preprocessing import StandardScaler

    data = np.random.default_rng(9).normal(4.0, 2.0, size=(60, 5))
    data[:25, 3] = -1.0
    scaled, mean, std = hw03.standardize(data, 25)
    scaler = StandardScaler().fit(data[:25])
    np.testing.assert_allclose(scaled, scaler.transform(data))
    np.testing.assert_allclose(mean, scaler.mean_)
    np.testing.assert_allclose(std, scaler.scale_)


def test_shipped_data_has_the_jena_layout():
    frame = hw03.load_weather()
    assert tuple(frame.columns) == hw03.WEATHER_COLUMNS
    assert frame.columns[hw03.TEMPERATURE_COL + 1] == "T (degC)"
    assert hw03.DATA_PATH.stat().st_size < 1_000_000
    times = frame["Date Time"].str.slice(11)
    assert list(times[:3]) == ["00:10:00", "00:20:00", "00:30:00"]


# ------------------------------------------------------------------ receptive field


def _keras_stack(keras, layers, length):
    """The described stack with every kernel weight 1 and no bias: outputs are non-negative
    sums / maxima of the input, so an impulse reaches exactly the outputs that see it."""
    model = keras.Sequential([keras.Input(shape=(length, 1))])
    for layer in layers:
        if layer["type"] == "conv1d":
            model.add(keras.layers.Conv1D(
                1, layer["kernel_size"], strides=layer.get("strides", 1),
                dilation_rate=layer.get("dilation_rate", 1), use_bias=False,
                kernel_initializer="ones"))
        else:
            model.add(keras.layers.MaxPooling1D(layer["pool_size"], strides=layer.get("strides")))
    return model


def _support(keras, layers, length, output_index):
    impulses = np.eye(length, dtype="float32")[:, :, None]  # batch item t: a 1 at step t only
    out = np.asarray(_keras_stack(keras, layers, length)(impulses))
    return np.flatnonzero(out[:, output_index, 0] > 0)


def conv(kernel, strides=1, dilation=1):
    return {"type": "conv1d", "kernel_size": kernel, "strides": strides, "dilation_rate": dilation}


def pool(size, strides=None):
    return {"type": "maxpool1d", "pool_size": size, "strides": strides}


STACKS = [
    [conv(3)], [conv(3), conv(3)], [conv(3), pool(2), conv(3)],
    [conv(5), pool(3), conv(5), pool(3), conv(5)],
    [conv(2, dilation=d) for d in (1, 2, 4, 8)],
    [conv(4, strides=2), pool(2), conv(3, dilation=3)],
    [conv(3, strides=3), conv(2), pool(3, strides=2), conv(4, dilation=2)],
    [pool(4, strides=1), conv(1), pool(2)],
]


@pytest.mark.parametrize("layers", STACKS, ids=range(len(STACKS)))
def test_receptive_field_matches_keras_impulse_response(keras, layers):
    field = hw03.receptive_field(layers)
    jump = int(np.prod([hw03._layer_geometry(layer)[1] for layer in layers]))
    length = field + 3 * jump + 5
    first, second = _support(keras, layers, length, 0), _support(keras, layers, length, 1)
    assert (first[0], first[-1]) == (0, field - 1)  # the span from first to last step seen
    np.testing.assert_array_equal(second, first + jump)
    if not any(layer.get("dilation_rate", 1) > 1 for layer in layers):
        np.testing.assert_array_equal(first, np.arange(field))  # no holes without dilation


def test_dilated_stack_can_leave_holes_inside_the_span(keras):
    """A dilated kernel after a stride skips steps: the field is the span, not the count."""
    layers = [conv(2, strides=2), conv(2, dilation=3)]
    assert hw03.receptive_field(layers) == 8
    np.testing.assert_array_equal(_support(keras, layers, 12, 0), [0, 1, 6, 7])
    wavenet = [conv(2, dilation=d) for d in (1, 2, 4, 8)]
    np.testing.assert_array_equal(_support(keras, wavenet, 20, 0), np.arange(16))


def test_receptive_field_of_the_classic_conv_base():
    assert hw03.receptive_field(STACKS[3]) == 61
    assert hw03.receptive_field([]) == 1
    with pytest.raises(ValueError):
        hw03.receptive_field([{"type": "dense"}])


# ------------------------------------------------------------------ the Keras models


def test_conv1d_model_is_the_classic_listing(keras):
    from autograder.grading.keras_tools import layer_summary, rebuild_model

    model = hw03.build_conv1d_model(14)
    names = [name for name, _ in layer_summary(model)]
    assert names == ["Conv1D", "MaxPooling1D", "Conv1D", "MaxPooling1D", "Conv1D",
                     "GlobalMaxPooling1D", "Dense"]
    assert model.count_params() == (14 * 5 * 32 + 32) + 2 * (32 * 5 * 32 + 32) + 33
    for length in (61, 240):
        assert hw03.output_shape_for_length(model, length, 14) == (2, 1)
    rebuilt = rebuild_model(model)
    assert hw03.model_difference(rebuilt, model) is None


def test_conv_gru_model_is_the_classic_listing(keras):
    from autograder.grading.keras_tools import rebuild_model

    model = hw03.build_conv_gru_model(14)
    gru = model.layers[3]
    assert (type(gru).__name__, gru.dropout, gru.recurrent_dropout) == ("GRU", 0.1, 0.5)
    conv_params = (14 * 5 * 32 + 32) + (32 * 5 * 32 + 32)
    gru_params = 3 * (32 * 32 + 32 * 32 + 2 * 32)  # reset_after=True: two biases per gate
    assert model.count_params() == conv_params + gru_params + 33
    for length in (17, 240):
        assert hw03.output_shape_for_length(model, length, 14) == (2, 1)
    assert hw03.model_difference(rebuild_model(model), model) is None


def test_model_difference_names_the_first_differing_layer(keras):
    layers = keras.layers
    reference = hw03.build_conv1d_model(5)
    flat = keras.Sequential([keras.Input(shape=(240, 5)), layers.Conv1D(32, 5, activation="relu"),
                             layers.MaxPooling1D(3), layers.Conv1D(32, 5, activation="relu"),
                             layers.MaxPooling1D(3), layers.Conv1D(32, 5, activation="relu"),
                             layers.Flatten(), layers.Dense(1)])
    assert "layer 6 is a Flatten" in hw03.model_difference(flat, reference)
    gru_ref = hw03.build_conv_gru_model(5)
    no_recurrent_dropout = keras.Sequential([
        keras.Input(shape=(None, 5)), layers.Conv1D(32, 5, activation="relu"),
        layers.MaxPooling1D(3), layers.Conv1D(32, 5, activation="relu"),
        layers.GRU(32, dropout=0.1), layers.Dense(1)])
    message = hw03.model_difference(no_recurrent_dropout, gru_ref)
    assert message.startswith("layer 4 (GRU)") and "recurrent_dropout" in message
    inputs = keras.Input(shape=(None, 5))  # the functional API builds the same model
    x = layers.Conv1D(32, 5, activation="relu")(inputs)
    x = layers.MaxPooling1D(3)(x)
    x = layers.Conv1D(32, 5, activation="relu")(x)
    x = layers.GRU(32, dropout=0.1, recurrent_dropout=0.5)(x)
    assert hw03.model_difference(keras.Model(inputs, layers.Dense(1)(x)), gru_ref) is None
    short = keras.Sequential([keras.Input(shape=(None, 5)),
                              layers.Conv1D(32, 5, activation="relu")])
    assert "1 layers" in hw03.model_difference(short, gru_ref)


def test_input_problem_wants_any_length(keras):
    layers = keras.layers
    assert hw03.input_problem(hw03.build_conv_gru_model(6), 6) is None
    fixed = keras.Sequential([keras.Input(shape=(120, 6)), layers.Conv1D(32, 5), layers.Dense(1)])
    assert "(None, None, 6)" in hw03.input_problem(fixed, 6)
    assert "(None, None, 4)" in hw03.input_problem(hw03.build_conv1d_model(6), 4)
    unbuilt = keras.Sequential([layers.Conv1D(32, 5), layers.Dense(1)])
    assert "no input shape" in hw03.input_problem(unbuilt, 6)
