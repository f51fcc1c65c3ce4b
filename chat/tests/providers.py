"""Real provider subclasses for the chat tests (configured through settings.SPORTS_PROVIDER, not patched in)."""

from __future__ import annotations

from chatbet_project.errors import ChatBetError, UpstreamUnavailable
from sports.providers.sandbox import SandboxProvider


class TimeoutAfterBetProvider(SandboxProvider):
    """The sandbox, but placing a bet takes it (the wallet is charged) and then the reply is lost, as when
    the HTTP provider's read times out after the upstream accepted the bet."""

    name = "timeout-after-bet"

    def place_bet(self, **kwargs) -> dict:
        super().place_bet(**kwargs)
        raise UpstreamUnavailable("The sports provider is unavailable (ReadTimeout).")


class RefusingBetsProvider(SandboxProvider):
    """The sandbox, but the bookmaker refuses every bet (its own risk rules): nothing is charged."""

    name = "refusing-bets"

    def place_bet(self, **kwargs) -> dict:
        raise ChatBetError("Bet rejected by the risk department", code="bet_rejected", status=400)
