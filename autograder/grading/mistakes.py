"""Named mistakes: tell a student which known mistake a failing hidden test caught.

An assignment keeps known-wrong notebooks (its mutants, ``assignments/<hw>/mutants/*.ipynb``),
each labelled with the questions it loses, the functions its patch changed and the mistake's name
and explanation in English and Persian (:mod:`autograder.authoring.mutants`). While a hidden test
runs, the judge keeps a :class:`CallLog` of the calls it made into the student's functions: the
arguments it chose (still encoded, as they were sent) and the plain data that came back. When the
test fails, :meth:`MistakeCatalog.identify` makes the same calls on each mutant of that question
whose changed functions the test called, judge-side, and names the first mutant whose answers
equal the student's on every call (``numpy.allclose`` for numbers, equal shapes, keys, lengths
and types otherwise; the same exception type when the student's function raised).

Trust: only plain data of the student's is compared; no student object is called. The mutant
code is ours, extracted from the mutant notebook's cells: only its imports and top-level function
and class definitions run (a mutant that patches ``numpy.allclose`` at top level cannot patch the
judge's). Only functions that return plain data are supported: a call whose answer or arguments
hold a Keras model (hw01's and hw03's model builders) is never matched.
"""

from __future__ import annotations

import ast
import copy
import json
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from autograder.protocol import codec, wire
from autograder.results import NamedMistake

RTOL, ATOL = 1e-5, 1e-8
"""numpy.allclose's own tolerance: answers this close to the mutant's count as the same."""
MAX_LOGGED_BYTES = 64 * 2**20
"""A test whose calls carry more than this (arguments and answers) is not matched (memory)."""
_SKIPPED_IMPORTS = ("otter",)


@dataclass
class RecordedCall:
    name: str
    args: Any
    """The encoded argument list, as sent to the sandbox (with ``blob``, its array bytes)."""
    kwargs: Any
    blob: bytes
    value: Any = None
    """The student's answer, decoded (plain data), when the call returned."""
    error: str = ""
    """The builtin exception type the student's function raised, when it raised."""


@dataclass
class CallLog:
    """The calls one test made into the student's functions (see the judge's RemoteFunction)."""

    calls: list[RecordedCall] = field(default_factory=list)
    usable: bool = True
    """False once a call cannot be replayed (a Keras model, a timeout, too much data)."""
    size: int = 0

    def returned(self, name: str, message: dict, value: Any) -> None:
        if not self.usable:
            return
        if _holds_model(value) or _holds_model(message.get("args")):
            self.usable = False
            return
        self._add(RecordedCall(name, message["args"], message["kwargs"],
                               message.get(wire.BLOB, b""), value=_copy(value)))

    def raised(self, name: str, message: dict, exc: BaseException) -> None:
        type_name = getattr(exc, "type_name", None)
        if not self.usable or not isinstance(type_name, str):  # a timeout, a protocol problem
            self.usable = False
            return
        self._add(RecordedCall(name, message["args"], message["kwargs"],
                               message.get(wire.BLOB, b""), error=type_name))

    def _add(self, call: RecordedCall) -> None:
        self.size += len(call.blob) + _nbytes(call.value)
        self.usable = self.size <= MAX_LOGGED_BYTES
        self.calls.append(call)

    @property
    def names(self) -> set[str]:
        return {call.name for call in self.calls}


@dataclass
class KnownMutant:
    """One mutant of the catalogue: its trusted code is compiled on first use."""

    id: str
    questions: tuple[str, ...]
    functions: frozenset[str]
    mistake: NamedMistake | None
    source: str
    _namespace: dict | None = None

    def namespace(self) -> dict:
        if self._namespace is None:
            namespace: dict = {"__name__": f"mutant_{self.id}"}
            exec(compile(self.source, f"<mutant {self.id}>", "exec"), namespace)  # noqa: S102
            self._namespace = namespace
        return self._namespace


