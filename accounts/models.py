from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone

from .fields import EncryptedTextField


def daily_limit_in_force(*, limit: Decimal | None, raised_to: Decimal | None, raised_at: datetime | None,
                         now: datetime) -> Decimal | None:
    """The daily stake limit at `now`: the raised one once its cooling-off has ended (`raised_at`), else `limit`
    (None: no limit). Takes the stored values so a locked `.values()` row is read the same way as a profile."""
    if raised_at is not None and raised_at <= now:
        return raised_to
    return limit


class User(AbstractUser):
    """Our own user model from the first migration, so it can grow without a painful swap.

    `email` is the confirmed address (sign-in by email, mail about the account); an address given at
    registration or in `PATCH /me` waits in `pending_email` until confirmed from its mailbox
    (accounts.services.confirm_email), so no answer says whether another account already has it.
    """

    pending_email = models.EmailField(blank=True, default="",
                                      help_text="Address given by the user, not yet confirmed from its mailbox.")

    def set_unusable_password(self) -> None:
        """Taking the password away (the admin's "password-based authentication: disabled") ends every session,
        like a new password does (accounts.receivers); Django marks only `set_password` as a change."""
        super().set_unusable_password()
        self._password_taken_away = True

    @property
    def shown_email(self) -> str:
        """The address the account's owner last gave (pending if any, else the confirmed one)."""
        return self.pending_email or self.email

    @property
    def email_confirmed(self) -> bool:
        return bool(self.email) and not self.pending_email

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"


def mask_secret(value: str) -> str:
    """Show that a secret is set without revealing it: the last 4 characters at most, never short keys."""
    if not value:
        return ""
    if len(value) < 10:
        return "••••"
    return f"••••{value[-4:]}"


class Profile(models.Model):
    """Betting preferences, responsible-gambling limits and the link to the ChatBet account.

    Created by `accounts.services.user_create` (not a signal). `user_key` is a credential for the
    upstream API: it stays on the server, is never logged and is only ever shown masked.
    """

    class Language(models.TextChoices):
        EN = "en", "English"
        ES = "es", "Español"
        PT_BR = "pt_br", "Português (Brasil)"

    class RiskAppetite(models.TextChoices):
        LOW = "low", "Low"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    user_key = EncryptedTextField(blank=True, default="", help_text="ChatBet user key (secret, encrypted at rest).")
    # indexed: every profile linked to one ChatBet account is read with a bet (selectors.account_restrictions)
    upstream_user_id = models.CharField(max_length=64, blank=True, default="", db_index=True,
                                        help_text="ChatBet user id returned by /auth/validate_user.")
    linked_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=5, choices=Language.choices, default=Language.EN)
    favourite_teams = models.JSONField(default=list, blank=True)
    default_stake = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True,
                                        validators=[MinValueValidator(0)])
    currency = models.CharField(max_length=3, default="USD",
                                validators=[RegexValidator(r"^[A-Z]{3}$", "Use a 3-letter ISO code, e.g. USD.")])
    risk_appetite = models.CharField(max_length=6, choices=RiskAppetite.choices, default=RiskAppetite.MEDIUM)
    preferred_markets = models.JSONField(default=list, blank=True)
    daily_stake_limit = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True,
                                            validators=[MinValueValidator(0)])
    # A raise (or removal) of the daily limit waits out a cooling-off period; a cut applies at once
    # (accounts.services.set_daily_stake_limit, docs/betting.md). Both empty: no change is waiting.
    daily_stake_limit_raised_to = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)],
        help_text="The daily limit asked for, higher than the one in force (empty with a date: no limit).")
    daily_stake_limit_raised_at = models.DateTimeField(
        null=True, blank=True, help_text="When the raised daily limit takes effect (the end of its cooling-off).")
    self_excluded_until = models.DateTimeField(null=True, blank=True)
    stated_minor_at = models.DateTimeField(
        null=True, blank=True,
        help_text="When the user told the assistant they are under 18: no real bet is proposed or placed "
                  "from then on (support clears it after an age check).")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "profile"

    def __str__(self) -> str:
        return f"Profile of {self.user}"

    def __repr__(self) -> str:  # the default would be fine, but never risk the key in a repr
        return f"<Profile user_id={self.user_id} linked={self.is_linked}>"

    def daily_stake_limit_at(self, now: datetime) -> Decimal | None:
        """The daily limit in force at `now` (a raise counts once its cooling-off has ended)."""
        return daily_limit_in_force(limit=self.daily_stake_limit, raised_to=self.daily_stake_limit_raised_to,
                                    raised_at=self.daily_stake_limit_raised_at, now=now)

    @property
    def daily_stake_limit_in_force(self) -> Decimal | None:
        return self.daily_stake_limit_at(timezone.now())

    @property
    def daily_stake_limit_waiting(self) -> dict | None:
        """A raise still in its cooling-off: {"limit", "effective_at"}; None when nothing waits."""
        at = self.daily_stake_limit_raised_at
        if at is None or at <= timezone.now():
            return None
        return {"limit": self.daily_stake_limit_raised_to, "effective_at": at}

    @property
    def is_linked(self) -> bool:
        return bool(self.user_key and self.upstream_user_id)

    @property
    def masked_user_key(self) -> str:
        return mask_secret(self.user_key)

    @property
    def is_self_excluded(self) -> bool:
        return bool(self.self_excluded_until and self.self_excluded_until > timezone.now())


class TokenRevocation(models.Model):
    """A revoked token family (`fam:<id>`: every refresh and access token of one login) or access token
    (`jti:<id>`), until the last token it covers has expired. Checked in the same query that loads the
    user of an access token (accounts.authentication.user_for_token)."""

    key = models.CharField(max_length=300, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True,
                             related_name="+")
    reason = models.CharField(max_length=20)
    expires_at = models.DateTimeField(db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.reason}: {self.key}"
