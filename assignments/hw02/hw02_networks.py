"""Content of homework 2, part 2: parameter counts and shapes of stacked / bidirectional RNNs,
the cook's RNN (designed weights, graded by simulation) and the written question about it."""

from __future__ import annotations

from hw02_cells import AutoQuestion, ManualQuestion

# ============================================================== Q4 stacked / bidirectional

Q4_TEXT = r"""
## پرسش ۴: شبکه‌های بازگشتی چندلایه و دوطرفه · Question 4: stacked and bidirectional RNNs

<div dir="rtl" lang="fa">

در RNN دوطرفه یک لایهٔ بازگشتی دنباله را از ابتدا به انتها و نسخهٔ **مستقل** دیگری (با وزن‌های جدا) از انتها به ابتدا می‌خواند؛ `keras.layers.Bidirectional` خروجی دو جهت را با `merge_mode` ترکیب می‌کند. در RNN عمیق (چندلایه) دنبالهٔ حالت‌های هر لایه ورودی لایهٔ بعدی است.

1. `stacked_rnn_params(input_dim, units_per_layer, cell, bidirectional)` تعداد کل پارامترهای (همان `count_params()` در Keras) پشته‌ای از لایه‌های بازگشتی را برمی‌گرداند (یک عدد صحیح). `input_dim` تعداد ویژگی‌های ورودی، `units_per_layer` لیست تعداد واحدهای لایه‌ها به ترتیب، `cell` یکی از `"simple"` (SimpleRNN) و `"lstm"` و `"gru"` (با پیش‌فرض Keras یعنی `reset_after=True`) و `bidirectional` مقدار بولی است؛ اگر `True` باشد هر لایه در `Bidirectional` با `merge_mode="concat"` پیچیده شده است.
2. `bidirectional_output_shape(batch, timesteps, units, merge_mode, return_sequences)` شکل خروجی `Bidirectional(SimpleRNN(units, return_sequences=return_sequences), merge_mode=merge_mode)` را روی ورودی `(batch, timesteps, features)` به صورت تاپل برمی‌گرداند. `merge_mode` یکی از `"concat"` و `"sum"` و `"mul"` و `"ave"` یا `None` است؛ با `None` دو جهت ترکیب نمی‌شوند و خروجی **لیستی از دو شکل** است. `batch` ممکن است `None` باشد (اندازهٔ نامعلوم دسته)؛ همان را در شکل بگذارید.

</div>

A bidirectional RNN reads the sequence forwards with one recurrent layer and backwards with an **independent** copy (separate weights); `keras.layers.Bidirectional` merges the two directions with `merge_mode`. In a deep (stacked) RNN the state sequence of one layer is the input of the next.

1. `stacked_rnn_params(input_dim, units_per_layer, cell, bidirectional)` returns the total parameter count (Keras's `count_params()`, an int) of a stack of recurrent layers: `input_dim` input features, `units_per_layer` the units of each layer in order, `cell` one of `"simple"` (SimpleRNN), `"lstm"`, `"gru"` (Keras's default `reset_after=True`), and `bidirectional` a bool; when `True`, every layer is wrapped in `Bidirectional` with `merge_mode="concat"`.
2. `bidirectional_output_shape(batch, timesteps, units, merge_mode, return_sequences)` returns, as a tuple, the output shape of `Bidirectional(SimpleRNN(units, return_sequences=return_sequences), merge_mode=merge_mode)` on inputs `(batch, timesteps, features)`. `merge_mode` is `"concat"`, `"sum"`, `"mul"`, `"ave"` or `None`; with `None` the directions are not merged and the result is a **list of two shapes**. `batch` may be `None` (unknown batch size): keep it as it is.
"""

Q4_SOLUTION = r'''
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
'''

