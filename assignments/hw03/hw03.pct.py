# %% [raw]
# # ASSIGNMENT CONFIG
# name: hw03
# files:
#   - data/weather_small.csv
# generate: true
# export_cell:
#   pdf: false
# run_tests: true
# show_question_points: true
# tests:
#   files: true
#   ok_format: false

# %% [markdown]
# # تمرین ۳ · Homework 3
#
# **کانولوشن یک‌بعدی در برابر شبکه‌های بازگشتی برای پیش‌بینی دما** · **1D convnets versus RNNs for temperature forecasting**
#
# <div dir="rtl" lang="fa">
#
# در این تمرین مسئلهٔ معروف پیش‌بینی دما روی داده‌های ایستگاه هواشناسی ینا (Jena) را قدم‌به‌قدم می‌سازید: از یک سری زمانی چندمتغیره پنجره‌های ورودی و هدف می‌سازید، خطای پیش‌بینی ساده‌لوحانه (مبنای عقل سلیم) را حساب می‌کنید، دو مدل Keras می‌سازید (یک شبکهٔ کانولوشنی یک‌بعدی و ترکیب کانولوشن با GRU)، میدان دید (receptive field) پشته‌ای از لایه‌های کانولوشن و تجمیع را حساب می‌کنید و در پایان سرعت و خطای مدل‌ها را در آزمایشی کوچک مقایسه می‌کنید.
#
# **نمره‌دهی**
#
# - نام تابع‌ها و نام و ترتیب آرگومان‌هایشان را تغییر ندهید. تابع‌های شما با ورودی‌های تازه‌ای صدا زده می‌شوند که در این دفترچه نیستند؛ پاسخ را به مثال‌های همین‌جا وابسته نکنید.
# - ورودی و خروجی تابع‌ها دادهٔ ساده است: عدد، رشته، `None`، لیست، تاپل، دیکشنری و آرایهٔ numpy. تنها استثنا تابع‌های پرسش ۲ است که یک مدل Keras برمی‌گردانند؛ نمره‌دهنده مدل را از روی پیکربندی آن دوباره می‌سازد، پس لایهٔ `Lambda` یا لایهٔ سفارشی به کار نبرید.
# - `grader.check("q1")` تنها چند آزمون عمومی کوچک را اجرا می‌کند؛ بیشتر نمره از آزمون‌های پنهانی است که پس از تحویل اجرا می‌شوند.
# - هنگام نمره‌دهی همهٔ سلول‌های کد از بالا به پایین اجرا می‌شوند، جز سلول‌هایی که برچسب `skip-grading` دارند. آموزش مدل‌ها (پرسش ۴) را فقط در چنین سلول‌هایی انجام دهید.
# - پرسش تشریحی را به فارسی یا انگلیسی در سلول متنی مشخص‌شده بنویسید.
#
# </div>
#
# In this homework you build the classic temperature-forecasting problem on the Jena weather-station data step by step: you cut input windows and targets out of a multivariate time series, compute the error of the naive (common-sense) forecast, build two Keras models (a 1D convnet and a 1D convnet followed by a GRU), compute the receptive field of a stack of convolution and pooling layers and, finally, compare the speed and error of the models in a small experiment.
#
# **Grading**
#
# - Keep the function names and the names and order of their arguments. Your functions are called on fresh inputs that are not in this notebook, so do not tailor them to the examples here.
# - Arguments and return values are plain data: numbers, strings, `None`, lists, tuples, dicts and numpy arrays. The only exception are the functions of question 2, which return a Keras model; the grader rebuilds the model from its configuration, so do not use `Lambda` or custom layers.
# - `grader.check("q1")` runs only a few small public tests; most points come from hidden tests run after you submit.
# - For grading, every code cell runs from top to bottom, except cells tagged `skip-grading`. Train models (question 4) only in such cells.
# - Answer the written question in Persian or English in the marked text cell.

# %%
import os
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import numpy as np
import pandas as pd


# %% [markdown]
# ## داده‌های هواشناسی · The weather data
#
# <div dir="rtl" lang="fa">
#
# فایل `data/weather_small.csv` هشت هفته از یک ایستگاه هواشناسی شبیه‌سازی‌شده را با گام‌های ده‌دقیقه‌ای (۱۴۴ ردیف در روز) نگه می‌دارد. ستون‌ها و ترتیبشان همان فایل واقعی `jena_climate_2009_2016.csv` است: `"Date Time"` و سپس ۱۴ ویژگی عددی مانند فشار `"p (mbar)"`، دما `"T (degC)"`، رطوبت نسبی `"rh (%)"` و سرعت باد `"wv (m/s)"`. دما چرخهٔ روزانه، روند فصلی و نوسان‌های چندروزه دارد و ستون‌های دیگر با آن همبسته‌اند.
#
# تابع `load_weather(path=None)` فایل همراه تمرین را می‌خواند؛ اگر فایل واقعی ینا را دارید (آن را دانلود نمی‌کنیم)، مسیرش را بدهید تا همه چیز روی دادهٔ واقعی اجرا شود. مانند مثال کلاسیک، ستون تاریخ را کنار می‌گذاریم؛ در آرایهٔ حاصل ستون `1` دمای `"T (degC)"` است.
#
# </div>
#
# `data/weather_small.csv` holds eight weeks of a simulated weather station in 10-minute steps (144 rows a day). Its columns, in order, are those of the real `jena_climate_2009_2016.csv`: `"Date Time"`, then 14 numeric features such as the pressure `"p (mbar)"`, the temperature `"T (degC)"`, the relative humidity `"rh (%)"` and the wind speed `"wv (m/s)"`. The temperature has a daily cycle, a seasonal drift and swings over several days; the other columns are correlated with it.
#
# `load_weather(path=None)` reads the shipped file; if you have the real Jena file (we do not download it), pass its path and everything below runs on the real data. As in the classic example, the date column is dropped; in the resulting array, column `1` is the temperature `"T (degC)"`.

# %%
def load_weather(path=None):
    """The shipped weather series, or the real Jena CSV when its path is given."""
    return pd.read_csv("data/weather_small.csv" if path is None else path)


weather = load_weather()
float_data = weather.drop(columns=["Date Time"]).to_numpy(dtype=float)
TEMPERATURE_COL = 1
print(float_data.shape)
weather.head()


# %% [raw]
# # BEGIN QUESTION
# name: q1

