"""Masters written as percent files: what build adds, what it refuses, and the converter from a
master notebook (or an old make_master.py) to a percent file."""

from __future__ import annotations

import shutil
from pathlib import Path

import jupytext
import nbformat
import pytest

from autograder.authoring.build import sync_percent_master
from autograder.authoring.percent import (generated_master, master_from_cells,
                                          master_from_percent, sync_master)
from autograder.authoring.to_percent import convert_assignment, percent_text
from autograder.authoring.validate import mutant_warnings
from autograder.errors import BuildError, ConfigError
from autograder.project import Project
from conftest import FIXTURE_PROJECT

CONFIG = """\
# %% [raw]
# # ASSIGNMENT CONFIG
# name: hw09
# tests:
#   files: true
#   ok_format: false

# %%
import numpy as np
"""

AUTO = '''
# %% [raw]
# # BEGIN QUESTION
# name: q1

# %% [markdown]
# Write `double(x)`.

# %%
def double(x):
    # BEGIN SOLUTION
    return 2 * x
    # END SOLUTION

# %% tags=["skip-grading"]
print(double(3))

# %% test="public"
def test_small(double):
    assert double(1) == 2

# %% test="hidden" points=2
def test_hidden(double):
    assert double(5) == 10

# %% test="hidden" points=1.5
def test_zero(double):
    assert double(0) == 0
'''

MANUAL = '''
# %% [raw]
# # BEGIN QUESTION
# name: q2
# manual: true
# points: 2

# %% [markdown]
# Why?

# %% [markdown] solution=true
# Because.

# %% [markdown]
# ## After the questions
'''


def write(tmp_path: Path, text: str, name: str = "hw09") -> Path:
    path = tmp_path / f"{name}.pct.py"
    path.write_text(text, encoding="utf-8")
    return path


def kinds(notebook) -> list[str]:
    return [c.source.splitlines()[0] if c.cell_type == "raw" else c.cell_type
            for c in notebook.cells]


def test_build_adds_markers_points_test_configs_and_ids(tmp_path):
    notebook = master_from_percent(write(tmp_path, CONFIG + AUTO + MANUAL))
    assert kinds(notebook) == [
        "# ASSIGNMENT CONFIG", "code",
        "# BEGIN QUESTION", "markdown", "# BEGIN SOLUTION", "code", "code", "# END SOLUTION",
        "# BEGIN TESTS", "code", "code", "code", "# END TESTS", "# END QUESTION",
        "# BEGIN QUESTION", "markdown", "# BEGIN SOLUTION", "markdown", "# END SOLUTION",
        "# END QUESTION", "markdown"]
    cells = notebook.cells
    assert cells[2].source == "# BEGIN QUESTION\nname: q1\npoints: 3.5"
    assert cells[6].metadata == {"tags": ["skip-grading"]} and cells[5].metadata == {}
    assert cells[9].source.startswith('""" # BEGIN TEST CONFIG\nhidden: false\npoints: 0\n"""')
    assert cells[10].source == ('""" # BEGIN TEST CONFIG\nhidden: true\npoints: 2\n'
                                '""" # END TEST CONFIG\ndef test_hidden(double):\n'
                                '    assert double(5) == 10')
    assert cells[14].source == "# BEGIN QUESTION\nname: q2\nmanual: true\npoints: 2"
    assert cells[17].source == "Because." and cells[17].metadata == {}
    assert [c.id for c in cells] == [f"hw09-{i:03d}" for i in range(len(cells))]
    assert notebook.metadata["kernelspec"]["name"] == "python3"
    nbformat.validate(notebook)


