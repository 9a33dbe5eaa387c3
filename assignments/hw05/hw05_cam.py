"""Content of homework 5, part 3: the class activation map (q6), Grad-CAM (q7) and where the
network looks (q7b, written). Read by make_master.py."""

from __future__ import annotations

from hw05_search import AutoQuestion, ManualQuestion  # noqa: F401

# ============================================================== Q6 CAM

Q6_TEXT = r"""
## پرسش ۶: نقشهٔ فعال‌سازی کلاس · Question 6: the class activation map

<div dir="rtl" lang="fa">

در شبکه‌ای که به global average pooling و یک لایهٔ `Dense` ختم می‌شود، امتیاز کلاس $c$ برابر $\sum_k w_{k,c}\,\overline{A_k}$ است که $A_k$ نقشهٔ ویژگی $k$ام آخرین لایهٔ کانولوشنی است. Zhou و همکاران (۲۰۱۶) همین وزن‌ها را روی نقشه‌ها می‌گذارند: $M_c = \sum_k w_{k,c} A_k$.

تابع `class_activation_map(feature_maps, dense_weights, class_index, size)` را بنویسید: `feature_maps` آرایه‌ای `(h, w, k)` (خروجی آخرین کانولوشن برای یک تصویر)، `dense_weights` آرایهٔ `kernel` لایهٔ `Dense` به شکل `(k, classes)`، `class_index` یک عدد صحیح و `size` جفت `(height, width)` تصویر ورودی. به این ترتیب عمل کنید:

1. $M_c = \sum_k$ `dense_weights[k, class_index]` $\cdot$ `feature_maps[:, :, k]` (بدون ReLU)؛
2. تغییر اندازه به `size` با `tf.image.resize(M[..., None], size, method="bilinear")`؛
3. مقیاس به بازهٔ $[0, 1]$: کمینه به ۰ و بیشینه به ۱؛ اگر نقشه ثابت باشد، همه صفر.

آرایه‌ای به شکل `size` برگردانید.

</div>

In a network that ends with global average pooling and one `Dense` layer, the score of class $c$ is $\sum_k w_{k,c}\,\overline{A_k}$, where $A_k$ is the $k$-th feature map of the last convolution. Zhou et al. (2016) put the same weights on the maps: $M_c = \sum_k w_{k,c} A_k$.

Write `class_activation_map(feature_maps, dense_weights, class_index, size)`: `feature_maps` is an `(h, w, k)` array (the last convolution's output for one image), `dense_weights` the `Dense` layer's `kernel` of shape `(k, classes)`, `class_index` an integer and `size` the input image's `(height, width)`. In this order:

1. $M_c = \sum_k$ `dense_weights[k, class_index]` $\cdot$ `feature_maps[:, :, k]` (no ReLU);
2. resize to `size` with `tf.image.resize(M[..., None], size, method="bilinear")`;
3. scale to $[0, 1]$: the minimum to 0 and the maximum to 1; a constant map becomes all zeros.

Return an array of shape `size`.
"""

Q6_SOLUTION = r'''
def class_activation_map(feature_maps, dense_weights, class_index, size):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    w = np.asarray(dense_weights, dtype="float32")[:, class_index]
    cam = np.einsum("hwk,k->hw", np.asarray(feature_maps, dtype="float32"), w)
    cam = tf.image.resize(cam[:, :, np.newaxis], size, method="bilinear")[:, :, 0].numpy()
    spread = cam.max() - cam.min()
    if spread == 0:
        return np.zeros(cam.shape)
    return (cam - cam.min()) / spread
    # END SOLUTION
'''

Q6_PUBLIC = [r'''
def test_cam_shape_and_range(class_activation_map):
    import numpy as np
    maps = np.arange(2 * 2 * 3, dtype="float32").reshape(2, 2, 3)
    cam = np.asarray(class_activation_map(maps, np.ones((3, 4)), 1, (4, 4)), dtype=float)
    assert cam.shape == (4, 4), f"the map should be resized to (4, 4), not {cam.shape}"
    assert np.isclose(cam.min(), 0) and np.isclose(cam.max(), 1), "scale the map to [0, 1]"
''']

