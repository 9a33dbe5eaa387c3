# %% [raw]
# # ASSIGNMENT CONFIG
# name: hw05
# files:
#   - data/lesions.npz
# generate: true
# export_cell:
#   pdf: false
# run_tests: true
# show_question_points: true
# tests:
#   files: true
#   ok_format: false

# %% [markdown]
# # تمرین ۵ · Homework 5
#
# **جست‌وجوی ابرپارامتر، VGG در برابر ResNet و نقشه‌های فعال‌سازی کلاس**
# **Hyperparameter search, VGG versus ResNet, and class activation maps**
#
# <div dir="rtl" lang="fa">
#
# در این تمرین سه ابزار کار روزمره با شبکه‌های کانولوشنی را تمرین می‌کنید: با Keras Tuner فضای جست‌وجوی ابرپارامترها را تعریف می‌کنید، بلوک‌های VGG و ResNet را با API تابعی Keras می‌سازید و پارامترهای VGG16 و ResNet50 را می‌شمارید، و با CAM و Grad-CAM می‌بینید شبکه برای تصمیمش به کجای تصویر نگاه می‌کند.
#
# **نمره‌دهی**
#
# - نام تابع‌ها و نام و ترتیب آرگومان‌هایشان را تغییر ندهید. سامانهٔ تصحیح تابع‌های شما را با ورودی‌ها و مدل‌های تازه‌ای صدا می‌زند که در این دفترچه نیامده‌اند.
# - مدل‌ها از روی پیکربندی و وزن‌هایشان نزد سامانهٔ تصحیح دوباره ساخته می‌شوند؛ پس فقط لایه‌های آمادهٔ `keras.layers` را به کار ببرید (نه `Lambda` و نه لایهٔ سفارشی).
# - سلول‌هایی که با «تابع کمکی آماده» مشخص شده‌اند را تغییر ندهید: سامانهٔ تصحیح از راه آن‌ها تابع‌های شما را صدا می‌زند.
# - `grader.check("q1")` فقط چند آزمون عمومی کوچک را اجرا می‌کند؛ بیشتر نمره از آزمون‌های پنهانی است که پس از تحویل اجرا می‌شوند.
# - هنگام نمره‌دهی همهٔ سلول‌های کد از بالا به پایین اجرا می‌شوند. سلول‌های آموزش آمادهٔ این دفترچه برچسب `skip-grading` دارند؛ آموزش‌های خودتان را هم همین‌طور علامت بزنید.
# - پرسش‌های تشریحی را به فارسی یا انگلیسی در سلول‌های متنی مشخص‌شده بنویسید.
#
# </div>
#
# In this homework you practise three everyday tools of convolutional networks: you declare a hyperparameter search space with Keras Tuner, build VGG and ResNet blocks with Keras's functional API and count the parameters of VGG16 and ResNet50, and use CAM and Grad-CAM to see where a network looks when it decides.
#
# **Grading**
#
# - Keep the function names and the names and order of their arguments. The grader calls your functions with fresh inputs and models that do not appear in this notebook.
# - Models are rebuilt by the grader from their configuration and weights, so use only the ready-made layers of `keras.layers` (no `Lambda`, no custom layers).
# - Do not change the cells marked "given helper": the grader calls your functions through them.
# - `grader.check("q1")` runs only a few small public tests; most points come from hidden tests run after you submit.
# - For grading, every code cell runs from top to bottom. The training cells provided here are tagged `skip-grading`; tag your own training cells the same way.
# - Answer the written questions in Persian or English in the marked text cells.

# %%
import os
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np
import tensorflow as tf
import keras
import keras_tuner as kt

# %% [markdown]
# ## داده‌ها · Data
#
# <div dir="rtl" lang="fa">
#
# دو مجموعه داده به کار می‌رود. **ارقام دست‌نویس** برای پرسش‌های ۱، ۶ و ۷: `load_digits_data()` اگر نسخه‌ای از MNIST روی رایانهٔ شما باشد (`~/.keras/datasets/mnist.npz` یا مسیری در متغیر محیطی `HW05_MNIST_PATH`) تصویرهای $28\times28$ را می‌خواند و وگرنه ارقام $8\times8$ همراه scikit-learn را؛ هیچ‌چیز دانلود نمی‌شود و سامانهٔ تصحیح همیشه ارقام $8\times8$ را به کار می‌برد. `INPUT_SHAPE` شکل یک تصویر است. **تصویرهای «ضایعه»** برای آزمایش پرسش ۵: مجموعهٔ تصویرهای پزشکی جلسه این‌جا در دسترس نیست، پس `data/lesions.npz` تصویرهای خاکستری $32\times32$ ساخته‌شده با بذر ثابت است: زمینه‌ای نرم از چند لکهٔ پهن، و در نیمی از تصویرها (کلاس ۱) یک لکهٔ کوچک روشن در جایی تصادفی. اگر پوشه‌ای از تصویرهای واقعی دارید (یک زیرپوشه برای هر کلاس)، مسیرش را در `HW05_IMAGES_PATH` بگذارید تا `load_lesion_data()` آن‌ها را بخواند.
#
# </div>
#
# Two data sets are used. **Handwritten digits** for questions 1, 6 and 7: `load_digits_data()` reads the $28\times28$ MNIST images when a copy exists on your machine (`~/.keras/datasets/mnist.npz`, or a path in the environment variable `HW05_MNIST_PATH`) and scikit-learn's bundled $8\times8$ digits otherwise; nothing is downloaded, and the grader always uses the $8\times8$ digits. `INPUT_SHAPE` is the shape of one image. **"Lesion" images** for the experiment of question 5: the session's medical image set is not available here, so `data/lesions.npz` holds seeded, generated $32\times32$ grey images: a smooth background of a few wide blobs, and in half of them (class 1) one small bright spot at a random place. If you have a folder of real images (one sub-folder per class), put its path in `HW05_IMAGES_PATH` and `load_lesion_data()` reads them instead.

# %%
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


# %%
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


# %% [raw]
# # BEGIN QUESTION
# name: q1

# %% [markdown]
# ## پرسش ۱: فضای جست‌وجو با Keras Tuner · Question 1: a search space with Keras Tuner
#
# <div dir="rtl" lang="fa">
#
# تابع `build_model(hp)` را بنویسید که با شیء `hp` (از نوع `kt.HyperParameters`) یک MLP برای ارقام می‌سازد و **کامپایل‌شده** برمی‌گرداند. ساختار مدل:
#
# 1. `keras.Input(shape=INPUT_SHAPE)` و سپس `Flatten`؛
# 2. به تعداد `hp.Int("num_layers", 1, 3)` لایهٔ پنهان؛ لایهٔ `i`ام (از صفر) یک `Dense` با `hp.Int(f"units_{i}", 32, 256, step=32)` واحد و فعال‌سازی `relu` است و بلافاصله پس از آن یک `Dropout` با نرخ `hp.Float("dropout", 0.0, 0.5)` (یک نرخ مشترک برای همهٔ لایه‌ها، بدون گام)؛
# 3. در پایان `Dense(10, activation="softmax")`؛
# 4. کامپایل با `keras.optimizers.Adam` و نرخ یادگیری `hp.Float("learning_rate", 1e-4, 1e-2, sampling="log")` و تابع هزینهٔ `"sparse_categorical_crossentropy"` (معیار `"accuracy"` را هم می‌توانید بگذارید).
#
# نام‌ها، بازه‌ها، گام و نوع نمونه‌برداری را دقیقاً همین‌طور بنویسید. دو تابع کمکی آماده در سلول پیش از این پرسش هست: `declared_search_space(values)` فضایی را که `build_model` اعلام می‌کند به شکل دادهٔ ساده (`hp.get_config()`) برمی‌گرداند و `build_model_with(values)` مدل را برای مقدارهای ثابت می‌سازد؛ مقدارهای داده‌شده پیش از صدا زدن `build_model` در `hp.values` گذاشته می‌شوند (به همین دلیل با `{"num_layers": 3}` واحدهای هر سه لایه اعلام می‌شوند).
#
# سامانهٔ تصحیح فضای اعلام‌شده را بررسی می‌کند، مدل را برای مقدارهایی که خودش انتخاب می‌کند می‌سازد و ساختار و نرخ یادگیری‌اش را می‌سنجد، و سپس خودش یک `RandomSearch` کوچک با بذر ثابت (سه آزمایش، دو دوره) روی ارقام $8\times8$ اجرا می‌کند؛ بهترین مدل باید روی دادهٔ کنارگذاشته دست‌کم ۷۵٪ دقت داشته باشد.
#
# </div>
#
# Write `build_model(hp)`: given `hp` (a `kt.HyperParameters`), build an MLP for the digits and return it **compiled**:
#
# 1. `keras.Input(shape=INPUT_SHAPE)`, then `Flatten`;
# 2. `hp.Int("num_layers", 1, 3)` hidden layers; hidden layer `i` (from zero) is a `Dense` with `hp.Int(f"units_{i}", 32, 256, step=32)` units and `relu`, followed at once by a `Dropout` of rate `hp.Float("dropout", 0.0, 0.5)` (one rate shared by every layer, no step);
# 3. finally `Dense(10, activation="softmax")`;
# 4. compiled with `keras.optimizers.Adam` at learning rate `hp.Float("learning_rate", 1e-4, 1e-2, sampling="log")` and the loss `"sparse_categorical_crossentropy"` (add the metric `"accuracy"` if you like).
#
# Use exactly these names, ranges, step and sampling. The cell before this question holds two given helpers: `declared_search_space(values)` returns the space `build_model` declares as plain data (`hp.get_config()`), and `build_model_with(values)` builds the model for fixed values; the given values are put in `hp.values` before `build_model` is called (which is why `{"num_layers": 3}` declares the units of all three layers).
#
# The grader checks the declared space, builds the model for values it chooses and checks its structure and learning rate, then runs a small seeded `RandomSearch` itself (three trials, two epochs) on the $8\times8$ digits: the best model must reach at least 75% accuracy on held-out digits.

