"""Upstream quirks are absorbed in one place."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sports.providers import translate


@pytest.mark.parametrize(("now", "raw", "expected"), [
    (datetime(2026, 11, 26, 9, tzinfo=UTC), "11-28 20:00", datetime(2026, 11, 28, 20, tzinfo=UTC)),
    (datetime(2026, 12, 30, 9, tzinfo=UTC), "01-02 18:30", datetime(2027, 1, 2, 18, 30, tzinfo=UTC)),
    # a live fixture that kicked off an hour ago keeps this year
    (datetime(2026, 11, 26, 9, tzinfo=UTC), "11-26 08:00", datetime(2026, 11, 26, 8, tzinfo=UTC)),
    (datetime(2027, 1, 1, 0, 30, tzinfo=UTC), "12-31 23:45", datetime(2026, 12, 31, 23, 45, tzinfo=UTC)),
    (datetime(2026, 11, 26, 9, tzinfo=UTC), "2026-11-28T20:00:00Z", datetime(2026, 11, 28, 20, tzinfo=UTC)),
])
def test_start_time_with_or_without_a_year(now, raw, expected):
    assert translate.parse_start_time(raw, now=now) == expected


def test_fixtures_skip_the_total_results_element_and_keep_ids_as_strings():
    raw = [{"totalResults": 1}, {"id": 24789012, "source": 1, "startTime": "2026-11-28T20:00:00Z", "sportId": 1,
                                 "tournament": {"id": 566, "name": "LaLiga"},
                                 "homeCompetitor": {"id": 101, "name": "Real Madrid", "jerseyIcon": "x"},
                                 "awayCompetitor": {"id": 102, "name": "Barcelona", "jerseyIcon": "y"}}]
    [fixture] = translate.parse_fixtures(raw, status="pre_match", now=datetime(2026, 11, 26, tzinfo=UTC))
    assert (fixture.id, fixture.tournament_id, fixture.home.id, fixture.away.name) == ("24789012", "566", "101",
                                                                                       "Barcelona")


def test_null_markets_are_dropped_and_non_active_status_means_suspended():
    raw = {"status": "Suspended", "main_market": "result",
           "result": {"homeTeam": {"betId": "a", "name": "Real Madrid", "odds": 1.85},
                      "tie": {"betId": "b", "name": "Draw", "odds": "3.60"},
                      "awayTeam": {"betId": "c", "name": "Barcelona", "odds": 4.2}},
           "over_under": {"over": {"betId": "o", "name": "2.5", "odds": 1.9}, "under": {"betId": "u", "name": "2.5",
                                                                                      "odds": 1.9}},
           "both_teams_to_score": None, "handicap": None, "win": None}
    board = translate.parse_odds(raw, fixture_id="1", fetched_at=datetime.now(UTC))
    assert board.status == "suspended" and board.is_suspended
    assert set(board.markets) == {"1x2", "over_under"}
    assert board.markets["1x2"].selections["draw"].odds == 3.6
    assert board.markets["over_under"].selections["over"].line == "2.5"


@pytest.mark.parametrize("raw", ["not a dict", {"status": "Active", "result": {"homeTeam": {"odds": 1.5},
                                                                               "awayTeam": {"odds": 2.5}}}])
def test_malformed_odds_raise(raw):
    with pytest.raises(translate.MalformedUpstream):
        translate.parse_odds(raw, fixture_id="1", fetched_at=datetime.now(UTC))
