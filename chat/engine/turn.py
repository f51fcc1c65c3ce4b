"""One turn of the offline engine: the normalised slots, the tools it called, the context it leaves."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation

from accounts.selectors import get_betting_link
from sports.domain import iso_utc

from . import tools
from .answer import t
from .base import TurnContext
from .formatting import fmt_when
from .nlu import understand


def jsonable(value):
    if isinstance(value, datetime):
        return iso_utc(value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [jsonable(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return jsonable(dataclasses.asdict(value))
    return value


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
    tournament = _field(entities, "tournament", "tournaments")
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


def understand_message(ctx: TurnContext):
    return understand(ctx.message, now=ctx.now, timezone=ctx.timezone, language_hint=ctx.language)



@dataclasses.dataclass
class Turn:
    ctx: TurnContext
    language: str
    intent: str
    confidence: float
    slots: Slots
    context: dict
    tool_calls: list[dict]
    slots_from_memory: bool = False  # the teams were filled in from the conversation, not this message
    unresolved: tuple[str, list[str]] | None = None  # (text, closest catalogue teams) of a name the NLU missed
    readings: list[str] = dataclasses.field(default_factory=list)  # the NLU's most likely intents, when it abstained
    settled: bool = False  # a follow-up of the conversation decided the intent: the NLU's doubt no longer applies
    question: str | None = None  # a reference the frame cannot resolve ("the second one", no list): ask this
    shown: list[dict] = dataclasses.field(default_factory=list)  # the fixtures listed in this answer, in order
    named: list[str] = dataclasses.field(default_factory=list)  # the teams this message itself named
    real_bet: bool = False  # the message answers the last answer's question about a real bet: it continues it
    bet_choices: list[dict] = dataclasses.field(default_factory=list)  # the matches a real bet asked to choose from
    bet_chosen: list[str] = dataclasses.field(default_factory=list)  # the match the user picked for it (its id)

    @property
    def tz(self) -> str:
        return self.ctx.timezone or "UTC"

    def tool(self, name: str, **arguments) -> dict:
        arguments = {k: v for k, v in arguments.items() if v is not None}
        result = tools.run_tool(name, jsonable(arguments), ctx=self.ctx)
        self.tool_calls.append({"name": name, "arguments": jsonable(arguments),
                                "result_summary": tools.summarize(name, result)})
        return result

    def when(self, iso_time: str) -> str:
        return fmt_when(iso_time, tz=self.tz, language=self.language)

    def fixture_line(self, fixture: dict) -> str:
        live = " " + t("live_label", self.language) if fixture.get("status") == "live" else ""
        when = self.when(fixture["start_time"])
        if fixture.get("id") and all(item["id"] != fixture["id"] for item in self.shown):
            self.shown.append({"id": fixture["id"], "home": fixture["home"], "away": fixture["away"],
                               "sport_id": fixture.get("sport_id")})
        return f"• {fixture['home']} vs {fixture['away']} — {fixture['tournament']}, {when}{live}"

    def remember_fixture(self, fixture: dict) -> None:
        self.context["fixture_id"] = fixture["id"]
        self.context["fixture_label"] = f"{fixture['home']} vs {fixture['away']}"
        self.context["fixture_teams"] = [fixture["home"], fixture["away"]]
        self.context["fixture_sport"] = fixture.get("sport_id")

    def link(self):
        identity = self.ctx.identity
        if identity is None or not identity.is_authenticated:
            return None

        return get_betting_link(user_id=identity.user_id)
