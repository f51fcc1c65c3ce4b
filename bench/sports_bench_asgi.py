"""The ASGI app `sports_cache.py --server` runs under daphne: the project plus a bare `JsonResponse`
at `/bare`, same settings and middleware, so the two are compared on the same server."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chatbet_project.settings")

from django.conf import settings  # noqa: E402

from chatbet_project.asgi import application as project_application  # noqa: E402,F401  (sets Django up)

settings.ROOT_URLCONF = "bench.sports_bench_urls"  # before the first request resolves anything
application = project_application
