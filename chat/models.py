"""Durable conversation state: who owns a conversation and every turn said in it."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Conversation(models.Model):
    """One chat session. Owned by a user, a guest, or nobody (reachable only by its UUID)."""

    session_id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="conversations"
    )
    guest_id = models.CharField(max_length=64, null=True, blank=True)
    title = models.CharField(max_length=120, blank=True)
    language = models.CharField(max_length=8, default="en")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-updated_at"]
        indexes = [
            models.Index(fields=["owner", "-updated_at"], name="chat_conv_owner_updated"),
            models.Index(fields=["guest_id", "-updated_at"], name="chat_conv_guest_updated"),
            models.Index(fields=["-updated_at"], name="chat_conv_updated"),
        ]

    def __str__(self) -> str:
        return self.title or str(self.session_id)

    @property
    def owner_key(self) -> str:
        if self.owner_id is not None:
            return f"user:{self.owner_id}"
        if self.guest_id:
            return f"guest:{self.guest_id}"
        return "anon"


class Message(models.Model):
    """One side of a turn. The assistant message points at the user message it answers."""

    class Role(models.TextChoices):
        USER = "user", "User"
        ASSISTANT = "assistant", "Assistant"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # No index of its own: (conversation, created_at) below starts with it, and every INSERT writes each index.
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages", db_index=False)
    role = models.CharField(max_length=10, choices=Role.choices)
    content = models.TextField()
    intent = models.CharField(max_length=40, blank=True)
    confidence = models.FloatField(null=True, blank=True)
    entities = models.JSONField(default=dict, blank=True)
    tool_calls = models.JSONField(default=list, blank=True)
    suggested_actions = models.JSONField(default=list, blank=True)
    # Structured memory after this turn (teams, fixture, market, stake, dates, pending bet):
    # the durable copy the cache is rebuilt from.
    context = models.JSONField(default=dict, blank=True)
    token_count = models.PositiveIntegerField(default=0)
    response_time_ms = models.PositiveIntegerField(null=True, blank=True)
    engine = models.CharField(max_length=40, blank=True)
    # A/B variants this answer was produced under (chat/experiments.py), e.g. {"answer_length": "concise"}.
    experiments = models.JSONField(default=dict, blank=True)
    client_message_id = models.CharField(max_length=100, null=True, blank=True)
    reply_to = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="reply"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # A user message being answered: until when its answering turn holds it (renewed while it runs,
    # cleared with the answer). A retry waits only while it is alive (chat/services/leases.py).
    lease_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "client_message_id"],
                condition=Q(client_message_id__isnull=False),
                name="chat_message_unique_client_id",
            ),
        ]
        indexes = [
            models.Index(fields=["conversation", "created_at"], name="chat_msg_conv_created"),
            models.Index(fields=["-created_at"], name="chat_msg_created"),
            # Operator dashboard: per-role time windows, and out-of-scope questions newest first.
            models.Index(fields=["role", "created_at"], name="chat_msg_role_created"),
            # (also serves the intent alone: no index of the intent by itself, one less written per message)
            models.Index(fields=["intent", "-created_at"], name="chat_msg_intent_created"),
            # The orphan sweep reads only questions still in flight (the lease is cleared on answer).
            models.Index(fields=["lease_until"], name="chat_msg_lease_open",
                         condition=Q(lease_until__isnull=False)),
        ]

    def __str__(self) -> str:
        return f"{self.role}: {self.content[:60]}"


class Feedback(models.Model):
    """A thumbs up/down on an assistant message; one per message and identity (last one wins)."""

    class Rating(models.TextChoices):
        UP = "up", "Thumbs up"
        DOWN = "down", "Thumbs down"

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="feedback")
    rating = models.CharField(max_length=4, choices=Rating.choices)
    comment = models.TextField(blank=True, max_length=1000)
    identity_key = models.CharField(max_length=80)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["message", "identity_key"], name="chat_feedback_one_per_identity"),
        ]
        indexes = [models.Index(fields=["rating", "-created_at"], name="chat_feedback_rating")]

    def __str__(self) -> str:
        return f"{self.rating} on {self.message_id}"
