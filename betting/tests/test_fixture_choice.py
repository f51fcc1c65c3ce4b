"""The slip service holds a proposal to what the user said (`Stated`), whoever calls it: a match outside the window
said, of another team or one of several is refused, as is another stake, currency or selection; every refusal is
audited and nothing is proposed."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.selectors import get_betting_link
from betting.errors import BettingRefusal
from betting.models import BetAuditEntry, BetSlip
from betting.services import slips
from betting.services.fixture_choice import FixtureAmbiguous, Stated, bet_fixtures
from betting.tests import factories
from sports.services.fixtures import find_fixtures
from sports.services.odds import get_odds

pytestmark = pytest.mark.django_db
sandbox = factories.sandbox
linked_user = factories.linked_user


def propose(user, fixture, stated: Stated, *, selection: str = "home", stake: str = "10", market: str = "1x2"):
    price = get_odds(fixture_id=fixture.id).markets[market].selections[selection]
    return slips.propose_slip(link=get_betting_link(user_id=user.pk), fixture=fixture, price=price, market=market,
                              selection=selection, stake=Decimal(stake), label=selection, proposed_by="test",
                              now=timezone.now(), stated=stated)


def a_team_playing_twice_in_a_week() -> tuple[str, tuple, list]:
    """(team, (from, to), its matches): a team with two matches within seven days of now (the sandbox has some)."""
    now = timezone.now()
    for fixture in find_fixtures(date_from=now, date_to=now + timedelta(days=7)):
        for team in (fixture.home.name, fixture.away.name):
            window = (now, now + timedelta(days=7))
            matches = find_fixtures(team=team, date_from=window[0], date_to=window[1])
            if 2 <= len(matches) <= 5:  # a list short enough to show whole
                return team, window, matches
    raise AssertionError("the sandbox has no team playing twice in a week")


def side(fixture, team: str) -> str:
    return "home" if fixture.home.name == team else "away"


def refused_codes() -> list[str]:
    return [entry.upstream["error"] for entry in BetAuditEntry.objects.filter(status="rejected")]


def test_one_of_several_matches_is_asked_about_and_the_one_picked_is_proposed(sandbox, linked_user):
    team, (start, end), matches = a_team_playing_twice_in_a_week()
    stated = Stated(teams=(team,), date_from=start, date_to=end, stake=Decimal("10"))
    assert [f.id for f in bet_fixtures(team=team, date_from=start, date_to=end, now=start)] == [f.id for f in matches]
    with pytest.raises(FixtureAmbiguous) as refused:
        propose(linked_user, matches[1], stated, selection=side(matches[1], team))
    assert [f.id for f in refused.value.choices] == [f.id for f in matches]
    assert matches[0].title.split(" vs ")[0] in str(refused.value) and not BetSlip.objects.exists()
    picked = Stated(teams=(team,), date_from=start, date_to=end, chosen=(matches[1].id,), stake=Decimal("10"))
    slip = propose(linked_user, matches[1], picked, selection=side(matches[1], team))
    assert (slip.fixture_id, slip.state) == (matches[1].id, BetSlip.State.PROPOSED)
    assert refused_codes() == ["fixture_ambiguous"]


def test_a_match_outside_the_window_or_of_another_team_is_refused(sandbox, linked_user):
    now = timezone.now()
    fixture = find_fixtures(date_from=now + timedelta(days=2), limit=1)[0]
    for stated in (Stated(teams=(fixture.home.name,), date_from=now, date_to=now + timedelta(hours=1)),
                   Stated(teams=("a team that is not in this match",))):
        with pytest.raises(BettingRefusal) as refused:
            propose(linked_user, fixture, stated)
        assert refused.value.code == "fixture_not_stated" and fixture.title in str(refused.value)
    assert not BetSlip.objects.exists() and refused_codes() == ["fixture_not_stated"] * 2


@pytest.mark.parametrize(("stated", "call", "code"), [
    ({"currency": "EUR"}, {}, "currency_mismatch"),
    ({"stake": Decimal("10")}, {"stake": "100"}, "terms_not_stated"),
    ({"selection": "draw"}, {"selection": "home"}, "terms_not_stated"),
    ({"market": "over_under"}, {}, "terms_not_stated"),
    ({"selection_team": "the away side"}, {"selection": "home"}, "terms_not_stated"),
])
def test_another_stake_currency_or_selection_than_said_is_refused(sandbox, linked_user, stated, call, code):
    fixture = find_fixtures(team="Arsenal", limit=1)[0]
    if "selection_team" in stated:  # the away team said to win, the home side asked for
        stated = {"selection_team": fixture.away.name}
    with pytest.raises(BettingRefusal) as refused:
        propose(linked_user, fixture, Stated(teams=("Arsenal",), chosen=(fixture.id,), **stated), **call)
    assert refused.value.code == code and not BetSlip.objects.exists()
    assert refused_codes() == [code]
    slip = propose(linked_user, fixture, Stated(teams=("Arsenal",), chosen=(fixture.id,)))
    assert slip.state == BetSlip.State.PROPOSED  # the same call with nothing contradicted: proposed
