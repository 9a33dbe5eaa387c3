"""The zygote: imports the heavy libraries once, then forks one sandbox per submission.

Started by the judge as ``python -I zygote.py CONTROL_FD`` (as root, scrubbed environment). It
never imports hidden tests or solutions: only numpy, pandas, TensorFlow/Keras and the runner.
For each request on the control socket (JSON + the channel's file descriptors) it forks:

    zygote ── A: new session; joins the sandbox's cgroup; unshares mount/net/pid/ipc/uts
                 namespaces; builds the allow-listed root and pivots into it (filesystem.py);
                 forks B, waits for it, writes B's exit status to the status pipe, exits
              └── B: PID 1 of the new namespace; mounts its /proc; rlimits; drops to the sandbox
                 uid; runs runner.main (which installs the seccomp filter first)

Killing A's process group (or A itself) ends B (parent-death signal) and with it the namespaces,
their private tmpfs mounts and IPC objects.

``python -I zygote.py --once JOB IN_FD OUT_FD`` does the same for one sandbox without
preloading (the launcher's direct start): it is process A, and exits with B's status.
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import signal
import socket
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import filesystem  # noqa: E402
import runner  # noqa: E402  (also puts codec and wire on the path)
import syscall_filter  # noqa: E402

syscall_filter.bindings()  # loaded while the host's root (and its ldconfig) is still there

CLONE_NEWNS, CLONE_NEWPID, CLONE_NEWNET = 0x00020000, 0x20000000, 0x40000000
CLONE_NEWIPC, CLONE_NEWUTS = 0x08000000, 0x04000000
PR_SET_PDEATHSIG, PR_SET_NO_NEW_PRIVS = 1, 38
_libc = ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{what}: {os.strerror(errno)}")


def preload(modules: list[str]) -> list[str]:
    """Import what notebooks commonly use, so that every fork starts with it in memory."""
    loaded = []
    for name in modules:
        try:
            __import__(name)
            loaded.append(name)
        except Exception:  # a missing optional library only costs that notebook some time
            pass
    if "IPython" in loaded:
        _warm_up_shell()
    return loaded


def _warm_up_shell() -> None:
    """Build one IPython shell and drop it: the first shell of a process costs ~15 ms (config
    machinery, compiled patterns), each later one ~2 ms, and every fork inherits the warm caches.
    The sandbox builds its own shell with its own namespace (runner.make_shell)."""
    try:
        shell = runner.make_shell({"__name__": "__main__"})
        if shell is not None:
            shell.builtin_trap.__exit__(None, None, None)  # builtins as they were
            shell.run_cell("pass", store_history=False)
    except Exception:  # only a little speed is at stake
        pass


def isolate(job: dict) -> None:
    """In A: join the sandbox's cgroup, new namespaces, and the allow-listed root."""
    for procs in job.get("cgroup", []):
        with open(procs, "w") as file:
            file.write(str(os.getpid()))
    _check(_libc.unshare(CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWUTS),
           "unshare")
    _libc.sethostname(b"sandbox", 7)
    filesystem.enter_new_root(job["root"], mountpoint=job["mountpoint"])


def become_sandbox(job: dict, *, in_fd: int, out_fd: int) -> None:
    """In B: limits, no privileges, the private work dir and a scrubbed environment."""
    _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    filesystem.mount_proc()
    for name, (soft, hard) in job["rlimits"].items():
        resource.setrlimit(getattr(resource, name), (soft, hard))
    for fd in [int(f) for f in os.listdir("/proc/self/fd")]:
        if fd > 2 and fd not in (in_fd, out_fd):
            try:
                os.close(fd)
            except OSError:
                pass
    os.chdir(job["workdir"])
    sys.path.append(job["workdir"])  # as a notebook kernel would: the student's own modules
    uid = int(job["uid"])
    if uid != os.getuid():
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
    _check(_libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")
    os.environ.clear()
    os.environ.update(job["env"])
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)


def run_sandbox(job: dict, fds: list[int]) -> None:
    """Process A. Never returns. Without a status pipe (`--once`) it exits with B's status."""
    in_fd, out_fd, status_fd = (*fds, None)[:3]
    code = 70
    try:
        if status_fd is not None:
            os.setsid()
        isolate(job)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        child = os.fork()
        if child == 0:
            try:
                if status_fd is not None:
                    os.close(status_fd)
                become_sandbox(job, in_fd=in_fd, out_fd=out_fd)
                runner.main(in_fd, out_fd)
                os._exit(0)
            except BaseException:
                os._exit(71)
        os.close(in_fd)
        os.close(out_fd)
        _, status = os.waitpid(child, 0)
        code = os.waitstatus_to_exitcode(status)
    except BaseException:
        pass
    if status_fd is None:
        os._exit(128 - code if code < 0 else code)
    try:
        os.write(status_fd, f"{code}\n".encode())
    finally:
        os._exit(0)


def serve(control: socket.socket) -> None:
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    while True:
        message, fds, _, _ = socket.recv_fds(control, 1 << 20, 3)
        if not message:
            return
        job = json.loads(message.decode("utf-8"))
        pid = os.fork()
        if pid == 0:
            control.close()
            run_sandbox(job, fds)
        for fd in fds:
            os.close(fd)
        control.sendall(json.dumps({"pid": pid}).encode() + b"\n")


def main(control_fd: int, modules: list[str]) -> None:
    control = socket.socket(fileno=control_fd)
    loaded = preload(modules)
    control.sendall(json.dumps({"ready": True, "preloaded": loaded}).encode() + b"\n")
    serve(control)


if __name__ == "__main__" and sys.argv[1:2] == ["--once"]:
    run_sandbox(json.loads(sys.argv[2]), [int(sys.argv[3]), int(sys.argv[4])])
elif __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2].split(",") if len(sys.argv) > 2 and sys.argv[2] else [])
