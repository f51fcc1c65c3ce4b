"""The README's "Try bets with the sandbox" steps, as a new user runs them over HTTP: register, log in
with a sandbox user key, check the balance, ask for a bet, confirm it, see the balance go down."""

from __future__ import annotations

from decimal import Decimal

import pytest

from chat.tests import factories

pytestmark = pytest.mark.django_db(transaction=True)
sandbox = factories.sandbox


def test_the_readme_sandbox_bet_walkthrough(api_client, sandbox):
    created = api_client.post("/api/v1/auth/register", {"username": "ana", "password": "s3cret-pass-123"},
                              format="json")
    assert created.status_code == 201, created.content
    login = api_client.post("/api/v1/auth/login",
                            {"username": "ana", "password": "s3cret-pass-123", "userKey": "demo-key-1"},
                            format="json").json()
    assert login["chatbet_linked"] is True
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {login['access']}")
    before = api_client.get("/api/v1/auth/balance").json()

    def say(text: str) -> dict:
        response = api_client.post("/api/v1/chat/message", {"message": text, "session_id": session}, format="json")
        assert response.status_code == 200, response.content
        return response.json()

    session = None
    proposal = say("bet 10 on Arsenal to win")
    session = proposal["session_id"]
    assert "confirm" in proposal["message"].lower()
    placed = say("yes, place it")
    assert "is placed" in placed["message"] and "Reference: SBX" in placed["message"]
    after = api_client.get("/api/v1/auth/balance").json()
    assert Decimal(str(after["playable"])) == Decimal(str(before["playable"])) - 10

    combo = say("combo: 10 on Real Madrid to win and Arsenal to win")
    assert "accumulator of 2 legs" in combo["message"] and "Combined odds" in combo["message"]
    placed = say("yes, place it")
    assert "accumulator of 2 legs" in placed["message"] and "Reference: SBX" in placed["message"]
    last = api_client.get("/api/v1/auth/balance").json()
    assert Decimal(str(last["playable"])) == Decimal(str(after["playable"])) - 10  # one bet, one stake


@pytest.mark.parametrize("key", ["abc", "invalid-key"])
def test_the_keys_the_sandbox_refuses(api_client, sandbox, key):
    api_client.post("/api/v1/auth/register", {"username": "bo", "password": "s3cret-pass-123"}, format="json")
    response = api_client.post("/api/v1/auth/login", {"username": "bo", "password": "s3cret-pass-123",
                                                      "userKey": key}, format="json")
    assert response.status_code == 400 and response.json()["error_code"] == "invalid_user_key"
