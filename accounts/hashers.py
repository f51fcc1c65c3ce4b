"""Django's PBKDF2 hasher, computed on low-priority threads.

A password hash is ~1 s of CPU by design. Run on the request's thread it competes with the event
loop that answers every chat socket of the process at the same priority, so a login flood slowed
chat turns even with the number of concurrent hashes bounded (accounts/passwords.py). The
computation (pure CPU, no database) runs instead on a small pool of threads that lowered their own
scheduling priority (Linux niceness is per thread), so the scheduler serves chat first and logins
absorb the wait. Same algorithm name and format: existing hashes verify unchanged.
"""

from __future__ import annotations

import logging
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache

from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher

logger = logging.getLogger(__name__)

def _lower_this_threads_priority() -> None:
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), settings.PASSWORD_HASH_NICENESS)
    except (AttributeError, OSError) as exc:  # not Linux, or not allowed: hash at normal priority
        logger.info("password hashing threads keep normal priority", extra={"error": type(exc).__name__})


@lru_cache(maxsize=1)
def _pool() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=max(1, int(settings.PASSWORD_CHECK_CONCURRENCY)),
                              thread_name_prefix="password-hash", initializer=_lower_this_threads_priority)


class LowPriorityPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    """`pbkdf2_sha256`, computed on the low-priority pool (the caller waits for the result)."""

    def encode(self, password, salt, iterations=None):
        return _pool().submit(super().encode, password, salt, iterations).result()
