"""Slips (each real-money bet, with its legs) and the bet audit trail in the admin: read-only, filterable by state."""

from __future__ import annotations

from django.contrib import admin

from chatbet_project.admin_readonly import ReadOnlyAdmin, conversation_link

from .models import BetAuditEntry, BetSlip, BetSlipLeg


class BetSlipLegInline(admin.TabularInline):
    """The slip's selections (one for a single, two or more for an accumulator), read-only like the slip."""

    model = BetSlipLeg
    fields = ("position", "fixture_label", "fixture_id", "market", "selection", "line", "label", "odds")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(BetSlip)
class BetSlipAdmin(ReadOnlyAdmin):
    inlines = [BetSlipLegInline]
    list_display = ("created_at", "state", "user", "fixture_label", "label", "odds", "stake", "currency",
                    "possible_win", "proposed_by", "reason_code", "conversation")
    list_filter = ("state", "market", "proposed_by", "created_at")
    search_fields = ("user__username", "fixture_label", "fixture_id", "upstream_bet_id", "idempotency_key")
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in BetSlip._meta.fields] + ["conversation"]
    list_select_related = ("user",)
    list_per_page = 100
    show_full_result_count = False

    @admin.display(description="conversation")
    def conversation(self, obj):
        return conversation_link(obj.conversation_id)


@admin.register(BetAuditEntry)
class BetAuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "kind", "status", "from_state", "actor", "identity_key", "fixture_label", "market",
                    "selection", "stake", "odds", "currency", "slip_id", "conversation")
    list_filter = ("kind", "status", "actor", "market", "created_at")
    search_fields = ("identity_key", "fixture_label", "fixture_id", "session_id", "slip__id")
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in BetAuditEntry._meta.fields] + ["conversation"]
    list_per_page = 100
    show_full_result_count = False  # no COUNT(*) over the whole trail on every page

    @admin.display(description="conversation")
    def conversation(self, obj):
        return conversation_link(obj.session_id)
