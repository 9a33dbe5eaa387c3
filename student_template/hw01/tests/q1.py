from otter.test_files import test_case

OK_FORMAT = False

name = "q1"
points = 4

@test_case(points=0, hidden=False)
def test_shapes_session_example(simple_rnn_output_shapes):
    got = simple_rnn_output_shapes(32, 10, 8, 4)
    assert got is not None, 'simple_rnn_output_shapes returned None: return the shape\nfa: `simple_rnn_output_shapes` مقدار None برگرداند: شکل را برگردانید'
    assert tuple(got) == (32, 4), f'SimpleRNN(4) on inputs (32, 10, 8) returns the last state only: (32, 4), not {got}\nfa: `SimpleRNN(4)` روی ورودی\u200cهای `(32, 10, 8)` فقط حالت آخر را برمی\u200cگرداند: `(32, 4)`، نه `{got}`'

@test_case(points=0, hidden=False)
def test_shapes_session_example_with_state(simple_rnn_output_shapes):
    got = simple_rnn_output_shapes(32, 10, 8, 4, return_sequences=True, return_state=True)
    assert isinstance(got, (tuple, list)) and len(got) == 2 and all((isinstance(shape, (tuple, list)) for shape in got)), f'with return_state=True return the pair (output shape, final state shape): two tuples, not {got}\nfa: با `return_state=True` زوج (شکل خروجی، شکل حالت پایانی) را برگردانید: دو tuple، نه `{got}`'
    output_shape, state_shape = (tuple(shape) for shape in got)
    assert output_shape == (32, 10, 4), f'with return_sequences=True the output holds all 10 states: (32, 10, 4), not {output_shape}\nfa: با `return_sequences=True` خروجی همهٔ 10 حالت را دارد: `(32, 10, 4)`، نه `{output_shape}`'
    assert state_shape == (32, 4), f'the final state has shape (32, 4), not {state_shape}\nfa: حالت پایانی شکل `(32, 4)` دارد، نه `{state_shape}`'

