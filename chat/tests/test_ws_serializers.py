"""The chat socket's fast path for ordinary frames decides exactly as the serializer it stands in for."""

from __future__ import annotations

import pytest

from chat.transport.ws_serializers import UserMessageFrameSerializer, plain_user_message

LONG = "x" * 2000

FRAMES = [
    {"type": "user_message", "content": "odds for Arsenal"},
    {"type": "user_message", "content": "  odds for Arsenal \n", "message_id": " m-1 ", "metadata": {"stream": False}},
    {"type": "user_message", "content": "hola", "message_id": None, "user_id": None, "session_id": "x", "timestamp": 1},
    {"type": "user_message", "content": "hola", "message_id": "", "user_id": "  web  ", "metadata": {"a": None}},
    {"type": "user_message", "content": LONG, "message_id": "m" * 100},
    {"type": "user_message", "content": f" {LONG} "},
    # everything below is left to the serializer (coerced or refused)
    {"type": "user_message", "content": LONG + "x"},
    {"type": "user_message", "content": "   "},
    {"type": "user_message", "content": ""},
    {"type": "user_message", "content": None},
    {"type": "user_message"},
    {"type": "user_message", "content": 42},
    {"type": "user_message", "content": ["odds"]},
    {"type": "user_message", "content": "odds", "message_id": "m" * 101},
    {"type": "user_message", "content": "odds", "message_id": 7},
    {"type": "user_message", "content": "odds", "message_id": {"id": 1}},
    {"type": "user_message", "content": "odds", "metadata": None},
    {"type": "user_message", "content": "odds", "metadata": ["stream"]},
    {"type": "user_message", "content": "odds", "user_id": "u" * 201},
    {"type": "user_message", "content": "odds", "user_id": 5},
    {"type": "ping", "content": "odds"},
    {"type": "user_message", "content": "\ud800 lone high surrogate"},
    {"type": "user_message", "content": "NUL \x00 inside"},
    {"type": "user_message", "content": "odds", "message_id": "m-\udfff"},
    {"type": "user_message", "content": "odds", "user_id": "web\x00"},
    {"type": "user_message", "content": "odds", "user_id": "\ud800"},
    {"type": "user_message", "content": "odds", "message_id": "m\x00"},
]


@pytest.mark.parametrize("frame", FRAMES)
def test_the_fast_path_accepts_only_what_the_serializer_accepts_and_gives_the_same_data(frame):
    serializer = UserMessageFrameSerializer(data=frame)
    fast = plain_user_message(frame)
    if fast is not None:
        assert serializer.is_valid(), serializer.errors
        assert fast == dict(serializer.validated_data)


def test_ordinary_frames_take_the_fast_path():
    assert all(plain_user_message(frame) is not None for frame in FRAMES[:6])
    assert all(plain_user_message(frame) is None for frame in FRAMES[6:])
