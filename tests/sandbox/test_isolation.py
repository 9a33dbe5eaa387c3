"""What a hostile notebook can reach from inside a sandbox: only the allow-list, its own processes,
its own memory, and no system call that leads out. Each test probes the real sandbox."""

from __future__ import annotations

import errno
import os
import sys
import uuid
from pathlib import Path

import pytest

import autograder
from autograder.errors import SandboxFailure
from autograder.protocol import codec
from autograder.sandbox import launcher
from autograder.sandbox.launcher import Sandbox, SandboxLimits, machine_capabilities

PROJECT = Path(autograder.__file__).resolve().parents[1]
ISOLATED = pytest.mark.skipif(not (machine_capabilities()["namespaces"]
                                   and machine_capabilities()["drop_user"]),
                              reason="needs root (namespaces, uid switch)")


def _run(sandbox: Sandbox, source: str, name: str = "facts"):
    sandbox.send({"cells": [{"index": 1, "source": source, "skip": False}]})
    while (message := sandbox.receive(timeout=120, during="probe")).get("type") != "executed":
        pass
    assert not message["errors"], message["errors"]
    sandbox.send({"op": "get", "name": name})
    reply = sandbox.receive(timeout=60, during="reading")
    assert reply["ok"], reply
    return codec.decode(reply["value"])


@pytest.fixture
def planted():
    """A classmate's file in the host's /tmp and a secret in the project tree."""
    token = uuid.uuid4().hex
    files = [Path("/tmp") / f"classmate-{token}.py", PROJECT / f"planted-{token}.txt"]
    for path in files:
        path.write_text(f"secret {token}")
        path.chmod(0o644)
    yield [str(p) for p in files]
    for path in files:
        path.unlink(missing_ok=True)


SEE = """
import os
def _read(path):
    try:
        return open(path).read()
    except OSError as exc:
        return 'denied: ' + type(exc).__name__
facts = {'root': sorted(os.listdir('/')), 'tmp': sorted(os.listdir('/tmp')),
         'read': [_read(p) for p in PLANTED], 'project': os.path.exists(PROJECT),
         'git': os.path.exists(PROJECT + '/.git'), 'engine': sorted(os.listdir(PROJECT + '/autograder')),
         'proc': sorted(p for p in os.listdir('/proc') if p.isdigit()),
         'cmdline': open('/proc/1/cmdline', 'rb').read().decode(errors='replace'),
         'judge_visible': os.path.exists('/proc/%d' % JUDGE_PID)}
try:
    facts['root_home'] = sorted(os.listdir('/root'))
except OSError:
    facts['root_home'] = 'private'
found = []
for top, dirs, files in os.walk('/'):
    if top == '/proc':
        dirs[:] = []
        continue
    found += [os.path.join(top, n) for n in dirs + files
              if n in ('.git', 'solutions') or n.endswith('.pack')
              or (n == 'pyproject.toml' and top == PROJECT)]
facts['found'] = found
"""


@ISOLATED
@pytest.mark.parametrize("use_zygote", [True, False], ids=["zygote", "direct"])
def test_only_the_allow_list_is_reachable(planted, use_zygote):
    with Sandbox(slot=11, limits=SandboxLimits(), use_zygote=use_zygote) as sandbox:
        sandbox.start()
        setup = f"PLANTED = {planted!r}\nPROJECT = {str(PROJECT)!r}\nJUDGE_PID = {os.getpid()}\n"
        facts = _run(sandbox, setup + SEE)
        protections = dict(sandbox.protections)
    assert all(text.startswith("denied") for text in facts["read"]), facts["read"]
    assert not facts["git"] and facts["engine"] == ["protocol", "sandbox"]
    assert facts["found"] == []
    # the root holds system folders plus the first step of the way to the interpreter, the venv
    # and the engine, wherever the checkout lives (/work, /tmp, /check...)
    routes_top = {Path(p).parts[1] for p in (sys.prefix, sys.base_prefix, PROJECT)}
    assert set(facts["root"]) <= {"bin", "dev", "etc", "lib", "lib64", "proc", "root", "tmp",
                                  "usr", "home", "opt", "srv", "var", "mnt"} | routes_top
    # /tmp holds the sandbox's work dir, plus the way down to the venv and the engine's two
    # folders when the project itself lives under /tmp (a CI clone): bound, not the project
    routes = {Path(p).relative_to("/tmp").parts[0] for p in (sys.prefix, PROJECT)
              if Path(p).is_relative_to("/tmp")}
    own = [name for name in facts["tmp"] if name not in routes]
    assert len(own) == 1 and own[0].startswith("autograder-sandbox-"), facts["tmp"]
    assert facts["root_home"] == "private"
    assert facts["proc"] == ["1"] and "zygote.py" in facts["cmdline"]
    assert not facts["judge_visible"]
    assert protections["filesystem"] == "allow-list" and protections["fresh_proc"]


