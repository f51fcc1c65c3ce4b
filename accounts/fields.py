"""A text column stored encrypted with a rotatable key list (cryptography's MultiFernet).

Used for the ChatBet user key: a database dump, a backup or a stray SELECT shows only Fernet
tokens. `FIELD_ENCRYPTION_KEYS` lists Fernet keys, newest first: the first encrypts, all of them
decrypt, so a key is rotated by putting a new one first, running `manage.py rotate_field_keys`,
then dropping the old one. Without it a key derived from SECRET_KEY is used (HKDF), which ties the
stored values to that SECRET_KEY.
"""

from __future__ import annotations

import base64
import logging
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.db import models

logger = logging.getLogger(__name__)

FERNET_PREFIX = "gAAAAA"  # every Fernet token starts with its version byte and timestamp, base64


def derived_key(secret: str) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"chatbet.field-encryption", info=b"user-key")
    return base64.urlsafe_b64encode(hkdf.derive(secret.encode()))


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...], secret: str) -> MultiFernet:
    material = [key.encode() for key in keys if key] or [derived_key(secret)]
    return MultiFernet([Fernet(key) for key in material])


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS), settings.SECRET_KEY)


def encrypt(value: str) -> str:
    return fernet().encrypt(value.encode()).decode()


def decrypt(value: str) -> str:
    """The plain value; a row written before encryption is returned as it is (the data migration
    encrypts those); a token no configured key opens is logged and read as empty (unlinked)."""
    if not value.startswith(FERNET_PREFIX):
        return value
    try:
        return fernet().decrypt(value.encode()).decode()
    except InvalidToken:
        logger.error("an encrypted field could not be decrypted with FIELD_ENCRYPTION_KEYS; read as empty")
        return ""


def rotate(value: str) -> str:
    """Re-encrypt with the first key (plain legacy values get encrypted)."""
    if not value:
        return value
    if not value.startswith(FERNET_PREFIX):
        return encrypt(value)
    return fernet().rotate(value.encode()).decode()


class EncryptedTextField(models.TextField):
    """Plain text in Python, a Fernet token in the database. Not usable in lookups (tokens are
    randomised), except for the empty value."""

    def from_db_value(self, value, expression, connection):
        if not value:
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if not value:
            return value
        return encrypt(value)
