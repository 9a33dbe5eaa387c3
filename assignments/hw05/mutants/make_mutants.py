"""The known-wrong notebooks of homework 5: run this script to rewrite them next to it.

    python assignments/hw05/mutants/make_mutants.py

How a mutant is made and checked: see autograder/authoring/mutants.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))
from autograder.authoring.mutants import Mistake, Mutant, write_mutants  # noqa: E402

MASTER = HERE.parent / "hw05.ipynb"

MUTANTS = [
    Mutant("q1_one_units_name", ("q1",),
           "declares one 'units' hyperparameter shared by every layer (as many tutorials do)", (
               ('width = hp.Int("units_" + str(i), min_value=32, max_value=256, step=32)',
                'width = hp.Int("units", min_value=32, max_value=256, step=32)'),)),
    Mutant("q1_linear_learning_rate", ("q1",),
           "samples the learning rate linearly: most trials get a rate near 1e-2", (
               ('lr = hp.Float("learning_rate", min_value=1e-4, max_value=1e-2, sampling="log")',
                'lr = hp.Float("learning_rate", min_value=1e-4, max_value=1e-2)'),)),
    Mutant("q1_fixed_learning_rate", ("q1",),
           "declares the learning rate but compiles with Adam's default rate", (
               ("optimizer=keras.optimizers.Adam(learning_rate=lr)",
                "optimizer=keras.optimizers.Adam()"),)),
    Mutant("q1_dropout_once", ("q1",), "puts a single Dropout after the last hidden layer only", (
        ("layers += [keras.layers.Dense(width, activation=\"relu\"), keras.layers.Dropout(rate)]",
         "layers += [keras.layers.Dense(width, activation=\"relu\")]"),
        ('layers.append(keras.layers.Dense(10, activation="softmax"))',
         'layers += [keras.layers.Dropout(rate), keras.layers.Dense(10, activation="softmax")]'))),
    Mutant("q2_float_floor_without_one", ("q2",),
           "forgets the +1 of a stepped range (counts the gaps, not the values)", (
               ("n = math.floor((cfg[\"max_value\"] - cfg[\"min_value\"]) / step) + 1",
                "n = math.floor((cfg[\"max_value\"] - cfg[\"min_value\"]) / step)"),)),
    Mutant("q2_log_as_linear", ("q2",),
           "counts a log-sampled range as if it were linear", (
               ('if cfg.get("sampling", "linear") == "log":', "if False:"),)),
    Mutant("q3_relu_before_add", ("q3",),
           "applies the last ReLU on the main path before the addition (pre-activation habit)", (
               ("main = layers.BatchNormalization()(main)\n    if stride",
                "main = layers.ReLU()(layers.BatchNormalization()(main))\n    if stride"),
               ("return layers.ReLU()(layers.Add()([main, shortcut]))",
                "return layers.Add()([main, shortcut])"))),
    Mutant("q3_projection_without_stride", ("q3",),
           "projects the shortcut only when the channels differ, forgetting the stride", (
               ("if stride == 1 and x.shape[-1] == filters:", "if x.shape[-1] == filters:"),)),
    Mutant("q3_vgg_pool_same", ("q3",), "pools with padding='same' (odd sizes round up)", (
        ('return layers.MaxPooling2D((2, 2))(out)',
         'return layers.MaxPooling2D((2, 2), padding="same")(out)'),)),
    Mutant("q4_vgg_without_biases", ("q4",), "counts the VGG kernels but not their biases", (
        ("count += (3 * 3 * c + 1) * n_filters", "count += 3 * 3 * c * n_filters"),)),
    Mutant("q4_batch_norm_all_trainable", ("q4",),
           "counts all four batch-norm vectors as trainable", (
               ("trainable = weights + 2 * bn_channels + (c + 1) * classes",
                "trainable = weights + 4 * bn_channels + (c + 1) * classes"),
               ('return {"total": trainable + 2 * bn_channels, "trainable": trainable,\n'
                '            "non_trainable": 2 * bn_channels}',
                'return {"total": trainable, "trainable": trainable, "non_trainable": 0}'))),
    Mutant("q5_summed_loss", ("q5",), "sums the loss over the batch instead of averaging it", (
        ("loss = tf.reduce_mean(keras.losses.sparse_categorical_crossentropy(y, probs))",
         "loss = tf.reduce_sum(keras.losses.sparse_categorical_crossentropy(y, probs))"),)),
    Mutant("q5_last_layer", ("q5",), "takes the gradient of the last layer's kernel", (
        ('first = [layer for layer in model.layers if getattr(layer, "kernel", None) is not None][0]',
         'first = [layer for layer in model.layers if getattr(layer, "kernel", None) is not None][-1]'),)),
    Mutant("q6_relu_like_grad_cam", ("q6",), "clips the CAM at zero before scaling", (
        ('cam = np.einsum("hwk,k->hw", np.asarray(feature_maps, dtype="float32"), w)',
         'cam = np.maximum(np.einsum("hwk,k->hw", np.asarray(feature_maps, dtype="float32"), w), 0)'),)),
    Mutant("q6_divides_by_max", ("q6",), "divides by the maximum instead of scaling min..max", (
        ("return (cam - cam.min()) / spread", "return cam / cam.max()"),)),
    Mutant("q6_nearest_resize", ("q6",), "resizes with nearest neighbours", (
        ('method="bilinear"', 'method="nearest"'),)),
    Mutant("q7_without_relu", ("q7",), "keeps the negative part of the weighted maps", (
        ("heatmap = tf.nn.relu(tf.reduce_sum(feature_maps[0] * alpha, axis=-1)).numpy()",
         "heatmap = tf.reduce_sum(feature_maps[0] * alpha, axis=-1).numpy()"),)),
    Mutant("q7_predicted_class", ("q7",), "always explains the predicted class", (
        ("class_score = predictions[0, class_index]",
         "class_score = tf.reduce_max(predictions[0])"),)),
]

# How the feedback names each mistake to a student whose outputs equal the mutant's.
MISTAKES = {
    "q1_one_units_name": Mistake(
        "one 'units' shared by every layer", "یک ابرپارامتر `units` برای همهٔ لایه‌ها",
        "You declare a single hyperparameter named `units` for every hidden layer, so all of "
        "them get the same width; declare one per layer: `units_0`, `units_1`, ... "
        "(`hp.Int(\"units_\" + str(i), ...)`).",
        "شما برای همهٔ لایه‌های پنهان یک ابرپارامتر به نام `units` اعلام کرده‌اید، پس همهٔ آن‌ها "
        "یک پهنا می‌گیرند؛ برای هر لایه یکی اعلام کنید: `units_0`، `units_1`، ... "
        "(`hp.Int(\"units_\" + str(i), ...)`)."),
    "q1_linear_learning_rate": Mistake(
        "learning rate sampled linearly", "نمونه‌برداری خطی از نرخ یادگیری",
        "Your learning rate is sampled linearly between `1e-4` and `1e-2`, so almost every "
        "trial gets a rate near `1e-2`; declare it with `sampling=\"log\"`, which tries each "
        "power of ten as often.",
        "نرخ یادگیری شما به‌طور خطی میان `1e-4` و `1e-2` نمونه‌برداری می‌شود، پس تقریباً هر "
        "آزمایش نرخی نزدیک `1e-2` می‌گیرد؛ آن را با `sampling=\"log\"` اعلام کنید تا هر توان "
        "ده به یک اندازه امتحان شود."),
    "q1_fixed_learning_rate": Mistake(
        "learning rate declared but not used", "نرخ یادگیری اعلام شده ولی به کار نرفته",
        "You declare `learning_rate` but compile with Adam's default rate; pass it to the "
        "optimizer: `keras.optimizers.Adam(learning_rate=lr)`.",
        "شما `learning_rate` را اعلام کرده‌اید ولی مدل را با نرخ پیش‌فرض Adam کامپایل می‌کنید؛ "
        "آن را به بهینه‌ساز بدهید: `keras.optimizers.Adam(learning_rate=lr)`."),
    "q1_dropout_once": Mistake(
        "a single Dropout", "فقط یک لایهٔ Dropout",
        "You put one `Dropout` after the last hidden layer only; every hidden `Dense` layer "
        "should be followed by its own `Dropout(rate)`.",
        "شما فقط یک `Dropout` پس از آخرین لایهٔ پنهان گذاشته‌اید؛ پس از هر لایهٔ `Dense` "
        "پنهان باید یک `Dropout(rate)` جداگانه بیاید."),
    "q2_float_floor_without_one": Mistake(
        "the +1 of a stepped range left out", "جا افتادن `+1` در بازهٔ گام‌دار",
        "You count the gaps between the values of a stepped range, not the values: from `min` "
        "to `max` with step `s` there are `floor((max - min) / s) + 1` values.",
        "شما فاصله‌های میان مقدارهای یک بازهٔ گام‌دار را شمرده‌اید، نه خود مقدارها را: از `min` "
        "تا `max` با گام `s` تعداد مقدارها `floor((max - min) / s) + 1` است."),
    "q2_log_as_linear": Mistake(
        "log sampling counted as linear", "شمردن نمونه‌برداری لگاریتمی مانند خطی",
        "You count a range with `sampling=\"log\"` as if it were linear; its values are "
        "`min * step**k`, so there are `floor(log_step(max / min)) + 1` of them.",
        "شما بازه‌ای با `sampling=\"log\"` را مانند بازهٔ خطی شمرده‌اید؛ مقدارهای آن "
        "`min * step**k` هستند، پس تعدادشان `floor(log_step(max / min)) + 1` است."),
    "q3_relu_before_add": Mistake(
        "ReLU before the addition", "ReLU پیش از جمع",
        "Your residual block applies the last ReLU on the main path before adding the "
        "shortcut; in the original ResNet the `Add` comes first and the ReLU after it.",
        "بلوک باقی‌ماندهٔ شما ReLU آخر را پیش از جمع با میان‌بر روی مسیر اصلی اعمال می‌کند؛ در "
        "ResNet اصلی اول `Add` می‌آید و ReLU پس از آن."),
    "q3_projection_without_stride": Mistake(
        "stride ignored for the shortcut", "نادیده گرفتن stride برای میان‌بر",
        "You use a projection shortcut only when the channels differ; with `stride != 1` the "
        "shapes differ too, so the shortcut needs the strided `1x1` convolution then as well.",
        "شما میان‌بر projection را فقط وقتی به کار برده‌اید که تعداد کانال‌ها فرق دارد؛ با "
        "`stride != 1` هم شکل‌ها فرق دارند، پس آن‌جا هم میان‌بر به کانولوشن `1x1` با همان "
        "`stride` نیاز دارد."),
    "q3_vgg_pool_same": Mistake(
        "pooling with padding='same'", "pooling با `padding=\"same\"`",
        "Your max pooling uses `padding=\"same\"`, so odd sizes round up; VGG pools with "
        "`padding=\"valid\"`, which rounds down.",
        "max pooling شما `padding=\"same\"` دارد، پس اندازه‌های فرد رو به بالا گرد می‌شوند؛ VGG "
        "با `padding=\"valid\"` که رو به پایین گرد می‌کند pooling انجام می‌دهد."),
    "q4_vgg_without_biases": Mistake(
        "VGG biases left out", "بایاس‌های VGG جا افتاده‌اند",
        "Your VGG16 count leaves out the biases: a 3x3 convolution from `c` to `n` channels "
        "has `(3 * 3 * c + 1) * n` parameters.",
        "در شمارش پارامترهای VGG16 شما بایاس‌ها نیامده‌اند: کانولوشن `3x3` از `c` به `n` کانال "
        "`(3 * 3 * c + 1) * n` پارامتر دارد."),
    "q4_batch_norm_all_trainable": Mistake(
        "every batch-norm vector counted as trainable",
        "همهٔ بردارهای BatchNormalization آموزش‌پذیر شمرده شده‌اند",
        "You count all four vectors of each `BatchNormalization` as trainable; the moving mean "
        "and moving variance are updated by averaging, not by gradients, so Keras counts them "
        "as non-trainable (only `gamma` and `beta` are trainable).",
        "شما هر چهار بردار هر `BatchNormalization` را آموزش‌پذیر شمرده‌اید؛ میانگین و واریانس "
        "متحرک با میانگین‌گیری به‌روز می‌شوند نه با گرادیان، پس Keras آن‌ها را آموزش‌ناپذیر "
        "می‌شمارد (فقط `gamma` و `beta` آموزش‌پذیرند)."),
    "q5_summed_loss": Mistake(
        "loss summed over the batch", "جمع هزینه روی batch",
        "Your loss is the sum of the batch's cross-entropies; the question asks for their mean "
        "(`tf.reduce_mean`), whose gradient is smaller by the batch size.",
        "هزینهٔ شما مجموع cross-entropy نمونه‌های batch است؛ پرسش میانگین آن‌ها را می‌خواهد "
        "(`tf.reduce_mean`) که گرادیانش به اندازهٔ batch کوچک‌تر است."),
    "q5_last_layer": Mistake(
        "gradient of the last layer", "گرادیان لایهٔ آخر",
        "You take the gradient with respect to the kernel of the last layer that has one; the "
        "question asks for the first layer with a kernel.",
        "شما گرادیان را نسبت به هستهٔ آخرین لایهٔ دارای هسته گرفته‌اید؛ پرسش نخستین لایهٔ "
        "دارای هسته را می‌خواهد."),
    "q6_relu_like_grad_cam": Mistake(
        "CAM clipped at zero", "بریدن CAM در صفر",
        "You clip the class activation map at zero before scaling it, as Grad-CAM does; CAM "
        "keeps the negative values and scales the minimum to 0 and the maximum to 1.",
        "شما نقشهٔ فعال‌سازی کلاس را پیش از مقیاس کردن، مانند Grad-CAM، در صفر بریده‌اید؛ CAM "
        "مقدارهای منفی را نگه می‌دارد و کمینه را به `0` و بیشینه را به `1` می‌برد."),
    "q6_divides_by_max": Mistake(
        "divided by the maximum", "تقسیم بر بیشینه",
        "You divide the map by its maximum; scale it with `(cam - min) / (max - min)`, so the "
        "minimum becomes 0 and the maximum 1.",
        "شما نقشه را بر بیشینه‌اش تقسیم کرده‌اید؛ آن را با `(cam - min) / (max - min)` مقیاس "
        "کنید تا کمینه `0` و بیشینه `1` شود."),
    "q6_nearest_resize": Mistake(
        "nearest-neighbour resize", "تغییر اندازه با نزدیک‌ترین همسایه",
        "You resize the map with nearest neighbours; resize it bilinearly "
        "(`tf.image.resize` with `method=\"bilinear\"`).",
        "شما اندازهٔ نقشه را با روش نزدیک‌ترین همسایه تغییر داده‌اید؛ آن را به روش دوخطی تغییر "
        "دهید (`tf.image.resize` با `method=\"bilinear\"`)."),
    "q7_without_relu": Mistake(
        "ReLU left out", "ReLU جا افتاده است",
        "Your Grad-CAM keeps the negative part of the weighted sum of the maps; apply ReLU "
        "before dividing by the maximum, so only the regions that raise the class's score "
        "remain.",
        "Grad-CAM شما بخش منفی مجموع وزن‌دار نقشه‌ها را نگه می‌دارد؛ پیش از تقسیم بر بیشینه "
        "ReLU را اعمال کنید تا فقط ناحیه‌هایی بمانند که امتیاز آن کلاس را بالا می‌برند."),
    "q7_predicted_class": Mistake(
        "always the predicted class", "همیشه کلاس پیش‌بینی‌شده",
        "Your Grad-CAM follows the largest output, the predicted class, whatever `class_index` "
        "is; take the gradient of `predictions[0, class_index]`.",
        "Grad-CAM شما هر `class_index` که داده شود، بزرگ‌ترین خروجی یعنی کلاس پیش‌بینی‌شده را "
        "دنبال می‌کند؛ گرادیان `predictions[0, class_index]` را بگیرید."),
}


if __name__ == "__main__":
    write_mutants(HERE, master=MASTER, mutants=MUTANTS, mistakes=MISTAKES)
