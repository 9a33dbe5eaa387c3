"""The summary's teaching part and the feedback's named mistakes, from hand-built results."""

from __future__ import annotations

import json

import pytest

from autograder.project import QuestionInfo
from autograder.reports.writer import write_reports
from autograder.results import NamedMistake, QuestionResult, SubmissionResult, load_result
from autograder.results import TestResult as _TestResult  # not a pytest class

QUESTIONS = [QuestionInfo("q1", 3, False)]
UNBIASED = NamedMistake("q1_unbiased_variance", "variance divided by N - 1",
                        "واریانس تقسیم بر N - 1",
                        "Your variance divides by N - 1; use the biased variance (`ddof=0`).",
                        "واریانس شما بر N - 1 تقسیم می‌شود؛ از واریانس اریب استفاده کنید.")
SHORTCUT = NamedMistake("q1_shortcut_variance", "variance as E[x^2] - E[x]^2", "میان‌بر",
                        "Subtract the mean first.", "اول میانگین را کم کنید.")


def _result(student, *, failing=(), code=None, messages=None):
    """Three tests of q1: `public` (public), `random` and `large` (hidden); ``failing`` maps the
    failing tests' names to their named mistake (or None)."""
    failing = dict(failing)
    tests = [_TestResult(name, name not in failing, 0.0 if name in failing else 1.0, 1.0,
                         name != "public",
                         (messages or {}).get(name, "wrong values") if name in failing else "",
                         mistake=failing.get(name))
             for name in ("public", "random", "large")]
    points = sum(t.points for t in tests)
    return SubmissionResult(student=student, assignment="hw04", source=f"{student}.ipynb",
                            status="graded", score=points, possible=3.0,
                            questions=[QuestionResult("q1", 3.0, points, tests=tests)],
                            code=code or {})


def _code(digest, hashes):
    return {"sha256": digest, "hashes": hashes, "tokens": 1000}


@pytest.fixture
def out(tmp_path):
    shared = list(range(100))
    results = [
        _result("ali", failing={"random": UNBIASED, "large": UNBIASED},
                code=_code("a1", shared), messages={"large": "wrong for large values"}),
        _result("babak", failing={"random": UNBIASED}, code=_code("a1", shared)),  # = ali's
        _result("cyrus", failing={"large": SHORTCUT, "public": None},
                code=_code("c3", shared[:90] + list(range(500, 510)))),  # 90% like ali's
        _result("dina", code=_code("d4", list(range(1000, 1100)))),
        _result("elham", failing={"large": None}, code=_code("e5", shared[:30] + list(
            range(2000, 2070)))),  # 30%: not unusual
        _result("farid", failing={"random": None, "large": None}),  # no fingerprints saved
    ]
    write_reports(results=results, out_dir=tmp_path, assignment="hw04", questions=QUESTIONS,
                  lang="both")
    return tmp_path


def test_results_keep_the_named_mistake_and_the_fingerprints(tmp_path):
    from autograder.results import save_result

    result = _result("ali", failing={"random": UNBIASED}, code=_code("a1", [1, 2]))
    loaded = load_result(save_result(result, tmp_path))
    assert loaded.questions[0].tests[1].mistake == UNBIASED
    assert loaded.questions[0].tests[0].mistake is None and loaded.code == result.code
    old = json.loads((tmp_path / "ali.json").read_text())
    old.pop("code")
    for test in old["questions"][0]["tests"]:
        test.pop("mistake")
    (tmp_path / "old.json").write_text(json.dumps(old))
    assert load_result(tmp_path / "old.json").questions[0].tests[1].mistake is None


def test_feedback_names_the_mistake_in_each_language(out):
    text = (out / "feedback" / "ali.md").read_text("utf-8")
    english, persian = text.split('<div dir="rtl"')
    assert "Known mistake, **variance divided by N - 1**: Your variance divides by N - 1" in english
    assert english.count("Known mistake") == 1  # two tests, one mistake: said once
    assert "اشتباه شناخته‌شده، **واریانس تقسیم بر N - 1**: واریانس شما بر N - 1" in persian
    html = (out / "feedback" / "ali.html").read_text("utf-8")
    assert '<li class="mistake">' in html and "<strong>variance divided by N - 1</strong>" in html
    assert '<code dir="ltr">ddof=0</code>' in html
    assert "Known mistake" not in (out / "feedback" / "dina.md").read_text("utf-8")
    assert "Known mistake" not in (out / "feedback" / "elham.md").read_text("utf-8")


def test_summary_counts_mistakes_per_student(out):
    summary = (out / "summary.md").read_text("utf-8")
    section = summary.split("## Named mistakes", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("- ")]
    assert rows == [
        "- **variance divided by N - 1** (`q1_unbiased_variance`), q1; students: 2 (ali, babak). "
        "Your variance divides by N - 1; use the biased variance (`ddof=0`).",
        "- **variance as E[x^2] - E[x]^2** (`q1_shortcut_variance`), q1; students: 1 (cyrus). "
        "Subtract the mean first."]
    html = (out / "summary.html").read_text("utf-8")
    assert 'id="mistake-q1_unbiased_variance"' in html
    assert 'use the biased variance (<code dir="ltr">ddof=0</code>)' in html


def test_summary_pass_rate_of_every_test_and_the_hardest_hidden_ones(out):
    summary = (out / "summary.md").read_text("utf-8")
    assert "| q1 | `public` | public | 5 / 6 | 83.33% |" in summary
    assert "| q1 | `random` | hidden | 3 / 6 | 50% |" in summary
    assert "| q1 | `large` | hidden | 2 / 6 | 33.33% |" in summary
    hardest = summary.split("## Hidden tests failed most", 1)[1].split("\n## ", 1)[0]
    items = [line for line in hardest.splitlines() if line.startswith("- ")]
    assert items[0].startswith("- **q1** `large`: failed by 4 of 6 (66.67%)")
    assert "named mistakes: q1_shortcut_variance (1), q1_unbiased_variance (1)" in items[0]
    assert items[1].startswith("- **q1** `random`: failed by 3 of 6 (50%)")
    assert "q1_unbiased_variance (2)" in items[1]
    assert "`public`" not in hardest  # public tests are not hidden


def test_summary_flags_identical_and_similar_submissions(out):
    summary = (out / "summary.md").read_text("utf-8")
    identical = summary.split("## Identical submissions", 1)[1].split("\n## ", 1)[0]
    assert "- ali, babak" in identical
    similar = summary.split("## Unusually similar submissions", 1)[1].split("\n## ", 1)[0]
    pairs = [line for line in similar.splitlines() if line.startswith("| ") and "·" in line]
    assert pairs == ["| ali · cyrus | 90% |", "| babak · cyrus | 90% |"]
    html = (out / "summary.html").read_text("utf-8")
    assert "<bdi>ali</bdi> · <bdi>cyrus</bdi>" in html and "90.0%" in html


def test_gradescope_output_names_the_mistake():
    from autograder.reports.exports import gradescope_result

    data = gradescope_result(result=_result("ali", failing={"random": UNBIASED, "large": None}),
                             lang="en")
    outputs = {t["name"]: t["output"] for t in data["tests"]}
    assert outputs["q1: random"] == ("wrong values\n\nKnown mistake, variance divided by N - 1: Your "
                                     "variance divides by N - 1; use the biased variance "
                                     "(`ddof=0`).")
    assert outputs["q1: large"] == "wrong values"
