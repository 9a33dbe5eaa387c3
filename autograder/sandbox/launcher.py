"""Starting, talking to and killing one sandbox process (judge side).

The sandbox is ``python -I runner.py`` started through ``unshare`` (new network and PID
namespaces: no network, and killing the namespace's first process reaps everything the
submission started) and ``setpriv`` (an unprivileged uid per worker slot), with rlimits set
before exec and an RSS watchdog in the judge, because an address-space limit breaks TensorFlow.
Whatever this machine cannot provide is skipped and recorded in :attr:`Sandbox.protections`.
"""

from __future__ import annotations

import ctypes
import fcntl
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from autograder.protocol import wire
from autograder.errors import ProtocolError, SandboxFailure, SandboxTimeout
from autograder.sandbox.environment import sandbox_environment
from autograder.sandbox.mounts import interpreter_exposures, shell_mounts
from autograder.sandbox.processes import DEFAULT_PRELOAD, PopenHandle, ZygoteHandle, shared_zygote

RUNNER = Path(__file__).with_name("runner.py")
ENGINE_DIR = RUNNER.parents[1]
"""The package folder: the runner imports the protocol modules from it."""
BASE_UID = 61000
UID_RANGE = 1000
"""Sandbox uids come from [BASE_UID, BASE_UID + UID_RANGE), one per running sandbox machine-wide,
so sandboxes cannot signal each other or the judge."""
PR_SET_CHILD_SUBREAPER = 36


@dataclass(frozen=True)
class SandboxLimits:
    """Resource limits of one sandbox process tree."""

    memory_mb: int = 4096
    """Resident memory of all the sandbox's processes together (watchdog kills above it)."""
    cpu_seconds: int = 900
    """CPU time of each process (RLIMIT_CPU)."""
    processes: int = 512
    """Processes and threads of the sandbox uid (RLIMIT_NPROC); TensorFlow needs dozens."""
    file_size_mb: int = 64
    """Largest file the submission may write (RLIMIT_FSIZE)."""
    open_files: int = 512
    """Open file descriptors (RLIMIT_NOFILE)."""
    message_mb: int = 256
    """Largest message the judge accepts from the sandbox."""


_CAPABILITIES: dict[str, bool] = {}


def machine_capabilities() -> dict[str, bool]:
    """Probe once which isolation tools work here (root, unshare, setpriv)."""
    if not _CAPABILITIES:
        is_root = os.geteuid() == 0
        unshare = shutil.which("unshare")
        setpriv = shutil.which("setpriv")
        namespaces = bool(unshare) and is_root and _runs(
            [unshare, "--mount", "--propagation", "private", "--net", "--pid", "--fork",
             "--kill-child", "true"])
        _CAPABILITIES.update(root=is_root, namespaces=namespaces,
                             drop_user=bool(setpriv) and is_root, subreaper=_become_subreaper())
    return dict(_CAPABILITIES)


