"""WSGI entry point: plain HTTP (REST, admin, pages) under gunicorn's sync workers in the cluster
(deploy/cluster.sh); WebSockets stay on daphne (`asgi.py`). bench/README.md has the measurement."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chatbet_project.settings")
application = get_wsgi_application()
