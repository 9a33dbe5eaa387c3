"""Mutants of a reference module: every small, plausible mistake in its functions, as source.

The operators follow mutmut's and cosmic-ray's (operator swaps, numbers +-1, True/False, removed
statements), narrowed to what a student gets wrong in this course and widened where those tools
know nothing of it: ``round`` to floor/ceil, a removed ``raise``, changed defaults, swapped
arguments, ``axis``/``ddof``/``dtype`` changes, dropped casts, and the keyword arguments of Keras
layer constructors (``go_backwards``, ``return_sequences``, ``padding``, ``activation``...).

Only code inside functions is mutated (bodies and default values); docstrings, annotations, and
the messages of ``raise`` and ``assert`` are left alone, since changing them changes nothing a
test could see. Each mutant is identified by its function and a one-line diff, which stays the
same when unrelated lines of the module move.
"""

from __future__ import annotations

import ast
import difflib
from dataclasses import dataclass

BINARY_SWAPS = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult,
                ast.FloorDiv: ast.Div, ast.Mod: ast.FloorDiv, ast.Pow: ast.Mult}
COMPARE_SWAPS = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt,
                 ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.Is: ast.IsNot, ast.IsNot: ast.Is,
                 ast.In: ast.NotIn, ast.NotIn: ast.In}
ROUNDING = {"round": ("floor", "ceil"), "floor": ("ceil",), "ceil": ("floor",)}
KERAS_FLAGS = {"go_backwards", "return_sequences", "return_state", "use_bias", "reset_after",
               "stateful", "unroll", "center", "scale"}
KERAS_WORDS = {"padding": ("valid", "same", "causal"),
               "activation": ("relu", "tanh", "sigmoid", "softmax", "linear")}
NO_SWAP = {"isinstance", "issubclass", "getattr", "setattr", "hasattr", "print", "zip", "dict"}
REDUCTIONS = {"mean", "sum", "std", "var", "max", "min", "argmax", "argmin", "median"}


@dataclass(frozen=True)
class Mutant:
    """One changed node of a function of the reference module."""

    function: str
    """The top-level function the change is in; ``source`` replaces it."""
    line: int
    """Line of the change in the original module."""
    before: str
    after: str
    source: str
    """The mutated top-level function (its ``def`` with decorators), to run after the module."""

    @property
    def ident(self) -> str:
        """Stable name: the function and the one-line diff (see ``equivalent_mutants.yaml``)."""
        return f"{self.function}: {self.before} -> {self.after}"


