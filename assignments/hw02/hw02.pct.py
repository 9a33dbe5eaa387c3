# %% [raw]
# # ASSIGNMENT CONFIG
# name: hw02
# generate: true
# export_cell:
#   pdf: false
# run_tests: true
# show_question_points: true
# tests:
#   files: true
#   ok_format: false

# %% [markdown]
# # تمرین ۲ · Homework 2
#
# **سلول‌های بازگشتی از صفر با numpy** · **Recurrent cells from scratch with numpy**
#
# <div dir="rtl" lang="fa">
#
# در این تمرین گذر رو به جلوی سلول‌های SimpleRNN و GRU و LSTM را خودتان با numpy می‌نویسید، تعداد پارامترهای شبکه‌های بازگشتی چندلایه و دوطرفه را می‌شمارید و در پایان وزن‌های یک RNN کوچک را با دست طراحی می‌کنید. پاسخ‌های مرجع با لایه‌های واقعی Keras سنجیده شده‌اند؛ هر جا متن از چیدمان وزن‌های Keras حرف می‌زند، دقیقاً همان را رعایت کنید.
#
# **نمره‌دهی**
#
# - نام تابع‌ها و نام و ترتیب آرگومان‌هایشان را عوض نکنید. تابع‌های شما با ورودی‌های تازه‌ای که در این دفترچه نیستند صدا زده می‌شوند؛ پاسخ را به مثال‌های این‌جا وابسته نکنید.
# - ورودی و خروجی تابع‌ها دادهٔ ساده است: عدد، رشته، `None`، لیست، تاپل، دیکشنری با کلید رشته‌ای و آرایهٔ numpy. شیء دیگری برنگردانید.
# - `grader.check("q1")` تنها چند آزمون عمومی کوچک را اجرا می‌کند؛ بیشتر نمره از آزمون‌های پنهانی است که پس از تحویل اجرا می‌شوند.
# - هنگام نمره‌دهی همهٔ سلول‌های کد از بالا به پایین اجرا می‌شوند.
# - پرسش تشریحی را به فارسی یا انگلیسی در سلول متنی مشخص‌شده بنویسید.
#
# </div>
#
# In this homework you write the forward pass of SimpleRNN, GRU and LSTM cells yourself with numpy, count the parameters of stacked and bidirectional recurrent networks, and finally design the weights of a small RNN by hand. The reference answers were checked against real Keras layers: wherever the text describes Keras's weight layout, follow it exactly.
#
# **Grading**
#
# - Keep the function names and the names and order of their arguments. Your functions are called on fresh inputs that are not in this notebook, so do not tailor them to the examples here.
# - Arguments and return values are plain data: numbers, strings, `None`, lists, tuples, dicts with string keys and numpy arrays. Do not return other objects.
# - `grader.check("q1")` runs only a few small public tests; most points come from hidden tests run after you submit.
# - For grading, every code cell runs from top to bottom.
# - Answer the written question in Persian or English in the marked text cell.
#
# **Notation.** A batch of `N` sequences, `T` time steps, `F` input features and `U` units. Weights use Keras's orientation (inputs, outputs), so one step computes `x_t @ W`, never `W @ x_t`.

# %%
import numpy as np


# %% [raw]
# # BEGIN QUESTION
# name: q1

# %% [markdown]
# ## پرسش ۱: سلول SimpleRNN · Question 1: the SimpleRNN cell
#
# <div dir="rtl" lang="fa">
#
# سلول سادهٔ بازگشتی در هر گام، ورودی همان گام و حالت قبلی را ترکیب می‌کند:
#
# $$h_t = \tanh(x_t W_x + h_{t-1} W_h + b)$$
#
# چیدمان وزن‌ها همان `SimpleRNN` در Keras است: `Wx` همان `kernel` با شکل `(F, U)`، `Wh` همان `recurrent_kernel` با شکل `(U, U)` و `b` همان `bias` با شکل `(U,)`.
#
# 1. `rnn_cell_forward(x_t, h_prev, Wx, Wh, b)` یک گام را حساب می‌کند؛ `x_t` به شکل `(N, F)` و `h_prev` به شکل `(N, U)` است و خروجی `h_t` به شکل `(N, U)`.
# 2. `rnn_forward(x, h0, Wx, Wh, b)` کل دنبالهٔ `x` به شکل `(N, T, F)` را از حالت اولیهٔ `h0` (شکل `(N, U)`) پیش می‌برد و **همهٔ** حالت‌ها را به شکل `(N, T, U)` برمی‌گرداند؛ یعنی همان خروجی `SimpleRNN(U, return_sequences=True)` با `initial_state=h0`. اگر `T = 0` باشد (دنبالهٔ خالی)، حالتی وجود ندارد و `rnn_forward` آرایهٔ خالی با شکل `(N, 0, U)` برمی‌گرداند.
#
# </div>
#
# A simple recurrent cell mixes the current input with the previous state: $h_t = \tanh(x_t W_x + h_{t-1} W_h + b)$, with Keras's `SimpleRNN` layout: `Wx` is the `kernel` `(F, U)`, `Wh` the `recurrent_kernel` `(U, U)`, `b` the `bias` `(U,)`.
#
# 1. `rnn_cell_forward(x_t, h_prev, Wx, Wh, b)` computes one step: `x_t` is `(N, F)`, `h_prev` is `(N, U)`, the result `h_t` is `(N, U)`.
# 2. `rnn_forward(x, h0, Wx, Wh, b)` runs the whole sequence `x` of shape `(N, T, F)` from the initial state `h0` `(N, U)` and returns **all** states, shape `(N, T, U)`: the output of `SimpleRNN(U, return_sequences=True)` called with `initial_state=h0`. If `T = 0` (an empty sequence) there are no states: return an empty array of shape `(N, 0, U)`.

# %%
def rnn_cell_forward(x_t, h_prev, Wx, Wh, b):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    pre_activation = np.asarray(x_t) @ np.asarray(Wx) + np.asarray(h_prev) @ np.asarray(Wh)
    return np.tanh(pre_activation + np.asarray(b))
    # END SOLUTION


def rnn_forward(x, h0, Wx, Wh, b):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    x = np.asarray(x, dtype=float)
    h = np.asarray(h0, dtype=float)
    states = np.zeros((x.shape[0], x.shape[1], h.shape[1]))
    for t in range(x.shape[1]):
        h = rnn_cell_forward(x[:, t, :], h, Wx, Wh, b)
        states[:, t, :] = h
    return states
    # END SOLUTION


# %% test="public"
def test_rnn_cell_bias_only(rnn_cell_forward):
    import numpy as np
    out = rnn_cell_forward(np.ones((2, 3)), np.ones((2, 2)), np.zeros((3, 2)), np.zeros((2, 2)),
                           np.array([0.5, -1.0]))
    assert out is not None, ("rnn_cell_forward returned None: compute h_t and return it"
                             "\nfa: `rnn_cell_forward` مقدار None برگرداند: `h_t` را حساب کنید و برگردانید")
    out = np.asarray(out, dtype=float)
    assert out.shape == (2, 2), (f"h_t must have shape (N, U) = (2, 2), not {out.shape}"
                                 f"\nfa: شکل `h_t` باید `(N, U) = (2, 2)` باشد، نه `{out.shape}`")
    assert np.allclose(out, np.tanh([[0.5, -1.0], [0.5, -1.0]])), (
        "with zero weights every row of h_t is tanh(b)"
        "\nfa: با وزن‌های صفر هر سطر `h_t` برابر `tanh(b)` است")


