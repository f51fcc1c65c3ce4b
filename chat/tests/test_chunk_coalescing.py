"""Answer chunks that wait in the socket's queue are merged into phrases (fewer frames, the same text);
a slowly streamed answer is passed through as it comes. Driven by the real turn service's events."""

from __future__ import annotations

import asyncio
import uuid

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

QUESTION = "What football matches are on this week?"


async def _turn(session_id: uuid.UUID, wrap=None, content: str = QUESTION) -> list:
    from accounts.identity import ANONYMOUS
    from chat.services.turns import stream_reply

    events = stream_reply(session_id=session_id, identity=ANONYMOUS, content=content, client_message_id=None)
    return [e async for e in (wrap(events) if wrap else events)]


async def _paced(events, pause: float = 0.01):
    """The real events, handed over slowly, like a model streaming tokens."""
    async for event in events:
        await asyncio.sleep(pause)
        yield event


def _chunks(events: list) -> list:
    from chat.events import TurnChunk

    return [e for e in events if isinstance(e, TurnChunk)]


async def test_waiting_chunks_are_merged_into_phrases_with_the_same_text():
    from chat.events import TurnFinished, TurnStarted
    from chat.transport.consumers import COALESCE_FRAMES, COALESCE_MAX_CHARS, coalesce_chunks

    raw = _chunks(await _turn(uuid.uuid4()))
    merged_events = await _turn(uuid.uuid4(), wrap=coalesce_chunks)
    merged = _chunks(merged_events)
    assert isinstance(merged_events[0], TurnStarted) and isinstance(merged_events[-1], TurnFinished)
    text = merged_events[-1].result.content
    assert "".join(c.content for c in raw) == "".join(c.content for c in merged) == text
    assert 1 <= len(merged) < len(raw)
    assert all(c.full_content == "".join(x.content for x in merged[: i + 1]) for i, c in enumerate(merged))
    # the answer was all there at once: a few even frames (the page still shows it arrive), not one per phrase
    assert len(merged) <= COALESCE_FRAMES
    assert len(text) < 2 * COALESCE_MAX_CHARS or len(merged) >= 2
    longest_raw = max(len(c.content) for c in raw)
    even = max(COALESCE_MAX_CHARS, -(-len(text) // COALESCE_FRAMES))
    assert all(len(c.content) < even + longest_raw for c in merged)


async def test_a_slowly_streamed_answer_is_not_merged_and_errors_still_surface():
    from chat.transport.consumers import coalesce_chunks
    from chatbet_project.errors import ChatBetError

    raw = _chunks(await _turn(uuid.uuid4(), wrap=_paced))
    slow = _chunks(await _turn(uuid.uuid4(), wrap=lambda events: coalesce_chunks(_paced(events))))
    assert [c.content for c in slow] == [c.content for c in raw]
    with pytest.raises(ChatBetError):
        await _turn(uuid.uuid4(), wrap=coalesce_chunks, content="   ")
