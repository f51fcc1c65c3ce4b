"""One turn of the offline engine: the normalised slots, the tools it called, the context it leaves."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from decimal import Decimal

from accounts.selectors import get_betting_link
from sports.domain import iso_utc

from . import tool_registry
from .answer import t
from .base import TurnContext
from .formatting import fmt_when
from .nlu import understand
from .slots import Slots
from .tool_support import summarize


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


def understand_message(ctx: TurnContext):
    return understand(ctx.message, now=ctx.now, timezone=ctx.timezone, language_hint=ctx.language)



# "focus_listed": the fixture in focus is only the first of a list of several matches nobody picked from (frame.py).
FIXTURE_KEYS = ("fixture_id", "fixture_label", "fixture_teams", "fixture_sport", "focus_listed")


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
    combo_legs: list | None = None  # an accumulator's legs continued from the frame (combo_asked.py), not the message
    listed: bool = False  # the request a "which club?" interrupted named its two teams as a list, not as a match
    went_back: bool = False  # the message goes back to the match in focus before the last one ("the earlier match")
    pick_shown: bool = False  # a stake "on that" after a two-sided market was shown, its side unsaid: asked
    stake_asked: bool = False  # this answer asks how much to stake on a real bet: a bare "20" next is that stake
    asked_back: tuple[str, list[str]] | None = None  # a number read two ways (stake or line/pick): this answer asks
    slip_changed: bool = False  # the message changes the real bet shown (stake, pick, line): a new slip, no yes

    @property
    def tz(self) -> str:
        return self.ctx.timezone or "UTC"

    def tool(self, name: str, **arguments) -> dict:
        arguments = {k: v for k, v in arguments.items() if v is not None}
        result = tool_registry.run_tool(name, jsonable(arguments), ctx=self.ctx)
        self.tool_calls.append({"name": name, "arguments": jsonable(arguments),
                                "result_summary": summarize(name, result)})
        return result

    def looked_up_only(self, name: str) -> None:
        """The `name` calls of this turn only decided a question back (a line the match does not offer: no price
        shown): not the answer's calls, as the catalogue look-ups of the other questions are not."""
        self.tool_calls = [call for call in self.tool_calls if call["name"] != name]

    def when(self, iso_time: str) -> str:
        return fmt_when(iso_time, tz=self.tz, language=self.language)

    def fixture_line(self, fixture: dict) -> str:
        live = " " + t("live_label", self.language) if fixture.get("status") == "live" else ""
        when = self.when(fixture["start_time"])
        if fixture.get("id") and all(item["id"] != fixture["id"] for item in self.shown):
            self.shown.append({"id": fixture["id"], "home": fixture["home"], "away": fixture["away"],
                               "sport_id": fixture.get("sport_id"), "start_time": fixture.get("start_time")})
        return f"• {fixture['home']} vs {fixture['away']} — {fixture['tournament']}, {when}{live}"

    def remember_fixture(self, fixture: dict) -> None:
        if self.context.get("fixture_id") and self.context["fixture_id"] != fixture["id"]:
            # the match in focus before this answer's, for one turn: "back to that match" after an aside
            self.context["previous_fixture"] = {key: self.context.get(key) for key in FIXTURE_KEYS}
        self.context["fixture_id"] = fixture["id"]
        self.context["fixture_label"] = f"{fixture['home']} vs {fixture['away']}"
        self.context["fixture_teams"] = [fixture["home"], fixture["away"]]
        self.context["fixture_sport"] = fixture.get("sport_id")
        self.context["focus_listed"] = None  # one match answered about; a list marks it again (frame.remember)

    def link(self):
        identity = self.ctx.identity
        if identity is None or not identity.is_authenticated:
            return None

        return get_betting_link(user_id=identity.user_id)