# %%
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


# %% test="public"
def test_space_names(declared_search_space):
    space = declared_search_space({"num_layers": 3})
    names = sorted(entry["config"]["name"] for entry in space["space"])
    expected = sorted(["num_layers", "units_0", "units_1", "units_2", "dropout", "learning_rate"])
    assert names == expected, (f"with num_layers=3 the space should declare {expected}, not {names}"
                               f"\nfa: با `num_layers=3` فضا باید `{expected}` را اعلام کند، نه `{names}`")


# %% test="public"
def test_model_for_fixed_values(build_model_with):
    values = {"num_layers": 2, "units_0": 64, "units_1": 32, "dropout": 0.25,
              "learning_rate": 0.001}
    model = build_model_with(values)
    assert model is not None, ("build_model returned None: return the compiled model"
                               "\nfa: `build_model` مقدار `None` برگرداند: مدل کامپایل‌شده را برگردانید")
    try:
        from autograder.grading.keras_tools import rebuild_model
        model = rebuild_model(model)
    except ImportError:
        pass
    assert tuple(model.output_shape) == (None, 10), (
        f"the model should output 10 class probabilities, not shape {model.output_shape}"
        f"\nfa: مدل باید احتمال `10` کلاس را بدهد، نه خروجی با شکل `{model.output_shape}`")
    units = [layer.units for layer in model.layers if type(layer).__name__ == "Dense"]
    assert units == [64, 32, 10], (
        f"for {values} the Dense layers should have [64, 32, 10] units, not {units}"
        f"\nfa: برای `{values}` لایه‌های `Dense` باید `[64, 32, 10]` واحد داشته باشند، نه `{units}`")


# %% test="hidden" points=2
def test_declared_space(declared_search_space):
    from solutions.hw05_judge import space_problem
    problem = space_problem(declared_search_space({"num_layers": 3}))
    assert problem is None, f"{problem}\nfa: فضای اعلام‌شده درست نیست: `{problem}`"
    fresh = declared_search_space()
    names = [entry["config"]["name"] for entry in fresh["space"]]
    assert "num_layers" in names and "learning_rate" in names, (
        "build_model(kt.HyperParameters()) should declare num_layers and learning_rate"
        "\nfa: `build_model(kt.HyperParameters())` باید `num_layers` و `learning_rate` را اعلام کند")


# %% test="hidden" points=3
def test_models_for_judge_values(build_model_with):
    import json
    from autograder.grading.keras_tools import as_model_data, rebuild_model
    from solutions.hw05_judge import MAX_JUDGE_PARAMS, architecture_problem, judge_values
    for values in judge_values(41):
        raw = build_model_with(values)
        assert raw is not None, ("build_model returned None: return the compiled model"
                                 "\nfa: `build_model` مقدار `None` برگرداند: مدل کامپایل‌شده را برگردانید")
        config = json.loads(as_model_data(raw).config_json).get("compile_config")
        model = rebuild_model(raw, max_params=MAX_JUDGE_PARAMS)
        problem = architecture_problem(model, config, values)
        assert problem is None, f"{problem}\nfa: مدل ساخته‌شده درست نیست: `{problem}`"


# %% test="hidden" points=2
def test_random_search_finds_a_good_model(build_model_with):
    from solutions.hw05_judge import judge_random_search
    accuracy = judge_random_search(build_model_with, seed=11)
    assert accuracy >= 0.75, (
        f"the grader's RandomSearch over your build_model (3 trials, 2 epochs) found a best model "
        f"with {accuracy:.1%} held-out accuracy; 75% is needed. Check the output layer, the "
        "loss and that the learning rate comes from hp"
        f"\nfa: `RandomSearch` سامانهٔ تصحیح روی `build_model` شما (`3` آزمایش، `2` epoch) بهترین "
        f"مدلی یافت که دقتش روی داده‌های کنارگذاشته `{accuracy:.1%}` است؛ دست‌کم `75%` لازم است. "
        "لایهٔ خروجی، تابع هزینه و اینکه نرخ یادگیری از `hp` بیاید را بررسی کنید")


# %% tags=["skip-grading"]
tuner = kt.RandomSearch(build_model, objective="val_accuracy", max_trials=5, seed=1,
                        directory="tuner_runs", project_name="digits", overwrite=True)
tuner.search(x_train, y_train, epochs=3, validation_split=0.2, verbose=1)
best_hp = tuner.get_best_hyperparameters(1)[0]
print("best values:", best_hp.values)
best_model = tuner.get_best_models(1)[0]
print("test accuracy:", best_model.evaluate(x_test, y_test, verbose=0)[1])

# %% [raw]
# # BEGIN QUESTION
# name: q1b
# manual: true
# points: 3

# %% [markdown]
# ## پرسش ۱-ب: کدام جست‌وجوگر؟ (تشریحی) · Question 1b: which tuner? (written)
#
# <div dir="rtl" lang="fa">
#
# سلول بعد (با برچسب `skip-grading`) یک `RandomSearch` کوچک روی داده‌های شما اجرا می‌کند. آن را اجرا کنید و نتیجه را گزارش کنید. سپس `RandomSearch`، `Hyperband` و `BayesianOptimization` را مقایسه کنید: هر کدام آزمایش بعدی را چگونه انتخاب می‌کند و بودجهٔ آموزش را چگونه خرج می‌کند؟ برای این داده و این فضا (شش ابرپارامتر، آموزش چند ثانیه‌ای) کدام را انتخاب می‌کنید و چرا؟ اگر آموزش هر مدل یک ساعت طول می‌کشید، انتخابتان تغییر می‌کرد؟
#
# </div>
#
# The next cell (tagged `skip-grading`) runs a small `RandomSearch` on your data. Run it and report the result. Then compare `RandomSearch`, `Hyperband` and `BayesianOptimization`: how does each choose the next trial, and how does it spend the training budget? For this data and this space (six hyperparameters, training in seconds), which would you choose, and why? Would your choice change if training one model took an hour?

# %% [markdown] solution=true
# **Model answer.** RandomSearch samples every trial independently from the space: no learning from past trials, trivially parallel, and surprisingly strong when only a few hyperparameters matter (Bergstra and Bengio, 2012). Hyperband runs many configurations for a few epochs and promotes the best fraction to longer training in successive-halving brackets: it spends the budget on early stopping of bad configurations, which pays when the learning curves' early ranking predicts the final one. BayesianOptimization fits a surrogate (a Gaussian process in Keras Tuner) to the results so far and picks the point that maximises an acquisition function: the fewest trials for a good result, but sequential and with overhead that only pays when each trial is expensive, and weaker with many discrete/conditional parameters.
#
# For the digits (small, trains in seconds, six parameters of which the learning rate and width matter most) RandomSearch or Hyperband is the sensible choice: trials are cheap, so many random ones (or Hyperband's many short ones) cover the space; Bayesian optimisation's cleverness saves little. With an hour per model, every trial counts: Bayesian optimisation (or Hyperband, if the early epochs are informative) is the better use of the budget.
#
# Grading: 1 point for the reported search result, 1 point for a correct description of the three strategies, 1 point for a justified choice for this data that changes sensibly with the cost of a trial.
#
# <div dir="rtl" lang="fa">
#
# جست‌وجوی تصادفی هر آزمایش را مستقل انتخاب می‌کند؛ Hyperband بسیاری از پیکربندی‌ها را کوتاه آموزش می‌دهد و بهترین‌ها را ادامه می‌دهد؛ بهینه‌سازی بیزی با یک مدل جایگزین از نتایج قبلی نقطهٔ بعدی را برمی‌گزیند. برای ارقام که آموزش ارزان است جست‌وجوی تصادفی یا Hyperband کافی است؛ وقتی هر آزمایش گران است بهینه‌سازی بیزی بهتر است.
#
# </div>

