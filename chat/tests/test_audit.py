"""The bet audit trail: every simulation and real-bet step is written once and can never change."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest
from django.contrib.admin.models import LogEntry
from django.db import connection

from accounts.tests.factories import UserFactory
from betting.models import BetAuditEntry, ImmutableRecord
from chat.engine.memory import ConversationMemory
from chat.engine.tool_registry import run_tool
from chat.tests import factories
from chat.tests.factories import identity_of, make_ctx
from sports.services.fixtures import find_fixtures

pytestmark = pytest.mark.django_db
sandbox = factories.sandbox
linked_user = factories.linked_user


def _entry(**fields) -> BetAuditEntry:
    defaults = {"kind": "simulation", "status": "simulated", "identity_key": "anon", "stake": Decimal("10"),
                "odds": Decimal("2.5")}
    return BetAuditEntry.objects.create(**{**defaults, **fields})


def test_a_simulation_is_recorded_with_the_odds_of_the_moment(sandbox):
    fixture = find_fixtures(team="Arsenal", limit=1)[0]
    ctx = make_ctx("what if I bet 50 on a draw")
    result = run_tool("simulate_bet", {"stake": 50, "fixture_id": fixture.id, "selection": "draw"}, ctx=ctx)
    entry = BetAuditEntry.objects.get()
    assert (entry.kind, entry.status, entry.identity_key) == ("simulation", "simulated", "anon")
    assert entry.stake == Decimal("50") and float(entry.odds) == result["odds"]
    assert (entry.fixture_id, entry.selection, entry.session_id) == (fixture.id, "draw", ctx.session_id)
    assert entry.request == {"stake": 50, "fixture_id": fixture.id, "selection": "draw"}
    assert entry.upstream["returns"] == result["returns"]


def test_a_refused_simulation_is_recorded_as_rejected(sandbox):
    run_tool("simulate_bet", {"stake": "lots", "odds": 2}, ctx=make_ctx("x"))
    entry = BetAuditEntry.objects.get()
    assert entry.status == "rejected" and entry.upstream["error"] == "invalid_argument"


@pytest.mark.stack
def test_a_simulation_entry_holds_every_column_the_models_own_create_would_store():
    """The simulation's one plain INSERT stores what `BetAuditEntry.objects.create` stores for the same
    values (defaults included); an entry the database cannot take is reported, not raised."""
    from betting.audit import record_simulation

    user = UserFactory()
    session = uuid.uuid4()
    arguments = {"stake": "12.5", "odds": 1.95, "fixture_id": "fx-9", "market": "1x2", "selection": "away",
                 "note": Decimal("0.10")}
    result = {"fixture": {"id": "fx-9", "home": "Arsenal", "away": "Chelsea"}, "stake": 12.5, "odds": 1.95,
              "returns": Decimal("24.38"), "legs": None}
    assert record_simulation(arguments=arguments, result=result, user_id=user.pk, identity_key=f"user:{user.pk}",
                             session_id=session) is True
    written = BetAuditEntry.objects.get()
    by_the_orm = _entry(user_id=user.pk, identity_key=f"user:{user.pk}", session_id=session, status="simulated",
                        fixture_id="fx-9", fixture_label="Arsenal vs Chelsea", market="1x2", selection="away",
                        stake=Decimal("12.5"), odds=Decimal("1.95"),
                        request={"stake": "12.5", "odds": 1.95, "fixture_id": "fx-9", "market": "1x2",
                                 "selection": "away", "note": "0.10"},
                        upstream={"fixture": {"id": "fx-9", "home": "Arsenal", "away": "Chelsea"}, "stake": 12.5,
                                  "odds": 1.95, "returns": "24.38", "legs": None})
    by_the_orm.refresh_from_db()
    columns = [f.attname for f in BetAuditEntry._meta.concrete_fields if f.attname not in ("id", "created_at")]
    assert {c: getattr(written, c) for c in columns} == {c: getattr(by_the_orm, c) for c in columns}
    assert written.created_at is not None and written.created_at.tzinfo is not None

    assert record_simulation(arguments={}, result={}, user_id=None, identity_key="anon",
                             session_id="not a conversation id") is False
    assert BetAuditEntry.objects.count() == 2


def test_a_real_bet_leaves_its_request_confirmation_and_upstream_answer(sandbox, linked_user):
    fixture = find_fixtures(team="Arsenal", limit=1)[0]
    args = {"fixture_id": fixture.id, "selection": "home", "stake": 10}
    first = make_ctx(f"bet 10 on {fixture.home.name} to win against {fixture.away.name}",
                     identity=identity_of(linked_user))
    assert run_tool("place_bet", args, ctx=first)["status"] == "confirmation_required"
    memory = ConversationMemory()
    memory.context["pending_bet"] = first.metadata["pending_bet"]
    placed = run_tool("place_bet", args, ctx=make_ctx("yes, confirm", identity=identity_of(linked_user),
                                                      memory=memory))
    assert placed["status"] == "placed"

    entries = list(BetAuditEntry.objects.order_by("created_at", "id"))
    assert [e.status for e in entries] == ["proposed", "confirmed", "placing", "placed"]
    assert {e.slip_id for e in entries} == {uuid.UUID(placed["bet"]["slip_id"])}
    assert [e.from_state for e in entries] == ["", "proposed", "confirmed", "placing"]
    shown, confirmed, done = entries[0], entries[1], entries[-1]
    assert (shown.kind, shown.user_id) == ("placement", linked_user.pk)
    assert (done.status, done.stake, done.currency) == ("placed", Decimal("10.00"), placed["bet"]["currency"])
    assert float(done.odds) == placed["bet"]["odds"]
    assert confirmed.confirmation == {"message": "yes, confirm", "explicit": True,
                                      "pending_bet": first.metadata["pending_bet"]}
    assert done.upstream["bet_id"] == placed["upstream_bet_id"]


def test_a_bet_refused_by_the_account_limits_is_recorded(sandbox, linked_user):
    profile = linked_user.profile
    profile.daily_stake_limit = Decimal("5")
    profile.save()
    fixture = find_fixtures(team="Arsenal", limit=1)[0]
    said = f"bet 10 on {fixture.home.name} to win against {fixture.away.name}"
    run_tool("place_bet", {"fixture_id": fixture.id, "selection": "home", "stake": 10},
             ctx=make_ctx(said, identity=identity_of(linked_user)))
    entry = BetAuditEntry.objects.get()
    assert (entry.status, entry.upstream["error"]) == ("rejected", "daily_limit")


def test_entries_refuse_updates_and_deletes_through_the_model():
    entry = _entry()
    entry.stake = Decimal("1000")
    with pytest.raises(ImmutableRecord):
        entry.save()
    with pytest.raises(ImmutableRecord):
        entry.delete()
    with pytest.raises(ImmutableRecord):
        BetAuditEntry.objects.filter(pk=entry.pk).update(stake=Decimal("1"))
    with pytest.raises(ImmutableRecord):
        BetAuditEntry.objects.all().delete()
    assert BetAuditEntry.objects.get().stake == Decimal("10")


def test_deleting_the_user_keeps_the_trail():
    user = UserFactory()
    user_id = user.pk
    _entry(user=user, identity_key=f"user:{user_id}")
    user.delete()
    assert BetAuditEntry.objects.get().user_id == user_id


@pytest.mark.stack
def test_postgresql_itself_refuses_to_rewrite_the_trail():
    if connection.vendor != "postgresql":
        pytest.skip("the append-only trigger exists on PostgreSQL only")
    from django.db import DatabaseError, transaction

    entry = _entry()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE chat_betauditentry SET stake = 1 WHERE id = %s", [entry.pk])
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM chat_betauditentry WHERE id = %s", [entry.pk])


def test_the_admin_shows_the_trail_read_only(admin_client):
    entry = _entry(fixture_label="Arsenal vs Chelsea")
    listing = admin_client.get("/admin/betting/betauditentry/")
    assert listing.status_code == 200 and "Arsenal vs Chelsea" in listing.content.decode()
    assert 'name="action"' not in listing.content.decode()  # no bulk delete
    page = admin_client.get(f"/admin/betting/betauditentry/{entry.pk}/change/")
    assert page.status_code == 200 and 'type="submit"' not in page.content.decode().split('id="content-main"')[1]
    assert admin_client.get("/admin/betting/betauditentry/add/").status_code == 403
    assert admin_client.post(f"/admin/betting/betauditentry/{entry.pk}/change/",
                             {"stake": "1000"}).status_code == 403
    assert admin_client.post(f"/admin/betting/betauditentry/{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert BetAuditEntry.objects.get().stake == Decimal("10")


def test_operator_changes_to_users_are_recorded_with_values_and_shown_read_only(admin_client):
    user = UserFactory(email="old@example.com")
    response = admin_client.get(f"/admin/accounts/user/{user.pk}/change/")
    form = response.context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and name != "password"}
    data.update({"username": user.username, "email": "new@example.com", "date_joined_0": "2026-01-01",
                 "date_joined_1": "00:00:00", "last_login_0": "", "last_login_1": ""})
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data.update({management.add_prefix(k): v for k, v in management.initial.items()})
        for sub in inline.formset.forms:
            data.update({sub.add_prefix(k): v for k, v in sub.initial.items()
                         if v is not None and not isinstance(v, list | dict)})
            data[sub.add_prefix(inline.formset.model._meta.pk.name)] = sub.instance.pk
            data[sub.add_prefix("daily_stake_limit")] = "250.00"
            data[sub.add_prefix("new_user_key")] = "super-secret-user-key"
    admin_client.post(f"/admin/accounts/user/{user.pk}/change/", data)
    user.refresh_from_db()
    assert user.email == "new@example.com" and user.profile.daily_stake_limit == Decimal("250.00")
    entry = LogEntry.objects.get(object_id=str(user.pk))
    assert entry.action_flag == 2 and "Email" in entry.get_change_message()
    assert '"email": ["old@example.com", "new@example.com"]' in entry.change_message
    assert '"daily_stake_limit": [null, "250.00"]' in entry.change_message
    assert '"new_user_key": ["***", "***"]' in entry.change_message
    assert "super-secret-user-key" not in entry.change_message

    listing = admin_client.get("/admin/admin/logentry/")
    body = listing.content.decode()
    assert listing.status_code == 200 and user.username in body
    assert "old@example.com" in body and "super-secret-user-key" not in body
    assert admin_client.post(f"/admin/admin/logentry/{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert LogEntry.objects.filter(pk=entry.pk).exists()
