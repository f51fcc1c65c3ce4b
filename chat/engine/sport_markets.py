"""A market the sport of the match named never has ("both teams to score" for an NBA game, the draw or a 1X2 in
tennis, "corners" in basketball, "sets" in football, a total in goals for a tennis match): asked about from the sport
alone, never priced.

Why: the offline engine called `get_odds` for such a request and answered "that market isn't offered" with no
question, and a simulation put the stake on the match winner instead; a user expects to hear that the sport has no
such market and to be asked which of its markets they mean (issue 17: never act on a guess). What each sport has is
`sports.domain.SPORT_MARKETS` (the sandbox's boards); finding the match only reads the calendar, it prices nothing.
The offline handlers (odds, simulate, bets) and the model's tool calls (market_guard.py) ask the same question.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import pgettext_lazy

from betting.labels import unit_name
from chatbet_project.errors import ChatBetError
from chatbet_project.i18n import PerLanguage
from sports.domain import MARKET_KEYS, NO_DRAW_SPORTS, SPORT_MARKETS, SPORT_TOTAL_UNITS
from sports.services.catalogue import get_sport, match_tournament, sport_key

from .answer import MARKET_NAMES, t
from .nlu.sport_words import said_total_unit, says_three_way, sport_of_market_words
from .nlu.text import fold
from .tool_support import find_fixture, fixture_dict

# What the user asked, named back to them (the sentence starts with it).
ASKED_NAMES: dict[str, PerLanguage] = {
    "btts": PerLanguage(pgettext_lazy("asked market", "Both teams to score")),
    "double_chance": PerLanguage(pgettext_lazy("asked market", "Double chance")),
    "half_time_result": PerLanguage(pgettext_lazy("asked market", "The half-time result")),
    "three_way": PerLanguage(pgettext_lazy("asked market", "The three-way result (1X2)")),
}
# The sport's markets, as the question offers them ("the winner, the over/under in points or the handicap").
OFFERED_NAMES: dict[str, PerLanguage] = {
    "1x2": PerLanguage(pgettext_lazy("offered market", "the match result (1X2)")),
    "winner": PerLanguage(pgettext_lazy("offered market", "the winner")),
    "double_chance": PerLanguage(pgettext_lazy("offered market", "double chance")),
    "over_under": PerLanguage(pgettext_lazy("offered market", "the over/under in {unit}")),
    "btts": PerLanguage(pgettext_lazy("offered market", "both teams to score")),
    "handicap": PerLanguage(pgettext_lazy("offered market", "the handicap")),
    "half_time_result": PerLanguage(pgettext_lazy("offered market", "the half-time result")),
}
# Each offered market a tap away: its odds on that match (never a stake: the user says which, then how much).
CHIPS: dict[str, PerLanguage] = {
    "1x2": PerLanguage(pgettext_lazy("suggestion", "Odds for {match}")),
    "winner": PerLanguage(pgettext_lazy("suggestion", "Winner odds for {match}")),
    "double_chance": PerLanguage(pgettext_lazy("suggestion", "Double chance odds for {match}")),
    "over_under": PerLanguage(pgettext_lazy("suggestion", "Over/under odds for {match}")),
    "btts": PerLanguage(pgettext_lazy("suggestion", "Both teams to score odds for {match}")),
    "handicap": PerLanguage(pgettext_lazy("suggestion", "Handicap odds for {match}")),
    "half_time_result": PerLanguage(pgettext_lazy("suggestion", "Half-time result odds for {match}")),
}
_CHIP_ORDER = ("1x2", "over_under", "btts", "handicap", "double_chance", "half_time_result")
_OR = {"en": " or ", "es": " o ", "pt_br": " ou "}


@dataclass(frozen=True)
class Asked:
    """What a message asks that not every sport has."""

    market: str | None = None  # a market key ("btts"), "draw" or "three_way"
    words: str | None = None  # a market we do not read, as written ("corners")...
    owner: str | None = None  # ...and the one sport it belongs to ("football")
    unit: str | None = None  # a total's unit said ("goals"), with the over/under


def asked_in(message: str, *, market: str | None, selection: str | None, unsupported: str | None) -> Asked | None:
    """What the message asks that some sport lacks, read from its market slots and words; None when every sport
    has it (the match winner, a handicap, an over/under said without its unit) or nothing is asked."""
    if unsupported:
        owner = sport_of_market_words(fold(unsupported))
        return Asked(words=unsupported, owner=owner) if owner else None
    folded = fold(message)
    if market in (None, "1x2") and selection == "draw":
        return Asked(market="draw")
    if market == "1x2":
        return Asked(market="three_way") if says_three_way(folded) else None
    unit = said_total_unit(folded) if market == "over_under" else None
    if unit or (market in MARKET_KEYS and market not in ("over_under", "handicap")):
        return Asked(market=market, unit=unit)
    return None


def missing_in(asked: Asked, sport: str | None) -> bool:
    """Whether matches of `sport` (a `sport_key`) never have what was asked; False for a sport we know nothing of."""
    offered = SPORT_MARKETS.get(sport or "")
    if offered is None:
        return False
    if asked.owner:
        return asked.owner != sport
    if asked.market in ("draw", "three_way"):
        return sport in NO_DRAW_SPORTS
    if asked.unit and SPORT_TOTAL_UNITS.get(sport or "") not in (None, asked.unit):
        return True
    return asked.market not in offered


def question(asked: Asked, *, sport_id: str, match: str, language: str, stake: bool) -> tuple[str, list[str]]:
    """The question back: the sport has no such market, these are the ones it has, which one; and each a chip."""
    sport = sport_key(sport_id) or ""
    found = get_sport(sport_id=str(sport_id))
    sport_name = (found.name_in(language) if found else sport).lower()
    keys = _offered_keys(sport)
    unit = unit_name(SPORT_TOTAL_UNITS.get(sport, "goals"), language)
    values = {"sport": sport_name, "match": match, "offered": _offered_text(keys, sport, language)}
    if asked.market == "draw":
        text = t("sport_draw_stake" if stake else "sport_draw_odds", language, **values)
    elif asked.unit and asked.owner is None and asked.unit != SPORT_TOTAL_UNITS.get(sport):
        text = t("sport_unit_stake" if stake else "sport_unit_odds", language, unit=unit,
                 said=unit_name(asked.unit, language), **values)
    else:
        text = t("sport_market_stake" if stake else "sport_market_odds", language,
                 market=asked_name(asked, language), **values)
    return text, chips(keys, match=match, language=language)


def which_market(turn, args: dict | None) -> tuple[str, list[str]] | None:
    """"What do you want to bet on in that match?" with the markets its sport has, each a chip, when the sport has no
    draw (the general question names the draw, goals and both teams to score, which a basketball or tennis match never
    has); None to ask the general question."""
    _, sport_id, _ = match_sport(turn.ctx, args=args, language=turn.language, sport_id=turn.slots.sport_id,
                                 tournament=turn.slots.tournament)
    sport = sport_key(sport_id) if sport_id else None
    if sport not in NO_DRAW_SPORTS or not (keys := _offered_keys(sport)):
        return None
    language = turn.language
    names = [_read(OFFERED_NAMES[key], language).format(unit=unit_name(SPORT_TOTAL_UNITS.get(sport, "goals"),
                                                                         language)) for key in keys]
    return t("bet_which_market_of", language, offered=_offered_text(keys, sport, language)), \
        [name[:1].upper() + name[1:] for name in names]


def no_market_question(sport_id: str | None, *, market: str | None, match: str,
                       language: str) -> tuple[str, list[str]] | None:
    """A market the sport has but this match does not (`market` is not on its board): which of the others, each a
    chip; None when the sport is unknown (the plain "not offered" then)."""
    sport = sport_key(sport_id) or ""
    keys = [key for key in _offered_keys(sport) if key != market and not (key == "winner" and market == "1x2")]
    if not keys:
        return None
    text = t("no_market_which", language, match=match, offered=_offered_text(keys, sport, language))
    return text, chips(keys, match=match, language=language)


def chips(keys: list[str], *, match: str, language: str) -> list[str]:
    """Up to three of the offered markets' odds on that match, a tap away, the main ones first."""
    ordered = sorted(keys, key=lambda key: _CHIP_ORDER.index("1x2" if key == "winner" else key))
    return [_read(CHIPS[key], language).format(match=match) for key in ordered[:3]]


