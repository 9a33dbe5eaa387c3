"""Writes a small demo class of hw02 (the second bundled class graded by `make demo`).

Made from the built solution notebook, the student template and three of the mutants, so run
`autograder build hw02` first:

    .venv/bin/python assignments/hw02/make_demo_class.py
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
OUT = HERE / "demo_class"
STUDENTS = {
    "arash_full_marks": ROOT / "build" / "hw02" / "dist" / "autograder" / "hw02.ipynb",
    "bahar_blank": ROOT / "student_template" / "hw02" / "hw02.ipynb",
    "camran_transposed_kernel": HERE / "mutants" / "q1_recurrent_kernel_transposed.ipynb",
    "donya_gate_order": HERE / "mutants" / "q3_gate_order_ifoc.ipynb",
    "elham_cook_backwards": HERE / "mutants" / "q5_rainy_cycle_backwards.ipynb",
}


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for student, source in STUDENTS.items():
        notebook = nbformat.read(source, as_version=4)
        notebook.metadata.pop("autograder", None)  # a student's notebook has no mutant labels
        nbformat.write(notebook, OUT / f"{student}.ipynb")
    slow = nbformat.read(STUDENTS["arash_full_marks"], as_version=4)
    slow.cells.insert(3, nbformat.v4.new_code_cell("import time\ntime.sleep(10**6)"))
    nbformat.write(slow, OUT / "farhad_sleeps_forever.ipynb")
    shutil.copy(OUT / "arash_full_marks.ipynb", OUT / "golnaz_copy_of_arash.ipynb")


if __name__ == "__main__":
    main()
