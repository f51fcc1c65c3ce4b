"""`chatbet_project/sqlite3`: the embedded database converts each statement's placeholders once per process,
and exactly as Django's own SQLite cursor does (literal `%%`, `%s` next to `%`, named parameters)."""

from __future__ import annotations

import sqlite3

import pytest
from django.db import connection
from django.db.backends.sqlite3.base import SQLiteCursorWrapper

from chatbet_project.sqlite3.base import CursorWrapper, _qmark

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
