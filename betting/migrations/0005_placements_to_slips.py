"""The slip becomes the one record of a bet (issue 16), step 2 of 3: every placement row's data moves to a slip.

- A placement that has its slip (every bet placed since slips exist): the slip already holds the bet (state, stake,
  currency, its idempotency key = the placement's `claim_key`, the upstream reference and potential return once
  decided). It takes what only the placement held: the odds the bet was sent at (`placed_odds`), the upstream
  reference if the slip lacks it, and, while the outcome is open (`placing`, `outcome_unknown`), the potential
  return at those odds.
- A placement without a slip (a bet placed before slips existed) becomes a slip in the matching final state with
  one leg, as 0003 gave every slip its legs: PLACED -> `placed`, FAILED -> `refused`, PENDING -> `outcome_unknown`
  with reason code `legacy_unknown`. Those bets were sent without an idempotency key, so the reconciler cannot ask
  the upstream about them (a "not found" would wrongly refuse a bet that may stand): it leaves them, they keep
  counting against their day's limit as a pending placement did, and "my bets" shows them as unknown. Such a slip
  is `proposed_by` "legacy"; its key is the placement's claim key (a uuid4 hex) when that fits and is free, and
  its times are the placement's `created_at`.

Reversible: going back gives every slip that reached the upstream (`placed_odds` set) its placement row again, and
turns the legacy slips back into the placements they came from.
"""

import uuid
from decimal import ROUND_HALF_UP, Decimal

from django.db import migrations

LEGACY_UNKNOWN = "legacy_unknown"  # betting.models.LEGACY_UNKNOWN when this was written
LEGACY = "legacy"
STATES = {"placed": "placed", "failed": "refused", "pending": "outcome_unknown"}
REASONS = {
    "refused": ("legacy_refused", "refused by the upstream (a bet placed before slips existed)"),
    "outcome_unknown": (LEGACY_UNKNOWN, "sent before bets carried an idempotency key; its outcome was never "
                                        "recorded, so the upstream cannot be asked about it"),
}
OPEN = ("placing", "outcome_unknown")


def _money(value) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def placements_to_slips(apps, schema_editor):
    placements = apps.get_model("betting", "BetPlacement")
    slips = apps.get_model("betting", "BetSlip")
    legs = apps.get_model("betting", "BetSlipLeg")
    profiles = apps.get_model("accounts", "Profile")

    for slip in slips.objects.exclude(placement=None).select_related("placement").iterator():
        placement = slip.placement
        changed = {"placed_odds": placement.odds}
        if not slip.upstream_bet_id and placement.upstream_bet_id:
            changed["upstream_bet_id"] = placement.upstream_bet_id
        if slip.state in OPEN and placement.possible_win is not None:
            changed["possible_win"] = placement.possible_win
        slips.objects.filter(pk=slip.pk).update(**changed)

    used = set(slips.objects.values_list("idempotency_key", flat=True))
    languages = dict(profiles.objects.values_list("user_id", "language"))
    linked = slips.objects.exclude(placement=None).values("placement_id")
    new_legs = []
    for placement in placements.objects.exclude(pk__in=linked).order_by("pk").iterator():
        state = STATES.get(placement.status, "outcome_unknown")
        reason_code, reason = REASONS.get(state, ("", ""))
        key = placement.claim_key or ""
        if not key or len(key) > 64 or key in used:
            if key:  # kept, though it cannot be the slip's key (never sent upstream: nothing to look up by it)
                reason = f"{reason} (claim key {key})".strip()[:300]
            key = uuid.uuid4().hex
        used.add(key)
        at = placement.created_at
        slip = slips.objects.create(
            id=uuid.uuid4(), user_id=placement.user_id, conversation_id=placement.conversation_id, state=state,
            fixture_id=placement.fixture_id, fixture_label=placement.fixture_label, market=placement.market,
            selection=placement.selection, bet_id=placement.bet_id, odds=placement.odds, placed_odds=placement.odds,
            stake=placement.stake, currency=placement.currency,
            possible_win=(placement.possible_win if placement.possible_win is not None
                          else _money(placement.stake * placement.odds)),
            language=languages.get(placement.user_id) or "en", proposed_by=LEGACY, idempotency_key=key,
            upstream_bet_id=placement.upstream_bet_id, reason_code=reason_code, reason=reason, created_at=at,
            expires_at=at, confirmed_at=at, decided_at=at if state in ("placed", "refused") else None, updated_at=at,
        )
        new_legs.append(legs(slip_id=slip.pk, position=0, fixture_id=placement.fixture_id,
                             fixture_label=placement.fixture_label, market=placement.market,
                             selection=placement.selection, bet_id=placement.bet_id, odds=placement.odds))
    legs.objects.bulk_create(new_legs, batch_size=500)


def slips_to_placements(apps, schema_editor):
    placements = apps.get_model("betting", "BetPlacement")
    slips = apps.get_model("betting", "BetSlip")
    for slip in slips.objects.filter(placed_odds__isnull=False).order_by("created_at").iterator():
        placement = placements.objects.create(
            user_id=slip.user_id, conversation_id=slip.conversation_id, fixture_id=slip.fixture_id,
            fixture_label=slip.fixture_label, market=slip.market, selection=slip.selection, bet_id=slip.bet_id,
            odds=slip.placed_odds, stake=slip.stake, currency=slip.currency, possible_win=slip.possible_win,
            upstream_bet_id=slip.upstream_bet_id,
            status={"placed": "placed", "refused": "failed"}.get(slip.state, "pending"),
            claim_key=slip.idempotency_key, created_at=slip.confirmed_at or slip.created_at,
        )
        if slip.proposed_by == LEGACY:
            slips.objects.filter(pk=slip.pk).delete()  # its leg goes with it
        else:
            slips.objects.filter(pk=slip.pk).update(placement=placement)


class Migration(migrations.Migration):

    dependencies = [
        ('betting', '0004_slip_placed_odds'),
        ('accounts', '0002_profile'),
    ]

    operations = [
        migrations.RunPython(placements_to_slips, slips_to_placements),
    ]
