# %% [raw]
# # ASSIGNMENT CONFIG
# name: hw01
# generate: true
# export_cell:
#   pdf: false
# run_tests: true
# show_question_points: true
# tests:
#   files: true
#   ok_format: false

# %% [markdown]
# # تمرین ۱ · Homework 1
#
# **نخستین گام‌ها با شبکه‌های بازگشتی** · **First steps with recurrent networks**
#
# <div dir="rtl" lang="fa">
#
# این تمرین همراه جلسهٔ اول درس است. ابتدا شکل خروجی‌های لایهٔ `SimpleRNN` در Keras را پیش‌بینی می‌کنید و شبکهٔ بازشده در زمان را رسم می‌کنید؛ سپس یک MLP و یک شبکهٔ `SimpleRNN` برای دسته‌بندی ارقام دست‌نویس می‌سازید و آن‌ها را مقایسه می‌کنید؛ پارامترهای مدل بازگشتی را با دست می‌شمارید؛ و در پایان مدلی ترکیبی از CNN و RNN برای دسته‌بندی ویدیو طراحی می‌کنید.
#
# **نمره‌دهی**
#
# - نام تابع‌ها و نام و ترتیب آرگومان‌هایشان را تغییر ندهید. سامانهٔ تصحیح تابع‌های شما را با ورودی‌های تازه‌ای صدا می‌زند که در این دفترچه نیامده‌اند.
# - تابع‌های پرسش‌های ۱ و ۳ دادهٔ ساده برمی‌گردانند: عدد صحیح، تاپل یا لیست. تابع‌های پرسش‌های ۲ و ۴ یک مدل Keras برمی‌گردانند؛ سامانهٔ تصحیح مدل را از روی پیکربندی و وزن‌هایش دوباره می‌سازد، پس از لایهٔ `Lambda` یا لایه‌های سفارشی استفاده نکنید و فقط لایه‌های آمادهٔ `keras.layers` را به کار ببرید.
# - `grader.check("q1")` فقط چند آزمون عمومی کوچک را اجرا می‌کند؛ بیشتر نمره از آزمون‌های پنهانی است که پس از تحویل اجرا می‌شوند.
# - هنگام نمره‌دهی همهٔ سلول‌های کد از بالا به پایین اجرا می‌شوند. سلول‌های آموزش آزمایشی را کوتاه نگه دارید یا با برچسب `skip-grading` علامت بزنید (سلول آموزش آمادهٔ این دفترچه این برچسب را دارد).
# - پرسش‌های تشریحی را به فارسی یا انگلیسی در سلول‌های متنی مشخص‌شده بنویسید. برای رسم شکل می‌توانید تصویر دست‌کشیده را در سلول متنی بگذارید یا شکل را با متن و فلش توصیف کنید.
#
# </div>
#
# This homework goes with the course's first session. You first predict the output shapes of Keras's `SimpleRNN` layer and draw the network unrolled in time; then you build an MLP and a `SimpleRNN` network for handwritten digits and compare them; you count the recurrent model's parameters by hand; finally you design a CNN + RNN model for video classification.
#
# **Grading**
#
# - Keep the function names and the names and order of their arguments. The grader calls your functions on fresh inputs that do not appear in this notebook.
# - The functions of questions 1 and 3 return plain data: integers, tuples or lists. The functions of questions 2 and 4 return a Keras model; the grader rebuilds it from its configuration and weights, so do not use `Lambda` or custom layers: only the ready-made layers of `keras.layers`.
# - `grader.check("q1")` runs only a few small public tests; most points come from hidden tests run after you submit.
# - For grading, every code cell runs from top to bottom. Keep exploratory training cells short or tag them `skip-grading` (the training cell provided in this notebook has that tag).
# - Answer the written questions in Persian or English in the marked text cells. For a drawing you may insert a photo of a sketch into the text cell, or describe the figure with text and arrows.

# %%
import os
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np
import keras


# %% [raw]
# # BEGIN QUESTION
# name: q1

# %% [markdown]
# ## پرسش ۱: شکل خروجی SimpleRNN · Question 1: the output shapes of SimpleRNN
#
# <div dir="rtl" lang="fa">
#
# در کلاس این کد را دیدیم:
#
# ```python
# inputs = np.random.random([32, 10, 8]).astype(np.float32)
# simple_rnn = keras.layers.SimpleRNN(4)
# output = simple_rnn(inputs)
# simple_rnn = keras.layers.SimpleRNN(4, return_sequences=True, return_state=True)
# whole_sequence_output, final_state = simple_rnn(inputs)
# ```
#
# ورودی یک دسته از ۳۲ دنباله است، هر کدام با ۱۰ گام زمانی و ۸ ویژگی در هر گام. تابع `simple_rnn_output_shapes(batch, timesteps, features, units, return_sequences=False, return_state=False)` را بنویسید که شکل خروجی‌های `SimpleRNN(units, return_sequences=..., return_state=...)` را روی ورودی `(batch, timesteps, features)` برگرداند:
#
# - اگر `return_state` برابر `False` باشد، یک تاپل: شکل تنها خروجی لایه؛
# - اگر `return_state` برابر `True` باشد، یک جفت (تاپل یا لیست دوتایی) `(شکل خروجی, شکل حالت پایانی)`.
#
# `return_sequences` تعیین می‌کند خروجی فقط حالت گام آخر باشد یا حالت همهٔ گام‌ها. `batch` ممکن است `None` باشد (اندازهٔ نامعلوم دسته، مانند `model.summary()`)؛ همان را در شکل بگذارید. تابع را با دست و بدون ساختن لایه هم می‌توان نوشت؛ اما پیشنهاد می‌کنیم نتیجه را در یک سلول جدا با لایهٔ واقعی Keras مقایسه کنید.
#
# </div>
#
# In class we met the code above: a batch of 32 sequences, each with 10 time steps of 8 features. Write `simple_rnn_output_shapes(batch, timesteps, features, units, return_sequences=False, return_state=False)`, returning the shapes that `SimpleRNN(units, return_sequences=..., return_state=...)` produces on inputs `(batch, timesteps, features)`:
#
# - when `return_state` is `False`, one tuple: the shape of the layer's only output;
# - when `return_state` is `True`, a pair (a tuple or a two-element list) `(output shape, final state shape)`.
#
# `return_sequences` decides whether the output is the state of the last step only or the states of all steps. `batch` may be `None` (an unknown batch size, as in `model.summary()`): keep it as it is. You can write the function by reasoning alone, without building a layer, but do compare your answer with a real Keras layer in a separate cell.

# %%
def simple_rnn_output_shapes(batch, timesteps, features, units, return_sequences=False,
                             return_state=False):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    final_state_shape = (batch, units)  # the kernel maps the features to `units` numbers
    if return_sequences:
        output_shape = (batch, timesteps, units)  # one state per time step
    else:
        output_shape = final_state_shape
    if return_state:
        return output_shape, final_state_shape
    return output_shape
    # END SOLUTION


