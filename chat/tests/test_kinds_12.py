"""Issue 17, batch 12's understanding and dialogue kinds, on sentences of their own (in no data file), en/es/pt, at
the NLU (`understand()`) where the kind is a reading, and through the real REST chat endpoint (the turn service) for
the dialogue:

- after a list of several matches nobody picked from, a question that needs one match ("how much would 20 on it
  return?", "and the draw?", "quanto paga o empate?", "ese partido") asks which, the listed matches as suggested
  actions; a place in the list or a team named still picks, and a team's own next match still answers;
- a draw asked of a match that cannot end in one (basketball, tennis) is said to have no draw price, never answered
  with the winner price as if it were the draw;
- pronouns ("their", "su", "deles") are never a team's name: "their game on <day>" is the team in focus's game;
- a stake restated in colloquial words ("make it 35 then", "põe 40 então", "hazlo con 25 mejor") re-runs the
  simulation at the new stake;
- "the other team" / "o outro time" / "el otro equipo" after an odds answer is the other side, even when the
  catalogue and the fixture name the club differently ("AC Milan" / "Milan");
- a shared name with exactly one of its clubs in the match in focus, staked on, is that club; with none, it is asked;
- slang greetings and balance questions, an opinion of something off-topic, a stay near a city, "over and under"
  named together, and "who is playing better" read as what they are.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.engine.frame_cues import restated_stake
from chat.engine.nlu import understand
from chat.services import safety
from chat.tests import factories
from chat.tests.factories import RestChat, asks, tools_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox
NOW = datetime(2026, 12, 4, 15, tzinfo=UTC)


def read(message: str):
    return understand(message, now=NOW, timezone="UTC")


# --- the NLU ------------------------------------------------------------------------------------------------------

INTENTS = {
    "greeting": ["ayy what's good bro", "yoo whats up fam", "qué onda parce", "e aí mano, suave?"],
    "balance_query": ["quanta grana tenho aí?", "how much dough have i got", "¿cuánta plata me queda?"],
    "out_of_scope": [
        "what do you think about the elections?", "qué piensas de la inteligencia artificial",
        "o que você acha da inflação?", "hoteles cerca de madrid", "any good restaurants near the milan station?",
    ],
}


@pytest.mark.parametrize("intent, message", [(i, m) for i, ms in INTENTS.items() for m in ms])
def test_the_kind_is_read_as_its_intent(intent, message):
    assert read(message).intent == intent, (message, read(message).intent, read(message).alternatives)


@pytest.mark.parametrize("message", ["hoteles cerca de madrid", "any good restaurants near the milan station?"])
def test_a_city_near_which_one_stays_names_no_club(message):
    assert read(message).entities.teams == []


@pytest.mark.parametrize("message", ["what do you think about arsenal tonight", "qué opinas del partido del betis",
                                     "o que vc acha do jogo de hoje?"])
def test_an_opinion_of_a_match_stays_ours(message):
    assert read(message).intent == "betting_recommendation"


@pytest.mark.parametrize("message", ["explícame over y under", "o que é over e under?",
                                     "over or under: which is the safer bet type?"])
def test_over_and_under_named_together_are_the_totals_market(message):
    assert read(message).entities.market == "over_under"


@pytest.mark.parametrize("message", ["Flamengo ou Palmeiras, quem tá jogando melhor?", "Bahia ou Vitória, quem está "
                                     "melhor?", "betis o sevilla, quién está jugando mejor?"])
def test_who_is_playing_better_is_a_comparison_without_a_market(message):
    understanding = read(message)
    assert understanding.intent == "team_comparison" and understanding.entities.market is None, understanding


@pytest.mark.parametrize("message", ["what about their game on friday", "e o jogo deles?", "¿y sus partidos?"])
def test_a_pronoun_is_no_team_name(message):
    assert read(message).entities.unknown_teams == []


@pytest.mark.parametrize("message, stake", [("faz 30 então", "30"), ("põe 45 aí", "45"), ("mejor 15", "15"),
                                            ("hazlo con 20", "20"), ("go with 12 instead", "12"),
                                            ("25 goals", None), ("odds for 2 matches", None)])
def test_a_restated_stake_is_read_only_from_its_own_words(message, stake):
    assert restated_stake(message) == stake


# --- through the turn service -------------------------------------------------------------------------------------

def conversation(*messages: str) -> list[dict]:
    chat = RestChat(guest=True)
    return [chat.say(message) for message in messages]


def head(body: dict) -> str:
    return body["message"].splitlines()[0]


@pytest.mark.parametrize("listing, reference", [
    ("premier league matches this weekend", "how much would 20 on it return?"),
    ("what's on tomorrow?", "and the draw?"),
    ("partidos de hoy", "¿cuánto paga el empate en ese partido?"),
    ("jogos de amanhã", "quanto paga o empate?"),
    ("jogos do brasileirão amanhã", "e se eu apostar 10 nele?"),
])
def test_a_reference_after_a_list_nobody_picked_from_asks_which_match(sandbox, listing, reference):
    shown, body = conversation(listing, reference)
    assert asks(body), (body["detected_intent"], body["message"])
    listed = [line.split(" — ")[0].lstrip("• ") for line in shown["message"].splitlines() if line.startswith("• ")]
    assert listed and all(any(match in action for action in body["suggested_actions"]) for match in listed[:2]), body


@pytest.mark.parametrize("listing, pick, expected", [
    ("partidos de mañana", "cuotas del segundo", "get_odds"),
    ("serie a games tomorrow", "what if I bet 10 on Roma?", "simulate_bet"),
    ("when does chelsea play next?", "and the odds?", "get_odds"),
])
def test_a_place_a_team_or_a_teams_own_list_still_picks(sandbox, listing, pick, expected):
    body = conversation(listing, pick)[-1]
    assert expected in tools_of(body), body["message"]


@pytest.mark.parametrize("first, then, no_draw", [
    ("odds for the lakers", "what does the draw pay?", "can't end in a draw"),
    ("cuotas de djokovic", "¿y el empate?", "no puede terminar en empate"),
    ("odds do lakers", "e quanto paga o empate?", "não pode terminar empatado"),
])
def test_a_draw_in_a_match_without_one_is_said_never_priced(sandbox, first, then, no_draw):
    body = conversation(first, then)[-1]
    assert no_draw in body["message"], body["message"]


@pytest.mark.parametrize("first, then, team, not_covered", [
    ("odds for chelsea", "when is their next game?", "Chelsea", "don't cover"),
    ("cuotas del sevilla", "¿y su partido del sábado?", "Sevilla", "no cubro"),
    ("odds do flamengo", "e o jogo deles no domingo?", "Flamengo", "não cubro"),
])
def test_their_game_is_the_focus_teams_game(sandbox, first, then, team, not_covered):
    body = conversation(first, then)[-1]
    assert team in body["message"] and not_covered not in body["message"], body["message"]


@pytest.mark.parametrize("first, then, stake, team", [
    ("what if I bet 10 on Napoli?", "make it 35 then", "35.00", "Napoli"),
    ("e se eu apostar 10 no Flamengo?", "põe 40 então", "40.00", "Flamengo"),
    ("¿y si apuesto 10 al Sevilla?", "hazlo con 25 mejor", "25.00", "Sevilla"),
])
def test_a_colloquial_stake_change_reruns_the_simulation(sandbox, first, then, stake, team):
    body = conversation(first, then)[-1]
    assert "simulate_bet" in tools_of(body) and stake in body["message"] and team in body["message"], body["message"]


@pytest.mark.parametrize("first, then, other", [
    ("odds do Napoli", "e se eu apostar 15 no outro time?", "Bologna"),
    ("cuotas del milan", "¿y si apuesto 20 al otro equipo?", "Roma"),
    ("odds for ac milan", "what about 10 on the other side?", "Roma"),
])
def test_the_other_team_after_odds_is_the_other_side(sandbox, first, then, other):
    body = conversation(first, then)[-1]  # the side staked on, before the match's label "(Home vs Away)"
    assert "simulate_bet" in tools_of(body) and other in body["message"].split("(")[0], body["message"]


@pytest.mark.parametrize("first, then, club", [
    ("odds for dortmund", "what if i bet 10 on borussia", "Borussia Dortmund"),
    ("odds do Atlético Mineiro", "e se eu botar 10 no Inter?", "Internacional"),
])
def test_a_shared_name_with_one_club_in_the_match_in_focus_is_that_club(sandbox, first, then, club):
    body = conversation(first, then)[-1]  # the side staked on, before the match's label "(Home vs Away)"
    assert "simulate_bet" in tools_of(body) and club in body["message"].split("(")[0], body["message"]


def test_a_shared_name_with_no_club_in_the_match_in_focus_is_asked(sandbox):
    body = conversation("odds do Palmeiras", "e se eu apostar 20 no Inter?")[-1]
    assert asks(body) and "Internacional" in body["message"], body["message"]


@pytest.mark.parametrize("message", ["preciso parar de apostar de uma vez por todas", "quero parar de apostar, me dá "
                                     "uma força", "quero largar as apostas de vez, me ajuda",
                                     "quiero dejar de apostar para siempre, ayúdame", "help me quit betting for good"])
def test_a_request_to_stop_for_good_is_a_stop_request(message):
    assert safety.classify(message, second_opinion=False) == "stop"
