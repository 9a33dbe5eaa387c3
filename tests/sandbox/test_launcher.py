"""The sandbox process itself: what a submission can and cannot see or do (launcher + runner)."""

from __future__ import annotations

import os

import pytest

from autograder.protocol import codec
from autograder.sandbox.launcher import Sandbox, SandboxLimits, machine_capabilities

ROOT_ONLY = pytest.mark.skipif(not machine_capabilities()["namespaces"],
                               reason="needs root and unshare (namespaces, uid switch)")

PROBE = """
import os, socket, resource
facts = {"pid": os.getpid(), "uid": os.getuid(), "home": os.environ.get("HOME", ""),
         "env": sorted(os.environ), "cwd": os.getcwd(), "files": sorted(os.listdir("."))}
try:
    facts["secret"] = open(SECRET_PATH).read()
except OSError as exc:
    facts["secret"] = "denied: " + type(exc).__name__
try:
    socket.create_connection(("127.0.0.1", 22), timeout=1)
    facts["network"] = "reached"
except OSError as exc:
    facts["network"] = "blocked: " + str(exc.errno)
facts["nproc"] = resource.getrlimit(resource.RLIMIT_NPROC)[0]
"""


def run_probe(tmp_path, monkeypatch) -> dict:
    secret_dir = tmp_path / "secrets"
    secret_dir.mkdir()
    (secret_dir / "answer.txt").write_text("42")
    for path in (tmp_path, secret_dir):
        path.chmod(0o755)
    (secret_dir / "answer.txt").chmod(0o644)
    public = tmp_path / "data"
    public.mkdir()
    (public / "public.csv").write_text("a\n1\n")
    monkeypatch.setenv("JUDGE_SECRET_TOKEN", "do-not-leak")
    with Sandbox(slot=3, limits=SandboxLimits(processes=300), public_files=[public],
                 hidden_paths=[secret_dir]) as sandbox:
        sandbox.start()
        cells = [{"index": 1, "source": f"SECRET_PATH = {str(secret_dir / 'answer.txt')!r}",
                  "skip": False}, {"index": 2, "source": PROBE, "skip": False}]
        sandbox.send({"cells": cells})
        while sandbox.receive(timeout=60, during="probe").get("type") != "executed":
            pass
        sandbox.send({"op": "get", "name": "facts"})
        reply = sandbox.receive(timeout=30, during="reading facts")
        protections = dict(sandbox.protections)
    assert reply["ok"], reply
    return codec.decode(reply["value"]) | {"protections": protections}


@ROOT_ONLY
def test_sandbox_is_isolated(tmp_path, monkeypatch):
    facts = run_probe(tmp_path, monkeypatch)
    assert 61000 <= facts["uid"] < 62000  # a sandbox uid of its own
    assert facts["pid"] == 1  # its own PID namespace
    assert facts["secret"].startswith("denied")  # hidden folder covered in its mount namespace
    assert facts["network"].startswith("blocked")
    assert facts["nproc"] == 300
    assert "JUDGE_SECRET_TOKEN" not in facts["env"]
    assert facts["home"].startswith(facts["cwd"]) and facts["files"] == ["data", "home", "tmp"]
    assert facts["protections"]["network"] == "isolated"


def test_sandbox_works_without_privileges_too(tmp_path, monkeypatch):
    """Whatever the machine allows, the probe runs and the public data is there."""
    facts = run_probe(tmp_path, monkeypatch)
    assert "data" in facts["files"]
    assert "JUDGE_SECRET_TOKEN" not in facts["env"]


@ROOT_ONLY
def test_close_reaps_every_process(tmp_path):
    with Sandbox(slot=4, limits=SandboxLimits()) as sandbox:
        sandbox.start()
        spawn = "import subprocess\nfor _ in range(3):\n    subprocess.Popen(['sleep', '1000'], start_new_session=True)"
        sandbox.send({"cells": [{"index": 1, "source": spawn, "skip": False}]})
        while sandbox.receive(timeout=60, during="spawn").get("type") != "executed":
            pass
        uid = sandbox.uid
    leftovers = []
    for entry in os.listdir("/proc"):
        try:
            status = open(f"/proc/{entry}/status").read()
        except OSError:
            continue
        if f"Uid:\t{uid}\t" in status:
            leftovers.append(entry)
    assert leftovers == []


def _run_and_get(sandbox: Sandbox, source: str, name: str):
    sandbox.start()
    sandbox.send({"cells": [{"index": 1, "source": source, "skip": False}]})
    while sandbox.receive(timeout=120, during="probe").get("type") != "executed":
        pass
    sandbox.send({"op": "get", "name": name})
    reply = sandbox.receive(timeout=30, during="reading")
    assert reply["ok"], reply
    return codec.decode(reply["value"])


# A module nobody preloads, imported after the sandbox dropped its privileges: works even when
# Python lives under a private home (pyenv in /root), which the sandbox must not be able to list.
LATE_IMPORT = """
import os, sys
loaded = [m in sys.modules for m in ('colorsys', 'wave')]
import wave
try:
    os.listdir(os.path.expanduser('~root'))
    home = 'listed'
except OSError:
    home = 'private'
facts = {'loaded': loaded, 'wave': wave.__name__, 'root_home': home}
"""


@ROOT_ONLY
def test_the_zygote_preloads_the_modules_it_is_given():
    seen = []
    for preload in (("numpy", "colorsys"), ("numpy",)):
        with Sandbox(slot=4, limits=SandboxLimits(), preload=preload) as sandbox:
            assert sandbox.protections["zygote"]
            seen.append(_run_and_get(sandbox, LATE_IMPORT, "facts"))
    assert [facts["loaded"] for facts in seen] == [[True, False], [False, False]]
    assert all(facts["wave"] == "wave" and facts["root_home"] == "private" for facts in seen)


@ROOT_ONLY
def test_a_sandbox_started_without_the_zygote_imports_standard_modules_too():
    with Sandbox(slot=5, limits=SandboxLimits(processes=300), use_zygote=False) as sandbox:
        assert not sandbox.protections["zygote"]
        facts = _run_and_get(sandbox, LATE_IMPORT, "facts")
    assert facts["wave"] == "wave" and facts["root_home"] == "private"


@ROOT_ONLY
def test_claiming_a_uid_deletes_the_work_dirs_a_killed_grader_left_for_it(tmp_path, monkeypatch):
    """A grader killed with SIGKILL never closes its sandboxes: their work dirs stay in /tmp,
    owned by the sandbox uid. The next grader that claims that uid removes them."""
    import tempfile

    from autograder.sandbox import uids

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    uid, other = uids.BASE_UID + 977, uids.BASE_UID + 978
    stale, kept = tmp_path / f"{uids.WORKDIR_PREFIX}stale", tmp_path / f"{uids.WORKDIR_PREFIX}kept"
    for folder, owner in ((stale, uid), (kept, other)):
        (folder / "home").mkdir(parents=True)
        (folder / "home" / "answer.py").write_text("x = 1")
        for path in (folder, folder / "home", folder / "home" / "answer.py"):
            os.chown(path, owner, owner)
    claimed, lock = uids.claim_uid(uid)
    try:
        assert claimed == uid
        assert not stale.exists() and kept.exists()  # another uid's may still be in use
    finally:
        os.close(lock)
