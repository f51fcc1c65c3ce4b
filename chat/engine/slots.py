"""The entities the engine acts on (`Slots`), in one normalised shape whatever the classifier returns.

Apart from `turn` so that what only reads a message (the betting check of a model's proposal,
`bet_choice`) can use it without importing the engine's tools.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation

from sports.domain import iso_utc


def _field(obj, *names, default=None):
    for name in names:
        value = obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)
        if value not in (None, "", [], ()):
            return value
    return default


@dataclasses.dataclass
class Slots:
    """The entities the engine acts on, in one normalised shape whatever the classifier returns."""

    teams: list[str]
    tournament: str | None = None
    date_from: str | None = None  # ISO UTC
    date_to: str | None = None
    amount: Decimal | None = None
    currency: str | None = None
    pesos_unsaid: bool = False  # "20 mil pesos": which pesos is asked before a simulation or a bet (currency_asked)
    market: str | None = None
    selection: str | None = None
    line: str | None = None
    live: bool = False
    risk: str | None = None
    confirmation: bool | None = None  # the classifier's reading of a yes/no answer
    wants_real_bet: bool = False
    selection_team: str | None = None  # "Arsenal to win": the team the selection backs
    sport_id: str | None = None  # "football matches": the catalogue sport to list
    amount_ambiguous: bool = False  # "10.555" from a Spanish/Portuguese speaker: thousands or decimals?
    unknown_teams: list[str] = dataclasses.field(default_factory=list)  # names we don't cover ("Inter Miami")
    selection_negated: bool = False  # "Arsenal won't win": the selection is against selection_team
    unsupported_market: str | None = None  # "first set", "corners": a market named that is not read (ask)
    amount_choices: list[str] = dataclasses.field(default_factory=list)  # two different stakes said: ask which
    team_choices: dict[str, list[str]] = dataclasses.field(default_factory=dict)  # "Spurs": picked -> candidates


def _as_iso(value) -> str | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return iso_utc(value if value.tzinfo else value.replace(tzinfo=UTC))
    return str(value)


def slots_from(entities) -> Slots:
    teams = _field(entities, "teams", default=[]) or []
    teams = [(_field(x, "name") or str(x)) if not isinstance(x, str) else x for x in teams]
    # A competition the catalogue lacks ("Liga MX") is still the one asked about: the tools say it is not covered.
    tournament = _field(entities, "tournament", "tournaments") or _field(entities, "unknown_tournament")
    if isinstance(tournament, (list, tuple)):
        tournament = tournament[0] if tournament else None
    if tournament is not None and not isinstance(tournament, str):
        tournament = _field(tournament, "name") or str(tournament)
    date_from = _field(entities, "date_from")
    date_to = _field(entities, "date_to")
    date = _field(entities, "date", "date_range", "dates")
    if date is not None and date_from is None:
        if isinstance(date, (list, tuple)) and date and not isinstance(date[0], (str, datetime)):
            date = date[0]
        if isinstance(date, (list, tuple)) and len(date) == 2:
            date_from, date_to = date
        else:
            date_from, date_to = _field(date, "date_from", "start"), _field(date, "date_to", "end")
    amount = _field(entities, "amount", "stake")
    currency = _field(entities, "currency")
    if amount is not None and not isinstance(amount, (int, float, Decimal, str)):
        currency = currency or _field(amount, "currency")
        amount = _field(amount, "value", "amount")
    try:
        amount = Decimal(str(amount)) if amount is not None else None
    except InvalidOperation:
        amount = None
    market = _field(entities, "market")
    selection = _field(entities, "selection")
    line = _field(entities, "line")
    if market is not None and not isinstance(market, str):
        line = line or _field(market, "line")
        selection = selection or _field(market, "selection")
        market = _field(market, "key", "name")
    if selection is not None and not isinstance(selection, str):
        line = line or _field(selection, "line")
        selection = _field(selection, "key", "name", "value")
    return Slots(
        teams=list(dict.fromkeys(teams)), tournament=tournament, date_from=_as_iso(date_from),
        date_to=_as_iso(date_to), amount=amount, currency=currency, market=market, selection=selection,
        line=_line_text(line), live=bool(_field(entities, "live", default=False)),
        risk=_field(entities, "risk"), confirmation=_get(entities, "confirmation"),
        wants_real_bet=bool(_field(entities, "wants_real_bet", default=False)),
        selection_team=_field(entities, "selection_team"),
        sport_id=_field(entities, "sport_id"),
        amount_ambiguous=bool(_field(entities, "amount_ambiguous", default=False)),
        pesos_unsaid=bool(_field(entities, "pesos_unsaid", default=False)),
        unknown_teams=[str(name) for name in (_field(entities, "unknown_teams", default=[]) or [])],
        selection_negated=bool(_field(entities, "selection_negated", default=False)),
        unsupported_market=_field(entities, "unsupported_market"),
        amount_choices=[str(v) for v in _field(entities, "amount_choices", default=[]) or []],
        team_choices={str(k): list(v) for k, v in (_field(entities, "team_choices", default={}) or {}).items()},
    )


def _get(obj, name):
    return obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)


def _line_text(line) -> str | None:
    if line is None:
        return None
    if isinstance(line, float) and line.is_integer():
        return f"{int(line):+d}" if line else "0"
    return str(line)
