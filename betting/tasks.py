"""Celery entry points for the slip lifecycle's background moves (beat schedule in settings)."""

from __future__ import annotations

import logging
from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from betting import selectors
from betting.services import slips

logger = logging.getLogger(__name__)

# A slip still `placing` this long after its last move lost its process mid-call: reconcile it too.
STUCK_AFTER = timedelta(minutes=2)


@shared_task(ignore_result=True)
def expire_slips() -> int:
    return slips.expire_slips()


@shared_task(ignore_result=True)
def reconcile_outcomes() -> dict:
    """Ask the upstream about every slip whose outcome is unknown (never re-sending a bet)."""
    states: dict[str, int] = {}
    for slip_id in selectors.slips_to_reconcile(older_than=timezone.now() - STUCK_AFTER):
        try:
            state = slips.reconcile_slip(slip_id=slip_id)
        except Exception:
            logger.exception("reconciling slip %s failed; tried again next run", slip_id)
            state = "error"
        states[state] = states.get(state, 0) + 1
    return states
