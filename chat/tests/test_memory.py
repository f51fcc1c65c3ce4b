"""Conversation memory: 10 pairs, structured context, hot in the cache, rebuilt from the database."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from chat.cache import memory_key
from chat.engine.memory import ConversationMemory, load_memory, rebuild_memory, save_memory
from chat.models import Message
from chat.tests import factories
from chat.tests.factories import ConversationFactory, MessageFactory

sandbox = factories.sandbox


def test_remember_keeps_the_last_ten_pairs():
    memory = ConversationMemory()
    for i in range(13):
        memory = memory.remember(user_text=f"q{i}", assistant_text=f"a{i}")
    assert len(memory.history) == 20
    assert memory.history[0] == {"role": "user", "content": "q3"}
    assert memory.history[-1] == {"role": "assistant", "content": "a12"}


def test_remember_keeps_only_known_context_keys():
    memory = ConversationMemory().remember(user_text="q", assistant_text="a",
                                           context={"teams": ["Arsenal"], "stake": "50", "user_key": "secret"})
    assert memory.context["teams"] == ["Arsenal"] and memory.context["stake"] == "50"
    assert "user_key" not in memory.context


@pytest.mark.django_db
@pytest.mark.stack
def test_hot_memory_round_trips_through_the_cache():
    conversation = ConversationFactory()
    memory = ConversationMemory().remember(user_text="odds Arsenal", assistant_text="…",
                                           context={"teams": ["Arsenal"], "fixture_id": "42"})
    save_memory(session_id=conversation.session_id, memory=memory)
    assert load_memory(session_id=conversation.session_id).context["fixture_id"] == "42"


@pytest.mark.django_db
@pytest.mark.stack
def test_cold_cache_rebuilds_from_the_database():
    conversation = ConversationFactory()
    for i in range(12):
        question = MessageFactory(conversation=conversation, role=Message.Role.USER, content=f"q{i}")
        MessageFactory(conversation=conversation, role=Message.Role.ASSISTANT, content=f"a{i}", reply_to=question,
                       context={"teams": ["Chelsea"], "stake": str(i), "fixture_id": f"f{i}"})
    cache.delete(memory_key(conversation.session_id))

    memory = load_memory(session_id=conversation.session_id)
    assert len(memory.history) == 20
    assert memory.history[-1]["content"] == "a11"
    assert memory.context["stake"] == "11" and memory.context["fixture_id"] == "f11"
    assert cache.get(memory_key(conversation.session_id)) is not None  # warmed again


@pytest.mark.django_db
def test_unknown_conversation_has_empty_memory():
    import uuid

    memory = load_memory(session_id=uuid.uuid4())
    assert memory.history == [] and memory.context["teams"] == []


@pytest.mark.django_db
def test_a_just_created_conversation_needs_no_query_and_has_no_answered_turn(django_assert_num_queries):
    conversation = ConversationFactory()
    MessageFactory(conversation=conversation, role=Message.Role.USER, content="hi")
    cache.delete(memory_key(conversation.session_id))
    with django_assert_num_queries(0):
        memory = load_memory(session_id=conversation.session_id, known_history=[])
    assert memory.history == rebuild_memory(session_id=conversation.session_id).history == []  # same as a rebuild


@pytest.mark.django_db
def test_a_turn_after_a_cold_cache_remembers_each_message_once(sandbox):
    from accounts.identity import ANONYMOUS
    from chat.services.turns import answer_message

    first = answer_message(session_id=None, identity=ANONYMOUS, content="when does Arsenal play?")
    cache.delete(memory_key(first.session_id))
    answer_message(session_id=first.session_id, identity=ANONYMOUS, content="and the odds?")

    history = [entry["content"] for entry in load_memory(session_id=first.session_id).history]
    assert len(history) == 4
    assert history.count("when does Arsenal play?") == 1 and history.count("and the odds?") == 1


@pytest.mark.django_db
def test_memory_follows_the_cache_the_settings_name(settings):
    """The turn path keeps one cache backend per process; a changed `CACHES` setting is honoured at once
    (the memory written to one cache is not read from another), and the old cache is read again after."""
    conversation = ConversationFactory()
    memory = ConversationMemory().remember(user_text="odds Arsenal", assistant_text="…",
                                           context={"fixture_id": "42"})
    save_memory(session_id=conversation.session_id, memory=memory)
    assert cache.get(memory_key(conversation.session_id)) is not None  # Django's own handle sees it too

    original = settings.CACHES
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "another-process"}}
    assert load_memory(session_id=conversation.session_id).context["fixture_id"] is None  # rebuilt: no answers

    settings.CACHES = original
    assert load_memory(session_id=conversation.session_id).context["fixture_id"] == "42"
