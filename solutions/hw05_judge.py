"""Judge-side helpers of homework 5's hidden tests (not answers: mutation testing leaves them be).

- Q1: the search space the text asks for, a check of a declared space (`hp.get_config()` as plain
  data), a check of a model built for fixed values, and a small seeded RandomSearch run by the
  judge with the student's `build_model` (through the notebook's `build_model_with`).
- Q2: the roles of a block's layers read from its functional config (which convolution feeds
  which batch norm), so the reference's weights can be moved into the student's block.
- Q4-Q6: seeded models the judge sends to the notebook as config + weights.

Every model here is built by the judge itself or rebuilt with
autograder.grading.keras_tools.rebuild_model. The search's training runs in a judge worker
process with its own seeds (autograder.grading.judge_work, as solutions/hw01.py's training), so a
regrade gives the same numbers.
"""

from __future__ import annotations

import json
import math
import tempfile

import numpy as np

from solutions.hw01 import sklearn_digits_split

SPACE = {
    "num_layers": ("Int", 1, 3, 1, "linear"),
    "units_0": ("Int", 32, 256, 32, "linear"),
    "units_1": ("Int", 32, 256, 32, "linear"),
    "units_2": ("Int", 32, 256, 32, "linear"),
    "dropout": ("Float", 0.0, 0.5, None, "linear"),
    "learning_rate": ("Float", 1e-4, 1e-2, None, "log"),
}
"""name -> (kind, min, max, step, sampling): what question 1 asks build_model to declare."""
MAX_JUDGE_PARAMS = 200_000

# ------------------------------------------------------------------ Q1


def space_problem(config) -> str | None:
    """None if a declared space (hp.get_config(), num_layers preset to 3) is the one asked for."""
    if not isinstance(config, dict) or not isinstance(config.get("space"), list):
        return "declared_search_space() must return hp.get_config(), a dict with a 'space' list"
    declared = {}
    for entry in config["space"]:
        inner = entry.get("config", {}) if isinstance(entry, dict) else {}
        declared[inner.get("name")] = (entry.get("class_name"), inner)
    for name, (kind, low, high, step, sampling) in SPACE.items():
        if name not in declared:
            return (f"the space has no hyperparameter named {name!r} (with num_layers=3); it "
                    f"declares {sorted(str(n) for n in declared)}")
        got_kind, inner = declared[name]
        if got_kind != kind:
            return f"{name!r} should be declared with hp.{kind}, not hp.{got_kind}"
        if not (_close(inner.get("min_value"), low) and _close(inner.get("max_value"), high)):
            return f"{name!r} should range from {low} to {high}"
        if step is not None and inner.get("step") != step:
            return f"{name!r} should have step {step}"
        if inner.get("sampling", "linear") != sampling:
            return f"{name!r} should use sampling={sampling!r}"
    extra = sorted(str(n) for n in set(declared) - set(SPACE))
    return f"the space declares names the text does not ask for: {extra}" if extra else None


def space_config() -> dict:
    """SPACE as `hp.get_config()` writes it (plain data, without building any model)."""
    entries = [{"class_name": kind, "config": {"name": name, "default": None, "conditions": [],
                                               "min_value": low, "max_value": high, "step": step,
                                               "sampling": sampling}}
               for name, (kind, low, high, step, sampling) in SPACE.items()]
    return {"space": entries, "values": {}}


def _close(got, expected) -> bool:
    return isinstance(got, (int, float)) and math.isclose(got, expected, rel_tol=1e-6,
                                                          abs_tol=1e-12)


def architecture_problem(model, compile_config, values) -> str | None:
    """None if `model` (rebuilt) is the MLP the text describes for the hyperparameter `values`."""
    kinds = [type(layer).__name__ for layer in model.layers]
    dense = [layer for layer in model.layers if type(layer).__name__ == "Dense"]
    drops = [layer for layer in model.layers if type(layer).__name__ == "Dropout"]
    where = f"for {values}"
    if tuple(model.inputs[0].shape[1:]) != (8, 8) or "Flatten" not in kinds:
        return f"{where}: the model should read (8, 8) images (INPUT_SHAPE) and Flatten them"
    units = [layer.units for layer in dense[:-1]]
    wanted = [values[f"units_{i}"] for i in range(values["num_layers"])]
    if units != wanted:
        return f"{where}: the hidden Dense layers have units {units}, expected {wanted}"
    if not all(_relu_follows(model.layers, layer) for layer in dense[:-1]):
        return f"{where}: every hidden Dense layer should use activation='relu'"
    if dense[-1].units != 10 or dense[-1].get_config()["activation"] != "softmax":
        return f"{where}: the model should end with Dense(10, activation='softmax')"
    if len(drops) != len(wanted) or any(not _close(d.rate, values["dropout"]) for d in drops):
        return f"{where}: each hidden Dense layer should be followed by Dropout(dropout)"
    return compile_problem(compile_config, values)


