"""Formatting shared by every report writer: numbers, Markdown pieces, CSV cells, file names.

Each function takes text or a number from a result and returns text that is safe where it goes:
a Markdown paragraph or table cell, a spreadsheet cell, a file name.
"""

from __future__ import annotations

import re

from autograder.reports.messages import MESSAGES

MAX_TRACEBACK_LINES = 15
MAX_CELL_CHARS = 200
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def num(value: float | None, *, decimals: int = 2) -> str:
    """Compact number: 5 not 5.0, 2.5 stays, at most ``decimals`` decimals; None is empty."""
    if value is None:
        return ""
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text

def pct(value: float | None) -> str:
    return "n/a" if value is None else f"{num(value)}%"

def one_line(text: str) -> str:
    return " ".join(str(text).split())

def md(text: str) -> str:
    """Markdown prose: `<` escaped so `<class 'int'>` is not swallowed as an HTML tag."""
    return str(text).replace("\\", "\\\\").replace("<", "\\<")

def cell(text: str) -> str:
    """A Markdown table cell: one line, pipes escaped, long text cut."""
    text = one_line(text)
    if len(text) > MAX_CELL_CHARS:
        text = text[:MAX_CELL_CHARS - 1] + "…"
    return md(text).replace("|", "\\|")

def item(text: str, *, escape: bool = True) -> str:
    """Multi-line text in a list item: continuation lines indented so they stay in the item
    (``escape=False``: the text is Markdown already)."""
    lines = (md(text) if escape else str(text)).strip().splitlines() or [""]
    return "\n".join([lines[0]] + ["  " + line for line in lines[1:]])

def inline(text: str) -> str:
    return "`" + one_line(text).replace("`", "'") + "`"

def code_block(text: str, indent: str = "") -> str:
    """Fenced block whose fence is longer than any backtick run inside the text."""
    fence = "`" * max(3, 1 + max((len(m) for m in re.findall(r"`+", text)), default=0))
    return "\n".join(indent + line for line in [fence + "text", *text.splitlines(), fence])

def md_table(m: dict[str, str], *, columns: list[str], align: str) -> str:
    """A Markdown table header: the columns' message keys, align "l" (text) or "r" (numbers)."""
    head = "| " + " | ".join(m[c] for c in columns) + " |"
    return head + "\n|" + "|".join("---:" if a == "r" else "---" for a in align) + "|"

def csv_text(text: str) -> str:
    """One line, and no leading = + - @ that a spreadsheet would run as a formula."""
    text = one_line(text)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text

def safe_filename(student: str, used: set[str]) -> str:
    """Keep unicode and spaces, but never let an id leave the feedback directory or collide."""
    name = re.sub(r"[\x00-\x1f/\\]", "_", student).lstrip(". ") or "_"
    name = name.encode("utf-8")[:200].decode("utf-8", "ignore")
    base, n = name, 2
    while name.casefold() in used:  # casefold: case-insensitive file systems (macOS, Windows)
        name, n = f"{base}-{n}", n + 1
    used.add(name.casefold())
    return name

def shorten_traceback(text: str, m: dict[str, str] = MESSAGES) -> str:
    lines = [line[:300] for line in _ANSI.sub("", text).rstrip().splitlines()]
    if len(lines) <= MAX_TRACEBACK_LINES:
        return "\n".join(lines)
    # The last frames say where it failed; the first line says it is a traceback.
    keep = MAX_TRACEBACK_LINES - 2
    omitted = m["tb_omitted"].format(count=len(lines) - keep - 1)
    return "\n".join([lines[0], omitted, *lines[-keep:]])
