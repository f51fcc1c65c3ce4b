"""The chat socket's own error frames speak the user's language: the language the message names (metadata), else
the one the conversation was last answered in, else the profile's. A Spanish speaker over quota was told "Too many
messages; try again in 60 s." and a failed answer "Something went wrong answering that." in English."""

from __future__ import annotations

from unittest import mock

import pytest

from .conftest import close_quietly, open_chat, read_turn, say

pytestmark = pytest.mark.django_db(transaction=True)


def _error(frames: list[dict]) -> dict:
    [error] = [frame for frame in frames if frame["type"] == "error"]
    return error


async def test_a_spanish_speaker_over_quota_is_told_so_in_spanish(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK,
                               "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
                                                          "chat": "1/min"}}
    ws, _ = await open_chat()
    try:
        answered = await say(ws, "hola, ¿qué partidos hay hoy?")
        assert answered[-2]["type"] == "streaming_end"
        await ws.send_json_to({"type": "user_message", "content": "¿y mañana?"})  # no metadata: the last answer's
        limited = _error(await read_turn(ws))
        assert limited["error_code"] == "rate_limited" and "mensajes" in limited["data"], limited
        await ws.send_json_to({"type": "user_message", "content": "e amanhã?", "metadata": {"language": "pt_br"}})
        assert "mensagens" in _error(await read_turn(ws))["data"].lower()
    finally:
        await close_quietly(ws)


async def test_a_failed_answer_is_apologised_for_in_the_users_language():
    ws, _ = await open_chat()
    try:
        with mock.patch("chat.transport.consumers.turn_stream", side_effect=RuntimeError("boom")):
            frames = await say(ws, "hola", metadata={"language": "es"})
        error = _error(frames)
        assert error["error_code"] == "server_error" and "inténtalo" in error["data"].lower(), error
    finally:
        await close_quietly(ws)


@pytest.mark.parametrize("language, word", [("es", "ocupado"), ("pt_br", "ocupado"), ("en", "busy")])
async def test_a_turn_refused_for_database_contention_says_busy_try_again(language, word):
    """A turn whose transaction lost a race for a row (a "yes" beside a REST confirmation of the same slip) is
    answered as REST answers it (`database_busy`: try again in a moment), never "something went wrong"."""
    from django.db import OperationalError

    ws, _ = await open_chat()
    try:
        with mock.patch("chat.transport.consumers.turn_stream",
                        side_effect=OperationalError("database table is locked: betting_betslip")):
            frames = await say(ws, "yes, place it", metadata={"language": language})
        error = _error(frames)
        assert error["error_code"] == "database_busy" and word in error["data"].lower(), error
        assert frames[-1] == error or frames[-1]["type"] == "typing" and frames[-1]["is_typing"] is False
    finally:
        await close_quietly(ws)
