from otter.test_files import test_case

OK_FORMAT = False

name = "q4"
points = 4

@test_case(points=0, hidden=False)
def test_stacked_params_single_layers(stacked_rnn_params):
    assert stacked_rnn_params(28, [256], 'simple', False) == 72960, 'SimpleRNN(256) on 28 features: 256 * 28 + 256 * 256 + 256 = 72,960\nfa: `SimpleRNN(256)` روی 28 ویژگی: `256 * 28 + 256 * 256 + 256 = 72,960`'
    assert stacked_rnn_params(10, [32], 'lstm', True) == 11008, 'Bidirectional(LSTM(32)) on 10 features: 2 directions * 4 gates * (32*10 + 32*32 + 32)\nfa: `Bidirectional(LSTM(32))` روی 10 ویژگی: `2 directions * 4 gates * (32*10 + 32*32 + 32)`'

@test_case(points=0, hidden=False)
def test_bidirectional_shapes_examples(bidirectional_output_shape):
    got = bidirectional_output_shape(32, 10, 8, 'concat', True)
    assert got is not None and tuple(got) == (32, 10, 16), 'concat with return_sequences=True gives (batch, timesteps, 2 * units) = (32, 10, 16)\nfa: `concat` با `return_sequences=True` شکل `(batch, timesteps, 2 * units) = (32, 10, 16)` می\u200cدهد'
    got = bidirectional_output_shape(32, 10, 8, None, False)
    assert isinstance(got, list) and [tuple(s) for s in got] == [(32, 8), (32, 8)], 'merge_mode=None returns a list of the two unmerged shapes, here [(32, 8), (32, 8)]\nfa: `merge_mode=None` فهرستی از دو شکل ادغام\u200cنشده برمی\u200cگرداند، این\u200cجا `[(32, 8), (32, 8)]`'

