"""Content of homework 1, part 1: the introduction, SimpleRNN output shapes (q1), the unrolled
network (q1b, written) and the parameter counts of the session's classifier (q3).
Read by make_master.py; see there for the notebook layout."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from autograder.authoring.master import AutoQuestion, Code, ManualQuestion, Markdown  # noqa: E402,F401

INTRO = r"""
# تمرین ۱ · Homework 1

**نخستین گام‌ها با شبکه‌های بازگشتی** · **First steps with recurrent networks**

<div dir="rtl" lang="fa">

این تمرین همراه جلسهٔ اول درس است. ابتدا شکل خروجی‌های لایهٔ `SimpleRNN` در Keras را پیش‌بینی می‌کنید و شبکهٔ بازشده در زمان را رسم می‌کنید؛ سپس یک MLP و یک شبکهٔ `SimpleRNN` برای دسته‌بندی ارقام دست‌نویس می‌سازید و آن‌ها را مقایسه می‌کنید؛ پارامترهای مدل بازگشتی را با دست می‌شمارید؛ و در پایان مدلی ترکیبی از CNN و RNN برای دسته‌بندی ویدیو طراحی می‌کنید.

**نمره‌دهی**

- نام تابع‌ها و نام و ترتیب آرگومان‌هایشان را تغییر ندهید. تصحیح‌کننده تابع‌های شما را با ورودی‌های تازه‌ای صدا می‌زند که در این دفترچه نیامده‌اند.
- تابع‌های پرسش‌های ۱ و ۳ دادهٔ ساده برمی‌گردانند: عدد صحیح، تاپل یا لیست. تابع‌های پرسش‌های ۲ و ۴ یک مدل Keras برمی‌گردانند؛ تصحیح‌کننده مدل را از روی پیکربندی و وزن‌هایش دوباره می‌سازد، پس از لایهٔ `Lambda` یا لایه‌های سفارشی استفاده نکنید و فقط لایه‌های آمادهٔ `keras.layers` را به کار ببرید.
- `grader.check("q1")` فقط چند آزمون عمومی کوچک را اجرا می‌کند؛ بیشتر نمره از آزمون‌های پنهانی است که پس از تحویل اجرا می‌شوند.
- هنگام نمره‌دهی همهٔ سلول‌های کد از بالا به پایین اجرا می‌شوند. سلول‌های آموزش آزمایشی را کوتاه نگه دارید یا با برچسب `skip-grading` علامت بزنید (سلول آموزش آمادهٔ این دفترچه این برچسب را دارد).
- پرسش‌های تشریحی را به فارسی یا انگلیسی در سلول‌های متنی مشخص‌شده بنویسید. برای رسم شکل می‌توانید تصویر دست‌کشیده را در سلول متنی بگذارید یا شکل را با متن و فلش توصیف کنید.

</div>

This homework goes with the course's first session. You first predict the output shapes of Keras's `SimpleRNN` layer and draw the network unrolled in time; then you build an MLP and a `SimpleRNN` network for handwritten digits and compare them; you count the recurrent model's parameters by hand; finally you design a CNN + RNN model for video classification.

**Grading**

- Keep the function names and the names and order of their arguments. The grader calls your functions on fresh inputs that do not appear in this notebook.
- The functions of questions 1 and 3 return plain data: integers, tuples or lists. The functions of questions 2 and 4 return a Keras model; the grader rebuilds it from its configuration and weights, so do not use `Lambda` or custom layers: only the ready-made layers of `keras.layers`.
- `grader.check("q1")` runs only a few small public tests; most points come from hidden tests run after you submit.
- For grading, every code cell runs from top to bottom. Keep exploratory training cells short or tag them `skip-grading` (the training cell provided in this notebook has that tag).
- Answer the written questions in Persian or English in the marked text cells. For a drawing you may insert a photo of a sketch into the text cell, or describe the figure with text and arrows.
"""

IMPORTS = """
import os
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np
import keras
"""

# ============================================================== Q1 output shapes

Q1_TEXT = r"""
## پرسش ۱: شکل خروجی SimpleRNN · Question 1: the output shapes of SimpleRNN

<div dir="rtl" lang="fa">