# %% test="public"
def test_rnn_forward_tiny(rnn_forward):
    import numpy as np
    x = np.array([[[0.5], [1.0]]])  # N = 1, T = 2, F = 1
    out = rnn_forward(x, np.array([[0.3]]), np.array([[1.0]]), np.array([[2.0]]), np.zeros(1))
    assert out is not None, ("rnn_forward returned None: return the stacked states"
                             "\nfa: `rnn_forward` مقدار None برگرداند: حالت‌های پشته‌شده را برگردانید")
    out = np.asarray(out, dtype=float)
    assert out.shape == (1, 2, 1), (f"the states must have shape (N, T, U) = (1, 2, 1), not {out.shape}"
                                    f"\nfa: شکل حالت‌ها باید `(N, T, U) = (1, 2, 1)` باشد، نه `{out.shape}`")
    h1 = np.tanh(0.5 + 2.0 * 0.3)
    assert np.allclose(out, [[[h1], [np.tanh(1.0 + 2.0 * h1)]]]), (
        "h1 = tanh(0.5 * 1 + 0.3 * 2) must start from h0 = 0.3; h2 = tanh(1.0 * 1 + h1 * 2)"
        "\nfa: `h1 = tanh(0.5 * 1 + 0.3 * 2)` باید از `h0 = 0.3` شروع شود؛ `h2 = tanh(1.0 * 1 + h1 * 2)`")


# %% test="hidden" points=1
def test_rnn_cell_random(rnn_cell_forward):
    import numpy as np
    from solutions.hw02 import rnn_cell_forward as reference
    rng = np.random.default_rng(2101)
    for n, f, u in [(1, 1, 1), (4, 3, 5), (7, 6, 2), (2, 2, 8)]:
        x, h = rng.normal(size=(n, f)), rng.normal(size=(n, u))
        Wx, Wh = rng.normal(0, 0.7, size=(f, u)), rng.normal(0, 0.7, size=(u, u))
        b = rng.normal(size=u)
        out = np.asarray(rnn_cell_forward(x, h, Wx, Wh, b), dtype=float)
        assert out.shape == (n, u), (f"for N={n}, U={u} the result has shape {out.shape}"
                                     f"\nfa: برای `N={n}, U={u}` شکل نتیجه `{out.shape}` است")
        assert np.allclose(out, reference(x, h, Wx, Wh, b), atol=1e-6), (
            f"wrong h_t for F={f}, U={u}: use tanh(x_t @ Wx + h_prev @ Wh + b)"
            f"\nfa: `h_t` برای `F={f}, U={u}` نادرست است: از `tanh(x_t @ Wx + h_prev @ Wh + b)` استفاده کنید")
    # integer arrays and float32 arrays are arrays too
    x, h = rng.integers(-2, 3, size=(3, 4)), rng.integers(-1, 2, size=(3, 2))
    Wx, Wh, b = rng.integers(-1, 2, size=(4, 2)), rng.integers(-1, 2, size=(2, 2)), np.array([1, -1])
    for cast in (np.int64, np.float32):
        args = [a.astype(cast) for a in (x, h, Wx, Wh, b)]
        out = np.asarray(rnn_cell_forward(*args), dtype=float)
        assert out.shape == (3, 2) and np.allclose(out, reference(*args), atol=1e-5), (
            f"wrong h_t for {np.dtype(cast).name} inputs: compute in floating point"
            f"\nfa: `h_t` برای ورودی‌های `{np.dtype(cast).name}` نادرست است: محاسبه را با اعداد اعشاری انجام دهید")


# %% test="hidden" points=2
def test_rnn_forward_random(rnn_forward):
    import numpy as np
    from solutions.hw02 import rnn_forward as reference
    rng = np.random.default_rng(2102)
    for n, t, f, u in [(1, 1, 2, 3), (3, 8, 4, 5), (5, 4, 1, 2)]:
        x, h0 = rng.normal(size=(n, t, f)), rng.normal(size=(n, u))
        Wx, Wh = rng.normal(0, 0.7, size=(f, u)), rng.normal(0, 0.7, size=(u, u))
        b = rng.normal(size=u)
        out = np.asarray(rnn_forward(x, h0, Wx, Wh, b), dtype=float)
        assert out.shape == (n, t, u), (f"for (N, T, U) = {(n, t, u)} the states have shape {out.shape}"
                                        f"\nfa: برای `(N, T, U) = {(n, t, u)}` شکل حالت‌ها `{out.shape}` است")
        assert np.allclose(out, reference(x, h0, Wx, Wh, b), atol=1e-6), (
            f"wrong states for T={t}: start from h0 and feed each new state into the next step"
            f"\nfa: حالت‌ها برای `T={t}` نادرست‌اند: از `h0` شروع کنید و هر حالت تازه را به گام بعد بدهید")
    # integer arrays: the states are real numbers even when x, h0 and the weights are integers
    x, h0 = rng.integers(-2, 3, size=(2, 5, 3)), rng.integers(-1, 2, size=(2, 4))
    Wx, Wh, b = rng.integers(-1, 2, size=(3, 4)), rng.integers(-1, 2, size=(4, 4)), np.zeros(4, int)
    out = np.asarray(rnn_forward(x, h0, Wx, Wh, b), dtype=float)
    assert out.shape == (2, 5, 4) and np.allclose(out, reference(x, h0, Wx, Wh, b), atol=1e-6), (
        "wrong states for integer inputs: keep the states as floats (tanh is not an integer)"
        "\nfa: حالت‌ها برای ورودی‌های صحیح نادرست‌اند: حالت‌ها را اعشاری نگه دارید (خروجی `tanh` عدد صحیح نیست)")


# %% test="hidden" points=1
def test_rnn_forward_empty_sequence(rnn_forward):
    import numpy as np
    rng = np.random.default_rng(2103)
    for n, f, u in [(3, 2, 4), (2, 5, 1)]:
        x, h0 = np.zeros((n, 0, f)), rng.normal(size=(n, u))
        Wx, Wh, b = rng.normal(size=(f, u)), rng.normal(size=(u, u)), rng.normal(size=u)
        out = rnn_forward(x, h0, Wx, Wh, b)
        assert out is not None, ("rnn_forward returned None for T = 0: return an empty array"
                                 "\nfa: `rnn_forward` برای `T = 0` مقدار None برگرداند: آرایهٔ خالی برگردانید")
        out = np.asarray(out, dtype=float)
        assert out.shape == (n, 0, u), (
            f"for T = 0 the states must have shape (N, 0, U) = {(n, 0, u)}, not {out.shape}"
            f"\nfa: برای `T = 0` شکل حالت‌ها باید `(N, 0, U) = {(n, 0, u)}` باشد، نه `{out.shape}`")


# %% [raw]
# # BEGIN QUESTION
# name: q2

