"""Content of homework 1, part 2: the digits loader, MLP vs SimpleRNN (q2, q2b written) and the
CNN + RNN video classifier (q4, q4b written). Read by make_master.py."""

from __future__ import annotations

from hw01_basics import AutoQuestion, Code, ManualQuestion, Markdown  # noqa: F401

# Public tests run in the student's kernel (live model) and in the judge (model data): both go
# through rebuild_model when the autograder package is importable.
_REBUILD = r'''
    try:
        from autograder.grading.keras_tools import rebuild_model
        model = rebuild_model(model)
    except ImportError:
        pass
'''

# ============================================================== data

DATA_TEXT = r"""
## داده: ارقام دست‌نویس · Data: handwritten digits

<div dir="rtl" lang="fa">

تابع آمادهٔ `load_digits_data()` داده را به شکل `((x_train, y_train), (x_test, y_test))` برمی‌گرداند؛ تصویرها در بازهٔ $[0, 1]$ و به شکل `(n, rows, cols)` هستند و برچسب‌ها عدد صحیح ۰ تا ۹. اگر نسخه‌ای از MNIST روی رایانهٔ شما باشد (در حافظهٔ Keras یعنی `~/.keras/datasets/mnist.npz` یا در مسیری که در متغیر محیطی `HW01_MNIST_PATH` گذاشته‌اید) همان را با تصویرهای $28\times28$ می‌خواند؛ وگرنه ارقام $8\times8$ همراه scikit-learn را برمی‌دارد. این تابع هرگز چیزی دانلود نمی‌کند و تصحیح‌کننده (بدون اینترنت) همیشه ارقام $8\times8$ را به کار می‌برد. پس مدل‌هایتان را طوری بسازید که با هر `input_shape` کار کنند.

</div>

The provided `load_digits_data()` returns `((x_train, y_train), (x_test, y_test))`: images in $[0, 1]$ with shape `(n, rows, cols)` and integer labels 0 to 9. If a copy of MNIST exists on your machine (Keras's cache `~/.keras/datasets/mnist.npz`, or a path you put in the environment variable `HW01_MNIST_PATH`) it reads the $28\times28$ images; otherwise it takes the $8\times8$ digits bundled with scikit-learn. It never downloads anything, and the grader (offline) always uses the $8\times8$ digits, so build your models to work for any `input_shape`.
"""

DATA_CODE = r'''
from pathlib import Path


def load_digits_data(test_fraction=0.25, seed=0):
    """((x_train, y_train), (x_test, y_test)); images (n, rows, cols) in [0, 1]. No downloads."""
    candidates = [os.environ.get("HW01_MNIST_PATH"),
                  Path.home() / ".keras" / "datasets" / "mnist.npz"]
    for path in [Path(p) for p in candidates if p]:
        if path.is_file():
            with np.load(path) as mnist:
                return ((mnist["x_train"].astype("float32") / 255.0, mnist["y_train"]),
                        (mnist["x_test"].astype("float32") / 255.0, mnist["y_test"]))
    from sklearn.datasets import load_digits
    digits = load_digits()
    images, labels = digits.images.astype("float32") / 16.0, digits.target
    order = np.random.default_rng(seed).permutation(len(labels))
    n_train = int(round(len(labels) * (1 - test_fraction)))
    train, test = order[:n_train], order[n_train:]
    return (images[train], labels[train]), (images[test], labels[test])


(x_train, y_train), (x_test, y_test) = load_digits_data()
print("train:", x_train.shape, "test:", x_test.shape)
'''

# ============================================================== Q2 MLP vs SimpleRNN