# %% [markdown]
# ## پرسش ۱: پنجره‌ها، استانداردسازی و مبنای عقل سلیم · Question 1: windows, standardization and the common-sense baseline
#
# <div dir="rtl" lang="fa">
#
# در مثال کلاسیک ینا یک مولد (generator) با آرگومان‌های `lookback` (چند گام به عقب نگاه کنیم)، `step` (از هر چند گام یکی را برداریم) و `delay` (چند گام بعد را پیش‌بینی کنیم) دسته‌های نمونه می‌سازد. این‌جا همان کار را یک‌جا و بدون درهم‌ریختن انجام می‌دهید. `data` آرایه‌ای به شکل `(rows, features)` است.
#
# 1. `make_windows(data, lookback, delay, step, target_col)` تاپل `(X, y)` را برمی‌گرداند. برای **هر** ردیف `i` از `lookback` تا `len(data) - delay - 1` (هر دو سر بسته)، به ترتیب صعودی `i`، یک نمونه ساخته می‌شود:
#    - `X[k] = data[list(range(i - lookback, i, step))]` که `k = i - lookback`؛ یعنی ردیف‌های `i - lookback`، `i - lookback + step`، … تا پیش از `i` (خود ردیف `i` جزو پنجره نیست).
#    - `y[k] = data[i + delay][target_col]`.
#
#    پس `X` شکل `(len(data) - delay - lookback, ceil(lookback / step), features)` و `y` شکل `(len(data) - delay - lookback,)` دارد. این دقیقاً خروجی مولد کلاسیک با `min_index=0`، `max_index=len(data) - delay` و `shuffle=False` است که یک بار روی همهٔ ردیف‌ها اجرا شود و دسته‌هایش پشت سر هم چیده شوند. اگر هیچ نمونه‌ای ساخته نشود، `ValueError` بدهید.
# 2. `standardize(data, train_rows)` تاپل `(scaled, mean, std)` را برمی‌گرداند: میانگین و انحراف معیار هر ستون **فقط** از `train_rows` ردیف اول (انحراف معیار جمعیتی، یعنی پیش‌فرض `np.std`) و `scaled = (data - mean) / std` برای همهٔ ردیف‌ها. اگر ستونی در ردیف‌های آموزشی ثابت است، `std` آن را `1` بگیرید.
# 3. `naive_forecast_mae(data, lookback, delay, step, target_col)` خطای مطلق میانگین (MAE) پیش‌بینی ساده‌لوحانه را روی همهٔ نمونه‌های `make_windows` برمی‌گرداند (یک عدد `float`): برای هر نمونه، پیش‌بینی همان مقدار ستون هدف در **آخرین** ردیف پنجره، یعنی `X[k, -1, target_col]`، است. (برای دما با `delay = 144` یعنی «دمای ۲۴ ساعت بعد همان دمای الان است».) هر مدل آموخته‌شده باید از این مبنا بهتر باشد تا ارزش داشته باشد.
#
# </div>
#
# The classic Jena example uses a generator with the arguments `lookback` (how many steps back to look), `step` (keep one row out of every `step`) and `delay` (how many steps ahead to predict). Here you do the same at once, without shuffling. `data` is an array of shape `(rows, features)`.
#
# 1. `make_windows(data, lookback, delay, step, target_col)` returns the tuple `(X, y)`. There is one sample for **every** row `i` from `lookback` to `len(data) - delay - 1` (both inclusive), in increasing order of `i`:
#    - `X[k] = data[list(range(i - lookback, i, step))]` with `k = i - lookback`: the rows `i - lookback`, `i - lookback + step`, … up to, but not including, row `i`;
#    - `y[k] = data[i + delay][target_col]`.
#
#    So `X` has shape `(len(data) - delay - lookback, ceil(lookback / step), features)` and `y` has shape `(len(data) - delay - lookback,)`. This is exactly what the classic generator yields with `min_index=0`, `max_index=len(data) - delay` and `shuffle=False`, run once over all rows with its batches stacked one after the other. Raise a `ValueError` when there is no sample at all.
# 2. `standardize(data, train_rows)` returns the tuple `(scaled, mean, std)`: the mean and standard deviation of every column, taken from the first `train_rows` rows **only** (population std, `np.std`'s default), and `scaled = (data - mean) / std` for all rows. A column that is constant over the training rows gets `std = 1`.
# 3. `naive_forecast_mae(data, lookback, delay, step, target_col)` returns the mean absolute error (a `float`) of the naive forecast over all samples of `make_windows`: each sample is predicted by the target column's value in the **last** row of its window, `X[k, -1, target_col]`. (For the temperature with `delay = 144` this says "the temperature in 24 hours equals the temperature now".) A learned model is worth something only if it beats this baseline.

# %%
def make_windows(data, lookback, delay, step, target_col):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    data = np.asarray(data, dtype=float)
    first, last = lookback, len(data) - delay - 1
    if last < first:
        raise ValueError("not enough rows for this lookback and delay")
    samples, targets = [], []
    for i in range(first, last + 1):
        samples.append(data[list(range(i - lookback, i, step))])
        targets.append(data[i + delay][target_col])
    return np.array(samples), np.array(targets)
    # END SOLUTION


def standardize(data, train_rows):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    data = np.asarray(data, dtype=float)
    mean = data[:train_rows].mean(axis=0)
    std = data[:train_rows].std(axis=0)
    std[std == 0] = 1.0
    return (data - mean) / std, mean, std
    # END SOLUTION


def naive_forecast_mae(data, lookback, delay, step, target_col):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    X, y = make_windows(data, lookback, delay, step, target_col)
    last_seen = X[:, -1, target_col]
    return float(np.mean(np.abs(last_seen - y)))
    # END SOLUTION


# %% test="public"
def test_windows_tiny(make_windows):
    import numpy as np
    data = np.arange(20.0).reshape(10, 2)  # row r is [2r, 2r + 1]
    result = make_windows(data, 4, 2, 2, 1)
    assert isinstance(result, (tuple, list)) and len(result) == 2, ("return the pair (X, y)"
                                                                    "\nfa: زوج `(X, y)` را برگردانید")
    X, y = (np.asarray(part, dtype=float) for part in result)
    assert X.shape == (4, 2, 2), (
        f"10 rows, lookback 4, delay 2: i runs over 4, 5, 6, 7, so X has shape (4, 2, 2), not {X.shape}"
        f"\nfa: 10 سطر، `lookback 4`، `delay 2`: `i` از 4 تا 7 است، پس شکل `X` باید `(4, 2, 2)` باشد، نه `{X.shape}`")
    assert np.array_equal(X[0], [[0, 1], [4, 5]]), ("the first window (i = 4) holds the rows 0 and 2"
                                                    "\nfa: نخستین پنجره (`i = 4`) سطرهای 0 و 2 را دارد")
    assert np.array_equal(y, [13, 15, 17, 19]), (
        "y[k] is column 1 of row i + delay: rows 6, 7, 8, 9 give 13, 15, 17, 19"
        "\nfa: `y[k]` ستون 1 از سطر `i + delay` است: سطرهای 6، 7، 8 و 9 مقدارهای 13، 15، 17 و 19 را می‌دهند")


