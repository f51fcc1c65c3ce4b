"""Validation of chat REST input and the shapes of its output (names as the wire protocol spells them)."""

from __future__ import annotations

from django.conf import settings
from rest_framework import serializers

from chat.models import Conversation, Feedback, Message


class OptionalSessionIdField(serializers.UUIDField):
    """A session UUID where `null`, `""` (and the strings "null"/"undefined" some JS clients send)
    mean "start a new conversation", as an absent field does."""

    NO_SESSION = ("", "null", "undefined")

    def validate_empty_values(self, data):
        if isinstance(data, str) and data.strip() in self.NO_SESSION:
            data = None
        return super().validate_empty_values(data)


class ChatMessageRequestSerializer(serializers.Serializer):
    message = serializers.CharField(
        max_length=settings.CHAT_MAX_MESSAGE_CHARS, trim_whitespace=True, allow_blank=False,
        error_messages={"blank": "must not be empty.", "required": "is required (1-2000 characters of text).",
                        "max_length": "at most 2000 characters."},
    )
    session_id = OptionalSessionIdField(required=False, allow_null=True,
                                        error_messages={"invalid": "must be a UUID (or null to start a new chat)."},
                                        help_text="The conversation to continue; null, \"\" or absent: a new one.")
    user_id = serializers.CharField(required=False, allow_null=True, allow_blank=True, max_length=200,
                                    help_text="Accepted for compatibility; the speaker comes from the token.")
    message_id = serializers.CharField(required=False, allow_null=True, allow_blank=True, max_length=100,
                                       help_text="Client id of this message: a retry with the same id gets the "
                                                 "stored answer instead of a new one (10 minutes).")
    context = serializers.DictField(required=False, allow_null=True,
                                    help_text="Hints such as {\"timezone\": \"America/Bogota\", \"language\": \"es\"}.")


class ChatMessageResponseSerializer(serializers.Serializer):
    message = serializers.CharField(source="content")
    session_id = serializers.UUIDField()
    message_id = serializers.UUIDField()
    response_time_ms = serializers.IntegerField()
    token_count = serializers.IntegerField()
    detected_intent = serializers.CharField()
    intent_confidence = serializers.FloatField()
    entities = serializers.DictField()
    function_calls_made = serializers.ListField(child=serializers.DictField())
    suggested_actions = serializers.ListField(child=serializers.CharField())
    engine = serializers.CharField()
    timestamp = serializers.DateTimeField(source="created_at")
    duplicate = serializers.BooleanField(default=False)
    bet_slip = serializers.DictField(
        allow_null=True, default=None,
        help_text="The real-money slip this answer proposed or moved (same shape as GET /api/v1/bets/slips; "
                  "confirm it with POST /api/v1/bets/slips/{id}/confirm), else null.")


class MessageSerializer(serializers.ModelSerializer):
    message_id = serializers.UUIDField(source="id")
    reply_to = serializers.UUIDField(source="reply_to_id", allow_null=True)
    timestamp = serializers.DateTimeField(source="created_at")
    bet_slip = serializers.SerializerMethodField(
        help_text="The bet slip this answer showed, as it stands now (shape of GET /api/v1/bets/slips), else null.")

    class Meta:
        model = Message
        fields = ("message_id", "role", "content", "intent", "confidence", "entities", "suggested_actions",
                  "response_time_ms", "engine", "reply_to", "timestamp", "bet_slip")

    def get_bet_slip(self, message: Message) -> dict | None:
        return getattr(message, "bet_slip", None)


class ConversationSerializer(serializers.ModelSerializer):
    message_count = serializers.IntegerField(read_only=True, required=False)

    class Meta:
        model = Conversation
        fields = ("session_id", "title", "language", "created_at", "updated_at", "message_count")


class ConversationHistorySerializer(serializers.Serializer):
    session_id = serializers.UUIDField()
    title = serializers.CharField()
    language = serializers.CharField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    messages = MessageSerializer(many=True)


class ConversationListSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    results = ConversationSerializer(many=True)


class FeedbackRequestSerializer(serializers.Serializer):
    message_id = serializers.UUIDField(error_messages={"invalid": "must be the UUID of an assistant message."})
    rating = serializers.ChoiceField(choices=Feedback.Rating.choices,
                                     error_messages={"invalid_choice": "must be 'up' or 'down'."})
    comment = serializers.CharField(required=False, allow_blank=True, max_length=1000, default="")


class FeedbackResponseSerializer(serializers.Serializer):
    message_id = serializers.UUIDField(source="message.id")
    rating = serializers.CharField()
    comment = serializers.CharField()
    created_at = serializers.DateTimeField()


class IntentSerializer(serializers.Serializer):
    intent = serializers.CharField()
    description = serializers.CharField()
    examples = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))


class IntentListSerializer(serializers.Serializer):
    intents = IntentSerializer(many=True)
