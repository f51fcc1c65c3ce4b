"""Create the demo operator from `DJANGO_SUPERUSER_USERNAME/_PASSWORD/_EMAIL`, or say how to."""

import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create an operator (superuser) from environment variables if they are set."

    def handle(self, *args, **options):
        username = os.environ.get("DJANGO_SUPERUSER_USERNAME")
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD")
        if not (username and password):
            self.stdout.write(
                "No operator created. To have one, set DJANGO_SUPERUSER_USERNAME and DJANGO_SUPERUSER_PASSWORD "
                "(and optionally DJANGO_SUPERUSER_EMAIL) before `make run`, or run "
                "`.venv/bin/python manage.py createsuperuser`."
            )
            return
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=username, defaults={"email": os.environ.get("DJANGO_SUPERUSER_EMAIL", "")}
        )
        if created:
            user.is_staff = user.is_superuser = True
            user.set_password(password)
            user.save()
            self.stdout.write(self.style.SUCCESS(f"Operator {username!r} created; log in at /admin/."))
        else:
            self.stdout.write(f"Operator {username!r} already exists; password left unchanged.")
