"""Conversation exports: JSON lines for a period, nobody identifiable without the export key."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime

import pytest
from django.core.management import CommandError, call_command

from accounts.tests.factories import UserFactory
from chat.models import Conversation, Feedback, Message
from insights.exports import pseudonym

pytestmark = [pytest.mark.django_db, pytest.mark.stack]

NOV_1 = datetime(2026, 11, 1, 12, tzinfo=UTC)
NOV_5 = datetime(2026, 11, 5, 12, tzinfo=UTC)


@pytest.fixture
def conversations():
    owner = UserFactory(username="alice", email="alice@example.com")
    mine = Conversation.objects.create(owner=owner, created_at=NOV_1)
    question = Message.objects.create(conversation=mine, role="user", content="odds arsenal", created_at=NOV_1)
    answer = Message.objects.create(conversation=mine, role="assistant", content="Arsenal 1.9", reply_to=question,
                                    intent="odds_information", engine="offline", response_time_ms=12,
                                    tool_calls=[{"name": "get_odds", "arguments": {}, "result_summary": "ok"}],
                                    experiments={"answer_length": "concise"}, created_at=NOV_1)
    Feedback.objects.create(message=answer, rating="up", identity_key=f"user:{owner.pk}")
    guest = Conversation.objects.create(guest_id="guest-secret-id", created_at=NOV_5)
    Message.objects.create(conversation=guest, role="user", content="hola", created_at=NOV_5)
    return {"owner": owner, "mine": mine, "guest": guest}


def _export(*args) -> list[dict]:
    out, err = io.StringIO(), io.StringIO()
    call_command("export_conversations", *args, stdout=out, stderr=err)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_a_period_exports_only_its_conversations_without_identifiers(conversations):
    rows = _export("--since", "2026-11-01", "--until", "2026-11-02")
    assert len(rows) == 1
    row = rows[0]
    owner, mine = conversations["owner"], conversations["mine"]
    assert row["speaker"] == pseudonym(str(owner.pk), kind="user")
    assert row["speaker_type"] == "user"
    assert row["conversation"] == pseudonym(str(mine.session_id), kind="conv")
    assert [m["content"] for m in row["messages"]] == ["odds arsenal", "Arsenal 1.9"]
    answer = row["messages"][1]
    assert (answer["intent"], answer["tools"], answer["feedback"], answer["experiments"]) == \
        ("odds_information", ["get_odds"], ["up"], {"answer_length": "concise"})
    text = json.dumps(rows)
    for secret in (str(owner.pk), "alice", str(mine.session_id), str(mine.session_id.hex)):
        assert f'"{secret}"' not in text and f"{secret}@" not in text


def test_guests_are_pseudonymised_and_the_whole_history_by_default(conversations):
    rows = _export()
    assert len(rows) == 2
    guest_row = next(r for r in rows if r["speaker_type"] == "guest")
    assert guest_row["speaker"] == pseudonym("guest-secret-id", kind="guest")
    assert "guest-secret-id" not in json.dumps(rows)


def test_pseudonyms_are_stable_and_depend_on_the_key(settings):
    settings.EXPORT_PSEUDONYM_KEY = "key-one"
    first = pseudonym("42", kind="user")
    assert first == pseudonym("42", kind="user") and first.startswith("user_")
    settings.EXPORT_PSEUDONYM_KEY = "key-two"
    assert pseudonym("42", kind="user") != first


def test_output_file_and_bad_dates(conversations, tmp_path):
    target = tmp_path / "export.jsonl"
    call_command("export_conversations", "--since", "2026-11-05", "--output", str(target), stderr=io.StringIO())
    lines = target.read_text().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["speaker_type"] == "guest"
    with pytest.raises(CommandError, match="--since"):
        call_command("export_conversations", "--since", "yesterday")
    with pytest.raises(CommandError, match="--since: must be before --until"):
        call_command("export_conversations", "--since", "2026-11-05", "--until", "2026-11-01")


def test_the_admin_action_downloads_the_selected_conversations(admin_client, conversations):
    response = admin_client.post("/admin/chat/conversation/", {
        "action": "export_conversations_action", "_selected_action": [str(conversations["guest"].session_id)],
    })
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/x-ndjson")
    assert "attachment;" in response["Content-Disposition"]
    assert not response.streaming  # a sync stream is buffered whole under ASGI anyway: the admin caps instead
    body = response.content.decode()
    rows = [json.loads(line) for line in body.splitlines()]
    assert [r["speaker_type"] for r in rows] == ["guest"]
    assert "guest-secret-id" not in body


def test_the_admin_export_refuses_a_selection_over_its_cap(admin_client, conversations, settings):
    """Big exports go through the management command; the admin says so instead of buffering them."""
    settings.ADMIN_EXPORT_MAX_CONVERSATIONS = 1
    response = admin_client.post("/admin/chat/conversation/", {
        "action": "export_conversations_action",
        "_selected_action": [str(conversations["guest"].session_id), str(conversations["mine"].session_id)],
    }, follow=True)
    assert response.status_code == 200
    assert "attachment;" not in response.get("Content-Disposition", "")
    shown = [str(m) for m in response.context["messages"]]
    assert any("at most 1" in m and "export_conversations" in m for m in shown), shown
