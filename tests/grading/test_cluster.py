"""`grade --cluster`: a Dask scheduler and two `autograder worker`s started here on loopback grade
the tiny class exactly as a local run does, also when one worker is killed half way."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from autograder.grading.bundle import load_bundle
from autograder.grading.grader import Grader, GradeOptions
from autograder.grading.saving import grade_batch
from autograder.grading.intake import collect_submissions
from autograder.sandbox.launcher import SandboxLimits

ROOT = Path(__file__).resolve().parents[2]
HONEST = ["import numpy as np\nimport pandas as pd",
          "def square(x):\n    return np.asarray(x, dtype=float) ** 2",
          "df = pd.read_csv('data/numbers.csv')\n\ndef mean_of_column(df, column):\n"
          "    return float(df[column].mean())"]
NAP = "import time\ntime.sleep(1.5)"  # keeps tasks in flight long enough to kill a worker


def test_a_local_run_does_not_import_dask(tiny_project):
    code = ("import sys\nfrom autograder.cli import cli\nfrom autograder.grading import batch\n"
            "from autograder.grading.grader import GradeOptions\n"
            f"from autograder.project import Project\np = Project.locate({str(tiny_project.root)!r})\n"
            "assert batch._runner(GradeOptions(), p) is batch.grade_here\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A scheduler and two one-thread workers on 127.0.0.1; yields (address, worker processes)."""
    pytest.importorskip("distributed")
    from distributed import Client

    folder = tmp_path_factory.mktemp("dask")
    env = dict(os.environ, PYTHONPATH=str(ROOT), DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES="2")
    started = [subprocess.Popen(
        [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port",
         "0", "--no-dashboard", "--scheduler-file", str(folder / "scheduler.json")],
        env=env, stdout=subprocess.DEVNULL, stderr=open(folder / "scheduler.log", "w"))]
    try:
        for _ in range(600):
            if (folder / "scheduler.json").is_file():
                break
            time.sleep(0.1)
        address = json.loads((folder / "scheduler.json").read_text())["address"]
        workers = [subprocess.Popen(
            [sys.executable, "-m", "autograder", "worker", address, "--no-nanny", "--name", f"w{i}"],
            env=env, stdout=subprocess.DEVNULL, stderr=open(folder / f"worker{i}.log", "w"))
            for i in range(2)]
        started += workers
        with Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=180)
        yield address, workers
    finally:
        for proc in reversed(started):
            proc.terminate()
        for proc in started:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture(scope="module")
def tiny_class(tiny_project, tmp_path_factory):
    """Honest, partial, broken, blank and invalid submissions, most of them a little slow."""
    from nbfactory import notebook_bytes

    folder = tmp_path_factory.mktemp("class")
    cells = {"full": [NAP, *HONEST], "partial": [NAP, *HONEST[:2]],
             "errors": [NAP, HONEST[0], "undefined_name + 1", HONEST[1]],
             "wrong": [NAP, HONEST[0], "def square(x):\n    return x * 2", HONEST[2]],
             "again": [NAP, *HONEST], "late": [NAP, *HONEST[:1]]}
    for name, source in cells.items():
        (folder / f"{name}.ipynb").write_bytes(notebook_bytes(source))
    (folder / "blank.ipynb").write_bytes(
        (tiny_project.template_dir("tiny") / "tiny.ipynb").read_bytes())
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    (folder / "broken.ipynb").write_text("{not json")
    return collect_submissions([folder])


def _grade(project, submissions, out: Path, *, cluster=None, on_result=None, resume=False,
           asked=None):
    """grade_batch here or on ``cluster``; ``asked`` collects who was sent to be graded."""
    from autograder.grading.saving import grade_here

    options = GradeOptions(workers=2, timeout=20, test_timeout=10,
                           limits=SandboxLimits(memory_mb=1500), cluster=cluster,
                           hidden_paths=[out], resume=resume)
    grader = Grader(load_bundle(project=project, name="tiny"), options)
    runner = grade_here
    if cluster:
        from autograder.grading.cluster import cluster_runner

        runner = cluster_runner(address=cluster, project=project)

    def run(grader, *, submissions, on_result):
        if asked is not None:
            asked.extend(sub.student for sub in submissions)
        runner(grader, submissions=submissions, on_result=on_result)

    try:
        return grade_batch(grader=grader, submissions=submissions, results_dir=out,
                           on_result=on_result, run=run)
    finally:
        grader.close()


