"""Every cache / Redis key the accounts app uses, in one place."""

from __future__ import annotations


def rate_key(scope: str, ident: str, window: int) -> str:
    """Fixed-window counter for one throttle scope and caller (window = epoch // duration)."""
    return f"accounts:rate:v1:{scope}:{ident}:{window}"


def ws_slots_key(subject: str) -> str:
    """Live WebSocket connections of one subject ("ip:<addr>" or an identity key)."""
    return f"accounts:ws:slots:v1:{subject}"
