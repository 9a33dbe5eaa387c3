from otter.test_files import test_case

OK_FORMAT = False

name = "q2"
points = 2

@test_case(points=0, hidden=False)
def test_dense_bn_example(dense_batchnorm_params):
    got = dense_batchnorm_params(10, 20)
    assert isinstance(got, dict), "return a dict with the keys 'total', 'trainable', 'non_trainable'\nfa: دیکشنری\u200cای با کلیدهای `'total'`، `'trainable'` و `'non_trainable'` برگردانید"
    assert (got.get('total'), got.get('trainable'), got.get('non_trainable')) == (300, 260, 40), 'Dense(20) on 10 inputs has 220 parameters; BatchNormalization adds 2 * 20 trainable and 2 * 20 non-trainable ones\nfa: `Dense(20)` روی 10 ورودی 220 پارامتر دارد؛ `BatchNormalization` تعداد `2 * 20` پارامتر آموزش\u200cپذیر و `2 * 20` پارامتر آموزش\u200cناپذیر اضافه می\u200cکند'

