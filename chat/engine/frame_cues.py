"""Follow-ups of a kind the frame (`frame.py`) recognises by their own words: "and after that?" after a team's
fixtures, a market asked of a match ("back to the juve game, what's the over/under"), a stake change with no bet
to change ("faz 50 então" first), a side of the match asked about named as a plain word ("no bahia")."""

from __future__ import annotations

import re
from decimal import Decimal

from .nlu.markets import WIN_WORDS
from .nlu.money import with_digits
from .nlu.prefilter import prefiltered
from .nlu.text import fold, name_key
from .turn import Turn


def settle(turn: Turn, intent: str) -> None:
    """A follow-up of the conversation decided the intent: the NLU's doubt no longer applies."""
    turn.intent, turn.confidence, turn.settled = intent, max(turn.confidence, 0.7), True


# A reply that is only a number ("20", "the 15", "1.000", "1,000"): the stake a question asked for.
_BARE_AMOUNT = re.compile(
    r"\W*(?:(?:the|el|la|o|a|de|of|con|com|with)\s)?(\d{1,3}(?:([.,])\d{3})+(?!\d)|\d{1,6}(?:[.,]\d{1,2})?)\W*")
_THOUSANDS = {"en": ","}  # Spanish and Portuguese group thousands with a dot
# "35 mil", "50k", "2 thousand", "1.5k": a number of thousands, as the digits of the amount
_SPELT_THOUSANDS = re.compile(r"(?<![\w.,])(\d{1,3}(?:[.,]\d)?)\s?(?:mil|k|thousand|grand)\b")


def thousands_as_digits(folded: str) -> str:
    """`folded` with "35 mil" / "50k" written as "35000" / "50000" (a stake restated in thousands)."""
    return _SPELT_THOUSANDS.sub(lambda m: format(Decimal(m.group(1).replace(",", ".")) * 1000, "f").split(".")[0],
                                folded)


def bare_stake(message: str, language: str) -> tuple[Decimal, bool] | None:
    """The stake a reply that is only a number says, and whether its separator leaves it ambiguous ("1.000" in
    English: a thousand or one? asked before any money moves); None when the reply is more than a number."""
    bare = _BARE_AMOUNT.fullmatch(thousands_as_digits(with_digits(fold(message), language)))  # "fifty" too
    if bare is None:
        return None
    number, grouped = bare.group(1), bare.group(2)
    if grouped is None:
        return Decimal(number.replace(",", ".")), False
    if number.count(grouped) != len(re.findall(r"[.,]", number)):
        return None  # "1.000,50" and other mixes are no bare stake: the NLU reads them with the message
    return Decimal(number.replace(grouped, "")), grouped != _THOUSANDS.get(language, ".")


# What a follow-up asks of its own (the odds, the schedule): then it is that question, not the simulation again.
_ODDS_WORDS = r"odds?|cuotas?|price|prices|precios?|pays?|paying|paga|pagan|pagam?|cotiza\w*|cotac\w*|quotes?"
_WHEN_WORDS = r"when|cuando|quando|schedule|calendario|hora"
ASKS_OTHER = prefiltered(re.compile(
    rf"\b(?:{_ODDS_WORDS}|lines?|markets?|mercados?|{_WHEN_WORDS}|plays?|playing|juegan?|jogam?|games?|"
    r"match(?:es)?|fixtures?|partidos?|jogos?|partidas?|next|proxim\w*)\b"))
# Its parts that ask of one match already picked ("odds for the second one", "when is the first one?"): the words
# of a list ("the Sunday match", "el partido del domingo") are a pick, not another question.
ASKS_ODDS = prefiltered(re.compile(rf"\b(?:{_ODDS_WORDS})\b"))
ASKS_WHEN = prefiltered(re.compile(rf"\b(?:{_WHEN_WORDS}|what time|horas)\b"))
# "what if", "y si", "e se", "simulate": a simulation asked of its own words.
WHAT_IF = prefiltered(re.compile(r"\b(?:what if|y si|e se|how much would|would it|simulat\w*|simula\w*|simule)\b"))


