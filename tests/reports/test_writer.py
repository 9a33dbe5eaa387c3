"""Reports written from hand-built results: gradebook values, feedback wording, summary numbers."""

from __future__ import annotations

import pandas as pd
import pytest

from autograder.project import QuestionInfo
from autograder.reports.writer import write_reports
from autograder.results import CellError, QuestionResult, SubmissionResult
from autograder.results import TestResult as _TestResult  # not a pytest class

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
SECRET_SOURCE = "assert np.allclose(rnn_step(x, h), expected_h)"
PERSIAN = "علی رضایی"

QUESTIONS = [QuestionInfo("q1", 2, False), QuestionInfo("q2", 3, False),
             QuestionInfo("q3", 5, True)]


def _test(name, passed, points, possible, message="", hidden=False):
    return _TestResult(name=name, passed=passed, points=points, possible=possible,
                      hidden=hidden, message=message)


def _q1(points):
    return QuestionResult("q1", 2, points, tests=[_test("q1 - 1", points == 2, points, 2,
                                                        "" if points == 2 else "q1 is wrong")])


Q2_MESSAGE = ("rnn_step returned shape (3,) but (3, 4) was expected | check\n"
              "fa: `rnn_step` شکل (3,) را برگرداند، ولی (3, 4) لازم بود | بررسی کنید")


def _q2(passed: int, message=Q2_MESSAGE):
    tests = [_test(f"q2 - {i + 1}", i < passed, 1.0 if i < passed else 0.0, 1,
                   "" if i < passed else message, hidden=i == 2) for i in range(3)]
    return QuestionResult("q2", 3, float(passed), tests=tests)


def _q3(points=None):
    return QuestionResult("q3", 5, points, manual=True)


def _result(student, status="graded", questions=(), message="", **kw):
    qs = list(questions)
    score = sum(q.points or 0 for q in qs if not q.manual)
    possible = sum(q.possible for q in qs if not q.manual)
    return SubmissionResult(student=student, assignment="hw04", source=f"{student}.ipynb",
                            status=status, message=message, score=score, possible=possible,
                            manual_possible=5 if qs else 0, questions=qs, **kw)


@pytest.fixture
def results():
    long_tb = "\n".join(["Traceback (most recent call last):"]
                        + [f'  File "x.py", line {i}, in f{i}' for i in range(40)]
                        + ["\x1b[0;31mNameError\x1b[0m: name 'np' is not defined"])
    return [
        _result("alice", questions=[_q1(2), _q2(3), _q3(4)]),
        _result("bob", questions=[_q1(2), _q2(1), _q3()],
                cell_errors=[CellError(3, "NameError: name 'np' is not defined", long_tb)]),
        _result("carol", "timeout", [_q1(2), _q2(0), _q3()],
                message="no answer within 600 s while running the notebook"),
        _result("dave", "error", message="sandbox killed: memory limit of 2048 MB exceeded"),
        _result("erin", "invalid", message="file is not valid JSON (line 1, column 1)"),
        _result(PERSIAN, questions=[_q1(1.5), _q2(2), _q3()]),
        _result("frank lee", questions=[_q1(2), _q2(3), _q3()]),
    ]


@pytest.fixture
def out(tmp_path, results):
    write_reports(results=results, out_dir=tmp_path, assignment="hw04", questions=QUESTIONS)
    return tmp_path


def _feedback(out, student):
    return (out / "feedback" / f"{student}.md").read_text(encoding="utf-8")


