"""A daily stake limit goes down at once and up only after a cooling-off (docs/betting.md): through the REST API a
user raises it, and the bet the raise would allow is refused until the wait is over."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from betting.tests import factories
from betting.tests.factories import link_user
from sports.services.fixtures import find_fixtures

pytestmark = pytest.mark.django_db
sandbox = factories.sandbox
linked_user = factories.linked_user
client = factories.client


def _propose(client, stake: str):
    fixture_id = find_fixtures(team="Arsenal", limit=1)[0].id
    return client.post("/api/v1/bets/slips", {"fixture_id": fixture_id, "market": "over_under", "selection": "over",
                                              "stake": stake}, format="json")


def _limit(client, value) -> dict:
    response = client.patch("/api/v1/auth/me", {"daily_stake_limit": value}, format="json")
    assert response.status_code == 200, response.content
    return response.json()["profile"]


def test_a_raised_limit_waits_a_day_and_the_bet_it_would_allow_is_refused_until_then(client, sandbox, linked_user,
                                                                                     settings):
    settings.DAILY_LIMIT_RAISE_COOLING_OFF_HOURS = 24
    link_user(linked_user, daily_stake_limit=Decimal("20"))
    asked_at = timezone.now()
    profile = _limit(client, 200)
    assert profile["daily_stake_limit"] == 20  # still the one in force
    waiting = profile["daily_stake_limit_waiting"]
    assert waiting["limit"] == 200
    assert parse_datetime(waiting["effective_at"]) - asked_at >= timedelta(hours=24)

    refused = _propose(client, "50")
    assert refused.status_code == 409 and refused.json()["error_code"] == "daily_limit"

    again = _limit(client, "200.00")  # asking the same raise again keeps its date
    assert again["daily_stake_limit_waiting"]["effective_at"] == waiting["effective_at"]

    with time_machine.travel(parse_datetime(waiting["effective_at"]) + timedelta(minutes=1)):
        me = client.get("/api/v1/auth/me").json()["profile"]
        assert (me["daily_stake_limit"], me["daily_stake_limit_waiting"]) == (200, None)
        assert _propose(client, "50").status_code == 201


def test_a_lowered_limit_applies_at_once_and_cancels_a_waiting_raise(client, sandbox, linked_user):
    link_user(linked_user, daily_stake_limit=Decimal("100"))
    assert _limit(client, 300)["daily_stake_limit_waiting"]["limit"] == 300
    profile = _limit(client, 15)
    assert (profile["daily_stake_limit"], profile["daily_stake_limit_waiting"]) == (15, None)
    refused = _propose(client, "20")
    assert refused.status_code == 409 and refused.json()["error_code"] == "daily_limit"
    with time_machine.travel(timezone.now() + timedelta(days=2)):  # the cancelled raise never comes back
        assert client.get("/api/v1/auth/me").json()["profile"]["daily_stake_limit"] == 15


def test_removing_the_limit_waits_like_a_raise_and_a_first_limit_applies_at_once(client, sandbox, linked_user):
    profile = _limit(client, 10)  # no limit before: a first one is a cut
    assert (profile["daily_stake_limit"], profile["daily_stake_limit_waiting"]) == (10, None)
    profile = _limit(client, None)
    assert profile["daily_stake_limit"] == 10 and profile["daily_stake_limit_waiting"]["limit"] is None
    assert _propose(client, "30").json()["error_code"] == "daily_limit"
    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        assert client.get("/api/v1/auth/me").json()["profile"]["daily_stake_limit"] is None
        assert _propose(client, "30").status_code == 201


def test_a_raise_still_waiting_does_not_count_when_a_shown_slip_is_confirmed(client, sandbox, linked_user):
    """The check under the lock at confirmation reads the limit in force, not the one asked for."""
    link_user(linked_user, daily_stake_limit=Decimal("40"))
    first, second = _propose(client, "30").json(), _propose(client, "30").json()  # each within 40 when shown
    _limit(client, 1000)
    assert client.post(f"/api/v1/bets/slips/{first['id']}/confirm", {}, format="json").json()["state"] == "placed"
    refused = client.post(f"/api/v1/bets/slips/{second['id']}/confirm", {"language": "es"}, format="json")
    assert refused.status_code == 409 and refused.json()["error_code"] == "daily_limit"
    assert "límite diario" in refused.json()["message"]
