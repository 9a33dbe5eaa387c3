"""Read an otter-assign master the way otter assign reads it, and refuse what we cannot grade.

Question, assignment and test configs are found with otter's own functions (raw cells and
```` ```otter ```` fenced Markdown cells alike) and checked against the keys otter documents
(its ``fica`` config classes, which silently ignore anything else: a typo such as ``point: 2``
would change a grade without a word). A cell that looks like a marker but that otter would not
read as one (a Markdown heading ``# BEGIN QUESTION``, a code cell, ``#BEGIN QUESTION`` without
the space) would drop its question, so it stops the build, naming the cell and the reason.

After otter assign has run, :func:`collect_tests` puts every question's tests in the bundle's
``tests/`` folder (otter keeps them in the notebook's metadata unless ``tests: files: true``),
in either of otter's formats, and :func:`check_tests` loads each with otter's parsers and checks
that the judge can run it (``docs/authoring.md``, "Masters written for otter").
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import fica
import nbformat
import yaml
from otter.assign.assignment import Assignment
from otter.assign.blocks import (BlockType, extract_all_fenced_otter_cells, get_cell_config,
                                 is_assignment_config_cell, is_block_boundary_cell)
from otter.assign.question_config import QuestionConfig
from otter.assign.tests_manager import BEGIN_TEST_CONFIG_REGEX, END_TEST_CONFIG_REGEX
from otter.assign.utils import AssignNotebookFormatException

from autograder.errors import BuildError
from autograder.project import QuestionInfo

TEST_CONFIG_KEYS = ("name", "points", "hidden", "success_message", "failure_message")
"""The keys otter assign reads from a ``# BEGIN TEST CONFIG`` block (tests_manager.read_test)."""

MARKER = re.compile(r"^\s*#+\s*(BEGIN|END)\s*(QUESTION|SOLUTION|TESTS|PROMPT)\b|"
                    r"^\s*#+\s*ASSIGNMENT\s*CONFIG\b", re.I)
FENCE = re.compile(r"^\s*```+\s*\{?\s*otter\b", re.I)


@dataclass
class MasterReading:
    """What the master says, read as otter reads it."""

    questions: list[QuestionInfo] = field(default_factory=list)
    cells: dict[str, int] = field(default_factory=dict)
    """Question name -> index of its ``# BEGIN QUESTION`` cell in the master (for messages)."""
    config: dict = field(default_factory=dict)
    """The assignment config (``# ASSIGNMENT CONFIG`` cell and its ``config_file``)."""
    notes: list[str] = field(default_factory=list)
    """What the instructor should know (keys otter ignores)."""

    @property
    def seed(self) -> dict | None:
        """otter run's intercell seeding: ``{"seed": int, "variable": str | None}`` or None."""
        seed = self.config.get("seed") or {}
        generate = self.config.get("generate") or {}
        value = seed.get("autograder_value") if isinstance(seed, dict) else None
        if value is None and isinstance(generate, dict):
            value = generate.get("seed")
        if value is None:
            return None
        variable = seed.get("variable") if isinstance(seed, dict) else None
        return {"seed": int(value), "variable": variable or None}


def read_master(master: Path) -> MasterReading:
    """Questions and config of ``master``; BuildError for anything otter would misread or we
    cannot grade (each message names the cell and what to change)."""
    notebook = nbformat.read(master, as_version=4)
    language = str(notebook.metadata.get("kernelspec", {}).get("language", "python")).lower()
    if language != "python":
        raise BuildError(f"{master.name} is a {language} notebook (ottr/testthat tests): the "
                         "judge grades Python notebooks only")
    reading, in_tests = MasterReading(), False
    for index, cell in _expanded_cells(notebook, master):
        if is_assignment_config_cell(cell):
            reading.config.update(_assignment_config(cell, index, master, reading.notes))
        elif is_block_boundary_cell(cell, BlockType.QUESTION):
            _add_question(reading, cell, index, master)
        elif is_block_boundary_cell(cell, BlockType.TESTS):
            in_tests = True
        elif is_block_boundary_cell(cell, BlockType.TESTS, end=True):
            in_tests = False
        elif cell.cell_type != "raw":
            _refuse_near_misses(cell, index, master, in_tests=in_tests)
        if in_tests and cell.cell_type == "code":
            _check_test_config(cell, index, master)
    if not reading.questions:
        raise BuildError(f"{master.name} has no `# BEGIN QUESTION` cells (raw cells or ```otter "
                         "fenced Markdown cells)")
    _refuse_config_features(reading.config, master)
    return reading


