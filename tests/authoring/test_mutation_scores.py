"""Every course assignment's hidden tests kill a seeded sample of the reference's mutants (or the
survivor is listed as equivalent with a reason). `make validate` runs every mutant; CI runs a
sample, so a weakened test or a new unlisted survivor shows up without the full run's cost."""

from __future__ import annotations

import pytest

from autograder.authoring.mutation import mutation_test

SAMPLES = {"hw01": 12, "hw02": 40, "hw03": 25, "hw04": 40, "hw05": 10}
"""Mutants run per assignment: hw01's and hw05's reach Keras models (seconds each), the others
are numpy."""


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_hidden_tests_kill_a_sample_of_mutants(built_copy, name):
    report = mutation_test(project=built_copy, name=name, workers=2, sample=SAMPLES[name],
                           seed=2026)
    assert len(report.outcomes) == SAMPLES[name]
    survivors = [f"solutions/{name}.py:{o.mutant.line} {o.mutant.ident}" for o in report.survivors]
    assert not survivors, "hidden tests miss these mutants (kill them, or list them in " \
        f"assignments/{name}/equivalent_mutants.yaml with a reason): {survivors}"
    assert not report.stale_equivalents, report.stale_equivalents
