"""A list of several matches nobody picked from ("matches today", "tips for the weekend"): its first match is in
focus only for what continues the list ("and after that?"); a question that needs one match ("what if I bet 10 on
it?", "¿cuánto paga el empate?", "that match") asks which of the listed ones, never takes the first on a guess.
A place in the list ("the second one") or a team named picks, as anywhere else (frame.py)."""

from __future__ import annotations

from .turn import Turn

# The questions that are about one match: its prices, a stake on it, a real bet on it, its two sides compared.
_NEEDS_ONE_MATCH = ("odds_information", "bet_simulation", "place_bet", "team_comparison")
WHICH_LISTED = "which_listed"


def mark_listed(turn: Turn) -> None:
    """After the answer: whether the match in focus is only the first of several listed with no team asked about, or
    with the teams of several matches (a team's own fixtures are that team's next match; one match listed is that
    match)."""
    context, shown = turn.context, turn.shown
    if not shown:
        return
    ids = {item["id"] for item in shown}
    several_named = len(turn.slots.teams) > 2  # "odds for Liverpool - Chelsea and Barça - Atlético": two matches
    context["focus_listed"] = (len(ids) > 1 and (not turn.slots.teams or several_named)
                               and context.get("fixture_id") in ids) or None


def unpicked(context: dict) -> bool:
    """The match in focus is only the first of a list of several nobody picked from."""
    return bool(context.get("focus_listed")) and len(context.get("last_list") or []) > 1


def needs_a_pick(turn: Turn) -> bool:
    """The message asks about one match, names none (no team, competition or date) and the match in focus is only
    the first listed: which of them is asked (`turn.question`)."""
    slots = turn.slots
    if not unpicked(turn.context) or slots.teams or slots.tournament or slots.date_from or turn.question \
            or slots.unknown_teams or turn.unresolved:
        return False
    if turn.context.get("last_intent") == "betting_recommendation" and slots.amount is not None \
            and not (slots.selection or slots.market) and turn.intent in ("betting_recommendation", "bet_simulation") \
            and not slots.wants_real_bet:
        return False  # "what if I bet 50 instead?" after tips: the tips for that stake (never a real bet: asked)
    asks_a_price = bool(slots.selection or slots.market) and turn.intent != "general_betting_info"
    return turn.intent in _NEEDS_ONE_MATCH or asks_a_price or slots.wants_real_bet
