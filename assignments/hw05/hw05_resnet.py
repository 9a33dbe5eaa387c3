"""Content of homework 5, part 2: VGG and residual blocks (q3), the parameters of VGG16 and
ResNet50 (q4), the first layer's gradient norm (q5) and the VGG vs ResNet experiment (q5b,
written). Read by make_master.py."""

from __future__ import annotations

from hw05_search import AutoQuestion, ManualQuestion  # noqa: F401

# ============================================================== Q3 blocks

Q3_TEXT = r"""
## پرسش ۳: بلوک‌های VGG و ResNet · Question 3: VGG and ResNet blocks

<div dir="rtl" lang="fa">

دو تابع با API تابعی Keras بنویسید؛ هر دو یک تنسور `x` به شکل `(batch, height, width, channels)` می‌گیرند و تنسور خروجی بلوک را برمی‌گردانند.

1. `vgg_block(x, filters, convs)`: به تعداد `convs` لایهٔ `Conv2D(filters, 3, padding="same", activation="relu")` پشت سر هم، و سپس `MaxPooling2D(pool_size=2, strides=2)` (با `padding="valid"`، یعنی ارتفاع و عرض نصف و به پایین گرد می‌شوند).
2. `residual_block(x, filters, stride=1)`: بلوک پایهٔ ResNet مقالهٔ He و همکاران (۲۰۱۵)، با ترتیب اصلی (پس-فعال‌سازی): مسیر اصلی `Conv2D(filters, 3, strides=stride, padding="same")` → `BatchNormalization()` → ReLU → `Conv2D(filters, 3, padding="same")` → `BatchNormalization()`؛ میان‌بر خودِ `x` است اگر شکل‌ها برابر باشند (`stride == 1` و تعداد کانال‌های `x` برابر `filters`) و وگرنه یک تصویرکنندهٔ `Conv2D(filters, 1, strides=stride)` → `BatchNormalization()`؛ سپس جمع (`Add`) و در پایان ReLU. کانولوشن‌ها می‌توانند بایاس داشته باشند یا نداشته باشند؛ تنظیمات `BatchNormalization` را پیش‌فرض بگذارید.

تابع‌های کمکی آماده `vgg_block_model` و `residual_block_model` هر بلوک را در یک مدل می‌گذارند تا به تصحیح‌کننده برسد. تصحیح‌کننده وزن‌های تصادفی بلوک مرجع را به بلوک شما منتقل می‌کند و خروجی دو بلوک را روی ورودی‌های تصادفی مقایسه می‌کند؛ پس ترتیب لایه‌ها، جای ReLU و نوع میان‌بر اهمیت دارد.

</div>

Write two functions with Keras's functional API; both take a tensor `x` of shape `(batch, height, width, channels)` and return the block's output tensor.

1. `vgg_block(x, filters, convs)`: `convs` layers `Conv2D(filters, 3, padding="same", activation="relu")` in a row, then `MaxPooling2D(pool_size=2, strides=2)` (with `padding="valid"`: height and width are halved, rounding down).
2. `residual_block(x, filters, stride=1)`: the basic block of He et al. (2015) in its original (post-activation) order: main path `Conv2D(filters, 3, strides=stride, padding="same")` → `BatchNormalization()` → ReLU → `Conv2D(filters, 3, padding="same")` → `BatchNormalization()`; the shortcut is `x` itself when the shapes match (`stride == 1` and `x` has `filters` channels), otherwise a projection `Conv2D(filters, 1, strides=stride)` → `BatchNormalization()`; then `Add` and a final ReLU. The convolutions may have a bias or not; keep `BatchNormalization`'s default settings.

The given helpers `vgg_block_model` and `residual_block_model` wrap each block in a model so that it can reach the grader. The grader moves the random weights of a reference block into yours and compares the two blocks' outputs on random inputs: the order of the layers, where the ReLUs sit and the kind of shortcut all matter.
"""

