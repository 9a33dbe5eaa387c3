"""The sandbox's file system as an allow-list: a new root holding only what a notebook needs.

:func:`allow_list` (judge side) says what the new root holds: read-only binds of the interpreter,
the virtual environment, the runner's two engine folders and the system libraries; a minimal
``/dev``; private size-capped ``/tmp`` and ``/dev/shm``; the sandbox's work dir (read-write);
generated ``/etc/passwd``-like files. Nothing else of the host exists inside: no project tree, no
``.git``, no home, no host ``/tmp``, no host ``/proc``.

:func:`enter_new_root` (sandbox side, in a fresh mount namespace, as root) builds it on a tmpfs
and ``pivot_root``s into it; :func:`mount_proc` (in the PID namespace's first process) mounts a
``/proc`` that shows only the sandbox's processes. Both the zygote and the direct start
(``zygote.py --once``) run these, so there is one description and one implementation. This
module is imported by path inside the sandbox: standard library only.
"""

from __future__ import annotations

import ctypes
import os
import sys
from pathlib import Path

MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 16384, 1 << 18
MNT_DETACH = 2
SYS_PIVOT_ROOT = {"x86_64": 155, "aarch64": 41}.get(os.uname().machine, 155)

SYSTEM_PATHS = ("/usr/bin", "/usr/lib", "/usr/lib64", "/usr/share/zoneinfo", "/bin", "/lib",
                "/lib64", "/etc/ld.so.cache", "/etc/localtime", "/etc/alternatives")
"""Shared libraries TensorFlow loads, and the programs of `!cmd` shell escapes."""
DEVICES = ("null", "zero", "full", "random", "urandom")
PRIVATE_TMPFS_MB = 256
"""Size of the sandbox's private /tmp and /dev/shm each (counted in its memory cgroup too)."""

_libc = ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{what}: {os.strerror(errno)}")


def _identity_binds(paths) -> list[list]:
    """Each path bound at itself, read-only; symlinks (merged /usr) recreated as symlinks;
    a folder already inside another bound folder is not bound twice."""
    entries, bound = [], []
    for path in sorted({os.path.abspath(p) for p in paths}, key=len):
        if os.path.islink(path) and os.path.dirname(path) == "/":
            entries.append(["symlink", path, os.readlink(path)])
        elif os.path.exists(path) and not any(Path(path).is_relative_to(b) for b in bound):
            entries.append(["bind", path, "ro"])
            bound.append(path)
    return entries


def allow_list(*, engine_dir: Path, workdir: Path, uid: int) -> list[list]:
    """Everything the sandbox's root holds, in mount order (JSON: kind, path, detail).

    Kinds: ``bind`` (detail ``ro``/``rw``/``dev``), ``symlink`` (detail: its target), ``tmpfs``
    (detail: mount options) and ``file`` (detail: its content)."""
    code = set()
    for prefix in (sys.base_prefix, sys.prefix):
        code |= {prefix, os.path.realpath(prefix)}
    code |= {str(Path(engine_dir, part).resolve()) for part in ("sandbox", "protocol")}
    entries = _identity_binds([*SYSTEM_PATHS, *code])
    private = f"size={PRIVATE_TMPFS_MB}m,mode=1777,nr_inodes=65536"
    entries += [["tmpfs", "/tmp", private], ["tmpfs", "/dev", "size=64k,mode=0755"],
                *[["bind", f"/dev/{name}", "dev"] for name in DEVICES],
                ["tmpfs", "/dev/shm", private],
                *[["symlink", f"/dev/{name}", f"/proc/self/fd/{fd}"]
                  for fd, name in enumerate(("stdin", "stdout", "stderr"))],
                ["symlink", "/dev/fd", "/proc/self/fd"],
                ["bind", str(Path(workdir).resolve()), "rw"],
                ["file", "/etc/passwd", f"root:x:0:0::/nonexistent:/usr/sbin/nologin\n"
                                        f"sandbox:x:{uid}:{uid}::{workdir}/home:/bin/sh\n"],
                ["file", "/etc/group", f"root:x:0:\nsandbox:x:{uid}:\n"],
                ["file", "/etc/hosts", "127.0.0.1 localhost\n"]]
    return sorted(entries, key=lambda entry: len(Path(entry[1]).parts))  # parents first


def _make_parents(root: str, path: str) -> None:
    """Create path's missing ancestors under root, traversable; listable only where the host's
    are (a private home such as /root holding pyenv stays unlistable)."""
    current = root
    for part in Path(path).parent.parts[1:]:
        current = os.path.join(current, part)
        host = current[len(root):]
        if not os.path.isdir(current):
            world_readable = os.path.isdir(host) and os.stat(host).st_mode & 0o004
            os.mkdir(current)
            os.chmod(current, 0o755 if world_readable else 0o711)


def _mount_entry(root: str, kind: str, path: str, detail: str) -> None:
    target = root + path
    _make_parents(root, path)
    if kind == "symlink":
        os.symlink(detail, target)
    elif kind == "file":
        Path(target).write_text(detail)
        os.chmod(target, 0o644)
    elif kind == "tmpfs":
        os.makedirs(target, exist_ok=True)
        _check(_libc.mount(b"sandbox", target.encode(), b"tmpfs", MS_NOSUID, detail.encode()),
               f"tmpfs {path}")
    else:
        if os.path.isdir(path):
            os.makedirs(target, exist_ok=True)
        elif not os.path.exists(target):
            open(target, "w").close()
        _check(_libc.mount(path.encode(), target.encode(), None, MS_BIND | MS_REC, None),
               f"bind {path}")
        flags = {"ro": MS_RDONLY | MS_NODEV, "rw": MS_NODEV, "dev": 0}[detail]
        _check(_libc.mount(None, target.encode(), None, MS_BIND | MS_REMOUNT | MS_NOSUID | flags,
                           None), f"remount {path}")


def enter_new_root(entries: list[list], *, mountpoint: str) -> None:
    """In a new mount namespace: build the root on a tmpfs at `mountpoint` and pivot into it;
    the host's tree is detached, so nothing outside `entries` is reachable by any path."""
    _check(_libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None), "make / private")
    _check(_libc.mount(b"sandbox-root", mountpoint.encode(), b"tmpfs", MS_NOSUID | MS_NODEV,
                       b"size=1m,mode=0755"), "root tmpfs")
    for kind, path, detail in entries:
        _mount_entry(mountpoint, kind, path, detail)
    os.mkdir(os.path.join(mountpoint, "proc"), 0o555)
    os.chdir(mountpoint)
    _check(_libc.syscall(SYS_PIVOT_ROOT, b".", b"."), "pivot_root")
    _check(_libc.umount2(b".", MNT_DETACH), "detach the host root")
    os.chdir("/")
    _check(_libc.mount(None, b"/", None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV,
                       None), "read-only root")


def mount_proc() -> None:
    """In the PID namespace's first process: a /proc of this namespace only."""
    _check(_libc.mount(b"proc", b"/proc", b"proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, None),
           "mount /proc")
