"""autograder.grading.judge: the session's protocol checks (request ids, unsolicited frames,
writes to a sandbox that never reads, the submission's clock), with a scripted sandbox and with
a real one."""

from __future__ import annotations

import time

import numpy as np
import pytest

from autograder.errors import (ProtocolError, ProtocolViolation, SandboxFailure, SandboxTimeout,
                               SubmissionTimeout)
from autograder.grading.judge import Deadline, RemoteFunction, SandboxSession
from autograder.protocol import codec

pytestmark = pytest.mark.timeout(120)


class ScriptedSandbox:
    """Answers with the frames it is given, in order; records what the judge sent.

    Request ids are random; a frame's small integer id N stands for "the id of the N-th request
    the judge sent" (so `ok(1, ...)` answers the first request), other ids are sent as they are."""

    def __init__(self, *frames, refuse_send: bool = False):
        self.frames = list(frames)
        self.sent: list[dict] = []
        self.refuse_send = refuse_send
        self.interrupted = self.killed = self.closed = False

    def send(self, message, *, timeout, during):
        if self.refuse_send:
            raise SandboxFailure(f"the notebook's process stopped reading while {during}")
        self.sent.append(message)

    def receive(self, *, timeout, during):
        if not self.frames:
            time.sleep(min(timeout, 1.0))  # as a silent sandbox would
            raise SandboxTimeout(f"no answer within {timeout:g} s while {during}")
        frame = self.frames.pop(0)
        if isinstance(frame, Exception):
            raise frame
        number = frame.get("id")
        if type(number) is int and 1 <= number <= len(self.sent):
            frame = {**frame, "id": self.sent[number - 1]["id"]}
        return frame

    def has_unread(self):
        return bool(self.frames)

    def interrupt(self):
        self.interrupted = True

    def kill(self):
        self.killed = True

    def close(self):
        self.closed = True


def ok(request_id, value):
    return {"id": request_id, "ok": True, "value": codec.encode(value)}


def test_each_request_carries_a_new_id_and_its_answer_must_echo_it():
    sandbox = ScriptedSandbox(ok(1, 5), ok(2, [1, 2]))
    session = SandboxSession(sandbox, {})
    assert session.request({"op": "get", "name": "a"}, "reading `a`") == 5
    assert session.request({"op": "get", "name": "b"}, "reading `b`") == [1, 2]
    first, second = (m["id"] for m in sandbox.sent)
    assert isinstance(first, int) and isinstance(second, int) and first != second
    assert min(first, second) > 1000  # random, not a counter a notebook could predict
    assert session.fatal is None and not session.dead


@pytest.mark.parametrize("frame", [ok(7, 1), ok(None, 1), {"ok": True, "value": 1},
                                   {"type": "executed", "errors": []}, ok("1", 1)],
                         ids=["other id", "null id", "no id", "unsolicited executed", "id as text"])
def test_an_answer_to_another_request_is_a_protocol_violation(frame):
    sandbox = ScriptedSandbox(frame, ok(1, 2))
    session = SandboxSession(sandbox, {})
    with pytest.raises(ProtocolViolation, match="protocol violation while reading `a`"):
        session.request({"op": "get", "name": "a"}, "reading `a`")
    assert isinstance(session.fatal, ProtocolViolation) and sandbox.killed
    with pytest.raises(SandboxFailure, match="not run: protocol violation"):
        session.request({"op": "get", "name": "b"}, "reading `b`")
    assert len(sandbox.sent) == 1  # nothing more is sent once the channel is out of step


def test_an_extra_frame_shifts_the_answers_and_is_caught_at_the_next_request():
    sandbox = ScriptedSandbox(ok(1, "forged"), ok(1, "real"), ok(2, "late"))
    session = SandboxSession(sandbox, {})
    assert session.request({"op": "get", "name": "a"}, "reading `a`") == "forged"
    with pytest.raises(ProtocolViolation, match=r"answer to request \d+ instead of \d+"):
        session.request({"op": "get", "name": "a"}, "reading `a`")


def test_a_forged_answer_to_the_interruption_is_a_violation_not_a_hang():
    sandbox = ScriptedSandbox(SandboxTimeout("no answer"), ok(99, [1.0]))
    session = SandboxSession(sandbox, {})
    with pytest.raises(ProtocolViolation):
        session.request({"op": "call", "name": "f"}, "calling `f`")
    assert sandbox.interrupted and isinstance(session.fatal, ProtocolViolation)


