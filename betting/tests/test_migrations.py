"""The betting tables' history keeps every bet (on SQLite and PostgreSQL): BetPlacement and BetAuditEntry moving from
`chat` to `betting`, a slip's legs becoming rows, and the placement rows merging into the slips (0004-0006)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
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

    from betting.models import BetAuditEntry, BetSlip

    conversations = apps.get_model("chat", "Conversation")  # by name: betting code never imports chat

    moved = BetSlip.objects.get()  # the placement, now the bet's slip (0005)
    assert (moved.user_id, moved.conversation_id, moved.stake, moved.currency, moved.state, moved.idempotency_key,
            moved.upstream_bet_id, moved.created_at) == (user.pk, conversation.pk, Decimal("10.00"), "COP", "placed",
                                                         "k1", "SBX1", at)
    assert placement.pk and moved.possible_win == Decimal("18.50") and moved.proposed_by == "legacy"
    trail = BetAuditEntry.objects.get(pk=audit.pk)
    assert (trail.status, trail.session_id, trail.upstream, trail.slip_id) == ("placed", conversation.pk,
                                                                               {"bet_id": "SBX1"}, None)
    # The bet no longer depends on the conversation row: deleting the chat keeps the money record.
    conversations.objects.filter(pk=conversation.pk).delete()
    assert BetSlip.objects.get(pk=moved.pk).conversation_id == conversation.pk
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


BEFORE_MERGE = [("betting", "0004_slip_placed_odds")]  # the last state with a placement table


def _placement_rows(apps, user, at):
    """Rows of each kind at 0004: placements without a slip (placed, failed, pending with and without a claim key)
    and slips with their placement (placed at better odds than shown; outcome unknown)."""
    placements = apps.get_model("betting", "BetPlacement").objects
    slips = apps.get_model("betting", "BetSlip").objects
    bet = dict(user_id=user.pk, fixture_id="f1", fixture_label="Arsenal vs Chelsea", market="1x2", selection="home",
               bet_id="b1", odds=Decimal("2.000"), currency="USD", created_at=at)
    legacy = {
        "placed": placements.create(**bet, stake=Decimal("10.00"), possible_win=Decimal("20.00"),
                                    upstream_bet_id="SBX7", status="placed", claim_key="a" * 32),
        "failed": placements.create(**bet, stake=Decimal("5.00"), possible_win=Decimal("10.00"), status="failed",
                                    claim_key="b" * 32),
        "pending": placements.create(**bet, stake=Decimal("3.00"), possible_win=Decimal("6.00"), status="pending",
                                     claim_key="c" * 32, conversation_id=uuid.UUID(int=7)),
        "old": placements.create(**bet, stake=Decimal("1.00"), status="placed"),  # before the claim: no key, no win
    }
    other = {**bet, "fixture_id": "f2", "selection": "away", "bet_id": "b2", "stake": Decimal("10.00")}
    del other["odds"]
    slip = dict(user_id=user.pk, fixture_id="f2", market="1x2", selection="away", bet_id="b2", odds=Decimal("1.850"),
                stake=Decimal("10.00"), currency="USD", expires_at=at, created_at=at, updated_at=at, confirmed_at=at)
    placed = slips.create(**slip, state="placed", possible_win=Decimal("19.50"), upstream_bet_id="SBX8",
                          idempotency_key="d" * 32, decided_at=at, placement=placements.create(
                              **other, odds=Decimal("1.950"), possible_win=Decimal("19.50"), upstream_bet_id="SBX8",
                              status="placed", claim_key="d" * 32))
    unknown = slips.create(**slip, state="outcome_unknown", possible_win=Decimal("18.50"), idempotency_key="e" * 32,
                           reason_code="bet_outcome_unknown", placement=placements.create(
                               **other, odds=Decimal("1.900"), possible_win=Decimal("19.00"), status="pending",
                               claim_key="e" * 32))
    return legacy, placed, unknown


@pytest.mark.stack
@pytest.mark.django_db(transaction=True)
def test_placements_become_slips_and_the_placement_table_goes():
    """0005: a placement without a slip becomes a slip in the matching final state with one leg; a placement with a
    slip leaves on it what only the placement held (the odds it was sent at, the open bet's potential return); the
    daily limit, "my bets" and the reconciler read the slips as they read the placements. And back again."""
    from accounts.services import profile_get_or_create

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_MERGE)
    old = executor.loader.project_state(BEFORE_MERGE).apps
    user = _current_user_model().objects.create(username="merge", email="merge@example.com")
    profile = profile_get_or_create(user=user)
    profile.language = "es"
    profile.save()
    at = datetime(2026, 11, 20, 18, 30, tzinfo=UTC)
    legacy, placed, unknown = _placement_rows(old, user, at)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert "chat_betplacement" not in connection.introspection.table_names()

    from betting import selectors
    from betting.models import LEGACY_UNKNOWN, BetSlip
    from betting.services import slips

    made = {kind: BetSlip.objects.get(idempotency_key=p.claim_key) for kind, p in legacy.items() if p.claim_key}
    [made["old"]] = BetSlip.objects.filter(proposed_by="legacy", stake=Decimal("1.00"))
    assert BetSlip.objects.count() == 6 and BetSlip.objects.filter(proposed_by="legacy").count() == 4
    assert {kind: (s.state, s.reason_code) for kind, s in made.items()} == {
        "placed": ("placed", ""), "failed": ("refused", "legacy_refused"),
        "pending": ("outcome_unknown", LEGACY_UNKNOWN), "old": ("placed", "")}
    for kind, slip in made.items():
        source = legacy[kind]
        assert (slip.user_id, slip.conversation_id, slip.fixture_id, slip.fixture_label, slip.market, slip.selection,
                slip.bet_id, slip.odds, slip.placed_odds, slip.stake, slip.currency, slip.upstream_bet_id) == (
            user.pk, source.conversation_id, "f1", "Arsenal vs Chelsea", "1x2", "home", "b1", Decimal("2.000"),
            Decimal("2.000"), source.stake, "USD", source.upstream_bet_id)
        assert slip.possible_win == (source.possible_win or source.stake * 2) and slip.language == "es"
        assert slip.created_at == slip.confirmed_at == slip.expires_at == at
        assert slip.decided_at == (None if kind == "pending" else at)
        [leg] = slip.legs.all()
        assert (leg.position, leg.fixture_id, leg.fixture_label, leg.market, leg.selection, leg.bet_id, leg.odds) == (
            0, "f1", "Arsenal vs Chelsea", "1x2", "home", "b1", Decimal("2.000"))
    assert len(made["old"].idempotency_key) == 32  # a fresh key for a placement that had none

    placed, unknown = BetSlip.objects.get(pk=placed.pk), BetSlip.objects.get(pk=unknown.pk)
    assert (placed.state, placed.odds, placed.placed_odds, placed.possible_win, placed.upstream_bet_id) == (
        "placed", Decimal("1.850"), Decimal("1.950"), Decimal("19.50"), "SBX8")
    assert (unknown.state, unknown.placed_odds, unknown.possible_win) == (
        "outcome_unknown", Decimal("1.900"), Decimal("19.00"))

    # The daily limit counts what the placements counted (placed and pending, not failed) ...
    assert selectors.staked_since(user_id=user.pk, since=at) == Decimal("10") + 3 + 1 + 10 + 10
    # ... "my bets" lists the bets that reached the bookmaker, the legacy ones too ...
    assert {s.pk for s in selectors.list_bets(user_id=user.pk)} == {
        made["placed"].pk, made["pending"].pk, made["old"].pk, placed.pk, unknown.pk}
    # ... and the reconciler asks about the unknown bet sent with its key, never about the legacy one (sent
    # without a key, a "not found" would wrongly refuse a bet that may stand).
    assert selectors.slips_to_reconcile(older_than=at + timedelta(days=1)) == [unknown.pk]
    assert slips.reconcile_slip(slip_id=made["pending"].pk) == "outcome_unknown"

    # And back: every bet that reached the upstream has its placement again, the legacy slips are placements again.
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_MERGE)
    old = executor.loader.project_state(BEFORE_MERGE).apps
    placements = old.get_model("betting", "BetPlacement").objects
    restored = old.get_model("betting", "BetSlip").objects
    assert restored.count() == 2 and placements.count() == 6
    assert sorted(placements.values_list("status", "stake", "odds")) == sorted(
        [(p.status, p.stake, p.odds) for p in legacy.values()]
        + [("placed", Decimal("10.00"), Decimal("1.950")), ("pending", Decimal("10.00"), Decimal("1.900"))])
    assert restored.get(pk=placed.pk).placement.claim_key == "d" * 32
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert BetSlip.objects.count() == 6