def generate(source: str) -> list[Mutant]:
    """Every mutant of the functions in ``source``, in source order; duplicates removed."""
    tree = ast.parse(source)
    mutants, seen = [], set()
    for top in tree.body:
        if not isinstance(top, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        baseline = ast.unparse(top).splitlines()
        sites = _Sites()
        sites.visit(top)
        for function, node, label in sites.found:
            saved = _save(node)
            try:
                if not _apply((node, label), label):
                    continue
                text = ast.unparse(ast.fix_missing_locations(top))
            finally:
                _restore(node, saved)
            before, after = _changed_line(baseline, text.splitlines())
            if before is None or (function, before, after) in seen:
                continue
            seen.add((function, before, after))
            mutants.append(Mutant(function, getattr(node, "lineno", top.lineno), before, after,
                                  text))
    return mutants


def _save(node: ast.AST) -> tuple:
    fields = {key: (list(value) if isinstance(value, list) else value)
              for key, value in node.__dict__.items()}
    return node.__class__, fields


def _restore(node: ast.AST, saved: tuple) -> None:
    cls, fields = saved
    node.__class__ = cls
    node.__dict__.clear()
    node.__dict__.update({k: (list(v) if isinstance(v, list) else v) for k, v in fields.items()})


class _Sites(ast.NodeVisitor):
    """Collects (function, node, operator label) for every place a mutation applies."""

    def __init__(self) -> None:
        self.found: list[tuple[str, ast.AST, str]] = []
        self.function: str | None = None

    def add(self, node: ast.AST, *labels: str) -> None:
        if self.function is not None:
            self.found += [(self.function, node, label) for label in labels]

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        outer, self.function = self.function, self.function or node.name
        for default in [*node.args.defaults, *node.args.kw_defaults]:
            if default is not None:
                self.visit(default)
        body = node.body[1:] if _is_docstring(node.body[0]) else node.body
        for statement in body:
            self.visit(statement)
        self.function = outer

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Raise(self, node: ast.Raise) -> None:
        self.add(node, "remove-raise")  # the message inside is not mutated

    def visit_Assert(self, node: ast.Assert) -> None:
        self.visit(node.test)

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        pass  # text of messages

    def visit_BinOp(self, node: ast.BinOp) -> None:
        if type(node.op) in BINARY_SWAPS:
            self.add(node, "binop")
        self.generic_visit(node)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        if type(node.op) in BINARY_SWAPS:
            self.add(node, "augop")
        self.generic_visit(node)

    def visit_Compare(self, node: ast.Compare) -> None:
        self.add(node, *(f"compare:{i}" for i, op in enumerate(node.ops)
                         if type(op) in COMPARE_SWAPS))
        self.generic_visit(node)

    def visit_BoolOp(self, node: ast.BoolOp) -> None:
        self.add(node, "boolop")
        self.generic_visit(node)

    def visit_UnaryOp(self, node: ast.UnaryOp) -> None:
        if isinstance(node.op, (ast.Not, ast.USub)):
            self.add(node, "drop-unary")
        operand = node.operand
        if not (isinstance(node.op, ast.USub) and isinstance(operand, ast.Constant)):
            self.generic_visit(node)
        elif isinstance(operand.value, int) and not isinstance(operand.value, bool):
            self.add(node, "negative+1", "negative-1")
        elif isinstance(operand.value, float):
            self.add(node, "negative*2")

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, bool):
            self.add(node, "flip-bool")
        elif isinstance(node.value, int):
            self.add(node, "int+1", "int-1")
        elif isinstance(node.value, float):
            self.add(node, "float*2")

    def visit_Slice(self, node: ast.Slice) -> None:
        for name, bound in (("lower", node.lower), ("upper", node.upper)):
            if bound is not None and not isinstance(bound, (ast.Constant, ast.UnaryOp)):
                self.add(node, f"slice-{name}+1", f"slice-{name}-1")
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        name = _callee(node)
        if name in ROUNDING and _is_math(node.func):
            self.add(node, *(f"round:{r}" for r in ROUNDING[name]))
        if name in ("float", "int") and len(node.args) == 1 and not node.keywords:
            self.add(node, "drop-cast")
        if name == "astype" and isinstance(node.func, ast.Attribute):
            self.add(node, "drop-cast")
        if len(node.args) >= 2 and name not in NO_SWAP and not any(
                isinstance(a, ast.Starred) for a in node.args[:2]):
            self.add(node, "swap-args")
        if name in ("std", "var") and not any(k.arg == "ddof" for k in node.keywords):
            self.add(node, "add-ddof")
        for i, keyword in enumerate(node.keywords):
            self._keyword(node, name, i, keyword)
        self.generic_visit(node)

    def _keyword(self, node: ast.Call, name: str | None, i: int, keyword: ast.keyword) -> None:
        value = keyword.value
        if keyword.arg in ("dtype", "axis") or (keyword.arg == "keepdims" and name in REDUCTIONS):
            self.add(node, f"drop-keyword:{i}")
        if keyword.arg in KERAS_FLAGS and isinstance(value, ast.Constant) \
                and isinstance(value.value, bool):
            return  # flip-bool covers it
        if keyword.arg in KERAS_WORDS and isinstance(value, ast.Constant) \
                and isinstance(value.value, str):
            self.add(node, *(f"word:{i}:{w}" for w in KERAS_WORDS[keyword.arg]
                             if w != value.value))


