"""autograder.results: untrusted text made safe, and results that can always be written."""

from __future__ import annotations

import json

from autograder import results
from autograder.results import (CellError, QuestionResult, SubmissionResult, clean_result,
                                clean_text, load_result, save_result, write_json_atomic)

HOSTILE = "bad \udc80 byte \ud800\x1b[31m red\x00\x07 \r\n\tkept \u200f سلام 🎉"


def hostile_result() -> SubmissionResult:
    test = results.TestResult(name=f"t{HOSTILE}", passed=False, points=0.0, possible=1.0, hidden=True,
                      message=f"calling `f` raised ValueError: {HOSTILE}")
    return SubmissionResult(
        student="s1", assignment="tiny", source="s1.ipynb", status="graded", message=HOSTILE,
        questions=[QuestionResult("q1", 1.0, 0.0, tests=[test])],
        cell_errors=[CellError(1, f"ValueError: {HOSTILE}", HOSTILE * 3)],
        protections={"network": HOSTILE, HOSTILE: [HOSTILE]})


def test_clean_text_replaces_surrogates_and_drops_control_characters():
    text = clean_text(HOSTILE)
    text.encode("utf-8")  # would raise on a lone surrogate
    assert "\ufffd" in text and "\x1b" not in text and "\x00" not in text and "\r" not in text
    assert "\n\tkept" in text and "سلام 🎉" in text and "[31m red" in text


def test_clean_text_caps_the_length_and_says_so():
    assert clean_text("x" * 50, limit=10) == "x" * 10 + "... (40 more characters)"


def test_clean_text_flattens_str_subclasses():
    class Sneaky(str):
        def __str__(self):
            raise RuntimeError("no")

    assert type(clean_text(Sneaky("abc"))) is str


def test_a_hostile_result_is_saved_and_read_back(tmp_path):
    path = save_result(hostile_result(), tmp_path)  # a last line of defence, even uncleaned
    loaded = load_result(path)
    assert loaded.message == clean_text(HOSTILE)
    assert loaded.cell_errors[0].traceback == clean_text(HOSTILE * 3)


def test_clean_result_cleans_every_text_in_place():
    result = clean_result(hostile_result())
    json.dumps(result.to_dict(), ensure_ascii=False).encode("utf-8")
    assert result.questions[0].tests[0].message.endswith(clean_text(HOSTILE))


def test_write_json_atomic_cleans_keys_and_values(tmp_path):
    write_json_atomic(tmp_path / "x.json", {HOSTILE: [HOSTILE, 1, None]})
    data = json.loads((tmp_path / "x.json").read_text("utf-8"))
    assert data == {clean_text(HOSTILE): [clean_text(HOSTILE), 1, None]}
