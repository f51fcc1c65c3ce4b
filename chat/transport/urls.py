from django.urls import path

from . import apis

urlpatterns = [
    path("message", apis.ChatMessageApi.as_view(), name="chat-message"),
    path("history/<uuid:session_id>", apis.ChatHistoryApi.as_view(), name="chat-history"),
    path("conversations", apis.MyConversationsApi.as_view(), name="chat-conversations-mine"),
    path("conversations/<str:user_id>", apis.UserConversationsApi.as_view(), name="chat-conversations-user"),
    path("feedback", apis.FeedbackApi.as_view(), name="chat-feedback"),
    path("intents", apis.IntentsApi.as_view(), name="chat-intents"),
]
