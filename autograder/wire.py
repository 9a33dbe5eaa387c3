"""Length-prefixed JSON messages over pipes, with a size cap and a deadline on every read.

Frame: 4-byte big-endian length, then that many bytes of UTF-8 JSON (an object). Used on both
sides; the judge side always reads with a deadline so a silent sandbox cannot hang it.
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


def send(fd: int, message: dict[str, Any]) -> None:
    payload = json.dumps(message, separators=(",", ":")).encode("utf-8")
    _write_all(fd, HEADER.pack(len(payload)) + payload)


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
    try:
        message = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise WireError(f"garbled message: {exc}") from None
    if not isinstance(message, dict):
        raise WireError("message is not a JSON object")
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