# %% test="public"
def test_shapes_session_example(simple_rnn_output_shapes):
    got = simple_rnn_output_shapes(32, 10, 8, 4)
    assert got is not None, ("simple_rnn_output_shapes returned None: return the shape"
                             "\nfa: `simple_rnn_output_shapes` مقدار None برگرداند: شکل را برگردانید")
    assert tuple(got) == (32, 4), (
        f"SimpleRNN(4) on inputs (32, 10, 8) returns the last state only: (32, 4), not {got}"
        f"\nfa: `SimpleRNN(4)` روی ورودی‌های `(32, 10, 8)` فقط حالت آخر را برمی‌گرداند: `(32, 4)`، نه `{got}`")


# %% test="public"
def test_shapes_session_example_with_state(simple_rnn_output_shapes):
    got = simple_rnn_output_shapes(32, 10, 8, 4, return_sequences=True, return_state=True)
    assert isinstance(got, (tuple, list)) and len(got) == 2 and all(
        isinstance(shape, (tuple, list)) for shape in got), (
        "with return_state=True return the pair (output shape, final state shape): two tuples, "
        f"not {got}"
        f"\nfa: با `return_state=True` زوج (شکل خروجی، شکل حالت پایانی) را برگردانید: دو tuple، نه `{got}`")
    output_shape, state_shape = (tuple(shape) for shape in got)
    assert output_shape == (32, 10, 4), (
        "with return_sequences=True the output holds all 10 states: (32, 10, 4), "
        f"not {output_shape}"
        f"\nfa: با `return_sequences=True` خروجی همهٔ 10 حالت را دارد: `(32, 10, 4)`، نه `{output_shape}`")
    assert state_shape == (32, 4), (f"the final state has shape (32, 4), not {state_shape}"
                                    f"\nfa: حالت پایانی شکل `(32, 4)` دارد، نه `{state_shape}`")


# %% test="hidden" points=2
def test_shapes_without_state(simple_rnn_output_shapes):

    import numpy as np
    from solutions.hw01 import simple_rnn_output_shapes as reference
    rng = np.random.default_rng(1101)
    cases = [(None, 7, 3, 5)] + [tuple(int(v) for v in rng.integers(1, 40, size=4))
                                 for _ in range(6)]

    for batch, timesteps, features, units in cases:
        for return_sequences in (False, True):
            got = simple_rnn_output_shapes(batch, timesteps, features, units,
                                           return_sequences=return_sequences)
            want = reference(batch, timesteps, features, units, return_sequences=return_sequences)
            where = (f"inputs ({batch}, {timesteps}, {features}), units={units}, "
                     f"return_sequences={return_sequences}")
            assert isinstance(got, (tuple, list)), (f"{where}: return the shape as a tuple"
                                                    f"\nfa: `{where}`: شکل را به‌صورت tuple برگردانید")
            assert tuple(got) == want, (f"{where}: wrong shape {tuple(got)}"
                                        f"\nfa: `{where}`: شکل `{tuple(got)}` نادرست است")
        # the defaults: return_sequences=False, return_state=False
        got = simple_rnn_output_shapes(batch, timesteps, features, units)
        where = (f"simple_rnn_output_shapes({batch}, {timesteps}, {features}, {units}), without "
                 "return_sequences and return_state")
        assert isinstance(got, (tuple, list)), (f"{where}: return the shape as a tuple"
                                                f"\nfa: `{where}`: شکل را به‌صورت tuple برگردانید")
        assert tuple(got) == reference(batch, timesteps, features, units), (
            f"{where}: wrong shape {tuple(got)}; by default return_sequences=False, so the "
            "output is the last state only"
            f"\nfa: `{where}`: شکل `{tuple(got)}` نادرست است؛ به‌طور پیش‌فرض `return_sequences=False` است، پس خروجی فقط حالت آخر است")


# %% test="hidden" points=2
def test_shapes_with_state(simple_rnn_output_shapes):

    import numpy as np
    from solutions.hw01 import simple_rnn_output_shapes as reference
    rng = np.random.default_rng(1102)
    cases = [(None, 7, 3, 5)] + [tuple(int(v) for v in rng.integers(1, 40, size=4))
                                 for _ in range(6)]

    for batch, timesteps, features, units in cases:
        for return_sequences in (False, True):
            got = simple_rnn_output_shapes(batch, timesteps, features, units,
                                           return_sequences=return_sequences, return_state=True)
            want = reference(batch, timesteps, features, units, return_sequences=return_sequences,
                             return_state=True)
            where = (f"inputs ({batch}, {timesteps}, {features}), units={units}, "
                     f"return_sequences={return_sequences}, return_state=True")
            assert isinstance(got, (tuple, list)) and len(got) == 2 and all(
                isinstance(shape, (tuple, list)) for shape in got), (
                f"{where}: return the pair (output shape, final state shape), two tuples, "
                f"not {got}"
                f"\nfa: `{where}`: زوج (شکل خروجی، شکل حالت پایانی) را به‌صورت دو tuple برگردانید، نه `{got}`")
            got = tuple(tuple(shape) for shape in got)
            assert got[0] == want[0], (f"{where}: wrong output shape {got[0]}"
                                       f"\nfa: `{where}`: شکل خروجی `{got[0]}` نادرست است")
            assert got[1] == want[1], (f"{where}: wrong final state shape {got[1]}"
                                       f"\nfa: `{where}`: شکل حالت پایانی `{got[1]}` نادرست است")
        # return_sequences keeps its default (False) when only return_state is given
        got = simple_rnn_output_shapes(batch, timesteps, features, units, return_state=True)
        want = reference(batch, timesteps, features, units, return_state=True)
        where = (f"simple_rnn_output_shapes({batch}, {timesteps}, {features}, {units}, "
                 "return_state=True), without return_sequences")
        assert isinstance(got, (tuple, list)) and len(got) == 2 and all(
            isinstance(shape, (tuple, list)) for shape in got), (
            f"{where}: return the pair (output shape, final state shape), two tuples, not {got}"
            f"\nfa: `{where}`: زوج (شکل خروجی، شکل حالت پایانی) را به‌صورت دو tuple برگردانید، نه `{got}`")
        got = tuple(tuple(shape) for shape in got)
        assert got[0] == want[0], (
            f"{where}: wrong output shape {got[0]}; by default return_sequences=False, so the "
            "output is the last state only"
            f"\nfa: `{where}`: شکل خروجی `{got[0]}` نادرست است؛ به‌طور پیش‌فرض `return_sequences=False` است، پس خروجی فقط حالت آخر است")
        assert got[1] == want[1], (f"{where}: wrong final state shape {got[1]}"
                                   f"\nfa: `{where}`: شکل حالت پایانی `{got[1]}` نادرست است")


# %% [raw]
# # BEGIN QUESTION
# name: q1b
# manual: true
# points: 3

