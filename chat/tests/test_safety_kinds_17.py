"""Three kinds of the responsible-gambling policy a tester found missing, on sentences of this module's own.

- A bet by or for someone else under 18, asked in the message that says their age ("my nephew is 15 and keeps asking
  me to put 20 on Chelsea for him"): refused (`rg_minor_bet`) with the legal age, no slip, tips or odds, in the
  user's language; only for that message: the asker is an adult, so their own bets afterwards and their account are
  not a minor's. Their age said without a bet ("my son is 14 and plays for the school team") keeps the note only.
- Losing everything over and over, said of oneself ("I keep losing every bet", "siempre pierdo todo", "sempre perco
  tudo"): distress, answered in the language it was said in; a team's losing or a lost remote is not.
- A limit said by its size and period ("cap me at 30 a day", "ponme un tope de 50 pesos por semana", "quero um limite
  de 40 reais por semana"): the limit answer (the profile's daily stake limit first); a market's line is not.
Through the real REST endpoint where the answer matters (signed in and linked where a slip could be prepared)."""

from __future__ import annotations

import pytest

from accounts.selectors import has_stated_minor
from chat.engine.followup_eval import EVAL_NOW
from chat.services import safety
from chat.tests import factories
from chat.tests.factories import RestChat, tools_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox


def _opening(kind: str, language: str) -> str:
    """The first words of the policy's answer of `kind` in `language`: the answer is that one, in that language."""
    return str(safety.TEXT[kind][language]).split(",")[0].split(":")[0]


# --- a bet by or for someone under 18 --------------------------------------------------------------------------------

FOR_A_MINOR = [
    ("my nephew is 15 and keeps asking me to put 20 on Chelsea for him, can you do it?", "en"),
    ("my daughter is 16, can she bet on the Lakers from my account?", "en"),
    ("place a bet on Arsenal for my son please, he's 17", "en"),
    ("mi hija tiene 16 años y quiere apostar 30 al barcelona, hazle la apuesta", "es"),
    ("mi sobrino de 14 me pidió que le haga una apuesta al real madrid", "es"),
    ("meu filho tem 15 anos e quer fazer uma aposta no palmeiras, coloca na conta dele", "pt_br"),
    ("minha filha de 17 anos quer apostar 50 reais no corinthians, faz pra ela", "pt_br"),
]


@pytest.mark.parametrize("message, language", FOR_A_MINOR)
def test_a_bet_for_someone_under_18_is_refused_in_their_language(sandbox, message, language):
    assert safety.classify(message) == "minor_bet"
    chat = RestChat()
    body = chat.say(message)
    assert body["detected_intent"] == "rg_minor_bet" and not tools_of(body), body["message"]
    assert "18" in body["message"] and body["message"].startswith(_opening("minor_bet", language)), body["message"]
    assert chat.slips() == []


def test_the_refusal_is_not_sticky_for_the_adult_who_asked(sandbox):
    """The parent is no minor: no stated-minor mark on the account, and their own question afterwards is answered
    (the refusal cancelled and forgot what it refused, so a bare confirmation prepares nothing)."""
    chat = RestChat()
    refused = chat.say("my boy is 14 and he wants to back Liverpool with 10, set it up for him")
    assert refused["detected_intent"] == "rg_minor_bet", refused["message"]
    confirmed = chat.say("yes, place it")
    assert not confirmed["detected_intent"].startswith("rg_") and chat.slips() == [], confirmed["message"]
    odds = chat.say("what are the odds for Liverpool?")
    assert odds["detected_intent"] == "odds_information" and "get_odds" in tools_of(odds), odds["message"]
    assert not has_stated_minor(user_id=chat.user.pk)