@pytest.mark.parametrize("text, message", [
    (AUTO.replace("name: q1", "name: q1\n# points: 4"),
     "header says points: 4 but its hidden tests add up to 3.5"),
    (AUTO.split("# %% test=")[0], "question q1: no tests after the model answer"),
    (AUTO.replace('test="public"', 'test="visible"'), "test='visible'"),
    (AUTO.replace('test="hidden" points=2', 'test="hidden"'), "points=0"),
    (AUTO.replace("# %% test=\"public\"", "# %% test=\"public\" points=1"), "points=1"),
    (MANUAL.replace("# points: 2\n", ""), "a manual question needs `points:`"),
    (MANUAL.replace(" solution=true", ""), "question q2: no model answer"),
    ("\n# %% test=\"hidden\" points=1\ndef test_x(f):\n    pass\n", "not inside a question"),
    (AUTO + '\n# %% [markdown] test="hidden" points=1\n# Words.\n', "only code cells"),
    (AUTO + "\n# %% [markdown] solution=true\n# Words.\n", "not inside a question"),
    ("\n# %% [raw]\n# # BEGIN QUESTION\n# points: 1\n", "needs `name: q1`"),
])
def test_a_broken_layout_stops_the_build_naming_the_place(tmp_path, text, message):
    with pytest.raises(BuildError, match="hw09.pct.py") as caught:
        master_from_percent(write(tmp_path, CONFIG + text))
    assert message in str(caught.value)


def test_a_percent_file_with_otters_own_markers_passes_through(tmp_path):
    literal = CONFIG + '''
# %% [raw]
# # BEGIN QUESTION
# name: q1
# points: 1

# %% [raw]
# # BEGIN SOLUTION

# %%
x = 1  # SOLUTION

# %% [raw]
# # END SOLUTION

# %% [raw]
# # END QUESTION
'''
    notebook = master_from_percent(write(tmp_path, literal))
    assert kinds(notebook) == ["# ASSIGNMENT CONFIG", "code", "# BEGIN QUESTION",
                               "# BEGIN SOLUTION", "code", "# END SOLUTION", "# END QUESTION"]
    assert notebook.cells[2].source == "# BEGIN QUESTION\nname: q1\npoints: 1"


def test_sync_rewrites_only_on_change_and_refuses_to_lose_hand_edits(tmp_path):
    source = write(tmp_path, CONFIG + AUTO)
    master = tmp_path / "hw09.ipynb"
    assert sync_master(source=source, master=master) is True
    assert sync_master(source=source, master=master) is False
    ran = nbformat.read(master, as_version=4)  # running it in Jupyter is not an edit
    ran.cells[1].outputs = [nbformat.v4.new_output("stream", text="hi\n")]
    nbformat.write(ran, master)
    source.write_text(source.read_text().replace("2 * x", "x + x"), encoding="utf-8")
    assert sync_master(source=source, master=master) is True
    assert "x + x" in master.read_text()
    edited = nbformat.read(master, as_version=4)
    edited.cells[5].source = edited.cells[5].source.replace("x + x", "x * 2")
    nbformat.write(edited, master)
    source.write_text(source.read_text().replace("x + x", "2 * x"), encoding="utf-8")
    with pytest.raises(BuildError, match="to-percent hw09 --force"):
        sync_master(source=source, master=master)
    assert "x * 2" in master.read_text()


def test_build_regenerates_the_master_from_its_percent_file(tmp_path):
    root = tmp_path / "course"
    shutil.copytree(FIXTURE_PROJECT, root)
    project = Project.locate(root)
    assert sync_percent_master(project=project, name="tiny") is False  # no percent file
    folder = root / "assignments" / "hw09"
    folder.mkdir()
    write(folder, CONFIG + AUTO)
    assert sync_percent_master(project=project, name="hw09") is True
    assert "hw09" in project.assignments()


@pytest.mark.parametrize("name", ["hw01", "hw02", "hw03", "hw04"])
def test_the_course_masters_convert_compactly_and_exactly(name):
    master = Path(__file__).resolve().parents[2] / "assignments" / name / f"{name}.ipynb"
    notebook = nbformat.read(master, as_version=4)
    text, compact, note = percent_text(notebook, name=name)
    assert compact, note
    rebuilt = master_from_cells(jupytext.reads(text, fmt="py:percent").cells, name=name,
                                where=name)
    assert [dict(c) for c in rebuilt.cells] == [dict(c) for c in notebook.cells]


