"""Plain-data encoding of values crossing between the judge and the sandbox. No pickle.

A value is encoded into a JSON-compatible tree. Only these kinds cross: None, bool, int, float,
str, list, tuple, dict (hashable plain keys), numpy arrays of bool/int/uint/float/complex/str,
numpy scalars, pandas DataFrame/Series/Index, and Keras models (as config JSON + weight arrays,
decoded into :class:`KerasModelData`, never into live objects). Anything else is refused with a
message naming the type. Subclasses (an ndarray subclass, a dict subclass with a rigged
``__eq__``) are flattened to their plain base, so a student object never reaches the judge.

Inside :func:`attachment` the bytes of numeric arrays are gathered into one binary attachment
that travels after the JSON (see :mod:`autograder.protocol.wire`) instead of as base64 inside it; the tree
then holds each array's (offset, length) in it, and :func:`decode` is given the attachment.

This module is imported on both sides, so it depends on numpy only (pandas is imported lazily).
"""

from __future__ import annotations

import base64
import contextlib
import contextvars
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from autograder.protocol.wire import DEFAULT_MAX_BYTES

MAX_DEPTH = 32
MAX_ITEMS = 2_000_000
"""Upper bound on list/dict/tuple entries in one value; arrays are bounded by the message size."""
MAX_INT_BITS = 10_000
DATETIME_UNITS = ("s", "ms", "us", "ns")
ARRAY_KINDS = "biufcU"
TAG = "$t"


class CodecError(TypeError):
    """A value cannot be encoded or a tree cannot be decoded; the message names the culprit."""


@dataclass
class KerasModelData:
    """A Keras model as plain data: `model.to_json()` and `model.get_weights()`.

    The judge rebuilds it itself (see :func:`autograder.grading.keras_tools.rebuild_model`) in safe mode.
    """

    config_json: str
    weights: list[np.ndarray] = field(default_factory=list)


# ---------------------------------------------------------------- encoding (either side)

_ATTACHMENT_OUT: contextvars.ContextVar[bytearray | None] = contextvars.ContextVar(
    "attachment_out", default=None)
_ATTACHMENT_IN: contextvars.ContextVar[memoryview | None] = contextvars.ContextVar(
    "attachment_in", default=None)
_BUDGET_IN: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar(
    "budget_in", default=None)
MAX_STRARRAY_BYTES = 256 * 1024 * 1024
"""Largest numpy string array decode builds (numpy pads every string to the longest)."""
MAX_ARRAY_BYTES = DEFAULT_MAX_BYTES - 1024 * 1024
"""Array bytes one value may carry: a message is at most wire.DEFAULT_MAX_BYTES (1 MB is left for
the rest of it), so a larger value is refused while it is encoded, before it is copied, with a
message the test shows."""


@contextlib.contextmanager
def attachment() -> Iterator[bytearray]:
    """Within the block, :func:`encode` appends array bytes to the yielded buffer."""
    buffer = bytearray()
    token = _ATTACHMENT_OUT.set(buffer)
    try:
        yield buffer
    finally:
        _ATTACHMENT_OUT.reset(token)


def encode(value: Any) -> Any:
    """Encode ``value`` into a JSON-compatible tree, or raise CodecError."""
    budget = [MAX_ITEMS]
    return _encode(value, 0, budget)


def _encode(value: Any, depth: int, budget: list[int]) -> Any:
    if depth > MAX_DEPTH:
        raise CodecError(f"value is nested more than {MAX_DEPTH} levels deep")
    if value is None or type(value) in (bool, str):
        return value
    if type(value) is int:
        return value if abs(value) < 2**63 else _encode_bigint(value)
    if type(value) is float:
        return value if math.isfinite(value) else {TAG: "float", "value": repr(value)}
    if isinstance(value, np.ndarray):
        return _encode_array(np.asarray(value))
    if isinstance(value, np.generic):
        return {TAG: "npscalar", "array": _encode_array(np.asarray(value))}
    if isinstance(value, (bool, int, float, str)):  # subclasses: flatten to the plain base type
        return _encode(_plain_scalar(value), depth, budget)
    if isinstance(value, (list, tuple, dict)):
        return _encode_container(value, depth, budget)
    special = _encode_special(value, depth, budget)
    if special is not None:
        return special
    raise CodecError(
        f"cannot send a value of type {type(value).__module__}.{type(value).__qualname__}; "
        "return numbers, strings, lists, tuples, dicts, numpy arrays or pandas objects"
    )


