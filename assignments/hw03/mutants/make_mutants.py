"""The known-wrong notebooks of homework 3: run this script to rewrite them next to it.

    python assignments/hw03/mutants/make_mutants.py

How a mutant is made and checked: see autograder/authoring/mutants.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))
from autograder.authoring.mutants import Mistake, Mutant, write_mutants  # noqa: E402

MASTER = HERE.parent / "hw03.ipynb"

MUTANTS = [
    Mutant("q1_target_one_step_early", ("q1",),
           "takes the target at i + delay - 1 instead of i + delay", (
               ("targets.append(data[i + delay][target_col])",
                "targets.append(data[i + delay - 1][target_col])"),)),
    Mutant("q1_windows_stop_one_early", ("q1",),
           "stops at i = len(data) - delay - 2 (the generator's default max_index), one sample short",
           (("first, last = lookback, len(data) - delay - 1",
             "first, last = lookback, len(data) - delay - 2"),)),
    Mutant("q1_naive_first_row_of_window", ("q1",),
           "predicts with the first row of the window instead of the last", (
               ("last_seen = X[:, -1, target_col]", "last_seen = X[:, 0, target_col]"),)),
    Mutant("q1_standardize_on_all_rows", ("q1",),
           "takes the mean and std of every row, not of the training rows only", (
               ("mean = data[:train_rows].mean(axis=0)", "mean = data.mean(axis=0)"),
               ("std = data[:train_rows].std(axis=0)", "std = data.std(axis=0)"))),
    Mutant("q1_no_error_without_sample", ("q1",),
           "returns empty arrays instead of raising a ValueError when there is no sample", (
               ('    if last < first:\n        raise ValueError("not enough rows for this lookback and delay")\n',
                ""),)),
    Mutant("q2_flatten_fixed_length", ("q2",),
           "ends the convnet with Flatten on a fixed length of 240 steps", (
               ("model.add(keras.Input(shape=(None, n_features)))\n    for block",
                "model.add(keras.Input(shape=(240, n_features)))\n    for block"),
               ("model.add(layers.GlobalMaxPooling1D())", "model.add(layers.Flatten())"))),
    Mutant("q2_fixed_input_length", ("q2",),
           "gives the conv + GRU model a fixed input length of 120 steps", (
               ("model.add(keras.Input(shape=(None, n_features)))\n    model.add(layers.Conv1D",
                "model.add(keras.Input(shape=(120, n_features)))\n    model.add(layers.Conv1D"),)),
    Mutant("q2_gru_without_recurrent_dropout", ("q2",), "leaves out recurrent_dropout=0.5", (
        ("layers.GRU(32, dropout=0.1, recurrent_dropout=0.5)", "layers.GRU(32, dropout=0.1)"),)),
    Mutant("q2_gru_reads_backwards", ("q2",),
           "the GRU reads the sequence backwards (go_backwards=True): same layer settings, other outputs", (
               ("layers.GRU(32, dropout=0.1, recurrent_dropout=0.5)",
                "layers.GRU(32, dropout=0.1, recurrent_dropout=0.5, go_backwards=True)"),)),
    Mutant("q3_pooling_strides_ignored", ("q3",),
           "treats every pooling layer as if its stride were 1", (
               ('stride = layer.get("strides") or layer["pool_size"]', "stride = 1"),)),
    Mutant("q3_dilation_ignored", ("q3",), "uses kernel_size as the span of a dilated kernel", (
        ('size = (layer["kernel_size"] - 1) * layer.get("dilation_rate", 1) + 1',
         'size = layer["kernel_size"]'),)),
    Mutant("q3_returns_float", ("q3",), "returns the receptive field as a float, not an int", (
        ("    return int(width)", "    return float(width)"),)),
]


# How the feedback names each mistake to a student whose outputs equal the mutant's.
MISTAKES = {
    "q1_target_one_step_early": Mistake(
        "target one step early", "هدف یک گام زودتر",
        "Your target is taken at i + delay - 1; the value to predict lies delay steps ahead, "
        "at i + delay.",
        "هدف شما از i + delay - 1 گرفته می‌شود؛ مقداری که باید پیش‌بینی شود delay گام جلوتر، "
        "یعنی در i + delay، است."),
    "q1_windows_stop_one_early": Mistake(
        "one window short", "یک پنجره کم",
        "Your windows stop one sample early (at len(data) - delay - 2, the old generator's "
        "default max_index); the last window whose target exists belongs in the data too.",
        "پنجره‌های شما یک نمونه زودتر تمام می‌شوند (در len(data) - delay - 2، مقدار پیش‌فرض "
        "max_index در مولد قدیمی)؛ آخرین پنجره‌ای که هدفش وجود دارد هم باید بیاید."),
    "q1_naive_first_row_of_window": Mistake(
        "naive forecast from the first row", "پیش‌بینی ساده از سطر اول پنجره",
        "Your naive baseline predicts with the first row of the window; the naive forecast "
        "repeats the most recent value, the window's last row.",
        "خط پایهٔ سادهٔ شما با سطر اول پنجره پیش‌بینی می‌کند؛ پیش‌بینی ساده تازه‌ترین مقدار، "
        "یعنی سطر آخر پنجره، را تکرار می‌کند."),
    "q1_standardize_on_all_rows": Mistake(
        "standardized with every row", "استانداردسازی با همهٔ سطرها",
        "You take the mean and std of every row; compute them on the training rows only, or "
        "information from the validation and test periods leaks in.",
        "شما میانگین و انحراف معیار را از همهٔ سطرها گرفته‌اید؛ آن‌ها را فقط از سطرهای آموزش "
        "حساب کنید، وگرنه اطلاعات دوره‌های اعتبارسنجی و آزمون نشت می‌کند."),
    "q1_no_error_without_sample": Mistake(
        "no error when no window fits", "نبود خطا وقتی هیچ پنجره‌ای جا نمی‌شود",
        "When the data is too short for a single window your function returns empty arrays; "
        "it must raise a ValueError that says so.",
        "وقتی داده برای حتی یک پنجره کوتاه است، تابع شما آرایه‌های خالی برمی‌گرداند؛ باید "
        "ValueError بدهد و همین را بگوید."),
    "q2_flatten_fixed_length": Mistake(
        "Flatten fixes the length", "Flatten طول را ثابت می‌کند",
        "Your convnet ends with Flatten on 240 steps, so it accepts only that length; use "
        "global pooling so that any length works.",
        "شبکهٔ کانولوشنی شما با Flatten روی 240 گام تمام می‌شود و فقط همین طول را می‌پذیرد؛ "
        "از ادغام سراسری (global pooling) استفاده کنید تا هر طولی کار کند."),
    "q2_fixed_input_length": Mistake(
        "fixed input length", "طول ورودی ثابت",
        "Your conv + GRU model fixes the input length at 120 steps; leave the time axis as "
        "None.",
        "مدل کانولوشن + GRU شما طول ورودی را 120 گام ثابت کرده است؛ محور زمان را None "
        "بگذارید."),
    "q2_gru_without_recurrent_dropout": Mistake(
        "recurrent dropout left out", "جا افتادن dropout بازگشتی",
        "Your GRU has no recurrent_dropout; the question asks for recurrent_dropout=0.5.",
        "لایهٔ GRU شما recurrent_dropout ندارد؛ سؤال recurrent_dropout=0.5 را خواسته است."),
    "q2_gru_reads_backwards": Mistake(
        "GRU reads backwards", "خواندن وارونهٔ دنباله در GRU",
        "Your GRU has go_backwards=True, so it reads the sequence from its end; the question's "
        "model reads it forwards.",
        "لایهٔ GRU شما go_backwards=True دارد و دنباله را از انتها می‌خواند؛ مدل سؤال آن را از "
        "ابتدا می‌خواند."),
    "q3_pooling_strides_ignored": Mistake(
        "pooling stride ignored", "نادیده گرفتن گام لایهٔ ادغام",
        "You treat every pooling layer as if its stride were 1; a pooling layer's stride "
        "defaults to its pool size, which multiplies how fast the receptive field grows in "
        "every later layer.",
        "شما گام هر لایهٔ ادغام را 1 گرفته‌اید؛ گام لایهٔ ادغام به‌طور پیش‌فرض برابر اندازهٔ "
        "پنجرهٔ آن است و سرعت رشد میدان دریافت را در همهٔ لایه‌های بعدی چند برابر می‌کند."),
    "q3_dilation_ignored": Mistake(
        "dilation ignored", "نادیده گرفتن نرخ اتساع",
        "You use kernel_size as the span of a dilated kernel; it spans "
        "(kernel_size - 1) * dilation_rate + 1 steps.",
        "شما kernel_size را گسترهٔ هستهٔ اتساع‌یافته گرفته‌اید؛ گسترهٔ آن "
        "(kernel_size - 1) * dilation_rate + 1 گام است."),
    "q3_returns_float": Mistake(
        "receptive field as a float", "میدان دریافت به صورت عدد اعشاری",
        "Your receptive field is a float; it counts input steps, so return an int.",
        "میدان دریافت شما عدد اعشاری است؛ این عدد گام‌های ورودی را می‌شمارد، پس یک int "
        "برگردانید."),
}


if __name__ == "__main__":
    write_mutants(HERE, master=MASTER, mutants=MUTANTS, mistakes=MISTAKES)
