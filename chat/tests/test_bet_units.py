"""Real bets and recommendations as a signed-in user reads them through the REST chat endpoint: an over/under line
counts the sport's unit (goals, points, games), a recommendation stays in the sport asked, and a stated day with no
match for the team is said, never moved to another day with money."""

from __future__ import annotations

import pytest
from rest_framework_simplejwt.tokens import AccessToken

from accounts.tests.factories import UserFactory
from betting.models import BetSlip
from chat.tests import factories
from chat.tests.factories import link_user

pytestmark = pytest.mark.django_db
sandbox = factories.sandbox


def say(api_client, message: str, language: str) -> dict:
    response = api_client.post("/api/v1/chat/message", {"message": message, "context": {"language": language}},
                               format="json")
    assert response.status_code == 200, response.content
    return response.json()


@pytest.fixture
def signed_in(api_client):
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {AccessToken.for_user(link_user(UserFactory()))}")
    return api_client


@pytest.mark.parametrize(("language", "message", "unit", "wrong"), [
    ("en", "bet 10 on the over in the Lakers game", "points", "goals"),
    ("es", "apuesta 10 al over del partido de los Lakers", "puntos", "goles"),
    ("en", "bet 10 on the over in the Alcaraz match", "games", "goals"),
    ("es", "apuesta 10 al over del partido de Alcaraz", "juegos", "goles"),
    ("pt_br", "aposte 10 no over do jogo do Alcaraz", "games", "gols"),
    ("en", "bet 15 on the over in the Napoli game", "goals", "points"),
])
def test_an_over_under_slip_counts_the_sports_unit(sandbox, signed_in, language, message, unit, wrong):
    body = say(signed_in, message, language)
    slip = BetSlip.objects.get()
    assert (slip.market, slip.selection, slip.state) == ("over_under", "over", "proposed"), body["message"]
    assert slip.label.endswith(f" {slip.line} {unit}") and slip.label in body["message"], body["message"]
    assert wrong not in slip.label and body["bet_slip"]["label"] == slip.label


@pytest.mark.parametrize(("language", "message", "unit"), [
    ("en", "recommend a bet on tennis", "games"),
    ("es", "recomiéndame una apuesta de tenis", "juegos"),
    ("en", "recommend a bet on basketball", "points"),
])
def test_a_recommendation_stays_in_the_sport_asked(sandbox, signed_in, language, message, unit):
    from sports.services.catalogue import find_sport
    from sports.services.fixtures import find_fixtures

    sport = find_sport(text="tennis" if unit in ("games", "juegos") else "basketball")
    matches = {f"{f.home.name_in(language)} vs {f.away.name_in(language)}" for f in find_fixtures(sport_id=sport.id)}
    body = say(signed_in, message, language)
    picks = [line for line in body["message"].splitlines() if line.startswith("•")]
    assert picks, body["message"]
    assert all(any(match in line for match in matches) for line in picks), body["message"]
    assert all(unit in line for line in picks if " 22.5 " in line or " 222.5 " in line), body["message"]
    assert "goals" not in body["message"] and "goles" not in body["message"] and "BTTS" not in body["message"]


@pytest.mark.parametrize(("language", "message", "words"), [
    ("en", "bet 10 on Liverpool to win tonight", "Liverpool has no match on 4 Dec, so no bet is prepared."),
    ("es", "apuesta 10 a que gana el Liverpool esta noche", "Liverpool no tiene partido el 4"),
    ("en", "bet 10 on the over in the Liverpool game today", "Liverpool has no match on 4 Dec"),
])
def test_a_day_said_with_no_match_for_the_team_is_said_and_nothing_is_prepared(sandbox, signed_in, language,
                                                                                message, words):
    from sports.services.fixtures import find_fixtures

    upcoming = find_fixtures(team="Liverpool", limit=1)[0]
    assert upcoming.start_time.date().isoformat() > "2026-12-04", "the sandbox's Liverpool does not play on Friday"
    body = say(signed_in, message, language)
    opponent = upcoming.away if upcoming.home.name == "Liverpool" else upcoming.home
    assert words in body["message"] and opponent.name_in(language) in body["message"], body["message"]
    assert body["bet_slip"] is None and not BetSlip.objects.exists()
    assert "confirm" not in body["message"].lower() and "Confirma" not in body["message"]
