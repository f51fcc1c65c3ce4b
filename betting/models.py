"""A real-money bet: the slip (the one record of a bet, from the offer the user is shown and confirms to the
upstream's answer) with its legs, and the audit trail.

The audit table keeps its older name (`chat_betauditentry`): it moved here from `chat` by a state-only migration,
so every existing row stays where it was. The older placement table (`chat_betplacement`) was merged into the slip
(betting/migrations/0004-0006).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


def _new_key() -> str:
    return uuid.uuid4().hex


class Selection(models.Model):
    """What a bet is on (fixture, market, selection and line, as shown), shared by a slip and its legs."""

    fixture_id = models.CharField(max_length=64)
    fixture_label = models.CharField(max_length=200, blank=True)
    tournament_id = models.CharField(max_length=64, blank=True)
    sport_id = models.CharField(max_length=16, blank=True)
    start_time = models.DateTimeField(null=True, blank=True)
    market = models.CharField(max_length=40)
    selection = models.CharField(max_length=40)
    line = models.CharField(max_length=20, blank=True)
    label = models.CharField(max_length=200, blank=True)
    bet_id = models.CharField(max_length=100)

    class Meta:
        abstract = True


class BetSlip(Selection):
    """Exactly what the user will be charged for, and where it stands: the one record of a real-money bet.
    Only `betting.services.slips` moves it between states (each move locked, in one transaction with its audit
    entry). A slip reaches `placing` (the upstream) at most once; the slips in `placing`, `placed` and
    `outcome_unknown` are the user's stakes (the daily limit counts them, by `confirmed_at`)."""

    class State(models.TextChoices):
        PROPOSED = "proposed", "Proposed (shown, awaiting confirmation)"
        CONFIRMED = "confirmed", "Confirmed by the user"
        PLACING = "placing", "Being placed upstream"
        PLACED = "placed", "Placed"
        REFUSED = "refused", "Refused"
        OUTCOME_UNKNOWN = "outcome_unknown", "Outcome unknown (may be placed)"
        EXPIRED = "expired", "Expired"
        CANCELLED = "cancelled", "Cancelled"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bet_slips")
    conversation_id = models.UUIDField(null=True, blank=True)
    state = models.CharField(max_length=20, choices=State.choices, default=State.PROPOSED)
    odds = models.DecimalField(max_digits=10, decimal_places=3)
    stake = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3)
    possible_win = models.DecimalField(max_digits=14, decimal_places=2)
    language = models.CharField(max_length=8, default="en")
    # "offline", "llm", "api"; "legacy": a bet placed before slips existed (betting/migrations/0005)
    proposed_by = models.CharField(max_length=40, blank=True)
    model_name = models.CharField(max_length=80, blank=True)  # the LLM model, when one proposed it
    # Sent with the bet (and asked about by the reconciler); unique, so one key is one bet.
    idempotency_key = models.CharField(max_length=64, unique=True, default=_new_key)
    # The odds the bet was sent to the upstream at (the shown odds or better), set on the move to `placing`.
    placed_odds = models.DecimalField(max_digits=10, decimal_places=3, null=True, blank=True)
    upstream_bet_id = models.CharField(max_length=100, blank=True)
    # The ChatBet account (its upstream user id) charged, set at confirmation: its stakes stay on that account's
    # daily total whatever the login does with its link afterwards.
    chatbet_account = models.CharField(max_length=64, blank=True, default="")
    reason_code = models.CharField(max_length=40, blank=True)  # why it was refused / expired / is unknown
    reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField()
    confirmed_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)  # placed / refused / expired / cancelled
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="betting_slip_user_created"),
            models.Index(fields=["state", "updated_at"], name="betting_slip_state_updated"),
            models.Index(fields=["conversation_id", "state"], name="betting_slip_conv_state"),
            models.Index(fields=["user", "confirmed_at"], name="betting_slip_user_confirmed"),  # the daily limit
            models.Index(fields=["chatbet_account", "confirmed_at"], name="betting_slip_account_confirmed"),
        ]

    def __str__(self) -> str:
        return f"{self.state}: {self.stake} {self.currency} on {self.label or self.selection} @ {self.odds}"

    @property
    def is_combo(self) -> bool:
        return self.market == COMBO_MARKET


