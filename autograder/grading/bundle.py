"""The grading bundle of one assignment: what the judge loads from build/<hw>/ to grade it."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from autograder.errors import ConfigError
from autograder.grading.notebook import template_imports
from autograder.project import Project, QuestionInfo
from autograder.sandbox.processes import DEFAULT_PRELOAD


SEED_FILE = "seed.json"
"""build/<hw>/seed.json: the master's intercell seed, written by `build` when it has one."""

SOURCE_FILE = "source.json"
"""build/<hw>/source.json: the sha256 of the master (its percent file, else the notebook) that
`build` built from, so that grading can refuse a bundle older than the master."""


@dataclass
class Bundle:
    """What the judge needs to grade one assignment, loaded from build/<hw>/."""

    name: str
    questions: list[QuestionInfo]
    tests_dir: Path
    public_files: list[Path] = field(default_factory=list)
    sha256: str = ""
    secret_paths: list[Path] = field(default_factory=list)
    """Folders a sandbox must not see: solutions, masters, the bundle itself."""
    preload: tuple[str, ...] = DEFAULT_PRELOAD
    """Modules the zygote imports before forking sandboxes: the defaults and the template's."""
    seed: dict | None = None
    """otter run's intercell seeding from the master's config (``{"seed", "variable"}``)."""
    mutants: list[Path] = field(default_factory=list)
    """The assignment's known-wrong notebooks, whose named mistakes the feedback can point out."""
    model_answer: Path | None = None
    """The master notebook, whose solution code a named mistake must differ from."""
    template: Path | None = None
    """The student template notebook: code a student did not write (for code fingerprints)."""
    judge_work: bool = False
    """Whether the hidden tests hand heavy work to judge worker processes (they import a
    `solutions` module that calls ``judge_work.offload``): then the grader starts those workers
    with the batch instead of at the first such test."""

    @property
    def auto_questions(self) -> list[QuestionInfo]:
        return [q for q in self.questions if not q.manual]


def load_bundle(*, project: Project, name: str) -> Bundle:
    project.master(name)  # unknown names get the "known assignments" message
    build = project.build_dir(name)
    questions_file = build / "questions.json"
    tests_dir = build / "dist" / "autograder" / "tests"
    if not questions_file.is_file() or not tests_dir.is_dir():
        raise ConfigError(f"assignment {name!r} is not built yet: run `autograder build {name}`")
    _refuse_stale_build(project=project, name=name)
    questions = [QuestionInfo(**q) for q in json.loads(questions_file.read_text("utf-8"))]
    template = project.template_dir(name)
    public = sorted(p for p in template.iterdir()
                    if p.suffix != ".ipynb" and p.name != "tests" and not p.name.startswith("."))
    digest = hashlib.sha256()
    seed_file = build / SEED_FILE
    seed = json.loads(seed_file.read_text("utf-8")) if seed_file.is_file() else None
    for path in [questions_file, *sorted(tests_dir.glob("*.py")), *[seed_file][:bool(seed)]]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    secrets = [project.root / "solutions", project.root / "assignments", project.root / "build"]
    preload = tuple(dict.fromkeys([*DEFAULT_PRELOAD,
                                   *template_imports(template / f"{name}.ipynb")]))
    return Bundle(name, questions, tests_dir, public, digest.hexdigest(), secrets, preload, seed,
                  mutants=project.mutants(name),
                  model_answer=project.master(name), template=template / f"{name}.ipynb",
                  judge_work=uses_judge_work(tests_dir=tests_dir, solutions=project.root / "solutions"))


def uses_judge_work(*, tests_dir: Path, solutions: Path) -> bool:
    """Whether a hidden test imports a `solutions` module whose code offloads judge work."""
    names = set()
    for test in tests_dir.glob("*.py"):
        names.update(re.findall(r"\bsolutions\.(\w+)", test.read_text("utf-8", "replace")))
    return any("judge_work" in (solutions / f"{n}.py").read_text("utf-8", "replace")
               for n in sorted(names) if (solutions / f"{n}.py").is_file())


def master_source(*, project: Project, name: str) -> Path:
    """The file an instructor edits: the percent master if there is one, else the notebook."""
    master = project.master(name)
    percent = master.with_name(f"{name}.pct.py")
    return percent if percent.is_file() else master


def source_record(*, project: Project, name: str) -> dict:
    """What `build` writes to :data:`SOURCE_FILE`."""
    source = master_source(project=project, name=name)
    return {"source": source.relative_to(project.root).as_posix(),
            "sha256": hashlib.sha256(source.read_bytes()).hexdigest()}


def _refuse_stale_build(*, project: Project, name: str) -> None:
    """ConfigError when the master changed after the bundle was built (a build without the
    record, from an older version, is trusted as before)."""
    record_file = project.build_dir(name) / SOURCE_FILE
    if not record_file.is_file():
        return
    try:
        built = json.loads(record_file.read_text("utf-8"))
    except (OSError, ValueError):
        built = {}
    now = source_record(project=project, name=name)
    if built.get("sha256") != now["sha256"]:
        raise ConfigError(
            f"{now['source']} changed after `autograder build {name}`: build/{name} holds hidden "
            "tests made from the earlier version, so grades would not follow the current "
            f"questions. Run `autograder build {name}` (and `autograder validate {name}`), then "
            "grade again.")
