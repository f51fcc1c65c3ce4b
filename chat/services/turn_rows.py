"""The rows of a chat turn in plain SQL: one lookup before the engine, one INSERT, one write after it.

A turn is the hottest path of the process, and Django's query compiler cost more CPU than the
database itself: ~380 µs to compile and run `Conversation.objects.get(pk=…)` against ~35 µs for
the same SELECT through a cursor (bench/turn_cost.py measures the whole turn). So the three steps
every turn takes are written once here, for SQLite and PostgreSQL alike, with the values adapted by
the backend's own operations (UUIDs, JSON, datetimes exactly as the ORM stores them); the rare paths
(a duplicate, a takeover) stay on the ORM. Table and column names come from the
models, so a renamed field fails loudly in the tests, not silently here.

`lookup` answers, in one round trip, what the dedup rules and the ownership check need;
`insert_conversation` stores a new conversation (a first message: one turn in five of bench/turn_cost.py);
`insert_question` stores the user message with its lease; `store_answer` stores the answer,
releases the question's lease and touches the conversation in one transaction (on PostgreSQL, in
one statement; on SQLite in autocommit, BEGIN … COMMIT by hand). Each INSERT is atomic on its own
(a savepoint only inside a caller's transaction), so an IntegrityError leaves the connection usable.
"""

from __future__ import annotations

import contextlib
import functools
import uuid
from dataclasses import dataclass
from datetime import datetime

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models import Q

from chat.models import Conversation, Message


@dataclass
class EarlierMessage:
    id: uuid.UUID
    content: str
    fresh: bool = True  # a client id's message: sent within its dedup window


@dataclass
class Lookup:
    """A stored conversation's owner fields and the user messages the dedup rules look at."""

    owner_id: int | None
    guest_id: str | None
    title: str
    language: str
    latest: EarlierMessage | None = None  # the latest user message, if sent within the identical-content window
    same_client_id: EarlierMessage | None = None  # the user message already carrying this client id


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _col(model, name: str) -> str:
    return _q(model._meta.get_field(name).column)


@functools.cache
def _sql(vendor: str) -> dict[str, str]:
    """The statements, built once per backend from the models' table and column names."""
    m, c = _q(Message._meta.db_table), _q(Conversation._meta.db_table)
    mc = functools.partial(_col, Message)
    cc = functools.partial(_col, Conversation)
    # One row (none: no such conversation). Each message is found through its own index: the latest
    # user message through (conversation, created_at), the client id's through the unique (conversation,
    # client id). SQLite would rather walk the (role, created_at) index of every user's messages: the
    # unary + keeps the role out of its index choice (PostgreSQL has statistics and no such operator).
    role = f"+{mc('role')}" if vendor == "sqlite" else mc("role")
    lookup = (
        f"SELECT c.{cc('owner_id')}, c.{cc('guest_id')}, c.{cc('title')}, c.{cc('language')}, "
        f"r.{mc('id')}, r.{mc('content')}, i.{mc('id')}, i.{mc('content')}, i.{mc('role')}, i.{mc('created_at')} >= %s "
        f"FROM {c} c LEFT JOIN {m} r ON r.{mc('id')} = (SELECT {mc('id')} FROM {m} WHERE {mc('conversation')} = "
        f"c.{cc('session_id')} AND {mc('created_at')} >= %s AND {role} = 'user' ORDER BY {mc('created_at')} DESC "
        f"LIMIT 1) LEFT JOIN {m} i ON i.{mc('conversation')} = c.{cc('session_id')} "
        f"AND i.{mc('client_message_id')} = %s WHERE c.{cc('session_id')} = %s"
    )
    question_columns = ("id", "conversation", "role", "content", "client_message_id", "token_count",
                        "created_at", "lease_until", "intent", "entities", "tool_calls", "suggested_actions",
                        "context", "experiments", "engine")
    insert_question = (
        f"INSERT INTO {m} ({', '.join(mc(name) for name in question_columns)}) "
        f"VALUES (%s, %s, 'user', %s, %s, %s, %s, %s, '', '{{}}', '[]', '[]', '{{}}', '{{}}', '')"
    )
    answer_columns = ("id", "conversation", "role", "content", "intent", "confidence", "entities", "tool_calls",
                      "suggested_actions", "context", "token_count", "response_time_ms", "engine", "reply_to",
                      "experiments", "created_at")
    insert_answer = (f"INSERT INTO {m} ({', '.join(mc(name) for name in answer_columns)}) "
                     f"VALUES (%s, %s, 'assistant', {', '.join(['%s'] * (len(answer_columns) - 3))})")
    release_question = (f"UPDATE {m} SET {mc('intent')} = %s, {mc('confidence')} = %s, {mc('entities')} = %s, "
                        f"{mc('lease_until')} = NULL WHERE {mc('id')} = %s")
    # A title, once set, is never cleared by a turn: only a conversation still without one gets it.
    touch = (f"UPDATE {c} SET {cc('updated_at')} = %s, {cc('language')} = %s, {cc('title')} = CASE WHEN "
             f"{cc('title')} = '' THEN %s ELSE {cc('title')} END WHERE {cc('session_id')} = %s")
    conversation_columns = ("session_id", "owner", "guest_id", "title", "language", "created_at", "updated_at")
    insert_conversation = (f"INSERT INTO {c} ({', '.join(cc(name) for name in conversation_columns)}) "
                           f"VALUES (%s, %s, %s, '', %s, %s, %s)")
    statements = {"lookup": lookup, "insert_question": insert_question, "insert_answer": insert_answer,
                  "release_question": release_question, "touch": touch, "insert_conversation": insert_conversation}
    if vendor == "postgresql":  # one statement, so one round trip: data-modifying CTEs all run, atomically
        statements["store_answer"] = (f"WITH answer AS ({insert_answer} RETURNING 1), "
                                      f"question AS ({release_question} RETURNING 1), "
                                      f"touched AS ({touch} RETURNING 1) SELECT 1")
    return statements


