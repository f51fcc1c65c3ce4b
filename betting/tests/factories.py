"""Fixtures for the betting tests: a frozen sandbox, a user with a linked ChatBet account, and how many bets went
to the upstream."""

from __future__ import annotations

import pytest
from django.utils import timezone

from accounts.tests.factories import UserFactory
from conftest import frozen_provider

USER_KEY = "sandbox-key-1234"


def link_user(user, *, user_key: str = USER_KEY, **profile_fields):
    """Give a user a linked ChatBet account (the sandbox accepts any key of 4+ characters)."""
    from sports.providers.sandbox import SandboxUpstream

    profile = user.profile
    profile.user_key = user_key
    profile.upstream_user_id = str(SandboxUpstream.user_id_for(user_key))
    profile.linked_at = timezone.now()
    for name, value in profile_fields.items():
        setattr(profile, name, value)
    profile.save()
    return user


@pytest.fixture
def sandbox(settings):
    with frozen_provider(settings) as provider:
        yield provider


@pytest.fixture
def linked_user(db):
    return link_user(UserFactory())


@pytest.fixture
def client(linked_user):
    """A REST client signed in as `linked_user` (its ChatBet account linked)."""
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(linked_user)
    return api


def bets_sent(**filters) -> int:
    """How many bets were sent to the upstream: a slip's move to `placing` (on the audit trail) is its one request."""
    from betting.models import BetAuditEntry

    return BetAuditEntry.objects.filter(kind=BetAuditEntry.Kind.PLACEMENT, status=BetAuditEntry.Status.PLACING,
                                        **filters).count()
