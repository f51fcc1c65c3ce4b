"""The embedded default provider: a deterministic, realistic ChatBet upstream in-process.

`SandboxUpstream` answers every call of the upstream contract with upstream-shaped JSON
(`dispatch()` is the HTTP-like entry the fake server in the tests serves over real sockets);
`SandboxProvider` calls it in-process and maps the JSON through `translate.py`, exactly as the
HTTP provider does, so both providers share one translation layer.

Fixtures come from a plausible season calendar (`sandbox_calendar.py`) and are shown relative to *now*
(yesterday to two weeks ahead), so "today", "tomorrow" and "this weekend" always have matches; tennis runs
around the clock so something is always live. Odds come from team ratings plus a bounded, smooth drift
over time (10-second steps) with a 4.5–7 % margin on every market. The clock is injectable
(`freeze`, `advance`) so tests can make odds move. Wallets, placement, the combo basket and bet-by-key are
`sandbox_betting.py`, mixed into both classes.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import math
import random
import threading
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings

from chatbet_project.errors import ChatBetError, NotFound
from sports.domain import Balance, Fixture, OddsBoard, Sport, Tournament
from sports.providers import sandbox_data as data
from sports.providers import translate
from sports.providers.sandbox_betting import SandboxBettingCalls, SandboxBook
from sports.providers.sandbox_calendar import EPOCH, Calendar, Competition, ScheduledFixture, build_catalogue

logger = logging.getLogger(__name__)

WINDOW_DAYS_BACK = 1
WINDOW_DAYS_AHEAD = 14
TOKEN_TTL_SECONDS = 1800
LANG_INDEX = {"en": 0, "es": 1, "pt_br": 2}


def _logistic(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def _poisson_over(line: float, lam: float) -> float:
    """P(goals > line) for a Poisson(lam) total."""
    k_max = int(math.floor(line))
    cdf = sum(math.exp(-lam) * lam**k / math.factorial(k) for k in range(k_max + 1))
    return min(0.97, max(0.03, 1.0 - cdf))


class SandboxUpstream(SandboxBook):
    """The ChatBet upstream, simulated: upstream JSON in, upstream JSON out."""

    def __init__(self, *, seed: int = 2026, clock: Callable[[], float] | None = None,
                 token_ttl: int = TOKEN_TTL_SECONDS):
        self.seed = seed
        self._clock = clock or time.time
        self._offset = 0.0
        self.token_ttl = token_ttl
        self.tournaments, self.teams_by_name = build_catalogue()
        self._by_tid = {t.id: t for t in self.tournaments}
        self.calendar = Calendar(self.tournaments, seed)
        self._book_lock = threading.Lock()  # with a cache lock per user: sandbox_betting.SandboxBook._user_lock
        self._token_seq = 0
        self.calls = 0  # upstream calls answered (benchmarks and tests read it)

    # --- clock -----------------------------------------------------------------------------------------
    def now(self) -> datetime:
        return datetime.fromtimestamp(self._clock() + self._offset, tz=UTC)

    def freeze(self, at: datetime) -> None:
        """Stop the clock at `at` (tests)."""
        self._clock, self._offset = (lambda: at.timestamp()), 0.0

    def advance(self, seconds: float) -> None:
        """Move the clock forward: odds drift, fixtures go live (tests and demos)."""
        self._offset += seconds

    # --- fixtures -----------------------------------------------------------------------------------
    def _day_fixtures(self, tournament: Competition, day: date) -> list[ScheduledFixture]:
        return self.calendar.day_fixtures(tournament, day)

    def visible_fixtures(self, *, tournament: Competition | None = None, sport_id: str | None = None,
                         live: bool | None = None) -> list[ScheduledFixture]:
        now = self.now()
        today = now.date()
        found = []
        for t in self.tournaments:
            if (tournament and t.id != tournament.id) or (sport_id and t.sport_id != sport_id):
                continue
            for offset in range(-WINDOW_DAYS_BACK, WINDOW_DAYS_AHEAD + 1):
                for fx in self._day_fixtures(t, today + timedelta(days=offset)):
                    status = fx.status(now)
                    if status is None or fx.start > now + timedelta(days=WINDOW_DAYS_AHEAD):
                        continue
                    if live is None or (status == "live") == live:
                        found.append(fx)
        found.sort(key=lambda f: (f.start, f.id))
        return found

    def fixture(self, fixture_id: str) -> ScheduledFixture | None:
        """Decode `<day><tournament:02><slot:02>` back to the fixture (None if unknown or finished)."""
        fid = str(fixture_id)
        if not fid.isdigit() or len(fid) < 5:
            return None
        day_n, t_index, slot = int(fid[:-4]), int(fid[-4:-2]), int(fid[-2:])
        if t_index >= len(self.tournaments):
            return None
        day = EPOCH + timedelta(days=day_n)
        fixtures = self._day_fixtures(self.tournaments[t_index], day)
        if slot >= len(fixtures):
            return None
        fx = fixtures[slot]
        return fx if fx.status(self.now()) is not None else None

    # --- odds model ---------------------------------------------------------------------------------
    def _params(self, fx: ScheduledFixture) -> dict[str, float]:
        rng = random.Random(f"{self.seed}:odds:{fx.id}")
        return {"margin": rng.uniform(0.045, 0.07), "p1": rng.uniform(1200, 2400), "ph1": rng.uniform(0, 6.283),
                "p2": rng.uniform(300, 600), "ph2": rng.uniform(0, 6.283), "lp1": rng.uniform(300, 900),
                "lp2": rng.uniform(60, 180), "suspend": rng.randrange(10)}

    def _drift(self, fx: ScheduledFixture, params: dict[str, float], now: datetime) -> float:
        """Bounded, smooth rating drift; piecewise constant over 10-second steps."""
        t = math.floor(now.timestamp() / 10) * 10
        if fx.status(now) == "live":
            return (5.0 * math.sin(2 * math.pi * t / params["lp1"] + params["ph1"])
                    + 2.0 * math.sin(2 * math.pi * t / params["lp2"] + params["ph2"]))
        return (2.0 * math.sin(2 * math.pi * t / params["p1"] + params["ph1"])
                + 0.8 * math.sin(2 * math.pi * t / params["p2"] + params["ph2"]))

    @staticmethod
    def _price(p: float, margin: float) -> float:
        return max(1.01, round(1.0 / (p * (1.0 + margin)), 2))

    def _selection(self, fx: ScheduledFixture, market: str, selection: str, name: str, p: float, margin: float,
                   amount: float) -> dict:
        odds = self._price(p, margin)
        return {"betId": f"{fx.id}_{market}_{selection}", "name": name, "odds": odds,
                "profit": round(amount * odds, 2)}

    def odds_json(self, fx: ScheduledFixture, *, amount: float = 1.0) -> dict:
        now = self.now()
        params = self._params(fx)
        m = params["margin"]
        sport = fx.sport_id
        d = fx.home.rating - fx.away.rating + self._drift(fx, params, now)
        home_name, away_name = fx.home.names["en"], fx.away.names["en"]
        sel = self._selection
        board: dict[str, Any] = {"status": "Active", "main_market": "result"}
        for key in ("result", "both_teams_to_score", "double_chance", "over_under", "handicap", "half_time_result",
                    "result_regular_time", "score", "half_time_total", "half_time_handicap", "win", "draw_no_bet",
                    "goal_first_half", "goal_second_half", "goal_both_halves", "total_corners_home",
                    "total_corners_away", "last_goal", "result_five_entries", "result_first_period"):
            board[key] = None
        if fx.status(now) == "live" and (int(now.timestamp() // 60) + int(params["suspend"])) % 10 == 0:
            board["status"] = "Suspended"  # a minute in ten, live markets close (a goal, a VAR check...)
        if sport == "1":
            d += 3.0  # home advantage
            draw = 0.28 - 0.10 * min(1.0, abs(d) / 25)
            ph = (1 - draw) * _logistic(d / 9)
            pa = 1 - draw - ph
            board["result"] = {"homeTeam": sel(fx, "result", "homeTeam", home_name, ph, m, amount),
                               "tie": sel(fx, "result", "tie", "Draw", draw, m, amount),
                               "awayTeam": sel(fx, "result", "awayTeam", away_name, pa, m, amount)}
            board["double_chance"] = {
                "homeTeam_or_draw": sel(fx, "double_chance", "homeTeam_or_draw", f"{home_name} or Draw", ph + draw, m,
                                        amount),
                "awayTeam_or_draw": sel(fx, "double_chance", "awayTeam_or_draw", f"{away_name} or Draw", pa + draw, m,
                                        amount),
                "homeTeam_or_awayTeam": sel(fx, "double_chance", "homeTeam_or_awayTeam",
                                            f"{home_name} or {away_name}", ph + pa, m, amount)}
            lam = min(3.6, max(1.8, 2.6 + (fx.home.rating + fx.away.rating - 160) / 30 + d * 0.004))
            line = min((1.5, 2.5, 3.5), key=lambda x: abs(_poisson_over(x, lam) - 0.5))
            p_over = _poisson_over(line, lam)
            board["over_under"] = {"over": sel(fx, "over_under", "over", f"{line:g}", p_over, m, amount),
                                   "under": sel(fx, "over_under", "under", f"{line:g}", 1 - p_over, m, amount)}
            share = 0.5 + (ph - pa) * 0.3
            p_yes = (1 - math.exp(-lam * share)) * (1 - math.exp(-lam * (1 - share)))
            board["both_teams_to_score"] = {"yes": sel(fx, "btts", "yes", "Yes", p_yes, m, amount),
                                            "no": sel(fx, "btts", "no", "No", 1 - p_yes, m, amount)}
            self._handicap(board, fx, d, per_point=1 / 12, scale=9, m=m, amount=amount)
            ht_draw = 0.42
            ht_home = (1 - ht_draw) * ph / (ph + pa)
            board["half_time_result"] = {
                "homeTeam": sel(fx, "half_time_result", "homeTeam", home_name, ht_home, m, amount),
                "tie": sel(fx, "half_time_result", "tie", "Draw", ht_draw, m, amount),
                "awayTeam": sel(fx, "half_time_result", "awayTeam", away_name, 1 - ht_draw - ht_home, m, amount)}
        else:
            basketball = sport == "2"
            if basketball:
                d += 2.0
            ph = _logistic(d / (5 if basketball else 6))
            board["result"] = {"homeTeam": sel(fx, "result", "homeTeam", home_name, ph, m, amount),
                               "awayTeam": sel(fx, "result", "awayTeam", away_name, 1 - ph, m, amount)}
            if basketball:
                line = 224.5 + round((fx.home.rating + fx.away.rating - 170) / 2)
                p_over = min(0.6, max(0.4, 0.5 + d * 0.004))
            else:
                line = 22.5
                p_over = min(0.6, max(0.35, 0.55 - abs(d) / 60))
            board["over_under"] = {"over": sel(fx, "over_under", "over", f"{line:g}", p_over, m, amount),
                                   "under": sel(fx, "over_under", "under", f"{line:g}", 1 - p_over, m, amount)}
            self._handicap(board, fx, d, per_point=1.0 if basketball else 1 / 3, scale=8 if basketball else 6,
                           m=m, amount=amount)
        return board

    def _handicap(self, board: dict, fx: ScheduledFixture, d: float, *, per_point: float, scale: float, m: float,
                  amount: float) -> None:
        """The main line: the half-point handicap that brings the two sides closest to even."""
        line = -round(d * per_point * 2) / 2
        p_home = min(0.8, max(0.2, _logistic((d + line / per_point) / scale)))
        home_line = "0" if line == 0 else f"{line:+g}"
        away_line = "0" if line == 0 else f"{-line:+g}"
        board["handicap"] = {
            "homeTeam": self._selection(fx, "handicap", "homeTeam", home_line, p_home, m, amount),
            "awayTeam": self._selection(fx, "handicap", "awayTeam", away_line, 1 - p_home, m, amount)}

    # --- upstream JSON answers ----------------------------------------------------------------------
    def sports_json(self) -> list[dict]:
        return [{"id": sid, "alias": alias, "name": en, "name_es": es, "name_en": en, "name_pt_br": pt, "profit": {}}
                for sid, alias, en, es, pt in data.SPORTS]

    def _sport_names(self, sport_id: str) -> dict[str, str]:
        for sid, _alias, en, es, pt in data.SPORTS:
            if sid == sport_id:
                return {"en": en, "es": es, "pt_br": pt}
        return {}

    def _active_tournament_ids(self) -> set[str]:
        return {fx.tournament.id for fx in self.visible_fixtures()}

    def tournaments_json(self, *, sport_id: str, language: str = "en", with_active_fixtures: bool = True) -> list[dict]:
        active = self._active_tournament_ids() if with_active_fixtures else None
        return [{"tournament_id": t.id, "tournament_name": t.names.get(language, t.names["en"]),
                 "sport_name": self._sport_names(t.sport_id), "profit": {}}
                for t in self.tournaments if t.sport_id == sport_id and (active is None or t.id in active)]

    def all_tournaments_json(self, *, language: str = "en", with_active_fixtures: bool = True) -> list[dict]:
        active = self._active_tournament_ids() if with_active_fixtures else None
        result = []
        for sid, _alias, en, es, pt in data.SPORTS:
            tournaments = [{"tournamentId": t.id, "name": t.names.get(language, t.names["en"]), "order": i + 1}
                           for i, t in enumerate(x for x in self.tournaments if x.sport_id == sid)
                           if active is None or t.id in active]
            result.append({"id": sid, "name": {"en": en, "es": es, "pt_br": pt}.get(language, en),
                           "tournaments": tournaments})
        return result

    def fixtures_json(self, *, tournament_id: str, live: bool = False, language: str = "en") -> list[dict]:
        tournament = self._by_tid.get(str(tournament_id))
        if tournament is None:
            return [{"totalResults": 0}]
        items = [{
            "id": fx.id, "source": 1, "startTime": fx.start.strftime("%Y-%m-%dT%H:%M:%SZ"), "sportId": fx.sport_id,
            "tournament": {"id": tournament.id, "name": tournament.names.get(language, tournament.names["en"])},
            "homeCompetitor": {"id": fx.home.id, "name": fx.home.names.get(language, fx.home.names["en"]),
                               "jerseyIcon": f"https://sandbox.invalid/jerseys/{fx.home.id}.png"},
            "awayCompetitor": {"id": fx.away.id, "name": fx.away.names.get(language, fx.away.names["en"]),
                               "jerseyIcon": f"https://sandbox.invalid/jerseys/{fx.away.id}.png"},
        } for fx in self.visible_fixtures(tournament=tournament, live=live)]
        return [{"totalResults": len(items)}, *items]

    def sports_fixtures_json(self, *, sport_id: str, live: bool = False) -> list[dict]:
        result = []
        for fx in self.visible_fixtures(sport_id=str(sport_id), live=live):
            result.append({
                "id": fx.id, "source": 1, "tournament_id": fx.tournament.id, "tournament_name": fx.tournament.names,
                "home_team_data": {"name": fx.home.names}, "away_team_data": {"name": fx.away.names},
                "homeCompetitorName": fx.home.names, "homeCompetitorId": {lang: fx.home.id for lang in LANG_INDEX},
                "awayCompetitorName": fx.away.names, "awayCompetitorId": {lang: fx.away.id for lang in LANG_INDEX},
                "startTime": fx.start.strftime("%m-%d %H:%M"), "startTimeIndex": fx.start.strftime("%Y%m%d%H%M"),
            })
        return result

    # --- tokens and users (wallets and bets: sandbox_betting.py) ------------------------------------
    def generate_token(self) -> dict:
        self._token_seq += 1
        exp = int(self.now().timestamp()) + self.token_ttl

        def b64(obj: dict) -> str:
            return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")

        signature = hashlib.sha256(f"{self.seed}:{self._token_seq}:{exp}".encode()).hexdigest()[:32]
        header, claims = b64({"alg": "HS256", "typ": "JWT"}), b64({"exp": exp, "jti": self._token_seq})
        return {"token": f"{header}.{claims}.{signature}"}

    def token_valid(self, token: str | None) -> bool:
        if not token or token.count(".") != 2:
            return False
        try:
            payload = token.split(".")[1]
            claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        except ValueError:
            return False
        return int(claims.get("exp", 0)) > self.now().timestamp()

    @staticmethod
    def user_id_for(user_key: str) -> int:
        return 100000 + int(hashlib.sha256(user_key.encode()).hexdigest()[:8], 16) % 900000

    def validate_user_json(self, *, user_key: str) -> dict:
        if not user_key or user_key.lower().startswith("invalid") or len(user_key) < 4:
            return {"status": False, "userId": None}
        return {"status": True, "userId": self.user_id_for(user_key)}

    # --- HTTP-like entry (served over sockets by the tests' fake server) ----------------------------
    def dispatch(self, method: str, path: str, query: dict[str, str], body: Any, headers: dict[str, str]
                 ) -> tuple[int, Any]:
        self.calls += 1
        path = "/" + path.strip("/")
        if (method, path) == ("POST", "/auth/generate_token"):
            return 200, self.generate_token()
        if not self.token_valid(headers.get("token")):
            return 401, {"detail": "Token expired or invalid"}
        language = query.get("language", "en")
        active = query.get("with_active_fixtures", "true").lower() == "true"
        live = query.get("type", "pre_match") == "live"
        if (answer := self.betting_route(method, path, query, body)) is not None:
            return answer
        if method == "GET":
            if path == "/auth/validate_token":
                return 200, {"message": "Token is valid"}
            if path == "/auth/validate_user":
                return 200, self.validate_user_json(user_key=query.get("userKey", ""))
            if path == "/sports":
                return 200, self.sports_json()
            if path == "/sports/tournaments":
                return 200, self.tournaments_json(sport_id=query.get("sport_id", ""), language=language,
                                                  with_active_fixtures=active)
            if path == "/sports/all-tournaments":
                return 200, self.all_tournaments_json(language=language, with_active_fixtures=active)
            if path == "/sports/fixtures":
                return 200, self.fixtures_json(tournament_id=query.get("tournamentId", ""), live=live,
                                               language=language)
            if path == "/sports/sports-fixtures":
                return 200, self.sports_fixtures_json(sport_id=query.get("sportId", ""), live=live)
            if path == "/sports/odds":
                fx = self.fixture(query.get("fixtureId", ""))
                if fx is None:
                    return 404, {"detail": "Fixture not found"}
                return 200, self.odds_json(fx, amount=float(query.get("amount", "1") or 1))
        return 404, {"detail": f"No route {method} {path}"}


class SandboxProvider(SandboxBettingCalls):
    """The embedded default: `SandboxUpstream` in-process, translated like the real thing."""

    name = "sandbox"

    def __init__(self, *, seed: int | None = None, latency_ms: int | None = None,
                 clock: Callable[[], float] | None = None):
        self.upstream = SandboxUpstream(seed=settings.SANDBOX_SEED if seed is None else seed, clock=clock)
        if clock is None and settings.SANDBOX_FROZEN_AT:  # a constant instant: odds hold still (multi-process tests)
            self.upstream.freeze(datetime.fromisoformat(settings.SANDBOX_FROZEN_AT))
        self.latency_ms = settings.SANDBOX_LATENCY_MS if latency_ms is None else latency_ms

    # clock controls, for tests and demos
    def now(self) -> datetime:
        return self.upstream.now()

    def freeze(self, at: datetime) -> None:
        self.upstream.freeze(at)

    def advance(self, seconds: float) -> None:
        self.upstream.advance(seconds)

    @property
    def calls(self) -> int:
        return self.upstream.calls

    def _call(self) -> None:
        """Count the call and wait the simulated upstream latency."""
        self.upstream.calls += 1
        if self.latency_ms:
            time.sleep(self.latency_ms / 1000)

    def sports(self) -> list[Sport]:
        self._call()
        return translate.parse_sports(self.upstream.sports_json())

    def tournaments(self, *, sport_id: str) -> list[Tournament]:
        self._call()
        by_language = {lang: self.upstream.tournaments_json(sport_id=sport_id, language=lang,
                                                            with_active_fixtures=False) for lang in LANG_INDEX}
        active = [t["tournament_id"] for t in self.upstream.tournaments_json(sport_id=sport_id)]
        countries = {t.id: t.country for t in self.upstream.tournaments}
        return translate.parse_tournaments(by_language, sport_id=sport_id, active_ids=active, countries=countries)

    def all_tournaments(self, *, language: str = "en", active_only: bool = True) -> list[Tournament]:
        self._call()
        return translate.parse_all_tournaments(self.upstream.all_tournaments_json(
            language=language, with_active_fixtures=active_only))

    def fixtures(self, *, tournament_id: str, live: bool = False) -> list[Fixture]:
        self._call()
        return translate.parse_fixtures(self.upstream.fixtures_json(tournament_id=tournament_id, live=live),
                                        status="live" if live else "pre_match", now=self.now())

    def sport_fixtures(self, *, sport_id: str, live: bool = False) -> list[Fixture]:
        self._call()
        return translate.parse_sport_fixtures(self.upstream.sports_fixtures_json(sport_id=sport_id, live=live),
                                              sport_id=sport_id, status="live" if live else "pre_match",
                                              now=self.now())

    def odds(self, *, fixture_id: str, sport_id: str, tournament_id: str, amount: Decimal = Decimal(1)) -> OddsBoard:
        self._call()
        fx = self.upstream.fixture(fixture_id)
        if fx is None:
            raise NotFound(f"Fixture {fixture_id} not found.")
        return translate.parse_odds(self.upstream.odds_json(fx, amount=float(amount)), fixture_id=fixture_id,
                                    fetched_at=self.now())

    def validate_user(self, *, user_key: str) -> str | None:
        self._call()
        return translate.parse_user(self.upstream.validate_user_json(user_key=user_key))

    def balance(self, *, upstream_user_id: str, user_key: str) -> Balance:
        self._call()
        status, body = self.upstream.balance_json(user_id=upstream_user_id, user_key=user_key)
        if status != 200:
            raise ChatBetError(body.get("detail", "Invalid user."), code="invalid_user", status=403)
        return translate.parse_balance(body)

    def health(self) -> dict:
        fixtures = self.upstream.visible_fixtures()
        return {"status": "ok", "provider": self.name, "seed": self.upstream.seed,
                "sports": len(data.SPORTS), "tournaments": len(self.upstream.tournaments),
                "fixtures": len(fixtures), "live_fixtures": sum(1 for f in fixtures if f.status(self.now()) == "live")}