def _offered_keys(sport: str) -> list[str]:
    """The sport's market keys as offered ("winner" for a result with no draw); empty for a sport we do not know."""
    return [("winner" if key == "1x2" and sport in NO_DRAW_SPORTS else key) for key in SPORT_MARKETS.get(sport, ())]


def _offered_text(keys: list[str], sport: str, language: str) -> str:
    """"the winner, the over/under in points or the handicap", in `language`."""
    unit = unit_name(SPORT_TOTAL_UNITS.get(sport, "goals"), language)
    names = [_read(OFFERED_NAMES[key], language).format(unit=unit) for key in keys]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + _OR.get(language, " or ") + names[-1]


def asked_name(asked: Asked, language: str) -> str:
    """The market asked, as the answer names it: ours in the user's language, a market we do not read as written."""
    if asked.words:
        return f"\"{asked.words}\""
    if asked.market in ASKED_NAMES:
        return _read(ASKED_NAMES[asked.market], language)
    name = MARKET_NAMES.get(asked.market or "", asked.market or "")
    return name if isinstance(name, str) else _read(name, language)


def match_sport(ctx, *, args: dict | None, language: str, sport_id: str | None = None,
                tournament: str | None = None) -> tuple[dict | None, str | None, str | None]:
    """(the match, its sport, how to name it) for what the request names, found in the calendar without pricing
    anything: the match of `args` (a fixture id, or a team and maybe its opponent), else the sport or competition
    said. (None, None, None) when nothing is known (then nothing is ruled out)."""
    if args:
        try:
            fixture = find_fixture(ctx=ctx, **{k: v for k, v in args.items() if v})
        except ChatBetError:  # no such match: the request's own answer says so
            return None, None, None
        found = fixture_dict(fixture, language)
        return found, fixture.sport_id, f"{found['home']} vs {found['away']}"
    if sport_id:
        sport = get_sport(sport_id=str(sport_id))
        return None, str(sport_id), tournament or (sport.name if sport else None)
    if tournament:
        matched = match_tournament(text=tournament, limit=1)
        if matched:
            return None, matched[0][0].sport_id, tournament
    return None, None, None


