"""A real bet asked about or prepared by the last answer, continued by this message ("actually make it 35", "10
dólares", "que gane el Barcelona", "the second one" to its "which match?", a bare "sí" to the market question); what the
message changes is taken, the rest stays as the bet was. Split out of `frame.py`, which calls it."""

from __future__ import annotations

import re
from decimal import Decimal

from . import slip_changes, stake_or_line
from .answer import _CANCEL, _MY_BETS
from .bet_choice import ordinal_of, pick_choice, wins_alone
from .frame_cues import ASKS_OTHER, WHAT_IF, bare_stake
from .frame_cues import settle as _settle
from .match_asked import listed_place
from .nlu.text import fold
from .turn import Turn

# The questions of their own a message may ask right after a real bet was asked about: not an answer to it.
_NOT_A_BET_ANSWER = ("balance_query", "tournament_info", "team_comparison", "general_betting_info", "help",
                     "match_schedule")


# "another bet", "one more bet", "otra apuesta", "outra aposta", "una más": a new bet asked for, after a real one.
_ANOTHER = re.compile(r"\b(?:another|one more|a new|new)\s+(?:real\s+)?(?:bet|one|wager)\b|\bbet again\b"
                      r"|\b(?:otra|una nueva|nueva)\s+apuesta\b|\b(?:outra|uma nova|nova|mais uma)\s+aposta\b"
                      r"|\bapostar (?:de nuevo|otra vez|outra vez|de novo)\b")
_REAL_BETTING = ("place_bet", "bet_confirmation")


_ASKS_WHAT = re.compile(r"\?|\b(?:what|whats|how|explain|mean|means|que es|que significa|como funciona|o que|como"
                        r"|explica\w*|significa)\b")
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
    if _MY_BETS.search(message) or WHAT_IF.search(fold(message)) \
            or slip_changes.asks_the_price(message, intent=turn.intent, confidence=turn.confidence):
        return False  # "what are the odds for the draw?": a question of its own, never a new slip
    if _number_asked(turn, real):
        return True  # "ok 1.5 then" to a handicap slip, "no, 2" to a 1X2 one: the stake or the line / pick? asked
    said = _changes_said(turn, real)
    if (slots.confirmation is False or _CANCEL.match(message)) and not said:
        return False  # "no", "no thanks", "cancel": the bet stops (a "no" with a change is that change)
    if said:
        slots.confirmation = None  # "no, on the draw" / "ok -1.5 then": the change, neither a yes nor a no
    if real.get("stake_asked") and slots.amount is None and (bare := bare_stake(message, turn.language)):
        slots.amount, slots.amount_ambiguous = bare  # "20" answers "how much do you want to stake?"
    picked = _picks_listed_match(turn, real)
    if picked is None and slots.teams and not known and not real.get("fixture_id") \
            and _names_the_bet(turn):  # "liverpool" to "what do you want to bet on?": the bet's team
        picked = real
    if picked is None and _answers_which_side(turn, real):  # "arsenal" to "on which side of the handicap?"
        picked = real
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
    # a market named alone ("the handicap", "ambos marcan") answers "what do you want to bet on?"; "what is a
    # handicap?" is a question of its own
    market_alone = bool(slots.market) and len(message.split()) <= 4 and not _ASKS_WHAT.search(fold(message))
    if picked is None and not said and not market_alone and turn.intent in _NOT_A_BET_ANSWER \
            and turn.confidence >= 0.5:
        return False  # a question of its own; an unsure reading of "over" or "10" is no question
    if picked is None and any(team.casefold() not in known for team in slots.teams) \
            and (known or ASKS_OTHER.search(fold(message))):
        return False  # another team; with none yet ("put 25 on what?") it answers unless it asks ("odds for X?")
    answers = (picked is not None or bool(said) or slots.amount is not None or slots.currency or slots.market
               or slots.selection or slots.selection_team or slots.confirmation is True
               or slots.wants_real_bet)  # not "what's on today?"
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
    if said.get("line") is not None:  # "ok -1.5 then": that line, on the side of the bet
        slots.line = said["line"]
        if slots.market == "1x2":  # "-0.5" after "Arsenal to win": Arsenal's handicap at that line (the draw has
            slots.market = "handicap"  # no side of it: which one is asked)
            if slots.selection not in ("home", "away"):  # both sides of the match: which one is asked
                slots.selection = slots.selection_team = None
                slots.teams = list(turn.context.get("fixture_teams") or slots.teams)
    turn.slip_changed = _differs(slots, real)
    slots.date_from = slots.date_from or real.get("date_from")
    slots.date_to = slots.date_to or real.get("date_to")
    slots.tournament = slots.tournament or real.get("tournament")  # "in the Champions League" still holds
    slots.sport_id = slots.sport_id or real.get("sport_id")
    slots.wants_real_bet = turn.real_bet = True
    _settle(turn, "place_bet")
    return True


