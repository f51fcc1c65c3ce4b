"""A guest who registers or logs in takes their guest conversations along (and nobody else's)."""

import pytest

from accounts.authentication import GuestToken
from accounts.services import claim_guest
from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _conversations(guest_id: str, n: int):
    from chat.models import Conversation

    return [Conversation.objects.create(guest_id=guest_id) for _ in range(n)]


@pytest.mark.stack
def test_claim_guest_moves_only_that_guests_conversations(auth_client, user):
    from chat.models import Conversation

    token = GuestToken.for_guest()
    mine = _conversations(token["sub"], 2)
    other = _conversations("someone-else", 1)[0]
    response = auth_client.post("/api/v1/auth/claim-guest", {"guest_token": str(token)}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json() == {"claimed_conversations": 2}
    assert set(Conversation.objects.filter(owner=user).values_list("session_id", flat=True)) == {
        c.session_id for c in mine}
    other.refresh_from_db()
    assert other.owner_id is None and other.guest_id == "someone-else"
    again = auth_client.post("/api/v1/auth/claim-guest", {"guest_token": str(token)}, format="json")
    assert again.json() == {"claimed_conversations": 0}


def test_claimed_conversations_are_no_longer_the_guests(user):
    from accounts.identity import Identity, guest_identity
    from chat.selectors import get_conversation_for

    conversation = _conversations("g-123", 1)[0]
    assert claim_guest(user=user, guest_id="g-123") == 1
    assert get_conversation_for(identity=guest_identity("g-123"), session_id=conversation.session_id) is None
    owner = Identity(user_id=user.pk, guest_id=None)
    assert get_conversation_for(identity=owner, session_id=conversation.session_id) is not None


def test_a_user_cannot_claim_another_users_conversations(user):
    from chat.models import Conversation

    other = UserFactory()
    conversation = Conversation.objects.create(owner=other)
    assert claim_guest(user=user, guest_id="") == 0
    conversation.refresh_from_db()
    assert conversation.owner_id == other.pk


def test_claim_with_an_expired_guest_token_is_400(auth_client):
    from datetime import timedelta

    from django.utils import timezone

    token = GuestToken.for_guest()
    token.set_exp(from_time=timezone.now() - timedelta(hours=5), lifetime=timedelta(hours=1))
    response = auth_client.post("/api/v1/auth/claim-guest", {"guest_token": str(token)}, format="json")
    assert response.status_code == 400 and response.json()["message"].startswith("guest_token:")
