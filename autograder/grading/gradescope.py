"""Grading one Gradescope submission: what ``run_autograder`` does inside Gradescope's container.

Gradescope's folders (under ``root``, ``/autograder`` there, a temporary folder in tests)::

    source/       the unpacked autograder.zip: gradescope.json, project/ (hidden tests,
                  solutions, data), engine/ (see autograder/authoring/gradescope.py)
    submission/   the student's upload: a notebook, or the zip made by grader.export()
    results/      where results.json must end up

The submission is graded exactly as ``autograder grade`` grades one student's folder (the same
intake, sandbox and judge), and the result is written in Gradescope's results format by
:func:`autograder.reports.exports.gradescope_result`. Before the sandbox starts, ``source``,
``submission`` and ``results`` are made root-only, and all three are hidden paths of the sandbox.
A problem of the autograder itself (a missing build, a broken config, a bug) still writes a
results.json that says what is wrong, and then raises.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from autograder.errors import AutograderError, ConfigError
from autograder.grading.bundle import load_bundle
from autograder.grading.grader import Grader, GradeOptions
from autograder.grading.intake import folder_submission
from autograder.project import Project
from autograder.reports.exports import gradescope_result
from autograder.results import write_json_atomic
from autograder.sandbox.launcher import SandboxLimits

CONFIG_NAME = "gradescope.json"
RESULTS_NAME = "results.json"


@dataclass(frozen=True)
class GradescopeLayout:
    """Gradescope's folders under one root."""

    root: Path

    @property
    def source(self) -> Path:
        return self.root / "source"

    @property
    def submission(self) -> Path:
        return self.root / "submission"

    @property
    def results(self) -> Path:
        return self.root / "results"

    @property
    def project(self) -> Path:
        return self.source / "project"


def run_gradescope(*, root: Path = Path("/autograder")) -> dict:
    """Grade ``root/submission`` and write ``root/results/results.json``; return what was written."""
    layout = GradescopeLayout(Path(root))
    layout.results.mkdir(parents=True, exist_ok=True)
    try:
        grader = _grader(layout)
        _lock_down(layout)
        result = grader.grade(folder_submission(layout.submission, student="submission"))
    except Exception as exc:  # the autograder's own problem: say so to the student, then fail
        reason = str(exc) if isinstance(exc, AutograderError) else f"{type(exc).__name__}: {exc}"
        write_json_atomic(layout.results / RESULTS_NAME, _broken_autograder(reason))
        raise
    data = gradescope_result(result=result, lang=_language(layout))
    write_json_atomic(layout.results / RESULTS_NAME, data)
    return data


def read_config(layout: GradescopeLayout) -> dict:
    path = layout.source / CONFIG_NAME
    try:
        config = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"{path} is missing or not valid JSON ({exc}); rebuild the autograder "
                          "zip with `autograder build`") from None
    if not isinstance(config, dict) or not isinstance(config.get("assignment"), str):
        raise ConfigError(f"{path} names no assignment; rebuild the autograder zip")
    return config


def _grader(layout: GradescopeLayout) -> Grader:
    config = read_config(layout)
    if not layout.submission.is_dir():
        raise ConfigError(f"{layout.submission} does not exist: nothing to grade")
    project = Project.locate(layout.project)
    project.import_solutions()
    bundle = load_bundle(project=project, name=config["assignment"])
    try:
        options = GradeOptions(
            workers=1, timeout=float(config.get("timeout", 300)),
            test_timeout=float(config.get("test_timeout", 60)),
            limits=SandboxLimits(memory_mb=int(config.get("memory_mb", 4096))),
            hidden_paths=[layout.source, layout.submission, layout.results])
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{layout.source / CONFIG_NAME}: timeout, test_timeout and memory_mb "
                          f"must be numbers ({exc})") from None
    return Grader(bundle, options)


def _language(layout: GradescopeLayout) -> str:
    """The feedback's language from gradescope.json's ``lang`` ("en", "fa" or "both")."""
    lang = read_config(layout).get("lang", "both")
    return lang if lang in ("en", "fa", "both") else "both"


def _lock_down(layout: GradescopeLayout) -> None:
    """Only root may enter the folders with the tests, the upload and the results (the sandbox
    runs as another uid; with namespaces it does not see them at all)."""
    if os.geteuid() != 0:
        return
    for folder in (layout.source, layout.submission, layout.results):
        os.chmod(folder, 0o700)


def _broken_autograder(reason: str) -> dict:
    return {"score": 0.0, "tests": [],
            "output": f"The autograder could not grade this submission: {reason}. "
                      "This is not your fault; tell the course staff, who can regrade it."}

