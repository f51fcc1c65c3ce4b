"""The sandbox's calendar: which teams meet, on which day, at what time — plausibly.

Every competition plays seasons of round-robin rounds (circle method, a fresh seeded draw each season),
so a pairing meets at most twice a season (home and away) and never in consecutive rounds:

- domestic leagues play one round per *matchweek* (Friday to Thursday) on Friday to Monday;
- the Champions League plays one round a matchweek, Tuesday and Wednesday, single round-robin,
  never two clubs of the same league (they already meet twice at home); its clubs play their league
  match on Saturday (Tuesday players) or Saturday/Sunday, so nobody plays twice within three days;
- the NBA plays a round every four days over two days (five games a night);
- the ATP tour plays a round a day, twelve matches two hours apart (something is always live), each
  player once a day.

Everything is a pure function of (seed, day), computed lazily per round and cached, so the sandbox stays
deterministic for a frozen instant and cheap on the hot path.
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sports.providers import sandbox_data as data

EPOCH = date(2000, 1, 1)
FIRST_FRIDAY = date(1999, 12, 31)  # matchweeks run Friday..Thursday
LEAGUE_DAYS = (0, 1, 2, 3)  # Fri, Sat, Sun, Mon (offsets in the matchweek)
SATURDAY, SUNDAY, TUESDAY, WEDNESDAY = 1, 2, 4, 5
NBA_CYCLE_DAYS, NBA_PLAYING_DAYS = 4, 2


def _triple(value: str | tuple[str, str, str]) -> tuple[str, str, str]:
    return (value, value, value) if isinstance(value, str) else value


def _names(value: str | tuple[str, str, str]) -> dict[str, str]:
    en, es, pt = _triple(value)
    return {"en": en, "es": es, "pt_br": pt}


@dataclass(frozen=True)
class Team:
    id: str
    names: dict[str, str]
    rating: float


@dataclass(frozen=True)
class Competition:
    index: int
    id: str
    sport_id: str
    names: dict[str, str]
    country: str
    format: str  # "league", "cup", "rounds" (NBA) or "tour" (tennis)
    weekday: tuple[str, ...]
    weekend: tuple[str, ...]
    teams: tuple[Team, ...]


@dataclass(frozen=True)
class ScheduledFixture:
    id: str
    tournament: Competition
    start: datetime
    home: Team
    away: Team
    season: int  # the competition's season number: a pairing meets at most twice in one

    @property
    def sport_id(self) -> str:
        return self.tournament.sport_id

    def end(self) -> datetime:
        return self.start + timedelta(minutes=data.DURATION_MINUTES[self.sport_id])

    def status(self, now: datetime) -> str | None:
        """"pre_match", "live", or None once finished."""
        if now < self.start:
            return "pre_match"
        return "live" if now < self.end() else None


def build_catalogue() -> tuple[list[Competition], dict[str, Team]]:
    """Competitions and teams from `sandbox_data`; a club listed in two competitions is one team."""
    teams_by_name: dict[str, Team] = {}
    next_id = 1001
    tournaments = []
    for index, spec in enumerate(data.TOURNAMENTS):
        members = []
        for entry in spec["teams"]:
            if isinstance(entry, str):  # a club already listed in its domestic league
                members.append(teams_by_name[entry])
                continue
            raw_names, rating = entry
            names = _names(raw_names)
            team = teams_by_name.get(names["en"])
            if team is None:
                team = Team(id=str(next_id), names=names, rating=float(rating))
                teams_by_name[names["en"]] = team
                next_id += 1
            members.append(team)
        tournaments.append(Competition(
            index=index, id=spec["id"], sport_id=spec["sport"], names=_names(spec["names"]), country=spec["country"],
            format=spec["format"], weekday=tuple(spec["weekday"]), weekend=tuple(spec.get("weekend", ())),
            teams=tuple(members)))
    return tournaments, teams_by_name


def round_robin(teams: list[Team], rng: random.Random, *, double: bool) -> list[list[tuple[Team, Team]]]:
    """Circle-method rounds: everyone meets everyone once (twice, home and away, when `double`)."""
    order: list[Team | None] = list(teams)
    rng.shuffle(order)
    if len(order) % 2:
        order.append(None)  # the bye
    size = len(order)
    fixed, rest = order[0], order[1:]
    rounds = []
    for number in range(size - 1):
        line = [fixed, *rest]
        pairs = []
        for i in range(size // 2):
            a, b = line[i], line[size - 1 - i]
            if a is not None and b is not None:
                pairs.append((a, b) if (number + i) % 2 == 0 else (b, a))
        rounds.append(pairs)
        rest = rest[-1:] + rest[:-1]
    if double:
        rounds += [[(away, home) for home, away in pairs] for pairs in rounds]
    return rounds


class Calendar:
    """Lazily laid-out fixtures per (competition, day), cached."""

    def __init__(self, tournaments: list[Competition], seed: int):
        self.tournaments = tournaments
        self.seed = seed
        self._cup = next((t for t in tournaments if t.format == "cup"), None)
        self._league_of = {team.id: t.id for t in tournaments if t.format == "league" for team in t.teams}
        self._rounds: dict[tuple[int, int], list[list[tuple[Team, Team]]]] = {}
        self._periods: dict[tuple[int, int], dict[int, list[tuple[Team, Team]]]] = {}
        self._days: dict[tuple[int, int], list[ScheduledFixture]] = {}
        self._lock = threading.Lock()

    # --- seasons of rounds ------------------------------------------------------------------------
    def _season_length(self, t: Competition) -> int:
        n = len(t.teams) + len(t.teams) % 2
        return (n - 1) * (1 if t.format in ("cup", "tour") else 2)

    def _season_rounds(self, t: Competition, season: int) -> list[list[tuple[Team, Team]]]:
        key = (t.index, season)
        rounds = self._rounds.get(key)
        if rounds is None:
            rng = random.Random(f"{self.seed}:{t.id}:season:{season}")
            rounds = round_robin(list(t.teams), rng, double=t.format not in ("cup", "tour"))
            if t.format == "cup":  # clubs of the same league meet in the league, not here
                league = self._league_of.get
                rounds = [[(h, a) for h, a in pairs if league(h.id) is None or league(h.id) != league(a.id)]
                          for pairs in rounds]
            self._rounds[key] = rounds
        return rounds

    def _round(self, t: Competition, period: int) -> tuple[int, list[tuple[Team, Team]]]:
        length = self._season_length(t)
        season = period // length
        return season, self._season_rounds(t, season)[period % length]

    # --- one period (matchweek, NBA cycle or tennis day) laid out on days ---------------------------
    def _cup_days(self, week: int) -> dict[str, int]:
        """Team id -> matchweek offset (Tuesday or Wednesday) of its Champions League match."""
        if self._cup is None:
            return {}
        return {team.id: offset for offset, pairs in self._period(self._cup, week).items()
                for pair in pairs for team in pair}

    def _layout(self, t: Competition, period: int) -> dict[int, list[tuple[Team, Team]]]:
        _season, pairs = self._round(t, period)
        rng = random.Random(f"{self.seed}:{t.id}:period:{period}")
        pairs = list(pairs)
        rng.shuffle(pairs)
        if t.format == "cup":
            half = (len(pairs) + 1) // 2
            return {TUESDAY: pairs[:half], WEDNESDAY: pairs[half:]}
        if t.format == "rounds":
            half = (len(pairs) + 1) // 2
            return {0: pairs[:half], 1: pairs[half:]}
        if t.format == "tour":
            return {0: pairs}
        return self._league_layout(t, pairs, self._cup_days(period), rng)

    def _league_layout(self, t: Competition, pairs: list[tuple[Team, Team]], cup_days: dict[str, int],
                       rng: random.Random) -> dict[int, list[tuple[Team, Team]]]:
        """Friday..Monday; a Tuesday cup player plays Saturday, any cup club Saturday or Sunday."""
        capacity = {0: len(t.weekday), SATURDAY: len(t.weekend), SUNDAY: len(t.weekend), 3: len(t.weekday)}
        cup_members = {team.id for team in (self._cup.teams if self._cup else ())}

        def allowed(pair: tuple[Team, Team]) -> tuple[int, ...]:
            ids = {pair[0].id, pair[1].id}
            if any(cup_days.get(i) == TUESDAY for i in ids):
                return (SATURDAY,)
            return (SATURDAY, SUNDAY) if ids & cup_members else LEAGUE_DAYS

        days: dict[int, list[tuple[Team, Team]]] = {d: [] for d in LEAGUE_DAYS}
        for pair in sorted(pairs, key=lambda p: len(allowed(p))):
            options = [d for d in allowed(pair) if len(days[d]) < capacity[d]] or \
                [d for d in LEAGUE_DAYS if len(days[d]) < capacity[d]]
            best = max(capacity[d] - len(days[d]) for d in options)
            days[rng.choice([d for d in options if capacity[d] - len(days[d]) == best])].append(pair)
        return days

    def _period(self, t: Competition, period: int) -> dict[int, list[tuple[Team, Team]]]:
        key = (t.index, period)
        layout = self._periods.get(key)
        if layout is None:
            layout = self._layout(t, period)
            with self._lock:
                if len(self._periods) > 4000:
                    self._periods.clear()
                self._periods[key] = layout
        return layout

    # --- days ---------------------------------------------------------------------------------------
    def _period_of(self, t: Competition, day: date) -> tuple[int, int]:
        """(period number, day offset inside it) of `day` for this competition's format."""
        if t.format in ("league", "cup"):
            return divmod((day - FIRST_FRIDAY).days, 7)
        if t.format == "rounds":
            return divmod((day - EPOCH).days, NBA_CYCLE_DAYS)
        return (day - EPOCH).days, 0

    def day_fixtures(self, t: Competition, day: date) -> list[ScheduledFixture]:
        """The fixtures `t` plays on `day`, by kick-off; the list index is the fixture id's slot."""
        key = (t.index, (day - EPOCH).days)
        cached = self._days.get(key)
        if cached is not None:
            return cached
        period, offset = self._period_of(t, day)
        pairs = self._period(t, period).get(offset, [])
        slots = sorted(t.weekend if day.isoweekday() >= 6 and t.weekend else t.weekday)
        rng = random.Random(f"{self.seed}:{t.id}:{day.isoformat()}")
        times = sorted(rng.sample(slots, len(pairs))) if len(pairs) <= len(slots) else \
            sorted(slots[i % len(slots)] for i in range(len(pairs)))
        season = period // self._season_length(t)
        fixtures = []
        for slot, ((home, away), hhmm) in enumerate(zip(pairs, times, strict=True)):
            hour, minute = (int(p) for p in hhmm.split(":"))
            start = datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)
            fid = f"{(day - EPOCH).days}{t.index:02d}{slot:02d}"
            fixtures.append(ScheduledFixture(id=fid, tournament=t, start=start, home=home, away=away, season=season))
        with self._lock:
            if len(self._days) > 4000:
                self._days.clear()
            self._days[key] = fixtures
        return fixtures