def _encode_bigint(value: int) -> dict:
    if value.bit_length() > MAX_INT_BITS:  # str() of such ints is slow and capped by Python
        raise CodecError(f"integer with more than {MAX_INT_BITS} bits is too large to send")
    return {TAG: "bigint", "value": str(value)}


def _plain_scalar(value: Any) -> Any:
    for base in (bool, int, float, str):
        if isinstance(value, base):
            return base(value) if base is not str else str.__str__(value)
    raise CodecError(f"unexpected scalar {type(value).__name__}")


def _encode_container(value: Any, depth: int, budget: list[int]) -> Any:
    budget[0] -= len(value)
    if budget[0] < 0:
        raise CodecError(f"value has more than {MAX_ITEMS} entries in total")
    if isinstance(value, dict):
        items = [[_encode(k, depth + 1, budget), _encode(v, depth + 1, budget)]
                 for k, v in dict.items(value)]
        return {TAG: "dict", "items": items}
    items = [_encode(v, depth + 1, budget) for v in (list.__iter__(value) if isinstance(value, list)
                                                     else tuple.__iter__(value))]
    return items if isinstance(value, list) else {TAG: "tuple", "items": items}


def _encode_array(array: np.ndarray) -> dict:
    array = np.asarray(array)
    if type(array) is not np.ndarray:
        array = array.view(np.ndarray)
    if array.dtype.kind not in ARRAY_KINDS:
        raise CodecError(f"cannot send a numpy array of dtype {array.dtype}")
    out = _ATTACHMENT_OUT.get()
    if (len(out) if out is not None else 0) + array.nbytes > MAX_ARRAY_BYTES:
        raise CodecError(f"it holds {_megabytes(array.nbytes)} of array data "
                         f"{'(with the arrays before it) ' if out else ''}and the grader takes "
                         f"at most {_megabytes(MAX_ARRAY_BYTES)} in one value; return a smaller "
                         "result")
    if array.dtype.kind == "U":
        return {TAG: "strarray", "shape": list(array.shape), "items": array.ravel().tolist()}
    data = np.ascontiguousarray(array, dtype=array.dtype.newbyteorder("<"))
    tree = {TAG: "ndarray", "dtype": data.dtype.str, "shape": list(array.shape)}
    if out is None:
        tree["data"] = base64.b64encode(data.tobytes()).decode("ascii")
    else:
        tree["at"] = [len(out), data.nbytes]
        out += data.tobytes()
    return tree


def _megabytes(count: int) -> str:
    return f"{count / 2**20:,.0f} MB"


def _encode_special(value: Any, depth: int, budget: list[int]) -> dict | None:
    """pandas objects and Keras models, recognised without importing their libraries."""
    module = type(value).__module__ or ""
    if module.startswith("pandas"):
        return _encode_pandas(value, depth, budget)
    if hasattr(value, "to_json") and hasattr(value, "get_weights") and "keras" in module:
        weights = [_encode_array(np.asarray(w)) for w in value.get_weights()]
        return {TAG: "keras_model", "config": str(value.to_json()), "weights": weights}
    return None


def _encode_pandas(value: Any, depth: int, budget: list[int]) -> dict | None:
    import pandas as pd

    if isinstance(value, pd.DataFrame):
        columns = [_encode_column(value.iloc[:, i], depth, budget) for i in range(value.shape[1])]
        return {TAG: "dataframe", "columns": _encode(list(value.columns), depth + 1, budget),
                "columns_name": _encode(value.columns.name, depth + 1, budget),
                "index": _encode_column(value.index, depth, budget),
                "index_name": _encode(value.index.name, depth + 1, budget), "data": columns}
    if isinstance(value, pd.Series):
        return {TAG: "series", "name": _encode(value.name, depth + 1, budget),
                "index": _encode_column(value.index, depth, budget),
                "index_name": _encode(value.index.name, depth + 1, budget),
                "data": _encode_column(value, depth, budget)}
    if isinstance(value, pd.Index):
        return {TAG: "index", "data": _encode_column(value, depth, budget),
                "name": _encode(value.name, depth + 1, budget)}
    return None


