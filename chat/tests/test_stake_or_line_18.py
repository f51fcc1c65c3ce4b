"""A number a reply to a real bet says that may be its stake or something else is never silently the stake, and a yes
that asks something is no yes: "1.5 then" to a handicap slip asks which line (-1.5 or +1.5), "make it 2" to "bet on
Over 3.5 instead?" asks whether 2 is the stake, "no, 1" to a 1X2 slip asks stake or pick; "no, better 40" takes the
new stake instead of cancelling; a bare "3" to "which of these matches?" picks the third one; a bet on a team with
several matches asks which match before its market. The slip waiting stays as it was until answered; nothing is ever
sent. Through the real REST chat endpoint, signed in with a linked ChatBet account."""

from __future__ import annotations

from decimal import Decimal

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.tests import factories
from chat.tests.factories import RestChat, bets_sent, tools_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox


def stakes(chat: RestChat) -> list[Decimal]:
    return [slip.stake for slip in chat.slips()]


@pytest.mark.parametrize("first, reply", [
    ("I want to stake 20 on over 1.5 goals in Liverpool vs Chelsea", "fine, but how much does the under pay?"),
    ("I want to stake 20 on over 1.5 goals in Liverpool vs Chelsea", "yes and what about the under"),
    ("quiero apostar 20 a más de 1.5 goles en el Liverpool vs Chelsea", "vale, ¿y el menos?"),
])
def test_a_yes_that_asks_is_no_yes_to_the_line_offered(sandbox, first, reply):
    chat = RestChat()
    asked = chat.say(first)
    assert "3.5" in asked["message"] and "?" in asked["message"] and not chat.slips(), asked["message"]
    body = chat.say(reply)
    assert "place_bet" not in tools_of(body) and not chat.slips() and bets_sent() == 0, body["message"]


def test_a_yes_that_asks_is_no_simulation_of_the_line_offered(sandbox):
    chat = RestChat()
    chat.say("what would I win with 20 on over 1.5 goals in Liverpool vs Chelsea")
    body = chat.say("alright, and the under?")
    assert "simulate_bet" not in tools_of(body) or "Under" in body["message"], body["message"]


@pytest.mark.parametrize("first, reply, answer, stake", [
    ("put 20 on Arsenal -0.5 handicap", "ok 2.5 then", "stake 2.5", "2.50"),
    ("aposta 20 no handicap -0.5 do Arsenal", "2.5 então", "valor 2.5", "2.50"),
])
def test_an_unsigned_handicap_line_is_asked_never_a_stake(sandbox, first, reply, answer, stake):
    chat = RestChat()
    chat.say(first)
    assert stakes(chat) == [Decimal("20.00")]
    body = chat.say(reply)
    assert "-2.5" in body["message"] and "+2.5" in body["message"] and "place_bet" not in tools_of(body), body
    assert stakes(chat) == [Decimal("20.00")] and bets_sent() == 0
    chat.say(answer)  # named as the stake: that slip, to confirm
    assert stakes(chat)[-1] == Decimal(stake) and bets_sent() == 0


def test_the_sign_said_after_the_question_is_the_line(sandbox):
    chat = RestChat()
    chat.say("put 20 on Arsenal -0.5 handicap")
    chat.say("1.5 then")
    body = chat.say("+1.5")
    assert Decimal("1.50") not in stakes(chat) and bets_sent() == 0, body["message"]


@pytest.mark.parametrize("first, reply", [
    ("bet 20 on over 1.5 goals in Liverpool vs Chelsea", "make it 2"),
    ("apuesta 20 a más de 1.5 goles en el Liverpool vs Chelsea", "mejor 2"),
])
def test_a_small_whole_number_to_the_line_offered_is_asked(sandbox, first, reply):
    chat = RestChat()
    chat.say(first)
    body = chat.say(reply)
    assert "place_bet" not in tools_of(body) and not chat.slips() and "2" in body["message"], body["message"]
    body = chat.say("stake 2" if first.startswith("bet") else "monto 2")
    assert stakes(chat) == [Decimal("2.00")] and "3.5" in body["message"] and bets_sent() == 0, body["message"]


def test_the_line_offered_said_takes_the_kept_stake(sandbox):
    chat = RestChat()
    chat.say("bet 20 on over 1.5 goals in Liverpool vs Chelsea")
    chat.say("make it 2")
    chat.say("Over 3.5 goals")
    assert stakes(chat) == [Decimal("20.00")] and bets_sent() == 0


@pytest.mark.parametrize("first, reply, answer, stake", [
    ("put 20 on Arsenal to win", "no, 1", "stake 1", "1.00"),
    ("apuesta 20 a que gana el Arsenal", "no, 2", "monto 2", "2.00"),
    ("aposta 20 na vitória do Arsenal", "não, 1", "valor 1", "1.00"),
])
def test_a_1x2_label_or_a_stake_is_asked(sandbox, first, reply, answer, stake):
    chat = RestChat()
    chat.say(first)
    body = chat.say(reply)
    assert "place_bet" not in tools_of(body) and stakes(chat) == [Decimal("20.00")], body["message"]
    assert "?" in body["message"], body["message"]
    chat.say(answer)
    assert stakes(chat)[-1] == Decimal(stake) and bets_sent() == 0


@pytest.mark.parametrize("first, reply, stake", [
    ("put 20 on Arsenal to win", "no, better 40", "40.00"),
    ("apuesta 20 a que gana el Arsenal", "no, mejor 1.000", "1000.00"),
    ("aposta 20 na vitória do Arsenal", "não, melhor 45", "45.00"),
])
def test_a_no_with_a_better_stake_is_that_stake(sandbox, first, reply, stake):
    chat = RestChat()
    chat.say(first)
    body = chat.say(reply)
    assert "place_bet" in tools_of(body) and stakes(chat)[-1] == Decimal(stake), body["message"]
    assert bets_sent() == 0


def test_a_grouped_number_in_english_is_asked(sandbox):
    chat = RestChat()
    chat.say("put 20 on Arsenal to win")
    body = chat.say("no, better 2.000")
    assert stakes(chat) == [Decimal("20.00")] and "?" in body["message"] and bets_sent() == 0, body["message"]


@pytest.mark.parametrize("first, reply", [
    ("bet 20 on Arsenal to win in the next 14 days", "3"),
    ("apuesta 20 a que gana el Arsenal en los próximos 14 días", "3"),
])
def test_a_bare_number_picks_from_the_list(sandbox, first, reply):
    chat = RestChat()
    listed = chat.say(first)
    assert "Brighton" in listed["message"], listed["message"]
    body = chat.say(reply)
    assert "place_bet" in tools_of(body) and stakes(chat) == [Decimal("20.00")], body["message"]
    assert chat.slips()[0].fixture_label.endswith("Brighton & Hove Albion") and bets_sent() == 0


def test_a_bare_number_picks_from_the_list_of_a_simulation(sandbox):
    chat = RestChat()
    chat.say("what if I put 20 on Arsenal to win in the next 14 days")
    body = chat.say("2")
    assert "Leverkusen" in body["message"] and "20.00" in body["message"], body["message"]


def test_the_match_is_asked_before_its_market(sandbox):
    chat = RestChat()
    chat.say("bet on Liverpool in the next 2 weeks")
    which = chat.say("25")
    assert "Leeds" in which["message"] and "in that match" not in which["message"], which["message"]
    market = chat.say("the third one")
    assert "?" in market["message"] and not chat.slips(), market["message"]
    chat.say("to win")
    assert stakes(chat) == [Decimal("25.00")] and "Leeds" in chat.slips()[0].fixture_label and bets_sent() == 0
