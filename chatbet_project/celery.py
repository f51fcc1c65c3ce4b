"""The Celery app. Broker and schedule come from Django settings (`CELERY_*`)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chatbet_project.settings")

app = Celery("chatbet")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

from chatbet_project.metrics import connect_celery_signals  # noqa: E402 (needs the app configured)

connect_celery_signals()