# %% [markdown]
# ## پرسش ۲: سلول GRU با معادلات درس · Question 2: the GRU cell with the course's equations
#
# <div dir="rtl" lang="fa">
#
# معادلات GRU در اسلایدهای درس (با بردارهای سطری و وزن‌های `(ورودی، خروجی)`) چنین‌اند:
#
# $$u_t = \sigma(x_t W_{xu} + h_{t-1} W_{hu} + b_u)$$
# $$r_t = \sigma(x_t W_{xr} + h_{t-1} W_{hr} + b_r)$$
# $$\tilde h_t = \tanh\big((r_t \odot h_{t-1}) W_{hh} + x_t W_{xh} + b_h\big)$$
# $$h_t = u_t \odot \tilde h_t + (1 - u_t) \odot h_{t-1}$$
#
# که $u_t$ دروازهٔ به‌روزرسانی (سهم حالت نامزد)، $r_t$ دروازهٔ بازنشانی، $\sigma(z) = 1/(1+e^{-z})$ و $\odot$ ضرب درایه‌به‌درایه است. تابع `gru_cell_forward(x_t, h_prev, params)` یک گام را حساب می‌کند و `h_t` را به شکل `(N, U)` برمی‌گرداند. `params` یک دیکشنری ساده با این کلیدهاست:
#
# | کلید | شکل | نقش |
# | --- | --- | --- |
# | `"W_xu"`, `"W_xr"`, `"W_xh"` | `(F, U)` | وزن ورودی برای دروازهٔ به‌روزرسانی، دروازهٔ بازنشانی و حالت نامزد |
# | `"W_hu"`, `"W_hr"`, `"W_hh"` | `(U, U)` | وزن حالت قبلی برای همان سه بخش |
# | `"b_u"`, `"b_r"`, `"b_h"` | `(U,)` | بایاس‌ها |
#
# **ارتباط با Keras.** لایهٔ `keras.layers.GRU(U, reset_after=False)` وزن‌ها را در سه بلوک ستونی به ترتیب `z, r, h` نگه می‌دارد: `kernel` با شکل `(F, 3U)`، `recurrent_kernel` با شکل `(U, 3U)` و `bias` با شکل `(3U,)`. دروازهٔ $z$ در Keras برعکس $u$ درس کار می‌کند: $h_t = z_t \odot h_{t-1} + (1-z_t) \odot \tilde h_t$؛ یعنی $z$ سهم حالت قبلی است و $u = 1 - z$. چون $1-\sigma(a) = \sigma(-a)$، وزن‌ها و بایاس دروازهٔ $u$ همان بلوک $z$ با علامت منفی‌اند؛ بلوک‌های $r$ و $h$ بدون تغییر جای `W_xr, W_hr, b_r` و `W_xh, W_hh, b_h` می‌نشینند. (در پیش‌فرض Keras یعنی `reset_after=True`، دروازهٔ بازنشانی **بعد** از ضرب در `W_hh` اعمال می‌شود و دو بردار بایاس وجود دارد؛ آن سلول متفاوتی است و این‌جا از آن استفاده نمی‌کنیم.)
#
# </div>
#
# The course's GRU equations (row vectors, `(in, out)` weights) are shown above: an update gate $u_t$, a reset gate $r_t$, a candidate state $\tilde h_t$ built from the *reset* previous state, and $h_t = u_t \odot \tilde h_t + (1 - u_t) \odot h_{t-1}$ — $u$ is the share of the **candidate**. `gru_cell_forward(x_t, h_prev, params)` computes one step and returns `h_t`, shape `(N, U)`. `params` is a plain dict: `"W_xu"`, `"W_xr"`, `"W_xh"` of shape `(F, U)` (input weights of the update gate, reset gate and candidate), `"W_hu"`, `"W_hr"`, `"W_hh"` of shape `(U, U)` (previous-state weights of the same three parts) and `"b_u"`, `"b_r"`, `"b_h"` of shape `(U,)`.
#
# **Link to Keras.** `keras.layers.GRU(U, reset_after=False)` stores three column blocks in the order `z, r, h`: `kernel` `(F, 3U)`, `recurrent_kernel` `(U, 3U)`, `bias` `(3U,)`. Its gate $z$ works the other way round from the course's $u$: $h_t = z_t \odot h_{t-1} + (1 - z_t) \odot \tilde h_t$, so $z$ is the share of the *old* state and $u = 1 - z$. Since $1 - \sigma(a) = \sigma(-a)$, the update gate's weights and bias are the $z$ block with the sign flipped, while the $r$ and $h$ blocks carry over unchanged. (Keras's default `reset_after=True` applies the reset gate *after* the product with the recurrent weights and has two bias vectors: a different cell, not used here.)

# %%
def gru_cell_forward(x_t, h_prev, params):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    x_t = np.asarray(x_t, dtype=float)
    h_prev = np.asarray(h_prev, dtype=float)
    p = {name: np.asarray(value, dtype=float) for name, value in params.items()}
    u = 1 / (1 + np.exp(-(x_t @ p["W_xu"] + h_prev @ p["W_hu"] + p["b_u"])))
    r = 1 / (1 + np.exp(-(x_t @ p["W_xr"] + h_prev @ p["W_hr"] + p["b_r"])))
    h_tilde = np.tanh((r * h_prev) @ p["W_hh"] + x_t @ p["W_xh"] + p["b_h"])
    return u * h_tilde + (1 - u) * h_prev
    # END SOLUTION


# %% test="public"
def test_gru_zero_weights(gru_cell_forward):
    import numpy as np
    names = ["W_xu", "W_xr", "W_xh", "W_hu", "W_hr", "W_hh", "b_u", "b_r", "b_h"]
    shapes = [(3, 2)] * 3 + [(2, 2)] * 3 + [(2,)] * 3
    params = {name: np.zeros(shape) for name, shape in zip(names, shapes)}
    h_prev = np.array([[1.0, -2.0], [0.5, 4.0]])
    out = gru_cell_forward(np.ones((2, 3)), h_prev, params)
    assert out is not None, ("gru_cell_forward returned None: compute h_t and return it"
                             "\nfa: `gru_cell_forward` مقدار None برگرداند: `h_t` را حساب کنید و برگردانید")
    out = np.asarray(out, dtype=float)
    assert out.shape == (2, 2), (f"h_t must have shape (N, U) = (2, 2), not {out.shape}"
                                 f"\nfa: شکل `h_t` باید `(N, U) = (2, 2)` باشد، نه `{out.shape}`")
    assert np.allclose(out, 0.5 * h_prev), (
        "with zero weights u = 0.5 and the candidate is tanh(0) = 0, so h_t = 0.5 * h_prev"
        "\nfa: با وزن‌های صفر `u = 0.5` و نامزد `tanh(0) = 0` است، پس `h_t = 0.5 * h_prev`")


# %% test="public"
def test_gru_update_gate_open(gru_cell_forward):
    import numpy as np
    names = ["W_xu", "W_xr", "W_xh", "W_hu", "W_hr", "W_hh", "b_u", "b_r", "b_h"]
    shapes = [(1, 1)] * 6 + [(1,)] * 3
    params = {name: np.zeros(shape) for name, shape in zip(names, shapes)}
    params["b_u"] = np.array([40.0])  # u = 1: take the candidate
    params["W_xh"] = np.array([[1.0]])
    out = np.asarray(gru_cell_forward(np.array([[0.7]]), np.array([[5.0]]), params), dtype=float)
    assert np.allclose(out, np.tanh(0.7)), (
        "with u = 1 the new state is the candidate tanh(0.7), not the previous state: "
        "h_t = u * candidate + (1 - u) * h_prev"
        "\nfa: با `u = 1` حالت تازه همان نامزد `tanh(0.7)` است، نه حالت قبلی: `h_t = u * candidate + (1 - u) * h_prev`")


