"""Account services against the sandbox ChatBet provider (the default SPORTS_PROVIDER)."""

import logging
from decimal import Decimal

import pytest

from accounts import services
from accounts.identity import ANONYMOUS, Identity
from accounts.selectors import get_betting_link
from accounts.tests.factories import PASSWORD, UserFactory
from chatbet_project.errors import ChatBetError

pytestmark = pytest.mark.django_db

USER_KEY = "sandbox-user-key-7f3a9c"


def test_link_validates_upstream_and_stores_the_upstream_id(user):
    services.link_betting_account(user=user, user_key=USER_KEY)
    link = get_betting_link(user_id=user.pk)
    assert link is not None and link.user_key == USER_KEY and link.upstream_user_id.isdigit()
    assert USER_KEY not in repr(link)


def test_link_rejects_an_invalid_key(user):
    with pytest.raises(services.InvalidUserKey) as caught:
        services.link_betting_account(user=user, user_key="invalid-key-000")
    assert str(caught.value).startswith("userKey:")
    assert get_betting_link(user_id=user.pk) is None


def test_unlinked_user_has_no_betting_link(user):
    assert get_betting_link(user_id=user.pk) is None


@pytest.mark.stack
def test_login_with_user_key_links_the_account(api_client, user):
    response = api_client.post("/api/v1/auth/login", {"username": user.username, "password": PASSWORD,
                                                      "userKey": USER_KEY}, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["chatbet_linked"] is True
    assert USER_KEY not in response.content.decode()
    assert body["user"]["profile"]["user_key_masked"] == "••••" + USER_KEY[-4:]


def test_login_with_invalid_user_key_is_400(api_client, user):
    response = api_client.post("/api/v1/auth/login", {"username": user.username, "password": PASSWORD,
                                                      "userKey": "invalid-123"}, format="json")
    assert response.status_code == 400
    assert response.json()["error_code"] == "invalid_user_key"


@pytest.mark.stack
def test_balance_of_a_linked_account(auth_client):
    linked = auth_client.patch("/api/v1/auth/me", {"user_key": USER_KEY}, format="json")
    assert linked.status_code == 200 and linked.json()["profile"]["chatbet_linked"] is True
    assert USER_KEY not in linked.content.decode()
    response = auth_client.get("/api/v1/auth/balance")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert set(body) == {"money", "playable", "withdrawable", "bonus", "redeemed_bonus", "currency"}
    assert body["money"] >= body["withdrawable"] >= 0


def test_balance_is_cached_for_the_configured_ttl(user):
    from django.core.cache import cache

    from sports import cache as sports_cache

    services.link_betting_account(user=user, user_key=USER_KEY)
    identity = Identity(user_id=user.pk, guest_id=None)
    first = services.get_balance(identity=identity)
    upstream_id = get_betting_link(user_id=user.pk).upstream_user_id
    cache.set(sports_cache.sandbox_wallet_key(upstream_id), {"money": 1.0, "playableBalance": 1.0,
                                                             "withdrawableBalance": 1.0, "bonusBalance": 0.0,
                                                             "redeemedBonus": 0.0})
    assert services.get_balance(identity=identity) == first  # upstream changed, the cached figure stays


def test_unlinking_with_an_empty_key(auth_client, user):
    services.link_betting_account(user=user, user_key=USER_KEY)
    response = auth_client.patch("/api/v1/auth/me", {"user_key": ""}, format="json")
    assert response.json()["profile"]["chatbet_linked"] is False
    assert auth_client.get("/api/v1/auth/balance").status_code == 409


def test_balance_rules_by_identity():
    with pytest.raises(services.GuestNotAllowed):
        services.get_balance(identity=Identity(user_id=None, guest_id="g1"))
    with pytest.raises(services.NotAuthenticated):
        services.get_balance(identity=ANONYMOUS)


def test_user_create_validates_the_password_against_the_username():
    with pytest.raises(ChatBetError) as caught:
        services.user_create(username="marianela", password="marianela1")
    assert caught.value.code == "weak_password"


def test_betting_link_carries_preferences(user):
    services.link_betting_account(user=user, user_key=USER_KEY)
    services.profile_update(user=user, data={"default_stake": Decimal("5.00"), "daily_stake_limit": Decimal("50"),
                                             "risk_appetite": "low", "favourite_teams": ["Arsenal"]})
    link = get_betting_link(user_id=user.pk)
    assert (link.default_stake, link.daily_stake_limit, link.risk_appetite, link.favourite_teams) == (
        Decimal("5.00"), Decimal("50"), "low", ["Arsenal"])
    assert not link.is_self_excluded


# --- nothing secret in the logs ----------------------------------------------------------------
@pytest.mark.stack
def test_no_token_password_or_user_key_in_logs(api_client, caplog):
    caplog.set_level(logging.DEBUG)
    UserFactory(username="logcheck")
    registered = api_client.post("/api/v1/auth/register", {"username": "newbie", "password": PASSWORD},
                                 format="json").json()
    login = api_client.post("/api/v1/auth/login", {"username": "logcheck", "password": PASSWORD,
                                                   "userKey": USER_KEY}, format="json").json()
    api_client.post("/api/v1/auth/login", {"username": "logcheck", "password": "wrong-" + PASSWORD}, format="json")
    api_client.post("/api/v1/auth/refresh", {"refresh": login["refresh"]}, format="json")
    api_client.post("/api/v1/auth/logout", {"refresh": registered["refresh"]}, format="json")
    guest = api_client.post("/api/v1/auth/generate_token").json()["token"]
    api_client.get("/api/v1/auth/balance", HTTP_AUTHORIZATION=f"Bearer {login['access']}")
    secrets = [PASSWORD, USER_KEY, guest, login["access"], login["refresh"], registered["access"],
               registered["refresh"]]
    assert caplog.records, "the flows above should log something"
    for record in caplog.records:
        text = record.getMessage() + " " + " ".join(str(v) for v in record.__dict__.values())
        for secret in secrets:
            assert secret not in text, f"secret leaked in log record {record.name}: {record.msg}"
