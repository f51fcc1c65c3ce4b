"""The one pagination every list endpoint uses."""

from rest_framework.pagination import LimitOffsetPagination


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    """`?limit=` is capped: an unbounded one could return everything or overflow the database's integer."""

    max_limit = 200
