"""Security checks a user or an attacker would notice: other people's conversations stay invisible
(404 everywhere, REST and socket), tampered tokens are refused, unknown origins are refused in
production, the admin login is throttled, and no secret ever reaches the logs."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jwt
import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings as django_settings
from rest_framework.test import APIClient

from accounts.services import issue_guest_token, issue_tokens
from accounts.tests.factories import PASSWORD, UserFactory
from chat.tests.conftest import BROWSER_ORIGIN, close_quietly, open_chat, read_turn, receive_close, say

ROOT = Path(__file__).resolve().parents[2]


def _bearer(token: str | None) -> APIClient:
    client = APIClient()
    if token:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


# --- cross-user access ------------------------------------------------------------------------------

@pytest.fixture
def victim_conversation(db, no_throttles):
    """Alice's conversation with one exchange; returns (alice, session_id, assistant message id)."""
    alice = UserFactory()
    sent = _bearer(issue_tokens(user=alice)[0]).post(
        "/api/v1/chat/message", {"message": "fixtures today", "session_id": None, "user_id": "web"}, format="json")
    assert sent.status_code == 200, sent.content
    return alice, sent.json()["session_id"], sent.json()["message_id"]


def _intruders() -> dict[str, APIClient]:
    return {"other user": _bearer(issue_tokens(user=UserFactory())[0]),
            "guest": _bearer(issue_guest_token()),
            "anonymous": APIClient()}


@pytest.mark.stack
@pytest.mark.django_db
def test_no_conversation_endpoint_reveals_or_changes_someone_elses_conversation(victim_conversation):
    from chat.models import Conversation, Feedback, Message

    alice, session, answer_id = victim_conversation
    before = list(Message.objects.filter(conversation__session_id=session).values_list("id", flat=True))
    for who, client in _intruders().items():
        assert client.get(f"/api/v1/chat/history/{session}").status_code == 404, who
        assert client.delete(f"/api/v1/chat/history/{session}").status_code == 404, who
        assert client.get(f"/api/v1/chat/conversations/{alice.pk}").status_code in (401, 404), who
        listed = client.get("/api/v1/chat/conversations")
        assert session not in json.dumps(listed.json()), who
        feedback = client.post("/api/v1/chat/feedback", {"message_id": answer_id, "rating": "down"}, format="json")
        assert feedback.status_code == 404, (who, feedback.content)
        # writing into her session starts a new conversation instead
        hijack = client.post("/api/v1/chat/message", {"message": "what's my balance?", "session_id": session},
                             format="json")
        assert hijack.status_code == 200 and hijack.json()["session_id"] != session, who
    conversation = Conversation.objects.get(session_id=session)
    assert conversation.owner_id == alice.pk
    assert list(Message.objects.filter(conversation=conversation).values_list("id", flat=True)) == before
    assert not Feedback.objects.exists()


@pytest.mark.stack
@pytest.mark.django_db(transaction=True)
async def test_socket_resume_of_someone_elses_session_gets_a_fresh_one_and_no_history(no_throttles):
    from chat.models import Conversation

    alice = await database_sync_to_async(UserFactory)()
    mallory = await database_sync_to_async(UserFactory)()
    alice_token = await database_sync_to_async(lambda: issue_tokens(user=alice)[0])()
    mallory_token = await database_sync_to_async(lambda: issue_tokens(user=mallory)[0])()
    guest_token = await database_sync_to_async(issue_guest_token)()

    ws, ack = await open_chat(f"/ws/chat?user_id=web&token={alice_token}")
    session = ack["session_id"]
    assert (await say(ws, "hello there"))[-1]["type"] == "typing"
    await close_quietly(ws)

    for token in (mallory_token, guest_token, ""):
        for path in (f"/ws/chat?user_id=web&token={token}&session_id={session}", f"/ws/chat/{session}?token={token}"):
            intruder, ack = await open_chat(path)
            try:
                assert ack["session_id"] != session, path
                await intruder.send_json_to({"type": "history"})
                history = await intruder.receive_json_from(timeout=5)
                assert history["messages"] == [] and history["session_id"] != session
            finally:
                await close_quietly(intruder)
    assert await database_sync_to_async(
        lambda: Conversation.objects.get(session_id=session).messages.count())() == 2


# --- token tampering ------------------------------------------------------------------------------

