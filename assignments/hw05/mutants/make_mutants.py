"""The known-wrong notebooks of homework 5: run this script to rewrite them next to it.

    python assignments/hw05/mutants/make_mutants.py

How a mutant is made and checked: see autograder/authoring/mutants.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))
from autograder.authoring.mutants import Mutant, write_mutants  # noqa: E402

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


if __name__ == "__main__":
    write_mutants(HERE, master=MASTER, mutants=MUTANTS)
