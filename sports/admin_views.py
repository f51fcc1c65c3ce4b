"""Operators' read-only "Provider & cache health" page in the admin (`/admin/sports/health/`)."""

from __future__ import annotations

from datetime import UTC, datetime

from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest
from django.template.response import TemplateResponse

from sports import cache as sports_cache
from sports.providers import get_provider
from sports.services.warming import last_runs


def provider_health_view(request: HttpRequest) -> TemplateResponse:
    """Provider health (breakers for the HTTP provider), cache counters per data kind, TTLs, last warmings."""
    try:
        health = dict(get_provider().health())
    except Exception as exc:  # the page must render precisely when the provider is broken
        health = {"status": "down", "detail": f"{type(exc).__name__}: {exc}"[:300]}
    breakers = health.pop("breakers", None) or {}
    now = datetime.now(UTC)
    runs = [{"job": job, "ago": round((now - run["at"]).total_seconds()) if run else None,
             "seconds": run["seconds"] if run else None, "summary": run["summary"] if run else None}
            for job, run in last_runs().items()]
    stats = sports_cache.stats()
    context = {
        **admin.site.each_context(request),
        "title": "Provider & cache health",
        "provider_name": settings.SPORTS_PROVIDER.rsplit(".", 1)[-1],
        "health_status": health.pop("status", "unknown"),
        "health": sorted(health.items()),
        "breakers": sorted(breakers.items()),
        "kinds": [(kind, stats[kind]) for kind in (*sports_cache.KINDS, "total")],
        "ttls": sorted(settings.SPORTS_TTL.items()),
        "runs": runs,
        "mode": settings.STACK_MODE,
    }
    return TemplateResponse(request, "admin/sports/provider_health.html", context)