Q3_SOLUTION = r'''
from keras import layers


def vgg_block(x, filters, convs):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    out = x
    for _ in range(convs):
        out = layers.Conv2D(filters, (3, 3), padding="same")(out)
        out = layers.Activation("relu")(out)
    return layers.MaxPooling2D((2, 2))(out)
    # END SOLUTION


def residual_block(x, filters, stride=1):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    main = layers.Conv2D(filters, 3, strides=stride, padding="same", use_bias=False)(x)
    main = layers.ReLU()(layers.BatchNormalization()(main))
    main = layers.Conv2D(filters, 3, padding="same", use_bias=False)(main)
    main = layers.BatchNormalization()(main)
    if stride == 1 and x.shape[-1] == filters:
        shortcut = x
    else:
        shortcut = layers.Conv2D(filters, 1, strides=stride, use_bias=False)(x)
        shortcut = layers.BatchNormalization()(shortcut)
    return layers.ReLU()(layers.Add()([main, shortcut]))
    # END SOLUTION
'''

HELPERS_Q3 = r'''
# given helper: do not change (each block of the next cell as a model of its own, which can
# reach the grader)
def vgg_block_model(input_shape, filters, convs):
    inputs = keras.Input(shape=tuple(input_shape))
    return keras.Model(inputs, vgg_block(inputs, filters, convs))


def residual_block_model(input_shape, filters, stride=None):
    inputs = keras.Input(shape=tuple(input_shape))
    if stride is None:  # residual_block's own default
        return keras.Model(inputs, residual_block(inputs, filters))
    return keras.Model(inputs, residual_block(inputs, filters, stride))
'''

_REBUILD = r'''
    try:
        from autograder.grading.keras_tools import rebuild_model
        model = rebuild_model(model)
    except ImportError:
        pass
'''

Q3_PUBLIC = [r'''
def test_block_shapes(vgg_block_model, residual_block_model):
    model = vgg_block_model((8, 8, 3), 4, 2)
    assert model is not None, "vgg_block_model returned None: does vgg_block return a tensor?"
''' + _REBUILD + r'''
    assert tuple(model.output_shape) == (None, 4, 4, 4), (
        f"vgg_block on (8, 8, 3) with 4 filters should give (None, 4, 4, 4), not {model.output_shape}")
    model = residual_block_model((8, 8, 3), 6, 2)
''' + _REBUILD + r'''
    assert tuple(model.output_shape) == (None, 4, 4, 6), (
        "residual_block on (8, 8, 3) with 6 filters and stride 2 should give (None, 4, 4, 6), "
        f"not {model.output_shape}")
''']

_BLOCK_TEST = r'''
def test_{name}({helper}):
    import numpy as np
    from autograder.grading.keras_tools import rebuild_model
    from solutions import hw05
    from solutions.hw05_judge import {mover}, randomize
    for number, args in enumerate({cases}):
        where = f"{helper}{{args}}"
        model = rebuild_model({helper}(*args))
        reference = hw05.{helper}(*args)
        assert tuple(model.output_shape) == tuple(reference.output_shape), (
            f"{{where}}: the block's output shape is {{model.output_shape}}, expected "
            f"{{reference.output_shape}}")
        randomize(reference, seed=number)
        {mover}(reference, model)
        x = np.random.default_rng(number).normal(size=(3, *args[0])).astype("float32")
        ours = np.asarray(reference(x, training=False))
        yours = np.asarray(model(x, training=False))
        assert np.allclose(yours, ours, rtol=1e-3, atol=1e-4), (
            f"{{where}}: with the reference's weights moved into it, your block computes other "
            "{what}")
'''

