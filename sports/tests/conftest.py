"""Sports test fixtures: a fresh sandbox per test (clock frozen at now), the fake upstream server."""

from __future__ import annotations

import pytest

from conftest import frozen_provider


@pytest.fixture(autouse=True)
def _sports_state(settings):
    """Counters start at zero; tests warm explicitly (the background warmer is tested on its own)."""
    from sports import cache as sports_cache

    settings.SPORTS_INPROCESS_WARMING = False
    sports_cache.reset_stats()


@pytest.fixture
def sandbox(settings):
    """The configured sandbox provider, rebuilt for this test, its clock frozen at the real now."""
    with frozen_provider(settings) as provider:
        yield provider


@pytest.fixture
def flaky(settings):
    """A sandbox that can be switched off (`provider.down = True`) to exercise stale serving."""
    with frozen_provider(settings, "sports.tests.providers.FlakyProvider") as provider:
        yield provider


@pytest.fixture
def fake_upstream():
    from sports.tests.fake_upstream import FakeUpstream

    server = FakeUpstream().start()
    yield server
    server.stop()


@pytest.fixture
def http(fake_upstream):
    """The HTTP provider on the fake upstream: 0.3 s timeouts, 3 fast retries, a breaker that cools in 0.3 s."""
    from sports.providers.http import ChatBetHTTPProvider

    provider = ChatBetHTTPProvider(base_url=fake_upstream.url, timeout=0.3, retries=3, backoff=0.001,
                                   backoff_max=0.01, fail_max=5, reset_timeout=0.3)
    yield provider
    provider.close()
