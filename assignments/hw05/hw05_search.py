"""Content of homework 5, part 1: the introduction, the data, Keras Tuner's search space (q1),
the choice of tuner (q1b, written) and the size of a search space (q2).
Read by make_master.py; see there for the notebook layout."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from autograder.authoring.master import AutoQuestion, Code, ManualQuestion, Markdown  # noqa: E402,F401

INTRO = r"""
# تمرین ۵ · Homework 5

**جست‌وجوی ابرپارامتر، VGG در برابر ResNet و نقشه‌های فعال‌سازی کلاس**
**Hyperparameter search, VGG versus ResNet, and class activation maps**

<div dir="rtl" lang="fa">

در این تمرین سه ابزار کار روزمره با شبکه‌های کانولوشنی را تمرین می‌کنید: با Keras Tuner فضای جست‌وجوی ابرپارامترها را تعریف می‌کنید، بلوک‌های VGG و ResNet را با API تابعی Keras می‌سازید و پارامترهای VGG16 و ResNet50 را می‌شمارید، و با CAM و Grad-CAM می‌بینید شبکه برای تصمیمش به کجای تصویر نگاه می‌کند.

**نمره‌دهی**

- نام تابع‌ها و نام و ترتیب آرگومان‌هایشان را تغییر ندهید. تصحیح‌کننده تابع‌های شما را با ورودی‌ها و مدل‌های تازه‌ای صدا می‌زند که در این دفترچه نیامده‌اند.
- مدل‌ها از روی پیکربندی و وزن‌هایشان نزد تصحیح‌کننده دوباره ساخته می‌شوند؛ پس فقط لایه‌های آمادهٔ `keras.layers` را به کار ببرید (نه `Lambda` و نه لایهٔ سفارشی).
- سلول‌هایی که با «تابع کمکی آماده» مشخص شده‌اند را تغییر ندهید: تصحیح‌کننده از راه آن‌ها تابع‌های شما را صدا می‌زند.
- `grader.check("q1")` فقط چند آزمون عمومی کوچک را اجرا می‌کند؛ بیشتر نمره از آزمون‌های پنهانی است که پس از تحویل اجرا می‌شوند.
- هنگام نمره‌دهی همهٔ سلول‌های کد از بالا به پایین اجرا می‌شوند. سلول‌های آموزش آمادهٔ این دفترچه برچسب `skip-grading` دارند؛ آموزش‌های خودتان را هم همین‌طور علامت بزنید.
- پرسش‌های تشریحی را به فارسی یا انگلیسی در سلول‌های متنی مشخص‌شده بنویسید.

</div>

In this homework you practise three everyday tools of convolutional networks: you declare a hyperparameter search space with Keras Tuner, build VGG and ResNet blocks with Keras's functional API and count the parameters of VGG16 and ResNet50, and use CAM and Grad-CAM to see where a network looks when it decides.

**Grading**

- Keep the function names and the names and order of their arguments. The grader calls your functions with fresh inputs and models that do not appear in this notebook.
- Models are rebuilt by the grader from their configuration and weights, so use only the ready-made layers of `keras.layers` (no `Lambda`, no custom layers).
- Do not change the cells marked "given helper": the grader calls your functions through them.
- `grader.check("q1")` runs only a few small public tests; most points come from hidden tests run after you submit.
- For grading, every code cell runs from top to bottom. The training cells provided here are tagged `skip-grading`; tag your own training cells the same way.
- Answer the written questions in Persian or English in the marked text cells.
"""

IMPORTS = """
import os
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np
import tensorflow as tf
import keras
import keras_tuner as kt
"""

# ============================================================== data

DATA_TEXT = r"""
## داده‌ها · Data

<div dir="rtl" lang="fa">

