from otter.test_files import test_case

OK_FORMAT = False

name = "q4"
points = 4

@test_case(points=0, hidden=False)
def test_rnn_example(simple_rnn_params, dense_params):
    total = simple_rnn_params(28, 256) + dense_params(256, 10)
    assert total == 75530, f'SimpleRNN(256) on 28 features + Dense(10) has 75530 parameters, got {total}\nfa: `SimpleRNN(256)` روی 28 ویژگی به\u200cعلاوهٔ `Dense(10)` تعداد 75530 پارامتر دارد، ولی `{total}` برگشت'

@test_case(points=0, hidden=False)
def test_tiny_layers(lstm_params, gru_params, conv1d_params):
    assert lstm_params(1, 1) == 12, 'LSTM(1) on 1 feature: 4 gates * (1 + 1 + 1) = 12\nfa: `LSTM(1)` روی 1 ویژگی: `4 gates * (1 + 1 + 1) = 12`'
    assert gru_params(1, 1) == 12, 'GRU(1), reset_after=True: 3 gates * (1 + 1 + 2 biases) = 12\nfa: `GRU(1)` با `reset_after=True`: `3 gates * (1 + 1 + 2 biases) = 12`'
    assert gru_params(1, 1, reset_after=False) == 9, 'GRU(1), reset_after=False: 3 * (1 + 1 + 1) = 9\nfa: `GRU(1)` با `reset_after=False`: `3 * (1 + 1 + 1) = 9`'
    assert conv1d_params(1, 1, 3) == 4, 'Conv1D(1, 3) on 1 channel: 3 weights + 1 bias = 4\nfa: `Conv1D(1, 3)` روی 1 کانال: 3 وزن و 1 بایاس، یعنی 4'

