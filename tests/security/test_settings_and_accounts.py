"""Break 7: weak production settings were accepted, a password of spaces was accepted, and
registration told anyone which emails have accounts."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

import pytest
from django.core import mail

from accounts.tests.factories import PASSWORD, UserFactory

from .conftest import BASE_DIR, asgi_request

pytestmark = pytest.mark.django_db(transaction=True)


def _start_production(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items()
             if k not in {"SECRET_KEY", "DJANGO_ENV", "DEBUG", "DATABASE_URL", "REDIS_URL", "CORS_ALLOWED_ORIGINS",
                          "TRUSTED_PROXIES"}}
    return subprocess.run([sys.executable, "manage.py", "check", "--deploy"], cwd=BASE_DIR, capture_output=True,
                          text=True, timeout=120, env={**clean, "DJANGO_ENV": "production", **env})


@pytest.mark.parametrize("key", ["short", "a" * 64, "django-insecure-" + "k3Jq9vLm2XpR7tWz" * 3,
                                 "abcdefgh" * 7])
def test_production_refuses_a_short_or_low_entropy_secret_key(key):
    result = _start_production(SECRET_KEY=key)
    assert result.returncode != 0 and "SECRET_KEY is too weak for production" in result.stderr


def test_production_starts_with_a_strong_key_and_refuses_localhost_origins():
    key = secrets.token_urlsafe(50)
    assert _start_production(SECRET_KEY=key).returncode == 0
    result = _start_production(SECRET_KEY=key, CORS_ALLOWED_ORIGINS="https://chatbet.example,http://localhost:4200")
    assert result.returncode != 0 and "CORS_ALLOWED_ORIGINS contains local origins" in result.stderr


def test_cross_origin_requests_carry_no_credentials(settings):
    assert settings.CORS_ALLOW_CREDENTIALS is False


@pytest.mark.parametrize("password", [" " * 8, "\t" * 12, " \u3000 " * 4])
async def test_a_whitespace_only_password_is_refused(password):
    status, _, body = await asgi_request("POST", "/api/v1/auth/register",
                                         body={"username": "spacey", "password": password})
    assert status == 400 and body["error_code"] == "weak_password" and "whitespace" in body["message"]


async def test_registration_answers_the_same_whether_or_not_the_email_has_an_account():
    from channels.db import database_sync_to_async
    from django.contrib.auth import get_user_model

    owner = await database_sync_to_async(UserFactory)(email="owner@example.com")
    taken = await asgi_request("POST", "/api/v1/auth/register", client="203.0.113.90",
                               body={"username": "newcomer1", "email": "OWNER@example.com", "password": PASSWORD})
    free = await asgi_request("POST", "/api/v1/auth/register", client="203.0.113.91",
                              body={"username": "newcomer2", "email": "fresh@example.com", "password": PASSWORD})
    (taken_status, _, taken_body), (free_status, _, free_body) = taken, free
    assert taken_status == free_status == 201
    assert set(taken_body) == set(free_body) and set(taken_body["user"]) == set(free_body["user"])
    assert taken_body["user"]["email"] == "OWNER@example.com" and free_body["user"]["email"] == "fresh@example.com"
    # the email says the rest: the owner is told; the taken address is not attached to the newcomer
    assert [m.to for m in mail.outbox] == [["OWNER@example.com"], ["fresh@example.com"]]
    assert "already belongs to an account" in mail.outbox[0].body
    newcomer = await database_sync_to_async(get_user_model().objects.get)(username="newcomer1")
    assert newcomer.email == "" and owner.email == "owner@example.com"
    # logging in by that email still reaches the owner only
    status, _, body = await asgi_request("POST", "/api/v1/auth/login", client="203.0.113.92",
                                         body={"username": "owner@example.com", "password": PASSWORD})
    assert status == 200 and body["user"]["username"] == owner.username


# --- the new account's own view, and PATCH /me, tell no more than registration ------------------
def _mailed_code(message) -> str:
    """The confirmation code in a mail (its own paragraph), or "" when the mail carries none."""
    codes = [part.strip() for part in message.body.split("\n\n") if ":" in part.strip() and " " not in part.strip()]
    return codes[0] if codes else ""


async def _register(username: str, email: str, client: str) -> str:
    status, _, body = await asgi_request("POST", "/api/v1/auth/register", client=client,
                                         body={"username": username, "email": email, "password": PASSWORD})
    assert status == 201, body
    return body["access"]


async def _me(token: str, method: str = "GET", body: dict | None = None) -> tuple[int, dict]:
    status, _, me = await asgi_request(method, "/api/v1/auth/me", body=body, client="203.0.113.99",
                                       headers={"Authorization": f"Bearer {token}"})
    return status, me


async def _login_by_email(email: str, client: str) -> tuple[int, dict]:
    status, _, body = await asgi_request("POST", "/api/v1/auth/login", client=client,
                                         body={"username": email, "password": PASSWORD})
    return status, body


async def test_me_after_signing_up_shows_the_given_address_whether_or_not_it_was_taken():
    from channels.db import database_sync_to_async

    owner = await database_sync_to_async(UserFactory)(email="owner2@example.com")
    taken_token = await _register("newcomer3", "Owner2@example.com", "203.0.113.93")
    free_token = await _register("newcomer4", "fresh4@example.com", "203.0.113.94")
    (_, taken_me), (_, free_me) = await _me(taken_token), await _me(free_token)
    assert (taken_me["email"], taken_me["email_confirmed"]) == ("Owner2@example.com", False)
    assert (free_me["email"], free_me["email_confirmed"]) == ("fresh4@example.com", False)
    # signing in by the given address answers alike too: neither is the account's address yet
    assert (await _login_by_email("fresh4@example.com", "203.0.113.95"))[0] == 401
    status, body = await _login_by_email("owner2@example.com", "203.0.113.96")
    assert status == 200 and body["user"]["username"] == owner.username
    # the mailboxes learn the rest: a code for the free address, a notice (no code) for the owner
    by_address = {m.to[0]: m for m in mail.outbox}
    assert _mailed_code(by_address["Owner2@example.com"]) == ""
    code = _mailed_code(by_address["fresh4@example.com"])
    status, _, confirmed = await asgi_request("POST", "/api/v1/auth/confirm-email", body={"token": code},
                                              client="203.0.113.97")
    assert status == 200 and (confirmed["email"], confirmed["email_confirmed"]) == ("fresh4@example.com", True)
    status, body = await _login_by_email("fresh4@example.com", "203.0.113.98")
    assert status == 200 and body["user"]["username"] == "newcomer4"
    # a code works once
    status, _, again = await asgi_request("POST", "/api/v1/auth/confirm-email", body={"token": code},
                                          client="203.0.113.97")
    assert status == 400 and again["error_code"] == "invalid_confirmation"


async def test_patching_me_with_another_accounts_email_does_not_say_it_is_taken():
    from channels.db import database_sync_to_async

    owner = await database_sync_to_async(UserFactory)(email="owner3@example.com")
    patcher = await database_sync_to_async(UserFactory)(email="patcher@example.com")
    status, _, body = await asgi_request("POST", "/api/v1/auth/login", client="203.0.113.100",
                                         body={"username": patcher.username, "password": PASSWORD})
    token = body["access"]
    answers = [await _me(token, "PATCH", {"email": address}) for address in ("OWNER3@example.com", "free5@example.com")]
    assert [status for status, _ in answers] == [200, 200]
    assert [(me["email"], me["email_confirmed"]) for _, me in answers] == [("OWNER3@example.com", False),
                                                                          ("free5@example.com", False)]
    assert set(answers[0][1]) == set(answers[1][1])
    # nothing moved: the owner keeps the address, the patcher still signs in with the confirmed one
    status, body = await _login_by_email("owner3@example.com", "203.0.113.101")
    assert status == 200 and body["user"]["username"] == owner.username
    status, body = await _login_by_email("patcher@example.com", "203.0.113.102")
    assert status == 200 and body["user"]["username"] == patcher.username
    assert [m.to[0] for m in mail.outbox] == ["OWNER3@example.com", "free5@example.com"]
    assert "already belongs to an account" in mail.outbox[0].body and _mailed_code(mail.outbox[0]) == ""
    # going back to the confirmed address cancels the pending change
    status, me = await _me(token, "PATCH", {"email": "patcher@example.com"})
    assert status == 200 and (me["email"], me["email_confirmed"]) == ("patcher@example.com", True)
    # an address confirmed by someone else meanwhile is not attached by an older code
    code = _mailed_code(mail.outbox[1])
    await _me(token, "PATCH", {"email": "free5@example.com"})
    await database_sync_to_async(UserFactory)(email="free5@example.com")
    status, _, refused = await asgi_request("POST", "/api/v1/auth/confirm-email", body={"token": code},
                                            client="203.0.113.103")
    assert status == 409 and refused["error_code"] == "email_taken"