Q6_HIDDEN = [(r'''
def test_cam_matches(class_activation_map):
    import numpy as np
    from solutions.hw05 import class_activation_map as reference
    rng = np.random.default_rng(61)
    for (h, w, k, classes), size in [((4, 4, 6, 3), (8, 8)), ((3, 5, 4, 5), (12, 10)),
                                     ((5, 5, 3, 2), (7, 9)), ((2, 3, 8, 4), (2, 3)),
                                     ((3, 3, 5, 3), (5, 4))]:
        maps = rng.normal(size=(h, w, k)).astype("float32") * (0.01 if k == 5 else 1.0)
        weights = rng.normal(size=(k, classes)).astype("float32")
        index = int(rng.integers(1, classes))
        expected = reference(maps, weights, index, size)
        got = np.asarray(class_activation_map(maps, weights, index, size), dtype=float)
        assert got.shape == expected.shape, (
            f"for feature maps {maps.shape} and size {size} the map should have shape {size}, "
            f"not {got.shape}")
        assert np.allclose(got, expected, atol=1e-4), (
            f"for feature maps {maps.shape}, class {index} and size {size} the map differs: "
            "weight each map by the class's column of dense_weights (no ReLU), resize bilinearly "
            "with tf.image.resize, then scale min to 0 and max to 1")
''', 3), (r'''
def test_cam_constant_map(class_activation_map):
    import numpy as np
    maps = np.ones((3, 3, 2), dtype="float32")
    got = np.asarray(class_activation_map(maps, np.ones((2, 2)), 0, (6, 6)), dtype=float)
    assert got.shape == (6, 6) and np.all(np.isfinite(got)) and np.allclose(got, 0), (
        "a constant map has no minimum-to-maximum range: return all zeros (not NaN)")
''', 1)]

# ============================================================== Q7 Grad-CAM

Q7_TEXT = r"""
## پرسش ۷: Grad-CAM · Question 7: Grad-CAM

<div dir="rtl" lang="fa">

CAM فقط برای شبکه‌هایی با GAP و یک لایهٔ Dense کار می‌کند. Grad-CAM (Selvaraju و همکاران، ۲۰۱۷) وزن هر نقشه را از گرادیان به دست می‌آورد. تابع `grad_cam(model, image, layer_name, class_index)` را با `tf.GradientTape` بنویسید: `model` یک مدل Keras با خروجی احتمال کلاس‌ها، `image` یک تصویر `(H, W, C)` (بدون بُعد دسته)، `layer_name` نام یک لایهٔ کانولوشنی و `class_index` کلاس موردنظر (نه لزوماً کلاس پیش‌بینی‌شده).

1. مدلی بسازید که از ورودی `model` هم خروجی لایهٔ `layer_name` ($A$، به شکل `(1, h, w, k)`) و هم خروجی مدل را بدهد، و آن را با `training=False` روی `image[None]` اجرا کنید؛
2. امتیاز کلاس $y^c$ خروجی مدل برای `class_index` است (احتمال softmax، همان‌طور که مثال Grad-CAM در Keras انجام می‌دهد)؛
3. $\alpha_k$ میانگین $\partial y^c / \partial A_k$ روی همهٔ مکان‌های $(h, w)$ است؛
4. نقشه $\mathrm{ReLU}(\sum_k \alpha_k A_k)$ به شکل `(h, w)` است، تقسیم بر بیشینه‌اش (اگر بیشینه صفر بود، همه صفر)؛ تغییر اندازه ندهید.

تابع کمکی آماده `grad_cam_from_data` مدلی را که تصحیح‌کننده می‌فرستد می‌سازد و تابع شما را صدا می‌زند. سلول بعدی (با برچسب `skip-grading`) یک شبکهٔ کوچک با GAP را روی ارقام آموزش می‌دهد و CAM و Grad-CAM چند رقم را روی تصویرشان رسم می‌کند.

</div>

CAM only works for networks ending with GAP and one Dense layer. Grad-CAM (Selvaraju et al., 2017) takes each map's weight from the gradient. Write `grad_cam(model, image, layer_name, class_index)` with `tf.GradientTape`: `model` is a Keras model that outputs class probabilities, `image` one `(H, W, C)` image (no batch axis), `layer_name` the name of a convolutional layer and `class_index` the class of interest (not necessarily the predicted one).

1. Build a model from `model`'s input to both the output of layer `layer_name` ($A$, shape `(1, h, w, k)`) and the model's output, and run it with `training=False` on `image[None]`;
2. the class score $y^c$ is the model's output for `class_index` (the softmax probability, as Keras's Grad-CAM example does);
3. $\alpha_k$ is the mean of $\partial y^c / \partial A_k$ over all positions $(h, w)$;
4. the map is $\mathrm{ReLU}(\sum_k \alpha_k A_k)$, of shape `(h, w)`, divided by its maximum (all zeros if the maximum is 0); do not resize it.

The given helper `grad_cam_from_data` builds the model the grader sends and calls your function. The next cell (tagged `skip-grading`) trains a small GAP network on the digits and draws the CAM and Grad-CAM of a few digits over the images.
"""

