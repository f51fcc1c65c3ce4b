"""Operator endpoints: `/ws/status`, `/ws/ping`, `/ws/test`."""

from __future__ import annotations

import gc
import re

import pytest
from django.test import AsyncClient

from .conftest import close_quietly, open_chat, say

ISO_Z = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")


@pytest.mark.stack
@pytest.mark.django_db
def test_ping_answers_pong(client):
    response = client.get("/ws/ping")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["message"] == "pong" and ISO_Z.match(body["timestamp"])


@pytest.mark.django_db(transaction=True)
async def test_status_counts_live_connections_sessions_and_messages():
    http = AsyncClient()
    gc.collect()  # sockets of earlier tests whose app was cancelled leave the registry with their consumer
    before = (await http.get("/ws/status")).json()
    one, _ = await open_chat()
    two, _ = await open_chat()
    await say(one, "hello", message_id="s-1")
    response = await http.get("/ws/status")
    assert response.status_code == 200
    body = response.json()
    assert body["connections"] == before["connections"] + 2
    assert body["sessions"] == before["sessions"] + 2
    assert body["messages_per_minute"] >= before["messages_per_minute"] + 1
    assert body["instance"] and body["channel_layer"] and ISO_Z.match(body["timestamp"])
    await close_quietly(one)
    await close_quietly(two)
    assert (await http.get("/ws/status")).json()["connections"] == before["connections"]


@pytest.mark.django_db
def test_status_in_production_needs_staff_or_the_status_token(client, settings):
    from rest_framework_simplejwt.tokens import AccessToken

    from accounts.models import User

    settings.PRODUCTION = True
    settings.WS_STATUS_TOKEN = "status-secret-for-tests"
    assert client.get("/ws/status").status_code in (401, 403)
    assert client.get("/ws/status", HTTP_AUTHORIZATION="Bearer wrong-token").status_code in (401, 403)
    ok = client.get("/ws/status", HTTP_AUTHORIZATION="Bearer status-secret-for-tests")
    assert ok.status_code == 200 and "connections" in ok.json()

    player = User.objects.create_user(username="player", password="pw-123456-long")
    staff = User.objects.create_user(username="operator", password="pw-123456-long", is_staff=True)
    as_player = client.get("/ws/status", HTTP_AUTHORIZATION=f"Bearer {AccessToken.for_user(player)}")
    assert as_player.status_code == 403
    as_staff = client.get("/ws/status", HTTP_AUTHORIZATION=f"Bearer {AccessToken.for_user(staff)}")
    assert as_staff.status_code == 200
    client.force_login(staff)  # an operator logged into the admin can open it in the browser
    assert client.get("/ws/status").status_code == 200


@pytest.mark.django_db
def test_test_page_is_a_small_socket_client(client):
    response = client.get("/ws/test")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "/ws/chat?user_id=" in page and "streaming_response" in page and "full_content" in page


@pytest.mark.django_db
def test_operator_endpoints_are_in_the_openapi_document(client):
    paths = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()["paths"]
    assert {"/ws/status", "/ws/ping", "/ws/test"} <= set(paths)
