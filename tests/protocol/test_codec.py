"""autograder.protocol.codec: the plain-data encoding between the judge and the sandbox (no pickle)."""

from __future__ import annotations

import base64
import collections
import json
import math

import numpy as np
import pandas as pd
import pytest

from autograder.protocol import codec
from autograder.protocol.codec import CodecError, KerasModelData, decode, encode


def via_json(value):
    """encode -> strict JSON text -> decode, as the value travels over the wire."""
    text = json.dumps(encode(value), allow_nan=False)
    return decode(json.loads(text))


def direct(value):
    return decode(encode(value))


@pytest.fixture(params=[direct, via_json], ids=["direct", "json"])
def roundtrip(request):
    return request.param


def assert_same(got, expected):
    """Equal value and type, recursively; arrays: same dtype, shape and values (nan == nan)."""
    if isinstance(expected, np.ndarray):
        assert type(got) is np.ndarray
        assert got.dtype == expected.dtype
        assert got.shape == expected.shape
        equal_nan = expected.dtype.kind in "fc"
        assert np.array_equal(got, expected, equal_nan=equal_nan)
        return
    assert type(got) is type(expected), (got, expected)
    if isinstance(expected, float):
        if math.isnan(expected):
            assert math.isnan(got)
        else:
            assert got == expected and math.copysign(1, got) == math.copysign(1, expected)
    elif isinstance(expected, (list, tuple)):
        assert len(got) == len(expected)
        for g, e in zip(got, expected):
            assert_same(g, e)
    elif isinstance(expected, dict):
        assert list(got) == list(expected)  # same keys, same order, same key types
        for (gk, gv), (ek, ev) in zip(got.items(), expected.items()):
            assert type(gk) is type(ek)
            assert_same(gv, ev)
    else:
        assert got == expected


# ---------------------------------------------------------------- plain Python values

SCALARS = [
    None, True, False, 0, 1, -1, 2**31, 2**63 - 1, -(2**63) + 1, 2**63, -(2**63), 2**64 + 7,
    3**200, -(3**200), 0.0, -0.0, 1.5, -2.25, 1e308, 5e-324, float("nan"), float("inf"),
    float("-inf"), "", "abc", "علی رضایی", "سلام، دنیا! ۱۲۳", "emoji 🎉 and \u200c zwnj", "a\x00b",
    "line\nbreak\t\"quoted\"",
]


@pytest.mark.parametrize("value", SCALARS, ids=repr)
def test_scalar_round_trip(roundtrip, value):
    assert_same(roundtrip(value), value)


def test_bool_stays_bool_and_int_stays_int():
    assert decode(encode(True)) is True
    assert type(decode(encode(1))) is int
    assert type(via_json(1.0)) is float


def test_big_ints_are_tagged_and_small_ones_are_plain():
    assert encode(2**63 - 1) == 2**63 - 1
    assert encode(-(2**63) + 1) == -(2**63) + 1
    assert encode(2**63) == {"$t": "bigint", "value": str(2**63)}
    assert encode(-(2**63)) == {"$t": "bigint", "value": str(-(2**63))}


def test_special_floats_give_strict_json():
    tree = encode([float("nan"), float("inf"), float("-inf"), 1.0])
    json.dumps(tree, allow_nan=False)  # must not raise
    assert tree[3] == 1.0 and isinstance(tree[0], dict)


CONTAINERS = [
    [],
    (),
    {},
    [1, [2, [3, []]], ()],
    (1, "a", None, (2.5, (True,))),
    {"a": 1, "b": [1, 2], "c": {"d": (1, 2)}},
    {1: "one", 2: "two", -5: "minus five"},
    {(1, 2): "pair", ("x", (3, None)): [4], (): "empty"},
    {True: "t", None: "n", 1.5: "f", "s": "s", 2**70: "big"},
    [{"سلام": "دنیا"}, ("ب", "پ")],
    {"nested": [{"deep": ({"x": [1.0, float("nan")]},)}]},
]


@pytest.mark.parametrize("value", CONTAINERS, ids=repr)
def test_container_round_trip(roundtrip, value):
    assert_same(roundtrip(value), value)