# %% test="public"
def test_standardize_tiny(standardize):
    import numpy as np
    data = np.array([[1.0, 10.0], [3.0, 10.0], [100.0, 0.0]])
    result = standardize(data, 2)
    assert isinstance(result, (tuple, list)) and len(result) == 3, ("return (scaled, mean, std)"
                                                                    "\nfa: `(scaled, mean, std)` را برگردانید")
    scaled, mean, std = (np.asarray(part, dtype=float) for part in result)
    assert np.allclose(mean, [2, 10]) and np.allclose(std, [1, 1]), (
        "use the first 2 rows only: mean [2, 10], std [1, 0] and a zero std becomes 1"
        "\nfa: فقط 2 سطر اول را به کار ببرید: میانگین `[2, 10]`، انحراف معیار `[1, 0]`، و انحراف معیار صفر 1 می‌شود")
    assert np.allclose(scaled, [[-1, 0], [1, 0], [98, -10]]), ("scaled = (data - mean) / std"
                                                               "\nfa: `scaled = (data - mean) / std`")


# %% test="public"
def test_naive_tiny(naive_forecast_mae):
    import numpy as np
    data = np.arange(20.0).reshape(10, 2)
    mae = naive_forecast_mae(data, 4, 2, 2, 1)
    assert mae is not None and np.isclose(float(mae), 8.0), (
        "the last window row is i - 2 and the target row i + 2: column 1 differs by 2 * 4 = 8"
        "\nfa: آخرین سطر پنجره `i - 2` و سطر هدف `i + 2` است: ستون 1 به اندازهٔ `2 * 4 = 8` فرق دارد")


# %% test="hidden" points=2
def test_windows_random_arrays(make_windows):
    import numpy as np
    from solutions.hw03 import make_windows as reference
    rng = np.random.default_rng(3101)
    for rows, features, lookback, delay, step, target_col in [
            (30, 3, 6, 2, 3, 1), (25, 2, 7, 0, 2, 0), (40, 4, 12, 5, 1, 3), (21, 1, 10, 10, 4, 0),
            (19, 2, 3, 4, 5, 1), (16, 3, 5, 1, 2, 2)]:
        data = rng.normal(size=(rows, features))
        X, y = (np.asarray(part, dtype=float)
                for part in make_windows(data, lookback, delay, step, target_col))
        want_X, want_y = reference(data, lookback, delay, step, target_col)
        where = f"lookback={lookback}, delay={delay}, step={step} on {rows} rows"
        assert X.shape == want_X.shape, (f"{where}: X should have shape {want_X.shape}, not {X.shape}"
                                         f"\nfa: `{where}`: شکل `X` باید `{want_X.shape}` باشد، نه `{X.shape}`")
        assert y.shape == want_y.shape, (f"{where}: y should have shape {want_y.shape}, not {y.shape}"
                                         f"\nfa: `{where}`: شکل `y` باید `{want_y.shape}` باشد، نه `{y.shape}`")
        assert np.allclose(X, want_X), (f"{where}: wrong window rows (range(i - lookback, i, step))"
                                        f"\nfa: `{where}`: سطرهای پنجره نادرست است (`range(i - lookback, i, step)`)")
        assert np.allclose(y, want_y), (f"{where}: wrong targets (data[i + delay][target_col])"
                                        f"\nfa: `{where}`: هدف‌ها نادرست است (`data[i + delay][target_col]`)")


# %% test="hidden" points=1
def test_windows_weather_slice(make_windows):
    import numpy as np
    from solutions.hw03 import load_weather, make_windows as reference, weather_values
    data = weather_values(load_weather())[1000:1800]
    X, y = (np.asarray(part, dtype=float) for part in make_windows(data, 144, 36, 6, 1))
    want_X, want_y = reference(data, 144, 36, 6, 1)
    assert X.shape == want_X.shape and y.shape == want_y.shape, (
        f"800 weather rows, lookback 144, delay 36, step 6: X must be {want_X.shape} and y "
        f"{want_y.shape}, not {X.shape} and {y.shape}"
        f"\nfa: 800 سطر هواشناسی با `lookback 144, delay 36, step 6`: `X` باید `{want_X.shape}` و `y` باید `{want_y.shape}` باشد، نه `{X.shape}` و `{y.shape}`")
    assert np.allclose(X, want_X) and np.allclose(y, want_y), (
        "the weather windows or targets are wrong: check the first and last i"
        "\nfa: پنجره‌ها یا هدف‌های دادهٔ هواشناسی نادرست است: نخستین و آخرین `i` را بررسی کنید")


# %% test="hidden" points=1
def test_windows_edge_lengths(make_windows):
    import numpy as np
    from solutions.hw03 import make_windows as reference
    rng = np.random.default_rng(3105)

    def windows(data, *args):
        try:
            result = make_windows(data, *args)
        except Exception as exc:
            raise AssertionError(
                f"make_windows raised {type(exc).__name__} for {len(data)} rows and "
                f"(lookback, delay, step, target_col) = {args}, which give at least one "
                "sample"
                f"\nfa: `make_windows` برای `{len(data)}` سطر و `(lookback, delay, step, target_col) = {args}` خطای `{type(exc).__name__}` داد، در حالی که دست‌کم یک نمونه ساخته می‌شود") from None
        return tuple(np.asarray(part, dtype=float) for part in result)

    for rows, features, lookback, delay, step, target_col, label in [
            (11, 2, 7, 3, 2, 1, "a series exactly lookback + delay + 1 rows long (one sample)"),
            (5, 2, 4, 0, 4, 0, "a series exactly lookback + 1 rows long with delay 0 (one sample)"),
            (12, 2, 1, 2, 1, 1, "lookback 1"), (12, 2, 3, 1, 5, 0, "a step larger than lookback"),
            (5, 7, 2, 1, 1, 6, "a short series with more columns than rows")]:
        data = rng.normal(size=(rows, features))
        X, y = windows(data, lookback, delay, step, target_col)
        want_X, want_y = reference(data, lookback, delay, step, target_col)
        assert X.shape == want_X.shape and y.shape == want_y.shape, (
            f"{label}: X should have shape {want_X.shape} and y {want_y.shape}, "
            f"not {X.shape} and {y.shape}"
            f"\nfa: `{label}`: `X` باید شکل `{want_X.shape}` و `y` شکل `{want_y.shape}` داشته باشد، نه `{X.shape}` و `{y.shape}`")
        assert np.allclose(X, want_X) and np.allclose(y, want_y), (
            f"{label}: wrong windows or targets"
            f"\nfa: `{label}`: پنجره‌ها یا هدف‌ها نادرست است")
    for rows, label in [(10, "exactly lookback + delay rows"), (7, "fewer than lookback + delay rows")]:
        data = rng.normal(size=(rows, 2))
        try:
            make_windows(data, 6, 4, 2, 1)
        except ValueError:
            pass
        else:
            raise AssertionError(
                f"a series of {label} (lookback 6, delay 4) gives no sample: raise a ValueError"
                f"\nfa: سری `{label}` (`lookback 6, delay 4`) هیچ نمونه‌ای نمی‌دهد: `ValueError` بدهید")


