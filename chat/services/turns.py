"""One user message in, one answer out: dedup, memory, persistence, and the engine call.

`turn_stream` is what the socket reads (`stream_reply` iterates the same events). The engine runs in
its own task that persists the answer when it is done, so a consumer that stops iterating (socket
closed) never loses an answer the user may come back to, and a retried message id gets that stored
answer instead of a new one.
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import logging
import time
import uuid
import zoneinfo
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

from asgiref.sync import async_to_sync
from django.db import IntegrityError
from django.utils import timezone

from betting.serializers import slip_payload
from betting.services import slips
from chat import experiments
from chat.cache import DEDUP_WINDOW_SECONDS, anon_client_message_key
from chat.engine.base import EngineAnswer, TurnContext, estimate_tokens, frame_pieces
from chat.engine.memory import ConversationMemory, load_memory
from chat.engine.nlu.language import detect_language, unopposed_language
from chat.engine.offline import OfflineEngine
from chat.engine.registry import get_engine
from chat.events import (
    TurnChunk,
    TurnDuplicate,
    TurnEvent,
    TurnFinished,
    TurnIgnored,
    TurnResult,
    TurnStarted,
    TurnStream,
)
from chat.models import Message
from chatbet_project import metrics
from chatbet_project.db import db_sync_to_async
from chatbet_project.errors import ChatBetError
from sports.domain import LANGUAGES

from . import leases, safety, turn_conversations, turn_rows
from .answers import persist_answer, settle, stored_answer, user_message_text
from .conversations import ConversationNotFound

logger = logging.getLogger(__name__)

IN_FLIGHT_WAIT_SECONDS = 60.0  # the longest a retry waits for a turn whose lease is kept alive
IN_FLIGHT_POLL_SECONDS = 0.05

# Turns still being computed in this process: user message id → future of the stored result.
_IN_FLIGHT: dict[uuid.UUID, asyncio.Future] = {}
# Strong references so running turns are not garbage-collected when nobody iterates any more.
_BACKGROUND: set[asyncio.Task] = set()


class InvalidMessage(ChatBetError):
    """The message must be 1-2000 characters of text."""

    code = "invalid_message"


@dataclass
class _Prepared:
    kind: str  # "new" | "duplicate" | "ignored"
    conversation_id: uuid.UUID
    user_message_id: uuid.UUID | None = None  # ignored: the identical message just sent
    memory: ConversationMemory | None = None
    language: str = "en"
    policy: str | None = None  # the responsible-gambling policy this message falls under (safety.classify)


# --- sync database steps (run off the event loop) ---------------------------------------------


def _pick_language(*, identity, memory: ConversationMemory | None, metadata: dict,
                   spoken: Callable[[], str | None]) -> str:
    """The page's, else the conversation's, else the message's own (`spoken()`: of one language only), else the
    profile's."""
    hinted = (metadata or {}).get("language")
    if hinted in LANGUAGES:
        return hinted
    if memory is not None and memory.context.get("language") in LANGUAGES:
        return memory.context["language"]
    return spoken() or (identity.language if identity.language in LANGUAGES else "en")


