"""The embedded cache's key check short-cut (`chatbet_project.caches.LocMemCache`) warns of exactly the keys
Django's own check warns of: a key memcached would refuse still says so, whichever backend stores it."""

from __future__ import annotations

import warnings

import pytest
from django.core.cache.backends.locmem import LocMemCache as DjangoLocMemCache
from hypothesis import given, settings
from hypothesis import strategies as st

from chatbet_project.caches import LocMemCache


def _warnings(cache, key: str) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cache.set(key, 1)
        assert cache.get(key) == 1
    return [f"{w.category.__name__}: {w.message}" for w in caught]


def _check(key: str) -> None:
    ours, django = LocMemCache("keys-ours", {}), DjangoLocMemCache("keys-django", {})
    assert _warnings(ours, key) == _warnings(django, key), key


@pytest.mark.parametrize("key", [
    "chat:memory:8d7c7a0e-6a47-4f6b-9a51-2f0f1b2c3d4e", "quota:chat:ip:127.0.0.1", "", "x" * 247, "x" * 248, "x" * 400,
    "with space", "tab\there", "new\nline", "del\x7f", "nul\x00", "ñandú", "emoji😀", "nbsp\u00a0", "~!@#$%^&*()",
])
def test_a_key_is_warned_of_as_django_warns_of_it(key):
    _check(key)


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=300) | st.text(st.characters(max_codepoint=0x80), min_size=230, max_size=260))
def test_any_key_is_warned_of_as_django_warns_of_it(key):
    _check(key)
