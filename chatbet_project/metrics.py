"""Prometheus metrics: one registry, every metric defined here, the `/metrics` view and the HTTP middleware.

Other modules record with one line (`metrics.CHAT_TURNS.labels(...).inc()` or a helper below) and
never define metrics themselves, so names and labels stay in one place. Label values are closed
sets (route names, intents, engines, data kinds, endpoint groups, task names), never raw paths
or user input, so the number of series stays bounded.

Processes: each daphne / Celery process counts its own numbers. Set `PROMETHEUS_MULTIPROC_DIR` (an
empty, writable directory shared by the processes of one host, wiped at deploy) before they start
and `/metrics` serves the sum over all of them; without it, scrape each process (or accept that
one web process answers for itself).
"""

from __future__ import annotations

import hmac
import logging
import os
import time
from typing import Any

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)

logger = logging.getLogger(__name__)

MULTIPROCESS = bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)

# --- HTTP and WebSocket ---------------------------------------------------------------------------
HTTP_REQUESTS = Counter("chatbet_http_requests", "HTTP requests served, by route name.",
                        ["method", "route", "status"])
HTTP_LATENCY = Histogram("chatbet_http_request_duration_seconds", "HTTP request latency, by route name.",
                         ["method", "route"], buckets=LATENCY_BUCKETS)
WS_CONNECTIONS_ACTIVE = Gauge("chatbet_ws_connections_active", "Open WebSocket connections.", ["endpoint"],
                              multiprocess_mode="livesum")
WS_CONNECTIONS = Counter("chatbet_ws_connections", "WebSocket connections accepted.", ["endpoint"])
WS_MESSAGES = Counter("chatbet_ws_messages", "WebSocket frames received from clients, by frame type.",
                      ["endpoint", "type"])
PASSWORD_CHECKS_REFUSED = Counter("chatbet_password_checks_refused", "Sign-ins and registrations refused because "
                                  "every password-check slot was hashing (429 login_busy).")

# --- chat turns -----------------------------------------------------------------------------------
CHAT_TURNS = Counter("chatbet_chat_turns", "Answered chat turns, by intent and engine.", ["intent", "engine"])
TURN_FIRST_CHUNK = Histogram("chatbet_chat_first_chunk_seconds", "From receiving a message to its first chunk.",
                             buckets=LATENCY_BUCKETS)
TURN_DURATION = Histogram("chatbet_chat_answer_seconds", "From receiving a message to the stored full answer.",
                          ["engine"], buckets=LATENCY_BUCKETS)
LLM_TOKENS = Counter("chatbet_llm_tokens", "Tokens reported by the LLM provider.", ["provider"])
LLM_ANSWER_GUARD = Counter("chatbet_llm_answer_guard", "Model replies held back by the answer guard (numbers no "
                           "tool gave, or the prompt's rules): retried once, then answered offline.",
                           ["provider", "check", "outcome"])

# --- sports data ----------------------------------------------------------------------------------
CACHE_READS = Counter("chatbet_cache_reads", "Sports cache reads by data kind: hit, miss or stale serve.",
                      ["kind", "result"])
UPSTREAM_CALLS = Counter("chatbet_upstream_calls", "Attempts to call the ChatBet API, by endpoint group.",
                         ["group"])
UPSTREAM_ERRORS = Counter("chatbet_upstream_errors", "Failed ChatBet API attempts, by endpoint group.", ["group"])
BREAKER_STATE = Gauge("chatbet_upstream_breaker_state", "Circuit breaker state: 0 closed, 1 half-open, 2 open.",
                      ["group"], multiprocess_mode="max")

# --- bets and background work ---------------------------------------------------------------------
BETS = Counter("chatbet_bets", "Bet simulations and placements recorded in the audit trail.", ["kind", "status"])
CELERY_TASKS = Counter("chatbet_celery_tasks", "Celery task runs by outcome.", ["task", "state"])
CELERY_TASK_DURATION = Histogram("chatbet_celery_task_duration_seconds", "Celery task run time.", ["task"],
                                 buckets=LATENCY_BUCKETS)

