"""Cross-checks of solutions/hw05.py and its judge helpers against real Keras and Keras Tuner.

Hidden tests trust solutions.hw05 as the truth, so its space counts are checked against Keras
Tuner's own value lists, its parameter counts against keras.applications, its blocks against
the same layers applied one by one, its gradient norm against the closed-form gradient of
softmax regression, and CAM and Grad-CAM against the identities that hold for a network ending
in global average pooling and one Dense layer. The judge helpers (space check, architecture
check, weight transfer, search) are checked on right and wrong models alike.
"""

from __future__ import annotations

import json
import math
import os
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # `solutions` is deliberately not an installed package

from solutions import hw05, hw05_judge  # noqa: E402


@pytest.fixture(scope="module")
def keras():
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import keras

    return keras


@pytest.fixture(scope="module")
def kt(keras):
    import keras_tuner

    return keras_tuner


# ------------------------------------------------------------------ Q1 / Q2 search space


def test_reference_space_is_the_one_the_judge_asks_for(kt):
    assert hw05_judge.space_problem(hw05.declared_search_space({"num_layers": 3})) is None
    fresh = hw05.declared_search_space()
    assert {e["config"]["name"] for e in fresh["space"]} == {"num_layers", "units_0", "dropout",
                                                              "learning_rate"}


def test_space_check_names_a_wrong_space(kt):
    hp = kt.HyperParameters()
    hp.Int("num_layers", 1, 3)
    for i in range(3):
        hp.Int(f"units_{i}", 32, 256, step=32)
    hp.Float("dropout", 0.0, 0.5)
    hp.Float("learning_rate", 1e-4, 1e-2)  # linear, not log
    assert "sampling" in hw05_judge.space_problem(hp.get_config())
    hp = kt.HyperParameters()
    hp.Int("num_layers", 1, 3)
    assert "units_0" in hw05_judge.space_problem(hp.get_config())


def _keras_tuner_count(hp) -> float:
    total = 1
    for param in hp.space:
        if type(param).__name__ == "Float" and param.step is None:
            return math.inf
        total *= len(list(param.values))
    return total


@pytest.mark.parametrize("declare", [
    lambda hp: (hp.Int("a", 1, 3), hp.Choice("b", ["x", "y", "z"])),
    lambda hp: (hp.Int("a", 0, 97, step=7), hp.Boolean("b"), hp.Fixed("c", 4)),
    lambda hp: (hp.Int("a", 32, 512, step=2, sampling="log"),
                hp.Int("b", 3, 250, step=3, sampling="log")),
    lambda hp: (hp.Float("a", 1e-4, 1e-1, step=10, sampling="log"),
                hp.Float("b", 0.5, 2.375, step=0.125)),
    lambda hp: (hp.Float("a", 0.0, 1.0, step=0.25), hp.Int("b", 2, 9)),
    lambda hp: (hp.Int("a", 1, 3), hp.Float("b", 0.0, 0.5)),
])
def test_search_space_size_counts_as_keras_tuner(kt, declare):
    hp = kt.HyperParameters()
    declare(hp)
    assert hw05.search_space_size(hp.get_config()) == _keras_tuner_count(hp)


def test_architecture_check_accepts_the_reference_and_names_mistakes(keras):
    from autograder.grading.keras_tools import as_model_data, rebuild_model

    for values in hw05_judge.judge_values(41):
        raw = hw05.build_model_with(values)
        config = json.loads(as_model_data(raw).config_json)["compile_config"]
        model = rebuild_model(raw)
        assert float(model.optimizer.learning_rate) == pytest.approx(values["learning_rate"])
        assert hw05_judge.architecture_problem(model, config, values) is None
        wrong_rate = dict(values, learning_rate=values["learning_rate"] * 2)
        assert "learning rate" in hw05_judge.architecture_problem(model, config, wrong_rate)
        wrong_units = dict(values, units_0=values["units_0"] + 32)
        assert "units" in hw05_judge.architecture_problem(model, config, wrong_units)
    assert "compile" in hw05_judge.compile_problem(None, values)