# %% test="hidden" points=2
def test_gru_random_steps(gru_cell_forward):
    import numpy as np
    from solutions.hw02 import gru_cell_forward as reference
    rng = np.random.default_rng(2201)
    for n, f, u in [(1, 1, 1), (4, 3, 5), (6, 5, 2)]:
        params = {}
        for gate in "urh":
            params["W_x" + gate] = rng.normal(0, 0.8, size=(f, u))
            params["W_h" + gate] = rng.normal(0, 0.8, size=(u, u))
            params["b_" + gate] = rng.normal(size=u)
        x, h = rng.normal(size=(n, f)), rng.normal(size=(n, u))
        out = np.asarray(gru_cell_forward(x, h, params), dtype=float)
        assert out.shape == (n, u), (f"for N={n}, U={u} the result has shape {out.shape}"
                                     f"\nfa: برای `N={n}, U={u}` شکل نتیجه `{out.shape}` است")
        assert np.allclose(out, reference(x, h, params), atol=1e-6), (
            f"wrong h_t for F={f}, U={u}: check the gates, the reset applied to h_prev before "
            "W_hh, and h_t = u * candidate + (1 - u) * h_prev"
            f"\nfa: `h_t` برای `F={f}, U={u}` نادرست است: دروازه‌ها، اعمال reset روی `h_prev` پیش از `W_hh` و `h_t = u * candidate + (1 - u) * h_prev` را بررسی کنید")
    # integer arrays and float32 arrays are arrays too
    params = {}
    for gate in "urh":
        params["W_x" + gate] = rng.integers(-1, 2, size=(3, 2))
        params["W_h" + gate] = rng.integers(-1, 2, size=(2, 2))
        params["b_" + gate] = rng.integers(-1, 2, size=2)
    x, h = rng.integers(-2, 3, size=(4, 3)), rng.integers(-2, 3, size=(4, 2))
    for cast in (np.int64, np.float32):
        typed = {key: value.astype(cast) for key, value in params.items()}
        out = np.asarray(gru_cell_forward(x.astype(cast), h.astype(cast), typed), dtype=float)
        assert out.shape == (4, 2) and np.allclose(
            out, reference(x.astype(cast), h.astype(cast), typed), atol=1e-5), (
            f"wrong h_t for {np.dtype(cast).name} inputs: compute in floating point"
            f"\nfa: `h_t` برای ورودی‌های `{np.dtype(cast).name}` نادرست است: محاسبه را با اعداد اعشاری انجام دهید")


# %% test="hidden" points=2
def test_gru_keras_weights_unrolled(gru_cell_forward):
    import numpy as np
    from solutions.hw02 import gru_cell_forward as reference, gru_params_from_keras
    rng = np.random.default_rng(2202)
    n, t, f, u = 3, 6, 4, 3
    kernel, recurrent = rng.normal(0, 0.8, size=(f, 3 * u)), rng.normal(0, 0.8, size=(u, 3 * u))
    params = gru_params_from_keras(kernel, recurrent, rng.normal(size=3 * u))
    x = rng.normal(size=(n, t, f))
    h = expected = rng.normal(size=(n, u))
    for step in range(t):
        h = np.asarray(gru_cell_forward(x[:, step], h, params), dtype=float)
        expected = reference(x[:, step], expected, params)
        assert h.shape == (n, u) and np.allclose(h, expected, atol=1e-6), (
            f"the state after {step + 1} steps of a GRU is wrong: feed each h_t back as h_prev "
            "and keep u as the share of the candidate"
            f"\nfa: حالت GRU پس از `{step + 1}` گام نادرست است: هر `h_t` را به‌عنوان `h_prev` برگردانید و `u` را سهم نامزد نگه دارید")


# %% [raw]
# # BEGIN QUESTION
# name: q3

# %% [markdown]
# ## پرسش ۳: سلول LSTM · Question 3: the LSTM cell
#
# <div dir="rtl" lang="fa">
#
# تابع `lstm_cell_forward(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias)` یک گام از `keras.layers.LSTM` را حساب می‌کند و تاپل `(h_t, c_t)` را برمی‌گرداند، هر دو به شکل `(N, U)`. وزن‌ها با چیدمان Keras داده می‌شوند: `kernel` با شکل `(F, 4U)`، `recurrent_kernel` با شکل `(U, 4U)` و `bias` با شکل `(4U,)`؛ چهار بلوک ستونی `U`تایی به ترتیب دروازهٔ ورودی `i`، دروازهٔ فراموشی `f`، مقدار نامزد حافظه `c` (با tanh) و دروازهٔ خروجی `o`:
#
# $$z = x_t\,\texttt{kernel} + h_{t-1}\,\texttt{recurrent\_kernel} + \texttt{bias} = [z_i \mid z_f \mid z_c \mid z_o]$$
# $$c_t = \sigma(z_f) \odot c_{t-1} + \sigma(z_i) \odot \tanh(z_c), \qquad h_t = \sigma(z_o) \odot \tanh(c_t)$$
#
# </div>
#
# `lstm_cell_forward(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias)` computes one step of `keras.layers.LSTM` and returns the tuple `(h_t, c_t)`, both `(N, U)`. The weights come in Keras's layout: `kernel` `(F, 4U)`, `recurrent_kernel` `(U, 4U)`, `bias` `(4U,)`, each made of four column blocks of width `U` in the order input gate `i`, forget gate `f`, candidate cell value `c` (through tanh), output gate `o` (equations above). Calling it step by step, feeding `(h_t, c_t)` back, gives what the Keras layer computes over a whole sequence.

# %%
def lstm_cell_forward(x_t, h_prev, c_prev, kernel, recurrent_kernel, bias):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    h_prev = np.asarray(h_prev, dtype=float)
    z = (np.asarray(x_t, dtype=float) @ np.asarray(kernel, dtype=float)
         + h_prev @ np.asarray(recurrent_kernel, dtype=float) + np.asarray(bias, dtype=float))
    units = h_prev.shape[-1]
    z_i, z_f, z_c, z_o = (z[:, k * units:(k + 1) * units] for k in range(4))
    gate_i, gate_f, gate_o = (1 / (1 + np.exp(-a)) for a in (z_i, z_f, z_o))
    c_t = gate_f * np.asarray(c_prev, dtype=float) + gate_i * np.tanh(z_c)
    return gate_o * np.tanh(c_t), c_t
    # END SOLUTION


# %% test="public"
def test_lstm_zero_weights(lstm_cell_forward):
    import numpy as np
    c_prev = np.array([[2.0, -1.0]])
    result = lstm_cell_forward(np.ones((1, 3)), np.ones((1, 2)), c_prev, np.zeros((3, 8)),
                               np.zeros((2, 8)), np.zeros(8))
    assert isinstance(result, (tuple, list)) and len(result) == 2, ("return the pair (h_t, c_t)"
                                                                    "\nfa: زوج `(h_t, c_t)` را برگردانید")
    h, c = (np.asarray(part, dtype=float) for part in result)
    assert h.shape == (1, 2) and c.shape == (1, 2), ("h_t and c_t must both have shape (N, U)"
                                                     "\nfa: `h_t` و `c_t` هر دو باید شکل `(N, U)` داشته باشند")
    assert np.allclose(c, 0.5 * c_prev), (
        "with zero weights every gate is 0.5 and the candidate is 0, so c_t = 0.5 * c_prev"
        "\nfa: با وزن‌های صفر همهٔ دروازه‌ها 0.5 و نامزد 0 است، پس `c_t = 0.5 * c_prev`")
    assert np.allclose(h, 0.5 * np.tanh(0.5 * c_prev)), ("h_t = o * tanh(c_t) = 0.5 * tanh(c_t)"
                                                         "\nfa: `h_t = o * tanh(c_t) = 0.5 * tanh(c_t)`")


