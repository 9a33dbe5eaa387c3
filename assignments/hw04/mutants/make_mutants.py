"""The known-wrong notebooks of homework 4: run this script to rewrite them next to it.

    python assignments/hw04/mutants/make_mutants.py

How a mutant is made and checked: see autograder/authoring/mutants.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))
from autograder.authoring.mutants import Mutant, write_mutants  # noqa: E402

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


if __name__ == "__main__":
    write_mutants(HERE, master=MASTER, mutants=MUTANTS)
