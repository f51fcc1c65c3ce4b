"""A new pick of the match in focus said without a club's name, right after a simulation or its odds: 1X2 slang ("pon
el 2", "faz o 2", "put it on the 2": 1 the home win, X the draw, 2 the away win) and the draw ("make it the draw",
"mejor al empate", "põe no empate").

Why: the NLU reads "el 2" as a day (2 January) or a stake of 2, and "make it the draw" as a question of the draw's
price, so the simulation just shown became odds or a stake of 2. The pick is the match in focus's: the stake of the
simulation is kept, and a simulation stays a simulation unless the message says real money or puts "it" on the pick
("put it on the 2", as "put it on Lazio" does: `simulated_bets.places_the_simulation`), which prepares a slip to
confirm. Asked alone ("and the 2?", "y el 1?"), a label is what "and the draw?" is: the same stake on it after a
simulation, its price after odds. A label is read only with its determiner ("the 2", "el 2", "o 2", "al 2"), only
in a short message whose other words only change the pick, only when the match's result has a draw (a 1X2 market),
and only when the last answer asked nothing: a bare "2" to "how much?" stays a stake.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .answer import INSTEAD
from .formatting import has_draw
from .frame_cues import settle
from .listed_focus import unpicked
from .nlu.stance import is_hypothetical
from .nlu.text import fold
from .simulated_bets import ACTUALLY, IT_ON, REAL_MONEY, SAYS_NO, SUPPOSING, last_simulation
from .turn import Turn

_LABELS = {"1": "home", "x": "draw", "2": "away"}
# "the 2", "on the X", "el 2", "al 1", "o 2", "no X", "pelo 2": a 1X2 label with its determiner, ending the message
_LABEL = re.compile(r"\b(?:the|on|el|la|lo|al|a|o|no|na|pelo|pro|pra|en|em)\s+(1|x|2)"
                    r"(?:\W+(?:instead|then|please|entonces|entao|mejor|melhor|pues|ai|por favor))*\W*$")
_DRAW = re.compile(r"\b(?:draw|tie|empate|empates)\b")
# "and the 2?", "y el 1?", "e o 2?", "what about the X?": the label asked about alone, as "and the draw?" is
_AND_LABEL = re.compile(r"\W*(?:and|y|e|what about|how about|y que tal|que tal|e que tal)\s+(?:the|el|lo|o|al|no)\s+"
                        r"(1|x|2)\W*")
# A verb that puts money on the pick ("pon el 2", "faz o 2", "bet the draw"): after odds, a bet on it (how much?)
_STAKES = frozenset("""put place bet stake back pon ponle ponlo ponla pone mete metele meto apuesta apuestale
    apuestalo apuesto faz faca poe coloca coloque bota aposta apostar joga""".split())
# A verb that changes the pick (the draw said alone, "and the draw?", stays a question of its price)
_CHANGES = _STAKES | frozenset("""make switch change move go cambia cambialo cambiala pasa pasalo pasala mejor sea
    sean muda troca passa melhor seja""".split())
# What else such a message may say: links, "instead"/"then", and the words of a what-if ("what if I put 10 on the X")
_CHANGE = _CHANGES | frozenset("""it with on to the then instead rather actually ok okay so and please now what if i
    que el la lo al a en por entonces y si le mas bien vale bueno pues no na o pelo pela pro pra e entao ai agora se
    eu nao nope nah""".split())
_AMOUNT = re.compile(r"\d{1,6}(?:[.,]\d{1,2})?")
# A stake and a 1X2 label, nothing else ("20 on the 1 please", "10 al 2", "15 no X"): that stake on that pick
_STAKED_LABEL = re.compile(r"\W*(\d{1,6}(?:[.,]\d{1,2})?)\s+(?:on|al|a|no|na|en|em|pro|pra|pelo)\s+"
                           r"(?:(?:the|el|lo|o)\s+)?(1|x|2)(?:\W+(?:please|pls|por favor|then|entonces|entao))*\W*")


def pick_said(folded: str) -> tuple[str, str | None] | None:
    """(home/draw/away, the stake said or None) when the message only changes the pick to a 1X2 label or to the
    draw, with at most one stake ("put 10 on the 2", "no, el 2"); None otherwise."""
    if asked_alone := _AND_LABEL.fullmatch(folded):
        return _LABELS[asked_alone.group(1)], None
    if staked := _STAKED_LABEL.fullmatch(folded):
        return _LABELS[staked.group(2)], staked.group(1).replace(",", ".")
    words = re.findall(r"[^\W_]+(?:[.,]\d{1,2})?", folded)
    amounts = [word for word in words if _AMOUNT.fullmatch(word)]
    # "no, el 2", "nope, the draw", "não, o 1": a correction of the pick just simulated or priced, the new pick
    if not words or len(words) > 9 or not (set(words) & _CHANGES or SAYS_NO.match(folded)):
        return None
    label = _LABEL.search(folded)
    if label:
        rest = re.findall(r"[^\W_]+(?:[.,]\d{1,2})?", folded[: label.start(1)] + folded[label.end(1):])
        said = [word for word in rest if _AMOUNT.fullmatch(word)]
        if len(said) <= 1 and all(word in _CHANGE or word in said for word in rest):
            return _LABELS[label.group(1)], (said[0].replace(",", ".") if said else None)
        return None
    if len(amounts) <= 1 and _DRAW.search(folded) and all(
            word in _CHANGE or word in amounts or _DRAW.fullmatch(word) for word in words):
        return "draw", (amounts[0].replace(",", ".") if amounts else None)
    return None


def picks_a_selection(turn: Turn, last_intent: str | None, *, asked: str | None) -> bool:
    """"pon el 2" / "make it the draw" after a simulation or odds of one match: that match, that pick, the stake kept.
    True when the message was read so (the slots and intent set)."""
    context, slots = turn.context, turn.slots
    sides = context.get("fixture_teams") or []
    if last_intent not in ("bet_simulation", "odds_information") or asked or slots.teams or slots.tournament \
            or not context.get("fixture_id") or len(sides) != 2 or unpicked(context):
        return False
    folded = fold(turn.ctx.message)
    picked = pick_said(folded)
    # in a sport with no draw the 1 and the 2 are still its two sides ("and the 2?" after the Lakers: the other
    # one, never a stake of 2); its draw is no pick (the sport's own question answers it)
    if picked is None or (picked[0] == "draw" and not has_draw(context.get("fixture_sport"))):
        return False
    selection, said = picked
    simulation = last_simulation(context) if last_intent == "bet_simulation" else None
    slots.teams, turn.named, turn.slots_from_memory = list(sides), list(sides), True
    slots.market, slots.selection, slots.line, slots.selection_negated = "1x2", selection, None, False
    slots.selection_team = None if selection == "draw" else sides[0 if selection == "home" else 1]
    slots.date_from = slots.date_to = None  # "el 2" is no 2 January
    slots.amount, slots.confirmation = None, None  # nor a stake of 2
    if said is not None:
        slots.amount = Decimal(said)  # "put 10 on the 2": that stake
    elif simulation and simulation.get("stake"):
        slots.amount = Decimal(simulation["stake"])
    if simulation:
        slots.currency = slots.currency or simulation.get("currency")
    # as for a club named (`places_the_simulation`): "put it on the 2" is for real, "mejor ponlo al empate" corrects
    supposes = bool(SUPPOSING.search(folded)) or is_hypothetical(folded)
    real = bool(REAL_MONEY.search(folded)) or (bool(IT_ON.search(folded)) and not (
        ACTUALLY.search(folded) or supposes or INSTEAD.search(folded)))
    # after odds, a stake put on the pick ("put 10 on the 2", "mete 15 al 2") is a bet to confirm; a what-if of it
    # ("what if I put 10 on the X?") a simulation
    staked = simulation is None and said is not None and bool(set(re.findall(r"[^\W_]+", folded)) & _STAKES
                                                              or _STAKED_LABEL.fullmatch(folded))
    if real or (simulation is None and not supposes and (turn.intent == "place_bet" or staked)):
        slots.wants_real_bet = turn.real_bet = True
        settle(turn, "place_bet")  # with no stake kept: asked, nothing prepared
    elif simulation or set(re.findall(r"[^\W_]+", folded)) & _STAKES:
        slots.wants_real_bet = False
        settle(turn, "bet_simulation")  # a simulation stays one; "pon el 2" after odds: how much? (asked)
    else:
        settle(turn, "odds_information")  # "make it the draw" after odds: that price
    return True
