"""Starting, talking to and killing one sandbox process (judge side).

The sandbox runs ``runner.main`` forked by the zygote (or, without it, started directly as
``python -I zygote.py --once``): in its own cgroup (memory incl. shared memory and tmpfs, and
process limits, see cgroups.py), in new mount/network/PID/IPC/UTS namespaces, inside a new root
that holds only what the allow-list names (filesystem.py), as an unprivileged uid per worker slot,
with rlimits and a seccomp filter (syscall_filter.py). An RSS watchdog in the judge limits memory
where no cgroup can. Whatever this machine cannot provide is skipped and recorded in
:attr:`Sandbox.protections`.
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from autograder.protocol import wire
from autograder.errors import ProtocolError, SandboxFailure, SandboxTimeout
from autograder.sandbox.environment import sandbox_environment
from autograder.sandbox.cgroups import create_cgroup
from autograder.sandbox.filesystem import allow_list
from autograder.sandbox.processes import (DEFAULT_PRELOAD, ZYGOTE, PopenHandle, ZygoteHandle,
                                          shared_zygote)
from autograder.sandbox.uids import (BASE_UID, WORKDIR_PREFIX, claim_uid, kill_uid, reap_uid,
                                     resident_kb)

RUNNER = Path(__file__).with_name("runner.py")
ENGINE_DIR = RUNNER.parents[1]
"""The package folder: the runner imports the protocol modules from it."""
ROOT_MOUNTPOINT = Path(tempfile.gettempdir()) / "autograder-root"
"""An empty folder each sandbox mounts its new root on, inside its own mount namespace."""
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


def warm_zygote(preload: tuple[str, ...] = DEFAULT_PRELOAD) -> threading.Thread | None:
    """Start the zygote that sandboxes with ``preload`` will fork from, in a background thread, so
    that its imports (TensorFlow: seconds) overlap the judge's own start instead of delaying the
    first sandbox. None where sandboxes would not use a zygote (no namespaces or no other user)."""
    caps = machine_capabilities()
    if not (caps["namespaces"] and caps["drop_user"]):
        return None
    thread = threading.Thread(target=shared_zygote, args=(tuple(preload),),
                              name="zygote-warm-up", daemon=True)
    thread.start()
    return thread


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
            self.uid, self._uid_lock = claim_uid(BASE_UID + slot)
        self.workdir = Path(tempfile.mkdtemp(prefix=WORKDIR_PREFIX))
        isolated = caps["namespaces"] and caps["drop_user"]
        self.root = allow_list(engine_dir=ENGINE_DIR, workdir=self.workdir, uid=self.uid) \
            if isolated else None
        try:
            _refuse_exposed_secrets([e for e in self.root or [] if e[1] != str(self.workdir.resolve())],
                                    hidden_paths)
        except SandboxFailure:
            shutil.rmtree(self.workdir, ignore_errors=True)
            if self._uid_lock is not None:
                os.close(self._uid_lock)
            raise
        self._prepare_workdir(public_files)
        self.cgroup = create_cgroup(f"autograder-sandbox-{self.uid if isolated else os.getpid()}"
                                    f"-{slot}", memory_mb=limits.memory_mb,
                                    processes=limits.processes)
        self.protections: dict[str, Any] = {
            "unprivileged_user": caps["drop_user"], "network_namespace": isolated,
            "pid_namespace": isolated, "ipc_namespace": isolated, "uts_namespace": isolated,
            "filesystem": "allow-list" if isolated else "host (not isolated: needs root)",
            "fresh_proc": isolated, "rlimits": True, "private_workdir": True,
            "memory_limit": (self.cgroup and self.cgroup.memory_limit) or "rss-watchdog",
            "memory_limit_mb": limits.memory_mb,
            "pids_limit": limits.processes if self.cgroup and self.cgroup.pids_limited else None,
        }
        self._command = self._build_command(caps)
        self.process: PopenHandle | ZygoteHandle | None = None
        self._zygote = shared_zygote(tuple(preload)) if use_zygote and isolated else None
        self.protections["zygote"] = self._zygote is not None
        self._killed_for: str | None = None
        self._watchdog_stop = threading.Event()

    @property
    def killed_for(self) -> str | None:
        """Why the judge or the kernel killed the sandbox (memory), if it did."""
        if self._killed_for is None and self.cgroup is not None and self.cgroup.oom_killed():
            self._killed_for = f"it used more than {self.limits.memory_mb} MB of memory"
        return self._killed_for

    @killed_for.setter
    def killed_for(self, reason: str | None) -> None:
        self._killed_for = reason

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

    def _build_command(self, caps: dict[str, bool]) -> list[str]:
        """The direct start (no zygote): the zygote's steps for one sandbox, or, where this
        machine cannot isolate, the runner itself (as the sandbox uid if we are root)."""
        python = [sys.executable, "-I", "-X", "utf8"]
        if self.root is not None:
            return [*python, str(ZYGOTE), "--once", json.dumps(self._job())]
        command = [*python, str(RUNNER)]
        if caps["drop_user"]:
            command = ["setpriv", f"--reuid={self.uid}", f"--regid={self.uid}", "--clear-groups",
                       "--no-new-privs", "--", *command]
        return command

    def _job(self) -> dict:
        """What process A needs to set this sandbox up (zygote and direct start alike)."""
        ROOT_MOUNTPOINT.mkdir(mode=0o755, exist_ok=True)
        return {"uid": self.uid, "workdir": str(self.workdir), "rlimits": _rlimits(self.limits),
                "env": sandbox_environment(workdir=self.workdir), "root": self.root,
                "mountpoint": str(ROOT_MOUNTPOINT),
                "cgroup": self.cgroup.procs_files() if self.cgroup else []}

    # ------------------------------------------------------------------ lifecycle

    def start(self, *, timeout: float = 60.0) -> dict:
        """Start the process and wait for its hello (which reports what it can see)."""
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()
        if self._zygote is not None:
            self.process = self._zygote.spawn(self._job(), [to_child_r, from_child_w])
        else:
            self.process = self._start_directly(to_child_r, from_child_w)
        os.close(to_child_r)
        os.close(from_child_w)
        if self.protections["memory_limit"] == "rss-watchdog":
            threading.Thread(target=self._watch_memory, daemon=True).start()
        hello = self.receive(timeout=timeout, during="starting")
        self.protections["observed_uid"] = hello.get("uid")
        self.protections["network"] = hello.get("network")
        self.protections["seccomp"] = hello.get("seccomp", "unavailable")
        return hello

    def _start_directly(self, to_child_r: int, from_child_w: int) -> PopenHandle:
        procs = self.cgroup.procs_files() if self.cgroup and self.root is None else []

        def prepare() -> None:  # in the child before exec (the --once helper joins by itself)
            for path in procs:
                Path(path).write_text(str(os.getpid()))
            _set_limits(self.limits)

        popen = subprocess.Popen(
            [*self._command, str(to_child_r), str(from_child_w)], cwd=self.workdir,
            env=sandbox_environment(workdir=self.workdir), stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
            pass_fds=(to_child_r, from_child_w), preexec_fn=prepare)
        return PopenHandle(popen, namespaced=self.root is not None)

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
        if self.cgroup is not None:
            self.cgroup.kill_all(patience=0.5)
        if self.uid != os.getuid():
            kill_uid(self.uid)

    def _failure(self, what: str) -> SandboxFailure:
        code = self.process.wait(5) if self.process else None
        reason = self.killed_for or _describe_exit(code)
        return SandboxFailure(f"{what}: {reason}")

    def close(self) -> None:
        """Kill every process of the sandbox and delete its work dir. Safe to call twice."""
        self._watchdog_stop.set()
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
        if self.cgroup is not None:
            self.protections["cgroup_removed"] = self.cgroup.remove()
        if self.uid != os.getuid():
            kill_uid(self.uid)
            reap_uid(self.uid)
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
            if resident_kb(self.uid, self.process.pid) > limit_kb:
                self.killed_for = f"it used more than {self.limits.memory_mb} MB of memory"
                self.process.kill()
                if self.uid != os.getuid():
                    kill_uid(self.uid)
                return


def _refuse_exposed_secrets(entries: list[list], hidden_paths) -> None:
    """Nothing outside the allow-list is visible anyway; this catches an allow-list that would
    bind a folder holding secrets (e.g. a virtual environment inside the build folder)."""
    bound = [Path(path) for kind, path, _ in entries if kind == "bind"]
    for secret in (Path(p).resolve() for p in hidden_paths):
        for path in bound:
            if secret.is_relative_to(path) or path.is_relative_to(secret):
                raise SandboxFailure(f"the sandbox's allow-list would expose {secret} ({path})")


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
