"""A schedule question that names a tournament is filtered by it ("give me all matches in League Two"),
whether the catalogue covers that tournament or not; a question about competitions in general still
lists them. Through the engine and the NLU, on the real sandbox."""

from __future__ import annotations

import pytest

from chat.engine.nlu import clear_index, understand
from chat.tests import factories
from chat.tests.factories import Chat, chat_provider
from sports.providers import sandbox_data

pytestmark = pytest.mark.django_db
sandbox = factories.sandbox

LEAGUE_TWO_CLUBS = ["Bromley", "Salford City", "Notts County", "Walsall", "Doncaster Rovers", "Chesterfield"]


@pytest.fixture
def sandbox_with_league_two(settings, monkeypatch):
    """The real sandbox with one more competition, League Two, built like its Premier League."""
    premier = next(spec for spec in sandbox_data.TOURNAMENTS if spec["names"] == "Premier League")
    league_two = {**premier, "id": "9702", "names": "League Two",
                  "teams": [(name, *premier["teams"][i][1:]) for i, name in enumerate(LEAGUE_TWO_CLUBS)]}
    monkeypatch.setattr(sandbox_data, "TOURNAMENTS", [*sandbox_data.TOURNAMENTS, league_two])
    clear_index()
    with chat_provider(settings) as provider:
        yield provider
    clear_index()


SCHEDULE_QUESTIONS = [
    ("give me all matches in League Two", "League Two"),
    ("all League Two fixtures", "League Two"),
    ("show me the league two games", "league two"),
    ("dame todos los partidos de la Copa Libertadores", "Copa Libertadores"),
    ("partidos de la Liga MX mañana", "Liga MX"),
    ("quais são os jogos da Copa do Brasil?", "Copa do Brasil"),
    ("me mostra os jogos da Serie B", "Serie B"),
    ("FA Cup fixtures this weekend", "FA Cup"),
    ("who plays in Ligue 2 tomorrow?", "Ligue 2"),
    ("when does the Europa League start?", "Europa League"),
]


@pytest.mark.parametrize(("text", "tournament"), SCHEDULE_QUESTIONS)
def test_a_named_tournament_makes_a_schedule_question_about_it(sandbox, text, tournament):
    understood = understand(text)
    assert understood.intent == "match_schedule", understood
    # none of them is the sandbox's: named as written, apart from the catalogue's tournaments ("Liga MX" is not LaLiga)
    assert understood.entities.unknown_tournament == tournament and understood.entities.tournament is None
    assert understood.entities.amount is None  # the "2" of "Ligue 2" is not a stake


@pytest.mark.parametrize("text", ["which leagues do you cover?", "what tournaments are available?",
                                  "¿qué ligas tienen?", "quais campeonatos vocês têm?"])
def test_a_question_about_competitions_in_general_still_lists_them(sandbox, text):
    answer = Chat().say(text)
    assert answer.intent == "tournament_info"
    assert "Premier League" in answer.text and "LaLiga" in answer.text


@pytest.mark.parametrize(("text", "language_marker"), [
    ("give me all matches in League Two", "I don't have League Two matches"),
    ("dame todos los partidos de la Copa Libertadores", "No tengo partidos de Copa Libertadores"),
    ("quais são os jogos da Copa do Brasil?", "Não tenho jogos de Copa do Brasil"),
])
def test_a_tournament_we_do_not_cover_is_said_plainly_with_the_ones_we_do(sandbox, text, language_marker):
    answer = Chat().say(text)
    assert answer.intent == "match_schedule"
    assert answer.text.startswith(language_marker)
    assert "Premier League" in answer.text  # the covered ones, named
    assert " vs " not in answer.text  # no matches of other competitions passed off as the asked one
    [call] = answer.tool_calls
    assert call["name"] == "find_fixtures" and call["arguments"]["tournament"] in text


@pytest.mark.parametrize("text", ["give me all matches in League Two", "dame todos los partidos de la League Two",
                                  "me mostra todos os jogos da League Two"])
def test_a_covered_tournament_lists_only_its_own_matches(sandbox_with_league_two, text):
    answer = Chat().say(text)
    assert answer.intent == "match_schedule"
    assert answer.tool_calls[0]["arguments"]["tournament"] == "League Two"
    lines = [line for line in answer.text.splitlines() if " vs " in line]
    assert lines and all("League Two" in line for line in lines), answer.text
    assert all(any(club in line for club in LEAGUE_TWO_CLUBS) for line in lines)


def test_another_tournament_sharing_a_word_is_not_guessed(sandbox):
    from sports.services.catalogue import match_tournament
    from sports.services.fixtures import find_fixtures

    for name in ("League Two", "Liga MX", "Serie B", "Ligue 2", "Copa del Rey"):
        assert match_tournament(text=name) == [], name
        assert find_fixtures(tournament=name) == [], name
    assert match_tournament(text="premeir league")[0][0].name == "Premier League"  # typos still match
