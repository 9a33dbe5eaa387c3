from otter.test_files import test_case

OK_FORMAT = False

name = "q1"
points = 7

@test_case(points=0, hidden=False)
def test_space_names(declared_search_space):
    space = declared_search_space({'num_layers': 3})
    names = sorted((entry['config']['name'] for entry in space['space']))
    expected = sorted(['num_layers', 'units_0', 'units_1', 'units_2', 'dropout', 'learning_rate'])
    assert names == expected, f'with num_layers=3 the space should declare {expected}, not {names}\nfa: با `num_layers=3` فضا باید `{expected}` را اعلام کند، نه `{names}`'

@test_case(points=0, hidden=False)
def test_model_for_fixed_values(build_model_with):
    values = {'num_layers': 2, 'units_0': 64, 'units_1': 32, 'dropout': 0.25, 'learning_rate': 0.001}
    model = build_model_with(values)
    assert model is not None, 'build_model returned None: return the compiled model\nfa: `build_model` مقدار `None` برگرداند: مدل کامپایل\u200cشده را برگردانید'
    try:
        from autograder.grading.keras_tools import rebuild_model
        model = rebuild_model(model)
    except ImportError:
        pass
    assert tuple(model.output_shape) == (None, 10), f'the model should output 10 class probabilities, not shape {model.output_shape}\nfa: مدل باید احتمال `10` کلاس را بدهد، نه خروجی با شکل `{model.output_shape}`'
    units = [layer.units for layer in model.layers if type(layer).__name__ == 'Dense']
    assert units == [64, 32, 10], f'for {values} the Dense layers should have [64, 32, 10] units, not {units}\nfa: برای `{values}` لایه\u200cهای `Dense` باید `[64, 32, 10]` واحد داشته باشند، نه `{units}`'