@pytest.mark.slow
def test_judge_search_is_seeded_and_finds_a_good_model(kt):
    first = hw05_judge.judge_random_search(hw05.build_model_with, seed=11)
    again = hw05_judge.judge_random_search(hw05.build_model_with, seed=11)
    assert first == again and first >= 0.75


@pytest.mark.slow
def test_judge_search_in_worker_processes_is_reproducible_reused_and_bounded(kt):
    """A regrade (new worker processes) gives the same accuracy; the same architecture under
    other layer names is searched once; an overrun fails with a message, not a hang."""
    from autograder.errors import JudgeTimeout
    from autograder.grading.judge_work import JudgeWorkers, judge_work_for
    from autograder.grading.keras_tools import as_model_data

    def renamed(values):  # the reference's model under other layer names (another notebook)
        data = as_model_data(hw05.build_model_with(values))
        config = data.config_json
        for name in ("dense", "dropout", "flatten"):
            config = config.replace(f'"{name}', f'"my_{name}')
        return type(data)(config, data.weights)

    answers = []
    for _ in range(2):
        workers = JudgeWorkers(workers=1, timeout=120)
        try:
            with judge_work_for(workers):
                answers.append(hw05_judge.judge_random_search(hw05.build_model_with, seed=11))
                assert hw05_judge.judge_random_search(renamed, seed=11) == answers[-1]
            assert (workers.computed, workers.reused) == (1, 1)
        finally:
            workers.close()
    assert answers[0] == answers[1] and answers[0] >= 0.75
    workers = JudgeWorkers(workers=1, timeout=1)
    try:
        with judge_work_for(workers), pytest.raises(JudgeTimeout, match="RandomSearch"):
            hw05_judge.judge_random_search(hw05.build_model_with, seed=12)
    finally:
        workers.close()


# ------------------------------------------------------------------ Q3 blocks


def _apply(layers, x):
    for layer in layers:
        x = layer(x, training=False) if "Batch" in type(layer).__name__ else layer(x)
    return np.asarray(x)


@pytest.mark.parametrize("shape, filters, stride", [((8, 8, 6), 6, 1), ((9, 9, 4), 6, 2),
                                                     ((8, 8, 4), 6, 1)])
def test_residual_block_is_he_et_al_post_activation(keras, shape, filters, stride):
    model = hw05.residual_block_model(shape, filters, stride)
    hw05_judge.randomize(model, seed=1)
    x = np.random.default_rng(2).normal(size=(2, *shape)).astype("float32")
    roles = hw05_judge.block_roles(model)
    conv1, conv2 = roles["convs"]
    main = _apply([conv1, roles["bn"][conv1.name], keras.layers.ReLU(), conv2,
                   roles["bn"][conv2.name]], x)
    shortcut = x if roles["proj"] is None else _apply([roles["proj"],
                                                       roles["bn"][roles["proj"].name]], x)
    assert (roles["proj"] is None) == (stride == 1 and shape[-1] == filters)
    np.testing.assert_allclose(np.asarray(model(x, training=False)),
                               np.maximum(main + shortcut, 0), rtol=1e-5, atol=1e-5)


def test_vgg_block_is_convs_then_pooling(keras):
    model = hw05.vgg_block_model((9, 7, 2), 5, 2)
    hw05_judge.randomize(model, seed=3)
    x = np.random.default_rng(4).normal(size=(2, 9, 7, 2)).astype("float32")
    convs = [layer for layer in model.layers if type(layer).__name__ == "Conv2D"]
    expected = _apply(convs + [keras.layers.MaxPooling2D(2)], x)
    assert model.output_shape == (None, 4, 3, 5)
    np.testing.assert_allclose(np.asarray(model(x)), expected, rtol=1e-5, atol=1e-5)


def _pre_activation_block(keras, shape, filters):
    from keras import layers

    inputs = keras.Input(shape)
    y = layers.Conv2D(filters, 3, padding="same")(inputs)
    y = layers.ReLU()(layers.BatchNormalization()(y))
    y = layers.ReLU()(layers.BatchNormalization()(layers.Conv2D(filters, 3, padding="same")(y)))
    return keras.Model(inputs, layers.ReLU()(layers.Add()([y, inputs])))


