"""Manual grading: the TA sheet, its validation, and merging points into results and reports."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from autograder.errors import ConfigError
from autograder.grading.grader import GradeOptions
from autograder.errors import ManualSheetError
from autograder.reports.manual import merge_manual, write_manual_sheet
from autograder.grading.batch import grade_class
from autograder.results import load_result
from autograder.sandbox.launcher import SandboxLimits


@pytest.fixture(scope="module")
def graded_class(tiny_project, tmp_path_factory):
    """tiny graded for real: a full-marks notebook, the blank template, and a PDF (invalid)."""
    base = tmp_path_factory.mktemp("manual")
    subs = base / "class"
    subs.mkdir()
    (subs / "good.ipynb").write_bytes(tiny_project.solution_notebook("tiny").read_bytes())
    template = tiny_project.template_dir("tiny") / "tiny.ipynb"
    (subs / "blank.ipynb").write_bytes(template.read_bytes())
    (subs / "notes.pdf").write_bytes(b"%PDF-1.4")
    out = base / "graded"
    options = GradeOptions(workers=2, timeout=10, test_timeout=4,
                           limits=SandboxLimits(memory_mb=1500))
    grade_class(project=tiny_project, assignment="tiny", submissions=[subs], out_dir=out,
                options=options)
    return out


@pytest.fixture
def out(graded_class, tmp_path):
    """A private copy of the graded batch, so each test can merge into it."""
    copy = tmp_path / "out"
    shutil.copytree(graded_class, copy)
    return copy


def read_rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_rows(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_sheet_lists_manual_questions_of_submissions_that_ran(out):
    path = write_manual_sheet(out_dir=out)
    assert path == out / "manual_grading.csv"
    rows = read_rows(path)
    assert list(rows[0]) == ["student", "question", "max_points", "points", "comment"]
    assert [(r["student"], r["question"], r["max_points"], r["points"]) for r in rows] == [
        ("blank", "q3", "2", ""), ("good", "q3", "2", "")]  # notes.pdf is invalid: no row
    with pytest.raises(ConfigError, match="already exists"):
        write_manual_sheet(out_dir=out)  # never clobbers a sheet a TA may have filled


def merge_good(out, points="1.5", comment="good reasoning, no example"):
    """Fill and merge the sheet: `good` gets points and a comment, `blank` stays pending."""
    sheet = write_manual_sheet(out_dir=out, overwrite=True)
    rows = read_rows(sheet)
    rows[1].update(points=points, comment=comment)  # good
    write_rows(sheet, rows)
    return merge_manual(out_dir=out, sheet=sheet, lang="en")


def test_merge_stores_manual_grades_apart_and_updates_reports_and_totals(out):
    before = (out / "results" / "good.json").read_bytes()
    summary = merge_good(out)
    assert (summary.graded, summary.commented, summary.students, summary.pending) == (
        1, 1, ["good"], 1)
    assert (out / "results" / "good.json").read_bytes() == before  # automatic results only
    store = json.loads((out / "manual_grades.json").read_text())
    assert store["students"]["good"] == {
        "submission_sha256": load_result(out / "results" / "good.json").submission_sha256,
        "questions": {"q3": {"points": 1.5, "comment": "good reasoning, no example"}}}
    grades = pd.read_csv(out / "grades.csv").set_index("student")
    assert grades.loc["good", "q3"] == 1.5 and grades.loc["good", "score"] == 3
    totals = pd.read_csv(out / "grades_with_manual.csv").set_index("student")
    assert totals.loc["good", "total_with_manual"] == 4.5
    assert totals.loc["blank", "manual_pending"] == "q3"
    assert pd.isna(totals.loc["notes", "manual_pending"])  # invalid: nothing to grade
    feedback = (out / "feedback" / "good.md").read_text()
    assert "**Total with the manual questions:** 4.5 / 5 (90%)" in feedback
    assert "## Comments from the course staff" in feedback
    assert "- **q3**: good reasoning, no example" in feedback
    html = (out / "feedback" / "good.html").read_text()
    assert "4.5 / 5 (90%)" in html and "good reasoning, no example" in html
    blank = (out / "feedback" / "blank.md").read_text()
    assert "Total with" not in blank and "graded separately" in blank


def test_feedback_shows_total_comments_and_pending_in_persian(out):
    merge_good(out, comment="استدلال خوب، <b>مثال</b> ندارد")
    sheet = write_manual_sheet(out_dir=out, overwrite=True)
    feedback = (out / "feedback" / "good.md").read_text()
    assert "4.5 / 5" in feedback
    merge_manual(out_dir=out, sheet=sheet, lang="fa")
    persian = (out / "feedback" / "good.md").read_text()
    assert "نمرهٔ کل با پرسش‌های دستی" in persian and "4.5 از 5" in persian
    assert "یادداشت دستیاران آموزشی" in persian and "استدلال خوب" in persian
    assert "<b>" not in (out / "feedback" / "good.html").read_text()  # a TA's text is escaped


def test_summary_awaiting_matches_the_sheet(out):
    """notes.pdf is invalid: the sheet has no row for it, so nor does the summary's awaiting
    list or grades.csv's manual_pending column."""
    sheet_students = {r["student"] for r in read_rows(write_manual_sheet(out_dir=out))}
    grades = pd.read_csv(out / "grades.csv").set_index("student")
    awaiting = set(grades.index[grades["manual_pending"].notna()])
    assert sheet_students == awaiting == {"blank", "good"}
    summary = (out / "summary.md").read_text()
    pending = summary[summary.index("## Awaiting manual grading"):]
    assert "2 submissions (blank, good)" in pending and "notes" not in pending
    html = (out / "summary.html").read_text()
    pending_html = html[html.index('<ul class="pending-list">'):]
    assert "blank, good" in pending_html and "notes" not in pending_html.split("</ul>")[0]


