"""What accounts does when its own models change (connected in `AccountsConfig.ready`)."""

from __future__ import annotations

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from .tokens import end_every_session


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="accounts.end_sessions_on_password_change")
def end_sessions_on_password_change(sender, instance, created: bool, **kwargs) -> None:
    """A saved new password (`set_password`: the admin's form, `changepassword`) or a password taken away ends
    every session of the user, in the same transaction as the save. Django's hash upgrade at login stores the
    same password anew and clears `_password` before saving: no session ends for it."""
    taken_away = instance.__dict__.pop("_password_taken_away", False)
    if created or (getattr(instance, "_password", None) is None and not taken_away):
        return
    end_every_session(user_id=instance.pk, reason="password_changed" if not taken_away else "password_removed")
