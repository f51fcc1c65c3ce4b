"""Django's SQLite backend, with each statement's placeholders converted once per process, not per execution.

Django writes `%s` placeholders and its SQLite cursor turns them into `?` with a regular expression on every
`execute` (`SQLiteCursorWrapper.convert_query`): on the ~5 statements of a chat turn, some 600 characters
each, that was ~3 % of a turn's instructions (issue 20, `bench/turn_instructions.py`). The same statement
text always converts the same way, so the conversion is memoised (bounded: ORM statements with `IN (...)`
lists of every length would otherwise grow it without end).
"""

from __future__ import annotations

import functools

from django.db.backends.sqlite3 import base


@functools.lru_cache(maxsize=1024)
def _qmark(query: str) -> str:
    """`query` in the "qmark" style, exactly as Django's `convert_query` makes it."""
    return base.FORMAT_QMARK_REGEX.sub("?", query).replace("%%", "%")


class CursorWrapper(base.SQLiteCursorWrapper):
    def convert_query(self, query, *, param_names=None):
        if param_names is None:
            return _qmark(query)
        return super().convert_query(query, param_names=param_names)


class DatabaseWrapper(base.DatabaseWrapper):
    def create_cursor(self, name=None):
        return self.connection.cursor(factory=CursorWrapper)