Q7_SOLUTION = r'''
def grad_cam(model, image, layer_name, class_index):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    target = model.get_layer(layer_name)
    probe = keras.Model(inputs=model.inputs, outputs=[target.output, model.output])
    batch = tf.convert_to_tensor(np.expand_dims(np.asarray(image, dtype="float32"), 0))
    with tf.GradientTape() as tape:
        feature_maps, predictions = probe(batch, training=False)
        tape.watch(feature_maps)
        class_score = predictions[0, class_index]
    grads = tape.gradient(class_score, feature_maps)
    alpha = tf.reduce_mean(grads, axis=(0, 1, 2))
    heatmap = tf.nn.relu(tf.reduce_sum(feature_maps[0] * alpha, axis=-1)).numpy()
    peak = heatmap.max()
    return heatmap / peak if peak > 0 else np.zeros_like(heatmap)
    # END SOLUTION
'''

HELPERS_Q7 = r'''
# given helper: do not change (rebuilds the grader's model here and calls your function below)
def grad_cam_from_data(config_json, weights, image, layer_name, class_index):
    model = keras.models.model_from_json(config_json)
    model.set_weights(weights)
    return grad_cam(model, image, layer_name, class_index)
'''

Q7_PUBLIC = [r'''
def test_grad_cam_shape(grad_cam_from_data):
    import numpy as np
    import keras
    keras.utils.set_random_seed(1)
    inputs = keras.Input((6, 6, 1))
    maps = keras.layers.Conv2D(4, 3, padding="same", activation="relu", name="maps")(inputs)
    pooled = keras.layers.GlobalAveragePooling2D()(maps)
    model = keras.Model(inputs, keras.layers.Dense(3, activation="softmax")(pooled))
    image = np.random.default_rng(1).random((6, 6, 1)).astype("float32")
    heatmap = np.asarray(grad_cam_from_data(model.to_json(), model.get_weights(), image, "maps", 2), dtype=float)
    assert heatmap.shape == (6, 6), f"the heatmap has the layer's resolution (6, 6), not {heatmap.shape}"
    assert heatmap.min() >= 0 and heatmap.max() <= 1 + 1e-6, "after ReLU and division by the maximum the heatmap lies in [0, 1]"
''']

Q7_HIDDEN = [(r'''
def test_grad_cam_matches(grad_cam_from_data):
    import numpy as np
    from solutions.hw05 import grad_cam as reference
    from solutions.hw05_judge import small_net
    rng = np.random.default_rng(71)
    for number, (kind, layer) in enumerate([("cam", "last_conv"), ("vgg", "last_conv"),
                                            ("resnet", "first_conv"), ("cam", "first_conv")]):
        model = small_net(kind, input_shape=(9, 11, 2), classes=5, seed=20 + number)
        image = rng.random((9, 11, 2)).astype("float32")
        predicted = int(np.argmax(model(image[None], training=False)[0]))
        index = (predicted + 1 + number) % 5
        expected = reference(model, image, layer, index)
        got = np.asarray(grad_cam_from_data(model.to_json(), model.get_weights(), image, layer,
                                            index), dtype=float)
        assert got.shape == expected.shape, (
            f"the heatmap of layer {layer!r} should have that layer's resolution "
            f"{expected.shape}, not {got.shape}")
        assert np.allclose(got, expected, atol=1e-4), (
            f"the Grad-CAM of layer {layer!r} for class {index} (not the predicted class) "
            "differs: average the gradients of that class's output over the positions, weight "
            "the maps, apply ReLU and divide by the maximum")
''', 3), (r'''
def test_grad_cam_all_negative(grad_cam_from_data):
    import numpy as np
    from solutions.hw05_judge import silent_class_net
    model = silent_class_net(input_shape=(8, 8, 1), classes=3, silent=1, seed=4)
    image = np.random.default_rng(72).random((8, 8, 1)).astype("float32")
    got = np.asarray(grad_cam_from_data(model.to_json(), model.get_weights(), image,
                                        "last_conv", 1), dtype=float)
    assert got.shape == (8, 8) and np.all(np.isfinite(got)) and np.allclose(got, 0), (
        "when every weighted sum is negative, ReLU leaves a map of zeros, whose maximum is 0: "
        "return all zeros (not NaN)")
''', 1)]

