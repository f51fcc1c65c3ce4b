"""The answer to "what do you want on each match?" of a simulated accumulator: the same accumulator, with the picks
said ("both to win", "ambos ganan", "os dois vencerem", "over 2.5 in both", "Liverpool to win and Napoli the draw").

Why: the question (handlers/simulate.py) used to forget the accumulator, so its answer, a few words naming no team
nor stake, was read on its own (off-topic, a comparison). The legs as the user said them and the stake are kept in
the frame for one turn (`combo_asked`); a pick said for all of them fills the legs left open, a pick said for a team
fills that team's leg; a leg still open is asked about again, never assumed.
"""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

from .combo import LegAsk, combo_legs
from .frame_cues import bare_stake
from .nlu import extract_entities
from .nlu.markets import WIN_WORDS
from .nlu.text import fold
from .turn import Turn

ASKED = "combo_asked"
_FIELDS = ("text", "team", "opponent", "market", "selection", "selection_team", "line", "selection_negated")
# "both", "all of them", "each", "ambos", "los dos", "todos", "cada uno", "os dois", "as duas", "todos eles"
_EVERY = re.compile(r"\b(?:both|all|each|every|ambos|ambas|los dos|las dos|todos|todas|cada uno|cada una|os dois"
                    r"|as duas|cada um|cada uma)\b")
_WIN = re.compile(rf"\b{WIN_WORDS}\w*")


def keep(turn: Turn, legs: list[LegAsk], *, stake: bool = True) -> None:
    """Keep the accumulator being asked about (its legs as said, the stake unless that is what is asked) for the
    answer."""
    slots = turn.slots
    turn.context[ASKED] = {"legs": [{name: getattr(leg, name) for name in _FIELDS} for leg in legs],
                           "amount": str(slots.amount) if slots.amount is not None and stake else None,
                           "currency": slots.currency}


def _pick_for_every(message: str, turn: Turn) -> dict | None:
    """The pick the answer says for every leg ("both to win", "over 2.5 in both", "el empate en los dos"), or None."""
    folded = fold(message)
    entities, _, _ = extract_entities(message, now=turn.ctx.now, timezone=turn.tz, language_hint=turn.language)
    if entities.teams:
        return None
    if entities.market and entities.market != "1x2" and entities.selection:
        return {"market": entities.market, "selection": entities.selection, "line": entities.line}
    if entities.market == "btts":
        return {"market": "btts", "selection": "yes", "line": None}
    if entities.selection == "draw":
        return {"market": "1x2", "selection": "draw", "line": None}
    if _WIN.search(folded) and (_EVERY.search(folded) or len(folded.split()) <= 3):
        return {"market": "1x2", "selection": None, "line": None, "win": True}
    return None


def continue_combo(turn: Turn, asked: dict | None) -> bool:
    """The answer continues the accumulator asked about: its legs with the picks said, the stake kept. False when the
    message says no pick for it (then it is a question of its own)."""
    if not asked or not asked.get("legs"):
        return False
    legs = [LegAsk(**{name: leg.get(name) for name in _FIELDS}) for leg in asked["legs"]]
    message = turn.ctx.message
    said = {leg.team: leg for leg in combo_legs(message, now=turn.ctx.now, timezone=turn.tz, language=turn.language)
            if leg.team and leg.market_said}
    every = _pick_for_every(message, turn) if not said else None
    if not asked.get("amount") and turn.slots.amount is None and (bare := bare_stake(message, turn.language)):
        turn.slots.amount, turn.slots.amount_ambiguous = bare  # "20" answers "which stake?"
    stake_only = not asked.get("amount") and turn.slots.amount is not None and not turn.slots.teams
    if not said and every is None and not stake_only:
        return False
    filled = []
    for leg in legs:
        if leg.team in said:
            leg = dataclasses.replace(said[leg.team], opponent=leg.opponent)
        elif every is not None and not leg.market_said:
            backed = leg.team if every.get("win") else None
            leg = dataclasses.replace(leg, market=every["market"], selection=every["selection"], line=every["line"],
                                      selection_team=backed)
        filled.append(leg)
    slots = turn.slots
    turn.intent, turn.settled, turn.confidence = "bet_simulation", True, 0.9
    turn.combo_legs = filled
    slots.teams = [leg.team for leg in filled if leg.team]
    turn.named = list(slots.teams)
    if slots.amount is None and asked.get("amount"):
        slots.amount = Decimal(asked["amount"])
    slots.currency = slots.currency or asked.get("currency")
    return True