# %% test="hidden" points=1
def test_standardize_train_rows_only(standardize):
    import numpy as np
    from solutions.hw03 import standardize as reference
    rng = np.random.default_rng(3103)
    data = rng.normal(5.0, 3.0, size=(50, 4))
    data[:20, 2] = 7.5  # constant over the training rows
    got = standardize(data, 20)
    assert isinstance(got, (tuple, list)) and len(got) == 3, ("return (scaled, mean, std)"
                                                              "\nfa: `(scaled, mean, std)` را برگردانید")
    for name, part, want in zip(("scaled", "mean", "std"), got, reference(data, 20)):
        part = np.asarray(part, dtype=float)
        assert part.shape == want.shape, (f"{name} should have shape {want.shape}, not {part.shape}"
                                          f"\nfa: شکل `{name}` باید `{want.shape}` باشد، نه `{part.shape}`")
        assert np.allclose(part, want), (
            f"wrong {name}: statistics from the first train_rows rows only, population std, "
            "and std 1 for a column constant over them"
            f"\nfa: `{name}` نادرست است: آماره‌ها فقط از `train_rows` سطر اول، انحراف معیار جامعه، و انحراف معیار 1 برای ستونی که روی آن سطرها ثابت است")


# %% test="hidden" points=1
def test_standardize_edge_rows(standardize):
    import numpy as np
    from solutions.hw03 import standardize as reference
    rng = np.random.default_rng(3106)
    data = rng.normal(size=(15, 3)) * np.array([0.05, 0.5, 4.0]) + np.array([2.0, -1.0, 30.0])
    for train_rows, label in [(15, "train_rows equal to the number of rows"),
                              (1, "train_rows 1 (every column is constant over one row)"),
                              (6, "columns whose std is below 1")]:
        try:
            got = standardize(data, train_rows)
        except Exception as exc:
            raise AssertionError(f"{label}: standardize raised {type(exc).__name__}"
                                 f"\nfa: `{label}`: `standardize` خطای `{type(exc).__name__}` داد") from None
        assert isinstance(got, (tuple, list)) and len(got) == 3, ("return (scaled, mean, std)"
                                                                  "\nfa: `(scaled, mean, std)` را برگردانید")
        for name, part, want in zip(("scaled", "mean", "std"), got, reference(data, train_rows)):
            part = np.asarray(part, dtype=float)
            assert part.shape == want.shape, (
                f"{label}: {name} should have shape {want.shape}, not {part.shape}"
                f"\nfa: `{label}`: شکل `{name}` باید `{want.shape}` باشد، نه `{part.shape}`")
            assert np.allclose(part, want), (
                f"{label}: wrong {name}; only a std of exactly 0 is replaced by 1"
                f"\nfa: `{label}`: `{name}` نادرست است؛ فقط انحراف معیار دقیقاً 0 با 1 جایگزین می‌شود")


# %% test="hidden" points=1
def test_naive_random_arrays(naive_forecast_mae):
    import numpy as np
    from solutions.hw03 import naive_forecast_mae as reference
    rng = np.random.default_rng(3104)
    for rows, features, lookback, delay, step, target_col in [
            (30, 3, 6, 2, 3, 1), (26, 2, 7, 1, 2, 0), (40, 4, 12, 5, 1, 3), (14, 2, 8, 5, 3, 1)]:
        data = np.cumsum(rng.normal(size=(rows, features)), axis=0)
        got = naive_forecast_mae(data, lookback, delay, step, target_col)
        assert isinstance(got, (float, np.floating)), (
            f"naive_forecast_mae should return one float, not a {type(got).__name__}"
            f"\nfa: `naive_forecast_mae` باید یک عدد `float` برگرداند، نه `{type(got).__name__}`")
        got = float(got)
        want = reference(data, lookback, delay, step, target_col)
        assert np.isclose(got, want), (
            f"lookback={lookback}, delay={delay}, step={step}: MAE {got:.4f} is wrong; predict "
            "each target with the target column of the last row of its window (and make sure "
            "make_windows passes its own tests first)"
            f"\nfa: `lookback={lookback}, delay={delay}, step={step}`: مقدار MAE برابر `{got:.4f}` نادرست است؛ هر هدف را با ستون هدفِ آخرین سطر پنجره‌اش پیش‌بینی کنید (و مطمئن شوید `make_windows` اول آزمون‌های خودش را می‌گذراند)")


# %% test="hidden" points=1
def test_naive_weather_day_ahead(naive_forecast_mae):
    import numpy as np
    from solutions.hw03 import load_weather, naive_forecast_mae as reference, weather_values
    data = weather_values(load_weather())
    got = float(naive_forecast_mae(data, 720, 144, 6, 1))
    want = reference(data, 720, 144, 6, 1)
    assert np.isclose(got, want), (
        f"the day-ahead naive MAE on the shipped weather data is {got:.4f}, which is wrong: "
        "compare the last row of each window with the target, over every sample"
        f"\nfa: MAE ساده‌لوحانهٔ یک‌روز‌جلوتر روی دادهٔ هواشناسی همراه تمرین `{got:.4f}` است که نادرست است: آخرین سطر هر پنجره را با هدف، روی همهٔ نمونه‌ها، مقایسه کنید")


# %% [raw]
# # BEGIN QUESTION
# name: q2

