"""The program that runs INSIDE the sandbox: executes a student's notebook, then answers calls.

Started by :mod:`autograder.sandbox.launcher` as ``python -I runner.py IN_FD OUT_FD``, already
unprivileged, limited and in its own namespaces. It never sees hidden tests or solutions: it only
receives the notebook's code cells and, later, plain-data arguments chosen by the judge.

Messages out: hello, cell (progress), executed, then one reply per request (get/call/names/exit),
carrying the request's ``id``.
"""

from __future__ import annotations

import builtins
import io
import linecache
import os
import random
import re
import signal
import socket
import sys
import time
import tokenize
import traceback
import types

# Only the engine's protocol folder is importable this way (codec, wire); never the project root,
# which holds the solutions.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                "protocol"))
sys.path.append(os.getcwd())
import codec  # noqa: E402
import wire  # noqa: E402

OUTPUT_LIMIT = 20_000
MAGIC_LINE = re.compile(r"^\s*[%!]")


class BoundedOutput(io.TextIOBase):
    """Keeps the first OUTPUT_LIMIT characters a notebook prints and counts the rest."""

    def __init__(self) -> None:
        self.kept: list[str] = []
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, text) -> int:
        text = str(text)
        if self.size < OUTPUT_LIMIT:
            self.kept.append(text[: OUTPUT_LIMIT - self.size])
        self.size += len(text)
        return len(text)

    def excerpt(self) -> str:
        return "".join(self.kept)


class _Skipped:
    """What `grader.check(...)` returns during grading: public checks do not run here."""

    def __repr__(self) -> str:
        return "(public checks are skipped during grading)"

    def __call__(self, *args, **kwargs):
        return self

    def __getattr__(self, name):
        return self


def _install_otter_stub() -> None:
    """`import otter; grader = otter.Notebook(...)` must work and do nothing."""
    stub = types.ModuleType("otter")
    stub.Notebook = _Skipped()
    stub.__getattr__ = lambda name: _Skipped()
    sys.modules["otter"] = stub


def strip_magics(source: str) -> str | None:
    """Turn IPython syntax into plain Python; None means the whole cell is a shell/other language."""
    lines = source.splitlines()
    if lines and lines[0].lstrip().startswith("%%"):
        if not re.match(r"\s*%%(time|timeit|capture)\b", lines[0]):
            return None
        lines = lines[1:]
    out: list[str] = []
    for line in lines:
        magic = MAGIC_LINE.match(line) and not _continues_statement(out)
        # keep the indentation inside a block so the block stays valid
        indent = line[: len(line) - len(line.lstrip())] if any(p.strip() for p in out) else ""
        out.append(indent + "pass  # magic removed" if magic else line)
    return "\n".join(out)


def _continues_statement(previous: list[str]) -> bool:
    """True when the lines so far end inside an open bracket, string or backslash continuation,
    so a next line starting with `%` or `!` is an operator (`% 5)`, `!= 2)`), not a magic."""
    if not previous:
        return False
    text = "\n".join(previous) + "\n"
    try:
        for _ in tokenize.generate_tokens(io.StringIO(text).readline):
            pass
    except IndentationError:
        return False
    except (tokenize.TokenError, SyntaxError):
        return True  # "EOF in multi-line statement/string"
    except Exception:
        return False
    return False


def _describe_error(exc: BaseException, filename_prefix: str = "<cell") -> tuple[str, str]:
    frames = [f for f in traceback.extract_tb(exc.__traceback__)
              if f.filename.startswith(filename_prefix)]
    lines = traceback.format_list(frames[-8:]) + traceback.format_exception_only(type(exc), exc)
    summary = traceback.format_exception_only(type(exc), exc)[-1].strip()
    return summary[:500], "".join(lines)[-4000:]