def _prepare(*, session_id, identity, content: str, client_message_id: str | None, metadata: dict,
             question_id: uuid.UUID | None = None) -> _Prepared:
    """Resolve the conversation, apply the dedup rules, store the user message (as `question_id`), load memory."""
    spoken = functools.cache(functools.partial(unopposed_language, content))  # at most once a turn
    now = timezone.now()
    conversation_id, found, created = turn_conversations.resolve_conversation(
        identity=identity, session_id=session_id, client_message_id=client_message_id, now=now,
        language=lambda: _pick_language(identity=identity, memory=None, metadata=metadata, spoken=spoken),
    )
    if client_message_id:
        earlier = found.same_client_id
        if earlier is not None:
            if earlier.fresh:
                return _Prepared(kind="duplicate", conversation_id=conversation_id, user_message_id=earlier.id)
            client_message_id = None  # an old id reused long after: a new message, stored without it
    if found.latest is not None and found.latest.content == content:  # the same text again within the window
        return _Prepared(kind="ignored", conversation_id=conversation_id, user_message_id=found.latest.id)
    user_message_id = question_id or uuid.uuid4()
    try:
        turn_rows.insert_question(
            message_id=user_message_id, session_id=conversation_id, content=content,
            client_message_id=client_message_id or None, token_count=estimate_tokens(content), created_at=now,
            lease_until=leases.lease_deadline(now),
        )
    except IntegrityError:  # the same client id raced in: it is a duplicate of that one
        earlier_id = Message.objects.values_list("id", flat=True).get(conversation_id=conversation_id,
                                                                      client_message_id=client_message_id)
        return _Prepared(kind="duplicate", conversation_id=conversation_id, user_message_id=earlier_id)
    if client_message_id and session_id is None and not identity.is_anonymous:
        turn_conversations.first_message_cache("set", anon_client_message_key(identity.key, client_message_id),
                                               str(conversation_id), DEDUP_WINDOW_SECONDS)
    # A conversation created just now has no answered turn yet: no need to ask the database.
    memory = load_memory(session_id=conversation_id, known_history=[] if created else None)
    return _Prepared(
        kind="new",
        conversation_id=conversation_id,
        user_message_id=user_message_id,
        memory=memory,
        language=_pick_language(identity=identity, memory=memory, metadata=metadata, spoken=spoken),
        # here, off the event loop: ~1 ms of regexes for a 2000-character message
        policy=safety.classify(content, context=memory.context, identity=identity),
    )


# --- the turn ---------------------------------------------------------------------------------


def _validate(content) -> str:
    if not isinstance(content, str) or not content.strip():
        raise InvalidMessage("message: must be a non-empty string.")
    if len(content) > 2000:
        raise InvalidMessage(f"message: at most 2000 characters (got {len(content)}).")
    return content.strip()


def _timezone_from(metadata: dict) -> str:
    name = (metadata or {}).get("timezone") or (metadata or {}).get("time_zone") or "UTC"
    try:
        zoneinfo.ZoneInfo(str(name))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return "UTC"
    return str(name)




def _withdraw_unanswered_slip(ctx: TurnContext, *, failed: bool = False) -> None:
    """A slip shown last turn lives only for the answer to it: when this turn neither placed, cancelled nor
    re-proposed it (or failed: an apology shows no slip), it is withdrawn, so the chat ("nothing is waiting") and
    the slip card agree and no later "yes" or button places a bet the conversation has moved on from. The card is
    updated with this answer."""
    identity = ctx.identity
    previous = ((ctx.memory.context.get("pending_bet") if ctx.memory is not None else None) or {}).get("slip_id")
    shown = (ctx.metadata.get("pending_bet") or {}).get("slip_id")
    if failed and shown:  # nor does a slip this failed turn proposed wait for a yes after the apology
        ctx.metadata["pending_bet"], previous, shown = None, previous or shown, None
    if not previous or previous == shown or identity is None or not identity.is_authenticated:
        return
    for slip in slips.withdraw_waiting(user_id=identity.user_id, conversation_id=ctx.session_id, except_slip=shown,
                                       reason="turn_failed" if failed else "moved_on", now=ctx.now):
        if (ctx.metadata.get("bet_slip") or {}).get("id") in (None, str(slip.pk)):
            ctx.metadata["bet_slip"] = slip_payload(slip)  # the card shows it withdrawn, even after a refused "yes"


def _store(*, ctx: TurnContext, prepared: _Prepared, assistant_id: uuid.UUID, answer: EngineAnswer,
           language: str, started: float) -> TurnResult:
    _withdraw_unanswered_slip(ctx, failed=answer.engine == "error")
    result = persist_answer(
        conversation_id=prepared.conversation_id,
        user_message_id=prepared.user_message_id,
        assistant_id=assistant_id,
        answer=answer,
        memory=ctx.memory,
        user_text=ctx.message,
        response_time_ms=int((time.perf_counter() - started) * 1000),
        language=language,
        pending_bet=ctx.metadata.get("pending_bet"),
        bet_slip=ctx.metadata.get("bet_slip"),
        variants=ctx.metadata.get("experiments"),
    )
    metrics.observe_turn(intent=answer.intent, engine=answer.engine, seconds=time.perf_counter() - started)
    return result


