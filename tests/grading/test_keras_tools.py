"""Judge-side rebuilding of student Keras models (autograder.grading.keras_tools)."""

from __future__ import annotations

import json
import os

import numpy as np
import pytest

from autograder.protocol.codec import CodecError, KerasModelData, decode, encode
from autograder.errors import ModelRebuildError
from autograder.grading.keras_tools import layer_summary, rebuild_model

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
import keras  # noqa: E402  (required: fails, never skips, without it)
L = keras.layers


def _small_model():
    keras.utils.set_random_seed(3)
    return keras.Sequential([keras.Input((None, 4)), L.Conv1D(6, 3, activation="relu"),
                             L.GRU(5), L.Dense(2, activation="softmax")])


def test_rebuilt_model_from_plain_data_predicts_like_the_original():
    model = _small_model()
    data = decode(encode(model))  # what crosses the wire from the sandbox
    assert isinstance(data, KerasModelData)
    rebuilt = rebuild_model(data)
    assert rebuilt is not model
    x = np.random.default_rng(0).normal(size=(3, 9, 4)).astype("float32")
    np.testing.assert_allclose(rebuilt.predict(x, verbose=0), model.predict(x, verbose=0),
                               rtol=1e-5, atol=1e-6)
    assert [name for name, _ in layer_summary(rebuilt)] == ["Conv1D", "GRU", "Dense"]
    assert layer_summary(rebuilt)[1][1]["units"] == 5


def test_a_live_model_is_round_tripped_too():
    model = _small_model()
    assert rebuild_model(model).count_params() == model.count_params()


def test_lambda_layers_are_refused_in_safe_mode():
    model = keras.Sequential([keras.Input((3,)), L.Lambda(lambda t: t * 2), L.Dense(1)])
    with pytest.raises(ModelRebuildError, match="could not be rebuilt safely"):
        rebuild_model(decode(encode(model)))


def test_a_model_asking_for_billions_of_parameters_is_refused_before_it_is_built():
    small = keras.Sequential([keras.Input((20,)), L.Dense(20), L.Dense(10)])
    text = small.to_json().replace("[null, 20]", "[null, 60000]")
    config = json.loads(text)
    config["config"]["layers"][1]["config"]["units"] = 60_000  # 3.6e9 weights: ~14 GB
    config["config"]["layers"][2]["build_config"]["input_shape"] = [None, 60_000]
    data = KerasModelData(json.dumps(config), [np.zeros(1, "float32")])
    with pytest.raises(ModelRebuildError, match="3,600,660,010 parameters"):
        rebuild_model(data)


def test_the_parameter_cap_is_a_parameter():
    model = _small_model()
    with pytest.raises(ModelRebuildError, match="at most 10 are accepted"):
        rebuild_model(model, max_params=10)


def test_weights_that_do_not_fit_are_a_test_failure():
    model = _small_model()
    data = KerasModelData(model.to_json(), [np.zeros((2, 2), "float32")])
    with pytest.raises(ModelRebuildError, match="weights do not fit"):
        rebuild_model(data)


def test_something_that_is_not_a_model_is_a_test_failure():
    with pytest.raises(ModelRebuildError, match="expected a Keras model, got dict"):
        rebuild_model({"layers": []})
    with pytest.raises(ModelRebuildError, match="could not be rebuilt"):
        rebuild_model(KerasModelData('{"class_name": "Nope", "config": {}}', []))


def test_a_deeply_nested_config_is_refused_by_the_codec():
    tree = {"$t": "keras_model", "config": "[" * 100_000, "weights": []}
    with pytest.raises(CodecError, match="nested too deeply"):
        decode(tree)


def test_architecture_key_ignores_names_but_nothing_else():
    from autograder.grading.keras_tools import architecture_key

    def functional(units, activation="relu", names=("a", "b", "c")):
        inputs = keras.Input((8, 8), name=names[0])
        hidden = L.SimpleRNN(units, name=names[1])(inputs)
        outputs = L.Dense(10, activation=activation, name=names[2])(hidden)
        return keras.Model(inputs, outputs, name=names[0] + "_model").to_json()

    same = architecture_key(functional(16))
    assert architecture_key(functional(16, names=("x", "y", "z"))) == same
    assert architecture_key(functional(17)) != same
    assert architecture_key(functional(16, activation="tanh")) != same
    # a layer named like a value elsewhere in the config is still told apart from its twin
    assert (architecture_key(functional(16, activation="relu", names=("i", "h", "relu")))
            != architecture_key(functional(16, activation="tanh", names=("i", "h", "tanh"))))
    sequential = [keras.Sequential([keras.Input((8, 8)), L.Flatten(), L.Dense(32, activation="relu"),
                                    L.Dense(10, activation="softmax")]).to_json() for _ in range(2)]
    assert sequential[0] != sequential[1]  # Keras numbered the second model's layers on
    assert architecture_key(sequential[0]) == architecture_key(sequential[1])


def _course_like_models():
    x = keras.Input((16, 16, 3))
    y = L.Conv2D(8, 3, padding="same")(x)
    z = L.Activation("relu")(L.BatchNormalization()(y))
    residual = keras.Model(x, L.Dense(2)(L.GlobalAveragePooling2D()(L.Add()([z, y]))))
    return [
        keras.Sequential([keras.Input((8, 8)), L.SimpleRNN(12), L.Dense(10, activation="softmax")]),
        keras.Sequential([keras.Input((None, 3)), L.Bidirectional(L.LSTM(6, return_sequences=True)),
                          L.GRU(4), L.BatchNormalization(), L.Dense(1)]),
        keras.Sequential([keras.Input((4, 12, 12, 3)), L.TimeDistributed(L.Conv2D(4, 3)),
                          L.TimeDistributed(L.GlobalAveragePooling2D()), L.LSTM(5), L.Dense(3)]),
        keras.Sequential([keras.Input((40, 2)), L.Conv1D(5, 3, dilation_rate=2), L.MaxPooling1D(),
                          L.GlobalMaxPooling1D(), L.Dense(1)]),
        residual,
    ]


def test_the_dry_run_counts_what_keras_counts_and_leaves_no_variable_behind():
    from keras.src.backend.common import global_state

    from autograder.grading.keras_tools import _dry_run_param_count

    before = list(global_state.get_global_attribute("uninitialized_variables", []) or [])
    for model in _course_like_models():
        assert _dry_run_param_count(model.to_json()) == model.count_params()
    assert list(global_state.get_global_attribute("uninitialized_variables", []) or []) == before
    from keras.src.backend.common.stateless_scope import in_stateless_scope

    assert not in_stateless_scope()  # the scope ended: later variables are real, not deferred
    assert float(keras.ops.sum(keras.Variable(np.ones(3, "float32")))) == 3.0