def test_tuple_is_not_turned_into_list():
    out = via_json({"k": (1, [2, (3,)])})
    assert type(out["k"]) is tuple and type(out["k"][1]) is list and type(out["k"][1][1]) is tuple


def test_dict_key_order_is_kept():
    value = {"z": 1, "a": 2, 3: 3, (0,): 4}
    assert list(via_json(value)) == ["z", "a", 3, (0,)]


# ---------------------------------------------------------------- numpy

DTYPES = ["bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64",
          "float16", "float32", "float64", "longdouble", "complex64", "complex128"]
SHAPES = [(), (0,), (1,), (5,), (2, 3), (2, 0, 4), (1, 1, 1, 1), (3, 1, 2)]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_array_round_trip(roundtrip, dtype, shape):
    array = (np.arange(math.prod(shape)) * 7 - 3).reshape(shape).astype(dtype)
    got = roundtrip(array)
    assert_same(got, array)


def test_array_extreme_values_survive():
    values = [
        np.array([np.iinfo(np.int64).min, np.iinfo(np.int64).max], dtype=np.int64),
        np.array([0, np.iinfo(np.uint64).max], dtype=np.uint64),
        np.array([np.nan, np.inf, -np.inf, -0.0, 5e-324, 1.7e308]),
        np.array([1 + 2j, np.nan + 1j, complex(np.inf, -np.inf)], dtype=np.complex128),
        np.array([65504, -65504, np.nan], dtype=np.float16),
    ]
    for array in values:
        got = via_json(array)
        assert_same(got, array)
        # bit-exact (-0.0 keeps its sign)
        assert got.tobytes() == array.tobytes()


def test_non_contiguous_arrays(roundtrip):
    base = np.arange(60, dtype=np.float64).reshape(3, 4, 5)
    for view in (base[::2, ::-1, 1::2], base.transpose(2, 0, 1), np.asfortranarray(base),
                 base[:, 1, :], base[..., 0].T):
        assert not view.flags.c_contiguous or view is base
        got = roundtrip(view)
        assert_same(got, np.ascontiguousarray(view))
        assert np.array_equal(got, view)


@pytest.mark.parametrize("dtype", [">i2", ">i4", ">u8", ">f4", ">f8", ">c16"])
def test_big_endian_input_decodes_to_native_with_same_values(roundtrip, dtype):
    array = (np.arange(6).reshape(2, 3) - 2).astype(dtype)
    got = roundtrip(array)
    assert got.dtype == np.dtype(dtype).newbyteorder("=")
    assert got.dtype.isnative
    assert np.array_equal(got, array)


def test_arrays_travel_little_endian():
    assert encode(np.arange(3, dtype=">i4"))["dtype"] == "<i4"
    assert encode(np.arange(3, dtype=">f8"))["dtype"] == "<f8"
    assert encode(np.arange(3, dtype=np.uint8))["dtype"] == "|u1"


def test_decoded_array_is_a_writable_copy():
    got = decode(encode(np.arange(4)))
    got[0] = 99  # the judge may modify what it received
    assert got[0] == 99


@pytest.mark.parametrize("array", [
    np.array(["a", "bb", ""]),
    np.array(["سلام", "دنیا", "۱۲۳"]),
    np.array([["x", "yy"], ["zzz", "🎉"]]),
    np.array("zero-d"),
    np.zeros((0,), dtype="U3"),
    np.zeros((2, 0), dtype="U1"),
], ids=["ascii", "persian", "2d", "0d", "empty", "empty2d"])
def test_unicode_arrays(roundtrip, array):
    got = roundtrip(array)
    assert type(got) is np.ndarray and got.dtype.kind == "U"
    assert got.shape == array.shape
    assert np.array_equal(got, array)


@pytest.mark.parametrize("scalar", [
    np.float32(1.5), np.float64(-2.5), np.float16(0.5), np.int8(-3), np.int16(300),
    np.int32(-7), np.int64(2**62), np.uint8(255), np.uint64(2**64 - 1), np.bool_(True),
    np.bool_(False), np.complex64(1 - 2j), np.complex128(3 + 4j), np.float64("nan"),
], ids=lambda s: f"{type(s).__name__}({s})")
def test_numpy_scalars_keep_their_dtype(roundtrip, scalar):
    got = roundtrip(scalar)
    assert type(got) is type(scalar)
    assert got.dtype == scalar.dtype
    if np.isnan(scalar):
        assert np.isnan(got)
    else:
        assert got == scalar