def _finish(answer: EngineAnswer | None, *, ctx: TurnContext, policy: str | None
            ) -> tuple[EngineAnswer, str, bool, bool]:
    """The engine's answer settled in a language (an apology when it gave none) and, when the message only
    mentioned a minor ("my son is 16"), the legal-age note after it. Both turn paths (whole and streamed) end
    here. Returns (answer, language, gave_up, cautioned)."""
    gave_up = answer is None or not (answer.text or "").strip()
    # An apology answers the message as written ("mi hijo tiene 16…" gets Spanish whatever the profile says).
    spoken = detect_language(ctx.message, hint=ctx.language) if gave_up else ctx.language
    answer, language = settle(answer, spoken)
    cautioned = policy == "caution" and not gave_up
    if cautioned:
        answer = safety.with_caution(answer, kind=policy, language=language)
    return answer, language, gave_up, cautioned


def _answer_whole(*, ctx: TurnContext, prepared: _Prepared, assistant_id: uuid.UUID, started: float) -> TurnResult:
    """A turn whose answer comes whole (the policy's, or the offline engine's): answered, settled and stored
    in the one thread hop that storing takes anyway (a hop costs ~0.2 ms of CPU; bench/turn_cost.py)."""
    answer: EngineAnswer | None = None
    try:
        if prepared.policy is not None:  # before any intent or engine
            answer = safety.policy_answer(ctx=ctx, kind=prepared.policy)
        if answer is None:
            answer = get_engine().answer(ctx)
    except Exception:
        logger.exception("engine failed for session %s", ctx.session_id)
    answer, language, _, _ = _finish(answer, ctx=ctx, policy=prepared.policy)
    return _store(ctx=ctx, prepared=prepared, assistant_id=assistant_id, answer=answer, language=language,
                  started=started)


def _prepare_and_answer(*, session_id, identity, content: str, client_message_id: str | None, metadata: dict,
                        question_id: uuid.UUID, assistant_id: uuid.UUID, started: float
                        ) -> tuple[_Prepared, TurnResult | None]:
    """The offline engine's turn in one thread hop: prepared, answered and stored (None: a duplicate or an
    ignored repeat, which the caller handles). On PostgreSQL that is also one connection health check per turn."""
    prepared = _prepare(session_id=session_id, identity=identity, content=content, client_message_id=client_message_id,
                        metadata=metadata, question_id=question_id)
    if prepared.kind != "new":
        return prepared, None
    ctx = _context(prepared=prepared, identity=identity, content=content, metadata=metadata)
    try:
        return prepared, _answer_whole(ctx=ctx, prepared=prepared, assistant_id=assistant_id, started=started)
    except Exception:
        logger.exception("could not persist the answer for session %s", ctx.session_id)
        raise


def _send_whole(result: TurnResult, *, message_id: uuid.UUID, started: float, emit) -> None:
    """A stored answer known whole, in the frames the socket would merge its word-sized pieces into."""
    full = ""
    for piece in frame_pieces(result.content):
        if not full:
            metrics.TURN_FIRST_CHUNK.observe(time.perf_counter() - started)
        full += piece
        emit(TurnChunk(message_id=message_id, content=piece, full_content=full))


