"""Account services against the sandbox ChatBet provider (the default SPORTS_PROVIDER)."""

import logging
from decimal import Decimal

import pytest

from accounts import services
from accounts.identity import ANONYMOUS, Identity
from accounts.selectors import get_betting_link
from accounts.tests.factories import PASSWORD, UserFactory
from chatbet_project.errors import ChatBetError
from sports.providers.sandbox import SandboxProvider

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


# --- linking: the upstream check ---------------------------------------------------------------------


class TransactionObservingProvider(SandboxProvider):
    """The sandbox, noting whether a database transaction was open while the key was checked."""

    in_transaction: list[bool] = []

    def validate_user(self, *, user_key: str) -> str | None:
        from django.db import connection

        TransactionObservingProvider.in_transaction.append(connection.in_atomic_block)
        return super().validate_user(user_key=user_key)


@pytest.fixture
def observing_provider(settings):
    from sports.providers import get_provider

    settings.SPORTS_PROVIDER = f"{__name__}.TransactionObservingProvider"
    settings.SANDBOX_LATENCY_MS = 0
    get_provider.cache_clear()
    TransactionObservingProvider.in_transaction = []
    yield
    get_provider.cache_clear()


@pytest.mark.django_db(transaction=True)
def test_profile_update_checks_the_key_upstream_outside_the_transaction(observing_provider):
    user = UserFactory()
    services.profile_update(user=user, data={"first_name": "Ana", "user_key": USER_KEY})
    assert TransactionObservingProvider.in_transaction == [False]  # no locks held during the HTTP call
    assert get_betting_link(user_id=user.pk).user_key == USER_KEY
    user.refresh_from_db()
    assert user.first_name == "Ana"


@pytest.mark.parametrize("user_id", ["9" * 65, 12345])
def test_an_unusable_upstream_user_id_is_a_clear_error_not_a_500(user, settings, fake_upstream, user_id):
    import json

    from sports.providers import get_provider

    settings.SPORTS_PROVIDER = "sports.providers.http.ChatBetHTTPProvider"
    settings.CHATBET_API_BASE_URL = fake_upstream.url
    get_provider.cache_clear()
    fake_upstream.inject("/auth/validate_user", body=json.dumps({"status": True, "userId": user_id}))
    try:
        if isinstance(user_id, int):  # a number is an id the provider turns into its text
            services.link_betting_account(user=user, user_key=USER_KEY)
            assert get_betting_link(user_id=user.pk).upstream_user_id == "12345"
            return
        with pytest.raises(services.UnusableUpstreamUserId) as caught:
            services.link_betting_account(user=user, user_key=USER_KEY)
        assert caught.value.status == 502 and "not linked" in str(caught.value)
        assert get_betting_link(user_id=user.pk) is None
    finally:
        get_provider.cache_clear()