_CACHE_RESULTS = {"hits": "hit", "misses": "miss", "stale": "stale"}
_BREAKER_STATES = {"closed": 0, "half-open": 1, "open": 2}


# (kind, metric) → its labelled child: `labels()` checks and locks on every call (~3.5 µs), and every sports
# cache read counts one. The children are the ones `labels()` returns (prometheus_client keeps one per label set).
_cache_children: dict[tuple[str, str], Any] = {}


def observe_cache(kind: str, metric: str, n: int = 1) -> None:
    """Called by `sports.cache.count`: hits/misses/stale become reads; upstream counters are kept elsewhere."""
    child = _cache_children.get((kind, metric))
    if child is None:
        result = _CACHE_RESULTS.get(metric)
        if result is None:
            return
        child = _cache_children[(kind, metric)] = CACHE_READS.labels(kind=kind, result=result)
    child.inc(n)


WS_FRAME_TYPES = {"user_message", "ping", "pong", "history", "subscribe", "unsubscribe"}


def ws_opened(consumer, endpoint: str) -> None:
    """An accepted socket; remembered on the consumer so a close is counted once, and only after an open."""
    consumer._metrics_endpoint = endpoint
    WS_CONNECTIONS.labels(endpoint=endpoint).inc()
    WS_CONNECTIONS_ACTIVE.labels(endpoint=endpoint).inc()


def ws_closed(consumer) -> None:
    endpoint = getattr(consumer, "_metrics_endpoint", None)
    if endpoint is not None:
        consumer._metrics_endpoint = None
        WS_CONNECTIONS_ACTIVE.labels(endpoint=endpoint).dec()


def ws_message(endpoint: str, frame_type) -> None:
    """A client frame by type; anything outside the protocol's types counts as `other`."""
    # isinstance first: a client may send an unhashable type (`{"type": []}`), which a set lookup would raise on.
    known = isinstance(frame_type, str) and frame_type in WS_FRAME_TYPES
    WS_MESSAGES.labels(endpoint=endpoint, type=frame_type if known else "other").inc()


# (intent, engine) → the turn's two labelled children (a bounded set: the engine's intents × the engines), kept as
# `_cache_children` keeps the cache's: two `labels()` calls a turn otherwise.
_turn_children: dict[tuple[str, str], tuple[Any, Any]] = {}


def observe_turn(*, intent: str, engine: str, seconds: float) -> None:
    """One answered turn (called by the turn service once the answer is stored)."""
    children = _turn_children.get((intent, engine))
    if children is None:
        children = _turn_children[(intent, engine)] = (
            CHAT_TURNS.labels(intent=intent or "unknown", engine=engine or "unknown"),
            TURN_DURATION.labels(engine=engine or "unknown"))
    children[0].inc()
    children[1].observe(seconds)


# --- upstream circuit breakers (pybreaker listener) -----------------------------------------------

try:
    import pybreaker

    _ListenerBase = pybreaker.CircuitBreakerListener
except ImportError:  # pragma: no cover - pybreaker is a runtime requirement
    _ListenerBase = object


class BreakerMetrics(_ListenerBase):
    """Counts attempts and failures and exposes the state of `chatbet:<group>` breakers."""

    @staticmethod
    def _group(cb) -> str:
        return str(getattr(cb, "name", "") or "unknown").removeprefix("chatbet:")

    def before_call(self, cb, func, *args, **kwargs) -> None:
        UPSTREAM_CALLS.labels(group=self._group(cb)).inc()

    def failure(self, cb, exc) -> None:
        UPSTREAM_ERRORS.labels(group=self._group(cb)).inc()

    def state_change(self, cb, old_state, new_state) -> None:
        name = getattr(new_state, "name", str(new_state))
        BREAKER_STATE.labels(group=self._group(cb)).set(_BREAKER_STATES.get(str(name), 0))


# --- Celery ---------------------------------------------------------------------------------------

_task_started: dict[str, float] = {}


