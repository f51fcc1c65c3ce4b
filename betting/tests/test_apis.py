"""The betting REST API: propose, confirm once, cancel, list; guests never get a real slip."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from accounts.services import issue_guest_token
from accounts.tests.factories import UserFactory
from betting.models import BetSlip
from betting.tests import factories
from betting.tests.factories import USER_KEY, bets_sent
from sports.services.fixtures import find_fixtures

pytestmark = pytest.mark.django_db
sandbox = factories.sandbox
linked_user = factories.linked_user
client = factories.client


def _fixture_id() -> str:
    return find_fixtures(team="Arsenal", limit=1)[0].id


def _propose(client, **extra):
    return client.post("/api/v1/bets/slips", {"fixture_id": _fixture_id(), "market": "over_under",
                                              "selection": "over", "stake": "10", **extra}, format="json")


@pytest.mark.stack
def test_propose_confirm_once_and_list(client, sandbox, linked_user):
    before = sandbox.balance(upstream_user_id=linked_user.profile.upstream_user_id, user_key=USER_KEY).playable
    proposed = _propose(client)
    assert proposed.status_code == 201, proposed.content
    slip = proposed.json()
    assert (slip["state"], slip["market"], slip["selection"], slip["currency"]) == ("proposed", "over_under",
                                                                                   "over", "USD")
    assert slip["label"].startswith("Over") and slip["line"]
    assert client.get("/api/v1/bets").json() == []  # proposed is not a bet yet

    confirmed = client.post(f"/api/v1/bets/slips/{slip['id']}/confirm", {}, format="json")
    assert confirmed.status_code == 200 and confirmed.json()["state"] == "placed"
    again = client.post(f"/api/v1/bets/slips/{slip['id']}/confirm", {"language": "es"}, format="json")
    assert again.status_code == 409 and again.json()["error_code"] == "already_confirmed"
    assert "una sola vez" in again.json()["message"]
    assert client.post(f"/api/v1/bets/slips/{slip['id']}/cancel", {}, format="json").status_code == 409

    [bet] = client.get("/api/v1/bets").json()
    assert bet["id"] == slip["id"] and bet["upstream_bet_id"] and Decimal(bet["stake"]) == Decimal("10")
    assert [s["state"] for s in client.get("/api/v1/bets/slips?state=placed").json()] == ["placed"]
    after = sandbox.balance(upstream_user_id=linked_user.profile.upstream_user_id, user_key=USER_KEY).playable
    assert after == before - Decimal("10") and bets_sent() == 1


def test_cancel_and_refusals_in_the_users_language(client, sandbox, linked_user):
    slip = _propose(client).json()
    cancelled = client.post(f"/api/v1/bets/slips/{slip['id']}/cancel", {}, format="json")
    assert cancelled.status_code == 200 and cancelled.json()["state"] == "cancelled"
    confirm = client.post(f"/api/v1/bets/slips/{slip['id']}/confirm", {"language": "pt_br"}, format="json")
    assert confirm.status_code == 409 and "cancelada" in confirm.json()["message"]

    other_currency = _propose(client, currency="EUR", language="es")
    assert other_currency.status_code == 409 and other_currency.json()["error_code"] == "currency_mismatch"
    assert "USD" in other_currency.json()["message"] and "EUR" in other_currency.json()["message"]
    too_much = _propose(client, stake="5000")
    assert too_much.status_code == 409 and too_much.json()["error_code"] == "insufficient_balance"
    assert BetSlip.objects.count() == 1


def test_someone_elses_slip_is_404(client, sandbox):
    slip = _propose(client).json()
    intruder = APIClient()
    intruder.force_authenticate(factories.link_user(UserFactory(), user_key="intruder-key"))
    assert intruder.post(f"/api/v1/bets/slips/{slip['id']}/confirm", {}, format="json").status_code == 404
    assert intruder.post(f"/api/v1/bets/slips/{slip['id']}/cancel", {}, format="json").status_code == 404
    assert intruder.get("/api/v1/bets/slips").json() == []


def test_guests_and_anonymous_callers_never_get_a_real_slip(sandbox):
    anonymous = APIClient()
    assert anonymous.get("/api/v1/bets").status_code in (401, 403)
    assert _propose(anonymous).status_code in (401, 403)
    guest = APIClient()
    guest.credentials(HTTP_AUTHORIZATION=f"Bearer {issue_guest_token()}")
    assert _propose(guest).status_code == 403
    unlinked = APIClient()
    unlinked.force_authenticate(UserFactory())
    refused = _propose(unlinked)
    assert refused.status_code == 403 and refused.json()["error_code"] == "real_bets_need_account"
    assert not BetSlip.objects.exists()


def test_the_schema_documents_the_betting_api(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    for path in ("/api/v1/bets", "/api/v1/bets/slips", "/api/v1/bets/slips/{slip_id}/confirm",
                 "/api/v1/bets/slips/{slip_id}/cancel"):
        assert path in schema["paths"], path


@pytest.mark.parametrize(("provider", "settled", "listed"),
                         [("betting.tests.providers.LostReplyProvider", "placed", ["placed"]),
                          ("betting.tests.providers.LostRequestProvider", "refused", [])])
def test_my_bets_shows_a_lost_reply_as_outcome_unknown_until_the_reconciler_settles_it(settings, client, provider,
                                                                                       settled, listed):
    """GET /api/v1/bets is the local record: a bet whose reply was lost is listed as outcome_unknown (it may
    stand), and the reconciler, asking the upstream by the slip's key, settles it without re-sending it."""
    from betting import tasks
    from conftest import frozen_provider

    with frozen_provider(settings, provider):
        slip = _propose(client).json()
        lost = client.post(f"/api/v1/bets/slips/{slip['id']}/confirm", {}, format="json")
        assert lost.status_code == 502 and lost.json()["error_code"] == "bet_outcome_unknown"
        assert lost.json()["details"]["slip"]["state"] == "outcome_unknown"
        [bet] = client.get("/api/v1/bets").json()
        assert bet["id"] == slip["id"] and bet["state"] == "outcome_unknown"
        assert "can't tell whether your bet was placed" in bet["message"]

        BetSlip.objects.filter(pk=slip["id"]).update(updated_at=BetSlip.objects.get(pk=slip["id"]).updated_at
                                                     - tasks.STUCK_AFTER * 2)
        assert tasks.reconcile_outcomes() == {settled: 1}
        assert [b["state"] for b in client.get("/api/v1/bets").json()] == listed
        [kept] = client.get(f"/api/v1/bets/slips?state={settled}").json()
        assert kept["id"] == slip["id"]
        if settled == "placed":
            assert kept["upstream_bet_id"] and kept["message"].startswith("Placed: 10.00 USD")
        assert bets_sent() == 1, "never re-sent"


