"""The grader's own messages, produced by the grader's own code, read as Persian sentences.

If a wording in autograder/grading changes, its pattern in autograder/reports/engine_fa.py no
longer matches and these tests say which message was left in English.
"""

from __future__ import annotations

import json
import re
import zipfile

import pytest

from autograder.errors import InvalidSubmission, NameNotDefined
from autograder.grading.intake import Submission, collect_submissions, read_notebook_from_zip
from autograder.grading.judge import describe_frame, protocol_violation, submission_time_message
from autograder.grading.notebook import parse_notebook
from autograder.reports.bilingual import localize
from autograder.reports.engine_fa import translate_engine
from persian_text import english_sentences, markdown_prose

PERSIAN_LETTER = re.compile(r"[\u0600-\u06ff]")


def _invalid(make) -> str:
    with pytest.raises(InvalidSubmission) as caught:
        make()
    return str(caught.value)


def _engine_messages(tmp_path) -> list[str]:
    (tmp_path / "script.py").write_text("print(1)")
    (tmp_path / "two.zip").write_bytes(b"")
    with zipfile.ZipFile(tmp_path / "empty.zip", "w") as archive:
        archive.writestr("notes.txt", "no notebook here")
    return [
        str(NameNotDefined("rnn_step")), str(NameNotDefined("rnn_step", timed_out=True)),
        submission_time_message(300, "calling `rnn_step`"),
        str(protocol_violation("while running cell 3", describe_frame({"id": 7}, 0))),
        _invalid(lambda: parse_notebook(b"{", name="a.ipynb")),
        _invalid(lambda: parse_notebook(b"\xff\xfe\x00", name="a.ipynb")),
        _invalid(lambda: parse_notebook(b"[1, 2]", name="a.ipynb")),
        _invalid(lambda: parse_notebook(json.dumps({"cells": [], "metadata": {"otter": {
            "assignment_name": "hw02"}}}).encode(), name="a.ipynb", assignment="hw04")),
        _invalid(lambda: Submission("s", tmp_path / "script.py").read_notebook()),
        _invalid(lambda: read_notebook_from_zip(tmp_path / "two.zip")),
        _invalid(lambda: read_notebook_from_zip(tmp_path / "empty.zip")),
        # wordings of the sandbox and the grader's run loop (built inside their methods)
        "the notebook did not finish within 30 s (it was still running code cell 4); tests "
        "were run on what the cells before it defined",
        "no answer within 60 s while calling `f`",
        "the notebook's process stopped while running cell 2: it used up its CPU time (SIGXCPU)",
        "the notebook's process stopped while reading `x`: it used more than 2048 MB of memory",
        "calling `f` raised ValueError: bad input",
        "calling `f` did not finish within 60 s",
        "your answer could not be checked (TypeError: 'NoneType' object is not iterable)",
        "voided: the notebook broke the grading protocol",
        "internal grader error (KeyError: 'x'); tell your TA",
        "the notebook printed 1,000,000 characters; only the start was kept",
        "2 submissions found; graded the newest, hw04 (1).ipynb",
        "stopped: the notebook ran out of time",
        "the model has 3,600,660,010 parameters; at most 5,000,000 are accepted here: use the "
        "layer sizes the question asks for",
        "the model could not be rebuilt safely: Could not locate class 'Lambda'",
        "the model's weights do not fit its layers: Layer 'dense' expected 2 variables, but "
        "received 1 variables during loading",
        "expected a Keras model, got dict",
        "the notebook's process stopped answering during q1 (it ignored the interruption at the "
        "time limit); a fresh process ran the notebook again for the questions after it",
        "calling `square` returned a value the grader cannot use: it is too large to send to the "
        "grader (the message is 300,000,000 bytes, over the 268,435,456-byte limit); return a "
        "smaller result",
        "calling `square` returned a value the grader cannot use: it holds 381 MB of array data "
        "and the grader takes at most 255 MB in one value; return a smaller result",
        # judge workers and otter's doctest-style checks (wordings of the scale/otter work)
        "the grader's own work for this test (training your model) did not finish within 120 s, "
        "so the test could not be checked; a smaller model trains faster",
        "the grader's worker process died while training your model (exit code -9); the model "
        "may need more memory than the grader allows",
        "check 2 of 3 gave a different result: `square(3)` should give '9', got '6'",
        "the check raised NameError: name 'square' is not defined",
    ]


def test_every_engine_message_reads_as_persian(tmp_path):
    for message in _engine_messages(tmp_path):
        persian = translate_engine(message)
        prose = markdown_prose(persian)
        assert not english_sentences(prose), (message, persian)
        assert len(PERSIAN_LETTER.findall(prose)) >= 10, (message, persian)


def test_joined_messages_are_translated_part_by_part():
    joined = ("2 submissions found; graded the newest, b.ipynb; the notebook did not finish "
              "within 30 s (it was still running code cell 4); tests were run on what the cells "
              "before it defined")
    persian = translate_engine(joined)
    assert persian.count("؛") >= 2 and "`b.ipynb`" in persian and "`30`" in persian
    assert not english_sentences(markdown_prose(persian))


def test_unknown_wording_stays_as_written():
    assert translate_engine("something new happened here") == "something new happened here"
    assert localize("something new happened here", "en") == "something new happened here"


def test_student_text_is_code_in_persian():
    persian = translate_engine("calling `f` raised ValueError: the `shape` is wrong")
    assert persian == "فراخوانی `f` با این خطا متوقف شد: ``ValueError: the `shape` is wrong``"
