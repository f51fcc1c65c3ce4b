"""A confirmed bet reaches the upstream at most once, within the user's own daily limit, and a bet the
upstream accepted is always reported as placed."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.db import OperationalError, connection, connections
from django.utils import timezone

from betting.errors import BettingRefusal
from betting.models import BetAuditEntry, BetSlip
from betting.services import limits
from chat.engine.memory import ConversationMemory
from chat.engine.tool_registry import run_tool
from chat.tests import factories
from chat.tests.factories import USER_KEY, Chat, RestChat, bets_sent, identity_of, link_user, make_ctx
from sports.services.fixtures import find_fixtures

sandbox = factories.sandbox
linked_user = factories.linked_user


def _money_of(provider, user) -> Decimal:
    user.profile.refresh_from_db()
    return Decimal(str(provider.balance(upstream_user_id=user.profile.upstream_user_id, user_key=USER_KEY).money))


def _bet(user, *, stake: Decimal, state: str, at: datetime) -> BetSlip:
    """A slip of the user's confirmed at `at` and now in `state` (another bet of the same day)."""
    return BetSlip.objects.create(user=user, state=state, fixture_id="f1", market="1x2", selection="home", bet_id="b",
                                  odds=Decimal("2"), stake=stake, currency="USD", possible_win=stake * 2,
                                  created_at=at, confirmed_at=at, expires_at=at, updated_at=at)


def _shown_bet(user, *, stake: int = 10) -> tuple[dict, ConversationMemory]:
    """A bet proposed to the user, and the memory a next turn loads (the bet pending in it)."""
    fixture = find_fixtures(team="Arsenal", limit=1)[0]
    args = {"fixture_id": fixture.id, "selection": "home" if fixture.home.name == "Arsenal" else "away",
            "stake": stake}
    first = make_ctx(f"bet {stake} on Arsenal to win", identity=identity_of(user))
    assert run_tool("place_bet", args, ctx=first)["status"] == "confirmation_required"
    memory = ConversationMemory()
    memory.context["pending_bet"] = first.metadata["pending_bet"]
    return args, memory


@pytest.mark.stack
@pytest.mark.django_db
def test_a_second_confirmation_of_the_same_shown_bet_places_nothing(sandbox, linked_user):
    # "yes" then "confirm" quickly: the second turn loaded the memory before the first saved its answer.
    before = _money_of(sandbox, linked_user)
    args, memory = _shown_bet(linked_user)
    first = run_tool("place_bet", args, ctx=make_ctx("yes, place it", identity=identity_of(linked_user),
                                                      memory=memory))
    second = run_tool("place_bet", args, ctx=make_ctx("confirm", identity=identity_of(linked_user),
                                                       memory=memory))
    assert first["status"] == "placed"
    assert second["error"] == "already_confirmed" and "only once" in second["message"]
    assert _money_of(sandbox, linked_user) == before - Decimal("10")
    assert BetSlip.objects.get().state == BetSlip.State.PLACED and bets_sent() == 1
    statuses = list(BetAuditEntry.objects.filter(kind=BetAuditEntry.Kind.PLACEMENT).values_list("status", flat=True))
    assert BetAuditEntry.Status.PLACED in statuses and BetAuditEntry.Status.REJECTED in statuses


@pytest.mark.stack
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_confirmations_place_the_bet_once(sandbox, linked_user):
    before = _money_of(sandbox, linked_user)
    args, memory = _shown_bet(linked_user)
    start = threading.Barrier(2)
    results: list[dict] = []

    def confirm(text: str) -> None:
        try:
            ctx = make_ctx(text, identity=identity_of(linked_user), memory=memory.copy())
            start.wait(timeout=10)
            results.append(run_tool("place_bet", args, ctx=ctx))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=confirm, args=(text,)) for text in ("yes, place it", "confirm")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert len(results) == 2
    assert [r.get("status") for r in results].count("placed") == 1
    assert _money_of(sandbox, linked_user) == before - Decimal("10")
    assert bets_sent() == 1 and BetSlip.objects.filter(state=BetSlip.State.PLACED).count() == 1
    if connection.vendor == "postgresql":  # SQLite's in-memory test database refuses the loser outright
        assert any(r.get("error") == "already_confirmed" for r in results)


@pytest.mark.stack
@pytest.mark.django_db
def test_a_bet_the_upstream_accepted_is_reported_placed_even_if_recording_it_fails(sandbox, linked_user):
    before = _money_of(sandbox, linked_user)
    chat = Chat(identity=identity_of(linked_user))
    assert "confirm" in chat.say("bet 10 on Arsenal to win").text.lower()

    def refuse_to_record_placed(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith("UPDATE") and "betting_betslip" in sql \
                and BetSlip.State.PLACED in (params or ()):
            raise OperationalError("database is locked")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse_to_record_placed):
        answer = chat.say("yes, place it")
    assert _money_of(sandbox, linked_user) == before - Decimal("10")
    assert "is placed" in answer.text and "try again" not in answer.text.lower()
    assert answer.tool_calls[-1]["name"] == "place_bet"
    # The slip stays placing, so the bet still counts against the daily limit (and the reconciler settles it).
    assert BetSlip.objects.get().state == BetSlip.State.PLACING
    from betting.selectors import staked_since

    assert staked_since(user_id=linked_user.pk, since=datetime(2000, 1, 1, tzinfo=UTC)) == Decimal("10")


