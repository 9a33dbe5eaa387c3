"""Milliseconds of one sandbox's life, phase by phase: create (uid, cgroup, work dir), start (fork
from the zygote, namespaces, allow-listed root, seccomp, until the runner says hello), run one
trivial cell, close (kill, cgroup removal, reaping). Medians over --runs sandboxes after two
warm-up ones.

To compare two commits side by side, run it in a checkout of each with that checkout first on
the path, alternating: `PYTHONPATH=/path/to/checkout .venv/bin/python benchmarks/sandbox_lifecycle.py`.
"""

from __future__ import annotations

import argparse
import statistics
import time

from autograder.sandbox.launcher import Sandbox, SandboxLimits

PHASES = ("create", "start", "run", "close")


def one_sandbox() -> tuple[float, float, float, float]:
    began = time.perf_counter()
    with Sandbox(slot=0, limits=SandboxLimits()) as sandbox:
        created = time.perf_counter()
        sandbox.start()
        started = time.perf_counter()
        sandbox.send({"cells": [{"index": 1, "source": "x = 1", "skip": False}]}, timeout=30)
        while sandbox.receive(timeout=30, during="running").get("type") != "executed":
            pass
        ran = time.perf_counter()
    return created - began, started - created, ran - started, time.perf_counter() - ran


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=12)
    runs = parser.parse_args().runs
    one_sandbox(), one_sandbox()  # the zygote's start and first forks are not what we measure
    rows = [one_sandbox() for _ in range(runs)]
    medians = [statistics.median(row[i] for row in rows) * 1000 for i in range(len(PHASES))]
    total = statistics.median(sum(row) for row in rows) * 1000
    print("  ".join(f"{name} {ms:.1f}" for name, ms in zip(PHASES, medians))
          + f"  total {total:.1f} ms (median of {runs})")


if __name__ == "__main__":
    main()
