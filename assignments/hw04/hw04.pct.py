# %% [raw]
# # ASSIGNMENT CONFIG
# name: hw04
# files:
#   - data/gas_consumption.csv
# generate: true
# export_cell:
#   pdf: false
# run_tests: true
# show_question_points: true
# tests:
#   files: true
#   ok_format: false

# %% [markdown]
# # تمرین ۴ · Homework 4
#
# **نرمال‌سازی دسته‌ای، کانولوشن متسع، شمارش پارامترها و آماده‌سازی سری زمانی**
# **Batch normalization, dilated convolutions, parameter counts and time-series preprocessing**
#
# <div dir="rtl" lang="fa">
#
# در این تمرین چند ابزار پایه‌ای شبکه‌های عمیق را خودتان با numpy و pandas می‌سازید. پاسخ‌های مرجع با رفتار واقعی لایه‌های Keras مقایسه شده‌اند، پس هر جا متن تمرین قاعده‌ای از Keras را می‌گوید، دقیقاً همان را پیاده کنید.
#
# **نمره‌دهی چگونه انجام می‌شود**
#
# - نام تابع‌ها و نام و ترتیب آرگومان‌ها را تغییر ندهید. نمره‌دهی خودکار تابع‌های شما را با ورودی‌های تازه‌ای صدا می‌زند که در این دفترچه نیامده‌اند؛ پاسخ را به مثال‌های همین‌جا گره نزنید.
# - ورودی‌ها و خروجی‌ها «دادهٔ ساده» هستند: عدد، رشته، مقدار بولی، `None`، لیست، تاپل، دیکشنری با کلید رشته‌ای، آرایهٔ numpy و DataFrame یا Series پاندا. شیء دیگری برنگردانید.
# - `grader.check("q1")` فقط چند آزمون عمومی کوچک را اجرا می‌کند. بیشتر نمره از آزمون‌های پنهانی است که بعد از تحویل اجرا می‌شوند.
# - هنگام نمره‌دهی همهٔ سلول‌های کد از بالا به پایین اجرا می‌شوند. سلولی را که کند است (مثلاً آموزش یک مدل) با برچسب `skip-grading` علامت بزنید.
# - پرسش‌های تشریحی را به فارسی یا انگلیسی در سلول‌های متنی مشخص‌شده جواب دهید.
#
# </div>
#
# In this homework you build a few basic tools of deep networks yourself, with numpy and pandas. The reference answers were checked against real Keras layers, so wherever the text states a Keras rule, implement exactly that rule.
#
# **How grading works**
#
# - Keep the function names and the names and order of their arguments. The autograder calls your functions on fresh inputs that do not appear in this notebook, so do not tailor your answers to the examples here.
# - Arguments and return values are plain data: numbers, strings, booleans, `None`, lists, tuples, dicts with string keys, numpy arrays and pandas DataFrames or Series. Do not return other objects.
# - `grader.check("q1")` runs only a few small public tests. Most points come from hidden tests that run after you submit.
# - For grading, every code cell runs from top to bottom. Tag slow cells (training a model, for example) with `skip-grading`.
# - Answer the written questions in Persian or English in the marked text cells.

# %%
import numpy as np
import pandas as pd


# %% [raw]
# # BEGIN QUESTION
# name: q1

# %% [markdown]
# ## پرسش ۱: گذر رو به جلوی نرمال‌سازی دسته‌ای · Question 1: the batch-normalization forward pass
#
# <div dir="rtl" lang="fa">
#
# ورودی `x` آرایه‌ای به شکل `(N, D)` است: `N` نمونه از یک دسته (batch) و `D` ویژگی. نرمال‌سازی دسته‌ای در حالت آموزش هر ستون را جداگانه با آمار همان دسته استاندارد می‌کند و بعد با دو پارامتر آموختنی، مقیاس و جابه‌جایی می‌دهد:
#
# $$\mu_j = \frac{1}{N}\sum_{i} x_{ij},\qquad \sigma_j^2 = \frac{1}{N}\sum_i (x_{ij}-\mu_j)^2,\qquad y_{ij} = \gamma_j\,\frac{x_{ij}-\mu_j}{\sqrt{\sigma_j^2+\epsilon}} + \beta_j$$
#
# واریانس «اریب» است: مجموع بر `N` تقسیم می‌شود، نه بر `N-1`. سه تابع زیر را کامل کنید.
#
# 1. `forward_batchnorm(x, gamma, beta, eps=1e-5)` خروجی `y` را با همان شکل و همان dtype ورودی برمی‌گرداند. `gamma` و `beta` آرایه‌هایی به طول `D` هستند. این حالت‌های مرزی هم باید درست کار کنند:
#    - `N = 1`: خروجی دقیقاً `beta` است.
#    - ستونی که همهٔ مقدارهایش برابرند: نباید NaN یا بی‌نهایت بدهد.
#    - ورودی `float32` خروجی `float32` می‌دهد. محاسبه را درون تابع با `float64` انجام دهید و فقط نتیجه را به dtype ورودی برگردانید.
#    - داده‌ای مانند `1e6` به‌اضافهٔ نوسانی کوچک: واریانس را از مقدارهای مرکزی‌شدهٔ `x - mean` بگیرید. میان‌بُر $E[x^2]-E[x]^2$ این‌جا دو عدد بسیار بزرگ و تقریباً برابر را از هم کم می‌کند و تقریباً همهٔ رقم‌های معنادار از دست می‌رود؛ حتی ممکن است واریانس منفی شود.
# 2. `batchnorm_train_step(x, gamma, beta, running_mean, running_var, momentum=0.99, eps=1e-3)` معادل یک بار صدا زدن `keras.layers.BatchNormalization` با `training=True` است: خروجی را با آمار همین دسته حساب کنید و میانگین و واریانس متحرک را با قاعدهٔ Keras به‌روز کنید:
#    `moving = moving * momentum + batch_stat * (1 - momentum)`
#    (برای واریانس هم همان واریانس اریب دسته). مقدار برگشتی تاپل `(y, new_running_mean, new_running_var)` است.
# 3. `batchnorm_inference(x, gamma, beta, running_mean, running_var, eps=1e-3)` حالت استنتاج است: میانگین و واریانس متحرک جای آمار دسته را می‌گیرند.
#
# مقدار پیش‌فرض `eps` در تابع اول `1e-5` (مانند مقالهٔ اصلی) و در دو تابع دیگر `1e-3` (پیش‌فرض Keras) است.
#
# قاعدهٔ dtype در هر سه تابع یکی است: محاسبه با `float64` انجام می‌شود، هر dtypeی که آرگومان‌ها (از جمله میانگین و واریانس متحرک) داشته باشند، و نتیجه‌ها به dtype ورودی `x` برمی‌گردند. پس برای `x` از نوع `float32`، تابع `batchnorm_train_step` هر سه خروجی و تابع `batchnorm_inference` خروجی‌اش را `float32` برمی‌گرداند.
#
# </div>
#
# `x` has shape `(N, D)`: `N` examples of one batch and `D` features. In training mode, batch normalization standardizes every column with the statistics of this batch, then scales and shifts it with two learned parameters (formula above). The variance is the **biased** one: divide by `N`, not `N - 1`. Complete the three functions.
#
# 1. `forward_batchnorm(x, gamma, beta, eps=1e-5)` returns `y` with the shape and dtype of `x`; `gamma` and `beta` have length `D`. It must also handle:
#    - `N = 1`: the output is exactly `beta`;
#    - a column whose values are all equal: no NaN or infinity;
#    - `float32` input gives `float32` output: compute in `float64` inside the function and cast only the result back;
#    - data such as `1e6` plus small noise: take the variance of the centred values `x - mean`. The shortcut $E[x^2]-E[x]^2$ subtracts two huge, nearly equal numbers and loses almost every significant digit (it can even come out negative).
# 2. `batchnorm_train_step(x, gamma, beta, running_mean, running_var, momentum=0.99, eps=1e-3)` is one call of `keras.layers.BatchNormalization` with `training=True`: normalize with this batch's statistics and update the moving statistics with Keras's rule `moving = moving * momentum + batch_stat * (1 - momentum)`, using the biased batch variance. Return the tuple `(y, new_running_mean, new_running_var)`.
# 3. `batchnorm_inference(x, gamma, beta, running_mean, running_var, eps=1e-3)` is inference mode: the moving mean and variance replace the batch statistics.
#
# The default `eps` is `1e-5` (as in the original paper) in the first function and `1e-3` (Keras's default) in the other two.
#
# The dtype rule is the same in all three functions: compute in `float64`, whatever the dtypes of the arguments (the moving mean and variance included), and return results with the dtype of `x`. With `float32` input, `batchnorm_train_step` returns all three arrays as `float32`, and `batchnorm_inference` returns `float32`.

# %%
def forward_batchnorm(x, gamma, beta, eps=1e-5):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    x = np.asarray(x)
    out_dtype = x.dtype if np.issubdtype(x.dtype, np.floating) else np.float64
    xf = x.astype(np.float64)
    mu = xf.mean(axis=0)
    diff = xf - mu  # centre first: stays accurate for 1e6 + tiny noise
    var = (diff * diff).mean(axis=0)
    y = np.asarray(gamma, dtype=np.float64) * diff / np.sqrt(var + eps)
    return (y + np.asarray(beta, dtype=np.float64)).astype(out_dtype)
    # END SOLUTION


def batchnorm_train_step(x, gamma, beta, running_mean, running_var, momentum=0.99, eps=1e-3):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    x = np.asarray(x)
    out_dtype = x.dtype if np.issubdtype(x.dtype, np.floating) else np.float64
    xf = x.astype(np.float64)
    batch_mean = xf.mean(axis=0)
    batch_var = ((xf - batch_mean) ** 2).mean(axis=0)
    y = forward_batchnorm(x, gamma, beta, eps)
    new_mean = np.asarray(running_mean, dtype=np.float64) * momentum + batch_mean * (1 - momentum)
    new_var = np.asarray(running_var, dtype=np.float64) * momentum + batch_var * (1 - momentum)
    return y, new_mean.astype(out_dtype), new_var.astype(out_dtype)
    # END SOLUTION


def batchnorm_inference(x, gamma, beta, running_mean, running_var, eps=1e-3):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    x = np.asarray(x)
    out_dtype = x.dtype if np.issubdtype(x.dtype, np.floating) else np.float64
    spread = np.sqrt(np.asarray(running_var, dtype=np.float64) + eps)
    x_hat = (x.astype(np.float64) - np.asarray(running_mean, dtype=np.float64)) / spread
    y = np.asarray(gamma, dtype=np.float64) * x_hat + np.asarray(beta, dtype=np.float64)
    return y.astype(out_dtype)
    # END SOLUTION


# %% test="public"
def test_bn_small_example(forward_batchnorm):
    import numpy as np
    x = np.array([[1.0, 2.0], [3.0, 6.0]])
    out = forward_batchnorm(x, np.ones(2), np.zeros(2), eps=0.0)
    assert out is not None, ("forward_batchnorm returned None: compute y and return it"
                             "\nfa: `forward_batchnorm` مقدار None برگرداند: `y` را حساب کنید و برگردانید")
    out = np.asarray(out, dtype=float)
    assert out.shape == (2, 2), (f"the output must have the shape of x, (2, 2), not {out.shape}"
                                 f"\nfa: خروجی باید هم‌شکل `x`، یعنی `(2, 2)`، باشد، نه `{out.shape}`")
    assert np.allclose(out, [[-1.0, -1.0], [1.0, 1.0]]), (
        "column means are [2, 4] and biased variances [1, 4], so y must be [[-1, -1], [1, 1]]"
        "\nfa: میانگین ستون‌ها `[2, 4]` و واریانس‌های اریب `[1, 4]` است، پس `y` باید `[[-1, -1], [1, 1]]` باشد")


# %% test="public"
def test_bn_gamma_beta(forward_batchnorm):
    import numpy as np
    out = forward_batchnorm(np.array([[0.0], [2.0]]), np.array([3.0]), np.array([10.0]), eps=0.0)
    assert np.allclose(np.asarray(out, dtype=float), [[7.0], [13.0]]), (
        "x_hat is [[-1], [1]]; y = gamma * x_hat + beta = [[7], [13]]"
        "\nfa: `x_hat` برابر `[[-1], [1]]` است؛ `y = gamma * x_hat + beta = [[7], [13]]`")


# %% test="public"
def test_bn_train_step_small(batchnorm_train_step):
    import numpy as np
    x = np.array([[1.0, 2.0], [3.0, 6.0]])
    result = batchnorm_train_step(x, np.ones(2), np.zeros(2), np.zeros(2), np.ones(2),
                                  momentum=0.9, eps=0.0)
    assert isinstance(result, tuple) and len(result) == 3, (
        "return the tuple (y, new_running_mean, new_running_var)"
        "\nfa: تاپل `(y, new_running_mean, new_running_var)` را برگردانید")
    y, mean, var = (np.asarray(part, dtype=float) for part in result)
    assert np.allclose(y, [[-1.0, -1.0], [1.0, 1.0]]), ("y must use this batch's statistics"
                                                        "\nfa: `y` باید از آماره‌های همین batch استفاده کند")
    assert np.allclose(mean, [0.2, 0.4]), ("new mean = 0.9 * [0, 0] + 0.1 * [2, 4] = [0.2, 0.4]"
                                           "\nfa: میانگین تازه: `0.9 * [0, 0] + 0.1 * [2, 4] = [0.2, 0.4]`")
    assert np.allclose(var, [1.0, 1.3]), (
        "new variance = 0.9 * [1, 1] + 0.1 * [1, 4] = [1.0, 1.3] (biased batch variance)"
        "\nfa: واریانس تازه: `0.9 * [1, 1] + 0.1 * [1, 4] = [1.0, 1.3]` (واریانس اریب batch)")


