"""`autograder build` also writes Gradescope's autograder zip: what it holds, that its scripts are
valid bash and install from the lock, and that a rebuild gives the same bytes."""

from __future__ import annotations

import json
import re
import stat
import subprocess
import zipfile

import pytest

from autograder.authoring.gradescope import (LOCK_NAME, MIN_PYTHON, ZIP_NAME, engine_root,
                                             write_gradescope_zip)
from autograder.errors import BuildError


def _zip(project) -> zipfile.ZipFile:
    return zipfile.ZipFile(project.build_dir("tiny") / "gradescope" / ZIP_NAME)


def test_build_writes_the_zip_with_scripts_engine_tests_and_solutions(tiny_project):
    with _zip(tiny_project) as archive:
        names = set(archive.namelist())
        config = json.loads(archive.read("gradescope.json"))
        lock = archive.read(LOCK_NAME)
        modes = {n: archive.getinfo(n).external_attr >> 16 for n in ("setup.sh", "run_autograder")}
    assert {"setup.sh", "run_autograder", LOCK_NAME, "engine/pyproject.toml", "engine/README.md",
            "engine/autograder/sandbox/runner.py", "engine/autograder/cli.py",
            "engine/autograder/reports/templates/feedback.html",
            "project/solutions/tiny.py", "project/assignments/tiny/tiny.ipynb",
            "project/build/tiny/questions.json", "project/student_template/tiny/tiny.ipynb",
            "project/student_template/tiny/data/numbers.csv",
            "project/assignments/tiny/mutants/doubles.ipynb"} <= names  # for named mistakes
    hidden = {n for n in names if n.startswith("project/build/tiny/dist/autograder/tests/")}
    assert {n.rsplit("/", 1)[1] for n in hidden} == {"q1.py", "q2.py"}
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    assert all(mode & stat.S_IXUSR for mode in modes.values())
    assert config["assignment"] == "tiny" and config["timeout"] > 0
    assert lock == (engine_root() / LOCK_NAME).read_bytes()


def test_setup_installs_the_lock_with_hashes_and_names_no_host(tiny_project, tmp_path):
    with _zip(tiny_project) as archive:
        scripts = {name: archive.read(name).decode() for name in ("setup.sh", "run_autograder")}
    for name, text in scripts.items():
        path = tmp_path / name
        path.write_text(text)
        check = subprocess.run(["bash", "-n", str(path)], capture_output=True, text=True)
        assert check.returncode == 0, f"{name} is not valid bash: {check.stderr}"
        assert not re.search(r"https?://|\w+\.(org|com|io)\b", text), f"{name} names a host"
    setup = scripts["setup.sh"]
    assert f'--require-hashes -r "$SOURCE/{LOCK_NAME}"' in setup
    assert 'install --quiet --no-deps --no-build-isolation "$SOURCE/engine"' in setup
    assert str(MIN_PYTHON) in setup and "chmod -R go-rwx" in setup
    assert "gradescope-run --gradescope-root" in scripts["run_autograder"]


def test_a_rebuild_writes_the_same_bytes(tiny_project):
    path = tiny_project.build_dir("tiny") / "gradescope" / ZIP_NAME
    first = path.read_bytes()
    assert write_gradescope_zip(project=tiny_project, name="tiny") == path
    assert path.read_bytes() == first


def test_an_engine_without_a_lock_is_a_build_error(tiny_project, tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    with pytest.raises(BuildError, match=f"needs the engine's {LOCK_NAME}.*make lock"):
        write_gradescope_zip(project=tiny_project, name="tiny", engine=tmp_path)


def test_the_lock_minimum_python_is_the_makefiles(tiny_project):
    makefile = (engine_root() / "Makefile").read_text()
    wanted = re.search(r"^LOCK_PYTHON := (\S+)$", makefile, re.M).group(1)
    assert tuple(int(p) for p in wanted.split(".")) == MIN_PYTHON
