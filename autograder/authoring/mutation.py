"""`autograder validate --mutate`: do the hidden tests catch every plausible wrong answer?

Mutants of every function in ``solutions/<hw>.py`` (see :mod:`.mutation_operators`) play the
student. A mutant belongs to the questions whose hidden tests take a function that is, or calls,
the mutated one; it is killed when one of those tests fails (or raises, or runs out of time) and
survives when they all pass. A survivor is either a gap in the tests or a change that makes no
difference on any input the question allows; an instructor lists the latter, each with its
reason, in ``assignments/<hw>/equivalent_mutants.yaml``::

    - mutant: "same_padding: total = (kernel_size - 1) * dilation -> ..."
      reason: "..."

The check passes when every survivor is listed there. Mutants run in worker processes (one per
``workers``), outside any sandbox: they are our own code, so thousands run per minute.
"""

from __future__ import annotations

import ast
import inspect
import json
import random
import select
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from autograder.authoring.mutation_operators import Mutant, generate
from autograder.errors import ConfigError
from autograder.grading.bundle import load_bundle
from autograder.grading.judge import load_test_files
from autograder.grading.ok_tests import free_names, is_ok_case
from autograder.project import Project

EQUIVALENTS_FILE = "equivalent_mutants.yaml"
STATUSES = ("killed", "timeout", "survived", "equivalent")


@dataclass
class MutantOutcome:
    mutant: Mutant
    questions: tuple[str, ...]
    status: str
    """killed, timeout (also a kill), survived, or equivalent (survived, listed with a reason)."""
    detail: str = ""
    """The killing test and its message, or the instructor's reason for an equivalent one."""


@dataclass
class QuestionScore:
    name: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def score(self) -> float | None:
        """Killed share of the mutants that are not equivalent (None when there are none)."""
        relevant = self.total - self.counts["equivalent"]
        killed = self.counts["killed"] + self.counts["timeout"]
        return 100.0 * killed / relevant if relevant else None


@dataclass
class MutationReport:
    assignment: str
    outcomes: list[MutantOutcome] = field(default_factory=list)
    uncovered: int = 0
    """Mutants in functions no question's hidden tests reach (e.g. data generators)."""
    generated: int = 0
    stale_equivalents: list[str] = field(default_factory=list)
    """Listed as equivalent but no longer generated (the reference changed): review the file."""

    @property
    def survivors(self) -> list[MutantOutcome]:
        return [o for o in self.outcomes if o.status == "survived"]

    @property
    def ok(self) -> bool:
        return not self.survivors

    def questions(self) -> list[QuestionScore]:
        names = sorted({q for o in self.outcomes for q in o.questions})
        scores = []
        for name in names:
            counts = dict.fromkeys(STATUSES, 0)
            for outcome in (o for o in self.outcomes if name in o.questions):
                counts[outcome.status] += 1
            scores.append(QuestionScore(name, counts))
        return scores


def mutation_test(*, project: Project, name: str, workers: int = 2, sample: int | None = None,
                  seed: int = 0, timeout: float | None = None,
                  progress=None) -> MutationReport:
    """Generate the mutants of ``solutions/<name>.py`` and run each against its questions.

    ``sample`` runs a seeded random subset of that many mutants (for CI); ``timeout`` is the
    seconds one mutant may take (default: five times the reference's time plus 10 s).
    """
    project.import_solutions()
    bundle = load_bundle(project=project, name=name)
    source_path = project.root / "solutions" / f"{name}.py"
    mutants = generate(source_path.read_text(encoding="utf-8"))
    questions = _questions_of(source_path, load_test_files(bundle.tests_dir))
    report = MutationReport(name, generated=len(mutants))
    covered = [(m, questions.get(m.function, ())) for m in mutants]
    report.uncovered = sum(1 for _, qs in covered if not qs)
    covered = [(m, qs) for m, qs in covered if qs]
    if sample is not None and sample < len(covered):
        covered = sorted(random.Random(seed).sample(covered, sample), key=lambda c: c[0].line)
    equivalents = load_equivalents(project, name)
    pool = _Pool((str(project.root), name, str(bundle.tests_dir),
                  str(project.solution_notebook(name)), str(project.template_dir(name))),
                 max(1, workers))
    try:
        limit = timeout or 10.0 + 5 * pool.baseline(sorted({q for _, qs in covered for q in qs}))
        results = pool.run([(m.source, list(qs)) for m, qs in covered], limit, progress)
    finally:
        pool.close()
    for (mutant, qs), result in zip(covered, results):
        report.outcomes.append(_outcome(mutant, qs, result, equivalents))
    generated = {m.ident for m in mutants}
    report.stale_equivalents = sorted(set(equivalents) - generated)
    return report


def _outcome(mutant: Mutant, questions, result: dict, equivalents: dict) -> MutantOutcome:
    if result.get("timeout"):
        return MutantOutcome(mutant, questions, "timeout", "ran out of time")
    if result["killed"]:
        return MutantOutcome(mutant, questions, "killed", f"{result['by']}: {result['message']}")
    if mutant.ident in equivalents:
        return MutantOutcome(mutant, questions, "equivalent", equivalents[mutant.ident])
    return MutantOutcome(mutant, questions, "survived")


