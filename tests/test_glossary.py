"""Persian text follows docs/glossary.md: one word for each idea, everywhere a student looks."""

from __future__ import annotations

import re

import pytest

from conftest import ASSIGNMENTS, ROOT

AVOIDED = ["نوت‌بوک", "نوتبوک", "تست", "سؤال", "سوال", "تصحیح‌کننده", "دستیاران درس"]
FILES = ([f"assignments/{name}/{name}.pct.py" for name in ASSIGNMENTS]
         + ["student_template/README.md", "autograder/reports/messages_fa.py",
            "autograder/reports/engine_fa.py", "autograder/authoring/scaffold.py",
            "docs/authoring.md", "README.md"])


def test_glossary_lists_the_avoided_words():
    glossary = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    for word in AVOIDED:
        assert word in glossary, word


@pytest.mark.parametrize("path", FILES)
def test_persian_text_uses_the_glossary(path):
    text = (ROOT / path).read_text(encoding="utf-8")
    found = [(text.count("\n", 0, m.start()) + 1, m.group())
             for m in re.finditer("|".join(AVOIDED), text)]
    assert not found, f"{path}: words docs/glossary.md replaces (line, word): {found}"
