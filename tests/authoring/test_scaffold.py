"""`autograder new`: a scaffolded assignment builds and validates out of the box."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import nbformat
import pytest

from autograder.errors import ConfigError
from autograder.grading.grader import GradeOptions
from autograder.project import Project
from autograder.sandbox.launcher import SandboxLimits
from autograder.authoring.bilingual import monolingual_in_file
from autograder.authoring.mutants import MIN_MUTANTS
from autograder.authoring.percent import generated_master
from autograder.authoring.scaffold import MUTANTS, new_assignment
from autograder.authoring.mutation import mutation_test
from autograder.authoring.validate import validate_assignment
from conftest import FIXTURE_PROJECT


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "autograder", *args], capture_output=True,
                          text=True, timeout=600)


@pytest.fixture
def project(tmp_path) -> Project:
    root = tmp_path / "course"
    shutil.copytree(FIXTURE_PROJECT, root)
    return Project.locate(root)


def test_new_assignment_builds_and_validates(project):
    proc = run_cli("--root", str(project.root), "new", "hw08")
    assert proc.returncode == 0, proc.stderr
    folder = project.root / "assignments" / "hw08"
    assert (folder / "hw08.pct.py").is_file() and (folder / "hw08.ipynb").is_file()
    assert not (folder / "make_master.py").exists()
    assert "hw08" in project.assignments()
    assert "def moving_average" in (project.root / "solutions" / "hw08.py").read_text()
    assert not monolingual_in_file(folder / "hw08.pct.py")  # every message in both languages
    assert (folder / "mutants" / "make_mutants.py").is_file()
    assert len(MUTANTS) >= MIN_MUTANTS
    for name in MUTANTS:
        mutant = json.loads((folder / "mutants" / f"{name}.ipynb").read_text())
        assert mutant["metadata"]["autograder"]["mutant"]["must_lose"] == ["q1"]

    template = project.template_dir("hw08")  # `new` builds what it wrote
    assert "built hw08" in proc.stderr and (template / "hw08.ipynb").is_file()
    for built in (template / "hw08.ipynb", project.solution_notebook("hw08")):
        assert "autograder" not in json.loads(built.read_text())["metadata"]  # master's record
    public = (template / "tests" / "q1.py").read_text()
    assert "test_moving_average_small" in public
    assert "matches_reference" not in public and "solutions" not in public
    options = GradeOptions(workers=2, timeout=30, test_timeout=10,
                           limits=SandboxLimits(memory_mb=1500))
    report = validate_assignment(project=project, name="hw08", options=options)
    assert report.ok, [(c.notebook, c.outcome) for c in report.checks]
    kinds = [c.expectation for c in report.checks]
    assert kinds == ["full marks", "zero, no crash"] + ["loses exactly q1"] * len(MUTANTS)
    assert report.warnings == []
    solution = report.checks[0].result
    assert solution.score == solution.possible == 3 and solution.manual_possible == 2
    mutation = mutation_test(project=project, name="hw08", workers=2)
    assert mutation.ok and not mutation.stale_equivalents, [o.mutant.ident for o in
                                                            mutation.survivors]
    assert {o.status for o in mutation.outcomes} == {"killed", "equivalent"}


def test_the_percent_file_reproduces_the_master(project):
    new_assignment(project=project, name="hw06")
    master = project.root / "assignments" / "hw06" / "hw06.ipynb"
    source = master.with_name("hw06.pct.py")
    assert nbformat.writes(generated_master(source)) + "\n" == master.read_text("utf-8")
    cells = nbformat.read(master, as_version=4).cells
    raws = [c.source.splitlines()[0] for c in cells if c.cell_type == "raw"]
    assert raws == ["# ASSIGNMENT CONFIG"] + ["# BEGIN QUESTION", "# BEGIN SOLUTION",
                                              "# END SOLUTION", "# BEGIN TESTS", "# END TESTS",
                                              "# END QUESTION"] + [
        "# BEGIN QUESTION", "# BEGIN SOLUTION", "# END SOLUTION", "# END QUESTION"]
    assert "name: q1\npoints: 3" in cells[3].source  # 2 + 1 hidden points, summed by build
    assert [c.id for c in cells] == [f"hw06-{i:03d}" for i in range(len(cells))]


def test_new_refuses_to_overwrite(project):
    tiny = project.root / "assignments" / "tiny" / "tiny.ipynb"
    before = tiny.read_bytes()
    with pytest.raises(ConfigError, match="already exists"):
        new_assignment(project=project, name="tiny")
    assert tiny.read_bytes() == before
    (project.root / "solutions" / "hw07.py").write_text("# someone's reference\n")
    with pytest.raises(ConfigError, match="already exists"):
        new_assignment(project=project, name="hw07")
    assert not (project.root / "assignments" / "hw07").exists()
    proc = run_cli("--root", str(project.root), "new", "tiny")
    assert proc.returncode == 2 and "already exists" in proc.stderr


@pytest.mark.parametrize("name", ["HW5", "5hw", "hw-5", "../evil", "", "hw5\n"])
def test_new_rejects_bad_names(project, name):
    with pytest.raises(ConfigError, match="invalid assignment name"):
        new_assignment(project=project, name=name)