# %% [markdown]
# ## پرسش ۱-ب: شبکهٔ بازشده در زمان (تشریحی) · Question 1b: the network unrolled in time (written)
#
# <div dir="rtl" lang="fa">
#
# شبکهٔ `SimpleRNN(4)` پرسش ۱ را روی **یک** دنبالهٔ ورودی (۱۰ گام، ۸ ویژگی) در زمان باز کنید و رسم کنید (یا دقیق توصیف کنید). در شکل مشخص کنید: ورودی هر گام $x_t$ و اندازه‌اش، حالت پنهان $h_t$ و اندازه‌اش، حالت اولیهٔ $h_0$، معادلهٔ به‌روزرسانی $h_t = \tanh(x_t W_x + h_{t-1} W_h + b)$ با شکل ماتریس‌های $W_x$ و $W_h$ و بردار $b$، و این‌که در همهٔ گام‌ها **همان** وزن‌ها به کار می‌روند. سپس روی شکل نشان دهید `output` در حالت پیش‌فرض و `whole_sequence_output` و `final_state` در حالت `return_sequences=True, return_state=True` کدام حالت‌ها هستند و چرا `final_state` با آخرین گام `whole_sequence_output` برابر است.
#
# </div>
#
# Unroll the `SimpleRNN(4)` of question 1 in time on **one** input sequence (10 steps of 8 features) and draw it (or describe it precisely). Show: the input of each step $x_t$ and its size, the hidden state $h_t$ and its size, the initial state $h_0$, the update $h_t = \tanh(x_t W_x + h_{t-1} W_h + b)$ with the shapes of $W_x$, $W_h$ and $b$, and the fact that **the same** weights serve every step. Then mark on the figure which states are `output` by default, and `whole_sequence_output` and `final_state` with `return_sequences=True, return_state=True`, and say why `final_state` equals the last step of `whole_sequence_output`.

# %% [markdown] solution=true
# **Model answer.** Ten copies of one cell in a row, $t = 1 \dots 10$. Copy $t$ receives $x_t \in \mathbb{R}^8$ from below and $h_{t-1} \in \mathbb{R}^4$ from the left, and sends $h_t = \tanh(x_t W_x + h_{t-1} W_h + b) \in \mathbb{R}^4$ to the right (to the next copy) and upwards (as that step's output). $W_x$ is $8\times4$ (Keras's `kernel`), $W_h$ is $4\times4$ (`recurrent_kernel`), $b$ has 4 entries; they are **shared** by all ten copies, so unrolling adds no parameters. $h_0$ is a zero vector unless an initial state is given.
#
# - `SimpleRNN(4)`: `output` is $h_{10}$ only; for the batch, shape (32, 4).
# - `return_sequences=True`: `whole_sequence_output` stacks $h_1, \dots, h_{10}$, shape (32, 10, 4).
# - `return_state=True`: `final_state` is the state after the last step, $h_{10}$, shape (32, 4). In a SimpleRNN the state *is* the output of the step, so `final_state` equals `whole_sequence_output[:, -1, :]` (in an LSTM the cell state $c_t$ would be returned as well).
#
# Grading: 1 point for the unrolled chain with shared weights and the right sizes (8, 4, 8×4, 4×4, 4), 1 point for the equation and $h_0$, 1 point for locating the three outputs and explaining why the last state equals the last output.
#
# <div dir="rtl" lang="fa">
#
# زنجیره‌ای از ده نسخهٔ یک سلول با وزن‌های مشترک: ورودی هر گام ۸تایی، حالت ۴تایی، $W_x$ به شکل $8\times4$، $W_h$ به شکل $4\times4$ و $b$ چهارتایی. `output` همان $h_{10}$ است؛ `whole_sequence_output` همهٔ $h_1$ تا $h_{10}$؛ و `final_state` هم $h_{10}$ است، چون در SimpleRNN حالت همان خروجی گام است.
#
# </div>

# %% [markdown]
# ## داده: ارقام دست‌نویس · Data: handwritten digits
#
# <div dir="rtl" lang="fa">
#
# تابع آمادهٔ `load_digits_data()` داده را به شکل `((x_train, y_train), (x_test, y_test))` برمی‌گرداند؛ تصویرها در بازهٔ $[0, 1]$ و به شکل `(n, rows, cols)` هستند و برچسب‌ها عدد صحیح ۰ تا ۹. اگر نسخه‌ای از MNIST روی رایانهٔ شما باشد (در حافظهٔ Keras یعنی `~/.keras/datasets/mnist.npz` یا در مسیری که در متغیر محیطی `HW01_MNIST_PATH` گذاشته‌اید) همان را با تصویرهای $28\times28$ می‌خواند؛ وگرنه ارقام $8\times8$ همراه scikit-learn را برمی‌دارد. این تابع هرگز چیزی دانلود نمی‌کند و سامانهٔ تصحیح (بدون اینترنت) همیشه ارقام $8\times8$ را به کار می‌برد. پس مدل‌هایتان را طوری بسازید که با هر `input_shape` کار کنند.
#
# </div>
#
# The provided `load_digits_data()` returns `((x_train, y_train), (x_test, y_test))`: images in $[0, 1]$ with shape `(n, rows, cols)` and integer labels 0 to 9. If a copy of MNIST exists on your machine (Keras's cache `~/.keras/datasets/mnist.npz`, or a path you put in the environment variable `HW01_MNIST_PATH`) it reads the $28\times28$ images; otherwise it takes the $8\times8$ digits bundled with scikit-learn. It never downloads anything, and the grader (offline) always uses the $8\times8$ digits, so build your models to work for any `input_shape`.

# %%
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


# %% [raw]
# # BEGIN QUESTION
# name: q2

