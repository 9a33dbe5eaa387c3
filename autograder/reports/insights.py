"""What the class summary teaches from: every test's pass rate, the hidden tests failed most,
the named mistakes students made, and identical or unusually similar submissions.

Computed from results alone (a test's outcome, its named mistake, the code fingerprints the
grader saved; see :mod:`autograder.reports.similarity`), so a summary rewritten later agrees.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from autograder.reports.similarity import SimilarPair, identical_groups, similar_pairs

HARDEST = 5
"""Hidden tests listed under "failed most"."""


@dataclass
class TestStats:
    question: str
    name: str
    hidden: bool
    ran: int = 0
    passed: int = 0
    mistakes: dict[str, int] = field(default_factory=dict)
    """Named mistake id -> students whose failure of this test it names."""

    @property
    def failed(self) -> int:
        return self.ran - self.passed

    @property
    def pass_rate(self) -> float | None:
        return self.passed / self.ran if self.ran else None


@dataclass
class MistakeStats:
    id: str
    name: str
    explanation: str
    questions: list[str] = field(default_factory=list)
    students: list[str] = field(default_factory=list)


@dataclass
class Insights:
    tests: list[TestStats]
    hardest: list[TestStats]
    mistakes: list[MistakeStats]
    identical: list[list[str]]
    similar: list[SimilarPair]


def class_insights(rows: list) -> Insights:
    """From the summary's rows (one per student; a result's tests are those that ran)."""
    tests: dict[tuple[str, str], TestStats] = {}
    mistakes: dict[str, MistakeStats] = {}
    for row in rows:
        result = row.result
        for question in result.questions:
            for test in question.tests:
                stats = tests.setdefault((question.name, test.name),
                                         TestStats(question.name, test.name, test.hidden))
                stats.ran += 1
                stats.passed += bool(test.passed)
                if not test.passed and test.mistake is not None:
                    _count(mistakes, test.mistake, question.name, result.student)
                    stats.mistakes[test.mistake.id] = stats.mistakes.get(test.mistake.id, 0) + 1
    ordered = list(tests.values())
    hardest = sorted((t for t in ordered if t.hidden and t.failed),
                     key=lambda t: (-t.failed / t.ran, -t.failed, t.question, t.name))[:HARDEST]
    found = sorted(mistakes.values(), key=lambda m: (-len(m.students), m.id))
    codes = {r.result.student: r.result.code for r in rows if r.result.code}
    return Insights(ordered, hardest, found, identical_groups(codes), similar_pairs(codes))


def _count(mistakes: dict[str, MistakeStats], mistake, question: str, student: str) -> None:
    stats = mistakes.setdefault(mistake.id, MistakeStats(mistake.id, mistake.name_en,
                                                         mistake.explanation_en))
    if question not in stats.questions:
        stats.questions.append(question)
    if student not in stats.students:
        stats.students.append(student)
