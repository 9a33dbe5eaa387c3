"""Length-prefixed JSON messages over pipes, with a size cap and a deadline on every read.

Frame: 4-byte big-endian length, then that many bytes: UTF-8 JSON (an object), optionally
followed by a NUL byte and a binary attachment (array bytes gathered by
:func:`autograder.protocol.codec.attachment`; JSON text never contains a raw NUL). A message's attachment
is its ``"$blob"`` entry: bytes when sending, a memoryview when received. Used on both sides; the
judge side always reads with a deadline so a silent sandbox cannot hang it.
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


class WireError(Exception):
    """The channel broke: closed, oversized or garbled frame, or the deadline passed."""


class WireTimeout(WireError):
    """No complete message arrived before the deadline."""


BLOB = "$blob"


def send(fd: int, message: dict[str, Any]) -> None:
    blob = message.get(BLOB) or b""
    text = {k: v for k, v in message.items() if k != BLOB} if BLOB in message else message
    payload = json.dumps(text, separators=(",", ":")).encode("utf-8")
    if not blob:
        _write_all(fd, HEADER.pack(len(payload)) + payload)
        return
    _write_all(fd, HEADER.pack(len(payload) + 1 + len(blob)) + payload + b"\0")
    _write_all(fd, blob)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def receive(fd: int, *, timeout: float | None, max_bytes: int = DEFAULT_MAX_BYTES) -> dict:
    """Read one message; raise WireTimeout after ``timeout`` seconds, WireError if broken."""
    deadline = None if timeout is None else time.monotonic() + timeout
    (length,) = HEADER.unpack(_read_exact(fd, HEADER.size, deadline))
    if length > max_bytes:
        raise WireError(f"message of {length} bytes exceeds the {max_bytes}-byte limit")
    payload = _read_exact(fd, length, deadline)
    split = payload.find(b"\0")
    text = payload if split < 0 else payload[:split]
    try:
        message = json.loads(text.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise WireError(f"garbled message: {exc}") from None
    if not isinstance(message, dict):
        raise WireError("message is not a JSON object")
    message.pop(BLOB, None)  # only ever the binary attachment, never a JSON value
    if split >= 0:
        message[BLOB] = memoryview(payload)[split + 1:]
    return message


def _read_exact(fd: int, size: int, deadline: float | None) -> bytes:
    chunks, remaining = [], size
    while remaining:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise WireTimeout("no answer before the deadline")
        chunk = os.read(fd, min(remaining, 1 << 20))
        if not chunk:
            raise WireError("channel closed")
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)
