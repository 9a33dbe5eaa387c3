"""The Persian feedback of a failing submission as a student sees it: rendered and screenshotted
by headless Chromium, with every failing-test explanation in Persian (issue 15)."""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from autograder.reports.writer import write_reports
from autograder.results import CellError, QuestionResult, SubmissionResult
from autograder.results import TestResult as _TestResult  # not a pytest class
from persian_text import english_sentences
from test_html import CHROMIUM

PERSIAN_LETTER = re.compile(r"[\u0600-\u06ff]")
LATIN_LETTER = re.compile(r"[A-Za-z]")
NOTE = ("Note: `rnn_cell_forward` returned None; does every path of the function end with a "
        "`return` statement?")
MESSAGES = [  # as the judge records them: test messages in both languages, and its own
    "h_t must have shape (N, U) = (2, 2), not ()\nfa: شکل `h_t` باید `(N, U) = (2, 2)` باشد، "
    "نه `()`. " + NOTE,
    "wrong h_t for F=3, U=5: use tanh(x_t @ Wx + h_prev @ Wh + b)\nfa: `h_t` برای `F=3, U=5` "
    "نادرست است: از `tanh(x_t @ Wx + h_prev @ Wh + b)` استفاده کنید",
    "calling `gru_cell_forward` raised ValueError: operands could not be broadcast together",
    "`lstm_cell_forward` is not defined in your notebook (check its spelling, and that the cell "
    "defining it runs without errors)",
    "your answer could not be checked (TypeError: 'NoneType' object is not iterable)",
    "calling `cook_rnn_weights` did not finish within 60 s",
]


def _failing_result() -> SubmissionResult:
    tests = [_TestResult(name=f"check_{i}", passed=False, points=0.0, possible=1.0,
                         hidden=i % 2 == 1, message=message)
             for i, message in enumerate(MESSAGES)]
    tests.append(_TestResult(name="passes", passed=True, points=1.0, possible=1.0, hidden=False,
                             message="passed"))
    question = QuestionResult("q1", float(len(tests)), 1.0, tests=tests)
    return SubmissionResult(
        student="student_7", assignment="hw02", source="student_7.ipynb", status="graded",
        message="the notebook printed 25,000 characters; only the start was kept", score=1.0,
        possible=float(len(tests)), questions=[question],
        cell_errors=[CellError(4, "NameError: name 'np' is not defined",
                               "Traceback (most recent call last):\nNameError: name 'np'")])


class _FailingItems(HTMLParser):
    """The text of each <li> of <ul class="failing">, without what is inside <code>."""

    def __init__(self):
        super().__init__()
        self.items: list[str] = []
        self.in_list = self.in_item = False
        self.code = 0

    def handle_starttag(self, tag, attrs):
        if tag == "ul" and ("class", "failing") in attrs:
            self.in_list = True
        elif tag == "li" and self.in_list:
            self.in_item = True
            self.items.append("")
        self.code += tag == "code"

    def handle_endtag(self, tag):
        self.code -= tag == "code"
        if tag == "li":
            self.in_item = False
        elif tag == "ul":
            self.in_list = False

    def handle_data(self, data):
        if self.in_item and not self.code:
            self.items[-1] += data


def _chromium(*args: str, profile: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", f"--user-data-dir={profile}", *args],
        capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (Debian: apt-get install "
                    "chromium; `make test` does it when run as root)")
def test_persian_feedback_screenshot_explains_failures_in_persian(tmp_path):
    write_reports(results=[_failing_result()], out_dir=tmp_path / "out", assignment="hw02",
                  questions=[], lang="fa")
    page = tmp_path / "out" / "feedback" / "student_7.html"
    shot = tmp_path / "feedback.png"
    proc = _chromium(f"--screenshot={shot}", "--window-size=1000,1600", page.as_uri(),
                     profile=tmp_path / "profile-1")
    assert shot.is_file(), proc.stderr[-2000:]
    image = Image.open(shot).convert("L")
    assert image.size == (1000, 1600)
    width = image.size[0]
    ink = [(x, y) for x in range(0, width, 4) for y in range(0, image.size[1], 4)
           if image.getpixel((x, y)) < 160]
    assert len(ink) > 2000, "the screenshot is (almost) blank"
    right = sum(1 for x, _ in ink if x >= width // 2)
    assert right > len(ink) - right, "right-to-left text should fill the right half first"

    dom = _chromium("--dump-dom", page.as_uri(), profile=tmp_path / "profile-2").stdout
    parser = _FailingItems()
    parser.feed(dom)
    assert len(parser.items) == len(MESSAGES)
    for text in parser.items:
        persian, latin = len(PERSIAN_LETTER.findall(text)), len(LATIN_LETTER.findall(text))
        assert persian > 3 * latin, text
        assert not english_sentences(text), text
    assert "`" not in re.sub(r"<pre.*?</pre>", "", dom, flags=re.DOTALL)  # no literal backticks
    assert "returned None" not in dom and "is not defined in your notebook" not in dom
