"""Content of homework 3, part 1: the introduction, the weather data and question 1 (windows,
standardization and the common-sense baseline). Read by make_master.py; see there for the layout."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from autograder.authoring.master import AutoQuestion, Code, ManualQuestion, Markdown  # noqa: E402,F401

INTRO = r"""
# تمرین ۳ · Homework 3

**کانولوشن یک‌بعدی در برابر شبکه‌های بازگشتی برای پیش‌بینی دما** · **1D convnets versus RNNs for temperature forecasting**

<div dir="rtl" lang="fa">

در این تمرین مسئلهٔ معروف پیش‌بینی دما روی داده‌های ایستگاه هواشناسی ینا (Jena) را قدم‌به‌قدم می‌سازید: از یک سری زمانی چندمتغیره پنجره‌های ورودی و هدف می‌سازید، خطای پیش‌بینی ساده‌لوحانه (مبنای عقل سلیم) را حساب می‌کنید، دو مدل Keras می‌سازید (یک شبکهٔ کانولوشنی یک‌بعدی و ترکیب کانولوشن با GRU)، میدان دید (receptive field) پشته‌ای از لایه‌های کانولوشن و تجمیع را حساب می‌کنید و در پایان سرعت و خطای مدل‌ها را در آزمایشی کوچک مقایسه می‌کنید.

**نمره‌دهی**

- نام تابع‌ها و نام و ترتیب آرگومان‌هایشان را تغییر ندهید. تابع‌های شما با ورودی‌های تازه‌ای صدا زده می‌شوند که در این دفترچه نیستند؛ پاسخ را به مثال‌های همین‌جا وابسته نکنید.
- ورودی و خروجی تابع‌ها دادهٔ ساده است: عدد، رشته، `None`، لیست، تاپل، دیکشنری و آرایهٔ numpy. تنها استثنا تابع‌های پرسش ۲ است که یک مدل Keras برمی‌گردانند؛ نمره‌دهنده مدل را از روی پیکربندی آن دوباره می‌سازد، پس لایهٔ `Lambda` یا لایهٔ سفارشی به کار نبرید.
- `grader.check("q1")` تنها چند آزمون عمومی کوچک را اجرا می‌کند؛ بیشتر نمره از آزمون‌های پنهانی است که پس از تحویل اجرا می‌شوند.
- هنگام نمره‌دهی همهٔ سلول‌های کد از بالا به پایین اجرا می‌شوند، جز سلول‌هایی که برچسب `skip-grading` دارند. آموزش مدل‌ها (پرسش ۴) را فقط در چنین سلول‌هایی انجام دهید.
- پرسش تشریحی را به فارسی یا انگلیسی در سلول متنی مشخص‌شده بنویسید.

</div>

In this homework you build the classic temperature-forecasting problem on the Jena weather-station data step by step: you cut input windows and targets out of a multivariate time series, compute the error of the naive (common-sense) forecast, build two Keras models (a 1D convnet and a 1D convnet followed by a GRU), compute the receptive field of a stack of convolution and pooling layers and, finally, compare the speed and error of the models in a small experiment.

**Grading**

- Keep the function names and the names and order of their arguments. Your functions are called on fresh inputs that are not in this notebook, so do not tailor them to the examples here.
- Arguments and return values are plain data: numbers, strings, `None`, lists, tuples, dicts and numpy arrays. The only exception are the functions of question 2, which return a Keras model; the grader rebuilds the model from its configuration, so do not use `Lambda` or custom layers.
- `grader.check("q1")` runs only a few small public tests; most points come from hidden tests run after you submit.
- For grading, every code cell runs from top to bottom, except cells tagged `skip-grading`. Train models (question 4) only in such cells.
- Answer the written question in Persian or English in the marked text cell.
"""

IMPORTS = """
import os
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import numpy as np
import pandas as pd
"""

DATA_INTRO = r"""
## داده‌های هواشناسی · The weather data

<div dir="rtl" lang="fa">

فایل `data/weather_small.csv` هشت هفته از یک ایستگاه هواشناسی شبیه‌سازی‌شده را با گام‌های ده‌دقیقه‌ای (۱۴۴ ردیف در روز) نگه می‌دارد. ستون‌ها و ترتیبشان همان فایل واقعی `jena_climate_2009_2016.csv` است: `"Date Time"` و سپس ۱۴ ویژگی عددی مانند فشار `"p (mbar)"`، دما `"T (degC)"`، رطوبت نسبی `"rh (%)"` و سرعت باد `"wv (m/s)"`. دما چرخهٔ روزانه، روند فصلی و نوسان‌های چندروزه دارد و ستون‌های دیگر با آن همبسته‌اند.

