"""Length-prefixed JSON frames over a Unix stream socket.

Used between the supervisor, the zygote and each worker. A frame is a 4-byte big-endian length
followed by that many bytes of UTF-8 JSON. A frame that carries raw bytes too (tensor data,
see ``wire``) sets the length's top bit and adds a second 4-byte length and the bytes after the
JSON. Every frame carries the run's nonce; a frame that is oversized, not JSON, not an object,
or has the wrong nonce is a ``ChannelError``, and the supervisor treats it as a failed call.
A wait for a frame can be cancelled from another thread: it then raises ``Cancelled`` within
``CANCEL_POLL`` seconds.
"""

from __future__ import annotations

import json
import socket
import struct
import threading
import time
from typing import Any

MAX_FRAME = 64 * 1024 * 1024
WITH_BYTES = 0x8000_0000  # the length's top bit: raw bytes follow the JSON
CANCEL_POLL = 0.02  # seconds between looks at a cancel event while waiting for a frame
_HEADER = struct.Struct(">I")


class Cancelled(BaseException):  # noqa: N818 - a stop request, not an error
    """The caller gave up on the run (a newer check superseded it).

    A BaseException, like KeyboardInterrupt: no ``except Exception`` on the way out (hypothesis
    included) may mistake it for a failing example.
    """


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
        # Bytes read past the frame asked for: calls sent ahead arrive many to a read.
        self._pending = bytearray()
        self._timeout: float | None = -1.0  # what the socket is set to; -1: not known

    def send(self, message: dict[str, Any], blob: bytes = b"") -> None:
        self._send_payload(json.dumps({**message, "nonce": self.nonce}, allow_nan=False), blob)

    def send_text(self, text: str, blob: bytes = b"") -> None:
        """``send`` for a message already in JSON text (a non-empty object, as
        ``json.dumps`` writes it): the same bytes, without encoding it again."""
        if not (text.startswith("{") and text.endswith("}") and text != "{}"):
            raise ChannelError("not the JSON text of a non-empty object")
        self._send_payload(text[:-1] + ', "nonce": ' + json.dumps(self.nonce) + "}", blob)

    def _send_payload(self, text: str, blob: bytes) -> None:
        payload = text.encode()
        if len(payload) > MAX_FRAME or len(blob) > MAX_FRAME:
            raise ChannelError(f"frame of {len(payload) + len(blob)} bytes is over the limit")
        self._set_timeout(None)
        if blob:
            self.sock.sendall(_HEADER.pack(len(payload) | WITH_BYTES)
                              + _HEADER.pack(len(blob)) + payload + blob)
        else:
            self.sock.sendall(_HEADER.pack(len(payload)) + payload)

    def receive(self, timeout: float | None = None,
                cancel: threading.Event | None = None) -> dict[str, Any]:
        """The next frame, which must carry no raw bytes. ``cancel`` (set from another
        thread) stops the wait with ``Cancelled``, but only while no byte of the frame has
        arrived: the channel stays usable."""
        message, blob = self.receive_frame(timeout, cancel)
        if blob:
            raise ChannelError("frame carries bytes where none belong")
        return message

    def receive_frame(self, timeout: float | None = None,
                      cancel: threading.Event | None = None) -> tuple[dict[str, Any], bytes]:
        """The next frame: its message and its raw bytes (empty when it has none)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        (size,) = _HEADER.unpack(self._read_exact(_HEADER.size, deadline, cancel))
        blob_size = 0
        if size & WITH_BYTES and 0 < size & ~WITH_BYTES <= MAX_FRAME:
            size &= ~WITH_BYTES
            (blob_size,) = _HEADER.unpack(self._read_exact(_HEADER.size, deadline))
        if size > MAX_FRAME or blob_size > MAX_FRAME:
            raise ChannelError(f"frame of {size + blob_size} bytes is over the limit")
        raw = self._read_exact(size, deadline)
        blob = self._read_exact(blob_size, deadline) if blob_size else b""
        try:
            message = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ChannelError(f"frame is not JSON: {exc}") from None
        if type(message) is not dict:
            raise ChannelError("frame is not a JSON object")
        if message.pop("nonce", None) != self.nonce:
            raise ChannelError("frame has the wrong nonce")
        return message, blob

    def receive_fds(self, timeout: float) -> list[int]:
        """File descriptors sent with ``socket.send_fds`` on a one-byte message, between
        frames (none may have been read ahead)."""
        if self._pending:
            raise ChannelError("bytes arrived before the file descriptors")
        self._set_timeout(timeout)
        try:
            _, fds, _, _ = socket.recv_fds(self.sock, 1, 1)
        except TimeoutError:
            raise ChannelTimeout("no file descriptors in time") from None
        return fds

    def _read_exact(self, size: int, deadline: float | None,
                    cancel: threading.Event | None = None) -> bytes:
        pending = self._pending
        while len(pending) < size:
            wait = None
            if deadline is not None:
                wait = deadline - time.monotonic()
                if wait <= 0:
                    raise ChannelTimeout("no reply in time")
            watching = cancel is not None and not pending
            if watching:
                if cancel.is_set():
                    raise Cancelled
                wait = CANCEL_POLL if wait is None else min(wait, CANCEL_POLL)
            self._set_timeout(wait)
            try:
                chunk = self.sock.recv(min(max(size - len(pending), 1 << 16), 1 << 20))
            except TimeoutError:
                if watching:
                    continue  # look at the deadline and the event again
                raise ChannelTimeout("no reply in time") from None
            except OSError as exc:
                raise ChannelClosed(str(exc)) from None
            if not chunk:
                raise ChannelClosed("the other side hung up")
            pending += chunk
        data = bytes(pending[:size])
        del pending[:size]
        return data

    def _set_timeout(self, wait: float | None) -> None:
        if wait is None and self._timeout is None:
            return  # already blocking: spare the system call
        self.sock.settimeout(wait)
        self._timeout = wait

    def close(self) -> None:
        try:
            self.sock.close()
        except OSError:
            pass