def _forged_tokens(user, other) -> dict[str, str]:
    access = issue_tokens(user=user)[0]
    header, payload, signature = access.split(".")
    claims = jwt.decode(access, options={"verify_signature": False})
    key = django_settings.SIMPLE_JWT["SIGNING_KEY"]
    import base64

    def b64(obj: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(obj).encode()).rstrip(b"=").decode()

    now = datetime.now(UTC)
    refresh = issue_tokens(user=user)[1]
    return {
        "payload swapped, signature kept": f"{header}.{b64({**claims, 'user_id': str(other.pk)})}.{signature}",
        "alg none": f"{b64({'alg': 'none', 'typ': 'JWT'})}.{b64({**claims, 'user_id': str(other.pk)})}.",
        "signed with another key": jwt.encode({**claims, "user_id": str(other.pk)}, "not-our-key-" + "k" * 40,
                                              algorithm="HS256"),
        "expired": jwt.encode({**claims, "exp": int((now - timedelta(minutes=1)).timestamp())}, key,
                              algorithm="HS256"),
        "truncated signature": access[:-6],
        "refresh token used as access": refresh,
        "garbage": "not.a.jwt",
    }


@pytest.mark.stack
@pytest.mark.django_db
def test_tampered_tokens_are_refused_never_downgraded_to_anonymous(no_throttles):
    alice, bob = UserFactory(), UserFactory()
    for name, token in _forged_tokens(alice, bob).items():
        client = _bearer(token)
        assert client.get("/api/v1/auth/me").status_code == 401, name
        chat = client.post("/api/v1/chat/message", {"message": "hi"}, format="json")
        assert chat.status_code == 401, (name, chat.status_code)
        assert chat.json()["error_code"], name


@pytest.mark.django_db(transaction=True)
async def test_tampered_tokens_close_the_socket_with_4401(no_throttles):
    from chatbet_project.asgi import application

    alice = await database_sync_to_async(UserFactory)()
    bob = await database_sync_to_async(UserFactory)()
    forged = await database_sync_to_async(_forged_tokens)(alice, bob)
    for name, token in forged.items():
        ws = WebsocketCommunicator(application, f"/ws/chat?user_id=web&token={token}", headers=[BROWSER_ORIGIN])
        connected, code = await ws.connect(timeout=5)
        if connected:
            _frames, code = await receive_close(ws, timeout=5)
        assert code == 4401, (name, code)


# --- production origins ---------------------------------------------------------------------------

PRODUCTION_PROBE = r"""
import asyncio, json, django
django.setup()
from django.test import Client
from channels.testing import WebsocketCommunicator
from chatbet_project.asgi import application

client = Client(HTTP_HOST="chatbet.example")
def preflight(origin):
    r = client.options("/health/live", HTTP_ORIGIN=origin, HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET", secure=True)
    return r.get("Access-Control-Allow-Origin")

async def ws(origin):
    c = WebsocketCommunicator(application, "/ws/chat", headers=[(b"origin", origin.encode()),
                                                               (b"host", b"chatbet.example")])
    ok, code = await c.connect(timeout=5)
    if ok:
        await c.disconnect()
    return ok

print(json.dumps({
    "cors_allowed": preflight("https://app.chatbet.example"),
    "cors_evil": preflight("https://evil.example"),
    "cors_localhost": preflight("http://localhost:4200"),
    "ws_allowed": asyncio.run(ws("https://app.chatbet.example")),
    "ws_evil": asyncio.run(ws("https://evil.example")),
    "ws_lookalike": asyncio.run(ws("https://chatbet.example.evil.example")),
}))
"""


def test_unknown_origins_are_refused_with_production_settings(tmp_path):
    clean = {k: v for k, v in os.environ.items()
             if k not in {"SECRET_KEY", "DJANGO_ENV", "DEBUG", "DATABASE_URL", "REDIS_URL", "CORS_ALLOWED_ORIGINS"}}
    env = {**clean, "DJANGO_ENV": "production", "SECRET_KEY": "p" * 60 + "-hardening-probe",
           "ALLOWED_HOSTS": "chatbet.example", "CORS_ALLOWED_ORIGINS": "https://app.chatbet.example",
           "DJANGO_SETTINGS_MODULE": "chatbet_project.settings",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'probe.sqlite3'}", "LOG_LEVEL": "ERROR"}
    result = subprocess.run([sys.executable, "-c", PRODUCTION_PROBE], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen == {"cors_allowed": "https://app.chatbet.example", "cors_evil": None, "cors_localhost": None,
                    "ws_allowed": True, "ws_evil": False, "ws_lookalike": False}


# --- admin login ----------------------------------------------------------------------------------

@pytest.mark.stack
@pytest.mark.django_db
def test_admin_login_is_throttled_per_username_and_address(client, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {
        **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "login": "3/hour"}}
    staff = UserFactory(is_staff=True, is_superuser=True)
    for _ in range(3):
        wrong = client.post("/admin/login/", {"username": staff.username, "password": "guess"})
        assert wrong.status_code == 200  # the form again, with its error
    locked = client.post("/admin/login/", {"username": staff.username, "password": PASSWORD})
    assert locked.status_code == 429 and int(locked["Retry-After"]) >= 1
    assert not client.get("/admin/").wsgi_request.user.is_authenticated
    # the same account from another address, or another account from here, still gets through
    elsewhere = client.post("/admin/login/", {"username": staff.username, "password": PASSWORD},
                            REMOTE_ADDR="10.9.8.7")
    assert elsewhere.status_code == 302


@pytest.mark.stack
@pytest.mark.django_db
def test_admin_and_api_logins_spend_the_same_attempts(client, api_client, settings):
    """Switching between `/api/v1/auth/login` and the admin form gives an attacker no extra guesses."""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {
        **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "login": "3/hour"}}
    staff = UserFactory(is_staff=True, is_superuser=True)
    for _ in range(2):
        wrong = api_client.post("/api/v1/auth/login", {"username": staff.username, "password": "guess"}, format="json")
        assert wrong.status_code != 429
    assert client.post("/admin/login/", {"username": staff.username, "password": "guess"}).status_code == 200
    api = api_client.post("/api/v1/auth/login", {"username": staff.username, "password": PASSWORD}, format="json")
    assert api.status_code == 429
    admin = client.post("/admin/login/", {"username": staff.username.upper(), "password": PASSWORD})
    assert admin.status_code == 429