Q4_PUBLIC = [r'''
def test_stacked_params_single_layers(stacked_rnn_params):
    assert stacked_rnn_params(28, [256], "simple", False) == 72_960, (
        "SimpleRNN(256) on 28 features: 256 * 28 + 256 * 256 + 256 = 72,960")
    assert stacked_rnn_params(10, [32], "lstm", True) == 11_008, (
        "Bidirectional(LSTM(32)) on 10 features: 2 directions * 4 gates * (32*10 + 32*32 + 32)")
''', r'''
def test_bidirectional_shapes_examples(bidirectional_output_shape):
    got = bidirectional_output_shape(32, 10, 8, "concat", True)
    assert got is not None and tuple(got) == (32, 10, 16), (
        "concat with return_sequences=True gives (batch, timesteps, 2 * units) = (32, 10, 16)")
    got = bidirectional_output_shape(32, 10, 8, None, False)
    assert isinstance(got, list) and [tuple(s) for s in got] == [(32, 8), (32, 8)], (
        "merge_mode=None returns a list of the two unmerged shapes, here [(32, 8), (32, 8)]")
''']

Q4_HIDDEN = [(r'''
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
                    "and the input size of each following layer")
''', 2), (r'''
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
                        f"{where}: return a list of two shapes")
                    got, want = [tuple(s) for s in got], [tuple(s) for s in want]
                else:
                    assert isinstance(got, (tuple, list)), f"{where}: return the shape as a tuple"
                    got = tuple(got)
                assert got == want, f"wrong shape for {where} (batch={batch})"
''', 2)]

# ============================================================== Q5 the cook's RNN

Q5_TEXT = r"""
## پرسش ۵: RNN آشپز · Question 5: the cook's RNN

<div dir="rtl" lang="fa">

آشپزی هر روز یکی از سه غذای پیتزا (۰)، مرغ (۱) یا ساندویچ (۲) را می‌پزد. قاعده‌اش این است: در روز **آفتابی** همان غذای دیروز را می‌پزد و در روز **بارانی** غذای بعدی در چرخهٔ پیتزا ← مرغ ← ساندویچ ← پیتزا را. پس غذای امروز هم به هوای امروز بستگی دارد و هم به حافظه (غذای دیروز).

وزن‌های یک RNN سادهٔ المن با `H` واحد پنهان را خودتان طراحی کنید (بدون آموزش) تا غذاها را دقیقاً پیش‌بینی کند. تابع `cook_rnn_weights()` دیکشنری‌ای از آرایه‌های numpy با این کلیدها برمی‌گرداند:

| کلید | شکل | معنی |
| --- | --- | --- |
| `"W_x"` | `(2, H)` | وزن ورودی؛ هوا به صورت one-hot: آفتابی `[1, 0]`، بارانی `[0, 1]` |
| `"W_h"` | `(H, H)` | وزن بازگشتی |
| `"b"` | `(H,)` | بایاس لایهٔ پنهان |
| `"W_out"` | `(H, 3)` | وزن خروجی |
| `"b_out"` | `(3,)` | بایاس خروجی |
| `"h0"` | `(3, H)` | سطر `k` حالت اولیه وقتی غذای «دیروزِ» روز اول `k` بوده است |

نمره‌دهنده شبکهٔ شما را خودش با **ReLU** اجرا می‌کند: با شروع از `h = h0[k]`، برای هر روز

$$h_t = \mathrm{ReLU}(x_t W_x + h_{t-1} W_h + b), \qquad \text{غذای روز } t = \arg\max(h_t W_{out} + b_{out})$$

و آن را با قاعدهٔ آشپز روی تعداد زیادی دنبالهٔ تصادفی هوا با طول ۱ تا ۵۰ و هر سه غذای شروع مقایسه می‌کند. روزی درست حساب می‌شود که امتیاز غذای درست **اکیداً** از دو غذای دیگر بیشتر باشد (تساوی غلط است). `H` دلخواه است ولی حداکثر ۶۴. نمره بر اساس سهم روزهای درست است: ۱ نمره برای دست‌کم ۵۰٪، ۱ نمره برای دست‌کم ۹۰٪ و ۲ نمره برای ۱۰۰٪.

راهنمایی: با سه واحد پنهان نمی‌شود (پرسش ۶). واحدی بسازید که فقط برای یک ترکیب «غذای دیروز و هوای امروز» روشن شود؛ با ورودی‌های 0 و 1، بایاس منفی و ReLU می‌توان «و» منطقی ساخت.

</div>

A cook makes one of three dishes every day: pizza (0), chicken (1) or sandwich (2). On a **sunny** day the cook repeats yesterday's dish; on a **rainy** day the cook moves on to the next dish of the cycle pizza → chicken → sandwich → pizza. Today's dish depends on today's weather and on memory (yesterday's dish).

Design, by hand (no training), the weights of a small Elman RNN with `H` hidden units that predicts the dishes exactly. `cook_rnn_weights()` returns a dict of numpy arrays: `"W_x"` `(2, H)` input weights for the one-hot weather (sunny `[1, 0]`, rainy `[0, 1]`), `"W_h"` `(H, H)` recurrent weights, `"b"` `(H,)` hidden bias, `"W_out"` `(H, 3)` and `"b_out"` `(3,)` the read-out, and `"h0"` `(3, H)`, whose row `k` is the initial state when the dish of the day before day 1 was `k`.

The grader runs your network itself with a **ReLU** activation: starting from `h = h0[k]`, every day $h_t = \mathrm{ReLU}(x_t W_x + h_{t-1} W_h + b)$ and the predicted dish is $\arg\max(h_t W_{out} + b_{out})$. It compares with the cook's rule on many random weather sequences of lengths 1 to 50, for each of the three first dishes. A day counts as right only if the right dish's score is **strictly** larger than the other two (ties are wrong). Any `H` up to 64 is allowed. Points follow the share of days right: 1 point for at least 50 %, 1 more for at least 90 %, 2 more for 100 %.

Hint: three hidden units are not enough (question 6). Build units that switch on for exactly one combination "yesterday's dish and today's weather": with 0/1 inputs, a negative bias and ReLU make a logical AND.
"""