def _become_subreaper() -> bool:
    """Orphans of a dead sandbox then come to us to be reaped, instead of piling up as zombies
    under an init that may never reap them (zombies count against the sandbox uid's NPROC)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _runs(command: list[str]) -> bool:
    try:
        return subprocess.run(command, capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def _rlimits(limits: SandboxLimits) -> dict[str, tuple[int, int]]:
    mb = 1024 * 1024
    return {"RLIMIT_CPU": (limits.cpu_seconds, limits.cpu_seconds + 5),
            "RLIMIT_NPROC": (limits.processes, limits.processes),
            "RLIMIT_FSIZE": (limits.file_size_mb * mb, limits.file_size_mb * mb),
            "RLIMIT_NOFILE": (limits.open_files, limits.open_files),
            "RLIMIT_CORE": (0, 0)}


def _set_limits(limits: SandboxLimits) -> None:
    """preexec_fn: runs in the child before exec; limits are inherited by everything after."""
    for name, pair in _rlimits(limits).items():
        resource.setrlimit(getattr(resource, name), pair)


class Sandbox:
    """One running sandbox: a private work dir, a process tree, and a message channel."""

    def __init__(self, *, slot: int, limits: SandboxLimits, public_files: list[Path] = (),
                 hidden_paths: list[Path] = (), use_zygote: bool = True,
                 preload: tuple[str, ...] = DEFAULT_PRELOAD):
        self.slot = slot
        self.limits = limits
        caps = machine_capabilities()
        self._uid_lock = None
        self.uid = os.getuid()
        if caps["drop_user"]:
            self.uid, self._uid_lock = _claim_uid(BASE_UID + slot)
        self.workdir = Path(tempfile.mkdtemp(prefix="autograder-sandbox-"))
        self._prepare_workdir(public_files)
        self.hidden = self._hideable(hidden_paths) if caps["namespaces"] else []
        self.exposed = (interpreter_exposures(ENGINE_DIR)
                        if caps["namespaces"] and caps["drop_user"] else ())
        self.protections: dict[str, Any] = {
            "unprivileged_user": caps["drop_user"], "network_namespace": caps["namespaces"],
            "pid_namespace": caps["namespaces"], "memory_watchdog_mb": limits.memory_mb,
            "rlimits": True, "private_workdir": True,
            "hidden_paths": [str(p) for p in self.hidden],
            "private_parents_covered": [str(blocked) for blocked, _ in self.exposed],
        }
        self._command = self._build_command(caps)
        self.process: PopenHandle | ZygoteHandle | None = None
        self._zygote = shared_zygote(tuple(preload)) if use_zygote and caps["namespaces"] else None
        self.protections["zygote"] = self._zygote is not None
        self.killed_for: str | None = None
        self._watchdog_stop = threading.Event()

    def _prepare_workdir(self, public_files) -> None:
        for sub in ("home", "tmp"):
            (self.workdir / sub).mkdir()
        for source in public_files:
            source = Path(source)
            target = self.workdir / source.name
            if source.is_dir():
                shutil.copytree(source, target)
            else:
                shutil.copy2(source, target)
        if self.uid != os.getuid():
            for path in [self.workdir, *self.workdir.rglob("*")]:
                os.chown(path, self.uid, self.uid, follow_symlinks=False)
        os.chmod(self.workdir, 0o700)

    def _hideable(self, paths) -> list[Path]:
        """Folders to cover with an empty, unreadable tmpfs inside the sandbox's mount namespace.

        Skips anything the sandbox itself needs (its work dir, the runner, the interpreter).
        """
        needed = [self.workdir, ENGINE_DIR, Path(sys.prefix), Path(sys.base_prefix)]
        candidates = sorted({(p if p.is_dir() else p.parent) for p in map(Path, paths)
                             for p in [p.resolve()]}, key=lambda p: len(p.parts))
        chosen: list[Path] = []
        for path in candidates:  # outermost first; a folder inside a hidden one is hidden already
            if path.is_dir() and not any(n.is_relative_to(path) for n in needed) \
                    and not any(path.is_relative_to(c) for c in chosen):
                chosen.append(path)
        return chosen

    def _build_command(self, caps: dict[str, bool]) -> list[str]:
        command = [sys.executable, "-I", "-X", "utf8", str(RUNNER)]
        if caps["drop_user"]:
            command = ["setpriv", f"--reuid={self.uid}", f"--regid={self.uid}", "--clear-groups",
                       "--no-new-privs", "--", *command]
        if caps["namespaces"]:
            mounts = shell_mounts(exposed=self.exposed, hidden=self.hidden)
            command = ["unshare", "--mount", "--propagation", "private", "--net", "--pid",
                       "--fork", "--kill-child", "--", "/bin/sh", "-c", f'{mounts}exec "$@"',
                       "sandbox", *command]
        return command

    # ------------------------------------------------------------------ lifecycle

    def start(self, *, timeout: float = 60.0) -> dict:
        """Start the process and wait for its hello (which reports what it can see)."""
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()
        if self._zygote is not None:
            env = sandbox_environment(workdir=self.workdir)
            job = {"uid": self.uid, "workdir": str(self.workdir), "env": env,
                   "rlimits": _rlimits(self.limits), "hidden": [str(p) for p in self.hidden],
                   "expose": [[str(blocked), str(keep)] for blocked, keep in self.exposed]}
            self.process = self._zygote.spawn(job, [to_child_r, from_child_w])
        else:
            popen = subprocess.Popen(
                [*self._command, str(to_child_r), str(from_child_w)], cwd=self.workdir,
                env=sandbox_environment(workdir=self.workdir), stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                pass_fds=(to_child_r, from_child_w), preexec_fn=lambda: _set_limits(self.limits))
            self.process = PopenHandle(popen, namespaced=self._command[0] == "unshare")
        os.close(to_child_r)
        os.close(from_child_w)
        threading.Thread(target=self._watch_memory, daemon=True).start()
        hello = self.receive(timeout=timeout, during="starting")
        self.protections["observed_uid"] = hello.get("uid")
        self.protections["network"] = hello.get("network")
        return hello

    def send(self, message: dict, *, timeout: float = 60.0, during: str = "sending") -> None:
        """Write without blocking; not read within ``timeout`` s: killed, SandboxFailure."""
        try:
            wire.send_within(self._to_child, message=message, timeout=max(0.05, timeout))
        except wire.WireTimeout:
            self.kill()
            raise SandboxFailure(f"the notebook's process stopped reading the grader's messages "
                                 f"while {during} (not within {timeout:g} s)") from None
        except OSError as exc:
            raise self._failure(f"could not send to the sandbox ({exc.strerror})") from None

    def receive(self, *, timeout: float, during: str) -> dict:
        """One message within ``timeout`` s; frames over the judge's budgets are refused."""
        try:
            return wire.receive(self._from_child, timeout=timeout,
                                max_bytes=self.limits.message_mb * 1024 * 1024,
                                max_items=wire.JUDGE_MAX_ITEMS, max_depth=wire.JUDGE_MAX_DEPTH)
        except wire.WireTimeout:
            raise SandboxTimeout(f"no answer within {timeout:g} s while {during}") from None
        except wire.WireError as exc:
            if "channel closed" in str(exc):
                raise self._failure(f"the notebook's process stopped while {during}") from None
            raise ProtocolError(f"the sandbox sent an unreadable message while {during}: {exc}")

    def interrupt(self) -> None:
        """Ask the runner to stop the code it is running (KeyboardInterrupt in its main thread)."""
        pid = self._runner_pid()
        if pid:
            try:
                os.kill(pid, signal.SIGINT)
            except ProcessLookupError:
                pass

    def _runner_pid(self) -> int | None:
        return self.process.runner_pid() if self.process is not None else None

    def has_unread(self) -> bool:
        """True when the sandbox wrote something the judge has not read (it never should)."""
        fd = getattr(self, "_from_child", None)
        return fd is not None and wire.readable(fd)

    def kill(self) -> None:
        """Kill its processes now, from any thread (readers get EOF); close() still cleans up."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
        if self.uid != os.getuid():
            _kill_uid(self.uid)

    def _failure(self, what: str) -> SandboxFailure:
        code = self.process.wait(5) if self.process else None
        reason = self.killed_for or _describe_exit(code)
        return SandboxFailure(f"{what}: {reason}")

    def close(self) -> None:
        """Kill every process of the sandbox and delete its work dir. Safe to call twice."""
        self._watchdog_stop.set()
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
        if self.uid != os.getuid():
            _kill_uid(self.uid)
            _reap_uid(self.uid)
        for fd in (getattr(self, "_to_child", None), getattr(self, "_from_child", None)):
            if fd is not None:
                try:
                    os.close(fd)
                except OSError:
                    pass
        self._to_child = self._from_child = None
        shutil.rmtree(self.workdir, ignore_errors=True)
        if self._uid_lock is not None:
            os.close(self._uid_lock)  # releases the flock: the uid is free for the next sandbox
            self._uid_lock = None

    def __enter__(self) -> "Sandbox":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------------ memory watchdog

    def _watch_memory(self) -> None:
        limit_kb = self.limits.memory_mb * 1024
        while not self._watchdog_stop.wait(0.1):
            if self.process is None or self.process.poll() is not None:
                return
            if _resident_kb(self.uid, self.process.pid) > limit_kb:
                self.killed_for = f"it used more than {self.limits.memory_mb} MB of memory"
                self.process.kill()
                if self.uid != os.getuid():
                    _kill_uid(self.uid)
                return


def _claim_uid(preferred: int) -> tuple[int, int]:
    """An unprivileged uid no other sandbox on this machine is using, held by a file lock.

    Several graders may run at once; each sandbox needs a uid of its own, because cleaning up
    kills everything running under it. Whatever still runs under a freshly claimed uid is a
    leftover of a crashed grader and is killed.
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
        _kill_uid(uid)
        _reap_uid(uid)
        return uid, fd
    raise SandboxFailure("no free sandbox user id: too many sandboxes are running")


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