دو مجموعه داده به کار می‌رود. **ارقام دست‌نویس** برای پرسش‌های ۱، ۶ و ۷: `load_digits_data()` اگر نسخه‌ای از MNIST روی رایانهٔ شما باشد (`~/.keras/datasets/mnist.npz` یا مسیری در متغیر محیطی `HW05_MNIST_PATH`) تصویرهای $28\times28$ را می‌خواند و وگرنه ارقام $8\times8$ همراه scikit-learn را؛ هیچ‌چیز دانلود نمی‌شود و تصحیح‌کننده همیشه ارقام $8\times8$ را به کار می‌برد. `INPUT_SHAPE` شکل یک تصویر است. **تصویرهای «ضایعه»** برای آزمایش پرسش ۵: مجموعهٔ تصویرهای پزشکی جلسه این‌جا در دسترس نیست، پس `data/lesions.npz` تصویرهای خاکستری $32\times32$ ساخته‌شده با بذر ثابت است: زمینه‌ای نرم از چند لکهٔ پهن، و در نیمی از تصویرها (کلاس ۱) یک لکهٔ کوچک روشن در جایی تصادفی. اگر پوشه‌ای از تصویرهای واقعی دارید (یک زیرپوشه برای هر کلاس)، مسیرش را در `HW05_IMAGES_PATH` بگذارید تا `load_lesion_data()` آن‌ها را بخواند.

</div>

