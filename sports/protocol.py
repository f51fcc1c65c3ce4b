"""Wire frames of `/ws/sports-updates` (pure functions; see docs/websocket-protocol.md)."""

from __future__ import annotations

from datetime import UTC, datetime

from sports.domain import iso_utc


def now_iso() -> str:
    return iso_utc(datetime.now(UTC))


def connection_status(*, client_id: str, fixture_ids: list[str], tournament_ids: list[str]) -> dict:
    return {"type": "connection_status", "status": "connected", "client_id": client_id,
            "subscriptions": {"fixture_ids": fixture_ids, "tournament_ids": tournament_ids},
            "server_time": now_iso(), "timestamp": now_iso()}


def subscription_status(*, action: str, fixture_ids: list[str], tournament_ids: list[str]) -> dict:
    return {"type": "subscription_status", "action": action,
            "subscriptions": {"fixture_ids": fixture_ids, "tournament_ids": tournament_ids}, "timestamp": now_iso()}


def pong() -> dict:
    return {"type": "pong", "timestamp": now_iso()}


def error(code: str, message: str) -> dict:
    """The protocol's error shape: clients read the text from `data`."""
    return {"type": "error", "error_code": code, "error_message": message, "content": message, "data": message,
            "timestamp": now_iso()}
