"""Django's SQLite backend, with each statement's placeholders converted once per process, not per execution,
and a turn's parameters adapted without per-call set-up.

Django writes `%s` placeholders and its SQLite cursor turns them into `?` with a regular expression on every
`execute` (`SQLiteCursorWrapper.convert_query`): on the ~5 statements of a chat turn, some 600 characters
each, that was ~3 % of a turn's instructions (issue 20, `bench/turn_instructions.py`). The same statement
text always converts the same way, so the conversion is memoised (bounded: ORM statements with `IN (...)`
lists of every length would otherwise grow it without end).

A turn's rows also adapt ~5 JSON values and ~5 datetimes (`chat/services/turn_rows.py`, and the ORM alike):
`json.dumps` builds its C encoder anew on each call, and Django's datetime adapter goes through two helper
calls that test the offset twice. `DatabaseOperations` writes the same text: JSON through one C encoder per
thread (`json.dumps`' own, with its defaults), an aware `datetime` converted to the connection's zone directly;
anything else (an encoder class, a subclass, an expression, a naive value, USE_TZ off) goes to Django's.
"""

from __future__ import annotations

import functools
import json
import threading
from datetime import datetime
from json.encoder import c_make_encoder, encode_basestring_ascii

from django.conf import settings
from django.db.backends.sqlite3 import base, operations


@functools.lru_cache(maxsize=1024)
def _qmark(query: str) -> str:
    """`query` in the "qmark" style, exactly as Django's `convert_query` makes it."""
    return base.FORMAT_QMARK_REGEX.sub("?", query).replace("%%", "%")


class CursorWrapper(base.SQLiteCursorWrapper):
    def convert_query(self, query, *, param_names=None):
        if param_names is None:
            return _qmark(query)
        return super().convert_query(query, param_names=param_names)


_DEFAULTS = json.JSONEncoder()
_encoders = threading.local()  # the C encoder's circular-reference markers are its own: one encoder per thread


def _json_text(value) -> str:
    """`json.dumps(value)`, through this thread's C encoder built once."""
    encoder = getattr(_encoders, "encoder", None)
    if encoder is None:
        encoder = _encoders.encoder = c_make_encoder({}, _DEFAULTS.default, encode_basestring_ascii, None,
                                                     _DEFAULTS.key_separator, _DEFAULTS.item_separator, False,
                                                     False, True)
    return "".join(encoder(value, 0))


class DatabaseOperations(operations.DatabaseOperations):
    def adapt_json_value(self, value, encoder):
        if encoder is None and c_make_encoder is not None and type(value) in (dict, list):
            try:
                return _json_text(value)
            except BaseException:
                del _encoders.encoder  # a failed call may leave its containers marked: a new one next time
                raise
        return super().adapt_json_value(value, encoder)

    def adapt_datetimefield_value(self, value):
        # Django's: an aware value made naive in the connection's zone (`timezone.make_naive`), then `str`.
        if type(value) is datetime and settings.USE_TZ:
            zone = self.connection.timezone
            if value.tzinfo is zone:  # `timezone.now()` on a UTC connection: already in its zone (no astimezone)
                return str(value.replace(tzinfo=None))
            if value.utcoffset() is not None:
                return str(value.astimezone(zone).replace(tzinfo=None))
        return super().adapt_datetimefield_value(value)


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations

    def create_cursor(self, name=None):
        return self.connection.cursor(factory=CursorWrapper)