# %% [raw]
# # BEGIN QUESTION
# name: q2

# %% [markdown]
# ## پرسش ۲: اندازهٔ فضای جست‌وجو · Question 2: the size of a search space
#
# <div dir="rtl" lang="fa">
#
# تابع `search_space_size(space)` را بنویسید. `space` فضایی به شکل `hp.get_config()` است: دیکشنری‌ای با کلید `"space"` که فهرستی از `{"class_name": ..., "config": {...}}` است. تعداد پیکربندی‌های متمایز را برگردانید: حاصل‌ضرب تعداد مقدارهای ممکن هر ابرپارامتر، با این قاعده‌ها (همان شمارش Keras Tuner):
#
# - `Fixed`: ۱؛ `Boolean`: ۲؛ `Choice`: تعداد `values`؛
# - `Int` یا `Float` با گام (`step`)، نمونه‌برداری `"linear"`: $\lfloor (\text{max}-\text{min})/\text{step} \rfloor + 1$؛
# - `Int` یا `Float` با گام و نمونه‌برداری `"log"`: مقدارها $\text{min}\cdot\text{step}^k$ هستند، پس $\lfloor \log_{\text{step}}(\text{max}/\text{min}) \rfloor + 1$ (با یک حاشیهٔ کوچک، مثلاً $10^{-8}$، پیش از گرفتن کف تا خطای ممیز شناور شمارش را کم نکند)؛
# - `Int` بدون گام: گام ۱؛ `Float` بدون گام (پیوسته): بی‌نهایت، یعنی `math.inf` (و حاصل‌ضرب هم `math.inf` می‌شود).
#
# یک عدد صحیح `int` (یا `math.inf`) برگردانید. شرط‌ها (`conditions`) را نادیده بگیرید. مثال: `Int(1, 3)` و `Choice` با سه مقدار $3\times3=9$ پیکربندی دارند؛ فضای پرسش ۱ بی‌نهایت است.
#
# </div>
#
# Write `search_space_size(space)`. `space` is a space as `hp.get_config()` returns it: a dict whose `"space"` is a list of `{"class_name": ..., "config": {...}}`. Return the number of distinct configurations: the product of each hyperparameter's number of possible values, counted as Keras Tuner counts them:
#
# - `Fixed`: 1; `Boolean`: 2; `Choice`: the number of its `values`;
# - `Int` or `Float` with a `step` and `"linear"` sampling: $\lfloor (\text{max}-\text{min})/\text{step} \rfloor + 1$;
# - `Int` or `Float` with a step and `"log"` sampling: the values are $\text{min}\cdot\text{step}^k$, so $\lfloor \log_{\text{step}}(\text{max}/\text{min}) \rfloor + 1$ (add a small margin such as $10^{-8}$ before the floor so that rounding does not lose a value);
# - an `Int` without a step has step 1; a `Float` without a step (continuous) has infinitely many values: `math.inf` (and so has the product).
#
# Return an `int` (or `math.inf`). Ignore `conditions`. Example: `Int(1, 3)` and a `Choice` of three values give $3\times3=9$ configurations; the space of question 1 is infinite.

# %%
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


# %% test="public"
def test_small_space(search_space_size):
    space = {"space": [
        {"class_name": "Int", "config": {"name": "layers", "min_value": 1, "max_value": 3,
                                         "step": 1, "sampling": "linear"}},
        {"class_name": "Choice", "config": {"name": "act", "values": ["relu", "tanh", "elu"]}},
    ], "values": {}}
    assert search_space_size(space) == 9, (
        "Int(1, 3) and a Choice of 3 values give 9 configurations"
        "\nfa: `Int(1, 3)` و یک `Choice` با `3` مقدار، `9` پیکربندی می‌دهند")


# %% test="hidden" points=1
def test_discrete_kinds(search_space_size):
    import numpy as np
    from solutions.hw05 import search_space_size as reference

    def entry(kind, **config):
        return {"class_name": kind, "config": {"name": f"p{len(config)}", "conditions": [], **config}}

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
            "step is 1, Boolean 2, Fixed 1"
            "\nfa: شمارش برای فضایی از ابرپارامترهای `Int` (با گام و بدون گام)، `Choice`، `Boolean` "
            "و `Fixed` نادرست است: `Int` به تعداد `floor((max - min) / step) + 1` مقدار دارد، گامِ "
            "داده‌نشده `1` است، `Boolean` دو مقدار و `Fixed` یک مقدار دارد")


# %% test="hidden" points=1
def test_log_sampling_and_float_steps(search_space_size):
    import numpy as np
    from solutions.hw05 import search_space_size as reference

    def entry(kind, **config):
        return {"class_name": kind, "config": {"name": f"p{len(config)}", "conditions": [], **config}}

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
            f"a finite count is a whole number: return an int, not {type(got).__name__}"
            f"\nfa: شمارش متناهی عددی صحیح است: `int` برگردانید، نه `{type(got).__name__}`")
        assert got == reference({"space": space, "values": {}}), (
            "the count is wrong for a stepped Int or Float: with sampling='log' the values are "
            "min * step**k (floor(log_step(max / min)) + 1 of them), with 'linear' "
            "floor((max - min) / step) + 1"
            "\nfa: شمارش برای `Int` یا `Float` گام‌دار نادرست است: با `sampling='log'` مقدارها "
            "`min * step**k` هستند (به تعداد `floor(log_step(max / min)) + 1`)، و با `'linear'` به "
            "تعداد `floor((max - min) / step) + 1`")


# %% test="hidden" points=1
def test_continuous_floats_are_infinite(search_space_size):
    import math
    from solutions.hw05 import search_space_size as reference
    from solutions.hw05_judge import space_config

    def entry(kind, **config):
        return {"class_name": kind, "config": {"name": f"p{len(config)}", "conditions": [], **config}}

    space = {"space": [entry("Int", min_value=1, max_value=3, step=1, sampling="linear"),
                       entry("Float", min_value=0.0, max_value=0.5, step=None,
                             sampling="linear")], "values": {}}
    assert search_space_size(space) == math.inf, (
        "a Float without a step is continuous: the space has infinitely many configurations "
        "(return math.inf)"
        "\nfa: `Float` بدون گام پیوسته است: فضا بی‌نهایت پیکربندی دارد (`math.inf` برگردانید)")
    question_one = space_config()
    assert search_space_size(question_one) == reference(question_one) == math.inf, (
        "the space of question 1 has continuous floats, so its size is math.inf"
        "\nfa: فضای پرسش `1` ابرپارامترهای `Float` پیوسته دارد، پس اندازه‌اش `math.inf` است")
    one = {"space": [entry("Choice", values=["a"]), entry("Fixed", value=1)], "values": {}}
    assert search_space_size(one) == 1, (
        "a space of one Choice value and one Fixed has 1 configuration"
        "\nfa: فضایی با یک `Choice` تک‌مقداری و یک `Fixed` فقط `1` پیکربندی دارد")


# %%
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


# %% [raw]
# # BEGIN QUESTION
# name: q3

# %% [markdown]
# ## پرسش ۳: بلوک‌های VGG و ResNet · Question 3: VGG and ResNet blocks
#
# <div dir="rtl" lang="fa">
#
# دو تابع با API تابعی Keras بنویسید؛ هر دو یک تنسور `x` به شکل `(batch, height, width, channels)` می‌گیرند و تنسور خروجی بلوک را برمی‌گردانند.
#
# 1. `vgg_block(x, filters, convs)`: به تعداد `convs` لایهٔ `Conv2D(filters, 3, padding="same", activation="relu")` پشت سر هم، و سپس `MaxPooling2D(pool_size=2, strides=2)` (با `padding="valid"`، یعنی ارتفاع و عرض نصف و به پایین گرد می‌شوند).
# 2. `residual_block(x, filters, stride=1)`: بلوک پایهٔ ResNet مقالهٔ He و همکاران (۲۰۱۵)، با ترتیب اصلی (پس-فعال‌سازی): مسیر اصلی `Conv2D(filters, 3, strides=stride, padding="same")` → `BatchNormalization()` → ReLU → `Conv2D(filters, 3, padding="same")` → `BatchNormalization()`؛ میان‌بر خودِ `x` است اگر شکل‌ها برابر باشند (`stride == 1` و تعداد کانال‌های `x` برابر `filters`) و وگرنه یک تصویرکنندهٔ `Conv2D(filters, 1, strides=stride)` → `BatchNormalization()`؛ سپس جمع (`Add`) و در پایان ReLU. کانولوشن‌ها می‌توانند بایاس داشته باشند یا نداشته باشند؛ تنظیمات `BatchNormalization` را پیش‌فرض بگذارید.
#
# تابع‌های کمکی آماده `vgg_block_model` و `residual_block_model` هر بلوک را در یک مدل می‌گذارند تا به سامانهٔ تصحیح برسد. سامانهٔ تصحیح وزن‌های تصادفی بلوک مرجع را به بلوک شما منتقل می‌کند و خروجی دو بلوک را روی ورودی‌های تصادفی مقایسه می‌کند؛ پس ترتیب لایه‌ها، جای ReLU و نوع میان‌بر اهمیت دارد.
#
# </div>
#
# Write two functions with Keras's functional API; both take a tensor `x` of shape `(batch, height, width, channels)` and return the block's output tensor.
#
# 1. `vgg_block(x, filters, convs)`: `convs` layers `Conv2D(filters, 3, padding="same", activation="relu")` in a row, then `MaxPooling2D(pool_size=2, strides=2)` (with `padding="valid"`: height and width are halved, rounding down).
# 2. `residual_block(x, filters, stride=1)`: the basic block of He et al. (2015) in its original (post-activation) order: main path `Conv2D(filters, 3, strides=stride, padding="same")` → `BatchNormalization()` → ReLU → `Conv2D(filters, 3, padding="same")` → `BatchNormalization()`; the shortcut is `x` itself when the shapes match (`stride == 1` and `x` has `filters` channels), otherwise a projection `Conv2D(filters, 1, strides=stride)` → `BatchNormalization()`; then `Add` and a final ReLU. The convolutions may have a bias or not; keep `BatchNormalization`'s default settings.
#
# The given helpers `vgg_block_model` and `residual_block_model` wrap each block in a model so that it can reach the grader. The grader moves the random weights of a reference block into yours and compares the two blocks' outputs on random inputs: the order of the layers, where the ReLUs sit and the kind of shortcut all matter.

