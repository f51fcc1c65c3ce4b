"""The offline engine: deterministic, data-grounded answers in the user's language.

Every fixture, price and amount in an answer is read from a tool result (`chat.engine.tools`);
templates only arrange them. Follow-ups ("and the odds?", "what if I bet 50 instead?", "and
tomorrow?", "compare it with Chelsea") are filled from the conversation's structured memory.
A real bet is only ever shown and asked about; it is placed on the next turn's explicit "yes".
"""

from __future__ import annotations

import copy
import dataclasses
import logging
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from channels.db import DatabaseSyncToAsync

from accounts.selectors import get_betting_link
from betting.errors import TEXTS as BETTING_REFUSALS
from betting.errors import text as betting_text
from chat import experiments
from chatbet_project.errors import ChatBetError
from sports.domain import LANGUAGES, iso_utc
from sports.services.catalogue import get_sport, match_team

from . import tools
from .base import EngineAnswer, TurnContext, chunk_text, estimate_tokens
from .clarify import clarifying_question
from .memory import empty_context
from .nlu import understand
from .nlu.names import COMMON_WORDS
from .nlu.text import fold, name_key, tokenize
from .phrases import (  # the phrasebook (gettext catalogues), re-exported for the handlers and the LLM engine
    BET_STATES,
    EXPLAIN,
    MARKET_NAMES,
    MONTH_NAMES,
    RISK_NAMES,
    WEEKDAY_NAMES,
    suggestions,
    t,
)

logger = logging.getLogger(__name__)

TEAM_INTENTS = {"odds_information", "bet_simulation", "team_comparison"}

# --- deterministic cues the classifier does not model ------------------------------------------

_PLACE = re.compile(
    r"\b(?:place|put|make|submit)\b[^?]{0,40}\bbets?\b|^\s*(?:please\s+)?bet\s+\$?\d"
    r"|^\s*(?:please\s+)?(?:place|put|stake)\s+[$€£]?\s?\d|^\s*(?:pon|p[oó]n|m[eé]tele|mete)\s+[$€£]?\s?\d"
    r"|\b(?:coloca|colocar|haz|hacer|realiza|realizar|pon|poner|mete|meter)\b[^?]{0,40}\bapuesta\b"
    r"|^\s*apuesta\s+\$?\d|\b(?:fa[cç]a|fazer|coloque|colocar)\b[^?]{0,40}\baposta\b|^\s*aposte\s+\$?\d",
    re.IGNORECASE,
)
_MY_BETS = re.compile(r"\b(?:my|mis|minhas|meus)\s+(?:real\s+)?(?:bets|apuestas|apostas)\b", re.IGNORECASE)
_THANKS = re.compile(r"\b(thanks|thank you|thx|cheers|gracias|obrigad[oa]|valeu)\b", re.IGNORECASE)
_BYE = re.compile(r"\b(bye|goodbye|see you|later|ad[ií]os|chao|chau|hasta luego|tchau|at[eé] logo)\b", re.IGNORECASE)
_PROBABILITY = re.compile(r"probab|chance|implied|impl[ií]cit", re.IGNORECASE)
_CANCEL = re.compile(r"^\s*(no|nope|cancel|cancela|cancelar|não|nao|stop|olvídalo|olvidalo|forget it)\b",
                     re.IGNORECASE)
_FOLLOWUP = re.compile(
    r"^\s*(?:¿\s*)?(?:and|what about|how about|y|e|qu[eé] tal|what if|y si|e se|instead|also|tamb[ié]m|"
    r"tambi[eé]n)\b", re.IGNORECASE)
_RISK = {
    "low": re.compile(r"\b(safe|safer|safest|low(er)?[- ]risk|less risk|conservative|segur[ao]s?|bajo riesgo|"
                      r"poco riesgo|menor riesgo|menos riesgo|baixo risco|menor risco|favou?rites?|favoritos?)\b",
                      re.IGNORECASE),
    "high": re.compile(r"\b(risky|riskier|high(er)?[- ]risk|more risk|long shots?|value|big odds|arriesgad[ao]s?|"
                       r"m[aá]s riesgo|alto riesgo|arriscad[ao]s?|mais risco|alto risco|underdogs?|bombazo|zebra)\b",
                       re.IGNORECASE),
}
# "no, I meant Barcelona": the same question as the last turn, about another team.
_CORRECTION = re.compile(
    r"^\s*(?:(?:no+|n[aã]o|nope)\b[,.!]?\s*)?(?:sorry[,.]?\s*)?(?:i meant|i mean|i said|quise decir|quiero decir|"
    r"me refiero a|me referia a|dije|eu quis dizer|quis dizer|quero dizer|eu disse|estou falando d[oa])\b",
    re.IGNORECASE)
_INSTEAD = re.compile(r"\b(instead|en vez|en lugar|em vez|no lugar)\b", re.IGNORECASE)
_ODDS_GIVEN = re.compile(r"(?:\bodds?(?: of)?|\bcuotas?(?: de)?|\bodd(?: de)?|@)\s*(\d{1,3}(?:[.,]\d{1,3})?)",
                         re.IGNORECASE)
_EXPLAIN_TOPICS = (
    ("btts", re.compile(r"btts|both teams|ambos marcan|ambas marcam", re.I)),
    ("handicap", re.compile(r"handicap|hándicap|h[aá]ndicap|spread", re.I)),
    ("over_under", re.compile(r"over|under|m[aá]s de|menos de|mais de|total", re.I)),
    ("double_chance", re.compile(r"double chance|doble oportunidad|dupla chance", re.I)),
    ("margin", re.compile(r"margin|margen|margem|overround|vig|juice", re.I)),
    ("1x2", re.compile(r"1x2|\bx\b|moneyline|match result|resultado", re.I)),
    ("odds", re.compile(r".", re.I)),
)


def stake_problem(amount, language: str) -> str | None:
    """A localized refusal for a stated stake the tools would reject (0, negative, too big, > 2 decimals),
    so the user never sees raw validator text and an old stake is never silently reused instead."""
    if amount is None:
        return None
    value = Decimal(str(amount))
    if value <= 0:
        return t("stake_not_positive", language, stake=str(value))
    if value > tools.MAX_STAKE:
        return t("stake_too_big", language, max=fmt_money(tools.MAX_STAKE), stake=fmt_money(value))
    if value.as_tuple().exponent < -2:
        return t("stake_decimals", language, stake=str(value), cents=fmt_money(value),
                 whole=str(value).replace(".", ""))
    return None


# Words that are not team names even though the fuzzy matcher scores them high ("one" ~ "AC Milan").
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


def _alt_stake(amount) -> str:
    """Another round stake to suggest trying (never the one just used)."""
    return "20" if amount is not None and Decimal(str(amount)) == 50 else "50"


def fmt_money(value) -> str:
    return f"{Decimal(str(value)):.2f}"