# The words of a bare stake change ("faz 50 então", "make it 30 then", "que sean 25", "na verdade, 30").
_RESTATE_WORDS = frozenset("""make it that then so ok okay actually rather instead now please faz fazer faca coloca
    bota poe entao agora pon ponle ponlo haz hazlo que sean sea seja sejam mejor melhor bueno pues vale na verdade en
    realidad de hecho dollars bucks dolares reais euros pesos usd brl eur""".split())
_MAKE_IT = frozenset("make faz faca pon ponle ponlo haz hazlo bota coloca".split())
# More words of a stake restated after a bet ("hazla con 20 mejor", "põe 30 aí", "go with 15 instead", "let's say 40").
_RESTATE_MORE = frozenset("""go with con com de a o el la the for to para pra pro in en em lets let s say put change it
    hazla ponla pone pones poner mete metele deja dejalo sube subela baja bajala cambia cambialo mejor melhor e y and
    ai alli aqui pues vai fica deixa muda troca pode coloque ponha bote faca""".split()) | frozenset(
    # the stake said as a hypothesis ("and if it were 40?", "what if it was 25", "¿y si fueran 30?", "e se fosse 50?")
    """what about how if it were was its would be si fuera fueran fuese fuesen son es fueron se fosse fossem for
    forem""".split())
_AMOUNT = re.compile(r"(?<![\w.,])\d{1,6}(?:[.,]\d{1,2})?(?![\w.,])")


def restated_stake(message: str) -> str | None:
    """"faz 25 então", "põe 30", "mejor 15", "hazlo 20", "make it 40 then": one number and only words that restate a
    stake (a new stake for the bet just simulated); None for anything else ("25 goals", "odds for 25 de Mayo")."""
    folded = thousands_as_digits(fold(message))
    numbers = _AMOUNT.findall(folded)
    words = re.findall(r"[^\W\d_]+", folded)
    if len(numbers) != 1 or not words or not all(word in _RESTATE_WORDS | _RESTATE_MORE for word in words):
        return None
    return numbers[0].replace(",", ".")


def changes_nothing(turn: Turn, last_intent: str | None, *, restated: bool) -> bool:
    """"faz 50 então" with no stake said before it: a change of a bet there is none of (asked which, never acted)."""
    slots, context = turn.slots, turn.context
    if slots.teams or slots.market or slots.selection or slots.tournament or context.get("stake") \
            or last_intent in ("bet_simulation", "betting_recommendation", "place_bet") or context.get("fixture_id"):
        return False
    folded = fold(turn.ctx.message)
    words = re.findall(r"[^\W\d_]+", folded)
    return len(re.findall(r"\d+(?:[.,]\d+)?", folded)) == 1 and bool(words) \
        and all(word in _RESTATE_WORDS for word in words) and (words[0] in _MAKE_IT or restated)


# "and after that?", "¿y después?", "e depois?", "and the one after?": the next of the fixtures just listed.
_AFTER_THAT = re.compile(r"^\W*(?:(?:and|ok|so|y|e|ok y|ok e|entonces|entao)\W+)?(?:(?:what about |what s |que hay )?"
                         r"(?:after that|afterwards|the one after(?: that)?|the next one|then what|and then"
                         r"|despues(?: de ese| de eso)?|luego|el siguiente|el de despues|y despues"
                         r"|depois(?: desse| disso)?|o seguinte|o proximo|o de depois))\W*$")
AFTER_FIXTURE = "after_fixture"  # this turn only: the schedule answer starts after this fixture


def after_that(turn: Turn, last_intent: str | None) -> bool:
    """"and after that?" right after a team's fixtures: that team's matches after the one in focus."""
    context = turn.context
    if last_intent != "match_schedule" or turn.slots.teams or not context.get("fixture_id") \
            or not _AFTER_THAT.match(fold(turn.ctx.message)):
        return False
    if not context.get("query_team") and not context.get("tournament"):
        return False
    turn.slots.teams = [context["query_team"]] if context.get("query_team") else []
    turn.slots.tournament = turn.slots.tournament or (None if context.get("query_team") else context["tournament"])
    turn.slots.date_from = turn.slots.date_to = None
    listed = context.get("last_list") or []  # a team's "next game" is the one in focus; a league's, the list shown
    context[AFTER_FIXTURE] = context["fixture_id"] if context.get("query_team") or not listed else listed[-1]["id"]
    settle(turn, "match_schedule")
    return True


