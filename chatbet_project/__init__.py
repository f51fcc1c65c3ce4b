"""ChatBet project package. Importing the Celery app here lets `shared_task` bind to it."""

from .celery import app as celery_app

__version__ = "0.1.0"
__all__ = ["celery_app", "__version__"]
