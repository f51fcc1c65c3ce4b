"""Re-encrypt every stored ChatBet user key with the first of FIELD_ENCRYPTION_KEYS."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.fields import rotate
from accounts.models import Profile


class Command(BaseCommand):
    help = "Re-encrypt stored user keys with the newest FIELD_ENCRYPTION_KEYS key (run before dropping an old key)."

    def handle(self, *args, **options) -> None:
        table = Profile._meta.db_table
        done = 0
        with transaction.atomic():
            from django.db import connection

            quoted = connection.ops.quote_name(table)
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT id, user_key FROM {quoted} WHERE user_key <> ''")  # noqa: S608
                for pk, stored in cursor.fetchall():
                    cursor.execute(f"UPDATE {quoted} SET user_key = %s WHERE id = %s", [rotate(stored), pk])  # noqa: S608
                    done += 1
        self.stdout.write(f"{done} user keys re-encrypted with the newest key.")
