"""Length-prefixed JSON frames over a Unix stream socket.

Used between the supervisor, the zygote and each worker. A frame is a 4-byte big-endian length
followed by that many bytes of UTF-8 JSON. Every frame carries the run's nonce; a frame that
is oversized, not JSON, not an object, or has the wrong nonce is a ``ChannelError``, and the
supervisor treats it as a failed call.
"""

from __future__ import annotations

import json
import socket
import struct
import time
from typing import Any

MAX_FRAME = 64 * 1024 * 1024
_HEADER = struct.Struct(">I")


class ChannelError(Exception):
    """The other side sent something that is not a well-formed frame."""


class ChannelClosed(ChannelError):
    """The other side hung up."""


class ChannelTimeout(ChannelError):
    """No complete frame arrived before the deadline."""


class Channel:
    def __init__(self, sock: socket.socket, nonce: str) -> None:
        self.sock = sock
        self.nonce = nonce

    def send(self, message: dict[str, Any]) -> None:
        payload = json.dumps({**message, "nonce": self.nonce}, allow_nan=False).encode()
        if len(payload) > MAX_FRAME:
            raise ChannelError(f"frame of {len(payload)} bytes is over the limit")
        self.sock.settimeout(None)
        self.sock.sendall(_HEADER.pack(len(payload)) + payload)

    def receive(self, timeout: float | None = None) -> dict[str, Any]:
        deadline = None if timeout is None else time.monotonic() + timeout
        (size,) = _HEADER.unpack(self._read_exact(_HEADER.size, deadline))
        if size > MAX_FRAME:
            raise ChannelError(f"frame of {size} bytes is over the limit")
        raw = self._read_exact(size, deadline)
        try:
            message = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ChannelError(f"frame is not JSON: {exc}") from None
        if type(message) is not dict:
            raise ChannelError("frame is not a JSON object")
        if message.pop("nonce", None) != self.nonce:
            raise ChannelError("frame has the wrong nonce")
        return message

    def _read_exact(self, size: int, deadline: float | None) -> bytes:
        chunks = bytearray()
        while len(chunks) < size:
            if deadline is not None:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise ChannelTimeout("no reply in time")
                self.sock.settimeout(remaining)
            else:
                self.sock.settimeout(None)
            try:
                chunk = self.sock.recv(min(size - len(chunks), 1 << 20))
            except TimeoutError:
                raise ChannelTimeout("no reply in time") from None
            except OSError as exc:
                raise ChannelClosed(str(exc)) from None
            if not chunk:
                raise ChannelClosed("the other side hung up")
            chunks += chunk
        return bytes(chunks)

    def close(self) -> None:
        try:
            self.sock.close()
        except OSError:
            pass