# The hot functions below look the connection up once (`connections[...]`) and hand it to these:
# each attribute read through the `connection` proxy is a thread-local lookup (asgiref's `Local`, ~10 µs).
def _uuid(value: uuid.UUID, db):
    return value if db.features.has_native_uuid_field else value.hex


def _as_uuid(value) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(value)


def _cursor(db):
    """PostgreSQL: parameters bound by the server (chatbet_project/postgresql: `bound_cursor`)."""
    return db.bound_cursor() if hasattr(db, "bound_cursor") else db.cursor()


def _json(value, db):
    return db.ops.adapt_json_value(value, None)


def _when(value: datetime, db):
    return db.ops.adapt_datetimefield_value(value)


def lookup(*, session_id: uuid.UUID, client_message_id: str | None, recent_since: datetime,
           fresh_since: datetime) -> Lookup | None:
    """The conversation (None: not stored) with its latest user message if sent since `recent_since`,
    and the user message carrying `client_message_id` (`fresh`: sent since `fresh_since`)."""
    db = connections[DEFAULT_DB_ALIAS]
    with _cursor(db) as cursor:
        cursor.execute(_sql(db.vendor)["lookup"], [_when(fresh_since, db), _when(recent_since, db),
                                                   client_message_id or "", _uuid(session_id, db)])
        row = cursor.fetchone()
    if row is None:
        return None
    owner_id, guest_id, title, language, latest_id, latest_content, same_id, same_content, same_role, fresh = row
    return Lookup(
        owner_id=owner_id, guest_id=guest_id, title=title or "", language=language or "en",
        latest=EarlierMessage(id=_as_uuid(latest_id), content=latest_content) if latest_id is not None else None,
        same_client_id=(EarlierMessage(id=_as_uuid(same_id), content=same_content, fresh=bool(fresh))
                        if same_id is not None and same_role == Message.Role.USER else None),
    )


def insert_conversation(*, session_id: uuid.UUID, owner_id: int | None, guest_id: str | None, language: str,
                        created_at: datetime) -> None:
    """A new conversation, untitled (IntegrityError: that session id is already stored)."""
    db = connections[DEFAULT_DB_ALIAS]
    when = _when(created_at, db)
    with _atomic_statement(db), _cursor(db) as cursor:
        cursor.execute(_sql(db.vendor)["insert_conversation"],
                       [_uuid(session_id, db), owner_id, guest_id, language, when, when])


