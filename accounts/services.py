"""Account rules: registration, login, tokens, the ChatBet link, preferences, balance and quotas.

Keyword-only functions; views and consumers only validate input and call these.
Never log a password, a token or a user key (the log filter redacts them too, as a last resort).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import authenticate, get_user_model, password_validation
from django.core import signing
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from chatbet_project.db import retry_when_locked
from chatbet_project.errors import ChatBetError, Conflict, PermissionDenied, UpstreamUnavailable
from sports.services import betting
from sports.services.betting import validate_user

from . import ratelimit, tokens
from .authentication import GuestToken
from .identity import Identity
from .models import Profile
from .passwords import password_check_slot
from .selectors import get_betting_link
from .signals import guest_claimed
from .tokens import InvalidRefreshToken  # noqa: F401 - part of this module's error vocabulary

logger = logging.getLogger(__name__)

USER_FIELDS = ("email", "first_name", "last_name")  # email: see _change_email
PROFILE_FIELDS = ("language", "favourite_teams", "default_stake", "currency", "risk_appetite",
                  "preferred_markets", "daily_stake_limit", "self_excluded_until")


# --- errors ------------------------------------------------------------------------------------
class InvalidCredentials(ChatBetError):
    """Invalid username/email or password."""

    code, status = "invalid_credentials", 401


class InvalidUserKey(ChatBetError):
    """userKey: ChatBet did not recognise this user key."""

    code, status = "invalid_user_key", 400


class UnusableUpstreamUserId(UpstreamUnavailable):
    """ChatBet answered the key check with an account id we cannot store (not a string of 1-64 chars)."""

    code, status = "upstream_invalid_response", 502


UPSTREAM_USER_ID_MAX = Profile._meta.get_field("upstream_user_id").max_length


class NoChatBetAccount(Conflict):
    """No ChatBet account is linked to this user: log in with your `userKey` or PATCH /api/v1/auth/me
    with `user_key` to link one."""

    code = "no_chatbet_account"


class GuestNotAllowed(PermissionDenied):
    """Guests can chat but have no balance and cannot place bets: register or log in first."""

    code = "guest_not_allowed"


class NotAuthenticated(ChatBetError):
    """Authentication credentials were not provided."""

    code, status = "not_authenticated", 401


class SelfExclusionLocked(ChatBetError):
    """self_excluded_until: an active self-exclusion cannot be shortened or lifted; contact support."""

    code, status = "self_exclusion_locked", 400


class BettingLinkLocked(ChatBetError):
    """user_key: while betting is closed to this account (an active self-exclusion, or an age check due), its
    ChatBet account cannot be unlinked or changed; contact support."""

    code, status = "betting_link_locked", 400


class LimitLinkLocked(BettingLinkLocked):
    """user_key: while a daily stake limit is in force on this login, its ChatBet account cannot be unlinked or
    changed (removing the limit first waits out its cooling-off)."""


# --- users and profiles ------------------------------------------------------------------------
def _field_error(field_name: str, message: str, code: str = "validation_error") -> ChatBetError:
    return ChatBetError(f"{field_name}: {message}", code=code)


def _email_taken(email: str, *, exclude_user_id: int | None = None) -> bool:
    """Whether another account has this address confirmed (pending addresses belong to nobody)."""
    if not email:
        return False
    taken = get_user_model().objects.filter(email__iexact=email)
    if exclude_user_id is not None:
        taken = taken.exclude(pk=exclude_user_id)
    return taken.exists()


EMAIL_CONFIRMATION_SALT = "accounts.confirm-email"
EMAIL_CONFIRMATION_MAX_AGE = 3 * 24 * 3600  # seconds a confirmation token stays valid


class InvalidEmailConfirmation(ChatBetError):
    """token: this confirmation link is invalid, expired or was already used."""

    code, status = "invalid_confirmation", 400


class EmailAlreadyConfirmedElsewhere(Conflict):
    """This address already belongs to another account, so it was not attached to this one."""

    code = "email_taken"


def email_confirmation_token(*, user, email: str) -> str:
    """A signed, expiring token that proves its bearer read the mail sent to `email`."""
    return signing.dumps({"user": user.pk, "email": email.lower()}, salt=EMAIL_CONFIRMATION_SALT, compress=True)


def _send_address_email(*, email: str, username: str, already_used: bool, token: str, registering: bool) -> None:
    """Tell the address's owner what happened; failures are logged, never shown to the requester."""
    if already_used:
        subject = "Someone tried to use your email address on ChatBet"
        action = "A new ChatBet account named" if registering else "The ChatBet account"
        body = (f"{action} '{username}' gave this address, which already belongs to an account. The address was "
                "not attached to it. If this was you, log in with your existing account instead; otherwise you can "
                "ignore this message.")
    else:
        subject = "Welcome to ChatBet" if registering else "Confirm your email address"
        body = (f"Your ChatBet account '{username}' gave this address. To confirm it (then you can also sign in "
                f"with it), send this code to POST /api/v1/auth/confirm-email as {{\"token\": \"...\"}}:\n\n{token}\n\n"
                "If this was not you, ignore this message: the address stays unconfirmed.")
    try:
        send_mail(subject, body, None, [email])
    except Exception as exc:
        logger.warning("address email not sent", extra={"error": type(exc).__name__})