class MistakeCatalog:
    """The named mutants of one assignment; thread-safe (the judge grades in threads).

    A mutant is named only where it is wrong: on at least one of the logged calls its answer
    differs from the model answer's (the master notebook's definitions), so a test that fails
    for another reason never blames a mutant that answers those calls correctly."""

    def __init__(self, mutants: list[KnownMutant], *, reference: KnownMutant | None = None):
        self.mutants = mutants
        self.reference = reference
        self._lock = threading.Lock()

    @classmethod
    def load(cls, paths: list[Path], *, solution: Path | None = None) -> "MistakeCatalog":
        """From mutant notebooks (one without a named mistake or changed functions is left out)
        and the notebook holding the model answer (the master, or the solution notebook)."""
        mutants = [m for m in (read_mutant(Path(p)) for p in sorted(paths)) if m is not None]
        reference = None
        if solution is not None and Path(solution).is_file():
            notebook = json.loads(Path(solution).read_text("utf-8"))
            reference = KnownMutant("solution", (), frozenset(), None, definitions(notebook))
        preimport([m.source for m in mutants] + ([reference.source] if reference else []))
        return cls(mutants, reference=reference)

    def identify(self, *, question: str, log: CallLog | None) -> NamedMistake | None:
        """The first mutant of ``question`` whose answers equal the student's on every logged
        call and differ from the model answer's on one; None when none does, or the calls
        cannot be replayed. Never raises."""
        if log is None or not log.usable or not log.calls:
            return None
        # a mutant whose changed function the test reached only through another function (its
        # rnn_forward calls rnn_cell_forward) counts too: the model answer rules out the others
        candidates = [m for m in self.mutants if question in m.questions
                      and (self.reference is not None or m.functions & log.names)]
        if not candidates:
            return None
        try:
            right = self._replay(self.reference, log) if self.reference is not None else None
        except Exception:
            return None
        for mutant in candidates:
            try:
                outcomes = self._replay(mutant, log)
            except Exception:  # a broken mutant must not cost a result
                continue
            student = [(call.value, call.error) for call in log.calls]
            if outcomes is None or not all(map(_same_outcome, student, outcomes)):
                continue
            if right is None or not all(map(_same_outcome, right, outcomes)):
                return mutant.mistake
        return None

    def _replay(self, mutant: KnownMutant, log: CallLog) -> list[tuple[Any, str]] | None:
        """(answer, exception type name) of each logged call made on ``mutant``'s code."""
        with self._lock:
            namespace = mutant.namespace()
        outcomes = []
        for call in log.calls:
            function = namespace.get(call.name)
            if not callable(function):
                return None
            args = codec.decode(call.args, attachment=call.blob)
            kwargs = codec.decode(call.kwargs, attachment=call.blob)
            try:
                with np.errstate(all="ignore"):  # a mutant's NaN is an answer, not a warning
                    answer = function(*args, **kwargs)
                outcomes.append((_cross(answer), ""))
            except Exception as exc:
                outcomes.append((None, "|".join(k.__name__ for k in type(exc).__mro__)))
        return outcomes


def _same_outcome(a: tuple[Any, str], b: tuple[Any, str]) -> bool:
    """Same answer, or exceptions that share a type name below Exception (a student's arrives
    as its own type's name; a mutant's lists every type it derives from)."""
    if a[1] or b[1]:
        shared = set(a[1].split("|")) & set(b[1].split("|"))
        return bool(a[1] and b[1] and shared - {"Exception", "BaseException", "object"})
    return same_value(a[0], b[0])


def preimport(sources: list[str]) -> None:
    """Run the imports of the catalogue's code once, now (the grader is still single-threaded):
    a mutant compiled later in a judge thread then finds TensorFlow and friends loaded, instead of
    importing them for the first time while another judge thread does too (TensorFlow's first
    import is not thread-safe: it failed with half-registered gradients). An import that fails
    here fails again, and is reported, where the mutant is used."""
    seen: set[str] = set()
    for source in sources:
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in tree.body:
            absolute = isinstance(node, ast.Import) or (isinstance(node, ast.ImportFrom)
                                                        and node.level == 0)
            if absolute:
                statement = ast.unparse(node)
                if statement not in seen:
                    seen.add(statement)
                    try:
                        exec(compile(statement, "<mutant imports>", "exec"), {})  # noqa: S102
                    except Exception:  # noqa: BLE001 - reported where the mutant runs
                        pass


def read_mutant(path: Path) -> KnownMutant | None:
    """A mutant notebook as a catalogue entry, or None when it names no mistake."""
    notebook = json.loads(path.read_text("utf-8"))
    meta = notebook.get("metadata", {}).get("autograder", {}).get("mutant", {})
    named, functions = meta.get("mistake"), meta.get("functions")
    if not isinstance(named, dict) or not functions:
        return None
    mistake = NamedMistake(id=path.stem, name_en=named["name"]["en"],
                           name_fa=named["name"]["fa"],
                           explanation_en=named["explanation"]["en"],
                           explanation_fa=named["explanation"]["fa"])
    return KnownMutant(path.stem, tuple(meta.get("must_lose", [])), frozenset(functions),
                       mistake, definitions(notebook))


