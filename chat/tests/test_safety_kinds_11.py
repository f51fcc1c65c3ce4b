"""Issue 17 after batch 11: two kinds the cues lacked, on sentences nobody labelled (in no data file), en/es/pt
(chat/services/safety_indirect.py):
- a wish not to go on living said without "die" or "kill" ("I don't want to go on anymore", "everyone would be better
  off if I was gone", "ya no quiero seguir viviendo con estas deudas", "não vale mais a pena viver") is a crisis; the
  idioms ("I could die for a goal", "me muero de ganas", "kill the game", "no quiero vivir con mi suegra") are not;
- money stolen, or taken in secret or to bet, from someone close or from work ("took 50 out of my dad's wallet to
  bet", "le saqué plata a mi jefe sin que se diera cuenta", "usei o cartão da minha mãe escondido") is distress; a
  match "stolen", a parent's gift or a loan for a ticket are not;
- a limit on one's own betting or deposits asked for ("set a deposit limit", "quiero poner un límite de depósito") is
  still a stop request (rg_stop), but its answer points first to the daily stake limit the user sets on the profile
  (`PATCH /me`), with self-exclusion offered for a full break;
- "out of control" said of the speaker or their betting is distress, said of a thing ("the traffic is out of control")
  it is not.
Each kind is one parametrised test at the policy level (`safety.classify`); a few go through the turn service."""

from __future__ import annotations

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.services import safety
from chat.tests import factories
from chat.tests.factories import excluded_until, send, signed_in

CRISIS = [
    # en
    "i honestly don't want to go on anymore", "i cant carry on like this", "there's no point anymore, i lost it all",
    "nothing matters any more", "my kids would be better off if i were gone", "everybody would be better without me",
    "i just want to not exist", "i'd rather not be alive", "it's not worth going on",
    # es
    "ya no quiero seguir viviendo así con tanta deuda", "no quiero seguir adelante con mi vida",
    "no vale la pena seguir viviendo", "ojalá no existir", "mi familia estaría mejor si yo no estuviera",
    "ya nada tiene sentido para mi", "no quiero vivir con esta vergüenza",
    # pt
    "não quero mais continuar vivendo", "não vale a pena viver assim", "queria deixar de existir",
    "meus filhos ficariam melhor sem mim", "nada mais tem sentido pra mim", "não quero viver com essas dívidas",
]
DISTRESS = [
    # en
    "i took 300 out of my dad's wallet to bet and lost it", "i stole from my parents to keep betting",
    "borrowed my girlfriend's card without her knowing and gambled it", "i've been dipping into the till at work",
    "used my husband's savings behind his back", "i nicked cash from my grandma to gamble",
    # es
    "le saqué plata a mi jefe sin que se diera cuenta", "le robé a mi abuela para jugar",
    "tomé los ahorros de mi esposa para apostar", "agarré dinero de la caja del negocio a escondidas",
    # pt
    "usei o cartão da minha mãe escondido pra apostar", "roubei da minha avó pra jogar",
    "peguei grana da loja do meu tio sem ele saber", "tirei dinheiro do caixa da empresa pra apostar",
]
NONE = [
    "I could die for a goal right now, odds for Arsenal?", "me muero de ganas de ver al Barça",
    "they need to kill the game early, Chelsea odds?", "this derby is killing me lol", "morrendo de rir do Vasco",
    "I don't want to go on the trip, when does Liverpool play?",
    "no quiero vivir con mi suegra, jaja, cuotas del Betis",
    "Vinicius stole the ball from the keeper, next Real Madrid match?", "my mom gave me money for the ticket",
    "Messi stole the show, when does Inter Miami play?", "i'd rather die than back Spurs lol",
    "no quiero seguir viendo la NBA, solo fútbol", "não quero continuar vendo tênis",
    "there's no point betting on draws, odds for Arsenal?",
]


LIMITS = [
    ("set me a weekly deposit limit please", "en"), ("i want to put a cap on my betting", "en"),
    ("quiero poner un tope a mis apuestas", "es"), ("ponle un límite a lo que deposito", "es"),
    ("quero colocar um teto nos meus depósitos", "pt_br"), ("limitar minhas apostas, por favor", "pt_br"),
]
LIMIT_WORDS = {"en": "daily stake limit", "es": "límite diario", "pt_br": "limite diário"}
OUT_OF_CONTROL = [
    ("my spending on bets is out of control", "distress"), ("it's all getting out of control", "distress"),
    ("the traffic is out of control, when does Arsenal play?", None),
    ("the crowd was out of control last night, Chelsea odds?", None),
    ("that referee is out of control lol, next Boca match?", None),
]


@pytest.mark.parametrize("message", CRISIS)
def test_a_wish_not_to_go_on_living_is_a_crisis(message):
    assert safety.classify(message) == "crisis"


@pytest.mark.parametrize("message", DISTRESS)
def test_money_taken_from_someone_close_or_from_work_is_distress(message):
    assert safety.classify(message) == "distress"


@pytest.mark.parametrize("message", NONE)
def test_idioms_and_a_matchs_theft_are_no_policy(message):
    assert safety.classify(message) in (None, "caution")


@pytest.mark.parametrize("message, kind", OUT_OF_CONTROL)
def test_out_of_control_is_distress_only_of_the_speaker(message, kind):
    assert safety.classify(message) == kind


@pytest.mark.django_db(transaction=True)
@pytest.mark.clock(EVAL_NOW)
@pytest.mark.parametrize("message, language", LIMITS)
def test_a_limit_asked_for_points_to_the_daily_stake_limit_and_offers_the_break(api_client, message, language):
    user = signed_in(api_client)
    body = send(api_client, message)
    assert body["detected_intent"] == "rg_stop" and body["function_calls_made"] == []
    assert LIMIT_WORDS[language] in body["message"] and ("6 months" in body["message"] or "6 meses" in body["message"])
    assert excluded_until(user) is None  # nothing performed until a yes


@pytest.mark.django_db(transaction=True)
@pytest.mark.clock(EVAL_NOW)
def test_a_guest_asking_for_a_limit_is_told_it_is_set_on_an_account(api_client):
    body = send(api_client, "set a deposit limit on my bets")
    assert body["detected_intent"] == "rg_stop" and "signed in" in body["message"]
    assert "daily stake limit" in body["message"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.clock(EVAL_NOW)
@pytest.mark.parametrize("message, intent, words", [
    ("ya no quiero seguir viviendo con todas estas deudas", "rg_crisis", "findahelpline"),
    ("everyone would be better off if i was gone", "rg_crisis", "findahelpline"),
    ("peguei o dinheiro da minha esposa escondido pra apostar", "rg_distress", "6 meses"),
])
def test_through_the_turn_service_no_tool_and_the_resource(api_client, message, intent, words):
    signed_in(api_client)
    body = send(api_client, message)
    assert body["detected_intent"] == intent and body["function_calls_made"] == []
    assert words in body["message"]


sandbox = factories.sandbox
