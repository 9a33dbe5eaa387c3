"""Bulk-download layouts of learning-management systems, and several submissions per student."""

from __future__ import annotations

import os

from autograder.grading.grader import Grader  # noqa: F401  (import check: intake is used by the grader)
from autograder.grading.intake import collect_submissions


def _touch(path, text="{}", mtime=None):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return path


def test_canvas_flat_layout_keeps_the_newest_per_student(tmp_path):
    _touch(tmp_path / "rezaei_1234_555_hw04.ipynb", mtime=1_000)
    newest = _touch(tmp_path / "rezaei_LATE_1234_556_hw04-1.ipynb", mtime=2_000)
    _touch(tmp_path / "karimi_77_601_hw04.ipynb", mtime=1_500)
    subs = {s.student: s for s in collect_submissions([tmp_path])}
    assert sorted(subs) == ["karimi", "rezaei"]
    assert subs["rezaei"].path == newest
    assert "2 submissions found" in subs["rezaei"].note and newest.name in subs["rezaei"].note
    assert subs["karimi"].note == ""


def test_moodle_folder_layout_uses_the_name(tmp_path):
    folder = tmp_path / "Sara Ahmadi_4242_assignsubmission_file_"
    _touch(folder / "hw04.ipynb", mtime=1_000)
    latest = _touch(folder / "hw04 (2).ipynb", mtime=3_000)
    subs = collect_submissions([tmp_path])
    assert [s.student for s in subs] == ["Sara_Ahmadi"]
    assert subs[0].path == latest and "2 submissions found" in subs[0].note


def test_note_reaches_the_result(tiny_grader, tiny_project, tmp_path):
    solution = tiny_project.solution_notebook("tiny").read_text()
    _touch(tmp_path / "ali_1_1_tiny.ipynb", "not json", mtime=1_000)
    _touch(tmp_path / "ali_1_2_tiny.ipynb", solution, mtime=2_000)
    (sub,) = collect_submissions([tmp_path])
    result = tiny_grader.grade(sub)
    assert result.status == "graded" and result.score == 3
    assert result.message.startswith("2 submissions found; graded the newest, ali_1_2_tiny.ipynb")