Q3_HIDDEN = [
    (_BLOCK_TEST.format(name="vgg_block_behaviour", helper="vgg_block_model",
                        mover="move_vgg_weights",
                        cases=[((8, 8, 3), 4, 2), ((9, 7, 2), 5, 1), ((6, 6, 1), 3, 3)],
                        what="values: check the 3x3 same convolutions with relu, their number "
                             "and the 2x2 max pooling"), 2),
    (_BLOCK_TEST.format(name="identity_residual_block", helper="residual_block_model",
                        mover="move_weights", cases=[((8, 8, 6), 6, None), ((7, 5, 4), 4, 1)],
                        what="values: check conv -> batch norm -> ReLU -> conv -> batch norm, "
                             "the identity shortcut, the Add and the final ReLU"), 2),
    (_BLOCK_TEST.format(name="projection_residual_block", helper="residual_block_model",
                        mover="move_weights",
                        cases=[((8, 8, 4), 6, 1), ((9, 9, 4), 6, 2), ((7, 7, 5), 5, 2),
                               ((6, 6, 3), 4, None)],
                        what="values: check the strided 3x3 convolution and the 1x1 projection "
                             "with its batch norm on the shortcut"), 2),
]

# ============================================================== Q4 parameter counts

Q4_TEXT = r"""
## پرسش ۴: پارامترهای VGG16 و ResNet50 · Question 4: the parameters of VGG16 and ResNet50

<div dir="rtl" lang="fa">

بدون ساختن مدل، تعداد پارامترهای دو شبکهٔ `keras.applications` را با `include_top=True` و `weights=None` حساب کنید. هر تابع دیکشنری `{"total": ..., "trainable": ..., "non_trainable": ...}` با عددهای صحیح برمی‌گرداند.

1. `vgg16_params(input_shape=(224, 224, 3), classes=1000)`: پنج بلوک با ۲، ۲، ۳، ۳ و ۳ کانولوشن $3\times3$ (با بایاس، `same`) و ۶۴، ۱۲۸، ۲۵۶، ۵۱۲ و ۵۱۲ فیلتر، هر بلوک با یک max pooling $2\times2$ (ارتفاع و عرض نصف و به پایین گرد)؛ سپس `Flatten` و سه لایهٔ `Dense` با ۴۰۹۶، ۴۰۹۶ و `classes` واحد. برای ورودی پیش‌فرض: ۱۳۸٬۳۵۷٬۵۴۴.
2. `resnet50_params(input_channels=3, classes=1000)`: کانولوشن $7\times7$ با ۶۴ فیلتر و BN، سپس چهار مرحله با ۳، ۴، ۶ و ۳ بلوک گلوگاهی (bottleneck) با `filters` برابر ۶۴، ۱۲۸، ۲۵۶ و ۵۱۲: هر بلوک $1\times1$ با `filters` کانال، $3\times3$ با `filters` و $1\times1$ با `4*filters` کانال، هر کدام با BN؛ بلوک اول هر مرحله میان‌بر تصویرکنندهٔ $1\times1$ به `4*filters` کانال با BN دارد. در `keras.applications` همهٔ این کانولوشن‌ها بایاس دارند. در پایان global average pooling و `Dense(classes)`. هر BN چهار بردار دارد: `gamma` و `beta` آموختنی‌اند و میانگین و واریانس متحرک آموختنی نیستند. برای پیش‌فرض: ۲۵٬۶۳۶٬۷۱۲ که ۵۳٬۱۲۰ از آن آموختنی نیست. (تعداد پارامترهای ResNet50 به اندازهٔ تصویر بستگی ندارد؛ چرا؟)

</div>

Without building a model, count the parameters of two `keras.applications` networks with `include_top=True` and `weights=None`. Each function returns a dict `{"total": ..., "trainable": ..., "non_trainable": ...}` of integers.

1. `vgg16_params(input_shape=(224, 224, 3), classes=1000)`: five blocks of 2, 2, 3, 3 and 3 convolutions $3\times3$ (with bias, `same`) with 64, 128, 256, 512 and 512 filters, each block ending with a $2\times2$ max pooling (height and width halved, rounding down); then `Flatten` and three `Dense` layers of 4096, 4096 and `classes` units. For the default input: 138,357,544.
2. `resnet50_params(input_channels=3, classes=1000)`: a $7\times7$ convolution with 64 filters and BN, then four stages of 3, 4, 6 and 3 bottleneck blocks with `filters` 64, 128, 256 and 512: each block is $1\times1$ to `filters` channels, $3\times3$ to `filters` and $1\times1$ to `4*filters`, each followed by BN; the first block of each stage has a $1\times1$ projection shortcut to `4*filters` channels with BN. In `keras.applications` all these convolutions have a bias. Then global average pooling and `Dense(classes)`. Every BN holds four vectors: `gamma` and `beta` are trainable, the moving mean and variance are not. For the defaults: 25,636,712, of which 53,120 are non-trainable. (ResNet50's count does not depend on the image size: why?)
"""

