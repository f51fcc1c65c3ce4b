"""The real ChatBet API over HTTP: pooled client, cached upstream token, retries, circuit breakers.

- Token: `POST /auth/generate_token`, kept in the shared cache until 5 minutes before its expiry
  (read from the JWT's `exp`, else 30 minutes), and renewed at once on a 401.
- Retries (tenacity): 3 more attempts, exponential backoff with jitter, on connect errors, timeouts,
  5xx and 429. `POST /place-bet` is retried only when the request never left (connect errors), so
  a slow answer can never place a bet twice.
- Circuit breakers (pybreaker), one per endpoint group: 5 consecutive failed attempts open it;
  after the cool-down one trial call half-opens it. 4xx answers are not failures of the upstream.
All failures reach the services as `UpstreamUnavailable` (so the cache can serve stale data),
refusals as `ChatBetError`/`NotFound`. The token is never logged.
"""

from __future__ import annotations

import base64
import json
import logging
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, TypeVar

import httpx
import pybreaker
import tenacity
from django.conf import settings
from django.core.cache import cache

from chatbet_project import metrics
from chatbet_project.errors import ChatBetError, NotFound, UpstreamUnavailable
from sports import cache as sports_cache
from sports.domain import LANGUAGES, Balance, Fixture, OddsBoard, Price, Sport, Tournament
from sports.providers import translate

logger = logging.getLogger(__name__)
T = TypeVar("T")

GROUPS = ("auth", "catalogue", "fixtures", "odds", "betting")
TOKEN_TTL_SECONDS = 1800
TOKEN_REFRESH_MARGIN = 300


class RetryableStatus(Exception):
    """5xx or 429 from the upstream."""

    def __init__(self, status: int):
        super().__init__(f"upstream answered {status}")
        self.status = status


class ClientStatus(Exception):
    """A 4xx (other than 401/429): the request was refused; not a failure of the upstream."""

    def __init__(self, status: int, body: Any):
        super().__init__(f"upstream refused with {status}")
        self.status = status
        self.body = body if isinstance(body, dict) else {"detail": str(body)[:200]}


class TokenRejected(Exception):
    """401 on a request that already carried a fresh token."""


def _jwt_expiry(token: str) -> float | None:
    try:
        payload = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        return float(claims["exp"])
    except (IndexError, ValueError, KeyError, TypeError):
        return None


