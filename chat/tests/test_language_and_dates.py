"""Answers in the user's language, about the date and the teams the user named, through the REST chat.

- Language: loanwords ("odds", "over", "handicap") and team names are no evidence; "do/da/del + a name",
  a clitic before an infinitive ("me autoexcluir") are; the page's or the conversation's language is kept
  unless the message clearly says otherwise.
- A date in an odds question picks the fixture on that date (or says there is none, then the nearest ones).
- A stake stated in a request for ideas is the stake the ideas are for.
- A sport the catalogue has no markets for is named as not covered, with what is covered.
- Two teams as a list get an answer each; two teams as a match with no such fixture get "there is none"
  before anything else.

Expectations come from the sandbox catalogue at the frozen clock, never from hard-coded fixtures.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from chat.tests import factories
from sports.services.fixtures import find_fixtures

pytestmark = pytest.mark.django_db(transaction=True)
sandbox = factories.sandbox

# What an odds answer says in each language (its head and the draw/margin labels).
ODDS_MARKERS = {"en": "bookmaker margin", "es": "margen de la casa", "pt_br": "margem da casa"}


def send(client, message, *, session=None, language=None):
    payload = {"message": message, "session_id": session}
    if language:
        payload["context"] = {"language": language}
    response = client.post("/api/v1/chat/message", payload, format="json")
    assert response.status_code == 200, response.content
    return response.json()


def ordinal(day: int) -> str:
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


# --- language ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "page", "language"),
    [
        ("odds da Juventus", None, "pt_br"),
        ("odds do Flamengo", "en", "pt_br"),  # an English page, a Portuguese message
        ("odds do Corinthians", "pt_br", "pt_br"),
        ("handicap del Sevilla", None, "es"),
        ("odds del Betis", "en", "es"),
        ("odds for Palmeiras", "pt_br", "en"),  # an English message on a Portuguese page
        ("Santos x Flamengo odds", "pt_br", "pt_br"),  # no words at all: the page decides
        ("Sevilla vs Elche odds", "es", "es"),
    ],
)
def test_odds_answers_come_in_the_language_of_the_message(api_client, sandbox, message, page, language):
    body = send(api_client, message, language=page)
    assert body["detected_intent"] == "odds_information"
    assert ODDS_MARKERS[language] in body["message"], body["message"]


def test_a_message_without_evidence_keeps_the_conversations_language(api_client, sandbox):
    first = send(api_client, "quais são as odds do Flamengo?")
    assert ODDS_MARKERS["pt_br"] in first["message"]
    again = send(api_client, "Palmeiras odds", session=first["session_id"])
    assert ODDS_MARKERS["pt_br"] in again["message"], again["message"]


def test_a_portuguese_self_exclusion_as_the_first_message_is_answered_in_portuguese(api_client, sandbox):
    body = send(api_client, "Me autoexcluir por 3 meses")
    assert body["detected_intent"].startswith("rg_")
    assert "você" in body["message"] and "usted" not in body["message"], body["message"]


# --- dates in odds answers -----------------------------------------------------------------------------


def team_with_matches_on_two_days():
    """A team with two upcoming fixtures on different days in the next three weeks (the later one is asked)."""
    now = timezone.now()
    for fixture in find_fixtures(date_from=now, date_to=now + timedelta(days=21)):
        team = fixture.home.name
        mine = [f for f in find_fixtures(team=team, date_from=now, date_to=now + timedelta(days=21))
                if team in (f.home.name, f.away.name)]
        days = sorted({f.start_time.date() for f in mine})
        if len(days) >= 2 and days[1].day != days[0].day:
            later = next(f for f in mine if f.start_time.date() == days[1])
            return team, mine[0], later
    raise AssertionError("the sandbox has no team with matches on two days")


def test_a_date_in_an_odds_question_picks_the_fixture_on_that_date(api_client, sandbox):
    team, first, later = team_with_matches_on_two_days()
    body = send(api_client, f"odds for {team} on the {ordinal(later.start_time.day)}")
    head = body["message"].splitlines()[0]
    assert later.title in head, body["message"]
    assert first.title not in body["message"]


def test_a_date_in_a_follow_up_moves_to_the_teams_match_on_that_date(api_client, sandbox):
    team, first, later = team_with_matches_on_two_days()
    schedule = send(api_client, f"when does {team} play?")
    body = send(api_client, f"and the odds on the {ordinal(later.start_time.day)}?", session=schedule["session_id"])
    assert body["detected_intent"] == "odds_information"
    assert later.title in body["message"].splitlines()[0], body["message"]


def test_no_match_on_the_date_asked_is_said_before_the_nearest_ones(api_client, sandbox):
    team, first, later = team_with_matches_on_two_days()
    now = timezone.now()
    played = {f.start_time.date() for f in find_fixtures(team=team, date_from=now, date_to=now + timedelta(days=30))}
    free = next(now.date() + timedelta(days=n) for n in range(1, 28) if now.date() + timedelta(days=n) not in played)
    body = send(api_client, f"cuotas del {team} el {free.day}")
    text = body["message"]
    assert text.startswith(f"{team} no tiene partido"), text
    assert "Los más cercanos" in text and "Cuotas de" not in text


def test_a_window_with_several_matches_asks_which_and_the_pick_gets_its_odds(api_client, sandbox):
    """Issue 17 (batch 14): a team with more than one match in the window said is asked about, each match listed and
    none priced (never all of them in place of an answer); the reply picking one gets that match's odds."""
    team, first, later = team_with_matches_on_two_days()
    body = send(api_client, f"odds for {team} between the {ordinal(first.start_time.day)} and the "
                            f"{ordinal(later.start_time.day)}")
    listed = [line[2:].split(" — ")[0] for line in body["message"].splitlines() if line.startswith("• ")]
    assert len(listed) >= 2 and "get_odds" not in [call["name"] for call in body["function_calls_made"]], body
    picked = send(api_client, "the second one", session=body["session_id"])
    assert picked["message"].splitlines()[0].startswith(f"Odds for {listed[1]}"), (listed, picked["message"])


