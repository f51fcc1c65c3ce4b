"""Token pairs, atomic refresh rotation with reuse detection, and revocation (logout, stolen tokens).

Every refresh token carries a family id (`fam`, the jti of the login's first refresh token) that
its access tokens inherit. Rotation spends a refresh token by inserting its blacklist row: the
unique constraint lets exactly one of any number of concurrent refreshes win (on PostgreSQL and
SQLite alike). Presenting a token that was already spent means two parties hold it, so the whole
family is revoked: the thief's and the victim's tokens alike, refresh and access. Logout revokes
the family as well, and the access token it was called with by its jti. A new password (or the password taken
away) revokes every family of the user: each session was opened under the old one (`end_every_session`). A guest
whose conversations a user claimed is ended too (`end_guest`: `guest:<id>`), like a logout; a turn of that guest
authenticated before the claim committed hands what it stores to the claimer (`guest_claimer`).
"""

from __future__ import annotations

import functools
import logging
from datetime import UTC, datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import update_last_login
from django.db import DEFAULT_DB_ALIAS, IntegrityError, OperationalError, connections, transaction
from django.utils import timezone
from rest_framework_simplejwt.backends import TokenBackendError
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.state import token_backend
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken

from chatbet_project.db import retry_when_locked
from chatbet_project.errors import ChatBetError, sqlite_locked

from .models import TokenRevocation

logger = logging.getLogger(__name__)

FAMILY_CLAIM = "fam"


class InvalidRefreshToken(ChatBetError):
    """refresh: the token is invalid, expired or already used."""

    code, status = "token_not_valid", 401


def family_key(family: str) -> str:
    return f"fam:{family}"


def access_key(jti: str) -> str:
    return f"jti:{jti}"


def guest_key(guest_id: str) -> str:
    return f"guest:{guest_id}"


def revocation_keys(payload) -> list[str]:
    """The revocation rows that would make this access token unusable."""
    keys = [access_key(str(payload.get(api_settings.JTI_CLAIM, "")))]
    if family := payload.get(FAMILY_CLAIM):
        keys.append(family_key(str(family)))
    return keys


def _expiry(timestamp: int | float) -> datetime:
    return datetime.fromtimestamp(timestamp, tz=UTC)


@retry_when_locked
def new_refresh_token(*, user, family: str | None = None) -> RefreshToken:
    """A tracked refresh token of `family` (a new family when None)."""
    token = RefreshToken()
    token[api_settings.USER_ID_CLAIM] = str(getattr(user, api_settings.USER_ID_FIELD))  # as simplejwt writes it
    jti = token[api_settings.JTI_CLAIM]
    token[FAMILY_CLAIM] = family or jti
    OutstandingToken.objects.create(user=user, jti=jti, token=str(token), created_at=timezone.now(),
                                    expires_at=_expiry(token["exp"]))
    return token


def issue_pair(*, user) -> tuple[str, str]:
    """(access, refresh) for a fresh login: a new family."""
    refresh = new_refresh_token(user=user)
    if settings.SIMPLE_JWT.get("UPDATE_LAST_LOGIN"):
        update_last_login(None, user)
    return str(refresh.access_token), str(refresh)


def _decode_refresh(raw: str) -> dict:
    try:
        payload = token_backend.decode(raw, verify=True)  # signature, algorithm and expiry
    except TokenBackendError:
        raise InvalidRefreshToken()
    if payload.get(api_settings.TOKEN_TYPE_CLAIM) != "refresh" or not payload.get(api_settings.JTI_CLAIM):
        raise InvalidRefreshToken()
    return payload


@retry_when_locked
def revoke(*, key: str, reason: str, user_id: int | None, until: datetime) -> None:
    _record_revocation(key=key, reason=reason, user_id=user_id, until=until)


def _record_revocation(*, key: str, reason: str, user_id: int | None, until: datetime) -> bool:
    """The revocation row for `key` (expired rows dropped first); True when this call recorded it, False when it was
    there already."""
    TokenRevocation.objects.filter(expires_at__lte=timezone.now()).delete()  # keep the table short
    _row, created = TokenRevocation.objects.get_or_create(key=key, defaults={"reason": reason, "user_id": user_id,
                                                                              "expires_at": until})
    return created


def _family_revocation_end() -> datetime:
    """Every token of a family expires by then: each rotation gives at most one refresh lifetime."""
    return timezone.now() + settings.SIMPLE_JWT["REFRESH_TOKEN_LIFETIME"]


@retry_when_locked
def _spend(payload: dict, raw: str) -> bool:
    """Blacklist this refresh token; False when it had already been spent (by anyone)."""
    jti = payload[api_settings.JTI_CLAIM]
    outstanding, _ = OutstandingToken.objects.get_or_create(
        jti=jti, defaults={"user_id": payload.get(api_settings.USER_ID_CLAIM), "token": raw,
                           "expires_at": _expiry(payload["exp"])})
    try:
        with transaction.atomic():
            BlacklistedToken.objects.create(token=outstanding)
    except IntegrityError:
        return False
    return True


@retry_when_locked
def _family_revoked(family: str) -> bool:
    return TokenRevocation.objects.filter(key=family_key(family)).exists()


@retry_when_locked
def _active_user(user_id):
    return get_user_model().objects.filter(**{api_settings.USER_ID_FIELD: user_id}, is_active=True).first()


