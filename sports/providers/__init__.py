"""Provider selection. Only this package knows which provider class serves the data."""

import functools

from django.conf import settings
from django.utils.module_loading import import_string


@functools.cache
def get_provider():
    return import_string(settings.SPORTS_PROVIDER)()
