from otter.test_files import test_case

OK_FORMAT = False

name = "q1"
points = 8

@test_case(points=0, hidden=False)
def test_windows_tiny(make_windows):
    import numpy as np
    data = np.arange(20.0).reshape(10, 2)
    result = make_windows(data, 4, 2, 2, 1)
    assert isinstance(result, (tuple, list)) and len(result) == 2, 'return the pair (X, y)'
    X, y = (np.asarray(part, dtype=float) for part in result)
    assert X.shape == (4, 2, 2), f'10 rows, lookback 4, delay 2: i runs over 4, 5, 6, 7, so X has shape (4, 2, 2), not {X.shape}'
    assert np.array_equal(X[0], [[0, 1], [4, 5]]), 'the first window (i = 4) holds the rows 0 and 2'
    assert np.array_equal(y, [13, 15, 17, 19]), 'y[k] is column 1 of row i + delay: rows 6, 7, 8, 9 give 13, 15, 17, 19'

@test_case(points=0, hidden=False)
def test_standardize_tiny(standardize):
    import numpy as np
    data = np.array([[1.0, 10.0], [3.0, 10.0], [100.0, 0.0]])
    result = standardize(data, 2)
    assert isinstance(result, (tuple, list)) and len(result) == 3, 'return (scaled, mean, std)'
    scaled, mean, std = (np.asarray(part, dtype=float) for part in result)
    assert np.allclose(mean, [2, 10]) and np.allclose(std, [1, 1]), 'use the first 2 rows only: mean [2, 10], std [1, 0] and a zero std becomes 1'
    assert np.allclose(scaled, [[-1, 0], [1, 0], [98, -10]]), 'scaled = (data - mean) / std'

@test_case(points=0, hidden=False)
def test_naive_tiny(naive_forecast_mae):
    import numpy as np
    data = np.arange(20.0).reshape(10, 2)
    mae = naive_forecast_mae(data, 4, 2, 2, 1)
    assert mae is not None and np.isclose(float(mae), 8.0), 'the last window row is i - 2 and the target row i + 2: column 1 differs by 2 * 4 = 8'

