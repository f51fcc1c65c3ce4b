"""The tool registry: what the LLM providers declare to the model (`TOOLS[name].parameters` is the JSON schema) and
`run_tool`, the one entry point that runs a tool for a turn.

`run_tool` checks the arguments against that schema and the caller (identity always comes from the turn context,
never from arguments), and returns a JSON-safe dict — an `{"error": code, "message": ...}` dict instead of raising.
The tools themselves are plain functions (`chat.engine.tools`).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from django.utils.translation import pgettext, pgettext_lazy

from betting.audit import record_simulation
from chatbet_project.errors import ChatBetError, UpstreamUnavailable
from chatbet_project.i18n import in_language

from . import tool_arguments
from .tool_support import RISK_LEVELS, Tool, ToolError, identity_of, lang_of
from .tools import (
    compare_teams_tool,
    find_fixtures_tool,
    get_balance_tool,
    get_odds_tool,
    implied_probability_tool,
    list_tournaments_tool,
    place_bet_tool,
    recommend_bets_tool,
    simulate_bet_tool,
)

if TYPE_CHECKING:
    from .base import TurnContext

logger = logging.getLogger(__name__)

_DATE = {"type": "string", "description": "ISO date (YYYY-MM-DD) or datetime, in the user's time zone"}
_MARKET = {"type": "string", "enum": ["1x2", "double_chance", "over_under", "btts", "handicap", "half_time_result"]}
_SELECTION = {"type": "string", "enum": ["home", "draw", "away", "home_or_draw", "away_or_draw", "home_or_away",
                                         "over", "under", "yes", "no"]}

TOOLS: dict[str, Tool] = {
    tool.name: tool
    for tool in (
        Tool("find_fixtures", "Upcoming or live matches, filtered by team, tournament, sport and date range.",
             {"type": "object", "properties": {
                 "team": {"type": "string"}, "tournament": {"type": "string"},
                 "sport_id": {"type": "string", "description": "1 football, 2 basketball, 3 tennis "
                                                               "(list_tournaments shows each sport_id)"},
                 "date_from": _DATE, "date_to": _DATE, "live": {"type": "boolean"},
                 "limit": {"type": "integer", "minimum": 1, "maximum": 20}}},
             find_fixtures_tool),
        Tool("get_odds", "Current odds of one match (by fixture id, or a team and optional opponent, tournament "
                         "and sport the user named).",
             {"type": "object", "properties": {
                 "fixture_id": {"type": "string"}, "team": {"type": "string"}, "opponent": {"type": "string"},
                 "tournament": {"type": "string"}, "sport_id": {"type": "string"}, "market": _MARKET}},
             get_odds_tool),
        Tool("compare_teams", "Compare two teams: upcoming matches, head-to-head match if any, odds-implied "
                              "strengths.",
             {"type": "object", "properties": {"team_a": {"type": "string"}, "team_b": {"type": "string"}},
              "required": ["team_a", "team_b"]},
             compare_teams_tool),
        Tool("implied_probability_and_margin", "Implied probabilities, bookmaker margin and fair odds from decimal "
                                               "odds or from a match's market.",
             {"type": "object", "properties": {
                 "odds": {"type": "array", "items": {"type": "number", "minimum": 1.01}},
                 "fixture_id": {"type": "string"}, "market": _MARKET}},
             implied_probability_tool),
        Tool("simulate_bet", "Simulate a bet without placing it: single (stake x odds) or accumulator (legs).",
             {"type": "object", "properties": {
                 "stake": {"type": "number", "exclusiveMinimum": 0}, "odds": {"type": "number", "minimum": 1.01},
                 "fixture_id": {"type": "string"}, "market": _MARKET, "selection": _SELECTION,
                 "line": {"type": "number", "description": "the line the user named (over/under, handicap); a "
                                                           "different line on offer is refused, never substituted"},
                 "legs": {"type": "array", "items": {"type": "object", "properties": {
                     "fixture_id": {"type": "string"}, "team": {"type": "string"}, "market": _MARKET,
                     "selection": _SELECTION, "line": {"type": "number"}}}}},
              "required": ["stake"]},
             simulate_bet_tool),
        Tool("recommend_bets", "Suggest bets from real odds for a stake and risk level (low: favourites, high: "
                               "longer odds), with the numbers behind each.",
             {"type": "object", "properties": {
                 "stake": {"type": "number", "exclusiveMinimum": 0},
                 "risk_level": {"type": "string", "enum": list(RISK_LEVELS)},
                 "team": {"type": "string"}, "opponent": {"type": "string"}, "tournament": {"type": "string"},
                 "date_from": _DATE, "date_to": _DATE, "sport_id": {"type": "string"},
                 "limit": {"type": "integer", "minimum": 1, "maximum": 5}}},
             recommend_bets_tool),
        Tool("get_balance", "The logged-in user's ChatBet balance.", {"type": "object", "properties": {}},
             get_balance_tool, requires_auth=True),
        Tool("list_tournaments", "Tournaments with upcoming matches (with a window: those with a match in it).",
             {"type": "object", "properties": {"sport_id": {"type": "string"}, "country": {"type": "string"},
                                               "date_from": _DATE, "date_to": _DATE}},
             list_tournaments_tool),
        Tool("place_bet", "Place a real bet for the logged-in user: a single (selection) or an accumulator (legs, "
                          "one per match, one bet at the bookmaker's combined odds). The first call only shows the bet "
                          "and asks for confirmation; it is placed only when the user explicitly confirms in their "
                          "next message.",
             {"type": "object", "properties": {
                 "fixture_id": {"type": "string"}, "team": {"type": "string"}, "tournament": {"type": "string"},
                 "market": _MARKET, "selection": _SELECTION, "stake": {"type": "number", "exclusiveMinimum": 0},
                 "line": {"type": "number", "description": "the line the user named (over/under, handicap); a "
                                                           "different line on offer is refused, never substituted"},
                 "legs": {"type": "array", "maxItems": 10, "items": {"type": "object", "properties": {
                     "fixture_id": {"type": "string"}, "team": {"type": "string"}, "market": _MARKET,
                     "selection": _SELECTION, "line": {"type": "number"}}, "required": ["selection"]}}},
              "required": ["stake"]},
             place_bet_tool, requires_auth=True, requires_confirmation=True),
    )
}

def run_tool(name: str, arguments: dict, *, ctx: TurnContext) -> dict:
    """Run one tool for this turn; always a JSON-safe dict (errors as {"error", "message"}).
    Bet simulations, whatever their outcome, are appended to the audit trail."""
    result = _run_tool(name, arguments, ctx=ctx)
    if name == "simulate_bet":  # real bets are audited by the slip service, transition by transition
        identity = identity_of(ctx)
        record_simulation(arguments=arguments, result=result, user_id=getattr(identity, "user_id", None),
                          identity_key=str(getattr(identity, "key", "anon")),
                          session_id=getattr(ctx, "session_id", None))
    return result


def _run_tool(name: str, arguments: dict, *, ctx: TurnContext) -> dict:
    tool = TOOLS.get(name)
    if tool is None:
        return {"error": "unknown_tool", "message": f"name: no tool called {name!r}."}
    try:
        clean = tool_arguments.validate(tool.parameters, arguments, language=lang_of(ctx))
        if tool.requires_auth:
            identity = identity_of(ctx)
            if identity is None or not identity.is_authenticated:
                raise ToolError(pgettext_lazy("tool error", "Log in and link your ChatBet account to do that."),
                                code="login_required")
        return tool.func(ctx=ctx, **clean)
    except tool_arguments.InvalidArguments as exc:  # the schema the model sees refused them: the tool never ran
        logger.info("tool %s refused arguments (%s: %s)", name, exc.field, exc.rule)
        return {"error": "invalid_argument", "message": str(exc), "field": exc.field}
    except UpstreamUnavailable as exc:  # the provider's detail is for the logs; the user reads a sentence
        logger.warning("tool %s: %s", name, exc)
        with in_language(lang_of(ctx)):
            return {"error": exc.code, "message": pgettext("tool error", "The sports data is unavailable right now; "
                                                                         "please try again shortly.")}
    except ChatBetError as exc:  # its sentence in the turn's language (a lazy message is rendered here)
        with in_language(lang_of(ctx)):
            return {"error": exc.code, "message": str(exc)}
    except Exception:
        logger.exception("tool %s failed", name)
        with in_language(lang_of(ctx)):
            return {"error": "tool_failed", "message": pgettext("tool error", "That lookup failed; please try again.")}