# %% [markdown]
# ## پرسش ۲: MLP در برابر SimpleRNN · Question 2: MLP versus SimpleRNN
#
# <div dir="rtl" lang="fa">
#
# دو تابع بنویسید که هر کدام یک مدل Keras (کامپایل‌شده یا نشده) برمی‌گرداند. ورودی مدل‌ها تصویر به شکل `input_shape = (rows, cols)` است و خروجی‌شان احتمال `num_classes` کلاس.
#
# 1. `build_mlp(input_shape, num_classes)`: یک پرسپترون چندلایه. تصویر را با `Flatten` صاف کنید، دست‌کم یک لایهٔ پنهان `Dense` با فعال‌سازی غیرخطی (مثلاً `relu`) بگذارید و با `Dense(num_classes, activation="softmax")` تمام کنید. لایهٔ بازگشتی یا کانولوشنی نداشته باشد.
# 2. `build_simple_rnn(input_shape, num_classes)`: مانند شکل جلسهٔ اول، یک لایهٔ `keras.layers.SimpleRNN` که تصویر را **سطر به سطر** می‌خواند: هر سطر یک گام زمانی است، یعنی `rows` گام با `cols` ویژگی. تصویر را صاف نکنید و جابه‌جا نکنید؛ لایهٔ `SimpleRNN` را مستقیم در مدل بگذارید (نه درون مدلی تودرتو) و با یک `Dense` و softmax تمام کنید.
#
# سامانهٔ تصحیح مدل‌های شما را برای `input_shape=(8, 8)` و شکل‌های دیگر می‌سازد، ساختارشان را بررسی می‌کند، سپس **خودش** هر مدل را با وزن‌های تازه و بهینه‌ساز و تعداد دورهٔ خودش چند دوره روی ارقام $8\times8$ آموزش می‌دهد و دقت روی داده‌های آزمون را می‌سنجد. هر مدل را با `keras.Input(shape=input_shape)` شروع کنید تا پیش از آموزش ساخته شده باشد. هر مدل کمتر از ۴۰۰٬۰۰۰ پارامتر داشته باشد (برای ارقام $8\times8$ یک لایهٔ پنهان با ۶۴ تا ۲۵۶ واحد کافی است). آموزش شما در این دفترچه در نمره اثری ندارد.
#
# </div>
#
# Write two functions, each returning a Keras model (compiled or not). Both read an image of shape `input_shape = (rows, cols)` and output the probabilities of `num_classes` classes.
#
# 1. `build_mlp(input_shape, num_classes)`: a multilayer perceptron. `Flatten` the image, add at least one hidden `Dense` layer with a non-linear activation (e.g. `relu`) and end with `Dense(num_classes, activation="softmax")`. No recurrent or convolutional layers.
# 2. `build_simple_rnn(input_shape, num_classes)`: as in the session's figure, a `keras.layers.SimpleRNN` layer reading the image **row by row**: every row is one time step, so `rows` steps of `cols` features. Do not flatten or transpose the image; put the `SimpleRNN` layer directly in the model (not inside a nested model) and end with a `Dense` layer and a softmax.
#
# The grader builds your models for `input_shape=(8, 8)` and other shapes, checks their structure, then trains each one **itself** for a few epochs on the $8\times8$ digits (fresh weights, its own optimizer and epochs) and measures the test accuracy. Start each model with `keras.Input(shape=input_shape)` so that it is built before training. Keep each model under 400,000 parameters (for the $8\times8$ digits one hidden layer of 64 to 256 units is plenty). Your own training in this notebook does not affect the grade.

# %%
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


# %% test="public"
def test_mlp_output_shape(build_mlp):
    model = build_mlp((8, 8), 10)
    assert model is not None, ("build_mlp returned None: return the Keras model"
                               "\nfa: `build_mlp` مقدار None برگرداند: مدل Keras را برگردانید")

    try:
        from autograder.grading.keras_tools import rebuild_model
        model = rebuild_model(model)
    except ImportError:
        pass

    assert tuple(model.output_shape) == (None, 10), (
        f"for 10 classes the MLP's output shape must be (None, 10), not {model.output_shape}"
        f"\nfa: برای 10 کلاس شکل خروجی MLP باید `(None, 10)` باشد، نه `{model.output_shape}`")
    kinds = [type(layer).__name__ for layer in model.layers]
    assert "Dense" in kinds and "SimpleRNN" not in kinds, (
        f"an MLP is made of Dense layers, without SimpleRNN; your layers: {kinds}"
        f"\nfa: MLP از لایه‌های `Dense` ساخته می‌شود، بدون `SimpleRNN`؛ لایه‌های شما: `{kinds}`")


# %% test="public"
def test_simple_rnn_reads_rows(build_simple_rnn):
    model = build_simple_rnn((8, 8), 10)
    assert model is not None, ("build_simple_rnn returned None: return the Keras model"
                               "\nfa: `build_simple_rnn` مقدار None برگرداند: مدل Keras را برگردانید")

    try:
        from autograder.grading.keras_tools import rebuild_model
        model = rebuild_model(model)
    except ImportError:
        pass

    assert tuple(model.output_shape) == (None, 10), (
        f"for 10 classes the output shape must be (None, 10), not {model.output_shape}"
        f"\nfa: برای 10 کلاس شکل خروجی باید `(None, 10)` باشد، نه `{model.output_shape}`")
    rnn = [layer for layer in model.layers if type(layer).__name__ == "SimpleRNN"]
    assert rnn, ("the model needs a keras.layers.SimpleRNN layer"
                 "\nfa: مدل به یک لایهٔ `keras.layers.SimpleRNN` نیاز دارد")
    assert tuple(rnn[0].input.shape) == (None, 8, 8), (
        "the SimpleRNN must read the 8 rows of the image as 8 time steps of 8 features"
        "\nfa: `SimpleRNN` باید 8 سطر تصویر را 8 گام زمانی با 8 ویژگی بخواند")


# %% test="hidden" points=2
def test_mlp_structure(build_mlp):
    from autograder.grading.keras_tools import rebuild_model
    from solutions.hw01 import MAX_JUDGE_PARAMS, class_probabilities, probability_problem, mlp_problem
    for input_shape, num_classes in [((8, 8), 10), ((5, 7), 4), ((12, 6), 3)]:
        where = f"build_mlp({input_shape}, {num_classes})"
        model = rebuild_model(build_mlp(input_shape, num_classes), max_params=MAX_JUDGE_PARAMS)
        problem = mlp_problem(model, input_shape)
        assert problem is None, (f"{where}: {problem}"
                                 f"\nfa: `{where}`: `{problem}`")
        probabilities = class_probabilities(model, input_shape, seed=num_classes)
        problem = probability_problem(probabilities, 4, num_classes)
        assert problem is None, (f"{where}: {problem}"
                                 f"\nfa: `{where}`: `{problem}`")


# %% test="hidden" points=2
def test_simple_rnn_structure(build_simple_rnn):
    from autograder.grading.keras_tools import rebuild_model
    from solutions.hw01 import MAX_JUDGE_PARAMS, class_probabilities, probability_problem, simple_rnn_problem
    for input_shape, num_classes in [((8, 8), 10), ((5, 7), 4), ((12, 6), 3)]:
        where = f"build_simple_rnn({input_shape}, {num_classes})"
        model = rebuild_model(build_simple_rnn(input_shape, num_classes), max_params=MAX_JUDGE_PARAMS)
        problem = simple_rnn_problem(model, input_shape)
        assert problem is None, (f"{where}: {problem}"
                                 f"\nfa: `{where}`: `{problem}`")
        probabilities = class_probabilities(model, input_shape, seed=num_classes)
        problem = probability_problem(probabilities, 4, num_classes)
        assert problem is None, (f"{where}: {problem}"
                                 f"\nfa: `{where}`: `{problem}`")


