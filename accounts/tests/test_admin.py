"""Operators edit users and profiles in the admin; the user key stays masked and write-only."""

import pytest
from django.contrib.auth import get_user_model

from accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SECRET_KEY_VALUE = "live-user-key-0123456789abcdef"


@pytest.fixture
def operator_client(client):
    operator = get_user_model().objects.create_superuser("operator", "op@example.com", PASSWORD)
    client.force_login(operator)
    return client


@pytest.fixture
def linked_user():
    return UserFactory(profile__user_key=SECRET_KEY_VALUE, profile__upstream_user_id="4242")


def test_user_and_profile_pages_mask_the_user_key(operator_client, linked_user):
    for url in (f"/admin/accounts/user/{linked_user.pk}/change/",
                f"/admin/accounts/profile/{linked_user.profile.pk}/change/",
                "/admin/accounts/profile/", "/admin/accounts/user/"):
        response = operator_client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert SECRET_KEY_VALUE not in html, url
    page = operator_client.get(f"/admin/accounts/profile/{linked_user.profile.pk}/change/")
    assert "••••cdef" in page.content.decode()


def _profile_form(linked_user, **changes) -> dict:
    profile = linked_user.profile
    data = {"user": linked_user.pk, "upstream_user_id": profile.upstream_user_id, "language": "es",
            "favourite_teams": "[]", "default_stake": "", "currency": "USD", "risk_appetite": "high",
            "preferred_markets": "[]", "daily_stake_limit": "50", "self_excluded_until_0": "",
            "self_excluded_until_1": "", "new_user_key": ""}
    data.update(changes)
    return data


def test_operator_edits_preferences_and_a_blank_key_keeps_the_stored_one(operator_client, linked_user):
    url = f"/admin/accounts/profile/{linked_user.profile.pk}/change/"
    response = operator_client.post(url, _profile_form(linked_user))
    assert response.status_code == 302, response.content.decode()[:2000]
    linked_user.profile.refresh_from_db()
    assert linked_user.profile.language == "es" and linked_user.profile.risk_appetite == "high"
    assert linked_user.profile.user_key == SECRET_KEY_VALUE


def test_operator_can_replace_or_clear_the_key(operator_client, linked_user):
    url = f"/admin/accounts/profile/{linked_user.profile.pk}/change/"
    operator_client.post(url, _profile_form(linked_user, new_user_key="another-key-999999"))
    linked_user.profile.refresh_from_db()
    assert linked_user.profile.user_key == "another-key-999999"
    operator_client.post(url, _profile_form(linked_user, clear_user_key="on"))
    linked_user.profile.refresh_from_db()
    assert linked_user.profile.user_key == "" and not linked_user.profile.is_linked


def test_an_operators_daily_limit_stands_and_cancels_a_raise_the_user_asked_for(operator_client, linked_user):
    from datetime import timedelta
    from decimal import Decimal

    from django.utils import timezone

    from accounts.services import profile_update

    linked_user.profile.daily_stake_limit = Decimal("100")
    linked_user.profile.save()
    profile_update(user=linked_user, data={"daily_stake_limit": Decimal("900")})
    linked_user.profile.refresh_from_db()
    assert linked_user.profile.daily_stake_limit_waiting["limit"] == Decimal("900")
    page = operator_client.get(f"/admin/accounts/profile/{linked_user.profile.pk}/change/").content.decode()
    assert "900" in page  # the waiting raise is shown to the operator

    url = f"/admin/accounts/profile/{linked_user.profile.pk}/change/"
    assert operator_client.post(url, _profile_form(linked_user, daily_stake_limit="50")).status_code == 302
    linked_user.profile.refresh_from_db()
    assert linked_user.profile.daily_stake_limit == Decimal("50")
    assert linked_user.profile.daily_stake_limit_at(timezone.now() + timedelta(days=3)) == Decimal("50")