# %%
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


# %% test="public"
def test_block_shapes(vgg_block_model, residual_block_model):
    model = vgg_block_model((8, 8, 3), 4, 2)
    assert model is not None, ("vgg_block_model returned None: does vgg_block return a tensor?"
                               "\nfa: `vgg_block_model` مقدار `None` برگرداند: آیا `vgg_block` یک تنسور برمی‌گرداند؟")

    try:
        from autograder.grading.keras_tools import rebuild_model
        model = rebuild_model(model)
    except ImportError:
        pass

    assert tuple(model.output_shape) == (None, 4, 4, 4), (
        f"vgg_block on (8, 8, 3) with 4 filters should give (None, 4, 4, 4), not {model.output_shape}"
        f"\nfa: `vgg_block` روی `(8, 8, 3)` با `4` فیلتر باید شکل `(None, 4, 4, 4)` بدهد، نه `{model.output_shape}`")
    model = residual_block_model((8, 8, 3), 6, 2)

    try:
        from autograder.grading.keras_tools import rebuild_model
        model = rebuild_model(model)
    except ImportError:
        pass

    assert tuple(model.output_shape) == (None, 4, 4, 6), (
        "residual_block on (8, 8, 3) with 6 filters and stride 2 should give (None, 4, 4, 6), "
        f"not {model.output_shape}"
        f"\nfa: `residual_block` روی `(8, 8, 3)` با `6` فیلتر و `stride=2` باید شکل `(None, 4, 4, 6)` "
        f"بدهد، نه `{model.output_shape}`")


# %% test="hidden" points=2
def test_vgg_block_behaviour(vgg_block_model):
    import numpy as np
    from autograder.grading.keras_tools import rebuild_model
    from solutions import hw05
    from solutions.hw05_judge import move_vgg_weights, randomize
    for number, args in enumerate([((8, 8, 3), 4, 2), ((9, 7, 2), 5, 1), ((6, 6, 1), 3, 3)]):
        where = f"vgg_block_model{args}"
        model = rebuild_model(vgg_block_model(*args))
        reference = hw05.vgg_block_model(*args)
        assert tuple(model.output_shape) == tuple(reference.output_shape), (
            f"{where}: the block's output shape is {model.output_shape}, expected "
            f"{reference.output_shape}"
            f"\nfa: `{where}`: شکل خروجی بلوک `{model.output_shape}` است، ولی `{reference.output_shape}` "
            "انتظار می‌رفت")
        randomize(reference, seed=number)
        move_vgg_weights(reference, model)
        x = np.random.default_rng(number).normal(size=(3, *args[0])).astype("float32")
        ours = np.asarray(reference(x, training=False))
        yours = np.asarray(model(x, training=False))
        assert np.allclose(yours, ours, rtol=1e-3, atol=1e-4), (
            f"{where}: with the reference's weights moved into it, your block computes other "
            "values: check the 3x3 same convolutions with relu, their number and the 2x2 max pooling"
            f"\nfa: `{where}`: با وزن‌های پاسخ مرجع در بلوک شما، بلوک شما مقدارهای دیگری حساب می‌کند: "
            "کانولوشن‌های `3x3` با `padding=\"same\"` و `relu`، تعداد آن‌ها و `MaxPooling2D` با "
            "اندازهٔ `2x2` را بررسی کنید")


# %% test="hidden" points=2
def test_identity_residual_block(residual_block_model):
    import numpy as np
    from autograder.grading.keras_tools import rebuild_model
    from solutions import hw05
    from solutions.hw05_judge import move_weights, randomize
    for number, args in enumerate([((8, 8, 6), 6, None), ((7, 5, 4), 4, 1)]):
        where = f"residual_block_model{args}"
        model = rebuild_model(residual_block_model(*args))
        reference = hw05.residual_block_model(*args)
        assert tuple(model.output_shape) == tuple(reference.output_shape), (
            f"{where}: the block's output shape is {model.output_shape}, expected "
            f"{reference.output_shape}"
            f"\nfa: `{where}`: شکل خروجی بلوک `{model.output_shape}` است، ولی `{reference.output_shape}` "
            "انتظار می‌رفت")
        randomize(reference, seed=number)
        move_weights(reference, model)
        x = np.random.default_rng(number).normal(size=(3, *args[0])).astype("float32")
        ours = np.asarray(reference(x, training=False))
        yours = np.asarray(model(x, training=False))
        assert np.allclose(yours, ours, rtol=1e-3, atol=1e-4), (
            f"{where}: with the reference's weights moved into it, your block computes other "
            "values: check conv -> batch norm -> ReLU -> conv -> batch norm, the identity shortcut, the Add and the final ReLU"
            f"\nfa: `{where}`: با وزن‌های پاسخ مرجع در بلوک شما، بلوک شما مقدارهای دیگری حساب می‌کند: "
            "ترتیب `Conv2D -> BatchNormalization -> ReLU -> Conv2D -> BatchNormalization`، میان‌بر "
            "همانی (identity)، `Add` و ReLU پایانی را بررسی کنید")


# %% test="hidden" points=2
def test_projection_residual_block(residual_block_model):
    import numpy as np
    from autograder.grading.keras_tools import rebuild_model
    from solutions import hw05
    from solutions.hw05_judge import move_weights, randomize
    for number, args in enumerate([((8, 8, 4), 6, 1), ((9, 9, 4), 6, 2), ((7, 7, 5), 5, 2), ((6, 6, 3), 4, None)]):
        where = f"residual_block_model{args}"
        model = rebuild_model(residual_block_model(*args))
        reference = hw05.residual_block_model(*args)
        assert tuple(model.output_shape) == tuple(reference.output_shape), (
            f"{where}: the block's output shape is {model.output_shape}, expected "
            f"{reference.output_shape}"
            f"\nfa: `{where}`: شکل خروجی بلوک `{model.output_shape}` است، ولی `{reference.output_shape}` "
            "انتظار می‌رفت")
        randomize(reference, seed=number)
        move_weights(reference, model)
        x = np.random.default_rng(number).normal(size=(3, *args[0])).astype("float32")
        ours = np.asarray(reference(x, training=False))
        yours = np.asarray(model(x, training=False))
        assert np.allclose(yours, ours, rtol=1e-3, atol=1e-4), (
            f"{where}: with the reference's weights moved into it, your block computes other "
            "values: check the strided 3x3 convolution and the 1x1 projection with its batch norm on the shortcut"
            f"\nfa: `{where}`: با وزن‌های پاسخ مرجع در بلوک شما، بلوک شما مقدارهای دیگری حساب می‌کند: "
            "کانولوشن `3x3` با `stride` و تصویر `1x1` (projection) روی میان‌بر همراه با "
            "`BatchNormalization` آن را بررسی کنید")


# %% [raw]
# # BEGIN QUESTION
# name: q4

