"""Student-facing text as Markdown, and Markdown as HTML (markdown-it-py).

Messages (from tests, the judge, the message dicts) are plain text in which backticks mark
code; :func:`text_md` turns them into Markdown that means exactly that (every other Markdown
character escaped, so ``32*10 + 32*32`` is not emphasis). TA comments are real Markdown.
:func:`inline_html` renders either with markdown-it: raw HTML is escaped, links other than
http(s) and mailto are dropped (left as text), code becomes a left-to-right ``<code>``, and in
Persian every run of Latin letters and digits outside code becomes a ``<bdi>``, so identifiers,
numbers and formulas do not break a right-to-left line apart.
"""

from __future__ import annotations

import functools
import re

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markupsafe import Markup

_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)
# Characters that would be markup; "_" only where it could open or close emphasis (x_hat is fine).
_SPECIAL = re.compile(r"([\\*\[\]<&]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9]))")
_SAFE_LINK = re.compile(r"(https?:|mailto:)", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"(\{\w+\})")
# A left-to-right run inside Persian text: starts with a Latin letter or digit (or an opening
# bracket), ends with one (or a closing bracket, %, ', "); unpaired brackets are left outside.
_LTR_RUN = re.compile(r"[(\[]?[A-Za-z0-9_][^\u0600-\u06ff\u200c\u200f،؛؟«»\n]*"
                      r"[A-Za-z0-9_)\]%'\"]|[A-Za-z0-9_]")


def text_md(text: str) -> str:
    """Plain text with `code` spans as Markdown: the spans kept, everything else literal."""
    text = str(text)
    out, last = [], 0
    for found in _CODE_SPAN.finditer(text):
        out.append(_SPECIAL.sub(r"\\\1", text[last:found.start()]))
        out.append(found.group(0))
        last = found.end()
    out.append(_SPECIAL.sub(r"\\\1", text[last:]))
    return "".join(out)


def _balanced(run: str) -> tuple[int, str]:
    """(offset, run) without the brackets it does not pair (they belong to the Persian text)."""
    offset = 0
    while True:
        opens, closes = run.count("(") + run.count("["), run.count(")") + run.count("]")
        if opens > closes and run[0] in "([":
            offset, run = offset + 1, run[1:]
        elif opens > closes:  # "7 (14.29%": the run ends before the bracket it cannot close
            run = run[:max(run.rfind("("), run.rfind("["))].rstrip()
        elif closes > opens and run[-1] in ")]":
            run = run[:-1].rstrip()
        elif closes > opens:
            run = run[:min(i for i in (run.find(")"), run.find("]")) if i >= 0)].rstrip()
        else:
            return offset, run


def _isolate(text: str) -> str:
    """Escaped text with Latin runs wrapped in <bdi dir="ltr"> (placeholders left alone)."""
    pieces = []
    for part in _PLACEHOLDER.split(text):
        if _PLACEHOLDER.fullmatch(part):
            pieces.append(part)
            continue
        last = 0
        for found in _LTR_RUN.finditer(part):
            offset, run = _balanced(found.group(0))
            start = found.start() + offset
            pieces.append(escapeHtml(part[last:start]))
            pieces.append(f'<bdi dir="ltr">{escapeHtml(run)}</bdi>')
            last = start + len(run)
        pieces.append(escapeHtml(part[last:]))
    return "".join(pieces)


@functools.cache
def _renderer(lang: str) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable("image")
    md.validateLink = lambda url: bool(_SAFE_LINK.match(url.strip()))

    def code_inline(self, tokens, idx, options, env):
        return f'<code dir="ltr">{escapeHtml(tokens[idx].content)}</code>'

    def text(self, tokens, idx, options, env):
        content = tokens[idx].content.replace("`", "'")  # an unpaired backtick is not markup
        return _isolate(content) if lang == "fa" else escapeHtml(content)

    md.add_render_rule("code_inline", code_inline)
    md.add_render_rule("text", text)
    return md


def inline_html(markdown: str, *, lang: str) -> Markup:
    """One paragraph of Markdown as inline HTML (no <p>)."""
    return Markup(_renderer(lang).renderInline(str(markdown)).strip())