class ChatBetHTTPProvider:
    name = "chatbet_http"

    def __init__(self, *, base_url: str | None = None, timeout: float | None = None, retries: int | None = None,
                 backoff: float | None = None, backoff_max: float | None = None, fail_max: int | None = None,
                 reset_timeout: float | None = None, user_agent: str = "chatbet-backend"):
        base_url = base_url if base_url is not None else settings.CHATBET_API_BASE_URL
        if not base_url:
            raise ChatBetError("CHATBET_API_BASE_URL is not set; the HTTP provider needs it.",
                               code="misconfigured", status=500)
        timeout = timeout if timeout is not None else settings.CHATBET_API_TIMEOUT
        self.base_url = base_url.rstrip("/")
        self.retries = retries if retries is not None else getattr(settings, "CHATBET_API_RETRIES", 3)
        self.backoff = backoff if backoff is not None else getattr(settings, "CHATBET_API_BACKOFF", 0.25)
        self.backoff_max = backoff_max if backoff_max is not None else 4.0
        self.client = httpx.Client(
            base_url=self.base_url,
            timeout=httpx.Timeout(timeout, connect=min(timeout, 3.0)),
            limits=httpx.Limits(max_connections=50, max_keepalive_connections=20, keepalive_expiry=30),
            headers={"accept": "application/json", "user-agent": user_agent},
        )
        fail_max = fail_max if fail_max is not None else getattr(settings, "CHATBET_BREAKER_FAIL_MAX", 5)
        reset_timeout = reset_timeout if reset_timeout is not None else getattr(
            settings, "CHATBET_BREAKER_RESET_SECONDS", 30)
        self.breakers = {group: pybreaker.CircuitBreaker(fail_max=fail_max, reset_timeout=reset_timeout,
                                                         exclude=[ClientStatus], name=f"chatbet:{group}",
                                                         listeners=[metrics.BreakerMetrics()])
                         for group in GROUPS}
        self._token_lock = threading.Lock()

    def close(self) -> None:
        self.client.close()

    # --- token --------------------------------------------------------------------------------------
    def _fetch_token(self) -> dict:
        body = self._call("auth", "POST", "/auth/generate_token", authenticated=False,
                          parse=lambda raw: raw)
        token = body.get("token") if isinstance(body, dict) else None
        if not token:
            raise UpstreamUnavailable("The sports provider did not issue a token.")
        now = time.time()
        expires_at = _jwt_expiry(token) or now + TOKEN_TTL_SECONDS
        entry = {"token": token, "expires_at": expires_at}
        cache.set(sports_cache.upstream_token_key(), entry,
                  timeout=max(1, int(expires_at - TOKEN_REFRESH_MARGIN - now)))
        return entry

    def _token(self, *, force: bool = False) -> str:
        entry = None if force else cache.get(sports_cache.upstream_token_key())
        if entry and entry["expires_at"] - TOKEN_REFRESH_MARGIN > time.time():
            return entry["token"]
        with self._token_lock:
            entry = None if force else cache.get(sports_cache.upstream_token_key())
            if entry and entry["expires_at"] - TOKEN_REFRESH_MARGIN > time.time():
                return entry["token"]
            return self._fetch_token()["token"]

    def _invalidate_token(self, token: str) -> None:
        entry = cache.get(sports_cache.upstream_token_key())
        if entry and entry["token"] == token:
            cache.delete(sports_cache.upstream_token_key())

    # --- one request ------------------------------------------------------------------------------------
    def _send(self, method: str, path: str, *, params: dict | None, body: Any, headers: dict | None,
              authenticated: bool) -> httpx.Response:
        extra = dict(headers or {})
        token = None
        if authenticated:
            token = self._token()
            extra["token"] = token
        response = self.client.request(method, path, params=params, json=body, headers=extra)
        if response.status_code == 401 and authenticated:
            logger.info("upstream token rejected; renewing")
            self._invalidate_token(token)
            extra["token"] = self._token(force=True)
            response = self.client.request(method, path, params=params, json=body, headers=extra)
            if response.status_code == 401:
                raise TokenRejected("upstream rejected a fresh token")
        return response

    def _attempt(self, method: str, path: str, *, params, body, headers, authenticated: bool,
                 parse: Callable[[Any], T]) -> T:
        response = self._send(method, path, params=params, body=body, headers=headers, authenticated=authenticated)
        status = response.status_code
        if status == 429 or status >= 500:
            raise RetryableStatus(status)
        try:
            payload = response.json()
        except ValueError:
            if status >= 400:
                raise ClientStatus(status, response.text)
            raise translate.MalformedUpstream(f"{path}: body is not JSON")
        if status >= 400:
            raise ClientStatus(status, payload)
        return parse(payload)

    def _call(self, group: str, method: str, path: str, *, params: dict | None = None, body: Any = None,
              headers: dict | None = None, authenticated: bool = True, parse: Callable[[Any], T],
              safe_to_resend: bool = True, refusals: bool = False) -> T:
        """One logical call: breaker per attempt, retries around it, errors mapped to domain errors.

        A 4xx answer becomes `NotFound` (404), is re-raised as `ClientStatus` when the caller
        handles refusals (`refusals=True`), and otherwise means the upstream broke the contract.
        """
        breaker = self.breakers[group]

        def retryable(exc: BaseException) -> bool:
            if isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout):
                return True  # the request never left: always safe
            if not safe_to_resend:
                return False
            return isinstance(exc, RetryableStatus | httpx.TimeoutException | httpx.TransportError)

        retrying = tenacity.Retrying(
            stop=tenacity.stop_after_attempt(1 + self.retries),
            wait=tenacity.wait_exponential_jitter(initial=self.backoff, max=self.backoff_max, jitter=self.backoff),
            retry=tenacity.retry_if_exception(retryable),
            reraise=True,
        )
        try:
            return retrying(breaker.call, self._attempt, method, path, params=params, body=body, headers=headers,
                            authenticated=authenticated, parse=parse)
        except pybreaker.CircuitBreakerError:
            raise UpstreamUnavailable(f"The sports provider is unavailable ({group} circuit open).")
        except ClientStatus as exc:
            if exc.status == 404:
                raise NotFound(str(exc.body.get("detail") or exc.body.get("message") or "Not found."))
            if refusals:
                raise
            logger.warning("upstream refused a call", extra={"group": group, "path": path, "status": exc.status})
            raise UpstreamUnavailable(f"The sports provider refused the request ({exc.status}).")
        except (RetryableStatus, httpx.HTTPError, TokenRejected, translate.MalformedUpstream) as exc:
            logger.warning("upstream call failed", extra={"group": group, "path": path, "error": type(exc).__name__})
            raise UpstreamUnavailable(f"The sports provider is unavailable ({type(exc).__name__}).")

    def _now(self) -> datetime:
        return datetime.now(UTC)

    # --- catalogue ------------------------------------------------------------------------------------
    def sports(self) -> list[Sport]:
        return self._call("catalogue", "GET", "/sports", parse=translate.parse_sports)

    def tournaments(self, *, sport_id: str) -> list[Tournament]:
        by_language = {lang: self._call("catalogue", "GET", "/sports/tournaments", parse=lambda raw: raw,
                                        params={"sport_id": sport_id, "language": lang,
                                                "with_active_fixtures": "false"})
                       for lang in LANGUAGES}
        active = self._call("catalogue", "GET", "/sports/tournaments", parse=lambda raw: raw,
                            params={"sport_id": sport_id, "language": "en", "with_active_fixtures": "true"})
        try:
            active_ids = [str(t.get("tournament_id", t.get("tournamentId"))) for t in active]
            return translate.parse_tournaments(by_language, sport_id=sport_id, active_ids=active_ids)
        except (translate.MalformedUpstream, AttributeError, TypeError) as exc:
            raise UpstreamUnavailable(f"The sports provider sent malformed tournaments ({exc}).")

    def all_tournaments(self, *, language: str = "en", active_only: bool = True) -> list[Tournament]:
        return self._call("catalogue", "GET", "/sports/all-tournaments", parse=translate.parse_all_tournaments,
                          params={"language": language, "with_active_fixtures": str(active_only).lower()})

    def fixtures(self, *, tournament_id: str, live: bool = False) -> list[Fixture]:
        status = "live" if live else "pre_match"
        return self._call("fixtures", "GET", "/sports/fixtures",
                          params={"tournamentId": tournament_id, "type": status, "language": "en", "time_zone": "UTC"},
                          parse=lambda raw: translate.parse_fixtures(raw, status=status, now=self._now()))

    def sport_fixtures(self, *, sport_id: str, live: bool = False) -> list[Fixture]:
        status = "live" if live else "pre_match"
        return self._call("fixtures", "GET", "/sports/sports-fixtures",
                          params={"sportId": sport_id, "type": status, "language": "en", "time_zone": "UTC"},
                          parse=lambda raw: translate.parse_sport_fixtures(raw, sport_id=sport_id, status=status,
                                                                           now=self._now()))

    def odds(self, *, fixture_id: str, sport_id: str, tournament_id: str, amount: Decimal = Decimal(1)) -> OddsBoard:
        return self._call("odds", "GET", "/sports/odds",
                          params={"sportId": sport_id, "tournamentId": tournament_id, "fixtureId": fixture_id,
                                  "amount": str(amount)},
                          parse=lambda raw: translate.parse_odds(raw, fixture_id=fixture_id, fetched_at=self._now()))

    # --- account and betting ----------------------------------------------------------------------------
    def validate_user(self, *, user_key: str) -> str | None:
        try:
            return self._call("auth", "GET", "/auth/validate_user", params={"userKey": user_key},
                              parse=translate.parse_user, refusals=True)
        except ClientStatus:
            return None

    def balance(self, *, upstream_user_id: str, user_key: str) -> Balance:
        try:
            return self._call("auth", "GET", "/auth/get_user_balance",
                              params={"userId": upstream_user_id, "userKey": user_key}, parse=translate.parse_balance,
                              refusals=True)
        except ClientStatus as exc:
            raise ChatBetError(str(exc.body.get("detail") or "Invalid user."), code="invalid_user", status=403)

    def _betting(self, method: str, path: str, *, parse: Callable[[Any], T], params: dict | None = None,
                 body: Any = None, headers: dict | None = None, safe_to_resend: bool = True) -> T:
        """A betting call whose refusals (4xx) become the domain's bet errors (`translate.raise_for_bet`)."""
        try:
            return self._call("betting", method, path, params=params, body=body, headers=headers, parse=parse,
                              safe_to_resend=safe_to_resend, refusals=True)
        except ClientStatus as exc:
            translate.raise_for_bet(exc.status, exc.body)
            raise

    def place_bet(self, *, user_key: str, upstream_user_id: str, fixture: Fixture, price: Price, amount: Decimal,
                  language: str = "en", country_code: str = "CO", idempotency_key: str | None = None) -> dict:
        payload = translate.bet_payload(user_key=user_key, upstream_user_id=upstream_user_id, fixture=fixture,
                                        price=price, amount=amount, idempotency_key=idempotency_key)
        return self._betting("POST", "/place-bet", body=payload, safe_to_resend=False,
                             headers={"accept-language": language, "country-code": country_code},
                             parse=lambda raw: translate.parse_bet(raw, amount=amount, price=price))

    def place_combo_bet(self, *, user_key: str, upstream_user_id: str, legs: list[tuple[Fixture, Price]] | None,
                        amount: Decimal, odds: Decimal, language: str = "en", country_code: str = "CO",
                        idempotency_key: str | None = None) -> dict:
        payload = translate.combo_bet_payload(user_key=user_key, upstream_user_id=upstream_user_id, legs=legs,
                                              amount=amount, odds=odds, idempotency_key=idempotency_key)
        # like /place-bet: re-sent only when the request never left
        return self._betting("POST", "/place-combo-bet", body=payload, safe_to_resend=False,
                             headers={"accept-language": language, "country-code": country_code},
                             parse=lambda raw: translate.parse_combo_bet(raw, amount=amount, odds=odds))

    def find_bet(self, *, user_key: str, upstream_user_id: str, idempotency_key: str) -> dict | None:
        try:
            return self._call("betting", "GET", "/bet-by-key", parse=translate.parse_found_bet, refusals=True,
                              params={"userId": upstream_user_id, "userKey": user_key,
                                      "idempotencyKey": idempotency_key})
        except ClientStatus as exc:
            raise ChatBetError(str(exc.body.get("message") or "Lookup refused."), code="invalid_user", status=403)

    def combo_calculation(self, *, legs: list[tuple[Fixture, Price]], amount: Decimal) -> dict:
        return self._betting("POST", "/combo-bet-calculation", body=translate.combo_payload(legs=legs, amount=amount),
                             parse=translate.parse_combo)

    # The combo basket: every change is idempotent (the same add, removal or clearing again leaves the same
    # basket), so unlike placement these are re-sent after a timeout like a read.
    def add_bet_to_combo(self, *, user_key: str, upstream_user_id: str, fixture: Fixture, price: Price) -> dict:
        payload = translate.combo_selection_payload(user_key=user_key, upstream_user_id=upstream_user_id,
                                                    fixture=fixture, price=price)
        return self._betting("POST", "/add-bet-to-combo", body=payload, parse=translate.parse_combo_basket)

    def remove_bet_from_combo(self, *, user_key: str, upstream_user_id: str, bet_id: str) -> dict:
        return self._betting("POST", "/remove-bet-from-combo", parse=translate.parse_combo_basket,
                             body=translate.combo_user_payload(user_key=user_key, upstream_user_id=upstream_user_id,
                                                               bet_id=bet_id))

    def clear_combo(self, *, user_key: str, upstream_user_id: str) -> dict:
        return self._betting("POST", "/clear-combo", parse=translate.parse_combo_basket,
                             body=translate.combo_user_payload(user_key=user_key, upstream_user_id=upstream_user_id))

    def combo_odds(self, *, user_key: str, upstream_user_id: str, amount: Decimal | None = None) -> dict:
        params = {"userId": upstream_user_id, "userKey": user_key}
        if amount is not None:
            params["amount"] = str(amount)
        return self._betting("GET", "/get-combo-odds", params=params, parse=translate.parse_combo_basket)

    # --- health -------------------------------------------------------------------------------------
    def breaker_states(self) -> dict[str, str]:
        return {group: str(breaker.current_state) for group, breaker in self.breakers.items()}

    def health(self) -> dict:
        states = self.breaker_states()
        try:
            self._call("auth", "GET", "/auth/validate_token", parse=lambda raw: raw)
        except ChatBetError as exc:
            return {"status": "down", "provider": self.name, "detail": str(exc), "breakers": states}
        entry = cache.get(sports_cache.upstream_token_key())
        states = self.breaker_states()  # after the probe: its successful trial call may have closed "auth"
        status = "degraded" if any(state != "closed" for state in states.values()) else "ok"
        return {"status": status, "provider": self.name, "breakers": states,
                "token_expires_in": round(entry["expires_at"] - time.time()) if entry else None}