# %% test="hidden" points=2
def test_mlp_learns_digits(build_mlp):
    from autograder.grading.keras_tools import rebuild_model
    from solutions.hw01 import MAX_JUDGE_PARAMS, train_and_score, mlp_problem
    model = rebuild_model(build_mlp((8, 8), 10), max_params=MAX_JUDGE_PARAMS)
    problem = mlp_problem(model, (8, 8))
    assert problem is None, (f"fix the model's structure first: {problem}"
                             f"\nfa: اول ساختار مدل را درست کنید: `{problem}`")
    accuracy = train_and_score(model, seed=1201)
    assert accuracy >= 0.85, (
        f"trained by the grader for a few epochs on the 8x8 digits, your model reaches a test "
        f"accuracy of {accuracy:.1%}; it needs 85%. Check the layer sizes and "
        "activations (a softmax output, enough hidden units)"
        f"\nfa: مدل شما پس از چند epoch آموزش روی ارقام 8x8 توسط سامانهٔ تصحیح به دقت آزمایشی `{accuracy:.1%}` می‌رسد؛ دست‌کم `85%` لازم است. اندازهٔ لایه‌ها و تابع‌های فعال‌سازی را بررسی کنید (خروجی softmax و واحدهای پنهان کافی)")


# %% test="hidden" points=2
def test_simple_rnn_learns_digits(build_simple_rnn):
    from autograder.grading.keras_tools import rebuild_model
    from solutions.hw01 import MAX_JUDGE_PARAMS, train_and_score, simple_rnn_problem
    model = rebuild_model(build_simple_rnn((8, 8), 10), max_params=MAX_JUDGE_PARAMS)
    problem = simple_rnn_problem(model, (8, 8))
    assert problem is None, (f"fix the model's structure first: {problem}"
                             f"\nfa: اول ساختار مدل را درست کنید: `{problem}`")
    accuracy = train_and_score(model, seed=1202)
    assert accuracy >= 0.75, (
        f"trained by the grader for a few epochs on the 8x8 digits, your model reaches a test "
        f"accuracy of {accuracy:.1%}; it needs 75%. Check the layer sizes and "
        "activations (a softmax output, enough hidden units)"
        f"\nfa: مدل شما پس از چند epoch آموزش روی ارقام 8x8 توسط سامانهٔ تصحیح به دقت آزمایشی `{accuracy:.1%}` می‌رسد؛ دست‌کم `75%` لازم است. اندازهٔ لایه‌ها و تابع‌های فعال‌سازی را بررسی کنید (خروجی softmax و واحدهای پنهان کافی)")


# %% [markdown]
# <div dir="rtl" lang="fa">
#
# سلول زیر هر دو مدل را روی داده‌های `load_digits_data()` آموزش می‌دهد و دقت آزمون را چاپ می‌کند. برچسب `skip-grading` دارد و هنگام نمره‌دهی اجرا نمی‌شود؛ آن را خودتان اجرا کنید و نتیجه را در پرسش ۲-ب به کار ببرید. روی MNIST کامل چند دقیقه طول می‌کشد.
#
# </div>
#
# The cell below trains both models on `load_digits_data()` and prints their test accuracy. It is tagged `skip-grading`, so the grader does not run it: run it yourself and use the results in question 2b. On full MNIST it takes a few minutes.

# %% tags=["skip-grading"]
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


# %% [raw]
# # BEGIN QUESTION
# name: q2b
# manual: true
# points: 3

# %% [markdown]
# ## پرسش ۲-ب: مقایسهٔ دو مدل (تشریحی) · Question 2b: comparing the two models (written)
#
# <div dir="rtl" lang="fa">
#
# نتیجهٔ سلول آموزش را گزارش کنید (داده‌ای که به کار رفت، تعداد پارامترها، دقت آزمون و زمان آموزش هر مدل) و دو مدل را مقایسه کنید. به این پرسش‌ها پاسخ دهید: کدام مدل دقیق‌تر بود و آیا تفاوت با چند بار اجرا (بذر تصادفی دیگر) پایدار است؟ هر مدل تصویر را چگونه «می‌بیند»؛ MLP ترتیب پیکسل‌ها را چطور به کار می‌گیرد و SimpleRNN چطور؟ چرا آموزش RNN در هر دوره کندتر است، هرچند ممکن است پارامترهای کمتری داشته باشد؟ اگر تصویر بزرگ‌تر شود (مثلاً از $8\times8$ به $28\times28$)، تعداد پارامترهای هر مدل چگونه تغییر می‌کند؟
#
# </div>
#
# Report the output of the training cell (which data it used, each model's parameter count, test accuracy and training time) and compare the two models. Answer: which model was more accurate, and does the difference hold over a few runs (other random seeds)? How does each model "see" the image: how does the MLP use the order of the pixels, and how does the SimpleRNN? Why is an epoch of the RNN slower, even though it may have fewer parameters? If the image grows (say from $8\times8$ to $28\times28$), how does each model's parameter count change?

# %% [markdown] solution=true
# **Model answer (numbers vary with the data and the run).** On the 8×8 digits both models typically reach about 90–98 % test accuracy after ten epochs; on MNIST an MLP with one or two hidden layers reaches about 97–98 % and a SimpleRNN(128) reading rows about 96–98 %. The gap is small and changes sign between runs, so neither is clearly better on this task; a fair answer reports several runs or says the difference is within the noise.
#
# - The MLP flattens the image: every pixel gets its own weights, and the order of the pixels means nothing to it (a fixed shuffle of the pixels would train just as well). Its first layer grows with the image: rows × cols × hidden weights.
# - The SimpleRNN reads one row per step with the **same** weights, carrying a summary of the rows above in its state. Its parameter count depends on the row length (features) and the units, not on the number of rows (steps): 28 × 256 + 256 × 256 + 256 = 72,960 for SimpleRNN(256) on MNIST, whatever the height.
# - The RNN is slower per epoch because its steps run one after another (step t needs $h_{t-1}$), while the MLP's matrix product is computed in one go; the cost grows with the number of steps even when the parameters do not.
# - Long sequences also make a SimpleRNN harder to train (vanishing gradients); for images, CNNs are the usual choice, and RNNs shine on real sequences.
#
# Grading: 1 point for reporting the numbers honestly (data, parameters, accuracy, time), 1 point for the explanation of how each model uses the pixels and how the parameter counts scale, 1 point for the sequential-computation argument about speed.
#
# <div dir="rtl" lang="fa">
#
# دقت دو مدل روی این داده نزدیک است و تفاوت در اجراهای مختلف پایدار نیست. MLP به هر پیکسل وزن جدا می‌دهد و ترتیب پیکسل‌ها برایش معنایی ندارد؛ پارامترهای لایهٔ اولش با اندازهٔ تصویر رشد می‌کند. SimpleRNN هر سطر را با همان وزن‌ها می‌خواند و پارامترهایش به تعداد سطرها بستگی ندارد. RNN کندتر است چون گام‌ها پشت سر هم حساب می‌شوند.
#
# </div>

# %% [raw]
# # BEGIN QUESTION
# name: q3