def fmt_odds(value) -> str:
    return f"{float(value):.2f}"


def fmt_when(iso_time: str, *, tz: str, language: str) -> str:
    dt = datetime.fromisoformat(iso_time.replace("Z", "+00:00")).astimezone(ZoneInfo(tz))
    weekday = WEEKDAY_NAMES.get(language, WEEKDAY_NAMES["en"])[dt.weekday()]
    month = MONTH_NAMES.get(language, MONTH_NAMES["en"])[dt.month - 1]
    zone = "UTC" if tz == "UTC" else dt.tzname() or tz
    return f"{weekday} {dt.day} {month} {dt:%H:%M} {zone}"


def bet_summary(bet: dict, *, language: str, tz: str) -> str:
    """The server's own wording of a bet awaiting confirmation, from the pending bet's data (what
    `place_bet` will place), so a user never confirms a model's paraphrase of it."""
    fixture = bet["fixture"]
    return t("confirm_bet", language, label=bet["label"], match=f"{fixture['home']} vs {fixture['away']}",
             tournament=fixture["tournament"], when=fmt_when(fixture["start_time"], tz=tz, language=language),
             odds=fmt_odds(bet["odds"]), stake=fmt_money(bet["stake"]), cur=bet["currency"],
             win=fmt_money(bet["possible_win"]),
             profit=fmt_money(Decimal(str(bet["possible_win"])) - Decimal(str(bet["stake"]))))


def fmt_range(date_from: str | None, date_to: str | None, *, tz: str, language: str) -> str:
    if not date_from:
        return ""
    start = datetime.fromisoformat(date_from.replace("Z", "+00:00")).astimezone(ZoneInfo(tz))
    end = datetime.fromisoformat(date_to.replace("Z", "+00:00")).astimezone(ZoneInfo(tz)) if date_to else None
    months = MONTH_NAMES.get(language, MONTH_NAMES["en"])
    word = {"en": " on ", "es": " el ", "pt_br": " em "}.get(language, " on ")
    if end is None or (end - start) <= timedelta(days=1, seconds=1):
        return f"{word}{start.day} {months[start.month - 1]}"
    last = end - timedelta(seconds=1)
    between = {"en": (" from ", " to "), "es": (" del ", " al "), "pt_br": (" de ", " a ")}.get(language)
    return f"{between[0]}{start.day} {months[start.month - 1]}{between[1]}{last.day} {months[last.month - 1]}"


WINNER_NAMES = {"en": "Winner", "es": "Ganador", "pt_br": "Vencedor"}


def market_name(key: str, language: str, *, selections=None) -> str:
    """The market's name; a match-result market with no draw (basketball, tennis) is "Winner", not 1X2."""
    if key == "1x2" and selections is not None and "draw" not in selections:
        return WINNER_NAMES.get(language, WINNER_NAMES["en"])
    name = MARKET_NAMES.get(key, key)
    return name if isinstance(name, str) else (name.get(language) or name["en"])


# What an over/under line counts, per sport (by the catalogue's English sport name).
TOTAL_UNITS = {
    "football": {"en": "goals", "es": "goles", "pt_br": "gols"},
    "soccer": {"en": "goals", "es": "goles", "pt_br": "gols"},
    "basketball": {"en": "points", "es": "puntos", "pt_br": "pontos"},
    "tennis": {"en": "games", "es": "juegos", "pt_br": "games"},
    "volleyball": {"en": "sets", "es": "sets", "pt_br": "sets"},
}


def total_unit(sport_id: str | None, language: str) -> str | None:
    """'goals' / 'points' / 'games' for an over/under line of this sport; None when unknown (no guess)."""
    if not sport_id:
        return None
    try:
        sport = get_sport(sport_id=str(sport_id))
    except Exception:  # the catalogue is down: the line without a unit is still true
        return None
    units = TOTAL_UNITS.get((getattr(sport, "name", "") or "").strip().lower())
    return (units.get(language) or units["en"]) if units else None


# --- entities ---------------------------------------------------------------------------------


def _jsonable(value):
    if isinstance(value, datetime):
        return iso_utc(value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _jsonable(dataclasses.asdict(value))
    return value


def _field(obj, *names, default=None):
    for name in names:
        value = obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)
        if value not in (None, "", [], ()):
            return value
    return default


@dataclasses.dataclass
class Slots:
    """The entities the engine acts on, in one normalised shape whatever the classifier returns."""

    teams: list[str]
    tournament: str | None = None
    date_from: str | None = None  # ISO UTC
    date_to: str | None = None
    amount: Decimal | None = None
    currency: str | None = None
    market: str | None = None
    selection: str | None = None
    line: str | None = None
    live: bool = False
    risk: str | None = None
    confirmation: bool | None = None  # the classifier's reading of a yes/no answer
    wants_real_bet: bool = False
    selection_team: str | None = None  # "Arsenal to win": the team the selection backs
    sport_id: str | None = None  # "football matches": the catalogue sport to list
    amount_ambiguous: bool = False  # "10.555" from a Spanish/Portuguese speaker: thousands or decimals?


def _as_iso(value) -> str | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return iso_utc(value if value.tzinfo else value.replace(tzinfo=UTC))
    return str(value)


def slots_from(entities) -> Slots:
    teams = _field(entities, "teams", default=[]) or []
    teams = [(_field(x, "name") or str(x)) if not isinstance(x, str) else x for x in teams]
    tournament = _field(entities, "tournament", "tournaments")
    if isinstance(tournament, (list, tuple)):
        tournament = tournament[0] if tournament else None
    if tournament is not None and not isinstance(tournament, str):
        tournament = _field(tournament, "name") or str(tournament)
    date_from = _field(entities, "date_from")
    date_to = _field(entities, "date_to")
    date = _field(entities, "date", "date_range", "dates")
    if date is not None and date_from is None:
        if isinstance(date, (list, tuple)) and date and not isinstance(date[0], (str, datetime)):
            date = date[0]
        if isinstance(date, (list, tuple)) and len(date) == 2:
            date_from, date_to = date
        else:
            date_from, date_to = _field(date, "date_from", "start"), _field(date, "date_to", "end")
    amount = _field(entities, "amount", "stake")
    currency = _field(entities, "currency")
    if amount is not None and not isinstance(amount, (int, float, Decimal, str)):
        currency = currency or _field(amount, "currency")
        amount = _field(amount, "value", "amount")
    try:
        amount = Decimal(str(amount)) if amount is not None else None
    except InvalidOperation:
        amount = None
    market = _field(entities, "market")
    selection = _field(entities, "selection")
    line = _field(entities, "line")
    if market is not None and not isinstance(market, str):
        line = line or _field(market, "line")
        selection = selection or _field(market, "selection")
        market = _field(market, "key", "name")
    if selection is not None and not isinstance(selection, str):
        line = line or _field(selection, "line")
        selection = _field(selection, "key", "name", "value")
    return Slots(
        teams=list(dict.fromkeys(teams)), tournament=tournament, date_from=_as_iso(date_from),
        date_to=_as_iso(date_to), amount=amount, currency=currency, market=market, selection=selection,
        line=_line_text(line), live=bool(_field(entities, "live", default=False)),
        risk=_field(entities, "risk"), confirmation=_get(entities, "confirmation"),
        wants_real_bet=bool(_field(entities, "wants_real_bet", default=False)),
        selection_team=_field(entities, "selection_team"),
        sport_id=_field(entities, "sport_id"),
        amount_ambiguous=bool(_field(entities, "amount_ambiguous", default=False)),
    )


