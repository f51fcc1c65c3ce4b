"""Issue 17, batch 8's kinds, on sentences of their own (in no data file), en/es/pt, through the real REST chat
endpoint (the turn service) or `understand()` where the kind is a reading:

- a club's distinctive last word with an article where a club is asked about ("odds for the heat", "cuotas de los
  celtics", "quanto paga o thunder") is that club, whose odds are answered; the weather's "the heat" is no club;
- pausing one's account said with a noun ("a break on my account", "uma pausa na conta", "mi cuenta en pausa") is a
  stop request, offered (rg_stop), never a balance question; a half-time break, breaking even or a coffee break is not;
- a Portuguese slang confirmation ("fechou, pode confirmar", "beleza, confirma a aposta") of a real slip shown to a
  signed-in user places it, as "yes, place it" does; casual agreement ("bora, manda ver") asks for the exact phrase,
  real money needing it; asking how to confirm is no confirmation;
- "draw or <team> win", "empate ou vitória do X", "X o el empate": double chance with that team, never the draw;
- a verb of a match going on ("rolando", "rodando", "acontecendo") is a word of chat, never a club by fuzzy match.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from betting.models import BetSlip
from chat.engine.followup_eval import EVAL_NOW
from chat.engine.nlu import understand
from chat.tests import factories
from chat.tests.factories import RestChat, excluded_until, send, signed_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox
no_engine = factories.no_engine
NOW = datetime(2026, 12, 4, 15, tzinfo=UTC)


def head(body: dict) -> str:
    return body["message"].splitlines()[0]


@pytest.mark.parametrize("message, match", [
    ("what are the odds for the heat", "Dallas Mavericks vs Miami Heat"),
    ("price on the thunder please", "Oklahoma City Thunder vs Cleveland Cavaliers"),
    ("cuotas de los celtics", "Milwaukee Bucks vs Boston Celtics"),
    ("quanto paga o thunder?", "Oklahoma City Thunder vs Cleveland Cavaliers"),
    ("odds about the magic", "Phoenix Suns vs Orlando Magic"),
])
def test_a_clubs_nickname_with_an_article_is_that_club(sandbox, message, match):
    body = RestChat(guest=True).say(message)
    assert body["detected_intent"] == "odds_information" and match in head(body), body["message"]


@pytest.mark.parametrize("message", [
    "the heat is unbearable today, any tips?",
    "in the heat of the moment I bet too much",
    "i love the magic of football",
])
def test_the_everyday_word_with_an_article_is_no_club(message):
    result = understand(message, now=NOW, timezone="UTC")
    assert not result.entities.teams, result.entities.teams


@pytest.mark.parametrize("message, words", [
    ("could you put my account on a pause for a week", "6 months"),
    ("I want a break on my account for a few days", "6 months"),
    ("quiero poner mi cuenta en pausa unos días", "6 meses"),
    ("necesito un descanso en mi cuenta", "6 meses"),
    ("quero dar um tempo na minha conta essa semana", "6 meses"),
    ("dá pra colocar a minha conta em pausa?", "6 meses"),
])
def test_pausing_the_account_with_a_noun_is_a_stop_offer(api_client, sandbox, no_engine, message, words):
    user = signed_in(api_client)
    body = send(api_client, message)
    assert body["detected_intent"] == "rg_stop" and body["function_calls_made"] == [], body["message"]
    assert words in body["message"] and excluded_until(user) is None


@pytest.mark.parametrize("message", [
    "what was the score at the half-time break?",
    "can I break even with odds of 2.0?",
    "coffee break, then show my balance",
])
def test_other_breaks_are_no_stop_request(api_client, sandbox, message):
    signed_in(api_client)
    body = send(api_client, message)
    assert not body["detected_intent"].startswith("rg_"), body["message"]


def states() -> list[str]:
    return list(BetSlip.objects.order_by("created_at").values_list("state", flat=True))


@pytest.mark.parametrize("confirm", [
    "fechou, pode confirmar",
    "beleza, confirma a aposta",
    "pode confirmar a aposta",
])
def test_a_slang_confirmation_places_the_real_slip_shown(sandbox, confirm):
    chat = RestChat()
    shown = chat.say("aposta 10 na vitória do Flamengo")["message"]
    assert "sim, pode apostar" in shown and states() == [BetSlip.State.PROPOSED], shown
    body = chat.say(confirm)
    assert body["detected_intent"] == "bet_confirmation", body["message"]
    assert states() == [BetSlip.State.PLACED], body["message"]


def test_casual_slang_asks_for_the_exact_phrase(sandbox):
    chat = RestChat()
    chat.say("aposta 10 na vitória do Flamengo")
    body = chat.say("bora, manda ver")
    assert "sim, pode apostar" in body["message"] and states() == [BetSlip.State.PROPOSED], body["message"]


def test_asking_how_to_confirm_places_nothing(sandbox):
    chat = RestChat()
    chat.say("aposta 10 na vitória do Flamengo")
    chat.say("como eu faço pra confirmar a aposta?")
    assert states() != [BetSlip.State.PLACED]


@pytest.mark.parametrize("message", [
    "fechou, pode confirmar a aposta então",
    "beleza, confirma aí",
    "confirmá la apuesta por favor",
])
def test_a_slang_confirmation_reads_as_the_real_bet_wording(message):
    result = understand(message, now=NOW, timezone="UTC")
    assert result.intent == "bet_simulation" and result.entities.confirmation is True


@pytest.mark.parametrize("message, team", [
    ("what does draw or arsenal win pay", "Arsenal"),
    ("quanto paga empate ou vitória do flamengo", "Flamengo"),
    ("cuánto paga empate o victoria del betis", "Real Betis"),
    ("betis o el empate, cuota", "Real Betis"),
    ("odds for napoli or the draw", "Napoli"),
])
def test_a_team_or_the_draw_is_double_chance(message, team):
    result = understand(message, now=NOW, timezone="UTC")
    assert result.entities.market == "double_chance" and result.entities.selection != "draw"
    assert result.entities.selection_team == team


@pytest.mark.parametrize("message", [
    "tem jogo do brasileirão rolando agora",
    "o que tá acontecendo na premier agora",
    "qué partidos están rodando ahora",
    "what's happening in the nba right now",
])
def test_a_verb_of_a_match_going_on_is_no_club(message):
    result = understand(message, now=NOW, timezone="UTC")
    assert "Orlando Magic" not in result.entities.teams and not result.entities.unknown_teams, result.entities


@pytest.mark.parametrize("message, words", [
    ("what would odds of 3.20 mean?", ("Odds of 3.20", "31.2%", "32.00")),
    ("¿qué quiere decir una cuota de 4,00?", ("Una cuota de 4.00", "25.0%", "devolverían 40.00")),
    ("o que quer dizer odd 1.60?", ("Uma odd de 1.60", "62.5%", "retornaria 16.00")),
])
def test_the_meaning_of_a_given_price_is_told_in_the_users_language(sandbox, message, words):
    """It was spelt out in English and Spanish only: a Portuguese user got English."""
    body = RestChat(guest=True).say(message)
    assert all(word in body["message"] for word in words), body["message"]
