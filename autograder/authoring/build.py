"""`autograder build`: otter assign a master notebook into a student template and a grading bundle.

When the assignment is written as a percent file (``assignments/<hw>/<hw>.pct.py``), the master
notebook ``<hw>.ipynb`` is first regenerated from it (:mod:`autograder.authoring.percent`).
The student template (notebook + public data) goes to `student_template/<hw>/` and is committed;
the bundle (otter's autograder folder with hidden tests, the solution notebook, questions.json)
goes to `build/<hw>/`, readable by root only, and Gradescope's autograder to
`build/<hw>/gradescope/autograder.zip` (see authoring/gradescope.py). The build fails if anything
of the solutions or of the hidden tests reached the student template.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

from autograder.authoring.gradescope import write_gradescope_zip
from autograder.authoring.percent import percent_path, sync_master
from autograder.authoring.otter_format import read_master, read_questions  # noqa: F401
from autograder.authoring.otter_tests import (check_ok_cases_on_solution, check_tests,
                                              collect_tests, hidden_ok_lines)
from autograder.errors import BuildError
from autograder.grading.bundle import SEED_FILE, SOURCE_FILE, source_record
from autograder.project import Project, write_questions

NOTES_FILE = "notes.json"
"""build/<hw>/notes.json: what the instructor should know about a build that succeeded."""

SOLUTION_BLOCK = re.compile(r"#\s*BEGIN SOLUTION.*?\n(.*?)#\s*END SOLUTION", re.S | re.I)
SOLUTION_LINE = re.compile(r"^(.*\S)\s*#\s*SOLUTION\s*$", re.M)


def build_assignment(*, project: Project, name: str, run_tests: bool = True) -> Path:
    """Build one assignment; return its student template folder."""
    sync_percent_master(project=project, name=name)
    master = project.master(name)
    build = project.build_dir(name)
    dist = build / "dist"
    shutil.rmtree(build, ignore_errors=True)
    build.mkdir(parents=True)
    reading = read_master(master)  # before otter: refuse what otter would misread
    _run_otter_assign(project, master, dist, run_tests=run_tests)
    for notebook in (dist / "autograder" / f"{name}.ipynb", dist / "student" / f"{name}.ipynb"):
        _drop_source_record(notebook)
    tests = collect_tests(autograder_dir=dist / "autograder", notebook_name=master.stem)
    checked = check_tests(tests_dir=tests, reading=reading, master=master)
    if run_tests:  # as otter assign runs the tests on the solution, so do we, as we grade
        checked.notes += check_ok_cases_on_solution(
            tests_dir=tests, solution=project.solution_notebook(name), master=master)
    write_questions(build / "questions.json", checked.questions)
    (build / NOTES_FILE).write_text(json.dumps(checked.notes, indent=1), "utf-8")
    if reading.seed is not None:
        (build / SEED_FILE).write_text(json.dumps(reading.seed), "utf-8")
    (build / SOURCE_FILE).write_text(json.dumps(source_record(project=project, name=name)),
                                     "utf-8")
    template = project.template_dir(name)
    shutil.rmtree(template, ignore_errors=True)
    shutil.copytree(dist / "student", template,
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    check_no_leaks(master=master, template=template, bundle_tests=dist / "autograder" / "tests")
    _stabilise_cell_ids(template / f"{name}.ipynb", prefix=name)
    write_gradescope_zip(project=project, name=name)
    os.chmod(project.root / "build", 0o700)  # sandbox uids must not read hidden tests
    return template


def sync_percent_master(*, project: Project, name: str) -> bool:
    """Regenerate assignments/<name>/<name>.ipynb from its percent file, if it has one; return
    whether the master was rewritten (BuildError if that would lose edits made to it by hand)."""
    master = project.root / "assignments" / name / f"{name}.ipynb"
    source = percent_path(master)
    return source.is_file() and sync_master(source=source, master=master)


def _drop_source_record(notebook_path: Path) -> None:
    """otter copies the master's metadata into the notebooks it writes; the master's record of
    its percent file (``metadata.autograder``) means nothing to students or graders."""
    if not notebook_path.is_file():
        return
    notebook = json.loads(notebook_path.read_text("utf-8"))
    if notebook.get("metadata", {}).pop("autograder", None) is not None:
        text = json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False)
        notebook_path.write_text(text + "\n", "utf-8")


def build_notes(*, project: Project, name: str) -> list[str]:
    """The notes of the last build of ``name`` (questions otter grades as nothing, ...)."""
    path = project.build_dir(name) / NOTES_FILE
    return json.loads(path.read_text("utf-8")) if path.is_file() else []


def _stabilise_cell_ids(notebook_path: Path, *, prefix: str) -> None:
    """otter assign gives some cells random ids; numbered ids make rebuilds byte-identical, so the
    committed template only changes when its content does."""
    notebook = json.loads(notebook_path.read_text("utf-8"))
    for index, cell in enumerate(notebook.get("cells", [])):
        cell["id"] = f"{prefix}-{index:03d}"
    text = json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False)
    notebook_path.write_text(text + "\n", "utf-8")


def _run_otter_assign(project: Project, master: Path, dist: Path, *, run_tests: bool) -> None:
    command = [sys.executable, "-m", "otter", "assign", "--no-pdfs", str(master), str(dist)]
    if not run_tests:
        command.insert(4, "--no-run-tests")
    env = dict(os.environ, PYTHONPATH=str(project.root))  # hidden tests import `solutions`
    proc = subprocess.run(command, cwd=master.parent, env=env, capture_output=True, text=True)
    if proc.returncode != 0 or not (dist / "student").is_dir():
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-25:])
        raise BuildError(f"otter assign failed for {master.name}:\n{tail}")


def check_no_leaks(*, master: Path, template: Path, bundle_tests: Path) -> None:
    """Fail if a solution line, a hidden test or a `solutions` import reached the template."""
    text = "\n".join(p.read_text("utf-8", errors="replace") for p in template.rglob("*")
                     if p.is_file() and p.suffix in (".ipynb", ".py", ".md", ".txt"))
    student_code = "\n".join(_notebook_code(p) for p in template.glob("*.ipynb"))
    problems = []
    for line in solution_lines(master):
        if line in student_code:
            problems.append(f"solution line {line!r}")
    for name in hidden_test_names(bundle_tests):
        if re.search(rf"\b{re.escape(name)}\b", text):
            problems.append(f"hidden test {name!r}")
    for line in hidden_ok_lines(bundle_tests):
        if line in student_code:
            problems.append(f"hidden test line {line!r}")
    if re.search(r"^\s*(from|import)\s+solutions\b", student_code, re.M):
        problems.append("an import of the `solutions` package")
    if problems:
        raise BuildError(f"the student template of {master.stem} leaks: " + "; ".join(problems[:10]))


def _notebook_code(path: Path) -> str:
    notebook = json.loads(path.read_text("utf-8"))
    code = ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in notebook["cells"] if c.get("cell_type") == "code"]
    for meta in (notebook.get("metadata", {}).get("otter", {}).get("tests", {}) or {}).values():
        code.append(meta if isinstance(meta, str) else json.dumps(meta))
    return "\n".join(code)


def solution_lines(master: Path) -> list[str]:
    """Distinctive lines of solution code (long enough not to be a stub like `return x`)."""
    notebook = nbformat.read(master, as_version=4)
    lines = set()
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        blocks = SOLUTION_BLOCK.findall(cell.source) + SOLUTION_LINE.findall(cell.source)
        for block in blocks:
            for line in block.splitlines():
                line = line.strip()
                if len(line) >= 25 and not line.startswith("#"):
                    lines.add(line)
    return sorted(lines)


def hidden_test_names(tests_dir: Path) -> list[str]:
    """Function names of hidden test cases in the bundle's test files."""
    names = []
    for path in sorted(Path(tests_dir).glob("*.py")):
        source = path.read_text("utf-8")
        for match in re.finditer(r"@test_case\(([^)]*)\)\s*\ndef\s+(\w+)", source):
            if "hidden=True" in match.group(1).replace(" ", ""):
                names.append(match.group(2))
    return names
