"""Which conversation a turn speaks in (`resolve_conversation`): the caller's own, an ownerless one it adopts, or a
new one — never a foreign one — with what the dedup rules need of it, read in the same query."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import timedelta

from django.db import IntegrityError
from django.utils import timezone

from accounts.tokens import guest_claimer
from chat.cache import DEDUP_WINDOW_SECONDS, IDENTICAL_CONTENT_SECONDS, anon_client_message_key
from chat.selectors import can_access, get_session_claim
from chatbet_project.caches import cache
from chatbet_project.db import retry_when_locked

from . import turn_rows
from .conversations import transfer_guest_conversations

logger = logging.getLogger(__name__)


def lookup(*, session_id: uuid.UUID, client_message_id: str | None, now) -> turn_rows.Lookup | None:
    """The stored conversation and, in the same query, what both dedup rules need: its latest user
    message if sent within IDENTICAL_CONTENT_SECONDS, and the one carrying this client id (if any)."""
    return turn_rows.lookup(session_id=session_id, client_message_id=client_message_id,
                            recent_since=now - timedelta(seconds=IDENTICAL_CONTENT_SECONDS),
                            fresh_since=now - timedelta(seconds=DEDUP_WINDOW_SECONDS))


def _new_conversation(*, identity, session_id: uuid.UUID | None, language: Callable[[], str],
                      client_message_id: str | None, now) -> tuple[uuid.UUID, turn_rows.Lookup, bool]:
    """A fresh conversation (its `language()` asked only now), and whether this call created it (False: lost a race)."""
    language = language()
    owner_id = identity.user_id
    guest_id = identity.guest_id if owner_id is None else None
    fresh = turn_rows.Lookup(owner_id=owner_id, guest_id=guest_id, title="", language=language)
    if session_id is not None:
        try:
            turn_rows.insert_conversation(session_id=session_id, owner_id=owner_id, guest_id=guest_id,
                                          language=language, created_at=now)
            _follow_claim(fresh)
            return session_id, fresh, True
        except IntegrityError:  # created concurrently: use it if it is ours, else a fresh one
            existing = lookup(session_id=session_id, client_message_id=client_message_id, now=now)
            if existing is not None and can_access(identity=identity, conversation=existing):
                return session_id, existing, False
    session_id = uuid.uuid4()
    turn_rows.insert_conversation(session_id=session_id, owner_id=owner_id, guest_id=guest_id, language=language,
                                  created_at=now)
    _follow_claim(fresh)
    return session_id, fresh, True


def _follow_claim(row: turn_rows.Lookup) -> None:
    """After a guest's turn stored a conversation as the guest's (created or adopted): if a signed-in user claimed the
    guest meanwhile (the turn was authenticated before the claim committed), the conversation is the claimer's, not
    the ended guest's, where nobody could see or claim it. The turn wrote, then reads the end; the claim wrote the
    end, then moves again after its commit (`accounts.services.claim_guest`): one of the two sees the other."""
    if row.owner_id is not None or not row.guest_id:
        return
    user_id = guest_claimer(row.guest_id)
    if user_id is not None:
        # the claim's own move may hold SQLite's write lock at this instant: wait for it, as the claim does
        moved = retry_when_locked(transfer_guest_conversations)(guest_id=row.guest_id, user_id=user_id)
        logger.info("a turn racing its guest's claim handed its conversation over",
                    extra={"user_id": user_id, "moved": moved})
        row.owner_id, row.guest_id = user_id, None


def _adopted(found: turn_rows.Lookup, session_id: uuid.UUID, identity) -> bool:
    """A user or guest speaking in an ownerless conversation makes it theirs (`turn_rows.adopt_ownerless`): the
    holder of its id must not read their balance or slips, nor take their socket over. False: taken meanwhile by
    someone else."""
    if found.owner_id is not None or found.guest_id or identity.is_anonymous:
        return True
    owner_id = identity.user_id
    guest_id = identity.guest_id if owner_id is None else None
    if not turn_rows.adopt_ownerless(session_id=session_id, owner_id=owner_id, guest_id=guest_id):
        taken = turn_rows.lookup(session_id=session_id, client_message_id=None, recent_since=timezone.now(),
                                 fresh_since=timezone.now())
        return taken is not None and can_access(identity=identity, conversation=taken)
    found.owner_id, found.guest_id = owner_id, guest_id
    _follow_claim(found)
    return True


def first_message_cache(operation: str, *args):
    """Which conversation a first message (no session, a client id) created, in the shared cache: a convenience
    for its retry. With the cache (Redis) unreachable it is forgotten (None), never the answer's 500."""
    try:
        return getattr(cache, operation)(*args)
    except Exception as exc:
        logger.warning("first-message memory unavailable", extra={"error": type(exc).__name__})
        return None


def resolve_conversation(*, identity, session_id, client_message_id: str | None, language: Callable[[], str], now
                          ) -> tuple[uuid.UUID, turn_rows.Lookup, bool]:
    """The conversation to speak in: the caller's own, or a new one (never a foreign one), with what
    the dedup rules need of it, and whether it was created just now (then it has no messages yet).

    An unknown but well-formed session id is adopted (the WebSocket hands it out before the first
    message); a session owned by someone else, stored or only claimed (`claim_session`), gets a
    fresh conversation, and nothing about it leaks.
    """
    if session_id is None and client_message_id and not identity.is_anonymous:
        # A retried first message (no session yet) must find the conversation it created.
        remembered = first_message_cache("get", anon_client_message_key(identity.key, client_message_id))
        if remembered:
            session_id = uuid.UUID(remembered)
    fresh = {"identity": identity, "language": language, "client_message_id": client_message_id, "now": now}
    if session_id is not None:
        found = lookup(session_id=session_id, client_message_id=client_message_id, now=now)
        if found is not None:
            if can_access(identity=identity, conversation=found) and _adopted(found, session_id, identity):
                return session_id, found, False
            return _new_conversation(session_id=None, **fresh)
        claim = get_session_claim(session_id=session_id)  # handed out by a `connection_ack`, not stored yet
        if claim is not None and not can_access(identity=identity, conversation=claim):
            return _new_conversation(session_id=None, **fresh)
    return _new_conversation(session_id=session_id, **fresh)