# %% test="public"
def test_lstm_gate_order(lstm_cell_forward):
    import numpy as np
    bias = np.zeros(4)
    bias[0], bias[1], bias[3] = 40.0, -40.0, 40.0  # i = 1, f = 0, o = 1 (blocks i, f, c, o)
    kernel = np.array([[0.0, 0.0, 1.0, 0.0]])  # the candidate block reads x
    h, c = (np.asarray(part, dtype=float) for part in lstm_cell_forward(
        np.array([[0.3]]), np.zeros((1, 1)), np.array([[9.0]]), kernel, np.zeros((1, 4)), bias))
    assert np.allclose(c, np.tanh(0.3)), (
        "input gate open and forget gate closed: c_t = tanh(0.3); are the blocks in the "
        "order i, f, c, o?"
        "\nfa: دروازهٔ ورودی باز و دروازهٔ فراموشی بسته: `c_t = tanh(0.3)`؛ آیا بلوک‌ها به ترتیب `i, f, c, o` هستند؟")
    assert np.allclose(h, np.tanh(np.tanh(0.3))), ("output gate open: h_t = tanh(c_t)"
                                                   "\nfa: دروازهٔ خروجی باز: `h_t = tanh(c_t)`")


# %% test="hidden" points=2
def test_lstm_random_step(lstm_cell_forward):
    import numpy as np
    from solutions.hw02 import lstm_cell_forward as reference
    rng = np.random.default_rng(2301)
    for n, f, u in [(1, 1, 1), (3, 4, 5), (5, 2, 3)]:
        x, h, c = rng.normal(size=(n, f)), rng.normal(size=(n, u)), rng.normal(size=(n, u))
        weights = (rng.normal(0, 0.7, size=(f, 4 * u)), rng.normal(0, 0.7, size=(u, 4 * u)),
                   rng.normal(size=4 * u))
        result = lstm_cell_forward(x, h, c, *weights)
        assert isinstance(result, (tuple, list)) and len(result) == 2, ("return the pair (h_t, c_t)"
                                                                        "\nfa: زوج `(h_t, c_t)` را برگردانید")
        got_h, got_c = (np.asarray(part, dtype=float) for part in result)
        want_h, want_c = reference(x, h, c, *weights)
        assert got_c.shape == (n, u) and np.allclose(got_c, want_c, atol=1e-6), (
            f"wrong c_t for F={f}, U={u}: gate blocks are in the order i, f, c, o"
            f"\nfa: `c_t` برای `F={f}, U={u}` نادرست است: بلوک‌های دروازه به ترتیب `i, f, c, o` هستند")
        assert got_h.shape == (n, u) and np.allclose(got_h, want_h, atol=1e-6), (
            f"c_t is right but h_t is wrong for U={u}: h_t = sigmoid(z_o) * tanh(c_t)"
            f"\nfa: `c_t` درست است ولی `h_t` برای `U={u}` نادرست است: `h_t = sigmoid(z_o) * tanh(c_t)`")
    # integer arrays and float32 arrays are arrays too
    x, h, c = (rng.integers(-2, 3, size=(2, 3)), rng.integers(-1, 2, size=(2, 2)),
               rng.integers(-2, 3, size=(2, 2)))
    weights = (rng.integers(-1, 2, size=(3, 8)), rng.integers(-1, 2, size=(2, 8)),
               rng.integers(-1, 2, size=8))
    for cast in (np.int64, np.float32):
        args = [a.astype(cast) for a in (x, h, c, *weights)]
        result = lstm_cell_forward(*args)
        assert isinstance(result, (tuple, list)) and len(result) == 2, ("return the pair (h_t, c_t)"
                                                                        "\nfa: زوج `(h_t, c_t)` را برگردانید")
        got_h, got_c = (np.asarray(part, dtype=float) for part in result)
        want_h, want_c = reference(*args)
        assert (got_h.shape == got_c.shape == (2, 2) and np.allclose(got_c, want_c, atol=1e-5)
                and np.allclose(got_h, want_h, atol=1e-5)), (
            f"wrong (h_t, c_t) for {np.dtype(cast).name} inputs: compute in floating point"
            f"\nfa: `(h_t, c_t)` برای ورودی‌های `{np.dtype(cast).name}` نادرست است: محاسبه را با اعداد اعشاری انجام دهید")


# %% test="hidden" points=2
def test_lstm_unrolled_sequence(lstm_cell_forward):
    import numpy as np
    from solutions.hw02 import lstm_cell_forward as reference
    rng = np.random.default_rng(2302)
    n, t, f, u = 4, 8, 3, 4
    kernel, recurrent = rng.normal(0, 0.7, size=(f, 4 * u)), rng.normal(0, 0.7, size=(u, 4 * u))
    bias = rng.normal(0, 0.3, size=4 * u)
    bias[u:2 * u] += 1.0  # Keras's unit_forget_bias
    x = rng.normal(size=(n, t, f))
    h = want_h = np.zeros((n, u))
    c = want_c = np.zeros((n, u))
    for step in range(t):
        h, c = (np.asarray(part, dtype=float)
                for part in lstm_cell_forward(x[:, step], h, c, kernel, recurrent, bias))
        want_h, want_c = reference(x[:, step], want_h, want_c, kernel, recurrent, bias)
        assert np.allclose(c, want_c, atol=1e-6) and np.allclose(h, want_h, atol=1e-6), (
            f"the LSTM state after {step + 1} steps is wrong (feeding (h_t, c_t) back each step)"
            f"\nfa: حالت LSTM پس از `{step + 1}` گام نادرست است (در هر گام `(h_t, c_t)` را به گام بعد بدهید)")


# %% [raw]
# # BEGIN QUESTION
# name: q4

# %% [markdown]
# ## پرسش ۴: شبکه‌های بازگشتی چندلایه و دوطرفه · Question 4: stacked and bidirectional RNNs
#
# <div dir="rtl" lang="fa">
#
# در RNN دوطرفه یک لایهٔ بازگشتی دنباله را از ابتدا به انتها و نسخهٔ **مستقل** دیگری (با وزن‌های جدا) از انتها به ابتدا می‌خواند؛ `keras.layers.Bidirectional` خروجی دو جهت را با `merge_mode` ترکیب می‌کند. در RNN عمیق (چندلایه) دنبالهٔ حالت‌های هر لایه ورودی لایهٔ بعدی است.
#
# 1. `stacked_rnn_params(input_dim, units_per_layer, cell, bidirectional)` تعداد کل پارامترهای (همان `count_params()` در Keras) پشته‌ای از لایه‌های بازگشتی را برمی‌گرداند (یک عدد صحیح). `input_dim` تعداد ویژگی‌های ورودی، `units_per_layer` لیست تعداد واحدهای لایه‌ها به ترتیب، `cell` یکی از `"simple"` (SimpleRNN) و `"lstm"` و `"gru"` (با پیش‌فرض Keras یعنی `reset_after=True`) و `bidirectional` مقدار بولی است؛ اگر `True` باشد هر لایه در `Bidirectional` با `merge_mode="concat"` پیچیده شده است.
# 2. `bidirectional_output_shape(batch, timesteps, units, merge_mode, return_sequences)` شکل خروجی `Bidirectional(SimpleRNN(units, return_sequences=return_sequences), merge_mode=merge_mode)` را روی ورودی `(batch, timesteps, features)` به صورت تاپل برمی‌گرداند. `merge_mode` یکی از `"concat"` و `"sum"` و `"mul"` و `"ave"` یا `None` است؛ با `None` دو جهت ترکیب نمی‌شوند و خروجی **لیستی از دو شکل** است. `batch` ممکن است `None` باشد (اندازهٔ نامعلوم دسته)؛ همان را در شکل بگذارید.
#
# </div>
#
# A bidirectional RNN reads the sequence forwards with one recurrent layer and backwards with an **independent** copy (separate weights); `keras.layers.Bidirectional` merges the two directions with `merge_mode`. In a deep (stacked) RNN the state sequence of one layer is the input of the next.
#
# 1. `stacked_rnn_params(input_dim, units_per_layer, cell, bidirectional)` returns the total parameter count (Keras's `count_params()`, an int) of a stack of recurrent layers: `input_dim` input features, `units_per_layer` the units of each layer in order, `cell` one of `"simple"` (SimpleRNN), `"lstm"`, `"gru"` (Keras's default `reset_after=True`), and `bidirectional` a bool; when `True`, every layer is wrapped in `Bidirectional` with `merge_mode="concat"`.
# 2. `bidirectional_output_shape(batch, timesteps, units, merge_mode, return_sequences)` returns, as a tuple, the output shape of `Bidirectional(SimpleRNN(units, return_sequences=return_sequences), merge_mode=merge_mode)` on inputs `(batch, timesteps, features)`. `merge_mode` is `"concat"`, `"sum"`, `"mul"`, `"ave"` or `None`; with `None` the directions are not merged and the result is a **list of two shapes**. `batch` may be `None` (unknown batch size): keep it as it is.

