"""Fixtures: one cached index per sport (pre-match + live), filtered here.

The index is refreshed by warming every 10 minutes; between refreshes a pre-match fixture whose
kick-off has passed is reported live, and one that kicked off more than `FINISHED_AFTER` ago is
dropped, so a cached index never shows a finished match as upcoming.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils.text import format_lazy
from django.utils.translation import pgettext_lazy

from chatbet_project.caches import cache
from chatbet_project.errors import NotFound
from sports import cache as sports_cache
from sports.domain import Fixture
from sports.services import catalogue

FINISHED_AFTER = timedelta(hours=3)
TEAM_MATCH_MARGIN = 5.0      # teams scoring within this of the best match are all included
TEAM_MATCH_MIN = 80.0
# Days a caller may ask about: far from datetime's limits, so a day's window in any time zone converts
# to UTC without OverflowError (9999-12-31 or 0001-01-01 in Asia/Tokyo used to be a 500).
DAY_MIN = date(2000, 1, 1)
DAY_MAX = date(2099, 12, 31)


def _current(fixture: Fixture, now: datetime) -> Fixture | None:
    """The fixture as it stands now: live once kicked off, gone once surely finished."""
    if fixture.start_time <= now:
        if fixture.start_time < now - FINISHED_AFTER:
            return None
        if fixture.status != "live":
            return dataclasses.replace(fixture, status="live")
    return fixture


def _team_ids(team: str) -> set[str]:
    if team.isdigit():
        return {team}
    matches = catalogue.match_team(text=team, limit=8)
    if not matches or matches[0][1] < TEAM_MATCH_MIN:
        return set()
    best = matches[0][1]
    return {t.id for t, score in matches if score >= best - TEAM_MATCH_MARGIN}


def _tournament_ids(tournament: str) -> set[str]:
    if tournament.isdigit():
        return {tournament}
    matches = catalogue.match_tournament(text=tournament, limit=5)
    if not matches or matches[0][1] < TEAM_MATCH_MIN:
        return set()
    best = matches[0][1]
    return {t.id for t, score in matches if score >= best - TEAM_MATCH_MARGIN}


def is_known_tournament(*, tournament: str) -> bool:
    """Whether `tournament` (an id or a name as typed) names a tournament of the catalogue."""
    return bool(tournament and tournament.strip() and _tournament_ids(tournament.strip()))


def day_window(*, day: str | date, tz: str = "UTC") -> tuple[datetime, datetime]:
    """`[start, end)` in UTC of a calendar day ("today", "tomorrow", an ISO date or a date) in `tz`.

    The day must lie within `DAY_MIN`..`DAY_MAX` (callers validate it; ValueError otherwise).
    """
    zone = ZoneInfo(tz or "UTC")
    if isinstance(day, str):
        today = datetime.now(zone).date()
        day = {"today": today, "tomorrow": today + timedelta(days=1)}.get(day) or date.fromisoformat(day)
    if not DAY_MIN <= day <= DAY_MAX:
        raise ValueError(f"day {day} outside {DAY_MIN}..{DAY_MAX}")
    start = datetime.combine(day, time.min, tzinfo=zone).astimezone(UTC)
    return start, start + timedelta(days=1)


def find_fixtures(*, date_from: datetime | None = None, date_to: datetime | None = None, team: str | None = None,
                  tournament: str | None = None, live: bool | None = None, sport_id: str | None = None,
                  limit: int | None = None, day: str | date | None = None, tz: str = "UTC") -> list[Fixture]:
    """Fixtures sorted by kick-off. `team`/`tournament` are ids or free text ("barça", "la liga").

    `day` (+ `tz`) is a shorthand for the date_from/date_to window of that calendar day (`day_window`).
    """
    if day is not None:
        date_from, date_to = day_window(day=day, tz=tz)
    now = datetime.now(UTC)
    team_ids = _team_ids(team.strip()) if team and team.strip() else None
    tournament_ids = _tournament_ids(tournament.strip()) if tournament and tournament.strip() else None
    if team_ids == set() or tournament_ids == set():
        return []
    result = []
    for _sid, entry in catalogue.fixture_indexes(sport_id=sport_id):
        for raw in entry.value:
            fixture = _current(raw, now)
            if fixture is None:
                continue
            if date_from and fixture.start_time < date_from:
                continue
            if date_to and fixture.start_time >= date_to:
                continue
            if live is not None and fixture.is_live != live:
                continue
            if team_ids is not None and not ({fixture.home.id, fixture.away.id} & team_ids):
                continue
            if tournament_ids is not None and fixture.tournament_id not in tournament_ids:
                continue
            result.append(fixture)
    result.sort(key=lambda f: (f.start_time, f.id))
    return result[:limit] if limit else result


def get_fixture(*, fixture_id: str) -> Fixture:
    """One fixture by id; `NotFound` when it is not (or no longer) in the catalogue."""
    fixture_id = str(fixture_id)
    now = datetime.now(UTC)
    cached = cache.get(sports_cache.fixture_key(fixture_id))
    if cached is None:
        for _sid, entry in catalogue.fixture_indexes():
            cached = next((f for f in entry.value if f.id == fixture_id), None)
            if cached is not None:
                break
    fixture = _current(cached, now) if cached is not None else None
    if fixture is None:
        raise NotFound(format_lazy(pgettext_lazy("sports error", "Fixture {fixture} not found."), fixture=fixture_id))
    return fixture
