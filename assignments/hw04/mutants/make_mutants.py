"""Write the known-wrong notebooks of homework 4 (`<name>.ipynb` next to this script).

Every mutant starts from the same correct code base, the model answer in the master notebook
(hw04.ipynb, with otter's markers and test cells removed), and applies one small patch. Each
mutant's metadata says which questions must lose points:

    {"autograder": {"mutant": {"must_lose": ["q1"], "description": "..."}}}

Rebuild after changing the master's solution code:

    python assignments/hw04/mutants/make_mutants.py
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent
MASTER = HERE.parent / "hw04.ipynb"
MARKER_LINE = re.compile(r"^\s*# (BEGIN SOLUTION( NO PROMPT)?|END SOLUTION|YOUR CODE HERE)\s*$")


@dataclass(frozen=True)
class Mutant:
    name: str
    must_lose: tuple[str, ...]
    description: str
    patches: tuple[tuple[str, str], ...]
    """(old, new) replacements; each `old` must occur exactly once in the notebook's code."""


MUTANTS = [
    Mutant("q1_unbiased_variance", ("q1",), "divides the batch variance by N - 1 instead of N", (
        ("var = (diff * diff).mean(axis=0)",
         "var = (diff * diff).sum(axis=0) / max(len(xf) - 1, 1)"),)),
    Mutant("q1_shortcut_variance", ("q1",),
           "computes the variance as E[x^2] - E[x]^2, which cancels for data near 1e6", (
               ("var = (diff * diff).mean(axis=0)", "var = (xf * xf).mean(axis=0) - mu * mu"),)),
    Mutant("q1_float32_statistics", ("q1",),
           "computes the batch statistics in the input dtype (float32) instead of float64", (
               ("xf = x.astype(np.float64)\n    mu = xf.mean(axis=0)",
                "xf = x.astype(out_dtype)\n    mu = xf.mean(axis=0)"),)),
    Mutant("q1_identity_and_fake_allclose", ("q1",),
           "returns its inputs unchanged and replaces numpy.allclose by a function that always "
           "says True (must score 0 on q1)", (
               ("def forward_batchnorm(x, gamma, beta, eps=1e-5):\n",
                "np.allclose = lambda *args, **kwargs: True\n\n\n"
                "def forward_batchnorm(x, gamma, beta, eps=1e-5):\n    return x\n"),
               ("momentum=0.99, eps=1e-3):\n",
                "momentum=0.99, eps=1e-3):\n    return x, running_mean, running_var\n"),
               ("def batchnorm_inference(x, gamma, beta, running_mean, running_var, eps=1e-3):\n",
                "def batchnorm_inference(x, gamma, beta, running_mean, running_var, eps=1e-3):\n"
                "    return x\n"))),
    Mutant("q2_moving_stats_trainable", ("q2",),
           "counts BatchNormalization's moving mean and variance as trainable", (
               ('"trainable": dense + gamma_beta,', '"trainable": dense + gamma_beta + moving_stats,'),
               ('"non_trainable": moving_stats}', '"non_trainable": 0}'))),
    Mutant("q3_ignores_dilation", ("q3",),
           "uses the kernel size instead of the dilated span (k - 1) * d + 1 for output lengths", (
               ("span = (kernel_size - 1) * dilation + 1", "span = kernel_size"),)),
    Mutant("q3_same_padding_extra_zero_first", ("q3",),
           "puts the extra zero of an even 'same' padding before the input instead of after", (
               ("return (before, total - before)", "return (total - before, before)"),)),
    Mutant("q4_lstm_without_biases", ("q4",), "leaves the four gate biases out of the LSTM count", (
        ("return 4 * (units * input_dim + units * units + units)",
         "return 4 * (units * input_dim + units * units)"),)),
    Mutant("q4_gru_ignores_reset_after", ("q4",),
           "always counts one GRU bias vector per gate, even with reset_after=True", (
               ("biases_per_gate = 2 * units if reset_after else units", "biases_per_gate = units"),)),
    Mutant("q5_scaler_on_all_rows", ("q5",),
           "fits the standardization on every row, test period included (leakage)", (
               ("train_values = values[:n_train]", "train_values = values"),)),
    Mutant("q5_shuffled_split", ("q5",), "shuffles the rows before the train/test split", (
        ('target = df["consumption"].to_numpy(dtype=float)\n',
         'target = df["consumption"].to_numpy(dtype=float)\n'
         "    order = np.random.default_rng(0).permutation(len(df))\n"
         "    values, target = values[order], target[order]\n"),)),
    Mutant("q5_windows_across_split", ("q5",),
           "cuts windows over the whole series, so test windows reach back into training hours", (
               ("    X_train, y_train = cut(scaled[:n_train], target[:n_train])\n"
                "    X_test, y_test = cut(scaled[n_train:], target[n_train:])\n",
                "    X_all, y_all = cut(scaled, target)\n"
                "    X_train, y_train = X_all[:n_train - window], y_all[:n_train - window]\n"
                "    X_test, y_test = X_all[n_train - window:], y_all[n_train - window:]\n"),)),
    Mutant("q5_sample_std", ("q5",), "standardizes with the sample std (ddof=1) instead of ddof=0", (
        ("std = train_values.std(axis=0)", "std = train_values.std(axis=0, ddof=1)"),)),
]