تابع `load_weather(path=None)` فایل همراه تمرین را می‌خواند؛ اگر فایل واقعی ینا را دارید (آن را دانلود نمی‌کنیم)، مسیرش را بدهید تا همه چیز روی دادهٔ واقعی اجرا شود. مانند مثال کلاسیک، ستون تاریخ را کنار می‌گذاریم؛ در آرایهٔ حاصل ستون `1` دمای `"T (degC)"` است.

</div>

`data/weather_small.csv` holds eight weeks of a simulated weather station in 10-minute steps (144 rows a day). Its columns, in order, are those of the real `jena_climate_2009_2016.csv`: `"Date Time"`, then 14 numeric features such as the pressure `"p (mbar)"`, the temperature `"T (degC)"`, the relative humidity `"rh (%)"` and the wind speed `"wv (m/s)"`. The temperature has a daily cycle, a seasonal drift and swings over several days; the other columns are correlated with it.

`load_weather(path=None)` reads the shipped file; if you have the real Jena file (we do not download it), pass its path and everything below runs on the real data. As in the classic example, the date column is dropped; in the resulting array, column `1` is the temperature `"T (degC)"`.
"""

DATA_CELL = r'''
def load_weather(path=None):
    """The shipped weather series, or the real Jena CSV when its path is given."""
    return pd.read_csv("data/weather_small.csv" if path is None else path)


weather = load_weather()
float_data = weather.drop(columns=["Date Time"]).to_numpy(dtype=float)
TEMPERATURE_COL = 1
print(float_data.shape)
weather.head()
'''

# ============================================================== Q1 windows and baseline

Q1_TEXT = r"""
## پرسش ۱: پنجره‌ها، استانداردسازی و مبنای عقل سلیم · Question 1: windows, standardization and the common-sense baseline

<div dir="rtl" lang="fa">

در مثال کلاسیک ینا یک مولد (generator) با آرگومان‌های `lookback` (چند گام به عقب نگاه کنیم)، `step` (از هر چند گام یکی را برداریم) و `delay` (چند گام بعد را پیش‌بینی کنیم) دسته‌های نمونه می‌سازد. این‌جا همان کار را یک‌جا و بدون درهم‌ریختن انجام می‌دهید. `data` آرایه‌ای به شکل `(rows, features)` است.

1. `make_windows(data, lookback, delay, step, target_col)` تاپل `(X, y)` را برمی‌گرداند. برای **هر** ردیف `i` از `lookback` تا `len(data) - delay - 1` (هر دو سر بسته)، به ترتیب صعودی `i`، یک نمونه ساخته می‌شود:
   - `X[k] = data[list(range(i - lookback, i, step))]` که `k = i - lookback`؛ یعنی ردیف‌های `i - lookback`، `i - lookback + step`، … تا پیش از `i` (خود ردیف `i` جزو پنجره نیست).
   - `y[k] = data[i + delay][target_col]`.

   پس `X` شکل `(len(data) - delay - lookback, ceil(lookback / step), features)` و `y` شکل `(len(data) - delay - lookback,)` دارد. این دقیقاً خروجی مولد کلاسیک با `min_index=0`، `max_index=len(data) - delay` و `shuffle=False` است که یک بار روی همهٔ ردیف‌ها اجرا شود و دسته‌هایش پشت سر هم چیده شوند. اگر هیچ نمونه‌ای ساخته نشود، `ValueError` بدهید.
2. `standardize(data, train_rows)` تاپل `(scaled, mean, std)` را برمی‌گرداند: میانگین و انحراف معیار هر ستون **فقط** از `train_rows` ردیف اول (انحراف معیار جمعیتی، یعنی پیش‌فرض `np.std`) و `scaled = (data - mean) / std` برای همهٔ ردیف‌ها. اگر ستونی در ردیف‌های آموزشی ثابت است، `std` آن را `1` بگیرید.
3. `naive_forecast_mae(data, lookback, delay, step, target_col)` خطای مطلق میانگین (MAE) پیش‌بینی ساده‌لوحانه را روی همهٔ نمونه‌های `make_windows` برمی‌گرداند (یک عدد `float`): برای هر نمونه، پیش‌بینی همان مقدار ستون هدف در **آخرین** ردیف پنجره، یعنی `X[k, -1, target_col]`، است. (برای دما با `delay = 144` یعنی «دمای ۲۴ ساعت بعد همان دمای الان است».) هر مدل آموخته‌شده باید از این مبنا بهتر باشد تا ارزش داشته باشد.

