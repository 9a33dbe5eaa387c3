"""Grading throughput vs workers, here and on a loopback Dask cluster, for hw04 and hw01.

    .venv/bin/python benchmarks/scale.py [--copies 4] [--hw hw01 hw04] [--plot scale.png]

Each configuration is one `autograder grade` command, timed from start to exit (start-up,
zygote and judge workers included, as a TA sees it): `--workers 1` and `--workers 2` here, and
`--cluster` against a scheduler with 1 and 2 one-thread `autograder worker`s started on
127.0.0.1 beforehand (their own start-up is not timed; shipping the bundle and starting each
worker's zygote is). Submissions:

- hw04: the honest demo notebooks (`--copies` of each of five);
- hw01 variants: `--copies` copies of the solution, each with its own hidden width
  (Dense 100+i, SimpleRNN 130+i), so every submission's two models are trained: judge-side
  training with nothing to reuse;
- hw01 copies: `--copies` identical copies of the solution: the judge trains each architecture
  once per run and reuses the accuracy (local runs only).

`--steady N` instead grades N hw01 variants with 1 and 2 local workers, `--rounds` times
alternating, and prints for each run the whole command's seconds and the steady rate: the
submissions finished after every slot had finished its first one, per minute, timed by when each
result was saved (start-up, warm-up and the first submissions excluded): the rate a large class is
graded at. Medians over the rounds and their ratios close the output.

Prints seconds and submissions per minute per configuration, the speed-up from 1 to 2 workers,
the cluster path's overhead per submission (Dask 1 worker vs local 1 worker) and a projection,
stated as such, for a class of 500 on N machines like this one; checks that every
configuration gave the same scores; writes a plot of throughput vs workers. Needs
`autograder build hw01 hw04` first and the `cluster` extra (`pip install -e '.[cluster]'`).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HONEST_HW04 = ["sara_full_marks", "reza_partial", "maryam_leaky_pipeline", "ali_ignores_dilation",
               "nima_blank"]
CLASS_SIZE = 500


def hw04_class(folder: Path, copies: int) -> Path:
    demo = ROOT / "assignments" / "hw04" / "demo_class"
    for i in range(copies):
        for name in HONEST_HW04:
            shutil.copy(demo / f"{name}.ipynb", folder / f"{name}_{i}.ipynb")
    return folder


def hw01_class(folder: Path, copies: int, *, distinct: bool) -> Path:
    solution = (ROOT / "build" / "hw01" / "dist" / "autograder" / "hw01.ipynb").read_text("utf-8")
    for i in range(copies):
        text = solution
        if distinct:
            text = (text.replace('Dense(96, activation=\\"relu\\")', f'Dense({100 + i}, activation=\\"relu\\")')
                    .replace("SimpleRNN(128)", f"SimpleRNN({130 + i})"))
            assert text != solution, "the solution notebook no longer has the widths to vary"
        (folder / f"student_{i}.ipynb").write_text(text, encoding="utf-8")
    return folder


def graded(hw: str, submissions: Path, out: Path, *, workers: int = 1,
           cluster: str | None = None) -> tuple[float, dict[str, float], list[float]]:
    """Seconds of one `autograder grade` command, each student's score, and when each result
    was saved (seconds after the start, sorted)."""
    command = [sys.executable, "-m", "autograder", "grade", hw, str(submissions), "-o", str(out),
               "--quiet", "--timeout", "120", "--workers", str(workers)]
    if cluster:
        command += ["--cluster", cluster]
    started, wall = time.perf_counter(), time.time()
    proc = subprocess.run(command, capture_output=True, text=True, env=_env())
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{proc.stderr[-3000:]}")
    files = list((out / "results").glob("*.json"))
    scores = {p.stem: json.loads(p.read_text())["score"] for p in files}
    return seconds, scores, sorted(p.stat().st_mtime - wall for p in files)


def _env() -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(ROOT), TF_CPP_MIN_LOG_LEVEL="2")


class LoopbackCluster:
    """A Dask scheduler and `workers` one-thread `autograder worker`s on 127.0.0.1."""

    def __init__(self, workers: int, scratch: Path):
        self.folder = Path(tempfile.mkdtemp(dir=scratch, prefix="dask-"))
        self.workers = workers
        self.processes: list[subprocess.Popen] = []

    def __enter__(self) -> str:
        from distributed import Client

        file = self.folder / "scheduler.json"
        self._start([sys.executable, "-m", "distributed.cli.dask_scheduler", "--host",
                     "127.0.0.1", "--port", "0", "--no-dashboard", "--scheduler-file", str(file)],
                    "scheduler")
        for _ in range(600):
            if file.is_file():
                break
            time.sleep(0.1)
        address = json.loads(file.read_text())["address"]
        for i in range(self.workers):
            self._start([sys.executable, "-m", "autograder", "worker", address, "--no-nanny",
                         "--name", f"w{i}"], f"worker{i}")
        with Client(address, timeout=60) as client:
            client.wait_for_workers(self.workers, timeout=300)
        return address

    def _start(self, command: list[str], name: str) -> None:
        log = open(self.folder / f"{name}.log", "w")
        self.processes.append(subprocess.Popen(command, env=_env(), stdout=log, stderr=log))

    def __exit__(self, *exc) -> None:
        for proc in reversed(self.processes):
            proc.terminate()
        for proc in self.processes:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()


def measure(label: str, hw: str, folder: Path, scratch: Path, *, cluster: bool,
            workers: tuple[int, ...] = (1, 2)) -> list[dict]:
    rows = []
    n = len(list(folder.iterdir()))
    for count in workers:
        out = Path(tempfile.mkdtemp(dir=scratch, prefix="out-"))
        if cluster:
            with LoopbackCluster(count, scratch) as address:
                seconds, scores, _ = graded(hw, folder, out, cluster=address)
        else:
            seconds, scores, _ = graded(hw, folder, out, workers=count)
        row = {"label": label, "where": "dask" if cluster else "local", "workers": count,
               "n": n, "seconds": seconds, "per_minute": 60 * n / seconds, "scores": scores}
        print(f"{label:14s} {row['where']:5s} workers={count}: {seconds:6.1f} s  "
              f"{row['per_minute']:5.1f} submissions/min", flush=True)
        rows.append(row)
    return rows


def steady(hw_folder: Callable[[Path, int], Path], label: str, hw: str, scratch: Path,
           *, n: int, rounds: int) -> None:
    """Whole-command seconds and steady rate of ``n`` distinct submissions with 1 and 2 local
    workers, ``rounds`` times alternating (so that a drift of the machine hits both alike)."""
    folder = hw_folder(_mk(scratch, f"s{n}"), n)
    totals: dict[int, list[float]] = {1: [], 2: []}
    rates: dict[int, list[float]] = {1: [], 2: []}
    scores = []
    for round_ in range(rounds):
        for count in (1, 2):
            out = Path(tempfile.mkdtemp(dir=scratch, prefix="out-"))
            seconds, got, finished = graded(hw, folder, out, workers=count)
            rate = steady_rate(finished, workers=count)
            totals[count].append(seconds)
            rates[count].append(rate)
            scores.append(got)
            print(f"{label} round {round_ + 1} workers={count}: {seconds:6.1f} s in all "
                  f"({60 * n / seconds:5.1f}/min); first results at {finished[count - 1]:5.1f} s; "
                  f"steady {rate:5.1f} submissions/min", flush=True)
    total, rate = {k: statistics.median(v) for k, v in totals.items()}, \
        {k: statistics.median(v) for k, v in rates.items()}
    print(f"{label}, {n} submissions, medians of {rounds} rounds: whole command "
          f"{total[1]:.1f} s vs {total[2]:.1f} s = {total[1] / total[2]:.2f}x; steady rate "
          f"{rate[1]:.1f} vs {rate[2]:.1f} submissions/min = {rate[2] / rate[1]:.2f}x")
    print(f"{label}: {'same scores in every run' if all(s == scores[0] for s in scores) else 'SCORES DIFFER'}")


def steady_rate(finished: list[float], *, workers: int) -> float:
    """Submissions per minute after every slot finished its first one: the results after the
    first ``workers`` over the time from the ``workers``-th result to the last."""
    if len(finished) <= workers:
        raise SystemExit(f"the steady rate needs more than {workers} submissions")
    return 60 * (len(finished) - workers) / (finished[-1] - finished[workers - 1])


def report(rows: list[dict], plot: Path | None) -> None:
    print()
    by = {(r["label"], r["where"], r["workers"]): r for r in rows}
    for (label, where, count), row in sorted(by.items()):
        one = by.get((label, where, 1))
        if count == 2 and one:
            print(f"{label} {where}: speed-up 1 -> 2 workers = "
                  f"{one['seconds'] / row['seconds']:.2f}x")
    for label in sorted({r["label"] for r in rows}):
        local, dask = by.get((label, "local", 1)), by.get((label, "dask", 1))
        if local and dask:
            print(f"{label}: cluster overhead per submission (Dask 1 worker - local 1 worker) = "
                  f"{(dask['seconds'] - local['seconds']) / local['n']:+.2f} s")
    same = {}
    for row in rows:
        same.setdefault(row["label"], []).append(row["scores"])
    for label, runs in same.items():
        print(f"{label}: {'same scores in every configuration' if all(r == runs[0] for r in runs) else 'SCORES DIFFER'}")
    _projection(by)
    if plot is not None:
        _plot(rows, plot)


def _projection(by: dict) -> None:
    """A projection, not a measurement: machines like this one, each running as many one-thread
    Dask workers as it has cores, scaling as measured from one to two Dask workers here."""
    cores = os.cpu_count() or 1
    print(f"\nPROJECTION (not measured) for a class of {CLASS_SIZE}, on N machines like this one "
          f"({cores} cores, {cores} one-thread Dask workers each), assuming the 1 -> 2 worker "
          "scaling measured here holds across machines and ignoring start-up:")
    for label in ("hw04", "hw01 variants"):
        one, two = by.get((label, "dask", 1)), by.get((label, "dask", 2))
        if not (one and two):
            continue
        efficiency = min(1.0, (two["per_minute"] / one["per_minute"]) / 2)
        per_machine = one["per_minute"] * cores * efficiency
        cells = ", ".join(f"N={n}: {CLASS_SIZE / (per_machine * n):.0f} min" for n in (1, 2, 4, 8))
        print(f"  {label}: {per_machine:.1f} submissions/min per machine -> {cells}")


def _plot(rows: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axis = plt.subplots(figsize=(6, 4))
    for key in sorted({(r["label"], r["where"]) for r in rows}):
        points = sorted((r["workers"], r["per_minute"]) for r in rows if (r["label"], r["where"]) == key)
        axis.plot(*zip(*points), marker="o", label=f"{key[0]} ({key[1]})")
    axis.set_xlabel("workers")
    axis.set_ylabel("submissions per minute")
    axis.set_xticks([1, 2])
    axis.set_title(f"grading throughput, {os.cpu_count()}-core machine")
    axis.legend(fontsize=8)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=120)
    print(f"plot: {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=4)
    parser.add_argument("--hw", nargs="+", default=["hw01", "hw04"], choices=["hw01", "hw04"])
    parser.add_argument("--no-cluster", action="store_true", help="local runs only")
    parser.add_argument("--plot", type=Path, default=ROOT / "build" / "bench" / "scale.png")
    parser.add_argument("--steady", type=int, metavar="N", default=0,
                        help="only: N hw01 variants, 1 and 2 local workers, whole command and "
                             "steady rate")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of --steady")
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores; load average before: {os.getloadavg()[0]:.1f}")
    if args.steady:
        with tempfile.TemporaryDirectory() as tmp:
            steady(lambda f, k: hw01_class(f, k, distinct=True), "hw01 variants", "hw01",
                   Path(tmp), n=args.steady, rounds=args.rounds)
        print(f"load average after: {os.getloadavg()[0]:.1f}")
        return
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        for hw in args.hw:
            if hw == "hw04":
                classes = [("hw04", hw04_class(_mk(scratch, "hw04"), args.copies), True)]
            else:
                classes = [("hw01 variants", hw01_class(_mk(scratch, "v"), args.copies, distinct=True), True),
                           ("hw01 copies", hw01_class(_mk(scratch, "c"), args.copies, distinct=False), False)]
            for label, folder, on_cluster in classes:
                rows += measure(label, hw, folder, scratch, cluster=False)
                if on_cluster and not args.no_cluster:
                    rows += measure(label, hw, folder, scratch, cluster=True)
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    report(rows, args.plot)


def _mk(scratch: Path, name: str) -> Path:
    folder = scratch / name
    folder.mkdir()
    return folder


if __name__ == "__main__":
    main()
