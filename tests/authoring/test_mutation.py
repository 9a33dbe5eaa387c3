"""autograder.authoring.mutation: hidden tests run against mutants of the reference."""

from __future__ import annotations

import pytest

from autograder.authoring import mutation
from autograder.authoring.mutation import load_equivalents, mutation_test
from autograder.errors import ConfigError


@pytest.fixture(scope="module")
def tiny_report(tiny_project):
    return mutation_test(project=tiny_project, name="tiny", workers=2)


def test_every_reachable_mutant_is_run_against_its_questions(tiny_report):
    assert tiny_report.generated == 5 and tiny_report.uncovered == 0
    by_function = {o.mutant.function: o.questions for o in tiny_report.outcomes}
    assert by_function == {"square": ("q1",), "mean_of_column": ("q2",)}
    scores = {q.name: q for q in tiny_report.questions()}
    assert scores["q1"].counts["killed"] >= 3


def test_a_mutant_the_tests_cannot_see_survives_and_is_reported(tiny_report):
    """`np.asarray(x)` without dtype=float behaves the same on the float inputs the hidden test
    uses: a real gap (ints would show it), so it must be listed, and the check fails."""
    survivors = {o.mutant.ident for o in tiny_report.survivors}
    assert "square: return np.asarray(x, dtype=float) ** 2 -> return np.asarray(x) ** 2" in survivors
    assert not tiny_report.ok
    killed = [o for o in tiny_report.outcomes if o.status == "killed"]
    assert all("/" in o.detail and ":" in o.detail for o in killed)  # question/test: message


def test_listed_equivalents_pass_with_their_reason(tiny_project, tiny_report):
    path = tiny_project.root / "assignments" / "tiny" / mutation.EQUIVALENTS_FILE
    entries = [f'- mutant: "{o.mutant.ident}"\n  reason: "reviewed: same on every allowed input"'
               for o in tiny_report.survivors]
    path.write_text("\n".join(entries + ['- mutant: "square: gone -> away"\n  reason: "old"']),
                    encoding="utf-8")
    try:
        report = mutation_test(project=tiny_project, name="tiny", workers=1)
    finally:
        path.unlink()
    assert report.ok and not report.survivors
    equivalent = [o for o in report.outcomes if o.status == "equivalent"]
    assert len(equivalent) == len(tiny_report.survivors)
    assert all(o.detail == "reviewed: same on every allowed input" for o in equivalent)
    assert report.stale_equivalents == ["square: gone -> away"]


def test_an_equivalent_without_a_reason_is_refused(tiny_project):
    path = tiny_project.root / "assignments" / "tiny" / mutation.EQUIVALENTS_FILE
    path.write_text('- mutant: "square: a -> b"\n', encoding="utf-8")
    try:
        with pytest.raises(ConfigError, match="reason"):
            load_equivalents(tiny_project, "tiny")
    finally:
        path.unlink()


def test_a_sample_is_seeded(tiny_project):
    first = mutation_test(project=tiny_project, name="tiny", workers=1, sample=3, seed=7)
    again = mutation_test(project=tiny_project, name="tiny", workers=1, sample=3, seed=7)
    assert len(first.outcomes) == 3
    assert [o.mutant.ident for o in first.outcomes] == [o.mutant.ident for o in again.outcomes]


def test_a_mutant_that_never_returns_is_killed_by_the_time_limit(tiny_project):
    from autograder.grading.bundle import load_bundle

    bundle = load_bundle(project=tiny_project, name="tiny")
    pool = mutation._Pool((str(tiny_project.root), "tiny", str(bundle.tests_dir),
                           str(tiny_project.solution_notebook("tiny")),
                           str(tiny_project.template_dir("tiny"))), 1)
    try:
        looping = "def square(x):\n    while True:\n        pass\n"
        honest = "def square(x):\n    import numpy as np\n    return np.asarray(x, dtype=float) ** 2\n"
        results = pool.run([(looping, ["q1"]), (honest, ["q1"])], limit=3.0, progress=None)
    finally:
        pool.close()
    assert results[0]["timeout"] and results[0]["killed"]
    assert results[1]["killed"] is False  # the replacement worker carries on
