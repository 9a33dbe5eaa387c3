"""An attack that only matters where Keras is used: hw01, whose hidden tests rebuild the
student's models judge-side. The notebook answers q1, q2 and q4 correctly and q3 wrongly, then
sabotages Keras in its own process (the functions a judge would use to rebuild, count and run a
model). If any of that reached the judge, the rebuilt models would fail and the score would drop;
if the sandbox let the wrong q3 pass, it would rise: the test asserts exactly the honest part."""

from __future__ import annotations

import json

import pytest

from autograder.grading.bundle import load_bundle
from autograder.grading.grader import Grader, GradeOptions, grade_all
from autograder.grading.intake import Submission
from autograder.sandbox.launcher import SandboxLimits

SABOTAGE = """\
import keras
keras.models.model_from_json = lambda *args, **kwargs: None
keras.Model.from_config = classmethod(lambda cls, *args, **kwargs: None)
keras.Model.count_params = lambda self: 0
keras.Model.predict = lambda self, *args, **kwargs: 0
keras.Model.set_weights = lambda self, weights: None
def dense_param_count(input_dim, units):
    return 0
def simple_rnn_param_count(input_dim, units):
    return 0
def rnn_classifier_param_count(input_dim, units, num_classes):
    return 0
"""


@pytest.mark.slow
def test_patching_keras_in_the_sandbox_changes_nothing_judge_side(built_copy, tmp_path):
    solution = json.loads(built_copy.solution_notebook("hw01").read_text("utf-8"))
    solution["cells"].append({"cell_type": "code", "execution_count": None, "id": "sabotage",
                              "metadata": {}, "outputs": [], "source": SABOTAGE})
    attack = tmp_path / "patch_keras.ipynb"
    attack.write_text(json.dumps(solution), encoding="utf-8")
    grader = Grader(load_bundle(project=built_copy, name="hw01"),
                    GradeOptions(workers=2, timeout=180, limits=SandboxLimits(memory_mb=3000)))
    try:
        honest, attacked = grade_all(grader, submissions=[
            Submission("solution", built_copy.solution_notebook("hw01")),
            Submission("patch_keras", attack)])
    finally:
        grader.close()
    assert honest.status == "graded" and honest.score == honest.possible == 22, honest.message
    points = {q.name: q.points for q in attacked.questions}
    q3 = next(q.possible for q in honest.questions if q.name == "q3")
    assert attacked.status == "graded", attacked.message
    assert points["q3"] == 0 and attacked.score == 22 - q3, points