# %% [markdown]
# ## پرسش ۴: پارامترهای VGG16 و ResNet50 · Question 4: the parameters of VGG16 and ResNet50
#
# <div dir="rtl" lang="fa">
#
# بدون ساختن مدل، تعداد پارامترهای دو شبکهٔ `keras.applications` را با `include_top=True` و `weights=None` حساب کنید. هر تابع دیکشنری `{"total": ..., "trainable": ..., "non_trainable": ...}` با عددهای صحیح برمی‌گرداند.
#
# 1. `vgg16_params(input_shape=(224, 224, 3), classes=1000)`: پنج بلوک با ۲، ۲، ۳، ۳ و ۳ کانولوشن $3\times3$ (با بایاس، `same`) و ۶۴، ۱۲۸، ۲۵۶، ۵۱۲ و ۵۱۲ فیلتر، هر بلوک با یک max pooling $2\times2$ (ارتفاع و عرض نصف و به پایین گرد)؛ سپس `Flatten` و سه لایهٔ `Dense` با ۴۰۹۶، ۴۰۹۶ و `classes` واحد. برای ورودی پیش‌فرض: ۱۳۸٬۳۵۷٬۵۴۴.
# 2. `resnet50_params(input_channels=3, classes=1000)`: کانولوشن $7\times7$ با ۶۴ فیلتر و BN، سپس چهار مرحله با ۳، ۴، ۶ و ۳ بلوک گلوگاهی (bottleneck) با `filters` برابر ۶۴، ۱۲۸، ۲۵۶ و ۵۱۲: هر بلوک $1\times1$ با `filters` کانال، $3\times3$ با `filters` و $1\times1$ با `4*filters` کانال، هر کدام با BN؛ بلوک اول هر مرحله میان‌بر تصویرکنندهٔ $1\times1$ به `4*filters` کانال با BN دارد. در `keras.applications` همهٔ این کانولوشن‌ها بایاس دارند. در پایان global average pooling و `Dense(classes)`. هر BN چهار بردار دارد: `gamma` و `beta` آموختنی‌اند و میانگین و واریانس متحرک آموختنی نیستند. برای پیش‌فرض: ۲۵٬۶۳۶٬۷۱۲ که ۵۳٬۱۲۰ از آن آموختنی نیست. (تعداد پارامترهای ResNet50 به اندازهٔ تصویر بستگی ندارد؛ چرا؟)
#
# </div>
#
# Without building a model, count the parameters of two `keras.applications` networks with `include_top=True` and `weights=None`. Each function returns a dict `{"total": ..., "trainable": ..., "non_trainable": ...}` of integers.
#
# 1. `vgg16_params(input_shape=(224, 224, 3), classes=1000)`: five blocks of 2, 2, 3, 3 and 3 convolutions $3\times3$ (with bias, `same`) with 64, 128, 256, 512 and 512 filters, each block ending with a $2\times2$ max pooling (height and width halved, rounding down); then `Flatten` and three `Dense` layers of 4096, 4096 and `classes` units. For the default input: 138,357,544.
# 2. `resnet50_params(input_channels=3, classes=1000)`: a $7\times7$ convolution with 64 filters and BN, then four stages of 3, 4, 6 and 3 bottleneck blocks with `filters` 64, 128, 256 and 512: each block is $1\times1$ to `filters` channels, $3\times3$ to `filters` and $1\times1$ to `4*filters`, each followed by BN; the first block of each stage has a $1\times1$ projection shortcut to `4*filters` channels with BN. In `keras.applications` all these convolutions have a bias. Then global average pooling and `Dense(classes)`. Every BN holds four vectors: `gamma` and `beta` are trainable, the moving mean and variance are not. For the defaults: 25,636,712, of which 53,120 are non-trainable. (ResNet50's count does not depend on the image size: why?)

# %%
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


# %% test="public"
def test_default_totals(vgg16_params, resnet50_params):
    assert vgg16_params()["total"] == 138_357_544, (
        "VGG16 (224 x 224 x 3, 1000 classes) has 138,357,544 parameters"
        "\nfa: `VGG16` (ورودی `224 x 224 x 3` و `1000` کلاس) `138,357,544` پارامتر دارد")
    assert resnet50_params()["total"] == 25_636_712, (
        "ResNet50 (1000 classes) has 25,636,712 parameters"
        "\nfa: `ResNet50` (با `1000` کلاس) `25,636,712` پارامتر دارد")


# %% test="hidden" points=2
def test_vgg16_counts(vgg16_params):
    from solutions.hw05 import vgg16_params as reference
    for args in [(), ((224, 224, 3), 1000), ((64, 48, 1), 7), ((100, 75, 3), 2), ((32, 32, 3), 10)]:
        got = vgg16_params(*args)
        assert isinstance(got, dict) and set(got) == {"total", "trainable", "non_trainable"}, (
            "return a dict with the keys 'total', 'trainable' and 'non_trainable'"
            "\nfa: دیکشنری‌ای با کلیدهای `'total'`، `'trainable'` و `'non_trainable'` برگردانید")
        expected = reference(*args)
        for key in ("total", "trainable", "non_trainable"):
            assert got[key] == expected[key], (
                f"vgg16_params{args}: the {key} count is wrong; check each 3x3 kernel's input channels, the biases, and the flattened size after five poolings that round down"
                f"\nfa: `vgg16_params{args}`: شمارش `{key}` نادرست است؛ کانال‌های ورودی هر هستهٔ `3x3`، "
                "بایاس‌ها و اندازهٔ مسطح‌شده پس از پنج pooling (که رو به پایین گرد می‌کنند) را بررسی کنید")


# %% test="hidden" points=2
def test_resnet50_counts(resnet50_params):
    from solutions.hw05 import resnet50_params as reference
    for args in [(), (3, 1000), (1, 5), (4, 2)]:
        got = resnet50_params(*args)
        assert isinstance(got, dict) and set(got) == {"total", "trainable", "non_trainable"}, (
            "return a dict with the keys 'total', 'trainable' and 'non_trainable'"
            "\nfa: دیکشنری‌ای با کلیدهای `'total'`، `'trainable'` و `'non_trainable'` برگردانید")
        expected = reference(*args)
        for key in ("total", "trainable", "non_trainable"):
            assert got[key] == expected[key], (
                f"resnet50_params{args}: the {key} count is wrong; check the bottleneck convolutions, the projection of each stage's first block, the biases, and that two of every batch norm's four vectors are not trainable"
                f"\nfa: `resnet50_params{args}`: شمارش `{key}` نادرست است؛ کانولوشن‌های گلوگاهی "
                "(bottleneck)، projection نخستین بلوک هر مرحله، بایاس‌ها، و اینکه دو بردار از چهار بردار "
                "هر `BatchNormalization` آموزش‌پذیر نیستند را بررسی کنید")


# %%
# given helper: do not change (rebuilds the grader's model here and calls your function below)
def gradient_norm_from_data(config_json, weights, x, y):
    model = keras.models.model_from_json(config_json)
    model.set_weights(weights)
    return first_layer_gradient_norm(model, x, y)


# %% [raw]
# # BEGIN QUESTION
# name: q5

# %% [markdown]
# ## پرسش ۵: گرادیان لایهٔ اول · Question 5: the first layer's gradient
#
# <div dir="rtl" lang="fa">
#
# چرا میان‌برهای ResNet آموزش شبکه‌های عمیق را آسان می‌کنند؟ یک راه دیدنش این است که ببینیم گرادیان در آغاز آموزش چقدر به لایهٔ اول می‌رسد. تابع `first_layer_gradient_norm(model, x, y)` را با `tf.GradientTape` بنویسید: `model` یک مدل Keras است که احتمال کلاس‌ها را خروجی می‌دهد (softmax)، `x` دسته‌ای از ورودی‌ها و `y` برچسب‌های صحیح. میانگین `keras.losses.sparse_categorical_crossentropy(y, model(x, training=False))` روی دسته را حساب کنید و نُرم L2 (فروبنیوس، روی همهٔ درایه‌ها) گرادیان آن نسبت به `kernel` **اولین لایه‌ای که kernel دارد** (به ترتیب `model.layers`) را به صورت یک عدد اعشاری `float` برگردانید.
#
# تابع کمکی آماده `gradient_norm_from_data` مدلی را که سامانهٔ تصحیح به شکل پیکربندی و وزن می‌فرستد در دفترچه می‌سازد و تابع شما را صدا می‌زند. سلول آزمایش پس از این پرسش (با برچسب `skip-grading`) یک شبکهٔ کوچک به سبک VGG و یکی به سبک ResNet با عمق مشابه می‌سازد، هر دو را روی تصویرهای ضایعه آموزش می‌دهد و این نُرم را برای نسخه‌های کم‌عمق و عمیق هر دو چاپ می‌کند.
#
# </div>
#
# Why do ResNet's shortcuts make deep networks easier to train? One way to see it is how much gradient reaches the first layer at the start of training. Write `first_layer_gradient_norm(model, x, y)` with `tf.GradientTape`: `model` is a Keras model that outputs class probabilities (softmax), `x` a batch of inputs and `y` their integer labels. Compute the mean over the batch of `keras.losses.sparse_categorical_crossentropy(y, model(x, training=False))` and return, as a Python `float`, the L2 (Frobenius, over all entries) norm of its gradient with respect to the `kernel` of **the first layer that has a kernel** (in `model.layers` order).
#
# The given helper `gradient_norm_from_data` builds the model the grader sends (as configuration and weights) in the notebook and calls your function. The experiment cell after this question (tagged `skip-grading`) builds a small VGG-style and a small ResNet-style network of similar depth, trains both on the lesion images, and prints this norm for a shallow and a deep version of each.

