"""Read-only queries about accounts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from .models import Profile


@dataclass(frozen=True)
class BettingLink:
    """What betting needs about a user. `user_key` is a secret: kept out of repr, never sent to the model."""

    user_id: int
    user_key: str = field(repr=False)
    upstream_user_id: str
    default_stake: Decimal | None
    currency: str
    risk_appetite: str
    daily_stake_limit: Decimal | None
    self_excluded_until: datetime | None
    language: str
    favourite_teams: list[str]
    preferred_markets: list[str]
    stated_minor_at: datetime | None = None  # said in chat they are under 18: no real bets (betting refuses)

    @property
    def is_self_excluded(self) -> bool:
        from django.utils import timezone

        return bool(self.self_excluded_until and self.self_excluded_until > timezone.now())


def get_profile(*, user_id: int) -> Profile | None:
    return Profile.objects.select_related("user").filter(user_id=user_id).first()


def get_betting_link(*, user_id: int) -> BettingLink | None:
    """The user's linked ChatBet account and betting preferences, or None when not linked."""
    profile = Profile.objects.filter(user_id=user_id).first()
    if profile is None or not profile.is_linked:
        return None
    return BettingLink(
        user_id=user_id,
        user_key=profile.user_key,
        upstream_user_id=profile.upstream_user_id,
        default_stake=profile.default_stake,
        currency=profile.currency,
        risk_appetite=profile.risk_appetite,
        daily_stake_limit=profile.daily_stake_limit,
        self_excluded_until=profile.self_excluded_until,
        language=profile.language,
        favourite_teams=list(profile.favourite_teams or []),
        preferred_markets=list(profile.preferred_markets or []),
        stated_minor_at=profile.stated_minor_at,
    )


def has_stated_minor(*, user_id: int) -> bool:
    """The user told the assistant, in any conversation, that they are under 18 (`Profile.stated_minor_at`)."""
    return Profile.objects.filter(user_id=user_id, stated_minor_at__isnull=False).exists()