# %% test="public"
def test_bn_inference_small(batchnorm_inference):
    import numpy as np
    out = batchnorm_inference(np.array([[1.0], [5.0]]), np.array([2.0]), np.array([1.0]),
                              np.array([1.0]), np.array([4.0]), eps=0.0)
    assert np.allclose(np.asarray(out, dtype=float), [[1.0], [5.0]]), (
        "with running mean 1 and running variance 4: x_hat = (x - 1) / 2 = [[0], [2]], "
        "then y = 2 * x_hat + 1 = [[1], [5]]"
        "\nfa: با میانگین متحرک 1 و واریانس متحرک 4: `x_hat = (x - 1) / 2 = [[0], [2]]`، سپس `y = 2 * x_hat + 1 = [[1], [5]]`")


# %% test="hidden" points=2
def test_bn_random_batches(forward_batchnorm):
    import numpy as np
    from solutions.hw04 import forward_batchnorm as reference
    rng = np.random.default_rng(4101)
    for n, d in [(2, 1), (5, 3), (16, 7), (64, 20), (3, 40)]:
        x = rng.normal(rng.uniform(-5, 5), rng.uniform(0.1, 4.0), size=(n, d))
        gamma, beta = rng.uniform(0.5, 2.0, size=d), rng.normal(size=d)
        eps = float(rng.choice([1e-5, 1e-3, 0.1]))
        out = np.asarray(forward_batchnorm(x, gamma, beta, eps), dtype=float)
        assert out.shape == x.shape, (f"for x of shape {x.shape} the output has shape {out.shape}"
                                      f"\nfa: برای `x` با شکل `{x.shape}` شکل خروجی `{out.shape}` است")
        assert np.allclose(out, reference(x, gamma, beta, eps), rtol=1e-6, atol=1e-7), (
            f"wrong values for a batch of shape {x.shape}: use each column's mean and its biased "
            "variance (divide by N), then gamma * x_hat + beta"
            f"\nfa: مقادیر برای batch با شکل `{x.shape}` نادرست است: میانگین و واریانس اریب هر ستون (تقسیم بر `N`) را به کار ببرید، سپس `gamma * x_hat + beta`")
    x = rng.normal(3.0, 0.004, size=(9, 4))  # a variance close to eps, so eps matters
    gamma, beta = rng.uniform(0.5, 2.0, size=4), rng.normal(size=4)
    out = np.asarray(forward_batchnorm(x, gamma, beta), dtype=float)
    assert out.shape == x.shape, (f"for x of shape {x.shape} the output has shape {out.shape}"
                                  f"\nfa: برای `x` با شکل `{x.shape}` شکل خروجی `{out.shape}` است")
    assert np.allclose(out, reference(x, gamma, beta), rtol=1e-6, atol=1e-7), (
        "wrong values when eps is not passed: forward_batchnorm's default eps is 1e-5"
        "\nfa: وقتی `eps` داده نشود مقادیر نادرست است: مقدار پیش‌فرض `eps` در `forward_batchnorm` برابر `1e-5` است")


# %% test="hidden" points=1
def test_bn_single_example(forward_batchnorm):
    import numpy as np
    rng = np.random.default_rng(4102)
    x = rng.normal(0.0, 10.0, size=(1, 6))
    gamma, beta = rng.uniform(0.5, 2.0, size=6), rng.normal(size=6)
    out = np.asarray(forward_batchnorm(x, gamma, beta, 1e-5), dtype=float)
    assert out.shape == (1, 6), (f"for x of shape (1, 6) the output has shape {out.shape}"
                                 f"\nfa: برای `x` با شکل `(1, 6)` شکل خروجی `{out.shape}` است")
    assert np.all(np.isfinite(out)), ("a batch of one example gave NaN or inf"
                                      "\nfa: batch یک‌نمونه‌ای مقدار NaN یا inf داد")
    assert np.allclose(out, beta[None, :], atol=1e-9), (
        "with N = 1 every x - mean is 0, so the output must equal beta"
        "\nfa: با `N = 1` هر `x - mean` صفر است، پس خروجی باید برابر `beta` باشد")


# %% test="hidden" points=1
def test_bn_constant_feature(forward_batchnorm):
    import numpy as np
    from solutions.hw04 import forward_batchnorm as reference
    rng = np.random.default_rng(4103)
    x = rng.normal(2.0, 3.0, size=(12, 5))
    x[:, 2] = 3.7
    gamma, beta = rng.uniform(0.5, 2.0, size=5), rng.normal(size=5)
    out = np.asarray(forward_batchnorm(x, gamma, beta, 1e-5), dtype=float)
    assert out.shape == x.shape and np.all(np.isfinite(out)), (
        "a constant column gave NaN or inf: its variance is 0, and eps keeps the division finite"
        "\nfa: ستون ثابت مقدار NaN یا inf داد: واریانس آن 0 است و `eps` تقسیم را متناهی نگه می‌دارد")
    assert np.allclose(out, reference(x, gamma, beta, 1e-5), rtol=1e-6, atol=1e-7), (
        "wrong values when one column is constant (that column must come out as beta)"
        "\nfa: مقادیر وقتی یک ستون ثابت است نادرست است (آن ستون باید برابر `beta` شود)")


# %% test="hidden" points=1
def test_bn_float32(forward_batchnorm, batchnorm_train_step, batchnorm_inference):
    import numpy as np
    from solutions.hw04 import (batchnorm_inference as inference_reference,
                                batchnorm_train_step as train_reference,
                                forward_batchnorm as reference)
    rng = np.random.default_rng(4104)
    x = rng.normal(1.0, 2.0, size=(32, 6)).astype(np.float32)
    gamma = rng.uniform(0.5, 2.0, size=6).astype(np.float32)
    beta = rng.normal(size=6).astype(np.float32)
    out = np.asarray(forward_batchnorm(x, gamma, beta, 1e-5))
    assert out.dtype == np.float32, (f"float32 input must give float32 output, not {out.dtype}"
                                     f"\nfa: ورودی `float32` باید خروجی `float32` بدهد، نه `{out.dtype}`")
    assert np.allclose(out, reference(x, gamma, beta, 1e-5), rtol=1e-5, atol=1e-5), (
        "wrong values for float32 input"
        "\nfa: مقادیر برای ورودی `float32` نادرست است")
    running_mean = rng.normal(size=6).astype(np.float32)
    running_var = rng.uniform(0.5, 2.0, size=6).astype(np.float32)
    result = batchnorm_train_step(x, gamma, beta, running_mean, running_var, 0.9, 1e-3)
    assert isinstance(result, (tuple, list)) and len(result) == 3, (
        "batchnorm_train_step must return the tuple (y, new_running_mean, new_running_var)"
        "\nfa: `batchnorm_train_step` باید تاپل `(y, new_running_mean, new_running_var)` را برگرداند")
    expected = train_reference(x, gamma, beta, running_mean, running_var, 0.9, 1e-3)
    for label, got, want in zip(["y", "new_running_mean", "new_running_var"], result, expected):
        got = np.asarray(got)
        assert got.dtype == np.float32, (
            f"batchnorm_train_step: for float32 x, {label} must be float32, not {got.dtype}"
            f"\nfa: `batchnorm_train_step`: برای `x` از نوع `float32`، `{label}` باید `float32` باشد، نه `{got.dtype}`")
        assert got.shape == want.shape and np.allclose(got, want, rtol=1e-5, atol=1e-5), (
            f"batchnorm_train_step: {label} is wrong for float32 input"
            f"\nfa: `batchnorm_train_step`: `{label}` برای ورودی `float32` نادرست است")
    out = np.asarray(batchnorm_inference(x, gamma, beta, running_mean, running_var, 1e-3))
    assert out.dtype == np.float32, (
        f"batchnorm_inference: float32 input must give float32 output, not {out.dtype}"
        f"\nfa: `batchnorm_inference`: ورودی `float32` باید خروجی `float32` بدهد، نه `{out.dtype}`")
    assert out.shape == x.shape and np.allclose(
        out, inference_reference(x, gamma, beta, running_mean, running_var, 1e-3),
        rtol=1e-5, atol=1e-5), ("batchnorm_inference: wrong values for float32 input"
                                "\nfa: `batchnorm_inference`: مقادیر برای ورودی `float32` نادرست است")


# %% test="hidden" points=1
def test_bn_large_offset(forward_batchnorm, batchnorm_train_step, batchnorm_inference):
    import numpy as np
    from solutions.hw04 import (batchnorm_inference as inference_reference,
                                batchnorm_train_step as train_reference,
                                forward_batchnorm as reference)
    rng = np.random.default_rng(4105)
    gamma, beta = rng.uniform(0.5, 2.0, size=5), rng.normal(size=5)
    x = 1e6 + rng.normal(0.0, 0.01, size=(32, 5))
    out = np.asarray(forward_batchnorm(x, gamma, beta, 1e-8), dtype=float)
    assert np.all(np.isfinite(out)), ("data near 1e6 gave NaN or inf: compute the variance of x - mean"
                                      "\nfa: داده‌های نزدیک `1e6` مقدار NaN یا inf داد: واریانس `x - mean` را حساب کنید")
    assert np.allclose(out, reference(x, gamma, beta, 1e-8), atol=1e-5), (
        "inaccurate for data near 1e6 with small noise: centre first, then square (in float64)"
        "\nfa: برای داده‌های نزدیک `1e6` با نویز کم دقیق نیست: اول مرکز را صفر کنید، بعد به توان دو برسانید (در `float64`)")
    x32 = (1e6 + rng.normal(0.0, 4.0, size=(64, 5))).astype(np.float32)
    out32 = np.asarray(forward_batchnorm(x32, gamma.astype(np.float32), beta.astype(np.float32)))
    assert np.allclose(out32.astype(float), reference(x32, gamma, beta), atol=1e-3), (
        "inaccurate for float32 data near 1e6: compute the statistics in float64, cast at the end"
        "\nfa: برای داده‌های `float32` نزدیک `1e6` دقیق نیست: آماره‌ها را در `float64` حساب کنید و در پایان تبدیل کنید")
    # float64 x with moving statistics stored as float32: the arithmetic must still be float64
    x = rng.normal(0.3, 1.5, size=(20, 5))
    running_mean = rng.normal(0.0, 3.0, size=5).astype(np.float32)
    running_var = rng.uniform(0.5, 2.0, size=5).astype(np.float32)
    result = batchnorm_train_step(x, gamma, beta, running_mean, running_var, 0.9, 1e-3)
    assert isinstance(result, (tuple, list)) and len(result) == 3, (
        "batchnorm_train_step must return the tuple (y, new_running_mean, new_running_var)"
        "\nfa: `batchnorm_train_step` باید تاپل `(y, new_running_mean, new_running_var)` را برگرداند")
    expected = train_reference(x, gamma, beta, running_mean, running_var, 0.9, 1e-3)
    for label, got, want in zip(["y", "new_running_mean", "new_running_var"], result, expected):
        got = np.asarray(got, dtype=float)
        assert got.shape == want.shape and np.allclose(got, want, rtol=1e-10, atol=1e-12), (
            f"batchnorm_train_step: {label} is not computed in float64 when x is float64 and the "
            "moving statistics are float32 (convert every argument to float64 first)"
            f"\nfa: `batchnorm_train_step`: وقتی `x` از نوع `float64` و آماره‌های متحرک `float32` هستند، `{label}` در `float64` حساب نمی‌شود (همهٔ ورودی‌ها را اول به `float64` تبدیل کنید)")
    out = np.asarray(batchnorm_inference(x, gamma, beta, running_mean, running_var, 1e-3), dtype=float)
    assert out.shape == x.shape and np.allclose(
        out, inference_reference(x, gamma, beta, running_mean, running_var, 1e-3),
        rtol=1e-10, atol=1e-12), (
        "batchnorm_inference is not computed in float64 when x is float64 and the moving "
        "statistics are float32 (convert every argument to float64 first)"
        "\nfa: وقتی `x` از نوع `float64` و آماره‌های متحرک `float32` هستند، `batchnorm_inference` در `float64` حساب نمی‌شود (همهٔ ورودی‌ها را اول به `float64` تبدیل کنید)")


# %% test="hidden" points=1
def test_bn_train_step(batchnorm_train_step):
    import numpy as np
    from solutions.hw04 import batchnorm_train_step as reference
    rng = np.random.default_rng(4106)
    for n, d in [(16, 4), (3, 9)]:
        x = rng.normal(1.5, 2.0, size=(n, d))
        gamma, beta = rng.uniform(0.5, 2.0, size=d), rng.normal(size=d)
        running_mean, running_var = rng.normal(size=d), rng.uniform(0.5, 2.0, size=d)
        momentum, eps = float(rng.uniform(0.5, 0.99)), 1e-3
        result = batchnorm_train_step(x, gamma, beta, running_mean, running_var, momentum, eps)
        assert isinstance(result, (tuple, list)) and len(result) == 3, (
            "return the tuple (y, new_running_mean, new_running_var)"
            "\nfa: تاپل `(y, new_running_mean, new_running_var)` را برگردانید")
        expected = reference(x, gamma, beta, running_mean, running_var, momentum, eps)
        for label, got, want in zip(["y", "new_running_mean", "new_running_var"], result, expected):
            got = np.asarray(got, dtype=float)
            assert got.shape == want.shape and np.allclose(got, want, rtol=1e-6, atol=1e-7), (
                f"{label} is wrong: moving = moving * momentum + batch_stat * (1 - momentum), "
                "with the biased batch variance"
                f"\nfa: `{label}` نادرست است: `moving = moving * momentum + batch_stat * (1 - momentum)` با واریانس اریب batch")
    x = rng.normal(-0.7, 0.03, size=(8, 5))  # a variance close to eps, so eps matters
    gamma, beta = rng.uniform(0.5, 2.0, size=5), rng.normal(size=5)
    running_mean, running_var = rng.normal(size=5), rng.uniform(0.5, 2.0, size=5)
    result = batchnorm_train_step(x, gamma, beta, running_mean, running_var)
    assert isinstance(result, (tuple, list)) and len(result) == 3, (
        "return the tuple (y, new_running_mean, new_running_var)"
        "\nfa: تاپل `(y, new_running_mean, new_running_var)` را برگردانید")
    expected = reference(x, gamma, beta, running_mean, running_var)
    for label, got, want in zip(["y", "new_running_mean", "new_running_var"], result, expected):
        got = np.asarray(got, dtype=float)
        assert got.shape == want.shape and np.allclose(got, want, rtol=1e-6, atol=1e-7), (
            f"{label} is wrong when momentum and eps are not passed: their defaults are "
            "momentum=0.99 and eps=1e-3"
            f"\nfa: `{label}` وقتی `momentum` و `eps` داده نشوند نادرست است: مقدارهای پیش‌فرض `momentum=0.99` و `eps=1e-3` هستند")


