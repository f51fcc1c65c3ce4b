"""Break 2 for every form that hashes a password: the API login and the admin login share one bound
on concurrent password checks (refused at once beyond it, in the ASGI stack before Django) and one
set of attempt counters (per login and address, per address, per login)."""

from __future__ import annotations

import asyncio
import re
import threading
from unittest import mock
from urllib.parse import urlencode

import pytest
from channels.db import database_sync_to_async
from django.contrib.auth import authenticate

from accounts.tests.factories import PASSWORD, UserFactory

from .conftest import asgi_request

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def rates(settings):
    def set_rates(**rates: str) -> None:
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], **rates}}
    return set_rates


class HeldHash:
    """`authenticate` (or another password function) that stays in the password check until the test
    lets it finish: a hash that takes as long as the test wants, so "the others were refused
    meanwhile" is certain."""

    def __init__(self, real=authenticate):
        self.real, self.entered, self.release, self.calls = real, threading.Event(), threading.Event(), 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        self.entered.set()
        assert self.release.wait(30)
        return self.real(*args, **kwargs)


async def _wait_for(event: threading.Event) -> None:
    for _ in range(1000):
        if event.is_set():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the first login never reached the password check")


async def admin_form(client: str) -> tuple[str, str]:
    """(csrftoken cookie, form token) of the admin login page, as a browser gets them."""
    status, headers, body = await asgi_request("GET", "/admin/login/", client=client)
    assert status == 200
    cookie = re.search(r"csrftoken=([^;]+)", headers["set-cookie"]).group(1)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    return cookie, token


async def admin_login(*, username: str, password: str, client: str, form: tuple[str, str]):
    cookie, token = form
    body = urlencode({"csrfmiddlewaretoken": token, "username": username, "password": password,
                      "next": "/admin/"}).encode()
    return await asgi_request("POST", "/admin/login/", client=client, body=body, timeout=30,
                              headers={"Content-Type": "application/x-www-form-urlencoded",
                                       "Cookie": f"csrftoken={cookie}"})


async def _parallel_beyond_the_bound(send_login, hashing: HeldHash) -> tuple[int, list[tuple[int, dict, object]]]:
    """One login holds the only slot; five more arrive meanwhile. Returns (first's status, others)."""
    first = asyncio.ensure_future(send_login(0))
    await _wait_for(hashing.entered)
    try:
        # all answered while the first is still hashing: nobody queued behind it
        others = await asyncio.wait_for(asyncio.gather(*[send_login(n) for n in range(1, 6)]), timeout=20)
    finally:
        hashing.release.set()
    status, _, _ = await first
    return status, others


async def test_parallel_api_logins_beyond_the_bound_are_refused_at_once(settings):
    settings.PASSWORD_CHECK_CONCURRENCY = 1
    user = await database_sync_to_async(UserFactory)()
    hashing = HeldHash()

    def send_login(n: int):
        return asgi_request("POST", "/api/v1/auth/login", client=f"203.0.113.{100 + n}", timeout=30,
                            body={"username": user.username, "password": PASSWORD})

    from prometheus_client import REGISTRY

    refused_before = REGISTRY.get_sample_value("chatbet_password_checks_refused_total") or 0
    with mock.patch("accounts.services.authenticate", hashing):
        first, others = await _parallel_beyond_the_bound(send_login, hashing)
    assert first == 200
    assert [status for status, _, _ in others] == [429] * 5
    assert REGISTRY.get_sample_value("chatbet_password_checks_refused_total") - refused_before == 5  # on /metrics
    assert all(body["error_code"] == "login_busy" and headers["retry-after"] in {"1", "2", "3"}
               for _, headers, body in others)  # 1-3 s at random: polite clients come back spread out
    assert hashing.calls == 1  # the refused ones never reached the password check
    # the slot is free again as soon as the answer is out
    status, _, _ = await send_login(9)
    assert status == 200


async def test_parallel_registrations_beyond_the_bound_are_refused_at_once(settings):
    from django.contrib.auth.hashers import make_password

    settings.PASSWORD_CHECK_CONCURRENCY = 1
    hashing = HeldHash(make_password)

    def send_registration(n: int):
        return asgi_request("POST", "/api/v1/auth/register", client=f"203.0.113.{160 + n}", timeout=30,
                            body={"username": f"joiner{n}", "password": PASSWORD})

    with mock.patch("django.contrib.auth.base_user.make_password", hashing):
        first, others = await _parallel_beyond_the_bound(send_registration, hashing)
    assert first == 201
    assert [(status, body["error_code"]) for status, _, body in others] == [(429, "login_busy")] * 5
    assert hashing.calls == 1


