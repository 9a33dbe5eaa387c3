from otter.test_files import test_case

OK_FORMAT = False

name = "q4"
points = 6

@test_case(points=0, hidden=False)
def test_video_output_shape(build_video_classifier):
    model = build_video_classifier(4, 16, 16, 3, 5)
    assert model is not None, 'build_video_classifier returned None: return the Keras model\nfa: `build_video_classifier` مقدار None برگرداند: مدل Keras را برگردانید'
    try:
        from autograder.grading.keras_tools import rebuild_model
        model = rebuild_model(model)
    except ImportError:
        pass
    assert tuple(model.output_shape) == (None, 5), f'for 5 classes the output shape must be (None, 5), not {model.output_shape}\nfa: برای 5 کلاس شکل خروجی باید `(None, 5)` باشد، نه `{model.output_shape}`'
    kinds = [type(layer).__name__ for layer in model.layers]
    assert 'TimeDistributed' in kinds, f'apply the CNN to every frame with keras.layers.TimeDistributed; your layers: {kinds}\nfa: شبکهٔ CNN را با `keras.layers.TimeDistributed` روی تک\u200cتک فریم\u200cها اعمال کنید؛ لایه\u200cهای شما: `{kinds}`'
    assert 'LSTM' in kinds or 'GRU' in kinds, f'the model needs an LSTM or GRU layer; your layers: {kinds}\nfa: مدل به یک لایهٔ LSTM یا GRU نیاز دارد؛ لایه\u200cهای شما: `{kinds}`'

