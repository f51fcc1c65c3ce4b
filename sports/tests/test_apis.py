"""The read-only sports REST API, through the real URL conf, auth and error handler."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from rest_framework_simplejwt.tokens import AccessToken

from sports import cache as sports_cache
from sports.services import fixtures

pytestmark = pytest.mark.django_db
BASE = "/api/v1/sports"


@pytest.mark.stack
def test_sports_and_tournaments(api_client, sandbox):
    body = api_client.get(f"{BASE}/").json()
    assert body["count"] == 3 and body["results"][0]["names"]["es"] == "Fútbol"
    spain = api_client.get(f"{BASE}/tournaments", {"country": "Spain", "active": "true"}).json()
    assert [t["name"] for t in spain["results"]] == ["LaLiga"]
    nba = api_client.get(f"{BASE}/tournaments/", {"sport": "2"}).json()
    assert [t["name"] for t in nba["results"]] == ["NBA"]


@pytest.mark.parametrize("path", ["tournaments", "fixtures"])
def test_sport_is_an_id_or_the_alias_sports_lists(api_client, sandbox, path):
    sports = api_client.get(f"{BASE}/").json()["results"]
    for sport in sports:
        by_id = api_client.get(f"{BASE}/{path}", {"sport": sport["id"], "limit": 200}).json()
        assert by_id["count"] > 0
        for alias in (sport["alias"], sport["alias"].upper(), sport["names"]["es"]):
            by_alias = api_client.get(f"{BASE}/{path}", {"sport": alias, "limit": 200})
            assert by_alias.status_code == 200, alias
            assert (by_alias.json()["count"], by_alias.json()["results"]) == (by_id["count"], by_id["results"])
        assert all(item["sport_id"] == sport["id"] for item in by_id["results"])


@pytest.mark.parametrize("path", ["tournaments", "fixtures"])
@pytest.mark.parametrize("value", ["soccerball", "99", "foot"])
def test_an_unknown_sport_is_a_400_naming_the_valid_values(api_client, sandbox, path, value):
    response = api_client.get(f"{BASE}/{path}", {"sport": value})
    assert response.status_code == 400
    body = response.json()
    assert body["error_code"] == "validation_error" and body["message"].startswith("sport:")
    assert all(valid in body["message"] for valid in ("1 or football", "2 or basketball", "3 or tennis"))


@pytest.mark.stack
def test_fixtures_by_date_team_and_live_paginated(api_client, sandbox):
    page = api_client.get(f"{BASE}/fixtures", {"date": "tomorrow", "limit": 5}).json()
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).date().isoformat()
    assert page["count"] > 5 and len(page["results"]) == 5 and page["next"]
    assert all(f["start_time"].startswith(tomorrow) for f in page["results"])
    dated = api_client.get(f"{BASE}/fixtures", {"date": tomorrow}).json()
    assert dated["count"] == page["count"]
    gunners = api_client.get(f"{BASE}/fixtures", {"team": "the Gunners"}).json()["results"]
    assert gunners and all("Arsenal" in (f["home"]["name"], f["away"]["name"]) for f in gunners)
    live = api_client.get(f"{BASE}/fixtures", {"live": "true"}).json()["results"]
    assert live and {f["status"] for f in live} == {"live"}
    one = live[0]
    assert api_client.get(f"{BASE}/fixtures/{one['id']}").json() == one


@pytest.mark.parametrize(("path", "params", "name"), [
    ("fixtures", {"date": "2026-02-30"}, "date"),
    ("fixtures", {"date": "next week"}, "date"),
    ("fixtures", {"date": "9999-12-31"}, "date"),                    # OverflowError (500) before
    ("fixtures", {"date": "0001-01-01", "tz": "Asia/Tokyo"}, "date"),
    ("fixtures", {"live": "maybe"}, "live"),
    ("fixtures", {"tz": "Mars/Olympus"}, "tz"),
    ("tournaments", {"active": "perhaps"}, "active"),
    ("odds", {}, "match_id"),
    ("odds", {"match_id": "1", "market": "corners"}, "market"),
    ("search", {"q": "a"}, "q"),
])
def test_bad_parameters_are_400_naming_the_parameter(api_client, sandbox, path, params, name):
    response = api_client.get(f"{BASE}/{path}", params)
    assert response.status_code == 400
    assert response.json()["message"].startswith(f"{name}:")


def test_unknown_fixture_is_404(api_client, sandbox):
    assert api_client.get(f"{BASE}/fixtures/999999").status_code == 404
    assert api_client.get(f"{BASE}/odds", {"match_id": "999999"}).status_code == 404


@pytest.mark.stack
def test_odds_with_freshness_and_market_filter(api_client, sandbox):
    fixture = fixtures.find_fixtures(limit=1)[0]
    body = api_client.get(f"{BASE}/odds", {"match_id": fixture.id, "market": "1x2"}).json()
    assert set(body["markets"]) == {"1x2"}
    assert body["stale"] is False and body["age_seconds"] >= 0 and body["fixture"]["id"] == fixture.id
    home = body["markets"]["1x2"]["selections"]["home"]
    assert home["bet_id"] and home["odds"] > 1 and 0.04 <= body["markets"]["1x2"]["overround"] <= 0.08


def test_odds_stay_up_stale_when_the_upstream_goes_down(api_client, flaky):
    fixture = fixtures.find_fixtures(limit=1)[0]
    api_client.get(f"{BASE}/odds", {"match_id": fixture.id})
    sports_cache.invalidate(sports_cache.odds_key(fixture.id))
    flaky.down = True
    response = api_client.get(f"{BASE}/odds", {"match_id": fixture.id})
    assert response.status_code == 200 and response.json()["stale"] is True


def test_upstream_down_with_nothing_cached_is_503_not_500(api_client, flaky):
    flaky.down = True
    response = api_client.get(f"{BASE}/")
    assert response.status_code == 503 and response.json()["error_code"] == "upstream_unavailable"


def test_search(api_client, sandbox):
    results = api_client.get(f"{BASE}/search", {"q": "man utd"}).json()["results"]
    assert results[0]["name"] == "Manchester United" and results[0]["type"] == "team"
    barca = api_client.get(f"{BASE}/search", {"q": "barça"}).json()["results"]
    assert barca[0]["name"] == "Barcelona"


def test_cache_stats_is_for_staff_only(api_client, sandbox):
    user_model = get_user_model()
    assert api_client.get(f"{BASE}/cache-stats").status_code == 401
    player = user_model.objects.create_user("player", password="pw-123456789")
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {AccessToken.for_user(player)}")
    assert api_client.get(f"{BASE}/cache-stats").status_code == 403
    staff = user_model.objects.create_user("operator", password="pw-123456789", is_staff=True)
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {AccessToken.for_user(staff)}")
    api_client.get(f"{BASE}/")
    api_client.get(f"{BASE}/")
    body = api_client.get(f"{BASE}/cache-stats").json()
    assert body["provider"] == "sandbox"
    assert body["kinds"]["sports"]["hits"] >= 1 and body["kinds"]["sports"]["upstream_calls"] == 1


def test_every_endpoint_is_in_the_openapi_schema(api_client):
    schema = api_client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    for path in ("/api/v1/sports/", "/api/v1/sports/tournaments", "/api/v1/sports/fixtures",
                 "/api/v1/sports/fixtures/{fixture_id}", "/api/v1/sports/odds", "/api/v1/sports/search",
                 "/api/v1/sports/cache-stats"):
        assert any(p.rstrip("/") == path.rstrip("/") for p in schema["paths"]), path
