"""Test messages in two languages, and the student-facing text of one language.

A test writes each assertion message in English, then a line that starts with ``fa:`` and the
same message in Persian (docs/authoring.md, "Messages in two languages")::

    assert out.shape == (n, u), (f"the result has shape {out.shape}, not (N, U) = {(n, u)}\\n"
                                 f"fa: شکل خروجی {out.shape} است، نه (N, U) = {(n, u)}")

It is plain text, so it reads well wherever otter prints it (``grader.check`` in the student's
notebook shows both lines); the reports show each section its own language. Messages the judge
itself writes ("`f` is not defined ...", timeouts, student exceptions) are English and are
translated here from their known wording (:mod:`autograder.reports.engine_fa`).
"""

from __future__ import annotations

import re

from autograder.reports.engine_fa import returned_none_fa, translate_engine
from autograder.reports.messages import feedback_languages

FA_MARK = "fa:"
"""What starts the Persian part of a test message (at the start of a line)."""

_FA_LINE = re.compile(r"(?:^|\n)[ \t]*fa:[ \t]*", re.IGNORECASE)
_EN_PREFIX = re.compile(r"^\s*en:[ \t]*", re.IGNORECASE)
_NOTE = re.compile(r"\s*Note: `([^`]+)` returned None; does every path of the function end "
                   r"with a `return` statement\?\s*$")


def split_message(text: str) -> tuple[str, str | None]:
    """(English, Persian or None) of a test message written as ``English\\nfa: Persian``."""
    parts = _FA_LINE.split(str(text), maxsplit=1)
    english = _EN_PREFIX.sub("", parts[0]).strip()
    persian = parts[1].strip() if len(parts) > 1 else None
    return english, persian or None


def is_bilingual(text: str) -> bool:
    """Whether a test message has both an English and a Persian part."""
    english, persian = split_message(text)
    return bool(english) and persian is not None


def localize(text: str, lang: str) -> str:
    """The message as a student reading ``lang`` ("en" or "fa") should see it.

    English keeps the English part. Persian takes the test's ``fa:`` part, or else the judge's
    own message translated; a hint the judge appended (a function that returned None) follows
    in the same language.
    """
    text = str(text)
    found = _NOTE.search(text)
    note_name = found.group(1) if found else None
    if found:
        text = text[:found.start()]
    english, persian = split_message(text)
    if lang == "en":
        if note_name:
            english = english if english.endswith((".", "!", "?")) else english + "."
            english += (f" Note: `{note_name}` returned None; does every path of the function "
                        "end with a `return` statement?")
        return english
    persian = persian if persian is not None else translate_engine(english)
    if note_name:
        persian = persian.rstrip(".") + ". " + returned_none_fa(note_name)
    return persian


def in_language(text: str, lang: str) -> str:
    """The message for ``lang``: "en" or "fa" as :func:`localize`; "both" the English part, then
    the Persian one as its own paragraph (without the ``fa:`` mark), once if they are the same.
    For plain-text places that show one text to everyone (``autograder check``, Gradescope)."""
    parts = (localize(text, one) for one in feedback_languages(lang))
    return "\n\n".join(dict.fromkeys(part for part in parts if part))