در کلاس این کد را دیدیم:

```python
inputs = np.random.random([32, 10, 8]).astype(np.float32)
simple_rnn = keras.layers.SimpleRNN(4)
output = simple_rnn(inputs)
simple_rnn = keras.layers.SimpleRNN(4, return_sequences=True, return_state=True)
whole_sequence_output, final_state = simple_rnn(inputs)
```

ورودی یک دسته از ۳۲ دنباله است، هر کدام با ۱۰ گام زمانی و ۸ ویژگی در هر گام. تابع `simple_rnn_output_shapes(batch, timesteps, features, units, return_sequences=False, return_state=False)` را بنویسید که شکل خروجی‌های `SimpleRNN(units, return_sequences=..., return_state=...)` را روی ورودی `(batch, timesteps, features)` برگرداند:

- اگر `return_state` برابر `False` باشد، یک تاپل: شکل تنها خروجی لایه؛
- اگر `return_state` برابر `True` باشد، یک جفت (تاپل یا لیست دوتایی) `(شکل خروجی, شکل حالت پایانی)`.

`return_sequences` تعیین می‌کند خروجی فقط حالت گام آخر باشد یا حالت همهٔ گام‌ها. `batch` ممکن است `None` باشد (اندازهٔ نامعلوم دسته، مانند `model.summary()`)؛ همان را در شکل بگذارید. تابع را با دست و بدون ساختن لایه هم می‌توان نوشت؛ اما پیشنهاد می‌کنیم نتیجه را در یک سلول جدا با لایهٔ واقعی Keras مقایسه کنید.

</div>

In class we met the code above: a batch of 32 sequences, each with 10 time steps of 8 features. Write `simple_rnn_output_shapes(batch, timesteps, features, units, return_sequences=False, return_state=False)`, returning the shapes that `SimpleRNN(units, return_sequences=..., return_state=...)` produces on inputs `(batch, timesteps, features)`:

- when `return_state` is `False`, one tuple: the shape of the layer's only output;
- when `return_state` is `True`, a pair (a tuple or a two-element list) `(output shape, final state shape)`.

