"""The Dask worker's side of `autograder grade --cluster`: the grading bundle, the plugin, the task.

The client packs what the judge needs (hidden tests, `questions.json`, the course's
`solutions/`, the assignment's folder with its data, the student template) into one archive and
registers a :class:`GradingPlugin` holding it. Dask hands the plugin to every worker once (and
to workers that join later); its ``setup`` checks the archive's sha256, unpacks it, loads the
bundle (whose own sha256 must be the client's), builds a :class:`Grader` and starts the
sandbox zygote, once per worker. Each task (:func:`grade_on_worker`) grades one submission in
the same sandbox with the same judge as a local run and returns the result as plain data.

Nothing here imports Dask at module level: the plugin is a plain class that has Dask's
``setup``/``teardown`` methods, so a run without ``--cluster`` never needs Dask.
"""

from __future__ import annotations

import copy
import gzip
import hashlib
import io
import os
import shutil
import sys
import tarfile
import tempfile
import threading
import uuid
from pathlib import Path

from autograder.grading.bundle import Bundle, load_bundle
from autograder.grading.grader import Grader, GradeOptions
from autograder.grading.intake import Submission
from autograder.project import Project

_SKIPPED = {"__pycache__", "mutants", "demo_class", ".ipynb_checkpoints"}
_graders: dict[str, "_WorkerGrader"] = {}
_graders_lock = threading.Lock()


def pack_bundle(*, project: Project, bundle: Bundle) -> bytes:
    """A gzip'd tar of what a worker needs to grade ``bundle``, byte-identical for the same
    files (sorted, no times or owners), so its sha256 names the bundle's content."""
    name = bundle.name
    build = project.build_dir(name)
    members = [(build / "questions.json", f"build/{name}/questions.json")]
    members += [(p, f"build/{name}/dist/autograder/tests/{p.name}")
                for p in sorted(bundle.tests_dir.glob("*.py"))]
    for folder in (project.root / "solutions", project.root / "assignments" / name,
                   project.template_dir(name)):
        members += [(p, p.relative_to(project.root).as_posix()) for p in _files(folder)]
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0) as packed, \
            tarfile.open(fileobj=packed, mode="w") as archive:
        for path, arcname in members:
            info = tarfile.TarInfo(arcname)
            data = path.read_bytes()
            info.size, info.mode = len(data), 0o644
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file()
                  and not _SKIPPED.intersection(p.relative_to(folder).parts))


BUNDLE_PREFIX = "autograder-bundle-"
"""Unpacked bundles are ``<tmp>/autograder-bundle-<sha256[:12]>-<worker pid>-<random>``."""


def remove_orphaned_bundles(folder: Path | None = None) -> list[Path]:
    """Remove the unpacked bundles of workers that died without their teardown (killed): those
    in ``folder`` (default: the temporary folder) named after a process that no longer runs and
    owned by this user. Returns what was removed."""
    removed = []
    for path in Path(folder or tempfile.gettempdir()).glob(f"{BUNDLE_PREFIX}*-*-*"):
        pid = path.name[len(BUNDLE_PREFIX):].split("-")[1]
        try:
            if not pid.isdigit() or path.stat().st_uid != os.getuid() or _alive(int(pid)):
                continue
        except OSError:
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class GradingPlugin:
    """A Dask worker plugin: the bundle, checked and unpacked once per worker, and its grader."""

    def __init__(self, *, archive: bytes, assignment: str, bundle_sha256: str,
                 options: GradeOptions):
        self.archive = archive
        self.archive_sha256 = hashlib.sha256(archive).hexdigest()
        self.assignment = assignment
        self.bundle_sha256 = bundle_sha256
        self.options = options
        self.name = f"autograder-{assignment}-{self.archive_sha256[:16]}"

    @property
    def key(self) -> str:
        """What tasks name their grader by: the archive's content."""
        return self.archive_sha256

    def setup(self, worker=None) -> None:
        if hashlib.sha256(self.archive).hexdigest() != self.archive_sha256:
            raise RuntimeError("the grading bundle arrived damaged (sha256 mismatch)")
        threads = getattr(getattr(worker, "state", None), "nthreads", None) or 1
        with _graders_lock:
            if self.key not in _graders:
                _graders[self.key] = _WorkerGrader(self, threads=threads)
        self.archive = b""  # unpacked: no need to keep a second copy in memory

    def teardown(self, worker=None) -> None:
        with _graders_lock:
            state = _graders.pop(self.key, None)
        if state is not None:
            state.close()