WRITE = """
import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
open('/tmp/left-behind-' + TOKEN, 'w').write('secret')
open('/dev/shm/left-behind-' + TOKEN, 'w').write('secret')
shm = libc.shmget(KEY, 1 << 20, 0o1666)   # IPC_CREAT | 0666
queue = libc.msgget(KEY, 0o1666)
import subprocess
subprocess.Popen(['sleep', '1000'], start_new_session=True)
facts = {'shm': shm, 'queue': queue}
"""
LOOK = """
import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
facts = {'tmp': [n for n in os.listdir('/tmp') if TOKEN in n],
         'shm_files': [n for n in os.listdir('/dev/shm') if TOKEN in n],
         'shm': libc.shmget(KEY, 0, 0), 'queue': libc.msgget(KEY, 0)}
"""


def _sysv_keys() -> set[int]:
    keys = set()
    for table in ("shm", "msg", "sem"):
        lines = Path(f"/proc/sysvipc/{table}").read_text().splitlines()[1:]
        keys |= {int(line.split()[0]) for line in lines}
    return keys


@ISOLATED
def test_sandboxes_share_no_files_or_ipc_and_leave_nothing_behind():
    token, key = uuid.uuid4().hex, 0x41470000 + os.getpid() % 0xFFFF
    setup = f"TOKEN = {token!r}\nKEY = {key}\n"
    with Sandbox(slot=12, limits=SandboxLimits()) as writer, \
            Sandbox(slot=13, limits=SandboxLimits()) as reader:
        writer.start()
        reader.start()
        wrote = _run(writer, setup + WRITE)
        seen = _run(reader, setup + LOOK)
        uid, cgroup = writer.uid, writer.cgroup
        folders = list(cgroup.folders.values()) if cgroup else []
        assert cgroup is None or cgroup.pids()
    assert wrote["shm"] >= 0 and wrote["queue"] >= 0  # it did create them, in its namespace
    assert seen == {"tmp": [], "shm_files": [], "shm": -1, "queue": -1}
    assert key not in _sysv_keys()
    assert not [n for folder in ("/tmp", "/dev/shm", "/var/tmp") if os.path.isdir(folder)
                for n in os.listdir(folder) if token in n]
    assert not any(f.exists() for f in folders)
    owners = []
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            owners.append(os.stat(f"/proc/{entry}").st_uid)
        except OSError:
            pass
    assert uid not in owners


FORBIDDEN = """
import ctypes, os, threading, subprocess
libc = ctypes.CDLL(None, use_errno=True)
def errno_of(result):
    return ctypes.get_errno() if result == -1 else 0
facts = {
    'unshare_user': errno_of(libc.unshare(0x10000000)),
    'unshare_net': errno_of(libc.unshare(0x40000000)),
    'ptrace_traceme': errno_of(libc.ptrace(0, 0, 0, 0)),
    'mount': errno_of(libc.mount(b'none', b'/tmp', b'tmpfs', 0, None)),
    'bpf': errno_of(libc.syscall(321, 0, 0, 0)),
    'keyctl': errno_of(libc.syscall(250, 0, 0, 0, 0, 0)),
    'perf_event_open': errno_of(libc.syscall(298, 0, 0, -1, -1, 0)),
    'userfaultfd': errno_of(libc.syscall(323, 0)),
}
t = threading.Thread(target=lambda: None); t.start(); t.join()
facts['shell'] = subprocess.run(['sh', '-c', 'echo ok'], capture_output=True, text=True).stdout
import numpy, pandas
facts['numpy'] = float(numpy.linalg.inv(numpy.eye(3)).sum())
"""