def test_numpy_str_scalar_round_trip():
    got = decode(encode(np.str_("abc")))
    assert got == "abc"


# ---------------------------------------------------------------- pandas


def test_dataframe_with_range_index(roundtrip):
    frame = pd.DataFrame({"a": [1, 2, 3], "b": [1.5, np.nan, -3.0], "c": [True, False, True],
                          "d": np.array([1, 2, 3], dtype=np.uint8)})
    got = roundtrip(frame)
    assert isinstance(got, pd.DataFrame)
    assert isinstance(got.index, pd.RangeIndex)
    pd.testing.assert_frame_equal(got, frame)


def test_dataframe_with_stepped_range_index(roundtrip):
    frame = pd.DataFrame({"v": [1.0, 2.0, 3.0]}, index=pd.RangeIndex(10, 4, -2))
    got = roundtrip(frame)
    assert isinstance(got.index, pd.RangeIndex)
    assert list(got.index) == [10, 8, 6]
    pd.testing.assert_frame_equal(got, frame)


@pytest.mark.parametrize("index", [["x", "y", "z"], [10, 20, 5], [0.5, 1.5, -1.0],
                                   ["الف", "ب", "پ"]], ids=str)
def test_dataframe_with_custom_index(roundtrip, index):
    frame = pd.DataFrame({"a": [1, 2, 3], "b": [4.0, 5.0, 6.0]}, index=index)
    got = roundtrip(frame)
    pd.testing.assert_frame_equal(got, frame)


def test_dataframe_with_datetime_column(roundtrip):
    times = pd.to_datetime(["2020-01-01 10:00", "2021-06-30 00:00", None]).as_unit("ns")
    frame = pd.DataFrame({"when": times, "x": [1, 2, 3]})
    got = roundtrip(frame)
    assert got["when"].dtype == np.dtype("datetime64[ns]")
    assert pd.isna(got["when"].iloc[2])
    pd.testing.assert_frame_equal(got, frame)


def test_dataframe_with_datetime_index(roundtrip):
    index = pd.DatetimeIndex(["2024-03-01", "2024-03-02"]).as_unit("ns")
    frame = pd.DataFrame({"x": [1.0, 2.0]}, index=index)
    got = roundtrip(frame)
    assert isinstance(got.index, pd.DatetimeIndex)
    pd.testing.assert_frame_equal(got, frame, check_freq=False)


def test_dataframe_with_object_and_string_columns(roundtrip):
    frame = pd.DataFrame({"mixed": pd.Series(["a", 1, None, 2.5], dtype=object),
                          "name": ["علی", "سارا", "رضا", "مینا"],
                          "num": [1, 2, 3, 4]})
    got = roundtrip(frame)
    assert got["mixed"].dtype == object
    assert list(got["mixed"].iloc[:2]) == ["a", 1] and got["mixed"].iloc[2] is None
    assert list(got["name"]) == ["علی", "سارا", "رضا", "مینا"]
    pd.testing.assert_frame_equal(got, frame)


def test_dataframe_with_int_column_names(roundtrip):
    frame = pd.DataFrame(np.arange(6).reshape(2, 3))
    got = roundtrip(frame)
    assert list(got.columns) == [0, 1, 2] and all(type(c) is int for c in got.columns)
    pd.testing.assert_frame_equal(got, frame)
    shuffled = pd.DataFrame([[1.0, 2.0]], columns=[7, -1])
    pd.testing.assert_frame_equal(roundtrip(shuffled), shuffled)


def test_dataframe_with_duplicate_and_tuple_column_names(roundtrip):
    frame = pd.DataFrame([[1, 2, 3]], columns=["a", "a", "b"])
    got = roundtrip(frame)
    assert list(got.columns) == ["a", "a", "b"]
    assert got.values.tolist() == [[1, 2, 3]]


def test_empty_dataframe(roundtrip):
    frame = pd.DataFrame()
    got = roundtrip(frame)
    assert isinstance(got, pd.DataFrame) and got.shape == (0, 0)
    frame2 = pd.DataFrame({"a": pd.Series([], dtype="float64")})
    pd.testing.assert_frame_equal(roundtrip(frame2), frame2)


