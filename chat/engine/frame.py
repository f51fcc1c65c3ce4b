"""Follow-ups: what a message leaves out, filled from the conversation's context, and the context
a turn leaves for the next one."""

from __future__ import annotations

import logging
import re
from decimal import Decimal

from sports.services.catalogue import match_team

from .answer import _CANCEL, _CORRECTION, _FOLLOWUP, _INSTEAD, _MY_BETS, _RISK, TEAM_INTENTS
from .formatting import stake_problem
from .nlu.names import COMMON_WORDS
from .nlu.text import fold, name_key, tokenize
from .turn import Turn

logger = logging.getLogger(__name__)

_NOT_NAMES = frozenset(
    """one ones winner winners winning instead corners corner price prices latest current now them both market markets
    goal goals scorer scorers handicap asian total totals points moneyline spread quote quotes chances probability
    payout pays paying favourite favorite underdog show give tell about options riskier lower higher cuanto paga
    pagan ganador favorito mercado mercados cotizacion quanto vencedor partida again also other another same
    please pls thanks gracias obrigado hola hello odds cuotas cuota quotes line lines live vivo""".split()
)
# Words of a name that are ordinary on their own ("real" madird, "atletico" ...): kept in the query text.
_NAME_PARTS = frozenset("real atletico athletic deportivo sporting inter city united san santa saint new".split())


def unresolved_name(message: str, *, known: list[str] | None = None) -> tuple[str, list[str]] | None:
    """(the words, closest catalogue teams) when the message names a team the NLU couldn't resolve
    ("real madird odds", "odds for Manchester"); None when every word is ordinary chat vocabulary."""
    from rapidfuzz import fuzz

    known_words = {w for name in (known or []) for w in name_key(name).split()}
    words = [tok.text for tok in tokenize(fold(message))]
    kept = [w for w in words if not w.isdigit() and w not in _NOT_NAMES and w not in known_words
            and (w not in COMMON_WORDS or w in _NAME_PARTS)]
    strange = [w for w in kept if w not in COMMON_WORDS and len(w) >= 4]
    if not strange:
        return None
    query = " ".join(kept)
    try:
        found = match_team(text=query, limit=3)
    except Exception:  # the catalogue is down: nothing to suggest, answer as before
        logger.warning("team suggestions unavailable", exc_info=True)
        return None
    close = []
    for team, score in found:
        team_words = [w for w in name_key(team.name).split() if len(w) >= 4]
        if score >= 80 and any(fuzz.ratio(w, tw) >= 80 for w in strange for tw in team_words):
            close.append((team.name, score))
    if not close:
        return None
    best = close[0][1]
    return query, [name for name, score in close if score >= best - 10]


# References to the conversation's frame, matched on the folded text (lower case, no accents).
_ORDINAL_WORDS = {
    "first": 1, "1st": 1, "primero": 1, "primera": 1, "primer": 1, "primeiro": 1, "primeira": 1,
    "second": 2, "2nd": 2, "segundo": 2, "segunda": 2,
    "third": 3, "3rd": 3, "tercero": 3, "tercera": 3, "tercer": 3, "terceiro": 3, "terceira": 3,
    "fourth": 4, "4th": 4, "cuarto": 4, "cuarta": 4, "quarto": 4, "quarta": 4,
    "fifth": 5, "5th": 5, "quinto": 5, "quinta": 5,
    "last": -1, "ultimo": -1, "ultima": -1,
}
_ORDINAL = re.compile(r"\b(" + "|".join(_ORDINAL_WORDS) + r")\b(?![-\w])(?!\s+(?:half|tiempo|tempo|set|sets|goal|"
                      r"goals|gol|goles|gols|time|vez|division|divisao|round|ronda|rodada|bet|apuesta|aposta))")
_PT_WEEKDAY = re.compile(r"\b(?:de|na|nesta|esta|essa|proxima|ate|para|toda)\s+(?:segunda|terca|quarta|quinta|sexta)$")
_THAT_MATCH = re.compile(r"\b(?:that|this|the same)\s+(?:match|game|fixture)\b|\b(?:ese|este|mismo)\s+partido\b"
                         r"|\b(?:esse|este|mesmo|aquele)\s+jogo\b|\b(?:esa|esta|essa|aquela)\s+partida\b")