def _relu_follows(layers, dense) -> bool:
    """relu inside the Dense layer, or a ReLU / Activation("relu") layer right after it."""
    if dense.get_config()["activation"] == "relu":
        return True
    following = layers[layers.index(dense) + 1:layers.index(dense) + 2]
    return any(type(layer).__name__ == "ReLU" or (type(layer).__name__ == "Activation" and
               layer.get_config()["activation"] == "relu") for layer in following)


def compile_problem(compile_config, values) -> str | None:
    if not isinstance(compile_config, dict):
        return "build_model should compile the model (model.compile(...)) before returning it"
    if "sparse_categorical_crossentropy" not in json.dumps(compile_config.get("loss")).lower():
        return "compile the model with loss='sparse_categorical_crossentropy'"
    rate = ((compile_config.get("optimizer") or {}).get("config") or {}).get("learning_rate")
    if not _close_f32(rate, values["learning_rate"]):
        return f"for {values}: the optimizer's learning rate should be hp's learning_rate"
    return None


def _close_f32(got, expected) -> bool:
    return isinstance(got, (int, float)) and math.isclose(got, expected, rel_tol=1e-5)


def judge_values(seed: int) -> list[dict]:
    """Seeded hyperparameter values covering 1, 2 and 3 layers."""
    rng = np.random.default_rng(seed)
    return [{"num_layers": layers,
             **{f"units_{i}": int(rng.integers(1, 9)) * 32 for i in range(3)},
             "dropout": float(np.round(rng.uniform(0.0, 0.5), 3)),
             "learning_rate": float(np.round(10 ** rng.uniform(-4, -2), 6))}
            for layers in (1, 2, 3)]


def judge_random_search(build_with, *, seed, trials=3, epochs=2):
    """Test accuracy of the best model of a seeded RandomSearch over SPACE, run by the judge.

    `build_with(values)` returns the student's model for fixed values (as data or live). The
    values a seeded RandomSearch tries do not depend on how its trials score, so the judge asks
    the tuner for them first (:func:`search_values`), collects the student's model for each, and
    hands the search itself, as plain data, to a judge worker process (:func:`search_accuracy`;
    in this process outside a grader). Identical models searched with the same seed are searched
    once per grading run."""
    from autograder.errors import SubmissionProblem
    from autograder.grading.judge_work import offload
    from autograder.grading.keras_tools import architecture_key, as_model_data

    models = []
    for values in search_values(seed=seed, trials=trials):
        try:
            data = as_model_data(build_with(values))
        except SubmissionProblem:  # the sandbox's own verdict (a timeout): as it is
            raise
        except Exception as exc:  # noqa: BLE001 - the student's problem, as the search saw it
            raise AssertionError(f"the search stopped: building the model for {values} failed: "
                                 f"{str(exc)[:300]}\nfa: جست‌وجو متوقف شد: ساختن مدل برای "
                                 f"`{values}` ناموفق بود: `{str(exc)[:300]}`") from None
        models.append({"values": values, "config_json": data.config_json,
                       "weights": [np.asarray(w) for w in data.weights]})
    settings = {"seed": int(seed), "trials": int(trials), "epochs": int(epochs)}
    key = json.dumps([[m["values"], architecture_key(m["config_json"])] for m in models] +
                     [settings], sort_keys=True)
    return offload(search_accuracy, arguments={"models": models, **settings},
                   what="running a RandomSearch over your build_model", key=key)


def search_values(*, seed, trials=3) -> list[dict]:
    """The hyperparameter values the judge's seeded RandomSearch tries, in order (no training:
    Keras Tuner's random search samples every trial independently of the others' scores)."""
    tried: list[dict] = []

    def record(values, *args):
        tried.append(dict(values))
        return {"val_accuracy": 0.0}

    _run_search(record, seed=seed, trials=trials, data=(np.zeros((1, 8, 8)), np.zeros(1)),
                validation=(np.zeros((1, 8, 8)), np.zeros(1)))
    return tried


