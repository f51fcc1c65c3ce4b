"""Upgrading a live database to the current layout keeps every row.

Models that change app (the layout moves models between apps with `SeparateDatabaseAndState` or a
table rename) must not lose data. This test winds the test database back to the schema the
previous release ran (`PREVIOUS_SCHEMA`), fills it through that release's historical models,
migrates forward to the current leaf migrations and checks that every row is still there, with
its values, wherever its model lives now. A model merged into another names the merge here (`MERGED`): the
placement table became the slips (betting/migrations/0005), so each placement row must be found as a slip.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.apps import apps as current_apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# The last migration of each of our apps in the release before the layout change.
PREVIOUS_SCHEMA = {
    "accounts": "0002_profile",
    "chat": "0005_alter_betauditentry_status",
}
PROJECT_APPS = {"accounts", "sports", "betting", "chat", "insights"}
WHEN = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
# Models whose rows now live in another model: name -> (that model, old field -> new field, old status -> new).
MERGED = {
    "betplacement": ("betslip", {"user_id": "user_id", "conversation_id": "conversation_id", "fixture_id": "fixture_id",
                                 "fixture_label": "fixture_label", "market": "market", "selection": "selection",
                                 "bet_id": "bet_id", "odds": "placed_odds", "stake": "stake", "currency": "currency",
                                 "upstream_bet_id": "upstream_bet_id", "claim_key": "idempotency_key",
                                 "status": "state", "created_at": "confirmed_at"},
                     {"placed": "placed", "failed": "refused", "pending": "outcome_unknown"}),
}


def _targets(executor: MigrationExecutor, *, previous: bool) -> list[tuple[str, str | None]]:
    """Migration targets: the previous release's schema, or every app's leaf (the current schema).
    Apps of ours that did not exist in the previous release are unapplied entirely (target None)."""
    leaves = executor.loader.graph.leaf_nodes()
    if not previous:
        return leaves
    targets = []
    for app, name in leaves:
        if app in PREVIOUS_SCHEMA:
            targets.append((app, PREVIOUS_SCHEMA[app]))
        elif app in PROJECT_APPS:
            targets.append((app, None))
        else:
            targets.append((app, name))
    return targets


def _migrate(*, previous: bool):
    """Migrate the test database and return the historical apps of the state it is now in."""
    executor = MigrationExecutor(connection)
    targets = _targets(executor, previous=previous)
    executor.migrate(targets)
    executor = MigrationExecutor(connection)  # a fresh loader: it sees what was just applied
    applied = [(app, name) for app, name in _targets(executor, previous=previous) if name is not None]
    return executor.loader.project_state(applied).apps  # an app unapplied entirely (None) adds no state


def _fill(old) -> None:
    """One row of every model of ours in the previous schema, linked as production links them."""
    User = old.get_model("accounts", "User")
    Profile = old.get_model("accounts", "Profile")
    Conversation = old.get_model("chat", "Conversation")
    Message = old.get_model("chat", "Message")
    Feedback = old.get_model("chat", "Feedback")
    BetPlacement = old.get_model("chat", "BetPlacement")
    BetAuditEntry = old.get_model("chat", "BetAuditEntry")

    user = User.objects.create(username="ana", email="ana@example.com", password="!")
    Profile.objects.create(user=user, language="es", currency="EUR", daily_stake_limit=Decimal("50.00"),
                           created_at=WHEN, updated_at=WHEN)
    conversation = Conversation.objects.create(session_id=uuid.UUID(int=1), owner=user, title="Derby",
                                               language="es", created_at=WHEN, updated_at=WHEN)
    question = Message.objects.create(id=uuid.UUID(int=2), conversation=conversation, role="user",
                                      content="apuesta 10 al Real", created_at=WHEN, client_message_id="c-1")
    answer = Message.objects.create(id=uuid.UUID(int=3), conversation=conversation, role="assistant",
                                    content="¿Confirmas?", intent="place_bet", reply_to=question,
                                    experiments={"answer_length": "concise"}, created_at=WHEN)
    Feedback.objects.create(message=answer, rating="up", identity_key=f"user:{user.pk}", created_at=WHEN)
    BetPlacement.objects.create(user=user, conversation=conversation, fixture_id="f-1", fixture_label="Real v Barça",
                                market="1x2", selection="home", bet_id="b-1", odds=Decimal("2.100"),
                                stake=Decimal("10.00"), currency="EUR", status="placed", claim_key="k-1",
                                created_at=WHEN)
    BetAuditEntry.objects.create(kind="placement", status="placed", user_id=user.pk, identity_key=f"user:{user.pk}",
                                 session_id=conversation.session_id, fixture_id="f-1", stake=Decimal("10.00"),
                                 odds=Decimal("2.100"), currency="EUR", request={"stake": "10"}, created_at=WHEN)


def _label(state_apps, name: str) -> tuple[str, str]:
    """(app label, model name) of our model called `name` in that state."""
    [model] = [m for m in state_apps.get_models() if m._meta.model_name == name and m._meta.app_label in PROJECT_APPS]
    return model._meta.app_label, model._meta.model_name


def _snapshot(state_apps, columns: dict[str, list[str]] | None = None) -> dict[str, list[tuple]]:
    """Every row of every model of ours, keyed by model name (unique across our apps), as sorted value tuples.

    `columns` (model name -> field names) reads only the columns the previous schema had, so a column the
    upgrade adds does not count as a change of the rows that were there."""
    rows = {}
    for model in state_apps.get_models():
        if model._meta.app_label not in PROJECT_APPS or model._meta.proxy or not model._meta.managed:
            continue
        name = model._meta.model_name
        assert name not in rows, f"two apps define a model {name!r}: name the move explicitly in this test"
        fields = sorted(f.attname for f in model._meta.concrete_fields)
        if columns is not None and name in columns:
            fields = columns[name]
        rows[name] = sorted(tuple(str(v) for v in values) for values in model.objects.values_list(*fields))
    return rows


@pytest.mark.stack
@pytest.mark.django_db(transaction=True)
def test_upgrading_a_database_with_rows_from_the_previous_schema_keeps_every_row():
    try:
        old = _migrate(previous=True)
        _fill(old)
        before = _snapshot(old)
        old_columns = {m._meta.model_name: sorted(f.attname for f in m._meta.concrete_fields)
                       for m in old.get_models()}
        assert all(before[name] for name in ("user", "profile", "conversation", "message", "feedback",
                                             "betplacement", "betauditentry"))

        merged = {name: list(old.get_model(*_label(old, name)).objects.values(*fields))
                  for name, (_, fields, _) in MERGED.items()}

        new = _migrate(previous=False)
        after = _snapshot(new, old_columns)
        for name, (into, fields, statuses) in MERGED.items():
            target = new.get_model(*_label(new, into))
            for row in merged.pop(name):
                wanted = {fields[k]: statuses.get(v, v) if k == "status" else v for k, v in row.items()}
                assert target.objects.filter(**wanted).count() == 1, f"{name} row {row} is not one {into} now"
            before.pop(name)
        for name, rows in before.items():
            assert name in after, f"model {name!r} (and its rows) disappeared in the upgrade"
            assert after[name] == rows, f"rows of {name!r} changed in the upgrade"
        # The running code (current models, wherever they live now) reads the upgraded rows.
        for name in before:
            model = next(m for m in current_apps.get_models() if m._meta.model_name == name
                         and m._meta.app_label in PROJECT_APPS)
            assert model.objects.count() == len(before[name]), model
    finally:
        _migrate(previous=False)  # whatever happened, leave the database at the current schema
        ContentType.objects.clear_cache()
