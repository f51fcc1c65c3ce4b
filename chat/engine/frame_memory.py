"""What a turn leaves for the next one: the dialogue frame after the answer (the teams, the match in focus and the list
shown, the stake and market), which `frame.py` reads to resolve the next message's references."""

from __future__ import annotations

import re

from .formatting import stake_problem
from .listed_focus import mark_listed
from .nlu.text import fold
from .simulated_bets import remember_simulation
from .turn import Turn

# The price of one club asked, the other only its opponent ("how much does Newcastle pay against Arsenal", "cuánto
# paga el Barcelona contra el Atlético", "quanto paga o Corinthians contra o Cruzeiro"): the first named is the focus
_PRICE_OF_ONE = re.compile(r"^\W*(?:how much (?:does|will|would) (?:the )?\w+(?: \w+)? pay|cuanto (?:paga|pagaria)"
                           r"|quanto (?:paga|pagaria))\b")


def remember(turn: Turn) -> None:
    """The frame after this turn's answer (`turn.context`, stored with the conversation)."""
    slots, context = turn.slots, turn.context
    if turn.named:  # "odds for Chelsea": Chelsea is "them"; "Liverpool vs Chelsea": no one team is
        context["focus_team"] = turn.named[0] if len(turn.named) == 1 or _PRICE_OF_ONE.search(
            fold(turn.ctx.message)) else None  # "how much does Newcastle pay against Arsenal": Newcastle's price
        if context["focus_team"] is None and slots.selection_team in turn.named and not slots.selection_negated:
            context["focus_team"] = slots.selection_team  # "odds on Brentford beating West Ham": Brentford's side
    if slots.teams:
        context["teams"] = list(dict.fromkeys([*slots.teams, *(context.get("teams") or [])]))[:4]
    for key in ("tournament", "currency"):
        if getattr(slots, key):
            context[key] = getattr(slots, key)
    if slots.date_from:
        context["date_from"], context["date_to"] = slots.date_from, slots.date_to
    if slots.amount is not None:
        if stake_problem(slots.amount, "en"):
            context.pop("stake", None)  # a refused stake replaces the old one: never reuse it silently
        else:
            context["stake"] = str(slots.amount)
    if slots.market:
        context["market"] = slots.market
    if slots.selection:
        context["selection"] = slots.selection
        context["line"] = slots.line
    elif slots.market and turn.intent == "odds_information":  # a market's odds shown, no pick: "10 on that" is
        context["selection"] = context["line"] = None  # asked which side, never an older pick of another match
    if turn.shown:  # "the second one" next turn means the second of this list
        context["last_list"] = turn.shown[:10]
        mark_listed(turn)
    elif turn.intent in ("tournament_info", "my_bets"):  # a list of other things: no stale match list
        context["last_list"] = None
    remember_simulation(turn)
    if turn.intent != "clarification":  # a question back does not change what the conversation is about
        context["last_intent"] = turn.intent
    context["language"] = turn.language
    context.pop("pending_bet", None)  # the turn service owns it (set by the place_bet tool only)
