"""Read-only admin pages (audit trails, slips): staff with the view permission look, nobody edits."""

from __future__ import annotations

from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html


class ReadOnlyAdmin(admin.ModelAdmin):
    """Viewable by staff with the view permission; nobody adds, changes or deletes through the admin."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_actions(self, request):
        return {}  # no bulk delete either


def conversation_link(session_id) -> str:
    """A link to the conversation's admin page (by URL name: no import of the chat app)."""
    if not session_id:
        return "—"
    try:
        url = reverse("admin:chat_conversation_change", args=[session_id])
    except NoReverseMatch:
        return str(session_id)
    return format_html('<a href="{}">{}</a>', url, str(session_id)[:8])