def _resident_kb(uid: int, root_pid: int) -> int:
    if uid != os.getuid():
        return sum(rss for _, owner, rss in _process_uids() if owner == uid)
    return sum(rss for pid, _, rss in _process_uids() if pid == root_pid or _is_child(pid, root_pid))


def _is_child(pid: int, root_pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return int(stat.rsplit(")", 1)[1].split()[1]) == root_pid
    except (OSError, ValueError, IndexError):
        return False


def _kill_uid(uid: int) -> None:
    """Last resort: whatever still runs as the sandbox uid is a leftover of this sandbox."""
    for pid, owner, _ in _process_uids():
        if owner == uid:
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass


def _reap_uid(uid: int, patience: float = 2.0) -> None:
    """Wait (briefly) until nothing of the sandbox uid is left, reaping zombies handed to us."""
    end = time.monotonic() + patience
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
        time.sleep(0.02)


def _describe_exit(code: int | None) -> str:
    if code is None:
        return "it did not exit"
    if code < 0:
        name = signal.Signals(-code).name
        hints = {"SIGXCPU": "it used up its CPU time", "SIGXFSZ": "it wrote a file that was too large",
                 "SIGKILL": "it was killed"}
        return f"{hints.get(name, 'it was stopped by a signal')} ({name})"
    if code >= 128 and code - 128 in signal.Signals._value2member_map_:
        return _describe_exit(-(code - 128))
    return f"it exited with code {code}"
