"""Django's PostgreSQL backend, with a health check that asks the server only when there is a reason.

With CONN_HEALTH_CHECKS Django checks a kept connection with `SELECT 1` before its first query of
every request, and a chat turn is several requests to the database thread pool: one extra
transaction per hop (issue 20, `bench/ws_load.py --processes` counts them). A server that ends the
session (restart, `pg_terminate_backend`, idle timeout) sends an error and closes the socket, which
makes it readable; a healthy idle connection has nothing to read. So: poll the socket without
waiting, and run Django's real check only when something is there (or the socket is gone).

`bound_cursor()`: a cursor that sends its parameters apart from the statement (PostgreSQL's extended
protocol, psycopg's `Cursor`) instead of quoting them into the SQL text in Python (Django's default
`ClientCursor`), for the chat turn's own statements (chat/services/turn_rows.py).
"""

from __future__ import annotations

import select

from django.db.backends.postgresql import base
from psycopg import pq


class DatabaseOperations(base.DatabaseOperations):
    def last_executed_query(self, cursor, sql, params):
        """A statement psycopg ran prepared (DB_PREPARE_THRESHOLD) keeps no text of its own: logged and captured as
        written, with its placeholders, instead of None."""
        return super().last_executed_query(cursor, sql, params) or sql


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations

    def is_usable(self) -> bool:
        if self.connection is None or self.connection.closed:
            return False
        if self.connection.info.transaction_status != pq.TransactionStatus.IDLE:
            return super().is_usable()  # inside a transaction, or broken: ask the server
        try:
            readable, _, _ = select.select([self.connection.fileno()], [], [], 0)
        except (OSError, ValueError):  # no socket any more
            return False
        return super().is_usable() if readable else True

    def bound_cursor(self):
        """`cursor()` with server-side binding: ~40 % less client CPU for a statement with a dozen
        parameters (no `quote()` per value), the same rows, errors and query capture. Only for
        statements whose every parameter has a type PostgreSQL can infer (a column, a cast)."""
        self.close_if_health_check_failed()
        self.ensure_connection()
        with self.wrap_database_errors:
            cursor = base.ServerBindingCursor(self.connection)
            loader = self.connection.adapters.get_loader(base.TIMESTAMPTZ_OID, base.Format.TEXT)
            if self.timezone != loader.timezone:  # as Django's create_cursor
                base.register_tzloader(self.timezone, cursor)
            return self._prepare_cursor(cursor)
