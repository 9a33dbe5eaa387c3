"""Building small notebooks for tests."""

from __future__ import annotations

import nbformat


def notebook_bytes(cells: list[str], *, metadata: dict | None = None,
                   tags: dict[int, list[str]] | None = None) -> bytes:
    """A v4 notebook with one code cell per source string; `tags` maps cell position -> tags."""
    notebook = nbformat.v4.new_notebook()
    notebook.metadata.update({"kernelspec": {"name": "python3", "display_name": "Python 3",
                                             "language": "python"}})
    notebook.metadata.update(metadata or {})
    for i, source in enumerate(cells):
        cell = nbformat.v4.new_code_cell(source)
        if tags and i in tags:
            cell.metadata["tags"] = tags[i]
        notebook.cells.append(cell)
    return nbformat.writes(notebook).encode("utf-8")
