"""The provider interface: one method per upstream call, in domain types.

Services call these through `get_provider()`; nothing outside `sports/providers/` imports a concrete
provider. Errors: `UpstreamUnavailable` when the upstream cannot answer (network, 5xx, breaker open,
malformed body), `NotFound` for an unknown fixture, `ChatBetError` for a refused request.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Protocol, runtime_checkable

from sports.domain import Balance, Fixture, OddsBoard, Price, Sport, Tournament


@runtime_checkable
class SportsProvider(Protocol):
    name: str

    def sports(self) -> list[Sport]:
        """`GET /sports`."""

    def tournaments(self, *, sport_id: str) -> list[Tournament]:
        """`GET /sports/tournaments` in every language, merged, with the `active` flag."""

    def all_tournaments(self, *, language: str = "en", active_only: bool = True) -> list[Tournament]:
        """`GET /sports/all-tournaments` (one language)."""

    def fixtures(self, *, tournament_id: str, live: bool = False) -> list[Fixture]:
        """`GET /sports/fixtures` for one tournament (pre-match or live)."""

    def sport_fixtures(self, *, sport_id: str, live: bool = False) -> list[Fixture]:
        """`GET /sports/sports-fixtures` for one sport, multilingual names (pre-match or live)."""

    def odds(self, *, fixture_id: str, sport_id: str, tournament_id: str, amount: Decimal = Decimal(1)) -> OddsBoard:
        """`GET /sports/odds`."""

    def validate_user(self, *, user_key: str) -> str | None:
        """`GET /auth/validate_user`: the upstream user id, None when the key is not valid."""

    def balance(self, *, upstream_user_id: str, user_key: str) -> Balance:
        """`GET /auth/get_user_balance`."""

    def place_bet(self, *, user_key: str, upstream_user_id: str, fixture: Fixture, price: Price, amount: Decimal,
                  language: str = "en", country_code: str = "CO", idempotency_key: str | None = None) -> dict:
        """`POST /place-bet` → `{"bet_id", "message", "possible_win", "amount", "odds"}`."""

    def place_combo_bet(self, *, user_key: str, upstream_user_id: str, legs: list[tuple[Fixture, Price]] | None,
                        amount: Decimal, odds: Decimal, language: str = "en", country_code: str = "CO",
                        idempotency_key: str | None = None) -> dict:
        """`POST /place-combo-bet` (all legs, combined `odds`) → `{"bet_id", "message", "possible_win", "amount",
        "odds"}`; the same idempotency key again returns the same bet. `legs=None` places the user's combo basket
        at `odds` (what `combo_odds` showed) and empties it."""

    def add_bet_to_combo(self, *, user_key: str, upstream_user_id: str, fixture: Fixture, price: Price) -> dict:
        """`POST /add-bet-to-combo` → the basket (`translate.parse_combo_basket`). A selection on a fixture already
        in it takes that leg's place (`replaced`); refusals as `place_bet` (odds_changed, bet_rejected, ...)."""

    def remove_bet_from_combo(self, *, user_key: str, upstream_user_id: str, bet_id: str) -> dict:
        """`POST /remove-bet-from-combo` → the basket without `bet_id` (`removed` when it was there)."""

    def clear_combo(self, *, user_key: str, upstream_user_id: str) -> dict:
        """`POST /clear-combo` → the empty basket."""

    def combo_odds(self, *, user_key: str, upstream_user_id: str, amount: Decimal | None = None) -> dict:
        """`GET /get-combo-odds` → the basket: legs with their prices now, combined odds, the possible win for
        `amount`."""

    def find_bet(self, *, user_key: str, upstream_user_id: str, idempotency_key: str) -> dict | None:
        """`GET /bet-by-key`: the bet placed under `idempotency_key` (`{"bet_id", "possible_win"}`), or None."""

    def combo_calculation(self, *, legs: list[tuple[Fixture, Price]], amount: Decimal) -> dict:
        """`POST /combo-bet-calculation` → `{"odds", "profit", "status"}`."""

    def health(self) -> dict:
        """`{"status": "ok"|"degraded"|"down", ...}` for the readiness endpoint."""
