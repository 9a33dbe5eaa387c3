"""Grades into the files an LMS imports: Moodle's grading worksheet, Canvas's gradebook CSV.

Neither LMS knows the autograder's student ids (file and folder names), so instead of writing a
file of our own we fill in the file the TA downloaded from the LMS, keeping every row, column,
header (in the site's language) and cell we do not own:

* Moodle (assignment -> "Download grading worksheet"): the importer needs the columns
  ``Identifier`` ("Participant N"), ``Grade`` and ``Last modified (grade)`` under the names the
  site's language gives them; we fill ``Grade`` only. Rows are matched by the participant number
  in Moodle's bulk-download folder names (``Full Name_N_assignsubmission_file_``), else by the
  student id equal to the row's full name, email, username or id number.
* Canvas (Grades -> Export): ``Student, ID, SIS User ID, SIS Login ID, [Integration ID,]
  Section`` and one column per assignment (``hw04 (4711)``), a "Points Possible" row under the
  header; we fill the assignment's column. Rows are matched by the student id equal to the SIS
  Login ID or SIS User ID, else by the Canvas user id in Canvas's bulk-download file names
  (``name_4711_98765_hw04.ipynb``).

A mapping file settles the rest: a CSV whose first column is ``student`` (our id) and whose
second column is named after a column of the LMS file, e.g. ``student,SIS Login ID`` or
``student,Identifier``. The totals are auto-graded plus merged manual points, scaled to the
LMS's maximum (``Maximum Grade`` or ``Points Possible``) when that differs from ours.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from autograder.errors import ConfigError
from autograder.reports.totals import Total, total_of
from autograder.reports.formatting import num
from autograder.results import SubmissionResult

MOODLE_ID = ("Identifier", "شناسه هویت")
MOODLE_GRADE = ("Grade", "نمره")
MOODLE_MODIFIED = ("Last modified (grade)", "آخرین تغییر (نمره)")
MOODLE_MAXIMUM = ("Maximum grade", "سقف نمره")
MOODLE_IDENTITY = ("Full name", "Email address", "Username", "ID number", "نام کامل",
                   "آدرس پست الکترونیک", "نام کاربری", "کد شناسائی")
"""Moodle's strings (``recordid``, ``gradenoun``, ``lastmodifiedgrade`` and so on) in English and
in its Persian language pack; headers are compared case-folded and without zero-width joiners.
A site in another language needs its words added here (the error message lists the headers)."""
CANVAS_IDS = ("SIS Login ID", "SIS User ID", "Integration ID")
CANVAS_FIXED = ("Student", "ID", "SIS User ID", "SIS Login ID", "Integration ID", "Section")
_MOODLE_FOLDER = re.compile(r"_(\d+)_assignsubmission_\w*$")  # as grading.intake reads them
_CANVAS_FILE = re.compile(r"^[^_]+?(?:_LATE)?_(\d+)_\d+_.+$")


@dataclass
class FillReport:
    """What a fill did: the file written, and who could not be placed."""

    path: Path
    column: str
    filled: list[str] = field(default_factory=list)
    """Our student ids whose grade went into a row."""
    unmatched: list[str] = field(default_factory=list)
    """Our students with no row (add them to a mapping file)."""
    ungraded_rows: int = 0
    """LMS rows (students) without a graded submission: left as they were."""
    scale: tuple[float, float] | None = None
    """(our possible, the LMS's maximum) when totals were scaled."""


@dataclass
class _Sheet:
    header: list[str]
    rows: list[list[str]]
    bom: bool
    delimiter: str


def _norm(text: str) -> str:
    """Header or key comparison: NFC, no zero-width joiners, single spaces, case-folded."""
    text = unicodedata.normalize("NFC", text).replace("\u200c", "").replace("\u200f", "")
    return " ".join(text.split()).casefold()


def _key(text: str) -> str:
    """A name as a matching key: letters and digits only (so "Ali Rezaei" ~ "Ali_Rezaei")."""
    return "".join(ch for ch in _norm(text) if ch.isalnum())


def _read_sheet(path: Path, what: str) -> _Sheet:
    try:
        raw = Path(path).read_bytes()
        text = raw.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the {what} {path}: {exc} (save it as UTF-8 CSV)") from None
    try:
        delimiter = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not rows or not any(rows[0]):
        raise ConfigError(f"the {what} {path} is empty")
    return _Sheet(rows[0], rows[1:], raw.startswith(b"\xef\xbb\xbf"), delimiter)


def _write_sheet(sheet: _Sheet, path: Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8-sig" if sheet.bom else "utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=sheet.delimiter)
        writer.writerow(sheet.header)
        writer.writerows(sheet.rows)
    return path


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    wanted = {_norm(n) for n in names}
    found = [i for i, h in enumerate(header) if _norm(h) in wanted]
    return found[0] if found else None


def _need(header: list[str], names: tuple[str, ...], what: str, path: Path) -> int:
    index = _column(header, names)
    if index is None:
        raise ConfigError(f"{path} has no {names[0]!r} column (looked for {', '.join(names)}; "
                          f"found {', '.join(header)}): {what}")
    return index


def read_mapping(path: Path, header: list[str]) -> tuple[int, dict[str, str]]:
    """A mapping file ``student,<LMS column>``: (that column's index, {student: value})."""
    sheet = _read_sheet(path, "mapping file")
    if len(sheet.header) < 2 or _norm(sheet.header[0]) != "student":
        raise ConfigError(f"{path}: the first line must be `student,<a column of the LMS file>` "
                          f"(e.g. `student,{header[0]}`)")
    index = _column(header, (sheet.header[1],))
    if index is None:
        raise ConfigError(f"{path}: {sheet.header[1]!r} is not a column of the LMS file "
                          f"(its columns: {', '.join(header)})")
    return index, {row[0].strip(): row[1].strip() for row in sheet.rows
                   if len(row) >= 2 and row[0].strip() and row[1].strip()}


def _match(results, rows, *, keys_of_row, keys_of_result, mapping) -> tuple[dict, list[str]]:
    """{row index: result} and the students that matched no row or an already taken one.

    ``mapping`` is (column, {student: value}) or None; it wins over the automatic keys."""
    index: dict[str, set[int]] = {}
    for i, row in enumerate(rows):
        for key in keys_of_row(row):
            index.setdefault(key, set()).add(i)
    by_value: dict[str, set[int]] = {}
    if mapping:
        column, values = mapping
        for i, row in enumerate(rows):
            if column < len(row) and row[column].strip():
                by_value.setdefault(_norm(row[column]), set()).add(i)
    placed: dict[int, SubmissionResult] = {}
    unmatched = []
    for result in results:
        mapped = mapping and mapping[1].get(result.student)
        if mapped:
            candidates = by_value.get(_norm(mapped), set())
        else:
            candidates = next((index[k] for k in keys_of_result(result) if k in index), set())
        if len(candidates) != 1 or next(iter(candidates)) in placed:
            unmatched.append(result.student)
            continue
        placed[next(iter(candidates))] = result
    return placed, unmatched


def _scaled(total: Total, maximum: float | None) -> float:
    if maximum is None or total.possible <= 0 or abs(maximum - total.possible) < 1e-9:
        return total.total
    return total.total * maximum / total.possible


def _number(text: str) -> float | None:
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        return None
    return value if value > 0 else None


# --- Moodle --------------------------------------------------------------------------------------

def fill_moodle_worksheet(*, results: list[SubmissionResult], worksheet: Path, output: Path,
                          mapping: Path | None = None) -> FillReport:
    """Fill the ``Grade`` column of a Moodle grading worksheet; everything else is kept."""
    sheet = _read_sheet(worksheet, "Moodle grading worksheet")
    header = sheet.header
    hint = ("download the grading worksheet again (assignment -> View all submissions -> "
            "Grading action -> Download grading worksheet; it needs the 'Offline grading "
            "worksheet' feedback type)")
    id_col = _need(header, MOODLE_ID, hint, worksheet)
    grade_col = _need(header, MOODLE_GRADE, hint, worksheet)
    _need(header, MOODLE_MODIFIED, hint, worksheet)  # Moodle refuses the upload without it
    max_col = _column(header, MOODLE_MAXIMUM)
    identity = [i for i, h in enumerate(header) if _column([h], MOODLE_IDENTITY) is not None]
    rows = [row + [""] * (len(header) - len(row)) for row in sheet.rows]

    def keys_of_row(row: list[str]) -> list[str]:
        number = re.search(r"(\d+)\s*$", row[id_col])
        keys = [f"participant:{number.group(1)}"] if number else []
        for i in identity:
            keys += [f"name:{_key(v)}" for v in (row[i], row[i].split("@")[0]) if _key(v)]
        return keys

    def keys_of_result(result: SubmissionResult) -> list[str]:
        found = [m.group(1) for part in Path(result.source).parts
                 if (m := _MOODLE_FOLDER.search(part))]
        return [f"participant:{n}" for n in found] + [f"name:{_key(result.student)}"]

    links = read_mapping(mapping, header) if mapping else None
    placed, unmatched = _match(results, rows, keys_of_row=keys_of_row,
                               keys_of_result=keys_of_result, mapping=links)
    report = FillReport(Path(output), header[grade_col], unmatched=unmatched)
    for i, result in sorted(placed.items()):
        total = total_of(result)
        maximum = _number(rows[i][max_col]) if max_col is not None else None
        if maximum is not None and abs(maximum - total.possible) > 1e-9:
            report.scale = (total.possible, maximum)
        rows[i][grade_col] = num(_scaled(total, maximum))
        report.filled.append(result.student)
    report.ungraded_rows = len(rows) - len(placed)
    _write_sheet(_Sheet(header, rows, sheet.bom, sheet.delimiter), output)
    return report


# --- Canvas --------------------------------------------------------------------------------------

_CANVAS_COMPUTED = re.compile(r"(current|final|unposted).*(score|grade|points)|points$",
                              re.IGNORECASE)


def _assignment_column(header: list[str], *, assignment: str, canvas_id: str,
                       path: Path) -> int:
    candidates = [i for i, h in enumerate(header)
                  if _column([h], CANVAS_FIXED) is None and not _CANVAS_COMPUTED.search(h)]
    if canvas_id:
        chosen = [i for i in candidates if header[i].strip().endswith(f"({canvas_id})")]
    else:
        name = _key(assignment)
        chosen = [i for i in candidates
                  if _key(re.sub(r"\s*\(\d+\)\s*$", "", header[i])) == name]
    if len(chosen) == 1:
        return chosen[0]
    shown = ", ".join(repr(header[i]) for i in candidates) or "none"
    which = f"with id {canvas_id}" if canvas_id else f"named {assignment!r}"
    raise ConfigError(f"{path}: {'no' if not chosen else 'more than one'} assignment column "
                      f"{which} (assignment columns: {shown}); pass --canvas-id with the number "
                      "in the column's header, e.g. 4711 for 'hw04 (4711)'")


def fill_canvas_gradebook(*, results: list[SubmissionResult], roster: Path, output: Path,
                          assignment: str, canvas_id: str = "",
                          mapping: Path | None = None) -> FillReport:
    """Fill the assignment's column of a Canvas gradebook export; everything else is kept."""
    sheet = _read_sheet(roster, "Canvas gradebook export")
    header = sheet.header
    id_col = _need(header, ("ID",), "export the gradebook again (Grades -> Export -> "
                                    "Export Entire Gradebook)", roster)
    column = _assignment_column(header, assignment=assignment, canvas_id=canvas_id, path=roster)
    id_cols = {name: _column(header, (name,)) for name in CANVAS_IDS}
    rows = [row + [""] * (len(header) - len(row)) for row in sheet.rows]
    students = [i for i, row in enumerate(rows) if row[id_col].strip().isdigit()]
    possible = next((_number(row[column]) for row in rows
                     if _norm(row[0]) == "points possible"), None)

    def keys_of_row(row: list[str]) -> list[str]:
        keys = [f"{name}:{_norm(row[i])}" for name, i in id_cols.items()
                if i is not None and row[i].strip()]
        return keys + [f"canvas:{row[id_col].strip()}"]

    def keys_of_result(result: SubmissionResult) -> list[str]:
        keys = [f"{name}:{_norm(result.student)}" for name in CANVAS_IDS]
        user = _CANVAS_FILE.match(Path(result.source).name)
        return keys + ([f"canvas:{user.group(1)}"] if user else [])

    links = read_mapping(mapping, header) if mapping else None
    student_rows = [rows[i] for i in students]
    placed, unmatched = _match(results, student_rows, keys_of_row=keys_of_row,
                               keys_of_result=keys_of_result, mapping=links)
    report = FillReport(Path(output), header[column], unmatched=unmatched)
    for i, result in sorted(placed.items()):
        total = total_of(result)
        if possible is not None and abs(possible - total.possible) > 1e-9:
            report.scale = (total.possible, possible)
        student_rows[i][column] = num(_scaled(total, possible))
        report.filled.append(result.student)
    report.ungraded_rows = len(student_rows) - len(placed)
    _write_sheet(_Sheet(header, rows, sheet.bom, sheet.delimiter), output)
    return report