def rotate(*, refresh: str) -> tuple[str, str]:
    """Spend `refresh` and return a new (access, refresh) of the same family; only one caller wins."""
    payload = _decode_refresh(refresh)
    family = str(payload.get(FAMILY_CLAIM) or payload[api_settings.JTI_CLAIM])
    user_id = payload.get(api_settings.USER_ID_CLAIM)
    if _family_revoked(family):
        raise InvalidRefreshToken()
    if not _spend(payload, refresh):
        revoke(key=family_key(family), reason="reuse", user_id=user_id, until=_family_revocation_end())
        logger.warning("refresh token reused: its family is revoked", extra={"user_id": user_id})
        raise InvalidRefreshToken()
    user = _active_user(user_id)
    if user is None:
        raise InvalidRefreshToken()
    new = new_refresh_token(user=user, family=family)
    return str(new.access_token), str(new)


def logout(*, refresh: str, access_payload: dict | None = None) -> None:
    """End the session: its whole family (refresh and access tokens), and the access token in hand."""
    payload = _decode_refresh(refresh)
    family = str(payload.get(FAMILY_CLAIM) or payload[api_settings.JTI_CLAIM])
    user_id = payload.get(api_settings.USER_ID_CLAIM)
    if _family_revoked(family):
        raise InvalidRefreshToken()
    if not _spend(payload, refresh):  # an already rotated token: someone else holds the family
        revoke(key=family_key(family), reason="reuse", user_id=user_id, until=_family_revocation_end())
        raise InvalidRefreshToken()
    revoke(key=family_key(family), reason="logout", user_id=user_id, until=_family_revocation_end())
    if access_payload and access_payload.get(api_settings.USER_ID_CLAIM) == user_id:
        revoke(key=access_key(str(access_payload[api_settings.JTI_CLAIM])), reason="logout", user_id=user_id,
               until=_expiry(access_payload["exp"]))


@retry_when_locked
def end_every_session(*, user_id: int, reason: str) -> int:
    """Revoke every token family of this user that may still be in use (each login's refresh and access tokens,
    REST and open sockets alike): its password changed or was taken away, so no session opened under the old one
    may go on, and whoever held a stolen token cannot keep rotating it. Returns how many families were revoked."""
    now = timezone.now()
    families = set()
    for raw in OutstandingToken.objects.filter(user_id=user_id, expires_at__gt=now).values_list("token", flat=True):
        try:
            payload = token_backend.decode(raw, verify=False)  # our own stored copy: only its claims are read
        except TokenBackendError:
            continue
        if family := payload.get(FAMILY_CLAIM) or payload.get(api_settings.JTI_CLAIM):
            families.add(str(family))
    until = _family_revocation_end()
    TokenRevocation.objects.filter(expires_at__lte=now).delete()  # keep the table short
    TokenRevocation.objects.bulk_create(
        [TokenRevocation(key=family_key(family), reason=reason, user_id=user_id, expires_at=until)
         for family in sorted(families)], ignore_conflicts=True)
    logger.info("every session of the user ended", extra={"user_id": user_id, "reason": reason,
                                                          "families": len(families)})
    return len(families)


def end_guest(*, guest_id: str, user_id: int) -> bool:
    """End a guest identity whose conversations `user_id` claimed, like a logout: every token of that guest (REST and
    open sockets) is refused from now on, so nothing new becomes the guest's to be claimed again. False when it had
    already ended (a claim repeated, or by someone else): the one claim that ends it is the one that moves things.
    Runs in the claim's transaction (the caller retries the whole of it when SQLite is locked)."""
    # every token of this guest was minted before now and lives at most GUEST_TOKEN_LIFETIME
    return _record_revocation(key=guest_key(guest_id), reason="guest_claimed", user_id=user_id,
                              until=timezone.now() + settings.GUEST_TOKEN_LIFETIME)


@retry_when_locked
def guest_ended(guest_id: str) -> bool:
    """Whether this guest's tokens were ended (its conversations claimed by a signed-in user)."""
    return TokenRevocation.objects.filter(key=guest_key(guest_id)).exists()


def guest_claimer(guest_id: str) -> int | None:
    """The user who claimed (and so ended) this guest, None while nobody has: where a conversation the guest's
    last turn stored belongs (chat's `turn_conversations`). Asked once per new guest conversation, on the turn's
    path: one plain SELECT by the unique key (the ORM's compiler and tenacity's wrapper cost ~10x the query; issue
    20), retried as before only when SQLite answers "locked"."""
    try:
        return _guest_claimer_once(guest_id)
    except OperationalError as exc:
        if not sqlite_locked(exc):
            raise
    return retry_when_locked(_guest_claimer_once)(guest_id)


@functools.cache
def _claimer_sql(vendor: str) -> str:
    meta = TokenRevocation._meta
    quote = connections[DEFAULT_DB_ALIAS].ops.quote_name
    return (f"SELECT {quote(meta.get_field('user').column)} FROM {quote(meta.db_table)} "  # noqa: S608 - model names
            f"WHERE {quote(meta.get_field('key').column)} = %s")


def _guest_claimer_once(guest_id: str) -> int | None:
    db = connections[DEFAULT_DB_ALIAS]
    with db.cursor() as cursor:
        cursor.execute(_claimer_sql(db.vendor), [guest_key(guest_id)])
        row = cursor.fetchone()
    return row[0] if row is not None else None
