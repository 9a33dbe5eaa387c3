"""Finding submissions: .ipynb files, zips made by otter's `grader.export()`, or folders of them.

The student id comes from the file name (`ali.ipynb`, `ali.zip`) or, for a folder per student,
from the folder name. Anything that is not a notebook still becomes a submission, so that it gets
a recorded `invalid` result instead of disappearing.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from autograder.errors import ConfigError, InvalidSubmission

MAX_ZIP_MEMBERS = 200
MAX_ZIP_UNCOMPRESSED = 100 * 1024 * 1024
MAX_FILE_BYTES = 50 * 1024 * 1024
IGNORED_NAMES = {".DS_Store", "Thumbs.db", "__MACOSX", ".ipynb_checkpoints", "__pycache__"}


CANVAS_FILE = re.compile(r"^(?P<student>[^_]+?)(?:_LATE)?_(?P<user>\d+)_(?P<submission>\d+)_(?P<file>.+)$")
"""Canvas bulk download: `name[_LATE]_<user id>_<submission id>_<original file name>`."""
MOODLE_FOLDER = re.compile(r"^(?P<student>.+?)_(?P<participant>\d+)_assignsubmission_\w*$")
"""Moodle bulk download: a folder `<Full Name>_<participant id>_assignsubmission_file_` each."""


@dataclass(frozen=True)
class Submission:
    student: str
    path: Path
    note: str = ""
    """How the file was chosen (e.g. the newest of several), reported in the result."""

    def read_notebook(self, *, assignment: str = "") -> bytes:
        """The notebook's bytes, from the file or from inside the export zip."""
        if self.path.is_dir():
            raise InvalidSubmission(f"{self.path.name}/ holds no .ipynb notebook or export zip")
        if self.path.suffix.lower() == ".zip":
            return read_notebook_from_zip(self.path, assignment=assignment)
        if self.path.suffix.lower() != ".ipynb":
            kind = self.path.suffix or "extension-less"
            raise InvalidSubmission(
                f"{self.path.name} is not a notebook: submit the .ipynb file (or the zip made by "
                f"grader.export()), not a {kind} file")
        size = self.path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InvalidSubmission(f"{self.path.name} is {size // 2**20} MB; the limit is "
                                    f"{MAX_FILE_BYTES // 2**20} MB (clear large outputs)")
        return self.path.read_bytes()


def collect_submissions(paths: list[Path]) -> list[Submission]:
    """Expand files and folders into submissions with unique, filesystem-safe student ids.

    Understands a flat folder of files (one per student, or Canvas's `name_id_id_file` names,
    several per student), a folder per student (Moodle's layout among others), and zips.
    When a student has several submissions the newest is graded and the result says so.
    """
    found: list[Submission] = []
    for path in map(Path, paths):
        if not path.exists():
            raise ConfigError(f"submission path {path} does not exist")
        if path.is_file():
            found.append(Submission(student_id(path.stem), path))
            continue
        entries = [e for e in sorted(path.iterdir())
                   if e.name not in IGNORED_NAMES and not e.name.startswith(".")]
        found += [_from_folder(e) for e in entries if e.is_dir()]
        found += _newest_per_student([e for e in entries if e.is_file()])
    return _deduplicate(found)


def folder_submission(folder: Path, *, student: str | None = None) -> Submission:
    """One student's folder as one submission, chosen as for a folder per student: its newest
    notebook, else its newest zip (Gradescope's /autograder/submission is such a folder)."""
    found = _from_folder(Path(folder))
    return found if student is None else Submission(student_id(student), found.path, found.note)


def _from_folder(folder: Path) -> Submission:
    moodle = MOODLE_FOLDER.match(folder.name)
    student = student_id(moodle.group("student") if moodle else folder.name)
    candidates = _gradable_files(folder)
    if not candidates:
        return Submission(student, folder)
    chosen = max(candidates, key=lambda p: (p.stat().st_mtime, p.name))
    return Submission(student, chosen, _several_note(candidates, chosen))