# A match of a club's ("the juve game", "el partido del Betis", "o jogo do Bahia"): a market asked of it is its price.
_GAME_WORD = re.compile(r"\b(?:game|match|fixture|partido|jogo|partida)\b")
_MEANING = re.compile(r"\b(?:mean|means|meaning|significa\w*|quer dizer|explain\w*|expli\w*|how does|como funciona)\b")


def market_of_a_match(turn: Turn) -> bool:
    """"back to the juve game, what's the over/under": that match's over/under odds, not what over/under means (nor
    a question whether odds or a tip were meant, however unsure the model was)."""
    slots, folded = turn.slots, fold(turn.ctx.message)
    if turn.intent not in ("general_betting_info", "odds_information") or not slots.teams or not slots.market \
            or not _GAME_WORD.search(folded) or _MEANING.search(folded):
        return False
    settle(turn, "odds_information")
    return True


# Asking what a market is ("what is btts?", "qué es ambos marcan", "o que é handicap"), not "what about the handicap?"
_WHAT_IS = re.compile(r"\b(?:what(?! about)|whats|que es|que son|o que|qual e|mean|means|significa\w*|explain\w*"
                      r"|expli\w*|how(?! about)|como)\b")


# The match in focus referred to ("there", "for that game", "en ese partido", "ahí", "nesse jogo", "nele").
_OF_THAT_MATCH = re.compile(r"\b(?:there|for (?:it|that|this)(?: game| match)?|in (?:it|that|this)(?: game| match)?"
                            r"|(?:in|for|of) (?:that|this) (?:game|match)|ahi|alli|(?:en|de) (?:ese|este) partido"
                            r"|(?:nesse|neste|desse|deste|naquele) jogo|nele)\b")


_PRICE_ASKED = re.compile(r"\b(?:pay|pays|paying|payout|priced|paga|pagan|pagaria|pagando|pagam|line|linea|linha)\b")


def _clubs_in_focus(context: dict) -> list[str]:
    """The clubs of the match in focus, else the clubs last talked about (a match whose market was not offered)."""
    return list(context.get("fixture_teams") or []) if context.get("fixture_id") else list(context.get("teams") or [])


def market_of_the_match(turn: Turn, last_intent: str | None) -> bool:
    """"over under then", "entonces ambos marcan", "and the handicap?" right after a match was priced, compared or
    simulated: that market's odds of the match in focus, not what the market means ("what is btts?" still is)."""
    slots, context, folded = turn.slots, turn.context, fold(turn.ctx.message)
    # the match in focus, or the clubs of a match whose market was not offered ("odds on cards in X v Y")
    teams = _clubs_in_focus(context)
    # "what's the over/under there?", "what does the draw pay?": a price, not a definition
    there = bool(_OF_THAT_MATCH.search(folded) or (_PRICE_ASKED.search(folded) and not _MEANING.search(folded)))
    # read as odds, only right after odds or a comparison (after a simulation, "and the draw?" simulates it)
    if not (turn.intent == "general_betting_info" or turn.intent == "odds_information" and last_intent in (
            "odds_information", "team_comparison")) or not slots.market or slots.teams or slots.amount is not None \
            or not teams or len(folded.split()) > (8 if there else 5) or (_WHAT_IS.search(folded) and not there) \
            or last_intent not in ("odds_information", "team_comparison", "bet_simulation"):
        return False
    slots.teams, turn.slots_from_memory = teams, True
    settle(turn, "odds_information")
    return True


def side_said(message: str, sides: list[str]) -> str | None:
    """The one side of the match asked about whose own name words (not the other side's) the message says."""
    said = set(re.findall(r"\w+", fold(message)))
    words = [set(name_key(side).split()) for side in sides[:2]]
    found = [side for side, own, other in zip(sides[:2], words, words[::-1], strict=False)
             if {word for word in own - other if len(word) >= 3} & said]
    return found[0] if len(found) == 1 else None


