from otter.test_files import test_case

OK_FORMAT = False

name = "q5"
points = 4

@test_case(points=0, hidden=False)
def test_cook_weights_shapes(cook_rnn_weights):
    import numpy as np
    weights = cook_rnn_weights()
    assert isinstance(weights, dict), 'cook_rnn_weights() must return a dict of arrays\nfa: `cook_rnn_weights()` باید دیکشنری\u200cای از آرایه\u200cها برگرداند'
    missing = {'W_x', 'W_h', 'b', 'W_out', 'b_out', 'h0'} - set(weights)
    assert not missing, f'the dict lacks the keys {sorted(missing)}\nfa: این کلیدها در دیکشنری نیستند: `{sorted(missing)}`'
    W_h = np.asarray(weights['W_h'], dtype=float)
    assert W_h.ndim == 2 and W_h.shape[0] == W_h.shape[1], 'W_h must be a square (H, H) matrix\nfa: `W_h` باید ماتریس مربعی `(H, H)` باشد'
    H = W_h.shape[0]
    for key, shape in [('W_x', (2, H)), ('b', (H,)), ('W_out', (H, 3)), ('b_out', (3,)), ('h0', (3, H))]:
        got = np.asarray(weights[key], dtype=float).shape
        assert got == shape, f'{key} must have shape {shape} for H = {H}, not {got}\nfa: `{key}` برای `H = {H}` باید شکل `{shape}` داشته باشد، نه `{got}`'

@test_case(points=0, hidden=False)
def test_cook_short_week(cook_rnn_weights):
    import numpy as np
    w = {key: np.asarray(value, dtype=float) for key, value in cook_rnn_weights().items()}
    sunny, rainy = ([1.0, 0.0], [0.0, 1.0])
    h, dishes = (w['h0'][0], [])
    for weather in [sunny, rainy, rainy, sunny, rainy]:
        h = np.maximum(np.array(weather) @ w['W_x'] + h @ w['W_h'] + w['b'], 0.0)
        dishes.append(int(np.argmax(h @ w['W_out'] + w['b_out'])))
    assert dishes == [0, 1, 2, 2, 0], f'after pizza, the weather sunny, rainy, rainy, sunny, rainy must give the dishes [0, 1, 2, 2, 0] (pizza, chicken, sandwich, sandwich, pizza); your RNN gives {dishes}\nfa: پس از پیتزا، هوای آفتابی، بارانی، بارانی، آفتابی، بارانی باید غذاهای `[0, 1, 2, 2, 0]` (پیتزا، مرغ، ساندویچ، ساندویچ، پیتزا) را بدهد؛ RNN شما `{dishes}` می\u200cدهد'