`return_sequences` decides whether the output is the state of the last step only or the states of all steps. `batch` may be `None` (an unknown batch size, as in `model.summary()`): keep it as it is. You can write the function by reasoning alone, without building a layer, but do compare your answer with a real Keras layer in a separate cell.
"""

Q1_SOLUTION = r'''
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
'''

Q1_PUBLIC = [r'''
def test_shapes_session_example(simple_rnn_output_shapes):
    got = simple_rnn_output_shapes(32, 10, 8, 4)
    assert got is not None, "simple_rnn_output_shapes returned None: return the shape"
    assert tuple(got) == (32, 4), (
        f"SimpleRNN(4) on inputs (32, 10, 8) returns the last state only: (32, 4), not {got}")
''', r'''
def test_shapes_session_example_with_state(simple_rnn_output_shapes):
    got = simple_rnn_output_shapes(32, 10, 8, 4, return_sequences=True, return_state=True)
    assert isinstance(got, (tuple, list)) and len(got) == 2 and all(
        isinstance(shape, (tuple, list)) for shape in got), (
        "with return_state=True return the pair (output shape, final state shape): two tuples, "
        f"not {got}")
    output_shape, state_shape = (tuple(shape) for shape in got)
    assert output_shape == (32, 10, 4), (
        "with return_sequences=True the output holds all 10 states: (32, 10, 4), "
        f"not {output_shape}")
    assert state_shape == (32, 4), f"the final state has shape (32, 4), not {state_shape}"
''']

_Q1_CASES = r'''
    import numpy as np
    from solutions.hw01 import simple_rnn_output_shapes as reference
    rng = np.random.default_rng({seed})
    cases = [(None, 7, 3, 5)] + [tuple(int(v) for v in rng.integers(1, 40, size=4))
                                 for _ in range(6)]
'''

Q1_HIDDEN = [(r'''
def test_shapes_without_state(simple_rnn_output_shapes):
''' + _Q1_CASES.format(seed=1101) + r'''
    for batch, timesteps, features, units in cases:
        for return_sequences in (False, True):
            got = simple_rnn_output_shapes(batch, timesteps, features, units,
                                           return_sequences=return_sequences)
            want = reference(batch, timesteps, features, units, return_sequences=return_sequences)
            where = (f"inputs ({batch}, {timesteps}, {features}), units={units}, "
                     f"return_sequences={return_sequences}")
            assert isinstance(got, (tuple, list)), f"{where}: return the shape as a tuple"
            assert tuple(got) == want, f"{where}: wrong shape {tuple(got)}"
        # the defaults: return_sequences=False, return_state=False
        got = simple_rnn_output_shapes(batch, timesteps, features, units)
        where = (f"simple_rnn_output_shapes({batch}, {timesteps}, {features}, {units}), without "
                 "return_sequences and return_state")
        assert isinstance(got, (tuple, list)), f"{where}: return the shape as a tuple"
        assert tuple(got) == reference(batch, timesteps, features, units), (
            f"{where}: wrong shape {tuple(got)}; by default return_sequences=False, so the "
            "output is the last state only")
''', 2), (r'''
def test_shapes_with_state(simple_rnn_output_shapes):
''' + _Q1_CASES.format(seed=1102) + r'''
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
                f"not {got}")
            got = tuple(tuple(shape) for shape in got)
            assert got[0] == want[0], f"{where}: wrong output shape {got[0]}"
            assert got[1] == want[1], f"{where}: wrong final state shape {got[1]}"
        # return_sequences keeps its default (False) when only return_state is given
        got = simple_rnn_output_shapes(batch, timesteps, features, units, return_state=True)
        want = reference(batch, timesteps, features, units, return_state=True)
        where = (f"simple_rnn_output_shapes({batch}, {timesteps}, {features}, {units}, "
                 "return_state=True), without return_sequences")
        assert isinstance(got, (tuple, list)) and len(got) == 2 and all(
            isinstance(shape, (tuple, list)) for shape in got), (
            f"{where}: return the pair (output shape, final state shape), two tuples, not {got}")
        got = tuple(tuple(shape) for shape in got)
        assert got[0] == want[0], (
            f"{where}: wrong output shape {got[0]}; by default return_sequences=False, so the "
            "output is the last state only")
        assert got[1] == want[1], f"{where}: wrong final state shape {got[1]}"
''', 2)]

# ============================================================== Q1b the unrolled network (written)

Q1B = ManualQuestion("q1b", 3, r"""
## پرسش ۱-ب: شبکهٔ بازشده در زمان (تشریحی) · Question 1b: the network unrolled in time (written)

<div dir="rtl" lang="fa">

شبکهٔ `SimpleRNN(4)` پرسش ۱ را روی **یک** دنبالهٔ ورودی (۱۰ گام، ۸ ویژگی) در زمان باز کنید و رسم کنید (یا دقیق توصیف کنید). در شکل مشخص کنید: ورودی هر گام $x_t$ و اندازه‌اش، حالت پنهان $h_t$ و اندازه‌اش، حالت اولیهٔ $h_0$، معادلهٔ به‌روزرسانی $h_t = \tanh(x_t W_x + h_{t-1} W_h + b)$ با شکل ماتریس‌های $W_x$ و $W_h$ و بردار $b$، و این‌که در همهٔ گام‌ها **همان** وزن‌ها به کار می‌روند. سپس روی شکل نشان دهید `output` در حالت پیش‌فرض و `whole_sequence_output` و `final_state` در حالت `return_sequences=True, return_state=True` کدام حالت‌ها هستند و چرا `final_state` با آخرین گام `whole_sequence_output` برابر است.

</div>