Q5_SOLUTION = r'''
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
'''

Q5_PUBLIC = [r'''
def test_cook_weights_shapes(cook_rnn_weights):
    import numpy as np
    weights = cook_rnn_weights()
    assert isinstance(weights, dict), "cook_rnn_weights() must return a dict of arrays"
    missing = {"W_x", "W_h", "b", "W_out", "b_out", "h0"} - set(weights)
    assert not missing, f"the dict lacks the keys {sorted(missing)}"
    W_h = np.asarray(weights["W_h"], dtype=float)
    assert W_h.ndim == 2 and W_h.shape[0] == W_h.shape[1], "W_h must be a square (H, H) matrix"
    H = W_h.shape[0]
    for key, shape in [("W_x", (2, H)), ("b", (H,)), ("W_out", (H, 3)), ("b_out", (3,)),
                       ("h0", (3, H))]:
        got = np.asarray(weights[key], dtype=float).shape
        assert got == shape, f"{key} must have shape {shape} for H = {H}, not {got}"
''', r'''
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
        f"[0, 1, 2, 2, 0] (pizza, chicken, sandwich, sandwich, pizza); your RNN gives {dishes}")
''']

_COOK_TEST = r'''
def test_cook_days_right_{label}(cook_rnn_weights):
    from solutions.hw02 import check_cook_weights, cook_accuracy
    weights = cook_rnn_weights()
    try:
        check_cook_weights(weights)
    except ValueError as error:
        raise AssertionError(f"cook_rnn_weights(): {{error}}") from None
    share = cook_accuracy(weights, seed=2500)
    assert share >= {threshold}, (
        f"your RNN gets {{share:.1%}} of the days right; this test needs {threshold:.0%}. "
        "Check each (yesterday's dish, weather) pair by hand with the ReLU update")
'''

Q5_HIDDEN = [(_COOK_TEST.format(label=label, threshold=threshold), points)
             for label, threshold, points in [("half", 0.5, 1), ("ninety_percent", 0.9, 1),
                                              ("all", 1.0, 2)]]

# ============================================================== Q6 written

