"""HTML reports: feedback pages (English and Persian) and summary.html, as files and in a browser.

The browser test renders the pages in headless Chromium (Debian's `chromium` package; `make test`
installs it when it runs as root) and checks what a reader sees; it is skipped without Chromium.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from autograder.reports.writer import write_reports
from autograder.results import CellError
from test_writer import PERSIAN, QUESTIONS, SECRET_SOURCE, _q1, _q2, _q3, _result

TIMEOUT_REASON = "no answer within 600 s while running the notebook"
CHROMIUM = shutil.which("chromium") or next(
    (p for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser") if Path(p).exists()), None)

# Injected into a copy of a page: after load, write what a reader sees into the DOM.
PROBE = """<script>
window.addEventListener("load", () => {
  const fa = document.querySelector('section[lang="fa"]');
  const h1 = fa && fa.querySelector("h1"), range = document.createRange();
  if (h1) range.selectNodeContents(h1);
  const style = (el) => el ? getComputedStyle(el) : null;
  const code = fa && fa.querySelector("code");
  const out = {
    text: document.body.innerText,
    images: [...document.images].map(i => ({src: i.getAttribute("src"), width: i.naturalWidth,
                                             height: i.naturalHeight})),
    fa_direction: fa ? style(fa).direction : null,
    fa_font: fa ? style(fa).fontFamily : null,
    fa_code_direction: code ? style(code).direction : null,
    fa_title_gap_right: h1 ? h1.getBoundingClientRect().right - range.getBoundingClientRect().right
                           : null,
  };
  const pre = document.createElement("pre");
  pre.id = "probe";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>"""


@pytest.fixture
def out(tmp_path):
    results = [
        _result("alice", questions=[_q1(2), _q2(3), _q3(4)]),
        _result("bob", questions=[_q1(2), _q2(1), _q3()],
                cell_errors=[CellError(3, "NameError: name 'np' is not defined",
                                       "Traceback (most recent call last):\nNameError: np")]),
        _result("carol", "timeout", [_q1(2), _q2(0), _q3()], message=TIMEOUT_REASON),
        _result("dave", "error", message="sandbox killed: memory limit of 2048 MB exceeded"),
        _result("erin", "invalid", message="not JSON: <script>alert(1)</script> & more"),
        _result(PERSIAN, questions=[_q1(1.5), _q2(2), _q3()]),
        _result("frank #1?", questions=[_q1(2), _q2(3), _q3()]),
    ]
    write_reports(results=results, out_dir=tmp_path, assignment="hw04", questions=QUESTIONS)
    return tmp_path


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_feedback_html_has_both_languages_with_directions(out):
    page = _read(out / "feedback" / "bob.html")
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert '<section class="lang" id="en" lang="en" dir="ltr">' in page
    assert '<section class="lang" id="fa" lang="fa" dir="rtl">' in page
    assert page.index('id="en"') < page.index('id="fa"')
    assert '"Vazirmatn", "Noto Naskh Arabic", "Tahoma", sans-serif' in page
    fa = page.split('id="fa"', 1)[1]
    assert "در انتظار تصحیح دستی" in fa and "<h2>آزمون‌های ناموفق</h2>" in fa
    assert '<code dir="ltr">q2 - 2</code>، <code dir="ltr">q2 - 3</code>' in fa
    assert ('<code dir="ltr">rnn_step</code> شکل <bdi dir="ltr">(3,)</bdi> را برگرداند' in fa
            and "returned shape" not in fa)
    english = page.split('id="fa"', 1)[0]
    assert "rnn_step returned shape (3,) but (3, 4) was expected | check" in english
    assert '<pre dir="ltr">Traceback (most recent call last):' in fa
    assert SECRET_SOURCE not in page and "assert " not in page


def test_feedback_html_single_language(tmp_path):
    result = _result("x", "timeout", [_q1(0)], message=TIMEOUT_REASON)
    write_reports(results=[result], out_dir=tmp_path, assignment="hw04", questions=QUESTIONS,
                  lang="fa")
    page = _read(tmp_path / "feedback" / "x.html")
    assert '<html lang="fa" dir="rtl">' in page and 'id="en"' not in page
    assert 'class="box problem"' in page and "<nav" not in page
    assert '<bdi dir="ltr">600</bdi> ثانیه' in page


def test_html_escapes_untrusted_text(out):
    for page in (_read(out / "feedback" / "erin.html"), _read(out / "summary.html")):
        assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in page


def test_summary_html_is_self_contained(out):
    page = _read(out / "summary.html")
    assert "<p class=\"count\">7 submissions.</p>" in page
    refs = re.findall(r'(?:src|href)="([^"]*)"', page)
    assert refs and not [r for r in refs if re.match(r"[a-z]+:|//", r)]
    assert "<link" not in page and "<script" not in page and "@import" not in page
    for png in ("summary_scores.png", "summary_questions.png", "summary_pass_rates.png"):
        assert f'src="{png}"' in page and (out / png).exists()
    # Links to the feedback pages survive spaces, '#' and '?' in student ids.
    assert 'href="feedback/frank%20%231%3F.html"' in page
    assert (out / "feedback" / "frank #1?.html").exists()
    assert TIMEOUT_REASON in page and "sandbox killed: memory limit" in page


def test_summary_html_without_submissions(tmp_path):
    write_reports(results=[], out_dir=tmp_path, assignment="hw04", questions=QUESTIONS)
    page = _read(tmp_path / "summary.html")
    assert "No submissions." in page and "<img" not in page


def _render(page: Path, tmp_path: Path) -> dict:
    """Load a copy of `page` (same folder, so relative images resolve) with the probe."""
    probe = page.with_name(f"probe-{page.name}")
    probe.write_text(_read(page).replace("</body>", PROBE + "\n</body>"), encoding="utf-8")
    proc = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         f"--user-data-dir={tmp_path / 'chromium-profile'}", "--virtual-time-budget=10000",
         "--dump-dom", probe.as_uri()], capture_output=True, text=True, timeout=120)
    found = re.search(r'<pre id="probe">(.*?)</pre>', proc.stdout, re.DOTALL)
    assert found, f"no probe in the DOM (exit {proc.returncode}): {proc.stderr[-2000:]}"
    return json.loads(html.unescape(found.group(1)))


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (Debian: apt-get install "
                    "chromium; `make test` does it when run as root)")
def test_pages_render_in_headless_chromium(out, tmp_path):
    summary = _render(out / "summary.html", tmp_path)
    assert "7 submissions." in summary["text"]
    assert f"carol: {TIMEOUT_REASON}" in summary["text"]
    images = {i["src"]: i for i in summary["images"]}
    assert images["summary_scores.png"]["width"] == 500  # loaded: the PNG's own size
    assert all(i["width"] > 0 and i["height"] > 0 for i in images.values())

    feedback = _render(out / "feedback" / "carol.html", tmp_path)
    assert "Time limit (600 seconds) reached" in feedback["text"]
    assert "مهلت زمانی (600 ثانیه) تمام نشد" in feedback["text"]
    assert "هنگام اجرای دفترچه در 600 ثانیه پاسخی نیامد" in feedback["text"]
    assert TIMEOUT_REASON in feedback["text"] and "<bdi" not in feedback["text"]
    assert feedback["fa_direction"] == "rtl" and feedback["fa_code_direction"] == "ltr"
    assert "Vazirmatn" in feedback["fa_font"]
    assert abs(feedback["fa_title_gap_right"]) < 2  # the Persian title sits on the right
