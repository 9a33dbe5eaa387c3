"""How a sandbox process is started and watched: directly (subprocess) or forked by the zygote.

Both kinds of handle answer the same questions: pid, exit code so far, wait, kill, and which
process runs the student's code (for interrupts).
"""

from __future__ import annotations

import atexit
import json
import os
import select
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

from autograder.sandbox.environment import zygote_environment

ZYGOTE = Path(__file__).with_name("zygote.py")
DEFAULT_PRELOAD = ("numpy", "pandas", "tensorflow", "keras", "IPython")


def _kill_group(pid: int) -> None:
    for kill in (os.killpg, os.kill):
        try:
            kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def first_child(pid: int) -> int | None:
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        return int(children[0]) if children else None
    except (OSError, ValueError):
        return None


class PopenHandle:
    """A sandbox started as a command line (unshare/setpriv/python)."""

    def __init__(self, process: subprocess.Popen, namespaced: bool):
        self._process = process
        self.pid = process.pid
        self._namespaced = namespaced

    def poll(self) -> int | None:
        return self._process.poll()

    def wait(self, timeout: float) -> int | None:
        try:
            return self._process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None

    def kill(self) -> None:
        _kill_group(self.pid)
        self._process.wait()

    def runner_pid(self) -> int | None:
        return first_child(self.pid) if self._namespaced else self.pid


class ZygoteHandle:
    """A sandbox forked by the zygote: process A (pid) watches B, which runs the student's code."""

    def __init__(self, pid: int, status_fd: int):
        self.pid = pid
        self._status_fd = status_fd
        self._code: int | None = None
        self._lock = threading.Lock()  # the memory watchdog thread may kill concurrently

    def poll(self) -> int | None:
        return self.wait(0)

    def wait(self, timeout: float) -> int | None:
        with self._lock:
            if self._code is None and self._status_fd is not None:
                if select.select([self._status_fd], [], [], timeout)[0]:
                    text = os.read(self._status_fd, 64).decode(errors="replace").strip()
                    self._code = int(text) if text.lstrip("-").isdigit() else -9
                    self._close_status()
            return self._code

    def kill(self) -> None:
        _kill_group(self.pid)
        self.wait(5)
        with self._lock:
            self._close_status()

    def _close_status(self) -> None:
        if self._status_fd is not None:
            os.close(self._status_fd)
            self._status_fd = None

    def runner_pid(self) -> int | None:
        return first_child(self.pid)


class Zygote:
    """One fork server per grading process, started on first use."""

    def __init__(self, modules=DEFAULT_PRELOAD):
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self._process = subprocess.Popen(
            [sys.executable, "-I", "-X", "utf8", str(ZYGOTE), str(theirs.fileno()),
             ",".join(modules)], pass_fds=[theirs.fileno()], env=zygote_environment(), cwd="/",
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True)
        theirs.close()
        self._socket = ours
        self._lock = threading.Lock()
        ours.settimeout(120)
        json.loads(ours.recv(1 << 16))  # its hello: the zygote has finished preloading
        ours.settimeout(30)

    def spawn(self, job: dict, fds: list[int]) -> ZygoteHandle:
        """Fork a sandbox; `fds` are the child's ends of the channel (closed here once sent)."""
        status_r, status_w = os.pipe()
        try:
            with self._lock:
                socket.send_fds(self._socket, [json.dumps(job).encode()], [*fds, status_w])
                reply = json.loads(self._socket.recv(1 << 16))
        finally:
            os.close(status_w)
        return ZygoteHandle(int(reply["pid"]), status_r)

    def close(self) -> None:
        self._socket.close()
        _kill_group(self._process.pid)
        self._process.wait()


_shared: dict[str, Zygote | None] = {}  # by preload list
_shared_lock = threading.Lock()


def shared_zygote(modules: tuple[str, ...] = DEFAULT_PRELOAD) -> Zygote | None:
    """The process-wide zygote preloading `modules` (one per distinct list, in practice one per
    assignment), or None if it cannot start here (then sandboxes start directly)."""
    key = ",".join(modules)
    with _shared_lock:
        if key not in _shared:
            try:
                _shared[key] = Zygote(modules)
                atexit.register(_shared[key].close)
            except (OSError, ValueError, subprocess.SubprocessError, socket.timeout):
                _shared[key] = None
        return _shared[key]
