"""Ownership-checked reads of conversations. Anyone who is not the owner sees nothing (404)."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.db.models import QuerySet, Subquery

from .models import Conversation, Message

if TYPE_CHECKING:
    from accounts.identity import Identity


def can_access(*, identity: Identity, conversation: Conversation) -> bool:
    """Owner-only: a user's or guest's conversation belongs to them; an ownerless one to its UUID holder."""
    if conversation.owner_id is not None:
        return identity.user_id == conversation.owner_id
    if conversation.guest_id:
        return identity.user_id is None and identity.guest_id == conversation.guest_id
    return True


def get_conversation_for(*, identity: Identity, session_id) -> Conversation | None:
    """The conversation if this identity may see it, else None (unknown and foreign look the same)."""
    try:
        session_uuid = session_id if isinstance(session_id, uuid.UUID) else uuid.UUID(str(session_id))
    except (TypeError, ValueError):
        return None
    conversation = Conversation.objects.filter(session_id=session_uuid).first()
    if conversation is None or not can_access(identity=identity, conversation=conversation):
        return None
    return conversation


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


def get_message_for(*, identity: Identity, message_id) -> Message | None:
    """A message in a conversation this identity may see, else None."""
    try:
        message_uuid = message_id if isinstance(message_id, uuid.UUID) else uuid.UUID(str(message_id))
    except (TypeError, ValueError):
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
