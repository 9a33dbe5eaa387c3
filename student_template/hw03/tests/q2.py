from otter.test_files import test_case

OK_FORMAT = False

name = "q2"
points = 8

@test_case(points=0, hidden=False)
def test_build_conv1d_model_layer_types(build_conv1d_model):
    try:
        from autograder.grading.keras_tools import rebuild_model
    except ImportError:

        def rebuild_model(model):
            return model
    model = rebuild_model(build_conv1d_model(4))
    names = [type(layer).__name__ for layer in model.layers if type(layer).__name__ != 'InputLayer']
    assert names == ['Conv1D', 'MaxPooling1D', 'Conv1D', 'MaxPooling1D', 'Conv1D', 'GlobalMaxPooling1D', 'Dense'], f"the layers should be ['Conv1D', 'MaxPooling1D', 'Conv1D', 'MaxPooling1D', 'Conv1D', 'GlobalMaxPooling1D', 'Dense'], in this order, not {names}\nfa: لایه\u200cها باید به این ترتیب باشند: `['Conv1D', 'MaxPooling1D', 'Conv1D', 'MaxPooling1D', 'Conv1D', 'GlobalMaxPooling1D', 'Dense']`، نه `{names}`"

@test_case(points=0, hidden=False)
def test_build_conv_gru_model_layer_types(build_conv_gru_model):
    try:
        from autograder.grading.keras_tools import rebuild_model
    except ImportError:

        def rebuild_model(model):
            return model
    model = rebuild_model(build_conv_gru_model(4))
    names = [type(layer).__name__ for layer in model.layers if type(layer).__name__ != 'InputLayer']
    assert names == ['Conv1D', 'MaxPooling1D', 'Conv1D', 'GRU', 'Dense'], f"the layers should be ['Conv1D', 'MaxPooling1D', 'Conv1D', 'GRU', 'Dense'], in this order, not {names}\nfa: لایه\u200cها باید به این ترتیب باشند: `['Conv1D', 'MaxPooling1D', 'Conv1D', 'GRU', 'Dense']`، نه `{names}`"

