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


async def _word_sized(events):
    """The real events with each chunk cut back into `chunk_text`'s three-word pieces, as a model
    streaming tokens hands them over (the offline engine hands its whole answer over already merged)."""
    from chat.engine.base import chunk_text
    from chat.events import TurnChunk

    async for event in events:
        if not isinstance(event, TurnChunk):
            yield event
            continue
        full = event.full_content[: len(event.full_content) - len(event.content)]
        for piece in chunk_text(event.content):
            full += piece
            yield TurnChunk(message_id=event.message_id, content=piece, full_content=full)


async def test_waiting_chunks_are_merged_into_phrases_with_the_same_text():
    from chat.events import TurnFinished, TurnStarted
    from chat.transport.consumers import COALESCE_FRAMES, COALESCE_MAX_CHARS, coalesce_chunks

    raw = _chunks(await _turn(uuid.uuid4(), wrap=_word_sized))
    merged_events = await _turn(uuid.uuid4(), wrap=lambda events: coalesce_chunks(_word_sized(events)))
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


async def test_an_answer_known_whole_is_streamed_in_the_frames_the_socket_would_merge_it_into():
    """The offline engine's answer is all there at once: the turn hands it over already cut as
    `coalesce_chunks` would merge its three-word pieces, so the client gets the same frames, and the
    socket's coalescing finds nothing left to merge."""
    from chat.engine.base import chunk_text, frame_pieces
    from chat.transport.consumers import coalesce_chunks

    handed_over = [c.content for c in _chunks(await _turn(uuid.uuid4()))]
    word_sized = [c.content for c in _chunks(await _turn(uuid.uuid4(), wrap=lambda events: coalesce_chunks(
        _word_sized(events))))]
    sent = [c.content for c in _chunks(await _turn(uuid.uuid4(), wrap=coalesce_chunks))]
    assert handed_over == word_sized == sent and len(handed_over) >= 2
    text = "".join(handed_over)
    assert frame_pieces(text) == handed_over and len(chunk_text(text)) > len(handed_over)
    short = "Hi! How can I help?"
    assert frame_pieces(short) == [short] and frame_pieces("") == []


async def test_a_slowly_streamed_answer_is_not_merged_and_errors_still_surface():
    from chat.transport.consumers import coalesce_chunks
    from chatbet_project.errors import ChatBetError

    raw = _chunks(await _turn(uuid.uuid4(), wrap=lambda events: _paced(_word_sized(events))))
    slow = _chunks(await _turn(uuid.uuid4(), wrap=lambda events: coalesce_chunks(_paced(_word_sized(events)))))
    assert [c.content for c in slow] == [c.content for c in raw]
    with pytest.raises(ChatBetError):
        await _turn(uuid.uuid4(), wrap=coalesce_chunks, content="   ")


async def test_any_text_known_whole_is_cut_into_the_frames_the_socket_merges_its_word_pieces_into():
    """Answers of every length and shape (leading spaces, line breaks, one word, only spaces): `frame_pieces`
    gives the frames `coalesce_chunks` makes of a backlog of `chunk_text`'s pieces, and they join back
    to the text."""
    import json
    import random
    from pathlib import Path

    from chat.engine.base import chunk_text, frame_pieces
    from chat.events import TurnChunk
    from chat.transport.consumers import coalesce_chunks

    corpus = Path(__file__).resolve().parent.parent / "engine" / "data" / "intents_dev.jsonl"
    sentences = [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").splitlines()]
    rng = random.Random(6)
    texts = [" ", "\n", "word", "  two words  ", "a\n\nb c d e f g"]
    for length in range(1, 120, 3):
        words = " ".join(rng.choice(sentences) for _ in range(length)).split(" ")
        texts.append(rng.choice(["", " ", "\n"]) + "".join(
            word + rng.choice([" ", " ", " ", "\n", "  ", "\n\n"]) for word in words).rstrip(rng.choice([" ", ""])))

    async def backlog(text: str):
        full = ""
        for piece in chunk_text(text):
            full += piece
            yield TurnChunk(message_id=uuid.uuid4(), content=piece, full_content=full)

    for text in texts:
        merged = [event.content async for event in coalesce_chunks(backlog(text))]
        assert frame_pieces(text) == merged, text
        assert "".join(frame_pieces(text)) == text
