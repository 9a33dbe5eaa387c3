"""Reference answers and judge-side helpers for homework 1 (first steps with recurrent networks).

Hidden tests import this module in the judge process. The shape and parameter-count answers are
pure Python; the model helpers import Keras lazily (only the tests that grade models pay for it).
Every model a hidden test inspects was rebuilt judge-side with
`autograder.grading.keras_tools.rebuild_model`; the helpers here only read its layers and run it, and the
training helper trains a fresh clone (new weights) with an optimizer and data chosen here.

The Keras cross-checks of this module live in tests/solutions/test_hw01_reference.py.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np

MNIST_ENV = "HW01_MNIST_PATH"
RECURRENT_TYPES = ("SimpleRNN", "LSTM", "GRU", "RNN", "Bidirectional", "ConvLSTM1D", "ConvLSTM2D",
                   "ConvLSTM3D")
CONV_TYPES = ("Conv2D", "SeparableConv2D", "DepthwiseConv2D", "Conv1D", "Conv3D")
ACTIVATION_LAYERS = ("ReLU", "LeakyReLU", "ELU", "PReLU")
MAX_JUDGE_PARAMS = 400_000
"""Largest model the hidden tests rebuild (and train): trains in a few seconds on the digits."""

# ------------------------------------------------------------------ Q1 output shapes


def simple_rnn_output_shapes(batch, timesteps, features, units, return_sequences=False,
                             return_state=False):
    """Shape(s) of `SimpleRNN(units, ...)` on inputs (batch, timesteps, features).

    One tuple without return_state; otherwise the pair (output shape, final state shape).
    `features` does not appear in any output: the kernel maps it to `units`.
    """
    output = (batch, timesteps, units) if return_sequences else (batch, units)
    if not return_state:
        return output
    return output, (batch, units)


# ------------------------------------------------------------------ Q3 parameter counts


def simple_rnn_param_count(input_dim, units):
    """kernel (input_dim, units) + recurrent_kernel (units, units) + bias (units,)."""
    return units * input_dim + units * units + units


def dense_param_count(input_dim, units):
    """kernel (input_dim, units) + bias (units,)."""
    return input_dim * units + units


def rnn_classifier_param_count(input_dim, units, num_classes):
    """SimpleRNN(units) -> Dense(num_classes) -> softmax (the activation has no parameters)."""
    return simple_rnn_param_count(input_dim, units) + dense_param_count(units, num_classes)


# ------------------------------------------------------------------ Q2 data


def load_digits_data(test_fraction=0.25, seed=0, mnist_path=None):
    """((x_train, y_train), (x_test, y_test)) with images in [0, 1], shape (n, rows, cols).

    MNIST (28 x 28) when a local copy exists (mnist_path, $HW01_MNIST_PATH or Keras's cache
    ~/.keras/datasets/mnist.npz); otherwise scikit-learn's bundled 8 x 8 digits, split with a
    seeded shuffle. Never downloads.
    """
    for candidate in _mnist_candidates(mnist_path):
        if candidate.is_file():
            with np.load(candidate) as data:
                images = [data[k].astype(np.float32) / 255.0 for k in ("x_train", "x_test")]
                labels = [data[k].astype(np.int64) for k in ("y_train", "y_test")]
            return (images[0], labels[0]), (images[1], labels[1])
    return sklearn_digits_split(test_fraction=test_fraction, seed=seed)


def _mnist_candidates(mnist_path):
    paths = [mnist_path, os.environ.get(MNIST_ENV)]
    paths = [Path(p) for p in paths if p]
    return paths + [Path.home() / ".keras" / "datasets" / "mnist.npz"]


def sklearn_digits_split(test_fraction=0.25, seed=0):
    """scikit-learn's 1,797 digits as (n, 8, 8) float32 images in [0, 1], shuffled and split."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    images = (digits.images / 16.0).astype(np.float32)
    labels = digits.target.astype(np.int64)
    order = np.random.default_rng(seed).permutation(len(labels))
    cut = int(round(len(labels) * (1.0 - test_fraction)))
    train, test = order[:cut], order[cut:]
    return (images[train], labels[train]), (images[test], labels[test])


# ------------------------------------------------------------------ Q2 reference models


def build_mlp(input_shape, num_classes):
    import keras

    return keras.Sequential([
        keras.Input(tuple(input_shape)),
        keras.layers.Flatten(),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(num_classes, activation="softmax"),
    ])


def build_simple_rnn(input_shape, num_classes, units=64):
    """One image row per time step: (rows, cols) = (timesteps, features)."""
    import keras

    return keras.Sequential([
        keras.Input(tuple(input_shape)),
        keras.layers.SimpleRNN(units),
        keras.layers.Dense(num_classes),
        keras.layers.Activation("softmax"),
    ])


# ------------------------------------------------------------------ Q4 reference model


