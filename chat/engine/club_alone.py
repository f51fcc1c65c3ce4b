"""A club said alone as the next turn ("how about lazio", "ok then junior", "el nacional", "o colorado", "Atlético
Nacional") right after odds, a schedule or a simulation, or their "which match?": the same question, about that
club. Why: the words say nothing but the club, so the question is the one just answered; read as a comparison (one
team), a simulation ("ok then") or off-topic (a lower-case name that is also a word: "lazio", "colorado") the user
got an answer to a question never asked. A word several clubs share ("and borussia?") is asked about as the question
would have been. A club alone as a first message, or with words of its own ("how about a bet on X", "o Flamengo joga
hoje?"), is not this reading.

Also a price asked of a club in words the model does not know as a price ("how much for borussia", "cuánto por el
betis", "quanto tá o olympique"): its odds (a shared word asked which, as `names_asked` does).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from . import names_asked
from .frame_cues import settle
from .nlu.language import FUNCTION_WORDS
from .nlu.names import get_index
from .nlu.text import fold
from .nlu.vocabulary import CAPITALISED_ONLY, COMMON_WORDS
from .turn import Turn
from .unknown_names import as_a_name

FOLLOWED = ("odds_information", "match_schedule", "bet_simulation")
# What may stand around the club: openers and hesitations, words that carry the last question over to another club
# ("how about", "ok then", "¿y el?", "e o", "qué tal", "instead"), articles and links, and politeness.
_CARRY = frozenset("""and about then instead also too y tal entonces e entao tambien tambem""".split())
_OPENERS = frozenset("""ok okay k so now hmm hm well alright right fine how what try check
    que bueno vale pues ahora mejor o sea bom beleza agora olha ta""".split())
_ARTICLES = frozenset("the el la los las o a os as".split())
_LINKS = frozenset("for on of with de del do da dos das al ao pro pra pelo pela con com por".split())
_CLOSERS = frozenset("please pls plz favor one team club equipo time clube".split())
_AROUND = _CARRY | _OPENERS | _ARTICLES | _LINKS | _CLOSERS
# A price asked in words of their own ("how much for", "what's ... paying", "cuánto por", "quanto tá"): the rest of a
# message that names one club and asks only this.
_PRICE = frozenset("""how much what whats s is are does do would pay pays paying price prices
    cuanto cuantos paga pagan pagando esta estan sale da dan
    quanto paga pagam pagando ta tao esta estao da dao""".split())
_PRICE_CUES = frozenset("much paying pays pay price prices cuanto paga pagan pagando quanto pagam".split())
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Said:
    written: str  # the club's words as the user wrote them
    team: str | None  # the catalogue club, when the words name one
    shared: tuple[str, ...]  # the clubs a shared word ("borussia") may mean, when they name none
    rest: tuple[str, ...]  # the other words of the message (folded)
    article: bool  # an article or a link right before the name ("el nacional", "o colorado", "for lazio")
    key: str  # the name's words, folded


def club_said(message: str, *, allowed: frozenset[str] = _AROUND) -> Said | None:
    """The one club (or shared word) a short message names with only `allowed` words around it, else None."""
    folded = fold(message)
    tokens = list(_WORD.finditer(folded))
    if not tokens or len(tokens) > 8:
        return None
    words = [token.group() for token in tokens]
    index = get_index()
    shared_words = names_asked.shared_words()
    for n in range(min(4, len(words)), 0, -1):
        for start in range(len(words) - n + 1):
            key = " ".join(words[start : start + n])
            target = index.exact.get(key)
            target = target if target and target[0] == "team" else None
            shared = shared_words.get(key, ()) if n == 1 and target is None else ()  # "borussia": no club's own
            if target is None and not shared:
                continue
            rest = tuple(words[:start] + words[start + n :])
            if any(word not in allowed for word in rest):
                continue
            written = message[tokens[start].start() : tokens[start + n - 1].end()]
            article = start > 0 and words[start - 1] in _ARTICLES | _LINKS
            team = target[1] if target else None
            return Said(written, team, tuple(shared), rest, article, key)
    return None


def _everyday(said: Said, turn: Turn) -> bool:
    """A word of chat the NLU did not take for the club, with no article before it: a function word ("e como?"), one
    spelt as the club is not ("y cómo?"), or a word that is also ordinary ("nice", "lazio", "real") unless a word
    carries the last question over to it ("how about lazio", "and olympique?"): "ok nice" is the word."""
    if said.team in turn.slots.teams or said.article:
        return False
    ordinary = said.key in COMMON_WORDS or said.key in CAPITALISED_ONLY
    return said.key in FUNCTION_WORDS or not said.written.isascii() or (ordinary and not set(said.rest) & _CARRY)


def follow_with_club(turn: Turn, last_intent: str | None, *, pending: bool) -> str | None:
    """"how about lazio" after Napoli's odds: Lazio's odds (its schedule, the same simulation on it). "asked" when a
    shared word was asked about, "read" when the club was read, None when the message is not a club alone."""
    slots = turn.slots
    if last_intent not in FOLLOWED or pending or slots.unknown_teams or slots.date_from or slots.amount is not None \
            or slots.market or slots.selection or slots.tournament:
        return None
    said = club_said(turn.ctx.message)
    if said is None or _everyday(said, turn) or any(team != said.team for team in slots.teams):
        return None
    if said.team is None and not said.shared:
        return None
    settle(turn, last_intent)
    if last_intent == "bet_simulation" and said.team is None and turn.context.get("stake"):
        slots.amount = Decimal(str(turn.context["stake"]))  # the stake, kept for the reply to "which Borussia?"
    return _read(turn, said)  # "and borussia?": which one, the same question kept for the reply


def price_of_a_club(turn: Turn) -> str | None:
    """"how much for borussia", "cuánto por el betis", "what's lazio paying": the club's odds, when the model read
    something else into words that only ask a club's price. "asked" for a shared word, "read" for one club."""
    slots = turn.slots
    # read as odds with no club found ("what's olympique paying": a lower-case shared word): still this reading
    if (turn.intent in names_asked.ASKING and turn.confidence >= 0.5
            and (slots.teams or turn.intent != "odds_information")) \
            or slots.unknown_teams or slots.amount is not None or slots.market or slots.tournament \
            or len(slots.teams) > 1:
        return None
    said = club_said(turn.ctx.message, allowed=_AROUND | _PRICE)
    if said is None or not set(said.rest) & _PRICE_CUES or any(team != said.team for team in slots.teams) \
            or (_everyday(said, turn) and said.team is not None):
        return None
    settle(turn, "odds_information")
    return _read(turn, said)


