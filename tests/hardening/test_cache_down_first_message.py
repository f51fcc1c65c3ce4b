"""A signed-in user's or guest's first REST message carrying its client id, with the shared cache (Redis)
unreachable: answered, never a 500. The cache only remembers which conversation such a message created, so a
retry finds it; without the cache that memory is lost, not the answer (it was `server_error` 500)."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from accounts.services import issue_guest_token
from conftest import free_port

from .test_faults import _point_at

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_first_message_with_its_id_is_answered_while_the_cache_is_down(settings, no_throttles):
    _point_at(settings, f"redis://127.0.0.1:{free_port()}/0")  # nothing listens there: connection refused
    guest = APIClient()
    guest.credentials(HTTP_AUTHORIZATION=f"Bearer {issue_guest_token()}")
    answer = guest.post("/api/v1/chat/message", {"message": "hola, ¿qué partidos hay hoy?", "message_id": "web-1"},
                        format="json")
    assert answer.status_code == 200, answer.content
    assert answer.json()["message"] and answer.json()["session_id"]