def _ask_to_confirm(*, user, email: str, registering: bool) -> None:
    """Put `email` on the account as pending and, once committed, mail the address: a confirmation
    code if no other account has it, else a notice to its owner. The requester is told the same
    either way (the answer shows the pending address); only the mailbox learns the rest."""
    user.pending_email = email
    if not email:
        return
    already_used = _email_taken(email, exclude_user_id=user.pk)
    token = "" if already_used else email_confirmation_token(user=user, email=email)
    transaction.on_commit(lambda: _send_address_email(email=email, username=user.username, already_used=already_used,
                                                      token=token, registering=registering))


@transaction.atomic
def user_create(*, username: str, password: str, email: str = "", language: str = "en"):
    """Create a user and their profile; the password goes through Django's validators and hasher.

    Whether `email` already has an account is never told to the requester (that would let anyone
    test addresses): the address waits on the new account as `pending_email` either way, and the
    mailbox gets a confirmation code (free address) or a notice to its owner (taken).
    """
    User = get_user_model()
    if User.objects.filter(username__iexact=username).exists():
        raise _field_error("username", "this username is taken.", "username_taken")
    user = User(username=username)
    try:
        password_validation.validate_password(password, user=User(username=username, email=email))
    except DjangoValidationError as exc:
        raise _field_error("password", " ".join(exc.messages), "weak_password")
    with password_check_slot():
        user.set_password(password)
    user.save()
    Profile.objects.create(user=user, language=language)
    _ask_to_confirm(user=user, email=email, registering=True)
    if email:
        user.save(update_fields=["pending_email"])
    logger.info("user registered", extra={"user_id": user.pk})
    return user


@transaction.atomic
def confirm_email(*, token: str):
    """Attach the address a confirmation code was mailed to, if it is still the account's pending
    address and no other account confirmed it meanwhile. Returns the user."""
    try:
        data = signing.loads(token, salt=EMAIL_CONFIRMATION_SALT, max_age=EMAIL_CONFIRMATION_MAX_AGE)
    except signing.BadSignature:  # also SignatureExpired
        raise InvalidEmailConfirmation()
    User = get_user_model()
    user = User.objects.select_for_update().filter(pk=data.get("user")).first()
    if user is None or user.pending_email.lower() != str(data.get("email", "")):
        raise InvalidEmailConfirmation()
    if _email_taken(user.pending_email, exclude_user_id=user.pk):
        raise EmailAlreadyConfirmedElsewhere()
    user.email, user.pending_email = user.pending_email, ""
    user.save(update_fields=["email", "pending_email"])
    profile_get_or_create(user=user)
    logger.info("email confirmed", extra={"user_id": user.pk})
    return user


def profile_get_or_create(*, user) -> Profile:
    """Users made outside `user_create` (createsuperuser, the admin) get their profile on first use."""
    try:
        return user.profile
    except Profile.DoesNotExist:
        profile, _ = Profile.objects.get_or_create(user=user)
        user.profile = profile
        return profile


