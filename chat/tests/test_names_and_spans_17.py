"""Two readings a tester found missing. A name several clubs start with, said as the subject of its match ("when
does atletico play", "cuando juega el atletico", "quando joga o atletico?") is those clubs, asked which (never every
match on the calendar); the word after a longer name still names that club ("quando joga o atletico mineiro"). And a
span of days from today ("in the next 7 days", "within 5 days", "en los próximos 10 días", "nas próximas 2
semanas") is every day of it, not the one day N days on nor no date at all. Through the real REST endpoint at the
evaluation clock (Friday 4 December 2026, 15:00 UTC)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.engine.nlu import understand
from chat.tests import factories
from chat.tests.factories import RestChat, tools_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox


@pytest.mark.parametrize("message, which", [
    ("when does atletico play", "Which Atletico"),
    ("cuando juega el atletico?", "Atletico"),
    ("quando joga o atletico?", "Atletico"),
    ("atletico next game?", "Which Atletico"),
])
def test_a_shared_first_word_as_the_subject_of_its_match_is_asked(sandbox, message, which):
    body = RestChat(guest=True).say(message)
    assert which in body["message"] and "?" in body["message"], body["message"]
    assert "Atlético Mineiro" in body["message"] and "Atlético Madrid" in body["message"], body["message"]
    assert "Showing" not in body["message"] and "Mostrando" not in body["message"]


def test_the_whole_name_still_names_one_club(sandbox):
    body = RestChat(guest=True).say("quando joga o atletico mineiro")
    assert "Atlético Mineiro" in body["message"] and "Atlético Madrid" not in body["message"], body["message"]


@pytest.mark.parametrize("message, last_day", [
    ("liverpool matches in the next 7 days", 11),
    ("liverpool games within 5 days", 9),
    ("partidos del liverpool en los próximos 3 días", 7),
    ("jogos do liverpool nas próximas 2 semanas", 18),
    ("liverpool games over the coming four days", 8),
])
def test_a_span_of_days_from_today(message, last_day):
    entities = understand(message, now=EVAL_NOW).entities
    assert entities.date_from == datetime(2026, 12, 4, tzinfo=UTC)
    assert entities.date_to == datetime(2026, 12, last_day + 1, tzinfo=UTC)


def test_a_span_of_days_lists_only_those_days(sandbox):
    body = RestChat(guest=True).say("liverpool matches in the next 7 days")
    assert "Liverpool vs PSV Eindhoven" in body["message"] and "Leeds" not in body["message"], body["message"]
    asked = RestChat(guest=True).say("what if I bet 10 on liverpool to win in the next 7 days")
    assert "simulate_bet" not in tools_of(asked) and "Liverpool vs Chelsea" in asked["message"], asked["message"]
    assert "Liverpool vs PSV Eindhoven" in asked["message"]


@pytest.mark.parametrize("message, club", [("odds for Arsenal vs Newcastle Utd", "Newcastle United"),
                                           ("when do west ham utd play", "West Ham United")])
def test_united_written_short_is_that_club(message, club):
    assert club in understand(message, now=EVAL_NOW).entities.teams
