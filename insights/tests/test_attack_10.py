"""Attack pass 10 on the operators' pages: the quality dashboard showed users' own words (out-of-scope questions,
the questions and answers rated lowest) to every staff account, whether or not it may read conversations: the
conversation admin asks for `chat.view_conversation`, the dashboard asked for `is_staff` only. The numbers and
charts stay for any staff account; the messages need the permission the conversations themselves need."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission

from accounts.tests.factories import UserFactory

from .test_dashboard import data_set  # noqa: F401 - the fixture

pytestmark = [pytest.mark.django_db]

WORDS = ("who wins the election?", "I can only help...", "odds arsenal")


def _dashboard(client, user) -> str:
    client.force_login(user)
    response = client.get("/admin/dashboard/", {"period": "24h"})
    assert response.status_code == 200
    return response.content.decode()


def test_staff_without_the_conversation_permission_see_numbers_not_messages(client, data_set):  # noqa: F811
    body = _dashboard(client, UserFactory(is_staff=True))
    assert '<strong id="stat-turns">4</strong>' in body and body.count('role="img"') == 7
    for words in WORDS:
        assert words not in body
    assert f"/admin/chat/conversation/{data_set['guest'].session_id}/change/" not in body
    assert "permission to view conversations" in body


def test_staff_who_may_read_conversations_see_the_messages(client, data_set):  # noqa: F811
    reader = UserFactory(is_staff=True)
    reader.user_permissions.add(Permission.objects.get(codename="view_conversation", content_type__app_label="chat"))
    body = _dashboard(client, reader)
    assert "who wins the election?" in body
    assert f"/admin/chat/conversation/{data_set['guest'].session_id}/change/" in body
    assert "who wins the election?" in _dashboard(client, UserFactory(is_staff=True, is_superuser=True))


def test_anyone_else_is_sent_to_the_login_and_reads_nothing(client, data_set, settings):  # noqa: F811
    for who in (None, UserFactory(is_staff=False)):
        if who is not None:
            client.force_login(who)
        for path in ("/admin/dashboard/", "/admin/chat/conversation/"):
            response = client.get(path)
            assert response.status_code == 302 and "/admin/login/" in response["Location"], path
    settings.PRODUCTION = True  # /metrics is open in development only
    assert client.get("/metrics").status_code == 401  # a logged-in non-staff user
    client.logout()
    assert client.get("/metrics").status_code == 401


# --- exports: a user's text never makes or breaks a line of the JSON-lines file -----------------------------------


def test_a_message_cannot_split_or_forge_an_exported_line():
    import json

    from chat.models import Conversation, Message
    from insights.exports import conversations_in, export_lines

    forged = '{"conversation": "conv_forged", "speaker": "user_0", "messages": []}'
    texts = [f"hi\u2028{forged}", f"a\u2029{forged}", f"b\x85{forged}", f"c\n{forged}\r\n", "=HYPERLINK(\"x\")"]
    for text in texts:
        Message.objects.create(conversation=Conversation.objects.create(guest_id="g-x"), role="user", content=text)
    body = "".join(export_lines(conversations_in()))
    for reader in (body.splitlines(), body.split("\n")[:-1]):  # Python's splitlines breaks on U+2028, U+0085...
        assert len(reader) == len(texts)
        assert sorted(json.loads(line)["messages"][0]["content"] for line in reader) == sorted(texts)
