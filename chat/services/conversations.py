"""Conversation housekeeping: delete, rename, hand a guest's chats to the user they became, feedback."""

from __future__ import annotations

import logging
import uuid

from django.db import transaction

from chat.cache import SESSION_CLAIM_TTL, session_claim_key
from chat.engine.memory import forget_memory
from chat.models import Conversation, Feedback, Message
from chat.selectors import get_conversation_for, get_message_for
from chatbet_project.caches import cache
from chatbet_project.errors import ChatBetError, NotFound

logger = logging.getLogger(__name__)


class ConversationNotFound(NotFound):
    """Conversation not found."""

    code = "conversation_not_found"


class MessageNotFound(NotFound):
    """Message not found."""

    code = "message_not_found"


def conversation_delete(*, identity, session_id: uuid.UUID) -> None:
    """Delete one of the identity's conversations with its messages; anyone else's is a 404."""
    conversation = get_conversation_for(identity=identity, session_id=session_id)
    if conversation is None:
        raise ConversationNotFound()
    conversation.delete()
    forget_memory(session_id=session_id)
    logger.info("conversation deleted", extra={"session_id": str(session_id)})


def conversation_rename(*, identity, session_id: uuid.UUID, title: str) -> Conversation:
    conversation = get_conversation_for(identity=identity, session_id=session_id)
    if conversation is None:
        raise ConversationNotFound()
    title = " ".join((title or "").split())
    if not title or len(title) > 120:
        raise ChatBetError("title: must be 1-120 characters.", code="invalid_title")
    conversation.title = title
    conversation.save(update_fields=["title"])
    return conversation


def claim_session(*, identity, session_id: uuid.UUID) -> bool:
    """Record that this identity was handed `session_id` before any message stored it, so a reconnect
    with it continues the session and nobody else can adopt it (`get_session_claim`). The same
    owner fields as a stored conversation, so the same ownership rules apply. False (logged) when
    the cache is unavailable: the session then simply cannot be resumed before its first message."""
    owner_id = identity.user_id
    claim = {"owner_id": owner_id, "guest_id": identity.guest_id if owner_id is None else None}
    try:
        cache.set(session_claim_key(session_id), claim, SESSION_CLAIM_TTL)
    except Exception as exc:
        logger.warning("session claim not recorded", extra={"session_id": str(session_id), "error": type(exc).__name__})
        return False
    return True


@transaction.atomic
def transfer_guest_conversations(*, guest_id: str, user_id: int) -> int:
    """Give a user the conversations they had as a guest (after registering or logging in)."""
    if not guest_id:
        return 0
    return Conversation.objects.filter(owner__isnull=True, guest_id=guest_id).update(owner_id=user_id, guest_id=None)


def on_guest_claimed(sender, *, user, guest_id: str, **kwargs) -> int:
    """`accounts.signals.guest_claimed` receiver (connected in `ChatConfig.ready`)."""
    return transfer_guest_conversations(guest_id=guest_id, user_id=user.pk)


def feedback_submit(*, identity, message_id: uuid.UUID, rating: str, comment: str = "") -> Feedback:
    """Thumbs up/down on an assistant message the identity can see; a second vote replaces the first."""
    message = get_message_for(identity=identity, message_id=message_id)
    if message is None:
        raise MessageNotFound()
    if message.role != Message.Role.ASSISTANT:
        raise ChatBetError("message_id: feedback is for assistant answers only.", code="invalid_message_id")
    if rating not in Feedback.Rating.values:
        raise ChatBetError("rating: must be 'up' or 'down'.", code="invalid_rating")
    feedback, _ = Feedback.objects.update_or_create(
        message=message, identity_key=_feedback_key(identity, message),
        defaults={"rating": rating, "comment": (comment or "")[:1000]},
    )
    return feedback


def _feedback_key(identity, message: Message) -> str:
    # Anonymous clients share the "anon" key; scope theirs to the conversation they hold.
    return identity.key if not identity.is_anonymous else f"anon:{message.conversation_id}"
