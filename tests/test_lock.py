"""requirements.lock: every dependency of pyproject.toml pinned with hashes, and the versions the
suite runs with are the locked ones (so a regrade elsewhere gets the same TensorFlow, Keras and
numpy). After an upgrade, `make lock` rewrites it from .venv."""

from __future__ import annotations

import re
import sys
import tomllib
from importlib.metadata import PackageNotFoundError, version

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import ROOT

LOCK = ROOT / "requirements.lock"
CORE = ("tensorflow-cpu", "tensorflow", "keras", "numpy", "otter-grader", "pandas", "scikit-learn")


def _lock() -> dict[str, list[tuple[str, str, bool]]]:
    """{name: [(version, marker, hashed), ...]} from the lock's requirement entries."""
    entries: dict[str, list[tuple[str, str, bool]]] = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", LOCK.read_text("utf-8")):
        if not block or block.startswith("#"):
            continue
        head = block.split("\\", 1)[0].strip()
        requirement = Requirement(head)
        pins = [str(s.version) for s in requirement.specifier if s.operator == "=="]
        assert len(pins) == 1, f"{head!r} is not pinned to one version"
        entries.setdefault(canonicalize_name(requirement.name), []).append(
            (pins[0], str(requirement.marker or ""), "--hash=sha256:" in block))
    return entries


def _pyproject_requirements() -> list[Requirement]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    extras = [r for group in data.get("optional-dependencies", {}).values() for r in group]
    return [Requirement(r) for r in data["dependencies"] + extras]


def test_every_entry_is_pinned_with_hashes():
    entries = _lock()
    assert len(entries) > 50
    unhashed = [name for name, pins in entries.items() if not all(h for _, _, h in pins)]
    assert not unhashed, f"entries without hashes: {unhashed}"


def test_every_dependency_of_pyproject_is_locked_at_a_version_it_allows():
    entries = _lock()
    problems = []
    for requirement in _pyproject_requirements():
        pins = entries.get(canonicalize_name(requirement.name))
        if not pins:
            problems.append(f"{requirement.name} is not in the lock")
        elif not all(requirement.specifier.contains(v, prereleases=True) for v, _, _ in pins):
            problems.append(f"{requirement.name}: locked {pins[0][0]}, pyproject wants "
                            f"{requirement.specifier}")
    assert not problems, "requirements.lock is stale (run `make lock`): " + "; ".join(problems)


def test_otter_is_capped_below_its_next_major_version():
    otter = next(r for r in _pyproject_requirements() if r.name == "otter-grader")
    locked = _lock()["otter-grader"][0][0]
    major = int(locked.split(".")[0])
    assert otter.specifier.contains(locked)
    assert not otter.specifier.contains(f"{major + 1}.0.0")


@pytest.mark.parametrize("name", CORE)
def test_the_suite_runs_with_the_locked_versions(name):
    pins = _lock().get(canonicalize_name(name))
    if not pins:
        pytest.fail(f"{name} is not in requirements.lock")
    applicable = [v for v, marker, _ in pins if not marker or Requirement(f"x; {marker}").marker
                  .evaluate()]
    if not applicable:
        pytest.skip(f"{name} is locked only for other platforms than {sys.platform}")
    try:
        installed = version(name)
    except PackageNotFoundError:
        pytest.fail(f"{name} {applicable[0]} is locked for this platform but not installed")
    assert installed == applicable[0], (
        f"{name} {installed} is installed, the lock says {applicable[0]}: install from the lock "
        "(`make` does) or, after a deliberate upgrade, run `make lock`")
