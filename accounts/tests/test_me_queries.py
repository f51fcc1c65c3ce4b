"""GET /me reads the account's standing (the lowest daily limit in force among the logins linked to one ChatBet
account, and its latest self-exclusion) in one query, beside the one that authenticates the request (the user, the
profile and the token's revocation): the two account fields were two queries over the same profiles."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Profile
from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _link(user, *, account: str, **fields) -> None:
    profile = Profile.objects.get(user=user)
    profile.user_key, profile.upstream_user_id, profile.linked_at = "key-of-" + account, account, timezone.now()
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.save()


@pytest.mark.stack
def test_me_takes_one_query_for_the_request_and_one_for_the_account(auth_client, user):
    until = timezone.now() + timedelta(days=90)
    _link(user, account="acct-7", daily_stake_limit=Decimal("80"))
    _link(UserFactory(), account="acct-7", daily_stake_limit=Decimal("30"), self_excluded_until=until)
    _link(UserFactory(), account="acct-other", daily_stake_limit=Decimal("5"))
    with CaptureQueriesContext(connection) as captured:
        response = auth_client.get("/api/v1/auth/me")
    assert response.status_code == 200, response.content
    profile = response.json()["profile"]
    assert (profile["daily_stake_limit"], profile["account_daily_stake_limit"]) == (80.0, 30.0)
    assert profile["self_excluded_until"] is None and profile["account_self_excluded_until"] is not None
    statements = [q["sql"] for q in captured.captured_queries]
    assert len(statements) == 2, "\n".join(statements)


def test_a_login_with_no_link_has_its_own_standing_in_the_same_one_query(auth_client, user):
    Profile.objects.filter(user=user).update(daily_stake_limit=Decimal("25"))
    with CaptureQueriesContext(connection) as captured:
        profile = auth_client.get("/api/v1/auth/me").json()["profile"]
    assert profile["account_daily_stake_limit"] == 25.0 and profile["account_self_excluded_until"] is None
    assert len(captured.captured_queries) == 2, "\n".join(q["sql"] for q in captured.captured_queries)