Unroll the `SimpleRNN(4)` of question 1 in time on **one** input sequence (10 steps of 8 features) and draw it (or describe it precisely). Show: the input of each step $x_t$ and its size, the hidden state $h_t$ and its size, the initial state $h_0$, the update $h_t = \tanh(x_t W_x + h_{t-1} W_h + b)$ with the shapes of $W_x$, $W_h$ and $b$, and the fact that **the same** weights serve every step. Then mark on the figure which states are `output` by default, and `whole_sequence_output` and `final_state` with `return_sequences=True, return_state=True`, and say why `final_state` equals the last step of `whole_sequence_output`.
""", r"""
**Model answer.** Ten copies of one cell in a row, $t = 1 \dots 10$. Copy $t$ receives $x_t \in \mathbb{R}^8$ from below and $h_{t-1} \in \mathbb{R}^4$ from the left, and sends $h_t = \tanh(x_t W_x + h_{t-1} W_h + b) \in \mathbb{R}^4$ to the right (to the next copy) and upwards (as that step's output). $W_x$ is $8\times4$ (Keras's `kernel`), $W_h$ is $4\times4$ (`recurrent_kernel`), $b$ has 4 entries; they are **shared** by all ten copies, so unrolling adds no parameters. $h_0$ is a zero vector unless an initial state is given.

- `SimpleRNN(4)`: `output` is $h_{10}$ only; for the batch, shape (32, 4).
- `return_sequences=True`: `whole_sequence_output` stacks $h_1, \dots, h_{10}$, shape (32, 10, 4).
- `return_state=True`: `final_state` is the state after the last step, $h_{10}$, shape (32, 4). In a SimpleRNN the state *is* the output of the step, so `final_state` equals `whole_sequence_output[:, -1, :]` (in an LSTM the cell state $c_t$ would be returned as well).

Grading: 1 point for the unrolled chain with shared weights and the right sizes (8, 4, 8×4, 4×4, 4), 1 point for the equation and $h_0$, 1 point for locating the three outputs and explaining why the last state equals the last output.

<div dir="rtl" lang="fa">

زنجیره‌ای از ده نسخهٔ یک سلول با وزن‌های مشترک: ورودی هر گام ۸تایی، حالت ۴تایی، $W_x$ به شکل $8\times4$، $W_h$ به شکل $4\times4$ و $b$ چهارتایی. `output` همان $h_{10}$ است؛ `whole_sequence_output` همهٔ $h_1$ تا $h_{10}$؛ و `final_state` هم $h_{10}$ است، چون در SimpleRNN حالت همان خروجی گام است.

</div>
""")

# ============================================================== Q3 parameter counts

Q3_TEXT = r"""
## پرسش ۳: شمارش پارامترها با دست · Question 3: counting parameters by hand

<div dir="rtl" lang="fa">

مدل بازگشتی جلسهٔ اول روی MNIST هر تصویر $28\times28$ را سطر به سطر می‌خواند: `SimpleRNN(256)` روی ۲۸ گام با ۲۸ ویژگی، سپس `Dense(10)` و در پایان `Activation("softmax")`. خلاصهٔ مدل (`model.summary()`) این بود:

| Layer (type) | Output Shape | Param # |
| --- | --- | --- |
| simple_rnn (SimpleRNN) | (None, 256) | 72,960 |
| dense (Dense) | (None, 10) | 2,570 |
| activation (Activation) | (None, 10) | 0 |

و در مجموع ۷۵٬۵۳۰ پارامتر. سه تابع زیر را بنویسید (هر کدام یک عدد صحیح برمی‌گرداند، همان `count_params()` در Keras):

1. `simple_rnn_param_count(input_dim, units)`: پارامترهای `SimpleRNN(units)` روی ورودی‌هایی با `input_dim` ویژگی در هر گام؛ وزن ورودی (`kernel`)، وزن بازگشتی (`recurrent_kernel`) و بایاس را بشمارید.
2. `dense_param_count(input_dim, units)`: پارامترهای `Dense(units)` روی `input_dim` ورودی.
3. `rnn_classifier_param_count(input_dim, units, num_classes)`: کل پارامترهای مدل بالا با `SimpleRNN(units)` و `Dense(num_classes)` و softmax.

آیا تعداد پارامترها به تعداد گام‌های زمانی بستگی دارد؟ (پاسخ این پرسش را در توضیح پرسش ۲-ب هم به کار ببرید.)

</div>

The session's recurrent model for MNIST reads each $28\times28$ image row by row: `SimpleRNN(256)` over 28 steps of 28 features, then `Dense(10)`, then `Activation("softmax")`. Its `model.summary()` is shown above: 72,960 + 2,570 + 0 = 75,530 parameters. Write three functions, each returning an int (Keras's `count_params()`):

