"""Master-notebook building blocks: otter's test-config block and numbered, stable cell ids
(used by the percent-file builder in :mod:`autograder.authoring.percent` and by the mutants).

The dataclasses and :class:`MasterScript` are the older way of writing a master, as Python
string literals in a make_master.py; they stay only so that such a script still runs until
`autograder to-percent <hw>` converts its assignment (docs/authoring.md). Layout follows otter
assign v1: raw `# BEGIN QUESTION` / `# BEGIN SOLUTION` / `# BEGIN TESTS` cells and
exception-based tests (one function per test cell, parameters named after student globals).
Cell ids are stable, so rebuilding gives an identical file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import nbformat

TEST_CONFIG = '""" # BEGIN TEST CONFIG\n{config}\n""" # END TEST CONFIG\n'


@dataclass
class Markdown:
    text: str


@dataclass
class Code:
    source: str
    tags: tuple[str, ...] = ()


@dataclass
class AutoQuestion:
    name: str
    text: str
    solution_cells: list[str]
    public_tests: list[str]
    hidden_tests: list[tuple[str, int]]
    """(source, points); the question is worth the sum."""

    @property
    def points(self) -> int:
        return sum(points for _, points in self.hidden_tests)


@dataclass
class ManualQuestion:
    name: str
    points: int
    text: str
    answer: str
    """The model answer for graders; students see a response prompt instead."""


def assignment_config(name: str, *, files: tuple[str, ...] = ()) -> str:
    """otter assign's configuration as every assignment here uses it: exception-based test
    files (so the judge can run them), public data in `files`, no PDF export."""
    listed = "".join(f"\n  - {path}" for path in files)
    return (f"# ASSIGNMENT CONFIG\nname: {name}" + (f"\nfiles:{listed}" if files else "") +
            "\ngenerate: true\nexport_cell:\n  pdf: false\nrun_tests: true\n"
            "show_question_points: true\ntests:\n  files: true\n  ok_format: false")


def markdown(text: str):
    return nbformat.v4.new_markdown_cell(text.strip("\n"))


def code(text: str, tags: tuple[str, ...] = ()):
    cell = nbformat.v4.new_code_cell(text.strip("\n"))
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def raw(text: str):
    return nbformat.v4.new_raw_cell(text.strip("\n"))


def test_cell(source: str, *, hidden: bool, points: int):
    """One exception-based test: a config block, then exactly one function definition."""
    config = f"hidden: {'true' if hidden else 'false'}\npoints: {points}"
    return code(TEST_CONFIG.format(config=config) + source.strip("\n"))


def auto_question(question: AutoQuestion) -> list:
    """Text, solution code, then public tests (worth 0) and hidden tests (worth the points)."""
    cells = [raw(f"# BEGIN QUESTION\nname: {question.name}\npoints: {question.points}"),
             markdown(question.text), raw("# BEGIN SOLUTION")]
    cells += [code(source) for source in question.solution_cells]
    cells += [raw("# END SOLUTION"), raw("# BEGIN TESTS")]
    cells += [test_cell(source, hidden=False, points=0) for source in question.public_tests]
    cells += [test_cell(source, hidden=True, points=points)
              for source, points in question.hidden_tests]
    return cells + [raw("# END TESTS"), raw("# END QUESTION")]


def manual_question(question: ManualQuestion) -> list:
    """Text, then the model answer, which otter replaces with a response prompt for students."""
    header = f"# BEGIN QUESTION\nname: {question.name}\nmanual: true\npoints: {question.points}"
    return [raw(header), markdown(question.text), raw("# BEGIN SOLUTION"),
            markdown(question.answer), raw("# END SOLUTION"), raw("# END QUESTION")]


def build_notebook(*, name: str, config: str, intro: str, imports: str, parts: list):
    """The master notebook: assignment config, introduction, imports, then the parts in order."""
    cells = [raw(config), markdown(intro), code(imports)]
    for part in parts:
        if isinstance(part, Markdown):
            cells.append(markdown(part.text))
        elif isinstance(part, Code):
            cells.append(code(part.source, part.tags))
        elif isinstance(part, AutoQuestion):
            cells += auto_question(part)
        else:
            cells += manual_question(part)
    return stable_notebook(cells, id_prefix=name)


def stable_notebook(cells: list, *, id_prefix: str, metadata: dict | None = None):
    """A Python 3 notebook of ``cells`` whose cell ids are numbered from ``id_prefix``, so that
    writing it again gives an identical file."""
    for index, cell in enumerate(cells):
        cell["id"] = f"{id_prefix}-{index:03d}"
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata.update({
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        **(metadata or {}),
    })
    return notebook


@dataclass
class MasterScript:
    """What an assignment's make_master.py declares; running the script calls :meth:`write`."""

    path: Path
    """Where the master notebook goes: assignments/<hw>/<hw>.ipynb."""
    config: str
    intro: str
    imports: str
    parts: list

    def build(self):
        return build_notebook(name=Path(self.path).stem, config=self.config, intro=self.intro,
                              imports=self.imports, parts=self.parts)

    def write(self) -> None:
        write_master(self.path, self.build())


def write_master(path: Path, notebook) -> None:
    """Validate and write a master notebook built by :func:`build_notebook`."""
    nbformat.validate(notebook)
    Path(path).write_text(nbformat.writes(notebook) + "\n", encoding="utf-8")
    print(f"wrote {Path(path).name}: {len(notebook.cells)} cells")
