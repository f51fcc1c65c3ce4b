"""The offline engine: deterministic, data-grounded answers in the user's language.

Every fixture, price and amount in an answer is read from a tool result (`chat.engine.tools`); the
handlers (`chat.engine.handlers`) only arrange them. What a message leaves out is filled from the
conversation (`chat.engine.frame`). A real bet is only ever shown and asked about; it is placed on the
next turn's explicit "yes".
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import AsyncIterator, Callable
from decimal import Decimal

from channels.db import DatabaseSyncToAsync

from chat import experiments
from chatbet_project.errors import ChatBetError
from sports.domain import LANGUAGES

from . import combo, names_asked, tools
from .answer import _CANCEL, _MY_BETS, _PLACE, suggestions, t
from .base import EngineAnswer, TurnContext, chunk_text, estimate_tokens
from .clarify import clarifying_question
from .frame import apply_followups
from .frame_cues import tie_broken_by_the_last_question
from .frame_memory import remember
from .handlers import balance, compare, explain, odds, recommend, schedule, simulate, small_talk
from .handlers.balance import my_bets
from .handlers.bets import asked_combo, cancel_waiting, confirm_bet, place_bet, place_combo
from .handlers.references import ask_reference
from .handlers.small_talk import which_team
from .memory import empty_context
from .nlu.language import clear_language
from .nlu.sports import find_uncovered_sport
from .nlu.text import fold
from .slots import slots_from
from .turn import Turn, jsonable, understand_message


class OfflineEngine:
    """Rules and templates over real data; no network beyond the sports services' own cache/provider."""

    name = "offline"

    def answer(self, ctx: TurnContext) -> EngineAnswer:
        understanding = understand_message(ctx)
        language = understanding.language if understanding.language in LANGUAGES else ctx.language
        names = {word for team in understanding.entities.teams for word in fold(team).split()}
        said = [word for word in fold(ctx.message).split() if word.strip(",.;:!?¿¡") not in names]
        if len(said) <= 2 and ctx.memory is not None and ctx.memory.history \
                and ctx.language in LANGUAGES and clear_language(ctx.message) is None:
            language = ctx.language  # "no", "ok", "no no, Torino": too short to switch (a team's name says no
            # language); "mis apuestas" is Spanish all the same
        ctx = dataclasses.replace(ctx, language=language)  # tools label things in the detected language
        slots = slots_from(understanding.entities)
        context = _copied(ctx.memory.context) if ctx.memory is not None else empty_context()
        turn = Turn(ctx=ctx, language=language, intent=understanding.intent,
                    confidence=float(understanding.confidence), slots=slots, context=context, tool_calls=[])
        apply_followups(turn)
        if understanding.abstain and turn.intent == understanding.intent and not turn.settled:  # no follow-up
            readings = [intent for intent, _ in understanding.alternatives]
            if not tie_broken_by_the_last_question(turn, readings):
                turn.readings = readings
        try:
            text, actions = dispatch(turn)
            text = experiments.shape_answer(text, intent=turn.intent, metadata=ctx.metadata, language=language,
                                            tool_calls=turn.tool_calls)
        except ChatBetError as exc:
            text, actions = t("tool_error", language, message=str(exc)), suggestions("generic", language)
        remember(turn)
        raw = understanding.entities
        entities = raw.to_dict() if hasattr(raw, "to_dict") else jsonable(raw)
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


# "cancel", "cancel the bet", "cancela la apuesta", "cancelar a aposta", "forget it" (folded): a bet, not a topic.
_CANCEL_BET = re.compile(r"^\W*(?:please\W+)?(?:cancel|cancela|cancelar|cancele|forget it|olvidalo|esquece)"
                         r"(?:\W+(?:it|that|this|the bet|my bet|that bet|lo|la|la apuesta|esa apuesta|a aposta|"
                         r"essa aposta))?(?:\W+(?:please|por favor))?\W*$")


# The context's leaves, returned as they are without a call each (most of a context's values).
_SCALARS = frozenset({str, int, float, bool, type(None)})


def _copied(value):
    """A deep copy of the conversation context, which is JSON (stored as JSON, so dicts, lists and
    scalars only; tuples kept as tuples): ~5x cheaper than `copy.deepcopy`'s memo and dispatch."""
    if isinstance(value, dict):
        return {key: item if type(item) in _SCALARS else _copied(item) for key, item in value.items()}
    if isinstance(value, list):
        return [item if type(item) in _SCALARS else _copied(item) for item in value]
    if isinstance(value, tuple):
        return tuple(item if type(item) in _SCALARS else _copied(item) for item in value)
    return value


def _restakes(turn: Turn, pending: dict) -> bool:
    """"hazlo 20 y colócala", "make it 25 and place it" with a slip of 10 waiting: a new stake first (a new slip to
    confirm, as every slip is), never the old stake placed."""
    amount = turn.slots.amount
    return amount is not None and turn.real_bet and pending.get("stake") is not None \
        and Decimal(str(amount)) != Decimal(str(pending["stake"]))


