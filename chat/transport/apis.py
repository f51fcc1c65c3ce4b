"""REST endpoints under /api/v1/chat/: validate, call one service or selector, serialize."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Count
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.identity import identity_from_request
from accounts.throttles import ChatThrottle
from chat import selectors
from chat.intents import INTENTS
from chat.services.conversations import ConversationNotFound, conversation_delete, feedback_submit
from chat.services.turns import answer_message
from chatbet_project.errors import NotFound
from chatbet_project.pagination import BoundedLimitOffsetPagination

from .serializers import (
    ChatMessageRequestSerializer,
    ChatMessageResponseSerializer,
    ConversationHistorySerializer,
    ConversationListSerializer,
    ConversationSerializer,
    FeedbackRequestSerializer,
    FeedbackResponseSerializer,
    IntentListSerializer,
)

TAG = ["chat"]
ErrorBody = inline_serializer("ChatErrorBody", fields={
    "error_code": serializers.CharField(), "message": serializers.CharField(),
    "request_id": serializers.CharField(allow_null=True),
})


def _err(description: str) -> OpenApiResponse:
    return OpenApiResponse(ErrorBody, description=description)


class ChatMessageApi(APIView):
    permission_classes = [AllowAny]  # users, guests and anonymous clients chat; quotas apply
    throttle_classes = [ChatThrottle]

    @extend_schema(
        tags=TAG, operation_id="chat_message", request=ChatMessageRequestSerializer,
        responses={200: ChatMessageResponseSerializer, 400: _err("Invalid field (named in the message)"),
                   429: _err("Too many chat messages")},
        description="Send one user message and get the whole answer. `session_id` null, empty or absent starts a "
                    "new conversation (its id is in the response). A retry with the same `message_id`, or the same "
                    "text again within 2 seconds (a double click), returns the stored answer of the first one "
                    "(`duplicate: true`, same `message_id`).",
    )
    def post(self, request):
        data = ChatMessageRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        params = data.validated_data
        identity = identity_from_request(request)
        result = answer_message(
            session_id=params.get("session_id"), identity=identity, content=params["message"],
            client_message_id=params.get("message_id") or None, metadata=params.get("context") or {},
        )
        return Response(ChatMessageResponseSerializer(result).data)


def _history(conversation) -> dict:
    return {
        "session_id": conversation.session_id, "title": conversation.title, "language": conversation.language,
        "created_at": conversation.created_at, "updated_at": conversation.updated_at,
        "messages": selectors.history_messages(conversation=conversation, limit=settings.CHAT_HISTORY_LIMIT),
    }


class ChatHistoryApi(APIView):
    permission_classes = [AllowAny]  # only the owner's conversation is found (selectors)
    @extend_schema(tags=TAG, operation_id="chat_history", responses={200: ConversationHistorySerializer,
                                                                     404: _err("No such conversation of yours")},
                   description="The conversation's latest messages (at most CHAT_HISTORY_LIMIT, default 200), "
                               "oldest first. Only its owner; anyone else gets 404.")
    def get(self, request, session_id):
        conversation = selectors.get_conversation_for(identity=identity_from_request(request), session_id=session_id)
        if conversation is None:
            raise ConversationNotFound()
        return Response(ConversationHistorySerializer(_history(conversation)).data)

    @extend_schema(tags=TAG, operation_id="chat_history_delete",
                   responses={204: OpenApiResponse(description="Deleted"), 404: _err("No such conversation of yours")})
    def delete(self, request, session_id):
        conversation_delete(identity=identity_from_request(request), session_id=session_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _paginated(request, view, queryset) -> Response:
    paginator = BoundedLimitOffsetPagination()
    page = paginator.paginate_queryset(queryset.annotate(message_count=Count("messages")), request, view=view)
    return Response(ConversationListSerializer({"count": paginator.count,
                                                "results": ConversationSerializer(page, many=True).data}).data)


_PAGE_PARAMS = [OpenApiParameter("limit", int, description="Page size (default 50, at most 200)"),
                OpenApiParameter("offset", int, description="Items to skip")]


class MyConversationsApi(APIView):
    permission_classes = [AllowAny]
    @extend_schema(tags=TAG, operation_id="chat_conversations_mine", parameters=_PAGE_PARAMS,
                   responses={200: ConversationListSerializer},
                   description="Your conversations (user or guest), most recent first. Empty for anonymous clients.")
    def get(self, request):
        return _paginated(request, self, selectors.list_conversations_for(identity=identity_from_request(request)))


class UserConversationsApi(APIView):
    permission_classes = [AllowAny]  # the view checks: that user or staff
    @extend_schema(tags=TAG, operation_id="chat_conversations_of_user", parameters=_PAGE_PARAMS,
                   responses={200: ConversationListSerializer, 404: _err("Not your conversations")},
                   description="A user's conversations. Only that user or staff; anyone else gets 404.")
    def get(self, request, user_id: str):
        identity = identity_from_request(request)
        owner = _user_pk(user_id)
        if owner is None or not (identity.is_staff or identity.user_id == owner):
            raise NotFound("No conversations found for this user.", code="conversations_not_found")
        return _paginated(request, self, selectors.list_conversations_of_user(user_id=owner))


MAX_USER_PK = 2**63 - 1  # a BigAutoField: SQLite refused a bigger lookup with OverflowError (a 500)


def _user_pk(user_id: str) -> int | None:
    """The user id in the path as a key some user could have, else None (404)."""
    # isascii: "²".isdigit() is True but int("²") raises (a 500 for /conversations/%C2%B2).
    if not (user_id.isascii() and user_id.isdigit()) or len(user_id) > 19:
        return None
    value = int(user_id)
    return value if value <= MAX_USER_PK else None


class FeedbackApi(APIView):
    permission_classes = [AllowAny]  # only on messages of the caller's conversations (service)
    throttle_classes = [ChatThrottle]

    @extend_schema(tags=TAG, operation_id="chat_feedback", request=FeedbackRequestSerializer,
                   responses={201: FeedbackResponseSerializer, 400: _err("Invalid field"),
                              404: _err("No such message in your conversations")},
                   description="Thumbs up/down on an answer; voting again replaces your earlier vote.")
    def post(self, request):
        data = FeedbackRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        feedback = feedback_submit(identity=identity_from_request(request), **data.validated_data)
        return Response(FeedbackResponseSerializer(feedback).data, status=status.HTTP_201_CREATED)


class IntentsApi(APIView):
    permission_classes = [AllowAny]
    @extend_schema(tags=TAG, operation_id="chat_intents", responses={200: IntentListSerializer},
                   description="The intents the assistant understands, with examples per language.")
    def get(self, request):
        return Response(IntentListSerializer({"intents": INTENTS}).data)
