"""The attack catalogue: every adversarial submission is graded, and none earns more than its
honest part. Expectations live in each notebook's metadata (see fixtures/.../make_attacks.py)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from autograder.grading.grader import grade_all
from autograder.grading.intake import Submission
from conftest import ATTACKS

CANARY = Path("/tmp/autograder-canary")
CLASSMATE = Path("/tmp/autograder-classmate")
LEFTOVER_KEY = 0x4147AB01
ATTACK_FILES = sorted(ATTACKS.glob("*.ipynb"))
ISOLATED = pytest.mark.skipif(os.geteuid() != 0, reason="isolation needs root (namespaces)")


def _expectation(path: Path) -> dict:
    return json.loads(path.read_text("utf-8"))["metadata"]["autograder"]["attack"]


HONEST_CONTROL = ["import numpy as np\nimport pandas as pd",
                  "def square(x):\n    return np.asarray(x, dtype=float) ** 2",
                  "df = pd.read_csv('data/numbers.csv')\n\ndef mean_of_column(df, column):\n"
                  "    return float(df[column].mean())"]


@pytest.fixture(scope="module")
def attack_results(tiny_grader, tiny_project, tmp_path_factory):
    from nbfactory import notebook_bytes

    CANARY.mkdir(exist_ok=True)
    (CANARY / "keep.txt").write_text("keep")
    CLASSMATE.mkdir(mode=0o755, exist_ok=True)  # a classmate's correct answer, readable by all
    (CLASSMATE / "square.py").write_text("import numpy as np\n"
                                         "def square(x):\n    return np.asarray(x, float) ** 2\n")
    (CLASSMATE / "square.py").chmod(0o644)
    grader_files = {p: p.read_bytes() for p in tiny_project.root.rglob("*")
                    if p.is_file() and "__pycache__" not in p.parts}
    control = tmp_path_factory.mktemp("control") / "honest_control.ipynb"
    control.write_bytes(notebook_bytes(HONEST_CONTROL))
    submissions = [Submission(p.stem, p) for p in ATTACK_FILES]
    half = len(submissions) // 2  # the honest one is graded among the attacks, not first or last
    submissions[half:half] = [Submission("honest_control", control)]
    results = grade_all(tiny_grader, submissions=submissions)
    return {r.student: r for r in results}, grader_files


def test_catalogue_is_complete():
    assert len(ATTACK_FILES) >= 26
    names = {p.stem for p in ATTACK_FILES}
    assert {"forged_frames_in_cell", "extra_frame_when_called", "forged_interrupt_answer",
            "forged_nested_reply_40mb", "surrogate_in_exception",
            "never_reads_while_judge_writes"} <= names


def test_the_honest_control_in_the_same_batch_keeps_its_full_score(attack_results):
    results, _ = attack_results
    assert results["honest_control"].status == "graded"
    assert results["honest_control"].score == 3, results["honest_control"].message


def test_protocol_attacks_end_as_violations(attack_results):
    """Frames written on the grader's channel, from a cell or from a called function, end the
    submission as `error` with a protocol-violation message; its points are void."""
    results, _ = attack_results
    for name in ("forged_frames_in_cell", "extra_frame_when_called", "forged_interrupt_answer"):
        assert results[name].status == "error", (name, results[name].message)
        assert "protocol violation" in results[name].message, (name, results[name].message)
        assert results[name].score == 0
    nested = results["forged_nested_reply_40mb"]
    assert nested.status == "error" and "more than 6,000,000 values" in nested.message


def test_every_result_can_be_saved_and_reported(attack_results, tmp_path):
    """Surrogates and control characters from the sandbox never reach a file unsafely."""
    from autograder.reports.writer import write_reports
    from autograder.results import load_result, save_result

    results, _ = attack_results
    for result in results.values():
        assert load_result(save_result(result, tmp_path / "results")).score == result.score
    write_reports(results=list(results.values()), out_dir=tmp_path, assignment="tiny",
                  questions=[])
    grades = (tmp_path / "grades.csv").read_text("utf-8")
    assert "surrogate_in_exception" in grades and "\x1b" not in grades
    messages = [t.message for q in results["surrogate_in_exception"].questions for t in q.tests]
    assert any("\ufffd lone surrogate" in m for m in messages), messages


def test_no_attack_is_allowed_the_full_score():
    """An attack whose honest part earns every point could cheat without its test noticing."""
    for path in ATTACK_FILES:
        score = _expectation(path)["score"]
        assert (max(score.values()) if isinstance(score, dict) else score) < 3, path.stem


@pytest.mark.parametrize("path", ATTACK_FILES, ids=lambda p: p.stem)
def test_attack_earns_exactly_its_honest_part(path, attack_results):
    results, _ = attack_results
    result = results[path.stem]
    expected = _expectation(path)
    assert result.status in expected["statuses"], (result.status, result.message)
    score = expected["score"]
    score = score[result.status] if isinstance(score, dict) else score
    assert result.score == score, (result.message, [t.message for q in result.questions
                                                    for t in q.tests])
    assert result.possible == 3


def test_grader_files_and_canary_survive(attack_results, tiny_project):
    _, before = attack_results
    for path, content in before.items():
        assert path.read_bytes() == content, f"{path} was changed by a submission"
    if os.geteuid() == 0:
        assert (CANARY / "keep.txt").read_text() == "keep"


def test_honest_parts_still_score(attack_results):
    """Isolation must not cost honest code its points (sys.exit, printing, network probes): their
    honest q1 earns its 2 points, their wrong q2 nothing."""
    results, _ = attack_results
    for name in ("sys_exit_in_cell", "prints_gigabytes", "network", "deletes_files",
                 "writes_huge_file", "leaves_files_and_ipc"):
        points = {q.name: q.points for q in results[name].questions if not q.manual}
        assert points == {"q1": 2, "q2": 0}, (name, results[name].message)
    assert results["infinite_loop"].status == "timeout"
    assert results["infinite_loop"].score == 2  # square was defined before the loop


def test_timeouts_and_crashes_are_explained(attack_results):
    results, _ = attack_results
    assert "did not finish within" in results["infinite_loop"].message
    undefined = [t.message for q in results["infinite_loop"].questions for t in q.tests
                 if "is not defined" in t.message]
    assert undefined and all("ran out of time" in m for m in undefined)  # not "check spelling"
    assert "did not respond to the interruption" in results["ignores_interrupts"].message
    assert "memory" in results["memory_bomb"].message
    assert "stopped" in results["os_exit_in_cell"].message
    sleepy = [t.message for t in results["sleeps_when_called"].questions[0].tests]
    assert all("did not finish within" in m for m in sleepy)
    assert results["sleeps_when_called"].questions[1].points == 1  # sandbox recovered for q2


@pytest.mark.skipif(os.geteuid() != 0, reason="isolation needs root (uid switch, namespaces)")
def test_protections_recorded_when_root(attack_results):
    results, _ = attack_results
    protections = results["network"].protections
    assert protections["unprivileged_user"] and protections["observed_uid"] != 0
    assert protections["network"] == "isolated"


@ISOLATED
def test_shared_memory_is_counted_and_said_so(attack_results):
    """Pages outside every process's RSS still count: the kernel's cgroup limit stops them."""
    results, _ = attack_results
    if results["network"].protections.get("memory_limit") == "rss-watchdog":
        pytest.skip("no memory cgroup on this machine")
    for name in ("sysv_shm_over_limit", "memfd_over_limit"):
        assert "more than 1500 MB of memory" in results[name].message, results[name].message


@ISOLATED
def test_nothing_of_a_sandbox_stays_on_the_machine(attack_results):
    results, _ = attack_results
    assert results["leaves_files_and_ipc"].score == 2  # its honest part
    for folder in ("/tmp", "/var/tmp", "/run/lock", "/dev/shm"):
        assert not Path(folder, "autograder-leftover").exists(), folder
    for table in ("shm", "msg", "sem"):
        keys = [int(line.split()[0]) for line in
                Path(f"/proc/sysvipc/{table}").read_text().splitlines()[1:]]
        assert LEFTOVER_KEY not in keys, table


@ISOLATED
def test_protections_of_the_allow_list_are_recorded(attack_results):
    results, _ = attack_results
    protections = results["network"].protections
    assert protections["filesystem"] == "allow-list" and protections["ipc_namespace"]
    assert protections["fresh_proc"] and protections["seccomp"] == "on"
    assert protections["memory_limit"] in ("cgroup-v1", "cgroup-v2", "rss-watchdog")
