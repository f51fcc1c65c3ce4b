"""Real provider subclasses for tests (configured through settings.SPORTS_PROVIDER, not patched in)."""

from __future__ import annotations

import threading
import time

from chatbet_project.errors import UpstreamUnavailable
from sports.providers.sandbox import SandboxProvider


class FlakyProvider(SandboxProvider):
    """The sandbox, but `down = True` makes every data call fail like an unreachable upstream,
    and `slow` seconds of latency make concurrent misses overlap."""

    name = "flaky"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.down = False
        self.slow = 0.0
        self.odds_calls = 0
        self._count_lock = threading.Lock()

    def _call(self) -> None:
        if self.down:
            raise UpstreamUnavailable("test: upstream switched off")
        if self.slow:
            time.sleep(self.slow)
        super()._call()

    def odds(self, **kwargs):
        with self._count_lock:
            self.odds_calls += 1
        return super().odds(**kwargs)
