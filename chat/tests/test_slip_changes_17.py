"""A change said while a real slip waits for its confirmation ("actually, 45", "mejor 35", "na verdade 25", "nope, the
draw", "ok then -0.5"), or in reply to the question of a real bet ("which Real?", the line on offer), is taken: the slip
is prepared again with it (the old one no longer waits), nothing is placed until the exact confirmation of the new
one. A price asked of a pick while a slip waits is answered, never made a new slip; a bet given in pieces ends in one
slip; a second real bet after one was placed or cancelled is a real bet like the first. Through the real REST chat
endpoint, signed in with a linked ChatBet account."""

from __future__ import annotations

from decimal import Decimal

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.tests import factories
from chat.tests.factories import RestChat, asks, bets_sent, tools_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox


def waiting(chat: RestChat) -> list:
    """The slips still waiting for a confirmation (a superseded or cancelled one no longer does)."""
    return [slip for slip in chat.slips() if slip.state == "proposed"]


def only_waiting(chat: RestChat):
    slips = waiting(chat)
    assert len(slips) == 1, [(slip.stake, slip.selection, slip.state) for slip in chat.slips()]
    return slips[0]


@pytest.mark.parametrize("request_text, change, stake, selection", [
    ("I'd like to put 10 on Arsenal to win", "actually, 45", "45", "away"),
    ("I'd like to put 10 on Arsenal to win", "hmm make it 30 instead", "30", "away"),
    ("I'd like to put 10 on Arsenal to win", "nope, the draw", "10", "draw"),
    ("apuesta 10 al barcelona que gane", "mejor 35", "35", "home"),
    ("apuesta 10 al barcelona que gane", "en realidad 40", "40", "home"),
    ("apuesta 10 al barcelona que gane", "no, al empate", "10", "draw"),
    ("quero apostar 10 no palmeiras pra vencer", "na verdade 25", "25", "home"),
    ("quero apostar 10 no palmeiras pra vencer", "não, no empate", "10", "draw"),
])
def test_a_change_while_the_slip_waits_prepares_it_again(sandbox, request_text, change, stake, selection):
    chat = RestChat()
    shown = chat.say(request_text)
    assert shown["bet_slip"] and only_waiting(chat).stake == Decimal("10"), shown["message"]
    body = chat.say(change)
    assert "place_bet" in tools_of(body) and body["bet_slip"], body["message"]
    slip = only_waiting(chat)  # the old slip no longer waits: the new one is what a yes would place
    assert (slip.stake, slip.selection) == (Decimal(stake), selection), body["message"]
    assert len(chat.slips()) == 2 and bets_sent() == 0


def test_the_new_slip_is_placed_only_on_the_exact_yes(sandbox):
    chat = RestChat()
    chat.say("put 10 on Arsenal to win please")
    chat.say("actually 60")
    assert bets_sent() == 0 and only_waiting(chat).stake == Decimal("60")
    body = chat.say("yes, place it")
    assert body["detected_intent"] == "bet_confirmation" and bets_sent() == 1, body["message"]
    placed = [slip for slip in chat.slips() if slip.state == "placed"]
    assert [slip.stake for slip in placed] == [Decimal("60")]


def test_a_line_said_while_the_slip_waits_is_that_handicap(sandbox):
    chat = RestChat()
    chat.say("I'd like to put 10 on Arsenal to win")
    body = chat.say("ok then -0.5")
    slip = only_waiting(chat)
    assert (slip.market, slip.selection, slip.line, slip.stake) == ("handicap", "away", "-0.5", Decimal("10")), \
        body["message"]
    assert bets_sent() == 0


def test_a_line_said_of_a_bet_on_the_draw_asks_which_side(sandbox):
    chat = RestChat()
    chat.say("put 10 on the draw in the Arsenal game")
    body = chat.say("ok then -0.5")
    assert "?" in body["message"] and not waiting(chat) and bets_sent() == 0, body["message"]
    body = chat.say("Arsenal")
    slip = only_waiting(chat)
    assert (slip.market, slip.selection, slip.line) == ("handicap", "away", "-0.5"), body["message"]


@pytest.mark.parametrize("refusal", ["no thanks", "no, cancel it", "não, obrigado"])
def test_a_no_without_a_change_still_cancels(sandbox, refusal):
    chat = RestChat()
    chat.say("I'd like to put 10 on Arsenal to win")
    body = chat.say(refusal)
    assert "place_bet" not in tools_of(body) and not waiting(chat) and bets_sent() == 0, body["message"]
    assert len(chat.slips()) == 1