_OTHER_TEAM = re.compile(r"\b(?:the\s+)?other\s+(?:team|side|club|one)\b|\bthe\s+other\b"
                         r"|\b(?:el|al|del)\s+otro(?:\s+equipo)?\b|\b(?:o|no|do|pelo)\s+outro(?:\s+time|\s+lado)?\b")
_THEM = re.compile(r"\b(?:them|they|ellos|ellas|eles|elas|neles|nelas)\b"  # or "that team", "ese equipo", "esse time"
                   r"|\b(?:that|this|the same)\s+(?:team|club|side)\b|\b(?:ese|este|mismo)\s+(?:equipo|club)\b"
                   r"|\b(?:esse|este|mesmo|aquele)\s+(?:time|clube)\b")
_CLASICO = re.compile(r"\bcla+s+ico\b")  # "el clásico" / "o clássico": Real Madrid vs Barcelona
CLASICO_TEAMS = ["Real Madrid", "Barcelona"]
# "actually make it 35", "mejor que sean 25", "na verdade, 30": a new stake for the same question.
_RESTATE = re.compile(r"\b(?:actually|make it|rather|instead|en realidad|mejor|mas bien|que sean|na verdade|melhor|"
                      r"em vez|prefiro)\b")
_BARE_STAKE = re.compile(r"^\W*(?:\w+\W+){0,4}?(\d{1,6}(?:[.,]\d{1,2})?)\W*$")
_WHAT_IF = re.compile(r"\b(?:what if|y si|e se|how much would|would it|simulat\w*|simula\w*|simule)\b")
_NOT_A_BET_ANSWER = ("balance_query", "tournament_info", "team_comparison", "general_betting_info", "help",
                     "match_schedule")
ASKING_INTENTS = (*TEAM_INTENTS, "match_schedule")
# Words that leave a message a bare reference ("and the other team?", "¿y el otro?", "e o outro time?").
_FILLERS = frozenset("and what about how then so now ok y e que tal o a el la the entonces entao ahora agora".split())


def _settle(turn: Turn, intent: str) -> None:
    turn.intent, turn.confidence, turn.settled = intent, max(turn.confidence, 0.7), True


def _focus_team(context: dict) -> str | None:
    """The one team the conversation is about: the team last asked about alone; None after a match
    named with both teams ("Liverpool vs Chelsea") or opened from a list, where "them" is either side."""
    if context.get("focus_team") or context.get("fixture_teams"):
        return context.get("focus_team")
    return (context.get("teams") or [None])[0]  # a context stored before the frame kept a focus


def _back_team(turn: Turn, team: str) -> None:
    """The message is about `team` of the fixture in focus: that fixture, that side."""
    slots, context = turn.slots, turn.context
    slots.teams, slots.selection_team = [team], team
    context["focus_team"] = team
    sides = [name.casefold() for name in context.get("fixture_teams") or []]
    if context.get("fixture_id") and team.casefold() in sides:
        turn.slots_from_memory = True  # the fixture in focus, not the team's next one
        if slots.market is None and slots.selection is None and turn.intent in ("bet_simulation", "place_bet"):
            slots.market, slots.selection = "1x2", ("home" if sides.index(team.casefold()) == 0 else "away")


def _whole_match(turn: Turn, item: dict | None = None) -> None:
    """The message is about the fixture in focus as a whole ("the second one", "that match"); a listed
    pick (`item` with its market and selection) is that pick."""
    slots = turn.slots
    slots.teams, turn.slots_from_memory = list(turn.context["fixture_teams"]), True
    turn.context["focus_team"] = None  # the match as a whole: neither side in particular
    _settle(turn, turn.intent if turn.intent in TEAM_INTENTS else "odds_information")
    if item and item.get("selection") and slots.market is None and slots.selection is None:
        slots.market, slots.selection = item.get("market"), item["selection"]
    if turn.intent == "bet_simulation" and slots.selection is None and slots.selection_team is None:
        turn.question = "which_side"  # "bet 10 on the second one": a match has two sides (and a draw)