Q6 = ManualQuestion("q6", 4, r"""
## پرسش ۶: چرا یک لایهٔ جمعی سه‌واحدی کافی نیست؟ (تشریحی) · Question 6: why one additive layer of three units is not enough (written)

<div dir="rtl" lang="fa">

ساده‌ترین طرح برای آشپز این است که حالت، خودِ بردار one-hot غذای امروز باشد (سه واحد): $h_t = \phi(x_t W_x + h_{t-1} W_h + b)$ با $W_x$ به شکل $2\times3$ و $W_h$ به شکل $3\times3$، و $\phi$ یک تابع فعال‌سازی صعودی با آستانه (مثلاً پله، یا ReLU و tanh با آستانهٔ ۰٫۵) که واحد غذای امروز را روشن و دو واحد دیگر را خاموش کند. نشان دهید هیچ انتخابی از $W_x$ و $W_h$ و $b$ این کار را نمی‌کند. راهنمایی: فقط واحد «مرغ» را در نظر بگیرید و چهار حالت «دیروز پیتزا یا مرغ» × «امروز آفتابی یا بارانی» را بنویسید. سپس توضیح دهید طرح پرسش ۵ این مشکل را چطور حل می‌کند.

</div>

The simplest design for the cook makes the state itself the one-hot vector of today's dish (three units): $h_t = \phi(x_t W_x + h_{t-1} W_h + b)$ with $W_x$ of shape $2\times3$, $W_h$ of shape $3\times3$ and $\phi$ an increasing activation with a threshold (a step, or ReLU / tanh read with a threshold of 0.5) that switches today's dish on and the other two off. Show that no choice of $W_x$, $W_h$ and $b$ achieves this. Hint: look only at the "chicken" unit and write down the four cases "yesterday pizza or chicken" × "today sunny or rainy". Then explain how the design of question 5 gets around the problem.
""", r"""
**Model answer.** With one-hot inputs, the pre-activation of the chicken unit (index 1) is $a = W_h[y, 1] + W_x[w, 1] + b_1$ for yesterday's dish $y$ and today's weather $w$. Chicken must be **on** for (pizza, rainy) and (chicken, sunny), and **off** for (pizza, sunny) and (chicken, rainy). With the threshold $\theta$:

- on: $W_h[0,1] + W_x[r,1] + b_1 > \theta$ and $W_h[1,1] + W_x[s,1] + b_1 > \theta$; summed: $S + 2b_1 > 2\theta$,
- off: $W_h[0,1] + W_x[s,1] + b_1 < \theta$ and $W_h[1,1] + W_x[r,1] + b_1 < \theta$; summed: $S + 2b_1 < 2\theta$,

where $S = W_h[0,1] + W_h[1,1] + W_x[s,1] + W_x[r,1]$ in both sums: a contradiction. This is XOR (the unit must fire when "yesterday was chicken" and "it is sunny" are both true or both false), and one additive layer followed by a monotone activation only separates linearly; the same holds for every dish. (2 points for the four cases and the contradiction, or an equivalent XOR / linear-separability argument.)

The fix is a hidden layer wider than the output: question 5 uses 6 units, one per pair (yesterday's dish, weather). Each is an AND: $[\text{yesterday}=j] + [\text{weather}=w] - 1$ is 1 only for its own pair, and ReLU clips the others to 0, so exactly one unit is on. The OR "today's dish is d" (two pairs lead to each dish) is then a sum, done by $W_{out}$ for the output and by $W_h$ when the next step reads "yesterday's dish". In other words, the extra units give the recurrent step the second layer that XOR needs. (1 point for more hidden units / a hidden layer making AND units, 1 point for how the dish is read out and fed back.)

<div dir="rtl" lang="fa">

پیش‌فعال‌سازی واحد مرغ $W_h[y,1] + W_x[w,1] + b_1$ است. این واحد باید برای (پیتزا، بارانی) و (مرغ، آفتابی) روشن و برای (پیتزا، آفتابی) و (مرغ، بارانی) خاموش باشد. جمع دو نامساوی «روشن» و جمع دو نامساوی «خاموش» یک مقدار را یک بار بزرگ‌تر و یک بار کوچک‌تر از $2\theta$ می‌خواهند: تناقض (همان مسئلهٔ XOR). راه حل: لایهٔ پنهان پهن‌تر؛ شش واحد، هر کدام «و»ی یک غذای دیروز و یک هوا، و سپس «یا» با جمع در $W_{out}$ و $W_h$.

</div>
""")