</div>

The classic Jena example uses a generator with the arguments `lookback` (how many steps back to look), `step` (keep one row out of every `step`) and `delay` (how many steps ahead to predict). Here you do the same at once, without shuffling. `data` is an array of shape `(rows, features)`.

1. `make_windows(data, lookback, delay, step, target_col)` returns the tuple `(X, y)`. There is one sample for **every** row `i` from `lookback` to `len(data) - delay - 1` (both inclusive), in increasing order of `i`:
   - `X[k] = data[list(range(i - lookback, i, step))]` with `k = i - lookback`: the rows `i - lookback`, `i - lookback + step`, … up to, but not including, row `i`;
   - `y[k] = data[i + delay][target_col]`.

   So `X` has shape `(len(data) - delay - lookback, ceil(lookback / step), features)` and `y` has shape `(len(data) - delay - lookback,)`. This is exactly what the classic generator yields with `min_index=0`, `max_index=len(data) - delay` and `shuffle=False`, run once over all rows with its batches stacked one after the other. Raise a `ValueError` when there is no sample at all.
2. `standardize(data, train_rows)` returns the tuple `(scaled, mean, std)`: the mean and standard deviation of every column, taken from the first `train_rows` rows **only** (population std, `np.std`'s default), and `scaled = (data - mean) / std` for all rows. A column that is constant over the training rows gets `std = 1`.
3. `naive_forecast_mae(data, lookback, delay, step, target_col)` returns the mean absolute error (a `float`) of the naive forecast over all samples of `make_windows`: each sample is predicted by the target column's value in the **last** row of its window, `X[k, -1, target_col]`. (For the temperature with `delay = 144` this says "the temperature in 24 hours equals the temperature now".) A learned model is worth something only if it beats this baseline.
"""

Q1_SOLUTION = r'''
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
'''

Q1_PUBLIC = [r'''
def test_windows_tiny(make_windows):
    import numpy as np
    data = np.arange(20.0).reshape(10, 2)  # row r is [2r, 2r + 1]
    result = make_windows(data, 4, 2, 2, 1)
    assert isinstance(result, (tuple, list)) and len(result) == 2, "return the pair (X, y)"
    X, y = (np.asarray(part, dtype=float) for part in result)
    assert X.shape == (4, 2, 2), (
        f"10 rows, lookback 4, delay 2: i runs over 4, 5, 6, 7, so X has shape (4, 2, 2), not {X.shape}")
    assert np.array_equal(X[0], [[0, 1], [4, 5]]), "the first window (i = 4) holds the rows 0 and 2"
    assert np.array_equal(y, [13, 15, 17, 19]), (
        "y[k] is column 1 of row i + delay: rows 6, 7, 8, 9 give 13, 15, 17, 19")
''', r'''
def test_standardize_tiny(standardize):
    import numpy as np
    data = np.array([[1.0, 10.0], [3.0, 10.0], [100.0, 0.0]])
    result = standardize(data, 2)
    assert isinstance(result, (tuple, list)) and len(result) == 3, "return (scaled, mean, std)"
    scaled, mean, std = (np.asarray(part, dtype=float) for part in result)
    assert np.allclose(mean, [2, 10]) and np.allclose(std, [1, 1]), (
        "use the first 2 rows only: mean [2, 10], std [1, 0] and a zero std becomes 1")
    assert np.allclose(scaled, [[-1, 0], [1, 0], [98, -10]]), "scaled = (data - mean) / std"
''', r'''
def test_naive_tiny(naive_forecast_mae):
    import numpy as np
    data = np.arange(20.0).reshape(10, 2)
    mae = naive_forecast_mae(data, 4, 2, 2, 1)
    assert mae is not None and np.isclose(float(mae), 8.0), (
        "the last window row is i - 2 and the target row i + 2: column 1 differs by 2 * 4 = 8")
''']

Q1_HIDDEN = [(r'''
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
        assert X.shape == want_X.shape, f"{where}: X should have shape {want_X.shape}, not {X.shape}"
        assert y.shape == want_y.shape, f"{where}: y should have shape {want_y.shape}, not {y.shape}"
        assert np.allclose(X, want_X), f"{where}: wrong window rows (range(i - lookback, i, step))"
        assert np.allclose(y, want_y), f"{where}: wrong targets (data[i + delay][target_col])"
''', 2), (r'''
def test_windows_weather_slice(make_windows):
    import numpy as np
    from solutions.hw03 import load_weather, make_windows as reference, weather_values
    data = weather_values(load_weather())[1000:1800]
    X, y = (np.asarray(part, dtype=float) for part in make_windows(data, 144, 36, 6, 1))
    want_X, want_y = reference(data, 144, 36, 6, 1)
    assert X.shape == want_X.shape and y.shape == want_y.shape, (
        f"800 weather rows, lookback 144, delay 36, step 6: X must be {want_X.shape} and y "
        f"{want_y.shape}, not {X.shape} and {y.shape}")
    assert np.allclose(X, want_X) and np.allclose(y, want_y), (
        "the weather windows or targets are wrong: check the first and last i")
''', 1), (r'''
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
                "sample") from None
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
            f"not {X.shape} and {y.shape}")
        assert np.allclose(X, want_X) and np.allclose(y, want_y), (
            f"{label}: wrong windows or targets")
    for rows, label in [(10, "exactly lookback + delay rows"), (7, "fewer than lookback + delay rows")]:
        data = rng.normal(size=(rows, 2))
        try:
            make_windows(data, 6, 4, 2, 1)
        except ValueError:
            pass
        else:
            raise AssertionError(
                f"a series of {label} (lookback 6, delay 4) gives no sample: raise a ValueError")
''', 1), (r'''
def test_standardize_train_rows_only(standardize):
    import numpy as np
    from solutions.hw03 import standardize as reference
    rng = np.random.default_rng(3103)
    data = rng.normal(5.0, 3.0, size=(50, 4))
    data[:20, 2] = 7.5  # constant over the training rows
    got = standardize(data, 20)
    assert isinstance(got, (tuple, list)) and len(got) == 3, "return (scaled, mean, std)"
    for name, part, want in zip(("scaled", "mean", "std"), got, reference(data, 20)):
        part = np.asarray(part, dtype=float)
        assert part.shape == want.shape, f"{name} should have shape {want.shape}, not {part.shape}"
        assert np.allclose(part, want), (
            f"wrong {name}: statistics from the first train_rows rows only, population std, "
            "and std 1 for a column constant over them")
''', 1), (r'''
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
            raise AssertionError(f"{label}: standardize raised {type(exc).__name__}") from None
        assert isinstance(got, (tuple, list)) and len(got) == 3, "return (scaled, mean, std)"
        for name, part, want in zip(("scaled", "mean", "std"), got, reference(data, train_rows)):
            part = np.asarray(part, dtype=float)
            assert part.shape == want.shape, (
                f"{label}: {name} should have shape {want.shape}, not {part.shape}")
            assert np.allclose(part, want), (
                f"{label}: wrong {name}; only a std of exactly 0 is replaced by 1")
''', 1), (r'''
def test_naive_random_arrays(naive_forecast_mae):
    import numpy as np
    from solutions.hw03 import naive_forecast_mae as reference
    rng = np.random.default_rng(3104)
    for rows, features, lookback, delay, step, target_col in [
            (30, 3, 6, 2, 3, 1), (26, 2, 7, 1, 2, 0), (40, 4, 12, 5, 1, 3), (14, 2, 8, 5, 3, 1)]:
        data = np.cumsum(rng.normal(size=(rows, features)), axis=0)
        got = naive_forecast_mae(data, lookback, delay, step, target_col)
        assert isinstance(got, (float, np.floating)), (
            f"naive_forecast_mae should return one float, not a {type(got).__name__}")
        got = float(got)
        want = reference(data, lookback, delay, step, target_col)
        assert np.isclose(got, want), (
            f"lookback={lookback}, delay={delay}, step={step}: MAE {got:.4f} is wrong; predict "
            "each target with the target column of the last row of its window (and make sure "
            "make_windows passes its own tests first)")
''', 1), (r'''
def test_naive_weather_day_ahead(naive_forecast_mae):
    import numpy as np
    from solutions.hw03 import load_weather, naive_forecast_mae as reference, weather_values
    data = weather_values(load_weather())
    got = float(naive_forecast_mae(data, 720, 144, 6, 1))
    want = reference(data, 720, 144, 6, 1)
    assert np.isclose(got, want), (
        f"the day-ahead naive MAE on the shipped weather data is {got:.4f}, which is wrong: "
        "compare the last row of each window with the target, over every sample")
''', 1)]
