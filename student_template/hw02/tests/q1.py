from otter.test_files import test_case

OK_FORMAT = False

name = "q1"
points = 4

@test_case(points=0, hidden=False)
def test_rnn_cell_bias_only(rnn_cell_forward):
    import numpy as np
    out = rnn_cell_forward(np.ones((2, 3)), np.ones((2, 2)), np.zeros((3, 2)), np.zeros((2, 2)), np.array([0.5, -1.0]))
    assert out is not None, 'rnn_cell_forward returned None: compute h_t and return it\nfa: `rnn_cell_forward` مقدار None برگرداند: `h_t` را حساب کنید و برگردانید'
    out = np.asarray(out, dtype=float)
    assert out.shape == (2, 2), f'h_t must have shape (N, U) = (2, 2), not {out.shape}\nfa: شکل `h_t` باید `(N, U) = (2, 2)` باشد، نه `{out.shape}`'
    assert np.allclose(out, np.tanh([[0.5, -1.0], [0.5, -1.0]])), 'with zero weights every row of h_t is tanh(b)\nfa: با وزن\u200cهای صفر هر سطر `h_t` برابر `tanh(b)` است'

@test_case(points=0, hidden=False)
def test_rnn_forward_tiny(rnn_forward):
    import numpy as np
    x = np.array([[[0.5], [1.0]]])
    out = rnn_forward(x, np.array([[0.3]]), np.array([[1.0]]), np.array([[2.0]]), np.zeros(1))
    assert out is not None, 'rnn_forward returned None: return the stacked states\nfa: `rnn_forward` مقدار None برگرداند: حالت\u200cهای پشته\u200cشده را برگردانید'
    out = np.asarray(out, dtype=float)
    assert out.shape == (1, 2, 1), f'the states must have shape (N, T, U) = (1, 2, 1), not {out.shape}\nfa: شکل حالت\u200cها باید `(N, T, U) = (1, 2, 1)` باشد، نه `{out.shape}`'
    h1 = np.tanh(0.5 + 2.0 * 0.3)
    assert np.allclose(out, [[[h1], [np.tanh(1.0 + 2.0 * h1)]]]), 'h1 = tanh(0.5 * 1 + 0.3 * 2) must start from h0 = 0.3; h2 = tanh(1.0 * 1 + h1 * 2)\nfa: `h1 = tanh(0.5 * 1 + 0.3 * 2)` باید از `h0 = 0.3` شروع شود؛ `h2 = tanh(1.0 * 1 + h1 * 2)`'

