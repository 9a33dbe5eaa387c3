"""The Gradescope autograder of one assignment: ``build/<hw>/gradescope/autograder.zip``.

Gradescope unpacks the zip into ``/autograder/source``, runs ``setup.sh`` once when it builds the
image, and ``run_autograder`` for every submission. The zip holds::

    setup.sh              installs Python's venv, libseccomp and the engine with the exact
                          versions of requirements.lock (hash-checked), into VENV below
    run_autograder        grades /autograder/submission with our sandbox and judge and writes
                          /autograder/results/results.json (``autograder gradescope-run``)
    requirements.lock     the engine's lock file (`make lock`)
    engine/               the engine's source (pyproject.toml, README.md, autograder/)
    project/              the assignment as a course project: assignments/<hw>/ (master, data),
                          solutions/, student_template/<hw>/, build/<hw>/ (hidden tests)
    gradescope.json       which assignment, and the grading limits

Everything under ``source`` is made root-only before a submission runs, and the sandbox's
allow-list never binds it, so hidden tests, solutions and data stay out of the notebook's view.
The zip is byte-identical for identical inputs (sorted members, fixed timestamps).
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import autograder
from autograder.errors import BuildError
from autograder.project import Project

ZIP_NAME = "autograder.zip"
LOCK_NAME = "requirements.lock"
CONFIG_NAME = "gradescope.json"
VENV = "/opt/rnn-autograder/venv"
"""Where setup.sh installs the engine: outside /autograder/source, which the sandbox never sees."""
MIN_PYTHON = (3, 11, 5)
"""The oldest Python the lock's versions install on (the Makefile's `lock` target resolves for
it); Gradescope's Ubuntu 24.04 image has 3.12, its 22.04 image only 3.10."""
DEFAULT_LIMITS = {"timeout": 300.0, "test_timeout": 60.0, "memory_mb": 4096}
_SKIPPED = {"__pycache__", ".ipynb_checkpoints", "demo_class"}
"""Left out of the zip. The mutants go in: the judge names the known mistakes they make."""
_TIMESTAMP = (2020, 1, 1, 0, 0, 0)

SETUP_SH = """\
#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image (Ubuntu 24.04).
# It installs the grading engine with exactly the versions of requirements.lock.
set -euo pipefail
SOURCE="$(cd "$(dirname "${{BASH_SOURCE[0]}}")" && pwd)"
VENV="${{AUTOGRADER_VENV:-{venv}}}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# python3-venv: the engine's venv; libseccomp2: the sandbox's system-call filter;
# util-linux: unshare and setpriv (namespaces, and an unprivileged uid per sandbox)
apt-get install -y -qq python3 python3-venv libseccomp2 util-linux
if ! python3 -c 'import sys; sys.exit(sys.version_info < {min_python})'; then
    echo "setup.sh: the lock's versions need Python {min_text} or newer, this image has" \\
         "$(python3 -V 2>&1); choose Gradescope's Ubuntu 24.04 base image" >&2
    exit 1
fi
python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet --no-deps --require-hashes -r "$SOURCE/{lock}"
"$VENV/bin/pip" install --quiet --no-deps --no-build-isolation "$SOURCE/engine"
"$VENV/bin/python" -c 'import autograder, tensorflow, keras, numpy'
chmod -R go-rwx "$SOURCE"
"""

RUN_AUTOGRADER = """\
#!/usr/bin/env bash
# Gradescope runs this, as root, for every submission: it grades /autograder/submission in the
# sandbox and writes /autograder/results/results.json. GRADESCOPE_ROOT moves /autograder (tests
# lay Gradescope's folders out under a temporary root); AUTOGRADER_PYTHON picks the interpreter.
set -uo pipefail
ROOT="${{GRADESCOPE_ROOT:-/autograder}}"
PYTHON="${{AUTOGRADER_PYTHON:-${{AUTOGRADER_VENV:-{venv}}}/bin/python}}"
exec "$PYTHON" -m autograder gradescope-run --gradescope-root "$ROOT"
"""


def engine_root() -> Path:
    """The checkout the running engine comes from (its pyproject.toml and lock live there)."""
    return Path(autograder.__file__).resolve().parents[1]


def write_gradescope_zip(*, project: Project, name: str, engine: Path | None = None) -> Path:
    """Write ``build/<name>/gradescope/autograder.zip``; the assignment must be built already."""
    engine = Path(engine) if engine else engine_root()
    lock = engine / LOCK_NAME
    if not lock.is_file() or not (engine / "pyproject.toml").is_file():
        raise BuildError(f"the Gradescope autograder needs the engine's {LOCK_NAME} and "
                         f"pyproject.toml, and {engine} has no {LOCK_NAME} or no pyproject.toml: "
                         "build from a checkout of the engine (run `make lock` to write the lock)")
    tests = project.build_dir(name) / "dist" / "autograder" / "tests"
    if not tests.is_dir():
        raise BuildError(f"{name} has no hidden tests in {tests}: run `autograder build {name}`")
    target = project.build_dir(name) / "gradescope" / ZIP_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    members = dict(_members(project=project, name=name, engine=engine))
    partial = target.with_suffix(".zip.partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for arcname in sorted(members):
            _add(archive, arcname, members[arcname])
    partial.replace(target)
    return target


def gradescope_config(name: str) -> dict:
    """What run_autograder reads from gradescope.json (edit the limits there if need be; "lang"
    is the feedback's language: "en", "fa", or "both")."""
    return {"assignment": name, **DEFAULT_LIMITS, "lang": "both"}


def _members(*, project: Project, name: str, engine: Path) -> Iterator[tuple[str, bytes | Path]]:
    minimum = ".".join(map(str, MIN_PYTHON))
    yield "setup.sh", SETUP_SH.format(venv=VENV, lock=LOCK_NAME, min_python=MIN_PYTHON,
                                      min_text=minimum).encode()
    yield "run_autograder", RUN_AUTOGRADER.format(venv=VENV).encode()
    yield CONFIG_NAME, (json.dumps(gradescope_config(name), indent=2) + "\n").encode()
    yield LOCK_NAME, engine / LOCK_NAME
    for file in ("pyproject.toml", "README.md"):
        yield f"engine/{file}", engine / file
    yield from _tree(engine / "autograder", "engine/autograder", suffixes={".py", ".html"})
    root = project.root
    folders = [(root / "assignments" / name, f"project/assignments/{name}"),
               (root / "solutions", "project/solutions"),
               (project.template_dir(name), f"project/student_template/{name}"),
               (project.build_dir(name) / "dist" / "autograder" / "tests",
                f"project/build/{name}/dist/autograder/tests")]
    for folder, prefix in folders:
        yield from _tree(folder, prefix)
    yield f"project/build/{name}/questions.json", project.build_dir(name) / "questions.json"


def _tree(folder: Path, prefix: str, *, suffixes: set[str] | None = None,
          ) -> Iterator[tuple[str, Path]]:
    for path in sorted(folder.rglob("*")):
        parts = path.relative_to(folder).parts
        if path.is_file() and not _SKIPPED.intersection(parts) \
                and (suffixes is None or path.suffix in suffixes):
            yield f"{prefix}/{'/'.join(parts)}", path


def _add(archive: zipfile.ZipFile, arcname: str, content: bytes | Path) -> None:
    info = zipfile.ZipInfo(arcname, date_time=_TIMESTAMP)
    info.compress_type = zipfile.ZIP_DEFLATED
    executable = arcname in ("setup.sh", "run_autograder")
    info.external_attr = (0o100755 if executable else 0o100644) << 16
    archive.writestr(info, content if isinstance(content, bytes) else content.read_bytes())