def test_weight_transfer_tells_right_from_wrong_blocks(keras):
    x = np.random.default_rng(5).normal(size=(2, 6, 6, 4)).astype("float32")
    reference = hw05.residual_block_model((6, 6, 4), 4, 1)
    hw05_judge.randomize(reference, seed=6)
    same = hw05.residual_block_model((6, 6, 4), 4, 1)
    hw05_judge.move_weights(reference, same)
    np.testing.assert_allclose(np.asarray(same(x, training=False)),
                               np.asarray(reference(x, training=False)), atol=1e-6)
    wrong = _pre_activation_block(keras, (6, 6, 4), 4)
    hw05_judge.move_weights(reference, wrong)
    assert not np.allclose(np.asarray(wrong(x, training=False)),
                           np.asarray(reference(x, training=False)), atol=1e-3)
    with pytest.raises(AssertionError, match="projection"):
        hw05_judge.move_weights(hw05.residual_block_model((6, 6, 4), 4, 2), same)


# ------------------------------------------------------------------ Q4 counts


def _counts(model) -> dict:
    trainable = sum(int(np.prod(w.shape)) for w in model.trainable_weights)
    frozen = sum(int(np.prod(w.shape)) for w in model.non_trainable_weights)
    return {"total": trainable + frozen, "trainable": trainable, "non_trainable": frozen}


@pytest.mark.slow
@pytest.mark.parametrize("shape, classes", [((224, 224, 3), 1000), ((64, 48, 1), 7),
                                            ((100, 75, 3), 2)])
def test_vgg16_counts_match_keras_applications(keras, shape, classes):
    model = keras.applications.VGG16(weights=None, input_shape=shape, classes=classes)
    assert hw05.vgg16_params(shape, classes) == _counts(model)


@pytest.mark.slow
@pytest.mark.parametrize("channels, classes", [(3, 1000), (1, 5)])
def test_resnet50_counts_match_keras_applications(keras, channels, classes):
    model = keras.applications.ResNet50(weights=None, input_shape=(64, 64, channels),
                                        classes=classes)
    assert hw05.resnet50_params(channels, classes) == _counts(model)


def test_stated_totals():
    assert hw05.vgg16_params()["total"] == 138_357_544
    assert hw05.resnet50_params() == {"total": 25_636_712, "trainable": 25_583_592,
                                      "non_trainable": 53_120}


# ------------------------------------------------------------------ Q5 gradient norm


