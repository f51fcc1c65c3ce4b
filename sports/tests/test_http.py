"""The HTTP provider against a fake upstream on a real socket: tokens, retries, breakers, quirks."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest

from chatbet_project.errors import NotFound, UpstreamUnavailable
from sports.providers.http import ChatBetHTTPProvider

pytestmark = pytest.mark.django_db


def _a_fixture(http):
    return http.sport_fixtures(sport_id="1")[0]


def test_reads_the_whole_contract_like_the_sandbox(http, fake_upstream):
    assert [s.alias for s in http.sports()] == ["football", "basketball", "tennis"]
    laliga = next(t for t in http.tournaments(sport_id="1") if t.id == "566")
    assert laliga.country == "Spain" and laliga.active
    fixture = _a_fixture(http)  # sports-fixtures: year-less startTime, per-language ids
    assert fixture.start_time.year >= 2026 and fixture.home.names["es"]
    by_tournament = http.fixtures(tournament_id=fixture.tournament_id)  # the totalResults element is skipped
    assert fixture.id in {f.id for f in by_tournament}
    assert {t.id for t in http.all_tournaments()} >= {"566", "17"}
    board = http.odds(fixture_id=fixture.id, sport_id=fixture.sport_id, tournament_id=fixture.tournament_id)
    assert board.markets["1x2"].selections["home"].bet_id.startswith(fixture.id)
    assert http.health()["status"] == "ok"


def test_one_token_is_reused_then_renewed_when_the_upstream_says_401(http, fake_upstream):
    http.sports()
    http.sports()
    assert fake_upstream.hits("/auth/generate_token") == 1
    fake_upstream.upstream.advance(1800)  # the upstream expires it; our cache still trusts it
    from django.core.cache import cache

    from sports import cache as sports_cache
    entry = cache.get(sports_cache.upstream_token_key())
    entry["expires_at"] = time.time() + 3600
    cache.set(sports_cache.upstream_token_key(), entry)
    assert http.sports()  # 401 → new token → same call succeeds
    assert fake_upstream.hits("/auth/generate_token") == 2
    assert [r.token for r in fake_upstream.requests if r.path == "/sports"][-2] != \
        [r.token for r in fake_upstream.requests if r.path == "/sports"][-1]


def test_token_is_refreshed_five_minutes_before_expiry(http, fake_upstream):
    http.sports()
    from django.core.cache import cache

    from sports import cache as sports_cache
    entry = cache.get(sports_cache.upstream_token_key())
    assert 1400 < entry["expires_at"] - time.time() <= 1800
    entry["expires_at"] = time.time() + 299  # inside the 5-minute margin
    cache.set(sports_cache.upstream_token_key(), entry)
    http.sports()
    assert fake_upstream.hits("/auth/generate_token") == 2


def test_5xx_is_retried_until_it_succeeds(http, fake_upstream):
    fake_upstream.inject("/sports", status=503, times=2)
    assert http.sports()
    assert fake_upstream.hits("/sports") == 3


def test_persistent_500_becomes_upstream_unavailable_after_three_retries(http, fake_upstream):
    fake_upstream.inject("/sports", status=500, times=10)
    with pytest.raises(UpstreamUnavailable):
        http.sports()
    assert fake_upstream.hits("/sports") == 4


def test_timeouts_are_retried_and_then_reported(http, fake_upstream):
    fake_upstream.inject("/sports", delay=0.45, times=1)
    assert http.sports()  # first attempt times out (0.3 s), the retry answers
    fake_upstream.inject("/sports", delay=0.45, times=4)
    with pytest.raises(UpstreamUnavailable):
        http.sports()


def test_place_bet_is_not_resent_after_a_timeout(http, fake_upstream):
    fixture = _a_fixture(http)
    board = http.odds(fixture_id=fixture.id, sport_id=fixture.sport_id, tournament_id=fixture.tournament_id)
    user_id = http.validate_user(user_key="demo-key-1")
    fake_upstream.inject("/place-bet", delay=0.45, times=1)
    with pytest.raises(UpstreamUnavailable):
        http.place_bet(user_key="demo-key-1", upstream_user_id=user_id, fixture=fixture,
                       price=board.markets["1x2"].selections["home"], amount=Decimal("5"))
    assert fake_upstream.hits("/place-bet") == 1


def test_malformed_json_is_upstream_unavailable(http, fake_upstream):
    fixture = _a_fixture(http)
    fake_upstream.inject("/sports/odds", body="{not json", times=1)
    with pytest.raises(UpstreamUnavailable):
        http.odds(fixture_id=fixture.id, sport_id=fixture.sport_id, tournament_id=fixture.tournament_id)
    fake_upstream.inject("/sports/odds", body='{"status": "Active", "result": {"homeTeam": {"odds": "x"}}}')
    with pytest.raises(UpstreamUnavailable):
        http.odds(fixture_id=fixture.id, sport_id=fixture.sport_id, tournament_id=fixture.tournament_id)


def test_unknown_fixture_is_not_found_and_does_not_trip_the_breaker(http, fake_upstream):
    for _ in range(6):
        with pytest.raises(NotFound):
            http.odds(fixture_id="1", sport_id="1", tournament_id="566")
    assert http.breaker_states()["odds"] == "closed"


def test_breaker_opens_after_five_failures_fails_fast_then_half_opens(http, fake_upstream):
    fake_upstream.inject("/sports", status=500, times=5)
    with pytest.raises(UpstreamUnavailable):
        http.sports()  # 4 attempts fail
    with pytest.raises(UpstreamUnavailable):
        http.sports()  # the 5th failure opens it
    assert http.breaker_states()["catalogue"] == "open"
    hits = fake_upstream.hits("/sports")
    with pytest.raises(UpstreamUnavailable, match="circuit open"):
        http.sports()
    assert fake_upstream.hits("/sports") == hits  # open: nothing sent
    assert http.breaker_states()["odds"] == "closed"  # other endpoint groups keep working
    assert http.health()["status"] == "degraded"
    time.sleep(0.35)  # cool-down: the next call is a trial
    assert http.sports()
    assert http.breaker_states()["catalogue"] == "closed"


def test_a_failed_trial_call_reopens_the_breaker(http, fake_upstream):
    fake_upstream.inject("/sports", status=500, times=6)
    for _ in range(2):
        with pytest.raises(UpstreamUnavailable):
            http.sports()
    time.sleep(0.35)
    with pytest.raises(UpstreamUnavailable):
        http.sports()  # the half-open trial fails
    assert http.breaker_states()["catalogue"] == "open"


def test_health_is_down_when_the_upstream_is_unreachable(free_port_url):
    provider = ChatBetHTTPProvider(base_url=free_port_url, timeout=0.2, retries=1, backoff=0.001, backoff_max=0.01)
    health = provider.health()
    assert health["status"] == "down" and "breakers" in health


@pytest.fixture
def free_port_url():
    from conftest import free_port

    return f"http://127.0.0.1:{free_port()}"


def test_bets_balance_and_refusals_over_http(http, fake_upstream):
    from chatbet_project.errors import ChatBetError

    fixture = _a_fixture(http)
    price = http.odds(fixture_id=fixture.id, sport_id=fixture.sport_id,
                      tournament_id=fixture.tournament_id).markets["1x2"].selections["home"]
    user_id = http.validate_user(user_key="demo-key-1")
    assert http.validate_user(user_key="invalid-key") is None
    before = http.balance(upstream_user_id=user_id, user_key="demo-key-1")
    bet = http.place_bet(user_key="demo-key-1", upstream_user_id=user_id, fixture=fixture, price=price,
                         amount=Decimal("10"))
    assert bet["bet_id"] and bet["possible_win"] == Decimal(str(round(10 * price.odds, 2)))
    assert http.balance(upstream_user_id=user_id, user_key="demo-key-1").playable == before.playable - 10
    sent = [r for r in fake_upstream.requests if r.path == "/place-bet"][-1]
    assert sent.body["betInfo"]["betId"][0] == {"betId": price.bet_id, "fixtureId": fixture.id,
                                                "odd": f"{price.odds:.2f}", "sportId": fixture.sport_id,
                                                "tournamentId": fixture.tournament_id}
    with pytest.raises(ChatBetError) as exc:
        http.place_bet(user_key="demo-key-1", upstream_user_id="1", fixture=fixture, price=price,
                       amount=Decimal("10"))
    assert exc.value.code == "invalid_user"
    with pytest.raises(ChatBetError) as exc:
        http.balance(upstream_user_id="1", user_key="demo-key-1")
    assert exc.value.code == "invalid_user"
    legs = [(f, http.odds(fixture_id=f.id, sport_id=f.sport_id, tournament_id=f.tournament_id)
             .markets["1x2"].selections["away"]) for f in http.sport_fixtures(sport_id="1")[1:3]]
    combo = http.combo_calculation(legs=legs, amount=Decimal("10"))
    assert combo["status"] == "ok" and combo["profit"] == (10 * combo["odds"] - 10)
    assert http.breaker_states() == dict.fromkeys(http.breaker_states(), "closed")


def test_combo_bet_over_http_is_one_request_with_every_leg_and_never_resent(http, fake_upstream):
    fixtures = [f for f in http.sport_fixtures(sport_id="1") if f.status == "pre_match"][:2]
    legs = [(f, http.odds(fixture_id=f.id, sport_id=f.sport_id, tournament_id=f.tournament_id)
             .markets["1x2"].selections["away"]) for f in fixtures]
    user_id = http.validate_user(user_key="demo-key-1")
    odds = http.combo_calculation(legs=legs, amount=Decimal("10"))["odds"]
    before = http.balance(upstream_user_id=user_id, user_key="demo-key-1").playable
    bet = http.place_combo_bet(user_key="demo-key-1", upstream_user_id=user_id, legs=legs, amount=Decimal("10"),
                               odds=odds, idempotency_key="slip-key-9")
    assert bet["bet_id"] and bet["odds"] == odds and bet["possible_win"] == 10 * odds
    sent = [r for r in fake_upstream.requests if r.path == "/place-combo-bet"][-1].body
    assert sent["betInfo"]["odd"] == f"{odds:.2f}" and sent["betInfo"]["idempotencyKey"] == "slip-key-9"
    assert [leg["fixtureId"] for leg in sent["betInfo"]["betId"]] == [f.id for f in fixtures]
    again = http.place_combo_bet(user_key="demo-key-1", upstream_user_id=user_id, legs=legs, amount=Decimal("10"),
                                 odds=odds, idempotency_key="slip-key-9")
    assert again["bet_id"] == bet["bet_id"]
    assert http.balance(upstream_user_id=user_id, user_key="demo-key-1").playable == before - 10
    assert http.find_bet(user_key="demo-key-1", upstream_user_id=user_id,
                         idempotency_key="slip-key-9")["bet_id"] == bet["bet_id"]

    from chatbet_project.errors import ChatBetError

    with pytest.raises(ChatBetError) as exc:  # the upstream's refusal reaches us as a refusal, not an outage
        http.place_combo_bet(user_key="demo-key-1", upstream_user_id=user_id, legs=[legs[0], legs[0]],
                             amount=Decimal("10"), odds=odds)
    assert exc.value.code == "bet_rejected"
    fake_upstream.inject("/place-combo-bet", delay=0.45, times=1)
    with pytest.raises(UpstreamUnavailable):  # a read timeout: the bet may stand, so it is never re-sent
        http.place_combo_bet(user_key="demo-key-1", upstream_user_id=user_id, legs=legs, amount=Decimal("5"),
                             odds=odds, idempotency_key="slip-key-10")
    assert fake_upstream.hits("/place-combo-bet") == 4