def _number_asked(turn: Turn, real: dict) -> bool:
    """A number the reply says that may be the stake or the bet's line (a handicap without its sign, a small whole
    number for a total) or its 1X2 pick ("no, 2"): asked, the slip waiting unchanged and the bet kept for the
    answer. A number answering "how much?" is the stake; a line plainly said ("3.5 then" to a total) is the line."""
    message, market = turn.ctx.message, real.get("market")
    if real.get("stake_asked") or not real.get("amount") or turn.slots.teams or slip_changes.stops(message):
        return False
    number = stake_or_line.number_said(message)
    kind = stake_or_line.line_or_stake(message, market, offered=real.get("line"))
    if kind == "line" and market == "handicap":
        minus, plus = stake_or_line.signed(number)
        stake_or_line.ask(turn, "sign", minus=minus, plus=plus, number=number)
    elif kind == "ask":
        stake_or_line.ask(turn, "slip", number=number)
    elif label := stake_or_line.pick_or_stake(message, market):
        sides = turn.context.get("fixture_teams") or real.get("teams") or []
        if len(sides) != 2:
            return False
        stake_or_line.ask(turn, "pick", number=label, team=sides[int(label) - 1])
    else:
        return False
    turn.slots.confirmation = None
    turn.context["real_bet"] = real  # the answer ("stake 2", "-1.5") continues this bet
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
    place = listed_place(turn.ctx.message, len(choices))
    if place is not None and not real.get("stake_asked"):
        # "2" to "which of these matches?" (no stake asked): the second one listed, never a stake of 2
        slots.amount, slots.amount_ambiguous, slots.teams = None, False, []
        slots.date_from = slots.date_to = None
        real["fixture_id"] = choices[place]["id"]
        return real
    referred, choice = pick_choice(turn.ctx.message, teams=slots.teams, date_from=slots.date_from,
                                   date_to=slots.date_to, choices=choices, own=real.get("teams") or [], tz=turn.tz)
    if not referred:
        return None
    slots.teams, slots.date_from, slots.date_to = [], None, None
    if choice is not None:
        real["fixture_id"] = choice["id"]
    return real


