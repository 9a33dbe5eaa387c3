"""Grading one submission of the tiny assignment through the real sandbox and judge."""

from __future__ import annotations

import json

from autograder.grading.grader import grade_batch
from autograder.grading.intake import Submission
from autograder.results import load_result

HONEST = ["import numpy as np\nimport pandas as pd",
          "def square(x):\n    return np.asarray(x, dtype=float) ** 2",
          "df = pd.read_csv('data/numbers.csv')\n\ndef mean_of_column(df, column):\n"
          "    return float(df[column].mean())"]


def test_solution_notebook_scores_full_marks(tiny_grader, tiny_project):
    path = tiny_project.solution_notebook("tiny")
    result = tiny_grader.grade(Submission("solution", path))
    assert result.status == "graded", result.message
    assert (result.score, result.possible, result.manual_possible) == (3, 3, 2)
    manual = [q for q in result.questions if q.manual]
    assert [q.name for q in manual] == ["q3"] and manual[0].points is None


def test_blank_template_scores_zero_without_crashing(tiny_grader, tiny_project):
    path = tiny_project.template_dir("tiny") / "tiny.ipynb"
    result = tiny_grader.grade(Submission("blank", path))
    assert result.status == "graded"
    assert result.score == 0 and result.possible == 3
    messages = " ".join(t.message for q in result.questions for t in q.tests)
    assert "returned None" in messages


def test_missing_function_is_named(tiny_grader, write_notebook):
    path = write_notebook("partial", HONEST[:2])
    result = tiny_grader.grade(Submission("partial", path))
    assert result.score == 2
    q2 = next(q for q in result.questions if q.name == "q2")
    assert "`mean_of_column` is not defined" in q2.tests[0].message
    assert "check its spelling" in q2.tests[0].message


def test_cell_errors_are_recorded_and_execution_goes_on(tiny_grader, write_notebook):
    path = write_notebook("errors", [HONEST[0], "undefined_name + 1", HONEST[1], HONEST[2]])
    result = tiny_grader.grade(Submission("errors", path))
    assert result.score == 3
    assert [e.cell for e in result.cell_errors] == [2]
    assert "NameError" in result.cell_errors[0].error


def test_skip_tagged_cells_do_not_run(tiny_grader, write_notebook):
    path = write_notebook("skip", [*HONEST, "while True:\n    pass"], tags={3: ["skip-grading"]})
    result = tiny_grader.grade(Submission("skip", path))
    assert result.status == "graded" and result.score == 3


def test_grader_check_and_magics_are_harmless(tiny_grader, write_notebook):
    cells = ["import otter\ngrader = otter.Notebook('tiny.ipynb')", "%matplotlib inline\n!ls",
             *HONEST, "grader.check('q1')\ngrader.check_all()\ngrader.export(pdf=False)"]
    result = tiny_grader.grade(Submission("otter", write_notebook("otter", cells)))
    assert result.score == 3 and not result.cell_errors


def test_student_exception_type_reaches_the_test(tiny_grader, write_notebook):
    cells = [HONEST[0], "def square(x):\n    raise ValueError('negative input')"]
    result = tiny_grader.grade(Submission("raises", write_notebook("raises", cells)))
    message = result.questions[0].tests[0].message
    assert "ValueError" in message and "negative input" in message


def test_invalid_json_becomes_an_invalid_result(tiny_grader, tmp_path):
    path = tmp_path / "broken.ipynb"
    path.write_text('{"cells": [', encoding="utf-8")
    result = tiny_grader.grade(Submission("broken", path))
    assert result.status == "invalid" and "not valid notebook JSON" in result.message
    assert result.score == 0 and result.possible == 3


def test_same_submission_twice_gives_identical_results(tiny_grader, write_notebook):
    path = write_notebook("twice", [HONEST[0], "def square(x):\n    return np.asarray(x) * 2"])
    first, second = (tiny_grader.grade(Submission("twice", path)) for _ in range(2))
    strip = lambda r: [(t.name, t.passed, t.points, t.message) for q in r.questions for t in q.tests]
    assert strip(first) == strip(second)
    assert first.score == second.score


def test_batch_saves_every_result_and_resume_skips_unchanged(tiny_grader, write_notebook,
                                                               tmp_path):
    good = write_notebook("good", HONEST)
    bad = tmp_path / "bad.ipynb"
    bad.write_text("not json")
    out = tmp_path / "results"
    subs = [Submission("good", good), Submission("bad", bad)]
    results = grade_batch(grader=tiny_grader, submissions=subs, results_dir=out)
    assert [r.status for r in results] == ["invalid", "graded"]
    saved = load_result(out / "good.json")
    assert saved.score == 3 and json.loads((out / "bad.json").read_text())["status"] == "invalid"
    tiny_grader.options.resume = True
    try:
        marker = out / "good.json"
        data = json.loads(marker.read_text())
        data["message"] = "kept from the first run"
        marker.write_text(json.dumps(data))
        again = grade_batch(grader=tiny_grader, submissions=subs, results_dir=out)
    finally:
        tiny_grader.options.resume = False
    assert next(r for r in again if r.student == "good").message == "kept from the first run"
