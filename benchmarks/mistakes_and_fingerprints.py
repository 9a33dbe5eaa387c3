"""What named mistakes and code fingerprints add to grading, in milliseconds, judge-side only.

- catalogue: loading an assignment's named mutants and the model answer (once per grading run);
- identify: naming the mistake of one failing hidden test (hw04 `bn_random_batches`'s six calls,
  made by a student whose variance divides by N - 1), against calling the same six calls on the
  reference alone (what the test itself does besides the student's calls): the ratio is the
  replay's cost relative to the test's own judge-side work;
- fingerprint: the code fingerprint of one hw04 notebook (once per submission), and the
  similarity of every pair of a class of --class-size such fingerprints (once per summary).

Medians over --runs. Run from a checkout: `PYTHONPATH=. .venv/bin/python
benchmarks/mistakes_and_fingerprints.py`.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

import nbformat
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # `solutions`, the judge-only reference

from autograder.grading.mistakes import CallLog, MistakeCatalog  # noqa: E402
from autograder.grading.notebook import parse_notebook  # noqa: E402
from autograder.protocol import codec, wire  # noqa: E402
from autograder.reports.similarity import CodePrinter, similar_pairs  # noqa: E402

HW = ROOT / "assignments" / "hw04"


def unbiased(x, gamma, beta, eps=1e-5):
    mean = x.mean(axis=0)
    var = x.var(axis=0, ddof=1) if len(x) > 1 else np.zeros_like(mean)
    return gamma * (x - mean) / np.sqrt(var + eps) + beta


def calls():
    """The six calls of hw04's bn_random_batches (same shapes and seed)."""
    rng = np.random.default_rng(4101)
    made = []
    for n, d in [(2, 1), (5, 3), (16, 7), (64, 20), (3, 40)]:
        x = rng.normal(rng.uniform(-5, 5), rng.uniform(0.1, 4.0), size=(n, d))
        made.append((x, rng.uniform(0.5, 2.0, size=d), rng.normal(size=d),
                     float(rng.choice([1e-5, 1e-3, 0.1]))))
    x = rng.normal(3.0, 0.004, size=(9, 4))
    return made + [(x, rng.uniform(0.5, 2.0, size=4), rng.normal(size=4), 1e-5)]


def log_of(made) -> CallLog:
    log = CallLog()
    for args in made:
        with codec.attachment() as blob:
            message = {"args": codec.encode(list(args)), "kwargs": codec.encode({})}
        message[wire.BLOB] = bytes(blob)
        log.returned("forward_batchnorm", message, unbiased(*args))
    return log


def median_ms(function, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(1000 * (time.perf_counter() - started))
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--class-size", type=int, default=60)
    args = parser.parse_args()
    from solutions.hw04 import forward_batchnorm as reference

    paths = sorted((HW / "mutants").glob("*.ipynb"))
    load = median_ms(lambda: MistakeCatalog.load(paths, solution=HW / "hw04.ipynb"), 3)
    catalogue = MistakeCatalog.load(paths, solution=HW / "hw04.ipynb")
    made = calls()
    log = log_of(made)
    assert catalogue.identify(question="q1", log=log).id == "q1_unbiased_variance"
    identify = median_ms(lambda: catalogue.identify(question="q1", log=log), args.runs)
    own = median_ms(lambda: [reference(*a) for a in made], args.runs)
    print(f"catalogue load (hw04, {len(paths)} mutants): {load:.1f} ms")
    print(f"identify one failing test (6 calls, {len(catalogue.mutants)} mutants): "
          f"{identify:.2f} ms; the test's own reference calls: {own:.3f} ms; "
          f"ratio {identify / own:.0f}x")
    template = parse_notebook((ROOT / "student_template" / "hw04" / "hw04.ipynb").read_bytes())
    printer = CodePrinter([c.source for c in template])
    solution = nbformat.read(HW / "mutants" / "q1_unbiased_variance.ipynb", as_version=4)
    sources = [c.source for c in solution.cells if c.cell_type == "code"]
    fingerprint = median_ms(lambda: printer.fingerprint(sources), max(3, args.runs // 4))
    base = printer.fingerprint(sources)
    rng = random.Random(0)
    codes = {f"s{i}": {"sha256": str(i), "hashes": rng.sample(base["hashes"],
                                                             len(base["hashes"]) // 2)}
             for i in range(args.class_size)}
    pairs = median_ms(lambda: similar_pairs(codes), 3)
    print(f"fingerprint of one hw04 notebook: {fingerprint:.1f} ms "
          f"({len(base['hashes'])} fingerprints)")
    print(f"similar pairs of a class of {args.class_size}: {pairs:.1f} ms")


if __name__ == "__main__":
    main()
