"""Content of homework 3, part 2: the two Keras models (question 2) and the receptive field of a
convolution / pooling stack (question 3). Read by make_master.py; see there for the layout."""

from __future__ import annotations

from hw03_windows import AutoQuestion

# ============================================================== Q2 Keras models

Q2_TEXT = r"""
## پرسش ۲: شبکهٔ کانولوشنی یک‌بعدی و ترکیب آن با GRU · Question 2: a 1D convnet, and a 1D convnet followed by a GRU

<div dir="rtl" lang="fa">

لایهٔ `Conv1D` الگوهای محلی یک دنباله را پیدا می‌کند و چون همان فیلتر در همهٔ موقعیت‌ها به کار می‌رود، الگویی که در جایی آموخته شده در جای دیگر هم شناخته می‌شود. این لایه‌ها ارزان و موازی‌اند، ولی به ترتیب رویدادها فراتر از اندازهٔ پنجرهٔ خود حساس نیستند؛ ترکیب یک پایهٔ کانولوشنی (برای کوتاه کردن دنباله و استخراج ویژگی) با یک لایهٔ بازگشتی هر دو مزیت را با هم دارد.

دو تابع بنویسید که هر کدام یک مدل `keras.Sequential` **ساخته‌نشده برای طول خاص** برمی‌گردانند: ورودی با `keras.Input(shape=(None, n_features))`، یعنی هر طولی از دنباله پذیرفته می‌شود. همهٔ کانولوشن‌ها با `padding="valid"` (پیش‌فرض) و بقیهٔ آرگومان‌ها پیش‌فرض Keras هستند. مدل را کامپایل کردن یا آموزش دادن لازم نیست.

1. `build_conv1d_model(n_features)`: به ترتیب `Conv1D(32, 5, activation="relu")`، `MaxPooling1D(3)`، `Conv1D(32, 5, activation="relu")`، `MaxPooling1D(3)`، `Conv1D(32, 5, activation="relu")`، `GlobalMaxPooling1D()` و `Dense(1)`.
2. `build_conv_gru_model(n_features)`: به ترتیب `Conv1D(32, 5, activation="relu")`، `MaxPooling1D(3)`، `Conv1D(32, 5, activation="relu")`، `GRU(32, dropout=0.1, recurrent_dropout=0.5)` و `Dense(1)`.

نمره‌دهنده مدل شما را از پیکربندی‌اش دوباره می‌سازد و نوع و تنظیمات لایه‌ها، تعداد پارامترها و شکل خروجی را برای دو طول متفاوت دنباله با مدل مرجع مقایسه می‌کند. پس به جای `GlobalMaxPooling1D` از `Flatten` استفاده نکنید: `Flatten` طول ثابتی می‌خواهد.

</div>

A `Conv1D` layer finds local patterns in a sequence, and since the same filter slides over every position, a pattern learned in one place is recognised anywhere. These layers are cheap and parallel, but they are blind to the order of events beyond the size of their window; a convolutional base (which shortens the sequence and extracts features) followed by a recurrent layer gets both advantages.

Write two functions, each returning a `keras.Sequential` model **not tied to one length**: its input is `keras.Input(shape=(None, n_features))`, so sequences of any length are accepted. All convolutions use `padding="valid"` (the default) and every other argument keeps Keras's default. There is no need to compile or train the models.

1. `build_conv1d_model(n_features)`: in order `Conv1D(32, 5, activation="relu")`, `MaxPooling1D(3)`, `Conv1D(32, 5, activation="relu")`, `MaxPooling1D(3)`, `Conv1D(32, 5, activation="relu")`, `GlobalMaxPooling1D()` and `Dense(1)`.
2. `build_conv_gru_model(n_features)`: in order `Conv1D(32, 5, activation="relu")`, `MaxPooling1D(3)`, `Conv1D(32, 5, activation="relu")`, `GRU(32, dropout=0.1, recurrent_dropout=0.5)` and `Dense(1)`.

The grader rebuilds your model from its configuration and compares the layer types and settings, the number of parameters and the output shape for two different sequence lengths with a reference model. So do not use `Flatten` instead of `GlobalMaxPooling1D`: `Flatten` needs a fixed length.
"""

