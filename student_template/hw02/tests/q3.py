from otter.test_files import test_case

OK_FORMAT = False

name = "q3"
points = 4

@test_case(points=0, hidden=False)
def test_lstm_zero_weights(lstm_cell_forward):
    import numpy as np
    c_prev = np.array([[2.0, -1.0]])
    result = lstm_cell_forward(np.ones((1, 3)), np.ones((1, 2)), c_prev, np.zeros((3, 8)), np.zeros((2, 8)), np.zeros(8))
    assert isinstance(result, (tuple, list)) and len(result) == 2, 'return the pair (h_t, c_t)\nfa: زوج `(h_t, c_t)` را برگردانید'
    h, c = (np.asarray(part, dtype=float) for part in result)
    assert h.shape == (1, 2) and c.shape == (1, 2), 'h_t and c_t must both have shape (N, U)\nfa: `h_t` و `c_t` هر دو باید شکل `(N, U)` داشته باشند'
    assert np.allclose(c, 0.5 * c_prev), 'with zero weights every gate is 0.5 and the candidate is 0, so c_t = 0.5 * c_prev\nfa: با وزن\u200cهای صفر همهٔ دروازه\u200cها 0.5 و نامزد 0 است، پس `c_t = 0.5 * c_prev`'
    assert np.allclose(h, 0.5 * np.tanh(0.5 * c_prev)), 'h_t = o * tanh(c_t) = 0.5 * tanh(c_t)\nfa: `h_t = o * tanh(c_t) = 0.5 * tanh(c_t)`'

@test_case(points=0, hidden=False)
def test_lstm_gate_order(lstm_cell_forward):
    import numpy as np
    bias = np.zeros(4)
    bias[0], bias[1], bias[3] = (40.0, -40.0, 40.0)
    kernel = np.array([[0.0, 0.0, 1.0, 0.0]])
    h, c = (np.asarray(part, dtype=float) for part in lstm_cell_forward(np.array([[0.3]]), np.zeros((1, 1)), np.array([[9.0]]), kernel, np.zeros((1, 4)), bias))
    assert np.allclose(c, np.tanh(0.3)), 'input gate open and forget gate closed: c_t = tanh(0.3); are the blocks in the order i, f, c, o?\nfa: دروازهٔ ورودی باز و دروازهٔ فراموشی بسته: `c_t = tanh(0.3)`؛ آیا بلوک\u200cها به ترتیب `i, f, c, o` هستند؟'
    assert np.allclose(h, np.tanh(np.tanh(0.3))), 'output gate open: h_t = tanh(c_t)\nfa: دروازهٔ خروجی باز: `h_t = tanh(c_t)`'

