"""Read-only queries about accounts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.db.models import Max, Min, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from .models import Profile, daily_limit_in_force


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
        return bool(self.self_excluded_until and self.self_excluded_until > timezone.now())


def get_profile(*, user_id: int) -> Profile | None:
    return Profile.objects.select_related("user").filter(user_id=user_id).first()


def _with_account_restrictions(profiles: QuerySet[Profile]) -> QuerySet[Profile]:
    """Each profile with the restrictions of every profile linked to the same ChatBet account (one query): the
    latest self-exclusion end (`account_excluded_until`) and the first statement of an age under 18
    (`account_minor_at`). They close the account, not one login to it: another registration linked to the same
    key must not bet on the account its owner closed."""
    same_account = (Profile.objects.filter(upstream_user_id=OuterRef("upstream_user_id")).exclude(upstream_user_id="")
                    .order_by().values("upstream_user_id"))
    return profiles.annotate(
        account_excluded_until=Subquery(same_account.annotate(until=Max("self_excluded_until")).values("until")),
        account_minor_at=Subquery(same_account.annotate(first=Min("stated_minor_at")).values("first")))


def _account_profiles(user_id: int) -> QuerySet[Profile]:
    """This user's profile and every other linked to the same ChatBet account."""
    same = Profile.objects.filter(user_id=user_id).exclude(upstream_user_id="").values("upstream_user_id")
    return Profile.objects.filter(Q(user_id=user_id) | Q(upstream_user_id__in=Subquery(same))).order_by("pk")


def account_logins(*, user_id: int) -> tuple[list[int], str]:
    """The users whose stakes count against this user's daily limit — every login linked to the same ChatBet
    account (the limit guards the account, as self-exclusion does), or just this user when not linked — and the
    account's id ("" when this user is not linked), in one query."""
    rows = list(_account_profiles(user_id).values_list("user_id", "upstream_user_id"))
    account = next((upstream for user, upstream in rows if user == user_id), "")
    return [user for user, _ in rows] or [user_id], account


def account_daily_limit(*, user_id: int, now: datetime, lock: bool = False) -> Decimal | None:
    """The lowest daily limit in force at `now` among the logins linked to this user's ChatBet account (None: none
    has one), so a second registration with the same key neither bets past it nor makes a waiting raise count
    early. `lock`: the profile rows are locked (in id order) for the confirmation's check."""
    rows = _account_profiles(user_id)
    rows = rows.select_for_update() if lock else rows
    limits = [daily_limit_in_force(limit=row["daily_stake_limit"], raised_to=row["daily_stake_limit_raised_to"],
                                   raised_at=row["daily_stake_limit_raised_at"], now=now)
              for row in rows.values("daily_stake_limit", "daily_stake_limit_raised_to", "daily_stake_limit_raised_at")]
    return min((limit for limit in limits if limit is not None), default=None)


def account_standing(*, user_id: int, now: datetime) -> tuple[Decimal | None, datetime | None]:
    """(daily limit, self-excluded until) that this user's real bets meet, in one query: the lowest limit in force at
    `now` (`account_daily_limit`) and the latest self-exclusion end (as `account_restrictions` reads it) among the
    logins linked to the same ChatBet account, or this user's own when not linked. For GET /me, which shows both."""
    rows = list(_account_profiles(user_id).values("daily_stake_limit", "daily_stake_limit_raised_to",
                                                  "daily_stake_limit_raised_at", "self_excluded_until"))
    limits = [daily_limit_in_force(limit=row["daily_stake_limit"], raised_to=row["daily_stake_limit_raised_to"],
                                   raised_at=row["daily_stake_limit_raised_at"], now=now) for row in rows]
    return (min((limit for limit in limits if limit is not None), default=None),
            _latest(*(row["self_excluded_until"] for row in rows)))


def _latest(*values: datetime | None) -> datetime | None:
    return max((value for value in values if value is not None), default=None)


def _earliest(*values: datetime | None) -> datetime | None:
    return min((value for value in values if value is not None), default=None)


def account_restrictions(*, user_id: int) -> tuple[datetime | None, datetime | None]:
    """(self-excluded until, stated under 18 at) for this user's bets: their own, or those of anyone linked to the
    same ChatBet account, whichever closes it longer (`_with_account_restrictions`)."""
    row = (_with_account_restrictions(Profile.objects.filter(user_id=user_id))
           .values("self_excluded_until", "stated_minor_at", "account_excluded_until", "account_minor_at").first())
    if row is None:
        return None, None
    return (_latest(row["self_excluded_until"], row["account_excluded_until"]),
            _earliest(row["stated_minor_at"], row["account_minor_at"]))


def get_betting_link(*, user_id: int) -> BettingLink | None:
    """The user's linked ChatBet account and betting preferences, or None when not linked. Its self-exclusion
    and stated age are the account's (`account_restrictions`)."""
    profile = _with_account_restrictions(Profile.objects.filter(user_id=user_id)).first()
    if profile is None or not profile.is_linked:
        return None
    return BettingLink(
        user_id=user_id,
        user_key=profile.user_key,
        upstream_user_id=profile.upstream_user_id,
        default_stake=profile.default_stake,
        currency=profile.currency,
        risk_appetite=profile.risk_appetite,
        daily_stake_limit=account_daily_limit(user_id=user_id, now=timezone.now()),
        self_excluded_until=_latest(profile.self_excluded_until, profile.account_excluded_until),
        language=profile.language,
        favourite_teams=list(profile.favourite_teams or []),
        preferred_markets=list(profile.preferred_markets or []),
        stated_minor_at=_earliest(profile.stated_minor_at, profile.account_minor_at),
    )


def has_stated_minor(*, user_id: int) -> bool:
    """The user told the assistant, in any conversation, that they are under 18 (`Profile.stated_minor_at`)."""
    return Profile.objects.filter(user_id=user_id, stated_minor_at__isnull=False).exists()
