"""One control group per sandbox: memory and process limits the kernel enforces, and a clean end.

The memory limit counts everything the sandbox's processes are charged for, including SysV and
POSIX shared memory, memfd files and the sandbox's private tmpfs (/tmp, /dev/shm), which a
resident-set watchdog cannot see. When the sandbox ends every task in the group is killed (v2
``cgroup.kill``; v1 freeze, kill, thaw) and the group removed.

cgroup v1 (``memory``, ``pids``, ``freezer`` hierarchies) and v2 (unified) are supported; the group
is created inside the judge's own group of each hierarchy, so limits set on the judge still
apply. Where neither is usable (not root, no cgroupfs), :func:`create_cgroup` returns None and
the launcher falls back to its RSS watchdog.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

CGROUP_ROOT = Path("/sys/fs/cgroup")
V1_CONTROLLERS = ("memory", "pids", "freezer")


def _own_groups() -> dict[str, str]:
    """controller (or "" for v2) -> this process's group path, from /proc/self/cgroup."""
    groups = {}
    try:
        lines = Path("/proc/self/cgroup").read_text().splitlines()
    except OSError:
        return groups
    for line in lines:
        _, controllers, path = line.split(":", 2)
        for controller in controllers.split(",") if controllers else [""]:
            groups[controller] = path
    return groups


def _write(path: Path, value: str) -> bool:
    try:
        path.write_text(value)
        return True
    except OSError:
        return False


class Cgroup:
    """The group folders of one sandbox (one per v1 hierarchy, or one v2 folder)."""

    def __init__(self, folders: dict[str, Path], *, version: int):
        self.folders = folders
        self.version = version

    @property
    def memory_limit(self) -> str | None:
        """What enforces the memory limit: "cgroup-v1", "cgroup-v2", or None."""
        return f"cgroup-v{self.version}" if "memory" in self.folders else None

    @property
    def pids_limited(self) -> bool:
        return "pids" in self.folders

    def procs_files(self) -> list[str]:
        """The files a process writes its pid to, to join every hierarchy of the group."""
        return sorted({str(folder / "cgroup.procs") for folder in self.folders.values()})

    def oom_killed(self) -> bool:
        """True if the kernel killed a process of the group for exceeding its memory."""
        folder = self.folders.get("memory")
        name = "memory.oom_control" if self.version == 1 else "memory.events"
        try:
            text = (folder / name).read_text() if folder else ""
        except OSError:
            return False
        counts = dict(line.split() for line in text.splitlines() if len(line.split()) == 2)
        return int(counts.get("oom_kill", "0")) > 0

    def pids(self) -> set[int]:
        found = set()
        for folder in self.folders.values():
            try:
                found |= {int(p) for p in (folder / "cgroup.procs").read_text().split()}
            except OSError:
                pass
        return found

    def kill_all(self, patience: float = 3.0) -> None:
        """Kill every task in the group; forks racing the kill are frozen first (v1) or killed
        atomically by the kernel (v2 cgroup.kill)."""
        if self.version == 2:
            _write(self.folders[""] / "cgroup.kill", "1")
        freezer = self.folders.get("freezer")
        if freezer is not None:
            _write(freezer / "freezer.state", "FROZEN")
        end = time.monotonic() + patience
        while (left := self.pids()) and time.monotonic() < end:
            for pid in left:
                try:
                    os.kill(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
            if freezer is not None:
                _write(freezer / "freezer.state", "THAWED")
            time.sleep(0.01)

    def remove(self, patience: float = 3.0) -> bool:
        """Kill what is left and delete the group folders; True when none remains."""
        self.kill_all()
        end, pause = time.monotonic() + patience, 0.002
        for folder in self.folders.values():
            while folder.exists():
                try:
                    folder.rmdir()
                except OSError:  # its last tasks are still exiting: look again soon, then less often
                    if time.monotonic() > end:
                        break
                    time.sleep(pause)
                    pause = min(pause * 2, 0.05)
        return not any(folder.exists() for folder in self.folders.values())


def _v1_folders(name: str) -> dict[str, Path]:
    own = _own_groups()
    folders = {}
    for controller in V1_CONTROLLERS:
        mount = CGROUP_ROOT / controller
        if controller in own and (mount / "cgroup.procs").exists():
            folders[controller] = mount / own[controller].lstrip("/") / name
    return folders


def _v2_folder(name: str) -> dict[str, Path]:
    unified = CGROUP_ROOT if (CGROUP_ROOT / "cgroup.controllers").exists() else None
    own = _own_groups().get("")
    if unified is None or own is None:
        return {}
    parent = unified / own.lstrip("/")
    _write(parent / "cgroup.subtree_control", "+memory +pids")
    try:
        enabled = (parent / "cgroup.subtree_control").read_text().split()
    except OSError:
        return {}
    folder = parent / name
    return {c: folder for c in ("memory", "pids") if c in enabled} | {"": folder}


def create_cgroup(name: str, *, memory_mb: int, processes: int) -> Cgroup | None:
    """A fresh group `name` limited to `memory_mb` (no swap) and `processes` tasks, or None."""
    if os.geteuid() != 0:
        return None
    folders, version = _v1_folders(name), 1
    if "memory" not in folders:
        folders, version = _v2_folder(name), 2
    if not folders:
        return None
    group = Cgroup(folders, version=version)
    if any(folder.exists() for folder in folders.values()):
        group.remove()  # a leftover of a crashed grader that used the same uid
    try:
        for folder in set(folders.values()):
            folder.mkdir()
    except OSError:
        group.remove()
        return None
    limit = str(memory_mb * 1024 * 1024)
    if version == 1:
        ok = _write(folders["memory"] / "memory.limit_in_bytes", limit)
        _write(folders["memory"] / "memory.memsw.limit_in_bytes", limit)
    else:
        ok = _write(folders["memory"] / "memory.max", limit) if "memory" in folders else False
        _write(folders.get("memory", Path("/nonexistent")) / "memory.swap.max", "0")
    if not ok or ("pids" in folders and not _write(folders["pids"] / "pids.max", str(processes))):
        group.remove()
        return None
    return group
