"""How a slip's selection reads to the user, in their language ("Real Madrid to win", "Más de 2.5 goles")."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from betting.errors import text
from betting.models import COMBO_MARKET
from chatbet_project.i18n import in_language
from sports.domain import SPORT_TOTAL_UNITS
from sports.services.catalogue import sport_key

if TYPE_CHECKING:
    from betting.models import BetSlip, Selection
    from sports.domain import Fixture

SELECTION_LABELS: dict[str, Promise] = {
    "home": pgettext_lazy("selection", "{home} to win"),
    "draw": pgettext_lazy("selection", "Draw"),
    "away": pgettext_lazy("selection", "{away} to win"),
    "home_or_draw": pgettext_lazy("selection", "{home} or draw"),
    "away_or_draw": pgettext_lazy("selection", "{away} or draw"),
    "home_or_away": pgettext_lazy("selection", "{home} or {away}"),
    "over": pgettext_lazy("selection", "Over {line} {unit}"),
    "under": pgettext_lazy("selection", "Under {line} {unit}"),
    "yes": pgettext_lazy("selection", "Both teams to score: yes"),
    "no": pgettext_lazy("selection", "Both teams to score: no"),
}


# Markets whose home/away selections are not "to win": a handicap backs a side with its line, a half-time result
# is the score at the break.
MARKET_LABELS: dict[str, dict[str, Promise]] = {
    "handicap": {"home": pgettext_lazy("selection", "{home} {line} (handicap)"),
                 "away": pgettext_lazy("selection", "{away} {line} (handicap)")},
    "half_time_result": {"home": pgettext_lazy("selection", "{home} ahead at half-time"),
                         "draw": pgettext_lazy("selection", "Draw at half-time"),
                         "away": pgettext_lazy("selection", "{away} ahead at half-time")},
}


# The units an over/under line counts, by `sports.domain.SPORT_TOTAL_UNITS`' keys (what each sport's line counts).
UNIT_NAMES: dict[str, Promise] = {
    "goals": pgettext_lazy("total unit", "goals"),
    "points": pgettext_lazy("total unit", "points"),
    "games": pgettext_lazy("total unit", "games"),
    "sets": pgettext_lazy("total unit", "sets"),
}


def unit_name(unit: str, language: str) -> str:
    """"goals" / "goles" / "gols": a total's unit (a `UNIT_NAMES` key) in `language`."""
    with in_language(language):
        return str(UNIT_NAMES.get(unit, unit))


def total_unit(sport_id: str | None, language: str) -> str | None:
    """'goals' / 'points' / 'games' for an over/under line of this sport; None when unknown (no guess)."""
    unit = SPORT_TOTAL_UNITS.get(sport_key(sport_id) or "")
    return unit_name(unit, language) if unit else None


def selection_label(selection: str, fixture: Fixture, *, line: str | None = None, language: str = "en",
                    market: str | None = None) -> str:
    """The selection as a user reads it in `language` (English msgids, translations in `locale/`); `market` picks
    the handicap / half-time wording of home and away; an over/under line counts the sport's unit."""
    return _render(selection, home=fixture.home.name_in(language), away=fixture.away.name_in(language),
                   sport_id=fixture.sport_id, line=line, language=language, market=market)


def render_selection(selection: str, *, home: str, away: str, sport_id: str | None = None, line=None,
                     language: str = "en", market: str | None = None) -> str:
    """`selection_label` for a match known only by its names (a tool's fixture dict, not a `Fixture`)."""
    return _render(selection, home=home, away=away, sport_id=sport_id, line=line, language=language, market=market)


def _render(selection: str, *, home: str, away: str, sport_id: str | None, line, language: str,
            market: str | None) -> str:
    label = MARKET_LABELS.get(market or "", {}).get(selection) or SELECTION_LABELS.get(selection)
    with in_language(language):
        template = str(label) if label is not None else selection
    unit = total_unit(sport_id, language) if "{unit}" in template else ""
    text_ = template.format(home=home, away=away, line=line or "", unit=unit or "")
    return " ".join(text_.split()) if "{unit}" in template else text_


