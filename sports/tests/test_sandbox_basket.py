"""The sandbox's per-user combo basket (`add-bet-to-combo`, `get-combo-odds`, `remove-bet-from-combo`,
`clear-combo`, `place-combo-bet` without legs), through the provider interface and, for what only the
upstream JSON shows (status codes, `currentOdd`) and for concurrency, through `SandboxUpstream` itself."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest

from chatbet_project.errors import ChatBetError, NotFound
from sports import cache as sports_cache
from sports.providers import translate
from sports.providers.sandbox import SandboxProvider, SandboxUpstream
from sports.providers.sandbox_betting import MAX_COMBO_LEGS

pytestmark = pytest.mark.django_db
CENT = Decimal("0.01")
KEY, OTHER_KEY = "demo-key-1", "other-key-2"


def _pre_match(provider, n: int, *, days_ahead: int = 0) -> list:
    """`n` football fixtures that start at least `days_ahead` days from now (they stay pre-match that long)."""
    after = provider.now() + timedelta(days=days_ahead)
    fixtures = [f for f in provider.sport_fixtures(sport_id="1") if f.status == "pre_match" and f.start_time > after]
    assert len(fixtures) >= n
    return fixtures[:n]


def _price(provider, fixture, selection: str = "home"):
    board = provider.odds(fixture_id=fixture.id, sport_id=fixture.sport_id, tournament_id=fixture.tournament_id)
    return board.markets["1x2"].selections[selection]


def _product(odds) -> Decimal:
    total = Decimal(1)
    for value in odds:
        total *= Decimal(str(value))
    return total.quantize(CENT, rounding=ROUND_HALF_UP)


@pytest.fixture
def user(sandbox):
    return {"user_key": KEY, "upstream_user_id": sandbox.validate_user(user_key=KEY)}


def test_the_basket_keeps_one_leg_per_fixture_in_order_and_prices_it_like_combo_bet_calculation(sandbox, user):
    a, b, c = _pre_match(sandbox, 3)
    pa, pb, pc = _price(sandbox, a), _price(sandbox, b, "away"), _price(sandbox, c, "draw")
    assert sandbox.combo_odds(**user)["legs"] == []
    sandbox.add_bet_to_combo(**user, fixture=a, price=pa)
    one = sandbox.add_bet_to_combo(**user, fixture=b, price=pb)
    assert [leg["bet_id"] for leg in one["legs"]] == [pa.bet_id, pb.bet_id]
    assert one["legs"][0] == {"bet_id": pa.bet_id, "fixture_id": a.id, "sport_id": a.sport_id,
                              "tournament_id": a.tournament_id, "odds": Decimal(str(pa.odds)),
                              "current_odds": Decimal(str(pa.odds)), "status": "open"}
    calculated = sandbox.combo_calculation(legs=[(a, pa), (b, pb)], amount=Decimal("10"))
    assert one["odds"] == calculated["odds"] == _product([pa.odds, pb.odds]) and one["status"] == "ok"

    again = sandbox.add_bet_to_combo(**user, fixture=a, price=pa)  # the same selection again: no second leg
    assert [leg["bet_id"] for leg in again["legs"]] == [pa.bet_id, pb.bet_id] and again["replaced"] is None
    pa_draw = _price(sandbox, a, "draw")  # another selection on a fixture already in: it takes that leg's place
    swapped = sandbox.add_bet_to_combo(**user, fixture=a, price=pa_draw)
    assert [leg["bet_id"] for leg in swapped["legs"]] == [pa_draw.bet_id, pb.bet_id]
    assert swapped["replaced"] == pa.bet_id and swapped["odds"] == _product([pa_draw.odds, pb.odds])

    sandbox.add_bet_to_combo(**user, fixture=c, price=pc)
    priced = sandbox.combo_odds(**user, amount=Decimal("10"))
    assert priced["odds"] == _product([pa_draw.odds, pb.odds, pc.odds])
    assert priced["possible_win"] == (10 * priced["odds"]).quantize(CENT)
    assert priced["profit"] == priced["possible_win"] - 10
    assert priced["profit"] == sandbox.combo_calculation(legs=[(a, pa_draw), (b, pb), (c, pc)],
                                                         amount=Decimal("10"))["profit"]
    assert sandbox.combo_odds(**user)["possible_win"] is None  # no amount asked about

    removed = sandbox.remove_bet_from_combo(**user, bet_id=pb.bet_id)
    assert [leg["bet_id"] for leg in removed["legs"]] == [pa_draw.bet_id, pc.bet_id] and removed["removed"] == pb.bet_id
    repeat = sandbox.remove_bet_from_combo(**user, bet_id=pb.bet_id)  # a repeat is harmless
    assert repeat["legs"] == removed["legs"] and repeat["removed"] is None
    lone = sandbox.remove_bet_from_combo(**user, bet_id=pa_draw.bet_id)
    assert lone["status"] == "too_few" and lone["odds"] == Decimal(str(pc.odds))
    cleared = sandbox.clear_combo(**user)
    assert cleared["legs"] == [] and cleared["odds"] == 0 and cleared["status"] == "too_few"
    assert sandbox.combo_odds(**user)["legs"] == []


def test_each_user_has_their_own_basket(sandbox, user):
    a, b = _pre_match(sandbox, 2)
    sandbox.add_bet_to_combo(**user, fixture=a, price=_price(sandbox, a))
    other = {"user_key": OTHER_KEY, "upstream_user_id": sandbox.validate_user(user_key=OTHER_KEY)}
    sandbox.add_bet_to_combo(**other, fixture=b, price=_price(sandbox, b))
    assert [leg["fixture_id"] for leg in sandbox.combo_odds(**user)["legs"]] == [a.id]
    assert [leg["fixture_id"] for leg in sandbox.combo_odds(**other)["legs"]] == [b.id]
    sandbox.clear_combo(**other)
    assert [leg["fixture_id"] for leg in sandbox.combo_odds(**user)["legs"]] == [a.id]


def test_adding_refuses_moved_prices_unknown_selections_gone_fixtures_a_wrong_user_and_an_eleventh_fixture(
        sandbox, user):
    import dataclasses

    fixtures = _pre_match(sandbox, MAX_COMBO_LEGS + 1)
    price = _price(sandbox, fixtures[0])
    moved = dataclasses.replace(price, odds=round(price.odds + 0.2, 2))
    with pytest.raises(ChatBetError) as exc:
        sandbox.add_bet_to_combo(**user, fixture=fixtures[0], price=moved)
    assert exc.value.code == "odds_changed"
    body = translate.combo_selection_payload(**user, fixture=fixtures[0], price=moved)
    assert sandbox.upstream.add_bet_to_combo_json(body) == (409, {"message": "Odds changed", "betId": price.bet_id,
                                                                   "currentOdd": price.odds})
    with pytest.raises(ChatBetError) as exc:
        sandbox.add_bet_to_combo(**user, fixture=fixtures[0], price=dataclasses.replace(price, bet_id="nope"))
    assert exc.value.code == "bet_rejected"
    gone = dataclasses.replace(fixtures[0], id="1")
    with pytest.raises(NotFound):
        sandbox.add_bet_to_combo(**user, fixture=gone, price=price)
    with pytest.raises(ChatBetError) as exc:
        sandbox.add_bet_to_combo(user_key=KEY, upstream_user_id="1", fixture=fixtures[0], price=price)
    assert exc.value.code == "invalid_user"
    elsewhere = dataclasses.replace(fixtures[0], tournament_id="17" if fixtures[0].tournament_id != "17" else "566")
    with pytest.raises(ChatBetError) as exc:  # the selection is not where the request says it is
        sandbox.add_bet_to_combo(**user, fixture=elsewhere, price=price)
    assert exc.value.code == "bet_rejected"
    assert sandbox.combo_odds(**user)["legs"] == []  # nothing refused got in

    for fixture in fixtures[:MAX_COMBO_LEGS]:
        basket = sandbox.add_bet_to_combo(**user, fixture=fixture, price=_price(sandbox, fixture))
    assert len(basket["legs"]) == MAX_COMBO_LEGS
    with pytest.raises(ChatBetError) as exc:
        sandbox.add_bet_to_combo(**user, fixture=fixtures[-1], price=_price(sandbox, fixtures[-1]))
    assert exc.value.code == "bet_rejected" and "at most 10" in str(exc.value)
    swapped = sandbox.add_bet_to_combo(**user, fixture=fixtures[0], price=_price(sandbox, fixtures[0], "away"))
    assert len(swapped["legs"]) == MAX_COMBO_LEGS  # a replacement at the limit is still allowed


def test_a_suspended_market_is_refused_and_shown_as_such_in_the_basket(sandbox, user):
    """Live markets close a minute in ten: find the next such minute of a live fixture on the frozen clock."""
    live = [f for sport in ("1", "2", "3") for f in sandbox.sport_fixtures(sport_id=sport, live=True)]
    assert live

    def board(fixture):
        return sandbox.odds(fixture_id=fixture.id, sport_id=fixture.sport_id, tournament_id=fixture.tournament_id)

    fixture = max(live, key=lambda f: f.start_time)  # the latest to start: live for the next 20 minutes too
    partner = _pre_match(sandbox, 1, days_ahead=1)[0]
    for _ in range(10):  # an open minute first, to put the live leg in
        if board(fixture).status == "active":
            break
        sandbox.advance(60)
    sandbox.add_bet_to_combo(**user, fixture=fixture, price=board(fixture).markets["1x2"].selections["home"])
    sandbox.add_bet_to_combo(**user, fixture=partner, price=_price(sandbox, partner))
    for _ in range(10):
        if board(fixture).status == "suspended":
            break
        sandbox.advance(60)
    assert board(fixture).status == "suspended"
    basket = sandbox.combo_odds(**user)
    assert basket["status"] == "changed" and basket["legs"][0]["status"] == "suspended"
    with pytest.raises(ChatBetError) as exc:
        sandbox.add_bet_to_combo(**user, fixture=fixture, price=board(fixture).markets["1x2"].selections["away"])
    assert exc.value.code == "bet_rejected" and "suspended" in str(exc.value).lower()
    with pytest.raises(ChatBetError) as exc:
        sandbox.place_combo_bet(**user, legs=None, amount=Decimal("5"), odds=basket["odds"])
    assert exc.value.code == "bet_rejected"
    assert len(sandbox.combo_odds(**user)["legs"]) == 2  # a refused placement keeps the basket


def test_placing_the_basket_charges_once_per_key_and_empties_it(sandbox, user):
    a, b, c = _pre_match(sandbox, 3)
    for fixture in (a, b):
        sandbox.add_bet_to_combo(**user, fixture=fixture, price=_price(sandbox, fixture))
    odds = sandbox.combo_odds(**user)["odds"]
    before = sandbox.balance(**user).playable
    with pytest.raises(ChatBetError) as exc:  # odds other than the basket's: it is not what the user saw
        sandbox.place_combo_bet(**user, legs=None, amount=Decimal("10"), odds=odds + 1)
    assert exc.value.code == "bet_rejected"
    bet = sandbox.place_combo_bet(**user, legs=None, amount=Decimal("10"), odds=odds, idempotency_key="basket-key-1")
    assert bet["odds"] == odds and bet["possible_win"] == (10 * odds).quantize(CENT, rounding=ROUND_HALF_UP)
    assert sandbox.combo_odds(**user)["legs"] == []
    again = sandbox.place_combo_bet(**user, legs=None, amount=Decimal("10"), odds=odds, idempotency_key="basket-key-1")
    assert again["bet_id"] == bet["bet_id"]  # the same key: the same bet, though the basket is empty now
    assert sandbox.balance(**user).playable == before - 10
    assert sandbox.find_bet(**user, idempotency_key="basket-key-1")["bet_id"] == bet["bet_id"]
    with pytest.raises(ChatBetError) as exc:  # a new key on the empty basket: nothing to place
        sandbox.place_combo_bet(**user, legs=None, amount=Decimal("10"), odds=odds, idempotency_key="basket-key-2")
    assert exc.value.code == "bet_rejected"

    sandbox.add_bet_to_combo(**user, fixture=c, price=_price(sandbox, c))
    inline = [(a, _price(sandbox, a)), (b, _price(sandbox, b))]
    sandbox.place_combo_bet(**user, legs=inline, amount=Decimal("5"),
                            odds=sandbox.combo_calculation(legs=inline, amount=Decimal("5"))["odds"])
    assert [leg["fixture_id"] for leg in sandbox.combo_odds(**user)["legs"]] == [c.id]  # inline legs leave it be


def test_a_moved_leg_blocks_placement_until_its_new_price_is_taken(sandbox, user):
    fixtures = _pre_match(sandbox, 2, days_ahead=2)
    for fixture in fixtures:
        sandbox.add_bet_to_combo(**user, fixture=fixture, price=_price(sandbox, fixture))
    taken = sandbox.combo_odds(**user)["odds"]
    for _ in range(60):  # pre-match prices drift with periods of 5 to 40 minutes
        if sandbox.combo_odds(**user)["status"] == "changed":
            break
        sandbox.advance(120)
    basket = sandbox.combo_odds(**user)
    moved = next(leg for leg in basket["legs"] if leg["status"] == "moved")
    assert abs(moved["current_odds"] - moved["odds"]) > Decimal("0.05")
    with pytest.raises(ChatBetError) as exc:
        sandbox.place_combo_bet(**user, legs=None, amount=Decimal("10"), odds=taken)
    assert exc.value.code == "odds_changed"
    status, body = sandbox.upstream.place_combo_bet_json(translate.combo_bet_payload(
        **user, legs=None, amount=Decimal("10"), odds=taken))
    assert status == 409 and body["betId"] == moved["bet_id"] and Decimal(str(body["currentOdd"])) == \
        moved["current_odds"]
    for fixture in fixtures:  # the user takes the new prices
        if next(leg for leg in basket["legs"] if leg["fixture_id"] == fixture.id)["status"] == "moved":
            sandbox.add_bet_to_combo(**user, fixture=fixture, price=_price(sandbox, fixture))
    retaken = sandbox.combo_odds(**user)
    assert retaken["status"] == "ok"
    placed = sandbox.place_combo_bet(**user, legs=None, amount=Decimal("10"), odds=retaken["odds"])
    assert placed["odds"] == retaken["odds"]


def test_bad_requests_are_refused_with_400(fixed_clock):
    upstream = SandboxUpstream(seed=2026)
    upstream.freeze(fixed_clock)
    user = {"userKey": KEY, "id": str(upstream.user_id_for(KEY))}
    assert upstream.add_bet_to_combo_json({"user": user, "betInfo": {"betId": "x"}})[0] == 400
    assert upstream.add_bet_to_combo_json({"user": user, "betInfo": {"betId": "x", "fixtureId": "1", "odd": "abc"}}
                                          )[0] == 400
    assert upstream.add_bet_to_combo_json({"user": user, "betInfo": {"betId": "x", "fixtureId": "1", "odd": 1}}
                                          )[0] == 400
    assert upstream.add_bet_to_combo_json("not an object")[0] == 400
    assert upstream.remove_bet_from_combo_json({"user": user})[0] == 400
    assert upstream.clear_combo_json({"user": "nobody"})[0] == 400
    assert upstream.combo_odds_json(user_id=user["id"], user_key=KEY, amount="-3")[0] == 400
    assert upstream.combo_odds_json(user_id=user["id"], user_key="invalid-key")[0] == 403
    assert upstream.place_combo_bet_json({"user": user, "betInfo": {"amount": "10"}})[0] == 400  # no odd


@pytest.fixture(params=["locmem", "redis"])
def shared_cache(request, settings):
    """The cache two sandbox processes share: in-process memory, and the real Redis of the full stack."""
    if request.param == "redis":
        url = request.getfixturevalue("redis_url")
        settings.CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": url}}
    from django.core.cache import cache

    cache.clear()
    return request.param


def test_two_processes_share_one_basket_and_place_it_once(shared_cache, fixed_clock):
    """Two `SandboxUpstream`s (two processes: their own in-process locks) on one cache, many threads each."""
    provider = SandboxProvider(seed=2026, latency_ms=0)
    provider.freeze(fixed_clock)
    first, second = provider.upstream, SandboxUpstream(seed=2026)
    second.freeze(fixed_clock)
    user = {"user_key": KEY, "upstream_user_id": provider.validate_user(user_key=KEY)}
    fixtures = _pre_match(provider, MAX_COMBO_LEGS + 4)
    bodies = [translate.combo_selection_payload(**user, fixture=f, price=_price(provider, f)) for f in fixtures]
    start = threading.Barrier(8)

    def add(i: int):
        if i < 8:
            start.wait()
        return (first, second)[i % 2].add_bet_to_combo_json(bodies[i])

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(add, range(len(bodies))))
    taken = [body["betsInfo"][-1]["betId"] for status, body in answers if status == 200]
    assert len(taken) == MAX_COMBO_LEGS  # no lost update, and the limit holds across processes
    assert sorted(status for status, _ in answers) == [200] * MAX_COMBO_LEGS + [400] * 4
    basket = provider.combo_odds(**user)
    assert sorted(leg["bet_id"] for leg in basket["legs"]) == sorted(taken)
    if shared_cache == "redis":
        from django.core.cache import cache

        assert 86000 < cache.ttl(sports_cache.sandbox_basket_key(user["upstream_user_id"])) <= 86400

    before = provider.balance(**user).playable
    body = translate.combo_bet_payload(**user, legs=None, amount=Decimal("10"), odds=basket["odds"])
    race = threading.Barrier(2)

    def place(i: int):
        race.wait()
        return (first, second)[i].place_combo_bet_json({**body, "betInfo": {**body["betInfo"],
                                                                             "idempotencyKey": f"race-{i}"}})

    with ThreadPoolExecutor(2) as pool:
        placed = list(pool.map(place, range(2)))
    assert sorted(status for status, _ in placed) == [200, 400]  # the basket is placed once
    assert provider.balance(**user).playable == before - 10
    assert provider.combo_odds(**user)["legs"] == []
    singles = [(first, second)[i].place_bet_json(translate.bet_payload(
        **user, fixture=fixtures[0], price=_price(provider, fixtures[0]), amount=Decimal("1"))) for i in range(2)]
    ids = [body["betId"] for _, body in placed if "betId" in body] + [body["betId"] for _, body in singles]
    assert len(set(ids)) == 3  # bet ids never repeat across processes
