from otter.test_files import test_case

OK_FORMAT = False

name = "q4"
points = 4

@test_case(points=0, hidden=False)
def test_default_totals(vgg16_params, resnet50_params):
    assert vgg16_params()['total'] == 138357544, 'VGG16 (224 x 224 x 3, 1000 classes) has 138,357,544 parameters\nfa: `VGG16` (ورودی `224 x 224 x 3` و `1000` کلاس) `138,357,544` پارامتر دارد'
    assert resnet50_params()['total'] == 25636712, 'ResNet50 (1000 classes) has 25,636,712 parameters\nfa: `ResNet50` (با `1000` کلاس) `25,636,712` پارامتر دارد'

