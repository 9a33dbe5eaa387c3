"""The package reads as the pipeline: authoring -> grading (intake, notebook, sandbox, judge) ->
results -> reports. Imports only go down that order, no import cycle exists, and no module uses
another module's underscore names. These tests read the source (ast), so lazy imports inside
functions count too."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "autograder"

# What each part of the package may import (besides itself). The sandbox and the protocol know
# nothing of grading or reports; reports know results, not the judge; the CLI is the shim on top.
ALLOWED = {
    "errors": set(),
    "results": {"errors"},
    "project": {"errors"},
    "protocol": set(),  # the sandbox's runner imports codec and wire on their own
    "sandbox": {"errors", "protocol"},
    "reports": {"errors", "results", "project"},
    "grading": {"errors", "results", "project", "protocol", "sandbox", "reports"},
    "authoring": {"errors", "results", "project", "grading", "protocol"},
    "cli": {"errors", "results", "project", "protocol", "sandbox", "reports", "grading",
            "authoring"},
    "__main__": {"cli"},
    "__init__": set(),
}
STANDALONE = {"codec": "autograder.protocol.codec", "wire": "autograder.protocol.wire",
              "runner": "autograder.sandbox.runner"}
"""Modules the sandbox imports by file path, not through the package."""


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _stage(module: str) -> str:
    parts = module.split(".")
    return "__init__" if len(parts) == 1 else parts[1]


def _imports(path: Path) -> list[tuple[str, list[str], int]]:
    """(module, names taken from it, line) for every import of the package in the file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                name = STANDALONE.get(alias.name, alias.name)
                if name.startswith("autograder"):
                    found.append((name, [], node.lineno))
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            module = STANDALONE.get(node.module, node.module)
            if not module.startswith("autograder"):
                continue
            names = [a.name for a in node.names]
            submodules = [f"{module}.{n}" for n in names if f"{module}.{n}" in MODULES]
            found.append((module, [n for n in names if f"{module}.{n}" not in MODULES],
                          node.lineno))
            found += [(sub, [], node.lineno) for sub in submodules]
    return found


def _graph() -> dict[str, set[str]]:
    return {module: {target for target, _, _ in _imports(path) if target != module}
            for module, path in MODULES.items()}


def test_the_package_has_one_folder_per_stage():
    stages = {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert stages == {"authoring", "grading", "protocol", "sandbox", "reports"}
    top = {p.stem for p in PACKAGE.glob("*.py")}
    assert top == {"__init__", "__main__", "cli", "errors", "project", "results"}


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_only_go_down_the_pipeline(module):
    stage = _stage(module)
    wrong = [f"line {line}: {target}" for target, _, line in _imports(MODULES[module])
             if _stage(target) != stage and _stage(target) not in ALLOWED[stage]
             and target != "autograder"]
    assert not wrong, f"{module} ({stage}) may import only {sorted(ALLOWED[stage])}: {wrong}"


def test_no_import_cycle():
    graph = _graph()
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        stack.append(module)
        for target in sorted(graph.get(module, ())):
            if state.get(target) == 1:
                cycle = stack[stack.index(target):] + [target]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if target in graph and target not in state:
                visit(target)
        stack.pop()
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_uses_another_modules_private_names(module):
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    wrong = [f"line {line}: {target}.{name}" for target, names, line in _imports(path)
             for name in names if name.startswith("_") and not name.startswith("__")]
    imported = {alias.asname or alias.name for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom) and node.module
                and STANDALONE.get(node.module, node.module).startswith("autograder")
                for alias in node.names}
    imported |= {alias.asname or alias.name for node in ast.walk(tree)
                 if isinstance(node, ast.Import) for alias in node.names
                 if alias.name in STANDALONE}
    wrong += [f"line {node.lineno}: {node.value.id}.{node.attr}" for node in ast.walk(tree)
              if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
              and node.value.id in imported and node.attr.startswith("_")
              and not node.attr.startswith("__")]
    assert not wrong, f"{module} uses private names of other modules: {wrong}"


def test_the_checks_see_lazy_imports_and_private_names(tmp_path):
    """The reader itself: an import inside a function and a private name are both found."""
    source = ("def f():\n    from autograder.grading.judge import _secret\n"
              "    from autograder.protocol import codec\n    return codec._tag\n")
    path = tmp_path / "probe.py"
    path.write_text(source)
    found = _imports(path)
    assert ("autograder.grading.judge", ["_secret"], 2) in found
    assert ("autograder.protocol.codec", [], 3) in found


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _stage(m) != "cli"))
def test_public_functions_take_their_options_by_keyword(module):
    """otter's style: a public function with more than two parameters takes all but the first by
    keyword, so that a call reads as what it passes (click commands in the CLI are exempt)."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    wrong = [f"line {node.lineno}: {node.name}" for node in tree.body
             if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")
             and len(node.args.posonlyargs + node.args.args) > 1
             and len(node.args.posonlyargs + node.args.args + node.args.kwonlyargs) > 2]
    assert not wrong, f"{module}: make the options keyword-only (after `*`): {wrong}"


def test_every_folder_of_the_package_is_listed_for_setuptools():
    """A folder of package files missing from [tool.setuptools] packages makes every install
    print a long "Package would be ignored" warning (and, later, drop those files)."""
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+

    config = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    root = PACKAGE.parent
    folders = {".".join(p.relative_to(root).parts) for p in PACKAGE.rglob("*")
               if p.is_dir() and p.name != "__pycache__" and any(
                   f.is_file() and f.suffix in (".py", ".html") for f in p.iterdir())}
    assert folders | {"autograder"} <= listed, f"not listed: {sorted(folders - listed)}"
