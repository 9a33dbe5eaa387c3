"""autograder.reports.similarity on real notebooks: a renamed copy of an answer is flagged, two
answers written independently (the model answer and tests/fixtures/alternatives) are not."""

from __future__ import annotations

import re

import nbformat
import pytest

from autograder.authoring.mutants import answered_cells
from autograder.grading.notebook import parse_notebook
from autograder.reports.similarity import (MIN_FINGERPRINTS, SIMILAR_AT, CodePrinter,
                                           identical_groups, normalise, similar_pairs)
from conftest import HERE, ROOT

RENAMES = {"hw04": {"mean": "avg", "var": "variance", "xf": "values", "diff": "centered",
                    "out_dtype": "kind", "span": "reach", "total": "pad_sum", "before": "left",
                    "train_values": "fit_rows", "scaled": "normed", "window": "width"},
           "hw02": {"h_prev": "state", "states": "all_h", "h_tilde": "candidate", "gate_o": "o",
                    "c_t": "cell", "units": "n_units", "features": "width", "dish": "food"}}


def _sources(notebook) -> list[str]:
    return [c.source for c in parse_notebook(nbformat.writes(notebook).encode(), name="x.ipynb")]


def _model_answer(hw: str) -> list[str]:
    master = nbformat.read(ROOT / "assignments" / hw / f"{hw}.ipynb", as_version=4)
    return _sources(nbformat.v4.new_notebook(cells=answered_cells(master, notebook_name="x")))


def _renamed(sources: list[str], names: dict[str, str]) -> list[str]:
    """A copy with its variables renamed, comments added and spacing changed."""
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b")
    return ["# my own work, honest\n" + pattern.sub(lambda m: names[m.group()], s)
            .replace(" = ", "=").replace("\n\n", "\n\n\n") for s in sources]


@pytest.fixture(scope="module", params=["hw04", "hw02"])
def class_codes(request):
    hw = request.param
    template = nbformat.read(ROOT / "student_template" / hw / f"{hw}.ipynb", as_version=4)
    printer = CodePrinter(_sources(template))
    model = _model_answer(hw)
    alternative = _sources(nbformat.read(HERE / "fixtures" / "alternatives" / f"{hw}.ipynb",
                                         as_version=4))
    renamed = _renamed(model, RENAMES[hw])
    assert renamed != model
    return {"model": printer.fingerprint(model), "alternative": printer.fingerprint(alternative),
            "renamed_copy": printer.fingerprint(renamed),
            "blank": printer.fingerprint(_sources(template)),
            "blank_too": printer.fingerprint(_sources(template))}


def test_a_renamed_copy_is_flagged_and_independent_answers_are_not(class_codes):
    pairs = {(p.first, p.second): p for p in similar_pairs(class_codes)}
    assert set(pairs) == {("model", "renamed_copy")}, pairs
    assert pairs["model", "renamed_copy"].share >= 0.9
    low = similar_pairs(class_codes, threshold=0.0)
    alternative = max(p.share for p in low if "alternative" in (p.first, p.second))
    assert alternative < SIMILAR_AT / 2, alternative


def test_blank_submissions_are_nobodys_copy(class_codes):
    assert class_codes["blank"] == {"sha256": "", "hashes": [], "tokens": 0}
    assert identical_groups(class_codes) == []
    assert len(class_codes["model"]["hashes"]) >= MIN_FINGERPRINTS


def test_identical_means_same_code_up_to_comments_and_spacing():
    printer = CodePrinter(["import numpy as np", "def f(x):\n    ..."])
    own = "def f(x):\n    return x + 1  # add one\n"
    codes = {"a": printer.fingerprint(["import numpy as np", own]),
             "b": printer.fingerprint(["import numpy  as np", "\n" + own.replace("# add one", "")
                                       .replace("x + 1", "x+1") + "\n\n"]),
             "c": printer.fingerprint(["import numpy as np", own.replace("x + 1", "x + 2")])}
    assert identical_groups(codes) == [["a", "b"]]


def test_normalise_drops_comments_and_spacing_but_keeps_code():
    assert normalise("x = 1  # one\n\n\ny  =  x") == normalise("x=1\ny=x")
    assert normalise("x = 1") != normalise("x = 2")
    magic = normalise("%time f(1)  # magic\n!ls")
    assert "magic" not in magic and "time" in magic and "ls" in magic


def test_fingerprints_are_stable_across_processes(tmp_path):
    """Saved in results and compared in a later run: the hash must not be Python's hash()."""
    import subprocess
    import sys

    code = ("from autograder.reports.similarity import CodePrinter;"
            "print(CodePrinter([]).fingerprint(['def f(a, b):\\n    return [a * i + b for i in "
            "range(10)] + [b - a]'])['hashes'])")
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin",
                                "PYTHONPATH": str(ROOT)}).stdout
            for seed in ("1", "2")}
    assert len(runs) == 1 and runs.pop().startswith("[")
