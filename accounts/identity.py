"""Who is speaking: one small value every app receives instead of poking at users and tokens.

A request or a socket is spoken by a registered user, by a guest (a holder of a guest JWT from
`/auth/generate_token`, who is not a `User`) or by an anonymous client that sent no token at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist

from sports.domain import LANGUAGES


@dataclass(frozen=True)
class Identity:
    user_id: int | None  # authenticated accounts.User pk, else None
    guest_id: str | None  # guest JWT subject (uuid hex), else None
    is_staff: bool = False
    language: str = "en"  # from the profile, en|es|pt_br

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    @property
    def is_guest(self) -> bool:
        return self.user_id is None and self.guest_id is not None

    @property
    def is_anonymous(self) -> bool:
        """A client that sent no token: neither a user nor a guest."""
        return self.user_id is None and self.guest_id is None

    @property
    def key(self) -> str:
        """Stable key for quotas, groups and ownership checks."""
        if self.user_id is not None:
            return f"user:{self.user_id}"
        if self.guest_id is not None:
            return f"guest:{self.guest_id}"
        return "anon"


ANONYMOUS = Identity(user_id=None, guest_id=None)


def guest_identity(guest_id: str) -> Identity:
    return Identity(user_id=None, guest_id=guest_id)


def identity_for_user(user) -> Identity:
    """The identity of a saved user; language comes from the profile when there is one."""
    language = "en"
    try:
        profile = user.profile
    except (ObjectDoesNotExist, AttributeError):
        profile = None
    if profile is not None and getattr(profile, "language", None) in LANGUAGES:
        language = profile.language
    return Identity(user_id=user.pk, guest_id=None, is_staff=bool(user.is_staff), language=language)


def identity_for_principal(principal) -> Identity:
    """Map what an authenticator produced (User, GuestUser, AnonymousUser, None) to an Identity."""
    if principal is None:
        return ANONYMOUS
    guest_id = getattr(principal, "guest_id", None)
    if guest_id:
        return guest_identity(guest_id)
    if getattr(principal, "is_authenticated", False) and getattr(principal, "pk", None) is not None:
        return identity_for_user(principal)
    return ANONYMOUS


def identity_from_request(request) -> Identity:
    """The identity of a DRF (or plain Django) request: JWT user, guest token, or anonymous.

    Memoised on the request so several callers in one request cost one profile lookup.
    """
    cached = getattr(request, "_chatbet_identity", None)
    if cached is not None:
        return cached
    identity = identity_for_principal(getattr(request, "user", None))
    try:
        request._chatbet_identity = identity
    except AttributeError:  # pragma: no cover - exotic request objects
        pass
    return identity
