"""`chatbet_project/db.py`: an HTTP request served over ASGI leaves no database connection behind.

Each request's sync code runs in a thread of its own that is never reused, so a persistent
connection (CONN_MAX_AGE) it kept would linger until garbage collection; under load those piled up
past PostgreSQL's max_connections.
"""

from __future__ import annotations

import json
import threading

import pytest
from asgiref.sync import sync_to_async
from channels.testing import HttpCommunicator
from django.db.backends.signals import connection_created

from accounts.tests.factories import UserFactory
from chatbet_project.asgi import application


@pytest.fixture
def request_thread_connections():
    """Database connections opened outside the test's own thread while the test runs, each with the
    number of times it was asked to close."""
    opened: list[tuple[object, list[int]]] = []
    here = threading.get_ident()

    def record(sender, connection, **kwargs) -> None:
        if threading.get_ident() == here:
            return
        closes = [0]
        close = connection.close

        def counted_close() -> None:
            closes[0] += 1
            close()

        connection.close = counted_close  # a spy on Django's wrapper: it still closes for real
        opened.append((connection, closes))

    connection_created.connect(record, weak=False, dispatch_uid="test-db-request-connections")
    yield opened
    connection_created.disconnect(dispatch_uid="test-db-request-connections")


@pytest.mark.stack
@pytest.mark.django_db(transaction=True)
async def test_an_http_request_closes_the_connection_its_thread_opened(request_thread_connections):
    user = await sync_to_async(UserFactory)()
    request_thread_connections.clear()  # only the request's own
    body = json.dumps({"username": user.username, "password": "not-the-password"}).encode()
    request = HttpCommunicator(application, "POST", "/api/v1/auth/login", body=body, headers=[
        (b"host", b"localhost"), (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode())])
    response = await request.get_response(timeout=10)
    await request.wait(timeout=10)  # Django finishes the request (request_finished) after the response
    assert response["status"] in (400, 401), response  # the view looked the user up in the database

    assert request_thread_connections, "the request's thread opened no connection"
    for wrapper, closes in request_thread_connections:
        assert wrapper.settings_dict["CONN_MAX_AGE"] > 0  # persistent: Django alone would have kept it
        assert closes[0] >= 1
        in_memory = getattr(wrapper, "is_in_memory_db", lambda: False)()
        if not in_memory:  # SQLite's in-memory test database ignores close() (it would be lost)
            assert wrapper.connection is None


# --- the database threads of async code (chatbet_project/db.py) --------------------------------------

@pytest.mark.stack
@pytest.mark.django_db(transaction=True)
async def test_async_database_work_runs_on_a_pool_of_threads_on_postgresql_and_on_one_thread_on_sqlite(settings):
    """Channels runs every `database_sync_to_async` call of a process on one thread, which waits on each
    PostgreSQL round trip; on PostgreSQL the chat's database work runs on DB_THREADS threads at once,
    each on its own connection. SQLite (one writer) keeps the one thread."""
    import asyncio

    from django.contrib.auth import get_user_model
    from django.db import connection

    from chatbet_project.db import database_executor, db_sync_to_async

    settings.DB_THREADS = 3
    if connection.vendor != "postgresql":
        assert database_executor() is None

        def where() -> str:
            get_user_model().objects.count()
            return threading.current_thread().name

        names = {await db_sync_to_async(where)() for _ in range(3)}
        assert len(names) == 1 and not names.pop().startswith("chatbet-db")
        return

    together = threading.Barrier(3, timeout=10)  # broken (an error) unless the three calls run at once

    def meet() -> tuple[str, int]:
        get_user_model().objects.count()
        together.wait()
        return threading.current_thread().name, connection.connection.info.backend_pid

    met = await asyncio.gather(*(db_sync_to_async(meet)() for _ in range(3)))
    assert all(name.startswith("chatbet-db") for name, _ in met)
    assert len({name for name, _ in met}) == 3 and len({pid for _, pid in met}) == 3
