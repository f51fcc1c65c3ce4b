"""The chat REST API: wire-compatible message endpoint, owner-only history, feedback, isolation."""

from __future__ import annotations

import uuid

import pytest

from accounts.services import issue_guest_token
from accounts.tests.factories import UserFactory
from chat.models import Conversation, Feedback, Message
from chat.tests import factories

pytestmark = pytest.mark.django_db(transaction=True)
sandbox = factories.sandbox

WIRE_FIELDS = {"message", "session_id", "message_id", "response_time_ms", "token_count", "detected_intent",
               "intent_confidence", "entities", "function_calls_made", "suggested_actions"}


def send(client, message, **extra):
    return client.post("/api/v1/chat/message", {"message": message, **extra}, format="json")


@pytest.fixture
def alice(api_client):
    user = UserFactory()
    api_client.force_authenticate(user)
    return user


@pytest.fixture
def bob_client():
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(UserFactory())
    return client


@pytest.mark.stack
def test_message_answers_with_the_wire_fields(api_client, sandbox):
    response = send(api_client, "odds for Arsenal", session_id=None, user_id="web-client")
    assert response.status_code == 200
    body = response.json()
    assert WIRE_FIELDS <= set(body)
    assert body["detected_intent"] == "odds_information" and body["message"]
    assert uuid.UUID(body["session_id"]) and uuid.UUID(body["message_id"])
    assert [call["name"] for call in body["function_calls_made"]] == ["get_odds"]

    follow = send(api_client, "what if I bet 20 on Arsenal?", session_id=body["session_id"]).json()
    assert follow["session_id"] == body["session_id"] and follow["detected_intent"] == "bet_simulation"


def test_a_retry_with_the_same_message_id_gets_the_same_answer(api_client, sandbox):
    first = send(api_client, "when does Chelsea play?", message_id="c-1").json()
    again = send(api_client, "when does Chelsea play?", message_id="c-1", session_id=first["session_id"]).json()
    assert again["message_id"] == first["message_id"] and again["duplicate"] is True


def test_a_retried_first_message_of_a_user_finds_its_conversation(api_client, alice, sandbox):
    first = send(api_client, "hello there", message_id="first").json()
    again = send(api_client, "hello there", message_id="first").json()  # no session id yet
    assert again["session_id"] == first["session_id"] and again["message_id"] == first["message_id"]
    assert Conversation.objects.filter(owner=alice).count() == 1


@pytest.mark.parametrize("no_session", ["", None, "null", "undefined", "absent"])
def test_an_empty_or_missing_session_id_starts_a_new_conversation(api_client, sandbox, no_session):
    payload = {} if no_session == "absent" else {"session_id": no_session}
    first = send(api_client, "hi", **payload)
    second = send(api_client, "hello", **payload)
    assert first.status_code == second.status_code == 200, first.content
    sessions = {first.json()["session_id"], second.json()["session_id"]}
    assert len(sessions) == 2  # each one a fresh conversation, never a shared "empty" one
    for session in sessions:
        assert uuid.UUID(session).version == 4
        assert Conversation.objects.filter(session_id=session).exists()


@pytest.mark.parametrize(("payload", "field"), [
    ({}, "message"),
    ({"message": ""}, "message"),
    ({"message": "   "}, "message"),
    ({"message": "x" * 2001}, "message"),
    ({"message": "hi", "session_id": "not-a-uuid"}, "session_id"),
    ({"message": "hi", "context": "tz"}, "context"),
])
def test_bad_input_is_a_clear_400(api_client, payload, field):
    response = api_client.post("/api/v1/chat/message", payload, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["error_code"] == "validation_error" and body["message"].startswith(f"{field}:")


def test_chat_is_throttled(api_client, settings, sandbox):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK,
                               "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
                                                          "chat": "2/min"}}
    assert send(api_client, "hi").status_code == 200
    assert send(api_client, "hello").status_code == 200
    response = send(api_client, "help")
    assert response.status_code == 429 and "Retry-After" in response


@pytest.mark.stack
def test_history_is_for_the_owner_only(api_client, alice, bob_client, sandbox):
    session = send(api_client, "when does Arsenal play?").json()["session_id"]
    send(api_client, "and the odds?", session_id=session)
    history = api_client.get(f"/api/v1/chat/history/{session}")
    assert history.status_code == 200
    roles = [m["role"] for m in history.json()["messages"]]
    assert roles == ["user", "assistant", "user", "assistant"]
    assert history.json()["messages"][0]["content"] == "when does Arsenal play?"
    assert bob_client.get(f"/api/v1/chat/history/{session}").status_code == 404
    from rest_framework.test import APIClient

    assert APIClient().get(f"/api/v1/chat/history/{session}").status_code == 404


def test_delete_history(api_client, alice, bob_client, sandbox):
    session = send(api_client, "hi").json()["session_id"]
    assert bob_client.delete(f"/api/v1/chat/history/{session}").status_code == 404
    assert Conversation.objects.filter(session_id=session).exists()
    assert api_client.delete(f"/api/v1/chat/history/{session}").status_code == 204
    assert api_client.get(f"/api/v1/chat/history/{session}").status_code == 404
    assert not Message.objects.filter(conversation_id=session).exists()


