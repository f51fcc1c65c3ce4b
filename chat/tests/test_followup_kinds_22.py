"""Issue 17, the development sets' dialogue kinds read after batch 22 (on sentences of this module's own):

- a shared club name with the English possessive ("atletico's next game") is asked which club, as "atletico next
  game" is; the reply may name the club's word spelt another way ("o de madri") or misspelt ("el de bucaramnga");
- "and in <competition>?" after a listing of no club's is that competition's listing for the same days;
- a player's pronoun ("and for him to win?", "e pra ele ganhar?") is the player in focus;
- "their match" after comparing two teams that meet is that match;
- another line said to "only 1.5 is offered: simulate Over 1.5?" continues the same simulation on that line (asked
  again when it is not offered either);
- "say I stake 30 on a draw" supposes: a what-if, whose match asked for next ("liverpool chelsea") is simulated.
"""

from __future__ import annotations

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.tests import factories
from chat.tests.factories import RestChat, tools_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox


def _chat(*turns: str) -> list[dict]:
    chat = RestChat(guest=True)
    return [chat.say(turn) for turn in turns]


@pytest.mark.parametrize(("reply", "club"), [
    ("the madrid one", "Atlético Madrid"), ("o de madri", "Atlético Madrid"),
    ("el de bucaramnga", "Atlético Bucaramanga"),
])
def test_a_possessive_shared_name_is_asked_and_the_reply_picks_by_a_word_of_the_club(sandbox, reply, club):
    asked, answered = _chat("odds for atletico's next game", reply)
    assert asked["detected_intent"] == "clarification" and "Atlético Mineiro" in asked["message"], asked["message"]
    assert answered["detected_intent"] == "odds_information" and "get_odds" in tools_of(answered)
    assert club in answered["message"].splitlines()[0], answered["message"]


def test_and_in_another_competition_keeps_the_days_of_the_listing(sandbox):
    _, answered = _chat("what's on this weekend in the premier league", "and in laliga?")
    assert answered["detected_intent"] == "match_schedule", answered["message"]
    assert "LaLiga" in answered["message"] and "Fri 4 Dec" not in answered["message"]
    assert "Barcelona vs Atlético Madrid" in answered["message"]  # Sunday's, within the weekend


@pytest.mark.parametrize(("first", "then", "player"), [
    ("qual a odd do empate no jogo do Djokovic", "beleza, e pra ele ganhar?", "Novak Djokovic"),
    ("when does Alcaraz play?", "what are the odds for him to win?", "Carlos Alcaraz"),
])
def test_a_players_pronoun_is_the_player_in_focus(sandbox, first, then, player):
    _, answered = _chat(first, then)
    assert answered["detected_intent"] == "odds_information" and "get_odds" in tools_of(answered)
    assert player in answered["message"].splitlines()[0], answered["message"]


def test_their_match_after_comparing_two_who_meet_is_that_match(sandbox):
    *_, answered = _chat("compara Corinthians e Cruzeiro", "o que é ambas marcam?", "e as odds disso no jogo deles?")
    assert answered["detected_intent"] == "odds_information", answered["message"]
    assert "Corinthians vs Cruzeiro" in answered["message"].splitlines()[0] and "Ambas marcam" in answered["message"]


def test_another_line_said_to_the_line_question_continues_the_simulation(sandbox):
    asked, again, simulated = _chat("si apuesto 10 euros a más de 8.5 goles en el Getafe Levante cuánto gano",
                                    "a más de 2.5 entonces", "bueno, a más de 1.5")
    assert again["detected_intent"] == "bet_simulation" and "2.5" in again["message"] and not tools_of(again)
    assert simulated["detected_intent"] == "bet_simulation" and "simulate_bet" in tools_of(simulated)
    assert "10.00 EUR" in simulated["message"] and "1.5" in simulated["message"]


def test_say_i_stake_supposes_and_the_match_named_next_is_simulated(sandbox):
    asked, answered = _chat("say I stake 30 on a draw, what do I win?", "liverpool chelsea")
    assert "simulate_bet" not in tools_of(asked) and "place_bet" not in tools_of(asked)
    assert answered["detected_intent"] == "bet_simulation" and "simulate_bet" in tools_of(answered)
    assert "30.00" in answered["message"] and "Draw (Liverpool vs Chelsea)" in answered["message"]