def _changes_said(turn: Turn, real: dict) -> dict:
    """What the message itself changes of the real bet, by its own words (the NLU misses them): the stake ("actually
    50", "no, 20"), the line ("ok -1.5 then"), the pick after a "no" ("no, on the draw"); {} when none, or when it
    says to stop ("no thanks, cancel it"). The slots are set from it."""
    slots, message = turn.slots, turn.ctx.message
    if slip_changes.stops(message):
        return {}
    said: dict = {}
    line = slip_changes.line_said(message, real.get("market"))
    if line is not None and real.get("market") in ("handicap", "over_under", "1x2"):
        said["line"] = line  # "3.5 then" to an over/under bet: its line, no stake of 3.5
        if slots.amount is not None and abs(Decimal(line)) == abs(slots.amount):  # "ok then -1": no stake of 1
            slots.amount = None
    elif (named := stake_or_line.stake_named(message)) is not None:
        slots.amount = said["amount"] = named  # "stake 2" answering "the stake or the line / pick?"
    elif better := slip_changes.restaked(message, turn.language):
        slots.amount, slots.amount_ambiguous = better  # "no, mejor 1.000": the new stake (a thousand, or asked)
        said["amount"] = slots.amount
    elif slots.amount is None and (stake := slip_changes.stake_said(
            message, names=slots.teams, language=turn.language)) is not None:
        slots.amount = said["amount"] = stake
    elif slots.amount is not None and slip_changes.says_no(message):
        said["amount"] = slots.amount  # "no, make it 20"
    if slip_changes.says_no(message) and not slots.teams and (pick := slip_changes.pick_after_no(message)):
        slots.market, slots.selection, slots.selection_team, slots.line = "1x2", pick[0], None, None
        said["selection"] = pick[0]
        if pick[1] is not None:
            slots.amount = said["amount"] = pick[1]
    elif slip_changes.says_no(message) and (slots.selection or slots.selection_team or slots.market):
        said["selection"] = slots.selection or slots.selection_team or slots.market  # "no, Chelsea to win"
    return said


def _names_the_bet(turn: Turn) -> bool:
    """A short answer naming the team(s) of a bet asked about with nothing yet ("liverpool", "el Betis", "o Flamengo
    pra vencer"), not a question of its own ("when does Liverpool play?")."""
    message = turn.ctx.message
    return len(message.split()) <= 6 and "?" not in message and not ASKS_OTHER.search(fold(message))


def _differs(slots, real: dict) -> bool:
    """Whether the bet as this message leaves it differs from the one shown (stake, market, pick or line): a new slip
    to prepare, never the old one confirmed."""
    def same(value, kept) -> bool:
        if value in (None, "") or kept in (None, ""):
            return value in (None, "") and kept in (None, "")
        try:
            return Decimal(str(value)) == Decimal(str(kept))
        except ArithmeticError:
            return str(value) == str(kept)
    return not (same(slots.amount, real.get("amount")) and slots.market == real.get("market")
                and (slots.selection or None) == (real.get("selection") or None)
                and (slots.selection_team or None) == (real.get("selection_team") or None)
                and (slots.line is None or same(slots.line, real.get("line"))))


def _answers_which_side(turn: Turn, real: dict) -> bool:
    """"Arsenal" / "the away side" to "on which side of that market?" (a handicap or the winner of a match whose both
    teams the bet holds): that side, the market and line asked about kept."""
    slots, sides = turn.slots, real.get("teams") or []
    if len(sides) != 2 or not real.get("market") or real.get("selection") or real.get("selection_team") \
            or slots.market or slots.selection or len(slots.teams) != 1 or slots.teams[0] not in sides \
            or len(turn.ctx.message.split()) > 5:
        return False
    slots.selection_team, slots.teams = slots.teams[0], list(sides)
    slots.market, slots.line = real["market"], real.get("line")
    return True


def another_real_bet(turn: Turn, last_intent: str | None) -> bool:
    """"now another bet: 20 on Liverpool to win", "otra apuesta", "quero fazer outra aposta" right after a real bet
    was prepared, placed or cancelled: a real bet again, like the first (never a simulation); one naming nothing is
    asked about (the match of the bet before is no answer to "another one")."""
    folded = fold(turn.ctx.message)
    if last_intent not in _REAL_BETTING or not _ANOTHER.search(folded) or WHAT_IF.search(folded):
        return False
    slots = turn.slots
    slots.wants_real_bet = turn.real_bet = True
    if not (slots.teams or slots.tournament or slots.market or slots.selection):
        slots.market = slots.selection = slots.selection_team = None
        turn.context.pop("fixture_id", None)
        turn.context["teams"], turn.context["focus_team"] = [], None
    _settle(turn, "place_bet")
    return True
