"""Conversation housekeeping and what operators see in the admin."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from accounts.identity import ANONYMOUS, guest_identity
from accounts.tests.factories import UserFactory
from chat.cache import memory_key
from chat.models import Conversation, Message
from chat.selectors import list_conversations_for
from chat.services.conversations import (
    ConversationNotFound,
    conversation_delete,
    conversation_rename,
    feedback_submit,
    transfer_guest_conversations,
)
from chat.tests.factories import ConversationFactory, MessageFactory, identity_of

pytestmark = pytest.mark.django_db


@pytest.mark.stack
def test_a_guests_conversations_move_to_the_user_they_become():
    ConversationFactory.create_batch(2, guest_id="g1")
    other = ConversationFactory(guest_id="g2")
    user = UserFactory()
    assert transfer_guest_conversations(guest_id="g1", user_id=user.pk) == 2
    assert list_conversations_for(identity=identity_of(user)).count() == 2
    assert not list_conversations_for(identity=guest_identity("g1")).exists()
    other.refresh_from_db()
    assert other.guest_id == "g2" and other.owner_id is None
    assert transfer_guest_conversations(guest_id="", user_id=user.pk) == 0


def test_delete_forgets_the_hot_memory_too():
    user = UserFactory()
    conversation = ConversationFactory(owner=user)
    cache.set(memory_key(conversation.session_id), {"history": [], "context": {}})
    with pytest.raises(ConversationNotFound):
        conversation_delete(identity=ANONYMOUS, session_id=conversation.session_id)
    conversation_delete(identity=identity_of(user), session_id=conversation.session_id)
    assert not Conversation.objects.exists() and cache.get(memory_key(conversation.session_id)) is None


def test_rename_checks_owner_and_title():
    user = UserFactory()
    conversation = ConversationFactory(owner=user)
    assert conversation_rename(identity=identity_of(user), session_id=conversation.session_id,
                               title="  Weekend   plans ").title == "Weekend plans"
    with pytest.raises(ConversationNotFound):
        conversation_rename(identity=identity_of(UserFactory()), session_id=conversation.session_id, title="x")


def test_feedback_is_for_answers_and_one_vote_per_identity():
    conversation = ConversationFactory()
    question = MessageFactory(conversation=conversation)
    answer = MessageFactory(conversation=conversation, role=Message.Role.ASSISTANT, reply_to=question)
    with pytest.raises(Exception, match="assistant"):
        feedback_submit(identity=ANONYMOUS, message_id=question.id, rating="up")
    feedback_submit(identity=ANONYMOUS, message_id=answer.id, rating="up")
    feedback_submit(identity=ANONYMOUS, message_id=answer.id, rating="down")
    assert answer.feedback.get().rating == "down"


def test_operators_browse_conversations_in_the_admin(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    conversation = ConversationFactory(owner=staff, title="Arsenal odds")
    MessageFactory(conversation=conversation, content="odds for Arsenal please")
    client.force_login(staff)
    listing = client.get("/admin/chat/conversation/", {"q": "Arsenal please"})
    assert listing.status_code == 200 and b"Arsenal odds" in listing.content
    detail = client.get(f"/admin/chat/conversation/{conversation.session_id}/change/")
    assert detail.status_code == 200 and b"odds for Arsenal please" in detail.content
    assert client.get("/admin/chat/message/", {"role": "user"}).status_code == 200
    assert client.get("/admin/chat/feedback/").status_code == 200
