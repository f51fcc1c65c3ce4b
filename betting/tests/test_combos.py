"""Accumulators: one slip of several legs (one per match), priced by the upstream's combo calculation and
placed as one bet under the same rules as a single (locked moves, audit, at most once, the price rule)."""

from __future__ import annotations

import dataclasses
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.utils import timezone

from accounts.selectors import get_betting_link
from betting.errors import BettingRefusal, PriceMoved
from betting.models import BetAuditEntry, BetSlip
from betting.services import slips
from betting.tests import factories
from betting.tests.factories import USER_KEY, bets_sent
from sports.services.fixtures import find_fixtures
from sports.services.odds import get_odds

pytestmark = pytest.mark.django_db
sandbox = factories.sandbox
linked_user = factories.linked_user


def _playable(provider, user) -> Decimal:
    return provider.balance(upstream_user_id=user.profile.upstream_user_id, user_key=USER_KEY).playable


def _legs(*, bumps=(0.0, 0.0), same_fixture: bool = False) -> list[slips.LegOffer]:
    first = find_fixtures(team="Arsenal", limit=1)[0]
    second = first if same_fixture else find_fixtures(team="Real Madrid", limit=1)[0]
    legs = []
    for (fixture, selection), bump in zip([(first, "home"), (second, "draw")], bumps, strict=True):
        price = get_odds(fixture_id=fixture.id).markets["1x2"].selections[selection]
        if bump:
            price = dataclasses.replace(price, odds=round(price.odds + bump, 2))
        legs.append(slips.LegOffer(fixture=fixture, price=price, market="1x2", selection=selection,
                                   label=f"{selection} in {fixture.title}"))
    return legs


def _propose(user, legs, *, stake="10", language="en"):
    return slips.propose_combo_slip(link=get_betting_link(user_id=user.pk), legs=legs, stake=Decimal(stake),
                                    language=language, proposed_by="test", now=timezone.now())


def _confirm(user, slip, **kwargs):
    return slips.confirm_slip(user_id=user.pk, slip_id=slip.pk, link=get_betting_link(user_id=user.pk), **kwargs)


def _product(legs) -> Decimal:
    odds = Decimal(1)
    for leg in legs:
        odds *= Decimal(str(leg.price.odds))
    return odds.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_a_combo_is_one_slip_at_the_combined_odds_placed_once(sandbox, linked_user):
    before = _playable(sandbox, linked_user)
    legs = _legs()
    slip = _propose(linked_user, legs)
    assert slip.is_combo and slip.odds == _product(legs)  # the upstream's figure: the product of the legs
    assert slip.possible_win == (Decimal("10") * slip.odds).quantize(Decimal("0.01"))
    assert [(leg.position, leg.fixture_id, leg.selection) for leg in slip.legs.all()] == [
        (0, legs[0].fixture.id, "home"), (1, legs[1].fixture.id, "draw")]

    placed = _confirm(linked_user, slip)
    slip.refresh_from_db()
    assert slip.state == BetSlip.State.PLACED and placed.upstream_bet_id
    assert _playable(sandbox, linked_user) == before - Decimal("10")  # one bet, one stake, not one per leg
    for _ in range(2):
        with pytest.raises(BettingRefusal) as refused:
            _confirm(linked_user, slip)
        assert refused.value.code == "already_confirmed"
    assert _playable(sandbox, linked_user) == before - Decimal("10")
    assert bets_sent() == 1 and BetSlip.objects.get(state=BetSlip.State.PLACED) == slip
    assert list(BetAuditEntry.objects.filter(slip=slip).order_by("created_at", "id")
                .values_list("status", flat=True)) == ["proposed", "confirmed", "placing", "placed"]
    found = sandbox.find_bet(user_key=USER_KEY, upstream_user_id=linked_user.profile.upstream_user_id,
                             idempotency_key=slip.idempotency_key)
    assert found["bet_id"] == placed.upstream_bet_id


@pytest.mark.parametrize(("language", "words"), [("en", "one selection per match"),
                                                 ("es", "una sola selección por partido")])
def test_two_legs_on_one_match_are_refused_with_a_sentence(sandbox, linked_user, language, words):
    legs = _legs(same_fixture=True)
    with pytest.raises(BettingRefusal) as refused:
        _propose(linked_user, legs, language=language)
    assert refused.value.code == "same_fixture_twice"
    assert words in str(refused.value) and legs[0].fixture.title in str(refused.value)
    assert not BetSlip.objects.exists()