# %% test="hidden" points=1
def test_bn_inference(batchnorm_inference):
    import numpy as np
    from solutions.hw04 import batchnorm_inference as reference
    rng = np.random.default_rng(4107)
    x = rng.normal(0.5, 3.0, size=(10, 6))
    gamma, beta = rng.uniform(0.5, 2.0, size=6), rng.normal(size=6)
    running_mean, running_var = rng.normal(size=6), rng.uniform(0.5, 4.0, size=6)
    out = np.asarray(batchnorm_inference(x, gamma, beta, running_mean, running_var, 1e-3), dtype=float)
    assert out.shape == x.shape, (f"for x of shape {x.shape} the output has shape {out.shape}"
                                  f"\nfa: برای `x` با شکل `{x.shape}` شکل خروجی `{out.shape}` است")
    assert np.allclose(out, reference(x, gamma, beta, running_mean, running_var, 1e-3),
                       rtol=1e-6, atol=1e-7), (
        "wrong values: at inference use running_mean and running_var, not the batch's statistics"
        "\nfa: مقادیر نادرست است: هنگام استنتاج از `running_mean` و `running_var` استفاده کنید، نه آماره‌های batch")
    running_var = rng.uniform(1e-4, 2e-3, size=6)  # close to eps, so eps matters
    out = np.asarray(batchnorm_inference(x, gamma, beta, running_mean, running_var), dtype=float)
    assert out.shape == x.shape, (f"for x of shape {x.shape} the output has shape {out.shape}"
                                  f"\nfa: برای `x` با شکل `{x.shape}` شکل خروجی `{out.shape}` است")
    assert np.allclose(out, reference(x, gamma, beta, running_mean, running_var),
                       rtol=1e-6, atol=1e-7), (
        "wrong values when eps is not passed: batchnorm_inference's default eps is 1e-3"
        "\nfa: وقتی `eps` داده نشود مقادیر نادرست است: مقدار پیش‌فرض `eps` در `batchnorm_inference` برابر `1e-3` است")


# %% [raw]
# # BEGIN QUESTION
# name: q2

# %% [markdown]
# ## پرسش ۲: پارامترهای Dense و BatchNormalization · Question 2: parameters of Dense + BatchNormalization
#
# <div dir="rtl" lang="fa">
#
# یک لایهٔ `Dense(units)` روی `input_dim` ویژگی داریم و پس از آن یک لایهٔ `BatchNormalization`. تابع `dense_batchnorm_params(input_dim, units)` باید دیکشنری `{"total": ..., "trainable": ..., "non_trainable": ...}` را با سه عدد صحیح برگرداند؛ همان سه عددی که `model.summary()` در Keras برای این دو لایه گزارش می‌کند.
#
# راهنما: لایهٔ BatchNormalization برای هر ویژگی چهار عدد نگه می‌دارد. کدام‌ها با گرادیان آموزش می‌بینند و کدام‌ها فقط با میانگین متحرک به‌روز می‌شوند؟ برای `input_dim=10` و `units=20` جواب به ترتیب 300، 260 و 40 است.
#
# </div>
#
# A `Dense(units)` layer on `input_dim` features is followed by a `BatchNormalization` layer. `dense_batchnorm_params(input_dim, units)` returns the dict `{"total": ..., "trainable": ..., "non_trainable": ...}` of three integers, the numbers `model.summary()` reports for these two layers.
#
# Hint: BatchNormalization keeps four numbers per feature. Which of them are trained by gradient descent, and which are only updated as moving averages? For `input_dim=10` and `units=20` the answer is 300, 260 and 40.

# %%
def dense_batchnorm_params(input_dim, units):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    dense = input_dim * units + units  # kernel and bias
    gamma_beta = 2 * units  # learned by gradient descent
    moving_stats = 2 * units  # moving mean and variance: updated, never trained
    return {"total": dense + gamma_beta + moving_stats,
            "trainable": dense + gamma_beta,
            "non_trainable": moving_stats}
    # END SOLUTION


# %% test="public"
def test_dense_bn_example(dense_batchnorm_params):
    got = dense_batchnorm_params(10, 20)
    assert isinstance(got, dict), ("return a dict with the keys 'total', 'trainable', 'non_trainable'"
                                   "\nfa: دیکشنری‌ای با کلیدهای `'total'`، `'trainable'` و `'non_trainable'` برگردانید")
    assert (got.get("total"), got.get("trainable"), got.get("non_trainable")) == (300, 260, 40), (
        "Dense(20) on 10 inputs has 220 parameters; BatchNormalization adds 2 * 20 trainable "
        "and 2 * 20 non-trainable ones"
        "\nfa: `Dense(20)` روی 10 ورودی 220 پارامتر دارد؛ `BatchNormalization` تعداد `2 * 20` پارامتر آموزش‌پذیر و `2 * 20` پارامتر آموزش‌ناپذیر اضافه می‌کند")


# %% test="hidden" points=1
def test_dense_bn_trainable(dense_batchnorm_params):
    from solutions.hw04 import dense_batchnorm_params as reference
    for input_dim, units in [(1, 1), (784, 128), (37, 5), (3, 250)]:
        got = dense_batchnorm_params(input_dim, units)
        assert isinstance(got, dict) and "trainable" in got, (
            "return a dict with the keys 'total', 'trainable', 'non_trainable'"
            "\nfa: دیکشنری‌ای با کلیدهای `'total'`، `'trainable'` و `'non_trainable'` برگردانید")
        assert got["trainable"] == reference(input_dim, units)["trainable"], (
            f"'trainable' is wrong for Dense({units}) on {input_dim} inputs: count the Dense "
            "weights and BatchNormalization's gamma and beta"
            f"\nfa: `'trainable'` برای `Dense({units})` روی `{input_dim}` ورودی نادرست است: وزن‌های `Dense` و `gamma` و `beta` لایهٔ `BatchNormalization` را بشمارید")


# %% test="hidden" points=1
def test_dense_bn_total_and_non_trainable(dense_batchnorm_params):
    from solutions.hw04 import dense_batchnorm_params as reference
    for input_dim, units in [(2, 3), (512, 64), (19, 71)]:
        got = dense_batchnorm_params(input_dim, units)
        assert isinstance(got, dict), ("return a dict with the keys 'total', 'trainable', 'non_trainable'"
                                       "\nfa: دیکشنری‌ای با کلیدهای `'total'`، `'trainable'` و `'non_trainable'` برگردانید")
        expected = reference(input_dim, units)
        for key in ("non_trainable", "total"):
            assert got.get(key) == expected[key], (
                f"'{key}' is wrong for Dense({units}) on {input_dim} inputs: the moving mean and "
                "variance are parameters too, but they are not trained"
                f"\nfa: `'{key}'` برای `Dense({units})` روی `{input_dim}` ورودی نادرست است: میانگین و واریانس متحرک هم پارامترند، ولی آموزش داده نمی‌شوند")


# %% [raw]
# # BEGIN QUESTION
# name: q3

# %% [markdown]
# ## پرسش ۳: کانولوشن متسع · Question 3: dilated convolutions
#
# <div dir="rtl" lang="fa">
#
# در کانولوشن متسع (dilated یا atrous) با نرخ `d`، بین درایه‌های هسته `d - 1` خانه فاصله می‌افتد. هستهٔ `k` تایی همچنان `k` وزن دارد، ولی بازه‌ای به طول $(k-1)\,d + 1$ از ورودی را می‌پوشاند. به این ترتیب میدان دید لایه بدون افزایش پارامترها بزرگ می‌شود.
#
# حالت‌های padding (همان قراردادهای Keras/TensorFlow):
#
# - `"valid"`: بدون صفرگذاری؛ هسته فقط جاهایی قرار می‌گیرد که کاملاً داخل ورودی باشد.
# - `"same"`: TensorFlow آن‌قدر صفر اضافه می‌کند که طول خروجی $\lceil L / s \rceil$ شود؛ با گام ۱ یعنی همان طول ورودی. اگر تعداد صفرها فرد باشد، صفر اضافه در انتها می‌نشیند.
# - `"causal"` (فقط یک‌بعدی): همهٔ صفرها، یعنی $(k-1)\,d$ صفر، در ابتدا اضافه می‌شوند تا خروجی هر لحظه فقط به گذشته وابسته باشد.
# - عدد صحیح `p >= 0`: دقیقاً `p` صفر در هر طرف، سپس مانند `"valid"`.
#
# تابع‌های زیر را کامل کنید.
#
# 1. `conv_output_length(input_length, kernel_size, stride=1, padding="valid", dilation=1)` طول خروجی روی یک محور را برمی‌گرداند (برای لایهٔ pooling هم با `dilation=1` کار می‌کند). اگر هستهٔ متسع در ورودیِ صفرگذاری‌شده جا نشود، یا آرگومانی نامعتبر باشد (طول، هسته، گام یا نرخ اتساع کوچک‌تر از ۱، padding ناشناخته یا منفی)، `ValueError` با پیامی روشن بدهید.
# 2. `conv2d_params(in_channels, filters, kernel_size, use_bias=True)` تعداد پارامترهای یک `Conv2D`؛ `kernel_size` یک عدد صحیح یا یک جفت `(kh, kw)` است.
# 3. `same_padding(kernel_size, dilation=1)` جفت `(before, after)`: تعداد صفرهایی که `padding="same"` با گام ۱ در ابتدا و انتهای هر محور اضافه می‌کند. برای هستهٔ مؤثر زوج، صفرگذاری نامتقارن است و صفر اضافه در انتها قرار می‌گیرد.
# 4. `network_table(input_shape, layers)` برای پشته‌ای از لایه‌ها جدول شکل خروجی و تعداد پارامترها را می‌سازد:
#    - `input_shape` سه‌تایی `(height, width, channels)` است؛
#    - `layers` لیستی از دیکشنری‌هاست. لایهٔ کانولوشن: `{"type": "conv", "filters": 64, "kernel_size": 3, "strides": 1, "padding": "same", "dilation": 1}`؛ `kernel_size` و `strides` و `dilation` می‌توانند عدد یا جفت باشند، `padding` یکی از `"valid"` و `"same"` یا یک عدد صحیح است، و کلیدهای غایب پیش‌فرض‌های `strides=1`، `padding="valid"`، `dilation=1` و `"use_bias": True` را دارند. لایهٔ max-pooling: `{"type": "maxpool", "pool_size": 2, "strides": 2}`؛ مانند Keras، اگر `pool_size` نیامده باشد ۲ است، اگر `strides` نیامده باشد برابر `pool_size` است و padding همیشه `"valid"` است؛
#    - خروجی `{"rows": [{"output_shape": (h, w, c), "params": p}, ...], "total_params": total}` است: برای هر لایه یک سطر، به همان ترتیب، با اعداد صحیح معمولی پایتون.
#
# **چرا بخشی از این جدول را دستی حساب می‌کنیم؟** Keras 3 ترکیب `strides > 1` و `dilation_rate > 1` را در یک لایه نمی‌پذیرد و `ValueError` می‌دهد. دلیلش پیاده‌سازی TensorFlow است: کانولوشن متسع را با بازچینی ورودی به $d^2$ زیرتصویر درهم‌تنیده (`space_to_batch`)، یک کانولوشن معمولی روی هر کدام و چیدن دوبارهٔ نتیجه انجام می‌دهد و این ترفند فقط وقتی درست است که هسته یک خانه یک خانه جلو برود. از نظر ریاضی چنین لایه‌ای کاملاً تعریف‌شده است: همان کانولوشن متسع با گام ۱ که از خروجی‌اش یکی در میان (یا هر `s` تا یکی) نگه داشته می‌شود. پشتهٔ تمرین چند لایه از همین نوع دارد، پس شکل‌ها و پارامترهایش را با تابع‌های خودتان حساب می‌کنید.
#
# </div>
#
# A dilated (atrous) convolution with rate `d` spaces the kernel taps `d` positions apart: a kernel of size `k` still has `k` weights but spans $(k-1)\,d + 1$ input positions, so the receptive field grows without adding parameters.
#
# Padding modes (Keras/TensorFlow conventions):
#
# - `"valid"`: no zeros; the kernel only sits where it fits entirely inside the input.
# - `"same"`: TensorFlow adds just enough zeros for an output length of $\lceil L / s \rceil$ (the input length at stride 1). When the number of zeros is odd, the extra zero goes at the end.
# - `"causal"` (1-D only): all $(k-1)\,d$ zeros go at the start, so each output depends only on the past.
# - an integer `p >= 0`: exactly `p` zeros on each side, then as `"valid"`.
#
# Complete these functions.
#
# 1. `conv_output_length(input_length, kernel_size, stride=1, padding="valid", dilation=1)` returns the output length along one axis (it also serves pooling layers, with `dilation=1`). Raise `ValueError` with a clear message when the dilated kernel does not fit in the (padded) input, and for invalid arguments: a length, kernel size, stride or dilation below 1, an unknown padding string or a negative padding.
# 2. `conv2d_params(in_channels, filters, kernel_size, use_bias=True)` is the parameter count of a `Conv2D`; `kernel_size` is an int or a pair `(kh, kw)`.
# 3. `same_padding(kernel_size, dilation=1)` returns `(before, after)`, the zeros `padding="same"` adds at the start and the end of an axis at stride 1. For an even effective kernel the padding is asymmetric, with the extra zero at the end.
# 4. `network_table(input_shape, layers)` tabulates a stack of layers:
#    - `input_shape` is `(height, width, channels)`;
#    - `layers` is a list of dicts. A convolution is `{"type": "conv", "filters": 64, "kernel_size": 3, "strides": 1, "padding": "same", "dilation": 1}` (`kernel_size`, `strides` and `dilation` may be an int or a pair; `padding` is `"valid"`, `"same"` or an int; missing keys default to `strides=1`, `padding="valid"`, `dilation=1`, and `"use_bias": True`). A max-pooling layer is `{"type": "maxpool", "pool_size": 2, "strides": 2}` (as in Keras, `pool_size` defaults to 2, `strides` defaults to `pool_size`, and padding is `"valid"`);
#    - the result is `{"rows": [{"output_shape": (h, w, c), "params": p}, ...], "total_params": total}`, one row per layer in order, with plain ints.
#
# **Why compute part of this table by hand?** Keras 3 refuses `strides > 1` together with `dilation_rate > 1` in one layer (it raises `ValueError`). The reason is TensorFlow's implementation: it computes a dilated convolution by rearranging the input into $d^2$ interleaved sub-images (`space_to_batch`), running an ordinary convolution on each and interleaving the results again, a trick that only works when the kernel moves one position at a time. Mathematically the layer is perfectly well defined: it is the stride-1 dilated convolution with only every `s`-th output kept. The homework's stack contains such layers, so you compute its shapes and parameters with your own functions.

