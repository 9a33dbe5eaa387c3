"""The known-wrong notebooks of homework 3: run this script to rewrite them next to it.

    python assignments/hw03/mutants/make_mutants.py

How a mutant is made and checked: see autograder/authoring/mutants.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))
from autograder.authoring.mutants import Mutant, write_mutants  # noqa: E402

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


if __name__ == "__main__":
    write_mutants(HERE, master=MASTER, mutants=MUTANTS)