def search_accuracy(models, seed, trials, epochs) -> float:
    """`judge_random_search`'s work, from plain data: ``models`` lists, for each trial's values,
    the student's model (config JSON and weights). The judge rebuilds each, gives it seeded
    initial weights, compiles it with the student's optimizer and trains it; Keras Tuner picks
    by validation accuracy. Keras's seeds are set first, so the same models and seed give the
    same accuracy in any process."""
    import keras

    (x_train, y_train), (x_test, y_test) = sklearn_digits_split(seed=seed)
    cut = int(len(y_train) * 0.8)
    trainer = _StudentTrials({_key(m["values"]): m for m in models}, seed=seed, epochs=epochs)
    keras.utils.set_random_seed(seed)
    best = _run_search(trainer.run, seed=seed, trials=trials, data=(x_train[:cut], y_train[:cut]),
                       validation=(x_train[cut:], y_train[cut:]), trainer=trainer)
    return accuracy(trainer.trained[_key(best)], x_test, y_test)


def _run_search(run, *, seed, trials, data, validation, trainer=None) -> dict:
    """Keras Tuner's RandomSearch over SPACE with ``run(values, x, y, validation_data)`` as the
    trial; the best trial's values. The tuner's `run_trial` is ours (Keras Tuner's public
    hook): its default would call `keras.backend.clear_session()`."""
    import keras_tuner as kt

    space = kt.HyperParameters()
    declare_space(space)

    class JudgeSearch(kt.RandomSearch):
        def run_trial(self, trial, *args, **kwargs):
            return run(trial.hyperparameters.values, *args)

    with tempfile.TemporaryDirectory() as folder:
        tuner = JudgeSearch(objective=kt.Objective("val_accuracy", "max"), max_trials=trials,
                            seed=seed, hyperparameters=space, directory=folder,
                            project_name="judge", overwrite=True, max_retries_per_trial=0,
                            max_consecutive_failed_trials=1)
        try:
            tuner.search(*data, validation, verbose=0)
        except kt.errors.FatalError:
            raise AssertionError(f"the search stopped: {trainer and trainer.error}"
                                 f"\nfa: جست‌وجو متوقف شد: `{trainer and trainer.error}`") from None
        return tuner.oracle.get_best_trials(1)[0].hyperparameters.values


def accuracy(model, x, y) -> float:
    return float(np.mean(np.argmax(np.asarray(model(x, training=False)), axis=1) == y))


def _key(values: dict) -> str:
    return json.dumps(values, sort_keys=True)


class _StudentTrials:
    """One trial of the judge's search: the student's model for the tuner's values, trained.
    Keras traces one training graph per trial; predictions run eagerly (faster at these sizes)."""

    def __init__(self, models, *, seed, epochs):
        self.models, self.epochs = models, epochs
        self.rng, self.trained, self.error = np.random.default_rng(seed), {}, None

    def run(self, values, x, y, validation_data):
        import keras_tuner as kt

        values = dict(values)
        try:
            model = self._student_model(values)
        except Exception as exc:  # noqa: BLE001 - stops the search with the student's problem
            self.error = f"building the model for {values} failed: {str(exc)[:300]}"
            raise kt.errors.FatalError(self.error) from None
        model.fit(x, y, epochs=self.epochs, batch_size=64, verbose=0)
        self.trained[_key(values)] = model
        return {"val_accuracy": accuracy(model, *validation_data)}

    def _student_model(self, values):
        import keras

        from autograder.grading.keras_tools import rebuild_model
        from autograder.protocol.codec import KerasModelData

        if _key(values) not in self.models:
            raise RuntimeError(f"the judge's search tried {values}, which it had not prepared")
        entry = self.models[_key(values)]
        raw = KerasModelData(entry["config_json"], list(entry["weights"]))
        model = rebuild_model(raw, max_params=MAX_JUDGE_PARAMS)
        model.set_weights([glorot(w, self.rng) for w in model.get_weights()])
        settings = compile_settings(raw)
        if not settings.get("optimizer"):
            raise AssertionError("build_model should compile the model (model.compile(...))")
        optimizer = keras.optimizers.deserialize(settings["optimizer"])
        model.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy")
        return model


def compile_settings(raw) -> dict:
    """The compile config a model crossed with (empty if it was not compiled)."""
    from autograder.grading.keras_tools import as_model_data

    return json.loads(as_model_data(raw).config_json).get("compile_config") or {}


def glorot(current, rng):
    """Glorot-uniform kernels from `rng`; vectors keep their constant initial values."""
    if current.ndim < 2:
        return current
    receptive = int(np.prod(current.shape[:-2])) if current.ndim > 2 else 1
    limit = math.sqrt(6.0 / ((current.shape[-2] + current.shape[-1]) * receptive))
    return rng.uniform(-limit, limit, size=current.shape).astype(current.dtype)