# --- stake, sports, two teams ----------------------------------------------------------------------------


@pytest.mark.parametrize(("message", "stake"), [("recommend a safe bet for 40", "40.00"),
                                                ("dame una apuesta segura para 35", "35.00")])
def test_the_stake_stated_for_ideas_is_used(api_client, sandbox, message, stake):
    body = send(api_client, message)
    assert body["detected_intent"] == "betting_recommendation"
    assert stake in body["message"].splitlines()[0], body["message"]


@pytest.mark.parametrize(
    ("message", "said"),
    [("do you have cricket?", "I don't cover cricket"), ("any F1 odds this weekend?", "I don't cover F1"),
     ("show me UFC fights", "I don't cover UFC"), ("tem NFL hoje?", "Não cubro NFL"),
     ("¿tienen béisbol?", "No cubro béisbol"), ("hay fútbol americano el domingo?", "No cubro fútbol americano")],
)
def test_a_sport_not_covered_is_said_so_with_what_is_covered(api_client, sandbox, message, said):
    body = send(api_client, message)
    assert body["message"].startswith(said), body["message"]
    assert "NBA" in body["message"]
    assert not [call for call in body["function_calls_made"] if call["name"] != "list_tournaments"]


def test_boxing_day_is_not_boxing(api_client, sandbox):
    body = send(api_client, "Premier League fixtures on boxing day")
    assert "cover" not in body["message"].split("\n")[0]


def two_teams_without_a_match():
    """Two clubs of the next matches that do not play each other (the home side of one, the away of another)."""
    now = timezone.now()
    soon = find_fixtures(date_from=now, date_to=now + timedelta(days=7))
    for a in soon:
        for b in soon:
            home, away = a.home.name, b.away.name
            together = [f for f in find_fixtures(team=home, date_from=now) if away in (f.home.name, f.away.name)]
            if home != away and not together and " " not in home + away:
                return home, away
    raise AssertionError("no two one-word clubs without a match between them")


def test_two_teams_as_a_list_get_a_schedule_each(api_client, sandbox):
    team_a, team_b = two_teams_without_a_match()
    body = send(api_client, f"partidos del {team_a} y del {team_b}")
    heads = [line for line in body["message"].splitlines() if line.startswith("Próximos partidos")]
    assert [team_a in heads[0], team_b in heads[1]] == [True, True], body["message"]


def test_odds_for_two_teams_as_a_list_give_both(api_client, sandbox):
    team_a, team_b = two_teams_without_a_match()
    body = send(api_client, f"odds for {team_a} and {team_b}")
    heads = [line for line in body["message"].splitlines() if line.startswith("Odds for")]
    assert len(heads) == 2 and team_a in heads[0] and team_b in heads[1], body["message"]


def test_a_match_not_in_the_calendar_is_said_so_first(api_client, sandbox):
    team_a, team_b = two_teams_without_a_match()
    body = send(api_client, f"{team_a} x {team_b} quando?")
    lines = body["message"].splitlines()
    assert lines[0] == f"Não há nenhum jogo {team_a} vs {team_b} no meu calendário.", body["message"]
    assert any(team_a in line for line in lines[2:]) and any(team_b in line for line in lines[2:])


def test_a_derby_not_in_the_calendar_is_said_so_before_the_teams_matches(api_client, sandbox):
    body = send(api_client, "what time is the Madrid derby?")
    lines = body["message"].splitlines()
    assert lines[0].startswith("There is no Real Madrid derby"), body["message"]
    assert "Real Madrid" in lines[1]