Q4_SOLUTION = r'''
def vgg16_params(input_shape=(224, 224, 3), classes=1000):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    h, w, c = input_shape
    count = 0
    for n_convs, n_filters in [(2, 64), (2, 128), (3, 256), (3, 512), (3, 512)]:
        for _ in range(n_convs):
            count += (3 * 3 * c + 1) * n_filters
            c = n_filters
        h, w = h // 2, w // 2
    flat = h * w * c
    count += (flat + 1) * 4096 + (4096 + 1) * 4096 + (4096 + 1) * classes
    return {"total": count, "trainable": count, "non_trainable": 0}
    # END SOLUTION


def resnet50_params(input_channels=3, classes=1000):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    convs = [(7, input_channels, 64)]          # (kernel, in, out), each followed by a BN
    c = 64
    for f, n_blocks in [(64, 3), (128, 4), (256, 6), (512, 3)]:
        for b in range(n_blocks):
            convs += [(1, c, f), (3, f, f), (1, f, 4 * f)]
            if b == 0:
                convs.append((1, c, 4 * f))
            c = 4 * f
    weights = sum(k * k * cin * cout + cout for k, cin, cout in convs)
    bn_channels = sum(cout for _, _, cout in convs)
    trainable = weights + 2 * bn_channels + (c + 1) * classes
    return {"total": trainable + 2 * bn_channels, "trainable": trainable,
            "non_trainable": 2 * bn_channels}
    # END SOLUTION
'''

Q4_PUBLIC = [r'''
def test_default_totals(vgg16_params, resnet50_params):
    assert vgg16_params()["total"] == 138_357_544, "VGG16 (224 x 224 x 3, 1000 classes) has 138,357,544 parameters"
    assert resnet50_params()["total"] == 25_636_712, "ResNet50 (1000 classes) has 25,636,712 parameters"
''']

_COUNT_TEST = r'''
def test_{name}({function}):
    from solutions.hw05 import {function} as reference
    for args in {cases}:
        got = {function}(*args)
        assert isinstance(got, dict) and set(got) == {{"total", "trainable", "non_trainable"}}, (
            "return a dict with the keys 'total', 'trainable' and 'non_trainable'")
        expected = reference(*args)
        for key in ("total", "trainable", "non_trainable"):
            assert got[key] == expected[key], (
                f"{function}{{args}}: the {{key}} count is wrong; {hint}")
'''

Q4_HIDDEN = [
    (_COUNT_TEST.format(name="vgg16_counts", function="vgg16_params",
                        cases=[(), ((224, 224, 3), 1000), ((64, 48, 1), 7), ((100, 75, 3), 2),
                               ((32, 32, 3), 10)],
                        hint="check each 3x3 kernel's input channels, the biases, and the "
                             "flattened size after five poolings that round down"), 2),
    (_COUNT_TEST.format(name="resnet50_counts", function="resnet50_params",
                        cases=[(), (3, 1000), (1, 5), (4, 2)],
                        hint="check the bottleneck convolutions, the projection of each "
                             "stage's first block, the biases, and that two of every batch "
                             "norm's four vectors are not trainable"), 2),
]

