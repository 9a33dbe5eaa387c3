from otter.test_files import test_case

OK_FORMAT = False

name = "q1"
points = 8

@test_case(points=0, hidden=False)
def test_windows_tiny(make_windows):
    import numpy as np
    data = np.arange(20.0).reshape(10, 2)
    result = make_windows(data, 4, 2, 2, 1)
    assert isinstance(result, (tuple, list)) and len(result) == 2, 'return the pair (X, y)\nfa: زوج `(X, y)` را برگردانید'
    X, y = (np.asarray(part, dtype=float) for part in result)
    assert X.shape == (4, 2, 2), f'10 rows, lookback 4, delay 2: i runs over 4, 5, 6, 7, so X has shape (4, 2, 2), not {X.shape}\nfa: 10 سطر، `lookback 4`، `delay 2`: `i` از 4 تا 7 است، پس شکل `X` باید `(4, 2, 2)` باشد، نه `{X.shape}`'
    assert np.array_equal(X[0], [[0, 1], [4, 5]]), 'the first window (i = 4) holds the rows 0 and 2\nfa: نخستین پنجره (`i = 4`) سطرهای 0 و 2 را دارد'
    assert np.array_equal(y, [13, 15, 17, 19]), 'y[k] is column 1 of row i + delay: rows 6, 7, 8, 9 give 13, 15, 17, 19\nfa: `y[k]` ستون 1 از سطر `i + delay` است: سطرهای 6، 7، 8 و 9 مقدارهای 13، 15، 17 و 19 را می\u200cدهند'

@test_case(points=0, hidden=False)
def test_standardize_tiny(standardize):
    import numpy as np
    data = np.array([[1.0, 10.0], [3.0, 10.0], [100.0, 0.0]])
    result = standardize(data, 2)
    assert isinstance(result, (tuple, list)) and len(result) == 3, 'return (scaled, mean, std)\nfa: `(scaled, mean, std)` را برگردانید'
    scaled, mean, std = (np.asarray(part, dtype=float) for part in result)
    assert np.allclose(mean, [2, 10]) and np.allclose(std, [1, 1]), 'use the first 2 rows only: mean [2, 10], std [1, 0] and a zero std becomes 1\nfa: فقط 2 سطر اول را به کار ببرید: میانگین `[2, 10]`، انحراف معیار `[1, 0]`، و انحراف معیار صفر 1 می\u200cشود'
    assert np.allclose(scaled, [[-1, 0], [1, 0], [98, -10]]), 'scaled = (data - mean) / std\nfa: `scaled = (data - mean) / std`'

@test_case(points=0, hidden=False)
def test_naive_tiny(naive_forecast_mae):
    import numpy as np
    data = np.arange(20.0).reshape(10, 2)
    mae = naive_forecast_mae(data, 4, 2, 2, 1)
    assert mae is not None and np.isclose(float(mae), 8.0), 'the last window row is i - 2 and the target row i + 2: column 1 differs by 2 * 4 = 8\nfa: آخرین سطر پنجره `i - 2` و سطر هدف `i + 2` است: ستون 1 به اندازهٔ `2 * 4 = 8` فرق دارد'