# %% [markdown]
# ## پرسش ۳: شمارش پارامترها با دست · Question 3: counting parameters by hand
#
# <div dir="rtl" lang="fa">
#
# مدل بازگشتی جلسهٔ اول روی MNIST هر تصویر $28\times28$ را سطر به سطر می‌خواند: `SimpleRNN(256)` روی ۲۸ گام با ۲۸ ویژگی، سپس `Dense(10)` و در پایان `Activation("softmax")`. خلاصهٔ مدل (`model.summary()`) این بود:
#
# | Layer (type) | Output Shape | Param # |
# | --- | --- | --- |
# | simple_rnn (SimpleRNN) | (None, 256) | 72,960 |
# | dense (Dense) | (None, 10) | 2,570 |
# | activation (Activation) | (None, 10) | 0 |
#
# و در مجموع ۷۵٬۵۳۰ پارامتر. سه تابع زیر را بنویسید (هر کدام یک عدد صحیح برمی‌گرداند، همان `count_params()` در Keras):
#
# 1. `simple_rnn_param_count(input_dim, units)`: پارامترهای `SimpleRNN(units)` روی ورودی‌هایی با `input_dim` ویژگی در هر گام؛ وزن ورودی (`kernel`)، وزن بازگشتی (`recurrent_kernel`) و بایاس را بشمارید.
# 2. `dense_param_count(input_dim, units)`: پارامترهای `Dense(units)` روی `input_dim` ورودی.
# 3. `rnn_classifier_param_count(input_dim, units, num_classes)`: کل پارامترهای مدل بالا با `SimpleRNN(units)` و `Dense(num_classes)` و softmax.
#
# آیا تعداد پارامترها به تعداد گام‌های زمانی بستگی دارد؟ (پاسخ این پرسش را در توضیح پرسش ۲-ب هم به کار ببرید.)
#
# </div>
#
# The session's recurrent model for MNIST reads each $28\times28$ image row by row: `SimpleRNN(256)` over 28 steps of 28 features, then `Dense(10)`, then `Activation("softmax")`. Its `model.summary()` is shown above: 72,960 + 2,570 + 0 = 75,530 parameters. Write three functions, each returning an int (Keras's `count_params()`):
#
# 1. `simple_rnn_param_count(input_dim, units)`: the parameters of `SimpleRNN(units)` on inputs with `input_dim` features per step; count the input weights (`kernel`), the recurrent weights (`recurrent_kernel`) and the bias.
# 2. `dense_param_count(input_dim, units)`: the parameters of `Dense(units)` on `input_dim` inputs.
# 3. `rnn_classifier_param_count(input_dim, units, num_classes)`: all the parameters of the model above with `SimpleRNN(units)`, `Dense(num_classes)` and the softmax.
#
# Does the count depend on the number of time steps? (Use the answer in question 2b, too.)

# %%
def simple_rnn_param_count(input_dim, units):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    kernel = input_dim * units
    recurrent_kernel = units * units
    bias = units
    return kernel + recurrent_kernel + bias
    # END SOLUTION


def dense_param_count(input_dim, units):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    return (input_dim + 1) * units
    # END SOLUTION


def rnn_classifier_param_count(input_dim, units, num_classes):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    # the softmax activation has no parameters
    return simple_rnn_param_count(input_dim, units) + dense_param_count(units, num_classes)
    # END SOLUTION


# %% test="public"
def test_counts_session_model(simple_rnn_param_count, dense_param_count,
                              rnn_classifier_param_count):
    got = simple_rnn_param_count(28, 256)
    assert got == 72_960, (f"SimpleRNN(256) on 28 features has 72,960 parameters, not {got}"
                           f"\nfa: `SimpleRNN(256)` روی 28 ویژگی 72,960 پارامتر دارد، نه `{got}`")
    got = dense_param_count(256, 10)
    assert got == 2_570, (f"Dense(10) on 256 inputs has 256 * 10 + 10 = 2,570 parameters, not {got}"
                          f"\nfa: `Dense(10)` روی 256 ورودی `256 * 10 + 10 = 2,570` پارامتر دارد، نه `{got}`")
    got = rnn_classifier_param_count(28, 256, 10)
    assert got == 75_530, (f"the session's model has 72,960 + 2,570 = 75,530 parameters, not {got}"
                           f"\nfa: مدل جلسهٔ درس `72,960 + 2,570 = 75,530` پارامتر دارد، نه `{got}`")


# %% test="public"
def test_counts_tiny(simple_rnn_param_count, dense_param_count):
    got = simple_rnn_param_count(1, 1)
    assert got == 3, (
        f"SimpleRNN(1) on 1 feature: one input weight, one recurrent weight and one bias, not {got}"
        f"\nfa: `SimpleRNN(1)` روی 1 ویژگی: یک وزن ورودی، یک وزن بازگشتی و یک بایاس، نه `{got}`")
    got = dense_param_count(3, 2)
    assert got == 8, (f"Dense(2) on 3 inputs: 3 * 2 weights and 2 biases = 8, not {got}"
                      f"\nfa: `Dense(2)` روی 3 ورودی: `3 * 2` وزن و 2 بایاس، یعنی 8، نه `{got}`")


# %% test="hidden" points=2
def test_simple_rnn_counts(simple_rnn_param_count):
    from solutions.hw01 import simple_rnn_param_count as reference

    import numbers
    import numpy as np
    rng = np.random.default_rng(1301)
    sizes = [(1, 1), (3, 17), (64, 2)] + [tuple(int(v) for v in rng.integers(1, 300, size=2))
                                         for _ in range(6)]

    for input_dim, units in sizes:
        got = simple_rnn_param_count(input_dim, units)
        assert isinstance(got, numbers.Integral) and not isinstance(got, bool), (
            "simple_rnn_param_count must return an int (like Keras's count_params()), not "
            f"{type(got).__name__}"
            f"\nfa: `simple_rnn_param_count` باید مثل `count_params()` در Keras یک `int` برگرداند، نه `{type(got).__name__}`")
        assert got == reference(input_dim, units), (
            f"wrong count {got} for SimpleRNN({units}) on {input_dim} features: count the kernel, "
            "the recurrent kernel (units x units) and the bias"
            f"\nfa: تعداد `{got}` برای `SimpleRNN({units})` روی `{input_dim}` ویژگی نادرست است: kernel، recurrent kernel (`units x units`) و بایاس را بشمارید")


# %% test="hidden" points=1
def test_dense_counts(dense_param_count):
    from solutions.hw01 import dense_param_count as reference

    import numbers
    import numpy as np
    rng = np.random.default_rng(1302)
    sizes = [(1, 1), (3, 17), (64, 2)] + [tuple(int(v) for v in rng.integers(1, 300, size=2))
                                         for _ in range(6)]

    for input_dim, units in sizes:
        got = dense_param_count(input_dim, units)
        assert isinstance(got, numbers.Integral) and not isinstance(got, bool), (
            "dense_param_count must return an int (like Keras's count_params()), not "
            f"{type(got).__name__}"
            f"\nfa: `dense_param_count` باید مثل `count_params()` در Keras یک `int` برگرداند، نه `{type(got).__name__}`")
        assert got == reference(input_dim, units), (
            f"wrong count {got} for Dense({units}) on {input_dim} inputs: weights and biases"
            f"\nfa: تعداد `{got}` برای `Dense({units})` روی `{input_dim}` ورودی نادرست است: وزن‌ها و بایاس‌ها")


