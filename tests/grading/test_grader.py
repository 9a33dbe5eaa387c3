"""Grading one submission of the tiny assignment through the real sandbox and judge."""

from __future__ import annotations

import json

from autograder.grading.saving import grade_batch
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


# ------------------------------------------------------------------ a batch that always finishes


def test_a_result_that_cannot_be_saved_becomes_an_error_result_and_the_batch_goes_on(
        tiny_grader, write_notebook, tmp_path, monkeypatch):
    from autograder.grading import saving as grader_module

    real_save = grader_module.save_result

    def failing_save(result, results_dir):
        if result.student == "first" and result.status == "graded":
            raise OSError(28, "No space left on device")
        return real_save(result, results_dir)

    monkeypatch.setattr(grader_module, "save_result", failing_save)
    subs = [Submission(name, write_notebook(name, HONEST)) for name in ("first", "second")]
    out = tmp_path / "results"
    results = {r.student: r for r in grade_batch(grader=tiny_grader, submissions=subs,
                                                 results_dir=out)}
    assert results["second"].score == 3 and load_result(out / "second.json").score == 3
    assert results["first"].status == "error" and "could not be saved" in results["first"].message
    assert "No space left" in load_result(out / "first.json").message
    assert load_result(out / "first.json").submission_sha256 == ""  # --resume grades it again


def test_when_even_the_error_result_cannot_be_saved_a_problem_is_logged(tiny_grader,
                                                                        write_notebook, tmp_path,
                                                                        monkeypatch):
    from autograder.grading import saving as grader_module

    def failing_save(result, results_dir):
        raise UnicodeEncodeError("utf-8", "\udc80", 0, 1, "surrogates not allowed")

    monkeypatch.setattr(grader_module, "save_result", failing_save)
    out = tmp_path / "results"
    out.mkdir()
    results = grade_batch(grader=tiny_grader, submissions=[
        Submission("only", write_notebook("only", HONEST))], results_dir=out)
    assert results[0].status == "error"
    log = (out / "problems.log").read_text("utf-8")
    assert log.startswith("only: result not saved") and "surrogates" in log


def test_resume_regrades_a_damaged_results_file(tiny_grader, write_notebook, tmp_path):
    out = tmp_path / "results"
    out.mkdir()
    (out / "good.json").write_bytes(b'{"student": "good", "status": "gra')  # cut off mid-write
    (out / "odd.json").write_text('{"student": "odd", "questions": 5}')
    subs = [Submission("good", write_notebook("good", HONEST)),
            Submission("odd", write_notebook("odd", HONEST))]
    tiny_grader.options.resume = True
    try:
        results = grade_batch(grader=tiny_grader, submissions=subs, results_dir=out)
    finally:
        tiny_grader.options.resume = False
    assert [r.score for r in results] == [3, 3]
    assert load_result(out / "good.json").score == 3


def test_surrogates_and_control_characters_from_the_sandbox_are_cleaned(tiny_grader,
                                                                        write_notebook):
    path = write_notebook("hostile", [
        HONEST[0], "raise ValueError('cell \\udc80 \\x1b[31m')",
        "def square(x):\n    raise ValueError('call \\ud800\\x00\\x07')", HONEST[2]])
    result = tiny_grader.grade(Submission("hostile", path))
    assert result.status == "graded" and result.score == 1
    texts = [result.cell_errors[0].error, result.cell_errors[0].traceback,
             *(t.message for q in result.questions for t in q.tests)]
    for text in texts:
        text.encode("utf-8")
        assert not any(ch in text for ch in "\x00\x07\x1b")
    assert "cell \ufffd" in result.cell_errors[0].error


def test_the_default_submission_limit_covers_notebook_and_tests(tiny_grader):
    options = tiny_grader.options
    assert options.submission_timeout is None
    tests = 3  # tiny: two q1 cases and one q2 case
    assert tiny_grader.submission_seconds() == options.timeout + tests * (
        options.test_timeout + 3) + 120


def test_the_submission_limit_ends_it_as_timeout_and_keeps_what_it_earned(tiny_project,
                                                                         write_notebook):
    from autograder.grading.bundle import load_bundle
    from autograder.grading.grader import Grader, GradeOptions
    from autograder.sandbox.launcher import SandboxLimits

    grader = Grader(load_bundle(project=tiny_project, name="tiny"),
                    GradeOptions(workers=1, timeout=30, test_timeout=60, submission_timeout=20,
                                 limits=SandboxLimits(memory_mb=1500)))
    path = write_notebook("slow_q2", [HONEST[0], HONEST[1],
                                      "import time\ndef mean_of_column(df, column):\n"
                                      "    time.sleep(10**6)\ndf = None"])
    result = grader.grade(Submission("slow_q2", path))
    assert result.status == "timeout", result.message
    assert "time limit of 20 s" in result.message
    assert result.score == 2  # q1's tests finished before the limit and keep their points
    assert result.duration < 60