async def _produce(
    *, ctx: TurnContext, prepared: _Prepared, assistant_id: uuid.UUID, started: float, emit,
    future: asyncio.Future,
) -> TurnResult:
    """Run the engine to completion and persist, whoever is (still) listening."""
    answer: EngineAnswer | None = None
    streamed: list[str] = []
    full = ""

    def chunk(piece: str) -> None:
        nonlocal full
        if not full:
            metrics.TURN_FIRST_CHUNK.observe(time.perf_counter() - started)
        full += piece
        emit(TurnChunk(message_id=assistant_id, content=piece, full_content=full))

    whole = prepared.policy not in (None, "caution") or isinstance(get_engine(), OfflineEngine)
    if whole:  # stored first, then sent in the frames the socket would merge its pieces into
        storing = _answer_whole_async(ctx=ctx, prepared=prepared, assistant_id=assistant_id, started=started)
    else:
        try:
            async for item in get_engine().stream(ctx):
                if isinstance(item, EngineAnswer):
                    answer = item
                    break
                if item and item.strip():
                    streamed.append(item)
                    chunk(item)
        except Exception:
            logger.exception("engine failed for session %s", ctx.session_id)
        answer, language, gave_up, cautioned = _finish(answer, ctx=ctx, policy=prepared.policy)
        if cautioned and streamed:  # the streamed text is on screen: the note follows it
            chunk("\n\n" + safety.caution_note(language))
        if not streamed:  # a text known whole: in the frames the socket would merge its word-sized pieces into
            for piece in frame_pieces(answer.text):
                chunk(piece)
        elif gave_up:  # failed after streaming some text: keep it, then apologise (what the client already shows)
            chunk("\n\n" + answer.text)
            answer = dataclasses.replace(answer, text=full, token_count=estimate_tokens(full))
        storing = _store_async(ctx=ctx, prepared=prepared, assistant_id=assistant_id, answer=answer,
                               language=language, started=started)
    try:
        result = await storing
    except BaseException as exc:
        logger.exception("could not persist the answer for session %s", ctx.session_id)
        if not future.done():
            future.set_exception(exc)
        raise
    if whole:
        _send_whole(result, message_id=assistant_id, started=started, emit=emit)
    if not future.done():
        future.set_result(result)
    return result


def _answer_or_take_over(*, user_message_id: uuid.UUID) -> tuple[TurnResult | None, bool]:
    """One look at an earlier message: its stored answer, else whether it is ours to answer now
    (its lease lapsed: the turn answering it died), else (None, False): it is still being answered."""
    stored = stored_answer(user_message_id=user_message_id)
    if stored is not None:
        return stored, False
    claim = leases.take_over_if_lapsed(user_message_id=user_message_id)
    if claim is leases.Claim.MISSING:
        raise ConversationNotFound()  # deleted with its conversation while this retry came in
    if claim is leases.Claim.ANSWERED:  # answered since the look above
        return stored_answer(user_message_id=user_message_id), False
    return None, claim is leases.Claim.TAKEN_OVER


async def _wait_for_stored_answer(user_message_id: uuid.UUID) -> TurnResult | None:
    """The answer to an earlier message: from the in-process future, else from the database while
    the turn answering it holds its lease. None: answer it now (its first attempt died)."""
    future = _IN_FLIGHT.get(user_message_id)
    if future is not None:
        try:
            return await asyncio.shield(future)
        except Exception:
            return None
    deadline = time.monotonic() + IN_FLIGHT_WAIT_SECONDS
    while True:
        result, ours = await _answer_or_take_over_async(user_message_id=user_message_id)
        if result is not None or ours or time.monotonic() >= deadline:
            return result
        await asyncio.sleep(IN_FLIGHT_POLL_SECONDS)


def _reopen_unanswered(*, prepared: _Prepared, identity, metadata: dict) -> str:
    """The first attempt at this message died without answering (its process is gone): load what
    answering the stored message now needs, and return its text."""
    prepared.memory = load_memory(session_id=prepared.conversation_id)
    content = user_message_text(user_message_id=prepared.user_message_id)
    prepared.language = _pick_language(identity=identity, memory=prepared.memory, metadata=metadata,
                                       spoken=functools.partial(unopposed_language, content))
    prepared.policy = safety.classify(content, context=prepared.memory.context, identity=identity)
    return content


# What the engine and its tools write into a turn's metadata about a real bet; a client's copy is dropped.
SERVER_ONLY = ("pending_bet", "bet_slip", "bet_stated", "real_bet")