# %%
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


# %% test="public"
def test_norm_is_a_positive_float(gradient_norm_from_data):
    import numpy as np
    import keras
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, activation="softmax")])
    x = np.random.default_rng(0).normal(size=(5, 4)).astype("float32")
    value = gradient_norm_from_data(model.to_json(), model.get_weights(), x, np.array([0, 1, 2, 0, 1]))
    assert isinstance(value, float) and value > 0, (
        f"expected a positive float, got {value!r}"
        f"\nfa: یک `float` مثبت انتظار می‌رفت، ولی `{value!r}` برگشت")


# %% test="hidden" points=2
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
        assert isinstance(got, float), (f"return a Python float, not {type(got).__name__}"
                                        f"\nfa: یک `float` پایتون برگردانید، نه `{type(got).__name__}`")
        assert np.isclose(got, reference(model, x, y), rtol=1e-4, atol=1e-7), (
            f"for a small {kind}-style network the norm differs from the norm of the gradient of "
            "the mean cross-entropy with respect to the first convolution's kernel"
            f"\nfa: برای یک شبکهٔ کوچک به سبک `{kind}` نُرم با نُرم گرادیان میانگین cross-entropy "
            "نسبت به هستهٔ نخستین کانولوشن فرق دارد")


# %% test="hidden" points=1
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
        "norm should be the gradient's norm with respect to its kernel (mean loss over the batch)"
        "\nfa: برای `Flatten -> Dense -> Dense` نخستین لایهٔ دارای هسته همان `Dense` اول است: نُرم "
        "باید نُرم گرادیان نسبت به هستهٔ آن باشد (میانگین هزینه روی batch)")


# %% [markdown]
# <div dir="rtl" lang="fa">
#
# سلول زیر آزمایش پرسش ۵-ب است و برچسب `skip-grading` دارد: آن را خودتان اجرا کنید (چند دقیقه طول می‌کشد).
#
# </div>
#
# The cell below is the experiment of question 5b and is tagged `skip-grading`: run it yourself (it takes a few minutes).

# %% tags=["skip-grading"]
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


# %% [raw]
# # BEGIN QUESTION
# name: q5b
# manual: true
# points: 3

# %% [markdown]
# ## پرسش ۵-ب: VGG یا ResNet؟ (تشریحی) · Question 5b: VGG or ResNet? (written)
#
# <div dir="rtl" lang="fa">
#
# خروجی سلول آزمایش را گزارش کنید و توضیح دهید: نُرم گرادیان لایهٔ اول با عمیق‌تر شدن هر شبکه چگونه تغییر کرد و میان‌برها چرا این را تغییر می‌دهند (مشتق $y = F(x) + x$ نسبت به $x$ را بنویسید)؟ دانشجویی در همین تمرین روی مجموعهٔ تصویرهای پزشکی گزارش کرده بود که VGG او (۱۷.۹ میلیون پارامتر) هم دقیق‌تر (۸۶٪ در برابر ۷۰٪ روی آزمون) و هم سریع‌تر از ResNet او (۳۶.۴ میلیون پارامتر) بود. این نتیجه با «ResNet بهتر است» تناقض دارد؟ دست‌کم دو دلیل بیاورید که چنین نتیجه‌ای کی پیش می‌آید.
#
# </div>
#
# Report the output of the experiment cell and explain: how did the first layer's gradient norm change as each network got deeper, and why do shortcuts change that (write the derivative of $y = F(x) + x$ with respect to $x$)? A student who did this homework on the medical image set reported that their VGG (17.9 million parameters) was both more accurate (86% against 70% on the test set) and faster than their ResNet (36.4 million parameters). Does that contradict "ResNet is better"? Give at least two reasons why such a result happens.

# %% [markdown] solution=true
# **Model answer.** Without shortcuts the gradient reaching the first layer is a product of one Jacobian per layer; with many layers it typically shrinks (or grows) geometrically, so the deep VGG-style net's first-layer norm drops by orders of magnitude and its first layers barely learn. A residual block computes $y = F(x) + x$, so $\partial y/\partial x = \partial F/\partial x + I$: the identity term carries the gradient back unchanged even when $\partial F/\partial x$ is small, and the deep ResNet-style net keeps a first-layer norm of the same order as the shallow one (batch norm helps both).
#
# The reported result does not contradict this. ResNet's advantage is about optimising *very deep* networks; at the depths used there (and here) a VGG trains fine. Reasons a VGG can win: (1) a small data set and a model with twice the parameters — the bigger ResNet overfits or needs more epochs than the budget allowed (the training accuracy was also lower: under-training, not only overfitting); (2) batch norm with small batches or a learning rate/epochs tuned for one model and reused for the other; (3) a ResNet built for 224×224 ImageNet images downsamples aggressively (7×7 stride-2 convolution plus pooling), losing small lesions on small images; (4) more parameters and more layers mean more time per epoch, so "faster" follows from the sizes. A fair comparison matches depth, parameters and training budget and reports several seeds.
#
# Grading: 1 point for the reported numbers and the trend of the gradient norms, 1 point for the derivative argument, 1 point for two sound reasons for the student's result.
#
# <div dir="rtl" lang="fa">
#
# بدون میان‌بر گرادیان لایهٔ اول حاصل‌ضرب ژاکوبی‌های همهٔ لایه‌هاست و با عمق کوچک می‌شود؛ در بلوک باقی‌مانده مشتق برابر $\partial F/\partial x + I$ است و جملهٔ همانی گرادیان را بی‌تغییر برمی‌گرداند. نتیجهٔ آن دانشجو تناقضی نیست: شبکه‌ها عمیق نبودند، ResNet دو برابر پارامتر داشت و با دادهٔ کم و بودجهٔ آموزش یکسان کم‌آموزش یا بیش‌برازش شد، و کاهش نمونه‌برداری تند ResNet برای تصویرهای کوچک ضایعه‌های کوچک را از بین می‌برد.
#
# </div>

# %% [raw]
# # BEGIN QUESTION
# name: q6

# %% [markdown]
# ## پرسش ۶: نقشهٔ فعال‌سازی کلاس · Question 6: the class activation map
#
# <div dir="rtl" lang="fa">
#
# در شبکه‌ای که به global average pooling و یک لایهٔ `Dense` ختم می‌شود، امتیاز کلاس $c$ برابر $\sum_k w_{k,c}\,\overline{A_k}$ است که $A_k$ نقشهٔ ویژگی $k$ام آخرین لایهٔ کانولوشنی است. Zhou و همکاران (۲۰۱۶) همین وزن‌ها را روی نقشه‌ها می‌گذارند: $M_c = \sum_k w_{k,c} A_k$.
#
# تابع `class_activation_map(feature_maps, dense_weights, class_index, size)` را بنویسید: `feature_maps` آرایه‌ای `(h, w, k)` (خروجی آخرین کانولوشن برای یک تصویر)، `dense_weights` آرایهٔ `kernel` لایهٔ `Dense` به شکل `(k, classes)`، `class_index` یک عدد صحیح و `size` جفت `(height, width)` تصویر ورودی. به این ترتیب عمل کنید:
#
# 1. $M_c = \sum_k$ `dense_weights[k, class_index]` $\cdot$ `feature_maps[:, :, k]` (بدون ReLU)؛
# 2. تغییر اندازه به `size` با `tf.image.resize(M[..., None], size, method="bilinear")`؛
# 3. مقیاس به بازهٔ $[0, 1]$: کمینه به ۰ و بیشینه به ۱؛ اگر نقشه ثابت باشد، همه صفر.
#
# آرایه‌ای به شکل `size` برگردانید.
#
# </div>
#
# In a network that ends with global average pooling and one `Dense` layer, the score of class $c$ is $\sum_k w_{k,c}\,\overline{A_k}$, where $A_k$ is the $k$-th feature map of the last convolution. Zhou et al. (2016) put the same weights on the maps: $M_c = \sum_k w_{k,c} A_k$.
#
# Write `class_activation_map(feature_maps, dense_weights, class_index, size)`: `feature_maps` is an `(h, w, k)` array (the last convolution's output for one image), `dense_weights` the `Dense` layer's `kernel` of shape `(k, classes)`, `class_index` an integer and `size` the input image's `(height, width)`. In this order:
#
# 1. $M_c = \sum_k$ `dense_weights[k, class_index]` $\cdot$ `feature_maps[:, :, k]` (no ReLU);
# 2. resize to `size` with `tf.image.resize(M[..., None], size, method="bilinear")`;
# 3. scale to $[0, 1]$: the minimum to 0 and the maximum to 1; a constant map becomes all zeros.
#
# Return an array of shape `size`.