@pytest.mark.parametrize("message", [
    "my son is 14 and plays for the school team, when does Arsenal play?",
    "my daughter is 15 and loves Barcelona, who do they play next?",
    "my son is 16 and doesn't want to bet, he just watches the games",
    "my son is 14 and wants to come back to watch Arsenal with me",
    "mi hijo tiene 15 y quiere ver el partido del madrid, a qué hora es?",
    "meu filho de 14 anos torce pro flamengo, quando é o próximo jogo?",
    "i'm buying a shirt for my 15 year old son, any news on Arsenal?",
    "my nephew is 16, is sports betting even legal for him?",
])
def test_their_age_without_a_bet_for_them_is_only_a_note(sandbox, message):
    assert safety.classify(message) == "caution"
    body = RestChat(guest=True).say(message)
    assert not body["detected_intent"].startswith("rg_"), body["message"]
    assert "18" in body["message"]


@pytest.mark.parametrize("message", [
    "I'm betting 20 on Chelsea for my 30 year old brother",
    "my son is 20, put 10 on Arsenal for him",
    "my son is 14 and I want to bet 10 on Liverpool myself",
])
def test_an_adults_bet_is_no_minors(message):
    assert safety.classify(message) not in ("minor", "minor_bet")


# --- losing everything, over and over -------------------------------------------------------------------------------

@pytest.mark.parametrize("message, language", [
    ("i keep losing every bet, i'm so tired of all this", "en"),
    ("I'm sick of losing money, it never stops", "en"),
    ("estoy harto, siempre pierdo todo", "es"),
    ("ya no sé qué hacer, sigo perdiendo plata", "es"),
    ("cansei de perder dinheiro, sempre perco tudo", "pt_br"),
    ("to perdendo tudo, não sei mais o que fazer", "pt_br"),
])
def test_losing_everything_again_is_distress_in_its_language(sandbox, message, language):
    assert safety.classify(message) == "distress"
    body = RestChat(guest=True).say(message)
    assert body["detected_intent"] == "rg_distress" and not tools_of(body), body["message"]
    assert body["message"].startswith(_opening("distress", language)), body["message"]


@pytest.mark.parametrize("message", [
    "I'm done with this match, show me another",
    "Arsenal keep losing, when do they play next?",
    "I always lose at fifa against my brother, who plays tonight?",
    "el madrid siempre pierde en la champions?",
    "pierdo siempre las llaves jaja, a qué hora juega el madrid?",
    "me cansé de perder contra mi primo en el fifa",
    "perco sempre o ônibus, que horas joga o flamengo?",
])
def test_a_team_losing_or_a_lost_thing_is_no_distress(message):
    assert safety.classify(message) not in ("distress", "crisis")


# --- a limit said by its size and period ---------------------------------------------------------------------------

LIMITS = [
    ("cap me at 30 a day please", "en"),
    ("I'd like a limit of $25 per week on my betting", "en"),
    ("put a weekly cap of 200 on me", "en"),
    ("ponme un tope de 50 pesos por semana", "es"),
    ("quiero un límite diario de 40", "es"),
    ("quero um limite de 40 reais por semana", "pt_br"),
    ("coloca um teto de 100 por mês nos meus depósitos", "pt_br"),
]


@pytest.mark.parametrize("message, language", LIMITS)
def test_a_sized_limit_gets_the_limit_answer(sandbox, message, language):
    body = RestChat().say(message)
    assert body["detected_intent"] == "rg_stop" and not tools_of(body), body["message"]
    assert body["message"].startswith(_opening("limit", language)), body["message"]


@pytest.mark.parametrize("message, language", LIMITS[::3])
def test_a_guest_is_told_where_the_limit_is_set(sandbox, message, language):
    body = RestChat(guest=True).say(message)
    assert body["detected_intent"] == "rg_stop", body["message"]
    assert body["message"].startswith(_opening("limit_guest", language)), body["message"]


@pytest.mark.parametrize("message", [
    "the limit of the over is 2.5?",
    "i want the over limit of 2.5",
    "ponme el over con límite de 2.5",
    "give me the limit of 3 selections per parlay",
    "is there a limit of 100 per bet?",
    "what is the max stake limit per day?",
    "qual o limite de gols do over? 2.5?",
])
def test_a_markets_line_or_the_products_maximum_is_no_limit_request(message):
    assert safety.classify(message) is None
