import pytest
from django.conf import settings

pytestmark = [pytest.mark.django_db, pytest.mark.stack]


def test_live_answers_without_touching_dependencies(client):
    response = client.get("/health/live")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["mode"] == settings.STACK_MODE


def test_ready_reports_every_dependency_with_latency(client):
    response = client.get("/health/ready")
    body = response.json()
    assert response.status_code == 200, body
    assert set(body["checks"]) == {"database", "cache", "channel_layer", "chatbet_provider", "llm_provider"}
    for name in ("database", "cache", "channel_layer"):
        assert body["checks"][name]["status"] == "ok", (name, body["checks"][name])
        assert body["checks"][name]["latency_ms"] >= 0
    expected_vendor = "postgresql" if "postgresql" in settings.DATABASES["default"]["ENGINE"] else "sqlite"
    assert body["checks"]["database"]["vendor"] == expected_vendor


def test_summary_has_version_and_mode(client):
    body = client.get("/health/").json()
    assert body["version"]
    assert body["mode"] in {"embedded", "full"}
    assert body["checks"]["database"] == {"status": "ok"}


def test_ready_shows_only_the_error_type_outside_debug_and_logs_the_rest(client, settings, caplog):
    """Readiness is public: a failing check must not show hosts, ports or users to anyone."""
    from conftest import free_port

    port = free_port()
    settings.CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache",
                                   "LOCATION": f"redis://127.0.0.1:{port}/0",
                                   "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5}}}
    settings.DEBUG = False
    detail = client.get("/health/ready").json()["checks"]["cache"]["detail"]
    assert detail == "ConnectionError"
    assert str(port) in caplog.text  # the whole error is in the server's log
    settings.DEBUG = True
    assert str(port) in client.get("/health/ready").json()["checks"]["cache"]["detail"]


def test_ready_says_503_promptly_when_redis_is_stopped(client, settings):
    """A Redis that refuses connections (nothing listens on the port) makes readiness 503, not a hang."""
    from conftest import free_port

    dead = f"redis://127.0.0.1:{free_port()}/0"
    settings.CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": dead,
                                   "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5}}}
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels_redis.core.RedisChannelLayer",
                                           "CONFIG": {"hosts": [{"address": dead, "socket_timeout": None}]}}}
    import time

    started = time.monotonic()
    response = client.get("/health/ready")
    elapsed = time.monotonic() - started
    body = response.json()
    assert response.status_code == 503
    assert body["status"] == "down"
    assert body["checks"]["cache"]["status"] == "down"
    assert body["checks"]["channel_layer"]["status"] == "down"
    assert body["checks"]["database"]["status"] == "ok"
    assert elapsed < settings.HEALTH_CHECK_TIMEOUT + 3