def ask(turn, asked: Asked | None, args: dict | None, *, stake: bool) -> tuple[str, list[str]] | None:
    """The offline handlers' question when the match named is of a sport that never has what was asked (the match
    then in focus, so "the handicap then" continues on it); None to answer as usual."""
    if asked is None:
        return None
    slots, context = turn.slots, turn.context
    if args and args.get("fixture_id") and args["fixture_id"] == context.get("fixture_id") \
            and context.get("fixture_sport"):  # the match in focus: known without a look-up
        fixture, sport_id, match = None, context["fixture_sport"], context.get("fixture_label")
    else:
        fixture, sport_id, match = match_sport(turn.ctx, args=args, language=turn.language,
                                               sport_id=slots.sport_id, tournament=slots.tournament)
    if not sport_id or not match or not missing_in(asked, sport_key(sport_id)):
        return None
    if fixture is not None:
        turn.remember_fixture(fixture)
    context["asked"] = "which_market"  # the reply ("the handicap then") continues on this match (frame_cues.py)
    slots.market, slots.selection, slots.line = None, None, None  # not remembered: this match never has it
    if stake:  # the match is in focus; a club named for it backs no side: "the winner then" asks which one
        slots.teams, slots.selection_team = [], None
    return question(asked, sport_id=sport_id, match=match, language=turn.language, stake=stake)


def asked_of(turn) -> Asked | None:
    """`asked_in` for this turn's message and slots."""
    slots = turn.slots
    return asked_in(turn.ctx.message, market=slots.market, selection=slots.selection,
                    unsupported=slots.unsupported_market)


def _read(table: PerLanguage, language: str) -> str:
    return str(table.read(language))