@pytest.mark.parametrize("name", ["values", 3, None, ("a", 1), "نام"], ids=repr)
def test_series_keeps_name_index_and_values(roundtrip, name):
    series = pd.Series([1.5, np.nan, 3.0], index=["a", "b", "c"], name=name)
    got = roundtrip(series)
    assert isinstance(got, pd.Series)
    assert got.name == name and type(got.name) is type(name)
    pd.testing.assert_series_equal(got, series)


def test_series_of_ints_with_range_index(roundtrip):
    series = pd.Series(np.arange(5, dtype=np.int32), name="n")
    got = roundtrip(series)
    assert isinstance(got.index, pd.RangeIndex)
    pd.testing.assert_series_equal(got, series)


@pytest.mark.parametrize("index", [
    pd.Index([3, 1, 2]), pd.Index([0.5, -1.0]), pd.Index(["a", "ب"]), pd.RangeIndex(0, 10, 3),
    pd.DatetimeIndex(["2020-01-01", "2020-02-01"]).as_unit("ns"),
], ids=["int", "float", "str", "range", "datetime"])
def test_index_round_trip(roundtrip, index):
    got = roundtrip(index)
    assert isinstance(got, pd.Index)
    pd.testing.assert_index_equal(got, index, exact="equiv")


def test_dataframe_index_name_is_kept():
    frame = pd.DataFrame({"k": ["a", "b", "a"], "v": [1, 2, 3]}).groupby("k").sum()
    assert frame.index.name == "k"
    pd.testing.assert_frame_equal(decode(encode(frame)), frame)


def test_datetime_unit_is_kept():
    frame = pd.DataFrame({"when": pd.to_datetime(["2020-01-01", "2021-02-03"]).as_unit("us")})
    pd.testing.assert_frame_equal(decode(encode(frame)), frame)


# ---------------------------------------------------------------- flattening of subclasses


class RiggedArray(np.ndarray):
    def __eq__(self, other):
        return True

    __hash__ = None


class RiggedInt(int):
    def __eq__(self, other):
        return True

    __hash__ = int.__hash__


class RiggedFloat(float):
    def __eq__(self, other):
        return True

    __hash__ = float.__hash__


class RiggedStr(str):
    def __eq__(self, other):
        return True

    __hash__ = str.__hash__

    def __str__(self):
        return "forged"


class RiggedDict(dict):
    def __eq__(self, other):
        return True

    def items(self):
        return [("forged", 1)]

    def keys(self):
        return ["forged"]


class RiggedList(list):
    def __eq__(self, other):
        return True

    def __iter__(self):
        return iter(["forged"])


def test_ndarray_subclass_becomes_plain_ndarray(roundtrip):
    value = np.arange(6).reshape(2, 3).view(RiggedArray)
    got = roundtrip(value)
    assert type(got) is np.ndarray
    assert got.tolist() == [[0, 1, 2], [3, 4, 5]]
    assert not np.array_equal(got, np.zeros((2, 3)))


def test_rigged_scalars_become_plain_types(roundtrip):
    got = roundtrip([RiggedInt(5), RiggedFloat(2.5), RiggedStr("real")])
    assert [type(g) for g in got] == [int, float, str]
    assert got == [5, 2.5, "real"]
    assert got[0] != 6 and got[2] != "forged"


def test_rigged_containers_become_plain_types(roundtrip):
    value = RiggedDict(real=RiggedList([1, 2]), other=(RiggedInt(3),))
    got = roundtrip(value)
    assert type(got) is dict and type(got["real"]) is list and type(got["other"][0]) is int
    assert got == {"real": [1, 2], "other": (3,)}


def test_rigged_dict_keys_become_plain(roundtrip):
    got = roundtrip({RiggedStr("k"): 1, RiggedInt(2): 2})
    assert [type(k) for k in got] == [str, int]
    assert list(got) == ["k", 2]


def test_namedtuple_becomes_plain_tuple(roundtrip):
    Point = collections.namedtuple("Point", "x y")
    got = roundtrip(Point(1, 2))
    assert type(got) is tuple and got == (1, 2)