def make_shell(namespace: dict):
    """IPython's InteractiveShell over ``namespace``: cells run as a Jupyter kernel runs them
    (``display``, ``!cmd``, ``%line`` and ``%%cell`` magics, top-level ``await``, ``_``).
    None when IPython cannot be imported; then cells run with ``exec`` after strip_magics."""
    try:
        from IPython.core.interactiveshell import InteractiveShell
        from traitlets.config import Config
    except Exception:  # noqa: BLE001 - a broken IPython must not cost the grade
        return None
    config = Config()
    config.HistoryManager.enabled = False  # no sqlite file in the work dir
    config.InteractiveShell.colors = "nocolor"
    shell = InteractiveShell(user_ns=namespace, config=config)
    shell.system = shell.system_raw  # `!cmd` without a pseudo-terminal (there is none here)
    shell.enable_gui = lambda gui=None: None  # `%matplotlib inline`: no event loop to start
    shell.showtraceback = lambda *args, **kwargs: None  # errors are reported by execute_cells
    shell.showsyntaxerror = lambda *args, **kwargs: None
    shell.builtin_trap.__enter__()  # display() & co. also inside functions the judge calls later
    return shell


def execute_cells(cells: list[dict], *, namespace: dict, send, shell=None,
                  seed: dict | None = None) -> dict:
    """Run cells in order; record errors and keep going; stop only when interrupted (time limit).

    ``seed`` is otter run's intercell seeding (``{"seed": 42, "variable": None}``): before each
    code cell that is not a cell magic, numpy's and random's generators are seeded, or the named
    variable is set to the seed."""
    errors, interrupted = [], False
    for cell in cells:
        if cell.get("skip"):
            continue
        index = int(cell["index"])
        source = str(cell["source"]) if shell is not None else strip_magics(str(cell["source"]))
        if source is None:
            continue
        send({"type": "cell", "index": index})
        _seed_cell(seed, source, namespace)
        try:
            error = _run_cell(shell, source, index, namespace)
        except KeyboardInterrupt:
            error = KeyboardInterrupt()
        if isinstance(error, KeyboardInterrupt):
            errors.append({"cell": index, "error": "stopped: the notebook ran out of time",
                           "traceback": ""})
            interrupted = True
            break
        if error is not None:
            summary, trace = _describe_error(error)
            errors.append({"cell": index, "error": summary, "traceback": trace})
    return {"type": "executed", "errors": errors, "interrupted": interrupted}


def _seed_cell(seed, source: str, namespace: dict) -> None:
    if not isinstance(seed, dict) or type(seed.get("seed")) is not int or source.startswith("%%"):
        return
    variable = seed.get("variable")
    if isinstance(variable, str) and variable.isidentifier():
        namespace[variable] = seed["seed"]
        return
    import numpy

    random.seed(seed["seed"])
    numpy.random.seed(seed["seed"] % 2**32)


def _run_cell(shell, source: str, index: int, namespace: dict) -> BaseException | None:
    """The exception the cell ended with (SystemExit too: a notebook cannot end its grading)."""
    filename = f"<cell {index}>"
    if shell is not None:
        shell.compile.get_code_name = lambda raw, transformed, number: filename
        result = shell.run_cell(source, store_history=True)
        return result.error_before_exec or result.error_in_exec
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    try:
        exec(compile(source, filename, "exec"), namespace)
    except KeyboardInterrupt:
        raise
    except BaseException as exc:
        return exc
    return None


def _global_kinds(namespace: dict) -> dict[str, str]:
    kinds = {}
    for name, value in list(namespace.items()):
        if name.startswith("__"):
            continue
        if isinstance(value, types.ModuleType):
            kinds[name] = "module"
        elif callable(value):
            kinds[name] = "function"
        else:
            kinds[name] = "value"
    return kinds


