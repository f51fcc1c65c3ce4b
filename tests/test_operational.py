import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.django_db


def test_request_id_is_honoured_and_returned(client):
    response = client.get("/health/live", HTTP_X_REQUEST_ID="abc-123")
    assert response["X-Request-ID"] == "abc-123"


def test_request_id_is_generated_when_missing_or_unsafe(client):
    generated = client.get("/health/live")["X-Request-ID"]
    assert len(generated) == 32
    unsafe = client.get("/health/live", HTTP_X_REQUEST_ID="bad id\nwith newline")["X-Request-ID"]
    assert "\n" not in unsafe and unsafe != "bad id\nwith newline"


def test_log_lines_are_json_with_the_request_id(client, capfd):
    """Each log line of a request is one JSON object carrying that request's id."""
    handler = _settings_handler()
    probe = logging.getLogger("chatbet.probe")
    probe.addHandler(handler)
    probe.setLevel(logging.INFO)
    try:
        from django.test import RequestFactory

        from chatbet_project.logging import RequestIDMiddleware

        def view(request):
            probe.info("inside view token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig user_key=secret42")
            from django.http import HttpResponse

            return HttpResponse("ok")

        RequestIDMiddleware(view)(RequestFactory().get("/", HTTP_X_REQUEST_ID="req-77"))
    finally:
        probe.removeHandler(handler)
    err = capfd.readouterr().err.strip().splitlines()
    line = json.loads(err[-1])
    assert line["request_id"] == "req-77"
    assert line["level"] == "INFO"
    assert "eyJ" not in line["message"] and "secret42" not in line["message"]


def _settings_handler() -> logging.Handler:
    """A handler built like the console handler of settings.LOGGING (its formatter and filters)."""
    from django.conf import settings
    from django.utils.module_loading import import_string

    fmt = dict(settings.LOGGING["formatters"]["json"])
    handler = logging.StreamHandler()
    handler.setFormatter(import_string(fmt.pop("()"))(**fmt))
    for name in settings.LOGGING["handlers"]["console"]["filters"]:
        handler.addFilter(import_string(settings.LOGGING["filters"][name]["()"])())
    return handler


def test_secrets_in_tracebacks_and_extra_fields_are_redacted(capfd):
    jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlX3NpZw"
    probe = logging.getLogger("chatbet.probe.redact")
    probe.addHandler(handler := _settings_handler())
    probe.setLevel(logging.INFO)
    try:
        try:
            raise ValueError(f"upstream refused token {jwt}")
        except ValueError:
            probe.exception("login failed", extra={"header": f"Bearer {jwt}", "access_token": "opaque-abc",
                                                   "nested": {"user_key": "LIVEKEY-1"}, "user_id": 7})
    finally:
        probe.removeHandler(handler)
    line = json.loads(capfd.readouterr().err.strip().splitlines()[-1])
    assert "ValueError: upstream refused token [jwt]" in line["exc_info"]
    assert line["header"] == "Bearer [jwt]" and line["access_token"] == "[redacted]"
    assert line["nested"] == {"user_key": "[redacted]"} and line["user_id"] == 7
    assert "eyJ" not in json.dumps(line) and "LIVEKEY" not in json.dumps(line)


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize("path", ["/api/v1/does-not-exist", "/api/nothing/here/", "/api/v1/chat/nope",
                                  "/api/v1/sports/fixtures/1/extra", "/health/nope", "/ws/nope"])
def test_unknown_api_url_is_a_json_404_even_with_debug(client, settings, debug, path):
    settings.DEBUG = debug
    response = client.get(path, HTTP_X_REQUEST_ID="req-404-check")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"error_code": "not_found", "message": "The requested resource was not found.",
                               "request_id": "req-404-check"}
    assert response["X-Request-ID"] == "req-404-check"


def test_a_missing_slash_still_redirects_and_web_pages_keep_their_404(client, settings):
    settings.DEBUG = True
    assert client.get("/api/v1/sports").status_code == 301  # CommonMiddleware's APPEND_SLASH, unchanged
    assert client.get("/api/v1/sports/").status_code == 200
    page = client.get("/no-such-page")  # not an API path: Django's own (debug) 404 page
    assert page.status_code == 404 and not page["Content-Type"].startswith("application/json")


def test_unhandled_error_is_json_500_without_traceback(settings):
    from django.test import Client
    from django.urls import path

    settings.DEBUG = False

    def boom(request):
        raise RuntimeError("secret internals")

    import chatbet_project.urls as root

    settings.ROOT_URLCONF = type("urls", (), {"urlpatterns": [path("boom", boom)], "handler500": root.handler500})
    response = Client(raise_request_exception=False).get("/boom")
    assert response.status_code == 500
    assert response.json()["error_code"] == "server_error"
    assert b"secret internals" not in response.content and b"Traceback" not in response.content