Q2_SOLUTION = r'''
import keras
from keras import layers


def build_conv1d_model(n_features):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    model = keras.Sequential()
    model.add(keras.Input(shape=(None, n_features)))
    for block in range(3):
        model.add(layers.Conv1D(32, 5, activation="relu"))
        if block < 2:
            model.add(layers.MaxPooling1D(3))
    model.add(layers.GlobalMaxPooling1D())
    model.add(layers.Dense(1))
    return model
    # END SOLUTION


def build_conv_gru_model(n_features):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    model = keras.Sequential()
    model.add(keras.Input(shape=(None, n_features)))
    model.add(layers.Conv1D(32, 5, activation="relu"))
    model.add(layers.MaxPooling1D(3))
    model.add(layers.Conv1D(32, 5, activation="relu"))
    model.add(layers.GRU(32, dropout=0.1, recurrent_dropout=0.5))
    model.add(layers.Dense(1))
    return model
    # END SOLUTION
'''

_PUBLIC_MODEL_TEST = r'''
def test_{builder}_layer_types({builder}):
    try:
        from autograder.grading.keras_tools import rebuild_model
    except ImportError:  # in your own Jupyter without the grading tools: use the model itself
        def rebuild_model(model):
            return model
    model = rebuild_model({builder}(4))
    names = [type(layer).__name__ for layer in model.layers if type(layer).__name__ != "InputLayer"]
    assert names == {names!r}, f"the layers should be {names!r}, in this order, not {{names}}"
'''

Q2_PUBLIC = [
    _PUBLIC_MODEL_TEST.format(builder="build_conv1d_model", names=[
        "Conv1D", "MaxPooling1D", "Conv1D", "MaxPooling1D", "Conv1D", "GlobalMaxPooling1D", "Dense"]),
    _PUBLIC_MODEL_TEST.format(builder="build_conv_gru_model", names=[
        "Conv1D", "MaxPooling1D", "Conv1D", "GRU", "Dense"]),
]

_HIDDEN_MODEL_TEST = r'''
def test_{builder}_matches_reference({builder}):
    from autograder.grading.keras_tools import rebuild_model, layer_summary
    from solutions.hw03 import (input_problem, model_difference, output_shape_for_length,
                                {builder} as reference)
    for n_features in (3, 14):
        model = rebuild_model({builder}(n_features))
        expected = reference(n_features)
        problem = model_difference(model, expected) or input_problem(model, n_features)
        assert problem is None, f"{{problem}} (n_features={{n_features}})"
        assert model.count_params() == expected.count_params(), (
            f"the model has {{model.count_params()}} parameters for n_features={{n_features}}, the "
            f"question's model has {{expected.count_params()}}: is the input (None, n_features)?")
    for length in (90, 241):
        try:
            shape = output_shape_for_length(model, length, 14)
        except Exception:
            raise AssertionError(
                f"the model fails on a batch of sequences of {{length}} steps: build it with "
                "keras.Input(shape=(None, n_features)) and no layer that needs a fixed length") from None
        want = output_shape_for_length(expected, length, 14)
        assert shape == want, (
            f"for sequences of {{length}} steps the output has shape {{shape}}, not {{want}}")
'''

_HIDDEN_BEHAVIOUR_TEST = r'''
def test_{builder}_computes_like_reference({builder}):
    import numpy as np
    from autograder.grading.keras_tools import rebuild_model
    from solutions.hw03 import {builder} as reference
    rng = np.random.default_rng({seed})
    n_features = 5
    model = rebuild_model({builder}(n_features))
    expected = reference(n_features)
    weights = [rng.normal(0.0, 0.4, size=w.shape).astype("float32") for w in expected.get_weights()]
    expected.set_weights(weights)
    got_shapes = [tuple(w.shape) for w in model.get_weights()]
    assert got_shapes == [w.shape for w in weights], (
        "the model's weight shapes differ from the question's model: check the layers, their "
        "sizes and use_bias")
    model.set_weights(weights)
    for length in (61, 128):
        x = rng.normal(size=(3, length, n_features)).astype("float32")
        try:
            out = np.asarray(model(x, training=False))
        except Exception:
            raise AssertionError(
                f"the model fails on a batch of sequences of {{length}} steps") from None
        want = np.asarray(expected(x, training=False))
        assert out.shape == want.shape, (
            f"for sequences of {{length}} steps the output has shape {{out.shape}}, not {{want.shape}}")
        assert np.allclose(out, want, rtol=1e-4, atol=1e-4), (
            "with the same weights as the question's model, your model computes different "
            f"outputs (sequences of {{length}} steps): check the settings that keep Keras's "
            "defaults (for example go_backwards, recurrent_activation, reset_after, "
            "data_format, activations)")
'''