def declare_space(hp) -> None:
    """Declares SPACE on a keras_tuner HyperParameters (the judge's own search space)."""
    for name, (kind, low, high, step, sampling) in SPACE.items():
        if kind == "Int":
            hp.Int(name, min_value=low, max_value=high, step=step, sampling=sampling)
        else:
            hp.Float(name, min_value=low, max_value=high, step=step, sampling=sampling)


# ------------------------------------------------------------------ Q2 weight transfer


def producers(model) -> dict[str, list[str]]:
    """layer name -> names of the layers whose outputs it reads (from the functional config)."""
    found: dict[str, list[str]] = {}
    for layer in model.get_config()["layers"]:
        names: list[str] = []
        _history_names(layer.get("inbound_nodes", []), names)
        found[layer["name"]] = names
    return found


def _history_names(tree, names: list[str]) -> None:
    if isinstance(tree, dict):
        inner = tree.get("config")
        history = inner.get("keras_history") if isinstance(inner, dict) else None
        if history:
            names.append(history[0])
            return
        for value in tree.values():
            _history_names(value, names)
    elif isinstance(tree, (list, tuple)):
        for value in tree:
            _history_names(value, names)


def block_roles(model) -> dict[str, object]:
    """{"convs": main-path Conv2D layers in order, "proj": the 1x1 Conv2D or None,
    "bn": {conv name: the BatchNormalization reading it}}. Raises AssertionError with a hint."""
    convs = [layer for layer in model.layers if type(layer).__name__ == "Conv2D"]
    proj = [c for c in convs if tuple(c.kernel_size) == (1, 1)]
    if len(proj) > 1:
        raise AssertionError("the block has more than one 1x1 convolution"
                             "\nfa: بلوک بیش از یک کانولوشن `1x1` دارد")
    reads = producers(model)
    bn = {}
    for layer in model.layers:
        if type(layer).__name__ == "BatchNormalization":
            source = reads.get(layer.name, [])
            if len(source) != 1 or source[0] not in {c.name for c in convs}:
                raise AssertionError("each BatchNormalization should directly follow a "
                                     "convolution (conv -> batch norm -> ReLU)\nfa: هر "
                                     "`BatchNormalization` باید درست پس از یک کانولوشن بیاید "
                                     "(`Conv2D -> BatchNormalization -> ReLU`)")
            bn[source[0]] = layer
    return {"convs": [c for c in convs if c not in proj], "proj": proj[0] if proj else None,
            "bn": bn}


def randomize(model, seed: int) -> None:
    """Seeded weights: kernels and biases normal, BN gamma/variance in [0.5, 1.5], beta/mean
    small; so every layer's placement changes the output."""
    rng = np.random.default_rng(seed)
    for layer in model.layers:
        kind = type(layer).__name__
        weights = layer.get_weights()
        if kind == "BatchNormalization":
            gamma, beta, mean, var = (w.shape for w in weights)
            layer.set_weights([rng.uniform(0.5, 1.5, gamma), rng.normal(0, 0.2, beta),
                               rng.normal(0, 0.2, mean), rng.uniform(0.5, 1.5, var)])
        elif weights:
            fan_in = int(np.prod(weights[0].shape[:-1]))
            layer.set_weights([rng.normal(0, 1.5 / math.sqrt(fan_in), w.shape) if w.ndim > 1
                               else rng.normal(0, 0.2, w.shape) for w in weights])


def move_weights(reference, student) -> None:
    """Copies the reference block's weights into the student's, role by role."""
    ours, theirs = block_roles(reference), block_roles(student)
    if len(theirs["convs"]) != len(ours["convs"]):
        raise AssertionError(f"the block should have {len(ours['convs'])} 3x3 convolutions on "
                             f"its main path, not {len(theirs['convs'])}\nfa: مسیر اصلی بلوک "
                             f"باید `{len(ours['convs'])}` کانولوشن `3x3` داشته باشد، نه "
                             f"`{len(theirs['convs'])}`")
    if (theirs["proj"] is None) != (ours["proj"] is None):
        raise AssertionError("use a 1x1 projection shortcut exactly when the shapes differ "
                             "(stride != 1 or channels != filters), an identity shortcut otherwise"
                             "\nfa: میان‌بر projection با کانولوشن `1x1` را فقط وقتی به کار ببرید که "
                             "شکل‌ها فرق دارند (`stride != 1` یا `channels != filters`) و در غیر این "
                             "صورت میان‌بر همانی (identity)")
    pairs = list(zip(ours["convs"], theirs["convs"]))
    if ours["proj"] is not None:
        pairs.append((ours["proj"], theirs["proj"]))
    for mine, yours in pairs:
        _copy_conv(mine, yours)
        if (mine.name in ours["bn"]) != (yours.name in theirs["bn"]):
            raise AssertionError("every convolution of the block should be followed by its "
                                 "BatchNormalization, as in the original ResNet\nfa: پس از هر "
                                 "کانولوشن بلوک، مانند ResNet اصلی، `BatchNormalization` خودش "
                                 "می‌آید")
        if mine.name in ours["bn"]:
            _copy_layer(ours["bn"][mine.name], theirs["bn"][yours.name])


