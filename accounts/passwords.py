"""A bound on concurrent password hashing per process (API and admin logins, registrations).

Each hash costs ~1 s of CPU by design; unbounded, 100 parallel logins starved every chat turn of
the process. Not in accounts/ratelimit.py: DRF imports that module while it starts, before the
error classes can be imported.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

from chatbet_project.errors import ChatBetError
from chatbet_project.metrics import PASSWORD_CHECKS_REFUSED

logger = logging.getLogger(__name__)


class PasswordChecksBusy(ChatBetError):
    """Too many sign-ins are being checked right now; try again in a second."""

    code, status = "login_busy", 429

    @property
    def retry_after(self) -> float:
        """1 to 3 seconds, at random: clients that wait as told come back spread out, not as one burst."""
        return float(random.randint(1, 3))


class _Slots:
    """A counter of password checks in progress (a semaphore whose slots `SlotHeld` gives back once)."""

    def __init__(self, size: int):
        self.size, self.used = size, 0
        self._lock = threading.Lock()

    def try_acquire(self) -> bool:
        with self._lock:
            if self.used >= self.size:
                return False
            self.used += 1
            return True

    def release(self) -> None:
        with self._lock:
            self.used -= 1


_slots_lock = threading.Lock()
_slots: dict[int, _Slots] = {}


def _password_slots() -> _Slots:
    size = max(1, int(settings.PASSWORD_CHECK_CONCURRENCY))
    with _slots_lock:
        if size not in _slots:
            _slots[size] = _Slots(size)
        return _slots[size]


class SlotHeld:
    """One taken slot; `release()` gives it back (once, whoever calls it first)."""

    def __init__(self, slots: _Slots):
        self._slots, self.active = slots, True
        self._lock = threading.Lock()

    def release(self) -> None:
        with self._lock:
            if not self.active:
                return
            self.active = False
        self._slots.release()


# The slot this request (or task) holds: an inner password_check_slot() then takes no second one
# (the ASGI gate takes the slot for the whole request and the service runs inside it).
_held: ContextVar[SlotHeld | None] = ContextVar("password_check_slot_held", default=None)


@contextmanager
def password_check_slot() -> Iterator[SlotHeld]:
    """Hold one of PASSWORD_CHECK_CONCURRENCY slots for a password hash, or raise PasswordChecksBusy
    at once: a flood of logins queues nothing and leaves the other cores to chat turns. Re-entrant:
    inside a slot this context already holds (the request's, taken by accounts/login_gate.py) it
    takes nothing more. The holder may `release()` early (the gate does once the response is sent)."""
    held = _held.get()
    if held is not None and held.active:
        yield held
        return
    slots = _password_slots()
    if not slots.try_acquire():
        # Counted, not logged at INFO: a flood is refused ~1,000 times a second (bench/README.md).
        PASSWORD_CHECKS_REFUSED.inc()
        logger.debug("password check refused: all slots busy")
        raise PasswordChecksBusy()
    held = SlotHeld(slots)
    token = _held.set(held)
    try:
        yield held
    finally:
        _held.reset(token)
        held.release()
