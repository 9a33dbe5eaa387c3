"""Which assertion messages of a master's tests are not written in both languages.

Every message a test shows a student is English, then a line that starts with ``fa:`` and the
same message in Persian (docs/authoring.md, "Messages in two languages"); the feedback shows
each language its own part. This module finds the messages that lack the Persian line, from
the percent file's source, so the test suite (and an author) can list them.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

_FA_LINE = re.compile(r"(?:^|\n)[ \t]*fa:", re.IGNORECASE)


@dataclass
class Message:
    line: int
    """Line of the message in the source file."""
    test: str
    """Name of the test function."""
    text: str
    """The message's literal text (placeholders of an f-string shown as {...})."""


def _literal_text(node: ast.AST) -> str | None:
    """The text of a str literal or f-string; None for any other expression."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{...}" for v in node.values)
    return None


def _messages(function: ast.FunctionDef):
    for node in ast.walk(function):
        if isinstance(node, ast.Assert) and node.msg is not None:
            yield node.msg
        elif (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)
              and getattr(node.exc.func, "id", "") == "AssertionError" and node.exc.args):
            yield node.exc.args[0]


def assertion_messages(source: str) -> list[Message]:
    """Every assertion message (``assert x, msg`` and ``raise AssertionError(msg)``) of the
    ``test_*`` functions in ``source``, in line order."""
    found = []
    for function in ast.walk(ast.parse(source)):
        if isinstance(function, ast.FunctionDef) and function.name.startswith("test_"):
            for msg in _messages(function):
                text = _literal_text(msg)
                found.append(Message(msg.lineno, function.name,
                                     text if text is not None else ast.unparse(msg)))
    return sorted(found, key=lambda m: m.line)


def monolingual_messages(source: str) -> list[Message]:
    """The assertion messages that have no ``fa:`` line (or are not a string literal)."""
    return [m for m in assertion_messages(source) if not _FA_LINE.search(m.text)]


def monolingual_in_file(path: Path) -> list[Message]:
    return monolingual_messages(Path(path).read_text(encoding="utf-8"))