# --- no secrets in logs ---------------------------------------------------------------------------

@pytest.mark.django_db(transaction=True)
async def test_no_secret_reaches_the_logs_during_a_whole_session(no_throttles, caplog, capfd):
    """Register, log in with a ChatBet userKey, chat over REST and the socket, read the balance,
    refresh and log out, everything logged at DEBUG: neither the raw records (message, arguments,
    extras) nor the formatted output contain a password, a token or the user key."""
    from chat.tests.conftest import TURN_TIMEOUT

    password, user_key = "Sup3r-Secret-Pass!9", "LIVEKEY-9f8e7d6c5b4a"
    guest = await database_sync_to_async(issue_guest_token)()
    caplog.set_level(logging.DEBUG)

    def rest_flow() -> dict:
        client = APIClient()
        assert client.post("/api/v1/auth/register", {"username": "logcheck", "password": password},
                           format="json").status_code == 201
        login = client.post("/api/v1/auth/login", {"username": "logcheck", "password": password,
                                                   "userKey": user_key}, format="json")
        assert login.status_code == 200, login.content
        wrong = client.post("/api/v1/auth/login", {"username": "logcheck", "password": password + "x"}, format="json")
        assert wrong.status_code == 401
        tokens = login.json()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['access']}")
        assert client.post("/api/v1/chat/message", {"message": "what's my balance?"}, format="json").status_code == 200
        assert client.get("/api/v1/auth/balance").status_code == 200
        refreshed = client.post("/api/v1/auth/refresh", {"refresh": tokens["refresh"]}, format="json").json()
        _bearer(guest).post("/api/v1/chat/message", {"message": "hola"}, format="json")
        return {**tokens, "refreshed_access": refreshed["access"], "refreshed": refreshed["refresh"]}

    tokens = await database_sync_to_async(rest_flow)()
    ws, _ack = await open_chat(f"/ws/chat?user_id=web&token={tokens['refreshed_access']}")
    try:
        await ws.send_json_to({"type": "user_message", "content": f"my key is {user_key}, what's my balance?"})
        await read_turn(ws, timeout=TURN_TIMEOUT)
    finally:
        await close_quietly(ws)
    # logging out revokes the session's access tokens too, so it comes after the socket
    logout = await database_sync_to_async(lambda: APIClient().post(
        "/api/v1/auth/logout", {"refresh": tokens["refreshed"]}, format="json"))()
    assert logout.status_code == 204

    # the user typed the key into the chat themselves: it may be stored, but never logged
    secrets = {"password": password, "user key": user_key, "guest token": guest,
               "secret key": django_settings.SECRET_KEY, **{name: value for name, value in tokens.items()
                                                           if isinstance(value, str) and len(value) > 20}}
    raw = []
    for record in caplog.records:
        raw.append(record.getMessage())
        raw.extend(repr(value) for key, value in vars(record).items() if key not in {"msg", "args"})
    raw_text = "\n".join(raw)
    captured = capfd.readouterr()
    output = captured.out + captured.err
    assert len(caplog.records) > 5  # the flow really logged
    for name, value in secrets.items():
        assert value not in raw_text, f"{name} in a log record"
        assert value not in output, f"{name} in the log output"
    # and a signed JWT of any kind never appears
    assert "eyJhbGci" not in raw_text and "eyJhbGci" not in output