@pytest.mark.stack
@pytest.mark.django_db
def test_the_daily_limit_counts_the_last_24_hours(linked_user, fixed_clock):
    link_user(linked_user, daily_stake_limit=Decimal("25"))
    from accounts.selectors import get_betting_link

    link = get_betting_link(user_id=linked_user.pk)
    check = {"user_id": link.user_id, "limit": link.daily_stake_limit, "currency": link.currency,
             "amount": Decimal("10")}
    _bet(linked_user, stake=Decimal("20"), state=BetSlip.State.PLACED, at=fixed_clock - timedelta(hours=23))
    with pytest.raises(BettingRefusal) as refused:  # 20 + 10 over 25, though the 20 was "yesterday" in any zone
        limits.check_daily_limit(**check, now=fixed_clock)
    assert refused.value.code == "daily_limit" and "last 24 hours: 20" in str(refused.value)
    limits.check_daily_limit(**check, now=fixed_clock + timedelta(hours=1, seconds=1))  # the 20 has left the window


@pytest.mark.stack
@pytest.mark.django_db
def test_naming_another_time_zone_does_not_reset_the_daily_limit(sandbox):
    """Each message names its own time zone: a limit counted from midnight in that zone reset whenever asked."""
    chat = RestChat()
    link_user(chat.user, daily_stake_limit=Decimal("10"))
    before = _money_of(sandbox, chat.user)
    assert "confirm" in chat.say("bet 10 on Arsenal to win")["message"].lower()
    assert "placed" in chat.say("yes, place it")["message"]
    for zone in ("Asia/Tokyo", "Pacific/Kiritimati", "America/Bogota"):  # midnight just passed somewhere
        response = chat.client.post("/api/v1/chat/message", {
            "message": "bet 10 on Arsenal to win", "session_id": chat.session, "metadata": {"timezone": zone}},
            format="json")
        assert response.status_code == 200, response.content
        assert "daily stake limit of 10" in response.json()["message"], zone
    assert _money_of(sandbox, chat.user) == before - Decimal("10")
    assert BetSlip.objects.filter(user=chat.user).count() == 1


@pytest.mark.stack
@pytest.mark.django_db
def test_the_limit_counts_bets_still_in_flight_and_is_rechecked_when_confirmed(sandbox, linked_user):
    args, memory = _shown_bet(linked_user, stake=20)
    # Between showing and confirming, another bet of 10 was confirmed and is still waiting for the upstream.
    _bet(linked_user, stake=Decimal("10"), state=BetSlip.State.PLACING, at=timezone.now())
    link_user(linked_user, daily_stake_limit=Decimal("25"))
    before = _money_of(sandbox, linked_user)
    result = run_tool("place_bet", args, ctx=make_ctx("confirm", identity=identity_of(linked_user), memory=memory))
    assert result["error"] == "daily_limit"
    assert _money_of(sandbox, linked_user) == before
    assert bets_sent() == 0  # refused under the lock, before the upstream
    assert BetSlip.objects.filter(state=BetSlip.State.REFUSED, reason_code="daily_limit").count() == 1


@pytest.mark.stack
@pytest.mark.django_db(transaction=True)
async def test_two_confirmation_turns_at_once_place_one_bet(sandbox):
    # "yes" over REST and "confirm" over the socket, in flight together in the same conversation.
    import asyncio

    from asgiref.sync import sync_to_async

    from accounts.tests.factories import UserFactory
    from chat.services.turns import stream_reply

    async def turn(session_id, identity, content):
        return [event async for event in stream_reply(session_id=session_id, identity=identity,
                                                      content=content)][-1].result

    if connection.vendor != "postgresql":
        pytest.skip("two whole turns at once need a database with concurrent writers (the stack pass); "
                    "SQLite's shared in-memory test database fails one with 'table is locked'")
    user = await sync_to_async(lambda: link_user(UserFactory()))()
    me = identity_of(user)
    before = await sync_to_async(_money_of)(sandbox, user)
    ask = await turn(None, me, "place a bet of 10 on Arsenal to win")
    assert "yes, place it" in ask.content
    answers = await asyncio.gather(turn(ask.session_id, me, "yes, place it"), turn(ask.session_id, me, "confirm"))

    assert await sync_to_async(_money_of)(sandbox, user) == before - Decimal("10")
    assert await sync_to_async(bets_sent)() == 1
    [placed] = [a for a in answers if a.content.startswith("Done:")]
    [refused] = [a for a in answers if a is not placed]
    assert "already confirmed" in refused.content and "placed only once" in refused.content