def label_in(selection: Selection, *, language: str) -> str:
    """What a stored slip (or leg) is on, in `language`: rendered from its market, selection, line and match, so
    "mis apuestas" reads "Gana Liverpool" for a slip proposed in English as "Liverpool to win". An accumulator
    joins its legs; the stored label stands when the selection cannot be rendered (no template, no match)."""
    legs = getattr(selection, "legs", None)
    if selection.market == COMBO_MARKET and legs is not None:
        rendered = [label_in(leg, language=language) for leg in legs.all()]
        return " + ".join(rendered) if rendered else selection.label or selection.selection
    known = MARKET_LABELS.get(selection.market, {}).get(selection.selection) or SELECTION_LABELS.get(
        selection.selection)
    sides = (selection.fixture_label or "").split(" vs ")
    if known is None or len(sides) != 2 or not all(side.strip() for side in sides):
        return selection.label or selection.selection
    return _render(selection.selection, home=sides[0].strip(), away=sides[1].strip(), sport_id=selection.sport_id,
                   line=selection.line or None, language=language, market=selection.market)


# Where a slip stands, as the web chat's slip card says it (the slip's language). Refusals and failures the user
# just caused come with their own sentence (the REST error body); these are the sentences of the state itself.
_CONFIRMED = pgettext_lazy("slip state", "Confirmed; being placed with the bookmaker.")
STATE_TEXTS: dict[str, Promise] = {
    "proposed": pgettext_lazy("slip state", "Waiting for your confirmation: nothing is charged until you confirm."),
    "confirmed": _CONFIRMED,
    "placing": _CONFIRMED,
    "placed": pgettext_lazy("slip state", "Placed: {stake} {currency} on {label} at {odds}. Potential return {win} "
                                          "{currency}. Reference: {ref}."),
    "refused": pgettext_lazy("slip state", "Not placed: the bet was refused, and nothing was charged."),
}


TOTALS_NAME = pgettext_lazy("line of", "over/under")
TOTALS_OF = pgettext_lazy("line of", "over/under {unit}")


def totals_wording(*, sport_id: str | None, language: str) -> str:
    """What an over/under line is of, in `language`: "mais/menos gols", "más/menos puntos", "over/under goals"
    (without the unit when the sport's is not known: never another language's word, never a guess)."""
    unit = total_unit(sport_id, language)
    with in_language(language):
        return str(TOTALS_OF).format(unit=unit) if unit else str(TOTALS_NAME)


def line_wording(market: str, selection: str, fixture: Fixture | None, *, language: str,
                 sport_id: str | None = None) -> tuple[str, Callable]:
    """What a line belongs to ("over/under goals", "Arsenal (handicap)") and how its numbers read ("2.5", "-0.5").
    `sport_id`: the match's sport when no `fixture` is at hand (a total's wording needs no match)."""
    if market == "over_under":
        name = totals_wording(sport_id=fixture.sport_id if fixture is not None else sport_id, language=language)
        return name, lambda value: f"{float(value):g}"
    label = " ".join(selection_label(selection, fixture, line="", language=language, market=market).split())
    return label, lambda value: f"{float(value):+g}" if float(value) else "0"


def describe_slip(slip: BetSlip) -> str:
    """One sentence on where the slip stands, in the slip's language (the slip card's status line)."""
    language = slip.language if slip.language in ("en", "es", "pt_br") else "en"
    if slip.state == "outcome_unknown":
        return text("bet_outcome_unknown", language)
    if slip.state == "expired":
        return text("slip_withdrawn" if slip.reason_code == "withdrawn" else "slip_expired", language)
    if slip.state == "cancelled":
        return text("slip_cancelled", language)
    with in_language(language):
        template = str(STATE_TEXTS.get(slip.state, STATE_TEXTS["refused"]))
    return template.format(stake=f"{slip.stake:.2f}", currency=slip.currency, label=label_in(slip, language=language),
                           odds=f"{slip.odds:.2f}", win=f"{slip.possible_win:.2f}", ref=slip.upstream_bet_id or "-")