Q2_HIDDEN = [(_HIDDEN_MODEL_TEST.format(builder="build_conv1d_model"), 3),
             (_HIDDEN_BEHAVIOUR_TEST.format(builder="build_conv1d_model", seed=3201), 1),
             (_HIDDEN_MODEL_TEST.format(builder="build_conv_gru_model"), 3),
             (_HIDDEN_BEHAVIOUR_TEST.format(builder="build_conv_gru_model", seed=3202), 1)]

# ============================================================== Q3 receptive field

Q3_TEXT = r"""
## پرسش ۳: میدان دید یک پشتهٔ کانولوشن و تجمیع · Question 3: the receptive field of a convolution / pooling stack

<div dir="rtl" lang="fa">

هر گام خروجی یک پشته از لایه‌های `Conv1D` و `MaxPooling1D` (با `padding="valid"`) تنها به بازهٔ محدودی از گام‌های ورودی وابسته است. طول این بازه، یعنی تعداد گام‌ها از نخستین تا آخرین گام ورودی‌ای که آن خروجی می‌بیند (هر دو سر با هم)، میدان دید (receptive field) پشته است. (با کانولوشن متسع ممکن است برخی گام‌های درون بازه استفاده نشوند؛ باز هم کل بازه شمرده می‌شود.) مثلاً دو `Conv1D` با هستهٔ ۳ میدان دید ۵ دارند، ولی اگر بینشان یک `MaxPooling1D(2)` باشد، هر گام لایهٔ دوم دو گام ورودی جلوتر می‌رود و میدان دید ۸ می‌شود.

تابع `receptive_field(layers)` میدان دید را به صورت یک عدد صحیح برمی‌گرداند. `layers` لیستی از دیکشنری‌ها به ترتیب لایه‌هاست:

- `{"type": "conv1d", "kernel_size": k, "strides": s, "dilation_rate": d}`: کانولوشن یک‌بعدی. هستهٔ متسع با `dilation_rate = d` گام‌هایی به فاصلهٔ `d` را می‌بیند، پس بازه‌ای به طول `(k - 1) * d + 1` گام را می‌پوشاند. اگر کلید `"strides"` یا `"dilation_rate"` نباشد، مقدارش `1` است.
- `{"type": "maxpool1d", "pool_size": p, "strides": s}`: تجمیع بیشینه. اگر `"strides"` نباشد یا `None` باشد، برابر `pool_size` است (مانند Keras).

لیست خالی یعنی بدون لایه؛ میدان دید آن ۱ است. (یک نمونه: پایهٔ کانولوشنی مدل اول پرسش ۲ میدان دید ۶۱ دارد.)

</div>

Each output step of a stack of `Conv1D` and `MaxPooling1D` layers (`padding="valid"`) depends on a limited stretch of input steps only. The length of that stretch, counted from the first to the last input step the output sees (both included), is the stack's receptive field. (With dilated convolutions some steps inside the stretch may be unused; the whole stretch still counts.) Two `Conv1D` layers with kernel 3 see 5 steps, for example; put a `MaxPooling1D(2)` between them, and every step of the second layer moves two input steps on, so the receptive field grows to 8.

`receptive_field(layers)` returns the receptive field as an int. `layers` is a list of dicts, in layer order:

- `{"type": "conv1d", "kernel_size": k, "strides": s, "dilation_rate": d}`: a 1D convolution. A kernel with `dilation_rate = d` reads steps `d` apart, so it spans `(k - 1) * d + 1` steps. A missing `"strides"` or `"dilation_rate"` key means `1`.
- `{"type": "maxpool1d", "pool_size": p, "strides": s}`: max pooling. A missing or `None` `"strides"` means `pool_size` (as in Keras).

An empty list means no layer at all: its receptive field is 1. (For instance, the convolutional base of the first model of question 2 has a receptive field of 61.)
"""

