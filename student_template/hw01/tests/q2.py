from otter.test_files import test_case

OK_FORMAT = False

name = "q2"
points = 8

@test_case(points=0, hidden=False)
def test_mlp_output_shape(build_mlp):
    model = build_mlp((8, 8), 10)
    assert model is not None, 'build_mlp returned None: return the Keras model\nfa: `build_mlp` مقدار None برگرداند: مدل Keras را برگردانید'
    try:
        from autograder.grading.keras_tools import rebuild_model
        model = rebuild_model(model)
    except ImportError:
        pass
    assert tuple(model.output_shape) == (None, 10), f"for 10 classes the MLP's output shape must be (None, 10), not {model.output_shape}\nfa: برای 10 کلاس شکل خروجی MLP باید `(None, 10)` باشد، نه `{model.output_shape}`"
    kinds = [type(layer).__name__ for layer in model.layers]
    assert 'Dense' in kinds and 'SimpleRNN' not in kinds, f'an MLP is made of Dense layers, without SimpleRNN; your layers: {kinds}\nfa: MLP از لایه\u200cهای `Dense` ساخته می\u200cشود، بدون `SimpleRNN`؛ لایه\u200cهای شما: `{kinds}`'

@test_case(points=0, hidden=False)
def test_simple_rnn_reads_rows(build_simple_rnn):
    model = build_simple_rnn((8, 8), 10)
    assert model is not None, 'build_simple_rnn returned None: return the Keras model\nfa: `build_simple_rnn` مقدار None برگرداند: مدل Keras را برگردانید'
    try:
        from autograder.grading.keras_tools import rebuild_model
        model = rebuild_model(model)
    except ImportError:
        pass
    assert tuple(model.output_shape) == (None, 10), f'for 10 classes the output shape must be (None, 10), not {model.output_shape}\nfa: برای 10 کلاس شکل خروجی باید `(None, 10)` باشد، نه `{model.output_shape}`'
    rnn = [layer for layer in model.layers if type(layer).__name__ == 'SimpleRNN']
    assert rnn, 'the model needs a keras.layers.SimpleRNN layer\nfa: مدل به یک لایهٔ `keras.layers.SimpleRNN` نیاز دارد'
    assert tuple(rnn[0].input.shape) == (None, 8, 8), 'the SimpleRNN must read the 8 rows of the image as 8 time steps of 8 features\nfa: `SimpleRNN` باید 8 سطر تصویر را 8 گام زمانی با 8 ویژگی بخواند'

