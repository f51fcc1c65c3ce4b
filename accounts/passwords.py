"""A bound on concurrent password hashing per process (logins and registrations).

Each hash costs ~1 s of CPU by design; unbounded, 100 parallel logins starved every chat turn of
the process. Not in accounts/ratelimit.py: DRF imports that module while it starts, before the
error classes can be imported.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings

from chatbet_project.errors import ChatBetError

logger = logging.getLogger(__name__)


class PasswordChecksBusy(ChatBetError):
    """Too many sign-ins are being checked right now; try again in a second."""

    code, status = "login_busy", 429
    retry_after = 1.0


_slots_lock = threading.Lock()
_slots: dict[int, threading.BoundedSemaphore] = {}


def _password_slots() -> threading.BoundedSemaphore:
    size = max(1, int(settings.PASSWORD_CHECK_CONCURRENCY))
    with _slots_lock:
        if size not in _slots:
            _slots[size] = threading.BoundedSemaphore(size)
        return _slots[size]


@contextmanager
def password_check_slot() -> Iterator[None]:
    """Hold one of PASSWORD_CHECK_CONCURRENCY slots for a password hash, or raise PasswordChecksBusy
    at once: a flood of logins queues nothing and leaves the other cores to chat turns."""
    slots = _password_slots()
    if not slots.acquire(blocking=False):
        logger.info("password check refused: all slots busy")
        raise PasswordChecksBusy()
    try:
        yield
    finally:
        slots.release()


