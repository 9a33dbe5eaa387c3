"""Seconds from Ctrl-C to a stopped batch: a real `autograder grade` of the tiny test assignment
(two quick notebooks, then two that loop forever, one ignoring SIGINT) gets SIGINT twice while
the endless ones run; printed are the medians, over --runs batches, of the time until every
process the batch started is gone and until the command has exited (reports written).

Run from a checkout: `PYTHONPATH=. .venv/bin/python benchmarks/interrupt_latency.py`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"


def descendants(pid: int) -> set[int]:
    found, todo = set(), [pid]
    while todo:
        current = todo.pop()
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                children = [int(c) for c in (task / "children").read_text().split()]
            except (OSError, ValueError):
                continue
            found.update(children)
            todo += children
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in "ZX"


def prepare(base: Path) -> tuple[Path, Path]:
    from autograder.authoring.build import build_assignment
    from autograder.project import Project

    project_root = base / "project"
    shutil.copytree(FIXTURES / "project", project_root)
    project = Project.locate(project_root)
    build_assignment(project=project, name="tiny")
    subs = base / "class"
    subs.mkdir()
    solution = project.solution_notebook("tiny").read_bytes()
    for name in ("quick0", "quick1"):
        (subs / f"{name}.ipynb").write_bytes(solution)
    attacks = FIXTURES / "submissions" / "attacks"
    for name in ("infinite_loop", "ignores_interrupts"):
        shutil.copy(attacks / f"{name}.ipynb", subs / f"zz_{name}.ipynb")
    return project_root, subs


def one_batch(project_root: Path, subs: Path, out: Path) -> tuple[float, float]:
    shutil.rmtree(out, ignore_errors=True)
    batch = subprocess.Popen(
        [sys.executable, "-m", "autograder", "--root", str(project_root), "grade", "tiny",
         str(subs), "-o", str(out), "--timeout", "300", "--workers", "2", "--quiet"],
        stderr=subprocess.DEVNULL)
    while len(list((out / "results").glob("quick*.json"))) < 2:
        time.sleep(0.1)
    time.sleep(2)  # both endless notebooks are running
    started = descendants(batch.pid)
    began = time.perf_counter()
    batch.send_signal(signal.SIGINT)
    time.sleep(0.2)
    batch.send_signal(signal.SIGINT)
    gone = exited = None
    while (exited is None or gone is None) and time.perf_counter() - began < 120:
        if gone is None and not any(alive(p) for p in started):
            gone = time.perf_counter() - began
        if exited is None and batch.poll() is not None:
            exited = time.perf_counter() - began
        time.sleep(0.01)
    if gone is None or batch.returncode != 130:
        raise SystemExit(f"the batch left processes or exited with {batch.returncode}")
    return gone, exited


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        project_root, subs = prepare(Path(tmp))
        rows = [one_batch(project_root, subs, Path(tmp) / "out") for _ in range(runs)]
    killed, exited = (statistics.median(r[i] for r in rows) for i in range(2))
    print(f"processes gone {killed:.2f} s  command exited {exited:.2f} s after the first "
          f"SIGINT (median of {runs}; load {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
