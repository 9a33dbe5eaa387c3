from otter.test_files import test_case

OK_FORMAT = False

name = "q3"
points = 6

@test_case(points=0, hidden=False)
def test_block_shapes(vgg_block_model, residual_block_model):
    model = vgg_block_model((8, 8, 3), 4, 2)
    assert model is not None, 'vgg_block_model returned None: does vgg_block return a tensor?\nfa: `vgg_block_model` مقدار `None` برگرداند: آیا `vgg_block` یک تنسور برمی\u200cگرداند؟'
    try:
        from autograder.grading.keras_tools import rebuild_model
        model = rebuild_model(model)
    except ImportError:
        pass
    assert tuple(model.output_shape) == (None, 4, 4, 4), f'vgg_block on (8, 8, 3) with 4 filters should give (None, 4, 4, 4), not {model.output_shape}\nfa: `vgg_block` روی `(8, 8, 3)` با `4` فیلتر باید شکل `(None, 4, 4, 4)` بدهد، نه `{model.output_shape}`'
    model = residual_block_model((8, 8, 3), 6, 2)
    try:
        from autograder.grading.keras_tools import rebuild_model
        model = rebuild_model(model)
    except ImportError:
        pass
    assert tuple(model.output_shape) == (None, 4, 4, 6), f'residual_block on (8, 8, 3) with 6 filters and stride 2 should give (None, 4, 4, 6), not {model.output_shape}\nfa: `residual_block` روی `(8, 8, 3)` با `6` فیلتر و `stride=2` باید شکل `(None, 4, 4, 6)` بدهد، نه `{model.output_shape}`'

