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