# %% [markdown]
# ## پرسش ۲: شبکهٔ کانولوشنی یک‌بعدی و ترکیب آن با GRU · Question 2: a 1D convnet, and a 1D convnet followed by a GRU
#
# <div dir="rtl" lang="fa">
#
# لایهٔ `Conv1D` الگوهای محلی یک دنباله را پیدا می‌کند و چون همان فیلتر در همهٔ موقعیت‌ها به کار می‌رود، الگویی که در جایی آموخته شده در جای دیگر هم شناخته می‌شود. این لایه‌ها ارزان و موازی‌اند، ولی به ترتیب رویدادها فراتر از اندازهٔ پنجرهٔ خود حساس نیستند؛ ترکیب یک پایهٔ کانولوشنی (برای کوتاه کردن دنباله و استخراج ویژگی) با یک لایهٔ بازگشتی هر دو مزیت را با هم دارد.
#
# دو تابع بنویسید که هر کدام یک مدل `keras.Sequential` **ساخته‌نشده برای طول خاص** برمی‌گردانند: ورودی با `keras.Input(shape=(None, n_features))`، یعنی هر طولی از دنباله پذیرفته می‌شود. همهٔ کانولوشن‌ها با `padding="valid"` (پیش‌فرض) و بقیهٔ آرگومان‌ها پیش‌فرض Keras هستند. مدل را کامپایل کردن یا آموزش دادن لازم نیست.
#
# 1. `build_conv1d_model(n_features)`: به ترتیب `Conv1D(32, 5, activation="relu")`، `MaxPooling1D(3)`، `Conv1D(32, 5, activation="relu")`، `MaxPooling1D(3)`، `Conv1D(32, 5, activation="relu")`، `GlobalMaxPooling1D()` و `Dense(1)`.
# 2. `build_conv_gru_model(n_features)`: به ترتیب `Conv1D(32, 5, activation="relu")`، `MaxPooling1D(3)`، `Conv1D(32, 5, activation="relu")`، `GRU(32, dropout=0.1, recurrent_dropout=0.5)` و `Dense(1)`.
#
# نمره‌دهنده مدل شما را از پیکربندی‌اش دوباره می‌سازد و نوع و تنظیمات لایه‌ها، تعداد پارامترها و شکل خروجی را برای دو طول متفاوت دنباله با مدل مرجع مقایسه می‌کند. پس به جای `GlobalMaxPooling1D` از `Flatten` استفاده نکنید: `Flatten` طول ثابتی می‌خواهد.
#
# </div>
#
# A `Conv1D` layer finds local patterns in a sequence, and since the same filter slides over every position, a pattern learned in one place is recognised anywhere. These layers are cheap and parallel, but they are blind to the order of events beyond the size of their window; a convolutional base (which shortens the sequence and extracts features) followed by a recurrent layer gets both advantages.
#
# Write two functions, each returning a `keras.Sequential` model **not tied to one length**: its input is `keras.Input(shape=(None, n_features))`, so sequences of any length are accepted. All convolutions use `padding="valid"` (the default) and every other argument keeps Keras's default. There is no need to compile or train the models.
#
# 1. `build_conv1d_model(n_features)`: in order `Conv1D(32, 5, activation="relu")`, `MaxPooling1D(3)`, `Conv1D(32, 5, activation="relu")`, `MaxPooling1D(3)`, `Conv1D(32, 5, activation="relu")`, `GlobalMaxPooling1D()` and `Dense(1)`.
# 2. `build_conv_gru_model(n_features)`: in order `Conv1D(32, 5, activation="relu")`, `MaxPooling1D(3)`, `Conv1D(32, 5, activation="relu")`, `GRU(32, dropout=0.1, recurrent_dropout=0.5)` and `Dense(1)`.
#
# The grader rebuilds your model from its configuration and compares the layer types and settings, the number of parameters and the output shape for two different sequence lengths with a reference model. So do not use `Flatten` instead of `GlobalMaxPooling1D`: `Flatten` needs a fixed length.

# %%
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


# %% test="public"
def test_build_conv1d_model_layer_types(build_conv1d_model):
    try:
        from autograder.grading.keras_tools import rebuild_model
    except ImportError:  # in your own Jupyter without the grading tools: use the model itself
        def rebuild_model(model):
            return model
    model = rebuild_model(build_conv1d_model(4))
    names = [type(layer).__name__ for layer in model.layers if type(layer).__name__ != "InputLayer"]
    assert names == ['Conv1D', 'MaxPooling1D', 'Conv1D', 'MaxPooling1D', 'Conv1D', 'GlobalMaxPooling1D', 'Dense'], (f"the layers should be ['Conv1D', 'MaxPooling1D', 'Conv1D', 'MaxPooling1D', 'Conv1D', 'GlobalMaxPooling1D', 'Dense'], in this order, not {names}"
                                                                                                                    f"\nfa: لایه‌ها باید به این ترتیب باشند: `['Conv1D', 'MaxPooling1D', 'Conv1D', 'MaxPooling1D', 'Conv1D', 'GlobalMaxPooling1D', 'Dense']`، نه `{names}`")


# %% test="public"
def test_build_conv_gru_model_layer_types(build_conv_gru_model):
    try:
        from autograder.grading.keras_tools import rebuild_model
    except ImportError:  # in your own Jupyter without the grading tools: use the model itself
        def rebuild_model(model):
            return model
    model = rebuild_model(build_conv_gru_model(4))
    names = [type(layer).__name__ for layer in model.layers if type(layer).__name__ != "InputLayer"]
    assert names == ['Conv1D', 'MaxPooling1D', 'Conv1D', 'GRU', 'Dense'], (f"the layers should be ['Conv1D', 'MaxPooling1D', 'Conv1D', 'GRU', 'Dense'], in this order, not {names}"
                                                                           f"\nfa: لایه‌ها باید به این ترتیب باشند: `['Conv1D', 'MaxPooling1D', 'Conv1D', 'GRU', 'Dense']`، نه `{names}`")


# %% test="hidden" points=3
def test_build_conv1d_model_matches_reference(build_conv1d_model):
    from autograder.grading.keras_tools import rebuild_model, layer_summary
    from solutions.hw03 import (input_problem, model_difference, output_shape_for_length,
                                build_conv1d_model as reference)
    for n_features in (3, 14):
        model = rebuild_model(build_conv1d_model(n_features))
        expected = reference(n_features)
        problem = model_difference(model, expected) or input_problem(model, n_features)
        assert problem is None, (f"{problem} (n_features={n_features})"
                                 f"\nfa: `{problem}` (`n_features={n_features}`)")
        assert model.count_params() == expected.count_params(), (
            f"the model has {model.count_params()} parameters for n_features={n_features}, the "
            f"question's model has {expected.count_params()}: is the input (None, n_features)?"
            f"\nfa: مدل برای `n_features={n_features}` تعداد `{model.count_params()}` پارامتر دارد و مدل صورت پرسش `{expected.count_params()}`: آیا ورودی `(None, n_features)` است؟")
    for length in (90, 241):
        try:
            shape = output_shape_for_length(model, length, 14)
        except Exception:
            raise AssertionError(
                f"the model fails on a batch of sequences of {length} steps: build it with "
                "keras.Input(shape=(None, n_features)) and no layer that needs a fixed length"
                f"\nfa: مدل روی batch دنباله‌هایی با `{length}` گام شکست می‌خورد: آن را با `keras.Input(shape=(None, n_features))` و بدون لایه‌ای که طول ثابت لازم دارد بسازید") from None
        want = output_shape_for_length(expected, length, 14)
        assert shape == want, (
            f"for sequences of {length} steps the output has shape {shape}, not {want}"
            f"\nfa: برای دنباله‌های `{length}` گامی شکل خروجی `{shape}` است، نه `{want}`")


