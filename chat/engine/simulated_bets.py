"""Follow-ups of a simulation: what a message says after "what if I bet 20 on Everton?" about that simulated bet.

- A what-if, or a correction ("actually put it on Sunderland instead", "¿y si les apuesto 15?"), is a simulation
  again unless it says real money ("for real", "de verdad", "place the bet"): never a real-bet request in its place.
- A stake given after an aside ("how much do I have?" then "ok, and what if it were 25?") is the last simulation's.
- A selection with no stake and nothing to continue ("and the draw in that game" after an aside) is its price.
- "place it" / "ok put it on Lazio then" right after a simulation is the real bet of that simulation (its stake,
  market and match; another team named takes its side), not "no bet is waiting" nor the whole bet asked again.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .answer import _CORRECTION, _SLIP_ONLY, INSTEAD
from .frame_cues import restated_stake
from .nlu.stance import is_hypothetical
from .nlu.text import fold
from .turn import Turn

# Words that make a bet real money whatever else the message says.
REAL_MONEY = re.compile(
    r"\b(?:for real|real (?:bet|money)|de verdad|en serio|de verdade|dinheiro real|dinero real|apuesta real"
    r"|aposta real|with my (?:money|balance|account)|con mi (?:saldo|plata|dinero|cuenta)"
    r"|com (?:o )?(?:meu saldo|minha conta|meu dinheiro)|place (?:the |a |my |this |that )?(?:bet|wager)"
    r"|confirm\w*|coloca(?:r)? (?:la|a) apuesta|coloca(?:r)? a aposta)\b")
SUPPOSING = re.compile(r"\b(?:what if|y si|e se|and if|how about if|que tal si|e que tal se|suppose)\b")
ACTUALLY = re.compile(r"\b(?:actually|rather|en realidad|mejor|mas bien|na verdade|melhor|em vez|en vez|en lugar"
                       r"|no lugar|instead|na real|pensando bem|en verdad|pensandolo bien|de hecho)\b")
# "no", "nope, ...", "não, ...": the user turns down what was just shown
SAYS_NO = re.compile(r"^\W*(?:no+|nope|nah|nao)\b")
# "place it", "put it through", "dale, hazla", "pode fazer", "coloca essa": the simulated bet, for real.
_PLACE_IT = re.compile(
    r"^\W*(?:(?:ok|okay|sure|great|nice|cool|dale|vale|bueno|beleza|show|perfect\w*)\W+){0,2}"
    r"(?:(?:then|please|now)\W+)?(?:place|put|lock|book|do|make)\s+(?:it|that|this|that one|this one)"
    r"(?:\s+(?:through|in|on|for real|now|then|please))*\W*$"
    r"|^\W*(?:(?:ok|vale|dale|bueno)\W+)?(?:hazla|ponla|apuestala|coloca(?:la)?|haz(?:la)? (?:la apuesta|eso))"
    r"(?:\s+(?:ya|entonces|por favor|pues))*\W*$"
    r"|^\W*(?:(?:ok|beleza|show|entao)\W+)?(?:pode fazer|faz(?: ela| isso| a aposta)?|coloca(?: ela| essa| isso)?"
    r"|aposta (?:ela|essa|isso))(?:\s+(?:ai|entao|por favor|agora))*\W*$")
_SLIP_CONFIRMATION = re.compile(r"^\W*(?:yes|yeah|yep|si|sim|confirm\w*|confirmo)\b")
# "put it on Lazio", "ponlo al Betis", "coloca no Grêmio": the simulated bet (its stake) on another team.
IT_ON = re.compile(r"\b(?:put|place|move|switch|change)\s+(?:it|that|this|the bet)\s+(?:on|to)\b"
                    r"|\b(?:ponlo|ponla|pasalo|pasala|cambialo|cambiala)\s+(?:a|al|en|por)\b"
                    r"|\b(?:coloca|passa|muda|troca)(?:-a|-o| ela| isso| a aposta)?\s+"
                    r"(?:no|na|pro|pra|para o|para a)\b")
# A verb that puts a stake somewhere ("stick it on Napoli", "ponlo al Betis", "coloca no Corinthians").
_MOVES_THE_BET = re.compile(r"\b(?:put|stick|place|move|switch|bet|back|pon|ponlo|ponla|ponle|pasalo|pasala|mete"
                            r"|metele|apuesta|apuestalo|coloca|coloque|passa|bota|joga|aposta|muda|troca)\b")
_ASIDES = ("balance_query", "general_betting_info", "help", "greeting", "tournament_info", "my_bets",
           "bet_confirmation")


# "no", "nope, thanks", "não, obrigado": a refusal and nothing else (the NLU reads a bare "no" as a simulation)
_BARE_NO = re.compile(r"^\W*(?:no+|nope|nah|nao)(?:\W+(?:thanks|thank you|thx|gracias|obrigad[oa]|valeu))?\W*$")


def declines_the_simulation(turn: Turn, last_intent: str | None) -> bool:
    """A bare "no" right after a simulation turns it down: it is not simulated again, and it leaves nothing for a
    later "place it" (`remember_simulation` forgets it); the answer says nothing is placed (offline.dispatch)."""
    if last_intent != "bet_simulation" or not _BARE_NO.match(fold(turn.ctx.message)):
        return False
    turn.intent, turn.slots.confirmation, turn.settled = "bet_confirmation", False, True
    return True


def stays_a_simulation(turn: Turn, last_intent: str | None) -> bool:
    """A what-if or a correction read as a real-bet request, with no real-money word: a simulation again."""
    folded = fold(turn.ctx.message)
    moves = last_intent == "bet_simulation" and bool(turn.slots.teams) and bool(_MOVES_THE_BET.search(folded))
    if turn.intent != "place_bet" and not turn.slots.wants_real_bet and not moves:
        return False
    if REAL_MONEY.search(folded):
        return False
    what_if = bool(SUPPOSING.search(folded)) or is_hypothetical(folded)
    # "coloca 40", "put 40", "pon 40" right after a simulation: its stake restated (a place verb and a number only,
    # no "bet", no real-money word): the simulation at 40, moving nothing; "place it" then makes it real
    corrects = last_intent == "bet_simulation" and bool(
        ACTUALLY.search(folded) or INSTEAD.search(folded) or _CORRECTION.match(folded) or _SLIP_ONLY.match(folded)
        or (not turn.slots.teams and restated_stake(turn.ctx.message) is not None))
    if not (what_if or corrects):
        return False
    turn.intent, turn.slots.wants_real_bet, turn.settled = "bet_simulation", False, True
    turn.confidence = max(turn.confidence, 0.7)
    return True


# What makes a message about a selection a simulation rather than a question about its price: a stake, a staking
# verb, a what-if or what it would return ("what if I bet on the draw?", "how much would I win on the over?").
_SIMULATES = re.compile(r"\b(?:bet|bets|betting|stake|staking|wager\w*|put|stick|what if|and if|suppose|simulat\w*"
                        r"|win|winnings|return\w*|profit|payout|apost\w*|apuest\w*|pon\w*|mete\w*|meto|y si"
                        r"|simula\w*|gan\w*|devolv\w*|coloc\w*|bot\w*|e se|lucro|retorn\w*|back(?! to\b)|backing|backed"
                        r"|(?:would|do|will|could) i get|get me|pocket|llev\w*|lev\w*|sac\w*|fatur\w*)\b")


def asks_the_price(turn: Turn, last_intent: str | None) -> bool:
    """"ok and the draw in that game", "¿y el over?" read as a simulation: a selection with no stake, no staking word
    and no simulation to continue asks its price; it never becomes a simulation waiting for a stake."""
    slots = turn.slots
    if turn.intent != "bet_simulation" or slots.amount is not None or last_intent == "bet_simulation" \
            or not (slots.market or slots.selection) or _SIMULATES.search(fold(turn.ctx.message)):
        return False
    turn.intent = "odds_information"
    return True


def last_simulation(context: dict) -> dict | None:
    """The last simulation of the conversation, kept through asides (a balance, a definition)."""
    return context.get("simulation")


def remember_simulation(turn: Turn) -> None:
    """After a simulation that ran: what it was (teams, stake, market, side, match), for a stake said after an aside
    and for "place it"; any other question about a match, or a "no" not simulated again, replaces it with nothing:
    a place request never places the side the user turned down."""
    context = turn.context
    if turn.intent == "bet_simulation" and any(call["name"] == "simulate_bet" for call in turn.tool_calls):
        context["simulation"] = {
            "teams": list(turn.slots.teams), "stake": str(turn.slots.amount) if turn.slots.amount else None,
            "currency": turn.slots.currency, "market": turn.slots.market, "selection": turn.slots.selection,
            "line": turn.slots.line, "selection_team": turn.slots.selection_team,
            "fixture_id": context.get("fixture_id"), "fixture_teams": context.get("fixture_teams"),
        }
    elif turn.intent in ("odds_information", "match_schedule", "team_comparison", "betting_recommendation",
                         "place_bet") or SAYS_NO.match(fold(turn.ctx.message)):
        context.pop("simulation", None)  # "no" / "no, the other one" not simulated again: nothing left to place


_ENDS_WITH_STAKE = re.compile(r"(?<![\w.,])(\d{1,6}(?:[.,]\d{1,2})?)\W*$")


def stake_after_aside(turn: Turn, last_intent: str | None) -> bool:
    """"¿cuánto saldo tengo?" then "vale, y si mejor son 25?": the last simulation with that stake."""
    simulation = last_simulation(turn.context)
    slots = turn.slots
    if not simulation or last_intent not in _ASIDES or slots.teams or slots.market or slots.selection:
        return False
    folded = fold(turn.ctx.message)
    amount = slots.amount
    if amount is None:
        bare = _ENDS_WITH_STAKE.search(folded) if len(turn.ctx.message.split()) <= 7 else None
        amount = Decimal(bare.group(1).replace(",", ".")) if bare else None
    if amount is None or not (SUPPOSING.search(folded) or ACTUALLY.search(folded) or len(folded.split()) <= 3):
        return False
    _restore(turn, simulation)
    slots.amount = amount
    turn.intent, turn.settled, turn.confidence = "bet_simulation", True, max(turn.confidence, 0.7)
    return True


# "hazlo 20 y colócala", "make it 25 and place it", "faz 30 e coloca": a stake restated, then the place request.
_AND_THEN = re.compile(r"\W+(?:and then|and|then|y luego|y|luego|e depois|e|depois)\W+")


def _stake_then_place(folded: str) -> str | None:
    """The new stake of "hazlo 20 y colócala" (a restated stake, then "place it"); None for anything else."""
    parts = _AND_THEN.split(folded, maxsplit=1)
    if len(parts) != 2 or not _PLACE_IT.match(parts[1]):
        return None
    return restated_stake(parts[0])


def stake_then_place(turn: Turn) -> bool:
    """"hazlo 20 y colócala" after a bet of 10 (simulated, or a slip shown): the bet with the new stake, to be placed
    (its slip asked to confirm, as every slip is); the "place it" is no confirmation of the old stake."""
    said = _stake_then_place(fold(turn.ctx.message))
    if said is None:
        return False
    turn.slots.amount, turn.slots.confirmation = Decimal(said), None
    return True


def places_the_simulation(turn: Turn, last_intent: str | None) -> bool:
    """"place it" right after a simulation (nothing waiting to confirm): the real bet of that simulation;
    "ok put it on Lazio then": the same, on Lazio's side (the stake kept)."""
    simulation = last_simulation(turn.context)
    if last_intent != "bet_simulation" or not simulation or turn.context.get("pending_bet"):
        return False
    folded = fold(turn.ctx.message)
    slots = turn.slots
    if _SLIP_CONFIRMATION.match(folded):
        return False  # "yes, place it" / "confirm": the phrase that confirms a slip shown, never a new one
    if (_PLACE_IT.match(folded) or _stake_then_place(folded)) and not slots.teams:
        _restore(turn, simulation)  # "place it"; "hazlo 20 y colócala" (its stake read by `stake_then_place`)
    elif IT_ON.search(folded) and slots.teams and not SUPPOSING.search(folded) and not ACTUALLY.search(folded):
        _keep_stake(slots, simulation)
        if slots.market is None and simulation.get("market") in (None, "1x2"):
            slots.market, slots.selection_team = "1x2", slots.teams[0]
        turn.context.pop("fixture_id", None)  # the named team's match, not the simulated one
    else:
        return False
    slots.wants_real_bet = True
    turn.intent, turn.settled, turn.confidence = "place_bet", True, max(turn.confidence, 0.8)
    return True


def _restore(turn: Turn, simulation: dict) -> None:
    slots = turn.slots
    slots.teams = list(simulation.get("teams") or [])
    _keep_stake(slots, simulation)
    slots.market, slots.selection = simulation.get("market"), simulation.get("selection")
    slots.line, slots.selection_team = simulation.get("line"), simulation.get("selection_team")
    if simulation.get("fixture_id"):
        turn.context["fixture_id"] = simulation["fixture_id"]
        turn.context["fixture_teams"] = simulation.get("fixture_teams")
        turn.slots_from_memory = True


def _keep_stake(slots, simulation: dict) -> None:
    """The simulation's stake and currency, where the message said none of its own."""
    if slots.amount is None and simulation.get("stake"):
        slots.amount = Decimal(simulation["stake"])
    slots.currency = slots.currency or simulation.get("currency")
