"""The sandbox's betting desk: wallets, placement (a single, a combo with its legs, the user's combo basket),
the per-user combo basket itself, and bet-by-key.

`SandboxBook` is mixed into `SandboxUpstream` (upstream JSON in, upstream JSON out, `betting_route()` serves
its paths); `SandboxBettingCalls` into `SandboxProvider` (domain types through `translate.py`, like the HTTP
provider).

Every piece of state lives in the Django cache, which is Redis shared by every process in the full stack:
the wallet, each bet under its idempotency key, the bet counter and the basket. A user's wallet and basket
change only under one lock, held in-process and across processes (`cache.add`), so two processes never lose
an update, never charge one key twice and never place one basket twice.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any, NamedTuple

from chatbet_project.caches import cache
from sports import cache as sports_cache
from sports.domain import Fixture, Price
from sports.providers import translate

if TYPE_CHECKING:
    from sports.providers.sandbox_calendar import ScheduledFixture

CENT = Decimal("0.01")
STARTING_BALANCE = {"money": 1000.0, "playableBalance": 1000.0, "withdrawableBalance": 800.0,
                    "bonusBalance": 200.0, "redeemedBonus": 0.0}
MAX_COMBO_LEGS = 10          # a combo (inline or basket) holds at most this many selections
BASKET_TTL_SECONDS = 86400   # a basket nobody touched for a day is forgotten
PRICE_TOLERANCE = 0.05       # a selection's price may have moved this much and still be taken
MAX_ODD = Decimal(10000)
LOCK_SECONDS = 10            # longest one user's change may hold the cross-process lock
LOCK_ATTEMPTS = 2000         # x LOCK_POLL_SECONDS: how long a change waits for it before answering 503
LOCK_POLL_SECONDS = 0.005
MALFORMED = (KeyError, TypeError, ArithmeticError, ValueError, AttributeError)
BUSY_MESSAGE = "Busy, try again"


def product(values: Iterable[Any]) -> Decimal:
    total = Decimal(1)
    for value in values:
        total *= Decimal(str(value))
    return total


def combined_odds(values: Iterable[Any]) -> Decimal:
    """A combo's odds: the product of its legs' odds, rounded half-up to 2 decimals (`combo-bet-calculation`)."""
    return product(values).quantize(CENT, rounding=ROUND_HALF_UP)


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def parse_leg(raw: Any) -> dict:
    """One selection as sent (`betId`, `fixtureId`, `odd`, optional `sportId`/`tournamentId`); raises one of
    `MALFORMED` when it is not one."""
    odd = Decimal(str(raw["odd"]))
    if not Decimal(1) < odd <= MAX_ODD:
        raise ValueError(f"odd {odd} out of range")
    bet_id, fixture_id = str(raw["betId"] or ""), str(raw["fixtureId"] or "")
    if not bet_id or not fixture_id:
        raise ValueError("betId and fixtureId are required")
    return {"betId": bet_id, "fixtureId": fixture_id, "sportId": str(raw.get("sportId") or ""),
            "tournamentId": str(raw.get("tournamentId") or ""), "odd": float(odd)}


def combo_shape_refusal(legs: list[dict]) -> tuple[int, dict] | None:
    """The refusal of a combo that cannot be one whatever the prices: too few, too many, a fixture twice."""
    fixtures = [leg["fixtureId"] for leg in legs]
    if len(legs) < 2 or len(set(fixtures)) != len(fixtures):
        return 400, {"message": "A combo needs two or more selections from different fixtures"}
    if len(legs) > MAX_COMBO_LEGS:
        return 400, {"message": f"A combo holds at most {MAX_COMBO_LEGS} selections"}
    return None


class LegCheck(NamedTuple):
    """A selection against the board now: `state` open (at its price), moved, suspended or closed."""

    status: int  # 200 when it can be taken, else the refusal's status
    state: str
    message: str = ""
    current: float | None = None
    fixture: ScheduledFixture | None = None

    def refusal(self, bet_id: str) -> dict:
        body: dict[str, Any] = {"message": self.message, "betId": bet_id}
        if self.state == "moved":
            body["currentOdd"] = self.current
        return body


class SandboxBook:
    """Mixed into `SandboxUpstream`, which provides `fixture`, `odds_json`, `user_id_for`,
    `validate_user_json`, `seed` and `_book_lock` (the in-process half of the per-user lock)."""

    seed: int
    _book_lock: threading.Lock

    # --- users, wallets, locks -----------------------------------------------------------------------
    def _authorised(self, user_id: Any, user_key: Any) -> bool:
        user_key = str(user_key or "")
        return (str(self.user_id_for(user_key)) == str(user_id)
                and bool(self.validate_user_json(user_key=user_key)["status"]))

    def _wallet(self, user_id: str) -> dict:
        return cache.get(sports_cache.sandbox_wallet_key(user_id)) or dict(STARTING_BALANCE)

    def balance_json(self, *, user_id: str, user_key: str) -> tuple[int, dict]:
        if not self._authorised(user_id, user_key):
            return 403, {"detail": "userId and userKey do not match"}
        return 200, {"flag": 1, **self._wallet(str(user_id))}

    @contextlib.contextmanager
    def _user_lock(self, user_id: str) -> Iterator[bool]:
        """One user's wallet and basket, exclusively: yields False when another process held it too long."""
        with self._book_lock:
            for _ in range(LOCK_ATTEMPTS):
                with sports_cache.cache_lock(sports_cache.sandbox_user_lock_key(user_id), seconds=LOCK_SECONDS) as held:
                    if held:
                        yield True
                        return
                time.sleep(LOCK_POLL_SECONDS)
            yield False

    # --- selections ----------------------------------------------------------------------------------
    def _check_leg(self, leg: dict) -> LegCheck:
        fx = self.fixture(leg["fixtureId"])
        if fx is None:
            return LegCheck(404, "closed", "Fixture not found or finished")
        if leg["sportId"] not in ("", fx.sport_id) or leg["tournamentId"] not in ("", fx.tournament.id):
            return LegCheck(400, "closed", f"Fixture {fx.id} is in sport {fx.sport_id}, tournament {fx.tournament.id}")
        board = self.odds_json(fx)
        current = next((float(item["odds"]) for block in board.values() if isinstance(block, dict)
                        for item in block.values() if isinstance(item, dict) and item.get("betId") == leg["betId"]),
                       None)
        if current is None:
            return LegCheck(400, "closed", f"Unknown betId {leg['betId']}", fixture=fx)
        if board["status"] != "Active":
            return LegCheck(400, "suspended", "Market suspended", current, fx)
        if abs(current - leg["odd"]) > PRICE_TOLERANCE:
            return LegCheck(409, "moved", "Odds changed", current, fx)
        return LegCheck(200, "open", "", current, fx)

    def _legs_odds(self, legs: list[dict]) -> tuple[int, Any]:
        """(200, [each leg's odd]) when every leg can still be taken at its price, else the first refusal."""
        for leg in legs:
            check = self._check_leg(leg)
            if check.status != 200:
                return check.status, check.refusal(leg["betId"])
        return 200, [leg["odd"] for leg in legs]

    # --- placement -----------------------------------------------------------------------------------
    def _place(self, *, user_id: str, key: str, amount: Decimal, message: str,
               price: Callable[[], tuple[int, Any]], combo: bool, then: Callable[[], None] | None = None
               ) -> tuple[int, dict]:
        """Place once per idempotency key: a key seen before returns its bet whatever changed since; otherwise
        `price()` gives (200, the odds) or a refusal, the wallet is charged and the bet recorded under the key,
        and `then()` runs (emptying the basket) - all under the user's lock."""
        with self._user_lock(user_id) as held:
            if not held:
                return 503, {"message": BUSY_MESSAGE}
            if key and (seen := cache.get(sports_cache.sandbox_bet_key(user_id, key))):
                return 200, seen  # the same request again: the same bet, charged once
            status, odds = price()
            if status != 200:
                return status, odds
            wallet = self._wallet(user_id)
            if Decimal(str(wallet["playableBalance"])) < amount:
                return 400, {"message": "Insufficient balance"}
            for field in ("money", "playableBalance"):
                wallet[field] = float(Decimal(str(wallet[field])) - amount)
            wallet["withdrawableBalance"] = float(min(Decimal(str(wallet["withdrawableBalance"])),
                                                      Decimal(str(wallet["money"]))))
            cache.set(sports_cache.sandbox_wallet_key(user_id), wallet, timeout=None)
            reply = {"message": message, "betId": f"SBX{self.seed}{self._next_bet_number():06d}",
                     "possibleWin": float(money(amount * odds))}
            if combo:
                reply["odd"] = float(odds)
            if key:
                cache.set(sports_cache.sandbox_bet_key(user_id, key), reply, timeout=None)
            if then:
                then()
        return 200, reply

    def _next_bet_number(self) -> int:
        """Bet ids count up across every process sharing the cache (atomic `incr`), so they never repeat."""
        key = sports_cache.sandbox_bet_seq_key(self.seed)
        cache.add(key, 0, timeout=None)
        return cache.incr(key)

    def place_bet_json(self, body: Any) -> tuple[int, dict]:
        try:
            user_id, user_key, info = str(body["user"]["id"]), body["user"].get("userKey"), body["betInfo"]
            amount = Decimal(str(info["amount"]))
            legs = [parse_leg(leg) for leg in info["betId"]]
        except MALFORMED:
            return 400, {"message": "Malformed bet"}
        if not self._authorised(user_id, user_key):
            return 403, {"message": "Invalid user"}
        if amount <= 0 or not legs:
            return 400, {"message": "Amount must be positive"}

        def price() -> tuple[int, Any]:
            status, odds = self._legs_odds(legs)
            return (status, product(odds) if status == 200 else odds)

        return self._place(user_id=user_id, key=str(info.get("idempotencyKey") or ""), amount=amount,
                           message="Bet placed", price=price, combo=False)

    def place_combo_bet_json(self, body: Any) -> tuple[int, dict]:
        """`POST /place-combo-bet`: one bet over 2-10 legs on distinct fixtures, at the product of the legs' odds
        (as `combo-bet-calculation` computes it), every leg still at its price. The legs are `betInfo.betId`;
        without it, the user's basket, emptied once placed."""
        try:
            user_id, user_key, info = str(body["user"]["id"]), body["user"].get("userKey"), body["betInfo"]
            amount = Decimal(str(info["amount"]))
            declared = Decimal(str(info["odd"]))
            inline = None if info.get("betId") is None else [parse_leg(leg) for leg in info["betId"]]
        except MALFORMED:
            return 400, {"message": "Malformed combo bet"}
        if not self._authorised(user_id, user_key):
            return 403, {"message": "Invalid user"}
        if amount <= 0:
            return 400, {"message": "Amount must be positive"}
        if inline is not None and (refusal := combo_shape_refusal(inline)):
            return refusal

        def price() -> tuple[int, Any]:
            legs = inline if inline is not None else self._basket(user_id)
            if inline is None and (refusal := combo_shape_refusal(legs)):
                return refusal
            status, odds = self._legs_odds(legs)
            if status != 200:
                return status, odds
            combined = combined_odds(odds)
            if abs(combined - declared) > CENT:
                return 400, {"message": f"Combo odds {declared} do not match its selections ({combined})"}
            return 200, combined

        return self._place(user_id=user_id, key=str(info.get("idempotencyKey") or ""), amount=amount,
                           message="Combo bet placed", price=price, combo=True,
                           then=None if inline is not None else lambda: self._save_basket(user_id, []))

    def find_bet_json(self, *, user_id: str, user_key: str, idempotency_key: str) -> tuple[int, dict]:
        if not self._authorised(user_id, user_key):
            return 403, {"message": "Invalid user"}
        seen = cache.get(sports_cache.sandbox_bet_key(str(user_id), idempotency_key)) if idempotency_key else None
        return 200, ({"found": True, "betId": seen["betId"], "possibleWin": seen["possibleWin"]} if seen
                     else {"found": False})

    def combo_json(self, body: Any) -> tuple[int, dict]:
        """`POST /combo-bet-calculation` (stateless): the combined odds and the profit for `amount`."""
        try:
            legs = body["betsInfo"]
            amount = Decimal(str(body["amount"]))
            odds = [Decimal(str(leg["odd"])) for leg in legs]
            fixtures = [str(leg["fixtureId"]) for leg in legs]
        except MALFORMED:
            return 400, {"message": "Malformed combo"}
        if len(set(fixtures)) != len(fixtures):
            return 200, {"profit": 0, "odd": 0, "status": "error: two selections from the same fixture"}
        total = combined_odds(odds)
        return 200, {"profit": float(money(amount * total - amount)), "odd": float(total), "status": "ok"}

    # --- the per-user combo basket -------------------------------------------------------------------
    def _basket(self, user_id: str) -> list[dict]:
        return list(cache.get(sports_cache.sandbox_basket_key(user_id)) or [])

    def _save_basket(self, user_id: str, legs: list[dict]) -> None:
        if legs:
            cache.set(sports_cache.sandbox_basket_key(user_id), legs, timeout=BASKET_TTL_SECONDS)
        else:
            cache.delete(sports_cache.sandbox_basket_key(user_id))

    def _basket_json(self, legs: list[dict], *, amount: Decimal | None = None, **extra: str) -> dict:
        """What every basket call answers: the legs in the order added, each with its price now and its state;
        the combined odds of the prices taken; `status` ok (placeable), too_few or changed (a leg moved,
        was suspended or closed); the possible win and profit when an amount is given."""
        rows = []
        for leg in legs:
            check = self._check_leg(leg)
            rows.append({**leg, "currentOdd": check.current, "status": check.state})
        odd = combined_odds(leg["odd"] for leg in legs) if legs else Decimal(0)
        if len(legs) < 2:
            status = "too_few"
        else:
            status = "ok" if all(row["status"] == "open" for row in rows) else "changed"
        body: dict[str, Any] = {"betsInfo": rows, "odd": float(odd), "status": status,
                                "maxSelections": MAX_COMBO_LEGS, **extra}
        if amount is not None:
            body["possibleWin"] = float(money(amount * odd))
            body["profit"] = float(money(amount * odd - amount)) if legs else 0.0
        return body

    def _basket_change(self, body: Any, change: Callable[[str, list[dict]], tuple[int, dict]]) -> tuple[int, dict]:
        """Authorise `body["user"]`, then run `change(user_id, legs)` on the basket under the user's lock."""
        try:
            user_id, user_key = str(body["user"]["id"]), body["user"].get("userKey")
        except MALFORMED:
            return 400, {"message": "Malformed user"}
        if not self._authorised(user_id, user_key):
            return 403, {"message": "Invalid user"}
        with self._user_lock(user_id) as held:
            return change(user_id, self._basket(user_id)) if held else (503, {"message": BUSY_MESSAGE})

    def add_bet_to_combo_json(self, body: Any) -> tuple[int, dict]:
        """`POST /add-bet-to-combo`: one selection into the basket. Its fixture already there: the new selection
        takes that leg's place (a fixture has one leg; `replacedBetId` says which went); the same selection again
        takes the price sent. Refused: unknown or suspended selection, moved price (409), an 11th fixture."""
        try:
            leg = parse_leg(body["betInfo"])
        except MALFORMED:
            return 400, {"message": "Malformed selection"}

        def add(user_id: str, legs: list[dict]) -> tuple[int, dict]:
            check = self._check_leg(leg)
            if check.status != 200:
                return check.status, check.refusal(leg["betId"])
            fx = check.fixture
            kept = {**leg, "sportId": fx.sport_id, "tournamentId": fx.tournament.id}
            at = next((i for i, old in enumerate(legs) if old["fixtureId"] == leg["fixtureId"]), None)
            extra = {}
            if at is not None:
                if legs[at]["betId"] != leg["betId"]:
                    extra["replacedBetId"] = legs[at]["betId"]
                legs[at] = kept
            elif len(legs) >= MAX_COMBO_LEGS:
                return 400, {"message": f"A combo holds at most {MAX_COMBO_LEGS} selections", "betId": leg["betId"]}
            else:
                legs.append(kept)
            self._save_basket(user_id, legs)
            return 200, self._basket_json(legs, **extra)

        return self._basket_change(body, add)

    def remove_bet_from_combo_json(self, body: Any) -> tuple[int, dict]:
        """`POST /remove-bet-from-combo`: the selection `betId` leaves the basket; one not there is no change
        (`removedBetId` only when something left), so a repeat is harmless."""
        try:
            bet_id = str(body["betId"] or "")
        except MALFORMED:
            return 400, {"message": "Malformed selection"}
        if not bet_id:
            return 400, {"message": "Malformed selection"}

        def remove(user_id: str, legs: list[dict]) -> tuple[int, dict]:
            kept = [leg for leg in legs if leg["betId"] != bet_id]
            self._save_basket(user_id, kept)
            return 200, self._basket_json(kept, **({"removedBetId": bet_id} if len(kept) < len(legs) else {}))

        return self._basket_change(body, remove)

    def clear_combo_json(self, body: Any) -> tuple[int, dict]:
        """`POST /clear-combo`: the basket emptied."""
        def clear(user_id: str, legs: list[dict]) -> tuple[int, dict]:
            self._save_basket(user_id, [])
            return 200, self._basket_json([])

        return self._basket_change(body, clear)

    def combo_odds_json(self, *, user_id: str, user_key: str, amount: str | None = None) -> tuple[int, dict]:
        """`GET /get-combo-odds`: the basket, its combined odds and, for `amount`, the possible win."""
        if not self._authorised(user_id, user_key):
            return 403, {"message": "Invalid user"}
        try:
            stake = None if amount in (None, "") else Decimal(str(amount))
            if stake is not None and not stake > 0:
                raise ValueError("amount must be positive")
        except MALFORMED:
            return 400, {"message": "Amount must be a positive number"}
        return 200, self._basket_json(self._basket(str(user_id)), amount=stake)

    # --- routes (`dispatch` in sandbox.py) -----------------------------------------------------------
    def betting_route(self, method: str, path: str, query: dict[str, str], body: Any) -> tuple[int, Any] | None:
        """The answer to a wallet or betting path, None for any other."""
        user = {"user_id": query.get("userId", ""), "user_key": query.get("userKey", "")}
        if method == "GET":
            if path == "/auth/get_user_balance":
                return self.balance_json(**user)
            if path == "/bet-by-key":
                return self.find_bet_json(**user, idempotency_key=query.get("idempotencyKey", ""))
            if path == "/get-combo-odds":
                return self.combo_odds_json(**user, amount=query.get("amount"))
        if method == "POST":
            handler = {"/place-bet": self.place_bet_json, "/combo-bet-calculation": self.combo_json,
                       "/place-combo-bet": self.place_combo_bet_json, "/add-bet-to-combo": self.add_bet_to_combo_json,
                       "/remove-bet-from-combo": self.remove_bet_from_combo_json,
                       "/clear-combo": self.clear_combo_json}.get(path)
            if handler:
                return handler(body)
        return None


