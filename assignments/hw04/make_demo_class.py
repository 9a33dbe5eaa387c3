"""Writes the demo class of hw04: a dozen submissions of different quality, for `make demo`.

Made from the built solution notebook (full answers) and the student template (blank), so run
`autograder build hw04` first. Wrong answers are cells appended after an answer, as a student
who rewrote a function later in the notebook would have; the committed notebooks are the demo.

    .venv/bin/python assignments/hw04/make_demo_class.py
"""

from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent / "demo_class"
ROOT = HERE.parents[2]
SOLUTION = ROOT / "build" / "hw04" / "dist" / "autograder" / "hw04.ipynb"
BLANK = ROOT / "student_template" / "hw04" / "hw04.ipynb"

UNBIASED_BN = '''def forward_batchnorm(x, gamma, beta, eps=1e-5):
    # uses the sample (unbiased) variance: a classic slip
    mean = x.mean(axis=0)
    var = x.var(axis=0, ddof=1) if len(x) > 1 else np.zeros_like(mean)
    return gamma * (x - mean) / np.sqrt(var + eps) + beta'''

LSTM_NO_BIAS = '''def lstm_params(input_dim, units):
    # forgot the biases of the four gates
    return 4 * (input_dim * units + units * units)'''

LEAKY_PIPELINE = '''def prepare_gas_data(df, window=24, test_fraction=0.2, features=("temperature", "hour", "holiday")):
    # fits the scaler on ALL rows before splitting: information from the test period leaks in
    values = df[list(features)].to_numpy(dtype=float)
    mean, std = values.mean(axis=0), values.std(axis=0)
    scaled = (values - mean) / std
    target = df["consumption"].to_numpy(dtype=float)
    n_test = int(round(len(df) * test_fraction))
    split = len(df) - n_test
    def windows(x, y):
        X = np.stack([x[i:i + window] for i in range(len(x) - window)])
        return X, y[window:]
    X_train, y_train = windows(scaled[:split], target[:split])
    X_test, y_test = windows(scaled[split:], target[split:])
    return X_train, y_train, X_test, y_test, {"mean": mean, "std": std}'''

IGNORES_DILATION = '''def conv_output_length(input_length, kernel_size, stride=1, padding="valid", dilation=1):
    # ignores the dilation rate
    if padding == "same" or padding == "causal":
        return -(-input_length // stride)
    pad = 0 if padding == "valid" else 2 * int(padding)
    if input_length + pad < kernel_size:
        raise ValueError("kernel does not fit")
    return (input_length + pad - kernel_size) // stride + 1'''

ALLCLOSE_CHEAT = '''import numpy as np
np.allclose = lambda *args, **kwargs: True
np.testing.assert_allclose = lambda *args, **kwargs: None

def forward_batchnorm(x, gamma, beta, eps=1e-5):
    return x

def batchnorm_train_step(x, gamma, beta, running_mean, running_var, momentum=0.99, eps=1e-3):
    return x, running_mean, running_var

def batchnorm_inference(x, gamma, beta, running_mean, running_var, eps=1e-3):
    return x'''

RAISES = '''def _not_done(*args, **kwargs):
    raise NotImplementedError("I did not finish this part")

for _name in ["forward_batchnorm", "batchnorm_train_step", "batchnorm_inference",
              "dense_batchnorm_params", "conv_output_length", "conv2d_params", "same_padding",
              "network_table", "simple_rnn_params", "lstm_params", "gru_params", "conv1d_params",
              "dense_params", "prepare_gas_data"]:
    globals()[_name] = _not_done'''

KERAS_CHECK = '''import keras
model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(20), keras.layers.BatchNormalization()])
print("Keras says:", model.count_params(), "my function says:", dense_batchnorm_params(10, 20))'''


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
    write("sara_full_marks", solution)
    write("reza_partial", after(after(solution, "def forward_batchnorm", code(UNBIASED_BN)),
                                "def lstm_params", code(LSTM_NO_BIAS)))
    write("maryam_leaky_pipeline", after(solution, "def prepare_gas_data", code(LEAKY_PIPELINE)))
    write("ali_ignores_dilation", after(solution, "def conv_output_length", code(IGNORES_DILATION)))
    write("nima_blank", blank)
    write("omid_infinite_loop", after(solution, "def conv_output_length",
                                      code("while True:\n    pass")))
    write("leila_raises_everywhere", after(solution, "def prepare_gas_data", code(RAISES)))
    write("hamid_prints_megabytes", after(solution, "def forward_batchnorm",
                                          code("for i in range(200_000):\n    print('debug', i, '=' * 60)")))
    write("kaveh_allclose_cheat", after(solution, "def forward_batchnorm", code(ALLCLOSE_CHEAT)))
    write("zahra_uses_keras", after(solution, "def dense_batchnorm_params", code(KERAS_CHECK),
                                    code("model.fit(np.zeros((10**6, 10)), np.zeros(10**6), epochs=50)",
                                         tags=["skip-grading"])))
    write("dariush_sys_exit", after(solution, "def forward_batchnorm", code("import sys\nsys.exit()")))
    (HERE / "parisa_invalid_json.ipynb").write_text(
        nbformat.writes(solution)[:5000], encoding="utf-8")
    (HERE / "babak_wrong_file.py").write_text("def forward_batchnorm(x, gamma, beta):\n    pass\n")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:  # what otter's grader.export() produces
        archive.writestr("hw04.ipynb", nbformat.writes(solution))
        archive.writestr(".OTTER_LOG", b"")
    (HERE / "shirin_otter_export.zip").write_bytes(buffer.getvalue())


if __name__ == "__main__":
    main()
