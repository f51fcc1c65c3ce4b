"""WSGI entry point: plain HTTP (REST, admin, pages) under gunicorn's sync workers in the cluster
(deploy/cluster.sh); WebSockets stay on daphne (`asgi.py`). bench/README.md has the measurement."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chatbet_project.settings")
django_application = get_wsgi_application()

from chatbet_project.proxies import TrustedProxyWSGIMiddleware  # noqa: E402 - needs the settings loaded above

# The client's address and scheme from TRUSTED_PROXIES only, as for ASGI (chatbet_project/proxies.py).
application = TrustedProxyWSGIMiddleware(django_application)