def test_a_regrade_keeps_the_merged_manual_grades(tiny_project, graded_class, out):
    merge_good(out)
    stale = (out / "grades_with_manual.csv").read_text()
    options = GradeOptions(workers=2, timeout=10, test_timeout=4,
                           limits=SandboxLimits(memory_mb=1500))
    grade_class(project=tiny_project, assignment="tiny",
                submissions=[graded_class.parent / "class"], out_dir=out, options=options,
                lang="en")
    grades = pd.read_csv(out / "grades.csv").set_index("student")
    assert grades.loc["good", "q3"] == 1.5 and grades.loc["good", "manual_pending"] != "q3"
    assert (out / "grades_with_manual.csv").read_text() == stale  # the outputs agree
    feedback = (out / "feedback" / "good.md").read_text()
    assert "4.5 / 5" in feedback and "good reasoning, no example" in feedback
    totals = {r["student"]: r for r in read_rows(out / "grades_with_manual.csv")}
    assert totals["good"]["total_with_manual"] == "4.5"


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "autograder", *args], capture_output=True,
                          text=True, timeout=300)


def test_a_regrade_of_a_changed_submission_needs_force(tiny_project, graded_class, out,
                                                       tmp_path):
    merge_good(out)
    subs = tmp_path / "class"
    shutil.copytree(graded_class.parent / "class", subs)
    notebook = json.loads((subs / "good.ipynb").read_text())
    notebook["cells"].append({"cell_type": "code", "metadata": {}, "execution_count": None,
                              "outputs": [], "source": "extra = 1", "id": "resubmitted"})
    (subs / "good.ipynb").write_text(json.dumps(notebook))
    before = {p.name: p.read_bytes() for p in (out / "results").iterdir()}
    grade = ["--root", str(tiny_project.root), "grade", "tiny", str(subs), "-o", str(out),
             "--timeout", "10", "--workers", "2", "--quiet", "--lang", "en"]
    proc = run_cli(*grade)
    assert proc.returncode == 2
    assert "good" in proc.stderr and "--force" in proc.stderr and "blank" not in proc.stderr
    assert {p.name: p.read_bytes() for p in (out / "results").iterdir()} == before
    proc = run_cli(*grade, "--force")
    assert proc.returncode == 0, proc.stderr
    assert "set aside" in proc.stderr and "good" in proc.stderr
    grades = pd.read_csv(out / "grades.csv").set_index("student")
    assert pd.isna(grades.loc["good", "q3"]) and grades.loc["good", "manual_pending"] == "q3"
    store = json.loads((out / "manual_grades.json").read_text())
    assert store["students"]["good"]["questions"]["q3"]["points"] == 1.5  # kept, not applied
    feedback = (out / "feedback" / "good.md").read_text()
    assert "Total with" not in feedback and "good reasoning" not in feedback
    rows = read_rows(write_manual_sheet(out_dir=out, overwrite=True))
    assert {"student": "good", "question": "q3", "max_points": "2", "points": "",
            "comment": ""} in rows


