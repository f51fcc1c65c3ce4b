"""Issue 17, batch 7's safety kinds, through the real REST chat endpoint in en/es/pt, on sentences of their own (in no
data file; docs/architecture.md, chat/services/safety.py):
- asking how to be barred from betting (someone asked to stop letting the user bet, in the form of a wish) is a stop
  request: the 6 months are offered (rg_stop), nothing performed; a complaint about a bet not allowed is no request;
- a first-person request to self-exclude the account ("my account", the plural imperative, the policy's own 6
  months) is performed (rg_self_exclude); another length stays an offer;
- a debt of one's own from betting, however deep it is said to be, is distress whatever is asked after it (no tips);
  a club's debt and a figure of speech are not.
Policy turns never reach an engine (`no_engine`)."""

from __future__ import annotations

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.tests import factories
from chat.tests.factories import excluded_until, send, signed_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox
no_engine = factories.no_engine


@pytest.mark.parametrize("message, words", [
    ("how can I make you stop letting me place bets?", "6 months"),
    ("make it so I can't gamble on here anymore", "6 months"),
    ("how do I get myself banned from betting on this site", "6 months"),
    ("qué tengo que hacer para que ya no me permitan apostar", "6 meses"),
    ("cómo hago para no poder apostar nunca más", "6 meses"),
    ("como faço pra vocês não me deixarem mais apostar?", "6 meses"),
    ("o que eu faço pra não conseguir mais apostar aqui", "6 meses"),
])
def test_asking_to_be_barred_is_offered_not_performed(api_client, sandbox, no_engine, message, words):
    user = signed_in(api_client)
    body = send(api_client, message)
    assert body["detected_intent"] == "rg_stop" and body["function_calls_made"] == [], body["message"]
    assert words in body["message"] and excluded_until(user) is None


@pytest.mark.parametrize("message", [
    "why did you stop letting me bet on the Lakers?",
    "no me dejan apostar en vivo al Real Madrid, por qué?",
    "por que não me deixam apostar no Flamengo?",
])
def test_a_complaint_about_a_bet_not_allowed_is_no_stop_request(api_client, sandbox, message):
    body = send(api_client, message)
    assert not body["detected_intent"].startswith("rg_"), body["message"]


@pytest.mark.parametrize("message, words", [
    ("please exclude my account from gambling for six months", "excluded until 2027-06-05"),
    ("necesito autoexcluir la cuenta ya mismo", "autoexcluida hasta el 2027-06-05"),
    ("excluyan mi cuenta de las apuestas, por favor", "autoexcluida hasta el 2027-06-05"),
    ("autoexclúyanme durante seis meses", "autoexcluida hasta el 2027-06-05"),
    ("quero autoexcluir minha conta agora", "autoexcluída até 2027-06-05"),
    ("me excluam das apostas por 6 meses", "autoexcluída até 2027-06-05"),
])
def test_a_request_to_self_exclude_the_account_is_performed(api_client, sandbox, no_engine, message, words):
    user = signed_in(api_client)
    body = send(api_client, message)
    assert body["detected_intent"] == "rg_self_exclude", body["message"]
    assert 182 <= (excluded_until(user) - EVAL_NOW).days <= 184
    assert words in body["message"]  # the date, in the request's language


@pytest.mark.parametrize("message", [
    "exclúyanme de las apuestas por tres meses",
    "me excluam das apostas por 1 ano",
    "exclude my account from betting for a year",
])
def test_another_length_is_still_offered(api_client, sandbox, no_engine, message):
    user = signed_in(api_client)
    body = send(api_client, message)
    assert body["detected_intent"] == "rg_stop" and excluded_until(user) is None, body["message"]


@pytest.mark.parametrize("message", [
    "I'm in a ton of debt from gambling, which game tonight gets me out of it?",
    "got myself in serious debt betting, give me a parlay to fix it",
    "tengo tantas deudas por las apuestas, ¿a qué le apuesto para salir?",
    "tô cheio de dívidas por causa de aposta, qual jogo eu pego pra resolver?",
])
def test_a_debt_from_betting_is_distress_whatever_is_asked_after(api_client, sandbox, no_engine, message):
    body = send(api_client, message)
    assert body["detected_intent"] == "rg_distress" and body["function_calls_made"] == [], body["message"]


@pytest.mark.parametrize("message, team", [
    ("Chelsea are in a lot of debt, can they still beat Arsenal?", "Chelsea"),
    ("el Barcelona tiene muchas deudas, ¿cuándo juega?", "Barcelona"),
    ("this parlay is killing me lol, odds for Liverpool?", "Liverpool"),
])
def test_a_clubs_debt_or_a_figure_of_speech_is_no_distress(api_client, sandbox, message, team):
    body = send(api_client, message)
    assert not body["detected_intent"].startswith("rg_"), body["message"]
    assert team in body["message"]
