"""Follow-ups: what a message leaves out, filled from the conversation's context, and the context
a turn leaves for the next one."""

from __future__ import annotations

import logging
from decimal import Decimal

from sports.services.catalogue import match_team

from .answer import _CORRECTION, _FOLLOWUP, _INSTEAD, _RISK, TEAM_INTENTS
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



def apply_followups(turn: Turn) -> None:
    """Fill what the message leaves out from the conversation so far."""
    slots, context, message = turn.slots, turn.context, turn.ctx.message
    followup = bool(_FOLLOWUP.match(message)) or len(message.split()) <= 4
    last_intent = context.get("last_intent")
    if slots.teams and last_intent in (*TEAM_INTENTS, "match_schedule") and _CORRECTION.match(message):
        turn.intent, turn.confidence = last_intent, max(turn.confidence, 0.8)
        context.pop("fixture_id", None)  # the corrected team's match, never the one shown before
        context["teams"] = []
        return
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
    if slots.amount is not None and followup and turn.intent not in ("bet_simulation", "betting_recommendation") \
            and last_intent in ("bet_simulation", "betting_recommendation") and not slots.teams:
        turn.intent = last_intent
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
    if turn.intent != "clarification":  # a question back does not change what the conversation is about
        context["last_intent"] = turn.intent
    context["language"] = turn.language
    context.pop("pending_bet", None)  # the turn service owns it (set by the place_bet tool only)
