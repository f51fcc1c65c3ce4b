"""Deny by default: a DRF view that does not say who may call it answers 403 to everyone.

REST_FRAMEWORK["DEFAULT_PERMISSION_CLASSES"] names `DenyUndeclared`, so forgetting
`permission_classes` on a new view closes it instead of opening it. Views open to anonymous
clients say so with `AllowAny` (their services still check ownership).
"""

from __future__ import annotations

from rest_framework.permissions import BasePermission


class DenyUndeclared(BasePermission):
    message = "This endpoint is not available."
    code = "permission_denied"

    def has_permission(self, request, view) -> bool:
        return False
