"""A seccomp filter: the system calls student code never needs fail with EPERM.

Installed by the runner just before it reads its job (after the sandbox dropped its privileges,
with no_new_privs), so it binds the notebook and everything it starts. Everything TensorFlow,
numpy, pandas and shell escapes use stays allowed; what is refused is kernel attack surface and
ways out of the sandbox: debugging other processes, new namespaces (user namespaces above all),
mounts, modules, BPF, keyrings, perf, userfaultfd, io_uring... ``clone3`` answers ENOSYS (its
flags cannot be inspected), so the C library falls back to ``clone``, whose namespace flags are.

Uses libseccomp through ``pyseccomp`` (PyPI) or ``seccomp`` (Debian's python3-seccomp); without
either, :func:`install` says so and the sandbox runs unfiltered. Imported by path inside the
sandbox: standard library plus those bindings only.
"""

from __future__ import annotations

import errno

REFUSED = (
    "ptrace", "process_vm_readv", "process_vm_writev", "kcmp", "pidfd_getfd",
    "bpf", "perf_event_open", "userfaultfd", "io_uring_setup", "io_uring_enter",
    "io_uring_register", "keyctl", "add_key", "request_key",
    "unshare", "setns", "mount", "umount2", "pivot_root", "chroot", "mount_setattr",
    "move_mount", "open_tree", "fsopen", "fsconfig", "fsmount", "fspick",
    "open_by_handle_at", "name_to_handle_at", "kexec_load", "kexec_file_load", "init_module",
    "finit_module", "delete_module", "swapon", "swapoff", "reboot", "acct", "quotactl",
    "quotactl_fd", "syslog", "vhangup", "iopl", "ioperm", "lookup_dcookie", "settimeofday",
    "clock_settime", "clock_adjtime", "adjtimex", "sethostname", "setdomainname",
    "uselib", "nfsservctl",
)
"""Refused outright with EPERM."""
NAMESPACE_FLAGS = (0x00000080, 0x00020000, 0x02000000, 0x04000000, 0x08000000, 0x10000000,
                   0x20000000, 0x40000000)
"""CLONE_NEWTIME, NEWNS, NEWCGROUP, NEWUTS, NEWIPC, NEWUSER, NEWPID, NEWNET: clone refuses each."""


def bindings():
    """The libseccomp module, or None. Import it before leaving the host's root (the zygote
    does): pyseccomp looks for libseccomp.so with ldconfig, which the sandbox does not have."""
    for name in ("pyseccomp", "seccomp"):
        try:
            return __import__(name)
        except Exception:  # ImportError, or RuntimeError when libseccomp.so is missing
            continue
    return None


def install() -> str:
    """Load the filter into this process (inherited by all it starts). Returns "on", or why not."""
    seccomp = bindings()
    if seccomp is None:
        return "unavailable: no libseccomp bindings (pip install pyseccomp)"
    try:
        rules = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
        for name in REFUSED:
            try:
                rules.add_rule(seccomp.ERRNO(errno.EPERM), name)
            except (RuntimeError, ValueError, OSError):
                pass  # not a system call on this architecture or kernel
        for flag in NAMESPACE_FLAGS:
            rules.add_rule(seccomp.ERRNO(errno.EPERM), "clone",
                           seccomp.Arg(0, seccomp.MASKED_EQ, flag, flag))
        try:
            rules.add_rule(seccomp.ERRNO(errno.ENOSYS), "clone3")
        except (RuntimeError, ValueError, OSError):
            pass
        rules.load()  # sets no_new_privs first (libseccomp's default)
    except Exception as exc:  # a broken libseccomp must not stop grading
        return f"unavailable: {type(exc).__name__}: {exc}"[:200]
    return "on"