# "their game", "su partido", "jogo deles": the focus team's match as a whole, no side of it chosen.
THEIR_GAME = re.compile(r"\btheir\s+(?:next\s+)?(?:game|match)"
                        r"|\bsus?\s+(?:proximos?\s+|siguientes?\s+)?(?:partidos?|juegos?)\b"
                        r"|\bseus?\s+(?:proximos?\s+)?jogos?\b|\bjogos?\s+(?:dele|dela|deles|delas)\b")


def answers_which_market(turn: Turn, asked: str | None, last_intent: str | None) -> bool:
    """"the handicap then", "el ganador" right after "which of its markets?" (sport_markets.py): that market of the
    match in focus, for the request asked about (its odds; a simulation with the stake kept, its side asked when the
    reply names none). A real bet continues through its own frame (`real_bet`)."""
    slots, context = turn.slots, turn.context
    if asked != "which_market" or slots.teams or not (slots.market or slots.selection):
        return False
    if not context.get("fixture_id"):  # a market we do not offer, asked of clubs (handlers/odds.py, simulate.py):
        if last_intent not in ("odds_information", "bet_simulation") or not context.get("teams"):
            return False  # their odds, or the simulation asked with its stake kept
        slots.teams = list(context["teams"][:2])
        if last_intent == "bet_simulation" and context.get("stake") and slots.amount is None:
            slots.amount = Decimal(str(context["stake"]))
            slots.currency = slots.currency or context.get("currency")
        settle(turn, last_intent)
        return True
    if last_intent == "bet_simulation" and context.get("stake"):
        settle(turn, "bet_simulation")
        slots.amount = slots.amount if slots.amount is not None else Decimal(str(context["stake"]))
        slots.currency = slots.currency or context.get("currency")
        if slots.market in (None, "1x2") and slots.selection is None and slots.selection_team is None:
            turn.question = "which_side"  # "the winner": which side, never the home one on a guess
        return True
    if last_intent == "odds_information":
        settle(turn, "odds_information")
        return True
    return False


# "who wins then", "quién gana", "quem vence": the winner asked by the question's own words (no side named).
_WHO_WINS = re.compile(rf"\b(?:who|quien|quem)\W+(?:\w+\W+){{0,2}}?(?:{WIN_WORDS}|takes it|leva)\b")
_WINS_SAID = re.compile(rf"\b{WIN_WORDS}\b")


def winner_to_which_market(turn: Turn, asked: str | None, last_intent: str | None) -> bool:
    """"ok, X to win then", "just who wins then" right after "which of its markets?" (a market the sport never has,
    or one we do not offer): the winner market of that match, for the request asked about (its odds; a simulation
    with its stake kept, the side named backed, or asked when none is)."""
    slots, context = turn.slots, turn.context
    if asked != "which_market" or last_intent not in ("odds_information", "bet_simulation"):
        return False
    if slots.market not in (None, "1x2") or slots.selection not in (None, "home", "away") \
            or (last_intent == "odds_information" and (slots.amount is not None or slots.wants_real_bet)):
        return False  # another market, or a stake said after the odds: a request of its own
    folded = fold(turn.ctx.message)
    match = bool(context.get("fixture_id")) and len(context.get("fixture_teams") or []) == 2
    sides = list(context["fixture_teams"] if match else context.get("teams") or [])
    keys = [side.casefold() for side in sides]
    if not sides or any(team.casefold() not in keys for team in slots.teams):
        return False  # another club named: a request of its own
    team = slots.selection_team if slots.selection_team and slots.selection_team.casefold() in keys else None
    team = team or next((side for side in sides if side.casefold() in map(str.casefold, slots.teams)), None) \
        or side_said(turn.ctx.message, sides)
    if not (slots.market == "1x2" or _WINS_SAID.search(folded) or _WHO_WINS.search(folded)):
        return False
    if _WHO_WINS.search(folded):
        team = None  # "who wins": the market asked, no side backed
    elif team is None and len(sides) == 2:
        return False  # "to win" with no side: which side is not guessed here
    slots.unknown_teams = []  # "vitória do X então": the side named, the words after it no club
    slots.market, slots.selection, slots.line = "1x2", None, None
    if last_intent == "odds_information":
        settle(turn, "odds_information")
        slots.teams, slots.selection_team = sides[:2], None
        turn.slots_from_memory = match
        return True
    settle(turn, "bet_simulation")
    if slots.amount is None and context.get("stake"):
        slots.amount = Decimal(str(context["stake"]))
    slots.currency = slots.currency or context.get("currency")
    if team is None:
        slots.teams, slots.selection_team, turn.slots_from_memory = sides[:2], None, match
        turn.question = "which_side" if match else None
        return True
    slots.teams, slots.selection_team, turn.slots_from_memory = [team], team, match
    if match:
        slots.selection = "home" if keys.index(team.casefold()) == 0 else "away"
    return True


