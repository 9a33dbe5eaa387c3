"""The sandbox uids: one per running sandbox machine-wide, and what runs under it.

Cleaning up kills everything running under a sandbox's uid, so no two sandboxes share one; where
no cgroup limits memory, the judge's watchdog sums the resident memory of the uid's processes.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import tempfile
import time
from pathlib import Path

from autograder.errors import SandboxFailure

BASE_UID = 61000
UID_RANGE = 1000
"""Sandbox uids come from [BASE_UID, BASE_UID + UID_RANGE), one per running sandbox machine-wide,
so sandboxes cannot signal each other or the judge."""
WORKDIR_PREFIX = "autograder-sandbox-"
"""A sandbox's work dir is `$TMPDIR/autograder-sandbox-*`, owned by its uid while it runs."""

def claim_uid(preferred: int) -> tuple[int, int]:
    """An unprivileged uid no other sandbox on this machine is using, held by a file lock.

    Several graders may run at once; each sandbox needs a uid of its own, because cleaning up
    kills everything running under it. Whatever still runs under a freshly claimed uid is a
    leftover of a crashed grader and is killed, and the work dirs it still owns are deleted.
    """
    lock_dir = Path(tempfile.gettempdir()) / "autograder-uids"
    lock_dir.mkdir(mode=0o700, exist_ok=True)
    for offset in range(UID_RANGE):
        uid = BASE_UID + (preferred - BASE_UID + offset) % UID_RANGE
        fd = os.open(lock_dir / f"{uid}.lock", os.O_CREAT | os.O_RDWR, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue
        kill_uid(uid)
        reap_uid(uid)
        remove_workdirs(uid)
        return uid, fd
    raise SandboxFailure("no free sandbox user id: too many sandboxes are running")


def remove_workdirs(uid: int) -> None:
    """Delete the sandbox work dirs owned by `uid`: with the uid's lock held, they can only be
    leftovers of a grader that was killed before it could clean up."""
    for path in Path(tempfile.gettempdir()).glob(WORKDIR_PREFIX + "*"):
        try:
            if path.is_dir() and not path.is_symlink() and path.stat().st_uid == uid:
                shutil.rmtree(path, ignore_errors=True)
        except OSError:
            pass


def _process_uids() -> list[tuple[int, int, int]]:
    """(pid, uid, rss_kb) of every process on the machine."""
    rows = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            status = Path(f"/proc/{entry}/status").read_text()
        except OSError:
            continue
        uid = rss = 0
        for line in status.splitlines():
            if line.startswith("Uid:"):
                uid = int(line.split()[1])
            elif line.startswith("VmRSS:"):
                rss = int(line.split()[1])
        rows.append((int(entry), uid, rss))
    return rows


def resident_kb(uid: int, root_pid: int) -> int:
    if uid != os.getuid():
        return sum(rss for _, owner, rss in _process_uids() if owner == uid)
    return sum(rss for pid, _, rss in _process_uids() if pid == root_pid or _is_child(pid, root_pid))


def _is_child(pid: int, root_pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return int(stat.rsplit(")", 1)[1].split()[1]) == root_pid
    except (OSError, ValueError, IndexError):
        return False


def kill_uid(uid: int) -> None:
    """Last resort: whatever still runs as the sandbox uid is a leftover of this sandbox."""
    for pid, owner, _ in _process_uids():
        if owner == uid:
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass


def reap_uid(uid: int, patience: float = 2.0) -> None:
    """Wait (briefly) until nothing of the sandbox uid is left, reaping zombies handed to us."""
    end, pause = time.monotonic() + patience, 0.002
    while time.monotonic() < end:
        left = [pid for pid, owner, _ in _process_uids() if owner == uid]
        if not left:
            return
        for pid in left:
            try:
                os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                pass
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        time.sleep(pause)  # killed processes are usually gone within a few ms: look again soon,
        pause = min(pause * 2, 0.05)  # then less often
