"""A slip is in the ChatBet account's currency, whatever the profile says: the bookmaker charges the stake in its
own currency. A profile set to COP on a USD account showed and confirmed "500.00 COP" and was charged 500 USD."""

from __future__ import annotations

from decimal import Decimal
from unittest import mock

import pytest

from betting.tests import factories
from betting.tests.factories import bets_sent
from chatbet_project.errors import UpstreamUnavailable
from sports.services.fixtures import find_fixtures

pytestmark = pytest.mark.django_db
sandbox = factories.sandbox
linked_user = factories.linked_user
client = factories.client


def _propose(client, stake="500"):
    fixture_id = find_fixtures(team="Arsenal", limit=1)[0].id
    return client.post("/api/v1/bets/slips", {"fixture_id": fixture_id, "market": "1x2", "selection": "away",
                                              "stake": stake, "language": "es"}, format="json")


def test_a_profile_in_another_currency_gets_no_slip_in_it(client):
    assert client.patch("/api/v1/auth/me", {"currency": "COP"}, format="json").status_code == 200
    refused = _propose(client)
    assert refused.status_code == 409 and refused.json()["error_code"] == "currency_mismatch"
    assert "USD" in refused.json()["message"] and "COP" in refused.json()["message"]  # in Spanish, naming both
    assert client.get("/api/v1/auth/balance").json()["playable"] == 1000.0 and bets_sent() == 0
    again = _propose(client, stake="5")  # the profile now follows the account
    assert again.status_code == 201 and again.json()["currency"] == "USD"


def test_a_slip_shown_in_another_currency_is_refused_at_confirmation(client):
    assert client.patch("/api/v1/auth/me", {"currency": "COP"}, format="json").status_code == 200
    with mock.patch("betting.services.limits.get_balance", side_effect=UpstreamUnavailable()):
        slip = _propose(client).json()  # the account could not be read: shown as the profile says
    assert slip["currency"] == "COP"
    confirmed = client.post(f"/api/v1/bets/slips/{slip['id']}/confirm", {}, format="json")
    assert confirmed.status_code == 409 and confirmed.json()["error_code"] == "currency_mismatch"
    assert confirmed.json()["details"]["slip"]["state"] == "refused"
    assert bets_sent() == 0 and client.get("/api/v1/auth/balance").json()["playable"] == float(Decimal("1000"))
