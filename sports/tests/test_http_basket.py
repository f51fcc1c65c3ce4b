"""The HTTP provider's combo-basket calls against the fake upstream on a real socket: the requests it sends,
the answers it reads, refusals, retries, timeouts and malformed bodies."""

from __future__ import annotations

import dataclasses
import time
from decimal import Decimal

import pytest

from chatbet_project.errors import ChatBetError, NotFound, UpstreamUnavailable

pytestmark = pytest.mark.django_db
KEY = "demo-key-1"


def _legs(http, n: int, selection: str = "home"):
    fixtures = [f for f in http.sport_fixtures(sport_id="1") if f.status == "pre_match"][:n]
    return [(f, http.odds(fixture_id=f.id, sport_id=f.sport_id, tournament_id=f.tournament_id)
             .markets["1x2"].selections[selection]) for f in fixtures]


@pytest.fixture
def user(http):
    return {"user_key": KEY, "upstream_user_id": http.validate_user(user_key=KEY)}


def _sent(fake_upstream, path: str):
    return [r for r in fake_upstream.requests if r.path == path][-1]


def test_basket_calls_send_the_contract_and_read_the_basket(http, fake_upstream, user):
    (a, pa), (b, pb) = _legs(http, 2)
    first = http.add_bet_to_combo(**user, fixture=a, price=pa)
    assert _sent(fake_upstream, "/add-bet-to-combo").body == {
        "user": {"userKey": KEY, "id": user["upstream_user_id"]},
        "betInfo": {"betId": pa.bet_id, "fixtureId": a.id, "odd": f"{pa.odds:.2f}", "sportId": a.sport_id,
                    "tournamentId": a.tournament_id}}
    assert first["status"] == "too_few" and [leg["bet_id"] for leg in first["legs"]] == [pa.bet_id]
    basket = http.add_bet_to_combo(**user, fixture=b, price=pb)
    expected = http.combo_calculation(legs=[(a, pa), (b, pb)], amount=Decimal("10"))
    assert basket["status"] == "ok" and basket["odds"] == expected["odds"]

    priced = http.combo_odds(**user, amount=Decimal("10"))
    assert _sent(fake_upstream, "/get-combo-odds").query == {"userId": user["upstream_user_id"], "userKey": KEY,
                                                             "amount": "10"}
    assert priced["profit"] == expected["profit"] and priced["possible_win"] == expected["profit"] + 10
    assert [(leg["fixture_id"], leg["status"]) for leg in priced["legs"]] == [(a.id, "open"), (b.id, "open")]

    pa_away = http.odds(fixture_id=a.id, sport_id=a.sport_id, tournament_id=a.tournament_id).markets["1x2"] \
        .selections["away"]
    swapped = http.add_bet_to_combo(**user, fixture=a, price=pa_away)
    assert swapped["replaced"] == pa.bet_id and [leg["bet_id"] for leg in swapped["legs"]] == [pa_away.bet_id,
                                                                                               pb.bet_id]
    removed = http.remove_bet_from_combo(**user, bet_id=pb.bet_id)
    assert _sent(fake_upstream, "/remove-bet-from-combo").body == {
        "user": {"userKey": KEY, "id": user["upstream_user_id"]}, "betId": pb.bet_id}
    assert removed["removed"] == pb.bet_id and len(removed["legs"]) == 1
    cleared = http.clear_combo(**user)
    assert _sent(fake_upstream, "/clear-combo").body == {"user": {"userKey": KEY, "id": user["upstream_user_id"]}}
    assert cleared["legs"] == [] and http.combo_odds(**user)["legs"] == []