# %% test="hidden" points=1
def test_build_conv1d_model_computes_like_reference(build_conv1d_model):
    import numpy as np
    from autograder.grading.keras_tools import rebuild_model
    from solutions.hw03 import build_conv1d_model as reference
    rng = np.random.default_rng(3201)
    n_features = 5
    model = rebuild_model(build_conv1d_model(n_features))
    expected = reference(n_features)
    weights = [rng.normal(0.0, 0.4, size=w.shape).astype("float32") for w in expected.get_weights()]
    expected.set_weights(weights)
    got_shapes = [tuple(w.shape) for w in model.get_weights()]
    assert got_shapes == [w.shape for w in weights], (
        "the model's weight shapes differ from the question's model: check the layers, their "
        "sizes and use_bias"
        "\nfa: شکل وزن‌های مدل با مدل صورت پرسش فرق دارد: لایه‌ها، اندازه‌هایشان و `use_bias` را بررسی کنید")
    model.set_weights(weights)
    for length in (61, 128):
        x = rng.normal(size=(3, length, n_features)).astype("float32")
        try:
            out = np.asarray(model(x, training=False))
        except Exception:
            raise AssertionError(
                f"the model fails on a batch of sequences of {length} steps"
                f"\nfa: مدل روی batch دنباله‌هایی با `{length}` گام شکست می‌خورد") from None
        want = np.asarray(expected(x, training=False))
        assert out.shape == want.shape, (
            f"for sequences of {length} steps the output has shape {out.shape}, not {want.shape}"
            f"\nfa: برای دنباله‌های `{length}` گامی شکل خروجی `{out.shape}` است، نه `{want.shape}`")
        assert np.allclose(out, want, rtol=1e-4, atol=1e-4), (
            "with the same weights as the question's model, your model computes different "
            f"outputs (sequences of {length} steps): check the settings that keep Keras's "
            "defaults (for example go_backwards, recurrent_activation, reset_after, "
            "data_format, activations)"
            f"\nfa: با وزن‌های یکسان با مدل صورت پرسش، مدل شما خروجی دیگری حساب می‌کند (دنباله‌های `{length}` گامی): تنظیم‌هایی را که باید پیش‌فرض Keras بمانند بررسی کنید (مثلاً `go_backwards`، `recurrent_activation`، `reset_after`، `data_format` و تابع‌های فعال‌سازی)")


# %% test="hidden" points=3
def test_build_conv_gru_model_matches_reference(build_conv_gru_model):
    from autograder.grading.keras_tools import rebuild_model, layer_summary
    from solutions.hw03 import (input_problem, model_difference, output_shape_for_length,
                                build_conv_gru_model as reference)
    for n_features in (3, 14):
        model = rebuild_model(build_conv_gru_model(n_features))
        expected = reference(n_features)
        problem = model_difference(model, expected) or input_problem(model, n_features)
        assert problem is None, (f"{problem} (n_features={n_features})"
                                 f"\nfa: `{problem}` (`n_features={n_features}`)")
        assert model.count_params() == expected.count_params(), (
            f"the model has {model.count_params()} parameters for n_features={n_features}, the "
            f"question's model has {expected.count_params()}: is the input (None, n_features)?"
            f"\nfa: مدل برای `n_features={n_features}` تعداد `{model.count_params()}` پارامتر دارد و مدل صورت پرسش `{expected.count_params()}`: آیا ورودی `(None, n_features)` است؟")
    for length in (90, 241):
        try:
            shape = output_shape_for_length(model, length, 14)
        except Exception:
            raise AssertionError(
                f"the model fails on a batch of sequences of {length} steps: build it with "
                "keras.Input(shape=(None, n_features)) and no layer that needs a fixed length"
                f"\nfa: مدل روی batch دنباله‌هایی با `{length}` گام شکست می‌خورد: آن را با `keras.Input(shape=(None, n_features))` و بدون لایه‌ای که طول ثابت لازم دارد بسازید") from None
        want = output_shape_for_length(expected, length, 14)
        assert shape == want, (
            f"for sequences of {length} steps the output has shape {shape}, not {want}"
            f"\nfa: برای دنباله‌های `{length}` گامی شکل خروجی `{shape}` است، نه `{want}`")


# %% test="hidden" points=1
def test_build_conv_gru_model_computes_like_reference(build_conv_gru_model):
    import numpy as np
    from autograder.grading.keras_tools import rebuild_model
    from solutions.hw03 import build_conv_gru_model as reference
    rng = np.random.default_rng(3202)
    n_features = 5
    model = rebuild_model(build_conv_gru_model(n_features))
    expected = reference(n_features)
    weights = [rng.normal(0.0, 0.4, size=w.shape).astype("float32") for w in expected.get_weights()]
    expected.set_weights(weights)
    got_shapes = [tuple(w.shape) for w in model.get_weights()]
    assert got_shapes == [w.shape for w in weights], (
        "the model's weight shapes differ from the question's model: check the layers, their "
        "sizes and use_bias"
        "\nfa: شکل وزن‌های مدل با مدل صورت پرسش فرق دارد: لایه‌ها، اندازه‌هایشان و `use_bias` را بررسی کنید")
    model.set_weights(weights)
    for length in (61, 128):
        x = rng.normal(size=(3, length, n_features)).astype("float32")
        try:
            out = np.asarray(model(x, training=False))
        except Exception:
            raise AssertionError(
                f"the model fails on a batch of sequences of {length} steps"
                f"\nfa: مدل روی batch دنباله‌هایی با `{length}` گام شکست می‌خورد") from None
        want = np.asarray(expected(x, training=False))
        assert out.shape == want.shape, (
            f"for sequences of {length} steps the output has shape {out.shape}, not {want.shape}"
            f"\nfa: برای دنباله‌های `{length}` گامی شکل خروجی `{out.shape}` است، نه `{want.shape}`")
        assert np.allclose(out, want, rtol=1e-4, atol=1e-4), (
            "with the same weights as the question's model, your model computes different "
            f"outputs (sequences of {length} steps): check the settings that keep Keras's "
            "defaults (for example go_backwards, recurrent_activation, reset_after, "
            "data_format, activations)"
            f"\nfa: با وزن‌های یکسان با مدل صورت پرسش، مدل شما خروجی دیگری حساب می‌کند (دنباله‌های `{length}` گامی): تنظیم‌هایی را که باید پیش‌فرض Keras بمانند بررسی کنید (مثلاً `go_backwards`، `recurrent_activation`، `reset_after`، `data_format` و تابع‌های فعال‌سازی)")


# %% [raw]
# # BEGIN QUESTION
# name: q3

