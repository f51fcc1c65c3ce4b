"""The chat socket's frames as text: `protocol.encode` (the consumer's `send_json`) writes exactly what
`json.dumps` wrote, and `iso_z()` stamps exactly what formatting the clock wrote, though each is now built
once (the encoder per process, the stamp per millisecond; issue 20, a lean turn)."""

from __future__ import annotations

import json
import math
import uuid
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from hypothesis import given, settings
from hypothesis import strategies as st

from chat.events import TurnChunk, TurnFinished, TurnResult, TurnStarted
from chat.transport import protocol
from sports.domain import iso_utc

_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(max_size=12), _json_values, max_size=8))
def test_a_frame_is_the_text_json_dumps_wrote(frame):
    assert protocol.encode(frame) == json.dumps(frame)


def test_the_turn_frames_of_an_answer_read_as_before():
    session = str(uuid.uuid4())
    result = TurnResult(message_id=uuid.uuid4(), session_id=uuid.UUID(session),
                        content="¿Cuándo juega el Barça? 1.85 €",
                        response_time_ms=12, token_count=9, detected_intent="schedule", intent_confidence=0.9,
                        entities={}, function_calls_made=[], suggested_actions=["Odds"], engine="offline",
                        created_at=datetime(2026, 12, 4, tzinfo=UTC),
                        bet_slip={"id": "x", "stake": 2.5, "odds": math.inf})
    events = [TurnStarted(session_id=uuid.UUID(session), message_id=result.message_id),
              TurnChunk(message_id=result.message_id, content="¿Cuándo", full_content="¿Cuándo"),
              TurnFinished(result=result)]
    for event in events:
        for frame in protocol.turn_frames(event, session_id=session):
            assert protocol.encode(frame) == json.dumps(frame)


def test_a_frame_that_cannot_be_written_fails_as_before_and_leaves_the_next_one_alone():
    circular: dict = {"type": "x"}
    circular["self"] = circular
    for bad in ({"type": "x", "when": datetime.now(UTC)}, circular):
        with pytest.raises((TypeError, ValueError)) as raised:
            protocol.encode(bad)
        with pytest.raises(type(raised.value)):
            json.dumps(bad)
    shared = {"a": 1}
    assert protocol.encode({"one": shared, "two": shared}) == json.dumps({"one": shared, "two": shared})


def test_the_stamp_of_now_is_the_clock_formatted_to_the_millisecond():
    start = datetime(2026, 12, 4, 15, 0, tzinfo=UTC)
    for microseconds in (0, 999, 1000, 123_456, 999_999, 59_999_999, 86_399_999_999):
        moment = start + timedelta(microseconds=microseconds)
        with time_machine.travel(moment, tick=False):
            assert protocol.iso_z() == iso_utc(moment, timespec="milliseconds")
            assert protocol.iso_z() == protocol.iso_z(datetime.now(UTC))
    with time_machine.travel(start, tick=False):
        first = protocol.iso_z()
        assert protocol.iso_z() == first == "2026-12-04T15:00:00.000Z"
    with time_machine.travel(start + timedelta(milliseconds=1), tick=False):
        assert protocol.iso_z() == "2026-12-04T15:00:00.001Z"  # a new millisecond, a new stamp