# ============================================================== Q5 gradient norm

Q5_TEXT = r"""
## پرسش ۵: گرادیان لایهٔ اول · Question 5: the first layer's gradient

<div dir="rtl" lang="fa">

چرا میان‌برهای ResNet آموزش شبکه‌های عمیق را آسان می‌کنند؟ یک راه دیدنش این است که ببینیم گرادیان در آغاز آموزش چقدر به لایهٔ اول می‌رسد. تابع `first_layer_gradient_norm(model, x, y)` را با `tf.GradientTape` بنویسید: `model` یک مدل Keras است که احتمال کلاس‌ها را خروجی می‌دهد (softmax)، `x` دسته‌ای از ورودی‌ها و `y` برچسب‌های صحیح. میانگین `keras.losses.sparse_categorical_crossentropy(y, model(x, training=False))` روی دسته را حساب کنید و نُرم L2 (فروبنیوس، روی همهٔ درایه‌ها) گرادیان آن نسبت به `kernel` **اولین لایه‌ای که kernel دارد** (به ترتیب `model.layers`) را به صورت یک عدد اعشاری `float` برگردانید.

تابع کمکی آماده `gradient_norm_from_data` مدلی را که تصحیح‌کننده به شکل پیکربندی و وزن می‌فرستد در دفترچه می‌سازد و تابع شما را صدا می‌زند. سلول آزمایش پس از این پرسش (با برچسب `skip-grading`) یک شبکهٔ کوچک به سبک VGG و یکی به سبک ResNet با عمق مشابه می‌سازد، هر دو را روی تصویرهای ضایعه آموزش می‌دهد و این نُرم را برای نسخه‌های کم‌عمق و عمیق هر دو چاپ می‌کند.

</div>

Why do ResNet's shortcuts make deep networks easier to train? One way to see it is how much gradient reaches the first layer at the start of training. Write `first_layer_gradient_norm(model, x, y)` with `tf.GradientTape`: `model` is a Keras model that outputs class probabilities (softmax), `x` a batch of inputs and `y` their integer labels. Compute the mean over the batch of `keras.losses.sparse_categorical_crossentropy(y, model(x, training=False))` and return, as a Python `float`, the L2 (Frobenius, over all entries) norm of its gradient with respect to the `kernel` of **the first layer that has a kernel** (in `model.layers` order).

The given helper `gradient_norm_from_data` builds the model the grader sends (as configuration and weights) in the notebook and calls your function. The experiment cell after this question (tagged `skip-grading`) builds a small VGG-style and a small ResNet-style network of similar depth, trains both on the lesion images, and prints this norm for a shallow and a deep version of each.
"""

Q5_SOLUTION = r'''
def first_layer_gradient_norm(model, x, y):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    first = [layer for layer in model.layers if getattr(layer, "kernel", None) is not None][0]
    x = tf.convert_to_tensor(np.asarray(x, dtype="float32"))
    with tf.GradientTape() as tape:
        probs = model(x, training=False)
        loss = tf.reduce_mean(keras.losses.sparse_categorical_crossentropy(y, probs))
    gradient = tape.gradient(loss, first.kernel)
    return float(tf.sqrt(tf.reduce_sum(tf.square(gradient))))
    # END SOLUTION
'''

HELPERS_Q5 = r'''
# given helper: do not change (rebuilds the grader's model here and calls your function below)
def gradient_norm_from_data(config_json, weights, x, y):
    model = keras.models.model_from_json(config_json)
    model.set_weights(weights)
    return first_layer_gradient_norm(model, x, y)
'''

