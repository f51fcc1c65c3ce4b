"""The slip state machine through its service: each move locked, audited, and a slip placed at most once."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.selectors import get_betting_link
from betting.errors import BettingRefusal, PriceMoved
from betting.models import BetAuditEntry, BetSlip
from betting.services import slips
from betting.tests import factories
from betting.tests.factories import USER_KEY, bets_sent, link_user
from sports.services.fixtures import find_fixtures
from sports.services.odds import get_odds

pytestmark = pytest.mark.django_db
sandbox = factories.sandbox
linked_user = factories.linked_user


def _playable(provider, user) -> Decimal:
    return provider.balance(upstream_user_id=user.profile.upstream_user_id, user_key=USER_KEY).playable


def _propose(user, *, stake="10", language="en", odds_bump: float = 0.0, now=None, conversation_id=None):
    fixture = find_fixtures(team="Arsenal", limit=1)[0]
    price = get_odds(fixture_id=fixture.id).markets["1x2"].selections["home"]
    if odds_bump:
        price = dataclasses.replace(price, odds=round(price.odds + odds_bump, 2))
    return slips.propose_slip(link=get_betting_link(user_id=user.pk), fixture=fixture, price=price, market="1x2",
                              selection="home", stake=Decimal(stake), label="home", language=language,
                              conversation_id=conversation_id, proposed_by="test", now=now or timezone.now())


def _confirm(user, slip, **kwargs):
    return slips.confirm_slip(user_id=user.pk, slip_id=slip.pk, link=get_betting_link(user_id=user.pk), **kwargs)


def _trail(slip) -> list[tuple[str, str, str]]:
    return list(BetAuditEntry.objects.filter(slip=slip).order_by("created_at", "id")
                .values_list("from_state", "status", "actor"))


def test_a_confirmed_slip_is_placed_once_and_every_move_is_audited(sandbox, linked_user):
    before = _playable(sandbox, linked_user)
    slip = _propose(linked_user)
    assert slip.state == BetSlip.State.PROPOSED and slip.currency == linked_user.profile.currency
    placed = _confirm(linked_user, slip)
    slip.refresh_from_db()
    assert slip.state == BetSlip.State.PLACED and slip.upstream_bet_id == placed.upstream_bet_id
    assert _playable(sandbox, linked_user) == before - Decimal("10")
    assert _trail(slip) == [("", "proposed", "user"), ("proposed", "confirmed", "user"),
                            ("confirmed", "placing", "system"), ("placing", "placed", "system")]
    assert (slip.placed_odds, slip.possible_win) == (slip.odds, placed.possible_win) and bets_sent() == 1

    for again in range(2):  # a second and third yes to the same slip change nothing
        with pytest.raises(BettingRefusal) as refused:
            _confirm(linked_user, slip)
        assert refused.value.code == "already_confirmed"
    assert _playable(sandbox, linked_user) == before - Decimal("10")
    assert bets_sent() == 1 and len(_trail(slip)) == 4
    with pytest.raises(BettingRefusal):
        slips.cancel_slip(user_id=linked_user.pk, slip_id=slip.pk)


def test_a_cancelled_or_expired_slip_is_never_placed(sandbox, linked_user):
    before = _playable(sandbox, linked_user)
    cancelled = _propose(linked_user)
    slips.cancel_slip(user_id=linked_user.pk, slip_id=cancelled.pk)
    with pytest.raises(BettingRefusal) as refused:
        _confirm(linked_user, cancelled)
    assert refused.value.code == "slip_cancelled"

    now = timezone.now()
    late = _propose(linked_user, now=now)
    with pytest.raises(BettingRefusal) as refused:
        _confirm(linked_user, late, now=now + slips.PROPOSAL_TTL + timedelta(seconds=1))
    assert refused.value.code == "slip_expired"
    late.refresh_from_db()
    assert late.state == BetSlip.State.EXPIRED and _trail(late)[-1] == ("proposed", "expired", "system")

    forgotten = _propose(linked_user, now=now)
    assert slips.expire_slips(now=now + slips.PROPOSAL_TTL + timedelta(seconds=1)) == 1
    forgotten.refresh_from_db()
    assert forgotten.state == BetSlip.State.EXPIRED
    assert _playable(sandbox, linked_user) == before and bets_sent() == 0


def test_someone_elses_slip_is_not_found(sandbox, linked_user):
    from accounts.tests.factories import UserFactory

    other = link_user(UserFactory(), user_key="other-key-5678")
    slip = _propose(linked_user)
    with pytest.raises(BettingRefusal) as refused:
        _confirm(other, slip)
    assert refused.value.code == "not_found" and refused.value.status == 404
    with pytest.raises(BettingRefusal):
        _confirm(linked_user, slip, token="not-the-slips-key")
    slip.refresh_from_db()
    assert slip.state == BetSlip.State.PROPOSED


def test_a_worse_price_is_shown_again_never_placed(sandbox, linked_user):
    before = _playable(sandbox, linked_user)
    shown = _propose(linked_user, odds_bump=0.30, language="es")  # the price has since dropped by 0.30
    with pytest.raises(PriceMoved) as moved:
        _confirm(linked_user, shown, language="es")
    assert "La cuota cambió" in str(moved.value) and "no se colocó nada" in str(moved.value)
    shown.refresh_from_db()
    assert (shown.state, shown.reason_code) == (BetSlip.State.EXPIRED, "price_moved")
    fresh = moved.value.new_slip
    assert fresh.state == BetSlip.State.PROPOSED and fresh.odds == shown.odds - Decimal("0.30")
    assert _playable(sandbox, linked_user) == before
    better = _propose(linked_user, odds_bump=-0.20)  # the price went up since: confirmed at the better price
    assert _confirm(linked_user, better).slip.state == BetSlip.State.PLACED


@pytest.mark.parametrize(("language", "words"), [("en", "playable balance is 1000.00 USD"),
                                                 ("es", "saldo disponible es 1000.00 USD"),
                                                 ("pt_br", "saldo disponível é 1000.00 USD")])
def test_a_stake_above_the_balance_is_never_offered(sandbox, linked_user, language, words):
    with pytest.raises(BettingRefusal) as refused:
        _propose(linked_user, stake="50000", language=language)
    assert refused.value.code == "insufficient_balance" and words in str(refused.value)
    assert not BetSlip.objects.exists()
    assert BetAuditEntry.objects.get().status == BetAuditEntry.Status.REJECTED


def test_limits_and_self_exclusion_are_checked_again_when_placing(sandbox, linked_user):
    slip = _propose(linked_user, stake="30")
    link_user(linked_user, daily_stake_limit=Decimal("25"))  # lowered after the slip was shown
    with pytest.raises(BettingRefusal) as refused:
        _confirm(linked_user, slip, language="pt_br")
    assert refused.value.code == "daily_limit" and "limite diário" in str(refused.value)
    slip.refresh_from_db()
    assert slip.state == BetSlip.State.REFUSED and _trail(slip)[-1] == ("confirmed", "refused", "system")

    link_user(linked_user, daily_stake_limit=None)
    excluded = _propose(linked_user)
    link_user(linked_user, self_excluded_until=timezone.now() + timedelta(days=30))
    with pytest.raises(BettingRefusal) as refused:
        _confirm(linked_user, excluded)
    assert refused.value.code == "self_excluded" and bets_sent() == 0


def test_a_new_proposal_replaces_the_one_waiting_in_the_conversation(sandbox, linked_user):
    import uuid

    conversation = uuid.uuid4()
    first = _propose(linked_user, conversation_id=conversation)
    assert _propose(linked_user, conversation_id=conversation).pk == first.pk  # the same bet shown again
    second = _propose(linked_user, stake="12", conversation_id=conversation)
    first.refresh_from_db()
    assert (first.state, first.reason_code) == (BetSlip.State.EXPIRED, "superseded")
    from betting.selectors import waiting_slips

    assert waiting_slips(user_id=linked_user.pk, conversation_id=conversation) == [second.pk]


@pytest.mark.parametrize(("provider", "settled"), [("betting.tests.providers.LostReplyProvider", "placed"),
                                                    ("betting.tests.providers.LostRequestProvider", "refused")])
def test_a_lost_reply_stays_unknown_and_is_reconciled_never_resent(settings, linked_user, provider, settled):
    from conftest import frozen_provider

    with frozen_provider(settings, provider) as upstream:
        before = _playable(upstream, linked_user)
        slip = _propose(linked_user)
        with pytest.raises(BettingRefusal) as refused:
            _confirm(linked_user, slip)
        assert refused.value.code == "bet_outcome_unknown" and "try again" not in str(refused.value)
        slip.refresh_from_db()
        assert slip.state == BetSlip.State.OUTCOME_UNKNOWN
        with pytest.raises(BettingRefusal):  # the user's next yes does not send it again
            _confirm(linked_user, slip)

        from betting import tasks

        BetSlip.objects.filter(pk=slip.pk).update(updated_at=slip.updated_at - tasks.STUCK_AFTER * 2)
        assert tasks.reconcile_outcomes() == {settled: 1}
        slip.refresh_from_db()
        charged = Decimal("10") if settled == "placed" else Decimal("0")
        assert slip.state == settled and _playable(upstream, linked_user) == before - charged
        assert _trail(slip)[-1] == ("outcome_unknown", settled, "reconciler")
        assert bets_sent() == 1 and bool(slip.upstream_bet_id) == (settled == "placed")
        assert tasks.reconcile_outcomes() == {}  # settled once
