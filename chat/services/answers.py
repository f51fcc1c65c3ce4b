"""A turn's durable side: the stored answer (one per question), the conversation's touch, the hot
memory written through, and the apology for a question whose answering turn died.

Split from `turns` (which runs the turn) so the orphan sweep and replays share one writer.
"""

from __future__ import annotations

import uuid

from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import pgettext

from betting.serializers import slip_payload
from betting.services import slips
from chat.engine.base import EngineAnswer, estimate_tokens
from chat.engine.memory import ConversationMemory, load_memory, save_memory
from chat.events import TurnResult
from chat.models import Message
from chatbet_project.i18n import in_language
from sports.domain import LANGUAGES

from . import leases, turn_rows


def result_from_message(message: Message) -> TurnResult:
    return TurnResult(
        message_id=message.id,
        session_id=message.conversation_id,
        content=message.content,
        response_time_ms=message.response_time_ms or 0,
        token_count=message.token_count,
        detected_intent=message.intent,
        intent_confidence=message.confidence or 0.0,
        entities=message.entities or {},
        function_calls_made=message.tool_calls or [],
        suggested_actions=message.suggested_actions or [],
        engine=message.engine,
        created_at=message.created_at,
        reply_to=message.reply_to_id,
        language=(message.context or {}).get("language") or "en",
        bet_slip=(message.context or {}).get("bet_slip") or None,
    )



def stored_answer(*, user_message_id: uuid.UUID) -> TurnResult | None:
    reply = Message.objects.filter(reply_to_id=user_message_id, role=Message.Role.ASSISTANT).first()
    return result_from_message(reply) if reply is not None else None



def user_message_text(*, user_message_id: uuid.UUID) -> str:
    return Message.objects.values_list("content", flat=True).get(id=user_message_id)



def persist_answer(
    *, conversation_id: uuid.UUID, user_message_id: uuid.UUID, assistant_id: uuid.UUID, answer: EngineAnswer,
    memory: ConversationMemory, user_text: str, response_time_ms: int, language: str, pending_bet: dict | None = None,
    variants: dict | None = None, bet_slip: dict | None = None,
) -> TurnResult:
    """Store the answer, touch the conversation (title, language) and refresh the hot memory."""
    context = dict(answer.metadata.get("context") or memory.context)
    # A bet awaiting confirmation lives exactly one turn, and only the place_bet tool can set it.
    context["pending_bet"] = pending_bet
    context["bet_slip"] = bet_slip  # the slip this turn showed or moved, as the client got it (replays carry it)
    if answer.intent != "clarification":  # a question back does not change what the conversation is about
        context["last_intent"] = answer.intent
    context["language"] = language
    confidence = round(float(answer.confidence), 4)
    created_at = timezone.now()
    try:
        # The answer, the question's intent with its lease released, and the conversation's touch, at once.
        turn_rows.store_answer(
            answer_id=assistant_id, session_id=conversation_id, question_id=user_message_id, content=answer.text,
            intent=answer.intent, confidence=confidence, entities=answer.entities, tool_calls=answer.tool_calls,
            suggested_actions=answer.suggested_actions, context=context, token_count=answer.token_count,
            response_time_ms=response_time_ms, engine=answer.engine, experiments=variants or {},
            created_at=created_at, language=language, title=_title_from(user_text),
        )
    except IntegrityError:
        stored = stored_answer(user_message_id=user_message_id)
        if stored is None:
            raise
        return stored  # a retry of the same message answered first: one answer per message
    save_memory(
        session_id=conversation_id,
        memory=memory.remember(user_text=user_text, assistant_text=answer.text, context=context),
    )
    return TurnResult(
        message_id=assistant_id, session_id=conversation_id, content=answer.text, response_time_ms=response_time_ms,
        token_count=answer.token_count, detected_intent=answer.intent, intent_confidence=confidence,
        entities=answer.entities or {}, function_calls_made=answer.tool_calls or [],
        suggested_actions=answer.suggested_actions or [], engine=answer.engine, created_at=created_at,
        reply_to=user_message_id, language=language, bet_slip=bet_slip or None,
    )



def _title_from(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57].rstrip() + "…"



def apology(language: str) -> str:
    with in_language(language):
        return pgettext("apology", "Sorry, I couldn't answer that right now. Please try again in a moment.")



def settle(answer: EngineAnswer | None, language: str) -> tuple[EngineAnswer, str]:
    """The answer to store (an apology when the engine gave none) and its language."""
    if answer is None or not (answer.text or "").strip():
        text = apology(language)
        answer = EngineAnswer(
            text=text, intent="error", confidence=0.0, entities={}, suggested_actions=[], tool_calls=[],
            token_count=estimate_tokens(text), engine="error", metadata={},
        )
    hinted = answer.metadata.get("language")
    return answer, hinted if hinted in LANGUAGES else language



def apologise_for_orphan(*, user_message_id: uuid.UUID) -> TurnResult:
    """Answer a question whose turn died and that nobody retried (the caller took over its lapsed
    lease) with the apology: the engine is not run without the user there, so nothing (a bet
    confirmation) is ever acted on unattended, and the history never shows a question unanswered."""
    question = Message.objects.values("conversation_id", "content", "conversation__language",
                                      "conversation__owner_id").get(id=user_message_id)
    memory = load_memory(session_id=question["conversation_id"])
    language = memory.context.get("language") or question["conversation__language"] or "en"
    answer, language = settle(None, language if language in LANGUAGES else "en")
    return persist_answer(
        conversation_id=question["conversation_id"], user_message_id=user_message_id, assistant_id=uuid.uuid4(),
        answer=answer, memory=memory, user_text=question["content"], response_time_ms=0, language=language,
        bet_slip=_withdraw_shown_slips(owner_id=question["conversation__owner_id"],
                                       conversation_id=question["conversation_id"], memory=memory),
    )


def _withdraw_shown_slips(*, owner_id: int | None, conversation_id: uuid.UUID, memory: ConversationMemory
                          ) -> dict | None:
    """The apology shows no slip, so none waits for a yes after it: the slip shown before the crash (and one the
    dead turn may have proposed) is withdrawn, and its card, carried by the apology, says so."""
    if owner_id is None:  # only a signed-in owner has real slips
        return None
    withdrawn = slips.withdraw_waiting(user_id=owner_id, conversation_id=conversation_id, reason="turn_failed")
    remembered = (memory.context.get("pending_bet") or {}).get("slip_id")
    shown = next((slip for slip in withdrawn if str(slip.pk) == remembered), withdrawn[0] if withdrawn else None)
    return slip_payload(shown) if shown is not None else None


def answer_orphaned_questions() -> int:
    """Every question whose lease lapsed unanswered (its process died, nobody retried) gets the
    apology; a retry or another sweep racing for one loses the lease claim or the unique answer."""
    answered = 0
    for user_message_id in leases.lapsed_questions():
        if leases.take_over_if_lapsed(user_message_id=user_message_id) is leases.Claim.TAKEN_OVER:
            apologise_for_orphan(user_message_id=user_message_id)
            answered += 1
    return answered