def read_questions(master: Path) -> list[QuestionInfo]:
    """The master's questions in order, with their configured points (before tests are known)."""
    return read_master(master).questions


def _expanded_cells(notebook, master: Path):
    """(index of the master's cell, cell) with ```otter fences turned into raw cells, as otter
    does; one master cell may hold several fenced blocks."""
    for index, cell in enumerate(notebook.cells):
        try:
            for part in extract_all_fenced_otter_cells([cell]):
                yield index, part
        except AssignNotebookFormatException as exc:
            raise BuildError(f"{master.name}, cell {index}: {exc.args[0] if exc.args else exc} "
                             "(every ```otter fence needs its closing ```)") from None


def _yaml_config(cell, index: int, master: Path, what: str) -> dict:
    try:
        config = get_cell_config(cell)
    except yaml.YAMLError as exc:
        raise BuildError(f"{master.name}, cell {index}: the {what} is not valid YAML "
                         f"({str(exc).splitlines()[0]})") from None
    if not isinstance(config, dict):
        raise BuildError(f"{master.name}, cell {index}: the {what} must be YAML `key: value` lines")
    return config


def _add_question(reading: MasterReading, cell, index: int, master: Path) -> None:
    config = _yaml_config(cell, index, master, "question config")
    _refuse_unknown_keys(config, fica_keys(QuestionConfig), index, master, "question config",
                         reading.notes)
    name = config.get("name")
    if not name:
        raise BuildError(f"{master.name}, cell {index}: a question without `name:` (otter needs "
                         "one to name its tests and results)")
    if str(name) in reading.cells:
        raise BuildError(f"{master.name}, cell {index}: question {name!r} is already defined in "
                         f"cell {reading.cells[str(name)]}; question names must be unique")
    manual = bool(config.get("manual", False))
    reading.cells[str(name)] = index
    reading.questions.append(QuestionInfo(str(name), _points(config, manual), manual))


def _points(config: dict, manual: bool) -> float:
    points = config.get("points")
    if isinstance(points, list):
        points = sum(float(p) for p in points)
    elif isinstance(points, dict):
        points = points.get("each", 0)
    if points is None:  # otter's default: 1 point for a manual question ("defaults to 1")
        return 1.0 if manual else 0.0
    return float(points)


def _assignment_config(cell, index: int, master: Path, notes: list[str]) -> dict:
    config = _yaml_config(cell, index, master, "assignment config")
    config_file = config.pop("config_file", None)
    if config_file:
        path = master.parent / str(config_file)
        if not path.is_file():
            raise BuildError(f"{master.name}, cell {index}: config_file {config_file!r} does not "
                             f"exist next to the master")
        loaded = yaml.safe_load(path.read_text("utf-8")) or {}
        config = {**loaded, **config}
    _refuse_unknown_keys(config, fica_keys(Assignment), index, master, "assignment config",
                         notes)
    return config


def fica_keys(config_class) -> set[str]:
    """The keys a ``fica.Config`` class documents."""
    return {name for name, value in vars(config_class).items() if isinstance(value, fica.Key)}