def _get(obj, name):
    return obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)


def _line_text(line) -> str | None:
    if line is None:
        return None
    if isinstance(line, float) and line.is_integer():
        return f"{int(line):+d}" if line else "0"
    return str(line)


def understand_message(ctx: TurnContext):
    return understand(ctx.message, now=ctx.now, timezone=ctx.timezone, language_hint=ctx.language)


# --- the engine -------------------------------------------------------------------------------


@dataclasses.dataclass
class _Turn:
    ctx: TurnContext
    language: str
    intent: str
    confidence: float
    slots: Slots
    context: dict
    tool_calls: list[dict]
    slots_from_memory: bool = False  # the teams were filled in from the conversation, not this message
    unresolved: tuple[str, list[str]] | None = None  # (text, closest catalogue teams) of a name the NLU missed
    readings: list[str] = dataclasses.field(default_factory=list)  # the NLU's most likely intents, when it abstained

    @property
    def tz(self) -> str:
        return self.ctx.timezone or "UTC"

    def tool(self, name: str, **arguments) -> dict:
        arguments = {k: v for k, v in arguments.items() if v is not None}
        result = tools.run_tool(name, _jsonable(arguments), ctx=self.ctx)
        self.tool_calls.append({"name": name, "arguments": _jsonable(arguments),
                                "result_summary": tools.summarize(name, result)})
        return result

    def when(self, iso_time: str) -> str:
        return fmt_when(iso_time, tz=self.tz, language=self.language)

    def fixture_line(self, fixture: dict) -> str:
        live = " " + t("live_label", self.language) if fixture.get("status") == "live" else ""
        when = self.when(fixture["start_time"])
        return f"• {fixture['home']} vs {fixture['away']} — {fixture['tournament']}, {when}{live}"

    def remember_fixture(self, fixture: dict) -> None:
        self.context["fixture_id"] = fixture["id"]
        self.context["fixture_label"] = f"{fixture['home']} vs {fixture['away']}"

    def link(self):
        identity = self.ctx.identity
        if identity is None or not identity.is_authenticated:
            return None

        return get_betting_link(user_id=identity.user_id)