def _answers_which_side(turn: Turn, asked: str | None) -> bool:
    """"Taylor Fritz" / "the draw" right after "On which side of ...?": the simulation that was asked about."""
    slots, context = turn.slots, turn.context
    sides = context.get("fixture_teams") or []
    if asked != "which_side" or not sides or not context.get("fixture_id"):
        return False
    keys = [name.casefold() for name in sides]
    team = next((name for name in slots.teams if name.casefold() in keys), None)
    if team is None and slots.selection != "draw":
        return False
    _settle(turn, "bet_simulation")
    if slots.amount is None and context.get("stake"):
        slots.amount = Decimal(str(context["stake"]))
    if team is not None:
        _back_team(turn, team)
    else:
        slots.teams, turn.slots_from_memory, slots.market = list(sides), True, "1x2"
    return True


def resolve_references(turn: Turn) -> bool:
    """"the second one", "that match", "the other team", "them", "el clásico": resolved from the frame
    (the last list, the fixture in focus and its two teams), or a question back when the frame has no
    answer (`turn.question`). True when the message was such a reference."""
    slots, context = turn.slots, turn.context
    if slots.teams or slots.tournament:
        return False
    text = fold(turn.ctx.message)
    last_intent = context.get("last_intent")

    def follow_intent(reference: re.Match) -> str:
        """"e o outro time?" (nothing but the reference): the last question again, about that team;
        "when does that team play?": what the message itself asks."""
        rest = set(re.findall(r"\w+", text[: reference.start()] + " " + text[reference.end():])) - _FILLERS
        if not rest and slots.amount is None and last_intent in ASKING_INTENTS:
            return last_intent
        if turn.intent in ASKING_INTENTS:
            return turn.intent
        return last_intent if last_intent in ASKING_INTENTS else "odds_information"
    if _CLASICO.search(text):
        slots.teams = list(CLASICO_TEAMS)
        _settle(turn, turn.intent if turn.intent == "team_comparison" else "odds_information")
        return True
    ordinal = _ORDINAL.search(text)
    if ordinal and _PT_WEEKDAY.search(text[: ordinal.end()]):
        ordinal = None  # "jogos de segunda": Monday, not the second one
    if ordinal and not slots.date_from:
        items = context.get("last_list") or []
        number = _ORDINAL_WORDS[ordinal.group(1)]
        if not items or number > len(items):
            turn.question = "list_short" if items else "no_list"
            return True
        item = items[number - 1 if number > 0 else -1]
        context["fixture_id"], context["fixture_teams"] = item["id"], [item["home"], item["away"]]
        context["fixture_sport"] = item.get("sport_id")
        _whole_match(turn, item)
        return True
    if _THAT_MATCH.search(text):
        if not context.get("fixture_id") or not context.get("fixture_teams"):
            turn.question = "no_match"
            return True
        _whole_match(turn)
        return True
    focus = _focus_team(context)
    if other := _OTHER_TEAM.search(text):
        sides = context.get("fixture_teams") or []
        keys = [name.casefold() for name in sides]
        if not focus or focus.casefold() not in keys:
            turn.question = "no_team"
            return True
        _settle(turn, follow_intent(other))
        _back_team(turn, sides[1 - keys.index(focus.casefold())])
        return True
    if them := _THEM.search(text):
        if not focus:  # nothing talked about, or a match named with both its teams: which one?
            both = context.get("fixture_id") and context.get("fixture_teams")
            turn.question = "which_side" if both and turn.intent == "bet_simulation" else "no_team"
            return True
        _settle(turn, follow_intent(them))
        _back_team(turn, focus)
        return True
    return False