# A slip of two or more legs (an accumulator) carries this market; its fixture, selection and label fields then
# summarise the legs ("+"-joined) and its odds are the combined odds the upstream calculated.
COMBO_MARKET = "combo"  # an accumulator slip: `legs` holds its selections

# The reason code of a bet placed before slips existed whose outcome was never recorded (its placement row stayed
# pending; betting/migrations/0005 made it an `outcome_unknown` slip). It was sent without an idempotency key, so
# the upstream cannot be asked about it: the reconciler leaves it as it is (it may stand; an operator settles it).
LEGACY_UNKNOWN = "legacy_unknown"


class BetSlipLeg(Selection):
    """One selection of a slip: a single bet has one leg, an accumulator two or more, never two on one fixture.

    Written with the slip when it is proposed and never changed: the legs are part of what the user confirms."""

    slip = models.ForeignKey(BetSlip, on_delete=models.CASCADE, related_name="legs")
    position = models.PositiveSmallIntegerField()
    odds = models.DecimalField(max_digits=10, decimal_places=3)  # this leg's odds when the slip was proposed

    class Meta:
        ordering = ["slip", "position"]
        constraints = [
            models.UniqueConstraint(fields=["slip", "position"], name="betting_leg_position"),
            models.UniqueConstraint(fields=["slip", "fixture_id"], name="betting_leg_one_per_fixture"),
        ]

    def __str__(self) -> str:
        return f"{self.label or self.selection} @ {self.odds} ({self.fixture_label or self.fixture_id})"


class ImmutableRecord(Exception):
    """Audit entries are append-only: they are never updated or deleted."""


class BetAuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableRecord("Bet audit entries are append-only; they cannot be updated.")

    def delete(self):
        raise ImmutableRecord("Bet audit entries are append-only; they cannot be deleted.")


class BetAuditEntry(models.Model):
    """Every bet simulation and every slip transition (proposed, confirmed, placing, placed, refused...).

    The user, conversation and slip are kept as plain ids, not cascading foreign keys, so deleting a
    user or a conversation never rewrites or removes the trail.
    """

    class Kind(models.TextChoices):
        SIMULATION = "simulation", "Simulation"
        PLACEMENT = "placement", "Real bet"

    class Status(models.TextChoices):
        SIMULATED = "simulated", "Simulated"
        CONFIRMATION_REQUIRED = "confirmation_required", "Shown, awaiting confirmation (before slips)"
        PROPOSED = "proposed", "Slip proposed"
        CONFIRMED = "confirmed", "Slip confirmed"
        PLACING = "placing", "Slip being placed"
        PLACED = "placed", "Placed"
        REFUSED = "refused", "Slip refused"
        EXPIRED = "expired", "Slip expired"
        CANCELLED = "cancelled", "Slip cancelled"
        REJECTED = "rejected", "Rejected"
        FAILED = "failed", "Failed"
        OUTCOME_UNKNOWN = "outcome_unknown", "Outcome unknown (may be placed)"

    kind = models.CharField(max_length=12, choices=Kind.choices)
    status = models.CharField(max_length=24, choices=Status.choices)
    slip = models.ForeignKey(BetSlip, null=True, blank=True, on_delete=models.DO_NOTHING, db_constraint=False,
                             related_name="audit_entries")
    from_state = models.CharField(max_length=20, blank=True)  # the slip's state before this transition
    actor = models.CharField(max_length=40, blank=True)  # who moved it: user, system, expiry, reconciler
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
        db_table = "chat_betauditentry"
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
