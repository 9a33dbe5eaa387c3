"""Length-prefixed JSON messages over pipes, with size and item budgets and deadlines.

Frame: 4-byte big-endian length, then that many bytes: UTF-8 JSON (an object), optionally
followed by a NUL byte and a binary attachment (array bytes gathered by
:func:`autograder.protocol.codec.attachment`; JSON text never contains a raw NUL). A message's attachment
is its ``"$blob"`` entry: bytes when sending, a memoryview when received. Used on both sides.

The judge side never blocks and never trusts a frame: it reads with a deadline, writes with a
deadline (non-blocking, so a sandbox that stops reading cannot stall it), checks the length prefix
against ``max_bytes`` before reading the payload, counts the JSON's values while the payload
arrives (``max_items``) and checks its nesting (``max_depth``) before ``json.loads`` builds
anything, so a forged frame is refused before it can grow the judge.
"""

from __future__ import annotations

import json
import os
import select
import struct
import time
from typing import Any

HEADER = struct.Struct(">I")
DEFAULT_MAX_BYTES = 256 * 1024 * 1024
JUDGE_MAX_ITEMS = 6_000_000
"""JSON values one message may hold on the judge side: three times the codec's item budget (a
dict entry costs three); commas and brackets inside strings count too, so this over-counts."""
JUDGE_MAX_DEPTH = 128
"""JSON nesting a message may have on the judge side (a codec level costs up to three)."""
CHUNK = 1 << 20
_NOT_STRUCTURE = bytes(b for b in range(256) if b not in b'[]{}"')


class WireError(Exception):
    """The channel broke: closed, oversized or garbled frame, or the deadline passed."""


class WireTimeout(WireError):
    """No complete message arrived (or the other side did not read one) before the deadline."""


class FrameTooLarge(WireError):
    """A message to send is over the size the other side accepts; nothing was written."""


BLOB = "$blob"


def send(fd: int, message: dict[str, Any]) -> None:
    """Write one message, blocking until it is all written (the sandbox side). A message over
    ``DEFAULT_MAX_BYTES``, which the judge would refuse, raises FrameTooLarge before anything is
    written, so the channel stays usable."""
    parts = _frame(message)
    size = sum(len(part) for part in parts) - HEADER.size
    if size > DEFAULT_MAX_BYTES:
        raise FrameTooLarge(f"the message is {size:,} bytes, over the {DEFAULT_MAX_BYTES:,}-byte "
                            "limit")
    for part in parts:
        _write_all(fd, part, None)


def send_within(fd: int, *, message: dict[str, Any], timeout: float) -> None:
    """Write one message without blocking: raise WireTimeout when the reader has not taken it all
    within ``timeout`` seconds (the frame is then half-written: the channel is unusable)."""
    deadline = time.monotonic() + timeout
    for part in _frame(message):
        _write_all(fd, part, deadline)


def _frame(message: dict[str, Any]) -> list[bytes]:
    blob = message.get(BLOB) or b""
    text = {k: v for k, v in message.items() if k != BLOB} if BLOB in message else message
    payload = json.dumps(text, separators=(",", ":")).encode("utf-8")
    if not blob:
        return [HEADER.pack(len(payload)) + payload]
    return [HEADER.pack(len(payload) + 1 + len(blob)) + payload + b"\0", blob]


def _write_all(fd: int, data: bytes, deadline: float | None) -> None:
    view = memoryview(data).cast("B")
    if deadline is not None:
        os.set_blocking(fd, False)
    while view:
        try:
            written = os.write(fd, view)
        except BlockingIOError:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([], [fd], [], left)[1]:
                raise WireTimeout("the other side did not read the message before the "
                                  "deadline") from None
            continue
        view = view[written:]


def receive(fd: int, *, timeout: float | None, max_bytes: int = DEFAULT_MAX_BYTES,
            max_items: int | None = None, max_depth: int | None = None) -> dict:
    """Read one message; raise WireTimeout after ``timeout`` seconds, WireError if broken or over
    a budget (``max_bytes`` of frame, ``max_items`` JSON values, ``max_depth`` nesting)."""
    deadline = None if timeout is None else time.monotonic() + timeout
    (length,) = HEADER.unpack(_read_exact(fd, HEADER.size, deadline))
    if length > max_bytes:
        raise WireError(f"message of {length} bytes exceeds the {max_bytes}-byte limit")
    payload = _read_exact(fd, length, deadline, max_items=max_items)
    split = payload.find(b"\0")
    text = payload if split < 0 else payload[:split]
    if max_depth is not None:
        check_depth(text, max_depth)
    try:
        message = json.loads(text.decode("utf-8"))
    except RecursionError:
        raise WireError("garbled message: nested too deeply") from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise WireError(f"garbled message: {exc}") from None
    if not isinstance(message, dict):
        raise WireError("message is not a JSON object")
    message.pop(BLOB, None)  # only ever the binary attachment, never a JSON value
    if split >= 0:
        message[BLOB] = memoryview(payload)[split + 1:]
    return message


def readable(fd: int) -> bool:
    """True when reading ``fd`` would not block: a frame (or the end of the channel) waits."""
    return bool(select.select([fd], [], [], 0)[0])


def count_items(text: bytes) -> int:
    """An upper bound on the JSON values in ``text``: every value but the first follows a comma
    or opens a container, and every string has two quotes (bytes inside strings count too)."""
    return text.count(b",") + text.count(b"[") + text.count(b"{") + text.count(b'"') // 2


def check_depth(text: bytes, max_depth: int) -> None:
    """Raise WireError if the JSON ``text`` nests more than ``max_depth`` containers deep.

    Runs at C speed, in linear time: escapes are dropped, so quotes alternate; everything but
    quotes and brackets is deleted; every other piece between quotes is outside strings; then
    innermost pairs are peeled ``max_depth`` times; anything left is deeper (or unbalanced).
    Call it on text whose items were counted: pieces are at most two per string."""
    unescaped = text.replace(b"\\\\", b"").replace(b'\\"', b"")  # runs pair from the left
    structure = unescaped.translate(None, _NOT_STRUCTURE)
    brackets = b"".join(structure.split(b'"')[::2])
    brackets = brackets.replace(b"{", b"[").replace(b"}", b"]")
    for _ in range(max_depth):
        if not brackets:
            return
        brackets = brackets.replace(b"[]", b"")
    if brackets:
        raise WireError(f"message is nested more than {max_depth} levels deep")


def _read_exact(fd: int, size: int, deadline: float | None, *,
                max_items: int | None = None) -> bytes:
    """``size`` bytes; with ``max_items``, the JSON part (up to the first NUL) is counted as it
    arrives and refused as soon as it holds too many values, before the rest is read."""
    chunks, remaining, items, counting = [], size, 0, max_items is not None
    while remaining:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise WireTimeout("no answer before the deadline")
        chunk = os.read(fd, min(remaining, CHUNK))
        if not chunk:
            raise WireError("channel closed")
        if counting:
            end = chunk.find(b"\0")
            items += count_items(chunk if end < 0 else chunk[:end])
            counting = end < 0
            if items > max_items:
                raise WireError(f"message holds more than {max_items:,} values")
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)