Q5_PUBLIC = [r'''
def test_norm_is_a_positive_float(gradient_norm_from_data):
    import numpy as np
    import keras
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, activation="softmax")])
    x = np.random.default_rng(0).normal(size=(5, 4)).astype("float32")
    value = gradient_norm_from_data(model.to_json(), model.get_weights(), x, np.array([0, 1, 2, 0, 1]))
    assert isinstance(value, float) and value > 0, f"expected a positive float, got {value!r}"
''']

Q5_HIDDEN = [(r'''
def test_gradient_norm_matches(gradient_norm_from_data):
    import numpy as np
    from solutions.hw05 import first_layer_gradient_norm as reference
    from solutions.hw05_judge import small_net
    rng = np.random.default_rng(5)
    for number, kind in enumerate(["vgg", "resnet", "cam"]):
        model = small_net(kind, input_shape=(10, 10, 2), classes=4, seed=number)
        x = rng.normal(size=(6, 10, 10, 2)).astype("float32")
        y = rng.integers(0, 4, size=6)
        got = gradient_norm_from_data(model.to_json(), model.get_weights(), x, y)
        assert isinstance(got, float), f"return a Python float, not {type(got).__name__}"
        assert np.isclose(got, reference(model, x, y), rtol=1e-4, atol=1e-7), (
            f"for a small {kind}-style network the norm differs from the norm of the gradient of "
            "the mean cross-entropy with respect to the first convolution's kernel")
''', 2), (r'''
def test_gradient_norm_first_kernel_after_flatten(gradient_norm_from_data):
    import numpy as np
    import keras
    from solutions.hw05 import first_layer_gradient_norm as reference
    keras.utils.set_random_seed(3)
    model = keras.Sequential([keras.Input((3, 4)), keras.layers.Flatten(),
                              keras.layers.Dense(5, activation="tanh"),
                              keras.layers.Dense(3, activation="softmax")])
    rng = np.random.default_rng(8)
    x, y = rng.normal(size=(7, 3, 4)).astype("float32"), rng.integers(0, 3, size=7)
    got = gradient_norm_from_data(model.to_json(), model.get_weights(), x, y)
    assert np.isclose(got, reference(model, x, y), rtol=1e-4, atol=1e-7), (
        "for Flatten -> Dense -> Dense, the first layer with a kernel is the first Dense: the "
        "norm should be the gradient's norm with respect to its kernel (mean loss over the batch)")
''', 1)]

EXPERIMENT_TEXT = r"""
<div dir="rtl" lang="fa">

سلول زیر آزمایش پرسش ۵-ب است و برچسب `skip-grading` دارد: آن را خودتان اجرا کنید (چند دقیقه طول می‌کشد).

</div>

The cell below is the experiment of question 5b and is tagged `skip-grading`: run it yourself (it takes a few minutes).
"""

EXPERIMENT_CODE = r'''
import time

(lx_train, ly_train), (lx_test, ly_test) = load_lesion_data()


def tiny_net(kind, blocks, input_shape=(32, 32, 1)):
    inputs = keras.Input(shape=input_shape)
    x = keras.layers.Conv2D(16, 3, padding="same", activation="relu")(inputs)
    for _ in range(blocks):
        x = vgg_block(x, 16, 2) if kind == "VGG" else residual_block(x, 16)
    x = keras.layers.GlobalAveragePooling2D()(x)
    return keras.Model(inputs, keras.layers.Dense(2, activation="softmax")(x))


for kind in ("VGG", "ResNet"):
    for blocks in (1, 4):
        keras.utils.set_random_seed(0)
        model = tiny_net(kind, blocks)
        norm = first_layer_gradient_norm(model, lx_train[:64], ly_train[:64])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        started = time.time()
        model.fit(lx_train, ly_train, epochs=8, batch_size=32, verbose=0)
        accuracy = model.evaluate(lx_test, ly_test, verbose=0)[1]
        print(f"{kind:6s} blocks={blocks}  params={model.count_params():6d}  first-layer gradient "
              f"norm={norm:.2e}  test accuracy={accuracy:.3f}  time={time.time() - started:.0f} s")
'''

