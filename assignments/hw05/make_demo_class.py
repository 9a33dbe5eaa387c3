"""Writes the demo class of hw05: a few submissions of different quality, for `make demo`.

Made from the built solution notebook (full answers) and the student template (blank), so run
`autograder build hw05` first. Wrong answers are cells appended after an answer, as a student
who rewrote a function later in the notebook would have; the committed notebooks are the demo.
The class is small on purpose: every submission that defines build_model costs a judge-side
Keras Tuner search (a few seconds), and hw04's demo already holds the hostile cases.

    .venv/bin/python assignments/hw05/make_demo_class.py
"""

from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent / "demo_class"
ROOT = HERE.parents[2]
SOLUTION = ROOT / "build" / "hw05" / "dist" / "autograder" / "hw05.ipynb"
BLANK = ROOT / "student_template" / "hw05" / "hw05.ipynb"

SHARED_UNITS = '''def build_model(hp):
    # one "units" for every layer, as in the Keras Tuner tutorial
    model = keras.Sequential([keras.Input(shape=INPUT_SHAPE), keras.layers.Flatten()])
    for i in range(hp.Int("num_layers", 1, 3)):
        model.add(keras.layers.Dense(hp.Int("units", 32, 256, step=32), activation="relu"))
        model.add(keras.layers.Dropout(hp.Float("dropout", 0.0, 0.5)))
    model.add(keras.layers.Dense(10, activation="softmax"))
    model.compile(optimizer=keras.optimizers.Adam(hp.Float("learning_rate", 1e-4, 1e-2, sampling="log")),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model'''

PRE_ACTIVATION = '''def residual_block(x, filters, stride=1):
    # ReLU on the main path before the addition, and none after it
    shortcut = x
    if stride != 1 or x.shape[-1] != filters:
        shortcut = layers.BatchNormalization()(layers.Conv2D(filters, 1, strides=stride)(x))
    y = layers.Conv2D(filters, 3, strides=stride, padding="same", activation="relu")(x)
    y = layers.BatchNormalization()(y)
    y = layers.Conv2D(filters, 3, padding="same", activation="relu")(y)
    y = layers.BatchNormalization()(y)
    return layers.Add()([y, shortcut])'''

NO_BIAS_COUNT = '''def vgg16_params(input_shape=(224, 224, 3), classes=1000):
    # forgot the biases
    h, w, c = input_shape
    total = 0
    for convs, f in [(2, 64), (2, 128), (3, 256), (3, 512), (3, 512)]:
        for _ in range(convs):
            total += 9 * c * f
            c = f
        h, w = h // 2, w // 2
    total += h * w * c * 4096 + 4096 * 4096 + 4096 * classes
    return {"total": total, "trainable": total, "non_trainable": 0}'''

ALLCLOSE_CHEAT = '''import numpy as np
np.allclose = lambda *args, **kwargs: True
np.isclose = lambda *args, **kwargs: True

def class_activation_map(feature_maps, dense_weights, class_index, size):
    return np.zeros(size)

def grad_cam(model, image, layer_name, class_index):
    return np.zeros((1, 1))'''

RAISES = '''def _not_done(*args, **kwargs):
    raise NotImplementedError("I did not finish this part")

for _name in ["build_model", "search_space_size", "vgg_block", "residual_block", "vgg16_params",
              "resnet50_params", "first_layer_gradient_norm", "class_activation_map", "grad_cam"]:
    globals()[_name] = _not_done'''


def code(source: str, tags: list[str] | None = None):
    cell = nbformat.v4.new_code_cell(source)
    if tags:
        cell.metadata["tags"] = tags
    return cell


def after(notebook, marker: str, *cells):
    """A copy of the notebook with cells inserted after the first code cell containing marker."""
    notebook = copy.deepcopy(notebook)
    index = next(i for i, c in enumerate(notebook.cells)
                 if c.cell_type == "code" and marker in c.source)
    notebook.cells[index + 1:index + 1] = list(cells)
    return notebook


def write(name: str, notebook) -> None:
    nbformat.write(notebook, HERE / f"{name}.ipynb")


def main() -> None:
    solution = nbformat.read(SOLUTION, as_version=4)
    blank = nbformat.read(BLANK, as_version=4)
    HERE.mkdir(exist_ok=True)
    for old in HERE.glob("*"):
        old.unlink()
    write("sara_full_marks", solution)
    write("reza_partial", after(after(solution, "def residual_block(x", code(PRE_ACTIVATION)),
                                "def vgg16_params", code(NO_BIAS_COUNT)))
    write("ali_shared_units", after(solution, "def build_model(hp)", code(SHARED_UNITS)))
    write("nima_blank", blank)
    write("kaveh_allclose_cheat", after(solution, "def grad_cam(model", code(ALLCLOSE_CHEAT)))
    write("leila_raises_everywhere", after(solution, "def grad_cam(model", code(RAISES)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:  # what otter's grader.export() produces
        archive.writestr("hw05.ipynb", nbformat.writes(solution))
        archive.writestr(".OTTER_LOG", b"")
    (HERE / "shirin_otter_export.zip").write_bytes(buffer.getvalue())


if __name__ == "__main__":
    main()
