"""The operator settles a legacy unknown through the admin: a bet sent before bets carried an idempotency key (the
reconciler cannot ask the bookmaker about it) becomes placed or void only with a note, through the slip's locked
move with its audit entry, and the admin log records the values. Nothing else can be settled, and staff who may
only look cannot settle."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.utils import timezone

from accounts.tests.factories import UserFactory
from betting import selectors
from betting.models import LEGACY_UNKNOWN, BetAuditEntry, BetSlip
from chatbet_project.admin_audit import change_values

pytestmark = pytest.mark.django_db

LIST = "/admin/betting/betslip/"


def slip(user, *, state=BetSlip.State.OUTCOME_UNKNOWN, reason_code=LEGACY_UNKNOWN, stake="10") -> BetSlip:
    """A bet as `betting/0005_placements_to_slips` left it (a pending placement of before slips existed)."""
    at = timezone.now() - timedelta(hours=1)
    return BetSlip.objects.create(
        user=user, state=state, reason_code=reason_code, fixture_id="f1", fixture_label="Arsenal vs Chelsea",
        market="1x2", selection="home", label="Arsenal to win", bet_id="b1", odds=Decimal("1.90"),
        stake=Decimal(stake), currency="USD", possible_win=Decimal(stake) * Decimal("1.90"), proposed_by="legacy",
        created_at=at, updated_at=at, expires_at=at, confirmed_at=at, placed_odds=Decimal("1.90"))


def settle(client, slips, **form):
    body = {"action": "settle_legacy_action", "_selected_action": [str(s.pk) for s in slips], **form}
    return client.post(LIST, body)


@pytest.mark.parametrize(("outcome", "state", "listed"), [("placed", "placed", True), ("void", "refused", False)])
def test_an_operator_settles_a_legacy_unknown_with_a_note(admin_client, admin_user, outcome, state, listed):
    owner = UserFactory()
    legacy, other = slip(owner), slip(owner, reason_code="bet_outcome_unknown", stake="5")
    asked = settle(admin_client, [legacy, other])  # the action asks first: the outcome and the note
    assert asked.status_code == 200 and b'name="note"' in asked.content
    assert b"1 selected slip(s) are not legacy unknowns" in asked.content
    no_note = settle(admin_client, [legacy], apply="Settle", outcome=outcome, note="  ")
    assert no_note.status_code == 200 and b"This field is required" in no_note.content
    assert BetSlip.objects.get(pk=legacy.pk).state == "outcome_unknown"  # nothing without a note

    note = "Bookmaker support, ticket 4411: " + ("bet stands" if outcome == "placed" else "no such bet")
    done = settle(admin_client, [legacy, other], apply="Settle", outcome=outcome, note=note)
    assert done.status_code == 302
    settled = BetSlip.objects.get(pk=legacy.pk)
    assert (settled.state, settled.reason_code, settled.reason) == (state, f"operator_{outcome}", note)
    entry = BetAuditEntry.objects.get(slip_id=legacy.pk)
    assert (entry.status, entry.from_state, entry.actor) == (state, "outcome_unknown", "operator")
    assert entry.upstream == {"settled_by": admin_user.username, "outcome": outcome, "note": note}
    [log] = LogEntry.objects.filter(object_id=str(legacy.pk))
    assert change_values(log.change_message)[0]["values"]["state"] == ["outcome_unknown", state]
    assert BetSlip.objects.get(pk=other.pk).state == "outcome_unknown"  # only legacy unknowns are settled
    assert (legacy.pk in {s.pk for s in selectors.list_bets(user_id=owner.pk)}) is listed  # "my bets" follows it
    since = timezone.now() - timedelta(days=1)
    assert selectors.staked_since(user_id=owner.pk, since=since) == Decimal("5") + (10 if listed else 0)


def test_staff_who_may_only_look_cannot_settle(client):
    staff = UserFactory(is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(codename="view_betslip"))
    client.force_login(staff)
    legacy = slip(UserFactory())
    assert client.get(LIST).status_code == 200
    settle(client, [legacy], apply="Settle", outcome="void", note="trust me")
    assert BetSlip.objects.get(pk=legacy.pk).state == "outcome_unknown"
    assert not BetAuditEntry.objects.filter(slip_id=legacy.pk).exists()


def test_a_slip_settled_by_another_operator_meanwhile_is_left_and_said(admin_client, monkeypatch):
    """Two operators settle the same batch: the second one's page says which were already settled (never a 500)
    and leaves them as the first one decided."""
    from betting import admin as betting_admin
    from betting.services.slips import settle_legacy_slip

    owner = UserFactory()
    first, second = slip(owner), slip(owner, stake="7")

    raced = []

    def meanwhile(**kwargs):  # another operator settles the other slip void between the list and this loop
        if not raced:
            raced.append(second.pk if kwargs["slip_id"] == first.pk else first.pk)
            settle_legacy_slip(slip_id=raced[0], outcome="void", note="other operator", operator="other")
        return settle_legacy_slip(**kwargs)

    monkeypatch.setattr(betting_admin, "settle_legacy_slip", meanwhile)
    done = settle(admin_client, [first, second], apply="Settle", outcome="placed", note="ticket 12")
    assert done.status_code == 302
    page = admin_client.get(done.url).content.decode()
    assert "1 legacy bet(s) settled as placed. 1 had been settled meanwhile" in page
    other = BetSlip.objects.get(pk=raced[0])
    mine = BetSlip.objects.get(pk=({first.pk, second.pk} - {other.pk}).pop())
    assert mine.state == "placed" and (other.state, other.reason) == ("refused", "other operator")
