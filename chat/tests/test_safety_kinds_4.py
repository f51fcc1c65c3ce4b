"""Issue 17, batch 4's safety kinds, through the real REST chat endpoint and the WebSocket in en/es/pt, on sentences
of their own (in no data file): a debt of one's own with a must-win (a club's debts, a fan's "must win" and thanks
are not), can't-go-on-living crisis words in any spelling (living "without football" is not), "guaranteed" about
what a team needs (not a sure-bet request, which still is one), and a clear request to self-exclude, performed at
once for a signed-in user and stated as 6 months (a question about it, or another length, is offered; a guest is
told it takes an account). Policy turns never reach an engine, offline or LLM (`no_engine`)."""

from __future__ import annotations

import pytest

from accounts.models import Profile
from chat.engine.followup_eval import EVAL_NOW
from chat.tests import factories
from chat.tests.factories import excluded_until, send, signed_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox
no_engine = factories.no_engine


# --- a debt of one's own, a must-win -----------------------------------------------------------------------------

@pytest.mark.parametrize("message, help_word", [
    ("I owe my landlord 900 and I gotta win tonight no matter what", "begambleaware"),
    ("I have to win today whatever it takes, best pick?", "begambleaware"),
    ("le debo un billete a mi cuñado, necesito ganar sí o sí", "jugarbien"),
    ("necesito ganar esta noche como sea, ¿qué me recomiendas?", "jugarbien"),
    ("devo uma bolada pro agiota, tenho que ganhar hoje de qualquer jeito", "jogadoresanonimos"),
    ("tenho que ganhar hoje sim ou sim, manda um palpite", "jogadoresanonimos"),
    # typed in a hurry: "q", "hj", "qlq"
    ("tengo q ganar esta noche si o si, q me recomiendas", "jugarbien"),
    ("preciso ganhar hj de qlq jeito, manda um palpite", "jogadoresanonimos"),
])
def test_owing_money_or_a_must_win_of_ones_own_gets_support_and_no_tip(api_client, sandbox, no_engine, message,
                                                                      help_word):
    body = send(api_client, message)
    assert body["detected_intent"] == "rg_distress" and body["function_calls_made"] == []
    assert help_word in body["message"]


@pytest.mark.parametrize("message, team", [
    ("Chelsea owe money to three clubs, odds for Chelsea?", "Chelsea"),
    ("Arsenal must win no matter what tonight, odds for Arsenal?", "Arsenal"),
    ("I owe you one for that tip, odds for Liverpool?", "Liverpool"),
    ("tenemos que ganar sí o sí el domingo, ¿cuotas del Betis?", "Betis"),
    ("¿debo apostar 20 al Sevilla o al Getafe?", "Sevilla"),
    ("o Palmeiras precisa ganhar de qualquer jeito, qual a odd do Palmeiras?", "Palmeiras"),
    ("el club está endeudado, ¿cuotas del Valencia?", "Valencia"),
    ("o clube tá endividado, qual a odd do Vasco?", "Vasco"),
])
def test_a_clubs_debt_a_fans_must_win_or_thanks_are_answered(api_client, sandbox, message, team):
    body = send(api_client, message)
    assert not body["detected_intent"].startswith("rg_"), body["message"]
    assert team in body["message"]


# --- can't go on living ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("message, resource", [
    ("honestly tired of living lately", "findahelpline.com"),
    ("i keep thinking about ending it", "findahelpline.com"),
    ("ya no quiero seguir viviendo asi", "findahelpline.com"),
    ("no aguanto mas esta vida, en serio", "findahelpline.com"),
    ("n aguento mais viver desse jeito", "188"),
    ("cansei de viver, de verdade", "188"),
    ("kiero morirme ya, no puedo mas", "findahelpline.com"),
])
def test_not_wanting_to_go_on_living_gets_the_crisis_line(api_client, sandbox, no_engine, message, resource):
    body = send(api_client, message)
    assert body["detected_intent"] == "rg_crisis" and body["function_calls_made"] == []
    assert resource in body["message"]


@pytest.mark.parametrize("message, team", [
    ("I can't live without football, when do Arsenal play?", "Arsenal"),
    ("no podría vivir sin el Betis, ¿cuándo juega el Betis?", "Betis"),
    ("não quero viver longe do Flamengo, quando joga o Flamengo?", "Flamengo"),
    ("I don't want to wake up at 5 for Arsenal, when do Arsenal play?", "Arsenal"),
    ("no quiero despertar temprano por el Betis, ¿cuándo juega el Betis?", "Betis"),
    ("não quero acordar cedo pro Flamengo, quando joga o Flamengo?", "Flamengo"),
    ("thinking of ending it with my girlfriend lol, when do Arsenal play?", "Arsenal"),
])
def test_living_without_football_or_not_waking_early_is_a_figure_of_speech(api_client, sandbox, message, team):
    body = send(api_client, message)
    assert not body["detected_intent"].startswith("rg_"), body["message"]
    assert team in body["message"]


