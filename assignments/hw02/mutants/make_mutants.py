"""The known-wrong notebooks of homework 2: run this script to rewrite them next to it.

    python assignments/hw02/mutants/make_mutants.py

How a mutant is made and checked: see autograder/authoring/mutants.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))
from autograder.authoring.mutants import Mistake, Mutant, write_mutants  # noqa: E402

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


# How the feedback names each mistake to a student whose outputs equal the mutant's.
MISTAKES = {
    "q1_recurrent_kernel_transposed": Mistake(
        "recurrent kernel transposed", "ماتریس بازگشتی ترانهاده شده",
        "You multiply the previous state by Wh transposed; in Keras's layout the state "
        "multiplies Wh as it is: h_prev @ Wh.",
        "شما حالت قبلی را در ترانهادهٔ Wh ضرب کرده‌اید؛ در چیدمان Keras حالت در خود Wh ضرب "
        "می‌شود: h_prev @ Wh."),
    "q1_ignores_initial_state": Mistake(
        "initial state ignored", "نادیده گرفتن حالت اولیه",
        "Your rnn_forward starts from zeros instead of the h0 it is given; the first step must "
        "use h0 as the previous state.",
        "تابع rnn_forward شما به جای h0 داده‌شده از صفر شروع می‌کند؛ گام اول باید h0 را حالت "
        "قبلی بگیرد."),
    "q1_stack_fails_on_empty_sequence": Mistake(
        "fails on an empty sequence", "خطا روی دنبالهٔ خالی",
        "Your function stacks a list of states, which fails when the sequence has no time "
        "step (T = 0); allocate the (batch, T, units) output first, so that an empty sequence "
        "gives an empty array.",
        "تابع شما فهرستی از حالت‌ها را با np.stack کنار هم می‌گذارد که وقتی دنباله هیچ گام "
        "زمانی ندارد (T = 0) خطا می‌دهد؛ خروجی (batch, T, units) را از اول بسازید تا دنبالهٔ "
        "خالی آرایه‌ای خالی بدهد."),
    "q2_keras_update_convention": Mistake(
        "update gate roles swapped", "جابه‌جایی نقش دروازهٔ به‌روزرسانی",
        "You use u as the share of the previous state; in this question's GRU, u is the share "
        "of the candidate: h = u * h_tilde + (1 - u) * h_prev (Keras's z is 1 - u).",
        "شما u را سهم حالت قبلی گرفته‌اید؛ در GRU این سؤال u سهم حالت نامزد است: "
        "h = u * h_tilde + (1 - u) * h_prev (z در Keras همان 1 - u است)."),
    "q2_reset_after_product": Mistake(
        "reset gate applied after the product", "اعمال دروازهٔ بازنشانی پس از ضرب",
        "You apply the reset gate after multiplying by W_hh (Keras's reset_after=True); this "
        "question's GRU resets the state first: (r * h_prev) @ W_hh.",
        "شما دروازهٔ بازنشانی را پس از ضرب در W_hh اعمال کرده‌اید (reset_after=True در Keras)؛ "
        "GRU این سؤال اول حالت را بازنشانی می‌کند: (r * h_prev) @ W_hh."),
    "q3_gate_order_ifoc": Mistake(
        "LSTM gates in the wrong order", "ترتیب نادرست دروازه‌های LSTM",
        "You read the four LSTM blocks as i, f, o, c; Keras stores them as i, f, c, o (input, "
        "forget, candidate, output).",
        "شما چهار بلوک LSTM را به ترتیب i, f, o, c خوانده‌اید؛ Keras آن‌ها را به ترتیب "
        "i, f, c, o (ورودی، فراموشی، نامزد، خروجی) نگه می‌دارد."),
    "q3_no_output_gate": Mistake(
        "output gate left out", "دروازهٔ خروجی جا افتاده",
        "Your LSTM step returns tanh(c_t) without the output gate; the new state is "
        "o_t * tanh(c_t).",
        "گام LSTM شما tanh(c_t) را بدون دروازهٔ خروجی برمی‌گرداند؛ حالت جدید o_t * tanh(c_t) "
        "است."),
    "q4_bidirectional_passes_units_on": Mistake(
        "width after a bidirectional layer", "پهنای خروجی لایهٔ دوطرفه",
        "After a bidirectional layer that concatenates, the next layer receives 2 * units "
        "features, not units.",
        "پس از لایهٔ دوطرفه‌ای که دو جهت را الحاق می‌کند، لایهٔ بعدی 2 * units ویژگی دریافت "
        "می‌کند، نه units."),
    "q4_gru_single_bias": Mistake(
        "one GRU bias per gate", "یک بایاس برای هر دروازهٔ GRU",
        "Keras's GRU (reset_after=True by default) has two bias vectors per gate; you count "
        "one.",
        "لایهٔ GRU در Keras (با reset_after=True به‌طور پیش‌فرض) برای هر دروازه دو بردار بایاس "
        "دارد؛ شما یکی شمرده‌اید."),
    "q4_none_merge_single_shape": Mistake(
        "merge_mode=None gives two outputs", "merge_mode=None دو خروجی می‌دهد",
        "With merge_mode=None a bidirectional layer returns the two directions separately: a "
        "list of two shapes, not one shape.",
        "با merge_mode=None لایهٔ دوطرفه دو جهت را جداگانه برمی‌گرداند: فهرستی از دو شکل، نه "
        "یک شکل."),
    "q5_rainy_cycle_backwards": Mistake(
        "rainy days go backwards in the cycle", "حرکت رو به عقب در روزهای بارانی",
        "On a rainy day the cook moves on to the next dish of the cycle (pizza, chicken, "
        "sandwich, pizza); your network moves back to the previous one.",
        "در روز بارانی آشپز به غذای بعدی چرخه می‌رود (پیتزا، مرغ، ساندویچ، پیتزا)؛ شبکهٔ شما "
        "به غذای قبلی برمی‌گردد."),
    "q5_wrong_start_after_sandwich": Mistake(
        "wrong start after sandwich", "شروع نادرست پس از ساندویچ",
        "Your initial state for 'the day before was sandwich' is the pizza state; row k of h0 "
        "must encode that yesterday's dish was k.",
        "حالت اولیهٔ شما برای «دیروز ساندویچ بود» همان حالت پیتزا است؛ سطر k از h0 باید نشان "
        "دهد که غذای دیروز k بوده است."),
    "q5_no_and_bias": Mistake(
        "AND units without a negative bias", "واحدهای AND بدون بایاس منفی",
        "Your hidden units have no negative bias, so each fires when only one of its two "
        "inputs is on; a bias of -1 with ReLU makes a unit fire only when yesterday's dish and "
        "today's weather both match.",
        "واحدهای پنهان شما بایاس منفی ندارند و با روشن شدن فقط یکی از دو ورودی فعال می‌شوند؛ "
        "بایاس -1 همراه با ReLU باعث می‌شود هر واحد فقط وقتی فعال شود که غذای دیروز و هوای "
        "امروز هر دو جور باشند."),
}


if __name__ == "__main__":
    write_mutants(HERE, master=MASTER, mutants=MUTANTS, mistakes=MISTAKES)