Q5B = ManualQuestion("q5b", 3, r"""
## پرسش ۵-ب: VGG یا ResNet؟ (تشریحی) · Question 5b: VGG or ResNet? (written)

<div dir="rtl" lang="fa">

خروجی سلول آزمایش را گزارش کنید و توضیح دهید: نُرم گرادیان لایهٔ اول با عمیق‌تر شدن هر شبکه چگونه تغییر کرد و میان‌برها چرا این را تغییر می‌دهند (مشتق $y = F(x) + x$ نسبت به $x$ را بنویسید)؟ دانشجویی در همین تمرین روی مجموعهٔ تصویرهای پزشکی گزارش کرده بود که VGG او (۱۷.۹ میلیون پارامتر) هم دقیق‌تر (۸۶٪ در برابر ۷۰٪ روی آزمون) و هم سریع‌تر از ResNet او (۳۶.۴ میلیون پارامتر) بود. این نتیجه با «ResNet بهتر است» تناقض دارد؟ دست‌کم دو دلیل بیاورید که چنین نتیجه‌ای کی پیش می‌آید.

</div>

Report the output of the experiment cell and explain: how did the first layer's gradient norm change as each network got deeper, and why do shortcuts change that (write the derivative of $y = F(x) + x$ with respect to $x$)? A student who did this homework on the medical image set reported that their VGG (17.9 million parameters) was both more accurate (86% against 70% on the test set) and faster than their ResNet (36.4 million parameters). Does that contradict "ResNet is better"? Give at least two reasons why such a result happens.
""", r"""
**Model answer.** Without shortcuts the gradient reaching the first layer is a product of one Jacobian per layer; with many layers it typically shrinks (or grows) geometrically, so the deep VGG-style net's first-layer norm drops by orders of magnitude and its first layers barely learn. A residual block computes $y = F(x) + x$, so $\partial y/\partial x = \partial F/\partial x + I$: the identity term carries the gradient back unchanged even when $\partial F/\partial x$ is small, and the deep ResNet-style net keeps a first-layer norm of the same order as the shallow one (batch norm helps both).

The reported result does not contradict this. ResNet's advantage is about optimising *very deep* networks; at the depths used there (and here) a VGG trains fine. Reasons a VGG can win: (1) a small data set and a model with twice the parameters — the bigger ResNet overfits or needs more epochs than the budget allowed (the training accuracy was also lower: under-training, not only overfitting); (2) batch norm with small batches or a learning rate/epochs tuned for one model and reused for the other; (3) a ResNet built for 224×224 ImageNet images downsamples aggressively (7×7 stride-2 convolution plus pooling), losing small lesions on small images; (4) more parameters and more layers mean more time per epoch, so "faster" follows from the sizes. A fair comparison matches depth, parameters and training budget and reports several seeds.

Grading: 1 point for the reported numbers and the trend of the gradient norms, 1 point for the derivative argument, 1 point for two sound reasons for the student's result.

<div dir="rtl" lang="fa">

بدون میان‌بر گرادیان لایهٔ اول حاصل‌ضرب ژاکوبی‌های همهٔ لایه‌هاست و با عمق کوچک می‌شود؛ در بلوک باقی‌مانده مشتق برابر $\partial F/\partial x + I$ است و جملهٔ همانی گرادیان را بی‌تغییر برمی‌گرداند. نتیجهٔ آن دانشجو تناقضی نیست: شبکه‌ها عمیق نبودند، ResNet دو برابر پارامتر داشت و با دادهٔ کم و بودجهٔ آموزش یکسان کم‌آموزش یا بیش‌برازش شد، و کاهش نمونه‌برداری تند ResNet برای تصویرهای کوچک ضایعه‌های کوچک را از بین می‌برد.

</div>
""")