# ---------------------------------------------------------------- encoder refusals


class Custom:
    pass


@pytest.mark.parametrize("value, name", [
    (object(), "builtins.object"),
    (Custom(), "Custom"),
    ({1, 2}, "set"),
    (frozenset(), "frozenset"),
    (b"bytes", "bytes"),
    (1 + 2j, "complex"),
    (lambda: 1, "function"),
    (iter([1]), "list_iterator"),
    (range(3), "range"),
    (Ellipsis, "ellipsis"),
], ids=lambda v: type(v).__name__ if not isinstance(v, str) else v)
def test_arbitrary_objects_are_refused_with_their_type(value, name):
    with pytest.raises(CodecError, match=name):
        encode(value)


def test_refusal_inside_a_container_names_the_culprit():
    with pytest.raises(CodecError, match="Custom"):
        encode([1, {"a": (2, Custom())}])
    with pytest.raises(CodecError, match="Custom"):
        encode({Custom(): 1})


@pytest.mark.parametrize("array", [
    np.array([1, "a"], dtype=object),
    np.array([None]),
    np.array(["2020-01-01"], dtype="datetime64[D]"),
    np.array([1], dtype="timedelta64[s]"),
    np.array([b"raw"]),
    np.zeros(2, dtype=[("a", "i4"), ("b", "f8")]),
], ids=["object", "none", "datetime", "timedelta", "bytes", "structured"])
def test_refused_array_dtypes(array):
    with pytest.raises(CodecError, match="dtype"):
        encode(array)
    with pytest.raises(CodecError):
        encode([array])


def test_pandas_missing_value_is_refused_not_crashing():
    with pytest.raises(CodecError, match="NAType"):
        encode(pd.Series([1, None], dtype="Int64"))


def _nested(levels):
    value = 0
    for _ in range(levels):
        value = [value]
    return value


def test_nesting_limit():
    assert decode(encode(_nested(codec.MAX_DEPTH))) == _nested(codec.MAX_DEPTH)
    with pytest.raises(CodecError, match="nested"):
        encode(_nested(codec.MAX_DEPTH + 1))
    with pytest.raises(CodecError, match="nested"):
        encode(_nested(1000))


def test_self_referencing_structure_is_refused():
    loop = []
    loop.append(loop)
    with pytest.raises(CodecError, match="nested"):
        encode(loop)
    d = {}
    d["me"] = d
    with pytest.raises(CodecError):
        encode(d)


def test_item_budget(monkeypatch):
    monkeypatch.setattr(codec, "MAX_ITEMS", 10)
    assert decode(encode(list(range(10)))) == list(range(10))
    with pytest.raises(CodecError, match="more than 10 entries"):
        encode(list(range(11)))
    # counted over the whole value, dicts and tuples included
    assert decode(encode([[1] * 4, [1] * 4])) == [[1] * 4, [1] * 4]
    with pytest.raises(CodecError, match="entries"):
        encode([[1] * 6, [1] * 6])
    with pytest.raises(CodecError, match="entries"):
        encode({i: (i,) for i in range(6)})
    # arrays are bounded by message size, not by the item budget
    assert decode(encode(np.zeros(100))).shape == (100,)


def test_huge_int_is_refused_with_codec_error_or_encoded():
    value = 10**5000
    try:
        assert decode(encode(value)) == value
    except CodecError:
        pass


# ---------------------------------------------------------------- decoder refusals


def _array_tree(**changes):
    tree = encode(np.arange(4, dtype=np.int32))
    tree.update(changes)
    return tree


