"""A real bet asked about or prepared by the last answer, continued by this message ("actually make it 35", "10
dólares", "que gane el Barcelona", "the second one" to its "which match?", a bare "sí" to the market question); what the
message changes is taken, the rest stays as the bet was. Split out of `frame.py`, which calls it."""

from __future__ import annotations

from decimal import Decimal

from .answer import _CANCEL, _MY_BETS
from .bet_choice import ordinal_of, pick_choice, wins_alone
from .combo_asked import BARE_AMOUNT
from .frame_cues import ASKS_OTHER, WHAT_IF
from .frame_cues import settle as _settle
from .nlu.text import fold
from .turn import Turn

# The questions of their own a message may ask right after a real bet was asked about: not an answer to it.
_NOT_A_BET_ANSWER = ("balance_query", "tournament_info", "team_comparison", "general_betting_info", "help",
                     "match_schedule")


# A bare side of an over/under, answering which side of it a real bet is on ("over", "más", "abaixo").
_TOTAL_SIDES = {"over": "over", "the over": "over", "under": "under", "the under": "under", "mas": "over",
                "menos": "under", "mais": "over", "por encima": "over", "por debajo": "under", "acima": "over",
                "abaixo": "under"}


def continues_real_bet(turn: Turn, real: dict) -> bool:
    """"actually make it 35", "10 dólares", "que gane el Barcelona" (or a bare "sí" to the market question)
    right after a real bet was prepared or asked about: that real bet, with what this message changes. A message
    naming other teams, or saying no, is something else."""
    slots, message = turn.slots, turn.ctx.message
    known = {name.casefold() for name in real.get("teams") or []}
    if slots.confirmation is False or _CANCEL.match(message) or _MY_BETS.search(message) \
            or WHAT_IF.search(fold(message)):
        return False
    if real.get("stake_asked") and slots.amount is None and (bare := BARE_AMOUNT.fullmatch(fold(message))):
        slots.amount = Decimal(bare.group(1).replace(",", "."))  # "20" answers "how much do you want to stake?"
    picked = _picks_listed_match(turn, real)
    if picked is None and _answers_which_club(turn, real):  # "Atlético Madrid" to an accumulator's "which club?"
        picked = real
    sides = real.get("teams") or []
    bare_side = _TOTAL_SIDES.get(fold(message).strip(" .!?¿¡"))
    if real.get("market") == "over_under" and not slots.selection and bare_side:  # "over" to "which side?"
        slots.market, slots.selection = "over_under", bare_side
    if not (slots.teams or slots.market or slots.selection) \
            and (team := wins_alone(message, teams=sides)):  # "to win", "que gane": the one team of the bet wins
        slots.market, slots.selection_team = "1x2", team
        picked = picked or real
    if picked is None and turn.intent in _NOT_A_BET_ANSWER and turn.confidence >= 0.5:
        return False  # a question of its own; an unsure reading of "over" or "10" is no question
    if picked is None and any(team.casefold() not in known for team in slots.teams) \
            and (known or ASKS_OTHER.search(fold(message))):
        return False  # another team; with none yet ("put 25 on what?") it answers unless it asks ("odds for X?")
    answers = (picked is not None or slots.amount is not None or slots.currency or slots.market or slots.selection
               or slots.selection_team or slots.confirmation is True or slots.wants_real_bet)  # not "what's on today?"
    if not answers:
        return False
    if slots.amount is not None and slots.currency is None:
        turn.context["currency"] = None  # "35" / "How much in USD?" "10": the account's currency, never the old one
    elif slots.amount is None:
        slots.amount = Decimal(real["amount"]) if real.get("amount") else None
        slots.currency = slots.currency or real.get("currency")
        slots.amount_ambiguous = slots.amount_ambiguous or bool(real.get("amount_ambiguous"))
    if slots.teams and len(real.get("teams") or []) == 2 and picked is None \
            and all(team.casefold() in known for team in slots.teams):
        # "vitória do celtic" to the pick asked of Celtic vs Arsenal: a side of that match, never Celtic's next one
        if len(slots.teams) == 1 and not (slots.selection_team or slots.selection or slots.market):
            slots.market, slots.selection_team = "1x2", slots.teams[0]
        slots.teams = list(real["teams"])
    if not slots.teams:
        slots.teams = list(real.get("teams") or [])
        if real.get("fixture_id"):  # the fixture of the slip shown (or picked from the list), not the next one
            turn.context["fixture_id"], turn.slots_from_memory = real["fixture_id"], True
            turn.bet_chosen = [real["fixture_id"]]
    if not (slots.market or slots.selection or slots.selection_team):
        slots.market, slots.selection, slots.line = real.get("market"), real.get("selection"), real.get("line")
        slots.selection_team = real.get("selection_team")
        slots.selection_negated = bool(real.get("selection_negated"))
    elif real.get("market") in ("over_under", "btts") and slots.market in (None, real["market"]):
        # "over" / "Over 2.5 goals" answering "on which side of that market?": the market and line asked about
        slots.market = real["market"]
        slots.line = slots.line if slots.line is not None else real.get("line")
    slots.date_from = slots.date_from or real.get("date_from")
    slots.date_to = slots.date_to or real.get("date_to")
    slots.tournament = slots.tournament or real.get("tournament")  # "in the Champions League" still holds
    slots.sport_id = slots.sport_id or real.get("sport_id")
    slots.wants_real_bet = turn.real_bet = True
    _settle(turn, "place_bet")
    return True


def _answers_which_club(turn: Turn, real: dict) -> bool:
    """Whether the message answers an accumulator's "which club?" (a leg on a shared name): it names one of the
    clubs asked about, or a place in that list ("the first one"); the accumulator continues with it."""
    clubs = (real.get("combo") or {}).get("club_choices") or []
    if not clubs or len(turn.ctx.message.split()) > 6:
        return False
    return any(team in clubs for team in turn.slots.teams) or (
        not turn.slots.teams and ordinal_of(fold(turn.ctx.message)) is not None)


def _picks_listed_match(turn: Turn, real: dict) -> dict | None:
    """"the second one", "el del Leeds", "o de sábado" right after the real bet asked which of its team's matches:
    `real` on the match picked (the words that picked it are not the bet's), or `real` as it was when the answer
    does not determine one (the list is shown again). None when the message does not answer that question."""
    choices = real.get("choices")
    if not choices:
        return None
    slots = turn.slots
    referred, choice = pick_choice(turn.ctx.message, teams=slots.teams, date_from=slots.date_from,
                                   date_to=slots.date_to, choices=choices, own=real.get("teams") or [], tz=turn.tz)
    if not referred:
        return None
    slots.teams, slots.date_from, slots.date_to = [], None, None
    if choice is not None:
        real["fixture_id"] = choice["id"]
    return real
