"""`chatbet_project/sqlite3`: the embedded database converts each statement's placeholders once per process,
and exactly as Django's own SQLite cursor does (literal `%%`, `%s` next to `%`, named parameters); it writes
JSON values and datetimes exactly as Django's own SQLite operations do."""

from __future__ import annotations

import json
import sqlite3
import zoneinfo
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from django.db import connection
from django.db.backends.sqlite3.base import SQLiteCursorWrapper
from django.db.backends.sqlite3.operations import DatabaseOperations as SQLiteOperations
from django.test import override_settings
from hypothesis import given, settings
from hypothesis import strategies as st

from chatbet_project.sqlite3.base import CursorWrapper, DatabaseOperations, _qmark

STATEMENTS = [
    "SELECT 1",
    "SELECT %s, %s",
    "SELECT '100%%', %s WHERE 'a' LIKE '%%a'",
    "SELECT %%s, %s",  # an escaped placeholder stays literal
    "UPDATE t SET a = %s WHERE b = '%%%s'",
    "SELECT %s" * 50,
]


@pytest.fixture
def cursors():
    """Ours and Django's, on a throwaway in-memory database."""
    db = sqlite3.connect(":memory:")
    yield db.cursor(factory=CursorWrapper), db.cursor(factory=SQLiteCursorWrapper)
    db.close()


@pytest.mark.parametrize("statement", STATEMENTS)
def test_a_statement_converts_as_djangos_cursor_converts_it(cursors, statement):
    ours, djangos = cursors
    converted = ours.convert_query(statement)
    assert converted == djangos.convert_query(statement)
    assert ours.convert_query(statement) is converted  # the second time from the memo


def test_named_parameters_convert_as_djangos(cursors):
    ours, djangos = cursors
    statement, names = "SELECT %(a)s, %(b)s", ["a", "b"]
    assert ours.convert_query(statement, param_names=names) == djangos.convert_query(statement, param_names=names)


@pytest.mark.django_db
def test_the_embedded_database_runs_statements_through_it():
    if connection.vendor != "sqlite":
        pytest.skip("the embedded database only")  # the stack pass runs on PostgreSQL
    _qmark.cache_clear()
    with connection.cursor() as cursor:
        cursor.execute("SELECT '100%%', %s, %s", ["a", 2])
        assert cursor.fetchone() == ("100%", "a", 2)
        cursor.execute("SELECT '100%%', %s, %s", ["b", 3])
        assert cursor.fetchone() == ("100%", "b", 3)
        cursor.execute("SELECT %(x)s || %(y)s", {"x": "c", "y": "d"})
        assert cursor.fetchone() == ("cd",)
    assert _qmark.cache_info().hits >= 1


# --- a turn's parameters: JSON and datetimes written as Django's own SQLite operations write them -----------------

_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(alphabet=st.characters(codec="utf-8")),
    lambda children: st.lists(children, max_size=4) | st.tuples(children, children)
    | st.dictionaries(st.text(max_size=8) | st.integers() | st.booleans() | st.none(), children, max_size=4),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(value=st.dictionaries(st.text(max_size=8), _json_values, max_size=5) | st.lists(_json_values, max_size=5)
       | _json_values)
def test_json_is_written_as_djangos_operations_write_it(value):
    ours = DatabaseOperations(connection=None)
    assert ours.adapt_json_value(value, None) == SQLiteOperations(connection=None).adapt_json_value(value, None)
    assert ours.adapt_json_value(value, None) == json.dumps(value)


def test_json_that_cannot_be_written_fails_as_djangos_then_the_next_value_is_written():
    ours, djangos = DatabaseOperations(connection=None), SQLiteOperations(connection=None)
    circular: list = []
    circular.append(circular)
    for bad in ({"when": object()}, [1, {"a": {1, 2}}], circular, {"a": [circular]}):
        with pytest.raises((TypeError, ValueError)) as ours_raised:
            ours.adapt_json_value(bad, None)
        with pytest.raises((TypeError, ValueError)) as djangos_raised:
            djangos.adapt_json_value(bad, None)
        assert (type(ours_raised.value), str(ours_raised.value)) == (type(djangos_raised.value),
                                                                     str(djangos_raised.value))
        shared = {"x": [1, 2]}
        assert ours.adapt_json_value({"a": shared, "b": shared}, None) == '{"a": {"x": [1, 2]}, "b": {"x": [1, 2]}}'


def test_json_with_an_encoder_class_is_djangos():
    class Upper(json.JSONEncoder):
        def default(self, o):
            return str(o).upper()

    value = {"d": Decimal("1.5"), "s": "x"}
    assert DatabaseOperations(connection=None).adapt_json_value(value, Upper) == json.dumps(value, cls=Upper)


_zones = st.sampled_from([UTC, timezone(timedelta(hours=-3)), timezone(timedelta(hours=5, minutes=30)),
                          zoneinfo.ZoneInfo("America/Sao_Paulo"), zoneinfo.ZoneInfo("Europe/Madrid")])


@pytest.mark.django_db
@settings(max_examples=300, deadline=None)
@given(moment=st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2200, 1, 1), timezones=_zones)
       | st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2200, 1, 1)) | st.none())
def test_datetimes_are_written_as_djangos_operations_write_them(moment):
    if connection.vendor != "sqlite":
        pytest.skip("the embedded database only")
    djangos = SQLiteOperations(connection=connection)
    assert isinstance(connection.ops, DatabaseOperations)
    assert connection.ops.adapt_datetimefield_value(moment) == djangos.adapt_datetimefield_value(moment)


@pytest.mark.django_db
def test_an_aware_datetime_without_time_zone_support_is_refused_as_django_refuses_it():
    if connection.vendor != "sqlite":
        pytest.skip("the embedded database only")
    with override_settings(USE_TZ=False), pytest.raises(ValueError, match="USE_TZ is False"):
        connection.ops.adapt_datetimefield_value(datetime(2026, 12, 4, 15, tzinfo=UTC))
