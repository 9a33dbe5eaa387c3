"""grading/batch.py: how `autograder grade` turns Ctrl-C and SIGTERM into a clean stop."""

from __future__ import annotations

import os
import signal
import time

import pytest

from autograder.grading import batch


def _signal_self(signum: int) -> None:
    os.kill(os.getpid(), signum)
    time.sleep(0.2)  # the handler runs in this (main) thread, between two bytecodes


def test_a_second_ctrl_c_after_the_stop_cannot_cut_the_exit_short():
    """The first SIGINT stops the batch; one arriving after the stop, while the command is
    leaving with exit code 130 and its --resume line, is ignored (CI once saw the process die
    by that late signal, exit -2, instead)."""
    previous = signal.getsignal(signal.SIGINT)
    try:
        with pytest.raises(KeyboardInterrupt):
            with batch._signals_as_interrupt() as received:
                _signal_self(signal.SIGINT)
        try:
            _signal_self(signal.SIGINT)
        except KeyboardInterrupt:
            pytest.fail("a Ctrl-C after the stop raised KeyboardInterrupt")
        assert received == [signal.SIGINT]
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, previous)


def test_without_an_interruption_the_previous_handlers_come_back():
    before = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    with batch._signals_as_interrupt() as received:
        assert signal.getsignal(signal.SIGINT) is not before[signal.SIGINT]
    assert received == []
    assert {s: signal.getsignal(s) for s in before} == before