1. `simple_rnn_param_count(input_dim, units)`: the parameters of `SimpleRNN(units)` on inputs with `input_dim` features per step; count the input weights (`kernel`), the recurrent weights (`recurrent_kernel`) and the bias.
2. `dense_param_count(input_dim, units)`: the parameters of `Dense(units)` on `input_dim` inputs.
3. `rnn_classifier_param_count(input_dim, units, num_classes)`: all the parameters of the model above with `SimpleRNN(units)`, `Dense(num_classes)` and the softmax.

Does the count depend on the number of time steps? (Use the answer in question 2b, too.)
"""

Q3_SOLUTION = r'''
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
'''

Q3_PUBLIC = [r'''
def test_counts_session_model(simple_rnn_param_count, dense_param_count,
                              rnn_classifier_param_count):
    got = simple_rnn_param_count(28, 256)
    assert got == 72_960, f"SimpleRNN(256) on 28 features has 72,960 parameters, not {got}"
    got = dense_param_count(256, 10)
    assert got == 2_570, f"Dense(10) on 256 inputs has 256 * 10 + 10 = 2,570 parameters, not {got}"
    got = rnn_classifier_param_count(28, 256, 10)
    assert got == 75_530, f"the session's model has 72,960 + 2,570 = 75,530 parameters, not {got}"
''', r'''
def test_counts_tiny(simple_rnn_param_count, dense_param_count):
    got = simple_rnn_param_count(1, 1)
    assert got == 3, (
        f"SimpleRNN(1) on 1 feature: one input weight, one recurrent weight and one bias, not {got}")
    got = dense_param_count(3, 2)
    assert got == 8, f"Dense(2) on 3 inputs: 3 * 2 weights and 2 biases = 8, not {got}"
''']

_Q3_SIZES = r'''
    import numbers
    import numpy as np
    rng = np.random.default_rng({seed})
    sizes = [(1, 1), (3, 17), (64, 2)] + [tuple(int(v) for v in rng.integers(1, 300, size=2))
                                         for _ in range(6)]
'''

Q3_HIDDEN = [(r'''
def test_simple_rnn_counts(simple_rnn_param_count):
    from solutions.hw01 import simple_rnn_param_count as reference
''' + _Q3_SIZES.format(seed=1301) + r'''
    for input_dim, units in sizes:
        got = simple_rnn_param_count(input_dim, units)
        assert isinstance(got, numbers.Integral) and not isinstance(got, bool), (
            "simple_rnn_param_count must return an int (like Keras's count_params()), not "
            f"{type(got).__name__}")
        assert got == reference(input_dim, units), (
            f"wrong count {got} for SimpleRNN({units}) on {input_dim} features: count the kernel, "
            "the recurrent kernel (units x units) and the bias")
''', 2), (r'''
def test_dense_counts(dense_param_count):
    from solutions.hw01 import dense_param_count as reference
''' + _Q3_SIZES.format(seed=1302) + r'''
    for input_dim, units in sizes:
        got = dense_param_count(input_dim, units)
        assert isinstance(got, numbers.Integral) and not isinstance(got, bool), (
            "dense_param_count must return an int (like Keras's count_params()), not "
            f"{type(got).__name__}")
        assert got == reference(input_dim, units), (
            f"wrong count {got} for Dense({units}) on {input_dim} inputs: weights and biases")
''', 1), (r'''
def test_classifier_counts(rnn_classifier_param_count):
    from solutions.hw01 import rnn_classifier_param_count as reference
''' + _Q3_SIZES.format(seed=1303) + r'''
    for (input_dim, units), num_classes in zip(sizes, [2, 10, 3, 7, 26, 100, 5, 10, 4]):
        got = rnn_classifier_param_count(input_dim, units, num_classes)
        assert isinstance(got, numbers.Integral) and not isinstance(got, bool), (
            "rnn_classifier_param_count must return an int (like Keras's count_params()), not "
            f"{type(got).__name__}")
        assert got == reference(input_dim, units, num_classes), (
            f"wrong total {got} for SimpleRNN({units}) on {input_dim} features, then "
            f"Dense({num_classes}) and softmax: the Dense layer reads the {units} units")
''', 1)]