class SandboxBettingCalls:
    """Mixed into `SandboxProvider`: the betting calls of the provider interface, in-process."""

    upstream: SandboxBook
    _call: Callable[[], None]  # SandboxProvider's: counts the call, waits the simulated latency

    def _bet_call(self, answer: tuple[int, Any], parse: Callable[[Any], Any]) -> Any:
        self._call()
        status, body = answer
        translate.raise_for_bet(status, body)
        return parse(body)

    def place_bet(self, *, user_key: str, upstream_user_id: str, fixture: Fixture, price: Price, amount: Decimal,
                  language: str = "en", country_code: str = "CO", idempotency_key: str | None = None) -> dict:
        return self._bet_call(self.upstream.place_bet_json(translate.bet_payload(
            user_key=user_key, upstream_user_id=upstream_user_id, fixture=fixture, price=price, amount=amount,
            idempotency_key=idempotency_key)), lambda raw: translate.parse_bet(raw, amount=amount, price=price))

    def place_combo_bet(self, *, user_key: str, upstream_user_id: str, legs: list[tuple[Fixture, Price]] | None,
                        amount: Decimal, odds: Decimal, language: str = "en", country_code: str = "CO",
                        idempotency_key: str | None = None) -> dict:
        return self._bet_call(self.upstream.place_combo_bet_json(translate.combo_bet_payload(
            user_key=user_key, upstream_user_id=upstream_user_id, legs=legs, amount=amount, odds=odds,
            idempotency_key=idempotency_key)), lambda raw: translate.parse_combo_bet(raw, amount=amount, odds=odds))

    def find_bet(self, *, user_key: str, upstream_user_id: str, idempotency_key: str) -> dict | None:
        return self._bet_call(self.upstream.find_bet_json(user_id=upstream_user_id, user_key=user_key,
                                                          idempotency_key=idempotency_key), translate.parse_found_bet)

    def combo_calculation(self, *, legs: list[tuple[Fixture, Price]], amount: Decimal) -> dict:
        return self._bet_call(self.upstream.combo_json(translate.combo_payload(legs=legs, amount=amount)),
                              translate.parse_combo)

    def add_bet_to_combo(self, *, user_key: str, upstream_user_id: str, fixture: Fixture, price: Price) -> dict:
        return self._bet_call(self.upstream.add_bet_to_combo_json(translate.combo_selection_payload(
            user_key=user_key, upstream_user_id=upstream_user_id, fixture=fixture, price=price)),
            translate.parse_combo_basket)

    def remove_bet_from_combo(self, *, user_key: str, upstream_user_id: str, bet_id: str) -> dict:
        return self._bet_call(self.upstream.remove_bet_from_combo_json(translate.combo_user_payload(
            user_key=user_key, upstream_user_id=upstream_user_id, bet_id=bet_id)), translate.parse_combo_basket)

    def clear_combo(self, *, user_key: str, upstream_user_id: str) -> dict:
        return self._bet_call(self.upstream.clear_combo_json(translate.combo_user_payload(
            user_key=user_key, upstream_user_id=upstream_user_id)), translate.parse_combo_basket)

    def combo_odds(self, *, user_key: str, upstream_user_id: str, amount: Decimal | None = None) -> dict:
        return self._bet_call(self.upstream.combo_odds_json(
            user_id=upstream_user_id, user_key=user_key, amount=None if amount is None else str(amount)),
            translate.parse_combo_basket)