Q3_SOLUTION = r'''
def receptive_field(layers):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    # walk backwards from one output step: how many input steps does a window of `width` cover?
    width = 1
    for layer in reversed(layers):
        if layer["type"] == "conv1d":
            size = (layer["kernel_size"] - 1) * layer.get("dilation_rate", 1) + 1
            stride = layer.get("strides", 1)
        else:
            size = layer["pool_size"]
            stride = layer.get("strides") or layer["pool_size"]
        width = (width - 1) * stride + size
    return int(width)
    # END SOLUTION
'''

Q3_PUBLIC = [r'''
def test_receptive_field_small_stacks(receptive_field):
    conv3 = {"type": "conv1d", "kernel_size": 3, "strides": 1, "dilation_rate": 1}
    assert receptive_field([conv3]) == 3, "one Conv1D with kernel 3 sees 3 steps"
    assert receptive_field([conv3, conv3]) == 5, "two Conv1D with kernel 3 see 3 + 2 = 5 steps"
    pool2 = {"type": "maxpool1d", "pool_size": 2, "strides": 2}
    assert receptive_field([conv3, pool2, conv3]) == 8, (
        "conv 3, pool 2, conv 3: the pool sees 3 + 1 = 4 steps and each step of the last conv "
        "moves 2 input steps on, so 4 + 2 * 2 = 8")
''']

Q3_HIDDEN = [(r'''
def test_receptive_field_defaults_and_dilation(receptive_field):
    import numpy as np
    from solutions.hw03 import receptive_field as reference
    stacks = {
        "the classic conv base of question 2": [
            {"type": "conv1d", "kernel_size": 5}, {"type": "maxpool1d", "pool_size": 3},
            {"type": "conv1d", "kernel_size": 5}, {"type": "maxpool1d", "pool_size": 3},
            {"type": "conv1d", "kernel_size": 5}],
        "dilated convolutions 1, 2, 4, 8 with kernel 2": [
            {"type": "conv1d", "kernel_size": 2, "strides": 1, "dilation_rate": d}
            for d in (1, 2, 4, 8)],
        "a strided convolution, then a pool with strides None": [
            {"type": "conv1d", "kernel_size": 4, "strides": 2, "dilation_rate": 1},
            {"type": "maxpool1d", "pool_size": 2, "strides": None},
            {"type": "conv1d", "kernel_size": 3, "strides": 1, "dilation_rate": 3}],
        "an empty stack": [],
        "a pool of size 1 with strides 2, then a conv with kernel 1 and a pool with strides 3": [
            {"type": "conv1d", "kernel_size": 3, "dilation_rate": 2},
            {"type": "maxpool1d", "pool_size": 1, "strides": 2},
            {"type": "conv1d", "kernel_size": 1, "strides": 2},
            {"type": "maxpool1d", "pool_size": 2, "strides": 3},
            {"type": "conv1d", "kernel_size": 2}],
    }
    for label, layers in stacks.items():
        got = receptive_field([dict(layer) for layer in layers])
        assert isinstance(got, (int, np.integer)) and not isinstance(got, bool), (
            f"{label}: return the receptive field as an int, not a {type(got).__name__}")
        want = reference(layers)
        assert got == want, (
            f"{label}: {got} is wrong; fill in the defaults (strides 1 for conv, pool_size for "
            "pooling, dilation 1) and remember that each stride spreads the later layers out")
''', 2), (r'''
def test_receptive_field_random_stacks(receptive_field):
    import numpy as np
    from solutions.hw03 import receptive_field as reference
    rng = np.random.default_rng(3302)
    for trial in range(25):
        layers = []
        for _ in range(int(rng.integers(1, 6))):
            if rng.random() < 0.6:
                layers.append({"type": "conv1d", "kernel_size": int(rng.integers(1, 8)),
                               "strides": int(rng.integers(1, 4)),
                               "dilation_rate": int(rng.integers(1, 5))})
            else:
                pool = int(rng.integers(2, 5))
                layers.append({"type": "maxpool1d", "pool_size": pool,
                               "strides": int(rng.integers(1, pool + 1))})
        got = receptive_field([dict(layer) for layer in layers])
        assert got == reference(layers), (
            f"wrong receptive field ({got}) for the stack {layers}")
''', 4)]