def _clean(content, metadata: dict | None, client_message_id) -> tuple[str, dict, str | None]:
    content = _validate(content)
    metadata = metadata if isinstance(metadata, dict) else {}
    metadata = {k: v for k, v in metadata.items() if k not in SERVER_ONLY}  # never from the client
    if client_message_id is not None:
        client_message_id = str(client_message_id)[:100] or None
    return content, metadata, client_message_id


def _context(*, prepared: _Prepared, identity, content: str, metadata: dict) -> TurnContext:
    return TurnContext(
        session_id=prepared.conversation_id,
        identity=identity,
        message=content,
        language=prepared.language,
        timezone=_timezone_from(metadata),
        memory=prepared.memory,
        now=timezone.now(),
        metadata={**metadata, "experiments": experiments.variants_for(identity=identity,
                                                                    session_id=prepared.conversation_id)},
    )


async def _run_turn(
    *, session_id, identity, content: str, client_message_id: str | None, metadata: dict, started: float, emit,
) -> None:
    """The whole turn, as a task of its own: it finishes (and persists) even if nobody listens any more."""
    turn = {"session_id": session_id, "identity": identity, "content": content,
            "client_message_id": client_message_id, "metadata": metadata}
    if isinstance(get_engine(), OfflineEngine):  # the answer comes whole: one thread hop for the whole turn
        question_id, assistant_id = uuid.uuid4(), uuid.uuid4()
        lease = leases.KeepAlive(user_message_id=question_id)  # the question is stored, with its lease, in the hop
        try:
            prepared, result = await _prepare_and_answer_async(**turn, question_id=question_id,
                                                               assistant_id=assistant_id, started=started)
        finally:
            lease.stop()
        if result is not None:
            # (the answer's id: a retry that raced this turn may have stored its answer first, then it is that one)
            emit(TurnStarted(session_id=prepared.conversation_id, message_id=result.message_id))
            _send_whole(result, message_id=result.message_id, started=started, emit=emit)
            emit(TurnFinished(result=result))
            return
    else:
        prepared = await _prepare_async(**turn)
    if prepared.kind == "ignored":
        emit(TurnIgnored(reason="duplicate_content", session_id=prepared.conversation_id))
        return
    if prepared.kind == "duplicate":
        result = await _wait_for_stored_answer(prepared.user_message_id)
        if result is not None:
            emit(TurnDuplicate(result=dataclasses.replace(result, duplicate=True)))
            return
        content = await _reopen_unanswered_async(prepared=prepared, identity=identity, metadata=metadata)

    assistant_id = uuid.uuid4()
    ctx = _context(prepared=prepared, identity=identity, content=content, metadata=metadata)
    future: asyncio.Future = asyncio.get_running_loop().create_future()
    _IN_FLIGHT[prepared.user_message_id] = future
    lease = leases.KeepAlive(user_message_id=prepared.user_message_id)
    try:
        emit(TurnStarted(session_id=prepared.conversation_id, message_id=assistant_id))
        result = await _produce(ctx=ctx, prepared=prepared, assistant_id=assistant_id, started=started, emit=emit,
                                future=future)
        emit(TurnFinished(result=result))
    finally:
        lease.stop()
        _IN_FLIGHT.pop(prepared.user_message_id, None)
        if not future.done():
            future.cancel()
        elif not future.cancelled():
            future.exception()  # mark retrieved: nobody may be waiting


# The turn's thread hops, each wrapped once (not per call), on the database thread(s) (chatbet_project/db.py):
# with the offline engine one per turn (prepared, answered, stored); with a streaming engine the preparation
# and the answer's storing (with the policy's answer, when one applies, computed there).
_prepare_async = db_sync_to_async(_prepare)
_prepare_and_answer_async = db_sync_to_async(_prepare_and_answer)
_store_async = db_sync_to_async(_store)
_answer_whole_async = db_sync_to_async(_answer_whole)
_answer_or_take_over_async = db_sync_to_async(_answer_or_take_over)
_reopen_unanswered_async = db_sync_to_async(_reopen_unanswered)


