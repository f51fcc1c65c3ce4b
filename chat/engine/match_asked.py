"""Which match, asked: a request about one match (its odds, a stake on it) whose words leave several (a player's
matches this weekend, no match said at all) lists them and asks, never prices one on a guess. The request is kept in
the frame (`match_asked`, for one turn) so the reply that picks one ("the second one", "the Sunday one", "the one
against Musetti") continues it on that match: its intent, stake, currency, market and side, the way `names_asked`
continues a request after "which Borussia?". A reply that refers to the list without determining one match ("the
fifth one" of two) asks again with the request still kept; anything else is a question of its own.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .bet_choice import on_the_day, ordinal_of, pick_choice
from .frame_cues import ASKS_ODDS, ASKS_WHEN, WHAT_IF
from .listed_focus import WHICH_LISTED
from .names_asked import shared_name
from .nlu.text import fold
from .turn import Turn, jsonable

ASKED = "match_asked"
# The requests kept: a real bet has its own list and question (the betting service's, `bet_choice`).
KEPT_INTENTS = ("odds_information", "bet_simulation")
_KEPT = ("amount", "currency", "market", "selection", "line", "selection_team", "selection_negated")
# A reply that asks something else of the match it picks ("odds for the second one", "what if I bet 10 on the
# first?", "when is the second one?"): that question, not the request kept (matched on folded text). The frame's own
# cues, and a stake said ("bet 10 on the first", "apuesto 5 al segundo").
_STAKE_SAID = re.compile(r"\b(?:bet|stake|apuesto|apostar|aposto|apuesta|aposta)\b"
                         r"|\b\d+(?:[.,]\d+)?\s+(?:on|al|a|no|na|en|em)\b")
# A listing asked ("show me Chelsea's games this week", "los partidos del Betis", "lista os jogos"): matches in the
# plural or a verb of showing, a request of its own, never the pick of one match ("the Chelsea game" is)
_LISTS = re.compile(r"\b(?:games|matches|fixtures|schedule|calendar|partidos|encuentros|jogos|partidas|calendario"
                    r"|agenda|show me|list|lista|listar|muestrame|mostrame|mostra|mostre|mostrar)\b")
_ASKS = {"odds_information": (ASKS_ODDS,), "bet_simulation": (WHAT_IF, _STAKE_SAID),
         "match_schedule": (ASKS_WHEN, _LISTS)}


def keep(turn: Turn, fixtures: list[dict], *, team: str | None = None, sided: bool = True,
         intent: str | None = None, open_ask: bool = False) -> None:
    """Keep the request this answer asks about (which of `fixtures`): `team` is the club or player whose matches
    they are; `sided`: a stake on that team itself ("20 on Zverev this weekend": Zverev's side of the match picked),
    not on its match as a whole ("10 on the Betis game": which result, asked once the match is picked). `intent`:
    the request kept when it is not this turn's (a guest's "bet 25": a what-if); `open_ask`: the question asks for a
    match with no list ("how much, and on which match?"): a reply naming one continues the request."""
    intent = intent or turn.intent
    if intent not in KEPT_INTENTS or not (fixtures or open_ask):
        return
    slots = turn.slots
    kept = {key: jsonable(getattr(slots, key)) for key in _KEPT}
    if intent == "bet_simulation" and team and sided and not (slots.selection or slots.selection_team):
        kept["selection_team"] = team
    turn.context[ASKED] = {
        "intent": intent, "team": team, "open": open_ask, **kept,
        "choices": [{"id": f["id"], "home": f["home"], "away": f["away"], "sport_id": f.get("sport_id"),
                     "start_time": f["start_time"], "sides": [f["home"], f["away"]],
                     "tournament": f.get("tournament")} for f in fixtures],
    }


def continue_request(turn: Turn, asked: dict | None) -> bool:
    """The reply to "which of these matches?": the request it interrupted, on the match picked (True); asked again
    when it refers to the list but determines none (True); False when it does not answer the question."""
    if not asked or not (asked.get("choices") or asked.get("open")):
        return False
    slots, message = turn.slots, turn.ctx.message
    intent = asked.get("intent") or "odds_information"
    folded = fold(message)
    if any(pattern.search(folded) for key, patterns in _ASKS.items() if key != intent for pattern in patterns):
        return False  # "odds for the second one" after a simulation was asked about: the odds (frame.py picks it)
    own = [asked["team"]] if asked.get("team") else []
    owned = {name.casefold() for name in own}
    named = [team.casefold() for team in slots.teams if team.casefold() not in owned]
    if not asked.get("choices"):  # an open "which match?": a reply naming one goes on with it, the handler finds it
        if not named:
            return False
        _continue(turn, asked, intent)
        return True
    if (slots.date_from or slots.date_to) and not named and ordinal_of(folded) is None \
            and not on_the_day(asked["choices"], date_from=slots.date_from, date_to=slots.date_to, tz=turn.tz):
        return False  # "and tomorrow?" when none of them is tomorrow: a new day, the team's match then (or none)
    referred, choice = pick_choice(message, teams=list(slots.teams), tournament=slots.tournament,
                                   date_from=slots.date_from,
                                   date_to=slots.date_to, choices=asked["choices"], own=own, tz=turn.tz)
    if (place := listed_place(message, len(asked["choices"]))) is not None:
        # "2" to "which of these matches?": the second one listed, never a stake of 2 on the first
        referred, choice = True, asked["choices"][place]
        slots.amount, slots.amount_ambiguous, slots.teams = None, False, []
    if not referred and not (named or slots.team_choices or slots.unknown_teams or slots.date_from or slots.date_to
                             or shared_name(message)) and _adds_to(slots):
        referred = True  # "and the draw?": of which of them, still; never another match's draw priced
    if not referred:
        return False
    sides = {side.casefold() for item in asked["choices"] for side in item.get("sides") or []}
    if choice is None and named and not set(named) & sides:
        if asked.get("team"):
            return False  # "and Alcaraz?" after Sinner's matches: another player, a question of its own
        # the list was examples of an open "which match? tell me a team": "liverpool v chelsea" answers it with a
        # match of its own, which the request's handler finds (and asks about again if the names leave several)
        _continue(turn, asked, intent)
        return True
    _continue(turn, asked, intent)
    slots.date_from = slots.date_to = None  # "the 1st one" is a place in the list; the match picked has its day
    if choice is None:  # "the fifth one" of two: which, again, the request (and what this reply added) kept
        asked = {**asked, **{key: jsonable(getattr(slots, key)) for key in _KEPT
                             if getattr(slots, key) not in (None, False)}}
        turn.question, turn.context[ASKED] = WHICH_LISTED, asked
        return True
    context = turn.context
    home, away = choice["home"], choice["away"]
    context["fixture_id"], context["fixture_teams"] = choice["id"], [home, away]
    context["fixture_label"], context["fixture_sport"], context["focus_listed"] = f"{home} vs {away}", \
        choice.get("sport_id"), None
    slots.teams, turn.named, turn.slots_from_memory = [home, away], [], True
    if intent == "bet_simulation" and slots.selection is None and slots.selection_team is None:
        turn.question = "which_side"  # a stake on the match as a whole: which result, never the home side
    return True


def listed_place(message: str, listed: int) -> int | None:
    """The index a reply that is only a small number ("2", "#3", "nº 2") picks from a list of `listed`, else None."""
    place = re.fullmatch(r"\W*(?:#|n[or]?\.?\s*)?(\d{1,2})\W*", fold(message))
    return int(place.group(1)) - 1 if place and 1 <= int(place.group(1)) <= listed else None


def _continue(turn: Turn, asked: dict, intent: str) -> None:
    """The interrupted request goes on in this turn: its intent, and what it said that this reply does not."""
    slots = turn.slots
    turn.intent, turn.settled, turn.confidence = intent, True, max(turn.confidence, 0.9)
    for key in _KEPT:
        if getattr(slots, key) in (None, False) and asked.get(key) not in (None, False):
            setattr(slots, key, Decimal(asked[key]) if key == "amount" else asked[key])


def _adds_to(slots) -> bool:
    """The reply says something of the request itself (a market, a side, a stake) and nothing of a match."""
    return any(getattr(slots, key) not in (None, False) for key in ("market", "selection", "amount", "line"))