PLOT_CODE = r'''
import matplotlib.pyplot as plt

keras.utils.set_random_seed(0)
inputs = keras.Input(shape=(*INPUT_SHAPE, 1))
h = keras.layers.Conv2D(16, 3, padding="same", activation="relu")(inputs)
h = keras.layers.Conv2D(32, 3, padding="same", activation="relu", name="last_conv")(h)
h = keras.layers.GlobalAveragePooling2D()(h)
cam_net = keras.Model(inputs, keras.layers.Dense(10, activation="softmax")(h))
cam_net.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
cam_net.fit(x_train[..., None], y_train, epochs=15, batch_size=32, verbose=0)
print("test accuracy:", cam_net.evaluate(x_test[..., None], y_test, verbose=0)[1])

features = keras.Model(cam_net.inputs, cam_net.get_layer("last_conv").output)
dense_kernel = cam_net.layers[-1].get_weights()[0]
fig, axes = plt.subplots(3, 4, figsize=(10, 7))
for column, i in enumerate(range(4)):
    image = x_test[i][..., None]
    label = int(np.argmax(cam_net(image[None])[0]))
    cam = class_activation_map(features(image[None])[0].numpy(), dense_kernel, label, INPUT_SHAPE)
    heat = grad_cam(cam_net, image, "last_conv", label)
    axes[0, column].imshow(x_test[i], cmap="gray"); axes[0, column].set_title(f"digit, predicted {label}")
    axes[1, column].imshow(x_test[i], cmap="gray"); axes[1, column].imshow(cam, cmap="jet", alpha=0.5)
    axes[2, column].imshow(x_test[i], cmap="gray"); axes[2, column].imshow(heat, cmap="jet", alpha=0.5)
for row, name in enumerate(["image", "CAM", "Grad-CAM"]):
    axes[row, 0].set_ylabel(name)
plt.tight_layout()
plt.show()
'''

Q7B = ManualQuestion("q7b", 3, r"""
## پرسش ۷-ب: شبکه کجا را نگاه می‌کند؟ (تشریحی) · Question 7b: where does the network look? (written)

<div dir="rtl" lang="fa">

سلول بالا را اجرا کنید و شکل را در پاسخ بگذارید یا توصیف کنید. برای هر رقم، CAM و Grad-CAM کدام بخش تصویر را روشن می‌کنند؟ آیا با بخش‌هایی که شما برای تشخیص آن رقم نگاه می‌کنید (مثلاً حلقهٔ بستهٔ ۰ یا خط افقی ۷) هم‌خوان است؟ چرا CAM و Grad-CAM برای لایهٔ آخر این شبکه تقریباً یکسان‌اند و چرا برای تصویرهای $8\times8$ نقشه‌ها درشت‌اند؟ اگر نقشه روی پس‌زمینه یا لبهٔ تصویر بیفتد، دربارهٔ مدل (یا داده) چه می‌گوید؟

</div>

Run the cell above and put the figure in your answer, or describe it. For each digit, which part of the image do CAM and Grad-CAM light up? Does it match the parts you look at to recognise that digit (the closed loop of a 0, the bar of a 7)? Why are CAM and Grad-CAM almost the same for this network's last layer, and why are the maps coarse for $8\times8$ images? If a map falls on the background or the border of the image, what does that say about the model (or the data)?
""", r"""
**Model answer.** The maps usually light up the strokes that tell the digit apart from its neighbours (the gap of a 4, the loop of a 6 or 9, the bar of a 7) rather than the whole digit; a wrong or lucky prediction often shows a map on an unusual part. For a network ending with GAP and one Dense layer, Grad-CAM's weights are the gradients of the class score with respect to each map, averaged over positions: for the pre-softmax score this is exactly $w_{k,c}/(hw)$, so Grad-CAM equals CAM up to the ReLU and the scaling (with the softmax probability the weights are rescaled by a common factor plus a small mix of the other classes' weights, hence "almost"). The maps are coarse because the last convolution has only 8×8 positions, each covering a 5×5 receptive field of a tiny image, and interpolation smooths them. A map on the background or the border means the network uses features that are not the digit (an artefact, a bias of the data such as where digits are written, or padding effects): a reason to distrust the model on new data — the point of the famous "husky vs wolf on snow" example.

Grading: 1 point for the figure and a correct description of the highlighted regions, 1 point for why CAM and Grad-CAM agree here and why the maps are coarse, 1 point for what a map on the background means.

<div dir="rtl" lang="fa">

نقشه‌ها معمولاً خط‌هایی را روشن می‌کنند که رقم را از رقم‌های شبیهش جدا می‌کند. برای شبکه‌ای با GAP و یک Dense، گرادیان امتیاز کلاس نسبت به هر نقشه همان وزن Dense تقسیم بر تعداد مکان‌هاست، پس Grad-CAM تقریباً همان CAM است. نقشه‌ها درشت‌اند چون آخرین کانولوشن فقط $8\times8$ مکان دارد. نقشه‌ای روی پس‌زمینه یعنی مدل از ویژگی‌ای غیر از خود رقم استفاده می‌کند.

</div>
""")
