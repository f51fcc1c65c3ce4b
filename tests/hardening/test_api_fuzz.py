"""Schemathesis over every operation of our own OpenAPI document: no 5xx, responses as documented.

Each operation is fuzzed anonymously, with a registered user's JWT and with a guest token, with a
small, derandomized number of examples (reproducible, and the whole module stays well under a minute).
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)


def _wsgi_app_for_tests():
    """Django's real WSGI handler, with what Django's own test client does around a request: the
    request signals do not close the database connection (it belongs to the test's transaction;
    with CONN_MAX_AGE 0, as under the PostgreSQL pool, closing it would break the test)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    handler = get_wsgi_application()

    def app(environ, start_response):
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            response = handler(environ, start_response)
            body = b"".join(response)
            response.close()
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)
        return [body]

    return app


schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", _wsgi_app_for_tests())

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _no_throttles(settings):
    """Fuzzing sends hundreds of requests from one address: lift the rate limits (throttles are tested elsewhere)."""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK,
                               "DEFAULT_THROTTLE_RATES": {"anon": "", "user": "", "chat": "", "login": ""}}
    settings.SPORTS_INPROCESS_WARMING = False


@pytest.fixture(params=["anonymous", "user", "guest"])
def auth_headers(request, db) -> dict[str, str]:
    from accounts.services import issue_guest_token, issue_tokens
    from accounts.tests.factories import UserFactory

    if request.param == "anonymous":
        return {}
    if request.param == "user":
        access, _refresh = issue_tokens(user=UserFactory())
        return {"Authorization": f"Bearer {access}"}
    return {"Authorization": f"Bearer {issue_guest_token()}"}


@schema.parametrize()
@settings(max_examples=6, derandomize=True, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
def test_every_operation_survives_fuzzing(case, auth_headers):
    if "Authorization" in (case.headers or {}):
        # the generator may invent its own (invalid) token: keep it, that is a fuzz input too
        headers = {}
    else:
        headers = auth_headers
    case.call_and_validate(headers=headers, checks=CHECKS)
