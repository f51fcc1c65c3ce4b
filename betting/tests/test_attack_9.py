"""Attack pass 9 on what moves money or guards it, through the REST API as a user would.

The daily stake limit guards the ChatBet account, like self-exclusion: a second registration linked to the same
key bet past the limit (its own profile had none) and its stakes were not counted against the first login's
limit, so a raise still in its cooling-off was in force at once by signing in twice."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from betting.tests import factories
from betting.tests.factories import bets_sent
from sports.services.fixtures import find_fixtures

pytestmark = pytest.mark.django_db
sandbox = factories.sandbox
KEY = "demo-key-1"


def _signed_in(username: str, user_key: str = KEY, *, register: bool = True) -> APIClient:
    api = APIClient()
    assert not register or api.post("/api/v1/auth/register", {"username": username, "password": "s3cret-pass-123"},
                                    format="json").status_code == 201
    login = api.post("/api/v1/auth/login", {"username": username, "password": "s3cret-pass-123",
                                            "userKey": user_key}, format="json")
    assert login.status_code == 200, login.content
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {login.json()['access']}")
    return api


def _propose(api: APIClient, stake: str, team: str = "Arsenal"):
    fixture_id = find_fixtures(team=team, limit=1)[0].id
    return api.post("/api/v1/bets/slips", {"fixture_id": fixture_id, "market": "1x2", "selection": "home",
                                           "stake": stake}, format="json")


def _limit(api: APIClient, value) -> dict:
    response = api.patch("/api/v1/auth/me", {"daily_stake_limit": value}, format="json")
    assert response.status_code == 200, response.content
    return response.json()["profile"]


@pytest.mark.stack
def test_a_second_login_to_the_same_account_cannot_bet_past_the_first_logins_daily_limit(sandbox):
    ana = _signed_in("ana")
    _limit(ana, 20)
    assert _limit(ana, 500)["daily_stake_limit_waiting"]["limit"] == 500  # the raise waits a day

    other = _signed_in("ana-again")  # same ChatBet key, a profile with no limit of its own
    refused = _propose(other, "50")
    assert refused.status_code == 409 and refused.json()["error_code"] == "daily_limit"
    assert bets_sent() == 0


@pytest.mark.stack
def test_stakes_placed_from_every_login_to_the_account_count_against_its_limit(sandbox):
    ana = _signed_in("ana")
    other = _signed_in("ana-again")
    shown = _propose(other, "15").json()  # shown before any limit
    _limit(ana, 20)
    placed = ana.post(f"/api/v1/bets/slips/{_propose(ana, '15').json()['id']}/confirm", {}, format="json")
    assert placed.status_code == 200 and placed.json()["state"] == "placed"

    refused = _propose(other, "10")
    assert refused.status_code == 409 and refused.json()["error_code"] == "daily_limit"
    late = other.post(f"/api/v1/bets/slips/{shown['id']}/confirm", {"language": "pt_br"}, format="json")
    assert late.status_code == 409 and late.json()["error_code"] == "daily_limit"
    assert "limite diário" in late.json()["message"]
    assert bets_sent() == 1
    assert _propose(other, "5").status_code == 201  # what is left of the account's limit stays playable


@pytest.mark.stack
def test_a_limit_on_another_account_does_not_touch_this_one(sandbox):
    _limit(_signed_in("ana"), 5)
    bruno = _signed_in("bruno", user_key="demo-key-2")
    assert _propose(bruno, "50").status_code == 201


@pytest.fixture
def slow_upstream_check(monkeypatch):
    """While `PATCH /me` checks a user key upstream (an HTTP call, seconds when ChatBet is slow), `during` runs: what
    another tab or an operator does meanwhile."""
    import accounts.services

    real, pending = accounts.services.validate_user, []

    def validate_user(*, user_key: str):
        while pending:
            pending.pop(0)()
        return real(user_key=user_key)

    monkeypatch.setattr(accounts.services, "validate_user", validate_user)
    return pending


@pytest.mark.stack
def test_a_self_exclusion_made_while_a_profile_update_is_in_flight_is_not_undone(sandbox, slow_upstream_check):
    ana = _signed_in("ana")
    other_tab = _signed_in("ana", register=False)  # a second sign-in of the same user
    slow_upstream_check.append(lambda: (
        other_tab.patch("/api/v1/auth/me", {"self_excluded_until": "2027-06-01T00:00:00Z"}, format="json")))
    updated = ana.patch("/api/v1/auth/me", {"user_key": KEY, "language": "es"}, format="json")
    assert updated.status_code == 200, updated.content
    assert updated.json()["profile"]["self_excluded_until"] is not None
    refused = _propose(ana, "5")
    assert refused.status_code == 403 and refused.json()["error_code"] == "self_excluded"


@pytest.mark.stack
def test_a_limit_cut_made_while_a_profile_update_is_in_flight_is_not_raised_back(sandbox, slow_upstream_check):
    ana = _signed_in("ana")
    _limit(ana, 100)
    other_tab = _signed_in("ana", register=False)  # a second sign-in of the same user
    slow_upstream_check.append(lambda: _limit(other_tab, 10))
    updated = ana.patch("/api/v1/auth/me", {"user_key": KEY, "risk_appetite": "high"}, format="json")
    assert updated.status_code == 200, updated.content
    assert updated.json()["profile"]["daily_stake_limit"] == 10
    refused = _propose(ana, "50")
    assert refused.status_code == 409 and refused.json()["error_code"] == "daily_limit"


@pytest.mark.stack
def test_a_login_under_a_daily_limit_cannot_unlink_the_account_to_free_a_second_login(sandbox):
    ana = _signed_in("ana")
    _limit(ana, 20)
    for change in ({"user_key": ""}, {"user_key": "another-key-9"}):
        locked = ana.patch("/api/v1/auth/me", change, format="json")
        assert locked.status_code == 400 and locked.json()["error_code"] == "betting_link_locked", change
        assert "daily stake limit" in locked.json()["message"]
    swapped = APIClient().post("/api/v1/auth/login", {"username": "ana", "password": "s3cret-pass-123",
                                                       "userKey": "another-key-9"}, format="json")
    assert swapped.status_code == 400 and swapped.json()["error_code"] == "betting_link_locked"
    refused = _propose(_signed_in("ana-again"), "50")  # the limit still binds the account
    assert refused.status_code == 409 and refused.json()["error_code"] == "daily_limit"


@pytest.mark.stack
def test_a_login_without_a_limit_in_force_may_still_unlink(sandbox):
    ana = _signed_in("ana")
    _limit(ana, 20)
    _limit(ana, None)  # the removal waits out its cooling-off
    assert ana.patch("/api/v1/auth/me", {"user_key": ""}, format="json").status_code == 400
    bruno = _signed_in("bruno", user_key="demo-key-2")
    unlinked = bruno.patch("/api/v1/auth/me", {"user_key": ""}, format="json")
    assert unlinked.status_code == 200 and unlinked.json()["profile"]["chatbet_linked"] is False
