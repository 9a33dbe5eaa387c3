"""Reading a submitted notebook into the list of code cells the sandbox will run."""

from __future__ import annotations

import ast
import importlib.util
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

from autograder.errors import InvalidSubmission

SKIP_TAGS = frozenset({"skip-grading", "skip_grading", "otter_ignore"})
"""Cells with one of these tags (long explorations, training runs, plots) are not run when grading."""
MAX_NOTEBOOK_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class CodeCell:
    index: int
    """1-based position among the notebook's code cells (what feedback calls "cell N")."""
    source: str
    skip: bool


def parse_notebook(data: bytes, *, name: str = "notebook", assignment: str = "") -> list[CodeCell]:
    """Code cells of a notebook file's bytes; InvalidSubmission with a readable reason otherwise,
    also when its otter metadata names an assignment other than ``assignment`` (if given)."""
    if len(data) > MAX_NOTEBOOK_BYTES:
        raise InvalidSubmission(f"{name} is larger than {MAX_NOTEBOOK_BYTES // 2**20} MB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidSubmission(f"{name} is not a text file (is it really a .ipynb notebook?)")
    try:
        raw = json.loads(text)
    except RecursionError:
        raise InvalidSubmission(f"{name} is not a notebook: its JSON is nested too deeply") from None
    except ValueError as exc:
        raise InvalidSubmission(
            f"{name} is not valid notebook JSON ({exc}); it may have been edited as text or "
            "saved incompletely. Re-download it from Jupyter with File > Save and submit again."
        ) from None
    if not isinstance(raw, dict) or "cells" not in raw or not isinstance(raw.get("cells"), list):
        raise InvalidSubmission(f"{name} is JSON but not a Jupyter notebook (no list of cells)")
    _check_assignment(raw, expected=assignment, name=name)
    try:
        notebook = nbformat.reads(text, as_version=4)
    except Exception as exc:  # nbformat raises a zoo of types for odd notebooks
        raise InvalidSubmission(f"{name} could not be read as a notebook: {exc}") from None
    return _code_cells(notebook)


def _code_cells(notebook) -> list[CodeCell]:
    cells, index = [], 0
    for cell in notebook.cells:
        if cell.get("cell_type") != "code":
            continue
        index += 1
        source = cell.get("source", "")
        if isinstance(source, list):
            source = "".join(source)
        tags = cell.get("metadata", {}).get("tags", []) or []
        skip = any(str(tag) in SKIP_TAGS for tag in tags) if isinstance(tags, list) else False
        cells.append(CodeCell(index=index, source=str(source), skip=skip))
    return cells


def _check_assignment(raw: dict, *, expected: str, name: str) -> None:
    meta = raw.get("metadata")
    otter = meta.get("otter") if isinstance(meta, dict) else None
    found = otter.get("assignment_name") if isinstance(otter, dict) else None
    if expected and isinstance(found, str) and found.strip() and found.strip() != expected:
        raise InvalidSubmission(
            f"{name} is a notebook of assignment {found.strip()[:100]!r} (its otter metadata "
            f"says so), not of {expected!r}: submit your {expected} notebook")


def notebook_metadata(data: bytes) -> dict:
    """The top-level metadata of a notebook (for mutant expectations); {} if unreadable."""
    try:
        meta = json.loads(data.decode("utf-8-sig")).get("metadata", {})
        return meta if isinstance(meta, dict) else {}
    except (ValueError, UnicodeDecodeError, AttributeError, RecursionError):
        return {}


NEVER_PRELOADED = frozenset({"solutions", "autograder", "otter"})


def template_imports(template: Path) -> list[str]:
    """Installed top-level modules a (trusted) student template imports, in order of appearance.

    The zygote imports them once, so each forked sandbox starts with them in memory. Modules
    shipped next to the template (public helper files) and our own packages are left out."""
    try:
        cells = parse_notebook(template.read_bytes(), name=template.name)
    except (OSError, InvalidSubmission):
        return []
    local = {p.stem for p in template.parent.iterdir()}
    names: list[str] = []
    for cell in cells:
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:  # IPython magics; the other cells still count
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names += [alias.name.split(".")[0] for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.append(node.module.split(".")[0])
    wanted = dict.fromkeys(n for n in names if n not in NEVER_PRELOADED and n not in local)
    return [n for n in wanted if n in sys.builtin_module_names or _installed(n)]


def _installed(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False
