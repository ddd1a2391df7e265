import json
import socket
import struct

import pytest

from grader.channel import Channel, ChannelClosed, ChannelError, ChannelTimeout


@pytest.fixture
def pair():
    a, b = socket.socketpair()
    yield Channel(a, "n1"), b
    a.close()
    b.close()


def _frame(payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + payload


def test_a_frame_round_trips_and_carries_the_nonce(pair):
    channel, raw = pair
    peer = Channel(raw, "n1")
    channel.send({"op": "x", "value": [1, "中"]})
    assert peer.receive(timeout=1) == {"op": "x", "value": [1, "中"]}


def test_a_frame_with_the_wrong_nonce_is_rejected(pair):
    channel, raw = pair
    raw.sendall(_frame(json.dumps({"op": "x", "nonce": "forged"}).encode()))
    with pytest.raises(ChannelError, match="nonce"):
        channel.receive(timeout=1)


@pytest.mark.parametrize("payload", [b"not json", b"[1, 2]", b"\xff\xfe"])
def test_garbage_frames_are_errors(pair, payload):
    channel, raw = pair
    raw.sendall(_frame(payload))
    with pytest.raises(ChannelError):
        channel.receive(timeout=1)


def test_an_oversized_length_is_refused_without_reading_it(pair):
    channel, raw = pair
    raw.sendall(struct.pack(">I", 2**31))
    with pytest.raises(ChannelError, match="over the limit"):
        channel.receive(timeout=1)


def test_silence_times_out_and_a_hang_up_is_closed(pair):
    channel, raw = pair
    with pytest.raises(ChannelTimeout):
        channel.receive(timeout=0.05)
    raw.sendall(struct.pack(">I", 10) + b"{")  # a torn frame, then the peer goes away
    raw.close()
    with pytest.raises(ChannelClosed):
        channel.receive(timeout=1)
