"""The time-sensitive answers hold at any hour: each runs under every awkward fixed clock (conftest.AWKWARD_CLOCKS).

The suite itself runs at conftest.DEFAULT_CLOCK; these are the instants that broke tests before or sit on a
boundary — midnight UTC, a Saturday, 04:30 UTC when the first listed matches are all live, the last evening
of a month and year — so a regression in the clock handling fails here whatever the hour CI runs at.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from chat.tests import factories, test_answer
from chat.tests.factories import Chat
from conftest import AWKWARD_CLOCKS
from sports.services.fixtures import find_fixtures
from sports.tests import test_sandbox

pytestmark = pytest.mark.django_db
sandbox = factories.sandbox
clocks = pytest.mark.parametrize("clock_at", list(AWKWARD_CLOCKS.values()), ids=list(AWKWARD_CLOCKS))


@clocks
def test_the_tests_clock_is_the_fixed_instant(clock_at, sandbox):
    assert abs(timezone.now() - clock_at) < timedelta(minutes=1)
    assert sandbox.now() == clock_at


@clocks
@pytest.mark.parametrize("language,message,words", [
    ("en", "matches today", ("Live now:", "🔴 LIVE", "Upcoming matches", "Showing 5 of {n}")),
    ("es", "partidos de hoy", ("En vivo ahora:", "🔴 EN VIVO", "Próximos partidos", "Mostrando 5 de {n}")),
])
def test_live_and_upcoming_headings(clock_at, sandbox, language, message, words):
    test_answer.test_a_cut_list_says_so_and_live_matches_are_headed_apart(sandbox, language, message, words)


@pytest.mark.clock(AWKWARD_CLOCKS["weekend"])
def test_when_every_listed_match_is_live_none_is_called_upcoming(sandbox):
    """The failure the suite used to hit at 04:30 UTC: the first five matches of the day all in play. On a
    Saturday at 14:00 UTC the early kick-offs are, so this clock makes the case happen on purpose."""
    shown = find_fixtures(limit=5)
    assert len(shown) == 5 and all(f.status == "live" for f in shown)  # the clock makes the case true
    answer = Chat().say("matches today")
    assert "Live now:" in answer.text and "Upcoming matches" not in answer.text
    assert all(f"{f.home.name} vs {f.away.name}" in answer.text for f in shown)


@clocks
def test_and_tomorrow_is_the_next_calendar_day(clock_at, sandbox):
    test_answer.test_and_tomorrow_keeps_the_team(sandbox)


@clocks
def test_the_next_match_and_its_odds_follow_up(clock_at, sandbox):
    test_answer.test_follow_ups_reuse_the_conversation(sandbox)


@clocks
@pytest.mark.parametrize("message,language", [("football matches today", "en"),
                                              ("partidos de fútbol este fin de semana", "es")])
def test_a_sport_named_in_the_message_filters_the_list(clock_at, sandbox, message, language):
    test_answer.test_a_sport_named_in_the_message_filters_the_list(sandbox, message, language)


@clocks
def test_recommendations_offer_several_picks(clock_at, sandbox):
    test_answer.test_recommendations_carry_the_same_content_in_every_language(sandbox, "conservative", "concise")


@clocks
def test_the_sandbox_has_matches_today_tomorrow_and_this_weekend_and_something_live(clock_at, sandbox):
    test_sandbox.assert_busy_calendar(sandbox, clock_at)


@clocks
def test_nothing_listed_as_upcoming_has_started(clock_at, sandbox):
    fixtures = find_fixtures(limit=200)
    assert fixtures
    for fixture in fixtures:
        assert (fixture.status == "live") == (fixture.start_time <= clock_at), fixture