def _is_docstring(statement: ast.stmt) -> bool:
    return isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant) \
        and isinstance(statement.value.value, str)


def _callee(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    return node.func.attr if isinstance(node.func, ast.Attribute) else None


def _is_math(func: ast.expr) -> bool:
    """``round(...)``, or a rounding function of numpy or math (not a pandas method)."""
    return isinstance(func, ast.Name) or (isinstance(func, ast.Attribute)
                                          and isinstance(func.value, ast.Name)
                                          and func.value.id in ("np", "numpy", "math"))


def _apply(target: tuple[ast.AST, str], label: str) -> bool:
    """Change the node in place; False when the label does not apply after all."""
    node, _ = target
    kind, _, arg = label.partition(":")
    if kind in ("binop", "augop"):
        node.op = BINARY_SWAPS[type(node.op)]()
    elif kind == "compare":
        ops = list(node.ops)
        ops[int(arg)] = COMPARE_SWAPS[type(ops[int(arg)])]()
        node.ops = ops
    elif kind == "boolop":
        node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
    else:
        return _apply_value(node, kind, arg)
    return True


def _apply_value(node: ast.AST, kind: str, arg: str) -> bool:
    if kind == "flip-bool":
        node.value = not node.value
    elif kind in ("int+1", "int-1"):
        node.value = node.value + (1 if kind == "int+1" else -1)
    elif kind == "float*2":
        node.value = node.value * 2 if node.value else 1.0
    else:
        return _apply_structure(node, kind, arg)
    return True


def _apply_structure(node: ast.AST, kind: str, arg: str) -> bool:
    if kind.startswith("negative"):  # -(n-1) is one more, -(n+1) one less; -2x for floats
        value = node.operand.value
        value = value * 2 if kind == "negative*2" else value + (-1 if kind == "negative+1" else 1)
        node.operand = ast.Constant(value)
    elif kind == "drop-unary":
        _replace(node, node.operand)
    elif kind == "remove-raise":
        _replace(node, ast.Pass())
    elif kind.startswith("slice-"):
        bound = "lower" if "lower" in kind else "upper"
        step = ast.Add() if kind.endswith("+1") else ast.Sub()
        setattr(node, bound, ast.BinOp(getattr(node, bound), step, ast.Constant(1)))
    elif kind == "round":
        module = (node.func.value if isinstance(node.func, ast.Attribute)
                  else ast.Call(ast.Name("__import__"), [ast.Constant("math")], []))
        node.func = ast.Attribute(module, arg)
        node.args, node.keywords = node.args[:1], []
    else:
        return _apply_call(node, kind, arg)
    return True


def _apply_call(node: ast.Call, kind: str, arg: str) -> bool:
    if kind == "drop-cast":
        _replace(node, node.func.value if _callee(node) == "astype" else node.args[0])
    elif kind == "swap-args":
        if ast.dump(node.args[0]) == ast.dump(node.args[1]):
            return False
        node.args = [node.args[1], node.args[0], *node.args[2:]]
    elif kind == "add-ddof":
        node.keywords = [*node.keywords, ast.keyword("ddof", ast.Constant(1))]
    elif kind == "drop-keyword":
        node.keywords = [k for i, k in enumerate(node.keywords) if i != int(arg)]
    elif kind == "word":
        index, word = arg.split(":")
        node.keywords[int(index)] = ast.keyword(node.keywords[int(index)].arg, ast.Constant(word))
    else:
        return False
    return True


def _replace(node: ast.AST, new: ast.AST) -> None:
    """Turn ``node`` into ``new`` in place (its parent keeps pointing at the same object)."""
    node.__class__ = new.__class__
    node.__dict__.clear()
    node.__dict__.update(new.__dict__)


def _changed_line(before: list[str], after: list[str]) -> tuple[str | None, str | None]:
    """The first line the mutation changed, before and after (stripped)."""
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag != "equal":
            old = before[a0].strip() if a0 < a1 else ""
            new = after[b0].strip() if b0 < b1 else ""
            return old, new
    return None, None
