"""The `autograder` command end to end on the tiny assignment (subprocesses, real files)."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from conftest import ATTACKS
from nbfactory import notebook_bytes


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "autograder", *args], capture_output=True,
                          text=True, timeout=600)


def test_grade_writes_every_report(tiny_project, tmp_path, write_notebook):
    subs = tmp_path / "class"
    subs.mkdir()
    (subs / "good.ipynb").write_bytes(tiny_project.solution_notebook("tiny").read_bytes())
    (subs / "loop.ipynb").write_bytes((ATTACKS / "infinite_loop.ipynb").read_bytes())
    (subs / "notes.pdf").write_bytes(b"%PDF-1.4")
    out = tmp_path / "out"
    proc = run_cli("--root", str(tiny_project.root), "grade", "tiny", str(subs), "-o", str(out),
                   "--timeout", "5", "--workers", "2", "--quiet")
    assert proc.returncode == 0, proc.stderr
    grades = pd.read_csv(out / "grades.csv").set_index("student")
    assert grades.loc["good", "status"] == "graded" and grades.loc["good", "score"] == 3
    assert grades.loc["loop", "status"] == "timeout"
    assert grades.loc["notes", "status"] == "invalid"
    assert sorted(p.name for p in (out / "results").iterdir()) == ["good.json", "loop.json",
                                                                   "notes.json"]
    feedback = (out / "feedback" / "loop.md").read_text()
    assert "did not finish" in feedback
    assert "test_square_matches_reference_hidden" not in feedback
    assert "def test_" not in feedback and "solutions" not in feedback
    assert "timeout" in (out / "summary.md").read_text()


def test_usage_errors_exit_2(tiny_project, tmp_path):
    proc = run_cli("--root", str(tiny_project.root), "grade", "hw99", str(tmp_path), "-o",
                   str(tmp_path / "o"))
    assert proc.returncode == 2 and "unknown assignment" in proc.stderr
    proc = run_cli("--root", str(tmp_path), "build")
    assert proc.returncode == 2 and "not a course project" in proc.stderr


def test_validate_command_prints_a_table(tiny_project):
    proc = run_cli("--root", str(tiny_project.root), "validate", "tiny", "--workers", "2")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "doubles.ipynb" in proc.stdout and "loses exactly q1" in proc.stdout


def _class_with_a_slow_one(project, tmp_path, quick: int, *options: str):
    """A class folder of `quick` solution notebooks and one endless loop, and the grade command."""
    subs = tmp_path / "class"
    subs.mkdir()
    solution = project.solution_notebook("tiny").read_bytes()
    for i in range(quick):
        (subs / f"quick{i}.ipynb").write_bytes(solution)
    (subs / "zz_slow.ipynb").write_bytes((ATTACKS / "infinite_loop.ipynb").read_bytes())
    out = tmp_path / "out"
    return out, [sys.executable, "-m", "autograder", "--root", str(project.root), "grade", "tiny",
                 str(subs), "-o", str(out), *options, "--workers", "1", "--quiet"]


def _wait_for_results(out, count: int) -> None:
    deadline = time.monotonic() + 120
    while len(list((out / "results").glob("quick*.json"))) < count and time.monotonic() < deadline:
        time.sleep(0.2)


def test_a_killed_batch_keeps_its_results_and_resume_completes_it(tiny_project, tmp_path):
    import os

    out, args = _class_with_a_slow_one(tiny_project, tmp_path, 3, "--timeout", "60")
    batch = subprocess.Popen(args, start_new_session=True)
    _wait_for_results(out, 3)
    os.killpg(batch.pid, signal.SIGKILL)  # killed while the slow one runs
    batch.wait()
    finished = {p.name: p.stat().st_mtime_ns for p in (out / "results").glob("*.json")}
    assert sorted(finished) == ["quick0.json", "quick1.json", "quick2.json"]
    assert not list((out / "results").glob(".*.tmp")), "half-written result left behind"
    resumed = subprocess.run([*args, "--timeout", "3", "--resume"],
                             capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    after = {p.name: p.stat().st_mtime_ns for p in (out / "results").glob("*.json")}
    assert sorted(after) == ["quick0.json", "quick1.json", "quick2.json", "zz_slow.json"]
    assert all(after[name] == mtime for name, mtime in finished.items())  # not graded again
    grades = pd.read_csv(out / "grades.csv").set_index("student")
    assert grades.loc["zz_slow", "status"] == "timeout" and grades.loc["quick1", "score"] == 3


@pytest.mark.parametrize("signum, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)],
                         ids=["SIGINT", "SIGTERM"])
def test_an_interrupted_batch_writes_reports_for_what_finished(tiny_project, tmp_path, signum,
                                                               code):
    out, args = _class_with_a_slow_one(tiny_project, tmp_path, 2, "--timeout", "300",
                                       "--submission-timeout", "600")
    batch = subprocess.Popen(args, stderr=subprocess.PIPE, text=True)
    _wait_for_results(out, 2)
    time.sleep(1)  # the slow one is running now
    batch.send_signal(signum)
    _, stderr = batch.communicate(timeout=120)  # not the slow notebook's 300 s
    assert batch.returncode == code, stderr
    assert "--resume" in stderr and "2 of 3 submissions finished" in stderr
    grades = pd.read_csv(out / "grades.csv").set_index("student")
    assert sorted(grades.index) == ["quick0", "quick1"] and (grades["score"] == 3).all()
    assert (out / "summary.md").is_file()
    assert sorted(p.name for p in (out / "results").glob("*.json")) == ["quick0.json",
                                                                        "quick1.json"]


def _descendants(pid: int) -> dict[int, str]:
    """Every live process under `pid` (zygote, sandboxes, what they forked): {pid: start time}."""
    found, todo = {}, [pid]
    while todo:
        current = todo.pop()
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                todo += [int(c) for c in (task / "children").read_text().split()]
            except (OSError, ValueError):
                pass
        if current != pid and (started := _start_time(current)):
            found[current] = started
    return found


def _start_time(pid: int) -> str | None:
    """Start time of a live (not zombie) process; None once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return None if fields[0] in "ZX" else fields[19]


