"""Every real assignment: builds from a clean copy, its committed template is current, and
`autograder validate` proves its tests (solution full marks, blank zero, mutants lose points)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import nbformat
import pytest

from autograder.grading.grader import GradeOptions
from autograder.authoring.mutants import MIN_MUTANTS, answered_cells, build_mutant
from autograder.authoring.percent import generated_master, percent_path
from autograder.authoring.validate import validate_assignment

from conftest import ASSIGNMENTS, ROOT


def _cells(path: Path) -> list[tuple[str, str]]:
    notebook = json.loads(path.read_text("utf-8"))
    return [(c["cell_type"], "".join(c["source"])) for c in notebook["cells"]]


@pytest.mark.slow
@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_committed_template_matches_a_fresh_build(built_copy, name):
    fresh = built_copy.template_dir(name) / f"{name}.ipynb"
    committed = ROOT / "student_template" / name / f"{name}.ipynb"
    assert committed.is_file(), f"run `autograder build {name}` and commit student_template/{name}"
    assert _cells(committed) == _cells(fresh), f"student_template/{name} is stale: rebuild it"


@pytest.mark.slow
@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_assignment_validates(built_copy, name):
    report = validate_assignment(project=built_copy, name=name,
                                 options=GradeOptions(workers=2, timeout=240, test_timeout=120))
    problems = [(c.notebook, c.expectation, c.outcome) for c in report.checks if not c.ok]
    assert report.ok, problems
    mutants = sum(1 for c in report.checks if c.expectation.startswith("loses"))
    assert mutants >= MIN_MUTANTS, (
        f"{name} has {mutants} known-wrong notebook(s); every assignment needs at least "
        f"{MIN_MUTANTS}: list them in assignments/{name}/mutants/make_mutants.py and run it")


def _load_script(path: Path):
    spec = importlib.util.spec_from_file_location(f"{path.parent.name}_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the script runs
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_master_notebook_is_what_its_percent_file_builds(name):
    master = ROOT / "assignments" / name / f"{name}.ipynb"
    source = percent_path(master)
    assert source.is_file(), (
        f"assignments/{name} has no {source.name}: masters are written as percent files; run "
        f"`autograder to-percent {name}` (it converts a make_master.py in one step)")
    expected = nbformat.writes(generated_master(source)) + "\n"
    assert master.read_text(encoding="utf-8") == expected, (
        f"{master.name} is not what {source.name} builds: run `autograder build {name}`")


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_mutants_are_what_make_mutants_writes(name):
    folder = ROOT / "assignments" / name / "mutants"
    make_mutants = _load_script(folder / "make_mutants.py")
    master = ROOT / "assignments" / name / f"{name}.ipynb"
    base = answered_cells(nbformat.read(master, as_version=4), notebook_name=master.name)
    mistakes = getattr(make_mutants, "MISTAKES", {})
    for mutant in make_mutants.MUTANTS:
        notebook = build_mutant(mutant, base=base, mistake=mistakes.get(mutant.name))
        expected = nbformat.writes(notebook) + "\n"
        assert (folder / f"{mutant.name}.ipynb").read_text(encoding="utf-8") == expected, (
            f"{mutant.name}.ipynb is stale: run python assignments/{name}/mutants/make_mutants.py")
    assert {p.stem for p in folder.glob("*.ipynb")} == {m.name for m in make_mutants.MUTANTS}
    assert len(make_mutants.MUTANTS) >= MIN_MUTANTS, (
        f"{name} has {len(make_mutants.MUTANTS)} mutant(s) in mutants/make_mutants.py; every "
        f"assignment needs at least {MIN_MUTANTS} known-wrong notebooks, each losing the "
        "questions it names (docs/authoring.md, 'Mutants')")