def test_a_line_asked_for_is_the_slips_line_or_a_refusal_naming_the_one_on_offer(client, sandbox):
    offered = _propose(client).json()["line"]
    wrong = _propose(client, line=float(offered) + 1, language="es")
    assert wrong.status_code == 409 and wrong.json()["error_code"] == "line_not_offered"
    assert wrong.json()["message"].startswith(f"La línea disponible para más/menos goles es {float(offered):g}, no ")
    right = _propose(client, line=float(offered))
    assert right.status_code == 201 and right.json()["line"] == offered


def test_an_accumulator_through_rest_is_one_slip_placed_once(client, sandbox, linked_user):
    before = sandbox.balance(upstream_user_id=linked_user.profile.upstream_user_id, user_key=USER_KEY).playable
    arsenal, madrid = _fixture_id(), find_fixtures(team="Real Madrid", limit=1)[0].id
    legs = [{"fixture_id": arsenal, "market": "1x2", "selection": "home"},
            {"fixture_id": madrid, "market": "btts", "selection": "yes"}]
    proposed = client.post("/api/v1/bets/slips", {"legs": legs, "stake": "10"}, format="json")
    assert proposed.status_code == 201, proposed.content
    slip = proposed.json()
    assert (slip["state"], slip["market"]) == ("proposed", "combo")
    assert [(leg["fixture_id"], leg["market"], leg["selection"]) for leg in slip["legs"]] == [
        (arsenal, "1x2", "home"), (madrid, "btts", "yes")]
    combined = Decimal(slip["legs"][0]["odds"]) * Decimal(slip["legs"][1]["odds"])
    assert Decimal(slip["odds"]) == combined.quantize(Decimal("0.01"))
    assert Decimal(slip["possible_win"]) == (Decimal("10") * Decimal(slip["odds"])).quantize(Decimal("0.01"))

    confirmed = client.post(f"/api/v1/bets/slips/{slip['id']}/confirm", {}, format="json")
    assert confirmed.status_code == 200 and confirmed.json()["state"] == "placed"
    again = client.post(f"/api/v1/bets/slips/{slip['id']}/confirm", {}, format="json")
    assert again.status_code == 409 and again.json()["error_code"] == "already_confirmed"
    [bet] = client.get("/api/v1/bets").json()
    assert bet["id"] == slip["id"] and len(bet["legs"]) == 2
    after = sandbox.balance(upstream_user_id=linked_user.profile.upstream_user_id, user_key=USER_KEY).playable
    assert after == before - Decimal("10")

    twice = client.post("/api/v1/bets/slips", {"legs": [legs[0], {**legs[0], "selection": "draw"}], "stake": "10",
                                               "language": "es"}, format="json")
    assert twice.status_code == 400 and twice.json()["error_code"] == "same_fixture_twice"
    assert "una sola selección por partido" in twice.json()["message"]
    both = client.post("/api/v1/bets/slips", {"legs": legs, "fixture_id": arsenal, "market": "1x2",
                                              "selection": "home", "stake": "10"}, format="json")
    assert both.status_code == 400
    neither = client.post("/api/v1/bets/slips", {"stake": "10"}, format="json")
    assert neither.status_code == 400
    assert BetSlip.objects.count() == 1


