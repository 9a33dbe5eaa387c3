"""Heavy judge-side work (hw01 trains each student's model) in judge worker processes.

Hidden tests run in judge threads, one per submission being graded. Training a Keras model in
such a thread needs a process-wide lock (Keras's and TensorFlow's seeds are process-wide), so
one core trains while the others wait. A hidden test instead hands the work to :func:`offload`:
a module-level function and plain-data arguments. While a grader runs its tests
(:func:`judge_work_for`) the call goes to a pool of judge worker processes: spawned (they share
nothing with the sandboxes' pipes), one task at a time each, one TensorFlow thread each so that
a result does not depend on the machine or the load, and seeded by the function itself, so a
regrade gives the same numbers. A call is bounded by ``--judge-timeout`` and by the
submission's own time; an overrun stops that worker process and fails the test with a message.
Identical calls within a run (most students submit the same architecture, trained with the same
seed on the same data) are computed once and their answer reused.

Outside a grader (otter assign checking the solution, the solutions' own tests) the function
runs in this process, one call at a time.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import json
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import CancelledError, Future
from concurrent.futures.process import BrokenProcessPool
from concurrent.futures import TimeoutError as FutureTimeout
from contextvars import ContextVar
from typing import Any

from pebble import ProcessExpired, ProcessPool

from autograder.errors import JudgeTimeout, JudgeWorkFailed

DEFAULT_JUDGE_TIMEOUT = 120.0
"""Seconds one piece of judge-side work may take (hw01's training takes about 5 s)."""

_active: ContextVar[tuple["JudgeWorkers", Any] | None] = ContextVar("judge_work", default=None)
_local_lock = threading.Lock()


def offload(function: Callable[..., Any], *, arguments: dict[str, Any], what: str,
            key: str | None = None) -> Any:
    """``function(**arguments)``, in a judge worker process while a grader runs tests.

    ``function`` must be importable by name (module level) and seed whatever randomness it
    uses; ``arguments`` and the answer are plain data. ``what`` says what the work is, for a
    student ("training your model"). ``key`` names the work for reuse within the run (default:
    the arguments' JSON; arguments that are not JSON are never reused). Exceptions the function
    raises (an AssertionError with a hint) reach the caller unchanged; a worker that runs out of
    time or dies raises :class:`JudgeTimeout` or :class:`JudgeWorkFailed`."""
    active = _active.get()
    if active is None:
        with _local_lock:  # Keras's seeds are process-wide: one piece of work at a time here
            return function(**arguments)
    workers, clock = active
    return workers.run(function, arguments=arguments, what=what, key=key, clock=clock)


@contextlib.contextmanager
def judge_work_for(workers: "JudgeWorkers", *, clock=None) -> Iterator[None]:
    """In this block (this thread), :func:`offload` uses ``workers``, within ``clock`` (a
    :class:`autograder.grading.judge.Deadline` of the submission, or None)."""
    token = _active.set((workers, clock))
    try:
        yield
    finally:
        _active.reset(token)


class JudgeWorkers:
    """A lazily started pool of judge worker processes, with the run's answers to reuse."""

    def __init__(self, *, workers: int, timeout: float = DEFAULT_JUDGE_TIMEOUT):
        self.size = max(1, int(workers))
        self.timeout = float(timeout)
        self.computed = 0
        """Pieces of work actually run (the rest were answered from earlier identical work)."""
        self.reused = 0
        self._pool = None
        self._answers: dict[str, Future] = {}
        self._lock = threading.Lock()
        self._stopped = False

    def run(self, function: Callable[..., Any], *, arguments: dict[str, Any], what: str,
            key: str | None, clock=None) -> Any:
        future = self._future(function, arguments=arguments, key=key)
        try:
            return future.result(timeout=self._time_left(future, clock))
        except FutureTimeout:
            if future.done() or clock is None:  # the pool stopped it at --judge-timeout
                limit = f"within {self.timeout:g} s"
            else:
                limit = f"within the {clock.seconds:g} s the submission may take"
            raise JudgeTimeout(f"the grader's own work for this test ({what}) did not finish "
                               f"{limit}, so the test could not be checked; a smaller model "
                               "trains faster") from None
        except (CancelledError, BrokenProcessPool):
            if self._stopped:
                raise JudgeWorkFailed(f"the grader's own work for this test ({what}) was "
                                      "stopped because grading was stopped") from None
            raise JudgeWorkFailed(f"the grader's worker processes broke down while {what}; "
                                  "grade this submission again") from None
        except ProcessExpired as exc:
            raise JudgeWorkFailed(f"the grader's worker process died while {what} ({exc}); "
                                  "the model may need more memory than the grader allows") from None

    def warm_up(self) -> None:
        """Start the worker processes now, without waiting for them: their TensorFlow import
        then overlaps the judge's start and the first notebooks instead of the first test that
        needs a worker. (No-op where processes may not start children.)"""
        if multiprocessing.current_process().daemon:
            return
        with self._lock:
            if self._stopped or self._pool is not None:
                return
            pool = self._start()
            for _ in range(self.size):
                pool.schedule(_ready)

    def _time_left(self, future: Future, clock) -> float:
        """How long to wait for ``future`` once it runs: its own limit (the pool enforces it;
        a little grace on top), never past the submission's ``clock``. While it waits for a
        free worker only the clock counts (and whether the workers were stopped)."""
        while not (future.running() or future.done()):
            if self._stopped:
                future.cancel()
                raise CancelledError
            if clock is not None and clock.expired():
                return 0.0
            time.sleep(0.02)
        left = self.timeout + 5.0
        return left if clock is None else min(left, max(0.0, clock.end - time.monotonic()))

    def _future(self, function, *, arguments, key) -> Future:
        ident = _identity(function, arguments, key)
        with self._lock:
            if self._stopped:
                raise JudgeWorkFailed("grading was stopped before the grader's own work ran")
            if ident is not None and ident in self._answers:
                self.reused += 1
                return self._answers[ident]
            if multiprocessing.current_process().daemon:  # may not start processes: work here
                future = _computed_here(function, arguments)
            else:
                future = self._start().schedule(function, kwargs=arguments,
                                                timeout=self.timeout)
            self.computed += 1
            if ident is not None:
                self._answers[ident] = future
            return future

    def _start(self):
        if self._pool is None:
            self._pool = ProcessPool(max_workers=self.size, initializer=_start_worker,
                                     initargs=(list(sys.path), _solution_folders()),
                                     context=multiprocessing.get_context("spawn"))
            atexit.register(self.close)
        return self._pool

    def stop(self) -> None:
        """Kill the workers now (the batch was interrupted); waiting tests fail at once."""
        with self._lock:
            self._stopped = True
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.stop()
            pool.join(timeout=10)

    def close(self) -> None:
        """Let the workers finish and end them (at the end of a run)."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.close()
            pool.join(timeout=30)
            if pool.active:
                pool.stop()


def _ready() -> None:
    """A worker's first task (see :meth:`JudgeWorkers.warm_up`): nothing; starting is the work."""


def _computed_here(function, arguments: dict[str, Any]) -> Future:
    """The answer as a finished future, computed in this process (one piece at a time; no time
    limit can be enforced here). Used where processes may not start children (daemonic ones)."""
    future: Future = Future()
    with _local_lock:
        try:
            future.set_result(function(**arguments))
        except Exception as exc:  # the test's own failure message travels with it
            future.set_exception(exc)
    return future


def _identity(function, arguments: dict[str, Any], key: str | None) -> str | None:
    name = f"{function.__module__}.{function.__qualname__}"
    if key is None:
        try:
            key = json.dumps(arguments, sort_keys=True, allow_nan=False)
        except (TypeError, ValueError):
            return None
    return name + ":" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def _solution_folders() -> list[str]:
    """Where this judge finds `solutions`: more than one folder when several projects were loaded
    in one process (Project.import_solutions extends the package's path), which a fresh worker's
    sys.path alone would not reproduce."""
    package = sys.modules.get("solutions")
    return list(getattr(package, "__path__", [])) if package is not None else []


def _start_worker(paths: list[str], solution_folders: list[str] = ()) -> None:
    """In a new judge worker: the judge's import paths (the course's `solutions`, from the same
    folders as the judge's), one TensorFlow thread (results that do not depend on the machine;
    the pool is the parallelism), and TensorFlow imported now, while the first submissions still
    run their notebooks."""
    sys.path[:] = paths
    if solution_folders:
        import solutions

        solutions.__path__[:] = list(dict.fromkeys([*solution_folders, *solutions.__path__]))
    os.environ.update(TF_NUM_INTRAOP_THREADS="1", TF_NUM_INTEROP_THREADS="1",
                      OMP_NUM_THREADS="1", TF_CPP_MIN_LOG_LEVEL="2")
    try:
        import tensorflow as tf

        tf.config.threading.set_intra_op_parallelism_threads(1)
        tf.config.threading.set_inter_op_parallelism_threads(1)
        import keras  # noqa: F401
    except ImportError:  # an assignment without TensorFlow
        pass
