"""The ChatBet user key is stored encrypted (MultiFernet, rotatable), and existing rows are migrated."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection

from accounts.fields import FERNET_PREFIX, _fernet
from accounts.models import Profile
from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

KEY = "LIVEKEY-0123456789abcdef"


def _stored(profile_id: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT user_key FROM accounts_profile WHERE id = %s", [profile_id])
        return cursor.fetchone()[0]


@pytest.mark.stack
def test_the_user_key_is_a_fernet_token_in_the_database_and_plain_in_python():
    user = UserFactory(profile__user_key=KEY, profile__upstream_user_id="42")
    stored = _stored(user.profile.pk)
    assert stored.startswith(FERNET_PREFIX) and KEY not in stored
    assert Profile.objects.get(pk=user.profile.pk).user_key == KEY
    assert Profile.objects.exclude(user_key="").count() == 1


def test_keys_rotate_without_losing_a_value(settings):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [old]
    user = UserFactory(profile__user_key=KEY, profile__upstream_user_id="42")
    settings.FIELD_ENCRYPTION_KEYS = [new, old]  # a new key first; the old one still decrypts
    assert Profile.objects.get(pk=user.profile.pk).user_key == KEY
    call_command("rotate_field_keys", stdout=open("/dev/null", "w"))  # noqa: SIM115
    settings.FIELD_ENCRYPTION_KEYS = [new]  # the old key is gone
    assert Profile.objects.get(pk=user.profile.pk).user_key == KEY
    assert _fernet((new,), settings.SECRET_KEY).decrypt(_stored(user.profile.pk).encode()).decode() == KEY


def test_the_data_migration_encrypts_rows_stored_in_clear():
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate([("accounts", "0003_token_revocation")])
    try:
        user = UserFactory.build()
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO accounts_user (password, is_superuser, username, first_name, last_name, email, "
                           "is_staff, is_active, date_joined) VALUES ('x', false, 'legacy', '', '', '', false, true, "
                           "CURRENT_TIMESTAMP)")
            cursor.execute("SELECT id FROM accounts_user WHERE username = 'legacy'")
            user_id = cursor.fetchone()[0]
            cursor.execute("INSERT INTO accounts_profile (user_id, user_key, upstream_user_id, language, "
                           "favourite_teams, currency, risk_appetite, preferred_markets, created_at, updated_at) "
                           "VALUES (%s, %s, '42', 'en', '[]', 'USD', 'medium', '[]', CURRENT_TIMESTAMP, "
                           "CURRENT_TIMESTAMP)", [user_id, KEY])
            cursor.execute("SELECT id FROM accounts_profile WHERE user_id = %s", [user_id])
            profile_id = cursor.fetchone()[0]
        assert _stored(profile_id) == KEY and user.username != "legacy"
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
    stored = _stored(profile_id)
    assert stored.startswith(FERNET_PREFIX) and KEY not in stored
    assert Profile.objects.get(pk=profile_id).user_key == KEY