def test_bad_sheet_lists_every_problem_and_changes_nothing(out):
    before = (out / "results" / "good.json").read_bytes()
    sheet = out / "filled.csv"
    write_rows(sheet, [
        {"student": "good", "question": "q3", "max_points": "2", "points": "3", "comment": ""},
        {"student": "blank", "question": "q3", "max_points": "2", "points": "two", "comment": ""},
        {"student": "zoe", "question": "q3", "max_points": "2", "points": "1", "comment": ""},
        {"student": "good", "question": "q9", "max_points": "2", "points": "1", "comment": ""},
        {"student": "good", "question": "q1", "max_points": "2", "points": "1", "comment": ""},
        {"student": "notes", "question": "q3", "max_points": "2", "points": "1", "comment": ""},
        {"student": "blank", "question": "q3", "max_points": "2", "points": "-1", "comment": ""},
    ])
    with pytest.raises(ManualSheetError) as caught:
        merge_manual(out_dir=out, sheet=sheet)
    text = str(caught.value)
    assert len(caught.value.problems) == 7
    for expected in ("line 2", "outside [0, 2]", "'two' is not a number", "unknown student 'zoe'",
                     "unknown question 'q9'", "q1 is auto-graded", "status 'invalid'",
                     "line 8"):
        assert expected in text, expected
    assert (out / "results" / "good.json").read_bytes() == before
    assert not (out / "manual_grades.json").exists()


def test_duplicates_and_missing_columns_are_refused(out):
    sheet = out / "dup.csv"
    write_rows(sheet, [{"student": "good", "question": "q3", "points": "1"},
                       {"student": "good", "question": "q3", "points": "2"}])
    with pytest.raises(ManualSheetError, match="also on line 2"):
        merge_manual(out_dir=out, sheet=sheet)
    write_rows(sheet, [{"student": "good", "question": "q3", "score": "1"}])
    with pytest.raises(ManualSheetError, match="missing column"):
        merge_manual(out_dir=out, sheet=sheet)


def test_commands_exit_2_on_a_bad_sheet_and_0_on_a_good_one(out):
    def run(*args):
        return subprocess.run([sys.executable, "-m", "autograder", *args], capture_output=True,
                              text=True, timeout=300)

    proc = run("manual-sheet", str(out))
    assert proc.returncode == 0, proc.stderr
    sheet = out / "manual_grading.csv"
    rows = read_rows(sheet)
    rows[0]["points"] = "abc"
    rows[1]["points"] = "9"
    write_rows(sheet, rows)
    proc = run("merge-manual", str(out), str(sheet))
    assert proc.returncode == 2
    assert "'abc' is not a number" in proc.stderr and "outside [0, 2]" in proc.stderr
    rows[0]["points"], rows[1]["points"] = "0", "2"
    write_rows(sheet, rows)
    proc = run("merge-manual", str(out), str(sheet), "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    assert "merged 2 manual grades" in proc.stderr
    totals = pd.read_csv(out / "grades_with_manual.csv").set_index("student")
    assert totals.loc["good", "total_with_manual"] == 5 and totals.loc["blank", "manual_score"] == 0
    gradescope = run("export", str(out), "--format", "gradescope")
    assert gradescope.returncode == 0, gradescope.stderr
    assert json.loads((out / "gradescope" / "good.json").read_text())["score"] == 5
    assert "out of date" not in proc.stderr
    rows[1]["points"] = "1"
    write_rows(sheet, rows)
    proc = run("merge-manual", str(out), str(sheet), "--lang", "en")
    assert proc.returncode == 0 and "out of date" in proc.stderr  # gradescope/ holds 5, not 4
    assert str(out / "gradescope") in proc.stderr.replace("\n", "")
