from otter.test_files import test_case

OK_FORMAT = False

name = "q3"
points = 6

@test_case(points=0, hidden=False)
def test_receptive_field_small_stacks(receptive_field):
    conv3 = {'type': 'conv1d', 'kernel_size': 3, 'strides': 1, 'dilation_rate': 1}
    assert receptive_field([conv3]) == 3, 'one Conv1D with kernel 3 sees 3 steps\nfa: یک `Conv1D` با هستهٔ 3، 3 گام را می\u200cبیند'
    assert receptive_field([conv3, conv3]) == 5, 'two Conv1D with kernel 3 see 3 + 2 = 5 steps\nfa: دو `Conv1D` با هستهٔ 3، `3 + 2 = 5` گام را می\u200cبینند'
    pool2 = {'type': 'maxpool1d', 'pool_size': 2, 'strides': 2}
    assert receptive_field([conv3, pool2, conv3]) == 8, 'conv 3, pool 2, conv 3: the pool sees 3 + 1 = 4 steps and each step of the last conv moves 2 input steps on, so 4 + 2 * 2 = 8\nfa: کانولوشن 3، pool 2، کانولوشن 3: pool `3 + 1 = 4` گام را می\u200cبیند و هر گام کانولوشن آخر 2 گام ورودی جلو می\u200cرود، پس `4 + 2 * 2 = 8`'

