"""Right answers written differently from the references get full marks.

tests/fixtures/alternatives/hwNN.ipynb are complete submissions whose every auto-graded answer is
correct by the question's text but written another way than solutions/hwNN.py and the model
answer (see make_alternatives.py there, one docstring per answer). They are graded through the
real engine (sandbox, hidden tests) against a fresh build of all four assignments; any point lost
is a grader bug: a hidden test that rejects a right answer.
"""

from __future__ import annotations

import sys

import nbformat
import pytest

from autograder.grading.bundle import load_bundle
from autograder.grading.grader import GradeOptions, Grader, grade_all
from autograder.grading.intake import Submission
from conftest import ASSIGNMENTS, HERE

ALTERNATIVES = HERE / "fixtures" / "alternatives"
HOMEWORKS = ("hw01", "hw02", "hw03", "hw04", "hw05")


def _make_alternatives():
    sys.path.insert(0, str(ALTERNATIVES))
    try:
        import make_alternatives
    finally:
        sys.path.remove(str(ALTERNATIVES))
    return make_alternatives


def test_every_assignment_has_an_alternatives_notebook():
    assert set(HOMEWORKS) <= set(ASSIGNMENTS)
    for hw in HOMEWORKS:
        assert (ALTERNATIVES / f"{hw}.ipynb").is_file(), hw


@pytest.mark.parametrize("hw", HOMEWORKS)
def test_notebooks_are_regenerated_from_the_current_template(hw):
    """The committed notebook's code is what make_alternatives.py writes from today's template."""
    expected = _make_alternatives().fill(hw)
    committed = nbformat.read(ALTERNATIVES / f"{hw}.ipynb", as_version=4)
    code = lambda nb: [(c.get("id"), c.source) for c in nb.cells if c.cell_type == "code"]
    assert code(committed) == code(expected), (
        f"tests/fixtures/alternatives/{hw}.ipynb is stale: rerun "
        "python tests/fixtures/alternatives/make_alternatives.py")


@pytest.fixture(scope="module")
def alternative_results(built_copy):
    """Every notebook graded with its assignment's bundle, one after the other (TensorFlow)."""
    options = GradeOptions(workers=1, timeout=300, test_timeout=180)
    results = {}
    for hw in HOMEWORKS:
        grader = Grader(load_bundle(project=built_copy, name=hw), options)
        submission = Submission(f"alternatives_{hw}", ALTERNATIVES / f"{hw}.ipynb")
        try:
            [results[hw]] = grade_all(grader, submissions=[submission])
        finally:
            grader.close()
    return results


def _failures(result) -> str:
    lines = [f"{q.name}/{t.name}: {t.points}/{t.possible}: {t.message}"
             for q in result.questions if not q.manual for t in q.tests if not t.passed]
    lines += [f"cell {e.cell}: {e.error}" for e in result.cell_errors]
    return "\n".join(lines)


@pytest.mark.slow
@pytest.mark.parametrize("hw", HOMEWORKS)
def test_alternative_answers_get_full_marks(hw, alternative_results):
    result = alternative_results[hw]
    assert result.status == "graded", f"{hw}: {result.status}: {result.message}\n{_failures(result)}"
    assert result.possible > 0
    assert result.score == result.possible, (
        f"{hw}: {result.score}/{result.possible} for right answers; failing tests:\n"
        f"{_failures(result)}")
    assert not result.cell_errors, _failures(result)
