"""Judge-side helpers for hidden tests that grade Keras models.

A student function that returns a Keras model reaches the judge as
:class:`autograder.protocol.codec.KerasModelData` (config JSON + weights). :func:`rebuild_model` turns it
into a model the judge built itself, in Keras safe mode (no Lambda layers, no arbitrary code).
Inside otter (when `otter assign` checks the solution) the same test receives a live model;
it is round-tripped through the same path so both contexts behave alike.
"""

from __future__ import annotations

from typing import Any

from autograder.errors import ModelRebuildError
from autograder.protocol.codec import KerasModelData


def as_model_data(value: Any) -> KerasModelData:
    if isinstance(value, KerasModelData):
        return value
    if hasattr(value, "to_json") and hasattr(value, "get_weights"):
        return KerasModelData(value.to_json(), list(value.get_weights()))
    raise ModelRebuildError(f"expected a Keras model, got {type(value).__name__}")


MAX_PARAMS = 5_000_000
"""Default cap on a rebuilt model's parameters: course models are far smaller (tens of thousands),
and a config asking for billions would exhaust the judge's memory while it builds the model."""


def rebuild_model(value: Any, *, max_params: int = MAX_PARAMS):
    """A fresh Keras model equal to the student's, built judge-side in safe mode.

    The config is first built without allocating its weights (see :func:`_dry_run_param_count`)
    to count its parameters; only a model within ``max_params`` is built for real.
    """
    import keras

    data = as_model_data(value)
    count = _dry_run_param_count(data.config_json)
    if count is not None and count > max_params:
        raise ModelRebuildError(f"the model has {count:,} parameters; at most {max_params:,} are "
                                "accepted here: use the layer sizes the question asks for")
    try:
        model = keras.models.model_from_json(data.config_json)
    except Exception as exc:  # Keras raises many types for bad configs
        raise ModelRebuildError(f"the model could not be rebuilt safely: {str(exc)[:300]}") from None
    try:
        model.set_weights(data.weights)
    except Exception as exc:
        raise ModelRebuildError(f"the model's weights do not fit its layers: {str(exc)[:200]}") from None
    return model


def _dry_run_param_count(config_json: str) -> int | None:
    """Parameters of the model a config describes, without allocating its weights.

    The model is built in a Keras stateless scope that leaves its variables uninitialised (shapes
    only: fast, no memory); if a layer refuses that, in a TensorFlow graph (symbolic variables,
    slower). None when neither works (another backend, a broken config); the real build then
    reports the problem."""
    import keras

    try:
        return _stateless_param_count(keras, config_json)
    except Exception:  # noqa: BLE001 - try the slower graph build below
        pass
    try:
        import tensorflow as tf
    except ImportError:
        return None
    if keras.backend.backend() != "tensorflow":
        return None
    try:
        with tf.Graph().as_default():  # thread-local: other judge threads are unaffected
            return int(keras.models.model_from_json(config_json).count_params())
    except Exception:  # noqa: BLE001 - the real build below gives the student-facing message
        return None


def _stateless_param_count(keras, config_json: str) -> int:
    """The count from a build whose variables are never initialised. Keras remembers such
    variables (per thread) to initialise them later; that list is put back as it was, so the
    dry run leaves nothing behind."""
    from keras.src.backend.common import global_state

    key = "uninitialized_variables"
    before = list(global_state.get_global_attribute(key, [], set_to_default=True))
    try:
        with keras.StatelessScope(initialize_variables=False):
            return int(keras.models.model_from_json(config_json).count_params())
    finally:
        global_state.set_global_attribute(key, before)


def layer_summary(model) -> list[tuple[str, dict[str, Any]]]:
    """(class name, selected config) per layer, for structural comparison with a reference."""
    keys = ("units", "filters", "kernel_size", "strides", "padding", "pool_size", "activation",
            "return_sequences", "dropout", "recurrent_dropout", "rate", "dilation_rate")
    rows = []
    for layer in model.layers:
        config = layer.get_config()
        rows.append((type(layer).__name__, {k: config[k] for k in keys if k in config}))
    return rows


def architecture_key(config_json: str) -> str:
    """A digest of a model's config that ignores the names of its layers and of the model.

    Keras numbers default names per process ("dense_7"), so the same architecture built in two
    notebooks has different configs; what a model computes does not depend on its names. A name
    is replaced by its order of first appearance where the config names a layer (`name`) or
    refers to one (`keras_history`, `input_layers`, `output_layers`); a string anywhere else
    stays as it is, so two configs share a key only if they differ by a renaming of layers."""
    import hashlib
    import json

    names: dict[str, int] = {}

    def token(name):
        return {"$name": names.setdefault(name, len(names))} if isinstance(name, str) else name

    def reference(item):  # ["dense", 0, 0]: layer name, node index, tensor index
        return [token(item[0]), *item[1:]] if isinstance(item, list) and item else item

    def canonical(node, parent_key=None):
        if isinstance(node, list):
            if parent_key == "keras_history":
                return reference(node)
            if parent_key in ("input_layers", "output_layers"):
                if node and isinstance(node[0], str):  # one tensor: [name, 0, 0]
                    return reference(node)
                return [reference(item) for item in node]
            return [canonical(item) for item in node]
        if not isinstance(node, dict):
            return node
        out = {k: canonical(v, k) for k, v in node.items()}
        inner = node.get("config")
        if "class_name" in node and isinstance(inner, dict) and "name" in inner:
            out["config"]["name"] = token(inner["name"])
        if "class_name" in node and "name" in node:  # a functional model's layer entry
            out["name"] = token(node["name"])
        return out

    text = json.dumps(canonical(json.loads(config_json)), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