def build_video_classifier(frames, height, width, channels, num_classes):
    """A small CNN on every frame (TimeDistributed), an LSTM over the frames, a softmax."""
    import keras
    from keras import layers

    frame_cnn = keras.Sequential([
        keras.Input((height, width, channels)),
        layers.Conv2D(8, 3, padding="same", activation="relu"),
        layers.MaxPooling2D(2),
        layers.Conv2D(16, 3, padding="same", activation="relu"),
        layers.GlobalAveragePooling2D(),
    ], name="frame_cnn")
    return keras.Sequential([
        keras.Input((frames, height, width, channels)),
        layers.TimeDistributed(frame_cnn),
        layers.LSTM(16),
        layers.Dense(num_classes, activation="softmax"),
    ])


# ------------------------------------------------------------------ judge helpers: structure


def layer_type(layer) -> str:
    return type(layer).__name__


def input_shape_of(layer):
    """The shape a (top-level) layer reads, or None when Keras cannot say (shared layers)."""
    try:
        tensor = layer.input
    except (AttributeError, ValueError):
        return None
    if isinstance(tensor, (list, tuple)):
        if len(tensor) != 1:
            return None
        tensor = tensor[0]
    return tuple(tensor.shape)


def main_layers(model) -> list:
    """The model's own layers, without its InputLayer(s)."""
    return [layer for layer in model.layers if layer_type(layer) != "InputLayer"]


def contains_conv(layer) -> bool:
    """A convolution, or a model (nested to any depth) holding one."""
    if layer_type(layer) in CONV_TYPES:
        return True
    return any(contains_conv(inner) for inner in getattr(layer, "layers", []) or [])


def is_recurrent(layer) -> bool:
    return layer_type(layer) in RECURRENT_TYPES


def class_probabilities(model, input_shape, seed, batch=4) -> np.ndarray:
    """The model's output on seeded uniform random inputs of shape (batch, *input_shape).

    Computed from the model's config and weights in a judge worker process while the autograder
    grades (building a Keras model and running it is heavy, GIL-bound Python), here otherwise."""
    from autograder.grading.judge_work import offload

    arguments = {"config_json": model.to_json(),
                 "weights": [np.asarray(w) for w in model.get_weights()],
                 "input_shape": [int(n) for n in input_shape], "seed": int(seed),
                 "batch": int(batch)}
    return offload(probabilities_of, arguments=arguments, what="running your model")


def probabilities_of(config_json, weights, input_shape, seed, batch):
    """`class_probabilities`'s work, from plain data: the config, the weights, the inputs' shape."""
    import keras

    model = keras.models.model_from_json(config_json)
    model.set_weights(weights)
    x = np.random.default_rng(seed).random((batch, *input_shape)).astype(np.float32)
    try:
        return np.asarray(model(x, training=False), dtype=np.float64)
    except Exception as exc:  # Keras raises many types for incompatible inputs
        raise AssertionError(
            f"the model could not run on inputs of shape {(batch, *input_shape)} "
            f"({str(exc)[:200]}); build keras.Input from the function's arguments, not from "
            "fixed numbers") from None


def probability_problem(probabilities, batch, num_classes):
    """None if `probabilities` is a (batch, num_classes) softmax output, else a hint."""
    if probabilities.shape != (batch, num_classes):
        return (f"for {batch} inputs and {num_classes} classes the model must output shape "
                f"({batch}, {num_classes}), not {probabilities.shape}")
    if not np.all(np.isfinite(probabilities)) or probabilities.min() < -1e-6:
        return "the outputs must be probabilities (non-negative): end with a softmax"
    if not np.allclose(probabilities.sum(axis=1), 1.0, atol=1e-4):
        return ("each row of the outputs must sum to 1 (one probability per class): end with a "
                "Dense layer with a softmax activation, not sigmoid or a linear output")
    return None


def mlp_problem(model, input_shape):
    """None if `model` is an MLP (no recurrence, a hidden non-linear Dense layer), else a hint."""
    layers = main_layers(model)
    recurrent = [layer_type(layer) for layer in layers if is_recurrent(layer)]
    if recurrent:
        return f"an MLP has no recurrent layers, but this model has {', '.join(recurrent)}"
    if any(contains_conv(layer) for layer in layers):
        return "an MLP uses Dense layers only; remove the convolution"
    if tuple(model.inputs[0].shape[1:]) != tuple(input_shape):
        return f"the model must take inputs of shape {tuple(input_shape)} (then Flatten them)"
    if not _has_hidden_nonlinearity(layers):
        return ("the model has no hidden Dense layer with a non-linear activation (for example "
                "relu), so it is only a linear classifier, not an MLP")
    return None


def _has_hidden_nonlinearity(layers) -> bool:
    dense_positions = [i for i, layer in enumerate(layers) if layer_type(layer) == "Dense"]
    if len(dense_positions) < 2:
        return False
    for i, layer in enumerate(layers[:dense_positions[-1]]):
        kind = layer_type(layer)
        activation = str(layer.get_config().get("activation", "linear"))
        if kind in ACTIVATION_LAYERS or (kind in ("Dense", "Activation")
                                         and activation not in ("linear", "None")):
            if i > dense_positions[0] or kind == "Dense":
                return True
    return False


