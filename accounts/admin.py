"""Operators edit users and their profiles; the ChatBet user key is write-only and shown masked."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils import timezone

from chatbet_project.admin_audit import ValueAuditMixin

from .models import Profile, User


class ProfileAdminForm(forms.ModelForm):
    """`user_key` is never rendered back: a blank field keeps the stored key, "clear" unlinks."""

    new_user_key = forms.CharField(
        label="ChatBet user key", required=False, strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text="Leave blank to keep the current key. Operators set it without upstream validation; "
                  "the upstream user id below must match it.",
    )
    clear_user_key = forms.BooleanField(label="Unlink ChatBet account", required=False)

    class Meta:
        model = Profile
        fields = ("user", "upstream_user_id", "language", "favourite_teams", "default_stake", "currency",
                  "risk_appetite", "preferred_markets", "daily_stake_limit", "self_excluded_until")

    def save(self, commit=True):
        profile = super().save(commit=False)
        if self.cleaned_data.get("clear_user_key"):
            profile.user_key = ""
            profile.upstream_user_id = ""
            profile.linked_at = None
        elif self.cleaned_data.get("new_user_key"):
            profile.user_key = self.cleaned_data["new_user_key"]
            profile.linked_at = timezone.now()
        if "daily_stake_limit" in self.changed_data:  # the operator's limit stands: no raise waits behind it
            profile.daily_stake_limit_raised_to = profile.daily_stake_limit_raised_at = None
        if commit:
            profile.save()
        return profile


class ProfileInline(admin.StackedInline):
    model = Profile
    form = ProfileAdminForm
    can_delete = False
    readonly_fields = ("masked_user_key", "linked_at", "daily_stake_limit_raised_to", "daily_stake_limit_raised_at",
                       "created_at", "updated_at")
    fields = ("masked_user_key", "new_user_key", "clear_user_key", "upstream_user_id", "linked_at", "language",
              "favourite_teams", "default_stake", "currency", "risk_appetite", "preferred_markets",
              "daily_stake_limit", "daily_stake_limit_raised_to", "daily_stake_limit_raised_at",
              "self_excluded_until", "created_at", "updated_at")

    @admin.display(description="ChatBet user key (masked)")
    def masked_user_key(self, obj):
        return obj.masked_user_key or "—"


@admin.register(User)
class ChatBetUserAdmin(ValueAuditMixin, UserAdmin):  # the log keeps old -> new values
    inlines = [ProfileInline]
    list_display = ("username", "email", "is_staff", "is_active", "language", "chatbet_linked", "date_joined")
    list_select_related = ("profile",)
    list_filter = (*UserAdmin.list_filter, "profile__language", "profile__risk_appetite")

    @admin.display(description="Language", ordering="profile__language")
    def language(self, obj):
        profile = getattr(obj, "profile", None)
        return profile.language if profile else "—"

    @admin.display(description="ChatBet linked", boolean=True)
    def chatbet_linked(self, obj):
        profile = getattr(obj, "profile", None)
        return bool(profile and profile.is_linked)


@admin.register(Profile)
class ProfileAdmin(ValueAuditMixin, admin.ModelAdmin):
    form = ProfileAdminForm
    list_display = ("user", "language", "risk_appetite", "masked_user_key", "upstream_user_id",
                    "daily_stake_limit", "self_excluded_until")
    list_select_related = ("user",)
    list_filter = ("language", "risk_appetite")
    search_fields = ("user__username", "user__email", "upstream_user_id")
    readonly_fields = ProfileInline.readonly_fields
    fields = ProfileInline.fields[:1] + ("user",) + ProfileInline.fields[1:]
    autocomplete_fields = ("user",)

    @admin.display(description="ChatBet user key (masked)")
    def masked_user_key(self, obj):
        return obj.masked_user_key or "—"