def record_stated_minor(*, user_id: int, now: datetime) -> None:
    """The user said they are under 18: betting refuses real slips for them from now on (the first
    statement's time is kept). Not a profile field the user can edit: support clears it."""
    Profile.objects.filter(user_id=user_id, stated_minor_at__isnull=True).update(stated_minor_at=now)


def profile_update(*, user, data: dict) -> Profile:
    """Apply a validated partial update of the user and profile (and link/unlink ChatBet if asked).

    Responsible gambling: an active self-exclusion can be extended, never shortened or lifted here.
    A new user key is checked upstream first, outside the transaction: a slow ChatBet must not hold
    row locks (or SQLite's write lock) for the length of an HTTP call.
    """
    upstream_user_id = validate_user_key(user_key=data["user_key"]) if data.get("user_key") else None
    with transaction.atomic():
        return _profile_apply(user=user, data=data, upstream_user_id=upstream_user_id)


def _profile_apply(*, user, data: dict, upstream_user_id: str | None) -> Profile:
    profile_get_or_create(user=user)
    # Read again, locked: the profile loaded with the request is as old as the upstream check, and saving it whole
    # would undo what another tab or an operator changed meanwhile (a self-exclusion, a cut limit, a stated age).
    profile = user.profile = Profile.objects.select_for_update().get(user=user)
    user_changes = [name for name in USER_FIELDS if name in data]
    for name in user_changes:
        setattr(user, name, data[name])
    if "email" in data:  # same policy as registration: pending until confirmed, taken or not
        _change_email(user=user, email=data["email"])
        user_changes = [name for name in user_changes if name != "email"] + ["email", "pending_email"]
    if user_changes:
        user.save(update_fields=user_changes)

    if "self_excluded_until" in data and profile.is_self_excluded:
        new_until: datetime | None = data["self_excluded_until"]
        if new_until is None or new_until < profile.self_excluded_until:
            raise SelfExclusionLocked()
    for name in PROFILE_FIELDS:
        if name in data and name != "daily_stake_limit":
            setattr(profile, name, data[name])
    if "daily_stake_limit" in data:
        set_daily_stake_limit(profile=profile, limit=data["daily_stake_limit"], now=timezone.now())
    profile.save()

    if "user_key" in data:
        if data["user_key"]:
            _store_link(user=user, user_key=data["user_key"], upstream_user_id=upstream_user_id)
        else:
            unlink_betting_account(user=user)
    return profile


def set_daily_stake_limit(*, profile: Profile, limit: Decimal | None, now: datetime) -> None:
    """The user's own daily limit (None: none), on the profile (the caller saves it). A cut, or a first limit,
    applies at once; a raise or a removal waits out `DAILY_LIMIT_RAISE_COOLING_OFF_HOURS` while the limit in force
    stays, and asking the same raise again does not restart its wait (docs/betting.md)."""
    in_force = profile.daily_stake_limit_at(now)
    if in_force is None or (limit is not None and limit <= in_force):
        profile.daily_stake_limit, profile.daily_stake_limit_raised_to = limit, None
        profile.daily_stake_limit_raised_at = None
        return
    waiting = profile.daily_stake_limit_raised_at is not None and profile.daily_stake_limit_raised_at > now
    if waiting and profile.daily_stake_limit_raised_to == limit:
        return
    profile.daily_stake_limit = in_force
    profile.daily_stake_limit_raised_to = limit
    profile.daily_stake_limit_raised_at = now + timedelta(hours=settings.DAILY_LIMIT_RAISE_COOLING_OFF_HOURS)
    logger.info("daily stake limit raise waiting", extra={"user_id": profile.user_id,
                                                           "effective_at": profile.daily_stake_limit_raised_at})


def _change_email(*, user, email: str) -> None:
    """`PATCH /me` email: "" removes every address; the confirmed one again cancels a pending change;
    any other waits as pending (a confirmation code, or a notice to the owner of a taken address)."""
    current = get_user_model().objects.values_list("email", flat=True).get(pk=user.pk)
    user.email = current
    if not email:
        user.email, user.pending_email = "", ""
    elif email.lower() == current.lower():
        user.pending_email = ""
    else:
        _ask_to_confirm(user=user, email=email, registering=False)


