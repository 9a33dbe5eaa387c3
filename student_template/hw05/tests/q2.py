from otter.test_files import test_case

OK_FORMAT = False

name = "q2"
points = 3

@test_case(points=0, hidden=False)
def test_small_space(search_space_size):
    space = {'space': [{'class_name': 'Int', 'config': {'name': 'layers', 'min_value': 1, 'max_value': 3, 'step': 1, 'sampling': 'linear'}}, {'class_name': 'Choice', 'config': {'name': 'act', 'values': ['relu', 'tanh', 'elu']}}], 'values': {}}
    assert search_space_size(space) == 9, 'Int(1, 3) and a Choice of 3 values give 9 configurations\nfa: `Int(1, 3)` و یک `Choice` با `3` مقدار، `9` پیکربندی می\u200cدهند'

