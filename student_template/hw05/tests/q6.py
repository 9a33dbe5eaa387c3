from otter.test_files import test_case

OK_FORMAT = False

name = "q6"
points = 4

@test_case(points=0, hidden=False)
def test_cam_shape_and_range(class_activation_map):
    import numpy as np
    maps = np.arange(2 * 2 * 3, dtype='float32').reshape(2, 2, 3)
    cam = np.asarray(class_activation_map(maps, np.ones((3, 4)), 1, (4, 4)), dtype=float)
    assert cam.shape == (4, 4), f'the map should be resized to (4, 4), not {cam.shape}\nfa: اندازهٔ نقشه باید به `(4, 4)` تغییر کند، نه `{cam.shape}`'
    assert np.isclose(cam.min(), 0) and np.isclose(cam.max(), 1), 'scale the map to [0, 1]\nfa: نقشه را به بازهٔ `[0, 1]` ببرید'

