"""The Django admin login form under the API login's protections, by the same code.

The admin login is a password form like `/api/v1/auth/login`, so it gets the same two guards:
attempts counted before any hash, per (username, client IP), per IP and per username, on the very
same counters as the API login (`accounts.ratelimit.consume_login_attempt`), and the hash inside
one of the process's password-check slots (`accounts.passwords.password_check_slot`, whose ASGI gate
in accounts/login_gate.py covers this form too). Over a limit, or with every slot hashing, the form
is not even processed: 429 with `Retry-After`, whatever the password.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .passwords import PasswordChecksBusy, password_check_slot
from .ratelimit import consume_login_attempt, retry_after_header

logger = logging.getLogger(__name__)


def _too_many(message: str, wait: float) -> HttpResponse:
    response = HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = retry_after_header(wait)
    return response


def throttled_login(login_view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wrap `AdminSite.login`: a POST beyond the login rates is refused before authenticating, and
    one within them authenticates inside a password-check slot (429 at once when none is free)."""

    @functools.wraps(login_view)
    def view(request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        if request.method != "POST":
            return login_view(request, extra_context)
        allowed, wait = consume_login_attempt(login=str(request.POST.get("username", "")), request=request)
        if not allowed:
            logger.warning("admin login throttled")
            return _too_many("Too many login attempts for this account or from your address. "
                             f"Try again in {retry_after_header(wait)} seconds.", wait)
        try:
            with password_check_slot():
                return login_view(request, extra_context)
        except PasswordChecksBusy as busy:
            return _too_many(str(busy), busy.retry_after or 1.0)

    return view
