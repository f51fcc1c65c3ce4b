"""Factories and fixtures for the chat tests (import the fixtures into a test module to use them)."""

from __future__ import annotations

import contextlib
import uuid
from decimal import Decimal

import factory
import pytest
from django.utils import timezone
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import AccessToken

from accounts.identity import ANONYMOUS, Identity
from accounts.tests.factories import UserFactory
from betting.tests.factories import USER_KEY, bets_sent, link_user  # noqa: F401 (re-exported for the chat tests)
from chat.engine.base import TurnContext
from chat.engine.memory import ConversationMemory
from chat.models import Conversation, Message
from conftest import frozen_provider


class ConversationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conversation

    title = factory.Sequence(lambda n: f"Conversation {n}")


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Message

    conversation = factory.SubFactory(ConversationFactory)
    role = Message.Role.USER
    content = factory.Sequence(lambda n: f"message {n}")


@contextlib.contextmanager
def chat_provider(settings, path: str = "sports.providers.sandbox.SandboxProvider"):
    """`frozen_provider` with the tools' short fixture memo emptied before and after."""
    from chat.engine.tool_support import clear_memo

    clear_memo()
    try:
        with frozen_provider(settings, path) as provider:
            yield provider
    finally:
        clear_memo()


@pytest.fixture
def sandbox(settings):
    """The sandbox provider rebuilt for this test with its clock frozen at now (odds hold still)."""
    with chat_provider(settings) as provider:
        yield provider


@pytest.fixture
def linked_user(db):
    return link_user(UserFactory())


def identity_of(user) -> Identity:
    return Identity(user_id=user.pk, guest_id=None, is_staff=bool(user.is_staff))


def make_ctx(message: str, *, identity: Identity = ANONYMOUS, memory: ConversationMemory | None = None,
             language: str = "en", tz: str = "UTC", session_id: uuid.UUID | None = None) -> TurnContext:
    return TurnContext(session_id=session_id or uuid.uuid4(), identity=identity, message=message, language=language,
                       timezone=tz, memory=memory or ConversationMemory(), now=timezone.now(), metadata={})


class Chat:
    """Drives the offline engine turn by turn, carrying memory like the turn service does."""

    def __init__(self, *, identity: Identity = ANONYMOUS, language: str = "en"):
        from chat.engine.offline import OfflineEngine

        self.engine = OfflineEngine()
        self.identity = identity
        self.language = language
        self.memory = ConversationMemory()
        self.session_id = uuid.uuid4()

    def say(self, message: str):
        ctx = make_ctx(message, identity=self.identity, memory=self.memory, language=self.language,
                       session_id=self.session_id)
        answer = self.engine.answer(ctx)
        context = dict(answer.metadata["context"])
        context["pending_bet"] = ctx.metadata.get("pending_bet")  # what the turn service does
        self.memory = self.memory.remember(user_text=message, assistant_text=answer.text, context=context)
        return answer


def money(value) -> str:
    return f"{Decimal(str(value)):.2f}"


class RestChat:
    """One client of `/api/v1/chat/message` in one conversation: a signed-in user (with a linked sandbox account
    unless `linked=False`), a given `user`, or a guest; `new_conversation()` starts another one for it."""

    def __init__(self, *, user=None, guest: bool = False, linked: bool = True):
        self.client = APIClient()
        self.user = None
        if not guest:
            self.user = user or (link_user(UserFactory()) if linked else UserFactory())
            self.client.force_authenticate(self.user)
        self.session: str | None = None

    def say(self, message: str) -> dict:
        payload = {"message": message, **({"session_id": self.session} if self.session else {})}
        response = self.client.post("/api/v1/chat/message", payload, format="json")
        assert response.status_code == 200, response.content
        body = response.json()
        self.session = body["session_id"]
        return body

    def new_conversation(self) -> RestChat:
        self.session = None
        return self

    def slips(self) -> list:
        """This user's bet slips, oldest first: what a turn prepared or placed (none where it had to ask)."""
        from betting.models import BetSlip

        return list(BetSlip.objects.filter(user=self.user).order_by("created_at"))


def conversation(*messages: str, **chat) -> tuple[RestChat, list[dict]]:
    """A new `RestChat(**chat)` (signed in and linked by default) that says each message in turn, and its answers."""
    rest = RestChat(**chat)
    return rest, [rest.say(message) for message in messages]


def send(client, message: str, **extra) -> dict:
    """One message to `/api/v1/chat/message` from `client` (answered with 200), the answer's body."""
    response = client.post("/api/v1/chat/message", {"message": message, **extra}, format="json")
    assert response.status_code == 200, response.content
    return response.json()


def signed_in(api_client, *, linked: bool = True):
    """A new user, signed in on `api_client` with a bearer token (its ChatBet account linked unless `linked=False`)."""
    user = UserFactory()
    if linked:
        link_user(user)
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {AccessToken.for_user(user)}")
    return user


def excluded_until(user):
    """The end of the user's self-exclusion (None: not excluded)."""
    from accounts.models import Profile

    profile = Profile.objects.filter(user=user).first()
    return profile.self_excluded_until if profile else None


class NeverCalledEngine:
    """Any engine (offline or LLM): a turn the safety policy answers must not reach it."""

    name = "must-not-run"

    def answer(self, ctx):
        raise AssertionError("the engine was asked")

    async def stream(self, ctx):
        raise AssertionError("the engine was asked")
        yield  # pragma: no cover


@pytest.fixture
def no_engine(monkeypatch):
    """Every turn's engine is one that fails the test if asked (the policy answers before any engine)."""
    import chat.services.turns as turns

    monkeypatch.setattr(turns, "get_engine", lambda: NeverCalledEngine())


def tools_of(body: dict) -> set[str]:
    """The tools a REST chat answer (`/api/v1/chat/message`'s body) called."""
    return {call["name"] for call in body["function_calls_made"]}


def asks(body: dict) -> bool:
    """The answer is a question back, and nothing was acted on (no tool that shows or places a bet or odds)."""
    from chat.engine.followup_eval import ACTING_TOOLS

    return "?" in body["message"] and not ACTING_TOOLS & tools_of(body)