def test_the_schema_documents_slip_legs(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()["components"]["schemas"]
    assert schema["ProposeSlipRequest"]["properties"]["legs"]["items"]["$ref"].endswith("/LegInputRequest")
    assert schema["Slip"]["properties"]["legs"]["items"]["$ref"].endswith("/SlipLeg")


def test_each_leg_of_an_accumulator_keeps_the_line_asked_for(client, sandbox):
    """The `line` rule holds per leg: an accumulator whose over/under leg names another line than the one on
    offer is refused with the line on offer, and nothing is prepared; the right line makes the slip."""
    offered = _propose(client).json()["line"]
    arsenal, madrid = _fixture_id(), find_fixtures(team="Real Madrid", limit=1)[0].id
    legs = [{"fixture_id": arsenal, "market": "over_under", "selection": "over", "line": float(offered) + 1},
            {"fixture_id": madrid, "market": "btts", "selection": "yes"}]
    wrong = client.post("/api/v1/bets/slips", {"legs": legs, "stake": "10", "language": "pt_br"}, format="json")
    assert wrong.status_code == 409 and wrong.json()["error_code"] == "line_not_offered"
    assert BetSlip.objects.count() == 1, "nothing prepared"
    assert wrong.json()["message"].startswith(f"A linha disponível para mais/menos gols é {float(offered):g}, não ")
    legs[0]["line"] = float(offered)
    right = client.post("/api/v1/bets/slips", {"legs": legs, "stake": "10"}, format="json")
    assert right.status_code == 201, right.content
    assert [leg["line"] for leg in right.json()["legs"]] == [offered, ""]


def test_a_line_on_a_market_without_lines_is_refused_not_dropped(client, sandbox):
    """A client sending `line` with a match-result bet means some other bet: nothing is prepared, in its language."""
    refused = client.post("/api/v1/bets/slips", {"fixture_id": _fixture_id(), "market": "1x2", "selection": "home",
                                                 "stake": "10", "line": 2.5, "language": "es"}, format="json")
    assert refused.status_code == 400 and refused.json()["error_code"] == "line_not_applicable"
    assert "2.5" in refused.json()["message"] and "sin línea" in refused.json()["message"]
    in_a_leg = client.post("/api/v1/bets/slips", {"stake": "10", "legs": [
        {"fixture_id": _fixture_id(), "market": "btts", "selection": "yes", "line": 1.5}]}, format="json")
    assert in_a_leg.status_code == 400 and in_a_leg.json()["error_code"] == "line_not_applicable"
    assert not BetSlip.objects.exists()
    assert _propose(client, market="1x2", selection="home").status_code == 201  # without a line: prepared