def _read(turn: Turn, said: Said) -> str:
    """The club said becomes the turn's team ("read"), or its shared word is asked about ("asked")."""
    slots = turn.slots
    if said.team is None and (one := names_asked.one_in_focus(turn, list(said.shared))) is not None:
        said = replace(said, team=one)  # "¿y la del Atlético?" after Barcelona vs Atlético Madrid
    if said.team is None:
        names_asked.ask_which(turn, as_a_name(said.written), names_asked.ranked(said.key, list(said.shared)))
        return "asked"
    choices = get_index().choices.get(said.key)
    other = names_asked.other_than_focus(turn, list(choices)) if choices else None
    if other == names_asked.ASKED:  # "and bet 10 on Madrid" after Atlético: which one, never a guess with money
        names_asked.ask_which(turn, as_a_name(said.written), names_asked.ranked(said.key, list(choices)))
        return "asked"
    if other:  # "¿y el Madrid?" after Atlético's schedule: the other club, never the one in focus again
        slots.teams, turn.named, slots.team_choices = [other], [other], {}
        return "read"
    slots.teams, turn.named = [said.team], [said.team]
    if choices and said.team not in slots.team_choices:
        slots.team_choices = {said.team: list(choices)}  # "o real": which Real, as when it is asked with its words
    return "read"
