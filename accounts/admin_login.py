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

from .ratelimit import consume_rate, login_ident, retry_after_header, scope_rate

logger = logging.getLogger(__name__)


def throttled_login(login_view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wrap `AdminSite.login` so POSTs beyond the login rate are refused before authenticating."""

    @functools.wraps(login_view)
    def view(request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        rate = scope_rate("login")
        if request.method == "POST" and rate is not None:
            ident = login_ident(login=str(request.POST.get("username", "")), request=request)
            allowed, wait = consume_rate(scope="login", ident=ident, num_requests=rate[0], duration=rate[1])
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
