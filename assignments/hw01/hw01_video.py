"""Content of homework 1, part 3: the CNN + RNN video classifier (q4) and its written design
question with a figure (q4b). Read by make_master.py."""

from __future__ import annotations

from hw01_basics import AutoQuestion, ManualQuestion  # noqa: F401
from hw01_models import _REBUILD

Q4_TEXT = r"""
## پرسش ۴: دسته‌بندی ویدیو با CNN و RNN · Question 4: video classification with a CNN and an RNN

<div dir="rtl" lang="fa">

ویدیو دنباله‌ای از فریم‌هاست و هر فریم یک تصویر. یک طرح رایج: یک CNN کوچک را روی **هر فریم جداگانه** (با وزن‌های مشترک) اجرا کنید تا برای هر فریم یک بردار ویژگی بدهد، سپس یک `LSTM` یا `GRU` دنبالهٔ این بردارها را در زمان بخواند و در پایان یک `Dense` با softmax کلاس ویدیو را پیش‌بینی کند. در Keras لایهٔ `keras.layers.TimeDistributed(layer)` همان لایه را روی هر گام زمانی (این‌جا هر فریم) اعمال می‌کند.

تابع `build_video_classifier(frames, height, width, channels, num_classes)` را بنویسید که چنین مدلی برای ورودی‌هایی به شکل `(batch, frames, height, width, channels)` برگرداند. تصحیح‌کننده بررسی می‌کند که:

- خروجی به شکل `(batch, num_classes)` باشد و هر سطر آن احتمال‌هایی با جمع ۱ (softmax)؛
- پیش از لایهٔ بازگشتی، یک لایهٔ `TimeDistributed` کانولوشن را بپیچد: یا مستقیم، مثل `TimeDistributed(Conv2D(...))`، یا یک مدل CNN کوچک (`keras.Sequential` با لایهٔ `Conv2D`) را؛ هر دو پذیرفته‌اند؛
- یک لایهٔ `LSTM` یا `GRU` (در خود مدل، نه تودرتو) دنبالهٔ فریم‌ها را بخواند، یعنی ورودی‌اش به شکل `(batch, frames, features)` باشد؛ برای صاف کردن ویژگی‌های هر فریم از `TimeDistributed(Flatten())` یا `TimeDistributed(GlobalAveragePooling2D())` استفاده کنید؛
- مدل برای تعدادهای مختلف فریم و اندازه‌های مختلف تصویر ساخته شود.

مدل را کوچک نگه دارید (چند فیلتر کانولوشنی و چند ده واحد بازگشتی کافی است؛ کمتر از ۴۰۰٬۰۰۰ پارامتر). تصحیح‌کننده آن را روی تصویرهای کوچکی مثل $16\times16$ اجرا می‌کند.

</div>

A video is a sequence of frames, and each frame is an image. A common design runs a small CNN on **every frame separately** (shared weights) to get one feature vector per frame, lets an `LSTM` or `GRU` read the sequence of those vectors in time, and ends with a softmax `Dense` layer predicting the video's class. In Keras, `keras.layers.TimeDistributed(layer)` applies the same layer to every time step (here, every frame).

Write `build_video_classifier(frames, height, width, channels, num_classes)`, returning such a model for inputs of shape `(batch, frames, height, width, channels)`. The grader checks that:

- the output has shape `(batch, num_classes)` and each row holds probabilities summing to 1 (softmax);
- before the recurrent layer, a `TimeDistributed` layer wraps a convolution: either directly, as in `TimeDistributed(Conv2D(...))`, or a small CNN model (a `keras.Sequential` with a `Conv2D` layer); both are accepted;
- an `LSTM` or `GRU` layer (in the model itself, not nested) reads the sequence of frames, i.e. its input has shape `(batch, frames, features)`; flatten each frame's features with `TimeDistributed(Flatten())` or `TimeDistributed(GlobalAveragePooling2D())`;
- the model builds for different frame counts and image sizes.

Keep the model small (a few convolution filters and a few dozen recurrent units are enough; under 400,000 parameters). The grader runs it on tiny images such as $16\times16$.
"""

Q4_SOLUTION = r'''
def build_video_classifier(frames, height, width, channels, num_classes):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    layers = keras.layers
    clip = keras.Input(shape=(frames, height, width, channels))
    x = layers.TimeDistributed(layers.Conv2D(8, 3, padding="same", activation="relu"))(clip)
    x = layers.TimeDistributed(layers.MaxPooling2D(2))(x)
    x = layers.TimeDistributed(layers.Conv2D(16, 3, padding="same", activation="relu"))(x)
    x = layers.TimeDistributed(layers.GlobalAveragePooling2D())(x)  # (batch, frames, 16)
    x = layers.GRU(24)(x)
    outputs = layers.Dense(num_classes, activation="softmax")(x)
    return keras.Model(clip, outputs)
    # END SOLUTION
'''

Q4_PUBLIC = [r'''
def test_video_output_shape(build_video_classifier):
    model = build_video_classifier(4, 16, 16, 3, 5)
    assert model is not None, "build_video_classifier returned None: return the Keras model"
''' + _REBUILD + r'''
    assert tuple(model.output_shape) == (None, 5), (
        f"for 5 classes the output shape must be (None, 5), not {model.output_shape}")
    kinds = [type(layer).__name__ for layer in model.layers]
    assert "TimeDistributed" in kinds, (
        f"apply the CNN to every frame with keras.layers.TimeDistributed; your layers: {kinds}")
    assert "LSTM" in kinds or "GRU" in kinds, (
        f"the model needs an LSTM or GRU layer; your layers: {kinds}")
''']

