"""Round trips through the files Moodle and Canvas export: filled in, then read back the way
their importers read them (tests/fixtures/lms holds files laid out as those systems write them:
UTF-8 with a byte-order mark, Moodle's worksheet headers in English and in its Persian language
pack, Canvas's "Points Possible" row and read-only total columns)."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.errors import ConfigError
from autograder.reports.exports import export, fill_lms
from autograder import results as res
from autograder.results import QuestionResult, SubmissionResult, save_result

LMS = Path(__file__).resolve().parents[1] / "fixtures" / "lms"


def result(student: str, source: str, *, auto: float, manual: float | None = None,
           status: str = "graded") -> SubmissionResult:
    """A tiny-shaped result worth 3 auto-graded + 2 manual points."""
    test = res.TestResult("q1_hidden", auto >= 3, auto, 3.0, True, "")
    return SubmissionResult(student=student, assignment="tiny", source=source, status=status,
                            score=auto, possible=3.0, manual_possible=2.0,
                            questions=[QuestionResult("q1", 3.0, auto, tests=[test]),
                                       QuestionResult("q3", 2.0, manual, manual=True)])


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "out"
    for r in [
        # Moodle's bulk download: one "Full name_participant_assignsubmission_file_" folder each
        result("Ali_Rezaei", "class/Ali Rezaei_100231_assignsubmission_file_/tiny.ipynb",
               auto=3.0, manual=1.5),
        result("Sara_Karimi", "class/Sara Karimi_100232_assignsubmission_file_/tiny.ipynb",
               auto=2.0),
        result("taha", "loose/taha.ipynb", auto=1.0, manual=2.0),  # matched by no column
    ]:
        save_result(r, folder / "results")
    return folder


def rows_of(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def moodle_import(path: Path, *, recordid: str, grade: str, modified: str,
                  hiddenuser: str) -> dict[str, float]:
    """What Moodle's offline-worksheet importer reads: headers compared exactly with the site's
    strings (all three required), the participant number after `hiddenuser`, the grade."""
    header, *rows = rows_of(path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # as Moodle wrote it
    indexes = [header.index(name) for name in (recordid, grade, modified)]
    id_col, grade_col, _ = indexes
    return {row[id_col][len(hiddenuser):]: float(row[grade_col]) for row in rows
            if row[grade_col].strip()}


@pytest.mark.parametrize("language, strings", [
    ("en", dict(recordid="Identifier", grade="Grade", modified="Last modified (grade)",
                hiddenuser="Participant ")),
    ("fa", dict(recordid="شناسه هویت", grade="نمره", modified="آخرین تغییر (نمره)",
                hiddenuser="شاگرد شماره")),
], ids=["en", "fa"])
def test_moodle_worksheet_round_trip(out, tmp_path, language, strings):
    worksheet = LMS / f"moodle_worksheet_{language}.csv"
    report = fill_lms(out_dir=out, fmt="moodle", lms_file=worksheet,
                      output=tmp_path / "filled.csv")
    assert report.filled == ["Ali_Rezaei", "Sara_Karimi"] and report.unmatched == ["taha"]
    assert report.ungraded_rows == 2 and report.scale == (5.0, 100.0)
    # totals auto + merged manual, out of 5, scaled to the worksheet's maximum of 100
    imported = moodle_import(report.path, **strings)
    assert imported == {"100231": 90.0, "100232": 40.0}  # Sara's 35 in the English one: replaced
    before, after = rows_of(worksheet), rows_of(report.path)
    grade_col = before[0].index(strings["grade"])
    assert after[0] == before[0] and len(after) == len(before)
    for old, new in zip(before[1:], after[1:]):  # only the Grade cell may change
        assert [c for i, c in enumerate(old) if i != grade_col] == \
            [c for i, c in enumerate(new) if i != grade_col]
    assert after[3][grade_col] == "" and after[4][grade_col] == ""  # Taha unmatched, Mina none


def test_moodle_mapping_file_places_the_rest(out, tmp_path):
    mapping = tmp_path / "map.csv"
    mapping.write_text("student,Email address\ntaha,tnouri@uni.example.ac.ir\n")
    report = fill_lms(out_dir=out, fmt="moodle", lms_file=LMS / "moodle_worksheet_en.csv",
                      output=tmp_path / "filled.csv", mapping=mapping)
    assert report.unmatched == [] and sorted(report.filled) == ["Ali_Rezaei", "Sara_Karimi",
                                                                "taha"]
    imported = moodle_import(report.path, recordid="Identifier", grade="Grade",
                             modified="Last modified (grade)", hiddenuser="Participant ")
    assert imported["100233"] == 60.0  # (1 + 2) / 5 * 100


def test_a_worksheet_without_the_importers_columns_is_refused(out, tmp_path):
    ours = tmp_path / "ours.csv"
    ours.write_text("Identifier,Full name,Grade,Maximum Grade\nali,ali,3,5\n")
    with pytest.raises(ConfigError, match="Last modified \\(grade\\)"):
        fill_lms(out_dir=out, fmt="moodle", lms_file=ours, output=tmp_path / "x.csv")
    with pytest.raises(ConfigError, match="--worksheet"):
        export(out_dir=out, fmt="moodle")


def canvas_import(path: Path, column: str) -> dict[str, str]:
    """What Canvas's gradebook importer reads: students by ID, the assignment column's cells
    (the "Points Possible" row and read-only columns are not grades)."""
    header, *rows = rows_of(path)
    index = header.index(column)
    return {row[1]: row[index] for row in rows if row[1].strip().isdigit()}


def test_canvas_gradebook_round_trip(tmp_path):
    out = tmp_path / "out"
    for r in [
        result("arezaei", "class/arezaei.ipynb", auto=3.0, manual=2.0),  # = SIS Login ID
        result("S1002", "class/S1002.ipynb", auto=2.0),  # = SIS User ID
        # Canvas's bulk download: name_<canvas user id>_<submission id>_<file name>
        result("ahmadimina", "class/ahmadimina_LATE_1204_88213_tiny.ipynb", auto=3.0),
        result("taha", "class/taha.ipynb", auto=0.0, status="invalid"),
        result("ghost", "class/ghost.ipynb", auto=1.0),
    ]:
        save_result(r, out / "results")
    mapping = tmp_path / "map.csv"
    mapping.write_text("student,SIS Login ID\ntaha,tnouri\n")
    gradebook = LMS / "canvas_gradebook.csv"
    report = fill_lms(out_dir=out, fmt="canvas", lms_file=gradebook, mapping=mapping,
                      output=tmp_path / "canvas.csv")
    assert report.column == "tiny (4711)" and report.unmatched == ["ghost"]
    assert report.ungraded_rows == 1 and report.scale == (5.0, 10.0)  # the Test Student
    assert canvas_import(report.path, "tiny (4711)") == {
        "1201": "10", "1202": "4", "1203": "0", "1204": "6", "1299": ""}
    before, after = rows_of(gradebook), rows_of(report.path)
    column = before[0].index("tiny (4711)")
    assert after[0] == before[0] and after[1] == before[1]  # header, Points Possible
    for old, new in zip(before[2:], after[2:]):
        assert old[:column] + old[column + 1:] == new[:column] + new[column + 1:]
    assert report.path.read_bytes().startswith(b"\xef\xbb\xbf")


def test_canvas_column_is_found_by_name_or_id_and_ambiguity_is_refused(tmp_path, out):
    gradebook = LMS / "canvas_gradebook.csv"
    report = fill_lms(out_dir=out, fmt="canvas", lms_file=gradebook, canvas_id="4711",
                      output=tmp_path / "a.csv")
    assert report.column == "tiny (4711)"
    with pytest.raises(ConfigError, match="no assignment column with id 99.*'hw03 \\(4710\\)'"):
        fill_lms(out_dir=out, fmt="canvas", lms_file=gradebook, canvas_id="99",
                 output=tmp_path / "b.csv")
    with pytest.raises(ConfigError, match="--roster"):
        export(out_dir=out, fmt="canvas")


def test_export_command_fills_and_lists_who_did_not_match(out, tmp_path):
    proc = subprocess.run([sys.executable, "-m", "autograder", "export", str(out), "--format",
                           "moodle", "--worksheet", str(LMS / "moodle_worksheet_en.csv")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert (out / "moodle-moodle_worksheet_en.csv").is_file()
    assert "filled 2 grades" in proc.stderr and "not matched (1): taha" in proc.stderr
    assert "scaled from 5 to the LMS's 100" in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "autograder", "export", str(out), "--format",
                           "canvas"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "--roster" in proc.stderr