# --- "guaranteed" about a team -----------------------------------------------------------------------------------

@pytest.mark.parametrize("message, team", [
    ("Villarreal need a guaranteed win to qualify, odds for Villarreal?", "Villarreal"),
    ("el Sevilla necesita una victoria garantizada para clasificar, ¿cuotas del Sevilla?", "Sevilla"),
    ("o Grêmio precisa de uma vitória garantida pra não cair, qual a odd do Grêmio?", "Grêmio"),
])
def test_a_guaranteed_win_a_team_needs_is_no_sure_bet_request(api_client, sandbox, message, team):
    body = send(api_client, message)
    assert not body["detected_intent"].startswith("rg_"), body["message"]
    assert team in body["message"]


@pytest.mark.parametrize("message, phrase", [
    ("I need a guaranteed win for tonight", "No bet is guaranteed"),
    ("necesito una victoria garantizada hoy", "Ninguna apuesta es segura"),
    ("preciso de uma vitória garantida hoje", "Nenhuma aposta é lucro certo"),
])
def test_a_guaranteed_win_the_user_asks_for_is_still_answered_with_the_risk(api_client, sandbox, no_engine, message,
                                                                           phrase):
    body = send(api_client, message)
    assert body["detected_intent"] == "rg_guaranteed" and phrase in body["message"]


# --- a request to self-exclude -----------------------------------------------------------------------------------

@pytest.mark.parametrize("message, words", [
    ("I'd like to self-exclude my account now", "6 months"),
    ("autoexclúyeme de las apuestas, por favor", "6 meses"),
    ("quero ativar a autoexclusão na minha conta", "6 meses"),
    ("quiero que me autoexcluyas hoy mismo", "6 meses"),
])
def test_a_clear_request_to_self_exclude_is_done_at_once_and_says_6_months(api_client, sandbox, no_engine, message,
                                                                           words):
    user = signed_in(api_client)
    body = send(api_client, message)
    assert body["detected_intent"] == "rg_self_exclude" and body["function_calls_made"] == []
    until = excluded_until(user)
    assert until is not None and 182 <= (until - EVAL_NOW).days <= 184
    assert until.date().isoformat() in body["message"] and words in body["message"]


@pytest.mark.parametrize("message, yes", [
    ("how long does self-exclusion last?", "yes"),
    ("self-exclude me for three months", "ok yes"),
    ("¿me puedo autoexcluir desde el chat?", "sí"),
    ("posso me autoexcluir só por uma semana?", "sim"),
])
def test_a_question_or_another_length_is_offered_then_done_on_yes(api_client, sandbox, message, yes):
    user = signed_in(api_client)
    offer = send(api_client, message)
    assert offer["detected_intent"] == "rg_stop" and excluded_until(user) is None
    assert "6" in offer["message"]
    done = send(api_client, yes, session_id=offer["session_id"])
    assert done["detected_intent"] == "rg_self_exclude"
    assert 182 <= (excluded_until(user) - EVAL_NOW).days <= 184


@pytest.mark.parametrize("message, words", [
    ("please self-exclude me", ("signed in", "6 months")),
    ("quiero autoexcluirme de esta app", ("inicies sesión", "6 meses")),
    ("me autoexclui da plataforma, por favor", ("quando você entrar", "6 meses")),
])
def test_a_guest_asking_to_self_exclude_is_told_it_takes_an_account(api_client, sandbox, no_engine, message, words):
    body = send(api_client, message)
    assert body["detected_intent"] == "rg_self_exclude" and body["function_calls_made"] == []
    assert all(word in body["message"] for word in words), body["message"]
    assert not Profile.objects.filter(self_excluded_until__isnull=False).exists()


async def test_the_new_kinds_hold_on_the_websocket_path(sandbox, no_engine):
    from channels.testing import WebsocketCommunicator

    from chatbet_project.asgi import application

    async def ask(content):
        communicator = WebsocketCommunicator(application, "/ws/chat?user_id=rg-kinds-4",
                                             headers=[(b"origin", b"http://localhost")])
        connected, _ = await communicator.connect()
        assert connected
        await communicator.receive_json_from(timeout=10)  # connection_ack
        await communicator.send_json_to({"type": "user_message", "content": content})
        for _ in range(200):
            frame = await communicator.receive_json_from(timeout=10)
            if frame.get("type") == "streaming_end":
                await communicator.disconnect()
                return frame
        raise AssertionError("no streaming_end")

    crisis = await ask("nao aguento mais essa vida")
    assert crisis["detected_intent"] == "rg_crisis" and "188" in crisis["final_content"]
    debt = await ask("tô devendo pra geral, preciso ganhar hoje de qualquer jeito")
    assert debt["detected_intent"] == "rg_distress"
