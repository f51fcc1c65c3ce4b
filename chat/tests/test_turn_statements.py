"""Statements per chat turn, pinned: the lean turn (`chat/services/turn_rows.py`) stays lean.

A follow-up turn in a stored conversation takes one SELECT (the conversation, its latest user message
and the retried client id's, at once), the question's INSERT, then the answer: INSERT answer, UPDATE
question, UPDATE conversation in one transaction on SQLite, one statement on PostgreSQL. Measured
through the real transports: the chat socket (the ASGI app, its database hops on this thread) and
the REST endpoint. Transaction control (BEGIN, COMMIT, savepoints) is left out of the count: it depends
on whether the test itself runs inside a transaction. bench/turn_cost.py prints the same per turn.
"""

from __future__ import annotations

import uuid

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from django.db import connection
from django.test.utils import CaptureQueriesContext

from chat.models import Message

from . import factories
from .conftest import close_quietly, open_chat, say

pytestmark = [pytest.mark.django_db, pytest.mark.stack]  # pinned on SQLite and on PostgreSQL
sandbox = factories.sandbox


@pytest.fixture(autouse=True)
def _hops_on_this_thread(settings):
    """On PostgreSQL a socket's database hops go to a pool of threads; counted, they run on the one thread that
    Channels uses otherwise (and SQLite always), where the capture listens: the same statements either way."""
    settings.DB_THREADS = 0

# lookup + question INSERT + (answer INSERT, question UPDATE, conversation UPDATE: one CTE on PostgreSQL)
STATEMENTS_PER_FOLLOW_UP_TURN = {"sqlite": 5, "postgresql": 3}
CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT")


def _work(captured: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if not q["sql"].upper().startswith(CONTROL)]


def _assert_lean(statements: list[str]) -> None:
    assert len(statements) == STATEMENTS_PER_FOLLOW_UP_TURN[connection.vendor], "\n".join(statements)
    assert sum(sql.lstrip().upper().startswith("SELECT") for sql in statements) == 1, "\n".join(statements)


def test_a_follow_up_turn_over_the_chat_socket_takes_one_select_and_its_writes(sandbox):
    captured = CaptureQueriesContext(connection)

    async def talk() -> tuple[list[dict], str]:
        ws, ack = await open_chat("/ws/chat?user_id=web")
        await say(ws, "hello", message_id=str(uuid.uuid4()))
        await sync_to_async(captured.__enter__)()  # on this thread, where the consumer's database hops run
        try:
            frames = await say(ws, "when does Arsenal play next?", message_id=str(uuid.uuid4()))
        finally:
            await sync_to_async(captured.__exit__)(None, None, None)
        await close_quietly(ws)
        return frames, ack["session_id"]

    frames, session = async_to_sync(talk)()
    answer = next(frame for frame in frames if frame["type"] == "streaming_end")
    assert "Arsenal" in answer["final_content"]
    stored = list(Message.objects.filter(conversation_id=session).order_by("created_at", "role")
                  .values_list("role", "content"))
    assert stored[-2:] == [("user", "when does Arsenal play next?"), ("assistant", answer["final_content"])]
    _assert_lean(_work(captured))


def test_a_follow_up_turn_over_rest_takes_the_same_statements(api_client, sandbox):
    first = api_client.post("/api/v1/chat/message", {"message": "hello"}, format="json").json()
    with CaptureQueriesContext(connection) as captured:
        response = api_client.post("/api/v1/chat/message", {"message": "odds for Arsenal",
                                                            "session_id": first["session_id"]}, format="json")
    assert response.status_code == 200 and "Arsenal" in response.json()["message"]
    _assert_lean(_work(captured))


def test_a_long_conversation_keeps_lean_turns_with_its_statements_prepared_on_postgresql(api_client, sandbox):
    """Past `DB_PREPARE_THRESHOLD` runs on a connection PostgreSQL keeps the turn's statements prepared (parsed and
    planned once: a quarter less of its CPU a turn, bench/README.md); they are still captured and logged as written."""
    session = api_client.post("/api/v1/chat/message", {"message": "hello"}, format="json").json()["session_id"]
    for text in ("odds for Arsenal", "and Chelsea?", "when does Real Madrid play?", "odds for Barcelona",
                 "and the draw?", "who plays tomorrow?", "odds for Arsenal"):
        with CaptureQueriesContext(connection) as captured:
            response = api_client.post("/api/v1/chat/message", {"message": text, "session_id": session},
                                       format="json")
        assert response.status_code == 200 and response.json()["session_id"] == session
        _assert_lean(_work(captured))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT statement FROM pg_prepared_statements")
            prepared = [row[0] for row in cursor.fetchall()]
        assert any(sql.lstrip().startswith("SELECT") and "chat_conversation" in sql for sql in prepared), prepared
        assert any(sql.lstrip().startswith("INSERT INTO") and "chat_message" in sql for sql in prepared), prepared


def test_a_retried_message_id_replays_from_the_same_single_select(sandbox):
    captured = CaptureQueriesContext(connection)

    async def talk() -> tuple[list[dict], list[dict]]:
        ws, _ = await open_chat("/ws/chat?user_id=web")
        first = await say(ws, "odds for Arsenal", message_id="retry-1")
        await sync_to_async(captured.__enter__)()
        try:
            again = await say(ws, "odds for Arsenal", message_id="retry-1")
        finally:
            await sync_to_async(captured.__exit__)(None, None, None)
        await close_quietly(ws)
        return first, again

    first, again = async_to_sync(talk)()
    end = [frame for frame in first if frame["type"] == "streaming_end"]
    replay = [frame for frame in again if frame["type"] == "streaming_end"]
    assert replay[0]["message_id"] == end[0]["message_id"] and replay[0]["final_content"] == end[0]["final_content"]
    statements = _work(captured)
    # the lookup finds the retried id; the stored answer is read once; nothing is written
    assert len(statements) == 2 and all(sql.lstrip().upper().startswith("SELECT") for sql in statements), statements