def turn_stream(
    *, session_id: uuid.UUID | None, identity, content: str, client_message_id: str | None = None,
    metadata: dict | None = None,
) -> TurnStream:
    """Start answering one user message (`stream_reply`'s rules; InvalidMessage raised here) and return its events.
    From here the turn runs in its own task: the user message and the answer are stored even if nobody reads on."""
    started = time.perf_counter()
    content, metadata, client_message_id = _clean(content, metadata, client_message_id)
    loop = asyncio.get_running_loop()
    stream = TurnStream(loop)
    task = loop.create_task(_run_turn(
        session_id=session_id, identity=identity, content=content, client_message_id=client_message_id,
        metadata=metadata, started=started, emit=stream.emit,
    ))
    _BACKGROUND.add(task)

    def _done(finished: asyncio.Task) -> None:
        _BACKGROUND.discard(finished)
        if finished.cancelled():
            stream.emit(asyncio.CancelledError())
        elif finished.exception() is not None:
            stream.emit(finished.exception())
        stream.emit(TurnStream.END)

    task.add_done_callback(_done)
    return stream


async def stream_reply(
    *, session_id: uuid.UUID | None, identity, content: str, client_message_id: str | None = None,
    metadata: dict | None = None,
) -> AsyncIterator[TurnEvent]:
    """Answer one user message, yielding TurnStarted, TurnChunk…, TurnFinished (or one
    TurnDuplicate / TurnIgnored). From the moment the message is accepted the turn runs in its own
    task: the user message and the answer are stored even if the caller stops iterating."""
    async for event in turn_stream(session_id=session_id, identity=identity, content=content,
                                   client_message_id=client_message_id, metadata=metadata):
        yield event


def _wait_for_stored_answer_sync(user_message_id: uuid.UUID) -> TurnResult | None:
    deadline = time.monotonic() + IN_FLIGHT_WAIT_SECONDS
    while True:
        result, ours = _answer_or_take_over(user_message_id=user_message_id)
        if result is not None or ours or time.monotonic() >= deadline:
            return result
        time.sleep(IN_FLIGHT_POLL_SECONDS)


async def _drain(engine, ctx: TurnContext, user_message_id: uuid.UUID) -> EngineAnswer | None:
    """A streaming engine's final answer, the question's lease kept alive while it runs."""
    lease = leases.KeepAlive(user_message_id=user_message_id)
    try:
        async for item in engine.stream(ctx):
            if isinstance(item, EngineAnswer):
                return item
        return None
    finally:
        lease.stop()


def answer_message(
    *, session_id, identity, content: str, client_message_id: str | None = None, metadata: dict | None = None
) -> TurnResult:
    """Synchronous turn for REST: the same rules as `stream_reply`, the whole answer at once.

    The same text again within 2 s (a double click) gets the first one's answer again, under its
    message id, never a 409. The offline engine is called directly (no event loop hop; it answers
    well within the question's lease); other engines are drained through their stream.
    """
    started = time.perf_counter()
    content, metadata, client_message_id = _clean(content, metadata, client_message_id)
    prepared = _prepare(session_id=session_id, identity=identity, content=content,
                        client_message_id=client_message_id, metadata=metadata)
    if prepared.kind in ("ignored", "duplicate"):
        result = _wait_for_stored_answer_sync(prepared.user_message_id)
        if result is not None:
            return dataclasses.replace(result, duplicate=True)
        content = _reopen_unanswered(prepared=prepared, identity=identity, metadata=metadata)
    ctx = _context(prepared=prepared, identity=identity, content=content, metadata=metadata)
    answer: EngineAnswer | None = None
    try:
        answer = safety.policy_answer(ctx=ctx, kind=prepared.policy)  # the policy first, whatever the engine
        if answer is None:
            engine = get_engine()
            answer = (engine.answer(ctx) if isinstance(engine, OfflineEngine)
                      else async_to_sync(_drain)(engine, ctx, prepared.user_message_id))
    except Exception:
        logger.exception("engine failed for session %s", ctx.session_id)
    answer, language, _, _ = _finish(answer, ctx=ctx, policy=prepared.policy)
    return _store(ctx=ctx, prepared=prepared, assistant_id=uuid.uuid4(), answer=answer, language=language,
                  started=started)
