"""The signed-in user's balance and placed bets."""

from __future__ import annotations

from chatbet_project.errors import ChatBetError

from .. import tools
from ..answer import BET_STATES, suggestions, t
from ..formatting import fmt_money, fmt_odds
from ..turn import Turn
from .common import tool_failure


def balance(turn: Turn) -> tuple[str, list[str]]:
    language, identity = turn.language, turn.ctx.identity
    team = (turn.context.get("teams") or [None])[0]
    if identity is None or not identity.is_authenticated:
        return t("login", language, what=t("see_balance", language)), suggestions("balance", language, team=team)
    result = turn.tool("get_balance")
    if result.get("error") == "no_chatbet_account":
        return t("link", language, what=t("see_balance", language)), suggestions("balance", language, team=team)
    if "error" in result:
        return tool_failure(result, language), suggestions("balance", language, team=team)
    return t("balance", language, money=fmt_money(result["money"]), cur=result["currency"],
             playable=fmt_money(result["playable"]), withdrawable=fmt_money(result["withdrawable"]),
             bonus=fmt_money(result["bonus"])), suggestions("balance", language, team=team)


def my_bets(turn: Turn) -> tuple[str, list[str]]:
    """"Show me my bets": the user's placed bets from the betting app's own record."""
    language, identity = turn.language, turn.ctx.identity
    turn.intent, turn.confidence = "my_bets", max(turn.confidence, 0.9)
    if identity is None or not identity.is_authenticated:
        return t("login", language, what=t("see_bets", language)), suggestions("generic", language)
    try:
        result = tools.list_my_bets(ctx=turn.ctx)
    except ChatBetError as exc:
        result = {"error": exc.code, "message": str(exc)}
    if result.get("error") == "no_chatbet_account":
        return t("link", language, what=t("see_bets", language)), suggestions("generic", language)
    if "error" in result:
        return tool_failure(result, language), suggestions("generic", language)
    if not result["bets"]:
        return t("no_bets", language), suggestions("generic", language)
    lines = [t("my_bets", language, count=result["count"])]
    for bet in result["bets"]:
        state = BET_STATES.get(bet["state"], {}).get(language, bet["state"])
        lines.append(f"• {bet['label']} ({bet['fixture']}): {fmt_money(bet['stake'])} {bet['currency']} @ "
                     f"{fmt_odds(bet['odds'])} → {fmt_money(bet['possible_win'])} {bet['currency']} — {state}")
    return "\n".join(lines), suggestions("generic", language)
