"""Issue 17, batch 24's kinds (a development set after its first run at e3bc07d), on sentences of this module's own.

- A guest's real bet that leaves something open (which club, which result, which pesos) is asked about, with the note
  that real bets need a login; a bet that says everything gets the login note alone. Nothing is priced either way.
- After the odds of two matches, a stake on "the draw" asks which match (a signed-in user gets no slip on a guess).
- "¿cuáles son las cuotas?" names no club ("culés" is Barcelona's nickname, "cuáles" a question word).
- A catalogue club mistyped with a capital ("el Real Madris") is that club, not one we don't cover.
- "¿y la del Atlético?" after Barcelona's price in their match is Atlético Madrid's; "y del Madrid?" there is asked.
- "what about Tottenham instead of Chelsea" after comparing Arsenal and Chelsea compares Arsenal and Tottenham.
- "and both teams to score?" after a match's odds is that market's price; "mejor al otro" after a simulation
  simulates the other side; "quanto tá o Flamengo hoje?" is its price.
"""

from __future__ import annotations

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.tests import factories
from chat.tests.factories import RestChat, asks, tools_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox


@pytest.mark.parametrize(("message", "asked"), [
    ("pon 15 al Real para que gane", "Real Madrid"),
    ("bet 30 on Arsenal v Newcastle", "the draw"),
    ("faz uma aposta de 40 reais no jogo do Palmeiras", "empate"),
    ("apuesta 20 mil pesos al Junior", "COP"),
])
def test_a_guests_open_real_bet_is_asked_with_the_login_note(sandbox, message, asked):
    body = RestChat(guest=True).say(message)
    assert asks(body) and asked in body["message"], body["message"]
    assert any(word in body["message"] for word in ("log in", "inicia sesión", "faça login"))


def test_a_guests_determined_real_bet_gets_the_login_note_alone(sandbox):
    body = RestChat(guest=True).say("place 10 on Arsenal to win")
    assert body["detected_intent"] == "place_bet" and not tools_of(body) and "?" not in body["message"]
    assert "log in" in body["message"]


def test_the_draw_after_two_matches_priced_asks_which_match(sandbox):
    chat = RestChat()
    chat.say("odds for Liverpool v Chelsea and Barcelona v Atletico Madrid")
    body = chat.say("put 10 on the draw")
    assert asks(body) and not chat.slips(), body["message"]
    assert "Liverpool vs Chelsea" in str(body["suggested_actions"]) and "Barcelona" in str(body["suggested_actions"])


def test_a_question_word_is_no_club(sandbox):
    body = RestChat(guest=True).say("¿cuáles son las cuotas?")
    assert body["detected_intent"] == "odds_information" and "get_odds" not in tools_of(body), body["message"]


def test_a_mistyped_club_with_a_capital_is_that_club(sandbox):
    body = RestChat(guest=True).say("cuándo juega el Manchester Unted?")
    assert body["detected_intent"] == "match_schedule" and "Manchester United" in body["message"], body["message"]


@pytest.mark.parametrize(("then", "first_line", "asked"), [
    ("¿y la del Atlético?", "Barcelona vs Atlético Madrid", False),
    ("y del Madrid?", None, True),
])
def test_the_other_side_of_the_match_in_focus_by_its_clubs_first_word(sandbox, then, first_line, asked):
    chat = RestChat(guest=True)
    chat.say("cuánto paga la victoria del Barcelona el domingo")
    body = chat.say(then)
    if asked:
        assert asks(body) and "Real Madrid" in body["message"], body["message"]
    else:
        assert body["detected_intent"] == "odds_information" and first_line in body["message"].splitlines()[0]


def test_instead_of_swaps_one_of_the_compared(sandbox):
    chat = RestChat(guest=True)
    chat.say("compare Liverpool and Chelsea")
    body = chat.say("and Arsenal instead of Chelsea?")
    assert body["detected_intent"] == "team_comparison", body["message"]
    assert "Liverpool" in body["message"].splitlines()[0] and "Arsenal" in body["message"].splitlines()[0]
    assert "Chelsea" not in body["message"].splitlines()[0]


def test_a_market_alone_after_odds_is_its_price(sandbox):
    chat = RestChat(guest=True)
    chat.say("odds for Liverpool v Chelsea")
    body = chat.say("and both teams to score?")
    assert body["detected_intent"] == "odds_information" and "get_odds" in tools_of(body)
    assert "Both teams to score" in body["message"] and "1X2" not in body["message"]


def test_rather_the_other_one_after_a_simulation(sandbox):
    chat = RestChat(guest=True)
    chat.say("what if I bet 10 on Liverpool against Chelsea?")
    body = chat.say("better the other one")
    assert body["detected_intent"] == "bet_simulation" and "Chelsea to win" in body["message"], body["message"]


def test_how_much_is_a_club_today_is_its_price(sandbox):
    body = RestChat(guest=True).say("quanto tá o Santos hoje?")
    assert body["detected_intent"] == "odds_information" and "get_odds" in tools_of(body), body["message"]