def dispatch(turn: Turn) -> tuple[str, list[str]]:
    """The fixed cues first (a pending bet, "my bets", "place a bet"), then the handler of the intent."""
    message = turn.ctx.message
    pending = turn.context.get("pending_bet")
    if turn.asked_back:  # "ok 1.5 then" to a handicap slip: the stake or the line? asked, the slip left as it was
        turn.intent = "clarification"
        return turn.asked_back
    if pending and turn.real_bet and (turn.slip_changed or _restakes(turn, pending)):
        return place_bet(turn)  # "actually 50", "no, on the draw", "ok -1.5 then": a new slip to confirm, never a yes
    if pending and (tools.is_explicit_confirmation(message) or turn.slots.confirmation is True) \
            and not _restakes(turn, pending):
        return confirm_bet(turn, pending)
    if pending and (_CANCEL.match(message) or turn.slots.confirmation is False):
        turn.intent = "bet_confirmation"
        tools.cancel_waiting_slips(ctx=turn.ctx, pending=pending)
        return t("bet_cancelled", turn.language), suggestions("generic", turn.language)
    if _CANCEL_BET.match(fold(message)):  # "cancel" with no slip remembered: the one waiting here, if any
        return cancel_waiting(turn)
    if tools.is_explicit_confirmation(message) and not (turn.settled and turn.slots.wants_real_bet):
        # the fixed phrases only: no team or stake in them ("place it" after a simulation is that simulation)
        # "yes, place it" with no slip waiting (already placed, expired, never shown): never a new bet.
        turn.intent = "bet_confirmation"
        return t("nothing_pending", turn.language), suggestions("generic", turn.language)
    if turn.real_bet:  # the answer to the question about a real bet ("10 dólares", a bare "sí"): that bet
        asked = asked_combo(turn)  # "the second one" after an accumulator's "which match?": that accumulator
        return place_combo(turn, asked=asked) if asked else place_bet(turn)
    if not pending and not turn.settled and small_talk.is_acknowledgement(message):
        # "ok nice", "vale, genial": nothing asked, simulated (an "ok" that answers a question continued its request)
        return small_talk.acknowledged(turn)
    if turn.slots.confirmation is not None and len(message.split()) <= 3 and not turn.slots.teams:
        # A bare yes/no with nothing waiting for it (or a bet shown more than one turn ago): a "no" cancels nothing
        # (and leaves nothing to place: `simulated_bets.remember_simulation`)
        said = "said_no" if turn.slots.confirmation is False else "nothing_pending"
        return t(said, turn.language), suggestions("generic", turn.language)
    if _MY_BETS.search(message):
        return my_bets(turn)
    if turn.unresolved and turn.slots.unknown_teams:  # "bet 10 on Inter Miami": a club we don't have, never a slip
        return which_team(turn)
    uncovered = find_uncovered_sport(message)
    if uncovered and (not turn.slots.teams or " " in uncovered):  # "do you have cricket?", "fútbol americano"
        # No markets for that sport, whatever was asked about it; one word beside a club may be its nickname.
        return small_talk.not_covered(turn, uncovered)
    if turn.question == "which_club":  # "odds for Borussia": which of the clubs that share the word
        return names_asked.answer(turn)
    if turn.question and turn.question != "which_side":
        return ask_reference(turn)  # "ponle 40 al otro" with no match in focus: which team, before any real bet
    # a follow-up that kept a simulation ("put 40" after one: `stays_a_simulation`) is no place request
    kept_simulation = turn.settled and turn.intent == "bet_simulation"
    explicit = turn.slots.wants_real_bet or (bool(_PLACE.search(message)) and not kept_simulation)
    if combo.wants_combo_slip(message, wants_real_bet=explicit) and (explicit or turn.link() is not None):
        return place_combo(turn)  # guests asking "combo: 10 on ..." get the simulation below
    if explicit:
        return place_bet(turn)
    if turn.unresolved:
        return which_team(turn)
    if turn.question:
        return ask_reference(turn)
    if turn.readings:
        turn.intent = "clarification"
        amount = str(turn.slots.amount) if turn.slots.amount is not None else None
        return clarifying_question(turn.readings, turn.language, teams=list(turn.slots.teams), amount=amount)
    handler = HANDLERS.get(turn.intent, small_talk.out_of_scope)
    return handler(turn)


HANDLERS: dict[str, Callable[[Turn], tuple[str, list[str]]]] = {
    "greeting": small_talk.greeting,
    "help": small_talk.help_answer,
    "match_schedule": schedule.schedule,
    "odds_information": odds.odds,
    "betting_recommendation": recommend.recommend,
    "team_comparison": compare.compare,
    "balance_query": balance.balance,
    "bet_simulation": simulate.simulate,
    "tournament_info": schedule.tournaments,
    "general_betting_info": explain.explain,
}