def test_sigint_twice_stops_kills_every_sandbox_and_writes_the_reports(tiny_project, tmp_path,
                                                                       write_notebook):
    """Two Ctrl-Cs while two notebooks run forever (one ignores SIGINT and SIGTERM and has
    forked a busy child): the batch exits 130 with grades.csv, the summary and the --resume
    command, and not one of the processes it started is left running."""
    out, args = _class_with_a_slow_one(tiny_project, tmp_path, 2, "--timeout", "300",
                                       "--submission-timeout", "600")
    stubborn = notebook_bytes([
        "import signal, subprocess, sys\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n"
        "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
        "child = subprocess.Popen([sys.executable, '-c', 'while True: pass'])",
        "while True:\n    pass"], metadata=json.loads(
            (ATTACKS / "infinite_loop.ipynb").read_text())["metadata"])
    (tmp_path / "class" / "zz_stubborn.ipynb").write_bytes(stubborn)
    args[args.index("--workers") + 1] = "2"
    batch = subprocess.Popen(args, stderr=subprocess.PIPE, text=True)
    _wait_for_results(out, 2)
    deadline = time.monotonic() + 60  # both slow ones running, the busy child forked:
    while len(_descendants(batch.pid)) < 6 and time.monotonic() < deadline:  # zygote + 2 x 2
        time.sleep(0.5)                                                      # + the child
    time.sleep(1)
    started = _descendants(batch.pid)
    batch.send_signal(signal.SIGINT)
    time.sleep(0.3)
    batch.send_signal(signal.SIGINT)
    _, stderr = batch.communicate(timeout=60)
    assert batch.returncode == 130, stderr
    assert "2 of 4 submissions finished" in stderr
    assert re.search(r"autograder .*grade tiny .* --resume", stderr), stderr
    grades = pd.read_csv(out / "grades.csv").set_index("student")
    assert sorted(grades.index) == ["quick0", "quick1"] and (grades["score"] == 3).all()
    assert (out / "summary.md").is_file() and (out / "summary.html").is_file()
    assert (out / "feedback" / "quick0.md").is_file()
    end = time.monotonic() + 10
    while (left := {p for p, t in started.items() if _start_time(p) == t}) and \
            time.monotonic() < end:
        time.sleep(0.2)
    assert len(started) >= 6 and not left, f"still running: {left} of {started}"


def test_version():
    proc = run_cli("--version")
    assert proc.returncode == 0 and proc.stdout.strip() == "autograder, version 0.1.0"


def test_an_empty_submissions_folder_is_a_usage_error_that_says_so(tiny_project, tmp_path):
    empty = tmp_path / "class"
    empty.mkdir()
    proc = run_cli("--root", str(tiny_project.root), "grade", "tiny", str(empty), "-o",
                   str(tmp_path / "out"), "--quiet")
    assert proc.returncode == 2
    assert "no submissions found" in proc.stderr and str(empty) in proc.stderr
    assert not (tmp_path / "out" / "grades.csv").exists()


def test_check_and_grade_give_a_notebook_the_same_default_time():
    from autograder.cli import check_command, grade

    def default(command, name):
        return next(p.default for p in command.params if p.name == name)

    assert default(check_command, "timeout") == default(grade, "timeout") == 300.0