def _refuse_unknown_keys(config: dict, known: set[str], index: int, master: Path,
                         what: str, notes: list[str] | None = None) -> None:
    """A key close to a documented one is a typo that would change the grade: refused. Any other
    unknown key (an older otter's, or one for another tool) is ignored, as otter ignores it, with
    a note."""
    for key in sorted(str(key) for key in config if key not in known):
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.75)
        if close or notes is None:
            hint = f"did you mean `{close[0]}`? " if close else ""
            raise BuildError(f"{master.name}, cell {index}: unknown {what} key `{key}` "
                             f"({hint}otter ignores unknown keys without a word); otter "
                             f"documents: {', '.join(sorted(known))}")
        notes.append(f"cell {index}: {what} key `{key}` is not one otter documents; otter "
                     "ignores it and so does this build")


def _refuse_near_misses(cell, index: int, master: Path, *, in_tests: bool) -> None:
    """A cell otter would not read as a marker although it looks like one."""
    lines = cell.source.splitlines()
    first = next((line for line in lines if line.strip()), "")
    if cell.cell_type == "markdown":
        for line in lines:
            if FENCE.match(line) and line.strip() != "```otter":
                raise BuildError(f"{master.name}, cell {index}: fence {line.strip()!r} is not "
                                 "read by otter; write exactly ```otter on its own line")
        if any(MARKER.match(line) for line in lines):
            raise BuildError(f"{master.name}, cell {index}: a Markdown cell holds an otter marker "
                             f"({first.strip()[:60]!r}); otter reads markers only from raw cells "
                             "or ```otter fences, so its block would be lost: make it a raw cell")
    elif cell.cell_type == "code" and MARKER.match(first) and not in_tests:
        if re.match(r"^\s*#+\s*(BEGIN|END)\s*(QUESTION|TESTS)\b|^\s*#+\s*ASSIGNMENT", first, re.I):
            raise BuildError(f"{master.name}, cell {index}: a code cell starts with "
                             f"{first.strip()[:60]!r}; otter reads question, tests and config "
                             "markers only from raw cells, so this block would be lost: make it "
                             "a raw cell")


def _check_test_config(cell, index: int, master: Path) -> None:
    lines = cell.source.splitlines()
    if not lines or not re.match(BEGIN_TEST_CONFIG_REGEX, lines[0], flags=re.I):
        return
    end = next((i for i, line in enumerate(lines) if re.match(END_TEST_CONFIG_REGEX, line, re.I)),
               None)
    if end is None:
        raise BuildError(f"{master.name}, cell {index}: `# BEGIN TEST CONFIG` without "
                         "`# END TEST CONFIG`")
    try:
        config = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as exc:
        raise BuildError(f"{master.name}, cell {index}: the test config is not valid YAML "
                         f"({str(exc).splitlines()[0]})") from None
    if not isinstance(config, dict):
        raise BuildError(f"{master.name}, cell {index}: the test config must be `key: value` lines")
    _refuse_unknown_keys(config, set(TEST_CONFIG_KEYS), index, master, "test config")


def _refuse_config_features(config: dict, master: Path) -> None:
    generate = config.get("generate")
    plugins = config.get("plugins") or (generate.get("plugins") if isinstance(generate, dict)
                                        else None)
    if plugins:
        raise BuildError(f"{master.name}: otter plugins ({plugins!r}) are not supported: plugin "
                         "code would run beside the student's code, outside the judge")
    if isinstance(generate, dict) and generate.get("variables"):
        raise BuildError(f"{master.name}: generate.variables (otter's serialized-variable "
                         "checks) is not supported; test the values in hidden tests instead")
    text_cells = nbformat.read(master, as_version=4).cells
    for index, cell in enumerate(text_cells):
        if cell.cell_type == "code" and re.search(r"#\s*BEGIN\s+PLUGIN", cell.source, re.I):
            raise BuildError(f"{master.name}, cell {index}: otter plugin cells (`# BEGIN PLUGIN`) "
                             "are not supported: plugin code would run outside the judge")
