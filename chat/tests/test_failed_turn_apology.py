"""When the engine fails, the user gets the apology: in the language the message was written in (whatever the
profile's), and never with the legal-age note a message about someone under 18 would add to a real answer (there
is no answer to add it to). The same through REST and the socket: both turn paths end in `turns._finish`."""

from __future__ import annotations

import pytest
from channels.testing import WebsocketCommunicator

from chat.services import answers, safety
from chat.tests import factories

pytestmark = pytest.mark.django_db(transaction=True)
sandbox = factories.sandbox


class EngineThatFails:
    """An engine whose provider is down before it said anything."""

    name = "fails"

    async def stream(self, ctx):
        raise ConnectionError("provider down")
        yield ""  # an async generator


@pytest.fixture
def failing_engine(settings):
    from chat.engine.registry import get_engine

    settings.LLM_PROVIDER = f"{__name__}.EngineThatFails"
    get_engine.cache_clear()
    yield
    settings.LLM_PROVIDER = "offline"
    get_engine.cache_clear()


MESSAGES = [
    ("mi hermano tiene 16 años y es del Betis, ¿qué cuotas hay para el Betis?", "es"),
    ("minha filha tem 15 anos e torce pro Grêmio, quais as odds do Grêmio?", "pt_br"),
    ("my nephew is 17 and supports Chelsea, what are Chelsea's odds?", "en"),
]


@pytest.mark.parametrize(("message", "language"), MESSAGES)
def test_rest_apology_is_in_the_message_language_without_the_legal_age_note(api_client, sandbox, failing_engine,
                                                                              message, language):
    response = api_client.post("/api/v1/chat/message", {"message": message}, format="json")
    assert response.status_code == 200, response.content
    text = response.json()["message"]
    assert text == answers.apology(language), text
    assert safety.caution_note(language) not in text


@pytest.mark.parametrize(("message", "language"), MESSAGES)
async def test_socket_apology_is_in_the_message_language_without_the_legal_age_note(sandbox, failing_engine,
                                                                                    message, language):
    from chatbet_project.asgi import application

    communicator = WebsocketCommunicator(application, "/ws/chat", headers=[(b"origin", b"http://localhost")])
    connected, _ = await communicator.connect()
    assert connected
    await communicator.receive_json_from(timeout=10)  # connection_ack
    await communicator.send_json_to({"type": "user_message", "content": message})
    for _ in range(300):
        frame = await communicator.receive_json_from(timeout=10)
        if frame.get("type") == "streaming_end":
            break
    await communicator.disconnect()
    assert frame["final_content"] == answers.apology(language), frame["final_content"]