# %% test="hidden" points=1
def test_classifier_counts(rnn_classifier_param_count):
    from solutions.hw01 import rnn_classifier_param_count as reference

    import numbers
    import numpy as np
    rng = np.random.default_rng(1303)
    sizes = [(1, 1), (3, 17), (64, 2)] + [tuple(int(v) for v in rng.integers(1, 300, size=2))
                                         for _ in range(6)]

    for (input_dim, units), num_classes in zip(sizes, [2, 10, 3, 7, 26, 100, 5, 10, 4]):
        got = rnn_classifier_param_count(input_dim, units, num_classes)
        assert isinstance(got, numbers.Integral) and not isinstance(got, bool), (
            "rnn_classifier_param_count must return an int (like Keras's count_params()), not "
            f"{type(got).__name__}"
            f"\nfa: `rnn_classifier_param_count` باید مثل `count_params()` در Keras یک `int` برگرداند، نه `{type(got).__name__}`")
        assert got == reference(input_dim, units, num_classes), (
            f"wrong total {got} for SimpleRNN({units}) on {input_dim} features, then "
            f"Dense({num_classes}) and softmax: the Dense layer reads the {units} units"
            f"\nfa: مجموع `{got}` برای `SimpleRNN({units})` روی `{input_dim}` ویژگی و سپس `Dense({num_classes})` با softmax نادرست است: لایهٔ `Dense` خروجی `{units}` واحد را می‌خواند")


# %% [raw]
# # BEGIN QUESTION
# name: q4

# %% [markdown]
# ## پرسش ۴: دسته‌بندی ویدیو با CNN و RNN · Question 4: video classification with a CNN and an RNN
#
# <div dir="rtl" lang="fa">
#
# ویدیو دنباله‌ای از فریم‌هاست و هر فریم یک تصویر. یک طرح رایج: یک CNN کوچک را روی **هر فریم جداگانه** (با وزن‌های مشترک) اجرا کنید تا برای هر فریم یک بردار ویژگی بدهد، سپس یک `LSTM` یا `GRU` دنبالهٔ این بردارها را در زمان بخواند و در پایان یک `Dense` با softmax کلاس ویدیو را پیش‌بینی کند. در Keras لایهٔ `keras.layers.TimeDistributed(layer)` همان لایه را روی هر گام زمانی (این‌جا هر فریم) اعمال می‌کند.
#
# تابع `build_video_classifier(frames, height, width, channels, num_classes)` را بنویسید که چنین مدلی برای ورودی‌هایی به شکل `(batch, frames, height, width, channels)` برگرداند. سامانهٔ تصحیح بررسی می‌کند که:
#
# - خروجی به شکل `(batch, num_classes)` باشد و هر سطر آن احتمال‌هایی با جمع ۱ (softmax)؛
# - پیش از لایهٔ بازگشتی، یک لایهٔ `TimeDistributed` کانولوشن را بپیچد: یا مستقیم، مثل `TimeDistributed(Conv2D(...))`، یا یک مدل CNN کوچک (`keras.Sequential` با لایهٔ `Conv2D`) را؛ هر دو پذیرفته‌اند؛
# - یک لایهٔ `LSTM` یا `GRU` (در خود مدل، نه تودرتو) دنبالهٔ فریم‌ها را بخواند، یعنی ورودی‌اش به شکل `(batch, frames, features)` باشد؛ برای صاف کردن ویژگی‌های هر فریم از `TimeDistributed(Flatten())` یا `TimeDistributed(GlobalAveragePooling2D())` استفاده کنید؛
# - مدل برای تعدادهای مختلف فریم و اندازه‌های مختلف تصویر ساخته شود.
#
# مدل را کوچک نگه دارید (چند فیلتر کانولوشنی و چند ده واحد بازگشتی کافی است؛ کمتر از ۴۰۰٬۰۰۰ پارامتر). سامانهٔ تصحیح آن را روی تصویرهای کوچکی مثل $16\times16$ اجرا می‌کند.
#
# </div>
#
# A video is a sequence of frames, and each frame is an image. A common design runs a small CNN on **every frame separately** (shared weights) to get one feature vector per frame, lets an `LSTM` or `GRU` read the sequence of those vectors in time, and ends with a softmax `Dense` layer predicting the video's class. In Keras, `keras.layers.TimeDistributed(layer)` applies the same layer to every time step (here, every frame).
#
# Write `build_video_classifier(frames, height, width, channels, num_classes)`, returning such a model for inputs of shape `(batch, frames, height, width, channels)`. The grader checks that:
#
# - the output has shape `(batch, num_classes)` and each row holds probabilities summing to 1 (softmax);
# - before the recurrent layer, a `TimeDistributed` layer wraps a convolution: either directly, as in `TimeDistributed(Conv2D(...))`, or a small CNN model (a `keras.Sequential` with a `Conv2D` layer); both are accepted;
# - an `LSTM` or `GRU` layer (in the model itself, not nested) reads the sequence of frames, i.e. its input has shape `(batch, frames, features)`; flatten each frame's features with `TimeDistributed(Flatten())` or `TimeDistributed(GlobalAveragePooling2D())`;
# - the model builds for different frame counts and image sizes.
#
# Keep the model small (a few convolution filters and a few dozen recurrent units are enough; under 400,000 parameters). The grader runs it on tiny images such as $16\times16$.

# %%
def build_video_classifier(frames, height, width, channels, num_classes):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    layers = keras.layers
    clip = keras.Input(shape=(frames, height, width, channels))
    x = layers.TimeDistributed(layers.Conv2D(8, 3, padding="same", activation="relu"))(clip)
    x = layers.TimeDistributed(layers.MaxPooling2D(2))(x)
    x = layers.TimeDistributed(layers.Conv2D(16, 3, padding="same", activation="relu"))(x)
    x = layers.TimeDistributed(layers.GlobalAveragePooling2D())(x)  # (batch, frames, 16)
    x = layers.GRU(24)(x)
    outputs = layers.Dense(num_classes, activation="softmax")(x)
    return keras.Model(clip, outputs)
    # END SOLUTION


