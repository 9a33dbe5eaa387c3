"""autograder.authoring.mutants: known-wrong notebooks made from a master's model answer."""

from __future__ import annotations

import json
import re

import nbformat
import pytest

from autograder.authoring import master as builder
from autograder.authoring.mutants import Mistake, Mutant, answered_cells, write_mutants

SOLUTION = """
def double(x):
    # YOUR CODE HERE
    # BEGIN SOLUTION
    return 2 * x
    # END SOLUTION
"""
PUBLIC = "def test_double_small(double):\n    assert double(2) == 4\n"
HIDDEN = ("def test_double_hidden(double):\n    assert double(5) == 10\n", 2)


@pytest.fixture
def master(tmp_path):
    parts = [builder.AutoQuestion("q1", "Double it.", [SOLUTION], [PUBLIC], [HIDDEN]),
             builder.Code("slow_training = True", tags=("skip-grading",)),
             builder.ManualQuestion("q2", 1, "Why?", "Because.")]
    notebook = builder.build_notebook(name="hw", config="# ASSIGNMENT CONFIG\nname: hw",
                                        intro="# hw", imports="import numpy as np", parts=parts)
    path = tmp_path / "hw.ipynb"
    builder.write_master(path, notebook)
    return path


def test_answered_cells_are_what_a_complete_student_notebook_holds(master):
    cells = answered_cells(nbformat.read(master, as_version=4), notebook_name="hw.ipynb")
    code = [c.source for c in cells if c.cell_type == "code"]
    assert code[0] == 'import otter\ngrader = otter.Notebook("hw.ipynb")'
    assert "def double(x):\n    return 2 * x" in code
    assert 'grader.check("q1")' in code and 'grader.check("q2")' not in code  # q2 is manual
    assert not any("BEGIN" in c or "test_double" in c for c in code)
    tagged = [c for c in cells if c.cell_type == "code" and c.source == "slow_training = True"]
    assert tagged[0].metadata["tags"] == ["skip-grading"]


def test_write_mutants_patches_labels_and_removes_stale_notebooks(master, tmp_path):
    folder = tmp_path / "mutants"
    folder.mkdir()
    (folder / "old_one.ipynb").write_text("{}")
    mutant = Mutant("q1_triples", ("q1",), "triples instead of doubling",
                    (("return 2 * x", "return 3 * x"),))
    mistake = Mistake("triples", "سه برابر", "You triple x; double it.", "x را دو برابر کنید.")
    write_mutants(folder, master=master, mutants=[mutant], mistakes={"q1_triples": mistake})
    assert sorted(p.name for p in folder.iterdir()) == ["q1_triples.ipynb"]
    written = json.loads((folder / "q1_triples.ipynb").read_text())
    assert written["metadata"]["autograder"]["mutant"] == {
        "must_lose": ["q1"], "description": "triples instead of doubling",
        "functions": ["double"],
        "mistake": {"name": {"en": "triples", "fa": "سه برابر"},
                    "explanation": {"en": "You triple x; double it.",
                                    "fa": "x را دو برابر کنید."}}}
    sources = ["".join(c["source"]) for c in written["cells"]]
    assert any("return 3 * x" in s for s in sources) and not any("2 * x" in s for s in sources)
    before = (folder / "q1_triples.ipynb").read_bytes()
    write_mutants(folder, master=master, mutants=[mutant], mistakes={"q1_triples": mistake})
    assert (folder / "q1_triples.ipynb").read_bytes() == before  # stable ids: reruns are identical


@pytest.mark.parametrize("old", ["return 4 * x", "x"])
def test_a_patch_must_match_exactly_once(master, tmp_path, old):
    mutant = Mutant("q1_bad", ("q1",), "", ((old, "pass"),))
    with pytest.raises(ValueError, match="patch target found"):
        write_mutants(tmp_path, master=master, mutants=[mutant])


def test_a_mistake_for_an_unknown_mutant_is_refused(master, tmp_path):
    mutant = Mutant("q1_triples", ("q1",), "", (("return 2 * x", "return 3 * x"),))
    mistake = Mistake("a", "ب", "c", "د")
    with pytest.raises(ValueError, match="q1_renamed"):
        write_mutants(tmp_path, master=master, mutants=[mutant], mistakes={"q1_renamed": mistake})


@pytest.mark.parametrize("hw", ["hw01", "hw02", "hw03", "hw04", "hw05"])
def test_every_mutant_of_the_course_names_its_mistake_in_both_languages(hw):
    from conftest import ROOT
    paths = sorted((ROOT / "assignments" / hw / "mutants").glob("*.ipynb"))
    assert len(paths) >= 3
    for path in paths:
        meta = json.loads(path.read_text("utf-8"))["metadata"]["autograder"]["mutant"]
        assert meta["functions"], path.name  # the functions its patch changed
        mistake = meta["mistake"]
        for part in ("name", "explanation"):
            english, persian = mistake[part]["en"], mistake[part]["fa"]
            assert english.strip() and persian.strip(), (path.name, part)
            assert re.search("[\u0600-\u06ff]", persian), (path.name, part, persian)
            assert not re.search("[\u0600-\u06ff]", english), (path.name, part, english)
        assert len(mistake["name"]["en"]) <= 60, path.name
