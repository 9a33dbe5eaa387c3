"""The known-wrong notebooks of homework 1: run this script to rewrite them next to it.

    python assignments/hw01/mutants/make_mutants.py

How a mutant is made and checked: see autograder/authoring/mutants.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))
from autograder.authoring.mutants import Mistake, Mutant, write_mutants  # noqa: E402

MASTER = HERE.parent / "hw01.ipynb"

MUTANTS = [
    Mutant("q1_ignores_return_state", ("q1",),
           "returns only the output shape even when return_state=True", (
               ("return output_shape, final_state_shape", "return output_shape"),)),
    Mutant("q1_sequence_axes_swapped", ("q1",),
           "puts units before timesteps in the return_sequences shape", (
               ("output_shape = (batch, timesteps, units)",
                "output_shape = (batch, units, timesteps)"),)),
    Mutant("q2_rnn_reads_one_step", ("q2",),
           "reshapes the image into one time step of rows * cols features before the SimpleRNN", (
               ("keras.layers.SimpleRNN(128)(rows)",
                "keras.layers.SimpleRNN(128)(keras.layers.Reshape((1, -1))(rows))"),)),
    Mutant("q2_rnn_reads_columns", ("q2",),
           "transposes the image, so the SimpleRNN reads columns (right only for square images)", (
               ("keras.layers.SimpleRNN(128)(rows)",
                "keras.layers.SimpleRNN(128)(keras.layers.Permute((2, 1))(rows))"),)),
    Mutant("q2_linear_mlp", ("q2",),
           "hidden Dense layers without activation: the MLP is only a linear classifier", (
               ('keras.layers.Dense(96, activation="relu")', "keras.layers.Dense(96)"),
               ('keras.layers.Dense(48, activation="relu")', "keras.layers.Dense(48)"))),
    Mutant("q3_no_recurrent_kernel", ("q3",),
           "forgets the recurrent kernel (units x units) of the SimpleRNN", (
               ("recurrent_kernel = units * units", "recurrent_kernel = 0"),)),
    Mutant("q3_dense_without_bias", ("q3",), "counts the Dense weights but not the biases", (
        ("return (input_dim + 1) * units", "return input_dim * units"),)),
    Mutant("q4_sigmoid_output", ("q4",), "ends the video model with sigmoid instead of softmax", (
        ('outputs = layers.Dense(num_classes, activation="softmax")(x)',
         'outputs = layers.Dense(num_classes, activation="sigmoid")(x)'),)),
    Mutant("q4_no_frame_cnn", ("q4",),
           "feeds the flattened frames straight into the GRU (no per-frame CNN)", (
               ("""x = layers.TimeDistributed(layers.Conv2D(8, 3, padding="same", activation="relu"))(clip)
    x = layers.TimeDistributed(layers.MaxPooling2D(2))(x)
    x = layers.TimeDistributed(layers.Conv2D(16, 3, padding="same", activation="relu"))(x)
    x = layers.TimeDistributed(layers.GlobalAveragePooling2D())(x)  # (batch, frames, 16)""",
                "x = layers.Reshape((frames, height * width * channels))(clip)"),)),
    Mutant("q4_frames_fixed_to_six", ("q4",),
           "hard-codes 6 frames in the Input, so other clip lengths fail", (
               ("clip = keras.Input(shape=(frames, height, width, channels))",
                "clip = keras.Input(shape=(6, height, width, channels))"),)),
]