@pytest.mark.parametrize("tree, message", [
    ({"$t": "pickle", "data": "gASV"}, "unknown value kind"),
    ({"$t": "object", "module": "os", "name": "system"}, "unknown value kind"),
    ({"a": 1}, "unexpected element"),
    ({}, "unexpected element"),
    ({"$t": 5}, "unexpected element"),
    ((1, 2), "unexpected element"),
    ({1, 2}, "unexpected element"),
    (b"x", "unexpected element"),
    ([1, {"$t": "nope"}], "unknown value kind"),
    (_array_tree(shape=[5]), "does not match"),
    (_array_tree(shape=[2, 3]), "does not match"),
    (_array_tree(shape=[-4]), "invalid array shape"),
    (_array_tree(data="!!!not base64!!!"), "malformed ndarray"),
    (_array_tree(data=base64.b64encode(b"\x00" * 15).decode()), "does not match"),
    (_array_tree(data=12), "malformed ndarray"),
    (_array_tree(dtype="|O"), "refusing array dtype"),
    (_array_tree(dtype="<M8[ns]"), "refusing array dtype"),
    (_array_tree(dtype="<m8[s]"), "refusing array dtype"),
    (_array_tree(dtype="<U1"), "refusing array dtype"),
    (_array_tree(dtype="V4"), "refusing array dtype"),
    (_array_tree(dtype="not-a-dtype"), "malformed ndarray"),
    ({"$t": "ndarray", "dtype": "<i4", "shape": [1]}, "malformed ndarray"),
    ({"$t": "float", "value": "1e999"}, "invalid special float"),
    ({"$t": "float", "value": "nan()"}, "invalid special float"),
    ({"$t": "float", "value": 1.0}, "invalid special float"),
    ({"$t": "bigint", "value": "12abc"}, "malformed bigint"),
    ({"$t": "dict", "items": [[[1, 2], 3]]}, "dict keys"),
    ({"$t": "dict", "items": [[{"$t": "dict", "items": []}, 3]]}, "dict keys"),
    ({"$t": "dict", "items": [[encode(np.arange(2)), 3]]}, "dict keys"),
    ({"$t": "dict", "items": [[1, 2, 3]]}, "malformed dict"),
    ({"$t": "tuple"}, "malformed tuple"),
    ({"$t": "npscalar", "array": encode(np.arange(2))}, "shape"),
    ({"$t": "npscalar", "array": {"$t": "tuple", "items": []}}, "expected an array"),
    ({"$t": "keras_model", "config": "{not json", "weights": []}, "malformed keras_model"),
    ({"$t": "keras_model", "config": {"class_name": "Sequential"}, "weights": []},
     "JSON string"),
    ({"$t": "keras_model", "config": "{}", "weights": [{"$t": "strarray", "shape": [0],
                                                        "items": []}]}, "expected an array"),
    ({"$t": "dataframe", "columns": ["a", "b"], "index": {"$t": "range", "start": 0, "stop": 1,
                                                          "step": 1},
      "data": [encode(np.arange(1))]}, "do not match"),
    ({"$t": "index", "data": {"$t": "python", "items": []}}, "unknown column kind"),
], ids=lambda v: v if isinstance(v, str) else None)
def test_decoder_refusals(tree, message):
    with pytest.raises(CodecError, match=message):
        decode(tree)


def test_decoder_refuses_deep_nesting_without_recursion_error():
    tree = 0
    for _ in range(5000):
        tree = [tree]
    with pytest.raises(CodecError, match="deep"):
        decode(tree)
    tuple_tree = 0
    for _ in range(100):
        tuple_tree = {"$t": "tuple", "items": [tuple_tree]}
    with pytest.raises(CodecError, match="deep"):
        decode(tuple_tree)


def test_decoder_accepts_what_encoder_makes_for_every_tag():
    value = {
        "big": 2**80, "f": float("nan"), "t": (1,), "a": np.arange(3), "s": np.array(["x"]),
        "n": np.int16(4), "df": pd.DataFrame({"x": [1]}), "se": pd.Series([1.0], name="s"),
        "ix": pd.Index([1, 2]),
    }
    tags = set()

    def collect(tree):
        if isinstance(tree, dict):
            tags.add(tree.get("$t"))
            for v in tree.values():
                collect(v)
        elif isinstance(tree, list):
            for v in tree:
                collect(v)

    tree = encode(value)
    collect(tree)
    assert {"dict", "bigint", "float", "tuple", "ndarray", "strarray", "npscalar", "dataframe",
            "series", "index", "range"} <= tags
    got = decode(json.loads(json.dumps(tree)))
    assert got["big"] == 2**80 and math.isnan(got["f"]) and got["n"].dtype == np.int16


# ---------------------------------------------------------------- Keras models


