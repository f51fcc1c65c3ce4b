"""Validation of what clients send and the shape of what they get back (never the full user key)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework_simplejwt.exceptions import TokenError

from . import selectors
from .authentication import GuestToken
from .models import Profile

MARKETS = ("1x2", "double_chance", "over_under", "btts", "handicap", "half_time_result")


# --- input -------------------------------------------------------------------------------------
class RegisterSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150, validators=[UnicodeUsernameValidator()])
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    password = serializers.CharField(write_only=True, max_length=128, style={"input_type": "password"},
                                     trim_whitespace=False)
    language = serializers.ChoiceField(choices=Profile.Language.choices, required=False, default="en")


class LoginSerializer(serializers.Serializer):
    """`username` may be a username or an email; `email` is accepted as an alias."""

    username = serializers.CharField(required=False, max_length=254)
    email = serializers.CharField(required=False, max_length=254)
    password = serializers.CharField(write_only=True, max_length=128, trim_whitespace=False)
    userKey = serializers.CharField(required=False, allow_blank=True, max_length=255,  # noqa: N815 - wire name
                                    help_text="Optional ChatBet user key: links the ChatBet account.")
    user_key = serializers.CharField(required=False, allow_blank=True, max_length=255,
                                     help_text="Alias of userKey.")

    def validate(self, attrs):
        login = attrs.get("username") or attrs.get("email")
        if not login:
            raise serializers.ValidationError({"username": "Give a username or an email."})
        return {"login": login.strip(), "password": attrs["password"],
                "user_key": (attrs.get("userKey") or attrs.get("user_key") or "").strip() or None}


class RefreshSerializer(serializers.Serializer):
    refresh = serializers.CharField()


class ClaimGuestSerializer(serializers.Serializer):
    guest_token = serializers.CharField(help_text="The token from /auth/generate_token the guest chatted with.")

    def validate_guest_token(self, value: str) -> str:
        try:
            token = GuestToken(value)
        except TokenError:
            raise serializers.ValidationError("not a valid, unexpired guest token.")
        return token["sub"]


class MeUpdateSerializer(serializers.Serializer):
    """Partial update of the user and their profile. `user_key` is write-only ("" or null unlinks)."""

    email = serializers.EmailField(required=False, allow_blank=True)
    first_name = serializers.CharField(required=False, allow_blank=True, max_length=150)
    last_name = serializers.CharField(required=False, allow_blank=True, max_length=150)
    user_key = serializers.CharField(required=False, allow_blank=True, allow_null=True, max_length=255,
                                     write_only=True, help_text="ChatBet user key; validated upstream.")
    language = serializers.ChoiceField(choices=Profile.Language.choices, required=False)
    favourite_teams = serializers.ListField(child=serializers.CharField(max_length=100), max_length=20,
                                            required=False)
    default_stake = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=Decimal("0.01"), required=False,
                                             allow_null=True)
    currency = serializers.RegexField(r"^[A-Za-z]{3}$", required=False,
                                      error_messages={"invalid": "use a 3-letter ISO code, e.g. USD."})
    risk_appetite = serializers.ChoiceField(choices=Profile.RiskAppetite.choices, required=False)
    preferred_markets = serializers.ListField(child=serializers.ChoiceField(choices=MARKETS), max_length=len(MARKETS),
                                              required=False)
    daily_stake_limit = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=Decimal(0), required=False,
                                                 allow_null=True)
    self_excluded_until = serializers.DateTimeField(required=False, allow_null=True)

    def validate_currency(self, value: str) -> str:
        return value.upper()

    def validate_favourite_teams(self, value: list[str]) -> list[str]:
        return list(dict.fromkeys(v.strip() for v in value if v.strip()))

    def validate_preferred_markets(self, value: list[str]) -> list[str]:
        return list(dict.fromkeys(value))

    def validate_self_excluded_until(self, value):
        if value is not None and value <= timezone.now():
            raise serializers.ValidationError("must be in the future.")
        return value

    def validate_user_key(self, value):
        return (value or "").strip()


# --- output ------------------------------------------------------------------------------------
class WaitingLimitSerializer(serializers.Serializer):
    limit = serializers.DecimalField(max_digits=12, decimal_places=2, coerce_to_string=False, allow_null=True)
    effective_at = serializers.DateTimeField()


class ProfileSerializer(serializers.ModelSerializer):
    user_key_masked = serializers.CharField(source="masked_user_key", read_only=True,
                                            help_text="The linked user key, masked; the full key is never returned.")
    chatbet_linked = serializers.BooleanField(source="is_linked", read_only=True)
    default_stake = serializers.DecimalField(max_digits=12, decimal_places=2, coerce_to_string=False,
                                             allow_null=True)
    daily_stake_limit = serializers.DecimalField(
        max_digits=12, decimal_places=2, coerce_to_string=False, allow_null=True, source="daily_stake_limit_in_force",
        help_text="The daily stake limit in force now (null: none). A raise waits in `daily_stake_limit_waiting`.")
    daily_stake_limit_waiting = WaitingLimitSerializer(
        allow_null=True, read_only=True,
        help_text="A raised (or removed: `limit` null) daily limit in its cooling-off, and when it takes effect; "
                  "null when nothing waits. A lowered limit applies at once.")
    account_daily_stake_limit = serializers.SerializerMethodField(
        help_text="The daily stake limit this login's real bets meet: the lowest in force among every login linked to "
                  "the same ChatBet account (the limit guards the account); `daily_stake_limit` when not linked.")
    account_self_excluded_until = serializers.SerializerMethodField(
        help_text="Until when this login's real bets are refused: the latest self-exclusion of any login linked to the "
                  "same ChatBet account (it closes the account); `self_excluded_until` when not linked.")
    favourite_teams = serializers.ListField(child=serializers.CharField())
    preferred_markets = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = Profile
        fields = ("chatbet_linked", "user_key_masked", "upstream_user_id", "linked_at", "language",
                  "favourite_teams", "default_stake", "currency", "risk_appetite", "preferred_markets",
                  "daily_stake_limit", "daily_stake_limit_waiting", "self_excluded_until",
                  "account_daily_stake_limit", "account_self_excluded_until")
        read_only_fields = fields

    @extend_schema_field(serializers.DecimalField(max_digits=12, decimal_places=2, coerce_to_string=False,
                                                  allow_null=True))
    def get_account_daily_stake_limit(self, profile: Profile) -> Decimal | None:
        return self._standing(profile)[0]

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_account_self_excluded_until(self, profile: Profile) -> str | None:
        until = self._standing(profile)[1]
        in_force = until is not None and until > timezone.now()  # an exclusion that ended refuses nothing
        return serializers.DateTimeField().to_representation(until) if in_force else None

    def _standing(self, profile: Profile) -> tuple[Decimal | None, datetime | None]:
        """Both account fields from one query (`selectors.account_standing`), read once per profile shown."""
        if not hasattr(self, "_standings"):
            self._standings: dict[int, tuple[Decimal | None, datetime | None]] = {}
        if profile.user_id not in self._standings:
            self._standings[profile.user_id] = selectors.account_standing(user_id=profile.user_id, now=timezone.now())
        return self._standings[profile.user_id]


class MeSerializer(serializers.ModelSerializer):
    profile = ProfileSerializer(read_only=True)
    email = serializers.CharField(source="shown_email", read_only=True,
                                  help_text="The address this account last gave (registration or PATCH), confirmed "
                                            "or not; the same whether or not another account has it.")
    email_confirmed = serializers.BooleanField(read_only=True,
                                               help_text="`email` was confirmed from its mailbox: sign-in by email "
                                                         "and mail about the account use it. Until then they use the "
                                                         "previous confirmed address, if any.")

    class Meta:
        model = get_user_model()
        fields = ("id", "username", "email", "email_confirmed", "first_name", "last_name", "is_staff", "date_joined",
                  "profile")
        read_only_fields = fields


class ConfirmEmailSerializer(serializers.Serializer):
    token = serializers.CharField(max_length=1000, help_text="The code mailed to the address.")


class TokenPairSerializer(serializers.Serializer):
    access = serializers.CharField()
    refresh = serializers.CharField()
    token_type = serializers.CharField(default="Bearer")
    expires_in = serializers.IntegerField(help_text="Seconds the access token is valid.")


class AuthResultSerializer(TokenPairSerializer):
    token = serializers.CharField(help_text="Same as `access` (for clients that read `token`).")
    chatbet_linked = serializers.BooleanField()
    warnings = serializers.ListField(child=serializers.CharField())
    user = MeSerializer()


class GuestTokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Guest JWT: use as `Authorization: Bearer <token>` or `?token=`.")


class ClaimGuestResultSerializer(serializers.Serializer):
    claimed_conversations = serializers.IntegerField()


class BalanceSerializer(serializers.Serializer):
    money = serializers.DecimalField(max_digits=14, decimal_places=2, coerce_to_string=False)
    playable = serializers.DecimalField(max_digits=14, decimal_places=2, coerce_to_string=False)
    withdrawable = serializers.DecimalField(max_digits=14, decimal_places=2, coerce_to_string=False)
    bonus = serializers.DecimalField(max_digits=14, decimal_places=2, coerce_to_string=False)
    redeemed_bonus = serializers.DecimalField(max_digits=14, decimal_places=2, coerce_to_string=False)
    currency = serializers.CharField()


def access_lifetime_seconds() -> int:
    return int(settings.SIMPLE_JWT["ACCESS_TOKEN_LIFETIME"].total_seconds())


class ErrorBodySerializer(serializers.Serializer):
    """The standard error body (chatbet_project.errors.error_body)."""

    error_code = serializers.CharField()
    message = serializers.CharField()
    details = serializers.JSONField(required=False)
    request_id = serializers.CharField()