def handle_request(request: dict, namespace: dict) -> dict:
    op = request.get("op")
    if op == "names":
        return {"ok": True, "value": codec.encode(_global_kinds(namespace))}
    name = str(request.get("name"))
    if name not in namespace:
        return {"ok": False, "error_type": "NameError", "error": f"name {name!r} is not defined"}
    try:
        if op == "get":
            value = namespace[name]
        elif op == "module":  # the judge gives tests its own copy of the module, by name
            module = namespace[name]
            value = module.__name__ if isinstance(module, types.ModuleType) else None
            if not isinstance(value, str):
                return {"ok": False, "error_type": "TypeError", "error": f"{name!r} is not a module"}
        elif op == "call":
            blob = request.get(wire.BLOB, b"")
            args = codec.decode(request.get("args", []), attachment=blob)
            kwargs = codec.decode(request.get("kwargs", {"$t": "dict", "items": []}),
                                  attachment=blob)
            value = namespace[name](*args, **kwargs)
        else:
            return {"ok": False, "error_type": "ProtocolError", "error": f"unknown op {op!r}"}
    except KeyboardInterrupt:
        return {"ok": False, "error_type": "$interrupted", "error": "interrupted: time limit"}
    except BaseException as exc:
        summary, trace = _describe_error(exc)
        return {"ok": False, "error_type": type(exc).__name__, "error": summary, "traceback": trace}
    try:
        with codec.attachment() as blob:  # array bytes travel as binary, not base64
            tree = codec.encode(value)
        return {"ok": True, "value": tree, wire.BLOB: bytes(blob)}
    except (codec.CodecError, RecursionError) as exc:
        return {"ok": False, "error_type": "UnsupportedValue", "error": str(exc)[:500]}
    except BaseException as exc:  # a rigged __len__/__iter__ may raise anything
        return {"ok": False, "error_type": "UnsupportedValue",
                "error": f"the value could not be read: {type(exc).__name__}"}


def _network_state() -> str:
    try:
        socket.create_connection(("127.0.0.1", 9), timeout=0.2).close()
        return "available"
    except OSError as exc:
        return "isolated" if exc.errno in (101, 99) else "available"


def _hello() -> dict:
    import resource

    limits = {name: resource.getrlimit(getattr(resource, name))[0]
              for name in ("RLIMIT_CPU", "RLIMIT_NPROC", "RLIMIT_FSIZE", "RLIMIT_NOFILE",
                           "RLIMIT_CORE", "RLIMIT_AS")}
    return {"type": "hello", "uid": os.getuid(), "gid": os.getgid(), "pid": os.getpid(),
            "network": _network_state(), "limits": limits, "cwd": os.getcwd()}


def _silence_process_streams() -> tuple[BoundedOutput, BoundedOutput]:
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    out, err = BoundedOutput(), BoundedOutput()
    sys.stdout, sys.stderr = out, err
    return out, err


def _install_syscall_filter() -> str:
    """The seccomp filter (syscall_filter.py, next to this file), before any student code runs."""
    import importlib.util

    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "syscall_filter.py")
    try:
        spec = importlib.util.spec_from_file_location("syscall_filter", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    except (OSError, ImportError) as exc:
        return f"unavailable: {exc}"[:200]
    return module.install()


def main(in_fd: int, out_fd: int) -> None:
    send = lambda message: wire.send(out_fd, message)  # noqa: E731
    seccomp = _install_syscall_filter()
    signal.signal(signal.SIGINT, signal.default_int_handler)
    out, err = _silence_process_streams()
    _install_otter_stub()
    random.seed(0)
    send(_hello() | {"seccomp": seccomp})
    job = wire.receive(in_fd, timeout=None)
    import numpy

    numpy.random.seed(0)
    namespace = {"__name__": "__main__", "__builtins__": builtins}
    shell = make_shell(namespace)
    started = time.perf_counter()
    report = execute_cells(job.get("cells", []), namespace=namespace, send=send, shell=shell,
                           seed=job.get("seed"))
    report["seconds"] = round(time.perf_counter() - started, 4)
    report["stdout"] = out.excerpt()[-4000:]
    report["output_chars"] = out.size + err.size
    send(report)
    while True:
        request = wire.receive(in_fd, timeout=None)
        if request.get("op") == "exit":
            break
        signal.signal(signal.SIGINT, signal.default_int_handler)
        reply = handle_request(request, namespace)
        reply["id"] = request.get("id")  # the judge refuses an answer to another request
        try:
            send(reply)
        except wire.FrameTooLarge as exc:  # e.g. a long string: a failed test, not a broken channel
            send({"ok": False, "error_type": "UnsupportedValue", "id": reply["id"],
                  "error": f"it is too large to send to the grader ({exc}); return a smaller "
                           "result"})


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
