"""The WSGI twin of `sports_bench_asgi.py` (project + bare `/bare` view), for gunicorn in `http_servers.py`."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chatbet_project.settings")

from django.conf import settings  # noqa: E402

from chatbet_project.wsgi import application as project_application  # noqa: E402  (sets Django up)

settings.ROOT_URLCONF = "bench.sports_bench_urls"  # before the first request resolves anything
application = project_application
