"""A student's points as every export counts them: auto-graded plus merged manual points."""

from __future__ import annotations

from dataclasses import dataclass, field

from autograder.reports.manual_store import GRADABLE
from autograder.results import SubmissionResult


@dataclass
class Total:
    """One student's points, auto-graded and manual."""

    student: str
    status: str
    auto: float
    auto_possible: float
    manual: float
    manual_possible: float
    pending: list[str] = field(default_factory=list)

    @property
    def total(self) -> float:
        return self.auto + self.manual

    @property
    def possible(self) -> float:
        return self.auto_possible + self.manual_possible


def total_of(result: SubmissionResult) -> Total:
    auto = [q for q in result.questions if not q.manual]
    manual = [q for q in result.questions if q.manual]
    auto_possible = result.possible or sum(q.possible for q in auto)
    manual_possible = result.manual_possible or sum(q.possible for q in manual)
    pending = [q.name for q in manual if q.points is None] if result.status in GRADABLE else []
    return Total(result.student, result.status, float(result.score), float(auto_possible),
                 float(sum(q.points or 0 for q in manual)), float(manual_possible), pending)