def test_an_interrupted_batch_kills_its_sandboxes_and_reports_only_what_finished(
        tiny_project, write_notebook):
    import time

    import pytest

    from autograder.grading.bundle import load_bundle
    from autograder.grading.grader import Grader, GradeOptions, grade_all
    from autograder.sandbox.launcher import SandboxLimits

    grader = Grader(load_bundle(project=tiny_project, name="tiny"),
                    GradeOptions(workers=2, timeout=300, test_timeout=4,
                                 limits=SandboxLimits(memory_mb=1500)))
    quick = write_notebook("quick", HONEST)
    stuck = write_notebook("stuck", [HONEST[0], "while True:\n    pass"])
    subs = [Submission("stuck", stuck), Submission("quick", quick),
            *(Submission(f"queued{i}", quick) for i in range(3))]
    seen = []

    def on_result(result):
        seen.append(result.student)
        raise KeyboardInterrupt  # Ctrl-C while the first result is being handled

    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        grade_all(grader, submissions=subs, on_result=on_result)
    assert time.monotonic() - started < 150  # not the stuck notebook's 300 s
    assert seen == ["quick"]
    assert grader.stop and not grader.grade(Submission("late", quick)).score  # stays stopped


def test_a_notebook_using_ipython_syntax_in_its_answers_scores_full_marks(tiny_grader,
                                                                            write_notebook):
    """display(), `!ls`, `%time`, `%%time`, `%matplotlib inline` and top-level await inside the
    answer cells: Jupyter and otter run them, so the grader must too (the functions defined in
    those cells are what the tests call)."""
    path = write_notebook("jupyter", [
        "%matplotlib inline\nimport numpy as np\nimport pandas as pd",
        "files = !ls data\nprint(files)\n%time squares = [i * i for i in range(3)]\n"
        "def square(x):\n    return np.asarray(x, dtype=float) ** 2\ndisplay(square([1, 2]))",
        "%%time\nimport asyncio\ndf = pd.read_csv('data/numbers.csv')\ndisplay(df.head())\n"
        "def mean_of_column(df, column):\n    return float(df[column].mean())",
        "await asyncio.sleep(0)\nassert 'numbers.csv' in files\nmean_of_column(df, 'a')",
    ])
    result = tiny_grader.grade(Submission("jupyter", path))
    assert result.status == "graded", result.message
    assert result.cell_errors == [], result.cell_errors
    assert (result.score, result.possible) == (3, 3)


def test_a_sandbox_stuck_in_one_test_is_replaced_for_the_questions_after_it(tiny_grader,
                                                                           write_notebook):
    swallow = ("import time\ndef square(x):\n    while True:\n        try:\n"
               "            time.sleep(100)\n        except BaseException:\n            pass")
    path = write_notebook("stuck", [HONEST[0], swallow, HONEST[2]])
    result = tiny_grader.grade(Submission("stuck", path))
    points = {q.name: q.points for q in result.questions}
    assert result.status == "graded" and points["q2"] == 1.0 and points["q1"] == 0.0
    assert "stopped answering during q1" in result.message
    assert "a fresh process ran the notebook again" in result.message
    assert [q.name for q in result.questions] == ["q1", "q2", "q3"]  # each once, in order
    q1 = [t for q in result.questions if q.name == "q1" for t in q.tests]
    assert any("did not finish" in t.message for t in q1)


def test_without_a_fresh_sandbox_the_questions_after_a_stuck_test_are_lost(
        tiny_grader, write_notebook, monkeypatch):
    from autograder.grading import grader as grading

    monkeypatch.setattr(grading, "SANDBOX_RESTARTS", 0)  # the limit: no more fresh sandboxes
    swallow = ("import time\ndef square(x):\n    while True:\n        try:\n"
               "            time.sleep(100)\n        except BaseException:\n            pass")
    path = write_notebook("stuck_once", [HONEST[0], swallow, HONEST[2]])
    result = tiny_grader.grade(Submission("stuck_once", path))
    assert result.score == 0.0 and "fresh process" not in result.message
    q2 = [t for q in result.questions if q.name == "q2" for t in q.tests]
    assert q2 and all("stopped answering" in t.message for t in q2)
