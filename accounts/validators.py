"""Password rules Django's validators leave out."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class NotOnlyWhitespaceValidator:
    """Eight spaces pass the minimum-length rule: a password must contain something besides whitespace."""

    def validate(self, password: str, user=None) -> None:
        if not password.strip():
            raise ValidationError(_("This password is only whitespace."), code="password_whitespace_only")

    def get_help_text(self) -> str:
        return _("Your password can't be only spaces.")