def test_grades_csv_columns_and_values(out):
    df = pd.read_csv(out / "grades.csv", encoding="utf-8")
    assert list(df.columns) == ["student", "status", "score", "possible", "percent",
                                "q1", "q2", "q3", "manual_pending", "message"]
    assert list(df["student"]) == sorted(df["student"])
    rows = df.set_index("student")
    assert rows.loc["alice", "score"] == 5 and rows.loc["alice", "percent"] == 100
    assert rows.loc["alice", "q3"] == 4 and pd.isna(rows.loc["alice", "manual_pending"])
    assert rows.loc["bob", "q2"] == 1 and rows.loc["bob", "percent"] == 60
    assert pd.isna(rows.loc["bob", "q3"]) and rows.loc["bob", "manual_pending"] == "q3"
    assert rows.loc["carol", "status"] == "timeout" and rows.loc["carol", "q1"] == 2
    # Invalid files never loaded the tests: they earn 0 of the assignment's auto points.
    assert rows.loc["erin", "possible"] == 5 and rows.loc["erin", "q1"] == 0
    assert pd.isna(rows.loc["erin", "q3"])
    assert rows.loc["erin", "message"] == "file is not valid JSON (line 1, column 1)"
    assert rows.loc[PERSIAN, "q1"] == 1.5 and rows.loc[PERSIAN, "score"] == 3.5
    assert rows.loc[PERSIAN, "percent"] == 70 and rows.loc["frank lee", "score"] == 5


def test_numbers_are_compact(out):
    text = (out / "grades.csv").read_text(encoding="utf-8")
    assert "5.0" not in text and ",5,5,100," in text


def test_partial_feedback_shows_failing_messages_without_source(out):
    text = _feedback(out, "bob")
    assert "rnn_step returned shape (3,) but (3, 4) was expected" in text
    assert "`q2 - 2`" in text and "(hidden)" in text
    assert "**Score:** 3 / 5 (60%)" in text
    assert "| q2 | 1 | 3 | 2 of 3 tests failed |" in text
    assert "| q3 (manual) | — | 5 | awaiting manual grading |" in text
    assert "Code cell 3: `NameError: name 'np' is not defined`" in text
    assert SECRET_SOURCE not in text and "assert " not in text
    assert "\x1b" not in text and "lines omitted" in text
    block = text.split("```text", 1)[1].split("```", 1)[0].strip().splitlines()
    assert len(block) <= 15 and "NameError" in block[-1]
    assert "restart the kernel" in text


def test_full_marks_feedback(out):
    text = _feedback(out, "alice")
    assert "**Score:** 5 / 5 (100%)" in text and "Failing tests" not in text
    assert "| q3 (manual) | 4 | 5 | graded by the course staff |" in text
    assert "Well done" in text


def test_status_explanations(out):
    assert "Time limit (600 seconds) reached" in _feedback(out, "carol")
    assert "no answer within 600 s while running the notebook" in _feedback(out, "carol")
    assert "ran out of memory" in _feedback(out, "dave")
    erin = _feedback(out, "erin")
    assert "not a gradable notebook: file is not valid JSON" in erin
    assert "No question could be graded." in erin


def test_timeout_limit_from_argument(tmp_path):
    result = _result("x", "timeout", [_q1(0)], message="the notebook was stopped")
    write_reports(results=[result], out_dir=tmp_path, assignment="hw04", questions=QUESTIONS,
                  timeout_seconds=300)
    assert "Time limit (300 seconds) reached" in _feedback(tmp_path, "x")


def test_unicode_and_spaces_in_file_names(out):
    assert PERSIAN in _feedback(out, PERSIAN)
    assert (out / "feedback" / "frank lee.md").exists()


def test_unsafe_student_id_stays_in_feedback_dir(tmp_path):
    results = [_result("../evil"), _result("..\\evil")]
    write_reports(results=results, out_dir=tmp_path / "r", assignment="a", questions=[])
    assert not (tmp_path / "evil.md").exists() and not (tmp_path / "evil.html").exists()
    names = sorted(p.name for p in (tmp_path / "r" / "feedback").iterdir())
    assert names == ["_evil-2.html", "_evil-2.md", "_evil.html", "_evil.md"]