Q2_TEXT = r"""
## پرسش ۲: MLP در برابر SimpleRNN · Question 2: MLP versus SimpleRNN

<div dir="rtl" lang="fa">

دو تابع بنویسید که هر کدام یک مدل Keras (کامپایل‌شده یا نشده) برمی‌گرداند. ورودی مدل‌ها تصویر به شکل `input_shape = (rows, cols)` است و خروجی‌شان احتمال `num_classes` کلاس.

1. `build_mlp(input_shape, num_classes)`: یک پرسپترون چندلایه. تصویر را با `Flatten` صاف کنید، دست‌کم یک لایهٔ پنهان `Dense` با فعال‌سازی غیرخطی (مثلاً `relu`) بگذارید و با `Dense(num_classes, activation="softmax")` تمام کنید. لایهٔ بازگشتی یا کانولوشنی نداشته باشد.
2. `build_simple_rnn(input_shape, num_classes)`: مانند شکل جلسهٔ اول، یک لایهٔ `keras.layers.SimpleRNN` که تصویر را **سطر به سطر** می‌خواند: هر سطر یک گام زمانی است، یعنی `rows` گام با `cols` ویژگی. تصویر را صاف نکنید و جابه‌جا نکنید؛ لایهٔ `SimpleRNN` را مستقیم در مدل بگذارید (نه درون مدلی تودرتو) و با یک `Dense` و softmax تمام کنید.

تصحیح‌کننده مدل‌های شما را برای `input_shape=(8, 8)` و شکل‌های دیگر می‌سازد، ساختارشان را بررسی می‌کند، سپس **خودش** هر مدل را با وزن‌های تازه و بهینه‌ساز و تعداد دورهٔ خودش چند دوره روی ارقام $8\times8$ آموزش می‌دهد و دقت روی داده‌های آزمون را می‌سنجد. هر مدل را با `keras.Input(shape=input_shape)` شروع کنید تا پیش از آموزش ساخته شده باشد. هر مدل کمتر از ۴۰۰٬۰۰۰ پارامتر داشته باشد (برای ارقام $8\times8$ یک لایهٔ پنهان با ۶۴ تا ۲۵۶ واحد کافی است). آموزش شما در این دفترچه در نمره اثری ندارد.

</div>

Write two functions, each returning a Keras model (compiled or not). Both read an image of shape `input_shape = (rows, cols)` and output the probabilities of `num_classes` classes.

1. `build_mlp(input_shape, num_classes)`: a multilayer perceptron. `Flatten` the image, add at least one hidden `Dense` layer with a non-linear activation (e.g. `relu`) and end with `Dense(num_classes, activation="softmax")`. No recurrent or convolutional layers.
2. `build_simple_rnn(input_shape, num_classes)`: as in the session's figure, a `keras.layers.SimpleRNN` layer reading the image **row by row**: every row is one time step, so `rows` steps of `cols` features. Do not flatten or transpose the image; put the `SimpleRNN` layer directly in the model (not inside a nested model) and end with a `Dense` layer and a softmax.

The grader builds your models for `input_shape=(8, 8)` and other shapes, checks their structure, then trains each one **itself** for a few epochs on the $8\times8$ digits (fresh weights, its own optimizer and epochs) and measures the test accuracy. Start each model with `keras.Input(shape=input_shape)` so that it is built before training. Keep each model under 400,000 parameters (for the $8\times8$ digits one hidden layer of 64 to 256 units is plenty). Your own training in this notebook does not affect the grade.
"""

Q2_SOLUTION = r'''
def build_mlp(input_shape, num_classes):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    model = keras.Sequential([
        keras.Input(shape=tuple(input_shape)),
        keras.layers.Flatten(),
        keras.layers.Dense(96, activation="relu"),
        keras.layers.Dense(48, activation="relu"),
        keras.layers.Dense(num_classes, activation="softmax"),
    ])
    return model  # compiled by the training cell below
    # END SOLUTION


def build_simple_rnn(input_shape, num_classes):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    rows = keras.Input(shape=tuple(input_shape))  # time steps = image rows
    last_state = keras.layers.SimpleRNN(128)(rows)
    outputs = keras.layers.Dense(num_classes, activation="softmax")(last_state)
    model = keras.Model(rows, outputs)
    return model  # compiled by the training cell below
    # END SOLUTION
'''

