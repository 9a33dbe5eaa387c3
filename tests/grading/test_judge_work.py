"""Heavy judge-side work in judge worker processes: reuse, failures, time limits."""

from __future__ import annotations

import os
import time

import pytest

from autograder.errors import JudgeTimeout
from autograder.grading.judge import Deadline
from autograder.grading.judge_work import JudgeWorkers, judge_work_for, offload


def worker_pid(tag):
    """Runs in a judge worker: which process answered (``tag`` only names the work)."""
    return os.getpid()


def refuse(why):
    raise AssertionError(f"the model is wrong: {why}")


def nap(seconds):
    time.sleep(seconds)
    return seconds


def test_outside_a_grader_the_work_runs_here():
    assert offload(worker_pid, arguments={"tag": "x"}, what="testing") == os.getpid()
    with pytest.raises(AssertionError, match="wrong: here"):
        offload(refuse, arguments={"why": "here"}, what="testing")


@pytest.mark.slow
def test_worker_processes_reuse_answers_pass_failures_on_and_stop_overruns():
    workers = JudgeWorkers(workers=1, timeout=4)
    try:
        with judge_work_for(workers):
            first = offload(worker_pid, arguments={"tag": "a"}, what="testing")
            assert first != os.getpid()
            assert offload(worker_pid, arguments={"tag": "a"}, what="testing") == first
            assert (workers.computed, workers.reused) == (1, 1)
            offload(worker_pid, arguments={"tag": "b"}, what="testing")  # other work: computed
            assert workers.computed == 2
            with pytest.raises(AssertionError, match="wrong: there"):  # the test's own message
                offload(refuse, arguments={"why": "there"}, what="testing")
            started = time.monotonic()
            with pytest.raises(JudgeTimeout, match=r"\(training your model\) did not finish "
                                                   r"within 4 s"):
                offload(nap, arguments={"seconds": 60}, what="training your model")
            assert time.monotonic() - started < 30
            # the overrunning worker was replaced: later work still runs
            assert offload(nap, arguments={"seconds": 0}, what="testing") == 0
        with judge_work_for(workers, clock=Deadline(1.0)):  # the submission's time is shorter
            with pytest.raises(JudgeTimeout, match="within the 1 s the submission may take"):
                offload(nap, arguments={"seconds": 3}, what="testing")
    finally:
        workers.close()


@pytest.mark.slow
def test_stopping_the_workers_fails_waiting_work_at_once():
    import threading

    workers = JudgeWorkers(workers=1, timeout=60)
    errors = []

    def wait_for_work():
        with judge_work_for(workers):
            try:
                offload(nap, arguments={"seconds": 50}, what="testing")
            except Exception as exc:  # noqa: BLE001 - what the test checks
                errors.append(exc)

    thread = threading.Thread(target=wait_for_work)
    thread.start()
    time.sleep(3)
    started = time.monotonic()
    workers.stop()
    thread.join(timeout=30)
    assert not thread.is_alive() and time.monotonic() - started < 20
    assert errors and "stopped" in str(errors[0])


WORKER_FINDS_THE_JUDGES_SOLUTIONS = """
from pathlib import Path
from autograder.project import Project
from autograder.grading.judge_work import JudgeWorkers, judge_work_for, offload
Project(Path(SECOND)).import_solutions()  # on sys.path, not imported yet
Project(Path(FIRST)).import_solutions()  # now ahead of it on sys.path
import solutions.first  # another course's `solutions` was imported first (as in one test run)
Project(Path(SECOND)).import_solutions()  # already on sys.path: extends the package's path
from solutions.second import answer
workers = JudgeWorkers(workers=1, timeout=60)
try:
    with judge_work_for(workers):
        print("ANSWER", offload(answer, arguments={}, what="testing"))
finally:
    workers.close()
"""


@pytest.mark.slow
def test_a_worker_imports_solutions_from_the_judges_own_folders(tmp_path):
    """The judge may have loaded two projects' `solutions` (import_solutions extends the
    package's path); a worker started from sys.path alone found only the first and failed with
    ModuleNotFoundError, breaking the pool for every later test."""
    import subprocess
    import sys

    roots = {}
    for name in ("first", "second"):
        package = tmp_path / name / "solutions"
        package.mkdir(parents=True)
        (package / "__init__.py").write_text("")
        (package / f"{name}.py").write_text("import os\n\ndef answer():\n    return os.getpid()\n")
        roots[name.upper()] = str(tmp_path / name)
    setup = "".join(f"{key} = {value!r}\n" for key, value in roots.items())
    proc = subprocess.run([sys.executable, "-c", setup + WORKER_FINDS_THE_JUDGES_SOLUTIONS],
                          capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "ANSWER" in proc.stdout and "ModuleNotFoundError" not in proc.stderr


@pytest.mark.slow
def test_warm_up_starts_every_worker_before_any_work_is_asked_for():
    import multiprocessing

    before = {p.pid for p in multiprocessing.active_children()}
    workers = JudgeWorkers(workers=2, timeout=30)
    try:
        workers.warm_up()
        deadline = time.monotonic() + 60
        started: set[int] = set()
        while len(started) < 2 and time.monotonic() < deadline:
            started = {p.pid for p in multiprocessing.active_children()} - before
            time.sleep(0.1)
        assert len(started) == 2, "warm_up did not start both worker processes"
        assert workers.computed == 0  # starting is not work
        with judge_work_for(workers):
            assert offload(worker_pid, arguments={"tag": "w"}, what="testing") in started
        assert workers.computed == 1
    finally:
        workers.close()


def test_a_bundle_knows_whether_its_hidden_tests_offload_work(tmp_path):
    from autograder.grading.bundle import uses_judge_work

    tests, solutions = tmp_path / "tests", tmp_path / "solutions"
    tests.mkdir()
    solutions.mkdir()
    (solutions / "heavy.py").write_text("from autograder.grading.judge_work import offload\n")
    (solutions / "light.py").write_text("import numpy as np\n")
    (tests / "q1.py").write_text("def test_q1(f):\n    from solutions.light import g\n")
    assert not uses_judge_work(tests_dir=tests, solutions=solutions)
    (tests / "q2.py").write_text("def test_q2(f):\n    import solutions.heavy as h\n")
    assert uses_judge_work(tests_dir=tests, solutions=solutions)
    (solutions / "heavy.py").unlink()  # a module that is not there offloads nothing
    assert not uses_judge_work(tests_dir=tests, solutions=solutions)


@pytest.mark.slow
def test_the_course_assignments_that_train_judge_side_are_recognised(built_copy):
    from autograder.grading.bundle import load_bundle

    uses = {hw: load_bundle(project=built_copy, name=hw).judge_work
            for hw in ("hw01", "hw02", "hw03", "hw04", "hw05")}
    assert uses == {"hw01": True, "hw02": False, "hw03": False, "hw04": False, "hw05": True}