def test_the_rows_written_in_plain_sql_read_back_through_the_orm_as_the_orm_wrote_them(api_client, sandbox):
    from chat.models import Conversation

    body = api_client.post("/api/v1/chat/message", {"message": "  odds for Arsenal  "}, format="json").json()
    answer = Message.objects.get(id=body["message_id"])
    question = answer.reply_to
    assert (question.role, question.content, question.conversation_id) == ("user", "odds for Arsenal",
                                                                          answer.conversation_id)
    assert question.lease_until is None  # released with the answer
    assert question.intent == answer.intent == body["detected_intent"] and question.confidence == answer.confidence
    assert question.entities == answer.entities and isinstance(answer.entities, dict)
    assert answer.content == body["message"] and answer.suggested_actions == body["suggested_actions"]
    assert isinstance(answer.tool_calls, list) and answer.tool_calls and answer.context["language"] == "en"
    assert isinstance(answer.experiments, dict) and answer.engine == "offline"
    assert answer.created_at >= question.created_at and answer.token_count > 0
    conversation = Conversation.objects.get(session_id=body["session_id"])
    assert conversation.title == "odds for Arsenal" and conversation.updated_at == answer.created_at


STATEMENTS_PER_FIRST_TURN = {"sqlite": 6, "postgresql": 4}  # a follow-up's, and the conversation's INSERT


def test_a_first_turn_over_the_chat_socket_adds_only_the_conversations_insert(sandbox):
    from chat.models import Conversation

    captured = CaptureQueriesContext(connection)

    async def talk() -> tuple[list[dict], str]:
        ws, ack = await open_chat("/ws/chat?user_id=web")
        await sync_to_async(captured.__enter__)()
        try:
            frames = await say(ws, "odds for Arsenal", message_id=str(uuid.uuid4()))
        finally:
            await sync_to_async(captured.__exit__)(None, None, None)
        await close_quietly(ws)
        return frames, ack["session_id"]

    frames, session = async_to_sync(talk)()
    assert "Arsenal" in next(frame for frame in frames if frame["type"] == "streaming_end")["final_content"]
    statements = _work(captured)
    assert len(statements) == STATEMENTS_PER_FIRST_TURN[connection.vendor], "\n".join(statements)
    assert sum(sql.lstrip().upper().startswith("INSERT INTO") and "chat_conversation" in sql.split("(")[0]
               for sql in statements) == 1, "\n".join(statements)
    # the conversation the socket handed out, stored as the ORM stores one, and read back through it
    conversation = Conversation.objects.get(session_id=session)
    question = Message.objects.get(conversation=conversation, role="user")
    assert (conversation.owner_id, conversation.guest_id, conversation.language) == (None, None, "en")
    assert conversation.title == "odds for Arsenal" and conversation.created_at == question.created_at
    assert conversation.updated_at > conversation.created_at


@pytest.mark.django_db(transaction=True)  # autocommit, as a server runs: SQLite's BEGIN … COMMIT by hand
def test_an_answer_racing_a_stored_one_changes_nothing_and_the_first_answer_stands(api_client, sandbox):
    from django.db import transaction

    from chat.engine.base import EngineAnswer
    from chat.engine.memory import load_memory
    from chat.models import Conversation
    from chat.services.answers import persist_answer

    body = api_client.post("/api/v1/chat/message", {"message": "odds for Arsenal"}, format="json").json()
    first = Message.objects.get(id=body["message_id"])
    question, conversation = first.reply_to, Conversation.objects.get(session_id=body["session_id"])
    late = EngineAnswer(text="a second answer", intent="greeting", confidence=0.5, entities={"teams": ["x"]},
                        suggested_actions=[], tool_calls=[], token_count=4, engine="offline", metadata={})
    replay = persist_answer(conversation_id=conversation.session_id, user_message_id=question.id,
                            assistant_id=uuid.uuid4(), answer=late, memory=load_memory(session_id=conversation.pk),
                            user_text="something else entirely", response_time_ms=1, language="es")
    assert (replay.message_id, replay.content) == (first.id, body["message"])  # the stored answer, replayed
    assert list(Message.objects.filter(conversation_id=conversation.pk, role="assistant")
                .values_list("content", flat=True)) == [body["message"]]
    question.refresh_from_db()
    assert (question.intent, question.entities) == (first.intent, first.entities)  # not the late answer's
    after = Conversation.objects.get(session_id=body["session_id"])
    assert (after.updated_at, after.language, after.title) == (conversation.updated_at, "en", "odds for Arsenal")
    assert not connection.in_atomic_block and not _transaction_open(transaction.get_connection().connection)
    follow_up = api_client.post("/api/v1/chat/message", {"message": "and Chelsea?", "session_id": body["session_id"]},
                                format="json").json()
    assert "Chelsea" in follow_up["message"]  # the connection goes on as before


def _transaction_open(raw) -> bool:
    """Whether the driver's connection is inside a transaction (sqlite3's flag, psycopg's status)."""
    if connection.vendor == "postgresql":
        from psycopg.pq import TransactionStatus

        return raw.info.transaction_status != TransactionStatus.IDLE
    return raw.in_transaction
