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
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages")
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
            models.Index(fields=["intent"], name="chat_msg_intent"),
            models.Index(fields=["-created_at"], name="chat_msg_created"),
            # Operator dashboard: per-role time windows, and out-of-scope questions newest first.
            models.Index(fields=["role", "created_at"], name="chat_msg_role_created"),
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


class BetPlacement(models.Model):
    """A real bet the assistant placed after an explicit confirmation (audit + daily stake limit).

    A row is written as PENDING *before* the upstream call: its `claim_key` (unique per user) is the
    pending bet the user confirmed, so two confirmations of the same bet cannot both reach the upstream.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"  # claimed, upstream call in flight (or its outcome unrecorded)
        PLACED = "placed", "Placed"
        FAILED = "failed", "Failed"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="chat_bets")
    conversation = models.ForeignKey(Conversation, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="bets")
    fixture_id = models.CharField(max_length=64)
    fixture_label = models.CharField(max_length=200, blank=True)
    market = models.CharField(max_length=40)
    selection = models.CharField(max_length=40)
    bet_id = models.CharField(max_length=100)
    odds = models.DecimalField(max_digits=10, decimal_places=3)
    stake = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3, default="USD")
    possible_win = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    upstream_bet_id = models.CharField(max_length=100, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLACED)
    # The confirmed pending bet's token; NULL for rows older than the claim (NULLs never collide).
    claim_key = models.CharField(max_length=120, null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        indexes = [models.Index(fields=["user", "-created_at"], name="chat_bet_user_created")]
        constraints = [models.UniqueConstraint(fields=["user", "claim_key"], name="chat_bet_one_claim")]

    def __str__(self) -> str:
        return f"{self.stake} on {self.selection} @ {self.odds} ({self.fixture_label or self.fixture_id})"


# --- operations: append-only bet audit (owned by the ops work; keep additions below this line) --------


class ImmutableRecord(Exception):
    """Audit entries are append-only: they are never updated or deleted."""


class BetAuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableRecord("Bet audit entries are append-only; they cannot be updated.")

    def delete(self):
        raise ImmutableRecord("Bet audit entries are append-only; they cannot be deleted.")


class BetAuditEntry(models.Model):
    """Every bet simulation and real-bet step (asked, confirmed, placed or failed), as it happened.

    The user and conversation are kept as plain ids, not cascading foreign keys, so deleting a user
    or a conversation never rewrites or removes the trail.
    """

    class Kind(models.TextChoices):
        SIMULATION = "simulation", "Simulation"
        PLACEMENT = "placement", "Real bet"

    class Status(models.TextChoices):
        SIMULATED = "simulated", "Simulated"
        CONFIRMATION_REQUIRED = "confirmation_required", "Shown, awaiting confirmation"
        PLACED = "placed", "Placed"
        REJECTED = "rejected", "Rejected"
        FAILED = "failed", "Failed"
        OUTCOME_UNKNOWN = "outcome_unknown", "Outcome unknown (may be placed)"

    kind = models.CharField(max_length=12, choices=Kind.choices)
    status = models.CharField(max_length=24, choices=Status.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.DO_NOTHING,
                             db_constraint=False, related_name="+")
    identity_key = models.CharField(max_length=80)
    session_id = models.UUIDField(null=True, blank=True)
    fixture_id = models.CharField(max_length=64, blank=True)
    fixture_label = models.CharField(max_length=200, blank=True)
    market = models.CharField(max_length=40, blank=True)
    selection = models.CharField(max_length=40, blank=True)
    stake = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    odds = models.DecimalField(max_digits=10, decimal_places=3, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    request = models.JSONField(default=dict, blank=True)  # the tool arguments as asked
    confirmation = models.JSONField(default=dict, blank=True)  # the user's words and whether they confirmed
    upstream = models.JSONField(default=dict, blank=True)  # the tool/upstream answer (or the error)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = BetAuditQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "bet audit entry"
        verbose_name_plural = "bet audit trail"
        indexes = [
            models.Index(fields=["user", "-created_at"], name="chat_betaudit_user_created"),
            models.Index(fields=["kind", "-created_at"], name="chat_betaudit_kind_created"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.status}: {self.stake or '?'} @ {self.odds or '?'} ({self.fixture_label or '-'})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableRecord("Bet audit entries are append-only; they cannot be updated.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableRecord("Bet audit entries are append-only; they cannot be deleted.")