Q2_PUBLIC = [r'''
def test_mlp_output_shape(build_mlp):
    model = build_mlp((8, 8), 10)
    assert model is not None, "build_mlp returned None: return the Keras model"
''' + _REBUILD + r'''
    assert tuple(model.output_shape) == (None, 10), (
        f"for 10 classes the MLP's output shape must be (None, 10), not {model.output_shape}")
    kinds = [type(layer).__name__ for layer in model.layers]
    assert "Dense" in kinds and "SimpleRNN" not in kinds, (
        f"an MLP is made of Dense layers, without SimpleRNN; your layers: {kinds}")
''', r'''
def test_simple_rnn_reads_rows(build_simple_rnn):
    model = build_simple_rnn((8, 8), 10)
    assert model is not None, "build_simple_rnn returned None: return the Keras model"
''' + _REBUILD + r'''
    assert tuple(model.output_shape) == (None, 10), (
        f"for 10 classes the output shape must be (None, 10), not {model.output_shape}")
    rnn = [layer for layer in model.layers if type(layer).__name__ == "SimpleRNN"]
    assert rnn, "the model needs a keras.layers.SimpleRNN layer"
    assert tuple(rnn[0].input.shape) == (None, 8, 8), (
        "the SimpleRNN must read the 8 rows of the image as 8 time steps of 8 features")
''']

_MODEL_STRUCTURE_TEST = r'''
def test_{kind}_structure({builder}):
    from autograder.grading.keras_tools import rebuild_model
    from solutions.hw01 import MAX_JUDGE_PARAMS, class_probabilities, probability_problem, {checker}
    for input_shape, num_classes in [((8, 8), 10), ((5, 7), 4), ((12, 6), 3)]:
        where = f"{builder}({{input_shape}}, {{num_classes}})"
        model = rebuild_model({builder}(input_shape, num_classes), max_params=MAX_JUDGE_PARAMS)
        problem = {checker}(model, input_shape)
        assert problem is None, f"{{where}}: {{problem}}"
        probabilities = class_probabilities(model, input_shape, seed=num_classes)
        problem = probability_problem(probabilities, 4, num_classes)
        assert problem is None, f"{{where}}: {{problem}}"
'''

_MODEL_TRAINING_TEST = r'''
def test_{kind}_learns_digits({builder}):
    from autograder.grading.keras_tools import rebuild_model
    from solutions.hw01 import MAX_JUDGE_PARAMS, train_and_score, {checker}
    model = rebuild_model({builder}((8, 8), 10), max_params=MAX_JUDGE_PARAMS)
    problem = {checker}(model, (8, 8))
    assert problem is None, f"fix the model's structure first: {{problem}}"
    accuracy = train_and_score(model, seed={seed})
    assert accuracy >= {threshold}, (
        f"trained by the grader for a few epochs on the 8x8 digits, your model reaches a test "
        f"accuracy of {{accuracy:.1%}}; it needs {threshold:.0%}. Check the layer sizes and "
        "activations (a softmax output, enough hidden units)")
'''

Q2_HIDDEN = [
    (_MODEL_STRUCTURE_TEST.format(kind="mlp", builder="build_mlp", checker="mlp_problem"), 2),
    (_MODEL_STRUCTURE_TEST.format(kind="simple_rnn", builder="build_simple_rnn",
                                  checker="simple_rnn_problem"), 2),
    (_MODEL_TRAINING_TEST.format(kind="mlp", builder="build_mlp", checker="mlp_problem",
                                 seed=1201, threshold=0.85), 2),
    (_MODEL_TRAINING_TEST.format(kind="simple_rnn", builder="build_simple_rnn",
                                 checker="simple_rnn_problem", seed=1202, threshold=0.75), 2),
]

TRAINING_TEXT = r"""
<div dir="rtl" lang="fa">

سلول زیر هر دو مدل را روی داده‌های `load_digits_data()` آموزش می‌دهد و دقت آزمون را چاپ می‌کند. برچسب `skip-grading` دارد و هنگام نمره‌دهی اجرا نمی‌شود؛ آن را خودتان اجرا کنید و نتیجه را در پرسش ۲-ب به کار ببرید. روی MNIST کامل چند دقیقه طول می‌کشد.

</div>

The cell below trains both models on `load_digits_data()` and prints their test accuracy. It is tagged `skip-grading`, so the grader does not run it: run it yourself and use the results in question 2b. On full MNIST it takes a few minutes.
"""

