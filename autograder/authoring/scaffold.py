"""`autograder new NAME`: start an assignment that builds and validates out of the box.

Writes, under the project root:

* ``assignments/<name>/<name>.pct.py``: the content as a jupytext percent file (one
  auto-graded question with a public test and hidden tests that compare with the reference, one
  manual question), in the same layout as the course's other assignments
  (:mod:`autograder.authoring.percent`); the master ``<name>.ipynb`` is built from it;
* ``solutions/<name>.py``: the reference function the hidden tests import (judge side only);
* ``assignments/<name>/mutants/make_mutants.py``, run once to write three known-wrong notebooks
  (``mutants/q1_*.ipynb``, as many as ``mutants.MIN_MUTANTS`` asks of every assignment): the
  model answer with one patch each, whose metadata says it must lose ``q1``.

Then ``autograder build <name>`` and ``autograder validate <name>`` pass. It refuses to touch an
existing assignment or reference module.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from autograder.authoring.percent import SUFFIX, sync_master
from autograder.errors import BuildError, ConfigError
from autograder.project import Project

NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
MUTANTS = ("q1_moving_sum", "q1_drops_last_window", "q1_divides_by_length")

SOLUTION_MODULE = '''"""Reference answers of HWNAME, imported by its hidden tests (judge side only)."""
import numpy as np


def moving_average(x, window):
    """Means of every `window` consecutive values of `x` (numpy's "valid" convolution)."""
    x = np.asarray(x, dtype=float)
    return np.convolve(x, np.ones(window) / window, mode="valid")
'''

MASTER_PERCENT = r'''# %% [raw]
# # ASSIGNMENT CONFIG
# name: HWNAME
# generate: true
# export_cell:
#   pdf: false
# run_tests: true
# show_question_points: true
# tests:
#   files: true
#   ok_format: false

# %% [markdown]
# # HWNAME
#
# Fill in the cells marked `...`, run `grader.check("q1")` for the public checks, then run the
# export cell at the end and submit the zip (or the `.ipynb`). Hidden tests decide the grade.
#
# <div dir="rtl" lang="fa">
#
# سلول‌های `...` را کامل کنید، با `grader.check("q1")` آزمون‌های عمومی را اجرا کنید و در پایان فایل zip (یا `.ipynb`) را تحویل دهید. نمره را آزمون‌های پنهان تعیین می‌کنند.
#
# </div>

# %%
import numpy as np


# %% [raw]
# # BEGIN QUESTION
# name: q1

# %% [markdown]
# ## Question 1: moving average
#
# Write `moving_average(x, window)`: the mean of every `window` consecutive values of the 1-D
# sequence `x`, as a float array of length `len(x) - window + 1` (first element: the mean of
# `x[0:window]`). `window` is between 1 and `len(x)`.

# %%
def moving_average(x, window):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    x = np.asarray(x, dtype=float)
    sums = np.cumsum(np.concatenate([[0.0], x]))
    return (sums[window:] - sums[:-window]) / window
    # END SOLUTION


# %% test="public"
def test_moving_average_small(moving_average):
    import numpy as np
    out = np.asarray(moving_average([1, 2, 3, 4], 2), dtype=float)
    # Every message: English, then a line "fa: " and the same in Persian (docs/authoring.md).
    assert out.shape == (3,), ("moving_average([1, 2, 3, 4], 2) should have 3 values"
                               "\nfa: خروجی `moving_average([1, 2, 3, 4], 2)` باید 3 مقدار داشته باشد")
    assert np.allclose(out, [1.5, 2.5, 3.5]), (
        "moving_average([1, 2, 3, 4], 2) should be [1.5, 2.5, 3.5]"
        "\nfa: خروجی `moving_average([1, 2, 3, 4], 2)` باید `[1.5, 2.5, 3.5]` باشد")


# %% test="hidden" points=2
def test_moving_average_matches_reference(moving_average):
    import numpy as np
    from solutions.HWNAME import moving_average as reference
    rng = np.random.default_rng(4)
    for window in (1, 3, 7):
        x = rng.normal(size=20)
        out = np.asarray(moving_average(x, window), dtype=float)
        assert out.shape == (20 - window + 1,), (
            f"for window={window} the output length should be len(x) - window + 1, not {len(out)}"
            f"\nfa: برای `window={window}` طول خروجی باید `len(x) - window + 1` باشد، نه `{len(out)}`")
        assert np.allclose(out, reference(x, window)), (
            "moving_average differs from the mean of each window on random input"
            "\nfa: خروجی `moving_average` روی ورودی تصادفی با میانگین هر پنجره فرق دارد")


# %% test="hidden" points=1
def test_moving_average_whole_sequence(moving_average):
    import numpy as np
    from solutions.HWNAME import moving_average as reference
    x = np.arange(9.0) ** 2
    out = np.asarray(moving_average(x, 9), dtype=float)
    assert np.allclose(out, reference(x, 9)), (
        "with window == len(x) the answer is a single value, the mean of x"
        "\nfa: با `window == len(x)` پاسخ یک مقدار است: میانگین `x`")

# %% [raw]
# # BEGIN QUESTION
# name: q2
# manual: true
# points: 2

# %% [markdown]
# ## Question 2 (written)
#
# In one or two sentences: why does a moving average smooth a noisy time series?

# %% [markdown] solution=true
# **Model answer.** Averaging `window` values divides the variance of independent noise by about
# `window`, while a slowly changing signal stays nearly the same inside a window. (1 point for
# noise averaging out, 1 point for the signal being kept.)
'''

MAKE_MUTANTS = r'''"""Write the known-wrong notebooks of HWNAME (`<name>.ipynb` next to this script).

Each mutant is the master's model answer with small patches; `autograder validate HWNAME` checks
that it loses exactly the questions in `must_lose`. Rerun after changing the master:

    python assignments/HWNAME/mutants/make_mutants.py
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))
from autograder.authoring.mutants import Mistake, Mutant, write_mutants  # noqa: E402

MASTER = HERE.parent / "HWNAME.ipynb"

MUTANTS = [
    Mutant("q1_moving_sum", ("q1",), "returns the sum of each window, not its mean", (
        ("return (sums[window:] - sums[:-window]) / window",
         "return sums[window:] - sums[:-window]"),)),
    Mutant("q1_drops_last_window", ("q1",), "stops one window early (len(x) - window values)", (
        ("return (sums[window:] - sums[:-window]) / window",
         "return (sums[window:-1] - sums[:-window - 1]) / window"),)),
    Mutant("q1_divides_by_length", ("q1",), "divides each window's sum by len(x), not window", (
        ("return (sums[window:] - sums[:-window]) / window",
         "return (sums[window:] - sums[:-window]) / len(x)"),)),
]

# How the feedback names each mistake to a student whose answers equal the mutant's.
MISTAKES = {
    "q1_moving_sum": Mistake(
        "sum instead of mean", "جمع به جای میانگین",
        "Your moving average returns each window's sum; divide it by the window length.",
        "میانگین متحرک شما جمع هر پنجره را برمی‌گرداند؛ آن را بر طول پنجره تقسیم کنید."),
    "q1_drops_last_window": Mistake(
        "last window missing", "جا افتادن پنجرهٔ آخر",
        "Your moving average stops one window early; a series of n values has n - window + 1 "
        "windows.",
        "میانگین متحرک شما یک پنجره زودتر تمام می‌شود؛ سری n مقداری n - window + 1 پنجره دارد."),
    "q1_divides_by_length": Mistake(
        "divided by the series length", "تقسیم بر طول سری",
        "You divide each window's sum by the length of the whole series; divide it by the "
        "window length.",
        "شما جمع هر پنجره را بر طول کل سری تقسیم کرده‌اید؛ آن را بر طول پنجره تقسیم کنید."),
}


if __name__ == "__main__":
    write_mutants(HERE, master=MASTER, mutants=MUTANTS, mistakes=MISTAKES)
'''


EQUIVALENTS = """\
# Survivors of `autograder validate --mutate HWNAME` that no input the question allows can tell
# apart from the reference, each with its reason (docs/authoring.md). Review this list whenever
# you change solutions/HWNAME.py: validate warns about entries that are no longer generated.
- mutant: "moving_average: x = np.asarray(x, dtype=float) -> x = np.asarray(x)"
  reason: "np.convolve with the float kernel np.ones(window) / window returns float64 for integer input too"
- mutant: "moving_average: return np.convolve(x, np.ones(window) / window, mode='valid') -> return np.convolve(np.ones(window) / window, x, mode='valid')"
  reason: "convolution is commutative and np.convolve swaps its arguments when the second is longer, so mode='valid' gives the same values"
"""


def new_assignment(*, project: Project, name: str) -> list[Path]:
    """Scaffold assignment `name`; return the files written (ConfigError if it exists)."""
    if not NAME_PATTERN.fullmatch(name):
        raise ConfigError(f"invalid assignment name {name!r}: use lower-case letters, digits and "
                          "underscores, starting with a letter (e.g. hw05)")
    folder = project.root / "assignments" / name
    solution = project.root / "solutions" / f"{name}.py"
    for path in (folder, solution):
        if path.exists():
            raise ConfigError(f"{path} already exists; `autograder new` never overwrites an "
                              "assignment (pick another name or remove it first)")
    try:
        return _write_files(folder, solution, name)
    except BaseException:  # leave nothing half-made behind
        shutil.rmtree(folder, ignore_errors=True)
        solution.unlink(missing_ok=True)
        raise


def _write_files(folder: Path, solution: Path, name: str) -> list[Path]:
    (folder / "mutants").mkdir(parents=True)
    solution.parent.mkdir(exist_ok=True)
    init = solution.parent / "__init__.py"
    if not init.exists():
        init.write_text("", encoding="utf-8")
    solution.write_text(SOLUTION_MODULE.replace("HWNAME", name), encoding="utf-8")
    source = folder / f"{name}{SUFFIX}"
    source.write_text(MASTER_PERCENT.replace("HWNAME", name), encoding="utf-8")
    try:
        sync_master(source=source, master=folder / f"{name}.ipynb")
    except BuildError as exc:
        raise ConfigError(f"the scaffold of {name} does not build: {exc}") from exc
    mutants_script = folder / "mutants" / "make_mutants.py"
    mutants_script.write_text(MAKE_MUTANTS.replace("HWNAME", name), encoding="utf-8")
    _run_script(mutants_script)
    equivalents = folder / "equivalent_mutants.yaml"
    equivalents.write_text(EQUIVALENTS.replace("HWNAME", name), encoding="utf-8")
    mutants = [folder / "mutants" / f"{mutant}.ipynb" for mutant in MUTANTS]
    return [source, folder / f"{name}.ipynb", solution, mutants_script, *mutants, equivalents]


def _run_script(script: Path) -> None:
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          cwd=script.parent, timeout=120)
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-15:])
        raise ConfigError(f"{script} failed:\n{tail}")
