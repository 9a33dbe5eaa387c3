from otter.test_files import test_case

OK_FORMAT = False

name = "q7"
points = 4

@test_case(points=0, hidden=False)
def test_grad_cam_shape(grad_cam_from_data):
    import numpy as np
    import keras
    keras.utils.set_random_seed(1)
    inputs = keras.Input((6, 6, 1))
    maps = keras.layers.Conv2D(4, 3, padding='same', activation='relu', name='maps')(inputs)
    pooled = keras.layers.GlobalAveragePooling2D()(maps)
    model = keras.Model(inputs, keras.layers.Dense(3, activation='softmax')(pooled))
    image = np.random.default_rng(1).random((6, 6, 1)).astype('float32')
    heatmap = np.asarray(grad_cam_from_data(model.to_json(), model.get_weights(), image, 'maps', 2), dtype=float)
    assert heatmap.shape == (6, 6), f"the heatmap has the layer's resolution (6, 6), not {heatmap.shape}\nfa: نقشهٔ حرارتی وضوح همان لایه، یعنی `(6, 6)`، را دارد، نه `{heatmap.shape}`"
    assert heatmap.min() >= 0 and heatmap.max() <= 1 + 1e-06, 'after ReLU and division by the maximum the heatmap lies in [0, 1]\nfa: پس از ReLU و تقسیم بر بیشینه، نقشهٔ حرارتی در بازهٔ `[0, 1]` است'