# %% test="public"
def test_video_output_shape(build_video_classifier):
    model = build_video_classifier(4, 16, 16, 3, 5)
    assert model is not None, ("build_video_classifier returned None: return the Keras model"
                               "\nfa: `build_video_classifier` مقدار None برگرداند: مدل Keras را برگردانید")

    try:
        from autograder.grading.keras_tools import rebuild_model
        model = rebuild_model(model)
    except ImportError:
        pass

    assert tuple(model.output_shape) == (None, 5), (
        f"for 5 classes the output shape must be (None, 5), not {model.output_shape}"
        f"\nfa: برای 5 کلاس شکل خروجی باید `(None, 5)` باشد، نه `{model.output_shape}`")
    kinds = [type(layer).__name__ for layer in model.layers]
    assert "TimeDistributed" in kinds, (
        f"apply the CNN to every frame with keras.layers.TimeDistributed; your layers: {kinds}"
        f"\nfa: شبکهٔ CNN را با `keras.layers.TimeDistributed` روی تک‌تک فریم‌ها اعمال کنید؛ لایه‌های شما: `{kinds}`")
    assert "LSTM" in kinds or "GRU" in kinds, (
        f"the model needs an LSTM or GRU layer; your layers: {kinds}"
        f"\nfa: مدل به یک لایهٔ LSTM یا GRU نیاز دارد؛ لایه‌های شما: `{kinds}`")


# %% test="hidden" points=3
def test_video_structure(build_video_classifier):
    from autograder.grading.keras_tools import rebuild_model
    from solutions.hw01 import MAX_JUDGE_PARAMS, video_problem
    for frames, height, width, channels, num_classes in [(6, 16, 16, 3, 5), (3, 12, 12, 1, 2),
                                                          (7, 11, 9, 2, 3)]:
        model = rebuild_model(build_video_classifier(frames, height, width, channels, num_classes),
                              max_params=MAX_JUDGE_PARAMS)
        problem = video_problem(model, frames, height, width, channels)
        assert problem is None, (
            f"build_video_classifier({frames}, {height}, {width}, {channels}, {num_classes}): "
            f"{problem}"
            f"\nfa: `build_video_classifier({frames}, {height}, {width}, {channels}, {num_classes})`: `{problem}`")


# %% test="hidden" points=3
def test_video_probabilities(build_video_classifier):
    from autograder.grading.keras_tools import rebuild_model
    from solutions.hw01 import MAX_JUDGE_PARAMS, class_probabilities, probability_problem
    for frames, height, width, channels, num_classes in [(5, 16, 16, 3, 4), (2, 8, 12, 2, 2),
                                                          (9, 13, 10, 1, 6)]:
        model = rebuild_model(build_video_classifier(frames, height, width, channels, num_classes),
                              max_params=MAX_JUDGE_PARAMS)
        probabilities = class_probabilities(model, (frames, height, width, channels), seed=frames)
        problem = probability_problem(probabilities, 4, num_classes)
        assert problem is None, (
            f"build_video_classifier({frames}, {height}, {width}, {channels}, {num_classes}) on "
            f"random clips: {problem}"
            f"\nfa: `build_video_classifier({frames}, {height}, {width}, {channels}, {num_classes})` روی کلیپ‌های تصادفی: `{problem}`")

# %% [raw]
# # BEGIN QUESTION
# name: q4b
# manual: true
# points: 3

# %% [markdown]
# ## پرسش ۴-ب: طرح مدل ویدیو (تشریحی) · Question 4b: the video model's design (written)
#
# <div dir="rtl" lang="fa">
#
# طرح پرسش ۴ را با یک شکل نشان دهید (تصویر دست‌کشیده یا توصیف دقیق با متن و فلش): مسیر یک ویدیو از فریم‌ها تا احتمال کلاس‌ها، با شکل تنسور در هر مرحله برای مدل خودتان (مثلاً با ۱۶ فریم $64\times64$ رنگی و ۱۰ کلاس). سپس توضیح دهید: چرا CNN روی همهٔ فریم‌ها با **همان** وزن‌ها اجرا می‌شود؛ نقش RNN در این طرح چیست و چه چیزی را می‌بیند که یک CNN تک‌فریمی نمی‌بیند؛ و دست‌کم یک جایگزین برای این طرح نام ببرید (مثلاً میانگین‌گیری پیش‌بینی فریم‌ها، کانولوشن سه‌بعدی یا `ConvLSTM2D`) و یک مزیت یا عیب آن را در مقایسه با طرح خودتان بگویید.
#
# </div>
#
# Show the design of question 4 in a figure (a photo of a sketch, or a precise description with text and arrows): the path of a video from its frames to the class probabilities, with the tensor shape at every stage for your own model (for example 16 colour frames of $64\times64$ and 10 classes). Then explain: why the CNN runs on every frame with **the same** weights; what the RNN's role is and what it sees that a single-frame CNN cannot; and name at least one alternative design (for example averaging per-frame predictions, 3D convolutions, or `ConvLSTM2D`) with one advantage or drawback compared with yours.

# %% [markdown] solution=true
# **Model answer.** Input clip (batch, 16, 64, 64, 3) → `TimeDistributed(Conv2D(8, 3, same, relu))` (batch, 16, 64, 64, 8) → `TimeDistributed(MaxPooling2D(2))` (batch, 16, 32, 32, 8) → `TimeDistributed(Conv2D(16, 3, same, relu))` (batch, 16, 32, 32, 16) → `TimeDistributed(GlobalAveragePooling2D())` (batch, 16, 16): one 16-number description per frame → `GRU(24)` reads the 16 frame vectors in order (batch, 24) → `Dense(10, softmax)` (batch, 10).
#
# - **Shared CNN weights:** every frame is the same kind of image, so the same feature detectors apply to all of them (as convolution shares weights across positions, TimeDistributed shares them across time); the parameter count does not grow with the number of frames and the model accepts clips of other lengths.
# - **The RNN's role:** the CNN describes each frame on its own; the GRU/LSTM carries a state from frame to frame, so it sees order and motion (sitting down vs standing up look alike frame by frame but differ in order), and it summarises a clip of any length into one vector for the classifier. An LSTM or GRU is preferred over a SimpleRNN for long clips (long-term dependencies).
# - **Alternatives:** averaging per-frame predictions (cheap, parallel, but blind to order); 3D convolutions (Conv3D) over (time, height, width) capture short-range motion directly but cost more parameters and have a fixed temporal reach; ConvLSTM2D keeps the spatial layout inside the recurrence (good for motion, but slower); two-stream models add optical flow; transformers over frame features attend to all frames at once.
#
# Grading: 1 point for the figure with the per-frame CNN, the RNN over time and the softmax, with correct shapes; 1 point for weight sharing and the RNN's role (order/motion, variable length); 1 point for a sensible alternative and a trade-off.
#
# <div dir="rtl" lang="fa">
#
# هر فریم با همان CNN به یک بردار ویژگی تبدیل می‌شود (وزن‌های مشترک، مستقل از تعداد فریم‌ها)؛ GRU/LSTM این بردارها را به ترتیب می‌خواند و ترتیب و حرکت را می‌بیند و کل ویدیو را در یک بردار خلاصه می‌کند؛ Dense با softmax کلاس را می‌دهد. جایگزین‌ها: میانگین پیش‌بینی فریم‌ها (ساده ولی بی‌توجه به ترتیب)، Conv3D (حرکت کوتاه‌مدت، پارامتر بیشتر)، ConvLSTM2D.
#
# </div>
