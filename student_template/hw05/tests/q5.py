from otter.test_files import test_case

OK_FORMAT = False

name = "q5"
points = 3

@test_case(points=0, hidden=False)
def test_norm_is_a_positive_float(first_layer_gradient_norm):
    import numpy as np
    import keras
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, activation='softmax')])
    x = np.random.default_rng(0).normal(size=(5, 4)).astype('float32')
    value = first_layer_gradient_norm(model, x, np.array([0, 1, 2, 0, 1]))
    assert isinstance(value, float) and value > 0, f'expected a positive float, got {value!r}'

