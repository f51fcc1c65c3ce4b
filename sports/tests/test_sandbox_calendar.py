"""The sandbox calendar looks like the real world, whatever the seed and the instant (property tests)."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from sports.providers.sandbox import SandboxUpstream

instants = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 12, 31)).map(
    lambda moment: moment.replace(tzinfo=UTC))
seeds = st.integers(min_value=0, max_value=10**6)
DAYS = 42  # six weeks: several matchweeks, NBA cycles and tennis rounds


def _fixtures(seed: int, at: datetime) -> list:
    upstream = SandboxUpstream(seed=seed)
    upstream.freeze(at)
    first = at.date() - timedelta(days=3)
    return [fx for t in upstream.tournaments for day in range(DAYS)
            for fx in upstream._day_fixtures(t, first + timedelta(days=day))]


@settings(max_examples=15, deadline=None)
@given(seed=seeds, at=instants)
def test_a_team_plays_at_most_once_in_any_three_days(seed, at):
    days_of = defaultdict(list)
    for fx in _fixtures(seed, at):
        if fx.sport_id != "3":
            for team in (fx.home, fx.away):
                days_of[team.names["en"]].append(fx.start.date())
    for team, days in days_of.items():
        days.sort()
        gaps = [(b - a).days for a, b in zip(days, days[1:], strict=False)]
        assert all(gap >= 3 for gap in gaps), (team, days)


@settings(max_examples=15, deadline=None)
@given(seed=seeds, at=instants)
def test_a_tennis_player_plays_at_most_once_a_day(seed, at):
    per_day = Counter((team.names["en"], fx.start.date()) for fx in _fixtures(seed, at) if fx.sport_id == "3"
                      for team in (fx.home, fx.away))
    assert per_day and max(per_day.values()) == 1


@settings(max_examples=5, deadline=None)
@given(seed=seeds, at=instants)
def test_a_pairing_meets_at_most_twice_a_season_and_never_in_two_competitions(seed, at):
    upstream = SandboxUpstream(seed=seed)
    upstream.freeze(at)
    first = at.date()
    seen = Counter()
    competitions = defaultdict(set)
    for t in upstream.tournaments:
        if t.sport_id == "3":
            continue
        for day in range(7 * 40):  # a whole league season of matchweeks
            for fx in upstream._day_fixtures(t, first + timedelta(days=day)):
                pairing = frozenset((fx.home.id, fx.away.id))
                seen[(t.id, fx.season, pairing)] += 1
                competitions[pairing].add(t.id)
    assert max(seen.values()) <= 2
    assert all(len(ids) == 1 for ids in competitions.values())  # a league pair never meets in the cup


@settings(max_examples=15, deadline=None)
@given(seed=seeds, at=instants)
def test_no_pairing_repeats_within_two_weeks_in_a_season(seed, at):
    starts = defaultdict(list)
    for fx in _fixtures(seed, at):
        starts[(fx.tournament.id, fx.season, frozenset((fx.home.id, fx.away.id)))].append(fx.start)
    for key, times in starts.items():
        times.sort()
        assert all(b - a > timedelta(days=14) for a, b in zip(times, times[1:], strict=False)), key


@settings(max_examples=15, deadline=None)
@given(seed=seeds, at=instants)
def test_the_visible_calendar_is_deterministic_busy_and_something_is_live(seed, at):
    a, b = SandboxUpstream(seed=seed), SandboxUpstream(seed=seed)
    a.freeze(at)
    b.freeze(at)
    shown = a.visible_fixtures()
    assert [(f.id, f.start, f.home.id, f.away.id) for f in shown] == \
        [(f.id, f.start, f.home.id, f.away.id) for f in b.visible_fixtures()]
    assert any(f.status(at) == "live" for f in shown)
    days = {f.start.date() for f in shown}
    assert {at.date(), at.date() + timedelta(days=1)} <= days
    football = {f.start.date() for f in shown if f.sport_id == "1"}
    assert len(football) >= 8  # two weeks hold two matchweeks of leagues and cup nights


def test_liverpool_never_plays_twice_on_a_day():
    """The report that started it: Premier League and Champions League at 20:00 UTC on the same day."""
    upstream = SandboxUpstream(seed=2026)
    start = datetime(2026, 12, 1, tzinfo=UTC).date()
    days = [fx.start.date() for t in upstream.tournaments for d in range(120)
            for fx in upstream._day_fixtures(t, start + timedelta(days=d)) if "Liverpool" in (fx.home.names["en"],
                                                                                          fx.away.names["en"])]
    assert len(days) == len(set(days)) and len(days) > 20
