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