def load_equivalents(project: Project, name: str) -> dict[str, str]:
    """{mutant id: reason} from assignments/<name>/equivalent_mutants.yaml (empty if none)."""
    path = project.root / "assignments" / name / EQUIVALENTS_FILE
    if not path.is_file():
        return {}
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    found = {}
    for number, entry in enumerate(entries if isinstance(entries, list) else [None], 1):
        if not (isinstance(entry, dict) and str(entry.get("mutant", "")).strip()
                and str(entry.get("reason", "")).strip()):
            raise ConfigError(f"{path}: entry {number} needs a `mutant` (the id validate prints) "
                              "and a `reason` saying why it behaves like the reference")
        found[str(entry["mutant"]).strip()] = str(entry["reason"]).strip()
    return found


def _questions_of(source_path: Path, test_files: dict) -> dict[str, tuple[str, ...]]:
    """Top-level function -> the questions whose hidden tests reach it (directly or through a
    function that calls it)."""
    calls = _call_graph(ast.parse(source_path.read_text(encoding="utf-8")))
    asked: dict[str, set[str]] = {}
    for question, test_file in test_files.items():
        for case in (c for c in test_file.test_cases if c.hidden):
            names = (free_names(case.body) if is_ok_case(case)
                     else inspect.signature(case.body.test_func).parameters)
            for parameter in names:
                asked.setdefault(parameter, set()).add(question)
    reach = {f: _reachable(f, calls) for f in calls}
    return {f: tuple(sorted({q for caller, found in reach.items() if f in found
                             for q in asked.get(caller, ())})) for f in calls}


def _call_graph(tree: ast.Module) -> dict[str, set[str]]:
    functions = {n.name: n for n in tree.body if isinstance(n, (ast.FunctionDef,
                                                                 ast.AsyncFunctionDef))}
    return {name: {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and n.id in functions}
            for name, node in functions.items()}


def _reachable(start: str, calls: dict[str, set[str]]) -> set[str]:
    seen, todo = {start}, [start]
    while todo:
        for callee in calls.get(todo.pop(), ()):
            if callee not in seen:
                seen.add(callee)
                todo.append(callee)
    return seen


class _Worker:
    """One worker process and its JSON-lines channel."""

    def __init__(self, args: tuple[str, ...]):
        self.log = tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "autograder.authoring.mutation_worker", *args],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log,
            text=True, encoding="utf-8", bufsize=1)
        answer = self.receive(300)
        if not (answer or {}).get("ready"):
            self.kill()
            why = (answer or {}).get("message") or self._log_tail() or "no answer in 300 s"
            raise ConfigError(f"a mutation worker for {args[1]} could not start: {why}")

    def _log_tail(self) -> str:
        """The end of what the worker printed (its traceback, when it died starting)."""
        self.log.seek(0)
        lines = [line for line in self.log.read().splitlines() if line.strip()]
        return " | ".join(lines[-3:])[-600:]

    def send(self, job) -> None:
        self.process.stdin.write(json.dumps(job) + "\n")
        self.process.stdin.flush()

    def receive(self, timeout: float) -> dict | None:
        """The next reply, or None when the worker stays silent or dies."""
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        line = self.process.stdout.readline() if ready else ""
        return json.loads(line) if line else None

    def kill(self) -> None:
        self.process.kill()
        self.process.wait()
        self.log.close()

    def close(self) -> None:
        try:
            self.process.stdin.close()
            self.process.wait(5)
            self.log.close()
        except (OSError, subprocess.TimeoutExpired):
            self.kill()


class _Pool:
    """Worker processes fed one job at a time; a worker that overruns its job's time (or dies)
    is replaced. Mutants run in fresh processes, not forks: TensorFlow does not survive fork."""

    def __init__(self, args: tuple[str, ...], workers: int):
        self.args = args
        self.workers = [_Worker(self.args) for _ in range(workers)]

    def baseline(self, questions: list[str]) -> float:
        """Run the unmutated reference through the same harness: every test must pass."""
        self.workers[0].send([None, questions])
        result = self.workers[0].receive(3600) or {"killed": True, "by": "(crash)",
                                                   "message": "the worker died"}
        if result["killed"]:
            raise ConfigError(f"the reference itself fails {result['by']} when run as a "
                              f"student: {result['message']}")
        return result["seconds"]

    def run(self, jobs: list, limit: float, progress) -> list[dict]:
        results: list[dict | None] = [None] * len(jobs)
        next_job = iter(range(len(jobs)))
        lock = threading.Lock()

        def drive(slot: int) -> None:
            while True:
                with lock:
                    index = next(next_job, None)
                if index is None:
                    return
                results[index] = self._one(slot, jobs[index], limit)
                if progress is not None:
                    progress(results[index])

        threads = [threading.Thread(target=drive, args=(slot,)) for slot in
                   range(len(self.workers))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return results

    def _one(self, slot: int, job, limit: float) -> dict:
        worker = self.workers[slot]
        worker.send(list(job))
        answer = worker.receive(limit)
        if answer is not None:
            return answer
        timed_out = worker.process.poll() is None
        worker.kill()
        self.workers[slot] = _Worker(self.args)
        if timed_out:
            return {"killed": True, "timeout": True, "by": "", "message": "ran out of time"}
        return {"killed": True, "by": "(crash)", "message": "the mutant crashed its process"}

    def close(self) -> None:
        for worker in self.workers:
            worker.close()