def validate_user_key(*, user_key: str) -> str:
    """The upstream user id for a ChatBet user key (an HTTP call: keep it out of transactions)."""
    try:
        upstream_user_id = validate_user(user_key=user_key)
    except UpstreamUnavailable:
        raise
    except ChatBetError:
        raise InvalidUserKey()
    if not upstream_user_id:
        raise InvalidUserKey()
    if not isinstance(upstream_user_id, str) or len(upstream_user_id) > UPSTREAM_USER_ID_MAX:
        logger.warning("unusable upstream user id", extra={"type": type(upstream_user_id).__name__,
                                                          "length": len(str(upstream_user_id))})
        raise UnusableUpstreamUserId("ChatBet returned an account id that cannot be used; the account was not "
                                     "linked. Try again later.")
    return upstream_user_id


def link_betting_account(*, user, user_key: str) -> Profile:
    """Validate the ChatBet user key upstream and store it with the upstream user id."""
    return _store_link(user=user, user_key=user_key, upstream_user_id=validate_user_key(user_key=user_key))


def _check_link_change(profile: Profile, *, upstream_user_id: str) -> None:
    """A closed account keeps its ChatBet link: unlinked or swapped, the key would be free to bet from another
    login (betting closes the ChatBet account through the profiles linked to it, `account_restrictions`). So does
    a login under a daily limit: unlinked, another login to the account would bet past it at once."""
    closed = profile.is_self_excluded or profile.stated_minor_at is not None
    if not profile.upstream_user_id or upstream_user_id == profile.upstream_user_id:
        return
    if closed:
        raise BettingLinkLocked()
    if profile.daily_stake_limit_in_force is not None:  # the limit binds the account (any login's, by betting)
        raise LimitLinkLocked()


def _store_link(*, user, user_key: str, upstream_user_id: str) -> Profile:
    profile = profile_get_or_create(user=user)
    _check_link_change(profile, upstream_user_id=str(upstream_user_id))
    profile.user_key = user_key
    profile.upstream_user_id = str(upstream_user_id)
    profile.linked_at = timezone.now()
    profile.save(update_fields=["user_key", "upstream_user_id", "linked_at", "updated_at"])
    logger.info("chatbet account linked", extra={"user_id": user.pk})
    return profile


def follow_account_currency(*, user_id: int, currency: str) -> None:
    """The profile's currency is the linked ChatBet account's, as the upstream reported it (betting found them
    apart): stakes are asked and shown in it from then on."""
    Profile.objects.filter(user_id=user_id).update(currency=currency.upper()[:3], updated_at=timezone.now())


def unlink_betting_account(*, user) -> Profile:
    profile = profile_get_or_create(user=user)
    _check_link_change(profile, upstream_user_id="")
    profile.user_key = ""
    profile.upstream_user_id = ""
    profile.linked_at = None
    profile.save(update_fields=["user_key", "upstream_user_id", "linked_at", "updated_at"])
    logger.info("chatbet account unlinked", extra={"user_id": user.pk})
    return profile


# --- tokens ------------------------------------------------------------------------------------
@dataclass
class LoginResult:
    user: object
    access: str
    refresh: str
    chatbet_linked: bool
    warnings: list[str] = field(default_factory=list)


def issue_tokens(*, user) -> tuple[str, str]:
    """A fresh (access, refresh) pair of a new token family (accounts/tokens.py)."""
    return tokens.issue_pair(user=user)


def authenticate_login(*, login: str, password: str):
    """The active user for a username or email and password, or InvalidCredentials."""
    User = get_user_model()
    username = login
    if "@" in login:
        matches = list(User.objects.filter(email__iexact=login).values_list("username", flat=True)[:2])
        if len(matches) == 1:
            username = matches[0]
    with password_check_slot():  # 429 at once when every slot is hashing
        user = authenticate(username=username, password=password)
    if user is None:
        logger.info("login failed")
        raise InvalidCredentials()
    return user


