"""Odds boards are decoded once per process (`read_through_memo`): another process's odds are served within
SPORTS_MEMO_RECHECK_SECONDS on the clock the shared cache expires by, and a caller changing a board it was handed
never changes what the next caller reads."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from chatbet_project.caches import cache
from sports import cache as sports_cache
from sports.services import fixtures, odds

pytestmark = pytest.mark.django_db
EVAL_NOW = datetime(2026, 12, 4, 15, 0, tzinfo=UTC)  # the tests' clock (chat.engine.followup_eval.EVAL_NOW)


def _moved(board, step: float):
    """`board` with every 1x2 price moved by `step` (what the warmer of another process would store)."""
    market = board.markets["1x2"]
    prices = {k: dataclasses.replace(p, odds=round(p.odds + step, 2)) for k, p in market.selections.items()}
    return dataclasses.replace(board, markets={**board.markets, "1x2": dataclasses.replace(market, selections=prices)})


def _stored_by_another_process(fixture_id: str, board, fetched_at: float) -> None:
    """Written straight into the shared cache, as another process's `store` does (this process's memo not told)."""
    key = sports_cache.odds_key(fixture_id)
    entry = sports_cache.Cached(value=board, fetched_at=fetched_at)
    cache.set_many({key: entry, sports_cache.version_key(key): fetched_at}, timeout=3600)


@pytest.mark.stack
def test_odds_stored_by_another_process_are_served_once_the_window_has_passed(sandbox, settings):
    settings.SPORTS_MEMO_RECHECK_SECONDS = 20
    with time_machine.travel(EVAL_NOW, tick=False) as clock:
        fixture = next(f for f in fixtures.find_fixtures() if not f.is_live)
        mine = odds.get_odds(fixture_id=fixture.id)
        _stored_by_another_process(fixture.id, _moved(mine, 0.5), fetched_at=EVAL_NOW.timestamp() + 1)
        clock.shift(timedelta(seconds=19))
        assert odds.get_odds(fixture_id=fixture.id).markets == mine.markets  # within the window: this process's copy
        clock.shift(timedelta(seconds=2))
        seen = odds.get_odds(fixture_id=fixture.id, market="1x2")
        assert seen.markets["1x2"].odds_map() == _moved(mine, 0.5).markets["1x2"].odds_map()
        assert not seen.stale


@pytest.mark.stack
def test_a_board_moved_by_another_process_is_rechecked_not_trusted_again(sandbox, settings):
    """After the window the version is read again: the same board is kept (no upstream call), a new one replaces it."""
    settings.SPORTS_MEMO_RECHECK_SECONDS = 5
    with time_machine.travel(EVAL_NOW, tick=False) as clock:
        fixture = next(f for f in fixtures.find_fixtures() if not f.is_live)
        first = odds.get_odds(fixture_id=fixture.id)
        clock.shift(timedelta(seconds=6))
        assert odds.get_odds(fixture_id=fixture.id).markets == first.markets
        _stored_by_another_process(fixture.id, _moved(first, 1.0), fetched_at=EVAL_NOW.timestamp() + 7)
        clock.shift(timedelta(seconds=6))
        assert odds.get_odds(fixture_id=fixture.id).markets == _moved(first, 1.0).markets


def test_a_caller_changing_its_board_does_not_change_the_next_readers(sandbox):
    fixture = next(f for f in fixtures.find_fixtures() if not f.is_live)
    pristine = odds.get_odds(fixture_id=fixture.id)
    expected = {key: market.odds_map() for key, market in pristine.markets.items()}
    handed = odds.get_odds(fixture_id=fixture.id)
    one = odds.get_odds(fixture_id=fixture.id, market="1x2")
    price = handed.markets["1x2"].selections["home"]
    handed.markets["1x2"].selections["home"] = dataclasses.replace(price, odds=99.0)
    handed.markets.pop("1x2")
    one.markets["1x2"].selections.clear()
    again = odds.get_odds(fixture_id=fixture.id)
    assert {key: market.odds_map() for key, market in again.markets.items()} == expected
    assert odds.get_odds(fixture_id=fixture.id, market="1x2").markets["1x2"].odds_map() == expected["1x2"]
    direct = sandbox.odds(fixture_id=fixture.id, sport_id=fixture.sport_id, tournament_id=fixture.tournament_id)
    assert odds.get_odds(fixture_id=fixture.id).markets == direct.markets  # the copies keep every field
