"""Reference answers for homework 5 (Keras Tuner, VGG vs ResNet blocks, class activation maps).

Hidden tests import this module in the judge process. The functions named like the student's
are the reference answers (mutation testing changes them); the notebook's given helpers
(`declared_search_space`, `build_model_with`, `vgg_block_model`, `residual_block_model`,
`gradient_norm_from_data`, `grad_cam_from_data`) are repeated here with the same code, so a
mutant of an answer reaches the hidden tests the way a student's answer does. Judge-only helpers
(search, weight transfer, seeded models) live in solutions/hw05_judge.py. Keras, TensorFlow and
Keras Tuner are imported inside the functions. The cross-checks against real Keras live in
tests/solutions/test_hw05_reference.py.
"""

from __future__ import annotations

import math

import numpy as np

INPUT_SHAPE = (8, 8)
"""The digits' shape in the grader (scikit-learn's 8x8 digits); the notebook's data cell sets it."""
NUM_CLASSES = 10

# ------------------------------------------------------------------ Q1 hyperparameter search


def build_model(hp):
    """Flatten -> num_layers x (Dense(units_i, relu) -> Dropout(dropout)) -> Dense(10, softmax),
    Adam(learning_rate), sparse categorical cross-entropy."""
    import keras

    model = keras.Sequential([keras.Input(shape=INPUT_SHAPE), keras.layers.Flatten()])
    dropout = hp.Float("dropout", min_value=0.0, max_value=0.5)
    for i in range(hp.Int("num_layers", min_value=1, max_value=3)):
        model.add(keras.layers.Dense(hp.Int(f"units_{i}", min_value=32, max_value=256, step=32),
                                     activation="relu"))
        model.add(keras.layers.Dropout(dropout))
    model.add(keras.layers.Dense(NUM_CLASSES, activation="softmax"))
    rate = hp.Float("learning_rate", min_value=1e-4, max_value=1e-2, sampling="log")
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=rate),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def declared_search_space(values=None):
    """Given helper: build_model's space as plain data, `hp.get_config()`, with `values` preset
    (num_layers=3 declares every layer's units)."""
    import keras_tuner as kt

    hp = kt.HyperParameters()
    hp.values.update(values or {})
    build_model(hp)
    return hp.get_config()


def build_model_with(values):
    """Given helper: build_model's model for fixed hyperparameter values."""
    import keras_tuner as kt

    hp = kt.HyperParameters()
    hp.values.update(values)
    return build_model(hp)


def search_space_size(space):
    """Distinct configurations of a space given as `hp.get_config()`: the product of each
    hyperparameter's number of values; a Float without a step has infinitely many (math.inf)."""
    total = 1
    for entry in space["space"]:
        total *= _value_count(entry["class_name"], entry["config"])
    return total


