"""The known-wrong notebooks of homework 2: run this script to rewrite them next to it.

    python assignments/hw02/mutants/make_mutants.py

How a mutant is made and checked: see autograder/authoring/mutants.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))
from autograder.authoring.mutants import Mutant, write_mutants  # noqa: E402

MASTER = HERE.parent / "hw02.ipynb"

MUTANTS = [
    Mutant("q1_recurrent_kernel_transposed", ("q1",),
           "multiplies the previous state by Wh transposed (h_prev @ Wh.T)", (
               ("np.asarray(h_prev) @ np.asarray(Wh)", "np.asarray(h_prev) @ np.asarray(Wh).T"),)),
    Mutant("q1_ignores_initial_state", ("q1",), "rnn_forward starts from zeros instead of h0", (
        ("h = np.asarray(h0, dtype=float)", "h = np.zeros_like(np.asarray(h0, dtype=float))"),)),
    Mutant("q1_stack_fails_on_empty_sequence", ("q1",),
           "collects the states in a list and np.stack's them, which fails when T = 0", (
               ("states = np.zeros((x.shape[0], x.shape[1], h.shape[1]))", "states = []"),
               ("states[:, t, :] = h", "states.append(h)"),
               ("    return states", "    return np.stack(states, axis=1)"))),
    Mutant("q2_keras_update_convention", ("q2",),
           "uses u as the share of the previous state (Keras's z) instead of the candidate's", (
               ("return u * h_tilde + (1 - u) * h_prev", "return (1 - u) * h_tilde + u * h_prev"),)),
    Mutant("q2_reset_after_product", ("q2",),
           "applies the reset gate after the product with W_hh (Keras's reset_after=True)", (
               ('(r * h_prev) @ p["W_hh"]', 'r * (h_prev @ p["W_hh"])'),)),
    Mutant("q3_gate_order_ifoc", ("q3",), "reads the LSTM blocks in the order i, f, o, c", (
        ("z_i, z_f, z_c, z_o = (", "z_i, z_f, z_o, z_c = ("),)),
    Mutant("q3_no_output_gate", ("q3",), "returns tanh(c_t) without the output gate", (
        ("return gate_o * np.tanh(c_t), c_t", "return np.tanh(c_t), c_t"),)),
    Mutant("q4_bidirectional_passes_units_on", ("q4",),
           "feeds units (not 2 * units) into the layer after a bidirectional one", (
               ("features = directions * units", "features = units"),)),
    Mutant("q4_gru_single_bias", ("q4",), "counts one GRU bias per gate (reset_after=False)", (
        ('bias_count = 2 if cell == "gru" else 1', "bias_count = 1"),)),
    Mutant("q4_none_merge_single_shape", ("q4",),
           "returns one shape instead of a list of two when merge_mode is None", (
               ("return [single, single]", "return single"),)),
    Mutant("q5_rainy_cycle_backwards", ("q5",),
           "moves backwards in the dish cycle on rainy days", (
               ("yesterday = (d - w) % 3", "yesterday = (d + w) % 3"),)),
    Mutant("q5_wrong_start_after_sandwich", ("q5",),
           "starts from the pizza state when the day before was sandwich (about 2/3 of the days "
           "right: partial credit on q5)", (
               ("h0[dish, dish] = 1.0", "h0[dish, dish % 2] = 1.0"),)),
    Mutant("q5_no_and_bias", ("q5",),
           "leaves out the negative bias, so the AND units fire on one input alone", (
               ('"b": -np.ones(H)', '"b": np.zeros(H)'),)),
]


if __name__ == "__main__":
    write_mutants(HERE, master=MASTER, mutants=MUTANTS)