def _gradable_files(folder: Path) -> list[Path]:
    def ignored(path: Path) -> bool:  # editor backups, macOS resource forks, checkpoints
        parts = path.relative_to(folder).parts
        return any(p in IGNORED_NAMES or p.startswith(".") or p == ".ipynb_checkpoints"
                   for p in parts)

    for pattern in ("*.ipynb", "*.zip"):
        candidates = [p for p in folder.rglob(pattern) if not ignored(p) and p.is_file()]
        if candidates:
            return candidates
    return []


def _newest_per_student(files: list[Path]) -> list[Submission]:
    groups: dict[str, list[Path]] = {}
    for file in files:
        canvas = CANVAS_FILE.match(file.name)
        key = canvas.group("student") if canvas else file.stem
        groups.setdefault(student_id(key), []).append(file)
    chosen = []
    for student, group in groups.items():
        notebooks = [f for f in group if f.suffix.lower() in (".ipynb", ".zip")] or group
        newest = max(notebooks, key=lambda p: (p.stat().st_mtime, p.name))
        chosen.append(Submission(student, newest, _several_note(notebooks, newest)))
    return chosen


def _several_note(candidates: list[Path], chosen: Path) -> str:
    if len(candidates) < 2:
        return ""
    return f"{len(candidates)} submissions found; graded the newest, {chosen.name}"


def student_id(raw: str) -> str:
    """Keep letters (any script), digits, '-', '_' and '.'; everything else becomes '_'."""
    text = unicodedata.normalize("NFC", raw).strip()
    text = re.sub(r"[^\w.\-]+", "_", text, flags=re.UNICODE).strip("._")
    return text[:100] or "unnamed"


def _deduplicate(submissions: list[Submission]) -> list[Submission]:
    """Ids made unique with '-2', '-3'...; a suffix never takes an id a real student has."""
    taken = {sub.student for sub in submissions}
    used: set[str] = set()
    unique = []
    for sub in submissions:
        student, n = sub.student, 1
        while student in used or (n > 1 and student in taken):
            n += 1
            student = f"{sub.student}-{n}"
        used.add(student)
        unique.append(sub if student == sub.student else Submission(student, sub.path, sub.note))
    return unique


def read_notebook_from_zip(path: Path, *, assignment: str = "") -> bytes:
    """The one notebook inside an otter export zip, read in memory after safety checks."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise InvalidSubmission(f"{path.name} is not a readable zip file ({exc})") from None
    with archive:
        members = archive.infolist()
        _check_zip_safety(path.name, members)
        notebooks = [m for m in members if m.filename.lower().endswith(".ipynb")
                     and "__MACOSX" not in m.filename and ".ipynb_checkpoints" not in m.filename]
        if not notebooks:
            raise InvalidSubmission(f"{path.name} contains no .ipynb notebook")
        if len(notebooks) > 1:
            preferred = [m for m in notebooks if Path(m.filename).stem == assignment]
            if len(preferred) != 1:
                names = ", ".join(m.filename for m in notebooks)
                raise InvalidSubmission(f"{path.name} contains several notebooks ({names}); "
                                        "submit a zip with exactly one")
            notebooks = preferred
        try:
            return archive.read(notebooks[0])
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, EOFError) as exc:
            # damaged member (bad CRC), password protection, unsupported compression
            raise InvalidSubmission(f"{path.name}: {notebooks[0].filename} cannot be read "
                                    f"from the zip ({exc})") from None


def _check_zip_safety(name: str, members: list[zipfile.ZipInfo]) -> None:
    if len(members) > MAX_ZIP_MEMBERS:
        raise InvalidSubmission(f"{name} has {len(members)} files; at most {MAX_ZIP_MEMBERS}")
    total = sum(m.file_size for m in members)
    if total > MAX_ZIP_UNCOMPRESSED:
        raise InvalidSubmission(f"{name} would unpack to {total // 2**20} MB; the limit is "
                                f"{MAX_ZIP_UNCOMPRESSED // 2**20} MB")
    for member in members:
        parts = Path(member.filename).parts
        if member.filename.startswith(("/", "\\")) or ".." in parts or ":" in member.filename:
            raise InvalidSubmission(f"{name} contains an unsafe path ({member.filename!r})")
