"""The known-wrong notebooks of homework 1: run this script to rewrite them next to it.

    python assignments/hw01/mutants/make_mutants.py

How a mutant is made and checked: see autograder/authoring/mutants.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))
from autograder.authoring.mutants import Mutant, write_mutants  # noqa: E402

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


if __name__ == "__main__":
    write_mutants(HERE, master=MASTER, mutants=MUTANTS)
