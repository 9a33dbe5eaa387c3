"""`autograder grade ... --cluster tcp://HOST:PORT`: grade a class on a dask.distributed cluster.

Imported only with ``--cluster``; a local run never imports Dask. The client:

1. packs the grading bundle once and registers it as a worker plugin
   (:mod:`autograder.grading.cluster_worker`): each worker receives it once, checks its sha256,
   unpacks it and starts its sandbox zygote;
2. submits one task per submission (the file's bytes travel, not a path), and
3. turns each answer into a :class:`SubmissionResult` as it arrives, which
   :func:`autograder.grading.saving.grade_batch` saves atomically at once, so a crash of the
   client loses nothing and ``--resume`` skips what is saved.

A worker that dies mid-task: the scheduler runs the task again on another worker, up to its
``distributed.scheduler.allowed-failures`` times (Dask's default: 3); after that the submission
is recorded as `error` with the reason (and graded again by ``--resume``). Any other failure of
a task is recorded the same way; the batch goes on.
"""

from __future__ import annotations

from collections.abc import Callable

from distributed import Client, WorkerPlugin, as_completed
from distributed.scheduler import KilledWorker

from autograder.errors import ConfigError
from autograder.grading.cluster_worker import GradingPlugin, grade_on_worker, pack_bundle
from autograder.grading.grader import Grader
from autograder.grading.intake import MAX_FILE_BYTES, Submission
from autograder.project import Project
from autograder.results import SubmissionResult, clean_text

CONNECT_SECONDS = 30.0


class DaskGradingPlugin(GradingPlugin, WorkerPlugin):
    """:class:`GradingPlugin` as Dask wants it (a WorkerPlugin subclass)."""


def cluster_runner(*, address: str, project: Project) -> Callable:
    """A ``run(grader, *, submissions, on_result)`` for :func:`grade_batch` that grades on the
    cluster at ``address``."""
    def run(grader: Grader, *, submissions: list[Submission],
            on_result: Callable[[SubmissionResult], SubmissionResult | None]) -> None:
        grade_on_cluster(address=address, project=project, grader=grader,
                         submissions=submissions, on_result=on_result)
    return run


def grade_on_cluster(*, address: str, project: Project, grader: Grader,
                     submissions: list[Submission],
                     on_result: Callable[[SubmissionResult], SubmissionResult | None]) -> None:
    """Grade ``submissions`` on the cluster; every one reaches ``on_result`` exactly once."""
    if not submissions:
        return
    try:
        client = Client(address, timeout=CONNECT_SECONDS)
    except (OSError, TimeoutError) as exc:
        raise ConfigError(f"cannot reach the Dask scheduler at {address} ({exc}); start one "
                          "with `dask scheduler` and workers with `autograder worker "
                          f"{address}`") from None
    try:
        plugin = DaskGradingPlugin(archive=pack_bundle(project=project, bundle=grader.bundle),
                                   assignment=grader.bundle.name,
                                   bundle_sha256=grader.bundle.sha256, options=grader.options)
        client.register_plugin(plugin)
        _collect(client, plugin.key, grader, submissions, on_result)
    finally:
        client.close()


def _collect(client: Client, key: str, grader: Grader, submissions: list[Submission],
             on_result) -> None:
    futures = {}
    for sub in submissions:
        if not _shippable(sub):  # a folder without a notebook, an oversized file: no sandbox
            on_result(grader.grade(sub))  # needed, the local grader says why it is invalid
            continue
        future = client.submit(grade_on_worker, key, student=sub.student, filename=sub.path.name,
                               data=sub.path.read_bytes(), note=sub.note, source=str(sub.path),
                               pure=False, key=f"grade-{sub.student}-{key[:8]}-{id(sub):x}")
        futures[future] = sub
    try:
        for future in as_completed(list(futures)):
            on_result(_result(future, futures[future], grader))
    except BaseException:
        client.cancel(list(futures))
        raise


def _shippable(sub: Submission) -> bool:
    try:
        return sub.path.is_file() and sub.path.stat().st_size <= MAX_FILE_BYTES
    except OSError:
        return False


def _result(future, sub: Submission, grader: Grader) -> SubmissionResult:
    try:
        return SubmissionResult.from_dict(future.result())
    except KilledWorker as exc:
        reason = (f"the Dask workers grading it died each time it ran ({clean_text(exc, limit=300)})"
                  "; it was not graded")
    except Exception as exc:  # a failed task must not lose the submission or stop the batch
        reason = f"grading it on the cluster failed ({type(exc).__name__}: {clean_text(exc, limit=300)})"
    return grader.failed(sub, message=f"{reason}; grade it again with --resume, and tell the "
                                      "course staff if this repeats")
