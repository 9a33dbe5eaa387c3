"""autograder.grading.notebook: a submitted notebook's bytes -> the code cells to run."""

from __future__ import annotations

import json

import nbformat
import pytest

from autograder.grading import notebook as nbmod
from autograder.errors import InvalidSubmission
from autograder.grading.notebook import CodeCell, notebook_metadata, parse_notebook
from nbfactory import notebook_bytes


def raw_notebook(cells, metadata=None) -> bytes:
    return json.dumps({"cells": cells, "metadata": metadata or {}, "nbformat": 4,
                       "nbformat_minor": 4}).encode("utf-8")  # 4.4: no cell ids


def code(source, tags=None):
    cell = {"cell_type": "code", "source": source, "metadata": {}, "outputs": [],
            "execution_count": None}
    if tags is not None:
        cell["metadata"]["tags"] = tags
    return cell


def markdown(source):
    return {"cell_type": "markdown", "source": source, "metadata": {}}


# ---------------------------------------------------------------- good notebooks


def test_simple_notebook():
    cells = parse_notebook(notebook_bytes(["a = 1", "b = a + 1\nprint(b)"]))
    assert cells == [CodeCell(1, "a = 1", False), CodeCell(2, "b = a + 1\nprint(b)", False)]


def test_code_cells_are_numbered_among_code_cells_only():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Title"), nbformat.v4.new_code_cell("a = 1"),
                nbformat.v4.new_markdown_cell("text"), nbformat.v4.new_raw_cell("raw"),
                nbformat.v4.new_code_cell("b = 2"), nbformat.v4.new_markdown_cell("more"),
                nbformat.v4.new_code_cell("c = 3")]
    cells = parse_notebook(nbformat.writes(nb).encode())
    assert [(c.index, c.source) for c in cells] == [(1, "a = 1"), (2, "b = 2"), (3, "c = 3")]


def test_source_given_as_list_of_strings_is_joined():
    data = raw_notebook([markdown(["# h\n", "text"]),
                         code(["import math\n", "x = math.pi\n", "y = 2"]),
                         code([])])
    cells = parse_notebook(data)
    assert [c.source for c in cells] == ["import math\nx = math.pi\ny = 2", ""]
    assert [c.index for c in cells] == [1, 2]


def test_persian_text_and_utf8_bom():
    source = "# توضیح: مقدار اولیه\nنام = 'علی'"
    data = notebook_bytes([source])
    assert parse_notebook(data)[0].source == source
    assert parse_notebook(b"\xef\xbb\xbf" + data)[0].source == source


def test_notebook_without_code_cells():
    assert parse_notebook(raw_notebook([markdown("only text")])) == []
    assert parse_notebook(raw_notebook([])) == []


@pytest.mark.parametrize("tag", ["skip-grading", "skip_grading", "otter_ignore"])
def test_skip_tags(tag):
    data = notebook_bytes(["a = 1", "train()", "b = 2"], tags={1: ["slow", tag], 2: ["other"]})
    cells = parse_notebook(data)
    assert [c.skip for c in cells] == [False, True, False]
    assert cells[1].source == "train()" and cells[1].index == 2


def test_unrelated_tags_do_not_skip():
    data = notebook_bytes(["a", "b"], tags={0: ["skip"], 1: ["grading", "ignore", "otter"]})
    assert [c.skip for c in parse_notebook(data)] == [False, False]


def test_code_cell_is_frozen():
    cell = parse_notebook(notebook_bytes(["a = 1"]))[0]
    with pytest.raises(AttributeError):
        cell.source = "evil"  # type: ignore[misc]


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize("data", [
    b'{"cells": [',
    b"",
    b"not json",
    b'{"cells": [], }',
    b"{'cells': []}",
], ids=["truncated", "empty", "text", "trailing-comma", "single-quotes"])
def test_invalid_json(data):
    with pytest.raises(InvalidSubmission) as info:
        parse_notebook(data, name="ali.ipynb")
    message = str(info.value)
    assert message.startswith("ali.ipynb is not valid notebook JSON")
    assert "Save" in message  # tells the student how to fix it


