"""Grade exports (Gradescope, Canvas, Moodle, totals) from saved results."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest

from autograder.errors import ConfigError
from autograder.reports.exports import export, gradescope_result, total_of
from autograder import results as res
from autograder.results import QuestionResult, SubmissionResult, save_result


def make_result(student: str, *, status: str = "graded", q1: float = 2.0,
                manual: float | None = None, message: str = "") -> SubmissionResult:
    """A tiny-shaped result: q1 (two tests, 1 point each), q2 (1 point), q3 manual (2 points)."""
    tests = [res.TestResult("square_small", True, 0.0, 0.0, False, "passed"),
             res.TestResult("square_a", q1 >= 1, min(q1, 1.0), 1.0, True,
                        "passed" if q1 >= 1 else "square is wrong on random 2-D input"),
             res.TestResult("square_b", q1 >= 2, max(q1 - 1, 0.0), 1.0, True, "passed")]
    questions = [QuestionResult("q1", 2.0, q1, tests=tests),
                 QuestionResult("q2", 1.0, 0.0, tests=[]),
                 QuestionResult("q3", 2.0, manual, manual=True)]
    return SubmissionResult(student=student, assignment="tiny", source=f"{student}.ipynb",
                            status=status, message=message, score=q1, possible=3.0,
                            manual_possible=2.0, questions=questions, duration=1.5)


@pytest.fixture
def graded_out(tmp_path):
    out = tmp_path / "out"
    save_result(make_result("ali", q1=2.0, manual=1.5), out / "results")
    save_result(make_result("=cmd", q1=1.0), out / "results")
    save_result(make_result("loop", status="timeout", q1=0.0, message="did not finish"),
                out / "results")
    return out


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_totals_add_merged_manual_points_only():
    total = total_of(make_result("ali", q1=2.0, manual=1.5))
    assert (total.auto, total.manual, total.total, total.possible) == (2.0, 1.5, 3.5, 5.0)
    pending = total_of(make_result("bo", q1=1.0))
    assert pending.total == 1.0 and pending.pending == ["q3"]


def test_gradescope_follows_the_documented_schema(graded_out):
    paths = export(out_dir=graded_out, fmt="gradescope")
    assert sorted(p.name for p in paths) == ["=cmd.json", "ali.json", "loop.json"]
    data = json.loads((graded_out / "gradescope" / "ali.json").read_text())
    assert data["score"] == 3.5
    assert all(set(t) >= {"name", "score", "max_score", "output", "visibility"}
               for t in data["tests"])
    by_name = {t["name"]: t for t in data["tests"]}
    assert by_name["q1: square_a"]["visibility"] == "after_published"
    assert by_name["q1: square_small"]["visibility"] == "visible"
    assert by_name["q3 (manual)"] == {"name": "q3 (manual)", "score": 1.5, "max_score": 2.0,
                                      "output": "graded by a TA", "visibility": "visible"}
    assert by_name["q2"]["max_score"] == 1.0 and by_name["q2"]["score"] == 0.0
    loop = json.loads((graded_out / "gradescope" / "loop.json").read_text())
    assert loop["score"] == 0 and "timeout" in loop["output"] and "did not finish" in loop["output"]


def test_gradescope_leaves_pending_manual_questions_out_of_tests_and_score(graded_out):
    export(out_dir=graded_out, fmt="gradescope")
    pending = json.loads((graded_out / "gradescope" / "=cmd.json").read_text())
    assert [t["name"] for t in pending["tests"]] == ["q1: square_small", "q1: square_a",
                                                      "q1: square_b", "q2"]
    assert pending["score"] == 1.0  # q1's point, nothing for q3
    assert "not in this score yet: q3 (2 points)" in pending["output"]
    assert sum(t["max_score"] for t in pending["tests"]) == 3.0  # the auto-graded points only


def test_gradescope_uses_merged_comments():
    data = gradescope_result(result=make_result("ali", manual=2.0),
                             comments={"q3": "clear and complete"})
    manual = [t for t in data["tests"] if t["name"] == "q3 (manual)"][0]
    assert manual["output"] == "clear and complete" and data["score"] == 4.0


def test_totals_csv_has_total_with_manual(graded_out):
    [path] = export(out_dir=graded_out, fmt="totals")
    rows = {r["student"]: r for r in csv.DictReader(open(path, encoding="utf-8"))}
    assert rows["ali"]["total_with_manual"] == "3.5" and rows["ali"]["score"] == "2"
    assert rows["'=cmd"]["manual_pending"] == "q3"


def test_export_errors_are_config_errors(tmp_path, graded_out):
    with pytest.raises(ConfigError, match="no graded results"):
        export(out_dir=tmp_path, fmt="canvas")
    with pytest.raises(ConfigError, match="unknown export format"):
        export(out_dir=graded_out, fmt="blackboard")


def test_export_command(graded_out):
    proc = subprocess.run([sys.executable, "-m", "autograder", "export", str(graded_out),
                           "--format", "totals"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert (graded_out / "grades_with_manual.csv").is_file()
    assert "grades_with_manual.csv" in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "autograder", "export", str(graded_out),
                           "--format", "blackboard"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2


def test_gradescope_shows_a_two_language_message_in_the_chosen_language():
    result = make_result("ali", q1=1.0)
    failing = result.questions[0].tests[2]
    failing.passed, failing.message = False, ("the mean is taken over all rows\n"
                                              "fa: میانگین روی همهٔ ردیف‌ها گرفته شده است")
    failing.mistake = res.NamedMistake("q1_all_rows", "scaler fitted on all rows",
                                       "اسکیلر روی همهٔ ردیف‌ها برازش شده", "it sees the test rows",
                                       "ردیف‌های آزمون را می‌بیند")

    def output(lang):
        data = gradescope_result(result=result, lang=lang)
        return [t for t in data["tests"] if t["name"] == "q1: square_b"][0]["output"]

    both = output("both")
    assert "fa:" not in both
    assert both.index("the mean is taken") < both.index("میانگین روی") < both.index(
        "Known mistake, scaler fitted on all rows") < both.index("اشتباه شناخته‌شده، اسکیلر")
    assert output("en") == ("the mean is taken over all rows\n\nKnown mistake, scaler fitted on "
                            "all rows: it sees the test rows")
    assert output("fa") == ("میانگین روی همهٔ ردیف‌ها گرفته شده است\n\nاشتباه شناخته‌شده، "
                            "اسکیلر روی همهٔ ردیف‌ها برازش شده: ردیف‌های آزمون را می‌بیند")


def test_a_one_language_message_is_shown_once_in_both():
    from autograder.reports.bilingual import in_language

    assert in_language("square is wrong on random 2-D input", "both") == \
        "square is wrong on random 2-D input"
    assert in_language("a\nfa: ب", "both") == "a\n\nب"
