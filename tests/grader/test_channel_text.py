"""Sending a message already in JSON text: the same frame as sending the message itself."""

from __future__ import annotations

import json
import socket

import pytest

from grader.channel import Channel, ChannelError


def test_send_text_writes_the_bytes_send_writes():
    message = {"op": "call", "func": "f", "args": [{"t": "float", "v": -0.0}, True, "中"]}
    frames = []
    for send in ("send", "send_text"):
        ours, theirs = socket.socketpair()
        channel = Channel(ours, "nonce-1")
        getattr(channel, send)(message if send == "send" else json.dumps(message))
        ours.close()
        frames.append(theirs.recv(1 << 16))
        theirs.close()
    assert frames[0] == frames[1]
    ours, theirs = socket.socketpair()
    Channel(ours, "nonce-1").send_text(json.dumps(message))
    assert Channel(theirs, "nonce-1").receive(timeout=1) == message
    ours.close()
    theirs.close()


@pytest.mark.parametrize("text", ["{}", "[1]", "not json"])
def test_send_text_refuses_what_is_not_a_non_empty_object(text):
    ours, theirs = socket.socketpair()
    with pytest.raises(ChannelError):
        Channel(ours, "n").send_text(text)
    ours.close()
    theirs.close()