def test_keras_model_round_trip_as_plain_data():
    import keras

    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])
    tree = encode(model)
    assert tree["$t"] == "keras_model"
    assert isinstance(tree["config"], str)
    got = decode(json.loads(json.dumps(tree)))
    assert isinstance(got, KerasModelData)
    expected = model.get_weights()
    assert len(got.weights) == len(expected) == 2
    for w, e in zip(got.weights, expected):
        assert_same(w, np.asarray(e))
    rebuilt = keras.models.model_from_json(got.config_json)  # safe mode is the default
    assert rebuilt.count_params() == model.count_params() == 8
    rebuilt.set_weights(got.weights)
    x = np.arange(6, dtype="float32").reshape(2, 3)
    np.testing.assert_allclose(rebuilt.predict(x, verbose=0), model.predict(x, verbose=0),
                               rtol=1e-6)


# ---------------------------------------------------------------- binary attachment


def test_arrays_travel_in_the_attachment_not_as_base64():
    value = {"x": np.arange(12.0).reshape(3, 4), "s": np.float32(2.5), "n": [np.array([True])],
             "f": pd.DataFrame({"a": [1.0, 2.0]})}
    with codec.attachment() as blob:
        tree = encode(value)
    text = json.dumps(tree)
    assert '"data": "' not in text and text.count('"at"') == 4 and len(blob) == 96 + 4 + 1 + 16
    got = decode(json.loads(json.dumps(tree)), attachment=bytes(blob))
    assert np.array_equal(got["x"], value["x"]) and got["s"] == np.float32(2.5)
    pd.testing.assert_frame_equal(got["f"], value["f"])


@pytest.mark.parametrize("at", [[0, 64], [-8, 8], [40, 16], [0, 8]])
def test_attachment_references_are_checked(at):
    tree = {"$t": "ndarray", "dtype": "<f8", "shape": [2], "at": at}
    with pytest.raises(CodecError):
        decode(tree, attachment=b"\0" * 48)


# ------------------------------------------------------------------ decoding budgets (judge side)


def test_decode_item_budget_counts_every_container():
    tree = encode({"a": [1, 2, 3], "b": (4, 5)})
    assert decode(tree, max_items=7) == {"a": [1, 2, 3], "b": (4, 5)}
    with pytest.raises(CodecError, match="too many entries"):
        decode(tree, max_items=6)


def test_decode_item_budget_is_shared_by_the_whole_value():
    tree = [[0] * 40 for _ in range(40)]
    with pytest.raises(CodecError, match="too many entries"):
        decode(tree, max_items=1000)


def test_decode_depth_budget():
    tree = encode([[[1]]])
    assert decode(tree, max_depth=3) == [[[1]]]
    with pytest.raises(CodecError, match="nested too deeply"):
        decode(tree, max_depth=2)


def test_decode_refuses_a_padded_string_array_that_would_be_huge():
    tree = {"$t": "strarray", "shape": [3], "items": ["x" * 30_000_000, "a", "b"]}
    with pytest.raises(CodecError, match="string array is too large"):
        decode(tree)


def test_decode_refuses_a_keras_config_flood_before_parsing_it():
    tree = {"$t": "keras_model", "config": "[" + "0," * 5000 + "0]", "weights": []}
    with pytest.raises(CodecError, match="too many entries"):
        decode(tree, max_items=1000)


def test_decode_budget_does_not_leak_into_the_next_call():
    with pytest.raises(CodecError):
        decode([0] * 10, max_items=5)
    assert decode([0] * 10) == [0] * 10


def test_a_value_with_more_array_bytes_than_a_message_holds_is_refused_before_it_is_copied(
        monkeypatch):
    monkeypatch.setattr(codec, "MAX_ARRAY_BYTES", 1000)
    with codec.attachment() as blob:
        encode(np.zeros(100))  # 800 bytes: fine
        assert len(blob) == 800
        with pytest.raises(CodecError, match=r"holds 0 MB of array data \(with the arrays before "
                                             r"it\) and the grader takes at most 0 MB"):
            encode([np.zeros(10), np.zeros(20)])  # 80 + 160 bytes more than the 200 left
        assert len(blob) == 880  # the first array went in; the refused one was not copied
    with pytest.raises(CodecError, match="return a smaller result"):
        encode(np.zeros(126))  # base64 path (no attachment): the same budget
