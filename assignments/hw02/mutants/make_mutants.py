"""Write the known-wrong notebooks of homework 2 (`<name>.ipynb` next to this script).

Every mutant starts from the same correct code base, the model answer in the master notebook
(hw02.ipynb, with otter's markers and test cells removed), and applies one small patch. Each
mutant's metadata says which questions must lose points:

    {"autograder": {"mutant": {"must_lose": ["q1"], "description": "..."}}}

Rebuild after changing the master's solution code:

    python assignments/hw02/mutants/make_mutants.py
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent
MASTER = HERE.parent / "hw02.ipynb"
MARKER_LINE = re.compile(r"^\s*# (BEGIN SOLUTION( NO PROMPT)?|END SOLUTION|YOUR CODE HERE)\s*$")


@dataclass(frozen=True)
class Mutant:
    name: str
    must_lose: tuple[str, ...]
    description: str
    patches: tuple[tuple[str, str], ...]
    """(old, new) replacements; each `old` must occur exactly once in the notebook's code."""


MUTANTS = [
    Mutant("q1_recurrent_kernel_transposed", ("q1",),
           "multiplies the previous state by Wh transposed (h_prev @ Wh.T)", (
               ("np.asarray(h_prev) @ np.asarray(Wh)", "np.asarray(h_prev) @ np.asarray(Wh).T"),)),
    Mutant("q1_ignores_initial_state", ("q1",), "rnn_forward starts from zeros instead of h0", (
        ("h = np.asarray(h0, dtype=float)", "h = np.zeros_like(np.asarray(h0, dtype=float))"),)),
    Mutant("q2_keras_update_convention", ("q2",),
           "uses u as the share of the previous state (Keras's z) instead of the candidate's", (
               ("return u * h_tilde + (1 - u) * h_prev", "return (1 - u) * h_tilde + u * h_prev"),)),
    Mutant("q2_reset_after_product", ("q2",),
           "applies the reset gate after the product with W_hh (Keras's reset_after=True)", (
               ('(r * h_prev) @ p["W_hh"]', 'r * (h_prev @ p["W_hh"])'),)),
    Mutant("q3_gate_order_ifoc", ("q3",), "reads the LSTM blocks in the order i, f, o, c", (
        ("z_i, z_f, z_c, z_o = (", "z_i, z_f, z_o, z_c = ("),)),
    Mutant("q3_no_output_gate", ("q3",), "returns tanh(c_t) without the output gate", (
        ("return gate_o * np.tanh(c_t), c_t", "return np.tanh(c_t), c_t"),)),
    Mutant("q4_bidirectional_passes_units_on", ("q4",),
           "feeds units (not 2 * units) into the layer after a bidirectional one", (
               ("features = directions * units", "features = units"),)),
    Mutant("q4_gru_single_bias", ("q4",), "counts one GRU bias per gate (reset_after=False)", (
        ('bias_count = 2 if cell == "gru" else 1', "bias_count = 1"),)),
    Mutant("q4_none_merge_single_shape", ("q4",),
           "returns one shape instead of a list of two when merge_mode is None", (
               ("return [single, single]", "return single"),)),
    Mutant("q5_rainy_cycle_backwards", ("q5",),
           "moves backwards in the dish cycle on rainy days", (
               ("yesterday = (d - w) % 3", "yesterday = (d + w) % 3"),)),
    Mutant("q5_wrong_start_after_sandwich", ("q5",),
           "starts from the pizza state when the day before was sandwich (about 2/3 of the days "
           "right: partial credit on q5)", (
               ("h0[dish, dish] = 1.0", "h0[dish, dish % 2] = 1.0"),)),
    Mutant("q5_no_and_bias", ("q5",),
           "leaves out the negative bias, so the AND units fire on one input alone", (
               ('"b": -np.ones(H)', '"b": np.zeros(H)'),)),
]


def _raw_text(cell) -> str:
    return cell.source.strip()


def answered_cells(master) -> list:
    """The master as a student who answered everything would hand it in (no tests, no markers)."""
    cells = [nbformat.v4.new_code_cell('import otter\ngrader = otter.Notebook("hw02.ipynb")')]
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
