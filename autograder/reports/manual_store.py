"""The TAs' manual grades, kept apart from the automatic results: ``OUT/manual_grades.json``.

``autograder grade`` rewrites ``OUT/results/*.json`` on every (re)grade; manual points and
comments merged by ``autograder merge-manual`` live in their own file, so a regrade cannot drop
them. Every report and export re-applies them with :func:`apply_manual`::

    {"version": 1,
     "students": {"ali": {"submission_sha256": "9f2c...",
                          "questions": {"q3": {"points": 1.5, "comment": "clear"}}}}}

A student's grades are tied to the submission they were given for (its SHA-256, as in the
result): they are applied only while the result was graded from that same file. If the student's
file has changed, :func:`changed_submissions` names them, and ``autograder grade`` refuses to
regrade without ``--force``; with it, those grades stay in the file but are not applied (the
manual sheet lists the questions again, for the new submission).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from autograder.errors import ConfigError
from autograder.results import SubmissionResult, write_json_atomic

STORE_FILE = "manual_grades.json"
LEGACY_COMMENTS_FILE = "manual_comments.json"
"""Where comments went before the store existed; still read (the store wins)."""
GRADABLE = ("graded", "timeout")
"""Statuses whose submissions ran and so have manual questions to grade (not `invalid`,
`error`): the sheet, the merge, the summary's "awaiting" list and the exports agree on this."""


@dataclass
class ManualGrade:
    points: float | None = None
    comment: str = ""


@dataclass
class StudentGrades:
    submission_sha256: str
    questions: dict[str, ManualGrade] = field(default_factory=dict)


def store_path(out_dir: Path) -> Path:
    return Path(out_dir) / STORE_FILE


def load_store(out_dir: Path) -> dict[str, StudentGrades]:
    """The merged manual grades of a grading folder ({} when nothing was merged)."""
    path = store_path(out_dir)
    store: dict[str, StudentGrades] = {}
    if path.is_file():
        data = _read_json(path)
        students = data.get("students") if isinstance(data, dict) else None
        if not isinstance(students, dict):
            raise ConfigError(f"{path} is not a manual-grades file (no 'students' object); "
                              "restore it from a backup, or move it away to start over")
        for student, entry in students.items():
            store[str(student)] = _entry(entry, path)
    return store


def _read_json(path: Path):
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"{path} cannot be read ({exc}); restore it from a backup, or move "
                          "it away to start over") from None


def _entry(entry, path: Path) -> StudentGrades:
    if not isinstance(entry, dict) or not isinstance(entry.get("questions", {}), dict):
        raise ConfigError(f"{path}: a student's entry is not an object with 'questions'")
    grades = StudentGrades(str(entry.get("submission_sha256", "")))
    for question, grade in entry.get("questions", {}).items():
        grade = grade if isinstance(grade, dict) else {}
        points = grade.get("points")
        grades.questions[str(question)] = ManualGrade(
            float(points) if isinstance(points, (int, float)) else None,
            str(grade.get("comment", "")))
    return grades


def save_store(out_dir: Path, store: dict[str, StudentGrades]) -> Path:
    path = store_path(out_dir)
    students = {s: {"submission_sha256": g.submission_sha256,
                    "questions": {q: {"points": m.points, "comment": m.comment}
                                  for q, m in sorted(g.questions.items())}}
                for s, g in sorted(store.items())}
    write_json_atomic(path, {"version": 1, "students": students})
    return path


def applies_to(grades: StudentGrades, result: SubmissionResult) -> bool:
    """Whether ``grades`` were given for the submission ``result`` was graded from."""
    return result.status in GRADABLE and (not grades.submission_sha256
                                          or grades.submission_sha256 == result.submission_sha256)


def apply_manual(results: list[SubmissionResult], store: dict[str, StudentGrades]) -> list[str]:
    """Put the stored manual points into the results' manual questions (in place); return the
    students whose stored grades were not applied because their submission changed."""
    set_aside = []
    for result in results:
        grades = store.get(result.student)
        if grades is None:
            continue
        if not applies_to(grades, result):
            set_aside.append(result.student)
            continue
        for q in result.questions:
            grade = grades.questions.get(q.name)
            if q.manual and grade is not None and grade.points is not None \
                    and 0 <= grade.points <= q.possible:
                q.points = grade.points
    return set_aside


def comments_for(out_dir: Path, results: list[SubmissionResult] | None = None,
                 ) -> dict[str, dict[str, str]]:
    """TA comments {student: {question: comment}}: the store's (only those that apply to the
    given results, when given) over any left by an older version in manual_comments.json."""
    legacy = Path(out_dir) / LEGACY_COMMENTS_FILE
    comments: dict[str, dict[str, str]] = {}
    if legacy.is_file():
        data = _read_json(legacy)
        if isinstance(data, dict):
            comments = {str(s): {str(q): str(c) for q, c in qs.items()}
                        for s, qs in data.items() if isinstance(qs, dict)}
    by_student = {r.student: r for r in results or []}
    for student, grades in load_store(out_dir).items():
        result = by_student.get(student)
        if results is not None and (result is None or not applies_to(grades, result)):
            comments.pop(student, None)
            continue
        for question, grade in grades.questions.items():
            if grade.comment:
                comments.setdefault(student, {})[question] = grade.comment
    return comments


def changed_submissions(*, store: dict[str, StudentGrades], shas: dict[str, str]) -> list[str]:
    """Students with merged manual grades whose submission about to be graded is another file
    (``shas``: student -> SHA-256 of the notebook now, "" when it cannot be read)."""
    return sorted(s for s, g in store.items()
                  if s in shas and g.submission_sha256 and g.questions
                  and shas[s] != g.submission_sha256)