def _django(args: list[str], **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DJANGO_ENV", "DEBUG"}}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env},
                          capture_output=True, text=True, timeout=60)


def test_production_refuses_to_start_without_secret_key():
    result = _django(["check"], DJANGO_ENV="production")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_settings_pass_deploy_checks():
    result = _django(["check", "--deploy", "--fail-level", "WARNING"], DJANGO_ENV="production",
                     SECRET_KEY="x" * 64 + "production-test-key-with-enough-entropy-0123456789",
                     ALLOWED_HOSTS="chatbet.example")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(("env", "named"), [({"DEBUG": "True"}, "DEBUG=True"),
                                             ({"ALLOWED_HOSTS": "chatbet.example,*"}, "ALLOWED_HOSTS contains '*'")])
def test_production_refuses_to_start_in_debug_or_with_any_host(env, named):
    result = _django(["check"], **{"DJANGO_ENV": "production", "SECRET_KEY": "k" * 40 + "0123456789-strong-enough",
                                   "ALLOWED_HOSTS": "chatbet.example", **env})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and named in result.stderr


def test_websocket_origin_must_match_a_concrete_host_not_a_wildcard(settings):
    """The socket honours the access_token cookie: "*" must not let any site open it as the visitor."""
    from chatbet_project.ws_origin import origin_allowed

    settings.ALLOWED_HOSTS = ["*", ".chatbet.example"]
    settings.CORS_ALLOWED_ORIGINS = ["https://front.example"]
    assert not origin_allowed("https://evil.example")
    assert origin_allowed("https://front.example") and origin_allowed("https://app.chatbet.example")
    assert origin_allowed(None)  # not a browser


def test_celery_has_no_result_backend_by_default_even_with_redis():
    """Every task ignores its result: storing results in Redis would only cost writes and memory."""
    result = _django(["shell", "-c", "from django.conf import settings; print(settings.CELERY_RESULT_BACKEND)"],
                     REDIS_URL="redis://127.0.0.1:6379/9")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "None"


@pytest.mark.stack
def test_postgresql_connections_come_from_the_pool_when_one_is_configured():
    """DB_POOL_MAX_SIZE > 0: Django's psycopg pool (connections handed back, not closed, per request)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        pytest.skip("needs the stack pass's PostgreSQL (DATABASE_URL=postgres://...)")
    url = url.rsplit("/", 1)[0] + "/postgres"  # the server's own database: this only connects
    script = ("from django.db import connection; connection.ensure_connection(); pool = connection.pool; "
              "print(type(pool).__name__, pool.max_size, connection.settings_dict['CONN_MAX_AGE'])")
    result = _django(["shell", "-c", script], DATABASE_URL=url, DB_POOL_MAX_SIZE="4")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "ConnectionPool 4 0"
    unpooled = _django(["shell", "-c", "from django.db import connection; print(connection.pool)"], DATABASE_URL=url)
    assert unpooled.stdout.strip().splitlines()[-1] == "None"  # off by default


def test_cors_allows_configured_front_end_origin(client):
    response = client.options("/health/live", HTTP_ORIGIN="http://localhost:4200",
                              HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")
    assert response["Access-Control-Allow-Origin"] == "http://localhost:4200"
    denied = client.options("/health/live", HTTP_ORIGIN="http://evil.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")
    assert "Access-Control-Allow-Origin" not in denied


def test_admin_names_the_product(client):
    response = client.get("/admin/login/")
    assert b"ChatBet operations" in response.content


@pytest.mark.django_db
def test_list_endpoints_cap_the_page_size(client):
    response = client.get("/api/v1/sports/fixtures?limit=99999999999999999999")
    assert response.status_code == 200
    assert len(response.json()["results"]) <= 200


async def test_an_unknown_websocket_path_is_refused_at_the_handshake():
    from channels.testing import WebsocketCommunicator

    from chatbet_project.asgi import application

    for path in ("/ws/nothing-here", "/ws/chat/not-a-uuid"):
        ws = WebsocketCommunicator(application, path, headers=[(b"origin", b"http://localhost:4200")])
        connected, _code = await ws.connect()
        assert not connected, path


def test_a_docstring_error_message_reads_as_one_plain_line():
    from chatbet_project.errors import ChatBetError

    class Multiline(ChatBetError):
        """First part of a long message
        that goes on here."""

    assert str(Multiline()) == "First part of a long message that goes on here."
