"""Operator tooling in the admin: the operator action log (read-only; the bet audit trail is betting.admin),
the conversation export action, and the dashboard link on the admin index.

`insights` comes after `chat` in INSTALLED_APPS, so admin autodiscovery has registered chat's
`ConversationAdmin` when this module adds the export action to it (chat never imports insights).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import format_html

from chat.admin import ConversationAdmin
from chat.models import Conversation
from chatbet_project.admin_audit import change_values
from chatbet_project.admin_readonly import ReadOnlyAdmin

from .exports import conversations_in, export_lines

admin.site.index_template = "admin/insights/index.html"  # the admin index plus a link to the quality dashboard


@admin.register(LogEntry)
class OperatorActionAdmin(ReadOnlyAdmin):
    """Every add/change/delete made through the admin (users and profiles included), as Django records it."""

    list_display = ("action_time", "user", "action", "content_type", "target", "change_message", "values")
    list_filter = ("action_flag", "content_type", "action_time")
    search_fields = ("object_repr", "change_message", "user__username")
    date_hierarchy = "action_time"
    list_select_related = ("user", "content_type")
    readonly_fields = ("action_time", "user", "content_type", "object_id", "object_repr", "action_flag",
                       "change_message", "values")

    @admin.display(description="old → new")
    def values(self, obj: LogEntry) -> str:
        parts = []
        for entry in change_values(obj.change_message):
            prefix = f"{entry['object']}: " if entry.get("object") else ""
            parts += [f"{prefix}{field}: {old!r} → {new!r}" for field, (old, new) in entry["values"].items()]
        return "; ".join(parts) or "—"

    @admin.display(description="action")
    def action(self, obj: LogEntry) -> str:
        return {1: "added", 2: "changed", 3: "deleted"}.get(obj.action_flag, str(obj.action_flag))

    @admin.display(description="target")
    def target(self, obj: LogEntry) -> str:
        url = obj.get_admin_url() if obj.action_flag != 3 else ""
        return format_html('<a href="{}">{}</a>', url, obj.object_repr) if url else obj.object_repr


# Under ASGI a sync streaming response is buffered whole anyway (with a warning each time), so the
# admin builds the file in memory and refuses big selections: `manage.py export_conversations`
# streams those to a file.
ADMIN_EXPORT_MAX_CONVERSATIONS = 1000


@admin.action(description="Export selected conversations (JSON lines, users pseudonymised)")
def export_conversations_action(modeladmin, request, queryset):
    """The same export as `manage.py export_conversations`, for the conversations ticked in the list."""
    cap = getattr(settings, "ADMIN_EXPORT_MAX_CONVERSATIONS", ADMIN_EXPORT_MAX_CONVERSATIONS)
    selected = queryset.count()
    if selected > cap:
        modeladmin.message_user(
            request, f"{selected} conversations selected: the admin exports at most {cap} at a time. "
                     "Select fewer, or run `manage.py export_conversations` for a bigger export.", messages.ERROR)
        return None  # back to the list, with the message
    body = "".join(export_lines(conversations_in(queryset=queryset)))
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    response = HttpResponse(body, content_type="application/x-ndjson; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="conversations-{stamp}.jsonl"'
    return response


admin.site.unregister(Conversation)


@admin.register(Conversation)
class ConversationExportAdmin(ConversationAdmin):
    """Chat's read-only conversation admin plus the operators' export action."""

    actions = [*(ConversationAdmin.actions or []), export_conversations_action]
