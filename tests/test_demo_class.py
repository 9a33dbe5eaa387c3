"""The bundled demo classes (hw04, hw02, hw05), graded through the CLI as `make demo` does."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from conftest import ROOT
from persian_text import english_sentences, html_prose, markdown_prose


@pytest.fixture(scope="module")
def demo(built_copy, tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    proc = subprocess.run(
        [sys.executable, "-m", "autograder", "--root", str(built_copy.root), "grade", "hw04",
         str(ROOT / "assignments" / "hw04" / "demo_class"), "-o", str(out), "--timeout", "20",
         "--workers", "2", "--quiet", "--lang", "fa"], capture_output=True, text=True,
        timeout=900)
    assert proc.returncode == 0, proc.stderr
    return out, pd.read_csv(out / "grades.csv").set_index("student")


@pytest.mark.slow
def test_demo_class_grades(demo):
    out, grades = demo
    expected = {"sara_full_marks": ("graded", 30), "shirin_otter_export": ("graded", 30),
                "nima_blank": ("graded", 0), "leila_raises_everywhere": ("graded", 0),
                "dariush_sys_exit": ("graded", 30), "hamid_prints_megabytes": ("graded", 30),
                "zahra_uses_keras": ("graded", 30), "parisa_invalid_json": ("invalid", 0),
                "babak_wrong_file": ("invalid", 0)}
    for student, (status, score) in expected.items():
        assert (grades.loc[student, "status"], grades.loc[student, "score"]) == (status, score), student
    assert grades.loc["omid_infinite_loop", "status"] == "timeout"
    assert 0 < grades.loc["omid_infinite_loop", "score"] < 30
    assert grades.loc["kaveh_allclose_cheat", "q1"] == 0
    assert grades.loc["maryam_leaky_pipeline", "q5"] < 8 and grades.loc["maryam_leaky_pipeline", "q1"] == 8
    assert grades.loc["ali_ignores_dilation", "q3"] < 8
    assert len(list((out / "results").glob("*.json"))) == len(grades) == 14


@pytest.mark.slow
def test_demo_feedback_never_shows_hidden_tests(demo, built_copy):
    out, _ = demo
    hidden_sources = [p.read_text() for p in
                      (built_copy.build_dir("hw04") / "dist" / "autograder" / "tests").glob("*.py")]
    snippets = {line.strip() for src in hidden_sources for line in src.splitlines()
                if len(line.strip()) > 30 and not line.strip().startswith(("assert", "@", "#"))}
    for feedback in (out / "feedback").glob("*.md"):
        text = feedback.read_text()
        assert "from solutions" not in text
        leaked = [s for s in snippets if s in text]
        assert not leaked, (feedback.name, leaked[:3])
    result = json.loads((out / "results" / "kaveh_allclose_cheat.json").read_text())
    assert result["protections"]["rlimits"] is True


def _mistakes(out, student) -> set[str]:
    result = json.loads((out / "results" / f"{student}.json").read_text())
    return {t["mistake"]["id"] for q in result["questions"] for t in q["tests"]
            if t.get("mistake")}


@pytest.mark.slow
def test_demo_mistakes_are_named_in_feedback_and_counted_in_the_summary(demo):
    out, _ = demo
    assert _mistakes(out, "reza_partial") == {"q1_unbiased_variance", "q4_lstm_without_biases"}
    assert _mistakes(out, "ali_ignores_dilation") == {"q3_ignores_dilation"}
    assert _mistakes(out, "maryam_leaky_pipeline") == {"q5_scaler_on_all_rows"}
    for student in ("sara_full_marks", "nima_blank", "leila_raises_everywhere", "zahra_uses_keras"):
        assert _mistakes(out, student) == set(), student
    reza = (out / "feedback" / "reza_partial.md").read_text("utf-8")
    result = json.loads((out / "results" / "reza_partial.json").read_text())
    explained = {t["mistake"]["explanation_en"] for q in result["questions"] for t in q["tests"]
                 if t.get("mistake")}  # the feedback is Persian here (--lang fa)
    assert any("divides by N - 1; batch normalization uses the biased variance" in e
               for e in explained), explained
    assert "اشتباه شناخته‌شده، **واریانس تقسیم بر N - 1**" in reza
    summary = (out / "summary.md").read_text("utf-8")
    mistakes = summary.split("## Named mistakes", 1)[1].split("\n## ", 1)[0]
    assert "(`q1_unbiased_variance`), q1; students: 1 (reza_partial)" in mistakes
    assert "(`q4_lstm_without_biases`), q4; students: 1 (reza_partial)" in mistakes
    assert "| q1 | `bn_random_batches` | hidden |" in summary
    identical = summary.split("## Identical submissions", 1)[1].split("\n## ", 1)[0]
    assert "- sara_full_marks, shirin_otter_export" in identical  # the same notebook, zipped
    html = (out / "summary.html").read_text("utf-8")
    assert 'id="mistake-q1_unbiased_variance"' in html


@pytest.fixture(scope="module")
def demo_hw02(built_copy, tmp_path_factory):
    out = tmp_path_factory.mktemp("demo") / "hw02"
    proc = subprocess.run(
        [sys.executable, "-m", "autograder", "--root", str(built_copy.root), "grade", "hw02",
         str(ROOT / "assignments" / "hw02" / "demo_class"), "-o", str(out), "--timeout", "10",
         "--quiet", "--lang", "fa"], capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr
    return out


@pytest.mark.slow
def test_second_demo_class_hw02(demo_hw02):
    grades = pd.read_csv(demo_hw02 / "grades.csv").set_index("student")
    assert grades.loc["arash_full_marks", "score"] == grades.loc["arash_full_marks", "possible"]
    assert grades.loc["bahar_blank", "score"] == 0
    assert grades.loc["farhad_sleeps_forever", "status"] == "timeout"
    for student in ("camran_transposed_kernel", "donya_gate_order", "elham_cook_backwards"):
        assert 0 < grades.loc[student, "score"] < grades.loc[student, "possible"], student
    assert _mistakes(demo_hw02, "camran_transposed_kernel") == {"q1_recurrent_kernel_transposed"}
    assert _mistakes(demo_hw02, "donya_gate_order") == {"q3_gate_order_ifoc"}
    assert _mistakes(demo_hw02, "elham_cook_backwards") == {"q5_rainy_cycle_backwards"}
    assert _mistakes(demo_hw02, "arash_full_marks") == _mistakes(demo_hw02, "bahar_blank") == set()
    summary = (demo_hw02 / "summary.md").read_text("utf-8")
    assert "(`q3_gate_order_ifoc`), q3; students: 1 (donya_gate_order)" in summary
    identical = summary.split("## Identical submissions", 1)[1].split("\n## ", 1)[0]
    assert "- arash_full_marks, golnaz_copy_of_arash" in identical
    assert "bahar" not in identical  # blank submissions are nobody's copy


@pytest.fixture(scope="module")
def demo_hw05(built_copy, tmp_path_factory):
    out = tmp_path_factory.mktemp("demo") / "hw05"
    proc = subprocess.run(
        [sys.executable, "-m", "autograder", "--root", str(built_copy.root), "grade", "hw05",
         str(ROOT / "assignments" / "hw05" / "demo_class"), "-o", str(out), "--timeout", "60",
         "--quiet", "--lang", "fa"], capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr
    return out


@pytest.mark.slow
def test_third_demo_class_hw05(demo_hw05):
    grades = pd.read_csv(demo_hw05 / "grades.csv").set_index("student")
    expected = {"sara_full_marks": 31, "shirin_otter_export": 31, "reza_partial": 25,
                "ali_shared_units": 26, "kaveh_allclose_cheat": 24,
                "leila_raises_everywhere": 0, "nima_blank": 0}
    assert grades["score"].to_dict() == expected
    assert set(grades["status"]) == {"graded"}
    assert (grades["possible"] == 31).all()
    assert grades.loc["kaveh_allclose_cheat", ["q6", "q7"]].tolist() == [1, 0]  # faked allclose
    # no demo answer equals a mutant's: reza's VGG16 count also drops the Dense biases (the
    # mutant q4_vgg_without_biases drops the convolutions' only); q1 and q3 return Keras models
    for student in expected:
        assert _mistakes(demo_hw05, student) == set(), student


@pytest.mark.slow
@pytest.mark.parametrize("which", ["hw04", "hw02", "hw05"])
def test_persian_feedback_has_no_english_sentence_outside_code(which, request):
    """Issue 15's bar: a Persian student reads every demo feedback in Persian; English stays
    only inside code (identifiers, formulas, exception texts, tracebacks)."""
    out = {"hw04": lambda: request.getfixturevalue("demo")[0],
           "hw02": lambda: request.getfixturevalue("demo_hw02"),
           "hw05": lambda: request.getfixturevalue("demo_hw05")}[which]()
    pages = sorted((out / "feedback").glob("*.md"))
    assert len(pages) >= 7
    found = {}
    for page in pages:
        html = page.with_suffix(".html").read_text(encoding="utf-8")
        sentences = (english_sentences(markdown_prose(page.read_text(encoding="utf-8")))
                     + english_sentences(html_prose(html)))
        if sentences:
            found[page.stem] = sentences[:5]
    assert not found, found
    failing = out / "feedback" / ("bahar_blank.md" if which == "hw02" else "nima_blank.md")
    text = failing.read_text(encoding="utf-8")
    assert "آزمون‌های ناموفق" in text and "توجه:" in text  # explained, and in Persian
