"""What counts as English in a Persian feedback file: a sentence, not a name or a formula.

An "English sentence" is three or more consecutive Latin words (two letters or more each),
separated only by spaces and light punctuation, outside code: fenced blocks and code spans in
Markdown, <code> and <pre> in HTML. Identifiers (`rnn_forward`), numbers, formulas with
operators between single words, and a lone technical term (batch, epoch) are not sentences.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

SENTENCE = re.compile(r"[A-Za-z][A-Za-z']+(?:[ ,;:.!?]+[A-Za-z][A-Za-z']+){2,}")
_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,}).*?^\1\2\s*$", re.DOTALL | re.MULTILINE)
_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def markdown_prose(text: str) -> str:
    """The Markdown's text outside code (fenced blocks, code spans) and HTML tags."""
    return _TAG.sub(" ", _SPAN.sub(" ", _FENCE.sub(" ", text)))


class _Prose(HTMLParser):
    def __init__(self):
        super().__init__()
        self.depth, self.parts = 0, []

    def handle_starttag(self, tag, attrs):
        self.depth += tag in ("code", "pre", "style", "title")

    def handle_endtag(self, tag):
        self.depth -= tag in ("code", "pre", "style", "title")

    def handle_data(self, data):
        if not self.depth:
            self.parts.append(data)


def html_prose(page: str) -> str:
    """The page's text outside <code>, <pre>, <style> and <title> (<bdi> runs included)."""
    parser = _Prose()
    parser.feed(page)
    return " ".join(parser.parts)


def english_sentences(prose: str) -> list[str]:
    return SENTENCE.findall(prose)