def _encode_column(column: Any, depth: int, budget: list[int]) -> dict:
    """One pandas column or index: numeric arrays as binary, datetimes as int64, others as lists."""
    import pandas as pd

    if isinstance(column, pd.RangeIndex):
        return {TAG: "range", "start": int(column.start), "stop": int(column.stop),
                "step": int(column.step)}
    dtype = column.dtype
    if pd.api.types.is_datetime64_any_dtype(dtype) and getattr(dtype, "tz", None) is None:
        values = np.asarray(column)  # datetime64 in the column's own unit (ns, us, ms or s)
        unit = np.datetime_data(values.dtype)[0]
        return {TAG: "datetime", "unit": unit, "data": _encode_array(values.view("int64"))}
    if isinstance(dtype, np.dtype) and dtype.kind in "biufc":
        return _encode_array(np.asarray(column))
    return {TAG: "objects", "items": _encode(list(column), depth + 1, budget)}


# ---------------------------------------------------------------- decoding (judge side)


def decode(tree: Any, *, attachment: bytes | memoryview = b"", max_items: int = MAX_ITEMS,
           max_depth: int = MAX_DEPTH + 4) -> Any:
    """Decode a tree made by :func:`encode`; refuse anything else with CodecError.

    ``attachment`` holds the array bytes when the tree was encoded inside :func:`attachment`.
    Budgets: at most ``max_items`` list/tuple/dict/column entries in total, nested at most
    ``max_depth`` deep; a tree over either is refused before it is built further."""
    token = _ATTACHMENT_IN.set(memoryview(attachment).cast("B"))
    budget = _BUDGET_IN.set([max_items, max_depth])
    try:
        return _decode(tree, 0)
    finally:
        _ATTACHMENT_IN.reset(token)
        _BUDGET_IN.reset(budget)


def _spend(count: int) -> None:
    budget = _BUDGET_IN.get()
    if budget is None:
        return
    budget[0] -= count
    if budget[0] < 0:
        raise CodecError("value has too many entries for the grader")


def _decode(tree: Any, depth: int) -> Any:
    budget = _BUDGET_IN.get()
    if depth > (budget[1] if budget else MAX_DEPTH + 4):
        raise CodecError("value is nested too deeply")
    if tree is None or type(tree) in (bool, int, float, str):
        return tree
    if type(tree) is list:
        _spend(len(tree))
        return [_decode(v, depth + 1) for v in tree]
    if type(tree) is not dict or not isinstance(tree.get(TAG), str):
        raise CodecError(f"unexpected element of type {type(tree).__name__} in message")
    decoder = _DECODERS.get(tree[TAG])
    if decoder is None:
        raise CodecError(f"unknown value kind {tree[TAG]!r} in message")
    try:
        return decoder(tree, depth)
    except CodecError:
        raise
    except (KeyError, TypeError, ValueError) as exc:
        raise CodecError(f"malformed {tree[TAG]} value: {exc}") from None


def _decode_array(tree: dict, depth: int = 0) -> np.ndarray:
    if tree.get(TAG) != "ndarray":
        raise CodecError("expected an array")
    dtype = np.dtype(str(tree["dtype"]))
    if dtype.kind not in "biufc" or dtype.hasobject:
        raise CodecError(f"refusing array dtype {dtype}")
    shape = tuple(int(n) for n in tree["shape"])
    if any(n < 0 for n in shape) or len(shape) > 32:
        raise CodecError("invalid array shape")
    raw = _array_bytes(tree)
    if len(raw) != math.prod(shape) * dtype.itemsize:
        raise CodecError("array data does not match its shape")
    return np.frombuffer(raw, dtype=dtype).reshape(shape).astype(dtype.newbyteorder("="))


def _array_bytes(tree: dict) -> bytes | memoryview:
    if "at" not in tree:
        return base64.b64decode(tree["data"], validate=True)
    offset, length = (int(n) for n in tree["at"])
    blob = _ATTACHMENT_IN.get()
    if blob is None or offset < 0 or length < 0 or offset + length > len(blob):
        raise CodecError("array data lies outside the message's attachment")
    return blob[offset:offset + length]


def _decode_hashable(tree: Any, depth: int) -> Any:
    key = _decode(tree, depth + 1)
    if isinstance(key, (list, dict, np.ndarray)):
        raise CodecError("dict keys must be numbers, strings or tuples")
    return key


