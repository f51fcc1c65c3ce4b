"""Liveness and readiness: each dependency reported `ok|degraded|down` with its latency.

Checks run concurrently and each is bounded by `HEALTH_CHECK_TIMEOUT`, so a stopped Redis turns
readiness into a prompt 503 instead of a hang.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from typing import Any

from asgiref.sync import async_to_sync, sync_to_async
from channels.layers import get_channel_layer
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils.module_loading import import_string
from django.views.decorators.cache import never_cache
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view, authentication_classes, permission_classes, throttle_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

import chatbet_project

Check = dict[str, Any]
logger = logging.getLogger(__name__)


def check_database() -> Check:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"status": "ok", "vendor": connection.vendor}


def check_cache() -> Check:
    key = f"health:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=5)
    if cache.get(key) != "1":
        return {"status": "degraded", "detail": "cache did not return what was written"}
    cache.delete(key)
    return {"status": "ok", "backend": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]}


async def check_channel_layer() -> Check:
    layer = get_channel_layer()
    if layer is None:
        return {"status": "down", "detail": "no channel layer configured"}
    channel = await layer.new_channel()
    await layer.send(channel, {"type": "health.ping"})
    message = await layer.receive(channel)
    if message.get("type") != "health.ping":
        return {"status": "degraded", "detail": "unexpected message from the channel layer"}
    return {"status": "ok", "backend": type(layer).__name__}


async def _run_check(name: str, path: str, required: bool) -> tuple[str, Check]:
    started = time.perf_counter()
    try:
        func = import_string(path)
        if asyncio.iscoroutinefunction(func):
            coro = func()
        else:
            coro = sync_to_async(func, thread_sensitive=name == "database")()
        result = await asyncio.wait_for(coro, timeout=settings.HEALTH_CHECK_TIMEOUT)
    except TimeoutError:
        result = {"status": "down", "detail": f"no answer within {settings.HEALTH_CHECK_TIMEOUT:g}s"}
    except Exception as exc:  # a failing dependency is a report, not a crash
        # /health/ready is public: exception text names hosts, addresses and database users, so
        # outside DEBUG only the exception type is shown; the whole error goes to the log.
        logger.warning("health check %s failed", name, exc_info=True)
        detail = f"{type(exc).__name__}: {exc}"[:300] if settings.DEBUG else type(exc).__name__
        result = {"status": "down", "detail": detail}
    result["latency_ms"] = round((time.perf_counter() - started) * 1000, 2)
    result["required"] = required
    return name, result


async def collect_checks() -> dict[str, Check]:
    results = await asyncio.gather(
        *(_run_check(name, path, required) for name, (path, required) in settings.HEALTH_CHECKS.items())
    )
    return dict(results)


def overall_status(checks: dict[str, Check]) -> str:
    if any(c["status"] == "down" and c["required"] for c in checks.values()):
        return "down"
    if any(c["status"] != "ok" for c in checks.values()):
        return "degraded"
    return "ok"


def _base() -> dict[str, Any]:
    return {"version": chatbet_project.__version__, "mode": settings.STACK_MODE, "environment": settings.DJANGO_ENV,
            "sports_provider": settings.SPORTS_PROVIDER.rsplit(".", 1)[-1], "llm_provider": settings.LLM_PROVIDER}


_check_schema = inline_serializer("HealthCheck", {
    "status": serializers.ChoiceField(choices=["ok", "degraded", "down"]),
    "latency_ms": serializers.FloatField(required=False), "required": serializers.BooleanField(required=False),
    "detail": serializers.CharField(required=False)})
_health_schema = inline_serializer("Health", {
    "status": serializers.ChoiceField(choices=["ok", "degraded", "down"]),
    "version": serializers.CharField(), "mode": serializers.CharField(), "environment": serializers.CharField(),
    "sports_provider": serializers.CharField(), "llm_provider": serializers.CharField(),
    "checks": serializers.DictField(child=_check_schema, required=False)})


def _health_view(func):
    """DRF view without auth or throttles, so probes are never refused and the schema lists it."""
    return never_cache(api_view(["GET"])(permission_classes([AllowAny])(throttle_classes([])(
        authentication_classes([])(func)))))


@extend_schema(tags=["health"], summary="Liveness: the process is up", responses=_health_schema)
@_health_view
def live(request):
    return Response({"status": "ok", **_base()})


@extend_schema(tags=["health"], summary="Readiness: every dependency with status and latency",
               responses={200: _health_schema,
                          503: OpenApiResponse(_health_schema, description="a required dependency is down")})
@_health_view
def ready(request):
    checks = async_to_sync(collect_checks)()
    status = overall_status(checks)
    return Response({"status": status, **_base(), "checks": checks}, status=503 if status == "down" else 200)


@extend_schema(tags=["health"], summary="Summary: overall status, version and mode", responses=_health_schema)
@_health_view
def summary(request):
    checks = async_to_sync(collect_checks)()
    return Response({"status": overall_status(checks), **_base(),
                     "checks": {name: {"status": c["status"]} for name, c in checks.items()}})
