from otter.test_files import test_case

OK_FORMAT = False

name = "q5"
points = 8

@test_case(points=0, hidden=False)
def test_prepare_small_example(prepare_gas_data):
    import numpy as np
    import pandas as pd
    df = pd.DataFrame({'temperature': np.arange(10) * 2.0, 'hour': np.arange(10), 'holiday': [0, 1] * 5, 'consumption': np.arange(10) / 10})
    result = prepare_gas_data(df, window=2, test_fraction=0.3)
    assert isinstance(result, tuple) and len(result) == 5, 'return the tuple (X_train, y_train, X_test, y_test, stats)\nfa: تاپل `(X_train, y_train, X_test, y_test, stats)` را برگردانید'
    X_train, y_train, X_test, y_test, stats = result
    assert np.shape(X_train) == (5, 2, 3) and np.shape(X_test) == (1, 2, 3), f'expected X_train (5, 2, 3) and X_test (1, 2, 3), got {np.shape(X_train)} and {np.shape(X_test)}\nfa: `X_train` با شکل `(5, 2, 3)` و `X_test` با شکل `(1, 2, 3)` انتظار می\u200cرفت، ولی `{np.shape(X_train)}` و `{np.shape(X_test)}` برگشت'
    assert np.allclose(y_train, [0.2, 0.3, 0.4, 0.5, 0.6]), 'y_train[i] is consumption[i + window]\nfa: `y_train[i]` همان `consumption[i + window]` است'
    assert np.allclose(y_test, [0.9]), 'the test part is rows 7..9; its only target is row 9\nfa: بخش آزمایشی سطرهای 7 تا 9 است؛ تنها هدف آن سطر 9 است'
    assert np.allclose(stats['mean'], [6.0, 3.0, 3 / 7]), 'means over the first 7 rows only\nfa: میانگین\u200cها فقط روی 7 سطر اول'
    assert np.allclose(stats['std'], [4.0, 2.0, np.std([0, 1, 0, 1, 0, 1, 0])]), 'population std (ddof=0) over the first 7 rows only\nfa: انحراف معیار جامعه (`ddof=0`) فقط روی 7 سطر اول'
    assert np.allclose(X_test[0, :, 0], [(14 - 6) / 4, (16 - 6) / 4]), 'test windows are scaled with the training statistics\nfa: پنجره\u200cهای آزمایشی با آماره\u200cهای آموزشی مقیاس می\u200cشوند'

