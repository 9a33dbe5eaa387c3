from otter.test_files import test_case

OK_FORMAT = False

name = "q1"
points = 8

@test_case(points=0, hidden=False)
def test_bn_small_example(forward_batchnorm):
    import numpy as np
    x = np.array([[1.0, 2.0], [3.0, 6.0]])
    out = forward_batchnorm(x, np.ones(2), np.zeros(2), eps=0.0)
    assert out is not None, 'forward_batchnorm returned None: compute y and return it\nfa: `forward_batchnorm` مقدار None برگرداند: `y` را حساب کنید و برگردانید'
    out = np.asarray(out, dtype=float)
    assert out.shape == (2, 2), f'the output must have the shape of x, (2, 2), not {out.shape}\nfa: خروجی باید هم\u200cشکل `x`، یعنی `(2, 2)`، باشد، نه `{out.shape}`'
    assert np.allclose(out, [[-1.0, -1.0], [1.0, 1.0]]), 'column means are [2, 4] and biased variances [1, 4], so y must be [[-1, -1], [1, 1]]\nfa: میانگین ستون\u200cها `[2, 4]` و واریانس\u200cهای اریب `[1, 4]` است، پس `y` باید `[[-1, -1], [1, 1]]` باشد'

@test_case(points=0, hidden=False)
def test_bn_gamma_beta(forward_batchnorm):
    import numpy as np
    out = forward_batchnorm(np.array([[0.0], [2.0]]), np.array([3.0]), np.array([10.0]), eps=0.0)
    assert np.allclose(np.asarray(out, dtype=float), [[7.0], [13.0]]), 'x_hat is [[-1], [1]]; y = gamma * x_hat + beta = [[7], [13]]\nfa: `x_hat` برابر `[[-1], [1]]` است؛ `y = gamma * x_hat + beta = [[7], [13]]`'

@test_case(points=0, hidden=False)
def test_bn_train_step_small(batchnorm_train_step):
    import numpy as np
    x = np.array([[1.0, 2.0], [3.0, 6.0]])
    result = batchnorm_train_step(x, np.ones(2), np.zeros(2), np.zeros(2), np.ones(2), momentum=0.9, eps=0.0)
    assert isinstance(result, tuple) and len(result) == 3, 'return the tuple (y, new_running_mean, new_running_var)\nfa: تاپل `(y, new_running_mean, new_running_var)` را برگردانید'
    y, mean, var = (np.asarray(part, dtype=float) for part in result)
    assert np.allclose(y, [[-1.0, -1.0], [1.0, 1.0]]), "y must use this batch's statistics\nfa: `y` باید از آماره\u200cهای همین batch استفاده کند"
    assert np.allclose(mean, [0.2, 0.4]), 'new mean = 0.9 * [0, 0] + 0.1 * [2, 4] = [0.2, 0.4]\nfa: میانگین تازه: `0.9 * [0, 0] + 0.1 * [2, 4] = [0.2, 0.4]`'
    assert np.allclose(var, [1.0, 1.3]), 'new variance = 0.9 * [1, 1] + 0.1 * [1, 4] = [1.0, 1.3] (biased batch variance)\nfa: واریانس تازه: `0.9 * [1, 1] + 0.1 * [1, 4] = [1.0, 1.3]` (واریانس اریب batch)'

@test_case(points=0, hidden=False)
def test_bn_inference_small(batchnorm_inference):
    import numpy as np
    out = batchnorm_inference(np.array([[1.0], [5.0]]), np.array([2.0]), np.array([1.0]), np.array([1.0]), np.array([4.0]), eps=0.0)
    assert np.allclose(np.asarray(out, dtype=float), [[1.0], [5.0]]), 'with running mean 1 and running variance 4: x_hat = (x - 1) / 2 = [[0], [2]], then y = 2 * x_hat + 1 = [[1], [5]]\nfa: با میانگین متحرک 1 و واریانس متحرک 4: `x_hat = (x - 1) / 2 = [[0], [2]]`، سپس `y = 2 * x_hat + 1 = [[1], [5]]`'