TRAINING_CODE = r'''
import time

results = {}
for name, build in [("MLP", build_mlp), ("SimpleRNN", build_simple_rnn)]:
    model = build(x_train.shape[1:], 10)
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    started = time.time()
    model.fit(x_train, y_train, epochs=10, batch_size=64, validation_split=0.1, verbose=0)
    _, accuracy = model.evaluate(x_test, y_test, verbose=0)
    results[name] = (model.count_params(), accuracy, time.time() - started)
    print(f"{name:10s} params={results[name][0]:,}  test accuracy={accuracy:.3f}  "
          f"training time={results[name][2]:.1f} s")
'''

# ============================================================== Q2b comparison (written)

Q2B = ManualQuestion("q2b", 3, r"""
## پرسش ۲-ب: مقایسهٔ دو مدل (تشریحی) · Question 2b: comparing the two models (written)

<div dir="rtl" lang="fa">

نتیجهٔ سلول آموزش را گزارش کنید (داده‌ای که به کار رفت، تعداد پارامترها، دقت آزمون و زمان آموزش هر مدل) و دو مدل را مقایسه کنید. به این پرسش‌ها پاسخ دهید: کدام مدل دقیق‌تر بود و آیا تفاوت با چند بار اجرا (بذر تصادفی دیگر) پایدار است؟ هر مدل تصویر را چگونه «می‌بیند»؛ MLP ترتیب پیکسل‌ها را چطور به کار می‌گیرد و SimpleRNN چطور؟ چرا آموزش RNN در هر دوره کندتر است، هرچند ممکن است پارامترهای کمتری داشته باشد؟ اگر تصویر بزرگ‌تر شود (مثلاً از $8\times8$ به $28\times28$)، تعداد پارامترهای هر مدل چگونه تغییر می‌کند؟

</div>

Report the output of the training cell (which data it used, each model's parameter count, test accuracy and training time) and compare the two models. Answer: which model was more accurate, and does the difference hold over a few runs (other random seeds)? How does each model "see" the image: how does the MLP use the order of the pixels, and how does the SimpleRNN? Why is an epoch of the RNN slower, even though it may have fewer parameters? If the image grows (say from $8\times8$ to $28\times28$), how does each model's parameter count change?
""", r"""
**Model answer (numbers vary with the data and the run).** On the 8×8 digits both models typically reach about 90–98 % test accuracy after ten epochs; on MNIST an MLP with one or two hidden layers reaches about 97–98 % and a SimpleRNN(128) reading rows about 96–98 %. The gap is small and changes sign between runs, so neither is clearly better on this task; a fair answer reports several runs or says the difference is within the noise.

- The MLP flattens the image: every pixel gets its own weights, and the order of the pixels means nothing to it (a fixed shuffle of the pixels would train just as well). Its first layer grows with the image: rows × cols × hidden weights.
- The SimpleRNN reads one row per step with the **same** weights, carrying a summary of the rows above in its state. Its parameter count depends on the row length (features) and the units, not on the number of rows (steps): 28 × 256 + 256 × 256 + 256 = 72,960 for SimpleRNN(256) on MNIST, whatever the height.
- The RNN is slower per epoch because its steps run one after another (step t needs $h_{t-1}$), while the MLP's matrix product is computed in one go; the cost grows with the number of steps even when the parameters do not.
- Long sequences also make a SimpleRNN harder to train (vanishing gradients); for images, CNNs are the usual choice, and RNNs shine on real sequences.

Grading: 1 point for reporting the numbers honestly (data, parameters, accuracy, time), 1 point for the explanation of how each model uses the pixels and how the parameter counts scale, 1 point for the sequential-computation argument about speed.

<div dir="rtl" lang="fa">

دقت دو مدل روی این داده نزدیک است و تفاوت در اجراهای مختلف پایدار نیست. MLP به هر پیکسل وزن جدا می‌دهد و ترتیب پیکسل‌ها برایش معنایی ندارد؛ پارامترهای لایهٔ اولش با اندازهٔ تصویر رشد می‌کند. SimpleRNN هر سطر را با همان وزن‌ها می‌خواند و پارامترهایش به تعداد سطرها بستگی ندارد. RNN کندتر است چون گام‌ها پشت سر هم حساب می‌شوند.

</div>
""")
