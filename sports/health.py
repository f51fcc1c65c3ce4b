"""Readiness check of the ChatBet data provider."""

from sports.providers import get_provider


def check_provider() -> dict:
    return get_provider().health()
