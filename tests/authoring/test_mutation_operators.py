"""autograder.authoring.mutation_operators: the mutants made from a reference module."""

from __future__ import annotations

import ast

from autograder.authoring.mutation_operators import generate

SOURCE = '''
"""Module docstring: never mutated."""
import numpy as np


def scale(x, factor=2, *, axis=0):
    """Docstring: never mutated."""
    if factor < 1:
        raise ValueError(f"factor must be at least 1, got {factor}")
    values = np.asarray(x, dtype=float)
    return values.std(axis=axis) * factor + round(values.sum() / 3)


def window(x, size):
    return x[size:len(x) - 1], max(size, 3)


def layer(keras):
    return keras.layers.GRU(4, return_sequences=True, padding="same")
'''


def _by_function():
    found = {}
    for mutant in generate(SOURCE):
        found.setdefault(mutant.function, []).append(mutant)
    return found


def test_each_operator_family_appears():
    afters = [m.after for m in generate(SOURCE)]
    expected = [
        "if factor <= 1:",                                    # comparison
        "pass",                                               # removed raise
        "def scale(x, factor=3, *, axis=0):",                 # changed default
        "values = np.asarray(x)",                             # dropped dtype
        "return values.std(axis=axis) * factor - round(values.sum() / 3)",  # operator
        "return values.std(axis=axis, ddof=1) * factor + round(values.sum() / 3)",  # ddof
        "return values.std() * factor + round(values.sum() / 3)",  # dropped axis
        "return values.std(axis=axis) * factor + __import__('math').floor(values.sum() / 3)",
        "return (x[size + 1:len(x) - 1], max(size, 3))",      # slice bound
        "return (x[size:len(x) - 1], max(3, size))",          # swapped arguments
        "return keras.layers.GRU(4, return_sequences=False, padding='same')",  # Keras flag
        "return keras.layers.GRU(4, return_sequences=True, padding='valid')",  # Keras word
    ]
    missing = [e for e in expected if e not in afters]
    assert not missing, f"not generated: {missing}"


def test_messages_docstrings_and_annotations_are_left_alone():
    for mutant in generate(SOURCE):
        assert "must be at least" not in mutant.after or mutant.before == mutant.after
        assert "docstring" not in mutant.before.lower()
    # a changed raise message would be a mutant no test can see
    assert not any("factor must be" in m.after and m.after != m.before and "raise" in m.after
                   for m in generate(SOURCE))


def test_mutants_are_valid_distinct_and_stable():
    mutants = generate(SOURCE)
    assert len(mutants) > 20
    assert len({m.ident for m in mutants}) == len(mutants)
    assert [m.ident for m in mutants] == [m.ident for m in generate(SOURCE)]
    for mutant in mutants:
        tree = ast.parse(mutant.source)
        assert [n.name for n in tree.body] == [mutant.function]
        assert mutant.before != mutant.after


def test_an_unrelated_edit_keeps_the_ids():
    moved = SOURCE.replace('import numpy as np\n', 'import numpy as np\nimport math\n\nPI = 3\n')
    assert {m.ident for m in generate(moved)} == {m.ident for m in generate(SOURCE)}
    assert {m.function for m in generate(SOURCE)} == {"scale", "window", "layer"}
