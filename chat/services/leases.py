"""Who is answering a stored question right now: a short lease on the user message.

The turn that stores a question holds its lease (`Message.lease_until`, written by the same INSERT)
and renews it every third of CHAT_TURN_LEASE_SECONDS while the engine runs; storing the answer
clears it. A retry of that message (same client message id, or a double click) waits for the
answer only while the lease is alive: when the process answering it was killed, the lease lapses
within seconds and the retry takes the question over and answers it at once, instead of polling
for a minute for an answer nobody is computing. Questions whose lease lapsed with nobody retrying
are answered by the beat sweep (`answer_orphaned_questions`), so none stays unanswered in history.

The clock is Django's (`timezone.now()`), so tests freeze and move it.
"""

from __future__ import annotations

import asyncio
import enum
import logging
import uuid
from datetime import datetime, timedelta

from channels.db import DatabaseSyncToAsync
from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from chat.models import Message
from chatbet_project.db import database_executor, db_sync_to_async

logger = logging.getLogger(__name__)


class Claim(enum.Enum):
    ANSWERED = "answered"  # the question has its answer: replay it
    TAKEN_OVER = "taken_over"  # its lease had lapsed: the caller now holds it and answers
    RUNNING = "running"  # a live turn holds it: wait
    MISSING = "missing"  # no such question (deleted with its conversation)


def lease_seconds() -> float:
    return float(settings.CHAT_TURN_LEASE_SECONDS)


def lease_deadline(now: datetime | None = None) -> datetime:
    return (now or timezone.now()) + timedelta(seconds=lease_seconds())


def renew(*, user_message_id: uuid.UUID) -> None:
    """Push the lease of a question still being answered one lease further."""
    Message.objects.filter(id=user_message_id, lease_until__isnull=False).update(lease_until=lease_deadline())


def take_over_if_lapsed(*, user_message_id: uuid.UUID) -> Claim:
    """ANSWERED, or take the question over when its lease lapsed (one conditional UPDATE: of two
    retries racing, one wins), else RUNNING (or MISSING)."""
    if Message.objects.filter(reply_to_id=user_message_id).exists():
        return Claim.ANSWERED
    now = timezone.now()
    lapsed = Q(lease_until__isnull=True) | Q(lease_until__lt=now)
    if Message.objects.filter(lapsed, id=user_message_id).update(lease_until=lease_deadline(now)):
        # A lease is also "lapsed" (NULL) once its answer is stored: the answering turn may have committed
        # between the look above and this claim. Its answer is visible now; never answer twice.
        if Message.objects.filter(reply_to_id=user_message_id).exists():
            return Claim.ANSWERED
        return Claim.TAKEN_OVER
    if Message.objects.filter(id=user_message_id).exists():
        return Claim.RUNNING
    return Claim.MISSING


def _renew_now(*, user_message_id: uuid.UUID) -> None:
    renew(user_message_id=user_message_id)


_renew_on_pool = db_sync_to_async(_renew_now)
_renew_on_own_thread = DatabaseSyncToAsync(_renew_now, thread_sensitive=False)


async def _renew_beside_the_turn(*, user_message_id: uuid.UUID) -> None:
    """Renew on a thread the turn is not holding: with the offline engine the whole turn (its upstream calls
    included) runs in one database hop, which on SQLite is Channels' one database thread; a renewal queued behind
    it would wait for the turn's end, and a turn slower than its lease would be taken over and its answer dropped."""
    if database_executor() is None:
        await _renew_on_own_thread(user_message_id=user_message_id)
    else:  # the PostgreSQL pool of database threads: another of them
        await _renew_on_pool(user_message_id=user_message_id)


class KeepAlive:
    """Renews a question's lease every third of it until `stop()` (the turn finished or died with its process).

    A timer, not a task: almost every turn answers long before the first renewal, and a timer costs it one
    heap entry where a task cost two event-loop steps more (bench/turn_cost.py). Created on the event loop."""

    def __init__(self, *, user_message_id: uuid.UUID) -> None:
        self._loop = asyncio.get_running_loop()
        self._user_message_id = user_message_id
        self._renewal: asyncio.Task | None = None
        self._stopped = False
        self._timer = self._loop.call_later(lease_seconds() / 3, self._start_renewal)

    def _start_renewal(self) -> None:
        self._renewal = self._loop.create_task(self._renew())

    async def _renew(self) -> None:
        try:
            await _renew_beside_the_turn(user_message_id=self._user_message_id)
        except Exception:  # a database blip: the next renewal (or the answer) still comes in time
            logger.warning("could not renew the lease of %s", self._user_message_id, exc_info=True)
        if not self._stopped:
            self._timer = self._loop.call_later(lease_seconds() / 3, self._start_renewal)

    def stop(self) -> None:
        self._stopped = True
        self._timer.cancel()
        if self._renewal is not None:
            self._renewal.cancel()


def lapsed_questions(*, limit: int = 50) -> list[uuid.UUID]:
    """Questions whose lease lapsed without an answer: their answering process is gone."""
    return list(Message.objects.filter(role=Message.Role.USER, lease_until__lt=timezone.now(),
                                       reply__isnull=True)
                .order_by("lease_until").values_list("id", flat=True)[:limit])
