"""Warming fills the caches, detects odds moves once, and is safe to run twice at once."""

from __future__ import annotations

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.management import call_command

from sports import cache as sports_cache
from sports import events, tasks
from sports.services import fixtures, odds, warming

pytestmark = pytest.mark.django_db


@pytest.mark.stack
def test_warming_fills_every_cache_so_reads_need_no_upstream_call(sandbox):
    result = warming.warm_all(hours=48)
    assert result["tournaments"]["tournaments"] == 10 and result["odds"]["fixtures"] > 20
    calls = sandbox.calls
    upcoming = fixtures.find_fixtures(limit=10)
    for fixture in upcoming:
        odds.get_odds(fixture_id=fixture.id)
    assert sandbox.calls == calls
    assert sports_cache.stats()["odds"]["hit_rate"] == 1.0


@pytest.mark.stack
def test_odds_moves_are_published_once_to_fixture_and_tournament_groups(sandbox):
    layer = get_channel_layer()
    fixture = next(f for f in fixtures.find_fixtures() if f.sport_id == "1" and not f.is_live)
    fixture_channel = async_to_sync(layer.new_channel)()
    tournament_channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)(events.fixture_group(fixture.id), fixture_channel)
    async_to_sync(layer.group_add)(events.tournament_group(fixture.tournament_id), tournament_channel)
    assert warming.warm_odds()["changes"] == 0  # first sight: nothing to compare with
    before = odds.get_odds(fixture_id=fixture.id).markets["1x2"].odds_map()
    sandbox.advance(600)
    summary = warming.warm_odds()
    assert summary["changes"] > 0
    after = odds.get_odds(fixture_id=fixture.id).markets["1x2"].odds_map()
    assert after != before
    message = async_to_sync(layer.receive)(fixture_channel)
    while message["payload"]["market"] != "1x2":
        message = async_to_sync(layer.receive)(fixture_channel)
    assert message["type"] == "sports.update"
    assert message["payload"] == {**message["payload"], "type": "sports_update", "fixture_id": fixture.id,
                                  "old_odds": before, "new_odds": after}
    assert async_to_sync(layer.receive)(tournament_channel)["payload"]["type"] == "sports_update"
    assert warming.warm_odds()["changes"] == 0  # nothing moved since: nothing pushed again


@pytest.mark.parametrize("job", warming.JOBS)
def test_job_locks_outlive_the_celery_time_limits(settings, job):
    """A run still going at its soft limit must still hold its lock (no second concurrent run)."""
    settings.CELERY_TASK_SOFT_TIME_LIMIT, settings.CELERY_TASK_TIME_LIMIT = 400, 450
    assert warming.lock_seconds(job) >= 450


@pytest.mark.stack
def test_a_second_concurrent_run_skips(sandbox):
    with sports_cache.cache_lock(sports_cache.task_lock_key("odds")):
        assert warming.warm_odds() == {"skipped": True}
        assert tasks.warm_odds() == {"skipped": True}
    assert warming.warm_odds()["skipped"] is False


def test_tasks_and_command_run_the_same_services(sandbox, capsys):
    assert tasks.warm_tournaments()["tournaments"] == 10
    assert tasks.warm_fixtures()["fixtures"] > 100
    call_command("warm_caches")
    assert "'odds'" in capsys.readouterr().out


@pytest.mark.stack
def test_fixtures_that_finished_since_the_index_was_cached_do_not_stop_odds_warming(sandbox):
    """The fixture index lives for hours; a match in it may be over by the time odds are warmed."""
    warming.warm_fixtures()
    indexed = fixtures.find_fixtures()
    sandbox.advance(4 * 3600)  # several indexed matches (tennis runs every hour) are over now
    assert any(sandbox.upstream.fixture(f.id) is None for f in indexed)  # the situation under test
    summary = warming.warm_odds()
    assert summary["skipped"] is False and summary["fixtures"] > 0