@pytest.mark.parametrize("request_text, question", [
    ("I'd like to put 10 on Arsenal to win", "what are the odds for the draw"),
    ("apuesta 10 al barcelona que gane", "¿cuánto paga el empate?"),
    ("quero apostar 10 no palmeiras pra vencer", "quanto paga o empate?"),
])
def test_a_price_asked_while_the_slip_waits_is_answered(sandbox, request_text, question):
    chat = RestChat()
    chat.say(request_text)
    body = chat.say(question)
    assert body["detected_intent"] == "odds_information" and "get_odds" in tools_of(body), body["message"]
    assert "place_bet" not in tools_of(body) and len(chat.slips()) == 1 and bets_sent() == 0, body["message"]


@pytest.mark.parametrize("request_text, reply, stake", [
    ("put 10 on real to win", "Real Madrid, 25 actually", "25"),
    ("bet 10 on real to win", "madrid, make it 20", "20"),
    ("apuesta 10 al real que gane", "el madrid, mejor 30", "30"),
])
def test_a_new_stake_in_the_answer_to_which_club_is_taken(sandbox, request_text, reply, stake):
    chat = RestChat()
    asked = chat.say(request_text)
    assert asks(asked) and "Real Madrid" in asked["message"] and not chat.slips(), asked["message"]
    body = chat.say(reply)
    slip = only_waiting(chat)
    assert (slip.stake, slip.market, slip.selection) == (Decimal(stake), "1x2", "home"), body["message"]
    assert "Real Madrid" in body["message"] and bets_sent() == 0


def test_a_stake_with_no_club_picked_asks_again_and_keeps_it(sandbox):
    chat = RestChat()
    chat.say("put 10 on real to win")
    body = chat.say("the real one, 20 actually")
    assert asks(body) and not chat.slips(), body["message"]
    body = chat.say("Real Madrid")
    assert only_waiting(chat).stake == Decimal("20") and bets_sent() == 0, body["message"]


def test_the_line_said_after_the_line_on_offer_is_used(sandbox):
    chat = RestChat()
    refused = chat.say("stake 10 on bayern at -1 handicap")
    assert "-1.5" in refused["message"] and not chat.slips(), refused["message"]
    body = chat.say("ok -1.5 then")
    slip = only_waiting(chat)
    assert (slip.market, slip.line, slip.stake) == ("handicap", "-1.5", Decimal("10")), body["message"]
    assert bets_sent() == 0


@pytest.mark.parametrize("pieces, team", [
    (["i wanna place a bet", "liverpool", "to win", "20"], "Liverpool"),
    (["quiero hacer una apuesta", "el liverpool", "que gane", "20"], "Liverpool"),
    (["quero fazer uma aposta", "flamengo", "pra ganhar", "20"], "Flamengo"),
])
def test_a_bet_given_in_pieces_ends_in_one_slip(sandbox, pieces, team):
    chat = RestChat()
    *steps, last = pieces
    for step in steps:
        body = chat.say(step)
        assert asks(body) and body["detected_intent"] == "place_bet" and not chat.slips(), (step, body["message"])
    body = chat.say(last)
    slip = only_waiting(chat)
    assert slip.stake == Decimal("20") and slip.market == "1x2" and team in body["message"], body["message"]
    assert team in slip.fixture_label and bets_sent() == 0


@pytest.mark.parametrize("first, close, second, stake", [
    ("put 10 on Arsenal to win", "cancel", ["i wanna place another bet", "chelsea", "to win", "20"], "20"),
    ("quiero apostar 10 al barcelona que gane", "sí, apuesta", ["ahora otra apuesta: 20 al liverpool que gane"], "20"),
    ("quero apostar 10 no palmeiras pra vencer", "sim, pode apostar", ["quero fazer outra aposta",
                                                                        "15 no flamengo pra ganhar"], "15"),
])
def test_a_second_real_bet_works_like_the_first(sandbox, first, close, second, stake):
    chat = RestChat()
    chat.say(first)
    chat.say(close)
    sent = bets_sent()
    for step in second:
        body = chat.say(step)
        assert "simulate_bet" not in tools_of(body), (step, body["message"])
    slip = only_waiting(chat)
    assert body["detected_intent"] == "place_bet" and slip.stake == Decimal(stake) and slip.market == "1x2", \
        body["message"]
    assert bets_sent() == sent