@ISOLATED
@pytest.mark.skipif(os.uname().machine != "x86_64", reason="syscall numbers are x86_64")
def test_forbidden_system_calls_fail_with_eperm():
    with Sandbox(slot=14, limits=SandboxLimits()) as sandbox:
        sandbox.start()
        facts = _run(sandbox, FORBIDDEN)
        assert sandbox.protections["seccomp"] == "on"
    refused = {k: v for k, v in facts.items() if k not in ("shell", "numpy")}
    assert refused == dict.fromkeys(refused, errno.EPERM)
    assert facts["shell"] == "ok\n" and facts["numpy"] == 3.0


HOGS = {
    "memfd": "import os\nfd = os.memfd_create('hog')\nchunk = b'x' * (1 << 24)\n"
             "for _ in range(40):\n    os.write(fd, chunk)\nfacts = 'survived'",
    "sysv": "import ctypes\nlibc = ctypes.CDLL(None, use_errno=True)\n"
            "libc.shmat.restype = ctypes.c_void_p\nsize = 640 << 20\n"
            "seg = libc.shmget(0, ctypes.c_size_t(size), 0o1600)\n"
            "address = libc.shmat(seg, None, 0)\nlibc.shmctl(seg, 0, None)\n"
            "ctypes.memset(ctypes.c_void_p(address), 1, size)\nfacts = 'survived'",
    "tmpfs": "chunk = b'x' * (1 << 24)\nwith open('/tmp/hog', 'wb') as f:\n"
             "    for _ in range(60):\n        f.write(chunk)\nfacts = 'survived'",
}


@ISOLATED
@pytest.mark.parametrize("kind", sorted(HOGS))
def test_shared_memory_counts_against_the_memory_limit(kind):
    """600+ MB in pages no resident-set sum sees, under a 400 MB limit: killed, and said so."""
    with Sandbox(slot=15, limits=SandboxLimits(memory_mb=400, file_size_mb=2048)) as sandbox:
        if sandbox.protections["memory_limit"] == "rss-watchdog":
            pytest.skip("no memory cgroup on this machine")
        sandbox.start()
        if kind == "tmpfs":  # /tmp is capped at 256 MB on its own: the write fails first
            with pytest.raises(AssertionError, match="No space left"):
                _run(sandbox, HOGS[kind])
            return
        with pytest.raises(SandboxFailure, match="more than 400 MB of memory"):
            _run(sandbox, HOGS[kind])


def test_without_privileges_grading_still_works_and_says_what_is_missing(monkeypatch):
    monkeypatch.setattr(launcher, "_CAPABILITIES", {"root": False, "namespaces": False,
                                                    "drop_user": False, "subreaper": False})
    monkeypatch.setattr(launcher, "create_cgroup", lambda *a, **k: None)
    with Sandbox(slot=16, limits=SandboxLimits()) as sandbox:
        sandbox.start()
        assert _run(sandbox, "facts = 6 * 7") == 42
        protections = dict(sandbox.protections)
    assert protections["memory_limit"] == "rss-watchdog" and protections["pids_limit"] is None
    assert protections["filesystem"].startswith("host") and not protections["ipc_namespace"]
    assert not protections["zygote"]


@ISOLATED
def test_an_allow_list_that_would_expose_a_hidden_folder_is_refused():
    import sys

    secret = Path(sys.prefix) / "lib"  # as if the grading bundle lived inside the venv
    before = set(os.listdir("/tmp"))
    with pytest.raises(SandboxFailure, match="would expose"):
        Sandbox(slot=17, limits=SandboxLimits(), hidden_paths=[secret])
    assert not {n for n in set(os.listdir("/tmp")) - before if n.startswith("autograder-sandbox-")}