def _continues_real_bet(turn: Turn, real: dict) -> bool:
    """"actually make it 35", "10 dólares", "que gane el Barcelona" (or a bare "sí" to the market question)
    right after a real bet was prepared or asked about: that real bet, with what this message changes. A message
    naming other teams, or saying no, is something else."""
    slots, message = turn.slots, turn.ctx.message
    known = {name.casefold() for name in real.get("teams") or []}
    if slots.confirmation is False or _CANCEL.match(message) or _MY_BETS.search(message) \
            or _WHAT_IF.search(fold(message)):
        return False
    chosen = _chosen_fixture(turn, real.get("fixtures") or [])
    if chosen is not None:  # "the second one", "the one against Chelsea": the match asked about, that real bet
        turn.context["fixture_id"], turn.slots_from_memory = chosen["id"], True
        slots.teams = list(real.get("teams") or [])
        slots.amount = slots.amount if slots.amount is not None else (
            Decimal(real["amount"]) if real.get("amount") else None)
        slots.currency = slots.currency or real.get("currency")
        slots.amount_ambiguous = slots.amount_ambiguous or bool(real.get("amount_ambiguous"))
        slots.market, slots.selection, slots.line = real.get("market"), real.get("selection"), real.get("line")
        slots.selection_team = real.get("selection_team")
        slots.selection_negated = bool(real.get("selection_negated"))
        slots.wants_real_bet = turn.real_bet = True
        _settle(turn, "place_bet")
        return True
    if any(team.casefold() not in known for team in slots.teams) or turn.intent in _NOT_A_BET_ANSWER:
        return False
    answers = (slots.amount is not None or slots.currency or slots.market or slots.selection or slots.selection_team
               or slots.confirmation is True or slots.wants_real_bet)  # "what's on today?" asks something else
    if not answers:
        return False
    if slots.amount is not None and slots.currency is None:
        turn.context["currency"] = None  # "35" / "How much in USD?" "10": the account's currency, never the old one
    elif slots.amount is None:
        slots.amount = Decimal(real["amount"]) if real.get("amount") else None
        slots.currency = slots.currency or real.get("currency")
        slots.amount_ambiguous = slots.amount_ambiguous or bool(real.get("amount_ambiguous"))
    if not slots.teams:
        slots.teams = list(real.get("teams") or [])
        if real.get("fixture_id"):  # the fixture of the slip shown, not the team's next one
            turn.context["fixture_id"], turn.slots_from_memory = real["fixture_id"], True
    if not (slots.market or slots.selection or slots.selection_team):
        slots.market, slots.selection, slots.line = real.get("market"), real.get("selection"), real.get("line")
        slots.selection_team = real.get("selection_team")
    slots.date_from = slots.date_from or real.get("date_from")
    slots.date_to = slots.date_to or real.get("date_to")
    slots.wants_real_bet = turn.real_bet = True
    _settle(turn, "place_bet")
    return True


def _chosen_fixture(turn: Turn, listed: list[dict]) -> dict | None:
    """Which of the matches a real bet listed ("which one do you mean?") this answer picks: by its place in the
    list ("the second one", "el último") or by a team only one of them has ("the one against Chelsea")."""
    if not listed:
        return None
    ordinal = _ORDINAL.search(fold(turn.ctx.message))
    if ordinal:
        number = _ORDINAL_WORDS[ordinal.group(1)]
        return listed[number - 1 if number > 0 else -1] if number <= len(listed) else None
    named = {team.casefold() for team in turn.slots.teams}
    fitting = [item for item in listed if named & {item["home"].casefold(), item["away"].casefold()}]
    return fitting[0] if named and len(fitting) == 1 and len(fitting) < len(listed) else None