def test_placing_the_basket_sends_no_legs_is_never_resent_and_is_found_by_its_key(http, fake_upstream, user):
    for fixture, price in _legs(http, 2):
        http.add_bet_to_combo(**user, fixture=fixture, price=price)
    odds = http.combo_odds(**user)["odds"]
    before = http.balance(**user).playable
    bet = http.place_combo_bet(**user, legs=None, amount=Decimal("10"), odds=odds, idempotency_key="basket-http-1")
    sent = _sent(fake_upstream, "/place-combo-bet").body["betInfo"]
    assert "betId" not in sent and sent["odd"] == f"{odds:.2f}" and sent["idempotencyKey"] == "basket-http-1"
    assert bet["odds"] == odds and bet["possible_win"] == 10 * odds
    assert http.combo_odds(**user)["legs"] == []
    assert http.place_combo_bet(**user, legs=None, amount=Decimal("10"), odds=odds,
                                   idempotency_key="basket-http-1")["bet_id"] == bet["bet_id"]
    assert http.balance(**user).playable == before - 10

    for fixture, price in _legs(http, 2, "away"):
        http.add_bet_to_combo(**user, fixture=fixture, price=price)
    odds = http.combo_odds(**user)["odds"]
    fake_upstream.inject("/place-combo-bet", delay=0.45, times=1)
    hits = fake_upstream.hits("/place-combo-bet")
    with pytest.raises(UpstreamUnavailable):  # a read timeout: the bet may stand, so it is never re-sent
        http.place_combo_bet(**user, legs=None, amount=Decimal("5"), odds=odds, idempotency_key="basket-http-2")
    assert fake_upstream.hits("/place-combo-bet") == hits + 1
    found = None
    for _ in range(50):  # the upstream finishes the late request after we gave up on it
        if found := http.find_bet(**user, idempotency_key="basket-http-2"):
            break
        time.sleep(0.02)
    assert found and found["bet_id"]  # the reconciler learns the outcome by the key
    assert http.combo_odds(**user)["legs"] == []


def test_basket_refusals_arrive_as_refusals_and_do_not_trip_the_breaker(http, fake_upstream, user):
    (a, pa), (b, pb) = _legs(http, 2)
    moved = dataclasses.replace(pa, odds=round(pa.odds + 0.3, 2))
    codes = {}
    for name, call in {
        "moved price": lambda: http.add_bet_to_combo(**user, fixture=a, price=moved),
        "unknown selection": lambda: http.add_bet_to_combo(**user, fixture=a, price=dataclasses.replace(pa,
                                                                                                        bet_id="x")),
        "wrong user": lambda: http.add_bet_to_combo(user_key=KEY, upstream_user_id="1", fixture=a, price=pa),
        "wrong user reading": lambda: http.combo_odds(user_key=KEY, upstream_user_id="1"),
        "basket of one": lambda: (http.add_bet_to_combo(**user, fixture=b, price=pb),
                                  http.place_combo_bet(**user, legs=None, amount=Decimal("5"),
                                                       odds=Decimal(str(pb.odds)))),
    }.items():
        with pytest.raises(ChatBetError) as exc:
            call()
        codes[name] = exc.value.code
    assert codes == {"moved price": "odds_changed", "unknown selection": "bet_rejected", "wrong user": "invalid_user",
                     "wrong user reading": "invalid_user", "basket of one": "bet_rejected"}
    for _ in range(6):
        with pytest.raises(NotFound):
            http.add_bet_to_combo(**user, fixture=dataclasses.replace(a, id="1"), price=pa)
    assert http.breaker_states()["betting"] == "closed"
    assert fake_upstream.hits("/add-bet-to-combo") == 10  # refusals are answers: none was retried


def test_basket_changes_are_retried_after_timeouts_and_5xx_because_they_are_idempotent(http, fake_upstream, user):
    (a, pa), (b, pb) = _legs(http, 2)
    fake_upstream.inject("/add-bet-to-combo", delay=0.45, times=1)
    basket = http.add_bet_to_combo(**user, fixture=a, price=pa)  # timed out, re-sent: the leg is there once
    assert fake_upstream.hits("/add-bet-to-combo") == 2 and [leg["bet_id"] for leg in basket["legs"]] == [pa.bet_id]
    fake_upstream.inject("/get-combo-odds", status=503, times=2)
    assert [leg["bet_id"] for leg in http.combo_odds(**user)["legs"]] == [pa.bet_id]
    fake_upstream.inject("/remove-bet-from-combo", status=502, times=1)
    assert http.remove_bet_from_combo(**user, bet_id=pa.bet_id)["legs"] == []
    fake_upstream.inject("/clear-combo", status=500, times=10)
    with pytest.raises(UpstreamUnavailable):
        http.clear_combo(**user)
    assert fake_upstream.hits("/clear-combo") == 4


@pytest.mark.parametrize("body", ["{not json", '{"odd": 2.5, "status": "ok"}', '{"betsInfo": [{"odd": 1.5}]}',
                                  '{"betsInfo": [], "odd": "abc"}', '["a list"]'])
def test_a_malformed_basket_answer_is_upstream_unavailable(http, fake_upstream, user, body):
    fake_upstream.inject("/get-combo-odds", body=body, times=1)
    with pytest.raises(UpstreamUnavailable):
        http.combo_odds(**user)
    assert http.combo_odds(**user)["legs"] == []  # the next, well-formed answer reads fine
