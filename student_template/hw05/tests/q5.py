from otter.test_files import test_case

OK_FORMAT = False

name = "q5"
points = 3

@test_case(points=0, hidden=False)
def test_norm_is_a_positive_float(gradient_norm_from_data):
    import numpy as np
    import keras
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, activation='softmax')])
    x = np.random.default_rng(0).normal(size=(5, 4)).astype('float32')
    value = gradient_norm_from_data(model.to_json(), model.get_weights(), x, np.array([0, 1, 2, 0, 1]))
    assert isinstance(value, float) and value > 0, f'expected a positive float, got {value!r}\nfa: یک `float` مثبت انتظار می\u200cرفت، ولی `{value!r}` برگشت'