# %%
def class_activation_map(feature_maps, dense_weights, class_index, size):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    w = np.asarray(dense_weights, dtype="float32")[:, class_index]
    cam = np.einsum("hwk,k->hw", np.asarray(feature_maps, dtype="float32"), w)
    cam = tf.image.resize(cam[:, :, np.newaxis], size, method="bilinear")[:, :, 0].numpy()
    spread = cam.max() - cam.min()
    if spread == 0:
        return np.zeros(cam.shape)
    return (cam - cam.min()) / spread
    # END SOLUTION


# %% test="public"
def test_cam_shape_and_range(class_activation_map):
    import numpy as np
    maps = np.arange(2 * 2 * 3, dtype="float32").reshape(2, 2, 3)
    cam = np.asarray(class_activation_map(maps, np.ones((3, 4)), 1, (4, 4)), dtype=float)
    assert cam.shape == (4, 4), (f"the map should be resized to (4, 4), not {cam.shape}"
                                 f"\nfa: اندازهٔ نقشه باید به `(4, 4)` تغییر کند، نه `{cam.shape}`")
    assert np.isclose(cam.min(), 0) and np.isclose(cam.max(), 1), (
        "scale the map to [0, 1]\nfa: نقشه را به بازهٔ `[0, 1]` ببرید")


# %% test="hidden" points=3
def test_cam_matches(class_activation_map):
    import numpy as np
    from solutions.hw05 import class_activation_map as reference
    rng = np.random.default_rng(61)
    for (h, w, k, classes), size in [((4, 4, 6, 3), (8, 8)), ((3, 5, 4, 5), (12, 10)),
                                     ((5, 5, 3, 2), (7, 9)), ((2, 3, 8, 4), (2, 3)),
                                     ((3, 3, 5, 3), (5, 4))]:
        maps = rng.normal(size=(h, w, k)).astype("float32") * (0.01 if k == 5 else 1.0)
        weights = rng.normal(size=(k, classes)).astype("float32")
        index = int(rng.integers(1, classes))
        expected = reference(maps, weights, index, size)
        got = np.asarray(class_activation_map(maps, weights, index, size), dtype=float)
        assert got.shape == expected.shape, (
            f"for feature maps {maps.shape} and size {size} the map should have shape {size}, "
            f"not {got.shape}"
            f"\nfa: برای نقشه‌های ویژگی `{maps.shape}` و اندازهٔ `{size}` نقشه باید شکل `{size}` داشته "
            f"باشد، نه `{got.shape}`")
        assert np.allclose(got, expected, atol=1e-4), (
            f"for feature maps {maps.shape}, class {index} and size {size} the map differs: "
            "weight each map by the class's column of dense_weights (no ReLU), resize bilinearly "
            "with tf.image.resize, then scale min to 0 and max to 1"
            f"\nfa: برای نقشه‌های ویژگی `{maps.shape}`، کلاس `{index}` و اندازهٔ `{size}` نقشه فرق دارد: "
            "هر نقشه را با ستون آن کلاس در `dense_weights` وزن دهید (بدون ReLU)، با `tf.image.resize` "
            "به روش دوخطی (bilinear) تغییر اندازه دهید، سپس کمینه را به `0` و بیشینه را به `1` ببرید")


# %% test="hidden" points=1
def test_cam_constant_map(class_activation_map):
    import numpy as np
    maps = np.ones((3, 3, 2), dtype="float32")
    got = np.asarray(class_activation_map(maps, np.ones((2, 2)), 0, (6, 6)), dtype=float)
    assert got.shape == (6, 6) and np.all(np.isfinite(got)) and np.allclose(got, 0), (
        "a constant map has no minimum-to-maximum range: return all zeros (not NaN)"
        "\nfa: نقشهٔ ثابت فاصله‌ای میان کمینه و بیشینه ندارد: آرایه‌ای تماماً صفر برگردانید (نه `NaN`)")


# %%
# given helper: do not change (rebuilds the grader's model here and calls your function below)
def grad_cam_from_data(config_json, weights, image, layer_name, class_index):
    model = keras.models.model_from_json(config_json)
    model.set_weights(weights)
    return grad_cam(model, image, layer_name, class_index)


# %% [raw]
# # BEGIN QUESTION
# name: q7

# %% [markdown]
# ## پرسش ۷: Grad-CAM · Question 7: Grad-CAM
#
# <div dir="rtl" lang="fa">
#
# CAM فقط برای شبکه‌هایی با GAP و یک لایهٔ Dense کار می‌کند. Grad-CAM (Selvaraju و همکاران، ۲۰۱۷) وزن هر نقشه را از گرادیان به دست می‌آورد. تابع `grad_cam(model, image, layer_name, class_index)` را با `tf.GradientTape` بنویسید: `model` یک مدل Keras با خروجی احتمال کلاس‌ها، `image` یک تصویر `(H, W, C)` (بدون بُعد دسته)، `layer_name` نام یک لایهٔ کانولوشنی و `class_index` کلاس موردنظر (نه لزوماً کلاس پیش‌بینی‌شده).
#
# 1. مدلی بسازید که از ورودی `model` هم خروجی لایهٔ `layer_name` ($A$، به شکل `(1, h, w, k)`) و هم خروجی مدل را بدهد، و آن را با `training=False` روی `image[None]` اجرا کنید؛
# 2. امتیاز کلاس $y^c$ خروجی مدل برای `class_index` است (احتمال softmax، همان‌طور که مثال Grad-CAM در Keras انجام می‌دهد)؛
# 3. $\alpha_k$ میانگین $\partial y^c / \partial A_k$ روی همهٔ مکان‌های $(h, w)$ است؛
# 4. نقشه $\mathrm{ReLU}(\sum_k \alpha_k A_k)$ به شکل `(h, w)` است، تقسیم بر بیشینه‌اش (اگر بیشینه صفر بود، همه صفر)؛ تغییر اندازه ندهید.
#
# تابع کمکی آماده `grad_cam_from_data` مدلی را که سامانهٔ تصحیح می‌فرستد می‌سازد و تابع شما را صدا می‌زند. سلول بعدی (با برچسب `skip-grading`) یک شبکهٔ کوچک با GAP را روی ارقام آموزش می‌دهد و CAM و Grad-CAM چند رقم را روی تصویرشان رسم می‌کند.
#
# </div>
#
# CAM only works for networks ending with GAP and one Dense layer. Grad-CAM (Selvaraju et al., 2017) takes each map's weight from the gradient. Write `grad_cam(model, image, layer_name, class_index)` with `tf.GradientTape`: `model` is a Keras model that outputs class probabilities, `image` one `(H, W, C)` image (no batch axis), `layer_name` the name of a convolutional layer and `class_index` the class of interest (not necessarily the predicted one).
#
# 1. Build a model from `model`'s input to both the output of layer `layer_name` ($A$, shape `(1, h, w, k)`) and the model's output, and run it with `training=False` on `image[None]`;
# 2. the class score $y^c$ is the model's output for `class_index` (the softmax probability, as Keras's Grad-CAM example does);
# 3. $\alpha_k$ is the mean of $\partial y^c / \partial A_k$ over all positions $(h, w)$;
# 4. the map is $\mathrm{ReLU}(\sum_k \alpha_k A_k)$, of shape `(h, w)`, divided by its maximum (all zeros if the maximum is 0); do not resize it.
#
# The given helper `grad_cam_from_data` builds the model the grader sends and calls your function. The next cell (tagged `skip-grading`) trains a small GAP network on the digits and draws the CAM and Grad-CAM of a few digits over the images.

# %%
def grad_cam(model, image, layer_name, class_index):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    target = model.get_layer(layer_name)
    probe = keras.Model(inputs=model.inputs, outputs=[target.output, model.output])
    batch = tf.convert_to_tensor(np.expand_dims(np.asarray(image, dtype="float32"), 0))
    with tf.GradientTape() as tape:
        feature_maps, predictions = probe(batch, training=False)
        tape.watch(feature_maps)
        class_score = predictions[0, class_index]
    grads = tape.gradient(class_score, feature_maps)
    alpha = tf.reduce_mean(grads, axis=(0, 1, 2))
    heatmap = tf.nn.relu(tf.reduce_sum(feature_maps[0] * alpha, axis=-1)).numpy()
    peak = heatmap.max()
    return heatmap / peak if peak > 0 else np.zeros_like(heatmap)
    # END SOLUTION


