from otter.test_files import test_case

OK_FORMAT = False

name = "q3"
points = 4

@test_case(points=0, hidden=False)
def test_counts_session_model(simple_rnn_param_count, dense_param_count, rnn_classifier_param_count):
    got = simple_rnn_param_count(28, 256)
    assert got == 72960, f'SimpleRNN(256) on 28 features has 72,960 parameters, not {got}\nfa: `SimpleRNN(256)` روی 28 ویژگی 72,960 پارامتر دارد، نه `{got}`'
    got = dense_param_count(256, 10)
    assert got == 2570, f'Dense(10) on 256 inputs has 256 * 10 + 10 = 2,570 parameters, not {got}\nfa: `Dense(10)` روی 256 ورودی `256 * 10 + 10 = 2,570` پارامتر دارد، نه `{got}`'
    got = rnn_classifier_param_count(28, 256, 10)
    assert got == 75530, f"the session's model has 72,960 + 2,570 = 75,530 parameters, not {got}\nfa: مدل جلسهٔ درس `72,960 + 2,570 = 75,530` پارامتر دارد، نه `{got}`"

@test_case(points=0, hidden=False)
def test_counts_tiny(simple_rnn_param_count, dense_param_count):
    got = simple_rnn_param_count(1, 1)
    assert got == 3, f'SimpleRNN(1) on 1 feature: one input weight, one recurrent weight and one bias, not {got}\nfa: `SimpleRNN(1)` روی 1 ویژگی: یک وزن ورودی، یک وزن بازگشتی و یک بایاس، نه `{got}`'
    got = dense_param_count(3, 2)
    assert got == 8, f'Dense(2) on 3 inputs: 3 * 2 weights and 2 biases = 8, not {got}\nfa: `Dense(2)` روی 3 ورودی: `3 * 2` وزن و 2 بایاس، یعنی 8، نه `{got}`'

