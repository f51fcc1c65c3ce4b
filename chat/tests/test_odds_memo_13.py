"""A chat turn's odds come from the process's decoded copy of the board (issue 20), and still show another
process's new prices once SPORTS_MEMO_RECHECK_SECONDS has passed on the clock the shared cache expires by."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import timedelta

import pytest
import time_machine
from asgiref.sync import sync_to_async

from accounts.identity import guest_identity
from chat.engine.followup_eval import EVAL_NOW
from chat.events import TurnFinished
from chat.services.turns import stream_reply
from chat.tests import factories
from chatbet_project.caches import cache
from sports import cache as sports_cache
from sports.services import fixtures, odds

pytestmark = pytest.mark.django_db(transaction=True)
sandbox = factories.sandbox


async def _answer(session, guest, content: str) -> str:
    events = [event async for event in stream_reply(session_id=session, identity=guest, content=content)]
    assert isinstance(events[-1], TurnFinished), events
    return events[-1].result.content


def _moved_by_another_process(fixture_id: str, fetched_at: float) -> dict[str, float]:
    """Another process's warmer stores the board with its 1x2 prices moved (this process's memo is not told)."""
    board = odds.get_odds(fixture_id=fixture_id)
    market = board.markets["1x2"]
    prices = {k: dataclasses.replace(p, odds=round(p.odds + 0.37, 2)) for k, p in market.selections.items()}
    moved = dataclasses.replace(board, markets={**board.markets, "1x2": dataclasses.replace(market, selections=prices)})
    key = sports_cache.odds_key(fixture_id)
    cache.set_many({key: sports_cache.Cached(value=moved, fetched_at=fetched_at),
                    sports_cache.version_key(key): fetched_at}, timeout=3600)
    return {k: p.odds for k, p in prices.items()}


async def test_the_odds_a_user_is_shown_follow_another_process_within_the_window(sandbox, settings):
    settings.SPORTS_MEMO_RECHECK_SECONDS = 10
    guest, session = guest_identity(uuid.uuid4().hex), uuid.uuid4()
    with time_machine.travel(EVAL_NOW, tick=False) as clock:
        arsenal = (await sync_to_async(fixtures.find_fixtures)(team="Arsenal"))[0]
        before = await _answer(session, guest, "odds for Arsenal")
        old = (await sync_to_async(odds.get_odds)(fixture_id=arsenal.id)).markets["1x2"].odds_map()
        assert f"{old['home']:.2f}" in before
        new = await sync_to_async(_moved_by_another_process)(arsenal.id, EVAL_NOW.timestamp() + 1)
        clock.shift(timedelta(seconds=11))
        after = await _answer(session, guest, "odds for Arsenal")
    assert f"{new['home']:.2f}" in after and f"{old['home']:.2f}" not in after
