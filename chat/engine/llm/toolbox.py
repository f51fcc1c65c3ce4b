"""Which tools the model may see and what happens when it calls one.

The model is untrusted input: a prompt injection can make it ask for anything. So:
- account tools (`requires_auth`) are declared only for an authenticated identity, and a call to
  a tool that was not declared is refused here, before `run_tool` (which checks identity again);
- identity comes from the turn context, never from arguments (`run_tool` validates them against the
  declared schema with `chat.engine.tool_arguments`, dropping keys it does not declare);
- a tool that needs confirmation (`place_bet`) runs with the pending bet hidden from it, so a
  model-initiated call can only PROPOSE the bet (stored as this turn's `pending_bet`); placing it
  happens on the user's next, explicit "yes", which the LLM engine hands to the offline flow.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from typing import Any

from chat.engine import tool_registry
from chat.engine.club_guard import shared_club_for_fixture, shared_club_question
from chat.engine.market_guard import unoffered_market_question
from chat.engine.tool_support import Tool, summarize
from chatbet_project.db import db_sync_to_async

from .messages import Call, ToolSpec

logger = logging.getLogger(__name__)

MAX_RESULT_CHARS = 8000  # what one tool result may cost in the model's context

# The intent a turn had, judged by the first tool the model used (the NLU's intent names).
INTENT_BY_TOOL = {
    "find_fixtures": "match_schedule",
    "get_odds": "odds_information",
    "compare_teams": "team_comparison",
    "implied_probability_and_margin": "general_betting_info",
    "simulate_bet": "bet_simulation",
    "recommend_bets": "betting_recommendation",
    "get_balance": "balance_query",
    "list_tournaments": "tournament_info",
    "place_bet": "place_bet",
}


def declared_tools(identity) -> list[Tool]:
    """The tools this identity may use: public ones for everyone, account ones only when signed in."""
    authenticated = bool(identity is not None and identity.is_authenticated)
    return [tool for tool in tool_registry.TOOLS.values() if authenticated or not tool.requires_auth]


def tool_specs(identity) -> list[ToolSpec]:
    return [ToolSpec(name=t.name, description=t.description, parameters=t.parameters)
            for t in declared_tools(identity)]


def is_personal(name: str) -> bool:
    """Tools whose result depends on who asks (never cached, never shared)."""
    tool = tool_registry.TOOLS.get(name)
    return tool is None or tool.requires_auth


def _proposal_context(ctx):
    """The turn context as a confirmation tool sees it from the model: no pending bet to confirm."""
    memory = ctx.memory.copy()
    memory.context["pending_bet"] = None
    return dataclasses.replace(ctx, memory=memory, engine="llm")  # metadata is shared: the proposal is kept


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


# Tools that act on one match: a model's pick of it for a shared club the user did not settle is asked about.
ACTING_ON_A_MATCH = ("get_odds", "simulate_bet", "place_bet")


def _run(name: str, arguments: dict, ctx) -> dict:
    if (asked := unoffered_market_question(ctx, tool=name, arguments=arguments)) is not None:  # "corner odds": never
        # the 1X2 instead; "btts for the Lakers game": basketball has none, asked
        return asked
    if name == "get_odds" and not arguments.get("fixture_id"):  # "Madrid" (or a guess for it): which club, asked
        asked = shared_club_question(ctx, team=_text(arguments.get("team")), opponent=_text(arguments.get("opponent")),
                                     tournament=_text(arguments.get("tournament")),
                                     sport_id=_text(str(arguments.get("sport_id") or "")))
        if asked is not None:
            return asked
    if name in ACTING_ON_A_MATCH and arguments.get("fixture_id") and not arguments.get("legs"):
        asked = shared_club_for_fixture(ctx, fixture_id=arguments["fixture_id"])
        if asked is not None:
            return asked
    return tool_registry.run_tool(name, arguments, ctx=ctx)


async def execute(call: Call, *, ctx, allowed: set[str]) -> dict:
    """Run one model-requested call under the rules above; always a JSON-safe dict."""
    if call.name not in allowed:
        logger.warning("model asked for an undeclared tool %r", call.name)
        return {"error": "not_allowed", "message": f"name: the tool {call.name!r} is not available here."}
    if call.args is None:
        return {"error": "invalid_arguments", "message": "arguments: not a JSON object."}
    tool = tool_registry.TOOLS[call.name]
    run_ctx = _proposal_context(ctx) if tool.requires_confirmation else ctx
    result = await db_sync_to_async(_run)(call.name, call.args, run_ctx)
    return result if isinstance(result, dict) else {"result": result}


def for_model(result: dict) -> dict:
    """The result as sent back to the model: JSON-safe and bounded in size."""
    text = json.dumps(result, default=str, ensure_ascii=False)
    if len(text) <= MAX_RESULT_CHARS:
        return json.loads(text)
    return {"truncated": True, "partial_json": text[:MAX_RESULT_CHARS]}


def summary(name: str, result: dict) -> str:
    try:
        return summarize(name, result)
    except Exception:  # a summary must never fail a turn
        return "error" if "error" in result else "ok"


def numbers_in(value: Any, out: set[float] | None = None) -> set[float]:
    """Every number in a tool result (also inside strings), for the grounding check."""
    import re

    out = set() if out is None else out
    if isinstance(value, bool) or value is None:
        return out
    if isinstance(value, int | float):
        out.add(round(float(value), 6))
    elif isinstance(value, str):
        out.update(round(float(n.replace(",", ".")), 6) for n in re.findall(r"\d+(?:[.,]\d+)?", value))
    elif isinstance(value, dict):
        for item in value.values():
            numbers_in(item, out)
    elif isinstance(value, list | tuple):
        for item in value:
            numbers_in(item, out)
    else:
        numbers_in(str(value), out)
    return out