def _value_count(kind, config):
    if kind == "Fixed":
        return 1
    if kind == "Boolean":
        return 2
    if kind == "Choice":
        return len(config["values"])
    step = config.get("step")
    if step is None:
        if kind == "Float":
            return math.inf
        step = 1
    low, high = config["min_value"], config["max_value"]
    if config.get("sampling", "linear") == "linear":
        return int((high - low) // step) + 1
    return int(math.log(high / low, step) + 1e-8) + 1


# ------------------------------------------------------------------ Q2 blocks


def vgg_block(x, filters, convs):
    """`convs` x Conv2D(filters, 3, same, relu), then MaxPooling2D(2, strides=2)."""
    from keras import layers

    for _ in range(convs):
        x = layers.Conv2D(filters, 3, padding="same", activation="relu")(x)
    return layers.MaxPooling2D(pool_size=2, strides=2)(x)


def residual_block(x, filters, stride=1):
    """He et al. (2015): conv3x3(stride)-BN-ReLU-conv3x3-BN, + shortcut, then ReLU. The shortcut
    is x itself when shapes match, else Conv2D(filters, 1, stride) + BN."""
    from keras import layers

    y = layers.Conv2D(filters, 3, strides=stride, padding="same")(x)
    y = layers.BatchNormalization()(y)
    y = layers.ReLU()(y)
    y = layers.Conv2D(filters, 3, padding="same")(y)
    y = layers.BatchNormalization()(y)
    shortcut = x
    if stride != 1 or x.shape[-1] != filters:
        shortcut = layers.Conv2D(filters, 1, strides=stride)(x)
        shortcut = layers.BatchNormalization()(shortcut)
    return layers.ReLU()(layers.Add()([y, shortcut]))


def vgg_block_model(input_shape, filters, convs):
    """Given helper: the block as a model of its own (it crosses to the grader as data)."""
    import keras

    inputs = keras.Input(shape=tuple(input_shape))
    return keras.Model(inputs, vgg_block(inputs, filters, convs))


def residual_block_model(input_shape, filters, stride=None):
    """Given helper: the block as a model; stride=None uses residual_block's default."""
    import keras

    inputs = keras.Input(shape=tuple(input_shape))
    if stride is None:
        return keras.Model(inputs, residual_block(inputs, filters))
    return keras.Model(inputs, residual_block(inputs, filters, stride))


# ------------------------------------------------------------------ Q3 parameter counts


def conv_bn_params(in_channels, filters, kernel):
    """Conv2D (kernel x kernel, with bias) + BatchNormalization: (trainable, non-trainable)."""
    conv = kernel * kernel * in_channels * filters + filters
    return conv + 2 * filters, 2 * filters


def vgg16_params(input_shape=(224, 224, 3), classes=1000):
    """{"total", "trainable", "non_trainable"} of keras.applications.VGG16(weights=None)."""
    height, width, channels = input_shape
    total = 0
    for filters, convs in ((64, 2), (128, 2), (256, 3), (512, 3), (512, 3)):
        for _ in range(convs):
            total += 9 * channels * filters + filters
            channels = filters
        height, width = height // 2, width // 2
    features = height * width * channels
    for units_in, units_out in ((features, 4096), (4096, 4096), (4096, classes)):
        total += units_in * units_out + units_out
    return {"total": total, "trainable": total, "non_trainable": 0}


def resnet50_params(input_channels=3, classes=1000):
    """{"total", "trainable", "non_trainable"} of keras.applications.ResNet50(weights=None)."""
    trainable, frozen = conv_bn_params(input_channels, 64, 7)
    channels = 64
    for filters, blocks in ((64, 3), (128, 4), (256, 6), (512, 3)):
        for block in range(blocks):
            parts = [(channels, filters, 1), (filters, filters, 3), (filters, 4 * filters, 1)]
            if block == 0:
                parts.append((channels, 4 * filters, 1))
            for in_channels, out_channels, kernel in parts:
                t, f = conv_bn_params(in_channels, out_channels, kernel)
                trainable, frozen = trainable + t, frozen + f
            channels = 4 * filters
    trainable += channels * classes + classes
    return {"total": trainable + frozen, "trainable": trainable, "non_trainable": frozen}


# ------------------------------------------------------------------ Q4 gradients


def first_layer_gradient_norm(model, x, y):
    """L2 norm of d(mean sparse categorical cross-entropy)/d(kernel of the first layer with a
    kernel), the model run with training=False."""
    import keras
    import tensorflow as tf

    kernel = next(layer.kernel for layer in model.layers if hasattr(layer, "kernel"))
    with tf.GradientTape() as tape:
        probabilities = model(np.asarray(x, dtype=np.float32), training=False)
        loss = keras.losses.sparse_categorical_crossentropy(np.asarray(y), probabilities)
        loss = tf.reduce_mean(loss)
    return float(tf.norm(tape.gradient(loss, kernel)))


def gradient_norm_from_data(config_json, weights, x, y):
    """Given helper: rebuilds the grader's model in the notebook and calls the answer."""
    import keras

    model = keras.models.model_from_json(config_json)
    model.set_weights(weights)
    return first_layer_gradient_norm(model, x, y)


# ------------------------------------------------------------------ Q5 CAM, Q6 Grad-CAM


def class_activation_map(feature_maps, dense_weights, class_index, size):
    """Zhou et al. (2016): sum_k w[k, c] * A_k, resized bilinearly (tf.image.resize) to `size`,
    then scaled to [0, 1] (a constant map becomes zeros)."""
    import tensorflow as tf

    maps = np.asarray(feature_maps, dtype=np.float32)
    cam = maps @ np.asarray(dense_weights, dtype=np.float32)[:, class_index]
    cam = tf.image.resize(cam[..., None], tuple(size), method="bilinear").numpy()[..., 0]
    return _unit_range(cam)


def _unit_range(cam):
    low, high = float(cam.min()), float(cam.max())
    if high - low <= 0:
        return np.zeros_like(cam)
    return (cam - low) / (high - low)


def grad_cam(model, image, layer_name, class_index):
    """Selvaraju et al. (2017): alpha_k = mean over positions of d(output[class])/dA_k;
    ReLU(sum_k alpha_k A_k) at the layer's resolution, divided by its maximum (zeros if 0)."""
    import keras
    import tensorflow as tf

    grad_model = keras.Model(model.input, [model.get_layer(layer_name).output, model.output])
    batch = np.asarray(image, dtype=np.float32)[None]
    with tf.GradientTape() as tape:
        activations, outputs = grad_model(batch, training=False)
        score = outputs[:, class_index]
    grads = tape.gradient(score, activations)[0].numpy()
    maps = activations[0].numpy()
    cam = np.maximum(maps @ grads.mean(axis=(0, 1)), 0.0)
    top = float(cam.max())
    return cam / top if top > 0 else np.zeros_like(cam)


def grad_cam_from_data(config_json, weights, image, layer_name, class_index):
    """Given helper: rebuilds the grader's model in the notebook and calls the answer."""
    import keras

    model = keras.models.model_from_json(config_json)
    model.set_weights(weights)
    return grad_cam(model, image, layer_name, class_index)