def adopt_ownerless(*, session_id: uuid.UUID, owner_id: int | None, guest_id: str | None) -> bool:
    """Give an ownerless conversation (started without a token) to the user or guest now speaking in it, so its
    answers (their balance, their slips) are theirs alone from now on. False when it is not ownerless any more (a
    concurrent speaker took it first). Rare (one statement, once per conversation): the ORM is fine here."""
    return bool(Conversation.objects.filter(session_id=session_id, owner__isnull=True)
                .filter(Q(guest_id__isnull=True) | Q(guest_id="")).update(owner_id=owner_id, guest_id=guest_id))


def insert_question(*, message_id: uuid.UUID, session_id: uuid.UUID, content: str, client_message_id: str | None,
                    token_count: int, created_at: datetime, lease_until: datetime) -> None:
    """The user message, holding its lease (IntegrityError: its client id is already stored)."""
    db = connections[DEFAULT_DB_ALIAS]
    with _atomic_statement(db), _cursor(db) as cursor:
        cursor.execute(_sql(db.vendor)["insert_question"],
                       [_uuid(message_id, db), _uuid(session_id, db), content, client_message_id, token_count,
                        _when(created_at, db), _when(lease_until, db)])


def store_answer(*, answer_id: uuid.UUID, session_id: uuid.UUID, question_id: uuid.UUID, content: str, intent: str,
                 confidence: float, entities: dict, tool_calls: list, suggested_actions: list, context: dict,
                 token_count: int, response_time_ms: int, engine: str, experiments: dict, created_at: datetime,
                 language: str, title: str) -> None:
    """The answer, the question's intent with its lease released, and the conversation's touch
    (updated_at, language, and `title` if it has none yet), all or nothing. IntegrityError: the
    question already has its answer."""
    db = connections[DEFAULT_DB_ALIAS]
    sql = _sql(db.vendor)
    session, question_id, when = _uuid(session_id, db), _uuid(question_id, db), _when(created_at, db)
    entities = _json(entities, db)  # once for the answer and the question
    answer = [_uuid(answer_id, db), session, content, intent, confidence, entities, _json(tool_calls, db),
              _json(suggested_actions, db), _json(context, db), token_count, response_time_ms, engine, question_id,
              _json(experiments, db), when]
    question = [intent, confidence, entities, question_id]
    touch = [when, language, title, session]
    if "store_answer" in sql:
        with _atomic_statement(db), _cursor(db) as cursor:
            cursor.execute(sql["store_answer"], answer + question + touch)
        return
    statements = ((sql["insert_answer"], answer), (sql["release_question"], question), (sql["touch"], touch))
    if db.in_atomic_block:  # inside a caller's transaction (the tests'): a savepoint, rolled back on an error
        with transaction.atomic(using=db.alias), db.cursor() as cursor:
            for statement, params in statements:
                cursor.execute(statement, params)
        return
    with db.cursor() as cursor:
        _in_one_transaction(db, cursor, statements)


def _in_one_transaction(db, cursor, statements) -> None:
    """The statements all or nothing, in autocommit: the BEGIN and COMMIT that `transaction.atomic()` issues on
    SQLite (which stays in autocommit for them: `_start_transaction_under_autocommit`), without its bookkeeping
    (two thread-local connection lookups, the savepoint and autocommit state; issue 20, bench/README lean20b)."""
    mode = getattr(db, "transaction_mode", None)
    cursor.execute("BEGIN" if mode is None else f"BEGIN {mode}")
    try:
        for statement, params in statements:
            cursor.execute(statement, params)
        cursor.execute("COMMIT")
    except BaseException:
        if db.connection.in_transaction:  # SQLite may have rolled back already (a full disk, an interrupt)
            cursor.execute("ROLLBACK")
        raise


def _atomic_statement(db):
    """A savepoint only inside an outer transaction (so an IntegrityError leaves it usable);
    in autocommit a single statement is already atomic, and BEGIN/COMMIT around it is pure cost."""
    return transaction.atomic(using=db.alias) if db.in_atomic_block else contextlib.nullcontext()
