from otter.test_files import test_case

OK_FORMAT = False

name = "q1"
points = 4

@test_case(points=0, hidden=False)
def test_shapes_session_example(simple_rnn_output_shapes):
    got = simple_rnn_output_shapes(32, 10, 8, 4)
    assert got is not None, 'simple_rnn_output_shapes returned None: return the shape'
    assert tuple(got) == (32, 4), f'SimpleRNN(4) on inputs (32, 10, 8) returns the last state only: (32, 4), not {got}'

@test_case(points=0, hidden=False)
def test_shapes_session_example_with_state(simple_rnn_output_shapes):
    got = simple_rnn_output_shapes(32, 10, 8, 4, return_sequences=True, return_state=True)
    assert isinstance(got, (tuple, list)) and len(got) == 2 and all((isinstance(shape, (tuple, list)) for shape in got)), f'with return_state=True return the pair (output shape, final state shape): two tuples, not {got}'
    output_shape, state_shape = (tuple(shape) for shape in got)
    assert output_shape == (32, 10, 4), f'with return_sequences=True the output holds all 10 states: (32, 10, 4), not {output_shape}'
    assert state_shape == (32, 4), f'the final state has shape (32, 4), not {state_shape}'

