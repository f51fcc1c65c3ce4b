import pytest
from rest_framework.test import APIClient

from accounts.services import issue_tokens
from accounts.tests.factories import UserFactory


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def tokens(user):
    access, refresh = issue_tokens(user=user)
    return {"access": access, "refresh": refresh}


@pytest.fixture
def auth_client(tokens):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['access']}")
    return client


@pytest.fixture
def fake_upstream():
    """The fake ChatBet upstream on a real socket (sports' test server)."""
    from sports.tests.fake_upstream import FakeUpstream

    server = FakeUpstream().start()
    yield server
    server.stop()
