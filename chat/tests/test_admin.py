"""The conversation and message admins are records: staff view them, only superusers delete them."""

import pytest
from django.contrib.auth.models import Permission

from accounts.tests.factories import UserFactory
from chat.models import Conversation, Message
from chat.tests.factories import MessageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def message():
    return MessageFactory(content="what are the odds?")


@pytest.fixture
def staff_client(client):
    """Staff holding every chat model permission (as a generous group would give them)."""
    staff = UserFactory(is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="chat"))
    client.force_login(staff)
    return client


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("model", ["conversation", "message"])
def test_staff_view_but_cannot_edit_add_or_delete(staff_client, message, model):
    obj = message.conversation if model == "conversation" else message
    pk = obj.pk
    page = staff_client.get(f"/admin/chat/{model}/{pk}/change/")
    assert page.status_code == 200 and b'name="_save"' not in page.content
    assert staff_client.post(f"/admin/chat/{model}/{pk}/change/", {"title": "edited", "content": "edited"}
                             ).status_code == 403
    assert staff_client.get(f"/admin/chat/{model}/add/").status_code == 403
    assert staff_client.post(f"/admin/chat/{model}/{pk}/delete/", {"post": "yes"}).status_code == 403
    assert Message.objects.filter(pk=message.pk, content="what are the odds?").exists()


def test_superusers_still_cannot_edit_but_can_delete_on_request(superuser_client, message):
    conversation = message.conversation
    assert superuser_client.post(f"/admin/chat/message/{message.pk}/change/", {"content": "edited"}
                                 ).status_code == 403
    deleted = superuser_client.post(f"/admin/chat/conversation/{conversation.pk}/delete/", {"post": "yes"})
    assert deleted.status_code == 302
    assert not Conversation.objects.filter(pk=conversation.pk).exists()
    assert not Message.objects.filter(pk=message.pk).exists()
