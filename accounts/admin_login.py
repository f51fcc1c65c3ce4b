"""Throttle for the Django admin login form, sharing the API login limiter's counters and rate.

The admin login is a password form like `/api/v1/auth/login`, so it gets the same protection:
attempts per (username, client IP) in the shared cache at `THROTTLE_LOGIN`, on the very same
counter as the API login (`accounts.ratelimit.login_ident`). Over the limit the form
is not even processed: 429 with `Retry-After`, whatever the password.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .ratelimit import consume_login_attempt, retry_after_header

logger = logging.getLogger(__name__)


def throttled_login(login_view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wrap `AdminSite.login` so POSTs beyond the login rate are refused before authenticating."""

    @functools.wraps(login_view)
    def view(request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        if request.method == "POST":
            allowed, wait = consume_login_attempt(login=str(request.POST.get("username", "")), request=request)
            if not allowed:
                logger.warning("admin login throttled")
                seconds = retry_after_header(wait)
                response = HttpResponse(
                    f"Too many login attempts for this account or from your address. Try again in {seconds} seconds.",
                    status=429, content_type="text/plain; charset=utf-8")
                response["Retry-After"] = seconds
                return response
        return login_view(request, extra_context)

    return view