Two data sets are used. **Handwritten digits** for questions 1, 6 and 7: `load_digits_data()` reads the $28\times28$ MNIST images when a copy exists on your machine (`~/.keras/datasets/mnist.npz`, or a path in the environment variable `HW05_MNIST_PATH`) and scikit-learn's bundled $8\times8$ digits otherwise; nothing is downloaded, and the grader always uses the $8\times8$ digits. `INPUT_SHAPE` is the shape of one image. **"Lesion" images** for the experiment of question 5: the session's medical image set is not available here, so `data/lesions.npz` holds seeded, generated $32\times32$ grey images: a smooth background of a few wide blobs, and in half of them (class 1) one small bright spot at a random place. If you have a folder of real images (one sub-folder per class), put its path in `HW05_IMAGES_PATH` and `load_lesion_data()` reads them instead.
"""

DATA_CODE = r'''
from pathlib import Path


def load_digits_data(test_fraction=0.25, seed=0):
    """((x_train, y_train), (x_test, y_test)); images (n, rows, cols) in [0, 1]. No downloads."""
    candidates = [os.environ.get("HW05_MNIST_PATH"),
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


def load_image_folder(folder, size=(32, 32)):
    """Images of folder/<class>/*.png|jpg as grey (n, *size, 1) floats in [0, 1], and labels
    (the classes' sub-folders in sorted order)."""
    from PIL import Image
    images, labels = [], []
    classes = sorted(p for p in Path(folder).iterdir() if p.is_dir())
    for label, sub in enumerate(classes):
        for file in sorted(sub.iterdir()):
            if file.suffix.lower() in (".png", ".jpg", ".jpeg", ".bmp"):
                grey = Image.open(file).convert("L").resize(size[::-1])
                images.append(np.asarray(grey, dtype="float32")[:, :, None] / 255.0)
                labels.append(label)
    return np.stack(images), np.asarray(labels)


def load_lesion_data(test_fraction=0.25, seed=0):
    """((x_train, y_train), (x_test, y_test)) of the generated images, or of HW05_IMAGES_PATH."""
    folder = os.environ.get("HW05_IMAGES_PATH")
    if folder:
        images, labels = load_image_folder(folder)
    else:
        with np.load("data/lesions.npz") as data:
            images, labels = data["images"].astype("float32") / 255.0, data["labels"]
    order = np.random.default_rng(seed).permutation(len(labels))
    cut = int(round(len(labels) * (1 - test_fraction)))
    return ((images[order[:cut]], labels[order[:cut]]),
            (images[order[cut:]], labels[order[cut:]]))


(x_train, y_train), (x_test, y_test) = load_digits_data()
INPUT_SHAPE = x_train.shape[1:]
print("digits:", x_train.shape, x_test.shape, "INPUT_SHAPE =", INPUT_SHAPE)
'''

# ============================================================== Q1 search space

Q1_TEXT = r"""
## پرسش ۱: فضای جست‌وجو با Keras Tuner · Question 1: a search space with Keras Tuner

<div dir="rtl" lang="fa">

تابع `build_model(hp)` را بنویسید که با شیء `hp` (از نوع `kt.HyperParameters`) یک MLP برای ارقام می‌سازد و **کامپایل‌شده** برمی‌گرداند. ساختار مدل:

1. `keras.Input(shape=INPUT_SHAPE)` و سپس `Flatten`؛
2. به تعداد `hp.Int("num_layers", 1, 3)` لایهٔ پنهان؛ لایهٔ `i`ام (از صفر) یک `Dense` با `hp.Int(f"units_{i}", 32, 256, step=32)` واحد و فعال‌سازی `relu` است و بلافاصله پس از آن یک `Dropout` با نرخ `hp.Float("dropout", 0.0, 0.5)` (یک نرخ مشترک برای همهٔ لایه‌ها، بدون گام)؛
3. در پایان `Dense(10, activation="softmax")`؛
4. کامپایل با `keras.optimizers.Adam` و نرخ یادگیری `hp.Float("learning_rate", 1e-4, 1e-2, sampling="log")` و تابع هزینهٔ `"sparse_categorical_crossentropy"` (معیار `"accuracy"` را هم می‌توانید بگذارید).

نام‌ها، بازه‌ها، گام و نوع نمونه‌برداری را دقیقاً همین‌طور بنویسید. دو تابع کمکی آماده در سلول پیش از این پرسش هست: `declared_search_space(values)` فضایی را که `build_model` اعلام می‌کند به شکل دادهٔ ساده (`hp.get_config()`) برمی‌گرداند و `build_model_with(values)` مدل را برای مقدارهای ثابت می‌سازد؛ مقدارهای داده‌شده پیش از صدا زدن `build_model` در `hp.values` گذاشته می‌شوند (به همین دلیل با `{"num_layers": 3}` واحدهای هر سه لایه اعلام می‌شوند).

تصحیح‌کننده فضای اعلام‌شده را بررسی می‌کند، مدل را برای مقدارهایی که خودش انتخاب می‌کند می‌سازد و ساختار و نرخ یادگیری‌اش را می‌سنجد، و سپس خودش یک `RandomSearch` کوچک با بذر ثابت (سه آزمایش، دو دوره) روی ارقام $8\times8$ اجرا می‌کند؛ بهترین مدل باید روی دادهٔ کنارگذاشته دست‌کم ۷۵٪ دقت داشته باشد.

</div>

Write `build_model(hp)`: given `hp` (a `kt.HyperParameters`), build an MLP for the digits and return it **compiled**:

1. `keras.Input(shape=INPUT_SHAPE)`, then `Flatten`;
2. `hp.Int("num_layers", 1, 3)` hidden layers; hidden layer `i` (from zero) is a `Dense` with `hp.Int(f"units_{i}", 32, 256, step=32)` units and `relu`, followed at once by a `Dropout` of rate `hp.Float("dropout", 0.0, 0.5)` (one rate shared by every layer, no step);
3. finally `Dense(10, activation="softmax")`;
4. compiled with `keras.optimizers.Adam` at learning rate `hp.Float("learning_rate", 1e-4, 1e-2, sampling="log")` and the loss `"sparse_categorical_crossentropy"` (add the metric `"accuracy"` if you like).

Use exactly these names, ranges, step and sampling. The cell before this question holds two given helpers: `declared_search_space(values)` returns the space `build_model` declares as plain data (`hp.get_config()`), and `build_model_with(values)` builds the model for fixed values; the given values are put in `hp.values` before `build_model` is called (which is why `{"num_layers": 3}` declares the units of all three layers).

The grader checks the declared space, builds the model for values it chooses and checks its structure and learning rate, then runs a small seeded `RandomSearch` itself (three trials, two epochs) on the $8\times8$ digits: the best model must reach at least 75% accuracy on held-out digits.
"""

Q1_SOLUTION = r'''
def build_model(hp):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    layers = [keras.Input(shape=INPUT_SHAPE), keras.layers.Flatten()]
    n_hidden = hp.Int("num_layers", min_value=1, max_value=3)
    rate = hp.Float("dropout", min_value=0.0, max_value=0.5)
    for i in range(n_hidden):
        width = hp.Int("units_" + str(i), min_value=32, max_value=256, step=32)
        layers += [keras.layers.Dense(width, activation="relu"), keras.layers.Dropout(rate)]
    layers.append(keras.layers.Dense(10, activation="softmax"))
    model = keras.Sequential(layers)
    lr = hp.Float("learning_rate", min_value=1e-4, max_value=1e-2, sampling="log")
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=lr),
                  metrics=["accuracy"], loss="sparse_categorical_crossentropy")
    return model
    # END SOLUTION
'''

HELPERS_Q1 = r'''
# given helper: do not change (the grader calls build_model through these, defined below)
def declared_search_space(values=None):
    """build_model's search space as plain data, with `values` preset in hp.values."""
    hp = kt.HyperParameters()
    hp.values.update(values or {})
    build_model(hp)
    return hp.get_config()


def build_model_with(values):
    """build_model's model for fixed hyperparameter values."""
    hp = kt.HyperParameters()
    hp.values.update(values)
    return build_model(hp)
'''

Q1_PUBLIC = [r'''
def test_space_names(declared_search_space):
    space = declared_search_space({"num_layers": 3})
    names = sorted(entry["config"]["name"] for entry in space["space"])
    expected = sorted(["num_layers", "units_0", "units_1", "units_2", "dropout", "learning_rate"])
    assert names == expected, f"with num_layers=3 the space should declare {expected}, not {names}"
''', r'''
def test_model_for_fixed_values(build_model_with):
    values = {"num_layers": 2, "units_0": 64, "units_1": 32, "dropout": 0.25,
              "learning_rate": 0.001}
    model = build_model_with(values)
    assert model is not None, "build_model returned None: return the compiled model"
    try:
        from autograder.grading.keras_tools import rebuild_model
        model = rebuild_model(model)
    except ImportError:
        pass
    assert tuple(model.output_shape) == (None, 10), (
        f"the model should output 10 class probabilities, not shape {model.output_shape}")
    units = [layer.units for layer in model.layers if type(layer).__name__ == "Dense"]
    assert units == [64, 32, 10], f"for {values} the Dense layers should have [64, 32, 10] units, not {units}"
''']

Q1_HIDDEN = [(r'''
def test_declared_space(declared_search_space):
    from solutions.hw05_judge import space_problem
    problem = space_problem(declared_search_space({"num_layers": 3}))
    assert problem is None, problem
    fresh = declared_search_space()
    names = [entry["config"]["name"] for entry in fresh["space"]]
    assert "num_layers" in names and "learning_rate" in names, (
        "build_model(kt.HyperParameters()) should declare num_layers and learning_rate")
''', 2), (r'''
def test_models_for_judge_values(build_model_with):
    import json
    from autograder.grading.keras_tools import as_model_data, rebuild_model
    from solutions.hw05_judge import MAX_JUDGE_PARAMS, architecture_problem, judge_values
    for values in judge_values(41):
        raw = build_model_with(values)
        assert raw is not None, "build_model returned None: return the compiled model"
        config = json.loads(as_model_data(raw).config_json).get("compile_config")
        model = rebuild_model(raw, max_params=MAX_JUDGE_PARAMS)
        problem = architecture_problem(model, config, values)
        assert problem is None, problem
''', 3), (r'''
def test_random_search_finds_a_good_model(build_model_with):
    from solutions.hw05_judge import judge_random_search
    accuracy = judge_random_search(build_model_with, seed=11)
    assert accuracy >= 0.75, (
        f"the grader's RandomSearch over your build_model (3 trials, 2 epochs) found a best model "
        f"with {accuracy:.1%} held-out accuracy; 75% is needed. Check the output layer, the "
        "loss and that the learning rate comes from hp")
''', 2)]

Q1B = ManualQuestion("q1b", 3, r"""
## پرسش ۱-ب: کدام جست‌وجوگر؟ (تشریحی) · Question 1b: which tuner? (written)

<div dir="rtl" lang="fa">

سلول بعد (با برچسب `skip-grading`) یک `RandomSearch` کوچک روی داده‌های شما اجرا می‌کند. آن را اجرا کنید و نتیجه را گزارش کنید. سپس `RandomSearch`، `Hyperband` و `BayesianOptimization` را مقایسه کنید: هر کدام آزمایش بعدی را چگونه انتخاب می‌کند و بودجهٔ آموزش را چگونه خرج می‌کند؟ برای این داده و این فضا (شش ابرپارامتر، آموزش چند ثانیه‌ای) کدام را انتخاب می‌کنید و چرا؟ اگر آموزش هر مدل یک ساعت طول می‌کشید، انتخابتان تغییر می‌کرد؟

</div>

The next cell (tagged `skip-grading`) runs a small `RandomSearch` on your data. Run it and report the result. Then compare `RandomSearch`, `Hyperband` and `BayesianOptimization`: how does each choose the next trial, and how does it spend the training budget? For this data and this space (six hyperparameters, training in seconds), which would you choose, and why? Would your choice change if training one model took an hour?
""", r"""
**Model answer.** RandomSearch samples every trial independently from the space: no learning from past trials, trivially parallel, and surprisingly strong when only a few hyperparameters matter (Bergstra and Bengio, 2012). Hyperband runs many configurations for a few epochs and promotes the best fraction to longer training in successive-halving brackets: it spends the budget on early stopping of bad configurations, which pays when the learning curves' early ranking predicts the final one. BayesianOptimization fits a surrogate (a Gaussian process in Keras Tuner) to the results so far and picks the point that maximises an acquisition function: the fewest trials for a good result, but sequential and with overhead that only pays when each trial is expensive, and weaker with many discrete/conditional parameters.

For the digits (small, trains in seconds, six parameters of which the learning rate and width matter most) RandomSearch or Hyperband is the sensible choice: trials are cheap, so many random ones (or Hyperband's many short ones) cover the space; Bayesian optimisation's cleverness saves little. With an hour per model, every trial counts: Bayesian optimisation (or Hyperband, if the early epochs are informative) is the better use of the budget.

Grading: 1 point for the reported search result, 1 point for a correct description of the three strategies, 1 point for a justified choice for this data that changes sensibly with the cost of a trial.

<div dir="rtl" lang="fa">

جست‌وجوی تصادفی هر آزمایش را مستقل انتخاب می‌کند؛ Hyperband بسیاری از پیکربندی‌ها را کوتاه آموزش می‌دهد و بهترین‌ها را ادامه می‌دهد؛ بهینه‌سازی بیزی با یک مدل جایگزین از نتایج قبلی نقطهٔ بعدی را برمی‌گزیند. برای ارقام که آموزش ارزان است جست‌وجوی تصادفی یا Hyperband کافی است؛ وقتی هر آزمایش گران است بهینه‌سازی بیزی بهتر است.

</div>
""")

SEARCH_CODE = r'''
tuner = kt.RandomSearch(build_model, objective="val_accuracy", max_trials=5, seed=1,
                        directory="tuner_runs", project_name="digits", overwrite=True)
tuner.search(x_train, y_train, epochs=3, validation_split=0.2, verbose=1)
best_hp = tuner.get_best_hyperparameters(1)[0]
print("best values:", best_hp.values)
best_model = tuner.get_best_models(1)[0]
print("test accuracy:", best_model.evaluate(x_test, y_test, verbose=0)[1])
'''

# ============================================================== Q2 space size

Q2_TEXT = r"""
## پرسش ۲: اندازهٔ فضای جست‌وجو · Question 2: the size of a search space

<div dir="rtl" lang="fa">

تابع `search_space_size(space)` را بنویسید. `space` فضایی به شکل `hp.get_config()` است: دیکشنری‌ای با کلید `"space"` که فهرستی از `{"class_name": ..., "config": {...}}` است. تعداد پیکربندی‌های متمایز را برگردانید: حاصل‌ضرب تعداد مقدارهای ممکن هر ابرپارامتر، با این قاعده‌ها (همان شمارش Keras Tuner):

- `Fixed`: ۱؛ `Boolean`: ۲؛ `Choice`: تعداد `values`؛
- `Int` یا `Float` با گام (`step`)، نمونه‌برداری `"linear"`: $\lfloor (\text{max}-\text{min})/\text{step} \rfloor + 1$؛
- `Int` یا `Float` با گام و نمونه‌برداری `"log"`: مقدارها $\text{min}\cdot\text{step}^k$ هستند، پس $\lfloor \log_{\text{step}}(\text{max}/\text{min}) \rfloor + 1$ (با یک حاشیهٔ کوچک، مثلاً $10^{-8}$، پیش از گرفتن کف تا خطای ممیز شناور شمارش را کم نکند)؛
- `Int` بدون گام: گام ۱؛ `Float` بدون گام (پیوسته): بی‌نهایت، یعنی `math.inf` (و حاصل‌ضرب هم `math.inf` می‌شود).

یک عدد صحیح `int` (یا `math.inf`) برگردانید. شرط‌ها (`conditions`) را نادیده بگیرید. مثال: `Int(1, 3)` و `Choice` با سه مقدار $3\times3=9$ پیکربندی دارند؛ فضای پرسش ۱ بی‌نهایت است.

</div>

Write `search_space_size(space)`. `space` is a space as `hp.get_config()` returns it: a dict whose `"space"` is a list of `{"class_name": ..., "config": {...}}`. Return the number of distinct configurations: the product of each hyperparameter's number of possible values, counted as Keras Tuner counts them:

- `Fixed`: 1; `Boolean`: 2; `Choice`: the number of its `values`;
- `Int` or `Float` with a `step` and `"linear"` sampling: $\lfloor (\text{max}-\text{min})/\text{step} \rfloor + 1$;
- `Int` or `Float` with a step and `"log"` sampling: the values are $\text{min}\cdot\text{step}^k$, so $\lfloor \log_{\text{step}}(\text{max}/\text{min}) \rfloor + 1$ (add a small margin such as $10^{-8}$ before the floor so that rounding does not lose a value);
- an `Int` without a step has step 1; a `Float` without a step (continuous) has infinitely many values: `math.inf` (and so has the product).

Return an `int` (or `math.inf`). Ignore `conditions`. Example: `Int(1, 3)` and a `Choice` of three values give $3\times3=9$ configurations; the space of question 1 is infinite.
"""

Q2_SOLUTION = r'''
import math


def search_space_size(space):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    size = 1
    for item in space["space"]:
        kind, cfg = item["class_name"], item["config"]
        if kind in ("Fixed", "Boolean", "Choice"):
            n = {"Fixed": 1, "Boolean": 2}.get(kind) or len(cfg["values"])
        elif cfg.get("step") is None and kind == "Float":
            n = math.inf
        else:
            step = cfg.get("step") or 1
            if cfg.get("sampling", "linear") == "log":
                n = math.floor(math.log(cfg["max_value"] / cfg["min_value"]) / math.log(step) + 1e-8) + 1
            else:
                n = math.floor((cfg["max_value"] - cfg["min_value"]) / step) + 1
        size = size * n
    return size
    # END SOLUTION
'''

_SPACE_HELPER = r'''
    def entry(kind, **config):
        return {"class_name": kind, "config": {"name": f"p{len(config)}", "conditions": [], **config}}
'''

Q2_PUBLIC = [r'''
def test_small_space(search_space_size):
    space = {"space": [
        {"class_name": "Int", "config": {"name": "layers", "min_value": 1, "max_value": 3,
                                         "step": 1, "sampling": "linear"}},
        {"class_name": "Choice", "config": {"name": "act", "values": ["relu", "tanh", "elu"]}},
    ], "values": {}}
    assert search_space_size(space) == 9, "Int(1, 3) and a Choice of 3 values give 9 configurations"
''']

Q2_HIDDEN = [(r'''
def test_discrete_kinds(search_space_size):
    import numpy as np
    from solutions.hw05 import search_space_size as reference
''' + _SPACE_HELPER + r'''
    rng = np.random.default_rng(23)
    for _ in range(6):
        low = int(rng.integers(0, 20))
        space = {"space": [
            entry("Int", min_value=low, max_value=low + int(rng.integers(5, 90)),
                  step=int(rng.integers(2, 9)), sampling="linear"),
            entry("Choice", values=list(range(int(rng.integers(1, 6))))),
            entry("Boolean"), entry("Fixed", value=3),
            entry("Int", min_value=0, max_value=int(rng.integers(1, 5)), step=None,
                  sampling="linear"),
        ], "values": {}}
        got = search_space_size(space)
        assert got == reference(space), (
            "the count is wrong for a space of Int (with and without a step), Choice, Boolean "
            "and Fixed hyperparameters: Int counts floor((max - min) / step) + 1, a missing "
            "step is 1, Boolean 2, Fixed 1")
''', 1), (r'''
def test_log_sampling_and_float_steps(search_space_size):
    import numpy as np
    from solutions.hw05 import search_space_size as reference
''' + _SPACE_HELPER + r'''
    cases = [
        [entry("Int", min_value=32, max_value=512, step=2, sampling="log")],
        [entry("Int", min_value=3, max_value=250, step=3, sampling="log")],
        [entry("Float", min_value=1e-4, max_value=1e-1, step=10, sampling="log")],
        [entry("Float", min_value=0.0, max_value=1.0, step=0.25, sampling="linear")],
        [entry("Float", min_value=0.5, max_value=2.375, step=0.125, sampling="linear")],
    ]
    for space in cases:
        got = search_space_size({"space": space, "values": {}})
        assert isinstance(got, (int, np.integer)) and not isinstance(got, bool), (
            f"a finite count is a whole number: return an int, not {type(got).__name__}")
        assert got == reference({"space": space, "values": {}}), (
            "the count is wrong for a stepped Int or Float: with sampling='log' the values are "
            "min * step**k (floor(log_step(max / min)) + 1 of them), with 'linear' "
            "floor((max - min) / step) + 1")
''', 1), (r'''
def test_continuous_floats_are_infinite(search_space_size):
    import math
    from solutions.hw05 import search_space_size as reference
    from solutions.hw05_judge import space_config
''' + _SPACE_HELPER + r'''
    space = {"space": [entry("Int", min_value=1, max_value=3, step=1, sampling="linear"),
                       entry("Float", min_value=0.0, max_value=0.5, step=None,
                             sampling="linear")], "values": {}}
    assert search_space_size(space) == math.inf, (
        "a Float without a step is continuous: the space has infinitely many configurations "
        "(return math.inf)")
    question_one = space_config()
    assert search_space_size(question_one) == reference(question_one) == math.inf, (
        "the space of question 1 has continuous floats, so its size is math.inf")
    one = {"space": [entry("Choice", values=["a"]), entry("Fixed", value=1)], "values": {}}
    assert search_space_size(one) == 1, "a space of one Choice value and one Fixed has 1 configuration"
''', 1)]
