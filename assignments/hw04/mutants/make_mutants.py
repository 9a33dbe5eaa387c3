"""The known-wrong notebooks of homework 4: run this script to rewrite them next to it.

    python assignments/hw04/mutants/make_mutants.py

How a mutant is made and checked: see autograder/authoring/mutants.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))
from autograder.authoring.mutants import Mistake, Mutant, write_mutants  # noqa: E402

MASTER = HERE.parent / "hw04.ipynb"

MUTANTS = [
    Mutant("q1_unbiased_variance", ("q1",), "divides the batch variance by N - 1 instead of N", (
        ("var = (diff * diff).mean(axis=0)",
         "var = (diff * diff).sum(axis=0) / max(len(xf) - 1, 1)"),)),
    Mutant("q1_shortcut_variance", ("q1",),
           "computes the variance as E[x^2] - E[x]^2, which cancels for data near 1e6", (
               ("var = (diff * diff).mean(axis=0)", "var = (xf * xf).mean(axis=0) - mu * mu"),)),
    Mutant("q1_float32_statistics", ("q1",),
           "computes the batch statistics in the input dtype (float32) instead of float64", (
               ("xf = x.astype(np.float64)\n    mu = xf.mean(axis=0)",
                "xf = x.astype(out_dtype)\n    mu = xf.mean(axis=0)"),)),
    Mutant("q1_identity_and_fake_allclose", ("q1",),
           "returns its inputs unchanged and replaces numpy.allclose by a function that always "
           "says True (must score 0 on q1)", (
               ("def forward_batchnorm(x, gamma, beta, eps=1e-5):\n",
                "np.allclose = lambda *args, **kwargs: True\n\n\n"
                "def forward_batchnorm(x, gamma, beta, eps=1e-5):\n    return x\n"),
               ("momentum=0.99, eps=1e-3):\n",
                "momentum=0.99, eps=1e-3):\n    return x, running_mean, running_var\n"),
               ("def batchnorm_inference(x, gamma, beta, running_mean, running_var, eps=1e-3):\n",
                "def batchnorm_inference(x, gamma, beta, running_mean, running_var, eps=1e-3):\n"
                "    return x\n"))),
    Mutant("q2_moving_stats_trainable", ("q2",),
           "counts BatchNormalization's moving mean and variance as trainable", (
               ('"trainable": dense + gamma_beta,', '"trainable": dense + gamma_beta + moving_stats,'),
               ('"non_trainable": moving_stats}', '"non_trainable": 0}'))),
    Mutant("q3_ignores_dilation", ("q3",),
           "uses the kernel size instead of the dilated span (k - 1) * d + 1 for output lengths", (
               ("span = (kernel_size - 1) * dilation + 1", "span = kernel_size"),)),
    Mutant("q3_same_padding_extra_zero_first", ("q3",),
           "puts the extra zero of an even 'same' padding before the input instead of after", (
               ("return (before, total - before)", "return (total - before, before)"),)),
    Mutant("q4_lstm_without_biases", ("q4",), "leaves the four gate biases out of the LSTM count", (
        ("return 4 * (units * input_dim + units * units + units)",
         "return 4 * (units * input_dim + units * units)"),)),
    Mutant("q4_gru_ignores_reset_after", ("q4",),
           "always counts one GRU bias vector per gate, even with reset_after=True", (
               ("biases_per_gate = 2 * units if reset_after else units", "biases_per_gate = units"),)),
    Mutant("q5_scaler_on_all_rows", ("q5",),
           "fits the standardization on every row, test period included (leakage)", (
               ("train_values = values[:n_train]", "train_values = values"),)),
    Mutant("q5_shuffled_split", ("q5",), "shuffles the rows before the train/test split", (
        ('target = df["consumption"].to_numpy(dtype=float)\n',
         'target = df["consumption"].to_numpy(dtype=float)\n'
         "    order = np.random.default_rng(0).permutation(len(df))\n"
         "    values, target = values[order], target[order]\n"),)),
    Mutant("q5_windows_across_split", ("q5",),
           "cuts windows over the whole series, so test windows reach back into training hours", (
               ("    X_train, y_train = cut(scaled[:n_train], target[:n_train])\n"
                "    X_test, y_test = cut(scaled[n_train:], target[n_train:])\n",
                "    X_all, y_all = cut(scaled, target)\n"
                "    X_train, y_train = X_all[:n_train - window], y_all[:n_train - window]\n"
                "    X_test, y_test = X_all[n_train - window:], y_all[n_train - window:]\n"),)),
    Mutant("q5_sample_std", ("q5",), "standardizes with the sample std (ddof=1) instead of ddof=0", (
        ("std = train_values.std(axis=0)", "std = train_values.std(axis=0, ddof=1)"),)),
]


# How the feedback names each mistake to a student whose outputs equal the mutant's.
MISTAKES = {
    "q1_unbiased_variance": Mistake(
        "variance divided by N - 1", "واریانس تقسیم بر N - 1",
        "Your variance divides by N - 1; batch normalization uses the biased variance of the "
        "batch, which divides by N (np.var with ddof=0).",
        "واریانس شما بر N - 1 تقسیم می‌شود؛ نرمال‌سازی دسته‌ای از واریانس اریب دسته استفاده "
        "می‌کند که بر N تقسیم می‌شود (np.var با ddof=0)."),
    "q1_shortcut_variance": Mistake(
        "variance as E[x^2] - E[x]^2", "واریانس به صورت E[x^2] - E[x]^2",
        "Your variance is computed as mean(x^2) - mean(x)^2, which loses all precision when the "
        "values are large (around 1e6): subtract the mean first, then average (x - mean)^2.",
        "واریانس شما به صورت mean(x^2) - mean(x)^2 حساب می‌شود که برای مقدارهای بزرگ (حدود "
        "1e6) دقتش را از دست می‌دهد: اول میانگین را کم کنید، بعد میانگین (x - mean)^2 را بگیرید."),
    "q1_float32_statistics": Mistake(
        "statistics in float32", "آماره‌ها با دقت float32",
        "Your mean and variance are computed in the input's float32; compute the batch "
        "statistics in float64 and convert only the output back to the input's dtype.",
        "میانگین و واریانس شما با همان float32 ورودی حساب می‌شوند؛ آماره‌های دسته را با "
        "float64 حساب کنید و فقط خروجی را به نوع دادهٔ ورودی برگردانید."),
    "q1_identity_and_fake_allclose": Mistake(
        "input returned unchanged", "برگرداندن ورودی بدون تغییر",
        "Your batch-normalization functions return their input unchanged; normalize each "
        "column with the batch (or running) statistics, then multiply by gamma and add beta.",
        "تابع‌های نرمال‌سازی دسته‌ای شما ورودی را بدون تغییر برمی‌گردانند؛ هر ستون را با "
        "آماره‌های دسته (یا آماره‌های متحرک) نرمال کنید، سپس در gamma ضرب و با beta جمع کنید."),
    "q2_moving_stats_trainable": Mistake(
        "moving statistics counted as trainable", "آماره‌های متحرک، آموزش‌پذیر شمرده شده‌اند",
        "You count BatchNormalization's moving mean and moving variance as trainable; they are "
        "updated by averaging, not by gradients, so Keras lists them as non-trainable (only "
        "gamma and beta are trainable).",
        "شما میانگین و واریانس متحرک لایهٔ BatchNormalization را آموزش‌پذیر شمرده‌اید؛ این‌ها "
        "با میانگین‌گیری به‌روز می‌شوند نه با گرادیان، پس Keras آن‌ها را آموزش‌ناپذیر می‌داند "
        "(فقط gamma و beta آموزش‌پذیرند)."),
    "q3_ignores_dilation": Mistake(
        "dilation ignored", "نادیده گرفتن نرخ اتساع (dilation)",
        "Your output length uses the kernel size as the kernel's span; a kernel of size k with "
        "dilation d spans (k - 1) * d + 1 input steps.",
        "در طول خروجی شما اندازهٔ هسته به جای گسترهٔ آن آمده است؛ هسته‌ای به اندازهٔ k با نرخ "
        "اتساع d روی (k - 1) * d + 1 گام ورودی گسترده می‌شود."),
    "q3_same_padding_extra_zero_first": Mistake(
        "extra padding zero on the wrong side", "صفر اضافهٔ پدینگ در سمت نادرست",
        "When 'same' padding needs an odd number of zeros, you put the extra zero before the "
        "input; Keras and TensorFlow put it after.",
        "وقتی پدینگ 'same' به تعداد فردی صفر نیاز دارد، شما صفر اضافه را پیش از ورودی "
        "گذاشته‌اید؛ Keras و TensorFlow آن را بعد از ورودی می‌گذارند."),
    "q4_lstm_without_biases": Mistake(
        "LSTM biases left out", "بایاس‌های LSTM جا افتاده‌اند",
        "Your LSTM count leaves out the biases: each of the four gates has `units` biases, so "
        "the count is 4 * (units * input_dim + units * units + units).",
        "در شمارش پارامترهای LSTM شما بایاس‌ها نیامده‌اند: هر یک از چهار دروازه `units` بایاس "
        "دارد، پس تعداد برابر 4 * (units * input_dim + units * units + units) است."),
    "q4_gru_ignores_reset_after": Mistake(
        "one GRU bias vector with reset_after=True", "یک بردار بایاس GRU با reset_after=True",
        "With reset_after=True (Keras's default) a GRU has two bias vectors per gate, one for "
        "the input part and one for the recurrent part; you count one.",
        "با reset_after=True (پیش‌فرض Keras) لایهٔ GRU برای هر دروازه دو بردار بایاس دارد، "
        "یکی برای بخش ورودی و یکی برای بخش بازگشتی؛ شما یکی شمرده‌اید."),
    "q5_scaler_on_all_rows": Mistake(
        "scaler fitted on the test period", "استانداردسازی با داده‌های دورهٔ آزمون",
        "Your standardization takes its mean and std from every row, the test period included, "
        "so test data leaks into training; fit them on the training rows only.",
        "استانداردسازی شما میانگین و انحراف معیار را از همهٔ ردیف‌ها، از جمله دورهٔ آزمون، "
        "می‌گیرد و دادهٔ آزمون به آموزش نشت می‌کند؛ آن‌ها را فقط از ردیف‌های آموزش بگیرید."),
    "q5_shuffled_split": Mistake(
        "rows shuffled before the split", "بر هم زدن ردیف‌ها پیش از تقسیم",
        "You shuffle the rows before splitting; in a time series the test set must be the last "
        "hours, after every training hour, in their order.",
        "شما پیش از تقسیم، ردیف‌ها را بر هم زده‌اید؛ در سری زمانی مجموعهٔ آزمون باید "
        "ساعت‌های پایانی باشد، پس از همهٔ ساعت‌های آموزش و به همان ترتیب."),
    "q5_windows_across_split": Mistake(
        "windows cross the split", "پنجره‌ها از مرز تقسیم می‌گذرند",
        "You cut the windows over the whole series, so the first test windows reach back into "
        "training hours; cut the training part and the test part into windows separately.",
        "شما پنجره‌ها را روی کل سری بریده‌اید، پس نخستین پنجره‌های آزمون به ساعت‌های آموزش "
        "برمی‌گردند؛ بخش آموزش و بخش آزمون را جداگانه پنجره‌بندی کنید."),
    "q5_sample_std": Mistake(
        "sample standard deviation (ddof=1)", "انحراف معیار نمونه (ddof=1)",
        "You standardize with the sample standard deviation (ddof=1); use the standard "
        "deviation of the training rows with ddof=0, NumPy's default.",
        "شما با انحراف معیار نمونه (ddof=1) استاندارد کرده‌اید؛ از انحراف معیار ردیف‌های "
        "آموزش با ddof=0، پیش‌فرض NumPy، استفاده کنید."),
}


if __name__ == "__main__":
    write_mutants(HERE, master=MASTER, mutants=MUTANTS, mistakes=MISTAKES)