def test_a_combo_whose_combined_price_dropped_is_shown_again_never_placed(sandbox, linked_user):
    before = _playable(sandbox, linked_user)
    shown = _propose(linked_user, _legs(bumps=(0.30, 0.0)), language="es")  # one leg has since dropped
    with pytest.raises(PriceMoved) as moved:
        _confirm(linked_user, shown, language="es")
    assert "La cuota cambió" in str(moved.value)
    shown.refresh_from_db()
    assert (shown.state, shown.reason_code) == (BetSlip.State.EXPIRED, "price_moved")
    fresh = moved.value.new_slip
    assert fresh.is_combo and fresh.odds == _product(_legs()) < shown.odds and fresh.legs.count() == 2
    assert [leg.label for leg in fresh.legs.all()] == [leg.label for leg in shown.legs.all()]
    assert _playable(sandbox, linked_user) == before and bets_sent() == 0
    assert _confirm(linked_user, fresh, language="es").slip.state == BetSlip.State.PLACED

    # One leg went down, the other up by more: the combined odds are better than shown, so it is placed.
    better = _propose(linked_user, _legs(bumps=(0.05, -0.40)))
    placed = _confirm(linked_user, better)
    assert placed.slip.state == BetSlip.State.PLACED and placed.slip.placed_odds >= better.odds
    assert placed.slip.possible_win == (Decimal("10") * placed.slip.placed_odds).quantize(Decimal("0.01"))


def test_a_lost_combo_reply_is_reconciled_not_resent(settings, linked_user):
    from betting import tasks
    from conftest import frozen_provider

    with frozen_provider(settings, "betting.tests.providers.LostComboReplyProvider") as upstream:
        before = _playable(upstream, linked_user)
        slip = _propose(linked_user, _legs())
        with pytest.raises(BettingRefusal) as refused:
            _confirm(linked_user, slip)
        assert refused.value.code == "bet_outcome_unknown"
        BetSlip.objects.filter(pk=slip.pk).update(updated_at=slip.updated_at - tasks.STUCK_AFTER * 2)
        assert tasks.reconcile_outcomes() == {"placed": 1}
        slip.refresh_from_db()
        assert slip.state == BetSlip.State.PLACED and _playable(upstream, linked_user) == before - Decimal("10")


def test_the_admin_shows_a_combos_legs_read_only(sandbox, linked_user, admin_client):
    slip = _propose(linked_user, _legs())
    page = admin_client.get(f"/admin/betting/betslip/{slip.pk}/change/")
    assert page.status_code == 200
    body = page.content.decode()
    assert all(leg.label in body for leg in slip.legs.all())
    assert 'name="legs-0-odds"' not in body  # shown, not editable


@pytest.mark.stack
@pytest.mark.django_db(transaction=True)
def test_concurrent_confirmations_of_one_combo_place_it_once(sandbox, linked_user):
    """Eight confirmations of the same accumulator at once (threads, each its own connection): the row lock lets
    one reach the upstream; the rest are told it was confirmed already. One stake is charged. (SQLite refuses a
    waiting writer outright, sometimes all eight: those users press again, one after the other.)"""
    import threading

    from django.db import OperationalError, connection, connections

    before = _playable(sandbox, linked_user)
    slip = _propose(linked_user, _legs())
    start = threading.Barrier(8)
    outcomes: list[str] = []

    def confirm() -> None:
        try:
            start.wait(timeout=10)
            try:
                outcomes.append(_confirm(linked_user, slip).slip.state)
            except BettingRefusal as refusal:
                outcomes.append(refusal.code)
            except OperationalError:  # SQLite's in-memory test database refuses a waiting writer outright
                outcomes.append("database_locked")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=confirm) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(outcomes) == 8, outcomes
    if connection.vendor != "postgresql":  # SQLite may refuse all eight writers at once: each user presses again
        assert "database_locked" in outcomes or outcomes.count(BetSlip.State.PLACED) == 1, outcomes
        retried = []
        for outcome in outcomes:
            if outcome != "database_locked":
                retried.append(outcome)
                continue
            try:
                retried.append(_confirm(linked_user, slip).slip.state)
            except BettingRefusal as refusal:
                retried.append(refusal.code)
        outcomes = retried
    assert outcomes.count(BetSlip.State.PLACED) == 1, outcomes
    assert set(outcomes) - {BetSlip.State.PLACED} <= {"already_confirmed"}
    assert _playable(sandbox, linked_user) == before - Decimal("10")
    assert bets_sent() == 1


