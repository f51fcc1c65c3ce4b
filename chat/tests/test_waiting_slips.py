"""A slip lives for the answer to it: a turn that dies (its process killed, or its engine failing) leaves no slip
confirmable behind the apology. Through the real REST chat and slip endpoints, with a linked sandbox account: the
slip shown before the crash is withdrawn by the apology (the beat sweep's, or the failed turn's own), its card says
so, and the card's Confirm button gets a clear refusal in the user's language; nothing is placed."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from accounts.tests.factories import UserFactory
from betting.models import BetAuditEntry, BetSlip
from chat.engine.offline import OfflineEngine
from chat.models import Message
from chat.services import leases, turns
from chat.tasks import answer_orphaned_questions
from chat.tests import factories
from chat.tests.factories import RestChat, link_user

pytestmark = pytest.mark.django_db(transaction=True)
sandbox = factories.sandbox

WITHDRAWN = {"en": "That bet is no longer on offer: the conversation moved on",
             "es": "Esa apuesta ya no está disponible: la conversación siguió",
             "pt_br": "Essa aposta não está mais disponível: a conversa seguiu"}
ASK = {"en": "bet 10 on Arsenal to win", "es": "apuesta 10 a que gana el Arsenal",
       "pt_br": "aposte 10 na vitória do Arsenal"}
YES = {"en": "yes, place it", "es": "sí, apuesta", "pt_br": "sim, pode apostar"}


class ProcessKilled(BaseException):
    """What the process answering a question dies of (kill -9): nothing after it runs, nothing is stored."""


class DiesMidTurn(OfflineEngine):
    def answer(self, ctx):
        raise ProcessKilled


class FailsAfterProposing(OfflineEngine):
    """An engine that proposes the bet (the tool ran) and then fails before it answers: the turn apologises."""

    def answer(self, ctx):
        super().answer(ctx)
        raise RuntimeError("the model connection dropped")


class Chat(RestChat):
    """A signed-in user of `language` with a linked account, who can also press the slip card's Confirm."""

    def __init__(self, language: str):
        super().__init__(user=link_user(UserFactory(), language=language))

    def click_confirm(self, slip_id: str):
        return self.client.post(f"/api/v1/bets/slips/{slip_id}/confirm", {}, format="json")


@pytest.mark.parametrize("language", ["en", "es", "pt_br"])
def test_after_a_crashed_turn_the_slip_shown_before_cannot_be_confirmed(sandbox, monkeypatch, language):
    chat = Chat(language)
    card = chat.say(ASK[language])["bet_slip"]
    assert card and card["state"] == "proposed"

    monkeypatch.setattr(turns, "get_engine", DiesMidTurn)
    with pytest.raises(ProcessKilled):  # the process answering "yes" dies: the question is stored, unanswered
        chat.say(YES[language])
    monkeypatch.undo()
    later = timezone.now() + timedelta(seconds=leases.lease_seconds() + 1)
    with time_machine.travel(later):  # its lease lapses and nobody retried: the beat sweep apologises
        assert answer_orphaned_questions() == 1
        apology = Message.objects.get(conversation_id=chat.session, role=Message.Role.ASSISTANT,
                                      reply_to__content=YES[language])
        assert apology.context["bet_slip"]["id"] == card["id"]  # the card the apology carries says it is gone
        assert apology.context["bet_slip"]["state"] == "expired" and not apology.context["pending_bet"]

        clicked = chat.click_confirm(card["id"])
    assert clicked.status_code == 409, clicked.content
    body = clicked.json()
    assert body["error_code"] == "slip_withdrawn" and body["message"].startswith(WITHDRAWN[language])
    assert body["details"]["slip"]["state"] == "expired"
    assert body["details"]["slip"]["message"].startswith(WITHDRAWN[language])
    slip = BetSlip.objects.get(pk=card["id"])
    assert (slip.state, slip.reason_code) == (BetSlip.State.EXPIRED, "withdrawn")
    assert BetAuditEntry.objects.filter(slip_id=slip.pk, status="expired", actor="system").exists()
    assert not BetSlip.objects.filter(state__in=("placing", "placed")).exists()


def test_a_slip_proposed_by_a_turn_that_then_failed_is_not_left_waiting(sandbox, monkeypatch):
    """The engine proposed a bet and failed before answering: the answer is the apology, so the slip the user never
    saw described is withdrawn with it, and neither "yes" nor its card can place it."""
    chat = Chat("es")
    monkeypatch.setattr(turns, "get_engine", FailsAfterProposing)
    apology = chat.say(ASK["es"])
    monkeypatch.undo()
    assert apology["detected_intent"] == "error"
    [slip] = BetSlip.objects.all()
    assert (slip.state, slip.reason_code) == (BetSlip.State.EXPIRED, "withdrawn")
    assert apology["bet_slip"]["id"] == str(slip.pk) and apology["bet_slip"]["state"] == "expired"
    assert "No hay ninguna apuesta" in chat.say(YES["es"])["message"]
    clicked = chat.click_confirm(str(slip.pk))
    assert clicked.status_code == 409 and clicked.json()["message"].startswith(WITHDRAWN["es"])
    assert not BetSlip.objects.filter(state__in=("placing", "placed")).exists()

