"""Throughput of our engine against sequential `otter run` on the same honest hw04 submissions.

    .venv/bin/python benchmarks/throughput.py [--copies 4] [--skip-otter]

Prints, for both: submissions per minute, the ratio, the engine's overhead per submission beyond
the notebook's own compute (workers=1), and peak memory (judge + sandboxes, sampled from /proc);
then checks that both graders gave the same auto-graded score to every submission.
Needs `autograder build hw04` first (for the otter autograder zip and our bundle).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from autograder.grading.grader import Grader, GradeOptions, grade_all  # noqa: E402
from autograder.grading.intake import Submission  # noqa: E402
from autograder.grading.bundle import load_bundle
from autograder.project import Project  # noqa: E402

HONEST = ["sara_full_marks", "reza_partial", "maryam_leaky_pipeline", "ali_ignores_dilation",
          "nima_blank"]


class PeakMemory:
    """Samples the resident memory of this process and all its descendants every 50 ms."""

    def __init__(self):
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _run(self):
        while not self._stop.wait(0.05):
            self.peak_kb = max(self.peak_kb, _tree_rss_kb(os.getpid()))


def _tree_rss_kb(root: int) -> int:
    parents, rss = {}, {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            status = Path(f"/proc/{entry}/status").read_text()
        except OSError:
            continue
        parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
        rss[int(entry)] = next((int(line.split()[1]) for line in status.splitlines()
                                if line.startswith("VmRSS:")), 0)
    total = 0
    for pid in rss:
        walker = pid
        while walker and walker != root:
            walker = parents.get(walker, 0)
        total += rss[pid] if walker == root else 0
    return total


def make_submissions(folder: Path, copies: int) -> list[Path]:
    demo = ROOT / "assignments" / "hw04" / "demo_class"
    paths = []
    for i in range(copies):
        for name in HONEST:
            target = folder / f"{name}_{i}.ipynb"
            shutil.copy(demo / f"{name}.ipynb", target)
            paths.append(target)
    return paths


def run_engine(paths: list[Path], workers: int) -> tuple[float, list, int]:
    project = Project.locate(ROOT)
    project.import_solutions()
    grader = Grader(load_bundle(project=project, name="hw04"), GradeOptions(workers=workers, timeout=120))
    with PeakMemory() as memory:
        start = time.perf_counter()
        results = grade_all(grader, submissions=[Submission(p.stem, p) for p in paths])
        elapsed = time.perf_counter() - start
    return elapsed, results, memory.peak_kb


def run_otter(paths: list[Path], scratch: Path) -> tuple[float, dict[str, float], int]:
    zips = sorted((ROOT / "build" / "hw04" / "dist" / "autograder").glob("*.zip"))
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    scores = {}
    with PeakMemory() as memory:
        start = time.perf_counter()
        for path in paths:
            out = scratch / f"otter-{path.stem}"
            out.mkdir()
            subprocess.run([sys.executable, "-m", "otter", "run", "-a", str(zips[-1]), "-o",
                            str(out), "--no-logo", str(path)], env=env, capture_output=True,
                           check=True)
            results = json.loads((out / "results.json").read_text())
            scores[path.stem] = sum(t.get("score") or 0 for t in results["tests"])  # Gradescope format
        elapsed = time.perf_counter() - start
    return elapsed, scores, memory.peak_kb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=4, help="copies of each of 5 notebooks")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-otter", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        paths = make_submissions(scratch, args.copies)
        n = len(paths)
        sequential, seq_results, _ = run_engine(paths, workers=1)
        overheads = sorted(r.duration - r.notebook_seconds for r in seq_results)
        overhead = sum(overheads) / n  # includes the one-off zygote start (TensorFlow import)
        test_seconds = [sum(t.duration for q in r.questions for t in q.tests) for r in seq_results]
        tests = sorted(test_seconds)
        lifecycle = sorted(r.duration - r.notebook_seconds - t
                           for r, t in zip(seq_results, test_seconds))
        parallel, results, engine_peak = run_engine(paths, workers=args.workers)
        print(f"submissions: {n} honest hw04 notebooks, {os.cpu_count()} cores")
        print(f"engine, workers=1: {sequential:.1f} s, {60 * n / sequential:.0f}/min; "
              f"overhead beyond the notebook's own compute: {overhead:.3f} s/submission "
              f"(median {overheads[n // 2]:.3f} s; the slowest, {overheads[-1]:.2f} s, includes the "
              "one-off zygote start)")
        print(f"  of which hidden tests (student functions on the judge's inputs, messages, "
              f"reference checks): median {tests[n // 2]:.3f} s; sandbox start, cell transfer and "
              f"teardown: median {lifecycle[n // 2]:.3f} s")
        print(f"engine, workers={args.workers}: {parallel:.1f} s, {60 * n / parallel:.0f}/min; "
              f"peak memory {engine_peak / 1024:.0f} MiB")
        if args.skip_otter:
            return
        otter_time, otter_scores, otter_peak = run_otter(paths, scratch)
        print(f"otter run, sequential: {otter_time:.1f} s, {60 * n / otter_time:.1f}/min; "
              f"peak memory {otter_peak / 1024:.0f} MiB")
        print(f"ratio (engine workers={args.workers} / otter run): {otter_time / parallel:.1f}x")
        ours = {r.student: r.score for r in results}
        differ = {k: (ours[k], v) for k, v in otter_scores.items() if abs(ours[k] - v) > 1e-9}
        print("same scores on every submission" if not differ else f"SCORES DIFFER: {differ}")


if __name__ == "__main__":
    main()
