"""Every assertion message of every assignment's tests, public and hidden, is written in English
and Persian (docs/authoring.md, "Messages in two languages"), and the feedback splits them."""

from __future__ import annotations

import pytest

from autograder.authoring.bilingual import (assertion_messages, monolingual_in_file,
                                           monolingual_messages)
from autograder.reports.bilingual import localize, split_message

from conftest import ASSIGNMENTS, ROOT


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_every_test_message_has_a_persian_line(name):
    missing = monolingual_in_file(ROOT / "assignments" / name / f"{name}.pct.py")
    assert not missing, f"{name}: messages without a 'fa:' line: " + "; ".join(
        f"line {m.line} ({m.test}): {m.text[:60]!r}" for m in missing)


def test_the_check_finds_monolingual_messages():
    source = '''
def helper():
    assert False, "not a test"

def test_one(f):
    assert f(1) == 2, "f(1) should be 2\\nfa: `f(1)` باید 2 باشد"
    assert f(2) == 3, f"f(2) gave {f(2)}"
    if f(3):
        raise AssertionError(MESSAGE)
    assert f(4), ("four\\n"
                  f"fa: چهار {f(4)}")
'''
    assert [m.line for m in assertion_messages(source)] == [6, 7, 9, 10]
    assert [(m.line, m.test) for m in monolingual_messages(source)] == [(7, "test_one"),
                                                                       (9, "test_one")]


def test_messages_split_by_language_and_keep_the_judges_note():
    message = ("the output has shape (2,)\nfa: شکل خروجی `(2,)` است. Note: `f` returned None; "
               "does every path of the function end with a `return` statement?")
    assert split_message("en: one\nfa: یک") == ("one", "یک")
    assert localize(message, "en") == ("the output has shape (2,). Note: `f` returned None; does "
                                       "every path of the function end with a `return` "
                                       "statement?")
    persian = localize(message, "fa")
    assert persian.startswith("شکل خروجی `(2,)` است. توجه: `f` مقدار `None` برگرداند")
    assert "Note" not in persian and "returned" not in persian
    # a message the judge wrote itself is translated from its wording
    assert localize("`rnn_step` is not defined in your notebook (check its spelling, and that "
                    "the cell defining it runs without errors)", "fa").startswith(
        "`rnn_step` در دفترچهٔ شما تعریف نشده است")
