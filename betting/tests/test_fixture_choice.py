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
from betting.services.fixture_choice import FixtureAmbiguous, Stated, StatedLeg, bet_fixtures
from betting.services.legs import offer_leg
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
    stated = Stated(teams=(team,), date_from=start, date_to=end, stake=Decimal("10"), selection_team=team)
    assert [f.id for f in bet_fixtures(team=team, date_from=start, date_to=end, now=start)] == [f.id for f in matches]
    with pytest.raises(FixtureAmbiguous) as refused:
        propose(linked_user, matches[1], stated, selection=side(matches[1], team))
    assert [f.id for f in refused.value.choices] == [f.id for f in matches]
    assert matches[0].title.split(" vs ")[0] in str(refused.value) and not BetSlip.objects.exists()
    picked = Stated(teams=(team,), date_from=start, date_to=end, chosen=(matches[1].id,), stake=Decimal("10"),
                    selection_team=team)
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


SAID = {"stake": Decimal("10"), "market": "1x2", "selection": "home"}  # "10 on the home side to win"


@pytest.mark.parametrize(("stated", "call", "code"), [
    ({**SAID, "currency": "EUR"}, {}, "currency_mismatch"),
    (SAID, {"stake": "100"}, "terms_not_stated"),
    ({**SAID, "selection": "draw"}, {"selection": "home"}, "terms_not_stated"),
    ({**SAID, "market": "over_under", "selection": "over"}, {}, "terms_not_stated"),
    ({"stake": Decimal("10"), "selection_team": "the away side"}, {"selection": "home"}, "terms_not_stated"),
    ({"stake": Decimal("10"), "selection_team": "the away side"}, {"selection": "draw"}, "terms_not_stated"),
])
def test_another_stake_currency_or_selection_than_said_is_refused(sandbox, linked_user, stated, call, code):
    fixture = find_fixtures(team="Arsenal", limit=1)[0]
    if "selection_team" in stated:  # the away team said to win: the home side or the draw asked for
        stated = {**stated, "selection_team": fixture.away.name}
    with pytest.raises(BettingRefusal) as refused:
        propose(linked_user, fixture, Stated(teams=("Arsenal",), chosen=(fixture.id,), **stated), **call)
    assert refused.value.code == code and not BetSlip.objects.exists()
    assert refused_codes() == [code]
    slip = propose(linked_user, fixture, Stated(teams=("Arsenal",), chosen=(fixture.id,), **SAID))
    assert slip.state == BetSlip.State.PROPOSED  # the same call with nothing contradicted: proposed


@pytest.mark.parametrize(("stated", "code", "asks", "spanish_asks"), [
    ({"market": "1x2", "selection": "home"}, "stake_not_stated", "How much do you want to stake on", "¿Cuánto"),
    ({"stake": Decimal("10")}, "selection_not_stated", "Which bet do you want on", "¿Qué apuesta"),
    ({"stake": Decimal("10"), "market": "over_under"}, "selection_not_stated", "Which bet do you want on",
     "¿Qué apuesta"),
    ({}, "bet_terms_not_stated", "How much do you want to stake, and on which bet on", "¿Cuánto quieres apostar y"),
])
def test_a_stake_or_pick_the_words_did_not_say_is_asked_for_never_taken_from_the_caller(sandbox, linked_user, stated,
                                                                                          code, asks, spanish_asks):
    """"bet on Arsenal": a caller (a model) passing a stake, market and selection of its own is refused with the
    question for what is missing, audited, and nothing is proposed; said in the user's language."""
    fixture = find_fixtures(team="Arsenal", limit=1)[0]
    with pytest.raises(BettingRefusal) as refused:
        propose(linked_user, fixture, Stated(teams=("Arsenal",), **stated))
    assert refused.value.code == code and str(refused.value).startswith(asks) and fixture.title in str(refused.value)
    assert not BetSlip.objects.exists() and refused_codes() == [code]
    with pytest.raises(BettingRefusal) as spanish:
        slips.propose_slip(link=get_betting_link(user_id=linked_user.pk), fixture=fixture,
                           price=get_odds(fixture_id=fixture.id).markets["1x2"].selections["home"], market="1x2",
                           selection="home", stake=Decimal("10"), language="es", now=timezone.now(),
                           stated=Stated(teams=("Arsenal",), **stated))
    assert spanish.value.code == code and str(spanish.value).startswith(spanish_asks)
    assert propose(linked_user, fixture, Stated(teams=("Arsenal",), **SAID)).state == BetSlip.State.PROPOSED


def test_an_accumulator_leg_on_a_match_no_leg_said_is_refused(sandbox, linked_user):
    """Legs said by their matches (a slip shown again, "make it 12"): a leg moved to a match none of them said is
    refused as a match not said, whatever the other legs and the stake; the legs as said are proposed."""
    arsenal, madrid, liverpool = (find_fixtures(team=team, limit=1)[0] for team in ("Arsenal", "Real Madrid",
                                                                                     "Liverpool"))
    said = Stated(stake=Decimal("12"), legs=(StatedLeg(fixture_id=arsenal.id, market="1x2", selection="home"),
                                            StatedLeg(fixture_id=madrid.id, market="btts", selection="yes")))
    link = get_betting_link(user_id=linked_user.pk)

    def combo(*legs):
        offers = [offer_leg(fixture_id=fixture.id, market=market, selection=selection, language="en")
                  for fixture, market, selection in legs]
        return slips.propose_combo_slip(link=link, legs=offers, stake=Decimal("12"), now=timezone.now(), stated=said)

    with pytest.raises(BettingRefusal) as refused:
        combo((arsenal, "1x2", "home"), (liverpool, "btts", "yes"))
    assert refused.value.code == "fixture_not_stated" and liverpool.title in str(refused.value)
    with pytest.raises(BettingRefusal) as refused:
        combo((arsenal, "1x2", "away"), (madrid, "btts", "yes"))
    assert refused.value.code == "terms_not_stated" and not BetSlip.objects.exists()
    assert combo((arsenal, "1x2", "home"), (madrid, "btts", "yes")).legs.count() == 2
