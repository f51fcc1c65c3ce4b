"""Rate limits: shared-cache counters, 429 with Retry-After and the standard error body."""

import pytest

from accounts.ratelimit import consume_rate, parse_rate
from accounts.services import consume_chat_quota
from accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def rates(settings):
    def set_rates(**rates):
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK,
                                   "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
                                                              **rates}}
    return set_rates


def test_parse_rate():
    assert parse_rate("50/min") == (50, 60)
    assert parse_rate("3/s") == (3, 1)
    assert parse_rate("") is None and parse_rate(None) is None


@pytest.mark.stack
def test_login_lockout_per_username_and_ip(api_client, user, rates):
    rates(login="3/day")
    wrong = {"username": user.username, "password": "wrong-password"}
    for _ in range(3):
        assert api_client.post("/api/v1/auth/login", wrong, format="json").status_code == 401
    locked = api_client.post("/api/v1/auth/login", {**wrong, "password": PASSWORD}, format="json")
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) >= 1
    body = locked.json()
    assert body["error_code"] == "login_locked"
    assert "Too many login attempts" in body["message"] and "request_id" in body
    # another account from the same address, or the same account from elsewhere, is not locked
    other = api_client.post("/api/v1/auth/login", {"username": "someone-else", "password": "x"}, format="json")
    assert other.status_code == 401
    elsewhere = api_client.post("/api/v1/auth/login", {"username": user.username, "password": PASSWORD},
                                format="json", REMOTE_ADDR="10.2.3.4")
    assert elsewhere.status_code == 200


def test_login_lockout_counts_username_case_insensitively(api_client, user, rates):
    rates(login="2/day")
    for name in (user.username, user.username.upper()):
        api_client.post("/api/v1/auth/login", {"username": name, "password": "bad"}, format="json")
    response = api_client.post("/api/v1/auth/login", {"username": user.username.title(), "password": "bad"},
                               format="json")
    assert response.status_code == 429


@pytest.mark.stack
def test_anonymous_requests_are_limited_per_ip(api_client, rates):
    rates(anon="3/day")
    for _ in range(3):
        assert api_client.post("/api/v1/auth/generate_token").status_code == 200
    throttled = api_client.post("/api/v1/auth/generate_token")
    assert throttled.status_code == 429
    assert throttled.json()["error_code"] == "throttled" and int(throttled["Retry-After"]) >= 1
    assert api_client.post("/api/v1/auth/generate_token", REMOTE_ADDR="10.9.9.9").status_code == 200


def test_forwarded_for_is_ignored_without_trusted_proxies(api_client, rates):
    rates(anon="1/day")
    assert api_client.post("/api/v1/auth/generate_token", HTTP_X_FORWARDED_FOR="1.1.1.1").status_code == 200
    assert api_client.post("/api/v1/auth/generate_token", HTTP_X_FORWARDED_FOR="2.2.2.2").status_code == 429


def test_users_are_limited_per_user_not_by_the_anonymous_rate(auth_client, rates):
    rates(anon="1/min", user="2/day")
    assert auth_client.get("/api/v1/auth/me").status_code == 200
    assert auth_client.get("/api/v1/auth/me").status_code == 200
    assert auth_client.get("/api/v1/auth/me").status_code == 429


def test_empty_rate_disables_the_limit(api_client, rates):
    rates(anon="")
    for _ in range(5):
        assert api_client.post("/api/v1/auth/generate_token").status_code == 200


@pytest.mark.stack
def test_chat_quota_per_identity(rates):
    rates(chat="2/day")
    assert consume_chat_quota(identity_key="user:1") == (True, 0.0)
    assert consume_chat_quota(identity_key="user:1")[0]
    allowed, retry_after = consume_chat_quota(identity_key="user:1")
    assert not allowed and 0 < retry_after <= 86400
    assert consume_chat_quota(identity_key="guest:abc")[0]


def test_chat_throttle_class_shares_the_quota(rates, api_client):
    from rest_framework.permissions import AllowAny
    from rest_framework.test import APIRequestFactory
    from rest_framework.views import APIView

    from accounts.authentication import GuestToken
    from accounts.throttles import ChatThrottle

    rates(chat="1/day")
    token = GuestToken.for_guest("cafe" * 8)
    assert consume_chat_quota(identity_key="guest:" + "cafe" * 8)[0]  # e.g. a WebSocket message

    class Echo(APIView):
        permission_classes = [AllowAny]  # deny-by-default: a view says whom it allows
        throttle_classes = [ChatThrottle]

        def post(self, request):
            from rest_framework.response import Response

            return Response({"ok": True})

    request = APIRequestFactory().post("/x", {}, format="json", HTTP_AUTHORIZATION=f"Bearer {token}")
    response = Echo.as_view()(request)
    assert response.status_code == 429 and "Retry-After" in response


def test_fixed_window_counter_counts_exactly():
    results = [consume_rate(scope="t", ident="a", num_requests=5, duration=86400)[0] for _ in range(8)]
    assert results == [True] * 5 + [False] * 3
