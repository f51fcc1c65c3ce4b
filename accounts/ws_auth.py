"""WebSocket authentication middleware (filled in by the accounts work)."""

from channels.auth import AuthMiddlewareStack


def JWTAuthMiddlewareStack(inner):  # noqa: N802 - mirrors Channels' naming
    return AuthMiddlewareStack(inner)
