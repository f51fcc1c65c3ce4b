"""The kinds of misreading batch 2 (the second outside-written set, a development set since its first run) found,
each checked with sentences of the same kind that are in no corpus, template or labelled set: through
`understand()` for what is read, and through the REST chat endpoint (the turn service) for what the user gets.

Kinds: where/on whom to put the money is a request for a tip (even with a stake said); "is <team> the favourite"
asks for a price; the assistant's functions; questions that only sound like ours (awards, a series to watch,
arithmetic); a market named without its side; a line said after "over/under"; a negated or calm risk appetite
and "value" (a price, not a risk level); Brazilian slang stakes; a club that is also a word written in lower case;
a game asked about "now".
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from betting.models import BetSlip
from chat.engine.nlu import understand
from chat.tests import factories
from chat.tests.factories import RestChat
from sports.services.fixtures import find_fixtures
from sports.services.odds import get_odds

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)  # a Thursday


def u(text: str):
    return understand(text, now=NOW)


# --- intents --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "intent"), [
    # where / on whom / on what to put the money: a tip, also with a stake said
    ("tengo 20 lucas, ¿a quién se los meto?", "betting_recommendation"),
    ("¿en qué partido de tenis apuesto?", "betting_recommendation"),
    ("onde eu ponho 50 reais hoje?", "betting_recommendation"),
    ("em quem eu aposto no futebol amanhã?", "betting_recommendation"),
    ("who do I back in the NBA tonight?", "betting_recommendation"),
    ("any value in the Bundesliga this weekend?", "betting_recommendation"),
    ("tem valor em algum jogo do Brasileirão?", "betting_recommendation"),
    # one side's standing with the bookmaker is a price question
    ("is Arsenal favourite on Sunday?", "odds_information"),
    ("¿el Betis es favorito mañana?", "odds_information"),
    ("o Grêmio é favorito hoje?", "odds_information"),
    # what the assistant is for
    ("quais são as suas funcionalidades?", "help"),
    ("¿para qué me sirves?", "help"),
    ("what features have you got?", "help"),
    # near misses that are not about betting
    ("who won the Nobel prize in literature", "out_of_scope"),
    ("quien ganó el grammy", "out_of_scope"),
    ("quem ganhou o oscar de melhor filme", "out_of_scope"),
    ("suggest me a TV series", "out_of_scope"),
    ("me recomiendas un libro de misterio", "out_of_scope"),
    ("qual série você me indica pra ver hoje?", "out_of_scope"),
    ("what's 7 times 8", "out_of_scope"),
    ("cuánto es 40 dividido por 8", "out_of_scope"),
    ("quanto é 12 mais 30", "out_of_scope"),
])
def test_each_kind_of_question_gets_its_intent(text, intent):
    result = u(text)
    assert (result.intent, result.abstain) == (intent, False), result.alternatives


@pytest.mark.parametrize("text", ["odds for Flamengo 2 x 1 Palmeiras", "which book has the best odds"])
def test_betting_words_that_look_like_the_off_topic_ones_stay_ours(text):
    assert u(text).intent != "out_of_scope"  # a scoreline is not arithmetic; a "book" is a bookmaker


# --- entities -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "selection"), [
    ("both teams to score odds for Roma vs Lazio", None),  # the market named: both sides are shown
    ("cuánto paga ambos marcan en el Betis - Sevilla", None),
    ("ambas marcam no jogo do Fluminense, quanto tá pagando?", None),  # "no jogo" is "in the game"
    ("bet 20 on btts in Roma Lazio", "yes"),  # backed
    ("ambas marcam no Fluminense x Bahia, aposta 5", "yes"),
    ("I reckon both teams will score in Roma Lazio", "yes"),  # stated
    ("ambos marcan: no, en el Betis - Sevilla", "no"),
])
def test_both_teams_to_score_has_a_side_only_when_one_is_said(text, selection):
    e = u(text).entities
    assert (e.market, e.selection) == ("btts", selection), e.to_dict()


@pytest.mark.parametrize(("text", "line"), [("what does over/under 3.5 mean", 3.5),
                                            ("o que significa mais/menos 1.5", 1.5),
                                            ("over/under 4.5 odds for Lazio", 4.5)])
def test_a_line_said_after_over_under_is_the_line_not_a_side(text, line):
    e = u(text).entities
    assert (e.market, e.selection, e.line) == ("over_under", None, line)


@pytest.mark.parametrize(("text", "risk"), [
    ("something safe, not too risky", "low"),
    ("algo sin tanto riesgo para el sábado", "low"),
    ("quero algo tranquilo sem muito risco", "low"),
    ("I don't want anything risky tonight", "low"),
    ("any value bets tonight?", None),  # value is about the price, not the risk taken
    ("algo arriesgado para el domingo", "high"),
])
def test_risk_appetite_reads_negations_and_not_value(text, risk):
    assert u(text).entities.risk == risk


@pytest.mark.parametrize(("text", "amount"), [
    ("se eu botar 20 conto no Flamengo quanto volta", "20"),
    ("coloca 15 pila no Inter", "15"),
    ("e se fossem 40 paus no Bahia?", "40"),
])
def test_brazilian_slang_stakes_are_reais(text, amount):
    e = u(text).entities
    assert (str(e.amount), e.currency) == (amount, "BRL"), e.to_dict()


@pytest.mark.parametrize(("text", "team"), [
    ("quanto paga o jogo do vasco", "Vasco da Gama"),
    ("que horas é o jogo do bahia", "Bahia"),
    ("odds for the game of porto", "Porto"),
])
def test_a_lower_case_club_is_read_where_only_a_club_fits(text, team):
    assert u(text).entities.teams == [team]


@pytest.mark.parametrize(("text", "teams"), [("todos los santos", []), ("como está o tempo", []),
                                             ("partidos del atletico de madri", ["Atlético Madrid"])])
def test_the_same_words_elsewhere_stay_words(text, teams):
    assert u(text).entities.teams == teams


@pytest.mark.parametrize(("text", "live"), [("any football on now?", True), ("hay partidos de baloncesto ahora?", True),
                                            ("football tomorrow", None)])
def test_a_game_asked_about_now_is_live(text, live):
    assert u(text).entities.live is live


def test_beating_is_a_win():
    e = u("odds of Barcelona beating Sevilla").entities
    assert (e.market, e.selection_team) == ("1x2", "Barcelona")


def test_a_tv_series_is_not_a_competition():
    assert u("recomiéndame una serie de HBO").entities.tournament is None


# --- what the user gets (REST chat endpoint, the turn service) ------------------------------------------------

sandbox = factories.sandbox


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("message", ["quanto é 12 mais 30", "who won the Nobel prize in literature",
                                     "me recomiendas un libro de misterio"])
def test_an_off_topic_question_is_answered_as_off_topic_without_a_tool(sandbox, message):
    body = RestChat(guest=True).say(message)
    assert body["detected_intent"] == "out_of_scope" and not body["function_calls_made"], body


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("message", ["onde eu ponho 50 reais hoje?", "tengo 20 lucas, ¿a quién se los meto?"])
def test_asking_where_to_put_a_stake_gets_a_tip_and_no_slip(sandbox, message):
    body = RestChat().say(message)
    assert body["detected_intent"] == "betting_recommendation", body
    assert not BetSlip.objects.exists(), body["message"]


def _btts_match():
    soon = timezone.now() + timedelta(hours=1)
    for fixture in find_fixtures(sport_id="1", date_from=soon):
        names = (fixture.home.name, fixture.away.name)
        if fixture.is_live or any(understand(f"odds for {n}").entities.teams != [n] for n in names):
            continue
        if "btts" in get_odds(fixture_id=fixture.id).markets:
            return fixture
    pytest.fail("the sandbox has no upcoming football match offering btts")


@pytest.mark.django_db(transaction=True)
def test_a_stake_on_btts_said_after_the_match_backs_the_yes_side(sandbox):
    match = _btts_match()
    RestChat().say(f"ambos marcan en el {match.home.name} {match.away.name}, apuesta 10")
    [slip] = BetSlip.objects.all()
    assert (slip.fixture_id, slip.market, slip.selection) == (match.id, "btts", "yes")