@pytest.mark.parametrize("data", [
    b"[1, 2, 3]", b'"a string"', b"42", b"null", b'{"metadata": {}}', b'{"cells": "x = 1"}',
    b'{"cells": {"0": {}}}',
], ids=["list", "string", "number", "null", "no-cells", "cells-str", "cells-dict"])
def test_json_that_is_not_a_notebook(data):
    with pytest.raises(InvalidSubmission, match="ali.ipynb is JSON but not a Jupyter notebook"):
        parse_notebook(data, name="ali.ipynb")


@pytest.mark.parametrize("cells", [
    [1, 2],
    ["x = 1"],
    [["x = 1"]],
    [code("x = 1") | {"metadata": []}],
    [code(["x", 1])],
], ids=["ints", "strings", "lists", "metadata-list", "source-with-int"])
def test_cells_of_the_wrong_shape(cells):
    with pytest.raises(InvalidSubmission, match="could not be read as a notebook"):
        parse_notebook(raw_notebook(cells), name="n.ipynb")


@pytest.mark.parametrize("data", [
    b'{"cells": [], "x": "\xe9t\xe9"}',
    b"\xff\xfe{\x00}\x00",
    b"\x80\x81\x82",
], ids=["latin1", "utf16", "binary"])
def test_non_utf8_bytes(data):
    with pytest.raises(InvalidSubmission, match="sub.ipynb is not a text file"):
        parse_notebook(data, name="sub.ipynb")


def test_default_name_in_messages():
    with pytest.raises(InvalidSubmission, match="^notebook is not valid notebook JSON"):
        parse_notebook(b"{")


def test_size_limit(monkeypatch):
    data = notebook_bytes(["x = 1"])
    monkeypatch.setattr(nbmod, "MAX_NOTEBOOK_BYTES", len(data) - 1)
    with pytest.raises(InvalidSubmission, match="big.ipynb is larger than"):
        parse_notebook(data, name="big.ipynb")
    monkeypatch.setattr(nbmod, "MAX_NOTEBOOK_BYTES", len(data))
    assert len(parse_notebook(data)) == 1


@pytest.mark.parametrize("data", [b"[" * 100_000, b'{"cells": [' + b"[" * 100_000 + b"]}"])
def test_deeply_nested_json_is_invalid_not_a_crash(data):
    with pytest.raises(InvalidSubmission):
        parse_notebook(data)


def test_notebook_metadata_of_deeply_nested_json_is_empty():
    assert notebook_metadata(b"[" * 100_000) == {}


# ---------------------------------------------------------------- metadata


def test_notebook_metadata_of_a_good_notebook():
    data = notebook_bytes(["x"], metadata={"mutant": {"expect": "fail"}, "title": "تمرین"})
    meta = notebook_metadata(data)
    assert meta["mutant"] == {"expect": "fail"}
    assert meta["title"] == "تمرین"
    assert meta["kernelspec"]["name"] == "python3"
    assert notebook_metadata(b"\xef\xbb\xbf" + data) == meta


@pytest.mark.parametrize("data", [
    b"{", b"", b"[1, 2]", b'"text"', b"3", b"null", b'{"cells": []}', b'{"metadata": [1]}',
    b'{"metadata": "x"}', b"\xff\xfe\x00", b'{"metadata": null}',
], ids=repr)
def test_notebook_metadata_of_bad_input_is_empty(data):
    assert notebook_metadata(data) == {}


# ---------------------------------------------------------------- template imports (zygote preload)


def test_template_imports_are_the_installed_top_level_modules(tmp_path):
    from autograder.grading.notebook import template_imports

    (tmp_path / "helpers.py").write_text("X = 1\n")
    template = tmp_path / "hw.ipynb"
    template.write_bytes(notebook_bytes([
        "import numpy as np\nimport os.path\nfrom sklearn.datasets import load_digits",
        "%matplotlib inline",  # not Python: skipped, the other cells still count
        "import helpers\nfrom . import nothing\nimport solutions\nimport otter\n"
        "import no_such_module_anywhere\nimport numpy",
    ]))
    assert template_imports(template) == ["numpy", "os", "sklearn"]
    assert template_imports(tmp_path / "missing.ipynb") == []