async def test_a_busy_refusal_carries_the_cors_headers_a_browser_app_needs(settings):
    """Refused before Django, yet answered like Django's 429: a page on an allowed origin can read it."""
    settings.PASSWORD_CHECK_CONCURRENCY = 1
    settings.CORS_ALLOWED_ORIGINS = ["https://app.chatbet.example"]
    user = await database_sync_to_async(UserFactory)()
    hashing = HeldHash()

    def send_login(n: int):
        return asgi_request("POST", "/api/v1/auth/login", client=f"203.0.113.{150 + n}", timeout=30,
                            headers={"Origin": "https://app.chatbet.example"},
                            body={"username": user.username, "password": PASSWORD})

    with mock.patch("accounts.services.authenticate", hashing):
        first, others = await _parallel_beyond_the_bound(send_login, hashing)
    status, headers, body = others[0]
    assert first == 200 and status == 429 and body["error_code"] == "login_busy"
    assert headers["access-control-allow-origin"] == "https://app.chatbet.example"
    assert "retry-after" in headers["access-control-expose-headers"].lower()
    assert headers["x-request-id"] == body["request_id"]


async def test_parallel_admin_logins_beyond_the_bound_are_refused_at_once(settings):
    settings.PASSWORD_CHECK_CONCURRENCY = 1
    staff = await database_sync_to_async(UserFactory)(is_staff=True, is_superuser=True)
    forms = [await admin_form(f"203.0.113.{120 + n}") for n in range(6)]
    hashing = HeldHash()

    def send_login(n: int):
        return admin_login(username=staff.username, password=PASSWORD, client=f"203.0.113.{120 + n}", form=forms[n])

    with mock.patch("django.contrib.auth.forms.authenticate", hashing):
        first, others = await _parallel_beyond_the_bound(send_login, hashing)
    assert first == 302  # logged in, sent on to the admin
    assert [status for status, _, _ in others] == [429] * 5
    assert all(int(headers["retry-after"]) >= 1 and b"try again" in body.lower() for _, headers, body in others)
    assert hashing.calls == 1


def test_admin_logins_outside_asgi_take_a_slot_too(client, settings):
    """gunicorn's WSGI workers (and Django's test client) have no ASGI gate: the admin view itself
    takes the slot, like the API login's service does."""
    from accounts.passwords import password_check_slot

    settings.PASSWORD_CHECK_CONCURRENCY = 1
    staff = UserFactory(is_staff=True, is_superuser=True)
    taken, done = threading.Event(), threading.Event()

    def another_sign_in() -> None:  # in its own thread and context, as another request would be
        with password_check_slot():
            taken.set()
            done.wait(30)

    elsewhere = threading.Thread(target=another_sign_in)
    elsewhere.start()
    try:
        assert taken.wait(30)
        busy = client.post("/admin/login/", {"username": staff.username, "password": PASSWORD})
    finally:
        done.set()
        elsewhere.join()
    assert busy.status_code == 429 and busy["Retry-After"] in {"1", "2", "3"}
    assert client.post("/admin/login/", {"username": staff.username, "password": PASSWORD}).status_code == 302


async def test_wrong_admin_passwords_on_one_account_are_limited_from_any_address(rates):
    rates(login="100/min", login_ip="100/min", login_user="3/hour")
    staff = await database_sync_to_async(UserFactory)(is_staff=True, is_superuser=True)
    with mock.patch("django.contrib.auth.forms.authenticate", wraps=authenticate) as hashed:
        codes = []
        for n in range(5):
            client = f"198.51.100.{40 + n}"
            status, _, _ = await admin_login(username=staff.username, password="guess", client=client,
                                             form=await admin_form(client))
            codes.append(status)
        assert codes == [200, 200, 200, 429, 429]  # the form again with its error, then refused
        assert hashed.call_count == 3
        # the right password is refused too: the account is locked for now, not the password guessed
        status, _, _ = await admin_login(username=staff.username, password=PASSWORD, client="198.51.100.60",
                                         form=await admin_form("198.51.100.60"))
        assert status == 429 and hashed.call_count == 3


async def test_admin_and_api_attempts_from_one_address_share_one_count(rates):
    rates(login="100/min", login_ip="4/min", login_user="100/hour")
    client = "203.0.113.140"
    form = await admin_form(client)
    codes = []
    for n in range(3):
        status, _, _ = await admin_login(username=f"nobody{n}", password="x", client=client, form=form)
        codes.append(status)
        status, _, _ = await asgi_request("POST", "/api/v1/auth/login", client=client,
                                          body={"username": f"someone{n}", "password": "x"})
        codes.append(status)
    assert codes == [200, 401, 200, 401, 429, 429]


def test_busy_refusals_spread_their_retry_after_so_polite_clients_do_not_return_as_one_burst():
    """A hundred clients told "1" come back in the same instant, every second (bench/login_flood.py: chat
    p95 2.9-3.3x idle); told 1, 2 or 3 at random they come back spread out (0.9-1.6x)."""
    from accounts.passwords import PasswordChecksBusy

    assert {PasswordChecksBusy().retry_after for _ in range(60)} == {1.0, 2.0, 3.0}
