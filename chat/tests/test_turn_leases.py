"""A double click never costs the user an error, and a crash never costs a retry a minute.

The double click goes through the real ASGI app (POST /api/v1/chat/message). The crash cases use a
question whose lease is held by an owner that is gone (a process killed mid-answer), with the clock
frozen and moved by the test: a retry answers at once once the lease lapsed, waits while it is
alive, and the beat sweep answers a question nobody retried.
"""

from __future__ import annotations

import asyncio
import json
import threading
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from asgiref.sync import sync_to_async
from channels.testing import HttpCommunicator
from django.utils import timezone

from accounts.identity import ANONYMOUS
from chat.models import Message
from chat.services import answers, leases, turns
from chat.services.turns import answer_message, stream_reply
from chat.tests import factories

pytestmark = pytest.mark.django_db(transaction=True)
sandbox = factories.sandbox

START = datetime(2026, 3, 14, 15, 9, 26, tzinfo=UTC)  # any fixed instant: nothing here depends on the hour


@pytest.fixture
def clock():
    """Django's clock (and the leases) frozen at START; the test moves it with `clock.shift`."""
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def renewals(monkeypatch) -> list:
    """The question ids whose lease was renewed, in order (the real renewal runs)."""
    seen = []
    real_renew = leases.renew

    def counting_renew(*, user_message_id):
        real_renew(user_message_id=user_message_id)
        seen.append(user_message_id)

    monkeypatch.setattr(leases, "renew", counting_renew)
    return seen


async def post_message(body: dict) -> tuple[int, dict]:
    from chatbet_project.asgi import application

    raw = json.dumps(body).encode()
    request = HttpCommunicator(application, "POST", "/api/v1/chat/message", body=raw, headers=[
        (b"host", b"localhost"), (b"content-type", b"application/json"), (b"content-length", str(len(raw)).encode())])
    response = await request.get_response(timeout=20)
    await request.wait(timeout=20)
    return response["status"], json.loads(response["body"])


def user_turns(session_id) -> list[tuple[str, str]]:
    """The conversation as the history shows it: (role, content), oldest first."""
    return list(Message.objects.filter(conversation_id=session_id).order_by("created_at", "role")
                .values_list("role", "content"))


# --- double click -------------------------------------------------------------------------------------


@pytest.mark.stack
async def test_a_double_click_gets_two_200s_and_never_a_409(sandbox):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("two requests writing at once need a database with concurrent writers (the stack pass); "
                    "SQLite's shared in-memory test database fails one with 'table is locked'")
    with time_machine.travel(START, tick=True):
        status, first = await post_message({"message": "hello there", "session_id": None})
        assert status == 200
        session = first["session_id"]
        (status_a, a), (status_b, b) = await asyncio.gather(
            post_message({"message": "what can you do?", "session_id": session}),
            post_message({"message": "what can you do?", "session_id": session}),
        )
    assert (status_a, status_b) == (200, 200), (a, b)
    history = await sync_to_async(user_turns)(session)
    questions = [content for role, content in history if role == "user"]
    if a["message_id"] == b["message_id"]:  # the second replays the first
        assert a["message"] == b["message"] and (a.get("duplicate") or b.get("duplicate"))
        assert questions == ["hello there", "what can you do?"]
    else:  # or both are answered, each question with its own answer
        assert questions == ["hello there", "what can you do?", "what can you do?"]
    assert len(history) == 2 * len(questions)  # every question has its answer


@pytest.mark.stack
def test_the_same_text_right_after_replays_the_first_answer(api_client, sandbox):
    with time_machine.travel(START, tick=True):
        first = api_client.post("/api/v1/chat/message", {"message": "hi"}, format="json").json()
        again = api_client.post("/api/v1/chat/message", {"message": "hi", "session_id": first["session_id"]},
                                format="json")
    assert again.status_code == 200
    body = again.json()
    assert body["message_id"] == first["message_id"] and body["message"] == first["message"] and body["duplicate"]
    assert user_turns(first["session_id"]) == [("user", "hi"), ("assistant", first["message"])]