# "what about Tottenham instead of Chelsea", "¿y el Betis en vez del Sevilla?", "e o Santos no lugar do Palmeiras?"
_INSTEAD_OF = re.compile(r"\b(?:instead of|rather than|in place of|(?:en vez|en lugar) del?"
                         r"|(?:em vez|no lugar|ao inves) d[eoa]s?)\b")


def instead_of(turn: Turn, last_intent: str | None) -> bool:
    """"X instead of Y" right after two teams were compared or priced: the same question with Y swapped for X (the
    other team kept), never X and Y compared."""
    slots, context = turn.slots, turn.context
    said = _INSTEAD_OF.search(fold(turn.ctx.message))
    compared = last_intent == "team_comparison"  # the two compared, else the match priced
    known = list((context.get("teams") if compared else context.get("fixture_teams")) or [])[:2]
    if not said or len(slots.teams) != 2 or len(known) != 2 or last_intent not in ("team_comparison",
                                                                                    "odds_information"):
        return False
    new, old = slots.teams
    if old not in known or new in known:
        return False
    slots.teams = [new if team == old else team for team in known]
    turn.named = list(slots.teams)
    settle(turn, last_intent)
    return True


# A reply that goes on from the last answer ("então me mostra as do Palmeiras", "so show me Lazio's", "y las del Betis")
_GOES_ON = re.compile(r"^\W*(?:and|so|then|ok|okay|y|e|entonces|pues|bueno|vale|entao|beleza|ta)\b")


def goes_on(message: str) -> bool:
    """The message opens by going on from the last answer ("and", "so", "ok", "entonces", "bueno", "então")."""
    return bool(_GOES_ON.match(fold(message)))


def asks_the_same_of_a_club_we_lack(turn: Turn, last_intent: str | None) -> None:
    """"bueno, ¿y del River Plate?" after odds for a club we don't cover either: the same question (its odds), however
    the NLU read the few words; the answer says we don't cover it, and the next reply goes on from that question."""
    if last_intent in ("odds_information", "match_schedule") and turn.intent != last_intent \
            and goes_on(turn.ctx.message) and len(turn.ctx.message.split()) <= 6:
        settle(turn, last_intent)


def tie_broken_by_the_last_question(turn: Turn, readings: list[str]) -> bool:
    """The NLU torn between two readings of a reply that goes on from the last answer and names a club, one of them the
    last question's ("odds do Coritiba" then "então me mostra as do Palmeiras": odds or fixtures?): that question,
    about the club named; never when it is not among the two."""
    last = turn.context.get("last_intent")
    if last not in readings[:2] or not turn.slots.teams or not goes_on(turn.ctx.message) \
            or last not in ("odds_information", "match_schedule", "team_comparison"):
        return False
    settle(turn, last)
    return True


_EACH_OTHER = re.compile(r"\b(?:each other|one another|entre (?:ellos|si|eles)|um contra o outro|se enfrentan"
                         r"|se enfrentam|face each other|se cruzan)\b")


def meeting_of_the_pair(turn: Turn) -> bool:
    """"when do they play each other?", "¿cuándo se enfrentan?" after two clubs were compared or priced: the two of
    them (their meeting), never a question of which one nor every match of the day."""
    pair = _clubs_in_focus(turn.context)[:2]
    if len(pair) != 2 or turn.slots.teams or not _EACH_OTHER.search(fold(turn.ctx.message)):
        return False
    turn.slots.teams = pair
    return True
