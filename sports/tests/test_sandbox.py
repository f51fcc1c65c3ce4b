"""The sandbox is a realistic, deterministic upstream: catalogue, schedule, odds, bets."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest

from chatbet_project.errors import ChatBetError
from sports.providers.sandbox import SandboxProvider, SandboxUpstream

pytestmark = pytest.mark.django_db
CENT = Decimal("0.01")  # the upstream rounds money half-up


def _all_fixtures(provider):
    return [f for s in provider.sports() for live in (False, True) for f in provider.sport_fixtures(sport_id=s.id,
                                                                                                   live=live)]


def test_catalogue_holds_the_promised_competitions_in_three_languages(sandbox):
    names = {t.name for s in sandbox.sports() for t in sandbox.tournaments(sport_id=s.id)}
    assert {"LaLiga", "Premier League", "Serie A", "Bundesliga", "Ligue 1", "UEFA Champions League", "Liga BetPlay",
            "Brasileirão", "NBA", "ATP Tour"} <= names
    ucl = next(t for t in sandbox.tournaments(sport_id="1") if t.id == "7")
    assert ucl.names == {"en": "UEFA Champions League", "es": "Liga de Campeones de la UEFA",
                         "pt_br": "Liga dos Campeões da UEFA"}
    assert {s.names["es"] for s in sandbox.sports()} == {"Fútbol", "Baloncesto", "Tenis"}


def assert_busy_calendar(sandbox, now: datetime) -> None:
    """Today, tomorrow and the coming weekend have matches, and something is in play at `now`."""
    fixtures = _all_fixtures(sandbox)
    days = {f.start_time.date() for f in fixtures}
    saturday = now.date() + timedelta(days=(5 - now.weekday()) % 7)
    assert {now.date(), now.date() + timedelta(days=1), saturday, saturday + timedelta(days=1)} <= days
    live = [f for f in fixtures if f.status == "live"]
    assert live and all(f.start_time <= now for f in live)
    assert all(f.start_time > now for f in fixtures if f.status == "pre_match")


@pytest.mark.parametrize("hour", [0, 6, 11, 18, 23])
def test_today_tomorrow_and_the_weekend_always_have_matches_and_something_is_live(sandbox, fixed_clock, hour):
    now = fixed_clock.replace(hour=hour, minute=30)
    sandbox.freeze(now)
    assert_busy_calendar(sandbox, now)


def test_same_seed_same_catalogue_other_seed_other_pairings():
    at = datetime(2026, 11, 26, 12, tzinfo=UTC)
    a, b, c = (SandboxUpstream(seed=s) for s in (7, 7, 8))
    for up in (a, b, c):
        up.freeze(at)
    assert a.sports_fixtures_json(sport_id="1") == b.sports_fixtures_json(sport_id="1")
    assert a.sports_fixtures_json(sport_id="1") != c.sports_fixtures_json(sport_id="1")


def test_every_1x2_market_has_a_4_to_8_percent_overround(sandbox):
    fixtures = _all_fixtures(sandbox)[:150]
    for fixture in fixtures:
        board = sandbox.odds(fixture_id=fixture.id, sport_id=fixture.sport_id, tournament_id=fixture.tournament_id)
        assert 0.04 <= board.markets["1x2"].overround <= 0.08, (fixture.id, board.markets["1x2"])
    football = next(f for f in fixtures if f.sport_id == "1")
    board = sandbox.odds(fixture_id=football.id, sport_id="1", tournament_id=football.tournament_id)
    assert set(board.markets) == {"1x2", "double_chance", "over_under", "btts", "handicap", "half_time_result"}
    assert board.markets["over_under"].selections["over"].line == board.markets["over_under"].selections["under"].line


def test_odds_drift_over_time_but_stay_bounded(sandbox):
    later = sandbox.now() + timedelta(hours=4)  # still before kick-off after the 40 x 5 minutes below
    fixture = next(f for f in _all_fixtures(sandbox) if f.sport_id == "1" and f.start_time > later)
    seen = set()
    for _ in range(40):
        sandbox.advance(300)
        board = sandbox.odds(fixture_id=fixture.id, sport_id="1", tournament_id=fixture.tournament_id)
        home = board.markets["1x2"].selections["home"].odds
        seen.add(home)
        assert 0.04 <= board.markets["1x2"].overround <= 0.08
    assert len(seen) > 5
    assert max(seen) / min(seen) < 2.0


def test_place_bet_pays_amount_times_odds_and_debits_the_sandbox_balance(sandbox):
    user_id = sandbox.validate_user(user_key="demo-key-1")
    assert user_id and sandbox.validate_user(user_key="invalid-key") is None
    fixture = next(f for f in _all_fixtures(sandbox) if f.status == "pre_match")
    price = sandbox.odds(fixture_id=fixture.id, sport_id=fixture.sport_id,
                         tournament_id=fixture.tournament_id).markets["1x2"].selections["home"]
    before = sandbox.balance(upstream_user_id=user_id, user_key="demo-key-1")
    result = sandbox.place_bet(user_key="demo-key-1", upstream_user_id=user_id, fixture=fixture, price=price,
                               amount=Decimal("10"))
    assert result["possible_win"] == (Decimal("10") * Decimal(str(price.odds))).quantize(CENT, rounding=ROUND_HALF_UP)
    after = sandbox.balance(upstream_user_id=user_id, user_key="demo-key-1")
    assert after.playable == before.playable - 10
    other = sandbox.balance(upstream_user_id=sandbox.validate_user(user_key="other-key"), user_key="other-key")
    assert other.playable == before.playable  # balances are per user
    with pytest.raises(ChatBetError) as exc:
        sandbox.place_bet(user_key="demo-key-1", upstream_user_id=user_id, fixture=fixture, price=price,
                          amount=Decimal("5000"))
    assert exc.value.code == "insufficient_balance"


def test_combo_calculation_multiplies_odds_and_reports_profit(sandbox):
    fixtures = [f for f in _all_fixtures(sandbox) if f.status == "pre_match"][:3]
    legs = []
    for f in fixtures:
        board = sandbox.odds(fixture_id=f.id, sport_id=f.sport_id, tournament_id=f.tournament_id)
        legs.append((f, board.markets["1x2"].selections["away"]))
    result = sandbox.combo_calculation(legs=legs, amount=Decimal("10"))
    expected = Decimal(1)
    for _, price in legs:
        expected *= Decimal(str(price.odds))
    expected = expected.quantize(CENT, rounding=ROUND_HALF_UP)
    assert result["status"] == "ok"
    assert result["odds"] == expected
    assert result["profit"] == (Decimal(10) * expected - 10).quantize(CENT, rounding=ROUND_HALF_UP)


def _combo_legs(provider, n: int = 2):
    fixtures = [f for f in provider.sport_fixtures(sport_id="1") if f.status == "pre_match"][:n]
    return [(f, provider.odds(fixture_id=f.id, sport_id=f.sport_id, tournament_id=f.tournament_id)
             .markets["1x2"].selections["home"]) for f in fixtures]


def test_combo_bet_is_one_bet_at_the_combined_odds_charged_once_per_key(sandbox):
    import dataclasses

    user_id = sandbox.validate_user(user_key="demo-key-1")
    legs = _combo_legs(sandbox, 3)
    odds = sandbox.combo_calculation(legs=legs, amount=Decimal("10"))["odds"]
    before = sandbox.balance(upstream_user_id=user_id, user_key="demo-key-1").playable
    bet = sandbox.place_combo_bet(user_key="demo-key-1", upstream_user_id=user_id, legs=legs, amount=Decimal("10"),
                                  odds=odds, idempotency_key="combo-key-1")
    assert bet["odds"] == odds and bet["possible_win"] == (10 * odds).quantize(CENT, rounding=ROUND_HALF_UP)
    again = sandbox.place_combo_bet(user_key="demo-key-1", upstream_user_id=user_id, legs=legs, amount=Decimal("10"),
                                    odds=odds, idempotency_key="combo-key-1")
    assert again["bet_id"] == bet["bet_id"]  # the same key: the same bet, charged once
    assert sandbox.balance(upstream_user_id=user_id, user_key="demo-key-1").playable == before - 10
    assert sandbox.find_bet(user_key="demo-key-1", upstream_user_id=user_id,
                            idempotency_key="combo-key-1")["bet_id"] == bet["bet_id"]

    refusals = {
        "same fixture twice": dict(legs=[legs[0], legs[0]], odds=odds),
        "one leg": dict(legs=legs[:1], odds=Decimal(str(legs[0][1].odds))),
        "odds that are not the legs' product": dict(legs=legs, odds=odds + 1),
        "a leg whose price moved": dict(legs=[(legs[0][0], dataclasses.replace(legs[0][1], odds=legs[0][1].odds + 1)),
                                              *legs[1:]], odds=odds),
    }
    codes = {}
    for name, kwargs in refusals.items():
        with pytest.raises(ChatBetError) as exc:
            sandbox.place_combo_bet(user_key="demo-key-1", upstream_user_id=user_id, amount=Decimal("10"), **kwargs)
        codes[name] = exc.value.code
    assert codes == {"same fixture twice": "bet_rejected", "one leg": "bet_rejected",
                     "odds that are not the legs' product": "bet_rejected", "a leg whose price moved": "odds_changed"}
    assert sandbox.balance(upstream_user_id=user_id, user_key="demo-key-1").playable == before - 10


def test_health_reports_catalogue_size():
    health = SandboxProvider(seed=1).health()
    assert health["status"] == "ok" and health["tournaments"] == 10 and health["fixtures"] > 100