@pytest.mark.stack
def test_two_identical_messages_from_two_threads_both_get_an_answer(sandbox):
    """True concurrency (two workers of a cluster, on PostgreSQL): each caller gets an answer, none an
    error. (One daphne process on SQLite runs its sync code on one thread: no such race there.)"""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite's shared in-memory test database locks whole tables between threads")
    with time_machine.travel(START, tick=True):
        first = answer_message(session_id=None, identity=ANONYMOUS, content="hello there")
        barrier, results, errors = threading.Barrier(2), [], []

        def click() -> None:
            from django.db import connection

            try:
                barrier.wait(timeout=10)
                results.append(answer_message(session_id=first.session_id, identity=ANONYMOUS,
                                              content="what can you do?"))
            except Exception as exc:  # recorded: the assertion below names it
                errors.append(exc)
            finally:
                connection.close()

        threads = [threading.Thread(target=click) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    assert not errors and len(results) == 2
    questions = Message.objects.filter(conversation_id=first.session_id, role=Message.Role.USER)
    assert not questions.filter(reply__isnull=True).exists()  # every question answered
    if results[0].message_id == results[1].message_id:  # one replays the other
        assert results[0].content == results[1].content and questions.count() == 2
    else:
        assert questions.count() == 3


# --- crash lease --------------------------------------------------------------------------------------


def orphaned_question(*, lease_until, client_message_id: str = "m-crash", content: str = "hello there") -> Message:
    """A question stored by a turn whose process was killed before it answered."""
    conversation = factories.ConversationFactory()
    return Message.objects.create(conversation=conversation, role=Message.Role.USER, content=content,
                                  client_message_id=client_message_id, lease_until=lease_until,
                                  created_at=timezone.now() - timedelta(seconds=5))


@pytest.fixture
def polls(monkeypatch):
    """How many times a retry looked at the earlier message before it had an answer to give."""
    seen = []
    real = leases.take_over_if_lapsed

    def spy(*, user_message_id):
        claim = real(user_message_id=user_message_id)
        seen.append(claim)
        return claim

    monkeypatch.setattr(leases, "take_over_if_lapsed", spy)
    return seen


@pytest.mark.stack
@pytest.mark.parametrize("path", ["rest", "stream"])
def test_a_retry_after_the_lease_lapsed_answers_at_once(sandbox, clock, polls, path):
    question = orphaned_question(lease_until=timezone.now() - timedelta(seconds=1))
    kwargs = {"session_id": question.conversation_id, "identity": ANONYMOUS, "content": "hello there",
              "client_message_id": "m-crash"}
    if path == "rest":
        result = answer_message(**kwargs)
    else:
        from asgiref.sync import async_to_sync

        async def run():
            return [event async for event in stream_reply(**kwargs)][-1].result

        result = async_to_sync(run)()
    assert polls == [leases.Claim.TAKEN_OVER]  # one look, no minute of polling
    assert result.reply_to == question.id and result.content
    assert user_turns(question.conversation_id) == [("user", "hello there"), ("assistant", result.content)]
    assert Message.objects.get(id=question.id).lease_until is None  # answered: released


@pytest.mark.stack
def test_a_retry_waits_while_the_lease_is_alive_then_takes_over_when_it_lapses(sandbox, clock, polls, monkeypatch):
    """The owner renews nothing (it was killed): the retry waits only until the lease runs out."""
    question = orphaned_question(lease_until=leases.lease_deadline())
    monkeypatch.setattr(turns, "IN_FLIGHT_POLL_SECONDS", 0)
    real_sleep = turns.time.sleep

    def next_poll(seconds):  # between polls, time passes: past the lease on the third poll
        if len(polls) == 2:
            clock.shift(timedelta(seconds=leases.lease_seconds() + 1))
        real_sleep(0)

    monkeypatch.setattr(turns.time, "sleep", next_poll)
    result = answer_message(session_id=question.conversation_id, identity=ANONYMOUS, content="hello there",
                            client_message_id="m-crash")
    assert polls == [leases.Claim.RUNNING, leases.Claim.RUNNING, leases.Claim.TAKEN_OVER]
    assert user_turns(question.conversation_id) == [("user", "hello there"), ("assistant", result.content)]


@pytest.mark.stack
def test_a_retry_gets_the_answer_of_a_live_owner_instead_of_a_second_one(sandbox, clock, polls, monkeypatch):
    question = orphaned_question(lease_until=leases.lease_deadline())
    stored = {}
    monkeypatch.setattr(turns, "IN_FLIGHT_POLL_SECONDS", 0)

    def owner_answers(seconds):  # the live owner (another process) stores its answer meanwhile
        if not stored:
            stored["answer"] = answers.apologise_for_orphan(user_message_id=question.id)

    monkeypatch.setattr(turns.time, "sleep", owner_answers)
    result = answer_message(session_id=question.conversation_id, identity=ANONYMOUS, content="hello there",
                            client_message_id="m-crash")
    assert polls == [leases.Claim.RUNNING]
    assert result.duplicate and result.message_id == stored["answer"].message_id
    assert Message.objects.filter(reply_to=question).count() == 1


@pytest.mark.stack
async def test_a_running_turn_renews_its_lease(sandbox, settings, monkeypatch, renewals):
    """A slow answer (an LLM) keeps its question: the lease is renewed while the engine runs."""
    from chat.engine.registry import get_engine

    settings.CHAT_TURN_LEASE_SECONDS = 0.15
    renewed = asyncio.Event()
    offline = get_engine()

    class SlowStreamingEngine:  # a model streaming its answer (the offline engine's answer is handed over whole)
        name = "slow"

        async def stream(self, ctx):
            while len(renewals) < 2:  # bounded by the wait_for below
                await asyncio.sleep(0.01)
            renewed.set()
            async for item in offline.stream(ctx):
                yield item

    monkeypatch.setattr(turns, "get_engine", SlowStreamingEngine)
    events = await asyncio.wait_for(
        _collect(session_id=None, identity=ANONYMOUS, content="hello there", client_message_id="slow"), timeout=20)
    assert renewed.is_set() and len(set(renewals)) == 1
    question = await sync_to_async(Message.objects.get)(id=renewals[0])
    assert question.lease_until is None and events[-1].result.reply_to == question.id


async def test_a_slow_offline_turn_keeps_its_lease_while_it_holds_the_database_thread(sandbox, settings, monkeypatch,
                                                                                       renewals):
    """The offline engine answers inside the turn's one database hop (on SQLite, Channels' one database thread): a
    slow upstream there must not let the lease lapse, or the sweeper's apology would replace the real answer (a bet
    placed, the user told "sorry"). The renewal runs beside the turn, and the answer stored is the engine's."""
    import time

    from chat.engine.offline import OfflineEngine

    settings.CHAT_TURN_LEASE_SECONDS = 0.3

    class SlowUpstreamEngine(OfflineEngine):  # its upstream call blocks the hop for more than two lease periods
        def answer(self, ctx):
            deadline = time.monotonic() + 10
            while len(renewals) < 3 and time.monotonic() < deadline:
                time.sleep(0.01)
            return super().answer(ctx)

    monkeypatch.setattr(turns, "get_engine", SlowUpstreamEngine)
    events = await asyncio.wait_for(
        _collect(session_id=None, identity=ANONYMOUS, content="odds for Arsenal", client_message_id="slow-up"),
        timeout=30)
    assert len(renewals) >= 3 and len(set(renewals)) == 1
    question = await sync_to_async(Message.objects.get)(id=renewals[0])
    answer = events[-1].result
    assert question.lease_until is None and answer.reply_to == question.id and "Arsenal" in answer.content
    stored = await sync_to_async(Message.objects.get)(reply_to=question)
    assert stored.content == answer.content and "couldn't answer" not in stored.content


async def _collect(**kwargs) -> list:
    return [event async for event in stream_reply(**kwargs)]


@pytest.mark.stack
def test_the_sweep_answers_questions_nobody_retried_and_leaves_live_ones(sandbox, clock):
    from chat.tasks import answer_orphaned_questions

    dead = orphaned_question(lease_until=timezone.now() - timedelta(seconds=1), client_message_id="dead")
    alive = orphaned_question(lease_until=leases.lease_deadline(), client_message_id="alive")
    assert answer_orphaned_questions() == 1
    (_, question), (role, reply) = user_turns(dead.conversation_id)
    assert role == "assistant" and reply == answers.apology("en")
    assert user_turns(alive.conversation_id) == [("user", "hello there")]
    assert answer_orphaned_questions() == 0  # answered once: never twice
    retry = answer_message(session_id=dead.conversation_id, identity=ANONYMOUS, content="hello there",
                           client_message_id="dead")
    assert retry.duplicate and retry.content == reply


def test_the_lease_deadline_follows_the_setting(settings, clock):
    settings.CHAT_TURN_LEASE_SECONDS = 7
    assert leases.lease_deadline() == START + timedelta(seconds=7)