# %% [markdown]
# ## پرسش ۳: میدان دید یک پشتهٔ کانولوشن و تجمیع · Question 3: the receptive field of a convolution / pooling stack
#
# <div dir="rtl" lang="fa">
#
# هر گام خروجی یک پشته از لایه‌های `Conv1D` و `MaxPooling1D` (با `padding="valid"`) تنها به بازهٔ محدودی از گام‌های ورودی وابسته است. طول این بازه، یعنی تعداد گام‌ها از نخستین تا آخرین گام ورودی‌ای که آن خروجی می‌بیند (هر دو سر با هم)، میدان دید (receptive field) پشته است. (با کانولوشن متسع ممکن است برخی گام‌های درون بازه استفاده نشوند؛ باز هم کل بازه شمرده می‌شود.) مثلاً دو `Conv1D` با هستهٔ ۳ میدان دید ۵ دارند، ولی اگر بینشان یک `MaxPooling1D(2)` باشد، هر گام لایهٔ دوم دو گام ورودی جلوتر می‌رود و میدان دید ۸ می‌شود.
#
# تابع `receptive_field(layers)` میدان دید را به صورت یک عدد صحیح برمی‌گرداند. `layers` لیستی از دیکشنری‌ها به ترتیب لایه‌هاست:
#
# - `{"type": "conv1d", "kernel_size": k, "strides": s, "dilation_rate": d}`: کانولوشن یک‌بعدی. هستهٔ متسع با `dilation_rate = d` گام‌هایی به فاصلهٔ `d` را می‌بیند، پس بازه‌ای به طول `(k - 1) * d + 1` گام را می‌پوشاند. اگر کلید `"strides"` یا `"dilation_rate"` نباشد، مقدارش `1` است.
# - `{"type": "maxpool1d", "pool_size": p, "strides": s}`: تجمیع بیشینه. اگر `"strides"` نباشد یا `None` باشد، برابر `pool_size` است (مانند Keras).
#
# لیست خالی یعنی بدون لایه؛ میدان دید آن ۱ است. (یک نمونه: پایهٔ کانولوشنی مدل اول پرسش ۲ میدان دید ۶۱ دارد.)
#
# </div>
#
# Each output step of a stack of `Conv1D` and `MaxPooling1D` layers (`padding="valid"`) depends on a limited stretch of input steps only. The length of that stretch, counted from the first to the last input step the output sees (both included), is the stack's receptive field. (With dilated convolutions some steps inside the stretch may be unused; the whole stretch still counts.) Two `Conv1D` layers with kernel 3 see 5 steps, for example; put a `MaxPooling1D(2)` between them, and every step of the second layer moves two input steps on, so the receptive field grows to 8.
#
# `receptive_field(layers)` returns the receptive field as an int. `layers` is a list of dicts, in layer order:
#
# - `{"type": "conv1d", "kernel_size": k, "strides": s, "dilation_rate": d}`: a 1D convolution. A kernel with `dilation_rate = d` reads steps `d` apart, so it spans `(k - 1) * d + 1` steps. A missing `"strides"` or `"dilation_rate"` key means `1`.
# - `{"type": "maxpool1d", "pool_size": p, "strides": s}`: max pooling. A missing or `None` `"strides"` means `pool_size` (as in Keras).
#
# An empty list means no layer at all: its receptive field is 1. (For instance, the convolutional base of the first model of question 2 has a receptive field of 61.)

# %%
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


# %% test="public"
def test_receptive_field_small_stacks(receptive_field):
    conv3 = {"type": "conv1d", "kernel_size": 3, "strides": 1, "dilation_rate": 1}
    assert receptive_field([conv3]) == 3, ("one Conv1D with kernel 3 sees 3 steps"
                                           "\nfa: یک `Conv1D` با هستهٔ 3، 3 گام را می‌بیند")
    assert receptive_field([conv3, conv3]) == 5, ("two Conv1D with kernel 3 see 3 + 2 = 5 steps"
                                                  "\nfa: دو `Conv1D` با هستهٔ 3، `3 + 2 = 5` گام را می‌بینند")
    pool2 = {"type": "maxpool1d", "pool_size": 2, "strides": 2}
    assert receptive_field([conv3, pool2, conv3]) == 8, (
        "conv 3, pool 2, conv 3: the pool sees 3 + 1 = 4 steps and each step of the last conv "
        "moves 2 input steps on, so 4 + 2 * 2 = 8"
        "\nfa: کانولوشن 3، pool 2، کانولوشن 3: pool `3 + 1 = 4` گام را می‌بیند و هر گام کانولوشن آخر 2 گام ورودی جلو می‌رود، پس `4 + 2 * 2 = 8`")


# %% test="hidden" points=2
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
            f"{label}: return the receptive field as an int, not a {type(got).__name__}"
            f"\nfa: `{label}`: میدان دید را به‌صورت `int` برگردانید، نه `{type(got).__name__}`")
        want = reference(layers)
        assert got == want, (
            f"{label}: {got} is wrong; fill in the defaults (strides 1 for conv, pool_size for "
            "pooling, dilation 1) and remember that each stride spreads the later layers out"
            f"\nfa: `{label}`: مقدار `{got}` نادرست است؛ پیش‌فرض‌ها را در نظر بگیرید (`strides` برابر 1 برای کانولوشن و `pool_size` برای pooling، `dilation` برابر 1) و یادتان باشد هر stride لایه‌های بعدی را بازتر می‌کند")


# %% test="hidden" points=4
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
            f"wrong receptive field ({got}) for the stack {layers}"
            f"\nfa: میدان دید برای پشتهٔ `{layers}` نادرست است (`{got}`)")


# %% [markdown]
# ## آزمایش: سرعت و خطا · Experiment: speed and error
#
# <div dir="rtl" lang="fa">
#
# سلول زیر برچسب `skip-grading` دارد و هنگام نمره‌دهی اجرا نمی‌شود. داده را به ترتیب زمان تقسیم می‌کند (۷۰٪ اول برای آموزش و بقیه برای اعتبارسنجی)، با آمار بخش آموزش استاندارد می‌کند، با تابع‌های شما پنجره می‌سازد (`lookback = 720` یعنی پنج روز، `step = 6` یعنی یک ردیف در ساعت، `delay = 144` یعنی ۲۴ ساعت بعد)، هر دو مدل را `EPOCHS` دوره (epoch) آموزش می‌دهد و زمان هر دوره و MAE اعتبارسنجی را (به درجهٔ سلسیوس) کنار MAE مبنای ساده‌لوحانه رسم می‌کند. روی یک CPU معمولی کمتر از یک دقیقه طول می‌کشد. آزادید آن را تغییر دهید (`DELAY`، تعداد دوره‌ها، `step`، مدل بازگشتی خالص `GRU(32)` برای مقایسه و …).
#
# </div>
#
# The cell below is tagged `skip-grading`: grading does not run it. It splits the data in time order (the first 70 % trains, the rest validates), standardizes with the training part's statistics, cuts windows with your functions (`lookback = 720`: five days; `step = 6`: one row an hour; `delay = 144`: 24 hours ahead), trains both models for `EPOCHS` epochs and plots the time per epoch and the validation MAE (in °C) next to the naive baseline's MAE. It takes less than a minute on an ordinary CPU. Feel free to change it (`DELAY`, more epochs, another `step`, a plain `GRU(32)` model for comparison, …).

# %% tags=["skip-grading"]
import time
import matplotlib.pyplot as plt

LOOKBACK, STEP, DELAY = 720, 6, 144  # try DELAY = 36 (6 hours ahead) as well
EPOCHS = 2
n_train = int(0.7 * len(float_data))
scaled, mean, std = standardize(float_data, n_train)
# windows of each part separately, so that no validation target leaks into training
X_train, y_train = make_windows(scaled[:n_train], LOOKBACK, DELAY, STEP, TEMPERATURE_COL)
X_val, y_val = make_windows(scaled[n_train:], LOOKBACK, DELAY, STEP, TEMPERATURE_COL)
t_std = std[TEMPERATURE_COL]

