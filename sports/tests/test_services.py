"""Catalogue, fixtures, odds and betting services on the sandbox: what the chat engine relies on."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.cache import cache

from chatbet_project.errors import ChatBetError, NotFound, UpstreamUnavailable
from sports import cache as sports_cache
from sports.services import betting, catalogue, fixtures, odds

pytestmark = pytest.mark.django_db
CENT = Decimal("0.01")  # the upstream rounds money half-up


@pytest.mark.parametrize(("text", "expected"), [
    ("barça", "Barcelona"), ("Barca", "Barcelona"), ("man utd", "Manchester United"), ("el Madrid", "Real Madrid"),
    ("the Gunners", "Arsenal"), ("real", "Real Madrid"), ("Bayern Múnich", "Bayern Munich"), ("mengão", "Flamengo"),
    ("atletico nacional", "Atlético Nacional"), ("liverpol", "Liverpool"), ("lakers", "Los Angeles Lakers"),
    ("Alcaraz", "Carlos Alcaraz"),
])
def test_match_team_understands_nicknames_accents_and_typos(sandbox, text, expected):
    [(team, score), *_] = catalogue.match_team(text=text)
    assert team.name == expected and score >= 85


def test_real_also_offers_the_other_reals(sandbox):
    names = [t.name for t, _ in catalogue.match_team(text="real", limit=5)]
    assert names[0] == "Real Madrid" and {"Real Sociedad", "Real Betis"} & set(names[1:])


@pytest.mark.parametrize(("text", "expected"), [("la liga", "LaLiga"), ("champions", "UEFA Champions League"),
                                                ("premier", "Premier League"), ("liga colombiana", "Liga BetPlay"),
                                                ("brasileirao", "Brasileirão")])
def test_match_tournament(sandbox, text, expected):
    assert catalogue.match_tournament(text=text)[0][0].name == expected


def test_search_and_known_names(sandbox):
    results = catalogue.search_catalogue(query="premier")
    assert results[0] == {**results[0], "type": "tournament", "name": "Premier League", "sport_id": "1"}
    names = catalogue.known_names()
    assert {"Real Madrid", "Bayern Múnich", "barca"} <= set(names["teams"])
    assert "Liga de Campeones de la UEFA" in names["tournaments"]


def test_list_tournaments_filters(sandbox):
    assert [t.name for t in catalogue.list_tournaments(country="colombia")] == ["Liga BetPlay"]
    assert {t.sport_id for t in catalogue.list_tournaments(sport_id="2")} == {"2"}
    assert all(t.active for t in catalogue.list_tournaments(active=True))


@pytest.mark.stack
def test_find_fixtures_by_day_team_tournament_and_live(sandbox):
    now = datetime.now(UTC)
    start = datetime.combine(now.date() + timedelta(days=1), datetime.min.time(), tzinfo=UTC)
    tomorrow = fixtures.find_fixtures(date_from=start, date_to=start + timedelta(days=1))
    assert tomorrow and all(start <= f.start_time < start + timedelta(days=1) for f in tomorrow)
    assert [f.start_time for f in tomorrow] == sorted(f.start_time for f in tomorrow)
    live = fixtures.find_fixtures(live=True)
    assert live and all(f.is_live for f in live)
    madrid = fixtures.find_fixtures(team="el madrid")
    assert madrid and all("Real Madrid" in (f.home.name, f.away.name) for f in madrid)
    laliga = fixtures.find_fixtures(tournament="la liga", limit=3)
    assert len(laliga) == 3 and {f.tournament_id for f in laliga} == {"566"}
    assert fixtures.find_fixtures(team="zzzzqqqq") == []
    assert fixtures.find_fixtures(day="tomorrow") == tomorrow


def test_day_window_is_the_local_day_in_utc_and_bounded():
    start, end = fixtures.day_window(day="2026-03-10", tz="Asia/Tokyo")
    assert (start, end) == (datetime(2026, 3, 9, 15, tzinfo=UTC), datetime(2026, 3, 10, 15, tzinfo=UTC))
    for day, tz in [("9999-12-31", "UTC"), ("0001-01-01", "Asia/Tokyo")]:
        with pytest.raises(ValueError):
            fixtures.day_window(day=day, tz=tz)


@pytest.mark.stack
def test_fixture_indexes_are_memoised_and_follow_a_refresh(sandbox):
    first = catalogue.fixture_indexes()
    again = catalogue.fixture_indexes()
    assert [sid for sid, _ in again] == [sid for sid, _ in first]
    assert all(a.value is b.value for (_, a), (_, b) in zip(first, again, strict=True))  # decoded once per process
    sport_id = first[0][0]
    sandbox.advance(60)
    catalogue.refresh_sport_index(sport_id=sport_id)  # warming stored a new index
    refreshed = dict(catalogue.fixture_indexes())
    assert refreshed[sport_id].fetched_at > dict(first)[sport_id].fetched_at
    assert refreshed[sport_id].value is not dict(first)[sport_id].value


@pytest.mark.stack
def test_another_process_refresh_is_seen_once_the_recheck_window_has_passed(sandbox, settings):
    """Another process's warming writes a new index into the shared cache (not through this process's
    `store`): within SPORTS_MEMO_RECHECK_SECONDS this process keeps serving its copy without a round trip,
    after it the new index is served."""
    settings.SPORTS_MEMO_RECHECK_SECONDS = 3600
    sport_id, mine = catalogue.fixture_indexes()[0]
    key = sports_cache.fixtures_key(sport_id)
    newer = sports_cache.Cached(value=list(mine.value[:1]), fetched_at=mine.fetched_at + 60)
    cache.set_many({key: newer, sports_cache.version_key(key): newer.fetched_at})  # the other process's refresh
    assert dict(catalogue.fixture_indexes())[sport_id].value is mine.value
    settings.SPORTS_MEMO_RECHECK_SECONDS = 0
    assert dict(catalogue.fixture_indexes())[sport_id].value == newer.value
    assert dict(catalogue.fixture_indexes())[sport_id].fetched_at == newer.fetched_at


def test_get_fixture_and_unknown_fixture(sandbox):
    some = fixtures.find_fixtures(limit=1)[0]
    assert fixtures.get_fixture(fixture_id=some.id) == some
    with pytest.raises(NotFound):
        fixtures.get_fixture(fixture_id="123")


@pytest.mark.stack
def test_odds_come_from_the_provider_once_then_from_the_cache(flaky):
    fixture = next(f for f in fixtures.find_fixtures() if f.sport_id == "1" and not f.is_live)
    board = odds.get_odds(fixture_id=fixture.id)
    direct = flaky.odds(fixture_id=fixture.id, sport_id="1", tournament_id=fixture.tournament_id)
    assert board.markets == direct.markets and not board.stale
    calls = flaky.odds_calls
    again = odds.get_odds(fixture_id=fixture.id, market="1x2")
    assert flaky.odds_calls == calls
    assert set(again.markets) == {"1x2"}
    with pytest.raises(ChatBetError) as exc:
        odds.get_odds(fixture_id=fixture.id, market="corners")
    assert exc.value.code == "invalid_market" and "market" in str(exc.value)


@pytest.mark.stack
def test_odds_are_served_stale_with_their_age_when_the_upstream_is_down(flaky):
    fixture = fixtures.find_fixtures(limit=1)[0]
    fresh = odds.get_odds(fixture_id=fixture.id)
    sports_cache.invalidate(sports_cache.odds_key(fixture.id))  # the 30 s copy expired
    flaky.down = True
    stale = odds.get_odds(fixture_id=fixture.id)
    assert stale.stale and stale.age_seconds >= 0 and stale.markets == fresh.markets
    other = fixtures.find_fixtures(limit=2)[1]
    with pytest.raises(UpstreamUnavailable):
        odds.get_odds(fixture_id=other.id)


@pytest.mark.stack
def test_concurrent_odds_misses_make_one_upstream_call(flaky):
    import threading

    fixture = fixtures.find_fixtures(limit=1)[0]
    flaky.slow = 0.05
    before = flaky.odds_calls
    threads = [threading.Thread(target=odds.get_odds, kwargs={"fixture_id": fixture.id}) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert flaky.odds_calls - before == 1


def _legs(n):
    chosen = [f for f in fixtures.find_fixtures() if not f.is_live][:n]
    return [(f, odds.get_odds(fixture_id=f.id).markets["1x2"].selections["home"]) for f in chosen]


def test_calculate_combo_matches_the_product_of_the_odds(sandbox):
    legs = _legs(3)
    result = betting.calculate_combo(legs=legs, amount=Decimal("10"))
    product = Decimal(1)
    for _, price in legs:
        product *= Decimal(str(price.odds))
    assert result["odds"] == product.quantize(CENT, rounding=ROUND_HALF_UP)
    assert result["possible_win"] == (10 * result["odds"]).quantize(CENT, rounding=ROUND_HALF_UP)
    assert result["profit"] == result["possible_win"] - 10 and result["status"] == "ok"
    with pytest.raises(ChatBetError, match="same fixture"):
        betting.calculate_combo(legs=[legs[0], legs[0]], amount=Decimal("10"))
    with pytest.raises(ChatBetError, match="amount"):
        betting.calculate_combo(legs=legs, amount=Decimal("-1"))


def test_combo_is_estimated_locally_when_the_upstream_is_down(flaky):
    legs = _legs(2)
    flaky.down = True
    result = betting.calculate_combo(legs=legs, amount=Decimal("4"))
    assert result["status"] == "estimated"
    product = Decimal(str(legs[0][1].odds)) * Decimal(str(legs[1][1].odds))
    assert result["odds"] == product.quantize(CENT, rounding=ROUND_HALF_UP)


@pytest.mark.stack
def test_validate_place_bet_and_balance(sandbox):
    user_id = betting.validate_user(user_key="demo-key-1")
    with pytest.raises(ChatBetError) as exc:
        betting.validate_user(user_key="invalid-key")
    assert exc.value.code == "invalid_user_key"
    before = betting.get_balance(upstream_user_id=user_id, user_key="demo-key-1")
    [(fixture, price)] = _legs(1)
    bet = betting.place_bet(user_key="demo-key-1", upstream_user_id=user_id, fixture=fixture, price=price,
                            amount=Decimal("12.50"))
    assert bet["possible_win"] == (Decimal("12.50") * Decimal(str(price.odds))).quantize(CENT, rounding=ROUND_HALF_UP)
    after = betting.get_balance(upstream_user_id=user_id, user_key="demo-key-1")
    assert after.playable == before.playable - Decimal("12.50")  # the cached balance was invalidated


def test_place_combo_bet_is_one_bet_and_refuses_a_fixture_twice_before_calling(sandbox):
    user_id = betting.validate_user(user_key="demo-key-1")
    before = betting.get_balance(upstream_user_id=user_id, user_key="demo-key-1")
    legs = _legs(2)
    odds = betting.calculate_combo(legs=legs, amount=Decimal("10"))["odds"]
    calls = sandbox.calls
    for bad in ([legs[0], legs[0]], legs[:1]):
        with pytest.raises(ChatBetError) as exc:
            betting.place_combo_bet(user_key="demo-key-1", upstream_user_id=user_id, legs=bad, amount=Decimal("10"),
                                    odds=odds)
        assert exc.value.code == "invalid_combo"
    assert sandbox.calls == calls  # refused here, never sent
    bet = betting.place_combo_bet(user_key="demo-key-1", upstream_user_id=user_id, legs=legs, amount=Decimal("10"),
                                  odds=odds, idempotency_key="svc-combo-1")
    assert bet["odds"] == odds and bet["possible_win"] == (10 * odds).quantize(CENT, rounding=ROUND_HALF_UP)
    after = betting.get_balance(upstream_user_id=user_id, user_key="demo-key-1")
    assert after.playable == before.playable - 10  # one stake, and the cached balance was invalidated