# %%
def conv_output_length(input_length, kernel_size, stride=1, padding="valid", dilation=1):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    for name, value in [("input_length", input_length), ("kernel_size", kernel_size),
                        ("stride", stride), ("dilation", dilation)]:
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
            raise ValueError(f"{name} must be a positive integer, got {value!r}")
    span = (kernel_size - 1) * dilation + 1  # input positions one dilated kernel covers
    if padding in ("same", "causal"):
        return -(-input_length // stride)  # ceil(L / s): TF pads so that nothing is cut off
    if padding == "valid":
        padded = input_length
    elif isinstance(padding, (int, np.integer)) and not isinstance(padding, bool) and padding >= 0:
        padded = input_length + 2 * padding
    else:
        raise ValueError(f"padding must be 'valid', 'same', 'causal' or an int >= 0, got {padding!r}")
    if padded < span:
        raise ValueError(f"the dilated kernel spans {span} positions but the input has only {padded}")
    return (padded - span) // stride + 1
    # END SOLUTION


def conv2d_params(in_channels, filters, kernel_size, use_bias=True):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    kh, kw = (kernel_size, kernel_size) if np.ndim(kernel_size) == 0 else kernel_size
    return int(kh * kw * in_channels * filters + (filters if use_bias else 0))
    # END SOLUTION


def same_padding(kernel_size, dilation=1):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    total = (kernel_size - 1) * dilation
    before = total // 2
    return (before, total - before)
    # END SOLUTION


# %%
# BEGIN SOLUTION NO PROMPT
def _as_pair(value):
    return (int(value), int(value)) if np.ndim(value) == 0 else (int(value[0]), int(value[1]))


# END SOLUTION
def network_table(input_shape, layers):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    h, w, c = (int(n) for n in input_shape)
    rows = []
    for layer in layers:
        if layer["type"] == "conv":
            (kh, kw), (sh, sw) = _as_pair(layer["kernel_size"]), _as_pair(layer.get("strides", 1))
            dh, dw = _as_pair(layer.get("dilation", 1))
            padding = layer.get("padding", "valid")
            h, w = conv_output_length(h, kh, sh, padding, dh), conv_output_length(w, kw, sw, padding, dw)
            params = conv2d_params(c, layer["filters"], (kh, kw), layer.get("use_bias", True))
            c = int(layer["filters"])
        elif layer["type"] == "maxpool":
            ph, pw = _as_pair(layer.get("pool_size", 2))
            sh, sw = _as_pair(layer.get("strides", (ph, pw)))
            h, w, params = conv_output_length(h, ph, sh), conv_output_length(w, pw, sw), 0
        else:
            raise ValueError(f"unknown layer type {layer['type']!r}")
        rows.append({"output_shape": (h, w, c), "params": params})
    return {"rows": rows, "total_params": sum(row["params"] for row in rows)}
    # END SOLUTION


# %% test="public"
def test_conv_length_examples(conv_output_length):
    assert conv_output_length(7, 3) == 5, ("valid, kernel 3 on length 7: 7 - 3 + 1 = 5"
                                           "\nfa: حالت `valid` با هستهٔ 3 روی طول 7: `7 - 3 + 1 = 5`")
    assert conv_output_length(7, 3, padding="same") == 7, ("'same' at stride 1 keeps the length"
                                                           "\nfa: حالت `'same'` با گام 1 طول را حفظ می‌کند")
    assert conv_output_length(10, 3, stride=2, dilation=2) == 3, (
        "kernel 3 with dilation 2 spans 5 positions: (10 - 5) // 2 + 1 = 3"
        "\nfa: هستهٔ 3 با dilation 2 روی 5 موقعیت گسترده است: `(10 - 5) // 2 + 1 = 3`")
    assert conv_output_length(5, 3, padding=1) == 5, ("one zero on each side: (5 + 2 - 3) + 1 = 5"
                                                      "\nfa: یک صفر در هر طرف: `(5 + 2 - 3) + 1 = 5`")


# %% test="public"
def test_conv_length_too_short(conv_output_length):
    try:
        result = conv_output_length(4, 3, dilation=2)
    except ValueError:
        return
    raise AssertionError(f"a kernel spanning 5 positions does not fit in 4; expected ValueError, "
                         f"got {result!r}"
                         f"\nfa: هسته‌ای که 5 موقعیت را می‌پوشاند در 4 جا نمی‌شود؛ `ValueError` انتظار می‌رفت، ولی `{result!r}` برگشت")


# %% test="public"
def test_same_padding_and_conv2d_examples(same_padding, conv2d_params):
    assert tuple(same_padding(3)) == (1, 1), ("kernel 3 needs 2 zeros: 1 before, 1 after"
                                              "\nfa: هستهٔ 3 به 2 صفر نیاز دارد: 1 قبل و 1 بعد")
    assert tuple(same_padding(4)) == (1, 2), ("kernel 4 needs 3 zeros; the extra one goes after"
                                              "\nfa: هستهٔ 4 به 3 صفر نیاز دارد؛ صفر اضافه در انتها می‌آید")
    assert conv2d_params(3, 64, 3) == 1792, ("3 * 3 * 3 * 64 weights + 64 biases = 1792"
                                             "\nfa: `3 * 3 * 3 * 64` وزن به‌علاوهٔ 64 بایاس: 1792")
    assert conv2d_params(3, 64, (3, 3), use_bias=False) == 1728, ("without biases: 1728"
                                                                  "\nfa: بدون بایاس: 1728")


# %% test="public"
def test_network_table_format(network_table):
    layers = [{"type": "conv", "filters": 4, "kernel_size": 3, "strides": 1, "padding": "same",
               "dilation": 1},
              {"type": "maxpool", "pool_size": 2, "strides": 2}]
    table = network_table((8, 8, 1), layers)
    assert isinstance(table, dict) and set(table) >= {"rows", "total_params"}, (
        "return a dict with the keys 'rows' and 'total_params'"
        "\nfa: دیکشنری‌ای با کلیدهای `'rows'` و `'total_params'` برگردانید")
    shapes = [tuple(row["output_shape"]) for row in table["rows"]]
    assert shapes == [(8, 8, 4), (4, 4, 4)], (f"output shapes should be (8, 8, 4), (4, 4, 4); got {shapes}"
                                              f"\nfa: شکل‌های خروجی باید `(8, 8, 4)` و `(4, 4, 4)` باشند؛ ولی `{shapes}` برگشت")
    assert [row["params"] for row in table["rows"]] == [40, 0], ("params: 3*3*1*4 + 4 = 40, then 0"
                                                                 "\nfa: پارامترها: `3*3*1*4 + 4 = 40` و سپس 0")
    assert table["total_params"] == 40, ("total_params is the sum of the rows' params"
                                         "\nfa: `total_params` مجموع پارامترهای سطرهاست")


# %% test="hidden" points=2
def test_conv_lengths_match_reference(conv_output_length):
    import numpy as np
    from solutions.hw04 import conv_output_length as reference
    rng = np.random.default_rng(4301)
    checked = 0
    while checked < 60:
        length, kernel = int(rng.integers(1, 80)), int(rng.integers(1, 8))
        stride, dilation = int(rng.integers(1, 4)), int(rng.integers(1, 5))
        padding = ["valid", "same", "causal", int(rng.integers(0, 4))][int(rng.integers(0, 4))]
        try:
            expected = reference(length, kernel, stride, padding, dilation)
        except ValueError:
            continue
        got = conv_output_length(length, kernel, stride, padding, dilation)
        assert got == expected, (
            f"conv_output_length({length}, {kernel}, stride={stride}, padding={padding!r}, "
            f"dilation={dilation}) is wrong: the kernel spans (kernel_size - 1) * dilation + 1 "
            "positions"
            f"\nfa: `conv_output_length({length}, {kernel}, stride={stride}, padding={padding!r}, dilation={dilation})` نادرست است: هسته روی `(kernel_size - 1) * dilation + 1` موقعیت گسترده است")
        checked += 1
    # a dilated kernel that exactly fills the (padded) input gives one output
    for length, kernel, stride, padding, dilation in [(5, 3, 1, "valid", 2), (9, 5, 3, "valid", 2),
                                                      (1, 3, 2, 1, 1), (4, 4, 2, 0, 1)]:
        got = conv_output_length(length, kernel, stride, padding, dilation)
        assert got == reference(length, kernel, stride, padding, dilation), (
            f"conv_output_length({length}, {kernel}, stride={stride}, padding={padding!r}, "
            f"dilation={dilation}) is wrong: a kernel that exactly fills the padded input fits "
            "once"
            f"\nfa: `conv_output_length({length}, {kernel}, stride={stride}, padding={padding!r}, dilation={dilation})` نادرست است: هسته‌ای که ورودیِ padشده را دقیقاً پر کند یک بار جا می‌شود")
    # the defaults: stride=1, padding="valid", dilation=1
    for length, kernel in [(10, 3), (7, 7), (23, 4)]:
        assert conv_output_length(length, kernel) == reference(length, kernel), (
            f"conv_output_length({length}, {kernel}) is wrong: the defaults are stride=1, "
            "padding='valid', dilation=1"
            f"\nfa: `conv_output_length({length}, {kernel})` نادرست است: مقدارهای پیش‌فرض `stride=1`، `padding='valid'` و `dilation=1` هستند")
        assert conv_output_length(length, kernel, padding="same") == reference(
            length, kernel, padding="same"), (
            f"conv_output_length({length}, {kernel}, padding='same') is wrong: the default "
            "stride is 1"
            f"\nfa: `conv_output_length({length}, {kernel}, padding='same')` نادرست است: گام پیش‌فرض 1 است")
        assert conv_output_length(length, 2, dilation=3) == reference(length, 2, dilation=3), (
            f"conv_output_length({length}, 2, dilation=3) is wrong: the default stride is 1"
            f"\nfa: `conv_output_length({length}, 2, dilation=3)` نادرست است: گام پیش‌فرض 1 است")


# %% test="hidden" points=1
def test_conv_length_rejects_impossible(conv_output_length):
    cases = [((6, 3), {"dilation": 3}), ((9, 4), {"stride": 2, "dilation": 3}),
             ((2, 3), {"padding": 0, "dilation": 2}), ((2, 5), {"padding": 1}),
             ((8, 3), {"padding": "full"}), ((8, 3), {"padding": -1}),
             ((8, 3), {"stride": 0}), ((8, 0), {}), ((0, 1), {}), ((8, 3), {"dilation": 0})]
    for args, kwargs in cases:
        call = ", ".join([*map(repr, args), *(f"{k}={v!r}" for k, v in kwargs.items())])
        try:
            result = conv_output_length(*args, **kwargs)
        except ValueError:
            continue
        raise AssertionError(f"conv_output_length({call}) returned {result!r}; it should raise "
                             "ValueError (kernel does not fit, or an invalid argument)"
                             f"\nfa: `conv_output_length({call})` مقدار `{result!r}` را برگرداند؛ باید `ValueError` بدهد (هسته جا نمی‌شود، یا آرگومان نامعتبر است)")


# %% test="hidden" points=1
def test_conv2d_params_match_reference(conv2d_params):
    from solutions.hw04 import conv2d_params as reference
    cases = [(3, 64, 3, True), (64, 32, 5, True), (17, 9, (3, 5), True), (8, 8, (1, 7), False),
             (256, 128, 5, False)]
    for in_channels, filters, kernel_size, use_bias in cases:
        got = conv2d_params(in_channels, filters, kernel_size, use_bias)
        assert got == reference(in_channels, filters, kernel_size, use_bias), (
            f"conv2d_params({in_channels}, {filters}, {kernel_size!r}, use_bias={use_bias}) is "
            "wrong: kh * kw * in_channels weights per filter, plus one bias per filter if used"
            f"\nfa: `conv2d_params({in_channels}, {filters}, {kernel_size!r}, use_bias={use_bias})` نادرست است: هر فیلتر `kh * kw * in_channels` وزن دارد، به‌علاوهٔ یک بایاس برای هر فیلتر اگر بایاس به کار رود")
    for in_channels, filters, kernel_size in [(5, 7, (2, 3)), (16, 4, 3)]:
        assert conv2d_params(in_channels, filters, kernel_size) == reference(
            in_channels, filters, kernel_size), (
            f"conv2d_params({in_channels}, {filters}, {kernel_size!r}) is wrong: use_bias "
            "defaults to True"
            f"\nfa: `conv2d_params({in_channels}, {filters}, {kernel_size!r})` نادرست است: مقدار پیش‌فرض `use_bias` برابر `True` است")


# %% test="hidden" points=1
def test_same_padding_matches_reference(same_padding):
    from solutions.hw04 import same_padding as reference
    for kernel_size in range(1, 9):
        for dilation in range(1, 5):
            got = same_padding(kernel_size, dilation)
            assert isinstance(got, (tuple, list)) and len(got) == 2, ("return the pair (before, after)"
                                                                      "\nfa: زوج `(before, after)` را برگردانید")
            assert tuple(got) == reference(kernel_size, dilation), (
                f"same_padding({kernel_size}, {dilation}) is wrong: pad (kernel_size - 1) * "
                "dilation zeros in total, the extra one (if odd) at the end"
                f"\nfa: `same_padding({kernel_size}, {dilation})` نادرست است: در مجموع `(kernel_size - 1) * dilation` صفر اضافه کنید و اگر فرد بود، صفر اضافه را در انتها بگذارید")
        got = same_padding(kernel_size)
        assert isinstance(got, (tuple, list)) and len(got) == 2, ("return the pair (before, after)"
                                                                  "\nfa: زوج `(before, after)` را برگردانید")
        assert tuple(got) == reference(kernel_size), (
            f"same_padding({kernel_size}) is wrong: the default dilation is 1"
            f"\nfa: `same_padding({kernel_size})` نادرست است: مقدار پیش‌فرض dilation برابر 1 است")


# %% test="hidden" points=1
def test_homework_stack_table(network_table):
    from solutions.hw04 import HOMEWORK_INPUT_SHAPE, HOMEWORK_STACK, network_table as reference
    expected = reference(HOMEWORK_INPUT_SHAPE, HOMEWORK_STACK)
    got = network_table(HOMEWORK_INPUT_SHAPE, HOMEWORK_STACK)
    assert isinstance(got, dict) and set(got) >= {"rows", "total_params"}, (
        "return a dict with the keys 'rows' and 'total_params'"
        "\nfa: دیکشنری‌ای با کلیدهای `'rows'` و `'total_params'` برگردانید")
    assert len(got["rows"]) == len(HOMEWORK_STACK), ("return one row per layer, in order"
                                                     "\nfa: برای هر لایه یک سطر، به همان ترتیب، برگردانید")
    for index, (row, want) in enumerate(zip(got["rows"], expected["rows"]), start=1):
        kind = HOMEWORK_STACK[index - 1]["type"]
        assert tuple(int(n) for n in row["output_shape"]) == want["output_shape"], (
            f"homework stack, layer {index} ({kind}): wrong output shape; check the dilated "
            "kernel span and the stride"
            f"\nfa: پشتهٔ تمرین، لایهٔ `{index}` (`{kind}`): شکل خروجی نادرست است؛ گسترهٔ هستهٔ dilated و گام را بررسی کنید")
        assert row["params"] == want["params"], (
            f"homework stack, layer {index} ({kind}): wrong parameter count"
            f"\nfa: پشتهٔ تمرین، لایهٔ `{index}` (`{kind}`): تعداد پارامترها نادرست است")
    assert got["total_params"] == expected["total_params"], (
        "homework stack: total_params must be the sum of the rows' params"
        "\nfa: پشتهٔ تمرین: `total_params` باید مجموع پارامترهای سطرها باشد")


# %% test="hidden" points=1
def test_table_defaults_and_plain_ints(network_table):
    from solutions.hw04 import network_table as reference
    layers = [
        {"type": "conv", "filters": 10, "kernel_size": 3},
        {"type": "conv", "filters": 7, "kernel_size": (2, 3), "padding": "same", "use_bias": False},
        {"type": "maxpool"},
        {"type": "conv", "filters": 5, "kernel_size": 3, "strides": 2, "padding": 1},
        {"type": "maxpool", "pool_size": 3},
        {"type": "conv", "filters": 4, "kernel_size": 2, "dilation": (2, 1)},
    ]
    expected = reference((41, 38, 3), layers)
    got = network_table((41, 38, 3), layers)
    assert isinstance(got, dict) and set(got) >= {"rows", "total_params"}, (
        "return a dict with the keys 'rows' and 'total_params'"
        "\nfa: دیکشنری‌ای با کلیدهای `'rows'` و `'total_params'` برگردانید")
    assert len(got["rows"]) == len(layers), ("return one row per layer, in order"
                                             "\nfa: برای هر لایه یک سطر، به همان ترتیب، برگردانید")
    for index, (layer, row, want) in enumerate(zip(layers, got["rows"], expected["rows"]), start=1):
        shape = tuple(row["output_shape"])
        assert all(type(n) is int for n in shape) and type(row["params"]) is int, (
            f"layer {index}: output_shape and params must hold plain Python ints (use int(...)), "
            "not floats or numpy numbers"
            f"\nfa: لایهٔ `{index}`: `output_shape` و `params` باید عدد صحیح سادهٔ پایتون باشند (با `int(...)`)، نه float یا عدد numpy")
        assert shape == want["output_shape"], (
            f"layer {index} ({layer}): wrong output shape; missing keys default to strides=1, "
            "padding='valid', dilation=1, and a maxpool's pool_size to 2 and strides to pool_size"
            f"\nfa: لایهٔ `{index}` (`{layer}`): شکل خروجی نادرست است؛ کلیدهای غایب پیش‌فرض `strides=1`، `padding='valid'` و `dilation=1` دارند و در maxpool مقدار `pool_size` برابر 2 و `strides` برابر `pool_size` است")
        assert row["params"] == want["params"], (
            f"layer {index} ({layer}): wrong parameter count; a missing 'use_bias' means True, "
            "and 'use_bias': False drops the biases"
            f"\nfa: لایهٔ `{index}` (`{layer}`): تعداد پارامترها نادرست است؛ نبودن `'use_bias'` یعنی `True` و `'use_bias': False` بایاس‌ها را حذف می‌کند")
    assert type(got["total_params"]) is int and got["total_params"] == expected["total_params"], (
        "total_params must be the sum of the rows' params, as a plain Python int"
        "\nfa: `total_params` باید مجموع پارامترهای سطرها و یک عدد صحیح سادهٔ پایتون باشد")


# %% test="hidden" points=1
def test_other_stack_table(network_table):
    from solutions.hw04 import network_table as reference
    layers = [
        {"type": "conv", "filters": 12, "kernel_size": (3, 5), "strides": 1, "padding": "same",
         "dilation": 1},
        {"type": "conv", "filters": 8, "kernel_size": 3, "strides": 2, "padding": "valid",
         "dilation": 3},
        {"type": "maxpool", "pool_size": 3, "strides": 2},
        {"type": "conv", "filters": 16, "kernel_size": 4, "strides": 1, "padding": "same",
         "dilation": 2},
        {"type": "conv", "filters": 6, "kernel_size": 3, "strides": 3, "padding": 1, "dilation": 1},
        {"type": "maxpool", "pool_size": 2, "strides": 1},
    ]
    expected = reference((99, 131, 5), layers)
    got = network_table((99, 131, 5), layers)
    assert isinstance(got, dict) and set(got) >= {"rows", "total_params"}, (
        "return a dict with the keys 'rows' and 'total_params'"
        "\nfa: دیکشنری‌ای با کلیدهای `'rows'` و `'total_params'` برگردانید")
    shapes = [tuple(int(n) for n in row["output_shape"]) for row in got["rows"]]
    assert shapes == [row["output_shape"] for row in expected["rows"]], (
        "wrong output shapes for a stack with a (3, 5) kernel, stride 2 with dilation 3, an int "
        "padding and a stride-1 pooling"
        "\nfa: شکل‌های خروجی برای پشته‌ای با هستهٔ `(3, 5)`، گام 2 با dilation 3، padding عددی و pooling با گام 1 نادرست است")
    assert [row["params"] for row in got["rows"]] == [row["params"] for row in expected["rows"]], (
        "wrong parameter counts for a stack with a (3, 5) kernel"
        "\nfa: تعداد پارامترها برای پشته‌ای با هستهٔ `(3, 5)` نادرست است")
    assert got["total_params"] == expected["total_params"], ("wrong total_params"
                                                             "\nfa: `total_params` نادرست است")


# %% [markdown]
# <div dir="rtl" lang="fa">
#
# پشتهٔ تمرین روی تصویر رنگی `512×512×3`: این جدول را با تابع خودتان بسازید و با محاسبهٔ دستی مقایسه کنید. (لایه‌هایی با گام ۲ و اتساع ۲ یا ۴ را نمی‌توان در Keras ساخت؛ دلیلش بالاتر آمده است.)
#
# </div>
#
# The homework's stack on a `512×512×3` colour image: build its table with your function and compare with a hand calculation. (The layers with stride 2 and dilation 2 or 4 cannot be built in Keras; see above.)

# %%
homework_stack = [
    {"type": "conv", "filters": 64, "kernel_size": 3, "strides": 1, "padding": "same", "dilation": 1},
    {"type": "conv", "filters": 32, "kernel_size": 5, "strides": 2, "padding": "valid", "dilation": 2},
    {"type": "maxpool", "pool_size": 2, "strides": 2},
    {"type": "conv", "filters": 128, "kernel_size": 3, "strides": 1, "padding": "same", "dilation": 1},
    {"type": "conv", "filters": 64, "kernel_size": 5, "strides": 2, "padding": "valid", "dilation": 4},
    {"type": "maxpool", "pool_size": 2, "strides": 2},
    {"type": "conv", "filters": 256, "kernel_size": 3, "strides": 1, "padding": "same", "dilation": 1},
    {"type": "conv", "filters": 128, "kernel_size": 5, "strides": 2, "padding": "valid", "dilation": 4},
    {"type": "maxpool", "pool_size": 2, "strides": 2},
]
homework_table = network_table((512, 512, 3), homework_stack)
if homework_table is not None:  # None until network_table is written
    for layer, row in zip(homework_stack, homework_table["rows"]):
        print(f"{layer['type']:8} {str(row['output_shape']):16} {row['params']:>10,}")
    print(f"total parameters: {homework_table['total_params']:,}")


# %% [raw]
# # BEGIN QUESTION
# name: q4

# %% [markdown]
# ## پرسش ۴: تعداد پارامترهای لایه‌های بازگشتی و کانولوشنی · Question 4: parameters of recurrent and convolutional layers
#
# <div dir="rtl" lang="fa">
#
# برای مقایسهٔ شبکه‌های بازگشتی و کانولوشنی، تعداد پارامترهای هر لایه را با یک فرمول بسته حساب کنید. هر تابع باید همان عددی را بدهد که `count_params()` برای لایهٔ متناظر Keras روی ورودی با `input_dim` ویژگی (یا `in_channels` کانال) می‌دهد:
#
# - `simple_rnn_params(input_dim, units)` برای `SimpleRNN(units)`؛
# - `lstm_params(input_dim, units)` برای `LSTM(units)`؛
# - `gru_params(input_dim, units, reset_after=True)` برای `GRU(units, reset_after=...)`. در حالت پیش‌فرض Keras (`reset_after=True`) دروازهٔ reset پس از ضرب ماتریس بازگشتی اعمال می‌شود و بخش بازگشتی بایاس جداگانهٔ خودش را دارد؛
# - `conv1d_params(in_channels, filters, kernel_size)` برای `Conv1D(filters, kernel_size)` با بایاس؛
# - `dense_params(input_dim, units)` برای `Dense(units)`.
#
# دقت کنید که هیچ‌کدام از این عددها به طول دنباله بستگی ندارد. مثال: `SimpleRNN(256)` روی ورودی‌هایی با ۲۸ ویژگی و پس از آن `Dense(10)` روی هم 75,530 پارامتر دارند.
#
# </div>
#
# To compare recurrent and convolutional networks, count each layer's parameters with a closed formula. Each function must return what `count_params()` gives for the matching Keras layer on inputs with `input_dim` features (or `in_channels` channels):
#
# - `simple_rnn_params(input_dim, units)` for `SimpleRNN(units)`;
# - `lstm_params(input_dim, units)` for `LSTM(units)`;
# - `gru_params(input_dim, units, reset_after=True)` for `GRU(units, reset_after=...)`. With Keras's default `reset_after=True` the reset gate is applied after the recurrent matrix product, and the recurrent part has its own bias;
# - `conv1d_params(in_channels, filters, kernel_size)` for `Conv1D(filters, kernel_size)` with bias;
# - `dense_params(input_dim, units)` for `Dense(units)`.
#
# None of these numbers depends on the sequence length. Example: `SimpleRNN(256)` on inputs with 28 features followed by `Dense(10)` has 75,530 parameters in total.

# %%
def dense_params(input_dim, units):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    return input_dim * units + units
    # END SOLUTION


def simple_rnn_params(input_dim, units):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    return units * input_dim + units * units + units  # W_x, W_h and b
    # END SOLUTION


def lstm_params(input_dim, units):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    return 4 * (units * input_dim + units * units + units)  # input, forget, cell, output
    # END SOLUTION


def gru_params(input_dim, units, reset_after=True):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    biases_per_gate = 2 * units if reset_after else units
    return 3 * (units * input_dim + units * units + biases_per_gate)
    # END SOLUTION


def conv1d_params(in_channels, filters, kernel_size):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    return kernel_size * in_channels * filters + filters
    # END SOLUTION


# %% test="public"
def test_rnn_example(simple_rnn_params, dense_params):
    total = simple_rnn_params(28, 256) + dense_params(256, 10)
    assert total == 75530, (f"SimpleRNN(256) on 28 features + Dense(10) has 75530 parameters, got {total}"
                            f"\nfa: `SimpleRNN(256)` روی 28 ویژگی به‌علاوهٔ `Dense(10)` تعداد 75530 پارامتر دارد، ولی `{total}` برگشت")


# %% test="public"
def test_tiny_layers(lstm_params, gru_params, conv1d_params):
    assert lstm_params(1, 1) == 12, ("LSTM(1) on 1 feature: 4 gates * (1 + 1 + 1) = 12"
                                     "\nfa: `LSTM(1)` روی 1 ویژگی: `4 gates * (1 + 1 + 1) = 12`")
    assert gru_params(1, 1) == 12, ("GRU(1), reset_after=True: 3 gates * (1 + 1 + 2 biases) = 12"
                                    "\nfa: `GRU(1)` با `reset_after=True`: `3 gates * (1 + 1 + 2 biases) = 12`")
    assert gru_params(1, 1, reset_after=False) == 9, ("GRU(1), reset_after=False: 3 * (1 + 1 + 1) = 9"
                                                      "\nfa: `GRU(1)` با `reset_after=False`: `3 * (1 + 1 + 1) = 9`")
    assert conv1d_params(1, 1, 3) == 4, ("Conv1D(1, 3) on 1 channel: 3 weights + 1 bias = 4"
                                         "\nfa: `Conv1D(1, 3)` روی 1 کانال: 3 وزن و 1 بایاس، یعنی 4")


# %% test="hidden" points=1
def test_simple_rnn_params(simple_rnn_params):
    from solutions.hw04 import simple_rnn_params as reference
    for input_dim, units in [(1, 1), (28, 256), (13, 7), (300, 64)]:
        assert simple_rnn_params(input_dim, units) == reference(input_dim, units), (
            f"simple_rnn_params({input_dim}, {units}) is wrong: input weights, recurrent "
            "weights and a bias"
            f"\nfa: `simple_rnn_params({input_dim}, {units})` نادرست است: وزن‌های ورودی، وزن‌های بازگشتی و یک بایاس")


# %% test="hidden" points=1
def test_lstm_params(lstm_params):
    from solutions.hw04 import lstm_params as reference
    for input_dim, units in [(2, 3), (28, 128), (100, 32), (7, 50)]:
        assert lstm_params(input_dim, units) == reference(input_dim, units), (
            f"lstm_params({input_dim}, {units}) is wrong: four gates, each with input weights, "
            "recurrent weights and a bias"
            f"\nfa: `lstm_params({input_dim}, {units})` نادرست است: چهار دروازه، هرکدام با وزن‌های ورودی، وزن‌های بازگشتی و یک بایاس")


# %% test="hidden" points=1
def test_gru_params(gru_params):
    from solutions.hw04 import gru_params as reference
    for input_dim, units in [(2, 3), (28, 128), (64, 17)]:
        for reset_after in (True, False):
            assert gru_params(input_dim, units, reset_after=reset_after) == reference(
                input_dim, units, reset_after), (
                f"gru_params({input_dim}, {units}, reset_after={reset_after}) is wrong: three "
                "gates; reset_after=True adds a second bias vector"
                f"\nfa: `gru_params({input_dim}, {units}, reset_after={reset_after})` نادرست است: سه دروازه؛ `reset_after=True` یک بردار بایاس دوم اضافه می‌کند")
        assert gru_params(input_dim, units) == reference(input_dim, units), (
            f"gru_params({input_dim}, {units}) is wrong: reset_after defaults to True, as in Keras"
            f"\nfa: `gru_params({input_dim}, {units})` نادرست است: مقدار پیش‌فرض `reset_after` مثل Keras برابر `True` است")


# %% test="hidden" points=1
def test_conv1d_and_dense_params(conv1d_params, dense_params):
    from solutions.hw04 import conv1d_params as conv_reference, dense_params as dense_reference
    for in_channels, filters, kernel_size in [(1, 1, 1), (14, 32, 5), (64, 16, 7), (3, 100, 2)]:
        assert conv1d_params(in_channels, filters, kernel_size) == conv_reference(
            in_channels, filters, kernel_size), (
            f"conv1d_params({in_channels}, {filters}, {kernel_size}) is wrong: one "
            "kernel_size x in_channels kernel per filter, plus one bias per filter"
            f"\nfa: `conv1d_params({in_channels}, {filters}, {kernel_size})` نادرست است: برای هر فیلتر یک هستهٔ `kernel_size x in_channels` به‌علاوهٔ یک بایاس")
    for input_dim, units in [(1, 1), (256, 10), (33, 70)]:
        assert dense_params(input_dim, units) == dense_reference(input_dim, units), (
            f"dense_params({input_dim}, {units}) is wrong"
            f"\nfa: `dense_params({input_dim}, {units})` نادرست است")


# %% [markdown]
# ## داده‌های مصرف گاز · The gas-consumption data
#
# <div dir="rtl" lang="fa">
#
# فایل `data/gas_consumption.csv` مصرف ساعتی گاز یک مجتمع مسکونی را در یک سال نشان می‌دهد (داده‌ها شبیه‌سازی شده‌اند). ستون‌ها: `date` (تاریخ)، `hour` (ساعت ۰ تا ۲۳)، `year`، `month`، `day` (روز ماه)، `holiday` (۱ برای جمعه‌ها و تعطیلات رسمی)، `temperature` (دمای هوا به درجهٔ سلسیوس) و `consumption` (مصرف بر حسب متر مکعب برای هر واحد). ردیف‌ها به ترتیب زمان‌اند.
#
# </div>
#
# `data/gas_consumption.csv` holds one year of hourly gas consumption of a residential complex (simulated data). Columns: `date`, `hour` (0 to 23), `year`, `month`, `day` (day of the month), `holiday` (1 on Fridays and public holidays), `temperature` (air temperature in °C) and `consumption` (m³ per household). The rows are in time order.

# %%
gas = pd.read_csv("data/gas_consumption.csv")
gas.head()

# %% [markdown]
# <div dir="rtl" lang="fa">
#
# یکی از هم‌کلاسی‌هایتان برای پیش‌بینی مصرف ساعت بعد، مدلی بازگشتی ساخته است؛ تابع هزینه تقریباً پایین نمی‌آید و دقت روی دادهٔ آزمون هم به‌طرز مشکوکی خوب است. خلاصهٔ کد او را ببینید (این کد اجرا نمی‌شود):
#
# </div>
#
# A classmate built a recurrent model that predicts the next hour's consumption. The loss barely decreases, and the test score looks suspiciously good. Here is the gist of the code (it is not meant to be run):
#
# ```python
# features = gas[["hour", "year", "month", "day", "holiday", "temperature"]].to_numpy()
# target = gas["consumption"].to_numpy()
#
# # first attempt: raw features go straight into the network
# model.fit(features[:, None, :], target, epochs=50)
#
# # second attempt: a scaler fitted on every row, then a shuffled split
# features = StandardScaler().fit_transform(features)
# X_train, X_test, y_train, y_test = train_test_split(features, target, test_size=0.2, shuffle=True)
# model.fit(X_train[:, None, :], y_train, epochs=50)
# ```
#
# <div dir="rtl" lang="fa">
#
# سه اشکال دارد: (۱) ویژگی‌ها مقیاس‌های بسیار متفاوتی دارند (ساعت تا ۲۳، سال حدود ۲۰۲۳، تعطیلی ۰ و ۱) و بهینه‌سازی با ورودی خام بد شرطی است؛ (۲) scaler با همهٔ ردیف‌ها، از جمله ساعت‌های آزمون، برازش شده و آمار دورهٔ آزمون به آموزش نشت کرده است؛ (۳) تقسیم تصادفی، ساعت‌های دورهٔ آزمون و همسایه‌های بسیار شبیهشان را وارد آموزش می‌کند، پس نمرهٔ آزمون چیزی دربارهٔ پیش‌بینی آینده نمی‌گوید. سلول زیر اثر اشکال دوم را با عدد نشان می‌دهد.
#
# </div>
#
# It has three faults: (1) the features live on very different scales (hour up to 23, year about 2023, holiday 0 or 1), so optimization on raw inputs is badly conditioned; (2) the scaler is fitted on every row, test hours included, so statistics of the test period leak into training; (3) a shuffled split puts hours of the test period, and their nearly identical neighbours, into training, so the test score says nothing about forecasting the future. The next cell shows fault (2) in numbers.

# %%
n_test_rows = round(len(gas) * 0.2)
train_rows = gas.iloc[: len(gas) - n_test_rows]
print(f"mean temperature, training period only: {train_rows['temperature'].mean():6.2f} °C")
print(f"mean temperature, all rows (leaky)    : {gas['temperature'].mean():6.2f} °C")
print(f"mean temperature, test period         : {gas['temperature'].iloc[-n_test_rows:].mean():6.2f} °C")


# %% [raw]
# # BEGIN QUESTION
# name: q5

# %% [markdown]
# ## پرسش ۵: اصلاح آماده‌سازی سری زمانی · Question 5: fixing the time-series preprocessing
#
# <div dir="rtl" lang="fa">
#
# تابع `prepare_gas_data(df, window=24, test_fraction=0.2, features=("temperature", "hour", "holiday"))` را بنویسید که داده را درست برای یک مدل دنباله‌ای آماده کند. دقیقاً این مراحل را دنبال کنید:
#
# 1. **تقسیم زمانی.** `n_test = round(len(df) * test_fraction)` (تابع `round` خود پایتون) و `n_train = len(df) - n_test`. ردیف‌های اول (`n_train` تا) برای آموزش و `n_test` ردیف آخر برای آزمون‌اند. ردیف‌ها را بُر نزنید و مرتب هم نکنید؛ از قبل به ترتیب زمان‌اند.
# 2. **استانداردسازی فقط با آمار آموزش.** برای هر ستون از `features` (به همان ترتیب) میانگین و انحراف معیار جامعه (`ddof=0`، پیش‌فرض `np.std`) را **فقط روی ردیف‌های آموزش** حساب کنید و هر دو بخش را با همین اعداد استاندارد کنید. اگر ستونی در ردیف‌های آموزش ثابت باشد (انحراف معیار صفر)، به‌جای آن ۱ بگذارید و همان ۱ را گزارش کنید. هدف (`consumption`) را مقیاس نکنید.
# 3. **پنجره‌بندی هر بخش جداگانه.** برای بخشی با `m` ردیف، نمونهٔ `i` (از `0` تا `m - window - 1`) این است: `X[i]` ویژگی‌های استانداردشدهٔ ردیف‌های `i` تا `i + window - 1` و `y[i]` مصرفِ ردیف `i + window`، یعنی ساعتِ درست بعد از پنجره. پس هر بخش `m - window` نمونه دارد و هیچ پنجرهٔ آزمونی به ساعت‌های آموزش برنمی‌گردد.
# 4. **خروجی.** `X_train, y_train, X_test, y_test, stats` با `X` به شکل `(n, window, len(features))` و `y` به شکل `(n,)` (آرایه‌های `float64`؛ محاسبه با `float64` است، حتی وقتی ستونی از `df` از نوع `float32` یا عدد صحیح باشد) و `stats = {"mean": array, "std": array}` با یک درایه برای هر ویژگی.
# 5. **خطا.** اگر `window < 1` باشد، یا `test_fraction` اکیداً بین ۰ و ۱ نباشد، یا یکی از دو بخش `window` ردیف یا کمتر داشته باشد، `ValueError` بدهید.
#
# </div>
#
# Write `prepare_gas_data(df, window=24, test_fraction=0.2, features=("temperature", "hour", "holiday"))`, which prepares the data properly for a sequence model. Follow exactly these steps:
#
# 1. **Chronological split.** `n_test = round(len(df) * test_fraction)` (Python's built-in `round`) and `n_train = len(df) - n_test`. The first `n_train` rows train, the last `n_test` rows test. Do not shuffle or sort; the rows are already in time order.
# 2. **Standardize with training statistics only.** For each column of `features` (in that order) compute the mean and the population standard deviation (`ddof=0`, `np.std`'s default) **over the training rows only**, and standardize both parts with these numbers. If a column is constant over the training rows (std 0), use 1 instead and report that 1. Leave the target (`consumption`) in its own units.
# 3. **Cut each part into windows separately.** For a part with `m` rows, sample `i` (from `0` to `m - window - 1`) is `X[i]` = the standardized features of rows `i` to `i + window - 1` and `y[i]` = the consumption of row `i + window`, the hour right after the window. Each part therefore gives `m - window` samples, and no test window reaches back into the training hours.
# 4. **Return** `X_train, y_train, X_test, y_test, stats`: `X` of shape `(n, window, len(features))`, `y` of shape `(n,)` (`float64` arrays: compute in `float64`, also when a column of `df` is stored as `float32` or as integers), and `stats = {"mean": array, "std": array}` with one entry per feature.
# 5. **Errors.** Raise `ValueError` when `window < 1`, when `test_fraction` is not strictly between 0 and 1, or when either part has `window` rows or fewer.

# %%
def prepare_gas_data(df, window=24, test_fraction=0.2, features=("temperature", "hour", "holiday")):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    if isinstance(window, bool) or not isinstance(window, (int, np.integer)) or window < 1:
        raise ValueError(f"window must be a positive integer, got {window!r}")
    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must be strictly between 0 and 1, got {test_fraction!r}")
    n_test = round(len(df) * test_fraction)
    n_train = len(df) - n_test
    if min(n_train, n_test) <= window:
        raise ValueError(f"each part needs more than window={window} rows "
                         f"(train has {n_train}, test has {n_test})")
    values = df[list(features)].to_numpy(dtype=float)
    target = df["consumption"].to_numpy(dtype=float)
    train_values = values[:n_train]
    mean = train_values.mean(axis=0)  # training hours only: the test period stays unseen
    std = train_values.std(axis=0)
    std[std == 0] = 1.0
    scaled = (values - mean) / std

    def cut(rows, y):
        X = np.stack([rows[i:i + window] for i in range(len(rows) - window)])
        return X, y[window:].copy()

    X_train, y_train = cut(scaled[:n_train], target[:n_train])
    X_test, y_test = cut(scaled[n_train:], target[n_train:])
    return X_train, y_train, X_test, y_test, {"mean": mean, "std": std}
    # END SOLUTION


# %% test="public"
def test_prepare_small_example(prepare_gas_data):
    import numpy as np
    import pandas as pd
    df = pd.DataFrame({"temperature": np.arange(10) * 2.0, "hour": np.arange(10),
                       "holiday": [0, 1] * 5, "consumption": np.arange(10) / 10})
    result = prepare_gas_data(df, window=2, test_fraction=0.3)
    assert isinstance(result, tuple) and len(result) == 5, (
        "return the tuple (X_train, y_train, X_test, y_test, stats)"
        "\nfa: تاپل `(X_train, y_train, X_test, y_test, stats)` را برگردانید")
    X_train, y_train, X_test, y_test, stats = result
    # 10 rows: n_test = 3, n_train = 7; windows of 2 leave 5 training and 1 test sample
    assert np.shape(X_train) == (5, 2, 3) and np.shape(X_test) == (1, 2, 3), (
        f"expected X_train (5, 2, 3) and X_test (1, 2, 3), got {np.shape(X_train)} and {np.shape(X_test)}"
        f"\nfa: `X_train` با شکل `(5, 2, 3)` و `X_test` با شکل `(1, 2, 3)` انتظار می‌رفت، ولی `{np.shape(X_train)}` و `{np.shape(X_test)}` برگشت")
    assert np.allclose(y_train, [0.2, 0.3, 0.4, 0.5, 0.6]), ("y_train[i] is consumption[i + window]"
                                                             "\nfa: `y_train[i]` همان `consumption[i + window]` است")
    assert np.allclose(y_test, [0.9]), ("the test part is rows 7..9; its only target is row 9"
                                        "\nfa: بخش آزمایشی سطرهای 7 تا 9 است؛ تنها هدف آن سطر 9 است")
    assert np.allclose(stats["mean"], [6.0, 3.0, 3 / 7]), ("means over the first 7 rows only"
                                                           "\nfa: میانگین‌ها فقط روی 7 سطر اول")
    assert np.allclose(stats["std"], [4.0, 2.0, np.std([0, 1, 0, 1, 0, 1, 0])]), (
        "population std (ddof=0) over the first 7 rows only"
        "\nfa: انحراف معیار جامعه (`ddof=0`) فقط روی 7 سطر اول")
    assert np.allclose(X_test[0, :, 0], [(14 - 6) / 4, (16 - 6) / 4]), (
        "test windows are scaled with the training statistics"
        "\nfa: پنجره‌های آزمایشی با آماره‌های آموزشی مقیاس می‌شوند")


# %% test="hidden" points=1
def test_shapes_on_shipped_data(prepare_gas_data):
    import numpy as np
    from solutions.hw04 import load_gas_data, split_sizes
    df = load_gas_data()
    result = prepare_gas_data(df)
    assert isinstance(result, tuple) and len(result) == 5, (
        "return the tuple (X_train, y_train, X_test, y_test, stats)"
        "\nfa: تاپل `(X_train, y_train, X_test, y_test, stats)` را برگردانید")
    n_train, n_test = split_sizes(len(df), 0.2)
    X_train, y_train, X_test, y_test, stats = (np.asarray(part) if not isinstance(part, dict)
                                               else part for part in result)
    assert X_train.shape == (n_train - 24, 24, 3), (
        f"X_train has shape {X_train.shape}: with the defaults, (n_train - 24, 24, 3)"
        f"\nfa: شکل `X_train` برابر `{X_train.shape}` است: با مقدارهای پیش‌فرض باید `(n_train - 24, 24, 3)` باشد")
    assert X_test.shape == (n_test - 24, 24, 3), (
        f"X_test has shape {X_test.shape}: with the defaults, (n_test - 24, 24, 3)"
        f"\nfa: شکل `X_test` برابر `{X_test.shape}` است: با مقدارهای پیش‌فرض باید `(n_test - 24, 24, 3)` باشد")
    assert y_train.shape == (n_train - 24,) and y_test.shape == (n_test - 24,), (
        "y_train and y_test must be 1-D, one target per window"
        "\nfa: `y_train` و `y_test` باید یک‌بعدی باشند، یک هدف برای هر پنجره")
    assert all(np.issubdtype(a.dtype, np.floating) for a in (X_train, y_train, X_test, y_test)), (
        "return float arrays"
        "\nfa: آرایه‌های اعشاری برگردانید")
    assert isinstance(stats, dict) and set(stats) >= {"mean", "std"}, (
        "stats must be a dict with the keys 'mean' and 'std'"
        "\nfa: `stats` باید دیکشنری‌ای با کلیدهای `'mean'` و `'std'` باشد")


# %% test="hidden" points=1
def test_values_on_shipped_data(prepare_gas_data):
    import numpy as np
    from solutions.hw04 import load_gas_data, prepare_gas_data as reference
    df = load_gas_data()
    expected = reference(df, 24, 0.2, ("temperature", "hour", "holiday"))
    got = prepare_gas_data(df, 24, 0.2, ("temperature", "hour", "holiday"))
    names = ["X_train", "y_train", "X_test", "y_test"]
    for name, part, want in zip(names, got, expected):
        part = np.asarray(part, dtype=float)
        assert part.shape == want.shape and np.allclose(part, want, rtol=1e-7, atol=1e-9), (
            f"{name} is wrong on the shipped data: split by time, scale with the training rows' "
            "statistics, then cut windows in each part"
            f"\nfa: `{name}` روی دادهٔ همراه تمرین نادرست است: بر اساس زمان تقسیم کنید، با آماره‌های سطرهای آموزشی مقیاس کنید و سپس در هر بخش پنجره ببرید")


# %% test="hidden" points=1
def test_values_on_another_series(prepare_gas_data):
    import numpy as np
    from solutions.hw04 import generate_gas_series, prepare_gas_data as reference
    df = generate_gas_series(n_hours=24 * 75, seed=2024, start="2022-10-01")
    for window, fraction, features in [(6, 0.3, ("temperature", "hour")),
                                       (48, 0.25, ["holiday", "temperature", "month"])]:
        expected = reference(df, window, fraction, features)
        got = prepare_gas_data(df, window, fraction, features)
        for name, part, want in zip(["X_train", "y_train", "X_test", "y_test"], got, expected):
            part = np.asarray(part, dtype=float)
            assert part.shape == want.shape and np.allclose(part, want, rtol=1e-7, atol=1e-9), (
                f"{name} is wrong for another series (window={window}, test_fraction={fraction}, "
                f"features={list(features)}); do not rely on anything specific to the shipped file"
                f"\nfa: `{name}` برای سری دیگری (`window={window}`، `test_fraction={fraction}`، `features={list(features)}`) نادرست است؛ به چیزی که مخصوص فایل همراه تمرین است تکیه نکنید")
    # the same series stored as float32 columns: the results are float64 all the same
    df32 = df.astype({"temperature": "float32", "hour": "float32", "consumption": "float32"})
    expected = reference(df32, 12, 0.2, ("temperature", "hour"))
    got = prepare_gas_data(df32, 12, 0.2, ("temperature", "hour"))
    for name, part, want in zip(["X_train", "y_train", "X_test", "y_test"], got, expected):
        part = np.asarray(part)
        assert part.dtype == np.float64, (
            f"{name} must be a float64 array when the columns are stored as float32, "
            f"not {part.dtype}: convert to float64 before computing"
            f"\nfa: وقتی ستون‌ها `float32` ذخیره شده‌اند، `{name}` باید آرایهٔ `float64` باشد، نه `{part.dtype}`: پیش از محاسبه به `float64` تبدیل کنید")
        assert part.shape == want.shape and np.allclose(part, want, rtol=1e-7, atol=1e-9), (
            f"{name} is wrong when the columns are stored as float32: compute in float64"
            f"\nfa: وقتی ستون‌ها `float32` ذخیره شده‌اند `{name}` نادرست است: در `float64` حساب کنید")
    for key in ("mean", "std"):
        value = np.asarray(got[4][key])
        assert value.dtype == np.float64 and np.allclose(value, expected[4][key], rtol=1e-9), (
            f"stats['{key}'] must be computed in float64 when the columns are stored as float32"
            f"\nfa: وقتی ستون‌ها `float32` ذخیره شده‌اند، `stats['{key}']` باید در `float64` حساب شود")


# %% test="hidden" points=1
def test_split_rounding_and_short_parts(prepare_gas_data):
    import numpy as np
    from solutions.hw04 import generate_gas_series
    full = generate_gas_series(n_hours=1006, seed=31, start="2023-05-01")
    for n_rows in (1001, 1002, 1003, 1006):  # n_rows * 0.25 lands below, on and above .5
        df = full.iloc[:n_rows].reset_index(drop=True)
        n_test = round(n_rows * 0.25)
        result = prepare_gas_data(df, 6, 0.25)
        assert isinstance(result, tuple) and len(result) == 5, (
            "return the tuple (X_train, y_train, X_test, y_test, stats)"
            "\nfa: تاپل `(X_train, y_train, X_test, y_test, stats)` را برگردانید")
        X_train, y_train, X_test, y_test = (np.asarray(part) for part in result[:4])
        assert X_train.shape == (n_rows - n_test - 6, 6, 3) and X_test.shape == (n_test - 6, 6, 3), (
            f"wrong split sizes for {n_rows} rows with test_fraction=0.25: n_test = "
            "round(len(df) * test_fraction) with Python's round (a tie goes to the even number)"
            f"\nfa: اندازهٔ بخش‌ها برای `{n_rows}` سطر با `test_fraction=0.25` نادرست است: `n_test = round(len(df) * test_fraction)` با `round` پایتون (حالت مساوی به عدد زوج می‌رود)")
    # parts of exactly window + 1 rows are long enough: one sample each
    df = full.iloc[:50].reset_index(drop=True)
    X_train, y_train, X_test, y_test = (np.asarray(part, dtype=float)
                                        for part in prepare_gas_data(df, 24, 0.5)[:4])
    assert X_train.shape == (1, 24, 3) and X_test.shape == (1, 24, 3), (
        "a part with window + 1 rows gives exactly one window (only window rows or fewer is an error)"
        "\nfa: بخشی با `window + 1` سطر دقیقاً یک پنجره می‌دهد (فقط `window` سطر یا کمتر خطاست)")
    consumption = df["consumption"].to_numpy(dtype=float)
    assert y_train.shape == y_test.shape == (1,) and np.allclose(
        [y_train[0], y_test[0]], [consumption[24], consumption[49]]), (
        "with parts of window + 1 rows, each target is the last row of its part"
        "\nfa: با بخش‌های `window + 1` سطری، هر هدف آخرین سطر بخش خودش است")


# %% test="hidden" points=1
def test_constant_feature(prepare_gas_data):
    import numpy as np
    from solutions.hw04 import generate_gas_series, prepare_gas_data as reference
    df = generate_gas_series(n_hours=24 * 20, seed=12, start="2023-06-01")
    n_test = round(len(df) * 0.2)
    df["meter"] = 3.0
    df.loc[len(df) - n_test:, "meter"] = np.linspace(2.0, 5.0, n_test)  # constant in training only
    features = ["temperature", "meter", "hour"]
    got = prepare_gas_data(df, 12, 0.2, features)
    expected = reference(df, 12, 0.2, features)
    assert isinstance(got[4], dict), ("stats must be a dict with the keys 'mean' and 'std'"
                                      "\nfa: `stats` باید دیکشنری‌ای با کلیدهای `'mean'` و `'std'` باشد")
    std = np.asarray(got[4]["std"], dtype=float)
    assert std.shape == (3,) and np.allclose(std, expected[4]["std"]), (
        "a feature constant over the training rows has std 0: use 1 instead, and report that 1 "
        "in stats['std']"
        "\nfa: ویژگی‌ای که روی سطرهای آموزشی ثابت است انحراف معیار 0 دارد: به‌جای آن 1 به کار ببرید و همان 1 را در `stats['std']` گزارش کنید")
    for name, part, want in zip(["X_train", "y_train", "X_test", "y_test"], got, expected):
        part = np.asarray(part, dtype=float)
        assert part.shape == want.shape and np.all(np.isfinite(part)), (
            f"{name} has the wrong shape or holds NaN or inf when a feature is constant over the "
            "training rows"
            f"\nfa: وقتی یک ویژگی روی سطرهای آموزشی ثابت است، `{name}` شکل نادرست دارد یا NaN یا inf دارد")
        assert np.allclose(part, want, rtol=1e-7, atol=1e-9), (
            f"{name} is wrong when a feature is constant over the training rows: centre it with "
            "its training mean and divide by 1"
            f"\nfa: وقتی یک ویژگی روی سطرهای آموزشی ثابت است `{name}` نادرست است: آن را با میانگین آموزشی‌اش مرکز کنید و بر 1 تقسیم کنید")


# %% test="hidden" points=1
def test_no_leakage(prepare_gas_data):
    import numpy as np
    from solutions.hw04 import generate_gas_series
    df = generate_gas_series(n_hours=24 * 60, seed=77, start="2023-03-01")
    features = ["temperature", "hour", "holiday"]
    n_test = round(len(df) * 0.25)
    train = df[features].to_numpy(dtype=float)[: len(df) - n_test]
    stats = prepare_gas_data(df, 12, 0.25, features)[4]
    assert isinstance(stats, dict), ("stats must be a dict with the keys 'mean' and 'std'"
                                     "\nfa: `stats` باید دیکشنری‌ای با کلیدهای `'mean'` و `'std'` باشد")
    assert np.allclose(np.asarray(stats["mean"], dtype=float), train.mean(axis=0)), (
        "stats['mean'] must come from the training rows only (the first n_train rows)"
        "\nfa: `stats['mean']` باید فقط از سطرهای آموزشی (`n_train` سطر اول) بیاید")
    assert np.allclose(np.asarray(stats["std"], dtype=float), train.std(axis=0)), (
        "stats['std'] must be the population std (ddof=0) of the training rows only"
        "\nfa: `stats['std']` باید انحراف معیار جامعه (`ddof=0`) فقط روی سطرهای آموزشی باشد")


# %% test="hidden" points=1
def test_chronological_order(prepare_gas_data):
    import numpy as np
    from solutions.hw04 import generate_gas_series
    df = generate_gas_series(n_hours=24 * 40, seed=5, start="2023-11-15")
    window, features = 10, ["temperature", "hour"]
    n_train = len(df) - round(len(df) * 0.2)
    X_train, y_train, X_test, y_test, stats = prepare_gas_data(df, window, 0.2, features)
    consumption = df["consumption"].to_numpy()
    y_train, y_test = np.asarray(y_train, dtype=float), np.asarray(y_test, dtype=float)
    assert np.isclose(y_train[0], consumption[window]) and np.isclose(y_train[-1], consumption[n_train - 1]), (
        "y_train must be consumption[window], ..., consumption[n_train - 1], in time order "
        "(no shuffling)"
        "\nfa: `y_train` باید `consumption[window], ..., consumption[n_train - 1]` به ترتیب زمانی باشد (بدون بُر زدن)")
    assert np.isclose(y_test[0], consumption[n_train + window]) and np.isclose(y_test[-1], consumption[-1]), (
        "the first test target is the hour right after the first test window, which starts at row n_train"
        "\nfa: نخستین هدف آزمایشی ساعتِ درست پس از نخستین پنجرهٔ آزمایشی است که از سطر `n_train` شروع می‌شود")
    raw = df[features].to_numpy(dtype=float)
    mean, std = raw[:n_train].mean(axis=0), raw[:n_train].std(axis=0)
    assert np.allclose(np.asarray(X_test, dtype=float)[0], (raw[n_train:n_train + window] - mean) / std), (
        "X_test[0] must hold the first `window` test rows, scaled with the training statistics"
        "\nfa: `X_test[0]` باید `window` سطر اول بخش آزمایشی را، مقیاس‌شده با آماره‌های آموزشی، داشته باشد")


# %% test="hidden" points=1
def test_rejects_bad_arguments(prepare_gas_data):
    from solutions.hw04 import generate_gas_series
    df = generate_gas_series(n_hours=100, seed=9)
    cases = [{"window": 20, "test_fraction": 0.2}, {"window": 0}, {"test_fraction": 0.0},
             {"test_fraction": 1.0}, {"window": 85, "test_fraction": 0.1},
             {"test_fraction": float("inf")}]
    for kwargs in cases:
        try:
            prepare_gas_data(df, **kwargs)
        except ValueError:
            continue
        raise AssertionError(f"prepare_gas_data(<100 rows>, {kwargs}) should raise ValueError "
                             "(a part with window rows or fewer, or an invalid argument)"
                             f"\nfa: `prepare_gas_data(<100 rows>, {kwargs})` باید `ValueError` بدهد (بخشی با `window` سطر یا کمتر، یا آرگومانی نامعتبر)")

# %% [markdown]
# <div dir="rtl" lang="fa">
#
# اختیاری: با خروجی تابع می‌توانید مدلی کوچک آموزش دهید، مثلاً کد زیر. اگر آن را در یک سلول کد اجرا می‌کنید، سلول را با برچسب `skip-grading` علامت بزنید.
#
# </div>
#
# Optional: train a small model on your function's output, for example with the code below. If you run it in a code cell, tag that cell `skip-grading`.
#
# ```python
# import keras
# X_train, y_train, X_test, y_test, stats = prepare_gas_data(gas)
# model = keras.Sequential([keras.Input(X_train.shape[1:]), keras.layers.GRU(16), keras.layers.Dense(1)])
# model.compile(optimizer="adam", loss="mse", metrics=["mae"])
# model.fit(X_train, y_train, validation_split=0.1, shuffle=True, epochs=5, batch_size=64)
# model.evaluate(X_test, y_test)
# ```
#
# <div dir="rtl" lang="fa">
#
# بُر زدن *پنجره‌ها* در هنگام آموزش (`shuffle=True`) اشکالی ندارد؛ آنچه نباید بُر بخورد، مرز زمانی بین آموزش و آزمون است.
#
# </div>
#
# Shuffling the *windows* during training (`shuffle=True`) is fine; what must not be shuffled is the time boundary between training and test.

# %% [raw]
# # BEGIN QUESTION
# name: q6a
# manual: true
# points: 3

# %% [markdown]
# ## پرسش ۶: نرمال‌سازی دسته‌ای (تشریحی) · Question 6: batch normalization (written)
#
# ### ۶-الف · 6a
#
# <div dir="rtl" lang="fa">
#
# دربارهٔ هر گزاره بگویید درست است یا نادرست و دلیلتان را در یکی دو جمله بنویسید. نمره برای دلیل است.
#
# 1. نرمال‌سازی دسته‌ای فقط پردازش یک دسته را سریع‌تر می‌کند و تعداد به‌روزرسانی‌های وزن‌ها را ثابت نگه می‌دارد.
# 2. نرمال‌سازی دسته‌ای توزیع خروجی را نرمال می‌کند تا در ابعاد مختلف یکنواخت‌تر باشد.
# 3. نرمال‌سازی دسته‌ای به شبکه اجازه می‌دهد وزن‌ها را با مقدارهای کوچک نزدیک صفر مقداردهی اولیه کند.
#
# </div>
#
# For each statement, say whether it is true or false and give your reason in one or two sentences. The points are for the reason.
#
# 1. Batch normalization only speeds up the processing of one batch and keeps the number of weight updates fixed.
# 2. Batch normalization normalizes the output distribution so that it is more uniform across dimensions.
# 3. Batch normalization lets the network initialize its weights to small values close to zero.

# %% [markdown] solution=true
# **Model answer (1 point each; the reason matters).**
#
# 1. **False.** BN adds work to every step (batch statistics, an extra scale and shift), so one batch is slightly *slower*, not faster. Its gain is in optimization: activations stay on a stable scale, the problem is better conditioned and larger learning rates work, so *fewer* updates (epochs) are needed to reach a given loss. The number of updates per epoch is set by the dataset and batch sizes, not by BN.
# 2. **True, with the right reading.** BN standardizes each unit (dimension) of a layer's pre-activations over the batch to mean 0 and variance 1, so all dimensions end up on a comparable scale, then `gamma` and `beta` let each dimension take the scale and offset it needs. It shifts and scales; it does not make the distribution Gaussian or uniform in shape, and it is not applied to the network's final output. Accept "false" only if the student argues exactly this last point.
# 3. **False as stated.** BN makes training much less sensitive to the initial weight scale: its output does not change when the weights feeding it are multiplied by a positive constant, so small initial weights no longer make activations vanish. That is robustness to initialization, not a reason or a need to start near zero; weights that are all equal (or zero) still leave every unit identical (the symmetry problem). Accept "true" if the reason is this scale-invariance argument.
#
# <div dir="rtl" lang="fa">
#
# ۱. نادرست: BN هر گام را کمی کندتر می‌کند؛ سودش در کاهش تعداد گام‌های لازم برای همگرایی (امکان نرخ یادگیری بزرگ‌تر و شرط‌بندی بهتر مسئله) است. ۲. درست: هر بُعد جداگانه به میانگین صفر و واریانس یک می‌رسد و مقیاس ابعاد هم‌تراز می‌شود؛ سپس `gamma` و `beta` مقیاس و جابه‌جایی مناسب هر بُعد را می‌آموزند. شکل توزیع عوض نمی‌شود. ۳. نادرست به این صورت: BN شبکه را نسبت به مقیاس وزن‌های اولیه مقاوم می‌کند (خروجی‌اش با ضرب وزن‌ها در عدد مثبت تغییر نمی‌کند)، ولی نیازی به وزن‌های نزدیک صفر نمی‌سازد و مشکل تقارن وزن‌های برابر را هم حل نمی‌کند.
#
# </div>

# %% [raw]
# # BEGIN QUESTION
# name: q6b
# manual: true
# points: 2

# %% [markdown]
# ### ۶-ب · 6b
#
# <div dir="rtl" lang="fa">
#
# نقش `eps` (اپسیلون) در فرمول نرمال‌سازی دسته‌ای چیست؟ اگر آن را صفر بگذاریم یا خیلی بزرگ انتخاب کنیم چه می‌شود؟
#
# </div>
#
# What is the role of `eps` (epsilon) in the batch-normalization formula? What happens if it is zero, or very large?

# %% [markdown] solution=true
# **Model answer.** `eps` keeps the denominator $\sqrt{\sigma^2 + \epsilon}$ away from zero. Without it, a feature whose batch variance is 0 (a constant feature, a dead ReLU unit, or any batch of one example) gives 0/0 = NaN, and a tiny variance divides noise by a tiny number and blows it up (also in the backward pass, where the gradient carries $1/\sigma$ factors). It is a numerical-stability constant, not a quantity to learn. A very large `eps` dominates the variance: $x - \mu$ is divided by about $\sqrt{\epsilon}$, the output variance $\sigma^2/(\sigma^2+\epsilon)$ falls well below 1 and the layer stops normalizing. Typical values are `1e-5` (original paper) and `1e-3` (Keras). (1 point for division by zero / stability, 1 point for a correct effect of the size.)
#
# <div dir="rtl" lang="fa">
#
# `eps` مخرج را از صفر دور نگه می‌دارد: بدون آن، ویژگی‌ای که واریانسش در دسته صفر است (ویژگی ثابت، نورون مرده یا دستهٔ تک‌نمونه‌ای) NaN می‌دهد و واریانس بسیار کوچک نویز را بزرگ می‌کند. مقدار خیلی بزرگ، واریانس خروجی را به $\sigma^2/(\sigma^2+\epsilon)$ کاهش می‌دهد و عملاً نرمال‌سازی را از کار می‌اندازد.
#
# </div>

# %% [raw]
# # BEGIN QUESTION
# name: q6c
# manual: true
# points: 2

# %% [markdown]
# ### ۶-ج · 6c
#
# <div dir="rtl" lang="fa">
#
# اگر شبکه‌ای با لایهٔ `BatchNormalization` بعد از یک لایهٔ Dense را با اندازهٔ دستهٔ ۱ آموزش دهیم چه پیش می‌آید؟ (راهنما: خروجی تابع `forward_batchnorm` شما برای `N = 1` چیست و گرادیان نسبت به ورودی چه می‌شود؟) چه جایگزینی پیشنهاد می‌کنید؟
#
# </div>
#
# What goes wrong when a network with a `BatchNormalization` layer after a Dense layer is trained with batch size 1? (Hint: what does your `forward_batchnorm` return for `N = 1`, and what happens to the gradient with respect to its input?) What would you use instead?

# %% [markdown] solution=true
# **Model answer.** With one example the batch mean equals the example and the variance is 0, so $x - \mu = 0$ for every feature and the layer outputs `beta` whatever the input: all information from the layers below is erased, and the gradient reaching them through BN is zero, so they stop learning. The moving statistics are then averages of single examples with variance 0, which do not match the statistics used at inference time, so training and inference behave differently. (For convolutional features with batch size 1 the statistics come from the spatial positions of one image, which is not degenerate but is noisy and image-specific.) Alternatives: larger batches, or normalization that does not depend on the batch, such as Layer Normalization or Group Normalization (Instance Normalization for images), or freezing BN and using its moving statistics. (1 point for "output is beta / information and gradient lost", 1 point for the train/inference mismatch or a sound alternative.)
#
# <div dir="rtl" lang="fa">
#
# با یک نمونه، میانگین دسته همان نمونه و واریانس صفر است؛ پس خروجی همیشه `beta` است، اطلاعات ورودی پاک می‌شود و گرادیانی به لایه‌های قبل نمی‌رسد. آمار متحرک هم با آمار زمان استنتاج نمی‌خواند. جایگزین: دستهٔ بزرگ‌تر، Layer Normalization یا Group Normalization، یا ثابت نگه داشتن BN با آمار متحرک.
#
# </div>

# %% [raw]
# # BEGIN QUESTION
# name: q7
# manual: true
# points: 3

# %% [markdown]
# ## پرسش ۷: موازی‌سازی RNN و CNN (تشریحی) · Question 7: parallelism of RNNs and CNNs (written)
#
# <div dir="rtl" lang="fa">
#
# چرا آموزش یک شبکهٔ بازگشتی روی دنباله‌های بلند را بسیار کمتر از یک شبکهٔ کانولوشنی یک‌بعدی (مثلاً `Conv1D` با اتساع) می‌توان موازی کرد؟ به وابستگی محاسبات در طول زمان، به گذر رو به عقب و به این‌که چه بخش‌هایی از RNN همچنان موازی‌اند اشاره کنید.
#
# </div>
#
# Why can training a recurrent network on long sequences be parallelized much less than a one-dimensional convolutional network (for example dilated `Conv1D` layers)? Discuss the dependency of the computations along time, the backward pass, and which parts of an RNN can still run in parallel.

# %% [markdown] solution=true
# **Model answer.** In an RNN, $h_t = f(W_x x_t + W_h h_{t-1} + b)$: step $t$ cannot start before step $t-1$ has finished, so the $T$ time steps form a chain of length $T$ that must run one after another, and backpropagation through time walks the same chain backwards. Only the work *inside* a step (the matrix products, across units and across the examples of a batch) and the input projections $W_x x_t$ for all $t$ can run in parallel; the GPU waits on the chain for long sequences. In a `Conv1D` layer every output position depends only on a window of the *input*, not on other outputs, so all positions of a layer are computed at once (one large matrix product), in the forward and in the backward pass; the sequential depth is the number of layers, not the sequence length. Dilated convolutions grow the receptive field exponentially with depth, so a few layers cover long histories. The price: a CNN sees only its finite receptive field, while an RNN's state can in principle carry information from any time in the past. (1 point for the sequential dependency of $h_t$ on $h_{t-1}$, 1 point for the CNN computing all positions at once / depth vs length, 1 point for the backward pass or what stays parallel in an RNN.)
#
# <div dir="rtl" lang="fa">
#
# در RNN حالت $h_t$ به $h_{t-1}$ وابسته است، پس $T$ گام زمانی باید پشت سر هم اجرا شوند و گذر رو به عقب (BPTT) هم همین زنجیره را برعکس طی می‌کند؛ فقط محاسبات درون هر گام (ضرب ماتریس‌ها روی واحدها و نمونه‌های دسته) و ضرب ورودی‌ها در $W_x$ موازی‌اند. در Conv1D هر خروجی فقط به پنجره‌ای از ورودی وابسته است، پس همهٔ موقعیت‌ها هم‌زمان حساب می‌شوند و عمق ترتیبی برابر تعداد لایه‌هاست، نه طول دنباله.
#
# </div>
