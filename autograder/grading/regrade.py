"""What a regrade into an output folder must respect: the manual grades merged there before.

Merged manual grades (``OUT/manual_grades.json``) are tied to the SHA-256 of the file they were
given for. A regrade refuses (without ``force``) when such a student has submitted another file
since; afterwards it says which manual grades were set aside and which exports are out of date.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from autograder.errors import AutograderError, ConfigError
from autograder.grading.intake import collect_submissions
from autograder.reports.exports import exported_files
from autograder.reports.manual_store import apply_manual, changed_submissions, load_store
from autograder.results import SubmissionResult


def refuse_lost_manual_grades(*, out_dir: Path, submissions: list[Path], assignment: str,
                              force: bool) -> None:
    """ConfigError when a regrade would silently set aside merged manual grades."""
    changed = changed_since_manual_grading(out_dir=out_dir, submissions=submissions,
                                           assignment=assignment)
    if changed and not force:
        raise ConfigError(
            f"{len(changed)} student(s) with merged manual grades in {out_dir} submitted another "
            f"file since: {', '.join(changed)}. Their manual grades were given for the old "
            "file, so this regrade would not apply them. Restore the graded files, or pass "
            "--force: their manual grades stay in manual_grades.json but are set aside, and "
            "`autograder manual-sheet` lists those questions again.")


def changed_since_manual_grading(*, out_dir: Path, submissions: list[Path],
                                 assignment: str) -> list[str]:
    """Students whose manual grades in OUT were given for a file other than the one now found."""
    store = load_store(out_dir)
    if not store:
        return []
    shas = {}
    for sub in collect_submissions(list(submissions)):
        if sub.student in store:
            try:
                shas[sub.student] = hashlib.sha256(
                    sub.read_notebook(assignment=assignment)).hexdigest()
            except AutograderError:  # not a notebook any more: not the graded file either
                shas[sub.student] = ""
    return changed_submissions(store=store, shas=shas)


def after_regrade_notes(*, out_dir: Path, results: list[SubmissionResult]) -> list[str]:
    """What the TA should know once a regrade is written: manual grades set aside (another file,
    or the new one did not run) and exports that still hold the old grades."""
    notes = []
    set_aside = apply_manual(results, load_store(out_dir))
    if set_aside:
        notes.append(f"set aside the manual grades of {', '.join(set_aside)}: they were given "
                     "for another file, or the new one did not run; they stay in "
                     f"manual_grades.json, and `autograder manual-sheet {out_dir} --force` lists "
                     "the questions to grade again")
    return notes + old_exports_notes(out_dir=out_dir)


def old_exports_notes(*, out_dir: Path) -> list[str]:
    """Exports made before the grades changed (a regrade, a merge) still hold the old grades."""
    old = exported_files(out_dir)
    return [f"out of date: {', '.join(map(str, old))} hold the grades as they were when "
            "exported; run `autograder export` again before importing"] if old else []
