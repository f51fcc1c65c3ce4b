"""With the shared cache (Redis) unreachable, never a 500 (both were `server_error` 500):
- a signed-in user's or guest's first REST message carrying its client id is answered: the cache only remembers
  which conversation such a message created, so a retry finds it; without the cache that memory is lost, not the
  answer;
- what needs the cache to answer (sports data, the balance: read through it) is a 503 `service_unavailable` with
  `Retry-After`, like any backing service that is down."""

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


@pytest.mark.parametrize("path", ["/api/v1/sports/fixtures", "/api/v1/sports/odds?match_id=1", "/api/v1/auth/balance"])
def test_sports_data_and_the_balance_are_a_503_not_a_500_while_the_cache_is_down(settings, no_throttles, path):
    from accounts.tests.factories import UserFactory
    from betting.tests.factories import link_user

    user = link_user(UserFactory())
    _point_at(settings, f"redis://127.0.0.1:{free_port()}/0")
    client = APIClient()
    client.force_authenticate(user)
    response = client.get(path)
    assert response.status_code == 503, response.content
    assert response.json()["error_code"] == "service_unavailable" and response["Retry-After"]
