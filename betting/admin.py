"""Slips (each real-money bet, with its legs) and the bet audit trail in the admin: read-only, filterable by state.

The one operator move: settling a legacy unknown (a bet sent before bets carried an idempotency key, which the
reconciler cannot ask the bookmaker about) as placed or void, with a required note. It goes through
`slips.settle_legacy_slip` (locked, with its audit entry) and the admin log records the values, like every operator
change (`chatbet_project.admin_audit`, shown in the operator action log).
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.template.response import TemplateResponse

from chatbet_project.admin_readonly import ReadOnlyAdmin, conversation_link

from .models import LEGACY_UNKNOWN, BetAuditEntry, BetSlip, BetSlipLeg
from .services.slips import settle_legacy_slip


class SettleLegacyForm(forms.Form):
    outcome = forms.ChoiceField(choices=[("placed", "Placed: the bet stands"),
                                         ("void", "Void: the bookmaker has no such bet (refused)")],
                                widget=forms.RadioSelect)
    note = forms.CharField(max_length=300, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text="How you know: the bookmaker's reference, the ticket, who confirmed it.")


@admin.action(description="Settle legacy unknown bets (placed or void, with a note)", permissions=["settle"])
def settle_legacy_action(modeladmin, request, queryset):
    """Ask for the outcome and the note (an intermediate page), then settle each selected legacy unknown."""
    legacy = list(queryset.filter(state=BetSlip.State.OUTCOME_UNKNOWN, reason_code=LEGACY_UNKNOWN))
    if not legacy:
        modeladmin.message_user(request, "None of the selected slips is a legacy unknown: nothing was settled.",
                                messages.ERROR)
        return None
    form = SettleLegacyForm(request.POST if "apply" in request.POST else None)
    if not form.is_valid():
        return TemplateResponse(request, "admin/betting/betslip/settle_legacy.html", {
            **modeladmin.admin_site.each_context(request), "title": "Settle legacy unknown bets", "form": form,
            "slips": legacy, "skipped": queryset.count() - len(legacy), "opts": modeladmin.model._meta,
            "action_checkbox_name": ACTION_CHECKBOX_NAME, "action": "settle_legacy_action"})
    outcome, note = form.cleaned_data["outcome"], form.cleaned_data["note"]
    settled_count = 0
    for slip in legacy:
        try:
            settled = settle_legacy_slip(slip_id=slip.pk, outcome=outcome, note=note,
                                         operator=request.user.get_username())
        except ValueError:  # settled meanwhile (another operator, a second submit): said below, never a 500
            continue
        settled_count += 1
        modeladmin.log_change(request, settled, [{"changed": {"fields": ["state", "reason_code", "reason"], "values": {
            "state": [slip.state, settled.state], "reason_code": [slip.reason_code, settled.reason_code],
            "reason": [slip.reason, settled.reason]}}}])
    skipped = len(legacy) - settled_count
    modeladmin.message_user(request, f"{settled_count} legacy bet(s) settled as {outcome}."
                            + (f" {skipped} had been settled meanwhile and were left as they were." if skipped else ""),
                            messages.SUCCESS if settled_count else messages.WARNING)
    return None


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
    actions = [settle_legacy_action]

    def get_actions(self, request):
        return admin.ModelAdmin.get_actions(self, request)  # the settle action only, for who may settle

    def has_settle_permission(self, request) -> bool:
        return request.user.has_perm("betting.change_betslip")

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
