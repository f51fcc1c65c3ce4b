"""Mends from the tenth session's review, each a user-visible rule:
- a pupil saying where they are at school ("voy al colegio por la mañana", "estoy en el colegio de mi barrio") is a
  minor: the parent's exclusion ("voy al colegio a buscar a mi hija", "estoy en el colegio de mi hijo") had grown to
  every "por …" and "de la/el …" after the school, and minors got tips again;
- a socket with no client address (a unix socket with no proxy configured) still spends a read per `history` frame
  (its own key's counter), never an unlimited one."""

from __future__ import annotations

import pytest

from chat.engine.followup_eval import EVAL_NOW
from chat.tests import factories
from chat.tests.factories import RestChat
from tests.security.conftest import asgi_socket

from .conftest import close_quietly, set_throttle_rates
from .test_consumers import assert_error

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock(EVAL_NOW)]
sandbox = factories.sandbox


@pytest.mark.parametrize("message", [
    "voy al colegio por la mañana, dame una apuesta segura pal finde",
    "estoy en el colegio por eso escribo bajito, qué le apuesto al madrid",
    "voy al cole por las tardes, recomiéndame algo pal sábado",
    "estoy en el colegio de mi barrio y quiero apostar al barça",
])
def test_a_pupil_at_school_is_a_minor(sandbox, message):
    body = RestChat(guest=True).say(message)
    assert body["detected_intent"] == "rg_minor", body["message"]


@pytest.mark.parametrize("message", [
    "voy al colegio a buscar a mi hija, qué partidos hay hoy",
    "estoy en el colegio de mi hijo, cuotas del real madrid",
    "voy al colegio por mi sobrino y luego veo el partido, cuándo juega el betis",
])
def test_a_parent_at_a_school_is_no_minor(sandbox, message):
    body = RestChat(guest=True).say(message)
    assert not body["detected_intent"].startswith("rg_"), body["message"]


async def test_history_frames_without_a_client_address_are_counted(settings):
    set_throttle_rates(settings, anon="2/min")
    socket = asgi_socket("/ws/chat")
    socket.scope.pop("client", None)  # no peer address: a unix socket, no proxy
    connected, _ = await socket.connect()
    assert connected
    await socket.receive_json_from(timeout=10)
    try:
        for _ in range(2):
            await socket.send_json_to({"type": "history"})
            assert (await socket.receive_json_from(timeout=10))["type"] == "history"
        await socket.send_json_to({"type": "history"})
        assert_error(await socket.receive_json_from(timeout=10), "rate_limited")
    finally:
        await close_quietly(socket)