def simple_rnn_problem(model, input_shape):
    """None if a SimpleRNN reads the image one row per step (rows, cols), else a hint."""
    rows, cols = tuple(input_shape)
    if tuple(model.inputs[0].shape[1:]) != (rows, cols):
        return f"the model must take the images as they are, shape ({rows}, {cols})"
    rnn_layers = [layer for layer in main_layers(model) if layer_type(layer) == "SimpleRNN"]
    if not rnn_layers:
        return "the model needs a keras.layers.SimpleRNN layer (directly in the model)"
    reads = input_shape_of(rnn_layers[0])
    if reads is None or tuple(reads[1:]) != (rows, cols):
        return (f"the first SimpleRNN must read {rows} time steps of {cols} features (one image "
                f"row per step) for input_shape=({rows}, {cols}); it reads {reads}")
    return None


def video_problem(model, frames, height, width, channels):
    """None if the model runs a CNN per frame (TimeDistributed) before an LSTM/GRU, else a hint."""
    expected = (frames, height, width, channels)
    got = tuple(model.inputs[0].shape[1:])
    if len(got) != 4 or got[0] not in (frames, None) or got[1:] != expected[1:]:
        return (f"the model must take inputs of shape (batch, {frames}, {height}, {width}, "
                f"{channels})")
    layers = main_layers(model)
    per_frame = [i for i, layer in enumerate(layers)
                 if layer_type(layer) == "TimeDistributed" and contains_conv(layer.layer)]
    if not per_frame:
        return ("no TimeDistributed layer wraps a convolution: apply the CNN to every frame with "
                "TimeDistributed(Conv2D(...)) or TimeDistributed(a small CNN model)")
    recurrent = [i for i, layer in enumerate(layers) if _reads_frames(layer, frames)]
    if not recurrent:
        return ("the model needs an LSTM or GRU layer that reads the frames as its time steps, "
                f"input shape (batch, {frames}, features)")
    if max(recurrent) < min(per_frame):
        return "the per-frame CNN (TimeDistributed) must come before the LSTM/GRU, not after it"
    return None


def _reads_frames(layer, frames) -> bool:
    kind = layer_type(layer)
    if kind == "Bidirectional":
        kind = layer_type(layer.forward_layer)
    if kind not in ("LSTM", "GRU"):
        return False
    shape = input_shape_of(layer)
    return shape is not None and len(shape) == 3 and shape[1] in (frames, None)


# ------------------------------------------------------------------ judge helpers: training


def train_and_score(model, seed, epochs=12, batch_size=32, learning_rate=3e-3):
    """Test accuracy of a fresh copy of `model` trained on scikit-learn's digits (seeded).

    The copy is built from the model's config with new weights, so what the student's notebook
    trained does not matter; the optimizer, loss, data and epochs are the judge's. The training
    runs in a judge worker process while the autograder grades (in this process otherwise), and
    an identical architecture trained with the same seed is trained once per grading run.
    """
    from autograder.grading.judge_work import offload
    from autograder.grading.keras_tools import architecture_key

    config_json = model.to_json()
    settings = {"seed": int(seed), "epochs": int(epochs), "batch_size": int(batch_size),
                "learning_rate": float(learning_rate)}
    key = architecture_key(config_json) + json.dumps(settings, sort_keys=True)
    return offload(train_config_and_score, arguments={"config_json": config_json, **settings},
                   what="training your model", key=key)


def train_config_and_score(config_json, seed, epochs, batch_size, learning_rate):
    """`train_and_score`'s work, from plain data: a model config (JSON) and the settings.

    Initial weights and the order of the training samples come from a generator seeded here,
    and Keras's own seeds (Dropout, initializers of vectors) are set first, so the same config
    and seed give the same accuracy in any process. The batches are fed with `train_on_batch`
    (the same batches, in the same order, as `fit(..., shuffle=False)`): `fit` would hand them
    over through tf.data's own threads, which costs time alone and more when two judge workers
    train side by side."""
    import keras

    (x_train, y_train), (x_test, y_test) = sklearn_digits_split(seed=seed)
    rng = np.random.default_rng(seed)
    keras.utils.set_random_seed(seed)
    fresh = keras.models.model_from_json(config_json)
    fresh.set_weights([_initial_weight(w, rng) for w in fresh.get_weights()])
    fresh.compile(optimizer=keras.optimizers.Adam(learning_rate),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    for _ in range(epochs):  # the batches `fit(..., shuffle=False)` would make, in this thread
        order = rng.permutation(len(y_train))
        x_epoch, y_epoch = x_train[order], y_train[order]
        for start in range(0, len(y_epoch), batch_size):
            fresh.train_on_batch(x_epoch[start:start + batch_size],
                                 y_epoch[start:start + batch_size])
    predictions = np.argmax(np.asarray(fresh(x_test, training=False)), axis=1)
    return float(np.mean(predictions == y_test))


def _initial_weight(current, rng):
    """Glorot-uniform kernels from `rng`; vectors (biases, batch-norm statistics) keep their
    constant initial values, which involve no randomness."""
    if current.ndim < 2:
        return current
    receptive = int(np.prod(current.shape[:-2])) if current.ndim > 2 else 1
    fan_in, fan_out = current.shape[-2] * receptive, current.shape[-1] * receptive
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, size=current.shape).astype(current.dtype)