# %%
def stacked_rnn_params(input_dim, units_per_layer, cell, bidirectional):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    gate_count = {"simple": 1, "lstm": 4, "gru": 3}[cell]
    bias_count = 2 if cell == "gru" else 1  # reset_after=True: input and recurrent biases
    directions = 2 if bidirectional else 1
    total, features = 0, input_dim
    for units in units_per_layer:
        one_direction = gate_count * (features * units + units * units + bias_count * units)
        total += directions * one_direction
        features = directions * units  # "concat" hands both directions to the next layer
    return total
    # END SOLUTION


def bidirectional_output_shape(batch, timesteps, units, merge_mode, return_sequences):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    single = (batch, timesteps, units) if return_sequences else (batch, units)
    if merge_mode is None:
        return [single, single]
    if merge_mode == "concat":
        return single[:-1] + (2 * units,)
    return single
    # END SOLUTION


# %% test="public"
def test_stacked_params_single_layers(stacked_rnn_params):
    assert stacked_rnn_params(28, [256], "simple", False) == 72_960, (
        "SimpleRNN(256) on 28 features: 256 * 28 + 256 * 256 + 256 = 72,960"
        "\nfa: `SimpleRNN(256)` روی 28 ویژگی: `256 * 28 + 256 * 256 + 256 = 72,960`")
    assert stacked_rnn_params(10, [32], "lstm", True) == 11_008, (
        "Bidirectional(LSTM(32)) on 10 features: 2 directions * 4 gates * (32*10 + 32*32 + 32)"
        "\nfa: `Bidirectional(LSTM(32))` روی 10 ویژگی: `2 directions * 4 gates * (32*10 + 32*32 + 32)`")


# %% test="public"
def test_bidirectional_shapes_examples(bidirectional_output_shape):
    got = bidirectional_output_shape(32, 10, 8, "concat", True)
    assert got is not None and tuple(got) == (32, 10, 16), (
        "concat with return_sequences=True gives (batch, timesteps, 2 * units) = (32, 10, 16)"
        "\nfa: `concat` با `return_sequences=True` شکل `(batch, timesteps, 2 * units) = (32, 10, 16)` می‌دهد")
    got = bidirectional_output_shape(32, 10, 8, None, False)
    assert isinstance(got, list) and [tuple(s) for s in got] == [(32, 8), (32, 8)], (
        "merge_mode=None returns a list of the two unmerged shapes, here [(32, 8), (32, 8)]"
        "\nfa: `merge_mode=None` فهرستی از دو شکل ادغام‌نشده برمی‌گرداند، این‌جا `[(32, 8), (32, 8)]`")


# %% test="hidden" points=2
def test_stacked_params_many_stacks(stacked_rnn_params):
    from solutions.hw02 import stacked_rnn_params as reference
    for cell in ("simple", "lstm", "gru"):
        for bidirectional in (False, True):
            for input_dim, units in [(5, [7]), (13, [16, 8]), (3, [4, 9, 2]), (1, [1]),
                                     (1, [1, 1]), (2, [1, 6, 1])]:
                got = stacked_rnn_params(input_dim, list(units), cell, bidirectional)
                assert got == reference(input_dim, units, cell, bidirectional), (
                    f"wrong count for cell={cell!r}, bidirectional={bidirectional}, "
                    f"{len(units)} layer(s): check the gates, the biases (Keras GRU keeps two) "
                    "and the input size of each following layer"
                    f"\nfa: تعداد پارامترها برای `cell={cell!r}, bidirectional={bidirectional}` با `{len(units)}` لایه نادرست است: دروازه‌ها، بایاس‌ها (GRU در Keras دو بایاس دارد) و اندازهٔ ورودی هر لایهٔ بعدی را بررسی کنید")


# %% test="hidden" points=2
def test_bidirectional_shapes_all_modes(bidirectional_output_shape):
    from solutions.hw02 import bidirectional_output_shape as reference
    for batch, timesteps, units in [(16, 7, 5), (None, 12, 3), (1, 1, 1), (None, 1, 2),
                                    (4, 9, 1)]:
        for merge_mode in ("concat", "sum", "mul", "ave", None):
            for return_sequences in (True, False):
                args = (batch, timesteps, units, merge_mode, return_sequences)
                got, want = bidirectional_output_shape(*args), reference(*args)
                where = f"merge_mode={merge_mode!r}, return_sequences={return_sequences}"
                if merge_mode is None:
                    assert isinstance(got, list) and len(got) == 2, (
                        f"{where}: return a list of two shapes"
                        f"\nfa: `{where}`: فهرستی از دو شکل برگردانید")
                    got, want = [tuple(s) for s in got], [tuple(s) for s in want]
                else:
                    assert isinstance(got, (tuple, list)), (f"{where}: return the shape as a tuple"
                                                            f"\nfa: `{where}`: شکل را به‌صورت tuple برگردانید")
                    got = tuple(got)
                assert got == want, (f"wrong shape for {where} (batch={batch})"
                                     f"\nfa: شکل برای `{where}` نادرست است (`batch={batch}`)")


# %% [raw]
# # BEGIN QUESTION
# name: q5

