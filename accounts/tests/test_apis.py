"""The /api/v1/auth/ endpoints, through the real URL conf, authentication and throttles."""

import pytest
from django.test import Client
from rest_framework_simplejwt.tokens import AccessToken

from accounts.authentication import GuestToken
from accounts.models import Profile
from accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_register_creates_user_and_profile_and_returns_working_tokens(api_client):
    response = api_client.post("/api/v1/auth/register", {"username": "ana", "email": "ana@example.com",
                                                         "password": PASSWORD, "language": "es"}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["user"]["username"] == "ana"
    assert body["user"]["profile"]["language"] == "es"
    assert body["user"]["profile"]["chatbet_linked"] is False
    assert Profile.objects.filter(user__username="ana").exists()
    me = api_client.get("/api/v1/auth/me", HTTP_AUTHORIZATION=f"Bearer {body['access']}")
    assert me.status_code == 200 and me.json()["email"] == "ana@example.com"


@pytest.mark.parametrize("password", ["short", "password123", "12345678901", "anauser99"])
def test_register_rejects_weak_passwords_naming_the_field(api_client, password):
    response = api_client.post("/api/v1/auth/register", {"username": "anauser99", "password": password},
                               format="json")
    assert response.status_code == 400
    assert response.json()["error_code"] == "weak_password"
    assert response.json()["message"].startswith("password:")


def test_register_rejects_a_taken_username(api_client, user):
    # (a taken email is not revealed: tests/security/test_settings_and_accounts.py)
    taken = api_client.post("/api/v1/auth/register", {"username": user.username.upper(), "password": PASSWORD},
                            format="json")
    assert taken.status_code == 400 and taken.json()["error_code"] == "username_taken"


def test_register_missing_fields_is_400_naming_them(api_client):
    response = api_client.post("/api/v1/auth/register", {}, format="json")
    assert response.status_code == 400
    assert "username" in response.json()["message"] and "password" in response.json()["message"]


def test_password_is_hashed_not_stored(api_client):
    api_client.post("/api/v1/auth/register", {"username": "bob", "password": PASSWORD}, format="json")
    from django.contrib.auth import get_user_model

    stored = get_user_model().objects.get(username="bob").password
    assert PASSWORD not in stored and "$" in stored


@pytest.mark.stack
@pytest.mark.parametrize("field", ["username", "email"])
def test_login_with_username_or_email(api_client, user, field):
    response = api_client.post("/api/v1/auth/login", {"username": getattr(user, field), "password": PASSWORD},
                               format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["token"] == body["access"] and body["token_type"] == "Bearer"
    assert body["expires_in"] == 3600
    assert AccessToken(body["access"])["user_id"] == str(user.pk)
    assert body["user"]["id"] == user.pk


def test_login_accepts_email_field_alias(api_client, user):
    response = api_client.post("/api/v1/auth/login", {"email": user.email, "password": PASSWORD}, format="json")
    assert response.status_code == 200


def test_login_wrong_password_is_401(api_client, user):
    response = api_client.post("/api/v1/auth/login", {"username": user.username, "password": "nope-nope"},
                               format="json")
    assert response.status_code == 401
    assert response.json()["error_code"] == "invalid_credentials"


def test_login_inactive_user_is_401(api_client):
    user = UserFactory(is_active=False)
    response = api_client.post("/api/v1/auth/login", {"username": user.username, "password": PASSWORD},
                               format="json")
    assert response.status_code == 401


def test_login_without_username_is_400(api_client):
    response = api_client.post("/api/v1/auth/login", {"password": PASSWORD}, format="json")
    assert response.status_code == 400 and response.json()["message"].startswith("username:")


def test_login_ignores_a_stale_authorization_header(api_client, user):
    api_client.credentials(HTTP_AUTHORIZATION="Bearer not-a-token")
    response = api_client.post("/api/v1/auth/login", {"username": user.username, "password": PASSWORD},
                               format="json")
    assert response.status_code == 200


@pytest.mark.stack
def test_refresh_rotates_and_the_old_refresh_token_stops_working(api_client, tokens):
    first = api_client.post("/api/v1/auth/refresh", {"refresh": tokens["refresh"]}, format="json")
    assert first.status_code == 200, first.json()
    assert first.json()["refresh"] != tokens["refresh"]
    assert AccessToken(first.json()["access"])
    again = api_client.post("/api/v1/auth/refresh", {"refresh": tokens["refresh"]}, format="json")
    assert again.status_code == 401
    assert again.json()["error_code"] == "token_not_valid"


@pytest.mark.parametrize("change", ["deactivate", "delete"])
def test_refresh_for_a_deactivated_or_deleted_user_is_401(api_client, user, tokens, change):
    if change == "delete":
        user.delete()
    else:
        user.is_active = False
        user.save()
    response = api_client.post("/api/v1/auth/refresh", {"refresh": tokens["refresh"]}, format="json")
    assert response.status_code == 401
    assert response.json()["error_code"] == "token_not_valid"


def test_refresh_rejects_an_access_token(api_client, tokens):
    response = api_client.post("/api/v1/auth/refresh", {"refresh": tokens["access"]}, format="json")
    assert response.status_code == 401


@pytest.mark.stack
def test_logout_blacklists_the_refresh_token(api_client, tokens):
    response = api_client.post("/api/v1/auth/logout", {"refresh": tokens["refresh"]}, format="json")
    assert response.status_code == 204
    refresh = api_client.post("/api/v1/auth/refresh", {"refresh": tokens["refresh"]}, format="json")
    assert refresh.status_code == 401
    twice = api_client.post("/api/v1/auth/logout", {"refresh": tokens["refresh"]}, format="json")
    assert twice.status_code == 401


def test_logout_with_garbage_is_401_and_without_field_400(api_client):
    assert api_client.post("/api/v1/auth/logout", {"refresh": "garbage"}, format="json").status_code == 401
    assert api_client.post("/api/v1/auth/logout", {}, format="json").status_code == 400


def test_me_requires_a_token(api_client):
    response = api_client.get("/api/v1/auth/me")
    assert response.status_code == 401
    assert response.json()["error_code"] == "not_authenticated"


def test_me_refuses_guests_with_403(api_client):
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {GuestToken.for_guest()}")
    response = api_client.get("/api/v1/auth/me")
    assert response.status_code == 403
    assert response.json()["error_code"] == "guest_not_allowed"


def test_me_patch_updates_preferences(auth_client, user):
    response = auth_client.patch("/api/v1/auth/me", {
        "language": "pt_br", "favourite_teams": ["Flamengo", " Flamengo", "Santos"], "default_stake": "12.50",
        "currency": "brl", "risk_appetite": "low", "preferred_markets": ["btts", "1x2", "btts"],
        "daily_stake_limit": 100, "first_name": "Ana",
    }, format="json")
    assert response.status_code == 200, response.json()
    profile = response.json()["profile"]
    assert profile["language"] == "pt_br"
    assert profile["favourite_teams"] == ["Flamengo", "Santos"]
    assert profile["default_stake"] == 12.5 and profile["currency"] == "BRL"
    assert profile["preferred_markets"] == ["btts", "1x2"]
    assert profile["daily_stake_limit"] == 100
    assert response.json()["first_name"] == "Ana"
    user.profile.refresh_from_db()
    assert user.profile.risk_appetite == "low"


@pytest.mark.parametrize("payload, field", [
    ({"language": "fr"}, "language"),
    ({"risk_appetite": "yolo"}, "risk_appetite"),
    ({"preferred_markets": ["corners"]}, "preferred_markets"),
    ({"default_stake": -5}, "default_stake"),
    ({"currency": "EURO"}, "currency"),
    ({"self_excluded_until": "2001-01-01T00:00:00Z"}, "self_excluded_until"),
    ({"favourite_teams": "Arsenal"}, "favourite_teams"),
])
def test_me_patch_rejects_bad_values_naming_the_field(auth_client, payload, field):
    response = auth_client.patch("/api/v1/auth/me", payload, format="json")
    assert response.status_code == 400
    assert response.json()["message"].startswith(f"{field}:")


def test_self_exclusion_can_be_extended_but_not_shortened_or_lifted(auth_client):
    first = auth_client.patch("/api/v1/auth/me", {"self_excluded_until": "2099-01-01T00:00:00Z"}, format="json")
    assert first.status_code == 200
    longer = auth_client.patch("/api/v1/auth/me", {"self_excluded_until": "2099-06-01T00:00:00Z"}, format="json")
    assert longer.status_code == 200
    shorter = auth_client.patch("/api/v1/auth/me", {"self_excluded_until": "2098-01-01T00:00:00Z"}, format="json")
    assert shorter.status_code == 400 and shorter.json()["error_code"] == "self_exclusion_locked"
    lifted = auth_client.patch("/api/v1/auth/me", {"self_excluded_until": None}, format="json")
    assert lifted.status_code == 400
    assert auth_client.get("/api/v1/auth/me").json()["profile"]["self_excluded_until"].startswith("2099-06-01")


def test_me_creates_a_missing_profile(api_client):
    from django.contrib.auth import get_user_model

    from accounts.services import issue_tokens

    admin = get_user_model().objects.create_superuser("operator", "op@example.com", PASSWORD)
    access, _ = issue_tokens(user=admin)
    response = api_client.get("/api/v1/auth/me", HTTP_AUTHORIZATION=f"Bearer {access}")
    assert response.status_code == 200 and response.json()["profile"]["language"] == "en"


# --- guest tokens ------------------------------------------------------------------------------
@pytest.mark.stack
@pytest.mark.parametrize("kwargs", [
    {},                                                      # no body, no content type
    {"content_type": "application/json"},                    # empty body, JSON content type
    {"data": "{}", "content_type": "application/json"},      # {}
    {"data": "", "content_type": "text/plain"},              # odd clients
])
def test_generate_token_accepts_empty_bodies(kwargs):
    response = Client().post("/api/v1/auth/generate_token", **kwargs)
    assert response.status_code == 200, response.content
    body = response.json()
    assert list(body) == ["token"]
    token = GuestToken(body["token"])
    assert token["guest"] is True and len(token["sub"]) == 32
    assert "user_id" not in token.payload


def test_guest_token_lives_as_configured(settings, api_client):
    from datetime import timedelta

    settings.GUEST_TOKEN_LIFETIME = timedelta(minutes=5)
    token = GuestToken(api_client.post("/api/v1/auth/generate_token").json()["token"])
    assert 0 < token["exp"] - token["iat"] <= 300


def test_each_guest_token_is_a_new_guest(api_client):
    first = GuestToken(api_client.post("/api/v1/auth/generate_token").json()["token"])
    second = GuestToken(api_client.post("/api/v1/auth/generate_token").json()["token"])
    assert first["sub"] != second["sub"]


def test_generate_token_ignores_a_stale_authorization_header(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Bearer expired.or.bad")
    assert api_client.post("/api/v1/auth/generate_token").status_code == 200


def test_guest_token_is_not_a_refresh_token(api_client):
    guest = api_client.post("/api/v1/auth/generate_token").json()["token"]
    assert api_client.post("/api/v1/auth/refresh", {"refresh": guest}, format="json").status_code == 401


def test_balance_anonymous_401_guest_403(api_client):
    assert api_client.get("/api/v1/auth/balance").status_code == 401
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {GuestToken.for_guest()}")
    response = api_client.get("/api/v1/auth/balance")
    assert response.status_code == 403
    assert response.json()["error_code"] == "guest_not_allowed"
    assert "balance" in response.json()["message"]


def test_balance_without_linked_account_is_409(auth_client):
    response = auth_client.get("/api/v1/auth/balance")
    assert response.status_code == 409
    assert response.json()["error_code"] == "no_chatbet_account"
    assert "userKey" in response.json()["message"]


def test_claim_guest_requires_a_user(api_client):
    guest = str(GuestToken.for_guest())
    assert api_client.post("/api/v1/auth/claim-guest", {"guest_token": guest}, format="json").status_code == 401
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {guest}")
    assert api_client.post("/api/v1/auth/claim-guest", {"guest_token": guest}, format="json").status_code == 403


def test_claim_guest_rejects_a_user_token_as_guest_token(auth_client, tokens):
    response = auth_client.post("/api/v1/auth/claim-guest", {"guest_token": tokens["access"]}, format="json")
    assert response.status_code == 400
    assert response.json()["message"].startswith("guest_token:")


def test_schema_documents_every_auth_endpoint(api_client):
    response = api_client.get("/api/schema/?format=json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in ("register", "login", "refresh", "logout", "me", "generate_token", "claim-guest", "balance"):
        assert f"/api/v1/auth/{path}" in paths