@pytest.mark.stack
@pytest.mark.django_db
def test_a_bet_the_upstream_refuses_is_marked_refused_and_does_not_count(settings, linked_user):
    with factories.chat_provider(settings, "chat.tests.providers.RefusingBetsProvider"):
        args, memory = _shown_bet(linked_user, stake=50)
        result = run_tool("place_bet", args, ctx=make_ctx("confirm", identity=identity_of(linked_user),
                                                          memory=memory))
    assert result["error"] == "bet_rejected" and "nothing was charged" in result["message"]
    assert BetSlip.objects.get().state == BetSlip.State.REFUSED and bets_sent() == 1
    from betting.selectors import staked_since

    assert staked_since(user_id=linked_user.pk, since=datetime(2000, 1, 1, tzinfo=UTC)) == Decimal("0")


@pytest.fixture
def lost_reply(settings):
    """A sandbox whose place-bet reply is lost after the bet was taken (a read timeout upstream)."""
    with factories.chat_provider(settings, "chat.tests.providers.TimeoutAfterBetProvider") as provider:
        yield provider


@pytest.mark.stack
@pytest.mark.django_db
def test_a_bet_whose_upstream_reply_is_lost_stays_unknown_counts_and_is_not_placed_twice(lost_reply, linked_user):
    from betting.selectors import staked_since

    before = _money_of(lost_reply, linked_user)
    args, memory = _shown_bet(linked_user, stake=10)
    result = run_tool("place_bet", args, ctx=make_ctx("confirm", identity=identity_of(linked_user), memory=memory))
    assert result["error"] == "bet_outcome_unknown"
    assert "can't tell whether your bet was placed" in result["message"] and "try again" not in result["message"]
    assert _money_of(lost_reply, linked_user) == before - Decimal("10")  # the upstream did take it
    assert BetSlip.objects.get().state == BetSlip.State.OUTCOME_UNKNOWN
    assert staked_since(user_id=linked_user.pk, since=datetime(2000, 1, 1, tzinfo=UTC)) == Decimal("10")
    entry = BetAuditEntry.objects.filter(kind=BetAuditEntry.Kind.PLACEMENT).first()
    assert entry.status == BetAuditEntry.Status.OUTCOME_UNKNOWN and entry.upstream["error"] == "bet_outcome_unknown"
    # Confirming the same bet again reaches nothing; a new bet over the daily limit is refused.
    again = run_tool("place_bet", args, ctx=make_ctx("yes, place it", identity=identity_of(linked_user),
                                                      memory=memory))
    assert again["error"] == "already_confirmed"
    link_user(linked_user, daily_stake_limit=Decimal("15"))
    other = run_tool("place_bet", {**args, "stake": 10}, ctx=make_ctx("bet 10 on Arsenal to win",
                                                                         identity=identity_of(linked_user)))
    assert other["error"] == "daily_limit"
    assert _money_of(lost_reply, linked_user) == before - Decimal("10")


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "unknown", "check"), [
    ("en", "can't tell whether your bet", "check your bets"),
    ("es", "No puedo saber si tu apuesta", "revisa tus apuestas"),
    ("pt_br", "Não consigo saber se sua aposta", "confira suas apostas"),
])
def test_the_user_is_told_the_outcome_is_unknown_and_to_check_before_betting_again(lost_reply, linked_user,
                                                                                   language, unknown, check):
    chat = Chat(identity=identity_of(linked_user), language=language)
    shown = chat.say({"en": "place a bet of 10 on Arsenal to win", "es": "apuesta 10 a que gana el Arsenal",
                      "pt_br": "aposte 10 na vitória do Arsenal"}[language])
    assert chat.memory.context.get("pending_bet"), shown.text
    answer = chat.say({"en": "yes, place it", "es": "sí, apuesta", "pt_br": "sim, pode apostar"}[language])
    assert unknown in answer.text and check in answer.text and "10.00" in answer.text
    assert "try again" not in answer.text.lower() and "inténtalo" not in answer.text
    assert BetSlip.objects.get().state == BetSlip.State.OUTCOME_UNKNOWN and bets_sent() == 1


@pytest.mark.django_db
def test_a_pending_bet_without_its_token_is_shown_again_not_placed(sandbox, linked_user):
    before = _money_of(sandbox, linked_user)
    args, memory = _shown_bet(linked_user)
    del memory.context["pending_bet"]["token"]
    result = run_tool("place_bet", args, ctx=make_ctx("yes, place it", identity=identity_of(linked_user),
                                                       memory=memory))
    assert result["status"] == "confirmation_required" and result["bet"]["token"]
    assert _money_of(sandbox, linked_user) == before and bets_sent() == 0