# %% [markdown]
# ## پرسش ۵: RNN آشپز · Question 5: the cook's RNN
#
# <div dir="rtl" lang="fa">
#
# آشپزی هر روز یکی از سه غذای پیتزا (۰)، مرغ (۱) یا ساندویچ (۲) را می‌پزد. قاعده‌اش این است: در روز **آفتابی** همان غذای دیروز را می‌پزد و در روز **بارانی** غذای بعدی در چرخهٔ پیتزا ← مرغ ← ساندویچ ← پیتزا را. پس غذای امروز هم به هوای امروز بستگی دارد و هم به حافظه (غذای دیروز).
#
# وزن‌های یک RNN سادهٔ المن با `H` واحد پنهان را خودتان طراحی کنید (بدون آموزش) تا غذاها را دقیقاً پیش‌بینی کند. تابع `cook_rnn_weights()` دیکشنری‌ای از آرایه‌های numpy با این کلیدها برمی‌گرداند:
#
# | کلید | شکل | معنی |
# | --- | --- | --- |
# | `"W_x"` | `(2, H)` | وزن ورودی؛ هوا به صورت one-hot: آفتابی `[1, 0]`، بارانی `[0, 1]` |
# | `"W_h"` | `(H, H)` | وزن بازگشتی |
# | `"b"` | `(H,)` | بایاس لایهٔ پنهان |
# | `"W_out"` | `(H, 3)` | وزن خروجی |
# | `"b_out"` | `(3,)` | بایاس خروجی |
# | `"h0"` | `(3, H)` | سطر `k` حالت اولیه وقتی غذای «دیروزِ» روز اول `k` بوده است |
#
# نمره‌دهنده شبکهٔ شما را خودش با **ReLU** اجرا می‌کند: با شروع از `h = h0[k]`، برای هر روز
#
# $$h_t = \mathrm{ReLU}(x_t W_x + h_{t-1} W_h + b), \qquad \text{غذای روز } t = \arg\max(h_t W_{out} + b_{out})$$
#
# و آن را با قاعدهٔ آشپز روی تعداد زیادی دنبالهٔ تصادفی هوا با طول ۱ تا ۵۰ و هر سه غذای شروع مقایسه می‌کند. روزی درست حساب می‌شود که امتیاز غذای درست **اکیداً** از دو غذای دیگر بیشتر باشد (تساوی غلط است). `H` دلخواه است ولی حداکثر ۶۴. نمره بر اساس سهم روزهای درست است: ۱ نمره برای دست‌کم ۵۰٪، ۱ نمره برای دست‌کم ۹۰٪ و ۲ نمره برای ۱۰۰٪.
#
# راهنمایی: با سه واحد پنهان نمی‌شود (پرسش ۶). واحدی بسازید که فقط برای یک ترکیب «غذای دیروز و هوای امروز» روشن شود؛ با ورودی‌های 0 و 1، بایاس منفی و ReLU می‌توان «و» منطقی ساخت.
#
# </div>
#
# A cook makes one of three dishes every day: pizza (0), chicken (1) or sandwich (2). On a **sunny** day the cook repeats yesterday's dish; on a **rainy** day the cook moves on to the next dish of the cycle pizza → chicken → sandwich → pizza. Today's dish depends on today's weather and on memory (yesterday's dish).
#
# Design, by hand (no training), the weights of a small Elman RNN with `H` hidden units that predicts the dishes exactly. `cook_rnn_weights()` returns a dict of numpy arrays: `"W_x"` `(2, H)` input weights for the one-hot weather (sunny `[1, 0]`, rainy `[0, 1]`), `"W_h"` `(H, H)` recurrent weights, `"b"` `(H,)` hidden bias, `"W_out"` `(H, 3)` and `"b_out"` `(3,)` the read-out, and `"h0"` `(3, H)`, whose row `k` is the initial state when the dish of the day before day 1 was `k`.
#
# The grader runs your network itself with a **ReLU** activation: starting from `h = h0[k]`, every day $h_t = \mathrm{ReLU}(x_t W_x + h_{t-1} W_h + b)$ and the predicted dish is $\arg\max(h_t W_{out} + b_{out})$. It compares with the cook's rule on many random weather sequences of lengths 1 to 50, for each of the three first dishes. A day counts as right only if the right dish's score is **strictly** larger than the other two (ties are wrong). Any `H` up to 64 is allowed. Points follow the share of days right: 1 point for at least 50 %, 1 more for at least 90 %, 2 more for 100 %.
#
# Hint: three hidden units are not enough (question 6). Build units that switch on for exactly one combination "yesterday's dish and today's weather": with 0/1 inputs, a negative bias and ReLU make a logical AND.

# %%
def cook_rnn_weights():
    # YOUR CODE HERE
    # BEGIN SOLUTION
    # hidden unit 3 * w + d is on (= 1) when today's weather is w and today's dish is d
    H = 6
    W_x, W_h, W_out = np.zeros((2, H)), np.zeros((H, H)), np.zeros((H, 3))
    for w in range(2):
        for d in range(3):
            unit = 3 * w + d
            yesterday = (d - w) % 3  # rainy (w = 1) moves one dish on
            W_x[w, unit] = 1.0
            W_h[[yesterday, 3 + yesterday], unit] = 1.0  # yesterday's units of that dish
            W_out[unit, d] = 1.0
    h0 = np.zeros((3, H))
    for dish in range(3):
        h0[dish, dish] = 1.0  # "yesterday was sunny and the dish was `dish`"
    return {"W_x": W_x, "W_h": W_h, "b": -np.ones(H), "W_out": W_out,
            "b_out": np.zeros(3), "h0": h0}
    # END SOLUTION


# %% test="public"
def test_cook_weights_shapes(cook_rnn_weights):
    import numpy as np
    weights = cook_rnn_weights()
    assert isinstance(weights, dict), ("cook_rnn_weights() must return a dict of arrays"
                                       "\nfa: `cook_rnn_weights()` باید دیکشنری‌ای از آرایه‌ها برگرداند")
    missing = {"W_x", "W_h", "b", "W_out", "b_out", "h0"} - set(weights)
    assert not missing, (f"the dict lacks the keys {sorted(missing)}"
                         f"\nfa: این کلیدها در دیکشنری نیستند: `{sorted(missing)}`")
    W_h = np.asarray(weights["W_h"], dtype=float)
    assert W_h.ndim == 2 and W_h.shape[0] == W_h.shape[1], ("W_h must be a square (H, H) matrix"
                                                            "\nfa: `W_h` باید ماتریس مربعی `(H, H)` باشد")
    H = W_h.shape[0]
    for key, shape in [("W_x", (2, H)), ("b", (H,)), ("W_out", (H, 3)), ("b_out", (3,)),
                       ("h0", (3, H))]:
        got = np.asarray(weights[key], dtype=float).shape
        assert got == shape, (f"{key} must have shape {shape} for H = {H}, not {got}"
                              f"\nfa: `{key}` برای `H = {H}` باید شکل `{shape}` داشته باشد، نه `{got}`")


# %% test="public"
def test_cook_short_week(cook_rnn_weights):
    import numpy as np
    w = {key: np.asarray(value, dtype=float) for key, value in cook_rnn_weights().items()}
    sunny, rainy = [1.0, 0.0], [0.0, 1.0]
    h, dishes = w["h0"][0], []  # the day before was pizza
    for weather in [sunny, rainy, rainy, sunny, rainy]:
        h = np.maximum(np.array(weather) @ w["W_x"] + h @ w["W_h"] + w["b"], 0.0)
        dishes.append(int(np.argmax(h @ w["W_out"] + w["b_out"])))
    assert dishes == [0, 1, 2, 2, 0], (
        f"after pizza, the weather sunny, rainy, rainy, sunny, rainy must give the dishes "
        f"[0, 1, 2, 2, 0] (pizza, chicken, sandwich, sandwich, pizza); your RNN gives {dishes}"
        f"\nfa: پس از پیتزا، هوای آفتابی، بارانی، بارانی، آفتابی، بارانی باید غذاهای `[0, 1, 2, 2, 0]` (پیتزا، مرغ، ساندویچ، ساندویچ، پیتزا) را بدهد؛ RNN شما `{dishes}` می‌دهد")