def test_an_honest_interruption_ends_only_the_test():
    interrupted = {"id": 1, "ok": False, "error_type": "$interrupted", "error": "interrupted"}
    sandbox = ScriptedSandbox(SandboxTimeout("no answer"), interrupted, ok(2, 3))
    session = SandboxSession(sandbox, {})
    session.deadline = Deadline(4)
    with pytest.raises(SandboxTimeout, match="did not finish within 4 s"):
        session.request({"op": "call", "name": "f"}, "calling `f`")
    assert session.fatal is None and not session.dead
    assert session.request({"op": "get", "name": "x"}, "reading `x`") == 3


def test_a_sandbox_that_does_not_read_ends_the_submission():
    session = SandboxSession(ScriptedSandbox(refuse_send=True), {})
    with pytest.raises(SandboxFailure, match="stopped reading"):
        session.request({"op": "get", "name": "a"}, "reading `a`")
    assert isinstance(session.fatal, SandboxFailure) and session.dead


def test_an_unreadable_frame_ends_the_submission():
    sandbox = ScriptedSandbox(ProtocolError("message holds more than 6,000,000 values"))
    session = SandboxSession(sandbox, {})
    with pytest.raises(ProtocolError, match="values"):
        session.request({"op": "get", "name": "a"}, "reading `a`")
    assert session.fatal is not None and sandbox.killed


def test_a_value_the_codec_refuses_fails_only_the_test():
    sandbox = ScriptedSandbox({"id": 1, "ok": True, "value": {"$t": "pickle"}}, ok(2, 1))
    session = SandboxSession(sandbox, {})
    with pytest.raises(ProtocolError, match="refuses"):
        session.request({"op": "get", "name": "a"}, "reading `a`")
    assert session.fatal is None
    assert session.request({"op": "get", "name": "b"}, "reading `b`") == 1


def test_the_submission_clock_ends_the_session():
    session = SandboxSession(ScriptedSandbox(ok(1, 1)), {}, clock=Deadline(-1))
    with pytest.raises(SubmissionTimeout, match="time limit of -1 s"):
        session.request({"op": "get", "name": "a"}, "reading `a`")
    assert isinstance(session.fatal, SubmissionTimeout)


def test_the_clock_bounds_a_call_that_would_wait_for_its_test_deadline():
    sandbox = ScriptedSandbox()  # never answers
    session = SandboxSession(sandbox, {}, clock=Deadline(0.2))
    session.deadline = Deadline(60)
    with pytest.raises(SubmissionTimeout):
        session.request({"op": "call", "name": "f"}, "calling `f`")
    assert not sandbox.interrupted  # no point interrupting: the submission is over


def test_a_frame_left_over_after_the_last_test_is_a_violation():
    sandbox = ScriptedSandbox(ok(1, 1), {"type": "executed"})
    session = SandboxSession(sandbox, {})
    session.request({"op": "get", "name": "a"}, "reading `a`")
    session.finish()
    assert isinstance(session.fatal, ProtocolViolation)
    assert "after the last test" in str(session.fatal)


def test_nothing_left_over_is_fine():
    session = SandboxSession(ScriptedSandbox(ok(1, 1)), {})
    session.request({"op": "get", "name": "a"}, "reading `a`")
    session.finish()
    assert session.fatal is None


# ------------------------------------------------------------------ a real sandbox that never reads



def test_a_large_argument_to_a_sandbox_that_never_reads_gives_up_at_the_deadline():
    """The runner forges the end of execution, then blocks in a cell with SIGINT ignored: the
    judge's 16 MB argument can never be read, and the judge gives up."""
    from autograder.sandbox.launcher import Sandbox, SandboxLimits

    forge = ("import fcntl, json, os, signal, stat, struct, time\n"
             "out_fd = [fd for fd in sorted(int(n) for n in os.listdir('/proc/self/fd'))\n"
             "          if fd > 2 and os.path.exists(f'/proc/self/fd/{fd}')\n"
             "          and stat.S_ISFIFO(os.fstat(fd).st_mode)\n"
             "          and fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE == os.O_WRONLY][0]\n"
             "def forge(message):\n    body = json.dumps(message).encode()\n"
             "    os.write(out_fd, struct.pack('>I', len(body)) + body)\n"
             "forge({'type': 'executed', 'errors': []})\n"
             "signal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    time.sleep(100)")
    with Sandbox(slot=5, limits=SandboxLimits(memory_mb=1500)) as sandbox:
        sandbox.start()
        sandbox.send({"cells": [{"index": 1, "source": forge, "skip": False}]})
        assert sandbox.receive(timeout=60, during="running")["type"] == "cell"
        assert sandbox.receive(timeout=60, during="running")["type"] == "executed"
        session = SandboxSession(sandbox, {"f": "function"})
        session.deadline = Deadline(2)
        with pytest.raises(SandboxFailure, match="stopped reading"):
            RemoteFunction(session, "f")(np.zeros(2_000_000))
        assert isinstance(session.fatal, SandboxFailure)
        assert sandbox.process.poll() is not None  # killed, not left running