def definitions(notebook: dict) -> str:
    """The imports and top-level function and class definitions of a notebook's code cells (the
    cells that grading runs), in order; every other statement is left out."""
    kept: list[ast.stmt] = []
    for cell in notebook.get("cells", []):
        tags = cell.get("metadata", {}).get("tags", [])
        if cell.get("cell_type") != "code" or {"skip-grading", "otter_ignore"} & set(tags):
            continue
        source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        try:
            tree = ast.parse(source)
        except SyntaxError:  # magics
            continue
        kept += [node for node in tree.body if _definition(node)]
    return ast.unparse(ast.Module(body=kept, type_ignores=[]))


def _definition(node: ast.stmt) -> bool:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return True
    if isinstance(node, ast.Import):
        return not any(a.name.split(".")[0] in _SKIPPED_IMPORTS for a in node.names)
    if isinstance(node, ast.ImportFrom):
        return (node.module or "").split(".")[0] not in _SKIPPED_IMPORTS
    return False


def same_value(student: Any, mutant: Any) -> bool:
    """Whether two plain-data answers are the same: numbers within numpy.allclose's tolerance,
    everything else of the same type, shape, keys and length, element by element."""
    return _same(student, mutant, 0)


def _same(student: Any, mutant: Any, depth: int) -> bool:
    if depth > 40:
        return False
    if isinstance(student, np.ndarray) or isinstance(mutant, np.ndarray):
        return _same_array(student, mutant)
    if _is_pandas(student) or _is_pandas(mutant):
        return _same_pandas(student, mutant, depth)
    if isinstance(student, bool) or isinstance(mutant, bool):
        return type(student) is type(mutant) and student == mutant
    if isinstance(student, (int, float)) and isinstance(mutant, (int, float)):
        if type(student) is not type(mutant):
            return False
        return bool(np.isclose(student, mutant, rtol=RTOL, atol=ATOL, equal_nan=True))
    if type(student) is not type(mutant):
        return False
    if isinstance(student, dict):
        return (list(student) == list(mutant)
                and all(_same(student[k], mutant[k], depth + 1) for k in student))
    if isinstance(student, (list, tuple)):
        return len(student) == len(mutant) and all(
            _same(a, b, depth + 1) for a, b in zip(student, mutant))
    return bool(student == mutant) if isinstance(student, (str, complex, type(None))) else False


def _same_array(a: Any, b: Any) -> bool:
    if not (isinstance(a, np.ndarray) and isinstance(b, np.ndarray)) or a.shape != b.shape:
        return False
    if a.dtype.kind in "biufc" and b.dtype.kind in "biufc":
        if (a.dtype.kind == "b") != (b.dtype.kind == "b"):
            return False
        return bool(np.allclose(a, b, rtol=RTOL, atol=ATOL, equal_nan=True))
    return a.dtype.kind == b.dtype.kind and bool(np.array_equal(a, b))


def _is_pandas(value: Any) -> bool:
    return type(value).__module__.startswith("pandas")


def _same_pandas(a: Any, b: Any, depth: int) -> bool:
    if type(a) is not type(b) or a.shape != b.shape:
        return False
    labels = [list(getattr(x, "columns", [])) + list(getattr(x, "index", x)) for x in (a, b)]
    if type(a).__name__ == "Index":
        return _same(np.asarray(a), np.asarray(b), depth + 1)
    return (_same(labels[0], labels[1], depth + 1)
            and _same(a.to_numpy(), b.to_numpy(), depth + 1))


def _cross(value: Any) -> Any:
    """The mutant's answer as the judge would have received it from a sandbox."""
    with codec.attachment() as blob:
        tree = codec.encode(value)
    return codec.decode(tree, attachment=bytes(blob))


def _holds_model(value: Any, depth: int = 0) -> bool:
    if isinstance(value, codec.KerasModelData):
        return True
    if isinstance(value, dict) and value.get(codec.TAG) == "keras_model":
        return True
    if depth > 40:
        return True
    if isinstance(value, dict):
        return any(_holds_model(v, depth + 1) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_holds_model(v, depth + 1) for v in value)
    return False


def _copy(value: Any) -> Any:
    """A copy, so that a test that changes the answer in place does not change the record."""
    try:
        return copy.deepcopy(value)
    except Exception:
        return value


def _nbytes(value: Any) -> int:
    if isinstance(value, np.ndarray):
        return int(value.nbytes)
    if isinstance(value, (list, tuple)):
        return sum(_nbytes(v) for v in value) + 8 * len(value)
    if isinstance(value, dict):
        return sum(_nbytes(v) for v in value.values()) + 16 * len(value)
    return 8 if not isinstance(value, str) else len(value)
