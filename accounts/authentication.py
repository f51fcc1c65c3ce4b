"""JWT authentication for users and guests.

Guests hold a short-lived JWT of type `guest` (claims `guest: true`, `sub: <uuid hex>`). They are
not `User`s: the authenticator returns a `GuestUser` principal (an `AnonymousUser` with a
`guest_id`), so views that require `IsAuthenticated` keep refusing them, while
`identity_from_request` sees a guest identity.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists
from django.utils.translation import gettext_lazy as _
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.exceptions import AuthenticationFailed, InvalidToken, TokenError
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.tokens import AccessToken, Token

GUEST_CLAIM = "guest"


class GuestToken(Token):
    """A guest's token: no user id, a guest claim and a short life (settings.GUEST_TOKEN_LIFETIME)."""

    token_type = "guest"
    lifetime = settings.GUEST_TOKEN_LIFETIME

    @classmethod
    def for_guest(cls, guest_id: str | None = None) -> GuestToken:
        token = cls()
        token.set_exp(lifetime=settings.GUEST_TOKEN_LIFETIME)  # read at call time (tests override it)
        token["sub"] = guest_id or uuid.uuid4().hex
        token[GUEST_CLAIM] = True
        return token

    def verify(self) -> None:
        super().verify()
        sub = self.payload.get("sub")
        if self.payload.get(GUEST_CLAIM) is not True or not isinstance(sub, str) or not sub:
            raise TokenError(_("Token is invalid"))


class GuestUser(AnonymousUser):
    """The principal of a guest request: still unauthenticated as far as Django is concerned."""

    is_guest = True

    def __init__(self, guest_id: str):
        super().__init__()
        self.guest_id = guest_id

    def __str__(self) -> str:
        return f"guest:{self.guest_id}"

    def __eq__(self, other) -> bool:
        return isinstance(other, GuestUser) and other.guest_id == self.guest_id

    def __hash__(self) -> int:
        return hash(("guest", self.guest_id))


def decode_token(raw: str | bytes) -> AccessToken | GuestToken:
    """Validate a user access token or a guest token (signature, HS256 only, expiry, type)."""
    try:
        return AccessToken(raw)
    except TokenError as access_error:
        try:
            return GuestToken(raw)
        except TokenError:
            raise access_error


def user_for_token(token: AccessToken):
    """The active user an access token names, profile preloaded, and whether the token was revoked
    (one query: the revocation check rides on the user lookup)."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    try:
        user_id = token[api_settings.USER_ID_CLAIM]
    except KeyError:
        raise InvalidToken(_("Token contained no recognizable user identification"))
    # startup order: DRF imports this module while chatbet_project.errors (which accounts.tokens needs) is
    # still loading its DRF imports; the revocation check loads them on the first authenticated request.
    from .models import TokenRevocation
    from .tokens import revocation_keys

    revoked = TokenRevocation.objects.filter(key__in=revocation_keys(token.payload))
    user = (User.objects.select_related("profile").annotate(token_revoked=Exists(revoked))
            .filter(**{api_settings.USER_ID_FIELD: user_id}).first())
    if user is None:
        raise AuthenticationFailed(_("User not found"), code="user_not_found")
    if user.token_revoked:  # logged out, or its refresh family was caught being reused
        raise AuthenticationFailed(_("Token has been revoked"), code="token_revoked")
    if not user.is_active:
        raise AuthenticationFailed(_("User is inactive"), code="user_inactive")
    return user


def guest_for_token(token: GuestToken) -> GuestUser:
    """The guest a guest token names, unless the guest was ended (a signed-in user claimed its conversations)."""
    # startup order: as in user_for_token, accounts.tokens loads with the first request, not with DRF's settings.
    from .tokens import guest_ended

    if guest_ended(token["sub"]):
        raise AuthenticationFailed(_("Token has been revoked"), code="token_revoked")
    return GuestUser(token["sub"])


class ChatBetJWTAuthentication(JWTAuthentication):
    """`Authorization: Bearer <jwt>` for a user access token or a guest token."""

    def get_validated_token(self, raw_token: bytes):
        try:
            return decode_token(raw_token)
        except TokenError as exc:
            raise InvalidToken({"detail": str(exc)})

    def get_user(self, validated_token):
        if isinstance(validated_token, GuestToken):
            return guest_for_token(validated_token)
        return user_for_token(validated_token)
