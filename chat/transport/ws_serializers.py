"""Validation of client → server chat WebSocket frames (the consumer's input serializers)."""

from __future__ import annotations

from django.conf import settings
from rest_framework import serializers

CLIENT_FRAME_TYPES = ("user_message", "ping", "pong", "history")


class ChatFrameSerializer(serializers.Serializer):
    """Every client frame is a JSON object with a known `type`."""

    type = serializers.ChoiceField(choices=CLIENT_FRAME_TYPES)
    message_id = serializers.CharField(max_length=100, required=False, allow_null=True, allow_blank=True)


class UserMessageFrameSerializer(ChatFrameSerializer):
    """`{"type": "user_message", "content", "message_id"?, "metadata"?}`.

    `user_id`, `session_id` and `timestamp` are accepted but not trusted: the conversation is the
    connection's session, and the speaker is the connection's identity.
    """

    content = serializers.CharField(max_length=settings.CHAT_MAX_MESSAGE_CHARS, trim_whitespace=True)
    metadata = serializers.DictField(required=False, default=dict)
    user_id = serializers.CharField(required=False, allow_null=True, allow_blank=True, max_length=200)


def error_code_for(errors: dict) -> str:
    """One wire error code for a serializer's errors, most specific first."""
    codes = {(field, getattr(detail, "code", "invalid")) for field, details in errors.items() for detail in details}
    if ("type", "invalid_choice") in codes:
        return "unknown_type"
    if ("content", "max_length") in codes:
        return "message_too_long"
    if {("content", "required"), ("content", "blank"), ("content", "null")} & codes:
        return "missing_content"
    return "invalid_message"