def _raw_text(cell) -> str:
    return cell.source.strip()


def answered_cells(master) -> list:
    """The master as a student who answered everything would hand it in (no tests, no markers)."""
    cells = [nbformat.v4.new_code_cell('import otter\ngrader = otter.Notebook("hw04.ipynb")')]
    in_tests, question, auto = False, None, False
    for cell in master.cells:
        if cell.cell_type == "raw":
            text = _raw_text(cell)
            if text.startswith("# BEGIN QUESTION"):
                question = re.search(r"name:\s*(\S+)", text).group(1)
                auto = "manual: true" not in text
            elif text == "# END QUESTION" and auto:
                cells.append(nbformat.v4.new_code_cell(f'grader.check("{question}")'))
            in_tests = {"# BEGIN TESTS": True, "# END TESTS": False}.get(text, in_tests)
        elif cell.cell_type == "markdown":
            cells.append(nbformat.v4.new_markdown_cell(cell.source))
        elif not in_tests:
            lines = [line for line in cell.source.splitlines() if not MARKER_LINE.match(line)]
            cells.append(nbformat.v4.new_code_cell("\n".join(lines).strip("\n")))
    return cells


def apply_patches(cells: list, mutant: Mutant) -> list:
    cells = [nbformat.from_dict(dict(cell)) for cell in cells]
    code = [cell for cell in cells if cell.cell_type == "code"]
    for old, new in mutant.patches:
        hits = [cell for cell in code if old in cell.source]
        count = sum(cell.source.count(old) for cell in hits)
        if count != 1:
            raise ValueError(f"{mutant.name}: patch target found {count} times: {old!r}")
        hits[0].source = hits[0].source.replace(old, new)
    return cells


def build(mutant: Mutant, base: list):
    cells = apply_patches(base, mutant)
    for index, cell in enumerate(cells):
        cell["id"] = f"{mutant.name[:40]}-{index:03d}"  # stable ids: reruns give identical files
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata.update({
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        "autograder": {"mutant": {"must_lose": list(mutant.must_lose),
                                  "description": mutant.description}},
    })
    nbformat.validate(notebook)
    return notebook


def main() -> None:
    base = answered_cells(nbformat.read(MASTER, as_version=4))
    names = {mutant.name for mutant in MUTANTS}
    for stale in HERE.glob("*.ipynb"):
        if stale.stem not in names:
            stale.unlink()
    for mutant in MUTANTS:
        path = HERE / f"{mutant.name}.ipynb"
        path.write_text(nbformat.writes(build(mutant, base)) + "\n", encoding="utf-8")
    print(f"wrote {len(MUTANTS)} mutants to {HERE}")


if __name__ == "__main__":
    main()