def test_summary_counts_and_question_means(out):
    text = (out / "summary.md").read_text(encoding="utf-8")
    assert "7 submissions." in text
    for status, count in [("graded", 4), ("timeout", 1), ("error", 1), ("invalid", 1)]:
        assert f"| {status} | {count} |" in text
    # q1: 2,2,2,0,0,2,1.5 -> mean 9.5/7; q2: 3,1,0,0,0,3,2 -> 9/7; q3: only alice graded.
    assert "| q1 | 1.36 | 2 | 67.86% | 57.14% | 0 |" in text
    assert "| q2 | 1.29 | 3 | 42.86% | 28.57% | 0 |" in text
    assert "| q3 (manual) | 4 | 5 | 80% | 0% | 4 |" in text
    assert "- **carol**: no answer within 600 s" in text
    assert "- **dave**: sandbox killed: memory limit" in text
    assert "- **erin**: file is not valid JSON" in text
    assert f"- **q3**: 4 submissions (bob, carol, frank lee, {PERSIAN})" in text
    assert "![Histogram of percentage scores](summary_scores.png)" in text
    assert "summary_questions.png" in text and "summary_pass_rates.png" in text


def test_summary_histogram_and_score_stats(out):
    text = (out / "summary.md").read_text(encoding="utf-8")
    # Percentages: alice 100, bob 60, carol 40, dave 0, erin 0, Persian 70, frank 100.
    assert "| points, all submissions | 7 | 2.64 | 3 | 0 | 5 |" in text
    assert "| percent, all submissions | 7 | 52.86% | 60% | 0% | 100% |" in text
    assert "| percent, graded only | 4 | 82.5% | 85% | 60% | 100% |" in text
    hist = {line.split("|")[0].strip(): line.rsplit(" ", 1)[-1]
            for line in text.splitlines() if "% |" in line and "–" in line}
    assert hist["0–10%"] == "2" and hist["90–100%"] == "2" and hist["20–30%"] == "0"
    assert hist["70–80%"] == "1"


def test_plots_are_valid_pngs(out):
    for name in ("summary_scores.png", "summary_questions.png", "summary_pass_rates.png"):
        data = (out / name).read_bytes()
        assert data.startswith(PNG_MAGIC) and len(data) > 2000


def test_markdown_table_cells_are_escaped(tmp_path):
    q = QuestionResult("a|b", 1, 0.0, tests=[_test("t", False, 0, 1, "line one\nline | two")])
    result = _result("x", questions=[q], message="note")
    write_reports(results=[result], out_dir=tmp_path, assignment="hw", questions=[])
    text = _feedback(tmp_path, "x")
    assert "| a\\|b | 0 | 1 | 1 of 1 tests failed |" in text
    assert "line one\n  line | two" in text


def test_zero_results(tmp_path):
    write_reports(results=[], out_dir=tmp_path, assignment="hw04", questions=QUESTIONS)
    assert "No submissions." in (tmp_path / "summary.md").read_text(encoding="utf-8")
    df = pd.read_csv(tmp_path / "grades.csv")
    assert len(df) == 0 and "q3" in df.columns
    assert not (tmp_path / "summary_scores.png").exists()


def test_all_invalid_and_no_possible_points(tmp_path):
    results = [_result("a", "invalid", message="not a notebook"), _result("b", "invalid")]
    write_reports(results=results, out_dir=tmp_path, assignment="hw", questions=[])
    df = pd.read_csv(tmp_path / "grades.csv", keep_default_na=False)
    assert list(df["percent"]) == ["", ""]
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "| invalid | 2 |" in summary and "### invalid (2)" in summary
    assert "**Score:** 0 / 0 (n/a)" in _feedback(tmp_path, "a")
    assert "no details were recorded" in _feedback(tmp_path, "b")
    assert not (tmp_path / "summary_scores.png").exists()


# --- Languages -----------------------------------------------------------------------------------

def test_default_feedback_is_english_then_persian(out):
    text = _feedback(out, "bob")
    english, persian = text.split('<div dir="rtl" lang="fa">')
    assert "# Feedback: hw04" in english and "بازخورد" not in english
    assert "rnn_step returned shape (3,)" in english and "fa:" not in english
    assert persian.strip().endswith("</div>") and "# بازخورد تمرین hw04" in persian
    assert "**نمره:** 3 از 5 (60%)" in persian
    assert "| q3 (دستی) | — | 5 | در انتظار تصحیح دستی |" in persian
    # Each section shows its own language of the test's message.
    assert ("- **q2**، آزمون `q2 - 2`، `q2 - 3` (پنهان): `rnn_step` شکل (3,) را برگرداند"
            in persian) and "returned shape" not in persian
    assert "سلول کد شمارهٔ 3: `NameError: name 'np' is not defined`" in persian
    assert "آزمون‌های پنهان" in persian
    assert "\u200c" in persian  # zero-width non-joiner, as Persian spelling needs


