"""Ownership-checked reads of conversations. Anyone who is not the owner sees nothing (404)."""

from __future__ import annotations

import logging
import uuid
from typing import TYPE_CHECKING, Protocol

from django.db.models import QuerySet, Subquery

from betting.selectors import slips_of_conversation
from betting.serializers import slip_payload
from chatbet_project.caches import cache

from .cache import session_claim_key
from .models import Conversation, Message

if TYPE_CHECKING:
    from accounts.identity import Identity

logger = logging.getLogger(__name__)


class Owned(Protocol):
    """What ownership is decided on: a Conversation, or the turn's lookup row (no model built per turn)."""

    owner_id: int | None
    guest_id: str | None


def can_access(*, identity: Identity, conversation: Owned) -> bool:
    """Owner-only: a user's or guest's conversation belongs to them; an ownerless one to its UUID holder."""
    if conversation.owner_id is not None:
        return identity.user_id == conversation.owner_id
    if conversation.guest_id:
        return identity.user_id is None and identity.guest_id == conversation.guest_id
    return True


def _as_uuid(value) -> uuid.UUID | None:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except (TypeError, ValueError):
        return None


def get_conversation_for(*, identity: Identity, session_id) -> Conversation | None:
    """The conversation if this identity may see it, else None (unknown and foreign look the same)."""
    session_uuid = _as_uuid(session_id)
    if session_uuid is None:
        return None
    conversation = Conversation.objects.filter(session_id=session_uuid).first()
    if conversation is None or not can_access(identity=identity, conversation=conversation):
        return None
    return conversation


def get_session_claim(*, session_id: uuid.UUID) -> Conversation | None:
    """Who a not-yet-stored session was handed to, as an unsaved Conversation (so `can_access`
    decides exactly as for a stored one); None when nobody claimed it or the claim expired.

    A cache failure reads as "no claim": the session is then not resumable, never someone else's.
    """
    try:
        claim = cache.get(session_claim_key(session_id))
    except Exception:  # a cache outage must not fail the connection; fail closed
        logger.warning("session claim unreadable", extra={"session_id": str(session_id)})
        return None
    if not isinstance(claim, dict):
        return None
    return Conversation(session_id=session_id, owner_id=claim.get("owner_id"), guest_id=claim.get("guest_id"))


def get_resumable_session_for(*, identity: Identity, session_id) -> uuid.UUID | None:
    """The session this identity may continue: a stored conversation of its own, or one handed to
    it by `connection_ack` and not stored yet (no message sent). None for unknown or foreign ones."""
    session_uuid = _as_uuid(session_id)
    if session_uuid is None:
        return None
    conversation = Conversation.objects.filter(session_id=session_uuid).first()
    if conversation is None:
        conversation = get_session_claim(session_id=session_uuid)
    if conversation is None or not can_access(identity=identity, conversation=conversation):
        return None
    return conversation.session_id


def list_conversations_for(*, identity: Identity) -> QuerySet[Conversation]:
    """The identity's own conversations, most recent first. Anonymous clients have no list."""
    if identity.user_id is not None:
        return Conversation.objects.filter(owner_id=identity.user_id).order_by("-updated_at")
    if identity.guest_id:
        return Conversation.objects.filter(owner__isnull=True, guest_id=identity.guest_id).order_by("-updated_at")
    return Conversation.objects.none()


def list_conversations_of_user(*, user_id: int) -> QuerySet[Conversation]:
    return Conversation.objects.filter(owner_id=user_id).order_by("-updated_at")


def list_messages(*, conversation: Conversation, limit: int | None = None) -> QuerySet[Message]:
    """The conversation's messages, oldest first; with `limit`, only the latest `limit` of them."""
    messages = Message.objects.filter(conversation=conversation)
    if limit is not None:
        latest = messages.order_by("-created_at").values("pk")[:limit]
        messages = Message.objects.filter(pk__in=Subquery(latest))
    return messages.order_by("created_at")


def history_messages(*, conversation: Conversation, limit: int | None = None) -> list[Message]:
    """`list_messages`, each answer that showed a bet slip carrying it as it stands now (`message.bet_slip`,
    else None): a history read after the slip was confirmed, cancelled or expired shows that, not the offer."""
    messages = list(list_messages(conversation=conversation, limit=limit))
    shown = {m.id: ((m.context or {}).get("bet_slip") or {}).get("id") for m in messages}
    current = slips_of_conversation(conversation_id=conversation.session_id, ids=shown.values())
    for message in messages:
        slip = current.get(str(shown[message.id] or ""))
        message.bet_slip = slip_payload(slip) if slip is not None else None
    return messages


def get_message_for(*, identity: Identity, message_id) -> Message | None:
    """A message in a conversation this identity may see, else None."""
    message_uuid = _as_uuid(message_id)
    if message_uuid is None:
        return None
    message = Message.objects.select_related("conversation").filter(id=message_uuid).first()
    if message is None or not can_access(identity=identity, conversation=message.conversation):
        return None
    return message


def conversation_exists(*, session_id) -> bool:
    """Whether a conversation with this id is stored (a bet links to it only then)."""
    if session_id is None:
        return False
    return Conversation.objects.filter(session_id=session_id).exists()


def recent_messages(*, session_id, limit: int) -> list[dict]:
    """The conversation's last `limit` messages, oldest first, as {"role", "content", "context"} dicts
    (what the memory is rebuilt from when its cache copy is gone)."""
    rows = list(
        Message.objects.filter(conversation_id=session_id)
        .order_by("-created_at")
        .values("role", "content", "context")[:limit]
    )
    rows.reverse()
    return rows