def move_vgg_weights(reference, student) -> None:
    """Copies the reference VGG block's convolution weights into the student's, in order."""
    ours = [layer for layer in reference.layers if type(layer).__name__ == "Conv2D"]
    theirs = [layer for layer in student.layers if type(layer).__name__ == "Conv2D"]
    if len(theirs) != len(ours):
        raise AssertionError(f"the block should have {len(ours)} convolutions, not {len(theirs)}"
                             f"\nfa: بلوک باید `{len(ours)}` کانولوشن داشته باشد، نه `{len(theirs)}`")
    for mine, yours in zip(ours, theirs):
        _copy_conv(mine, yours)


def _copy_conv(mine, yours) -> None:
    weights = mine.get_weights()
    theirs = yours.get_weights()
    if tuple(theirs[0].shape) != tuple(weights[0].shape) or yours.strides != mine.strides:
        raise AssertionError(f"a convolution has kernel {tuple(theirs[0].shape)} and strides "
                             f"{yours.strides}; expected {tuple(weights[0].shape)} and "
                             f"{mine.strides}\nfa: یک کانولوشن هستهٔ `{tuple(theirs[0].shape)}` و "
                             f"`strides={yours.strides}` دارد؛ هستهٔ `{tuple(weights[0].shape)}` و "
                             f"`strides={mine.strides}` انتظار می‌رفت")
    if len(theirs) == 1:  # no bias: the reference's bias is set to zero to match
        mine.set_weights([weights[0], np.zeros_like(weights[1])])
        yours.set_weights([weights[0]])
    else:
        yours.set_weights(weights)


def _copy_layer(mine, yours) -> None:
    try:
        yours.set_weights(mine.get_weights())
    except ValueError:
        raise AssertionError("a BatchNormalization layer has other weights than Keras's "
                             "default (keep center=True and scale=True)\nfa: یک لایهٔ "
                             "`BatchNormalization` وزن‌هایی جز وزن‌های پیش‌فرض Keras دارد "
                             "(`center=True` و `scale=True` را نگه دارید)") from None


# ------------------------------------------------------------------ Q4-Q6 judge models


def small_net(kind: str, *, input_shape=(12, 12, 1), classes=3, seed=0):
    """A seeded tiny VGG-style ("vgg") or ResNet-style ("resnet") net, or a GAP classifier whose
    last convolution is named "last_conv" ("cam"). Its kernels come from a generator seeded here,
    not from Keras's process-wide seeds (which every judge thread's layers draw on), so a regrade
    sends the same weights."""
    import keras
    from keras import layers

    from solutions.hw05 import residual_block

    inputs = keras.Input(shape=input_shape)
    x = layers.Conv2D(8, 3, padding="same", activation="relu", name="first_conv")(inputs)
    if kind == "resnet":
        x = residual_block(residual_block(x, 8), 8)
    elif kind == "vgg":
        x = layers.Conv2D(8, 3, padding="same", activation="relu")(x)
    x = layers.Conv2D(6, 3, padding="same", activation="relu", name="last_conv")(x)
    x = layers.GlobalAveragePooling2D()(x)
    model = keras.Model(inputs, layers.Dense(classes, activation="softmax")(x))
    rng = np.random.default_rng(seed)
    model.set_weights([glorot(w, rng) for w in model.get_weights()])
    return model


def silent_class_net(*, input_shape=(8, 8, 1), classes=3, silent=0, seed=0):
    """A GAP classifier whose class `silent` has negative Dense weights on every (non-negative,
    ReLU) map and the others zero: its Grad-CAM is ReLU of a negative sum, all zeros."""
    model = small_net("cam", input_shape=input_shape, classes=classes, seed=seed)
    kernel, bias = model.layers[-1].get_weights()
    kernel[:] = 0.0
    kernel[:, silent] = -np.abs(kernel[:, silent]) - 0.5
    model.layers[-1].set_weights([kernel, bias])
    return model