def test_english_only_and_persian_only(tmp_path, results):
    write_reports(results=results, out_dir=tmp_path / "en", assignment="hw04",
                  questions=QUESTIONS, lang="en")
    english = _feedback(tmp_path / "en", "carol")
    assert "Time limit (600 seconds) reached" in english
    assert 'dir="rtl"' not in english and "بازخورد" not in english
    write_reports(results=results, out_dir=tmp_path / "fa", assignment="hw04",
                  questions=QUESTIONS, lang="fa")
    persian = _feedback(tmp_path / "fa", "carol")
    assert persian.startswith('<div dir="rtl" lang="fa">') and "Time limit" not in persian
    assert ("مهلت زمانی (600 ثانیه) تمام نشد: هنگام اجرای دفترچه در `600` ثانیه پاسخی نیامد"
            in persian) and "no answer" not in persian
    assert "فایل شما تصحیح نشد" in _feedback(tmp_path / "fa", "erin")
    assert "آفرین" in _feedback(tmp_path / "fa", "alice")
    assert (tmp_path / "fa" / "summary.md").read_text(encoding="utf-8").startswith("# Summary")


def test_unknown_language_is_refused(tmp_path, results):
    with pytest.raises(ValueError, match="fa, en or both"):
        write_reports(results=results, out_dir=tmp_path, assignment="hw04", questions=QUESTIONS,
                      lang="de")


def test_persian_messages_match_the_english_ones():
    import string

    from autograder.reports.messages import MESSAGES
    from autograder.reports.messages_fa import MESSAGES_FA

    def fields(text):
        return sorted(f for _, f, _, _ in string.Formatter().parse(text) if f)

    feedback_keys = [k for k in MESSAGES if not k.startswith(("sum_", "plot_"))
                     and k not in ("col_status", "col_count", "col_scores", "col_submissions",
                                   "col_mean", "col_median", "col_min", "col_max",
                                   "col_mean_points", "col_mean_percent", "col_pass_rate",
                                   "col_pending", "col_feedback")]
    assert sorted(MESSAGES_FA) == sorted(feedback_keys)
    for key, text in MESSAGES_FA.items():
        assert fields(text) == fields(MESSAGES[key]), key


def test_hints_name_what_to_do(out):
    bob = _feedback(out, "bob").split('<div dir="rtl"')[0]
    assert "Hidden tests check cases" in bob and "fix the first error first" in bob
    alice = _feedback(out, "alice").split('<div dir="rtl"')[0]
    assert "Hidden tests" not in alice and "fix the first error" not in alice


def test_only_hidden_tests_are_marked_hidden_in_a_group_that_mixes_them(tmp_path):
    """Tests failing with the same message are listed together; a public test among them must
    not be called hidden (students can run it themselves)."""
    mixed = QuestionResult("q2", 3, 0.0, tests=[
        _test("secret", False, 0, 1, "wrong shape", hidden=True),
        _test("public", False, 0, 1, "wrong shape"),
        _test("secret_a", False, 0, 1, "wrong values", hidden=True),
        _test("secret_b", False, 0, 1, "wrong values", hidden=True)])
    write_reports(results=[_result("dana", questions=[_q1(2), mixed])], out_dir=tmp_path,
                  assignment="hw04", questions=QUESTIONS, lang="en")
    text = (tmp_path / "feedback" / "dana.md").read_text(encoding="utf-8")
    assert "test `secret` (hidden), `public`: wrong shape" in text
    assert "test `secret_a`, `secret_b` (hidden): wrong values" in text
    html = (tmp_path / "feedback" / "dana.html").read_text(encoding="utf-8")
    assert "public</code> (hidden)" not in html and "secret</code> (hidden)" in html