results = {"naive": (naive_forecast_mae(scaled[n_train:], LOOKBACK, DELAY, STEP,
                                        TEMPERATURE_COL) * t_std, 0.0)}
print(f"      naive: val MAE {results['naive'][0]:.2f} degC")
for name, build in [("conv1d", build_conv1d_model), ("conv + GRU", build_conv_gru_model)]:
    model = build(float_data.shape[-1])
    model.compile(optimizer=keras.optimizers.RMSprop(), loss="mae")
    start = time.perf_counter()
    history = model.fit(X_train, y_train, batch_size=128, epochs=EPOCHS,
                        validation_data=(X_val, y_val), verbose=0)
    seconds_per_epoch = (time.perf_counter() - start) / EPOCHS
    results[name] = (history.history["val_loss"][-1] * t_std, seconds_per_epoch)
    print(f"{name:>11}: val MAE {results[name][0]:.2f} degC, {seconds_per_epoch:.1f} s/epoch")

fig, (ax_error, ax_time) = plt.subplots(1, 2, figsize=(10, 3.5))
ax_error.bar(list(results), [mae for mae, _ in results.values()])
ax_error.set_ylabel("validation MAE (degC)")
ax_time.bar(list(results)[1:], [sec for _, sec in list(results.values())[1:]])
ax_time.set_ylabel("seconds per epoch")
fig.tight_layout()
plt.show()

# %% [raw]
# # BEGIN QUESTION
# name: q4
# manual: true
# points: 5

# %% [markdown]
# ## پرسش ۴: کانولوشن یا بازگشت؟ (تشریحی) · Question 4: convolution or recurrence? (written)
#
# <div dir="rtl" lang="fa">
#
# سلول آزمایش بالا را اجرا کنید و نمودار را در دفترچه نگه دارید. سپس در چند جمله پاسخ دهید:
#
# 1. با `DELAY = 144` (پیش‌بینی ۲۴ ساعت بعد)، MAE اعتبارسنجی هر مدل و مبنای ساده‌لوحانه و زمان هر دوره را گزارش کنید. کدام مدل سریع‌تر است و آیا مدلی از مبنا بهتر شده است؟
# 2. آزمایش را با `DELAY = 36` (شش ساعت بعد) تکرار کنید. چرا خطای مبنای ساده‌لوحانه این‌قدر بیشتر می‌شود و چرا یک مدل آموخته‌شده می‌تواند از آن جلو بزند؟
# 3. چرا شبکهٔ کانولوشنی خالص، با اینکه سریع است، برای پیش‌بینی دما مناسب نیست؟ با پرسش ۳ بگویید هر ویژگی آخرین لایهٔ کانولوشن آن چند ساعت از ورودی را می‌بیند (با `step = 6` هر گام یک ساعت است) و `GlobalMaxPooling1D` با ترتیب زمانی چه می‌کند.
# 4. پایهٔ کانولوشنی در مدل دوم چه سودی برای GRU دارد؟ طول دنباله‌ای را که به GRU می‌رسد برای ورودی ۱۲۰ گامی حساب کنید.
#
# </div>
#
# Run the experiment cell above and keep its plot in the notebook. Then answer in a few sentences:
#
# 1. With `DELAY = 144` (24 hours ahead), report the validation MAE of each model and of the naive baseline, and the time per epoch. Which model is faster, and does any model beat the baseline?
# 2. Run it again with `DELAY = 36` (6 hours ahead). Why does the naive baseline's error grow so much, and why can a learned model get ahead of it?
# 3. Why is the pure convnet, fast as it is, a poor fit for temperature forecasting? Use question 3 to say how many hours of input each feature of its last convolution sees (with `step = 6` one step is one hour), and say what `GlobalMaxPooling1D` does to the order of time.
# 4. What does the convolutional base of the second model do for the GRU? Compute the length of the sequence that reaches the GRU for an input of 120 steps.

# %% [markdown] solution=true
# **Model answer and rubric (5 points).**
#
# 1. (1 point: the student's own numbers, a plot, and a correct reading of them.) In our runs of the cell on this data: the naive baseline is about 2.8 °C on the validation part; after 2 to 10 epochs both models stay clearly above it (about 4–5 °C); the conv1d model takes roughly half the time per epoch of the conv + GRU model (about 1 s versus 2–3 s here). With eight weeks of data, a validation period warmer than the training period and so few epochs, the numbers vary from run to run; an honest report that reads its own plot correctly gets the point, whichever model wins.
# 2. (1 point.) 24 hours ahead, the baseline copies the temperature at the same time of day, so the daily cycle cancels and only the slow weather swings are left: a strong baseline that is hard to beat. Six hours ahead, it copies a value from another phase of the daily cycle (for instance 8 am for 2 pm), so it is off by much of the daily amplitude (about 5 °C in our runs). The daily cycle is visible in the window, so a model can learn it and beat the baseline (our runs: about 3–4 °C).
# 3. (2 points.) The conv base (conv 5, pool 3, conv 5, pool 3, conv 5) has a receptive field of 61 steps, i.e. about 61 hours at one row per hour: each feature of the last convolution sees only half of the 120-hour window. `GlobalMaxPooling1D` then keeps the maximum over time of every feature: it keeps *whether* a pattern occurred, not *when*. For forecasting, the most recent hours matter far more than older ones, but the convnet treats a pattern five days ago like one an hour ago. Ignoring the order is what makes it fast and what makes it lose here (on tasks where a local pattern matters wherever it appears, such as many text tasks, it does well).
# 4. (1 point.) The conv base extracts local features and shortens the sequence, so the slow, sequential GRU runs on far fewer steps: 120 → conv 5 → 116 → pool 3 → 38 → conv 5 → 34 steps reach the GRU, which reads them in order and so keeps the sensitivity to recency. This makes longer lookbacks or a finer `step` affordable (the classic example uses `step = 3` with this model).
#
# <div dir="rtl" lang="fa">
#
# راهنمای تصحیح: ۱ نمره برای گزارش عددی و نمودار و خواندن درست آن (کانولوشن خالص حدود دو برابر سریع‌تر است؛ روی این داده با ۲۴ ساعت فاصله مبنای ساده‌لوحانه، حدود ۲٫۸ درجه، معمولاً بهتر از هر دو مدل است)؛ ۱ نمره برای اینکه با ۲۴ ساعت فاصله چرخهٔ روزانه حذف می‌شود ولی با ۶ ساعت نه؛ ۲ نمره برای میدان دید ۶۱ گام (حدود ۶۱ ساعت) و اینکه `GlobalMaxPooling1D` ترتیب زمانی و تازگی اطلاعات را دور می‌ریزد؛ ۱ نمره برای کوتاه شدن دنباله از ۱۲۰ به ۳۴ گام پیش از GRU.
#
# </div>
