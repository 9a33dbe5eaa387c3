"""Where things live in a course project, and the questions of an assignment.

Layout (relative to the project root)::

    assignments/<hw>/<hw>.ipynb          otter-assign master notebook
    assignments/<hw>/data/               public data shipped to students and sandboxes
    assignments/<hw>/mutants/*.ipynb     known-wrong notebooks for `autograder validate`
    solutions/<hw>.py                    reference module imported by hidden tests (judge only)
    student_template/<hw>/               generated student notebook + data (committed)
    build/<hw>/                          generated grading bundle (gitignored, root-only)

The root is found from the installed package (an editable checkout) or given explicitly, never
from the working directory.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from autograder.errors import ConfigError


@dataclass(frozen=True)
class QuestionInfo:
    name: str
    points: float
    manual: bool = False


@dataclass(frozen=True)
class Project:
    root: Path

    @classmethod
    def locate(cls, root: Path | None = None) -> "Project":
        """The given root, or the checkout this package was installed from."""
        candidate = Path(root) if root else Path(__file__).resolve().parents[1]
        if not (candidate / "assignments").is_dir():
            raise ConfigError(f"{candidate} is not a course project (no assignments/ folder); "
                              "pass --root PATH to point at one")
        return cls(candidate.resolve())

    def assignments(self) -> list[str]:
        return sorted(p.parent.name for p in (self.root / "assignments").glob("*/*.ipynb")
                      if p.stem == p.parent.name)

    def master(self, name: str) -> Path:
        path = self.root / "assignments" / name / f"{name}.ipynb"
        if not path.is_file():
            known = ", ".join(self.assignments()) or "none"
            raise ConfigError(f"unknown assignment {name!r} (no {path}); known: {known}")
        return path

    def mutants(self, name: str) -> list[Path]:
        return sorted((self.root / "assignments" / name / "mutants").glob("*.ipynb"))

    def template_dir(self, name: str) -> Path:
        return self.root / "student_template" / name

    def build_dir(self, name: str) -> Path:
        return self.root / "build" / name

    def solution_notebook(self, name: str) -> Path:
        return self.build_dir(name) / "dist" / "autograder" / f"{name}.ipynb"

    def import_solutions(self) -> None:
        """Make `import solutions` work in the judge (and only there)."""
        if str(self.root) not in sys.path:
            sys.path.insert(0, str(self.root))
        package = sys.modules.get("solutions")
        folder = str(self.root / "solutions")
        if package is not None and folder not in list(getattr(package, "__path__", [folder])):
            package.__path__.append(folder)  # another project's `solutions` was imported first


def write_questions(path: Path, questions: list[QuestionInfo]) -> None:
    path.write_text(json.dumps([asdict(q) for q in questions], indent=2), encoding="utf-8")
