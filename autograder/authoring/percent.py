"""Master notebooks written as jupytext percent files: what an instructor edits and runs.

An assignment's content lives in ``assignments/<hw>/<hw>.pct.py``: real Python with ``# %%``
code cells, ``# %% [markdown]`` text and ``# %% [raw]`` otter configuration. It opens as a
notebook in Jupyter (with jupytext) and runs top to bottom, model answers included. ``autograder
build`` turns it into the otter-assign master ``<hw>.ipynb``, adding what otter needs and a
person should not have to type:

* a question is a raw ``# BEGIN QUESTION`` cell (``name:``; manual questions add ``manual:
  true`` and ``points:``), its text (markdown cells), then either the model answer (code cells)
  and its tests, or, for a manual question, the model answer as markdown cells marked
  ``solution=true``;
* a test is a code cell marked ``test="public"`` (worth 0) or ``test="hidden" points=N``; build
  writes otter's ``# BEGIN TEST CONFIG`` block from the mark;
* build adds the ``# BEGIN/END SOLUTION``, ``# BEGIN/END TESTS`` and ``# END QUESTION`` raw
  cells, the question's points (the sum of its hidden tests), and numbered cell ids, so the
  master is byte-identical from one build to the next.

A percent file that already holds otter's solution/test markers is an otter master as it
stands: build only numbers its cells. See docs/authoring.md.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import jupytext
import nbformat
import yaml

from autograder.authoring.master import TEST_CONFIG, stable_notebook
from autograder.errors import BuildError

SUFFIX = ".pct.py"
KEPT_METADATA = ("tags",)
"""Cell metadata carried into the master; the marks below are consumed, jupytext's own
layout keys (``lines_to_next_cell``) dropped."""
LITERAL_MARKERS = {"# BEGIN SOLUTION", "# END SOLUTION", "# BEGIN TESTS", "# END TESTS",
                   "# END QUESTION"}
QUESTION_HEADER = re.compile(r"#\s*BEGIN\s+QUESTION\b", re.I)


def percent_path(master: Path) -> Path:
    """``assignments/hw01/hw01.ipynb`` -> ``assignments/hw01/hw01.pct.py``."""
    return master.with_name(master.stem + SUFFIX)


@dataclass
class _Question:
    header: dict
    header_cell: object
    text: list = field(default_factory=list)
    answer: list = field(default_factory=list)
    tests: list = field(default_factory=list)


def read_percent(source: Path):
    """The cells of a percent file as jupytext reads them (BuildError if it cannot)."""
    try:
        return jupytext.read(source, fmt="py:percent").cells
    except Exception as exc:  # jupytext raises plain exceptions of many kinds
        raise BuildError(f"{source.name} is not a readable percent file: {exc}") from exc


def master_from_percent(source: Path):
    """The otter-assign master notebook that ``source`` describes (BuildError naming the cell
    when the file breaks the layout above)."""
    source = Path(source)
    name = source.name[: -len(SUFFIX)] if source.name.endswith(SUFFIX) else source.stem
    return master_from_cells(read_percent(source), name=name, where=source.name)


def master_from_cells(cells: list, *, name: str, where: str):
    """:func:`master_from_percent` for cells already read; ``where`` names them in errors."""
    if any(c.cell_type == "raw" and c.source.strip() in LITERAL_MARKERS for c in cells):
        out = [_plain(cell) for cell in cells]  # an otter master as it stands
    else:
        out = _expand(cells, where=where)
    return stable_notebook(out, id_prefix=name)


def _expand(cells: list, *, where: str) -> list:
    out, index = [], 0
    while index < len(cells):
        cell = cells[index]
        if cell.cell_type == "raw" and QUESTION_HEADER.match(cell.source.strip()):
            question, index = _read_question(cells, index, where=where)
            out += _question_cells(question, where=where)
        else:
            _refuse_stray_mark(cell, index, where=where)
            out.append(_plain(cell))
            index += 1
    return out


def _describe(cell, index: int, where: str) -> str:
    first = (cell.source.strip().splitlines() or [""])[0][:60]
    return f"{where}, cell {index + 1} ({cell.cell_type}: {first!r})"


def _refuse_stray_mark(cell, index: int, *, where: str) -> None:
    if "test" in cell.metadata or cell.metadata.get("solution"):
        raise BuildError(f"{_describe(cell, index, where)} is marked as a test or model answer "
                         "but is not inside a question: put it after a `# BEGIN QUESTION` raw "
                         "cell, next to the question's other cells")


def _read_question(cells: list, start: int, *, where: str) -> tuple[_Question, int]:
    """The question that starts at ``cells[start]``; returns it and the index after it."""
    header_cell = cells[start]
    body = header_cell.source.strip().split("\n", 1)
    try:
        header = yaml.safe_load(body[1] if len(body) > 1 else "") or {}
    except yaml.YAMLError as exc:
        raise BuildError(f"{_describe(header_cell, start, where)}: the question header is not "
                         f"YAML: {exc}") from exc
    if not isinstance(header, dict) or "name" not in header:
        raise BuildError(f"{_describe(header_cell, start, where)}: a question header needs "
                         "`name: q1` on the line after `# BEGIN QUESTION`")
    question, index = _Question(header, header_cell), start + 1
    while index < len(cells) and _is_text(cells[index]):
        question.text.append(cells[index])
        index += 1
    if header.get("manual"):
        while index < len(cells) and cells[index].metadata.get("solution"):
            question.answer.append(cells[index])
            index += 1
    else:
        while index < len(cells) and _is_answer_code(cells[index]):
            question.answer.append(cells[index])
            index += 1
        while index < len(cells) and "test" in cells[index].metadata:
            question.tests.append((index, cells[index]))
            index += 1
    return question, index


def _is_text(cell) -> bool:
    return cell.cell_type == "markdown" and not cell.metadata.get("solution")


def _is_answer_code(cell) -> bool:
    return cell.cell_type == "code" and "test" not in cell.metadata


def _question_cells(question: _Question, *, where: str) -> list:
    name, header = question.header["name"], question.header
    what = f"{where}, question {name}"
    if not question.answer:
        expected = ("markdown cells marked `# %% [markdown] solution=true`" if header.get("manual")
                    else "code cells")
        raise BuildError(f"{what}: no model answer after the question text (expected {expected})")
    if header.get("manual"):
        if "points" not in header:
            raise BuildError(f"{what}: a manual question needs `points:` in its header")
        tests = []
        header_text = question.header_cell.source.strip()
    else:
        if not question.tests:
            raise BuildError(f"{what}: no tests after the model answer; mark test cells "
                             '`# %% test="public"` or `# %% test="hidden" points=1`')
        tests = [_test_cell(cell, index, where=where) for index, cell in question.tests]
        header_text = _auto_header(question, sum(points for _, points in tests), what=what)
    out = [_raw(header_text)] + [_plain(cell) for cell in question.text]
    out += [_raw("# BEGIN SOLUTION")] + [_plain(cell) for cell in question.answer]
    out += [_raw("# END SOLUTION")]
    if tests:
        out += [_raw("# BEGIN TESTS")] + [cell for cell, _ in tests] + [_raw("# END TESTS")]
    return out + [_raw("# END QUESTION")]


def _auto_header(question: _Question, total, *, what: str) -> str:
    text = question.header_cell.source.strip()
    if "points" in question.header:
        if question.header["points"] != total:
            raise BuildError(f"{what}: the header says points: {question.header['points']} but "
                             f"its hidden tests add up to {total}; drop the `points:` line "
                             "(build writes the sum)")
        return text
    return f"{text}\npoints: {total}"


def _test_cell(cell, index: int, *, where: str):
    kind, points = cell.metadata.get("test"), cell.metadata.get("points", 0)
    if cell.cell_type != "code":
        raise BuildError(f"{_describe(cell, index, where)}: only code cells can be tests")
    if kind not in ("public", "hidden"):
        raise BuildError(f'{_describe(cell, index, where)}: test={kind!r}; write test="public" '
                         'or test="hidden"')
    if (not isinstance(points, (int, float)) or isinstance(points, bool) or points < 0
            or (kind == "hidden" and points <= 0) or (kind == "public" and points != 0)):
        raise BuildError(f"{_describe(cell, index, where)}: points={points!r}; a hidden test "
                         "is worth a positive number of points, a public test none")
    config = f"hidden: {'true' if kind == 'hidden' else 'false'}\npoints: {points}"
    return _code(TEST_CONFIG.format(config=config) + cell.source.strip("\n"), {}), points


def _plain(cell):
    metadata = {key: cell.metadata[key] for key in KEPT_METADATA if key in cell.metadata}
    if cell.cell_type == "code":
        return _code(cell.source.strip("\n"), metadata)
    if cell.cell_type == "markdown":
        made = nbformat.v4.new_markdown_cell(cell.source.strip("\n"))
    else:
        made = _raw(cell.source)
    made.metadata.update(metadata)
    return made


def _code(source: str, metadata: dict):
    made = nbformat.v4.new_code_cell(source)
    made.metadata.update(metadata)
    return made


def _raw(text: str):
    return nbformat.v4.new_raw_cell(text.strip("\n"))


def cells_digest(notebook) -> str:
    """A digest of a notebook's cells (type, source, tags: not outputs), recorded in the
    generated master so that build can tell a master edited by hand from one it wrote."""
    content = [(c.cell_type, c.source, c.metadata.get("tags", [])) for c in notebook.cells]
    text = json.dumps(content, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def generated_master(source: Path):
    """The master built from ``source``, with the record of where it came from."""
    notebook = master_from_percent(source)
    notebook.metadata["autograder"] = {"generated_from": Path(source).name,
                                       "cells_sha256": cells_digest(notebook)}
    nbformat.validate(notebook)
    return notebook


def sync_master(*, source: Path, master: Path) -> bool:
    """Write ``master`` from ``source`` when it differs; return whether it was written.

    Refuses (BuildError) to overwrite a master whose cells were edited after it was generated:
    those edits would be lost."""
    text = nbformat.writes(generated_master(source)) + "\n"
    if master.is_file():
        if master.read_text(encoding="utf-8") == text:
            return False
        _refuse_hand_edits(source=source, master=master)
    master.write_text(text, encoding="utf-8")
    return True


def _refuse_hand_edits(*, source: Path, master: Path) -> None:
    old = nbformat.read(master, as_version=4)
    record = old.metadata.get("autograder", {})
    if record.get("cells_sha256") == cells_digest(old):
        return
    hw = master.stem
    raise BuildError(
        f"{master.name} was edited after it was generated from {source.name}, and building "
        f"would overwrite those edits. Edit {source.name} instead: run `autograder to-percent "
        f"{hw} --force` to rewrite {source.name} from the edited notebook (this replaces any "
        f"edits made to {source.name} since the last build: review the diff), or delete "
        f"{master.name} to discard the notebook's edits.")