def test_gradient_norm_is_softmax_regressions_closed_form(keras):
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(3, activation="softmax")])
    rng = np.random.default_rng(1)
    x, y = rng.normal(size=(8, 5)).astype("float32"), rng.integers(0, 3, size=8)
    kernel, bias = model.get_weights()
    logits = x @ kernel + bias
    p = np.exp(logits - logits.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    gradient = x.T @ (p - np.eye(3)[y]) / len(y)
    assert hw05.first_layer_gradient_norm(model, x, y) == pytest.approx(
        float(np.linalg.norm(gradient)), rel=1e-4)


# ------------------------------------------------------------------ Q6 / Q7 maps


def _gap_network(keras, activation):
    keras.utils.set_random_seed(2)
    inputs = keras.Input((7, 6, 2))
    maps = keras.layers.Conv2D(5, 3, padding="same", activation="relu", name="maps")(inputs)
    pooled = keras.layers.GlobalAveragePooling2D()(maps)
    return keras.Model(inputs, keras.layers.Dense(4, activation=activation)(pooled))


def test_cam_averages_to_the_class_logit(keras):
    model = _gap_network(keras, None)
    image = np.random.default_rng(3).random((1, 7, 6, 2)).astype("float32")
    maps = np.asarray(keras.Model(model.inputs, model.get_layer("maps").output)(image))[0]
    kernel, bias = model.layers[-1].get_weights()
    logits = np.asarray(model(image))[0]
    for c in range(4):
        raw = maps @ kernel[:, c]
        assert raw.mean() + bias[c] == pytest.approx(logits[c], rel=1e-4, abs=1e-5)
        expected = (raw - raw.min()) / (raw.max() - raw.min())
        np.testing.assert_allclose(hw05.class_activation_map(maps, kernel, c, (7, 6)),
                                   expected, atol=1e-5)
    resized = hw05.class_activation_map(maps, kernel, 1, (14, 12))
    assert resized.shape == (14, 12) and resized.min() == 0 and resized.max() == 1


def test_grad_cam_of_a_linear_gap_network_is_the_clipped_cam(keras):
    model = _gap_network(keras, None)
    image = np.random.default_rng(4).random((7, 6, 2)).astype("float32")
    maps = np.asarray(keras.Model(model.inputs, model.get_layer("maps").output)(image[None]))[0]
    kernel = model.layers[-1].get_weights()[0]
    for c in range(4):
        cam = np.maximum(maps @ kernel[:, c], 0)
        expected = cam / cam.max() if cam.max() > 0 else cam
        np.testing.assert_allclose(hw05.grad_cam(model, image, "maps", c), expected, atol=1e-5)


# ------------------------------------------------------------------ data


def test_lesion_generator_is_seeded_and_balanced():
    sys.path.insert(0, str(ROOT / "assignments" / "hw05"))
    import make_lesion_images as generator

    images, labels = generator.make_images(count=40, size=24, seed=1)
    again, _ = generator.make_images(count=40, size=24, seed=1)
    assert images.shape == (40, 24, 24, 1) and images.dtype == np.uint8
    assert np.array_equal(images, again) and labels.sum() == 20
    with np.load(generator.PATH) as shipped:
        assert np.array_equal(shipped["images"], generator.make_images()[0])
    peaks = images.reshape(40, -1).max(axis=1)
    assert peaks[labels == 1].mean() > peaks[labels == 0].mean()


def test_space_config_is_what_keras_tuner_writes(kt):
    hp = kt.HyperParameters()
    hw05_judge.declare_space(hp)
    written = hp.get_config()["space"]
    plain = hw05_judge.space_config()["space"]
    assert [e["config"]["name"] for e in written] == [e["config"]["name"] for e in plain]
    for ours, theirs in zip(plain, written):
        assert ours["class_name"] == theirs["class_name"]
        for key in ("min_value", "max_value", "step", "sampling"):
            assert ours["config"][key] == theirs["config"][key]
    assert hw05_judge.space_problem(hw05_judge.space_config()) is None


def test_architecture_check_accepts_relu_as_its_own_layer(keras):
    values = {"num_layers": 2, "units_0": 64, "units_1": 96, "dropout": 0.1,
              "learning_rate": 1e-3}
    layers = [keras.Input((8, 8)), keras.layers.Flatten()]
    for units, relu in ((64, keras.layers.ReLU()), (96, keras.layers.Activation("relu"))):
        layers += [keras.layers.Dense(units), relu, keras.layers.Dropout(0.1)]
    model = keras.Sequential(layers + [keras.layers.Dense(10, activation="softmax")])
    config = {"loss": "sparse_categorical_crossentropy",
              "optimizer": {"config": {"learning_rate": 1e-3}}}
    assert hw05_judge.architecture_problem(model, config, values) is None
    linear = keras.Sequential([keras.Input((8, 8)), keras.layers.Flatten(),
                               keras.layers.Dense(64), keras.layers.Dropout(0.1),
                               keras.layers.Dense(10, activation="softmax")])
    assert "relu" in hw05_judge.architecture_problem(linear, config, dict(values, num_layers=1))


def test_judge_nets_depend_on_their_seed_only(keras, monkeypatch):
    """The weights the judge sends do not depend on the process-wide seed state that every
    layer any judge thread builds draws on (here: another thread drawing between the judge's
    seeding and its layers' initializers, as Python's `random` seen by Keras)."""
    import itertools
    import random

    first = hw05_judge.small_net("resnet", seed=3).get_weights()
    draws = itertools.count(12345)
    monkeypatch.setattr(random, "randint", lambda low, high: next(draws))
    again = hw05_judge.small_net("resnet", seed=3).get_weights()
    other = hw05_judge.small_net("resnet", seed=4).get_weights()
    assert all(np.array_equal(a, b) for a, b in zip(first, again, strict=True))
    assert not all(np.array_equal(a, b) for a, b in zip(first, other, strict=True))
