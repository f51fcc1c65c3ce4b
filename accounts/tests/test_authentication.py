"""REST authentication: user access tokens and guest tokens; anything forged or expired is a 401."""

from datetime import timedelta

import jwt
import pytest
from django.conf import settings
from django.test import RequestFactory
from django.utils import timezone
from rest_framework_simplejwt.tokens import AccessToken, RefreshToken

from accounts.authentication import GuestToken, GuestUser
from accounts.identity import ANONYMOUS, identity_from_request
from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _get_me(api_client, token: str):
    return api_client.get("/api/v1/auth/me", HTTP_AUTHORIZATION=f"Bearer {token}")


def _expired_access(user) -> str:
    token = AccessToken.for_user(user)
    token.set_exp(from_time=timezone.now() - timedelta(hours=2), lifetime=timedelta(hours=1))
    return str(token)


def _tampered_access(user) -> str:
    head, _body, sig = str(AccessToken.for_user(user)).split(".")
    other = str(AccessToken.for_user(UserFactory(is_staff=True))).split(".")[1]
    return f"{head}.{other}.{sig}"  # someone else's claims under this signature


def _alg_none(user) -> str:
    return jwt.encode({"token_type": "access", "user_id": str(user.pk), "exp": 9999999999, "jti": "x"}, None,
                      algorithm="none")


def _wrong_key(user) -> str:
    return jwt.encode({"token_type": "access", "user_id": str(user.pk), "exp": 9999999999, "jti": "x"},
                      settings.SECRET_KEY + "-not", algorithm="HS256")


def _hs512(user) -> str:
    return jwt.encode({"token_type": "access", "user_id": str(user.pk), "exp": 9999999999, "jti": "x"},
                      settings.SECRET_KEY, algorithm="HS512")


def _refresh_as_access(user) -> str:
    return str(RefreshToken.for_user(user))


@pytest.mark.stack
@pytest.mark.parametrize("make", [_expired_access, _tampered_access, _alg_none, _wrong_key, _hs512, _refresh_as_access],
                         ids=["expired", "tampered", "alg-none", "wrong-key", "hs512", "refresh-as-access"])
def test_forged_or_expired_tokens_are_401(api_client, user, make):
    response = _get_me(api_client, make(user))
    assert response.status_code == 401
    assert response.json()["error_code"] == "token_not_valid"


def test_valid_access_token_works_and_deleted_user_does_not(api_client, user):
    token = str(AccessToken.for_user(user))
    assert _get_me(api_client, token).status_code == 200
    user.delete()
    assert _get_me(api_client, token).status_code == 401


def test_guest_claim_without_subject_is_refused(api_client):
    forged = jwt.encode({"token_type": "guest", "guest": True, "exp": 9999999999, "jti": "x"},
                        settings.SECRET_KEY, algorithm="HS256")
    response = api_client.get("/api/v1/auth/balance", HTTP_AUTHORIZATION=f"Bearer {forged}")
    assert response.status_code == 401


def test_expired_guest_token_is_401(api_client):
    token = GuestToken.for_guest()
    token.set_exp(from_time=timezone.now() - timedelta(hours=5), lifetime=timedelta(hours=1))
    response = api_client.get("/api/v1/auth/balance", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 401


def test_identity_from_request_for_each_kind(user):
    from rest_framework.request import Request

    from accounts.authentication import ChatBetJWTAuthentication

    def identity_for(header: str | None):
        extra = {"HTTP_AUTHORIZATION": header} if header else {}
        request = Request(RequestFactory().get("/", **extra), authenticators=[ChatBetJWTAuthentication()])
        return identity_from_request(request), request.user

    identity, principal = identity_for(None)
    assert identity == ANONYMOUS and identity.is_anonymous and identity.key == "anon"

    guest = GuestToken.for_guest("f" * 32)
    identity, principal = identity_for(f"Bearer {guest}")
    assert identity.is_guest and identity.key == "guest:" + "f" * 32 and not identity.is_authenticated
    assert isinstance(principal, GuestUser) and not principal.is_authenticated

    user.profile.language = "pt_br"
    user.profile.save()
    identity, principal = identity_for(f"Bearer {AccessToken.for_user(user)}")
    assert identity.is_authenticated and identity.key == f"user:{user.pk}" and identity.language == "pt_br"
    assert principal == user
