"""Which match a real bet is on: only one the user's words determined, never one picked for them.

The rule, whoever proposes the slip (the offline engine, a model through the `place_bet` tool):
- a day or window the user stated ("tonight", "next week") holds: a match outside it is refused
  (`fixture_not_stated`), never moved to another day;
- a team the user named must play in the match (a model passing another team's match is refused);
- a team named alone that has more than one match a bet could mean (in the window stated, else on its next
  match day) is ambiguous (`fixture_ambiguous`, with the matches to choose from): the user is asked which,
  unless they named the opponent or picked that match from a list shown to them (`Stated.chosen`);
- the stake, and a single's market and selection, are the ones the words said (in the message, or in the answer
  to the question about this bet): one they did not say is asked for (`TERMS_MISSING`), never filled in.

The chat maps the user's words to a `Stated` (its NLU and dialogue frame); this module owns what follows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from betting.errors import BettingRefusal
from sports.services.fixtures import find_fixtures

if TYPE_CHECKING:
    from sports.domain import Fixture

JUST_STARTED = timedelta(hours=3)  # a match that kicked off this long ago is still one a bet could mean
MAX_CHOICES = 5


@dataclass(frozen=True)
class StatedLeg:
    """One leg of an accumulator as the words said it: the team it is about (or the match picked for it), and its
    market and selection as for a single (None: not said)."""

    team: str | None = None
    fixture_id: str | None = None
    market: str | None = None
    selection: str | None = None
    selection_team: str | None = None
    selection_negated: bool = False


@dataclass(frozen=True)
class Stated:
    """What the user said about the match of a bet: the teams named, the window said, and the matches they
    picked themselves (from a list shown to them, or the slip or match already in focus)."""

    teams: tuple[str, ...] = ()
    date_from: datetime | None = None
    date_to: datetime | None = None
    chosen: tuple[str, ...] = ()
    # What the words said of the bet itself (None: not said): a slip never contradicts them, and is not proposed
    # without a stake said, nor (a single) without its market and selection said (`check_terms`).
    stake: Decimal | None = None
    currency: str | None = None
    market: str | None = None
    selection: str | None = None
    selection_team: str | None = None  # "Liverpool to win", "Liverpool or draw": the side backed
    selection_negated: bool = False  # "Liverpool won't win": the bet is against `selection_team`
    tournament: str | None = None  # "in the Champions League": only its matches are meant
    sport_id: str | None = None
    legs: tuple[StatedLeg, ...] = ()  # an accumulator's legs as said, each held like a single's pick

    @property
    def has_window(self) -> bool:
        return self.date_from is not None or self.date_to is not None


class FixtureAmbiguous(BettingRefusal):
    """More than one match fits what the user said: `choices` lists them (kick-off order) to ask which."""

    def __init__(self, language: str, *, team: str, choices: list[Fixture], tz: str = "UTC") -> None:
        listed = "; ".join(f"{f.home.name_in(language)} vs {f.away.name_in(language)} "
                           f"({f.start_time.astimezone(ZoneInfo(tz)):%Y-%m-%d %H:%M})" for f in choices)
        super().__init__("fixture_ambiguous", language, team=team, choices=listed)
        self.team = team
        self.choices = choices


def bet_fixtures(*, team: str, date_from: datetime | None = None, date_to: datetime | None = None, now: datetime,
                 tz: str = "UTC", limit: int = MAX_CHOICES, tournament: str | None = None,
                 sport_id: str | None = None) -> list[Fixture]:
    """The team's matches a bet could mean (in the tournament and sport said, if any): those in the window said;
    no window, those on its next match day (in the user's time zone), counting a match that kicked off in the last
    three hours."""
    scope = {"team": team, "tournament": tournament or None, "sport_id": sport_id or None, "limit": limit}
    if date_from is not None or date_to is not None:
        return find_fixtures(date_from=date_from, date_to=date_to, **scope)
    upcoming = find_fixtures(date_from=now - JUST_STARTED, **scope)
    if not upcoming:
        return []
    zone = ZoneInfo(tz)
    first = upcoming[0].start_time.astimezone(zone).date()
    return [f for f in upcoming if f.start_time.astimezone(zone).date() == first]


def in_window(start: datetime, *, date_from: datetime | None, date_to: datetime | None) -> bool:
    """Whether a match kicking off at `start` is in the window said (no bound: open on that side)."""
    return (date_from is None or start >= date_from) and (date_to is None or start < date_to)


def _plays(fixture: Fixture, team: str, *, tournament: str | None = None, sport_id: str | None = None) -> bool:
    """Whether `team` (a name or id as the user gave it, resolved by the catalogue) plays in `fixture` (in the
    competition and sport said, when given)."""
    window = timedelta(minutes=1)
    return any(f.id == fixture.id for f in find_fixtures(team=team, date_from=fixture.start_time - window,
                                                         date_to=fixture.start_time + window,
                                                         tournament=tournament or None, sport_id=sport_id or None))


def check_stated(*, fixture: Fixture, stated: Stated | None, now: datetime, tz: str = "UTC",
                 language: str = "en") -> None:
    """Refuse a real bet on `fixture` unless it is the match the user's words determined (see the module)."""
    if stated is None or fixture.id in stated.chosen:
        return
    if stated.has_window and not in_window(fixture.start_time, date_from=stated.date_from, date_to=stated.date_to):
        raise BettingRefusal("fixture_not_stated", language, match=fixture.title)
    named = [team for team in stated.teams if team]
    playing = [team for team in named if _plays(fixture, team)]
    if named and not playing:
        raise BettingRefusal("fixture_not_stated", language, match=fixture.title)
    if (stated.tournament or stated.sport_id) and not _plays(  # "in the Champions League", said once for every leg
            fixture, playing[0] if playing else fixture.home.name, tournament=stated.tournament,
            sport_id=stated.sport_id):
        raise BettingRefusal("fixture_not_stated", language, match=fixture.title)
    if len(playing) != 1:
        return  # both sides named ("Liverpool vs Leeds"), or no team named (the match in focus)
    choices = bet_fixtures(team=playing[0], date_from=stated.date_from, date_to=stated.date_to, now=now, tz=tz,
                           tournament=stated.tournament, sport_id=stated.sport_id)
    if all(choice.id != fixture.id for choice in choices):  # not the match the words point at: which one?
        choices = sorted([*choices, fixture], key=lambda f: f.start_time)
    if len(choices) > 1:
        raise FixtureAmbiguous(language, team=playing[0], choices=choices, tz=tz)


# The refusals that ask for a term of the bet the user's words did not give (the caller asks the user for it).
TERMS_MISSING = ("stake_not_stated", "selection_not_stated", "bet_terms_not_stated")


def picked_by_words(stated: Stated | StatedLeg) -> tuple[str | None, bool]:
    """(market, selection said): what the words determine of a single's market and selection. "Liverpool to win"
    says the side (the match winner unless another market was named), "the over" says over/under and the over; a
    market alone ("over/under on Arsenal") says no selection, and nothing said says neither."""
    backed = "double_chance" if stated.selection_negated else "1x2"  # "Arsenal won't win": the other side or draw
    market = stated.market or (backed if stated.selection_team else None)
    return market, bool(stated.selection or stated.selection_team)


def _side(fixture: Fixture, team: str) -> str | None:
    """"home" or "away": where the team (by any of its names) plays in `fixture`, else None."""
    key = team.casefold()
    return next((name for name, club in (("home", fixture.home), ("away", fixture.away))
                 if key in {n.casefold() for n in (club.name, *club.names.values())}), None)


def backed_selection(fixture: Fixture, *, market: str, team: str, negated: bool = False) -> str | None:
    """The selection the words about a team mean in `market`: "Arsenal to win" its side (1x2, half-time result,
    handicap), "Arsenal or draw" its side or the draw and "Arsenal won't win" the other side or the draw (double
    chance). None when the team does not play in `fixture` or the words mean nothing in that market (a negation
    outside double chance)."""
    side = _side(fixture, team)
    if side is None:
        return None
    if market == "double_chance":
        return f"{'away' if side == 'home' else 'home'}_or_draw" if negated else f"{side}_or_draw"
    return None if negated else side


def check_terms(*, stake: Decimal, account_currency: str, legs: list[tuple[Fixture, str, str]],
                stated: Stated | None, language: str = "en") -> None:
    """The slip's stake, currency and (for a single) market and selection must be those the words said: "20 euros"
    is never staked as 20 in the account's currency, "10" never as 100, "the over" never as the match winner,
    "Liverpool to win" never as their opponent. A stake, or a single's market and selection, the words did not
    give at all is asked for (`TERMS_MISSING`), never taken from the caller. `legs`: (fixture, market, selection).
    An accumulator's legs are each held to the leg said of that match (`Stated.legs`, by the match picked or the
    team named): a leg the words did not say, or whose market they did not, is asked about."""
    if stated is None:
        return
    if stated.currency and stated.currency.upper() != (account_currency or "").upper():
        raise BettingRefusal("currency_mismatch", language, asked=stated.currency.upper(), currency=account_currency)
    said_market, said_selection = picked_by_words(stated)
    no_pick = len(legs) == 1 and not (said_market and said_selection)  # a single (a combo's legs: below)
    if stated.stake is None or no_pick:
        code = "bet_terms_not_stated" if stated.stake is None and no_pick else \
            "stake_not_stated" if stated.stake is None else "selection_not_stated"
        raise BettingRefusal(code, language, match=legs[0][0].title)
    if Decimal(stated.stake) != Decimal(stake) or (len(legs) == 1 and len(stated.legs) > 1):
        raise BettingRefusal("terms_not_stated", language)  # another stake, or one match of an accumulator said
    if len(legs) != 1:
        for fixture, market, selection in legs:  # each leg as said, held like a single's pick
            said = [leg for leg in stated.legs if leg.fixture_id == fixture.id] or [
                leg for leg in stated.legs if leg.team and _side(fixture, leg.team)]
            if stated.legs and not said:  # a leg on a match none of the legs said
                raise BettingRefusal("fixture_not_stated", language, match=fixture.title)
            if len(said) != 1 or not all(picked_by_words(said[0])):
                raise BettingRefusal("selection_not_stated", language, match=fixture.title)
            _check_pick(fixture, market, selection, said=said[0], language=language)
        return
    (fixture, market, selection), = legs
    _check_pick(fixture, market, selection, said=stated, language=language)


def _check_pick(fixture: Fixture, market: str, selection: str, *, said: Stated | StatedLeg, language: str) -> None:
    """The market and selection of one bet (a single, or a leg) must be those the words said of it."""
    said_market, _ = picked_by_words(said)
    if market != said_market or (said.selection and selection != said.selection):
        raise BettingRefusal("terms_not_stated", language)
    if said.selection_team and not said.selection:  # the side backed: that team's, never the other or a draw
        if selection != backed_selection(fixture, market=market, team=said.selection_team,
                                         negated=said.selection_negated):
            raise BettingRefusal("terms_not_stated", language)