# %% test="public"
def test_grad_cam_shape(grad_cam_from_data):
    import numpy as np
    import keras
    keras.utils.set_random_seed(1)
    inputs = keras.Input((6, 6, 1))
    maps = keras.layers.Conv2D(4, 3, padding="same", activation="relu", name="maps")(inputs)
    pooled = keras.layers.GlobalAveragePooling2D()(maps)
    model = keras.Model(inputs, keras.layers.Dense(3, activation="softmax")(pooled))
    image = np.random.default_rng(1).random((6, 6, 1)).astype("float32")
    heatmap = np.asarray(grad_cam_from_data(model.to_json(), model.get_weights(), image, "maps", 2), dtype=float)
    assert heatmap.shape == (6, 6), (
        f"the heatmap has the layer's resolution (6, 6), not {heatmap.shape}"
        f"\nfa: نقشهٔ حرارتی وضوح همان لایه، یعنی `(6, 6)`، را دارد، نه `{heatmap.shape}`")
    assert heatmap.min() >= 0 and heatmap.max() <= 1 + 1e-6, (
        "after ReLU and division by the maximum the heatmap lies in [0, 1]"
        "\nfa: پس از ReLU و تقسیم بر بیشینه، نقشهٔ حرارتی در بازهٔ `[0, 1]` است")


# %% test="hidden" points=3
def test_grad_cam_matches(grad_cam_from_data):
    import numpy as np
    from solutions.hw05 import grad_cam as reference
    from solutions.hw05_judge import small_net
    rng = np.random.default_rng(71)
    for number, (kind, layer) in enumerate([("cam", "last_conv"), ("vgg", "last_conv"),
                                            ("resnet", "first_conv"), ("cam", "first_conv")]):
        model = small_net(kind, input_shape=(9, 11, 2), classes=5, seed=20 + number)
        image = rng.random((9, 11, 2)).astype("float32")
        predicted = int(np.argmax(model(image[None], training=False)[0]))
        index = (predicted + 1 + number) % 5
        expected = reference(model, image, layer, index)
        got = np.asarray(grad_cam_from_data(model.to_json(), model.get_weights(), image, layer,
                                            index), dtype=float)
        assert got.shape == expected.shape, (
            f"the heatmap of layer {layer!r} should have that layer's resolution "
            f"{expected.shape}, not {got.shape}"
            f"\nfa: نقشهٔ حرارتی لایهٔ `{layer!r}` باید وضوح همان لایه، یعنی `{expected.shape}`، را "
            f"داشته باشد، نه `{got.shape}`")
        assert np.allclose(got, expected, atol=1e-4), (
            f"the Grad-CAM of layer {layer!r} for class {index} (not the predicted class) "
            "differs: average the gradients of that class's output over the positions, weight "
            "the maps, apply ReLU and divide by the maximum"
            f"\nfa: Grad-CAM لایهٔ `{layer!r}` برای کلاس `{index}` (نه کلاس پیش‌بینی‌شده) فرق دارد: "
            "گرادیان خروجی آن کلاس را روی مکان‌ها میانگین بگیرید، نقشه‌ها را وزن دهید، ReLU را "
            "اعمال کنید و بر بیشینه تقسیم کنید")


# %% test="hidden" points=1
def test_grad_cam_all_negative(grad_cam_from_data):
    import numpy as np
    from solutions.hw05_judge import silent_class_net
    model = silent_class_net(input_shape=(8, 8, 1), classes=3, silent=1, seed=4)
    image = np.random.default_rng(72).random((8, 8, 1)).astype("float32")
    got = np.asarray(grad_cam_from_data(model.to_json(), model.get_weights(), image,
                                        "last_conv", 1), dtype=float)
    assert got.shape == (8, 8) and np.all(np.isfinite(got)) and np.allclose(got, 0), (
        "when every weighted sum is negative, ReLU leaves a map of zeros, whose maximum is 0: "
        "return all zeros (not NaN)"
        "\nfa: وقتی همهٔ مجموع‌های وزن‌دار منفی‌اند، ReLU نقشه‌ای از صفرها می‌دهد که بیشینه‌اش `0` است: "
        "آرایه‌ای تماماً صفر برگردانید (نه `NaN`)")


# %% tags=["skip-grading"]
import matplotlib.pyplot as plt

keras.utils.set_random_seed(0)
inputs = keras.Input(shape=(*INPUT_SHAPE, 1))
h = keras.layers.Conv2D(16, 3, padding="same", activation="relu")(inputs)
h = keras.layers.Conv2D(32, 3, padding="same", activation="relu", name="last_conv")(h)
h = keras.layers.GlobalAveragePooling2D()(h)
cam_net = keras.Model(inputs, keras.layers.Dense(10, activation="softmax")(h))
cam_net.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
cam_net.fit(x_train[..., None], y_train, epochs=15, batch_size=32, verbose=0)
print("test accuracy:", cam_net.evaluate(x_test[..., None], y_test, verbose=0)[1])

features = keras.Model(cam_net.inputs, cam_net.get_layer("last_conv").output)
dense_kernel = cam_net.layers[-1].get_weights()[0]
fig, axes = plt.subplots(3, 4, figsize=(10, 7))
for column, i in enumerate(range(4)):
    image = x_test[i][..., None]
    label = int(np.argmax(cam_net(image[None])[0]))
    cam = class_activation_map(features(image[None])[0].numpy(), dense_kernel, label, INPUT_SHAPE)
    heat = grad_cam(cam_net, image, "last_conv", label)
    axes[0, column].imshow(x_test[i], cmap="gray"); axes[0, column].set_title(f"digit, predicted {label}")
    axes[1, column].imshow(x_test[i], cmap="gray"); axes[1, column].imshow(cam, cmap="jet", alpha=0.5)
    axes[2, column].imshow(x_test[i], cmap="gray"); axes[2, column].imshow(heat, cmap="jet", alpha=0.5)
for row, name in enumerate(["image", "CAM", "Grad-CAM"]):
    axes[row, 0].set_ylabel(name)
plt.tight_layout()
plt.show()

# %% [raw]
# # BEGIN QUESTION
# name: q7b
# manual: true
# points: 3

# %% [markdown]
# ## پرسش ۷-ب: شبکه کجا را نگاه می‌کند؟ (تشریحی) · Question 7b: where does the network look? (written)
#
# <div dir="rtl" lang="fa">
#
# سلول بالا را اجرا کنید و شکل را در پاسخ بگذارید یا توصیف کنید. برای هر رقم، CAM و Grad-CAM کدام بخش تصویر را روشن می‌کنند؟ آیا با بخش‌هایی که شما برای تشخیص آن رقم نگاه می‌کنید (مثلاً حلقهٔ بستهٔ ۰ یا خط افقی ۷) هم‌خوان است؟ چرا CAM و Grad-CAM برای لایهٔ آخر این شبکه تقریباً یکسان‌اند و چرا برای تصویرهای $8\times8$ نقشه‌ها درشت‌اند؟ اگر نقشه روی پس‌زمینه یا لبهٔ تصویر بیفتد، دربارهٔ مدل (یا داده) چه می‌گوید؟
#
# </div>
#
# Run the cell above and put the figure in your answer, or describe it. For each digit, which part of the image do CAM and Grad-CAM light up? Does it match the parts you look at to recognise that digit (the closed loop of a 0, the bar of a 7)? Why are CAM and Grad-CAM almost the same for this network's last layer, and why are the maps coarse for $8\times8$ images? If a map falls on the background or the border of the image, what does that say about the model (or the data)?

# %% [markdown] solution=true
# **Model answer.** The maps usually light up the strokes that tell the digit apart from its neighbours (the gap of a 4, the loop of a 6 or 9, the bar of a 7) rather than the whole digit; a wrong or lucky prediction often shows a map on an unusual part. For a network ending with GAP and one Dense layer, Grad-CAM's weights are the gradients of the class score with respect to each map, averaged over positions: for the pre-softmax score this is exactly $w_{k,c}/(hw)$, so Grad-CAM equals CAM up to the ReLU and the scaling (with the softmax probability the weights are rescaled by a common factor plus a small mix of the other classes' weights, hence "almost"). The maps are coarse because the last convolution has only 8×8 positions, each covering a 5×5 receptive field of a tiny image, and interpolation smooths them. A map on the background or the border means the network uses features that are not the digit (an artefact, a bias of the data such as where digits are written, or padding effects): a reason to distrust the model on new data — the point of the famous "husky vs wolf on snow" example.
#
# Grading: 1 point for the figure and a correct description of the highlighted regions, 1 point for why CAM and Grad-CAM agree here and why the maps are coarse, 1 point for what a map on the background means.
#
# <div dir="rtl" lang="fa">
#
# نقشه‌ها معمولاً خط‌هایی را روشن می‌کنند که رقم را از رقم‌های شبیهش جدا می‌کند. برای شبکه‌ای با GAP و یک Dense، گرادیان امتیاز کلاس نسبت به هر نقشه همان وزن Dense تقسیم بر تعداد مکان‌هاست، پس Grad-CAM تقریباً همان CAM است. نقشه‌ها درشت‌اند چون آخرین کانولوشن فقط $8\times8$ مکان دارد. نقشه‌ای روی پس‌زمینه یعنی مدل از ویژگی‌ای غیر از خود رقم استفاده می‌کند.
#
# </div>