class _WorkerGrader:
    """One worker's unpacked bundle, grader and sandbox slots."""

    def __init__(self, plugin: GradingPlugin, *, threads: int):
        remove_orphaned_bundles()
        self.root = Path(tempfile.mkdtemp(prefix=f"{BUNDLE_PREFIX}{plugin.key[:12]}-{os.getpid()}-"))
        try:
            with tarfile.open(fileobj=io.BytesIO(plugin.archive), mode="r:gz") as archive:
                archive.extractall(self.root, filter="data")
            project = Project.locate(self.root)
            project.import_solutions()
            bundle = load_bundle(project=project, name=plugin.assignment)
            if bundle.sha256 != plugin.bundle_sha256:
                raise RuntimeError(f"the unpacked bundle's sha256 {bundle.sha256[:12]} is not the "
                                   f"client's {plugin.bundle_sha256[:12]}")
            self.incoming = self.root / "submissions"
            self.incoming.mkdir(mode=0o700)
            options = copy.deepcopy(plugin.options)
            options.workers = max(1, int(threads))
            options.hidden_paths = [self.incoming]
            options.resume = False
            self.grader = Grader(bundle, options)  # starts the zygote, once per worker
            self.slots = list(range(options.workers))
        except BaseException:
            shutil.rmtree(self.root, ignore_errors=True)
            raise

    def grade(self, *, student: str, filename: str, data: bytes, note: str) -> dict:
        folder = self.incoming / uuid.uuid4().hex
        folder.mkdir(mode=0o700)
        path = folder / Path(filename).name
        path.write_bytes(data)
        slot = self.slots.pop()  # atomic; as many slots as the worker has threads
        try:
            result = self.grader.grade(Submission(student, path, note), slot=slot)
        finally:
            self.slots.append(slot)
            shutil.rmtree(folder, ignore_errors=True)
        return result.to_dict()

    def close(self) -> None:
        self.grader.stop()
        self.grader.close()
        shutil.rmtree(self.root, ignore_errors=True)


def grade_on_worker(key: str, *, student: str, filename: str, data: bytes, note: str = "",
                    source: str = "") -> dict:
    """The task: grade one submission with this worker's grader for bundle ``key``; the
    result as plain data (``SubmissionResult.to_dict``) with the client's ``source`` path."""
    with _graders_lock:
        state = _graders.get(key)
    if state is None:
        raise RuntimeError(f"this worker has no grading bundle {key[:12]} (its setup failed or "
                           "it joined before the bundle was registered); see the worker's log")
    result = state.grade(student=student, filename=filename, data=data, note=note)
    result["source"] = source or result["source"]
    return result


def run_dask_worker(*, scheduler: str, nthreads: int, extra: list[str]) -> int:
    """Become ``dask worker SCHEDULER`` with what grading needs: worker processes that may start
    judge worker processes (not daemonic), and no Dask memory limit (each sandbox has its own
    cgroup limit). Replaces this process, so signals reach Dask directly."""
    env = dict(os.environ, DASK_DISTRIBUTED__WORKER__DAEMON="False")
    command = [sys.executable, "-m", "distributed.cli.dask_worker", scheduler,
               "--nthreads", str(nthreads), "--memory-limit", "0", *extra]
    os.execve(sys.executable, command, env)
    return 1  # not reached