Q4_HIDDEN = [(r'''
def test_video_structure(build_video_classifier):
    from autograder.grading.keras_tools import rebuild_model
    from solutions.hw01 import MAX_JUDGE_PARAMS, video_problem
    for frames, height, width, channels, num_classes in [(6, 16, 16, 3, 5), (3, 12, 12, 1, 2),
                                                          (7, 11, 9, 2, 3)]:
        model = rebuild_model(build_video_classifier(frames, height, width, channels, num_classes),
                              max_params=MAX_JUDGE_PARAMS)
        problem = video_problem(model, frames, height, width, channels)
        assert problem is None, (
            f"build_video_classifier({frames}, {height}, {width}, {channels}, {num_classes}): "
            f"{problem}")
''', 3), (r'''
def test_video_probabilities(build_video_classifier):
    from autograder.grading.keras_tools import rebuild_model
    from solutions.hw01 import MAX_JUDGE_PARAMS, class_probabilities, probability_problem
    for frames, height, width, channels, num_classes in [(5, 16, 16, 3, 4), (2, 8, 12, 2, 2),
                                                          (9, 13, 10, 1, 6)]:
        model = rebuild_model(build_video_classifier(frames, height, width, channels, num_classes),
                              max_params=MAX_JUDGE_PARAMS)
        probabilities = class_probabilities(model, (frames, height, width, channels), seed=frames)
        problem = probability_problem(probabilities, 4, num_classes)
        assert problem is None, (
            f"build_video_classifier({frames}, {height}, {width}, {channels}, {num_classes}) on "
            f"random clips: {problem}")
''', 3)]

Q4B = ManualQuestion("q4b", 3, r"""
## پرسش ۴-ب: طرح مدل ویدیو (تشریحی) · Question 4b: the video model's design (written)

<div dir="rtl" lang="fa">

طرح پرسش ۴ را با یک شکل نشان دهید (تصویر دست‌کشیده یا توصیف دقیق با متن و فلش): مسیر یک ویدیو از فریم‌ها تا احتمال کلاس‌ها، با شکل تنسور در هر مرحله برای مدل خودتان (مثلاً با ۱۶ فریم $64\times64$ رنگی و ۱۰ کلاس). سپس توضیح دهید: چرا CNN روی همهٔ فریم‌ها با **همان** وزن‌ها اجرا می‌شود؛ نقش RNN در این طرح چیست و چه چیزی را می‌بیند که یک CNN تک‌فریمی نمی‌بیند؛ و دست‌کم یک جایگزین برای این طرح نام ببرید (مثلاً میانگین‌گیری پیش‌بینی فریم‌ها، کانولوشن سه‌بعدی یا `ConvLSTM2D`) و یک مزیت یا عیب آن را در مقایسه با طرح خودتان بگویید.

</div>

Show the design of question 4 in a figure (a photo of a sketch, or a precise description with text and arrows): the path of a video from its frames to the class probabilities, with the tensor shape at every stage for your own model (for example 16 colour frames of $64\times64$ and 10 classes). Then explain: why the CNN runs on every frame with **the same** weights; what the RNN's role is and what it sees that a single-frame CNN cannot; and name at least one alternative design (for example averaging per-frame predictions, 3D convolutions, or `ConvLSTM2D`) with one advantage or drawback compared with yours.
""", r"""
**Model answer.** Input clip (batch, 16, 64, 64, 3) → `TimeDistributed(Conv2D(8, 3, same, relu))` (batch, 16, 64, 64, 8) → `TimeDistributed(MaxPooling2D(2))` (batch, 16, 32, 32, 8) → `TimeDistributed(Conv2D(16, 3, same, relu))` (batch, 16, 32, 32, 16) → `TimeDistributed(GlobalAveragePooling2D())` (batch, 16, 16): one 16-number description per frame → `GRU(24)` reads the 16 frame vectors in order (batch, 24) → `Dense(10, softmax)` (batch, 10).

- **Shared CNN weights:** every frame is the same kind of image, so the same feature detectors apply to all of them (as convolution shares weights across positions, TimeDistributed shares them across time); the parameter count does not grow with the number of frames and the model accepts clips of other lengths.
- **The RNN's role:** the CNN describes each frame on its own; the GRU/LSTM carries a state from frame to frame, so it sees order and motion (sitting down vs standing up look alike frame by frame but differ in order), and it summarises a clip of any length into one vector for the classifier. An LSTM or GRU is preferred over a SimpleRNN for long clips (long-term dependencies).
- **Alternatives:** averaging per-frame predictions (cheap, parallel, but blind to order); 3D convolutions (Conv3D) over (time, height, width) capture short-range motion directly but cost more parameters and have a fixed temporal reach; ConvLSTM2D keeps the spatial layout inside the recurrence (good for motion, but slower); two-stream models add optical flow; transformers over frame features attend to all frames at once.

Grading: 1 point for the figure with the per-frame CNN, the RNN over time and the softmax, with correct shapes; 1 point for weight sharing and the RNN's role (order/motion, variable length); 1 point for a sensible alternative and a trade-off.

<div dir="rtl" lang="fa">

هر فریم با همان CNN به یک بردار ویژگی تبدیل می‌شود (وزن‌های مشترک، مستقل از تعداد فریم‌ها)؛ GRU/LSTM این بردارها را به ترتیب می‌خواند و ترتیب و حرکت را می‌بیند و کل ویدیو را در یک بردار خلاصه می‌کند؛ Dense با softmax کلاس را می‌دهد. جایگزین‌ها: میانگین پیش‌بینی فریم‌ها (ساده ولی بی‌توجه به ترتیب)، Conv3D (حرکت کوتاه‌مدت، پارامتر بیشتر)، ConvLSTM2D.

</div>
""")