def login(*, login: str, password: str, user_key: str | None = None) -> LoginResult:
    """Check the credentials, optionally link the ChatBet account, and issue tokens.

    A wrong `userKey` fails the login (the client asked for something impossible); ChatBet being
    down does not: the user logs in unlinked and is told so.
    """
    user = authenticate_login(login=login, password=password)
    warnings: list[str] = []
    if user_key:
        try:
            link_betting_account(user=user, user_key=user_key)
        except UpstreamUnavailable:
            warnings.append("ChatBet is unavailable right now: your account was not linked. Try again later.")
    access, refresh = issue_tokens(user=user)
    profile = profile_get_or_create(user=user)
    logger.info("login succeeded", extra={"user_id": user.pk})
    return LoginResult(user=user, access=access, refresh=refresh, chatbet_linked=profile.is_linked,
                       warnings=warnings)


def tokens_refresh(*, refresh: str) -> dict:
    """Rotate a refresh token atomically: one new pair, the old token spent; reuse revokes its family."""
    access, new_refresh = tokens.rotate(refresh=refresh)
    return {"access": access, "refresh": new_refresh}


def logout(*, refresh: str, access_payload: dict | None = None) -> None:
    """End the session: the refresh token's family and the access token presented with the call."""
    tokens.logout(refresh=refresh, access_payload=access_payload)


def issue_guest_token() -> str:
    """A short-lived guest JWT (claim `guest`, subject = a new guest id)."""
    return str(GuestToken.for_guest())


def claim_guest(*, user, guest_id: str) -> int:
    """Give the user what a guest had (their conversations: chat receives `guest_claimed`) and end the guest, like a
    logout (its token chats no more, so nothing new of it can be claimed again, by anyone); returns how many things
    moved: 0 for a guest already claimed (a retried claim). A receiver's error propagates: nothing is claimed
    silently half-way, and the guest goes on."""
    if not guest_id:
        return 0
    moved = _claim_and_end(user=user, guest_id=guest_id)
    if moved is None:
        return 0
    # A turn of the guest authenticated before the commit may have stored a conversation meanwhile, unseen by the
    # move above (its snapshot) and seeing the guest not ended yet (the end uncommitted). It wrote, then read the
    # end; the claim wrote the end, and now reads again: one of the two sees the other, and moves it (each
    # receiver moves whatever the guest still has, so a second send is harmless).
    move_again = retry_when_locked(_move)
    if transaction.get_connection().in_atomic_block:  # a caller's transaction: only after it commits can a turn see
        transaction.on_commit(lambda: move_again(user=user, guest_id=guest_id), robust=True)  # the end
    else:
        moved += move_again(user=user, guest_id=guest_id)
    logger.info("guest conversations claimed", extra={"user_id": user.pk, "moved": moved})
    return moved


@retry_when_locked
def _claim_and_end(*, user, guest_id: str) -> int | None:
    """One transaction: the guest ended (the one claim that ends it wins) and what it had moved; retried whole.
    None when the guest had already ended (a repeated claim, or someone else's)."""
    with transaction.atomic():
        if not tokens.end_guest(guest_id=guest_id, user_id=user.pk):
            return None
        return _move(user=user, guest_id=guest_id)


def _move(*, user, guest_id: str) -> int:
    return sum(int(count or 0) for _receiver, count in
               guest_claimed.send(sender=claim_guest, user=user, guest_id=guest_id))


# --- balance -----------------------------------------------------------------------------------
def get_balance(*, identity: Identity):
    """The linked ChatBet balance.

    Cached for SPORTS_TTL["balance"] seconds by `sports.services.betting.get_balance` (which also
    drops it when a bet is placed), so it is not cached a second time here.
    """
    if identity.is_guest:
        raise GuestNotAllowed()
    if not identity.is_authenticated:
        raise NotAuthenticated()
    link = get_betting_link(user_id=identity.user_id)
    if link is None:
        raise NoChatBetAccount()

    return betting.get_balance(upstream_user_id=link.upstream_user_id, user_key=link.user_key)


# --- rate limits (the counters live in accounts/ratelimit.py, which DRF imports at start-up) ---
# One chat message against THROTTLE_CHAT for an identity; (allowed, seconds to wait).
consume_chat_quota = ratelimit.consume_chat_quota
# One read (a socket's history frame) against the REST read throttles' counters (THROTTLE_USER / THROTTLE_ANON).
consume_read_quota = ratelimit.consume_read_quota
# Whether those counters are in this process (embedded mode): a caller on an event loop needs no thread hop.
chat_quota_is_local = ratelimit.counters_are_local
