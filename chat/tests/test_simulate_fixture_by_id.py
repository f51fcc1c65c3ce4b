"""The match a stake names by id (a list's pick, a match named before) is found by that id, wherever it is in the
catalogue: the simulation's look-up once scanned the first 20 upcoming matches and missed any later one."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from chat.engine.handlers.simulate import _fixture_of
from chat.tests import factories
from sports.services.fixtures import find_fixtures

pytestmark = pytest.mark.django_db
sandbox = factories.sandbox


def test_a_match_far_down_the_catalogue_is_found_by_its_id_in_the_users_language(sandbox):
    catalogue = find_fixtures(limit=500)
    assert len(catalogue) > 40
    last = catalogue[-1]
    found = _fixture_of(SimpleNamespace(context={}, language="es"), {"fixture_id": last.id})
    assert found is not None and found["id"] == last.id and found["sport_id"] == last.sport_id
    assert (found["home"], found["away"]) == (last.home.name_in("es"), last.away.name_in("es"))


def test_an_id_the_catalogue_does_not_have_finds_no_match(sandbox):
    assert _fixture_of(SimpleNamespace(context={}, language="en"), {"fixture_id": "no-such-match"}) is None
