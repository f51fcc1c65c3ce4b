"""Self-exclusion and a stated age under 18 close the ChatBet account to real bets, whichever of our logins
bets with it: the key of a self-excluded user linked to a second registration (or left behind by unlinking it)
placed bets on the very account its owner had closed."""

from __future__ import annotations

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import Profile
from accounts.services import record_stated_minor
from betting.tests import factories
from betting.tests.factories import bets_sent
from sports.services.fixtures import find_fixtures

pytestmark = pytest.mark.django_db
sandbox = factories.sandbox
KEY = "demo-key-1"


def _signed_in(username: str, user_key: str | None = KEY) -> APIClient:
    api = APIClient()
    assert api.post("/api/v1/auth/register", {"username": username, "password": "s3cret-pass-123"},
                    format="json").status_code == 201
    body = {"username": username, "password": "s3cret-pass-123", **({"userKey": user_key} if user_key else {})}
    login = api.post("/api/v1/auth/login", body, format="json")
    assert login.status_code == 200, login.content
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {login.json()['access']}")
    return api


def _propose(api: APIClient):
    fixture_id = find_fixtures(team="Arsenal", limit=1)[0].id
    return api.post("/api/v1/bets/slips", {"fixture_id": fixture_id, "market": "1x2", "selection": "home",
                                           "stake": "10"}, format="json")


def _self_exclude(api: APIClient) -> None:
    excluded = api.patch("/api/v1/auth/me", {"self_excluded_until": "2027-06-01T00:00:00Z"}, format="json")
    assert excluded.status_code == 200, excluded.content


def test_a_second_login_linked_to_a_self_excluded_account_cannot_bet(sandbox):
    ana = _signed_in("ana")
    ana2 = _signed_in("ana2")
    waiting = _propose(ana2).json()  # proposed on the second login before the exclusion
    _self_exclude(ana)
    assert _propose(ana).json()["error_code"] == "self_excluded"

    second = _signed_in("ana3")
    refused = _propose(second)
    assert refused.status_code == 403 and refused.json()["error_code"] == "self_excluded"
    confirmed = ana2.post(f"/api/v1/bets/slips/{waiting['id']}/confirm", {}, format="json")
    assert confirmed.status_code == 403 and confirmed.json()["error_code"] == "self_excluded"
    assert confirmed.json()["details"]["slip"]["state"] == "refused"
    assert bets_sent() == 0


def test_a_self_excluded_user_cannot_unlink_or_swap_the_account_to_free_it(sandbox):
    ana = _signed_in("ana")
    _self_exclude(ana)
    for change in ({"user_key": ""}, {"user_key": None}, {"user_key": "another-key-9"}):
        locked = ana.patch("/api/v1/auth/me", change, format="json")
        assert locked.status_code == 400 and locked.json()["error_code"] == "betting_link_locked", change
    swapped = APIClient().post("/api/v1/auth/login", {"username": "ana", "password": "s3cret-pass-123",
                                                       "userKey": "another-key-9"}, format="json")
    assert swapped.status_code == 400 and swapped.json()["error_code"] == "betting_link_locked"
    assert ana.get("/api/v1/auth/me").json()["profile"]["chatbet_linked"] is True
    assert _propose(_signed_in("ana2")).json()["error_code"] == "self_excluded"


def test_an_account_whose_user_said_they_are_under_18_is_closed_on_every_login(sandbox):
    ana = _signed_in("ana")
    record_stated_minor(user_id=Profile.objects.get(user__username="ana").user_id, now=timezone.now())
    assert _propose(ana).json()["error_code"] == "minor"
    refused = _propose(_signed_in("ana2"))
    assert refused.status_code == 403 and refused.json()["error_code"] == "minor"


def test_every_login_sees_the_limit_and_exclusion_its_bets_meet(sandbox):
    """A second login's own profile had no limit and no exclusion while its bets were refused under the account's:
    GET /me names what its real bets meet (`account_*`) beside what this login set itself."""
    ana, ana2 = _signed_in("ana"), _signed_in("ana2")
    assert ana.patch("/api/v1/auth/me", {"daily_stake_limit": "30"}, format="json").status_code == 200
    assert ana2.patch("/api/v1/auth/me", {"daily_stake_limit": "80"}, format="json").status_code == 200
    second = ana2.get("/api/v1/auth/me").json()["profile"]
    assert second["daily_stake_limit"] == 80.0
    assert second["account_daily_stake_limit"] == 30.0
    assert second["account_self_excluded_until"] is None

    _self_exclude(ana)
    second = ana2.get("/api/v1/auth/me").json()["profile"]
    assert second["self_excluded_until"] is None
    assert second["account_self_excluded_until"] == "2027-06-01T00:00:00Z"
    assert _propose(ana2).json()["error_code"] == "self_excluded"


def test_a_login_with_no_link_sees_its_own_limit_as_the_account_s(sandbox):
    solo = _signed_in("solo", user_key=None)
    assert solo.get("/api/v1/auth/me").json()["profile"]["account_daily_stake_limit"] is None
    assert solo.patch("/api/v1/auth/me", {"daily_stake_limit": "25"}, format="json").status_code == 200
    profile = solo.get("/api/v1/auth/me").json()["profile"]
    assert profile["daily_stake_limit"] == profile["account_daily_stake_limit"] == 25.0


def test_a_login_that_unlinks_leaves_its_stakes_on_the_account_s_daily_total(sandbox):
    """The stakes count against the ChatBet account they were charged to: a login with no limit of its own could bet,
    unlink, and take its stakes out of the total the account's limit is checked against."""
    ana, ana2 = _signed_in("ana"), _signed_in("ana2")
    assert ana.patch("/api/v1/auth/me", {"daily_stake_limit": "30"}, format="json").status_code == 200
    slip = _propose(ana2).json()
    placed = ana2.post(f"/api/v1/bets/slips/{slip['id']}/confirm", {}, format="json")
    assert placed.status_code == 200 and placed.json()["state"] == "placed", placed.content
    assert ana2.patch("/api/v1/auth/me", {"user_key": ""}, format="json").status_code == 200  # no limit: may unlink

    offered = ana.post("/api/v1/bets/slips", {"fixture_id": slip["fixture_id"], "market": "1x2", "selection": "home",
                                              "stake": "25"}, format="json")
    assert offered.status_code == 409 and offered.json()["error_code"] == "daily_limit", offered.content
    assert bets_sent() == 1


def test_an_exclusion_that_has_ended_is_not_shown_as_the_account_s(sandbox):
    from datetime import timedelta

    _signed_in("ana")
    ana2 = _signed_in("ana2")
    Profile.objects.filter(user__username="ana").update(self_excluded_until=timezone.now() - timedelta(days=1))
    assert ana2.get("/api/v1/auth/me").json()["profile"]["account_self_excluded_until"] is None
    assert _propose(ana2).status_code == 201
