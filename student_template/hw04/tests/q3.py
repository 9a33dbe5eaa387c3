from otter.test_files import test_case

OK_FORMAT = False

name = "q3"
points = 8

@test_case(points=0, hidden=False)
def test_conv_length_examples(conv_output_length):
    assert conv_output_length(7, 3) == 5, 'valid, kernel 3 on length 7: 7 - 3 + 1 = 5\nfa: حالت `valid` با هستهٔ 3 روی طول 7: `7 - 3 + 1 = 5`'
    assert conv_output_length(7, 3, padding='same') == 7, "'same' at stride 1 keeps the length\nfa: حالت `'same'` با گام 1 طول را حفظ می\u200cکند"
    assert conv_output_length(10, 3, stride=2, dilation=2) == 3, 'kernel 3 with dilation 2 spans 5 positions: (10 - 5) // 2 + 1 = 3\nfa: هستهٔ 3 با dilation 2 روی 5 موقعیت گسترده است: `(10 - 5) // 2 + 1 = 3`'
    assert conv_output_length(5, 3, padding=1) == 5, 'one zero on each side: (5 + 2 - 3) + 1 = 5\nfa: یک صفر در هر طرف: `(5 + 2 - 3) + 1 = 5`'

@test_case(points=0, hidden=False)
def test_conv_length_too_short(conv_output_length):
    try:
        result = conv_output_length(4, 3, dilation=2)
    except ValueError:
        return
    raise AssertionError(f'a kernel spanning 5 positions does not fit in 4; expected ValueError, got {result!r}\nfa: هسته\u200cای که 5 موقعیت را می\u200cپوشاند در 4 جا نمی\u200cشود؛ `ValueError` انتظار می\u200cرفت، ولی `{result!r}` برگشت')

@test_case(points=0, hidden=False)
def test_same_padding_and_conv2d_examples(same_padding, conv2d_params):
    assert tuple(same_padding(3)) == (1, 1), 'kernel 3 needs 2 zeros: 1 before, 1 after\nfa: هستهٔ 3 به 2 صفر نیاز دارد: 1 قبل و 1 بعد'
    assert tuple(same_padding(4)) == (1, 2), 'kernel 4 needs 3 zeros; the extra one goes after\nfa: هستهٔ 4 به 3 صفر نیاز دارد؛ صفر اضافه در انتها می\u200cآید'
    assert conv2d_params(3, 64, 3) == 1792, '3 * 3 * 3 * 64 weights + 64 biases = 1792\nfa: `3 * 3 * 3 * 64` وزن به\u200cعلاوهٔ 64 بایاس: 1792'
    assert conv2d_params(3, 64, (3, 3), use_bias=False) == 1728, 'without biases: 1728\nfa: بدون بایاس: 1728'

@test_case(points=0, hidden=False)
def test_network_table_format(network_table):
    layers = [{'type': 'conv', 'filters': 4, 'kernel_size': 3, 'strides': 1, 'padding': 'same', 'dilation': 1}, {'type': 'maxpool', 'pool_size': 2, 'strides': 2}]
    table = network_table((8, 8, 1), layers)
    assert isinstance(table, dict) and set(table) >= {'rows', 'total_params'}, "return a dict with the keys 'rows' and 'total_params'\nfa: دیکشنری\u200cای با کلیدهای `'rows'` و `'total_params'` برگردانید"
    shapes = [tuple(row['output_shape']) for row in table['rows']]
    assert shapes == [(8, 8, 4), (4, 4, 4)], f'output shapes should be (8, 8, 4), (4, 4, 4); got {shapes}\nfa: شکل\u200cهای خروجی باید `(8, 8, 4)` و `(4, 4, 4)` باشند؛ ولی `{shapes}` برگشت'
    assert [row['params'] for row in table['rows']] == [40, 0], 'params: 3*3*1*4 + 4 = 40, then 0\nfa: پارامترها: `3*3*1*4 + 4 = 40` و سپس 0'
    assert table['total_params'] == 40, "total_params is the sum of the rows' params\nfa: `total_params` مجموع پارامترهای سطرهاست"