# %% test="hidden" points=1
def test_cook_days_right_half(cook_rnn_weights):
    from solutions.hw02 import check_cook_weights, cook_accuracy
    weights = cook_rnn_weights()
    try:
        check_cook_weights(weights)
    except ValueError as error:
        raise AssertionError(f"cook_rnn_weights(): {error}"
                             f"\nfa: `cook_rnn_weights()` خروجی نادرستی دارد: `{error}`") from None
    share = cook_accuracy(weights, seed=2500)
    assert share >= 0.5, (
        f"your RNN gets {share:.1%} of the days right; this test needs 50%. "
        "Check each (yesterday's dish, weather) pair by hand with the ReLU update"
        f"\nfa: RNN شما غذای `{share:.1%}` از روزها را درست پیش‌بینی می‌کند؛ این آزمون `50%` لازم دارد. هر زوج (غذای دیروز، هوا) را با به‌روزرسانی ReLU دستی بررسی کنید")


# %% test="hidden" points=1
def test_cook_days_right_ninety_percent(cook_rnn_weights):
    from solutions.hw02 import check_cook_weights, cook_accuracy
    weights = cook_rnn_weights()
    try:
        check_cook_weights(weights)
    except ValueError as error:
        raise AssertionError(f"cook_rnn_weights(): {error}"
                             f"\nfa: `cook_rnn_weights()` خروجی نادرستی دارد: `{error}`") from None
    share = cook_accuracy(weights, seed=2500)
    assert share >= 0.9, (
        f"your RNN gets {share:.1%} of the days right; this test needs 90%. "
        "Check each (yesterday's dish, weather) pair by hand with the ReLU update"
        f"\nfa: RNN شما غذای `{share:.1%}` از روزها را درست پیش‌بینی می‌کند؛ این آزمون `90%` لازم دارد. هر زوج (غذای دیروز، هوا) را با به‌روزرسانی ReLU دستی بررسی کنید")


# %% test="hidden" points=2
def test_cook_days_right_all(cook_rnn_weights):
    from solutions.hw02 import check_cook_weights, cook_accuracy
    weights = cook_rnn_weights()
    try:
        check_cook_weights(weights)
    except ValueError as error:
        raise AssertionError(f"cook_rnn_weights(): {error}"
                             f"\nfa: `cook_rnn_weights()` خروجی نادرستی دارد: `{error}`") from None
    share = cook_accuracy(weights, seed=2500)
    assert share >= 1.0, (
        f"your RNN gets {share:.1%} of the days right; this test needs 100%. "
        "Check each (yesterday's dish, weather) pair by hand with the ReLU update"
        f"\nfa: RNN شما غذای `{share:.1%}` از روزها را درست پیش‌بینی می‌کند؛ این آزمون `100%` لازم دارد. هر زوج (غذای دیروز، هوا) را با به‌روزرسانی ReLU دستی بررسی کنید")

# %% [raw]
# # BEGIN QUESTION
# name: q6
# manual: true
# points: 4

# %% [markdown]
# ## پرسش ۶: چرا یک لایهٔ جمعی سه‌واحدی کافی نیست؟ (تشریحی) · Question 6: why one additive layer of three units is not enough (written)
#
# <div dir="rtl" lang="fa">
#
# ساده‌ترین طرح برای آشپز این است که حالت، خودِ بردار one-hot غذای امروز باشد (سه واحد): $h_t = \phi(x_t W_x + h_{t-1} W_h + b)$ با $W_x$ به شکل $2\times3$ و $W_h$ به شکل $3\times3$، و $\phi$ یک تابع فعال‌سازی صعودی با آستانه (مثلاً پله، یا ReLU و tanh با آستانهٔ ۰٫۵) که واحد غذای امروز را روشن و دو واحد دیگر را خاموش کند. نشان دهید هیچ انتخابی از $W_x$ و $W_h$ و $b$ این کار را نمی‌کند. راهنمایی: فقط واحد «مرغ» را در نظر بگیرید و چهار حالت «دیروز پیتزا یا مرغ» × «امروز آفتابی یا بارانی» را بنویسید. سپس توضیح دهید طرح پرسش ۵ این مشکل را چطور حل می‌کند.
#
# </div>
#
# The simplest design for the cook makes the state itself the one-hot vector of today's dish (three units): $h_t = \phi(x_t W_x + h_{t-1} W_h + b)$ with $W_x$ of shape $2\times3$, $W_h$ of shape $3\times3$ and $\phi$ an increasing activation with a threshold (a step, or ReLU / tanh read with a threshold of 0.5) that switches today's dish on and the other two off. Show that no choice of $W_x$, $W_h$ and $b$ achieves this. Hint: look only at the "chicken" unit and write down the four cases "yesterday pizza or chicken" × "today sunny or rainy". Then explain how the design of question 5 gets around the problem.

# %% [markdown] solution=true
# **Model answer.** With one-hot inputs, the pre-activation of the chicken unit (index 1) is $a = W_h[y, 1] + W_x[w, 1] + b_1$ for yesterday's dish $y$ and today's weather $w$. Chicken must be **on** for (pizza, rainy) and (chicken, sunny), and **off** for (pizza, sunny) and (chicken, rainy). With the threshold $\theta$:
#
# - on: $W_h[0,1] + W_x[r,1] + b_1 > \theta$ and $W_h[1,1] + W_x[s,1] + b_1 > \theta$; summed: $S + 2b_1 > 2\theta$,
# - off: $W_h[0,1] + W_x[s,1] + b_1 < \theta$ and $W_h[1,1] + W_x[r,1] + b_1 < \theta$; summed: $S + 2b_1 < 2\theta$,
#
# where $S = W_h[0,1] + W_h[1,1] + W_x[s,1] + W_x[r,1]$ in both sums: a contradiction. This is XOR (the unit must fire when "yesterday was chicken" and "it is sunny" are both true or both false), and one additive layer followed by a monotone activation only separates linearly; the same holds for every dish. (2 points for the four cases and the contradiction, or an equivalent XOR / linear-separability argument.)
#
# The fix is a hidden layer wider than the output: question 5 uses 6 units, one per pair (yesterday's dish, weather). Each is an AND: $[\text{yesterday}=j] + [\text{weather}=w] - 1$ is 1 only for its own pair, and ReLU clips the others to 0, so exactly one unit is on. The OR "today's dish is d" (two pairs lead to each dish) is then a sum, done by $W_{out}$ for the output and by $W_h$ when the next step reads "yesterday's dish". In other words, the extra units give the recurrent step the second layer that XOR needs. (1 point for more hidden units / a hidden layer making AND units, 1 point for how the dish is read out and fed back.)
#
# <div dir="rtl" lang="fa">
#
# پیش‌فعال‌سازی واحد مرغ $W_h[y,1] + W_x[w,1] + b_1$ است. این واحد باید برای (پیتزا، بارانی) و (مرغ، آفتابی) روشن و برای (پیتزا، آفتابی) و (مرغ، بارانی) خاموش باشد. جمع دو نامساوی «روشن» و جمع دو نامساوی «خاموش» یک مقدار را یک بار بزرگ‌تر و یک بار کوچک‌تر از $2\theta$ می‌خواهند: تناقض (همان مسئلهٔ XOR). راه حل: لایهٔ پنهان پهن‌تر؛ شش واحد، هر کدام «و»ی یک غذای دیروز و یک هوا، و سپس «یا» با جمع در $W_{out}$ و $W_h$.
#
# </div>
