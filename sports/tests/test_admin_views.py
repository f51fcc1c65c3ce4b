"""The operators' provider & cache health page."""

import pytest
from django.contrib.auth import get_user_model

from sports.services import warming

pytestmark = pytest.mark.django_db


def test_staff_see_provider_cache_and_warming_health(client, sandbox):
    warming.warm_odds()
    staff = get_user_model().objects.create_user("ops", password="pw-123456789", is_staff=True)
    client.force_login(staff)
    page = client.get("/admin/sports/health/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="provider-status">ok<' in html and 'id="cache-stats"' in html
    assert "s ago" in html  # the odds warming just ran


def test_others_are_sent_to_the_admin_login(client, sandbox):
    player = get_user_model().objects.create_user("player", password="pw-123456789")
    client.force_login(player)
    response = client.get("/admin/sports/health/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