# How the feedback names each mistake to a student whose outputs equal the mutant's.
MISTAKES = {
    "q1_ignores_return_state": Mistake(
        "return_state ignored", "نادیده گرفتن return_state",
        "With return_state=True a SimpleRNN returns its output and its last state, a list of "
        "two shapes; yours gives only the output's shape.",
        "با return_state=True لایهٔ SimpleRNN خروجی و آخرین حالت را برمی‌گرداند، یعنی فهرستی از "
        "دو شکل؛ پاسخ شما فقط شکل خروجی را می‌دهد."),
    "q1_sequence_axes_swapped": Mistake(
        "sequence axes swapped", "جابه‌جایی محورهای دنباله",
        "With return_sequences=True the output shape is (batch, timesteps, units); yours puts "
        "units before timesteps.",
        "با return_sequences=True شکل خروجی (batch, timesteps, units) است؛ در پاسخ شما units "
        "پیش از timesteps آمده است."),
    "q2_rnn_reads_one_step": Mistake(
        "image read as one time step", "خواندن تصویر در یک گام زمانی",
        "You reshape each image into a single time step of rows * cols features, so the "
        "SimpleRNN has no sequence to read; give it one time step per row, of cols features.",
        "شما هر تصویر را به یک گام زمانی با rows * cols ویژگی تبدیل کرده‌اید، پس SimpleRNN "
        "دنباله‌ای برای خواندن ندارد؛ برای هر سطر یک گام زمانی با cols ویژگی بدهید."),
    "q2_rnn_reads_columns": Mistake(
        "image read column by column", "خواندن تصویر ستون به ستون",
        "You transpose the image, so the SimpleRNN reads columns; each time step must be one "
        "row of the image (the slip only goes unnoticed on square images).",
        "شما تصویر را ترانهاده کرده‌اید، پس SimpleRNN ستون‌ها را می‌خواند؛ هر گام زمانی باید "
        "یک سطر تصویر باشد (این اشتباه فقط در تصویرهای مربعی دیده نمی‌شود)."),
    "q2_linear_mlp": Mistake(
        "hidden layers without activation", "لایه‌های پنهان بدون تابع فعال‌سازی",
        "Your hidden Dense layers have no activation, so the whole MLP is one linear map; give "
        "them a nonlinearity such as ReLU.",
        "لایه‌های Dense پنهان شما تابع فعال‌سازی ندارند، پس کل MLP فقط یک نگاشت خطی است؛ به "
        "آن‌ها یک تابع غیرخطی مانند ReLU بدهید."),
    "q3_no_recurrent_kernel": Mistake(
        "recurrent kernel left out", "ماتریس بازگشتی جا افتاده",
        "Your SimpleRNN count leaves out the recurrent kernel of units * units weights; the "
        "count is units * (input_dim + units + 1).",
        "در شمارش پارامترهای SimpleRNN شما ماتریس بازگشتی units * units نیامده است؛ تعداد "
        "برابر units * (input_dim + units + 1) است."),
    "q3_dense_without_bias": Mistake(
        "Dense biases left out", "بایاس‌های Dense جا افتاده‌اند",
        "Your Dense count leaves out the biases: a Dense layer has input_dim * units weights "
        "plus units biases.",
        "در شمارش پارامترهای Dense شما بایاس‌ها نیامده‌اند: لایهٔ Dense به تعداد "
        "input_dim * units وزن و units بایاس دارد."),
    "q4_sigmoid_output": Mistake(
        "sigmoid output for one class among several", "خروجی sigmoid برای انتخاب یک کلاس از چند کلاس",
        "Your video classifier ends with a sigmoid; choosing one class among several needs a "
        "softmax, whose outputs sum to 1.",
        "دسته‌بند ویدیوی شما با sigmoid تمام می‌شود؛ برای انتخاب یک کلاس از میان چند کلاس "
        "softmax لازم است که جمع خروجی‌هایش 1 است."),
    "q4_no_frame_cnn": Mistake(
        "no CNN on each frame", "بدون CNN روی هر فریم",
        "You feed the flattened frames straight into the GRU; run a small CNN on every frame "
        "first (TimeDistributed), then let the GRU read the per-frame features.",
        "شما فریم‌های تخت‌شده را مستقیم به GRU داده‌اید؛ اول یک CNN کوچک را روی هر فریم اجرا "
        "کنید (TimeDistributed) و بعد ویژگی‌های هر فریم را به GRU بدهید."),
    "q4_frames_fixed_to_six": Mistake(
        "number of frames fixed", "ثابت کردن تعداد فریم‌ها",
        "Your Input fixes the number of frames at 6, so clips of other lengths fail; leave the "
        "time axis as None.",
        "ورودی شما تعداد فریم‌ها را 6 ثابت کرده است و کلیپ‌هایی با طول دیگر خطا می‌دهند؛ "
        "محور زمان را None بگذارید."),
}


if __name__ == "__main__":
    write_mutants(HERE, master=MASTER, mutants=MUTANTS, mistakes=MISTAKES)
