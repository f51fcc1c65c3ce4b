"""Attack pass 10 on accounts: a password change (or a password taken away) ends every session of the account.

An access token, a refresh token and an open chat socket used to outlive the password they were issued under:
after an operator reset a stolen account's password, whoever held its tokens kept its balance, its bets and a
fresh token every rotation for as long as they kept refreshing. A new password now revokes every token family of
the user (`accounts.tokens.end_every_session`), which REST, the refresh endpoint and the sockets already check.
A hash upgrade at login (the same password, stored anew) is not a change: no session ends for it.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import MD5PasswordHasher
from rest_framework.test import APIClient

from accounts.services import issue_tokens
from accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "N3w-Horse-Battery-Staple"


class NewerHasher(MD5PasswordHasher):
    """A fast stand-in for "the preferred hasher changed" (a Django upgrade raising PBKDF2's iterations)."""

    algorithm = "md5_newer"


def _me(access: str) -> int:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    return client.get("/api/v1/auth/me").status_code


def _refresh(refresh: str):
    return APIClient().post("/api/v1/auth/refresh", {"refresh": refresh}, format="json")


@pytest.fixture
def sessions():
    """A user logged in on two devices (two token families)."""
    user = UserFactory()
    return user, [dict(zip(("access", "refresh"), issue_tokens(user=user), strict=True)) for _ in range(2)]


@pytest.fixture
def operator_client(client):
    operator = get_user_model().objects.create_superuser("operator10", "op10@example.com", PASSWORD)
    client.force_login(operator)
    return client


def _assert_every_session_ended(devices: list[dict]) -> None:
    for tokens in devices:
        assert _me(tokens["access"]) == 401
        refused = _refresh(tokens["refresh"])
        assert refused.status_code == 401 and refused.json()["error_code"] == "token_not_valid"


def test_set_password_ends_every_session_of_the_user(sessions):
    user, devices = sessions
    other = UserFactory()
    bystander = dict(zip(("access", "refresh"), issue_tokens(user=other), strict=True))
    user.set_password(NEW_PASSWORD)
    user.save()
    _assert_every_session_ended(devices)
    assert _me(bystander["access"]) == 200  # nobody else's sessions
    login = APIClient().post("/api/v1/auth/login", {"username": user.username, "password": NEW_PASSWORD},
                             format="json")
    assert login.status_code == 200 and _me(login.json()["access"]) == 200  # the new password logs in


def test_a_token_rotated_before_the_change_is_refused_after_it(sessions):
    user, (device, _) = sessions
    rotated = _refresh(device["refresh"]).json()
    user.set_password(NEW_PASSWORD)
    user.save(update_fields=["password"])
    _assert_every_session_ended([rotated])


def test_the_admin_password_form_ends_every_session(operator_client, sessions):
    user, devices = sessions
    response = operator_client.post(f"/admin/accounts/user/{user.pk}/password/",
                                    {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"})
    assert response.status_code == 302, response.content.decode()[:2000]
    _assert_every_session_ended(devices)


def test_taking_the_password_away_in_the_admin_ends_every_session(operator_client, sessions):
    user, devices = sessions
    response = operator_client.post(f"/admin/accounts/user/{user.pk}/password/",
                                    {"usable_password": "false", "unset-password": "1"})
    assert response.status_code == 302, response.content.decode()[:2000]
    user.refresh_from_db()
    assert not user.has_usable_password()
    _assert_every_session_ended(devices)


def test_a_hash_upgrade_at_login_is_not_a_password_change(sessions, settings):
    user, devices = sessions
    # the stored hash is now an older algorithm's: the login stores the same password anew with the preferred one
    settings.PASSWORD_HASHERS = [f"{__name__}.NewerHasher", *settings.PASSWORD_HASHERS]
    old_hash = user.password
    login = APIClient().post("/api/v1/auth/login", {"username": user.username, "password": PASSWORD}, format="json")
    assert login.status_code == 200
    user.refresh_from_db()
    assert user.password != old_hash  # re-hashed with the preferred hasher
    for tokens in devices:
        assert _me(tokens["access"]) == 200


def test_saving_a_user_without_touching_the_password_ends_nothing(sessions):
    user, devices = sessions
    user.first_name = "Ana"
    user.save()
    for tokens in devices:
        assert _me(tokens["access"]) == 200
        assert _refresh(tokens["refresh"]).status_code == 200


def test_a_refresh_token_of_a_deactivated_user_is_refused(sessions):
    user, (device, _) = sessions
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert _me(device["access"]) == 401
    assert _refresh(device["refresh"]).status_code == 401


@pytest.mark.django_db(transaction=True)
async def test_an_open_chat_socket_closes_at_its_next_message_after_a_password_change():
    from channels.db import database_sync_to_async

    from chat.tests.conftest import close_quietly, open_chat, read_turn, receive_close

    user = await database_sync_to_async(UserFactory)()
    access, _refresh_token = await database_sync_to_async(issue_tokens)(user=user)
    socket, _ack = await open_chat(f"/ws/chat?token={access}")
    try:
        await socket.send_json_to({"type": "user_message", "content": "hello"})
        assert (await read_turn(socket))[-2]["type"] == "streaming_end"

        def change() -> None:
            user.set_password(NEW_PASSWORD)
            user.save()

        await database_sync_to_async(change)()
        await socket.send_json_to({"type": "user_message", "content": "what's my balance?"})
        frames, code = await receive_close(socket)
        assert code == 4401 and frames == []  # unanswered
    finally:
        await close_quietly(socket)


def test_a_user_token_is_no_guest_token_to_claim(sessions):
    """claim-guest takes a guest token only: a user's own access or refresh token (or someone else's) moves nothing."""
    user, (device, _) = sessions
    other = UserFactory()
    other_access, other_refresh = issue_tokens(user=other)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {device['access']}")
    for token in (device["access"], device["refresh"], other_access, other_refresh):
        refused = client.post("/api/v1/auth/claim-guest", {"guest_token": token}, format="json")
        assert refused.status_code == 400 and refused.json()["error_code"] == "validation_error"
        assert "guest_token" in refused.json()["details"]
    assert _me(other_access) == 200 and _refresh(other_refresh).status_code == 200  # nothing of theirs touched
