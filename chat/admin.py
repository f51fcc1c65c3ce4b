"""Operators browse conversations read-only: search by text, filter by intent, engine, language.

Conversations and messages are records of what people said and were told: nobody edits them here.
Superusers may delete them, because operators must be able to erase someone's conversations on request
(e.g. a data-erasure request); other staff only view and export.
"""

from django.contrib import admin
from django.db.models import Count

from .models import Conversation, Feedback, Message


class ReadOnlyRecordAdmin(admin.ModelAdmin):
    """View for staff, delete for superusers (erasure on request), no add or change for anyone."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return bool(request.user.is_active and request.user.is_superuser)


class MessageInline(admin.TabularInline):
    model = Message
    fk_name = "conversation"
    extra = 0
    can_delete = False
    show_change_link = True
    fields = ("created_at", "role", "content", "intent", "confidence", "engine", "response_time_ms")
    readonly_fields = fields
    ordering = ("created_at",)

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Conversation)
class ConversationAdmin(ReadOnlyRecordAdmin):
    list_display = ("session_id", "title", "owner", "guest_id", "language", "message_count", "updated_at")
    list_filter = ("language", ("owner", admin.EmptyFieldListFilter), "updated_at")
    search_fields = ("session_id", "title", "owner__username", "owner__email", "guest_id", "messages__content")
    readonly_fields = ("session_id", "owner", "guest_id", "created_at", "updated_at")
    date_hierarchy = "updated_at"
    inlines = [MessageInline]
    list_select_related = ("owner",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_message_count=Count("messages", distinct=True))

    @admin.display(description="messages", ordering="_message_count")
    def message_count(self, obj):
        return obj._message_count

    def get_search_results(self, request, queryset, search_term):
        queryset, _ = super().get_search_results(request, queryset, search_term)
        return queryset, True  # searching across messages joins rows


@admin.register(Message)
class MessageAdmin(ReadOnlyRecordAdmin):
    list_display = ("created_at", "role", "short_content", "intent", "confidence", "engine", "response_time_ms")
    list_filter = ("role", "intent", "engine", "created_at")
    search_fields = ("content", "conversation__session_id", "client_message_id")
    readonly_fields = [f.name for f in Message._meta.fields]
    date_hierarchy = "created_at"
    list_select_related = ("conversation",)

    @admin.display(description="content")
    def short_content(self, obj):
        return obj.content[:80]


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ("created_at", "rating", "message", "identity_key", "comment")
    list_filter = ("rating", "created_at")
    search_fields = ("comment", "message__content", "identity_key")
    readonly_fields = ("message", "rating", "comment", "identity_key", "created_at")

    def has_add_permission(self, request):
        return False