def test_a_master_outside_the_compact_layout_keeps_otters_markers(tmp_path):
    notebook = generated_master(write(tmp_path, CONFIG + AUTO))
    test = notebook.cells[10]
    test.source = test.source.replace("points: 2\n", "points: 2\nsuccess_message: good\n")
    text, compact, note = percent_text(notebook, name="hw09")
    assert not compact and "only `hidden` and `points`" in note
    assert "# # BEGIN TESTS" in text and "success_message: good" in text
    rebuilt = master_from_cells(jupytext.reads(text, fmt="py:percent").cells, name="hw09",
                                where="hw09")
    assert [c.source for c in rebuilt.cells] == [c.source for c in notebook.cells]


LEGACY_SCRIPT = '''
import sys
from pathlib import Path
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from autograder.authoring import master
from hw09_content import PARTS

SCRIPT = master.MasterScript(path=HERE / "hw09.ipynb", config=master.assignment_config("hw09"),
                             intro="# hw09", imports="import numpy as np", parts=PARTS)
if __name__ == "__main__":
    SCRIPT.write()
'''

LEGACY_CONTENT = '''
from autograder.authoring.master import AutoQuestion, ManualQuestion
PARTS = [AutoQuestion("q1", "Write `double(x)`.",
                      ["def double(x):\\n    # BEGIN SOLUTION\\n    return 2 * x\\n"
                       "    # END SOLUTION"],
                      ["def test_small(double):\\n    assert double(1) == 2"],
                      [("def test_hidden(double):\\n    assert double(5) == 10", 2)]),
         ManualQuestion("q2", 2, "Why?", "Because.")]
'''


def test_to_percent_converts_a_make_master_script_in_one_step(tmp_path):
    folder = tmp_path / "hw09"
    (folder / "mutants").mkdir(parents=True)
    (folder / "make_master.py").write_text(LEGACY_SCRIPT)
    (folder / "hw09_content.py").write_text(LEGACY_CONTENT)
    (folder / "make_data.py").write_text("import hw09_shared\n")
    (folder / "hw09_shared.py").write_text("X = 1\n")
    (folder / "hw09_content.py").write_text(LEGACY_CONTENT + "import hw09_shared\n"
                                            "from make_hw09_data import DATA_PATH\n")
    (folder / "make_hw09_data.py").write_text('DATA_PATH = "data/x.csv"\n'
                                              'if __name__ == "__main__":\n    pass\n')
    done = convert_assignment(folder=folder)
    assert done.compact and done.percent == folder / "hw09.pct.py"
    assert sorted(p.name for p in done.removed) == ["hw09_content.py", "make_master.py"]
    assert (folder / "hw09_shared.py").is_file() and (folder / "make_data.py").is_file()
    assert (folder / "make_hw09_data.py").is_file()  # a script of its own: kept
    master = nbformat.read(folder / "hw09.ipynb", as_version=4)
    assert master.cells[3].source == "# BEGIN QUESTION\nname: q1\npoints: 2"
    text = done.percent.read_text()
    assert '# %% test="hidden" points=2' in text and "# %% [markdown] solution=true" in text
    assert "points: 2" not in text.split("name: q2")[0]  # the summed points are build's job
    with pytest.raises(ConfigError, match="already exists; pass --force"):
        convert_assignment(folder=folder)
    assert convert_assignment(folder=folder, force=True).removed == []


def test_validate_warns_below_the_mutants_the_suite_requires(tmp_path):
    root = tmp_path / "course"
    shutil.copytree(FIXTURE_PROJECT, root)
    project = Project.locate(root)
    for extra in project.mutants("tiny")[1:]:
        extra.unlink()
    (warning,) = mutant_warnings(project=project, name="tiny")
    assert "tiny has 1 known-wrong notebook(s)" in warning and "at least 3" in warning
    for extra in project.mutants("tiny"):
        extra.unlink()
    assert "tiny has no known-wrong notebooks" in mutant_warnings(project=project, name="tiny")[0]


def test_converting_a_master_twice_gives_the_same_percent_file(tmp_path):
    source = write(tmp_path, CONFIG + AUTO + MANUAL)
    first, _, _ = percent_text(generated_master(source), name="hw09")
    second = write(tmp_path, first, name="again")
    assert percent_text(generated_master(second), name="hw09")[0] == first
    assert first.startswith("# %% [raw]\n# # ASSIGNMENT CONFIG")