def test_an_anonymous_conversation_is_reachable_by_its_id_but_never_listed(api_client, sandbox):
    session = send(api_client, "hi").json()["session_id"]
    assert api_client.get(f"/api/v1/chat/history/{session}").status_code == 200
    assert api_client.get("/api/v1/chat/conversations").json() == {"count": 0, "results": []}


def test_my_conversations_for_users_and_guests(api_client, alice, sandbox):
    send(api_client, "hi")
    send(api_client, "odds for Arsenal")
    mine = api_client.get("/api/v1/chat/conversations").json()
    assert mine["count"] == 2 and {c["title"] for c in mine["results"]} == {"hi", "odds for Arsenal"}

    from rest_framework.test import APIClient

    guest = APIClient()
    guest.credentials(HTTP_AUTHORIZATION=f"Bearer {issue_guest_token()}")
    send(guest, "hello")
    assert guest.get("/api/v1/chat/conversations").json()["count"] == 1


def test_conversations_of_a_user_are_for_that_user_or_staff(api_client, alice, bob_client, sandbox):
    send(api_client, "hi")
    assert api_client.get(f"/api/v1/chat/conversations/{alice.pk}").json()["count"] == 1
    assert bob_client.get(f"/api/v1/chat/conversations/{alice.pk}").status_code == 404
    assert api_client.get("/api/v1/chat/conversations/u1").status_code == 404
    assert api_client.get("/api/v1/chat/conversations/%C2%B2").status_code == 404  # "²".isdigit() is True
    from rest_framework.test import APIClient

    staff = APIClient()
    staff.force_authenticate(UserFactory(is_staff=True))
    assert staff.get(f"/api/v1/chat/conversations/{alice.pk}").json()["count"] == 1


def test_a_huge_page_size_is_capped_not_a_server_error(api_client, alice, sandbox):
    send(api_client, "hi")
    for url in ("/api/v1/chat/conversations", f"/api/v1/chat/conversations/{alice.pk}"):
        for query in ("limit=99999999999999999999", "limit=9223372036854775808", "offset=99999999999999999999"):
            response = api_client.get(f"{url}?{query}")
            assert response.status_code == 200, (url, query, response.content)
            assert response.json()["count"] == 1


def _long_conversation(owner, count: int):
    from datetime import timedelta

    from django.utils import timezone

    conversation = factories.ConversationFactory(owner=owner)
    start = timezone.now() - timedelta(hours=1)
    for i in range(count):
        message = factories.MessageFactory(conversation=conversation, content=f"m{i}")
        Message.objects.filter(pk=message.pk).update(created_at=start + timedelta(seconds=i))
    return conversation


def test_history_is_the_latest_messages_oldest_first(api_client, alice, settings):
    settings.CHAT_HISTORY_LIMIT = 3
    conversation = _long_conversation(alice, 5)
    messages = api_client.get(f"/api/v1/chat/history/{conversation.session_id}").json()["messages"]
    assert [m["content"] for m in messages] == ["m2", "m3", "m4"]


def test_feedback_on_an_answer(api_client, alice, bob_client, sandbox):
    body = send(api_client, "odds for Arsenal").json()
    vote = api_client.post("/api/v1/chat/feedback", {"message_id": body["message_id"], "rating": "up"}, format="json")
    assert vote.status_code == 201 and vote.json()["rating"] == "up"
    api_client.post("/api/v1/chat/feedback", {"message_id": body["message_id"], "rating": "down",
                                              "comment": "wrong match"}, format="json")
    assert list(Feedback.objects.values_list("rating", "comment")) == [("down", "wrong match")]
    assert bob_client.post("/api/v1/chat/feedback", {"message_id": body["message_id"], "rating": "up"},
                           format="json").status_code == 404
    bad = api_client.post("/api/v1/chat/feedback", {"message_id": body["message_id"], "rating": "meh"}, format="json")
    assert bad.status_code == 400 and bad.json()["message"].startswith("rating:")


def test_intents_are_listed_with_examples(api_client):
    intents = api_client.get("/api/v1/chat/intents").json()["intents"]
    names = {item["intent"] for item in intents}
    assert {"match_schedule", "odds_information", "betting_recommendation", "team_comparison", "balance_query",
            "bet_simulation", "tournament_info", "general_betting_info", "greeting", "help", "out_of_scope"} == names
    assert all(item["examples"]["en"] and item["examples"]["es"] for item in intents)


@pytest.mark.stack
def test_a_second_user_gets_404_for_someone_elses_session_everywhere(api_client, alice, bob_client, sandbox):
    body = send(api_client, "when does Arsenal play?").json()
    session, message_id = body["session_id"], body["message_id"]
    assert bob_client.get(f"/api/v1/chat/history/{session}").status_code == 404
    assert bob_client.delete(f"/api/v1/chat/history/{session}").status_code == 404
    assert bob_client.get(f"/api/v1/chat/conversations/{alice.pk}").status_code == 404
    assert bob_client.post("/api/v1/chat/feedback", {"message_id": message_id, "rating": "down"},
                           format="json").status_code == 404
    hijack = send(bob_client, "and the odds?", session_id=session).json()
    assert hijack["session_id"] != session
    assert Message.objects.filter(conversation_id=session).count() == 2
    assert all(c["session_id"] != session for c in bob_client.get("/api/v1/chat/conversations").json()["results"])
