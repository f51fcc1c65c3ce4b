"""The structured slip the web chat's card is drawn from: an answer that proposes or moves a real-money slip carries
it as `bet_slip` (socket and REST), every other answer is unchanged, and the card's buttons (REST confirm/cancel)
get the slip as it now stands, refusals included. Through the real ASGI app (socket + auth middleware + turn)."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest
from channels.db import database_sync_to_async
from rest_framework_simplejwt.tokens import AccessToken

from accounts.tests.factories import UserFactory
from betting.models import BetSlip
from chat.tests import factories
from chat.tests.factories import bets_sent, link_user

from .conftest import close_quietly, open_chat, say

pytestmark = pytest.mark.django_db(transaction=True)
sandbox = factories.sandbox

SLIP_FIELDS = {"id", "state", "fixture_id", "fixture_label", "start_time", "market", "selection", "line", "label",
               "odds", "stake", "currency", "possible_win", "legs", "language", "proposed_by", "upstream_bet_id",
               "reason_code", "reason", "created_at", "expires_at", "confirmed_at", "decided_at", "message"}


@database_sync_to_async
def linked_account() -> tuple[object, str]:
    user = link_user(UserFactory())
    return user, str(AccessToken.for_user(user))


def answer_frame(frames: list[dict]) -> dict:
    [answer] = [f for f in frames if f["type"] in ("streaming_end", "bot_response")]
    return answer


async def test_a_proposed_slip_reaches_the_socket_as_a_card_and_moves_with_the_conversation(sandbox):
    user, token = await linked_account()
    ws, ack = await open_chat(f"/ws/chat?user_id=web&token={token}")
    session = ack["session_id"]

    plain = answer_frame(await say(ws, "Odds for Arsenal", message_id="c-0", session_id=session))
    assert "bet_slip" not in plain, "answers that touch no slip keep the frame existing clients know"

    shown = answer_frame(await say(ws, "bet 10 on Arsenal to win", message_id="c-1", session_id=session))
    card = shown["bet_slip"]
    assert set(card) == SLIP_FIELDS
    slip = await database_sync_to_async(BetSlip.objects.get)()
    assert card["id"] == str(slip.pk) and card["state"] == "proposed"
    assert (card["market"], card["stake"], card["currency"]) == ("1x2", "10.00", "USD")
    assert card["selection"] == slip.selection and card["selection"] in ("home", "away")
    assert Decimal(card["odds"]) == slip.odds and Decimal(card["possible_win"]) == slip.possible_win
    assert card["label"] == "Arsenal to win" and "Arsenal" in card["fixture_label"]
    assert card["expires_at"].endswith("Z") and "nothing is charged until you confirm" in card["message"]
    assert slip.idempotency_key not in str(shown), "the idempotency key never leaves the server"
    # what the text says and the card says are the same bet
    assert f"{slip.odds:.2f}" in shown["final_content"] and "10.00 USD" in shown["final_content"]

    # A retry of the same client message id replays the stored answer, card included.
    replay = answer_frame(await say(ws, "bet 10 on Arsenal to win", message_id="c-1", session_id=session))
    assert replay["bet_slip"] == card and replay["message_id"] == shown["message_id"]

    placed = answer_frame(await say(ws, "yes, place it", message_id="c-2", session_id=session))
    assert placed["bet_slip"]["id"] == card["id"] and placed["bet_slip"]["state"] == "placed"
    assert placed["bet_slip"]["upstream_bet_id"].startswith("SBX")
    assert placed["bet_slip"]["message"].startswith("Placed: 10.00 USD on Arsenal to win")

    # without streaming the same field rides on bot_response
    again = answer_frame(await say(ws, "bet 5 on the over in the Arsenal game", message_id="c-3", session_id=session,
                                   metadata={"stream": False}))
    assert again["type"] == "bot_response" and again["bet_slip"]["market"] == "over_under"
    assert again["bet_slip"]["selection"] == "over" and again["bet_slip"]["line"]
    assert again["bet_slip"]["label"] == f"Over {again['bet_slip']['line']} goals"
    cancelled = answer_frame(await say(ws, "no", message_id="c-4", session_id=session, metadata={"stream": False}))
    assert cancelled["bet_slip"]["id"] == again["bet_slip"]["id"] and cancelled["bet_slip"]["state"] == "cancelled"

    # The history shows each answer's slip as it stands now: the first offer is the placed bet.
    await ws.send_json_to({"type": "history"})
    history = await ws.receive_json_from(timeout=5)
    answers = [m for m in history["messages"] if m["role"] == "assistant"]
    assert "bet_slip" not in answers[0]
    assert answers[1]["message_id"] == shown["message_id"] and answers[1]["bet_slip"]["state"] == "placed"
    assert [a.get("bet_slip", {}).get("state") for a in answers[2:]] == ["placed", "cancelled", "cancelled"]
    await close_quietly(ws)


def test_the_cards_buttons_confirm_that_slip_once_and_refusals_say_where_it_stands(sandbox, api_client):
    user = link_user(UserFactory())
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {AccessToken.for_user(user)}")
    chat = api_client.post("/api/v1/chat/message", {"message": "apuesta 10 a que gana el Arsenal"}, format="json")
    assert chat.status_code == 200 and chat.json()["bet_slip"]["state"] == "proposed"
    card = chat.json()["bet_slip"]
    assert card["language"] == "es" and card["message"].startswith("Esperando tu confirmación")

    confirm = api_client.post(f"/api/v1/bets/slips/{card['id']}/confirm", {"language": "es"}, format="json")
    assert confirm.status_code == 200, confirm.content
    assert confirm.json()["state"] == "placed" and confirm.json()["message"].startswith("Colocada: 10.00 USD")
    history = api_client.get(f"/api/v1/chat/history/{chat.json()['session_id']}").json()["messages"]
    assert [m["bet_slip"]["state"] if m["bet_slip"] else None for m in history] == [None, "placed"]

    again = api_client.post(f"/api/v1/bets/slips/{card['id']}/confirm", {"language": "es"}, format="json")
    assert again.status_code == 409 and again.json()["error_code"] == "already_confirmed"
    assert again.json()["details"]["slip"]["state"] == "placed", "the card keeps showing the placed bet"
    assert "una sola vez" in again.json()["message"]
    late = api_client.post(f"/api/v1/bets/slips/{card['id']}/cancel", {}, format="json")
    assert late.status_code == 409 and late.json()["details"]["slip"]["state"] == "placed"
    assert bets_sent() == 1

    # someone else's slip id is as absent as a missing one, with no slip in the body
    other = UserFactory()
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {AccessToken.for_user(link_user(other))}")
    foreign = api_client.post(f"/api/v1/bets/slips/{card['id']}/confirm", {}, format="json")
    assert foreign.status_code == 404 and "details" not in foreign.json()
    missing = api_client.post(f"/api/v1/bets/slips/{uuid.uuid4()}/cancel", {}, format="json")
    assert missing.status_code == 404 and "details" not in missing.json()


def test_a_card_confirmed_after_the_price_dropped_shows_it_expired_and_the_fresh_offer(sandbox, api_client):
    user = link_user(UserFactory())
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {AccessToken.for_user(user)}")
    card = api_client.post("/api/v1/chat/message", {"message": "bet 10 on Arsenal to win"},
                           format="json").json()["bet_slip"]
    BetSlip.objects.filter(pk=card["id"]).update(odds=Decimal(card["odds"]) + Decimal("0.25"))
    moved = api_client.post(f"/api/v1/bets/slips/{card['id']}/confirm", {}, format="json")
    assert moved.status_code == 409 and moved.json()["error_code"] == "price_moved"
    details = moved.json()["details"]
    assert details["slip"]["state"] == "expired" and details["new_slip"]["state"] == "proposed"
    assert Decimal(details["new_slip"]["odds"]) == Decimal(card["odds"]) and bets_sent() == 0


async def test_a_slip_a_model_proposed_reaches_the_socket_as_a_card_too(settings, sandbox):
    from chat.engine.registry import get_engine

    from .fake_llm_servers import FakeLLM, Text, ToolCall, pre_match_fixture

    fixture = await database_sync_to_async(pre_match_fixture)()
    user, token = await linked_account()
    with FakeLLM("openai_compatible", settings) as llm:
        get_engine.cache_clear()
        llm.queue(ToolCall([("place_bet", {"fixture_id": fixture.id, "market": "1x2", "selection": "home",
                                           "stake": 12})]),
                  Text("I have prepared that bet for you."))
        ws, ack = await open_chat(f"/ws/chat?user_id=web&token={token}")
        end = answer_frame(await say(ws, f"put 12 on {fixture.home.name} to win",
                                     message_id="l-1", session_id=ack["session_id"]))
        await close_quietly(ws)
    get_engine.cache_clear()
    slip = await database_sync_to_async(BetSlip.objects.get)()
    assert end["bet_slip"]["id"] == str(slip.pk) and end["bet_slip"]["state"] == "proposed"
    assert (end["bet_slip"]["market"], end["bet_slip"]["selection"], end["bet_slip"]["stake"]) == ("1x2", "home",
                                                                                                  "12.00")
    assert slip.label in end["final_content"], "the server's own summary of the bet closes the model's answer"


@pytest.mark.parametrize("message", ["I want to stop gambling", "estoy desesperado, lo perdí todo apostando"])
def test_a_safety_turn_cancels_the_waiting_slip_so_its_card_cannot_place_it(sandbox, api_client, message):
    user = link_user(UserFactory())
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {AccessToken.for_user(user)}")
    shown = api_client.post("/api/v1/chat/message", {"message": "bet 10 on Arsenal to win"}, format="json").json()
    policy = api_client.post("/api/v1/chat/message", {"message": message, "session_id": shown["session_id"]},
                             format="json").json()
    assert policy["detected_intent"].startswith("rg_")
    assert policy["bet_slip"]["id"] == shown["bet_slip"]["id"] and policy["bet_slip"]["state"] == "cancelled"
    late = api_client.post(f"/api/v1/bets/slips/{shown['bet_slip']['id']}/confirm", {}, format="json")
    assert late.status_code == 409 and late.json()["details"]["slip"]["state"] == "cancelled"
    assert bets_sent() == 0