def apply_followups(turn: Turn) -> None:
    """Fill what the message leaves out from the conversation so far."""
    slots, context, message = turn.slots, turn.context, turn.ctx.message
    followup = bool(_FOLLOWUP.match(message)) or len(message.split()) <= 4
    last_intent = context.get("last_intent")
    turn.named = list(slots.teams)
    asked = context.pop("asked", None)  # a question of the last answer is answered now or never
    real = context.pop("real_bet", None)  # likewise the real bet that answer prepared or asked about
    if real and _continues_real_bet(turn, real):
        return
    if slots.teams and last_intent in (*TEAM_INTENTS, "match_schedule") and _CORRECTION.match(message):
        turn.intent, turn.confidence = last_intent, max(turn.confidence, 0.8)
        context.pop("fixture_id", None)  # the corrected team's match, never the one shown before
        context["teams"] = []
        return
    if _answers_which_side(turn, asked):
        return
    if resolve_references(turn) and turn.question:
        return
    restated = bool(_RESTATE.search(fold(message)))
    followup = followup or restated
    if slots.amount is None and last_intent in ("bet_simulation", "betting_recommendation") and not slots.teams:
        bare = _BARE_STAKE.match(fold(message))  # "na verdade, 30": a number alone is the new stake
        if bare and (restated or len(message.split()) <= 2):
            slots.amount = Decimal(bare.group(1).replace(",", "."))
    weak = turn.intent in ("out_of_scope", "help", "greeting") or turn.confidence < 0.5
    carried = slots.date_from or slots.amount is not None or slots.market or slots.selection
    if followup and weak and last_intent and carried and last_intent not in ("greeting", "help", "out_of_scope"):
        turn.intent = last_intent
        turn.confidence = max(turn.confidence, 0.6)
    if last_intent == "betting_recommendation" and turn.intent != "betting_recommendation" and not slots.teams:
        risk_cue = slots.risk or any(pattern.search(message) for pattern in _RISK.values())
        if (risk_cue and (followup or weak)) or (slots.amount is not None and _INSTEAD.search(message)):
            turn.intent = "betting_recommendation"  # "lower-risk options", "what if I bet 50 instead?"
            turn.confidence = max(turn.confidence, 0.6)
    if slots.amount is not None and followup and (turn.intent not in ("bet_simulation", "betting_recommendation")
                                                  or restated or len(message.split()) <= 4) \
            and last_intent in ("bet_simulation", "betting_recommendation") and not slots.teams:
        _settle(turn, last_intent)  # "actually make it 35": the same question with a new stake
    known_teams = context.get("teams") or []
    if not slots.tournament and (not slots.teams or (turn.intent == "team_comparison" and len(slots.teams) < 2)) \
            and turn.intent in ("odds_information", "team_comparison", "match_schedule"):
        turn.unresolved = unresolved_name(message, known=slots.teams)
        if turn.unresolved:
            return  # "real madird odds": never answer for the remembered match instead
    if turn.intent in TEAM_INTENTS and not slots.teams and not slots.date_from and known_teams:
        slots.teams = list(known_teams[:2]) if turn.intent == "odds_information" else list(known_teams[:1])
        turn.slots_from_memory = True
    if turn.intent == "team_comparison" and len(slots.teams) == 1 and known_teams:
        other = next((team for team in known_teams if team != slots.teams[0]), None)
        if other:
            slots.teams = [other, slots.teams[0]]
    explicit = bool(_FOLLOWUP.match(message))  # "and tomorrow?", not "Matches tomorrow"
    if turn.intent == "match_schedule" and explicit and not slots.teams and slots.date_from \
            and last_intent == "match_schedule" and not slots.tournament:
        if context.get("query_team"):
            slots.teams = [context["query_team"]]
        elif context.get("tournament"):
            slots.tournament = context["tournament"]
    elif turn.intent == "match_schedule" and explicit and not slots.teams and slots.date_from \
            and last_intent in TEAM_INTENTS and known_teams and not slots.tournament:
        slots.teams = [known_teams[0]]  # "odds for Madrid" then "and tomorrow?": Madrid's games tomorrow
    if followup and slots.amount is None and turn.intent in ("bet_simulation",) and context.get("stake"):
        slots.amount = Decimal(str(context["stake"]))
    if slots.currency is None and context.get("currency"):
        slots.currency = context["currency"]
    if slots.market is None and followup and turn.intent in ("odds_information", "bet_simulation") \
            and (not slots.teams or turn.slots_from_memory):  # "on Inter" picks a new selection
        slots.market = context.get("market") if turn.intent == "bet_simulation" else None
        if turn.intent == "bet_simulation" and slots.selection is None:
            slots.selection = context.get("selection")
            slots.line = slots.line or context.get("line")


def remember(turn: Turn) -> None:
    slots, context = turn.slots, turn.context
    if turn.named:  # "odds for Chelsea": Chelsea is "them"; "Liverpool vs Chelsea": no one team is
        context["focus_team"] = turn.named[0] if len(turn.named) == 1 else None
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
    if turn.shown:  # "the second one" next turn means the second of this list
        context["last_list"] = turn.shown[:10]
    elif turn.intent in ("tournament_info", "my_bets"):  # a list of other things: no stale match list
        context["last_list"] = None
    if turn.intent != "clarification":  # a question back does not change what the conversation is about
        context["last_intent"] = turn.intent
    context["language"] = turn.language
    context.pop("pending_bet", None)  # the turn service owns it (set by the place_bet tool only)