def connect_celery_signals() -> None:
    """Task runs, failures and retries (connected once from `chatbet_project/celery.py`)."""
    from celery import signals

    signals.task_prerun.connect(_task_prerun, weak=False, dispatch_uid="chatbet_metrics_prerun")
    signals.task_postrun.connect(_task_postrun, weak=False, dispatch_uid="chatbet_metrics_postrun")
    signals.task_failure.connect(_task_failure, weak=False, dispatch_uid="chatbet_metrics_failure")
    signals.task_retry.connect(_task_retry, weak=False, dispatch_uid="chatbet_metrics_retry")


def _task_name(sender) -> str:
    return str(getattr(sender, "name", None) or "unknown")


def _task_prerun(sender=None, task_id=None, **kwargs) -> None:
    if task_id:
        if len(_task_started) > 10_000:  # tasks killed mid-run never post-run; do not grow forever
            _task_started.clear()
        _task_started[task_id] = time.perf_counter()


def _task_postrun(sender=None, task_id=None, state=None, **kwargs) -> None:
    name = _task_name(sender)
    started = _task_started.pop(task_id, None) if task_id else None
    if started is not None:
        CELERY_TASK_DURATION.labels(task=name).observe(time.perf_counter() - started)
    if state == "SUCCESS":
        CELERY_TASKS.labels(task=name, state="succeeded").inc()


def _task_failure(sender=None, **kwargs) -> None:
    CELERY_TASKS.labels(task=_task_name(sender), state="failed").inc()


def _task_retry(sender=None, **kwargs) -> None:
    CELERY_TASKS.labels(task=_task_name(sender), state="retried").inc()


# --- HTTP middleware ------------------------------------------------------------------------------


def route_label(request: HttpRequest) -> str:
    """The name of the route that served the request (`chat-history`, `sports:fixtures`), never the raw
    path nor a `re_path` regex (`api/v1/sports/^fixtures/?$`); the pattern only for an unnamed route."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "unmatched"
    return match.view_name or match.route or "unmatched"


class PrometheusMiddleware:
    """Counts and times every HTTP request by method, route name and status. Async and sync capable."""

    sync_capable = True
    async_capable = True

    def __init__(self, get_response):
        self.get_response = get_response
        self.is_async = iscoroutinefunction(get_response)
        if self.is_async:
            markcoroutinefunction(self)

    def __call__(self, request):
        if self.is_async:
            return self._acall(request)
        started = time.perf_counter()
        response = self.get_response(request)
        self._record(request, response, started)
        return response

    async def _acall(self, request):
        started = time.perf_counter()
        response = await self.get_response(request)
        self._record(request, response, started)
        return response

    @staticmethod
    def _record(request, response, started: float) -> None:
        route = route_label(request)
        method = request.method if request.method in _METHODS else "other"
        HTTP_REQUESTS.labels(method=method, route=route, status=str(response.status_code)).inc()
        HTTP_LATENCY.labels(method=method, route=route).observe(time.perf_counter() - started)


_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


# --- the /metrics view ----------------------------------------------------------------------------


def may_read_metrics(request: HttpRequest) -> bool:
    """Open in development; in production staff (admin session) or `Authorization: Bearer <METRICS_TOKEN>`."""
    if not settings.PRODUCTION:
        return True
    expected = getattr(settings, "METRICS_TOKEN", "")
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if expected and scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), expected.encode()):
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_active and user.is_staff)


def _exposition() -> bytes:
    if MULTIPROCESS:
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry)
    return generate_latest(REGISTRY)


@never_cache
@require_safe
def metrics_view(request: HttpRequest) -> HttpResponse:
    """Prometheus text exposition of this process (or of all processes in multiprocess mode)."""
    if not may_read_metrics(request):
        # startup order: this module loads with the settings (celery.py); errors imports DRF, whose
        # settings import the authentication classes and so the user model, before apps are ready.
        from .errors import error_body

        response = JsonResponse(error_body("metrics_forbidden", "Authorization: a staff session or the bearer "
                                                                "METRICS_TOKEN is required."), status=401)
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    return HttpResponse(_exposition(), content_type=CONTENT_TYPE_LATEST)