def _comparable(result) -> dict:
    """A result without what differs between two runs anyway: times, the file's path, the uid."""
    data = result.to_dict()
    for key in ("duration", "notebook_seconds", "source"):
        data.pop(key)
    data["protections"].pop("observed_uid", None)
    for question in data["questions"]:
        for test in question["tests"]:
            test.pop("duration")
    return data


@pytest.fixture(scope="module")
def local_results(tiny_project, tiny_class, tmp_path_factory):
    return _grade(tiny_project, tiny_class, tmp_path_factory.mktemp("local"))


@pytest.mark.slow
def test_a_class_graded_on_the_cluster_gets_exactly_the_local_results(
        cluster, tiny_project, tiny_class, local_results, tmp_path):
    remote = _grade(tiny_project, tiny_class, tmp_path / "results", cluster=cluster[0])
    assert [r.student for r in remote] == [r.student for r in local_results]
    assert {r.status for r in remote} == {"graded", "invalid"}
    for mine, theirs in zip(remote, local_results):
        assert _comparable(mine) == _comparable(theirs), mine.student
    saved = sorted(p.stem for p in (tmp_path / "results").glob("*.json"))
    assert saved == sorted(r.student for r in remote)
    # --resume after a cluster run grades again only what could not be read (the pdf)
    asked = []
    again = _grade(tiny_project, tiny_class, tmp_path / "results", cluster=cluster[0],
                   resume=True, asked=asked)
    assert asked == ["notes"]
    assert [_comparable(r) for r in again] == [_comparable(r) for r in remote]


@pytest.mark.slow
def test_killing_a_worker_half_way_still_gives_every_result(
        cluster, tiny_project, tiny_class, local_results, tmp_path):
    address, workers = cluster
    seen = []

    busy = []

    def kill_one_worker(result):  # after three results, while worker w0 grades a submission
        seen.append(result.student)
        if len(seen) == 3:
            busy.append(_wait_until_busy(address, "w0"))
            os.kill(workers[0].pid, signal.SIGKILL)

    remote = _grade(tiny_project, tiny_class, tmp_path, cluster=address,
                    on_result=kill_one_worker)
    assert workers[0].wait(timeout=30) == -signal.SIGKILL
    assert busy == [True], "w0 was killed while it graded nothing: the test proved nothing"
    assert sorted(seen) == sorted(r.student for r in local_results)
    for mine, theirs in zip(remote, local_results):
        assert _comparable(mine) == _comparable(theirs), mine.student
    _killed_workers_bundle_is_removed(killed=workers[0].pid, alive=workers[1].pid)


def _killed_workers_bundle_is_removed(*, killed: int, alive: int) -> None:
    """The killed worker never ran its teardown: its unpacked bundle (hidden tests, solutions)
    stays in /tmp until a worker's setup, or this, removes the bundles of dead workers."""
    from autograder.grading.cluster_worker import BUNDLE_PREFIX, remove_orphaned_bundles

    def bundles(pid):
        return list(Path(tempfile.gettempdir()).glob(f"{BUNDLE_PREFIX}*-{pid}-*"))

    left, running = bundles(killed), bundles(alive)
    assert left and running
    removed = remove_orphaned_bundles()
    assert set(left) <= set(removed) and not any(p.exists() for p in left)
    assert all(p.is_dir() for p in running), "a running worker's bundle was removed"


def _wait_until_busy(address: str, name: str) -> bool:
    """Whether the worker called ``name`` has a task to run (waiting up to 10 s for one)."""
    from distributed import Client

    with Client(address, timeout=30) as client:
        for _ in range(200):
            workers = client.scheduler_info()["workers"]
            processing = client.processing()
            if any(processing.get(a) for a, info in workers.items() if info.get("name") == name):
                return True
            time.sleep(0.05)
    return False