def test_a_combo_through_the_http_provider_reaches_the_fake_upstream_once(settings, linked_user):
    """The whole path with the real HTTP client: slip service → `POST /place-combo-bet` on a real socket, with
    every leg and the slip's idempotency key, sent once however many times the slip is confirmed."""
    from sports.providers import get_provider
    from sports.tests.fake_upstream import FakeUpstream

    server = FakeUpstream().start()
    server.upstream.freeze(timezone.now())  # odds hold still between proposal and confirmation
    settings.SPORTS_PROVIDER = "sports.providers.http.ChatBetHTTPProvider"
    settings.CHATBET_API_BASE_URL = server.url
    settings.CHATBET_API_TIMEOUT = 2
    get_provider.cache_clear()
    try:
        legs = _legs()
        slip = _propose(linked_user, legs)
        assert slip.odds == _product(legs) and server.hits("/combo-bet-calculation") == 1
        placed = _confirm(linked_user, slip)
        assert placed.slip.state == BetSlip.State.PLACED and placed.upstream_bet_id
        with pytest.raises(BettingRefusal):
            _confirm(linked_user, slip)
        [sent] = [r.body for r in server.requests if r.path == "/place-combo-bet"]
        assert sent["betInfo"]["idempotencyKey"] == slip.idempotency_key and sent["betInfo"]["amount"] == "10.00"
        assert [leg["fixtureId"] for leg in sent["betInfo"]["betId"]] == [leg.fixture.id for leg in legs]
        assert server.hits("/place-bet") == 0
        balance = server.upstream.balance_json(user_id=linked_user.profile.upstream_user_id, user_key=USER_KEY)[1]
        assert Decimal(str(balance["playableBalance"])) == Decimal("990")
    finally:
        get_provider.cache_clear()
        server.stop()


def test_a_leg_whose_line_changed_is_shown_again_never_placed_on_another_line(sandbox, linked_user):
    """"Over 2.5" confirmed must never become a bet on "over 3.5" because the book's main line moved, even when
    the odds look as good or better: the slip expires and the legs are shown again with the new line."""
    over = get_odds(fixture_id=find_fixtures(team="Napoli", limit=1)[0].id).markets["over_under"]
    fixture = find_fixtures(team="Napoli", limit=1)[0]
    legs = [_legs()[0], slips.LegOffer(fixture=fixture, price=over.selections["over"], market="over_under",
                                       selection="over", label=f"Over {over.selections['over'].line} goals")]
    shown = _propose(linked_user, legs)
    shown.legs.filter(selection="over").update(line="9.5", label="Over 9.5 goals")  # the line the user saw
    with pytest.raises(PriceMoved) as moved:
        _confirm(linked_user, shown)
    shown.refresh_from_db()
    assert (shown.state, shown.reason_code) == (BetSlip.State.EXPIRED, "price_moved") and "line" in shown.reason
    fresh = moved.value.new_slip.legs.get(selection="over")
    assert fresh.line == str(over.selections["over"].line) and fresh.label == f"Over {fresh.line} goals"
    assert bets_sent() == 0


@pytest.mark.stack
@pytest.mark.django_db(transaction=True)
def test_the_upstreams_yes_is_recorded_though_another_connection_holds_the_slip_a_moment(sandbox, linked_user,
                                                                                       monkeypatch):
    """The upstream took the bet; at that instant another connection (a second confirmation, the reconciler) holds
    the slip's row. The user is told it was placed and the slip says so, instead of being left `placing` for the
    reconciler: PostgreSQL waits for the row, SQLite's refusal ("locked") is waited out. One bet sent."""
    import threading

    from django.db import connections, transaction
    from django.db.models import F

    slip = _propose(linked_user, _legs())
    held = threading.Event()

    def hold_the_slip() -> None:
        try:
            with transaction.atomic():
                BetSlip.objects.filter(pk=slip.pk).update(updated_at=F("updated_at"))
                held.set()
                threading.Event().wait(0.3)  # the other connection's moment
        finally:
            connections.close_all()

    place = sandbox.place_combo_bet

    def place_then_someone_holds_the_slip(**kwargs):
        receipt = place(**kwargs)
        holder = threading.Thread(target=hold_the_slip)
        holder.start()
        assert held.wait(timeout=10)
        return receipt

    monkeypatch.setattr(sandbox, "place_combo_bet", place_then_someone_holds_the_slip)
    placed = _confirm(linked_user, slip)
    assert placed.recorded and placed.slip.state == BetSlip.State.PLACED and placed.upstream_bet_id
    slip.refresh_from_db()
    assert slip.state == BetSlip.State.PLACED and slip.upstream_bet_id == placed.upstream_bet_id
    assert bets_sent() == 1
