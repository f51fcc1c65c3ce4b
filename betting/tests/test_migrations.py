"""Moving BetPlacement and BetAuditEntry from `chat` to `betting` keeps every row (on SQLite and PostgreSQL)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("chat", "0005_alter_betauditentry_status"), ("betting", None)]


def _current_user_model():
    """Users from today's model: migrating chat and betting back leaves accounts' tables at their latest
    schema, which the historical User of the target state (fewer columns) no longer matches."""
    from django.apps import apps

    return apps.get_model("accounts", "User")


@pytest.mark.stack
@pytest.mark.django_db(transaction=True)
def test_moving_the_bet_tables_to_betting_keeps_every_row():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state([BEFORE[0]]).apps
    user = _current_user_model().objects.create(username="punter", email="punter@example.com")
    conversation = old.get_model("chat", "Conversation").objects.create(owner_id=user.pk, title="bets")
    at = datetime(2026, 11, 20, 18, 30, tzinfo=UTC)
    placement = old.get_model("chat", "BetPlacement").objects.create(
        user_id=user.pk, conversation_id=conversation.pk, fixture_id="f1", fixture_label="Arsenal vs Chelsea",
        market="1x2", selection="home", bet_id="b1", odds=Decimal("1.850"), stake=Decimal("10.00"), currency="COP",
        possible_win=Decimal("18.50"), upstream_bet_id="SBX1", status="placed", claim_key="k1", created_at=at)
    audit = old.get_model("chat", "BetAuditEntry").objects.create(
        kind="placement", status="placed", user_id=user.pk, identity_key=f"user:{user.pk}",
        session_id=conversation.pk, fixture_id="f1", stake=Decimal("10.00"), odds=Decimal("1.850"),
        upstream={"bet_id": "SBX1"}, created_at=at)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    from django.apps import apps

    from betting.models import BetAuditEntry, BetPlacement, BetSlip

    conversations = apps.get_model("chat", "Conversation")  # by name: betting code never imports chat

    moved = BetPlacement.objects.get(pk=placement.pk)
    assert (moved.user_id, moved.conversation_id, moved.stake, moved.currency, moved.status, moved.claim_key,
            moved.upstream_bet_id, moved.created_at) == (user.pk, conversation.pk, Decimal("10.00"), "COP", "placed",
                                                         "k1", "SBX1", at)
    trail = BetAuditEntry.objects.get(pk=audit.pk)
    assert (trail.status, trail.session_id, trail.upstream, trail.slip_id) == ("placed", conversation.pk,
                                                                               {"bet_id": "SBX1"}, None)
    assert not BetSlip.objects.exists()
    # The bet no longer depends on the conversation row: deleting the chat keeps the money record.
    conversations.objects.filter(pk=conversation.pk).delete()
    assert BetPlacement.objects.get(pk=placement.pk).conversation_id == conversation.pk
    assert isinstance(conversation.pk, uuid.UUID)


@pytest.mark.django_db(transaction=True)
def test_slips_from_before_legs_get_their_legs_as_rows():
    """0003 moves the legs to rows: a single slip gets one leg made of its own fields; a JSON leg list (the
    field existed, unused, before) becomes one row per leg, keeping its order."""
    target = [("betting", "0002_betslip")]
    executor = MigrationExecutor(connection)
    executor.migrate(target)
    old = executor.loader.project_state(target).apps
    user = _current_user_model().objects.create(username="legs", email="legs@example.com")
    at = datetime(2026, 11, 20, 18, 30, tzinfo=UTC)
    slip_model = old.get_model("betting", "BetSlip")
    common = dict(user_id=user.pk, state="proposed", stake=Decimal("10.00"), currency="USD", expires_at=at,
                  created_at=at, updated_at=at)
    single = slip_model.objects.create(
        fixture_id="f1", fixture_label="Arsenal vs Chelsea", tournament_id="17", sport_id="1", start_time=at,
        market="over_under", selection="over", line="2.5", label="Over 2.5 goals", bet_id="b1",
        odds=Decimal("1.850"), possible_win=Decimal("18.50"), **common)
    listed = slip_model.objects.create(
        fixture_id="f2+f3", market="combo", selection="combo", bet_id="b2+b3", odds=Decimal("6.000"),
        possible_win=Decimal("60.00"), legs=[
            {"fixture_id": "f2", "market": "1x2", "selection": "home", "bet_id": "b2", "odds": "2.000"},
            {"fixture_id": "f3", "market": "btts", "selection": "yes", "bet_id": "b3", "odds": "3.000"}], **common)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    from betting.models import BetSlip

    [leg] = BetSlip.objects.get(pk=single.pk).legs.all()
    assert (leg.position, leg.fixture_id, leg.fixture_label, leg.market, leg.selection, leg.line, leg.label,
            leg.bet_id, leg.odds, leg.start_time) == (0, "f1", "Arsenal vs Chelsea", "over_under", "over", "2.5",
                                                      "Over 2.5 goals", "b1", Decimal("1.850"), at)
    assert [(leg.position, leg.fixture_id, leg.market, leg.selection, leg.odds)
            for leg in BetSlip.objects.get(pk=listed.pk).legs.all()] == [
        (0, "f2", "1x2", "home", Decimal("2.000")), (1, "f3", "btts", "yes", Decimal("3.000"))]

    # And back: 0002's JSON list holds an accumulator's legs again (a single needs none: it is its own leg).
    executor = MigrationExecutor(connection)
    executor.migrate(target)
    old = executor.loader.project_state(target).apps
    restored = old.get_model("betting", "BetSlip").objects
    assert [leg["fixture_id"] for leg in restored.get(pk=listed.pk).legs] == ["f2", "f3"]
    assert restored.get(pk=single.pk).legs == []
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert BetSlip.objects.get(pk=listed.pk).legs.count() == 2
