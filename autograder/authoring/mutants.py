"""Known-wrong notebooks for `autograder validate`: the shared part of every make_mutants.py.

Each mutant starts from the same correct code base, the model answer in the master notebook
(otter's markers and test cells removed, cell tags such as `skip-grading` kept), and applies
one small patch. Its metadata names the questions it must lose, the functions the patch changed,
and (given a :class:`Mistake`) how the feedback names the mistake to a student whose outputs
equal the mutant's (see :mod:`autograder.grading.mistakes`):

    {"autograder": {"mutant": {"must_lose": ["q1"], "description": "...",
                               "functions": ["forward_batchnorm"],
                               "mistake": {"name": {"en": "...", "fa": "..."},
                                           "explanation": {"en": "...", "fa": "..."}}}}}
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

from autograder.authoring.master import stable_notebook

MIN_MUTANTS = 3
"""Known-wrong notebooks an assignment needs: `validate` warns below this, the test suite fails,
and `autograder new` writes this many."""
MARKER_LINE = re.compile(r"^\s*# (BEGIN SOLUTION( NO PROMPT)?|END SOLUTION|YOUR CODE HERE)\s*$")


@dataclass(frozen=True)
class Mistake:
    """How a student is told about a mutant's mistake: a short name and an explanation of what
    is wrong and what is right, in English and Persian."""

    name_en: str
    name_fa: str
    explanation_en: str
    explanation_fa: str

    def metadata(self) -> dict:
        return {"name": {"en": self.name_en, "fa": self.name_fa},
                "explanation": {"en": self.explanation_en, "fa": self.explanation_fa}}


@dataclass(frozen=True)
class Mutant:
    name: str
    must_lose: tuple[str, ...]
    description: str
    patches: tuple[tuple[str, str], ...]
    """(old, new) replacements; each `old` must occur exactly once in the notebook's code."""


def answered_cells(master, *, notebook_name: str) -> list:
    """The master as a student who answered everything would hand it in (no tests, no markers)."""
    cells = [nbformat.v4.new_code_cell(f'import otter\ngrader = otter.Notebook("{notebook_name}")')]
    in_tests, question, auto = False, None, False
    for cell in master.cells:
        if cell.cell_type == "raw":
            text = cell.source.strip()
            if text.startswith("# BEGIN QUESTION"):
                question = re.search(r"name:\s*(\S+)", text).group(1)
                auto = "manual: true" not in text
            elif text == "# END QUESTION" and auto:
                cells.append(nbformat.v4.new_code_cell(f'grader.check("{question}")'))
            in_tests = {"# BEGIN TESTS": True, "# END TESTS": False}.get(text, in_tests)
        elif cell.cell_type == "markdown":
            cells.append(nbformat.v4.new_markdown_cell(cell.source))
        elif not in_tests:
            lines = [line for line in cell.source.splitlines() if not MARKER_LINE.match(line)]
            answer = nbformat.v4.new_code_cell("\n".join(lines).strip("\n"))
            if cell.metadata.get("tags"):  # e.g. `skip-grading` on a training cell
                answer.metadata["tags"] = list(cell.metadata["tags"])
            cells.append(answer)
    return cells


def apply_patches(cells: list, mutant: Mutant) -> list:
    cells = [nbformat.from_dict(dict(cell)) for cell in cells]
    code = [cell for cell in cells if cell.cell_type == "code"]
    for old, new in mutant.patches:
        hits = [cell for cell in code if old in cell.source]
        count = sum(cell.source.count(old) for cell in hits)
        if count != 1:
            raise ValueError(f"{mutant.name}: patch target found {count} times: {old!r}")
        hits[0].source = hits[0].source.replace(old, new)
    return cells


def function_sources(cells: list) -> dict[str, str]:
    """Top-level function name -> its code (AST dump: comments and layout do not count), over
    the code cells that parse (a later definition wins, as when the notebook runs)."""
    functions: dict[str, str] = {}
    for cell in cells:
        if cell.cell_type != "code":
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:  # magics: no function of ours lives there
            continue
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                functions[node.name] = ast.dump(node)
    return functions


def changed_functions(base: list, patched: list) -> list[str]:
    """Names of the functions the patch changed (or added)."""
    before, after = function_sources(base), function_sources(patched)
    return sorted(name for name, code in after.items() if before.get(name) != code)


def build_mutant(mutant: Mutant, *, base: list, mistake: Mistake | None = None):
    cells = apply_patches(base, mutant)
    meta = {"must_lose": list(mutant.must_lose), "description": mutant.description,
            "functions": changed_functions(base, cells)}
    if mistake is not None:
        meta["mistake"] = mistake.metadata()
    notebook = stable_notebook(cells, id_prefix=mutant.name[:40],
                               metadata={"autograder": {"mutant": meta}})
    nbformat.validate(notebook)
    return notebook


def write_mutants(folder: Path, *, master: Path, mutants: list[Mutant],
                  mistakes: dict[str, Mistake] | None = None) -> None:
    """Write `<name>.ipynb` per mutant into folder; notebooks of removed mutants are deleted.

    ``mistakes`` names each mutant's mistake for the feedback (by mutant name); a name without a
    mutant is an error, so a renamed mutant cannot silently lose its explanation."""
    mistakes = mistakes or {}
    unknown = sorted(set(mistakes) - {mutant.name for mutant in mutants})
    if unknown:
        raise ValueError(f"mistakes named for mutants that do not exist: {', '.join(unknown)}")
    base = answered_cells(nbformat.read(master, as_version=4), notebook_name=master.name)
    names = {mutant.name for mutant in mutants}
    for stale in folder.glob("*.ipynb"):
        if stale.stem not in names:
            stale.unlink()
    for mutant in mutants:
        path = folder / f"{mutant.name}.ipynb"
        notebook = build_mutant(mutant, base=base, mistake=mistakes.get(mutant.name))
        path.write_text(nbformat.writes(notebook) + "\n", encoding="utf-8")
    print(f"wrote {len(mutants)} mutants to {folder}")