class OfflineEngine:
    """Rules and templates over real data; no network beyond the sports services' own cache/provider."""

    name = "offline"

    def answer(self, ctx: TurnContext) -> EngineAnswer:
        understanding = understand_message(ctx)
        language = understanding.language if understanding.language in LANGUAGES else ctx.language
        if len(ctx.message.split()) <= 2 and ctx.memory is not None and ctx.memory.history \
                and ctx.language in LANGUAGES:
            language = ctx.language  # "no", "ok", "vale": too short to switch an ongoing conversation's language
        ctx = dataclasses.replace(ctx, language=language)  # tools label things in the detected language
        slots = slots_from(understanding.entities)
        context = copy.deepcopy(ctx.memory.context) if ctx.memory is not None else empty_context()
        turn = _Turn(ctx=ctx, language=language, intent=understanding.intent,
                     confidence=float(understanding.confidence), slots=slots, context=context, tool_calls=[])
        self._apply_followups(turn)
        if understanding.abstain and turn.intent == understanding.intent:  # no follow-up settled it
            turn.readings = [intent for intent, _ in understanding.alternatives]
        try:
            text, actions = self._dispatch(turn)
            text = experiments.shape_answer(text, intent=turn.intent, metadata=ctx.metadata, language=language,
                                            tool_calls=turn.tool_calls)
        except ChatBetError as exc:
            text, actions = t("tool_error", language, message=str(exc)), suggestions("generic", language)
        self._remember(turn)
        raw = understanding.entities
        entities = raw.to_dict() if hasattr(raw, "to_dict") else _jsonable(raw)
        if not isinstance(entities, dict):
            entities = {"value": entities}
        return EngineAnswer(
            text=text, intent=turn.intent, confidence=round(turn.confidence, 3), entities=entities,
            suggested_actions=actions[:4], tool_calls=turn.tool_calls, token_count=estimate_tokens(text),
            engine=self.name, metadata={"context": turn.context, "language": language},
        )

    async def stream(self, ctx: TurnContext) -> AsyncIterator[str | EngineAnswer]:
        # CPU and cache/provider work happens off the event loop; DB connections are managed as Channels does.
        answer = await DatabaseSyncToAsync(self.answer, thread_sensitive=False)(ctx)
        for piece in chunk_text(answer.text):
            yield piece
        yield answer

    # --- follow-ups and memory ---------------------------------------------------------------

    def _apply_followups(self, turn: _Turn) -> None:
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

    def _remember(self, turn: _Turn) -> None:
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

    # --- routing ----------------------------------------------------------------------------

    def _dispatch(self, turn: _Turn) -> tuple[str, list[str]]:
        message = turn.ctx.message
        pending = turn.context.get("pending_bet")
        if pending and (tools.is_explicit_confirmation(message) or turn.slots.confirmation is True):
            return self._confirm_bet(turn, pending)
        if pending and (_CANCEL.match(message) or turn.slots.confirmation is False):
            turn.intent = "bet_confirmation"
            tools.cancel_pending_bet(ctx=turn.ctx, pending=pending)
            return t("bet_cancelled", turn.language), suggestions("generic", turn.language)
        if tools.is_explicit_confirmation(message):  # the fixed phrases only: no team or stake in them
            # "yes, place it" with no slip waiting (already placed, expired, never shown): never a new bet.
            turn.intent = "bet_confirmation"
            return t("nothing_pending", turn.language), suggestions("generic", turn.language)
        if turn.slots.confirmation is not None and len(message.split()) <= 3 and not turn.slots.teams:
            # A bare yes/no with nothing waiting for it (or a bet shown more than one turn ago).
            return t("nothing_pending", turn.language), suggestions("generic", turn.language)
        if _MY_BETS.search(message):
            return self._my_bets(turn)
        if turn.slots.wants_real_bet or _PLACE.search(message):
            return self._place_bet(turn)
        if turn.unresolved:
            return self._which_team(turn)
        if turn.readings:
            turn.intent = "clarification"
            amount = str(turn.slots.amount) if turn.slots.amount is not None else None
            return clarifying_question(turn.readings, turn.language, teams=list(turn.slots.teams), amount=amount)
        handler = {
            "greeting": self._greeting,
            "help": self._help,
            "match_schedule": self._schedule,
            "odds_information": self._odds,
            "betting_recommendation": self._recommend,
            "team_comparison": self._compare,
            "balance_query": self._balance,
            "bet_simulation": self._simulate,
            "tournament_info": self._tournaments,
            "general_betting_info": self._explain,
        }.get(turn.intent, self._out_of_scope)
        return handler(turn)

    # --- handlers ---------------------------------------------------------------------------

    def _which_team(self, turn: _Turn) -> tuple[str, list[str]]:
        """A name we could not resolve: offer the closest catalogue teams, never another match's odds."""
        text, candidates = turn.unresolved
        language = turn.language
        turn.slots.teams = []
        turn.context.pop("fixture_id", None)  # a follow-up must not land on the previous match either
        names = {"en": " or ", "es": " o ", "pt_br": " ou "}[language].join(candidates)
        ask = {"odds_information": {"en": "Odds for {}", "es": "Cuotas de {}", "pt_br": "Odds de {}"},
               "team_comparison": {"en": "When does {} play?", "es": "¿Cuándo juega {}?",
                                   "pt_br": "Quando joga o {}?"}}
        ask["match_schedule"] = ask["team_comparison"]
        ask = ask[turn.intent][language]
        actions = [ask.format(name) for name in candidates][:4]
        extras = [extra for extra in suggestions("generic", language) if extra not in actions]
        actions += extras[:max(0, 2 - len(actions))]
        return t("which_team", language, text=text, names=names), actions

    def _greeting(self, turn: _Turn) -> tuple[str, list[str]]:
        if _THANKS.search(turn.ctx.message):
            return t("thanks", turn.language), suggestions("greeting", turn.language)
        if _BYE.search(turn.ctx.message):
            return t("bye", turn.language), suggestions("greeting", turn.language)
        actions = suggestions("greeting", turn.language)
        link = turn.link()
        if link is not None and link.favourite_teams:  # the user's own teams first
            ask = {"en": "When does {} play?", "es": "¿Cuándo juega {}?", "pt_br": "Quando joga o {}?"}
            actions = [ask.get(turn.language, ask["en"]).format(link.favourite_teams[0]), *actions][:4]
        return t("greeting", turn.language), actions

    def _help(self, turn: _Turn) -> tuple[str, list[str]]:
        upcoming = turn.tool("find_fixtures", limit=1).get("fixtures") or []
        home, away = (upcoming[0]["home"], upcoming[0]["away"]) if upcoming else (None, None)
        team = (turn.context.get("teams") or [home])[0]
        return t("help", turn.language), suggestions("help", turn.language, team=team, home=home, away=away)

    def _out_of_scope(self, turn: _Turn) -> tuple[str, list[str]]:
        turn.intent = turn.intent if turn.intent == "out_of_scope" else "out_of_scope"
        return t("out_of_scope", turn.language), suggestions("generic", turn.language)

    def _schedule(self, turn: _Turn) -> tuple[str, list[str]]:
        slots, language = turn.slots, turn.language
        team = slots.teams[0] if slots.teams else None
        live = slots.live or None
        result = turn.tool("find_fixtures", team=team, tournament=slots.tournament, date_from=slots.date_from,
                           date_to=slots.date_to, live=live, sport_id=slots.sport_id, limit=5)
        if "error" in result:
            return t("tool_error", language, message=result["message"]), suggestions("generic", language)
        query_team = result["query"].get("team")
        turn.context["query_team"] = query_team
        turn.context["tournament"] = slots.tournament  # what "and tomorrow?" narrows to next
        team_part = ({"en": " for ", "es": " de ", "pt_br": " do "}[language] + query_team) if query_team else ""
        if slots.tournament and not query_team:
            team_part = {"en": " in ", "es": " de ", "pt_br": " do "}[language] + slots.tournament
        when = fmt_range(slots.date_from, slots.date_to, tz=turn.tz, language=language)
        fixtures = result["fixtures"]
        if fixtures:
            playing = [f for f in fixtures if f.get("status") == "live"]
            coming = [f for f in fixtures if f.get("status") != "live"]
            lines = []
            if playing:  # live matches get their own heading: they are not "upcoming"
                lines += [t("live_now", language), *(turn.fixture_line(f) for f in playing)]
            if coming and not live:
                lines += [t("fixtures_for", language, team=team_part, when=when),
                          *(turn.fixture_line(f) for f in coming)]
            first = fixtures[0]
            turn.remember_fixture(first)
            if query_team:
                slots.teams = [query_team, *[x for x in slots.teams if x != query_team]]
            focus = query_team or first["home"]
            actions = suggestions("schedule", language, match=f"{first['home']} vs {first['away']}", team=focus)
            total = result.get("total") or len(fixtures)
            if total > len(fixtures):
                if slots.tournament:  # already one tournament: only a narrower date shows the rest
                    lines.append(t("showing_by_date", language, shown=len(fixtures), total=total))
                else:
                    more = t("more_in", language, tournament=first["tournament"])
                    lines.append(t("showing_some", language, shown=len(fixtures), total=total, more=more))
                    actions = [more, *[a for a in actions if a != more]][:4]
            return "\n".join(lines), actions
        if result.get("unknown_tournament"):
            names = [item["name"] for item in result.get("tournaments") or []]
            text = t("unknown_tournament", language, tournament=slots.tournament, names=", ".join(names))
            actions = [t("more_in", language, tournament=name) for name in names[:2]]
            return text, (actions + suggestions("generic", language))[:3]
        lines = [t("no_live", language) if live and not query_team else
                 t("no_fixtures", language, team=team_part, when=when)]
        alternatives = result.get("alternatives") or []
        if alternatives:
            lines.append(t("nearest", language))
            lines += [turn.fixture_line(f) for f in alternatives]
            first = alternatives[0]
            turn.remember_fixture(first)
            return "\n".join(lines), suggestions("schedule", language, match=f"{first['home']} vs {first['away']}",
                                                 team=query_team or first["home"])
        lines.append(t("no_alternatives", language))
        return "\n".join(lines), suggestions("generic", language)

    def _resolve_fixture_args(self, turn: _Turn) -> dict | None:
        slots = turn.slots
        if slots.teams:
            args = {"team": slots.teams[0]}
            if len(slots.teams) > 1:
                args["opponent"] = slots.teams[1]
            if turn.slots_from_memory and turn.context.get("fixture_id"):
                return {"fixture_id": turn.context["fixture_id"]}
            return args
        if turn.context.get("fixture_id"):
            return {"fixture_id": turn.context["fixture_id"]}
        return None

    def _ask_which_match(self, turn: _Turn) -> tuple[str, list[str]]:
        upcoming = turn.tool("find_fixtures", limit=3).get("fixtures") or []
        lines = [t("which_match", turn.language), *(turn.fixture_line(f) for f in upcoming)]
        actions = [suggestions("schedule", turn.language, match=f"{f['home']} vs {f['away']}", team=f["home"])[0]
                   for f in upcoming]
        return "\n".join(lines), (actions or suggestions("generic", turn.language))[:4] if len(actions) >= 2 \
            else suggestions("generic", turn.language)

    def _no_fixture(self, turn: _Turn, result: dict) -> tuple[str, list[str]]:
        """No match for that team: say so (in the user's language), and offer the nearest fixtures."""
        language = turn.language
        if result.get("error") not in ("not_found", "fixture_not_found"):
            return t("tool_error", language, message=result.get("message", "")), suggestions("generic", language)
        teams = " vs ".join(turn.slots.teams[:2])
        team_part = ({"en": " for ", "es": " de ", "pt_br": " do "}[language] + teams) if teams else ""
        message = t("no_fixtures", language, team=team_part, when="")
        upcoming: list[dict] = []
        for team in turn.slots.teams[:2]:  # the nearest matches of the teams asked about
            for fixture in turn.tool("find_fixtures", team=team, limit=2).get("fixtures") or []:
                if fixture["id"] not in {f["id"] for f in upcoming}:
                    upcoming.append(fixture)
        if not upcoming:
            upcoming = turn.tool("find_fixtures", limit=3).get("fixtures") or []
        upcoming = sorted(upcoming, key=lambda f: f["start_time"])[:3]
        lines = [message]
        if upcoming:
            lines.append(t("nearest", turn.language))
            lines += [turn.fixture_line(f) for f in upcoming]
            first = upcoming[0]
            team = turn.slots.teams[0] if turn.slots.teams else first["home"]
            return "\n".join(lines), suggestions("schedule", turn.language, match=f"{first['home']} vs {first['away']}",
                                                 team=team)
        return "\n".join(lines), suggestions("generic", turn.language)

    def _odds(self, turn: _Turn) -> tuple[str, list[str]]:
        args = self._resolve_fixture_args(turn)
        if args is None:
            return self._ask_which_match(turn)
        market = turn.slots.market
        result = turn.tool("get_odds", market=market, **args)
        if "error" in result:
            return self._no_fixture(turn, result)
        return self._render_odds(turn, result, market)

    def _render_odds(self, turn: _Turn, result: dict, market: str | None) -> tuple[str, list[str]]:
        language = turn.language
        fixture = result["fixture"]
        turn.remember_fixture(fixture)
        focus = self._focus_team(turn, fixture)
        turn.slots.teams = [focus, fixture["away"] if focus == fixture["home"] else fixture["home"]]
        match = f"{fixture['home']} vs {fixture['away']}"
        lines = [t("odds_head", language, match=match, tournament=fixture["tournament"],
                   when=turn.when(fixture["start_time"]))]
        if result["status"] != "active":
            lines.append(t("suspended", language))
        markets = result["markets"]
        if market and market not in markets:
            lines.append(t("no_market", language, match=match))
        keys = [market] if market in markets else [k for k in ("1x2", "over_under", "btts") if k in markets]
        for key in keys:
            lines.append(self._market_line(turn, key, markets[key], fixture))
        if _PROBABILITY.search(turn.ctx.message):
            key = keys[0] if keys else None
            if key:
                parts = [
                    f"{self._short_label(sel, fixture, price.get('line'), language)} {price['implied_probability']}%"
                    for sel, price in markets[key]["selections"].items() if price.get("implied_probability")
                ]
                lines.append(f"• {t('implied', language)}: " + " · ".join(parts))
        if result.get("stale"):
            lines.append(t("stale", language, age=int(result.get("age_seconds") or 0)))
        favourite = fixture["home"]
        main = markets.get("1x2")
        if main:
            sel = main["selections"]
            if "away" in sel and "home" in sel and sel["away"]["odds"] < sel["home"]["odds"]:
                favourite = fixture["away"]
        return "\n".join(lines), suggestions("odds", language, team=favourite, home=fixture["home"],
                                             away=fixture["away"])

    def _market_line(self, turn: _Turn, key: str, market: dict, fixture: dict) -> str:
        language = turn.language
        parts = []
        for selection, price in market["selections"].items():
            label = self._short_label(selection, fixture, price.get("line"), language)
            parts.append(f"{label} {fmt_odds(price['odds'])}")
        line = f"• {market_name(key, language, selections=market['selections'])}: " + " · ".join(parts)
        if market.get("margin_percent") is not None:
            line += f" ({t('margin', language, margin=market['margin_percent'])})"
        return line

    @staticmethod
    def _short_label(selection: str, fixture: dict, line: str | None, language: str) -> str:
        names = {
            "home": fixture["home"], "away": fixture["away"],
            "draw": {"en": "Draw", "es": "Empate", "pt_br": "Empate"}[language],
            "over": f"{ {'en': 'Over', 'es': 'Más de', 'pt_br': 'Mais de'}[language]} {line or ''}".strip(),
            "under": f"{ {'en': 'Under', 'es': 'Menos de', 'pt_br': 'Menos de'}[language]} {line or ''}".strip(),
            "yes": {"en": "Yes", "es": "Sí", "pt_br": "Sim"}[language],
            "no": {"en": "No", "es": "No", "pt_br": "Não"}[language],
            "home_or_draw": f"{fixture['home']}/X", "away_or_draw": f"X/{fixture['away']}",
            "home_or_away": f"{fixture['home']}/{fixture['away']}",
        }
        label = names.get(selection, selection)
        if selection in ("over", "under") and line:
            unit = total_unit(fixture.get("sport_id"), language)
            label = f"{label} {unit}" if unit else label
        if selection in ("home", "away") and line:
            label = f"{label} ({line})"
        return label

    @staticmethod
    def _focus_team(turn: _Turn, fixture: dict) -> str:
        """The side of this fixture the user has been asking about (else the home team)."""
        for team in [*turn.slots.teams, turn.context.get("query_team"), *(turn.context.get("teams") or [])]:
            if team and team.casefold() in (fixture["home"].casefold(), fixture["away"].casefold()):
                return fixture["home"] if team.casefold() == fixture["home"].casefold() else fixture["away"]
        return fixture["home"]

    def _side_of(self, fixture: dict, team: str | None) -> str | None:
        if not team:
            return None
        key = team.casefold()
        if key == fixture["home"].casefold():
            return "home"
        if key == fixture["away"].casefold():
            return "away"
        return None

    def _simulate(self, turn: _Turn) -> tuple[str, list[str]]:
        slots, language = turn.slots, turn.language
        given_odds = _ODDS_GIVEN.search(turn.ctx.message)
        if slots.amount is None:
            team = slots.teams[0] if slots.teams else (turn.context.get("teams") or [None])[0]
            if team is None:
                upcoming = turn.tool("find_fixtures", limit=1).get("fixtures") or []
                team = upcoming[0]["home"] if upcoming else "…"
            return t("need_stake", language, team=team), suggestions("generic", language)
        problem = stake_problem(slots.amount, language)
        if problem:
            return problem, suggestions("generic", language)
        currency = f" {slots.currency}" if slots.currency else ""
        if given_odds and not slots.teams:
            result = turn.tool("simulate_bet", stake=str(slots.amount), odds=given_odds.group(1).replace(",", "."))
            if "error" in result:
                return t("tool_error", language, message=result["message"]), suggestions("generic", language)
            text = t("sim_single", language, stake=fmt_money(result["stake"]) + currency,
                     label={"en": "that selection", "es": "esa selección", "pt_br": "essa seleção"}[language],
                     odds=fmt_odds(result["odds"]), returns=fmt_money(result["returns"]) + currency,
                     profit=fmt_money(result["profit"]) + currency, prob=result["implied_probability"])
            return f"{text} {t('sim_note', language)}", suggestions(
                "simulation", language, alt=_alt_stake(slots.amount), match=None)
        if len(slots.teams) >= 2 and re.search(r"combo|parlay|acca|accumulator|combinad|m[uú]ltipl", turn.ctx.message,
                                               re.I):
            legs = [{"team": team, "selection": "home"} for team in slots.teams[:5]]
            # each leg backs the named team, whichever side it plays on
            for leg in legs:
                found = turn.tool("find_fixtures", team=leg["team"], limit=1).get("fixtures") or []
                if found:
                    leg["fixture_id"] = found[0]["id"]
                    leg["selection"] = self._side_of(found[0], leg["team"]) or "home"
            result = turn.tool("simulate_bet", stake=str(slots.amount), legs=legs)
            if "error" in result:
                return self._no_fixture(turn, result)
            text = t("sim_combo", language, n=len(result["legs"]), odds=fmt_odds(result["odds"]),
                     stake=fmt_money(result["stake"]) + currency, returns=fmt_money(result["returns"]) + currency,
                     profit=fmt_money(result["profit"]) + currency, prob=result["implied_probability"])
            legs_text = [f"• {leg['label']} ({leg['fixture']['home']} vs {leg['fixture']['away']}) "
                         f"{fmt_odds(leg['odds'])}" for leg in result["legs"]]
            first = result["legs"][0]["fixture"]
            return "\n".join([text, *legs_text, t("sim_note", language)]), suggestions(
                "simulation", language, alt=_alt_stake(slots.amount), match=f"{first['home']} vs {first['away']}")
        args = self._resolve_fixture_args(turn)
        if args is None:
            return self._ask_which_match(turn)
        odds = turn.tool("get_odds", **args)
        if "error" in odds:
            return self._no_fixture(turn, odds)
        fixture = odds["fixture"]
        market = slots.market if slots.market in odds["markets"] else "1x2"
        selection = slots.selection
        if selection is None or selection not in (odds["markets"].get(market) or {}).get("selections", {}):
            team = slots.selection_team or (slots.teams[0] if slots.teams else None)
            selection = self._side_of(fixture, team) or turn.context.get("selection") or "home"
            if selection not in (odds["markets"].get(market) or {}).get("selections", {}):
                market, selection = "1x2", self._side_of(fixture, team) or "home"
        result = turn.tool("simulate_bet", stake=str(slots.amount), fixture_id=fixture["id"], market=market,
                           selection=selection)
        if "error" in result:
            return t("tool_error", language, message=result["message"]), suggestions("generic", language)
        turn.remember_fixture(fixture)
        slots.market, slots.selection = market, selection
        text = t("sim_single", language, stake=fmt_money(result["stake"]) + currency, label=result["label"],
                 odds=fmt_odds(result["odds"]), returns=fmt_money(result["returns"]) + currency,
                 profit=fmt_money(result["profit"]) + currency, prob=result["implied_probability"])
        return f"{text} {t('sim_note', language)}", suggestions(
            "simulation", language, alt=_alt_stake(slots.amount), match=f"{fixture['home']} vs {fixture['away']}")

    def _recommend(self, turn: _Turn) -> tuple[str, list[str]]:
        slots, language = turn.slots, turn.language
        link = turn.link()
        if link is not None and link.is_self_excluded:
            return t("excluded", language), suggestions("excluded", language)
        risk = next((level for level, pattern in _RISK.items() if pattern.search(turn.ctx.message)), None)
        risk = risk or (slots.risk if slots.risk in tools.RISK_LEVELS else None)
        if risk is None and turn.context.get("last_intent") == "betting_recommendation":
            risk = turn.context.get("risk")  # "what if I bet 50 instead?" keeps the risk level
        risk = risk or (link.risk_appetite if link is not None else None) or "medium"
        stake = slots.amount
        if stake is None and link is not None and link.default_stake:
            stake = link.default_stake
        problem = stake_problem(stake, language)
        if problem:
            return problem, suggestions("generic", language)
        if stake is None:
            stake = Decimal(str(turn.context["stake"])) if turn.context.get("stake") else Decimal("10")
        currency = slots.currency or (link.currency if link is not None else None)
        cur = f" {currency}" if currency else ""
        limit_note = None
        if link is not None and link.daily_stake_limit is not None and stake > link.daily_stake_limit:
            stake = link.daily_stake_limit  # never suggest more than the user's own daily limit
            limit_note = t("limit_note", language, limit=fmt_money(stake) + cur)
        team = slots.teams[0] if slots.teams and not turn.slots_from_memory else None
        result = turn.tool("recommend_bets", stake=str(stake), risk_level=risk, team=team,
                           tournament=slots.tournament, date_from=slots.date_from, date_to=slots.date_to)
        if "error" in result:
            return t("tool_error", language, message=result["message"]), suggestions("generic", language)
        slots.amount = stake
        lines = [t("rec_head", language, stake=fmt_money(result["stake"]) + cur,
                   risk=RISK_NAMES.get(language, RISK_NAMES["en"])[result["risk_level"]])]
        picks = result["picks"]
        if not picks:
            lines.append(t("rec_none", language))
        for pick in picks:
            fixture = pick["fixture"]
            lines.append("• " + t("rec_line", language, label=pick["label"],
                                  match=f"{fixture['home']} vs {fixture['away']}",
                                  when=turn.when(fixture["start_time"]),
                                  odds=fmt_odds(pick["odds"]), prob=pick["implied_probability"],
                                  fair=pick["fair_probability"], stake=fmt_money(pick["stake"]) + cur,
                                  returns=fmt_money(pick["returns"]) + cur))
        lines += experiments.recommendation_lines(picks, metadata=turn.ctx.metadata, language=language)
        if limit_note:
            lines.append(limit_note)
        if picks:  # every language says how the picks were made (the "detailed" variant adds nothing more)
            lines.append(experiments.detail_line("betting_recommendation", language))
        lines.append(t("risk_note", language))
        match = None
        if picks:
            turn.remember_fixture(picks[0]["fixture"])
            match = f"{picks[0]['fixture']['home']} vs {picks[0]['fixture']['away']}"
        other_risk = {"en": ("Riskier options", "Lower-risk options"), "es": ("Opciones más arriesgadas",
                      "Opciones de menor riesgo"), "pt_br": ("Opções mais arriscadas", "Opções de menor risco")}
        riskier, safer = other_risk.get(language, other_risk["en"])
        turn.context["risk"] = result["risk_level"]
        return "\n".join(lines), suggestions("recommendation", language, match=match,
                                             other_risk=riskier if result["risk_level"] == "low" else safer)

    def _compare(self, turn: _Turn) -> tuple[str, list[str]]:
        slots, language = turn.slots, turn.language
        if len(slots.teams) < 2:
            return t("cmp_need", language), suggestions("generic", language)
        result = turn.tool("compare_teams", team_a=slots.teams[0], team_b=slots.teams[1])
        if "error" in result:
            return t("tool_error", language, message=result["message"]), suggestions("generic", language)
        a, b = result["team_a"]["name"], result["team_b"]["name"]
        slots.teams = [a, b]
        lines = [t("cmp_head", language, a=a, b=b)]
        h2h = result.get("head_to_head")
        match = None
        if h2h and h2h.get("odds") and h2h.get("win_probabilities"):
            fixture = h2h["fixture"]
            sel, probs = h2h["odds"]["selections"], h2h["win_probabilities"]
            a_side = "home" if fixture["home"] == a else "away"
            b_side = "away" if a_side == "home" else "home"
            values = dict(match=f"{fixture['home']} vs {fixture['away']}", tournament=fixture["tournament"],
                          when=turn.when(fixture["start_time"]), a=a, b=b, oa=fmt_odds(sel[a_side]["odds"]),
                          ob=fmt_odds(sel[b_side]["odds"]), pa=probs[a_side], pb=probs[b_side])
            if "draw" in sel and "draw" in probs:
                lines.append(t("cmp_h2h", language, od=fmt_odds(sel["draw"]["odds"]), pd=probs["draw"], **values))
            else:  # no draw in this sport (basketball, tennis)
                lines.append(t("cmp_h2h_no_draw", language, **values))
            turn.remember_fixture(fixture)
            match = f"{fixture['home']} vs {fixture['away']}"
        else:
            lines.append(t("cmp_no_h2h", language))
        for side in (result["team_a"], result["team_b"]):
            upcoming = side["upcoming"]
            if not upcoming:
                lines.append(t("cmp_none", language, team=side["name"]))
                continue
            nxt = upcoming[0]
            strength = side.get("next_match_strength") or {}
            extra = t("cmp_strength", language, p=strength["win_probability"]) \
                if strength.get("win_probability") is not None else ""
            lines.append(t("cmp_next", language, team=side["name"], match=f"{nxt['home']} vs {nxt['away']}",
                           when=turn.when(nxt["start_time"]), strength=extra))
            if match is None:
                match = f"{nxt['home']} vs {nxt['away']}"
                turn.remember_fixture(nxt)
        return "\n".join(lines), suggestions("comparison", language, match=match, team=a)

    def _balance(self, turn: _Turn) -> tuple[str, list[str]]:
        language, identity = turn.language, turn.ctx.identity
        team = (turn.context.get("teams") or [None])[0]
        if identity is None or not identity.is_authenticated:
            return t("login", language, what=t("see_balance", language)), suggestions("balance", language, team=team)
        result = turn.tool("get_balance")
        if result.get("error") == "no_chatbet_account":
            return t("link", language, what=t("see_balance", language)), suggestions("balance", language, team=team)
        if "error" in result:
            return t("tool_error", language, message=result["message"]), suggestions("balance", language, team=team)
        return t("balance", language, money=fmt_money(result["money"]), cur=result["currency"],
                 playable=fmt_money(result["playable"]), withdrawable=fmt_money(result["withdrawable"]),
                 bonus=fmt_money(result["bonus"])), suggestions("balance", language, team=team)

    def _my_bets(self, turn: _Turn) -> tuple[str, list[str]]:
        """"Show me my bets": the user's placed bets from the betting app's own record."""
        language, identity = turn.language, turn.ctx.identity
        turn.intent, turn.confidence = "my_bets", max(turn.confidence, 0.9)
        if identity is None or not identity.is_authenticated:
            return t("login", language, what=t("see_bets", language)), suggestions("generic", language)
        try:
            result = tools.list_my_bets(ctx=turn.ctx)
        except ChatBetError as exc:
            result = {"error": exc.code, "message": str(exc)}
        if result.get("error") == "no_chatbet_account":
            return t("link", language, what=t("see_bets", language)), suggestions("generic", language)
        if "error" in result:
            return t("tool_error", language, message=result["message"]), suggestions("generic", language)
        if not result["bets"]:
            return t("no_bets", language), suggestions("generic", language)
        lines = [t("my_bets", language, count=result["count"])]
        for bet in result["bets"]:
            state = BET_STATES.get(bet["state"], {}).get(language, bet["state"])
            lines.append(f"• {bet['label']} ({bet['fixture']}): {fmt_money(bet['stake'])} {bet['currency']} @ "
                         f"{fmt_odds(bet['odds'])} → {fmt_money(bet['possible_win'])} {bet['currency']} — {state}")
        return "\n".join(lines), suggestions("generic", language)

    def _tournaments(self, turn: _Turn) -> tuple[str, list[str]]:
        if turn.slots.tournament:
            return self._schedule(turn)
        result = turn.tool("list_tournaments")
        if "error" in result:
            return t("tool_error", turn.language, message=result["message"]), suggestions("generic", turn.language)
        names = ", ".join(item["name"] for item in result["tournaments"][:15])
        first = result["tournaments"][0]["name"] if result["tournaments"] else None
        actions = [f"{ {'en': 'Matches in', 'es': 'Partidos de', 'pt_br': 'Jogos do'}[turn.language]} {first}"] \
            if first else []
        return t("tournaments", turn.language, names=names), (actions + suggestions("generic", turn.language))[:3]

    def _explain(self, turn: _Turn) -> tuple[str, list[str]]:
        language = turn.language
        message = turn.ctx.message
        given = _ODDS_GIVEN.search(message)
        if given:
            result = turn.tool("implied_probability_and_margin", odds=[given.group(1).replace(",", ".")])
            if "error" not in result:
                prob = result["implied_probability"][0]
                text = {"en": f"Odds of {fmt_odds(result['odds'][0])} imply a {prob}% chance (1 ÷ odds); a 10 stake "
                              f"would return {fmt_money(Decimal('10') * Decimal(str(result['odds'][0])))}.",
                        "es": f"Una cuota de {fmt_odds(result['odds'][0])} implica un {prob}% de probabilidad "
                              f"(1 ÷ cuota); 10 apostados devolverían "
                              f"{fmt_money(Decimal('10') * Decimal(str(result['odds'][0])))}."}
                return text.get(language, text["en"]), suggestions("explain", language)
        topic = next(name for name, pattern in _EXPLAIN_TOPICS if pattern.search(message))
        explanation = EXPLAIN[topic].get(language) or EXPLAIN[topic]["en"]
        return explanation, suggestions("explain", language)

    # --- real bets --------------------------------------------------------------------------

    def _place_bet(self, turn: _Turn) -> tuple[str, list[str]]:
        """Prepare a real bet and ask for confirmation; nothing is placed in this turn."""
        language, identity = turn.language, turn.ctx.identity
        turn.intent = "place_bet"
        turn.confidence = max(turn.confidence, 0.8)
        what = t("place_bets", language)
        if identity is None or not identity.is_authenticated:
            return t("login", language, what=what), suggestions("generic", language)
        link = turn.link()
        if link is None:
            return t("link", language, what=what), suggestions("generic", language)
        if link.is_self_excluded:
            return t("excluded", language), suggestions("excluded", language)
        slots = turn.slots
        if slots.currency and slots.currency.upper() != (link.currency or "").upper():  # never relabel money
            return betting_text("currency_mismatch", language, asked=slots.currency.upper(), currency=link.currency), \
                suggestions("generic", language)
        args = self._resolve_fixture_args(turn)
        problem = stake_problem(slots.amount, language)
        if problem:
            return problem, suggestions("generic", language)
        if slots.amount_ambiguous:  # real money: ask rather than guess which separator the dot was
            whole = str(slots.amount.quantize(Decimal(1)))
            small = format((slots.amount / 1000).normalize(), "f").replace(".", ",")
            return t("stake_ambiguous", language, whole=whole, small=small), suggestions("generic", language)
        if args is None or slots.amount is None:
            return t("bet_need", language), suggestions("generic", language)
        if slots.market is None and slots.selection is None:  # "bet 10 on Arsenal": never assume the match winner
            return t("bet_which_market", language), suggestions("generic", language)
        if "fixture_id" not in args and "opponent" not in args:
            choices = self._fixtures_of(turn, args["team"])
            if len(choices) > 1:  # the team plays more than one match in that window: ask which
                lines = [t("bet_which_fixture", language, team=args["team"]), *(turn.fixture_line(f) for f in choices)]
                return "\n".join(lines), suggestions("generic", language)
            if choices:
                args = {"fixture_id": choices[0]["id"]}
        selection = slots.selection
        market = slots.market or "1x2"
        if selection is None:
            team = slots.selection_team or (slots.teams[0] if slots.teams else None)
            odds = turn.tool("get_odds", **args)
            if "error" in odds:
                return self._no_fixture(turn, odds)
            selection = self._side_of(odds["fixture"], team)
            args = {"fixture_id": odds["fixture"]["id"]}
            if selection is None:
                return t("bet_need", language), suggestions("generic", language)
        if "fixture_id" not in args:
            found = turn.tool("get_odds", **args)
            if "error" in found:
                return self._no_fixture(turn, found)
            args = {"fixture_id": found["fixture"]["id"]}
        result = turn.tool("place_bet", fixture_id=args["fixture_id"], market=market, selection=selection,
                           stake=str(slots.amount))
        if result.get("error") in BETTING_REFUSALS:  # already a full sentence in the user's language
            return result["message"], suggestions("generic", language)
        if "error" in result:
            return t("tool_error", language, message=result["message"]), suggestions("generic", language)
        bet = result["bet"]
        fixture = bet["fixture"]
        turn.remember_fixture(fixture)
        slots.market, slots.selection = market, selection
        return bet_summary(bet, language=language, tz=turn.tz), suggestions("confirm", language)

    def _fixtures_of(self, turn: _Turn, team: str) -> list[dict]:
        """The team's matches a bet could mean: those in the asked window, else those on its next match day."""
        slots = turn.slots
        found = turn.tool("find_fixtures", team=team, date_from=slots.date_from, date_to=slots.date_to, limit=5)
        fixtures = found.get("fixtures") or []
        if slots.date_from or not fixtures:
            return fixtures
        def local_day(fixture: dict):
            start = datetime.fromisoformat(fixture["start_time"].replace("Z", "+00:00"))
            return start.astimezone(ZoneInfo(turn.tz)).date()

        return [f for f in fixtures if local_day(f) == local_day(fixtures[0])]

    def _confirm_bet(self, turn: _Turn, pending: dict) -> tuple[str, list[str]]:
        language = turn.language
        turn.intent = "bet_confirmation"
        turn.confidence = 1.0
        result = turn.tool("place_bet", fixture_id=pending["fixture_id"], market=pending["market"],
                           selection=pending["selection"], stake=pending["stake"])
        if result.get("error") == "already_confirmed":  # another message of the user's confirmed it first
            return t("bet_already_confirmed", language), suggestions("generic", language)
        if result.get("error") == "bet_outcome_unknown":  # may be placed: never invite a retry
            fixture = pending.get("fixture") if isinstance(pending.get("fixture"), dict) else {}
            match = f"{fixture.get('home')} vs {fixture.get('away')}" if fixture.get("home") else "-"
            return t("bet_outcome_unknown", language, label=pending.get("label") or pending.get("selection"),
                     match=match, stake=fmt_money(pending["stake"]), cur=pending.get("currency") or ""), \
                suggestions("generic", language)
        if result.get("error") in BETTING_REFUSALS:  # already a full sentence in the user's language
            return result["message"], suggestions("generic", language)
        if "error" in result:
            return t("tool_error", language, message=result["message"]), suggestions("generic", language)
        bet = result["bet"]
        fixture = bet["fixture"]
        if result["status"] != "placed":  # not an explicit yes, or the price moved against the user: ask again
            summary = bet_summary(bet, language=language, tz=turn.tz)
            message = turn.ctx.message.strip()
            if result.get("price_moved"):  # the new price, and the same question again
                summary = result["message"] + " " + summary
            elif not tools.is_explicit_confirmation(message):  # a bare "yes"/"ok"/"sí": say why it is shown again
                summary = t("need_exact_phrase", language, said=message[:30]) + " " + summary
            return summary, suggestions("confirm", language)
        return t("bet_placed", language, label=bet["label"], match=f"{fixture['home']} vs {fixture['away']}",
                 odds=fmt_odds(bet["odds"]), stake=fmt_money(bet["stake"]), cur=bet["currency"],
                 win=fmt_money(bet["possible_win"]), ref=result.get("upstream_bet_id") or "-"), \
            suggestions("generic", language)
