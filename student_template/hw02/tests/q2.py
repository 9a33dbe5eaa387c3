from otter.test_files import test_case

OK_FORMAT = False

name = "q2"
points = 4

@test_case(points=0, hidden=False)
def test_gru_zero_weights(gru_cell_forward):
    import numpy as np
    names = ['W_xu', 'W_xr', 'W_xh', 'W_hu', 'W_hr', 'W_hh', 'b_u', 'b_r', 'b_h']
    shapes = [(3, 2)] * 3 + [(2, 2)] * 3 + [(2,)] * 3
    params = {name: np.zeros(shape) for name, shape in zip(names, shapes)}
    h_prev = np.array([[1.0, -2.0], [0.5, 4.0]])
    out = gru_cell_forward(np.ones((2, 3)), h_prev, params)
    assert out is not None, 'gru_cell_forward returned None: compute h_t and return it\nfa: `gru_cell_forward` مقدار None برگرداند: `h_t` را حساب کنید و برگردانید'
    out = np.asarray(out, dtype=float)
    assert out.shape == (2, 2), f'h_t must have shape (N, U) = (2, 2), not {out.shape}\nfa: شکل `h_t` باید `(N, U) = (2, 2)` باشد، نه `{out.shape}`'
    assert np.allclose(out, 0.5 * h_prev), 'with zero weights u = 0.5 and the candidate is tanh(0) = 0, so h_t = 0.5 * h_prev\nfa: با وزن\u200cهای صفر `u = 0.5` و نامزد `tanh(0) = 0` است، پس `h_t = 0.5 * h_prev`'

@test_case(points=0, hidden=False)
def test_gru_update_gate_open(gru_cell_forward):
    import numpy as np
    names = ['W_xu', 'W_xr', 'W_xh', 'W_hu', 'W_hr', 'W_hh', 'b_u', 'b_r', 'b_h']
    shapes = [(1, 1)] * 6 + [(1,)] * 3
    params = {name: np.zeros(shape) for name, shape in zip(names, shapes)}
    params['b_u'] = np.array([40.0])
    params['W_xh'] = np.array([[1.0]])
    out = np.asarray(gru_cell_forward(np.array([[0.7]]), np.array([[5.0]]), params), dtype=float)
    assert np.allclose(out, np.tanh(0.7)), 'with u = 1 the new state is the candidate tanh(0.7), not the previous state: h_t = u * candidate + (1 - u) * h_prev\nfa: با `u = 1` حالت تازه همان نامزد `tanh(0.7)` است، نه حالت قبلی: `h_t = u * candidate + (1 - u) * h_prev`'