def _decode_column(tree: dict, depth: int) -> Any:
    import pandas as pd

    kind = tree.get(TAG)
    if kind == "range":
        return pd.RangeIndex(int(tree["start"]), int(tree["stop"]), int(tree["step"]))
    if kind == "datetime":
        unit = tree.get("unit", "ns")
        if unit not in DATETIME_UNITS:
            raise CodecError(f"unsupported datetime unit {unit!r}")
        return _decode_array(tree["data"]).astype("int64").view(f"datetime64[{unit}]")
    if kind == "ndarray":
        return _decode_array(tree)
    if kind == "objects":
        return np.array(_decode(tree["items"], depth + 1) + [None], dtype=object)[:-1]
    raise CodecError(f"unknown column kind {kind!r}")


def _decode_dataframe(tree: dict, depth: int) -> Any:
    import pandas as pd

    columns = _decode(tree["columns"], depth + 1)
    data = [_decode_column(c, depth + 1) for c in tree["data"]]
    if not isinstance(columns, list) or len(columns) != len(data):
        raise CodecError("dataframe columns do not match its data")
    index = _decode_index(tree, depth)
    frame = pd.DataFrame({i: col for i, col in enumerate(data)}, index=index)
    frame.columns = columns
    frame.columns.name = _decode_hashable(tree.get("columns_name"), depth)
    return frame


def _decode_index(tree: dict, depth: int) -> Any:
    """The index of a frame or series, with its name (absent in older messages)."""
    import pandas as pd

    index = pd.Index(_decode_column(tree["index"], depth + 1))
    index.name = _decode_hashable(tree.get("index_name"), depth)
    return index


def _decode_series(tree: dict, depth: int) -> Any:
    import pandas as pd

    index = _decode_index(tree, depth)
    return pd.Series(_decode_column(tree["data"], depth + 1), index=index,
                     name=_decode_hashable(tree["name"], depth))


def _decode_keras(tree: dict, depth: int) -> KerasModelData:
    config = tree["config"]
    if type(config) is not str:
        raise CodecError("keras model config must be a JSON string")
    _spend(config.count(",") + config.count("[") + config.count("{"))  # before json.loads
    try:
        json.loads(config)  # must at least be JSON; the judge rebuilds it in safe mode later
    except RecursionError:
        raise CodecError("keras model config is nested too deeply") from None
    return KerasModelData(config, [_decode_array(w) for w in tree["weights"]])


def _decode_scalar(tree: dict, depth: int) -> Any:
    inner = tree["array"]
    if type(inner) is not dict or inner.get(TAG) not in ("ndarray", "strarray"):
        raise CodecError("expected an array")
    array = _DECODERS[inner[TAG]](inner, depth + 1)
    if array.shape != ():
        raise CodecError("numpy scalar must have shape ()")
    return array[()]


def _counted(items: Any) -> list:
    if type(items) is not list:
        raise CodecError("expected a list of items")
    _spend(len(items))
    return items


def _decode_strarray(tree: dict) -> np.ndarray:
    items = [str(s) for s in _counted(tree["items"])]
    if len(items) * max(map(len, items), default=0) * 4 > MAX_STRARRAY_BYTES:
        raise CodecError("string array is too large for the grader")
    return np.array(items, dtype=str).reshape(tuple(int(n) for n in tree["shape"]))


def _decode_float(tree: dict, depth: int) -> float:
    text = tree["value"]
    if text not in ("nan", "inf", "-inf"):
        raise CodecError("invalid special float")
    return float(text)


_DECODERS = {
    "tuple": lambda t, d: tuple(_decode(v, d + 1) for v in _counted(t["items"])),
    "dict": lambda t, d: {_decode_hashable(k, d): _decode(v, d + 1)
                          for k, v in _counted(t["items"])},
    "bigint": lambda t, d: int(str(t["value"])),
    "float": _decode_float,
    "ndarray": _decode_array,
    "strarray": lambda t, d: _decode_strarray(t),
    "npscalar": _decode_scalar,
    "dataframe": _decode_dataframe,
    "series": _decode_series,
    "index": lambda t, d: __import__("pandas").Index(_decode_column(t["data"], d + 1),
                                                     name=_decode_hashable(t.get("name"), d)),
    "keras_model": _decode_keras,
}
