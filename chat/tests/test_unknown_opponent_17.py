"""A club of ours named against one we don't cover ("celtic to beat rangers", "flamengo contra boca", "palmeiras x
river") is said not covered: no slip, no odds, no simulation on the known club's next match instead (that next match
is only offered, as a chip). Two clubs of ours with no match between them: no such match, before any stake or pick
is asked, and the pick that answers stays on that pair. "the chelsea one" to "which of the listed matches?" picks the
listed match with Chelsea. Through the real REST chat endpoint, signed in with a linked ChatBet account."""

from __future__ import annotations

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.tests import factories
from chat.tests.factories import RestChat, bets_sent, tools_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox

_PRICED = {"get_odds", "simulate_bet", "place_bet"}


def _not_covered(body: dict, name: str, said: str) -> None:
    """The answer says the named club isn't covered, in the user's language, and nothing was priced."""
    assert name in body["message"] and said in body["message"], body["message"]
    assert not (_PRICED & tools_of(body)) and not body["bet_slip"], body
    assert "Paris Saint-Germain vs Celtic —" not in body["message"].split("\n")[0], body["message"]


@pytest.mark.parametrize("message, name, said, chip", [
    ("stick 15 on celtic to beat rangers", "Rangers", "don't cover", "Odds for Paris Saint-Germain vs Celtic"),
    ("I want to bet 25 on Rangers FC against Celtic", "Rangers FC", "don't cover",
     "Odds for Paris Saint-Germain vs Celtic"),
    ("apuesta 12 a que el flamengo le gana a boca juniors", "Boca Juniors", "No cubro",
     "Cuotas de Santos vs Flamengo"),
    ("aposto 10 no palmeiras contra o river plate", "River Plate", "Não cubro",
     "Odds de Palmeiras vs Red Bull Bragantino"),
])
def test_a_bet_against_a_club_we_dont_cover_prepares_nothing(sandbox, message, name, said, chip):
    chat = RestChat()
    body = chat.say(message)
    _not_covered(body, name, said)
    assert chip in body["suggested_actions"], body["suggested_actions"]
    assert chat.slips() == [] and bets_sent() == 0


@pytest.mark.parametrize("message, name, said", [
    ("what are celtic's odds against rangers on tuesday?", "Rangers", "don't cover"),
    ("cuotas del flamengo frente a boca", "Boca", "No cubro"),
    ("quanto paga o palmeiras x river?", "River", "Não cubro"),
])
def test_odds_against_a_club_we_dont_cover_are_not_another_match(sandbox, message, name, said):
    chat = RestChat()
    _not_covered(chat.say(message), name, said)
    assert chat.slips() == []


@pytest.mark.parametrize("message, name, said", [
    ("what if I stake 30 on flamengo against boca?", "Boca", "don't cover"),
    ("¿y si le pongo 20 al celtic contra el rangers?", "Rangers", "No cubro"),
    ("e se eu apostar 20 no flamengo x boca juniors?", "Boca Juniors", "Não cubro"),
])
def test_a_simulation_against_a_club_we_dont_cover_simulates_nothing(sandbox, message, name, said):
    chat = RestChat()
    _not_covered(chat.say(message), name, said)
    assert chat.slips() == [] and bets_sent() == 0


@pytest.mark.parametrize("message, pick", [
    ("apuesta 10 al celtic contra el arsenal", "que gane el celtic"),
    ("aposta 10 no celtic contra o arsenal", "vitória do celtic"),
    ("put 10 on celtic against arsenal", "celtic to win"),
])
def test_two_clubs_of_ours_with_no_match_between_them_get_no_slip(sandbox, message, pick):
    chat = RestChat()
    body = chat.say(message)
    assert "Celtic vs Arsenal" in body["message"] and not body["bet_slip"], body["message"]
    body = chat.say(pick)
    assert not body["bet_slip"] and "place_bet" not in tools_of(body), body["message"]
    assert chat.slips() == [] and bets_sent() == 0


def test_a_covered_pair_still_gets_its_slip(sandbox):
    chat = RestChat()
    body = chat.say("bet 10 on liverpool to beat chelsea")
    assert body["bet_slip"] and "Liverpool vs Chelsea" in body["message"], body["message"]
    assert len(chat.slips()) == 1 and bets_sent() == 0  # to confirm, unsent


@pytest.mark.parametrize("message, pick, match", [
    # the match named as a whole, no side backed yet ("al liverpool contra el chelsea" backs Liverpool: kinds_20)
    ("apuesta 10 en el partido liverpool contra chelsea", "que gane el chelsea", "Liverpool vs Chelsea"),
    ("aposta 10 no jogo santos contra flamengo", "vitória do flamengo", "Santos vs Flamengo"),
])
def test_the_pick_answering_a_covered_pair_stays_on_it(sandbox, message, pick, match):
    chat = RestChat()
    assert not chat.say(message)["bet_slip"]
    body = chat.say(pick)
    assert body["bet_slip"] and match in body["message"], body["message"]
    assert len(chat.slips()) == 1 and bets_sent() == 0


@pytest.mark.parametrize("message, match", [
    ("odds for santos vs flamengo", "Santos vs Flamengo"),
    ("cuotas del liverpool contra el chelsea", "Liverpool vs Chelsea"),
])
def test_a_covered_pair_still_gets_its_odds(sandbox, message, match):
    body = RestChat().say(message)
    assert "get_odds" in tools_of(body) and match in body["message"], body["message"]
    assert "cubro" not in body["message"] and "cover" not in body["message"], body["message"]


@pytest.mark.parametrize("listing, stake, pick", [
    ("premier league games this weekend", "what if I put 10 on it?", "the chelsea one"),
    ("partidos de la premier este finde", "¿y si le meto 10?", "el del chelsea"),
    ("jogos da premier league neste fim de semana", "e se eu apostar 10 nele?", "o do chelsea"),
])
def test_the_club_one_picks_the_listed_match(sandbox, listing, stake, pick):
    chat = RestChat()
    chat.say(listing)
    asked = chat.say(stake)
    assert "Liverpool vs Chelsea" in " ".join(asked["suggested_actions"]), asked
    body = chat.say(pick)
    assert "Chelsea One" not in body["message"] and "Liverpool vs Chelsea" in body["message"], body["message"]
    assert chat.slips() == [] and bets_sent() == 0


@pytest.mark.parametrize("message, shown", [
    ("bet 10 on rangers not to lose against celtic", "Rangers"),
    ("aposta 10 que o river não perde pro palmeiras", "River"),
    ("bet 10 that celtic won't lose to liverpool", "Celtic vs Liverpool"),  # both ours: no such match
])
def test_the_side_before_a_result_verb_is_read_too(sandbox, message, shown):
    chat = RestChat()
    body = chat.say(message)
    assert shown in body["message"] and not body["bet_slip"], body["message"]
    assert chat.slips() == [] and bets_sent() == 0
