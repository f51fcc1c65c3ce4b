"""Real provider subclasses for the betting tests (configured through settings.SPORTS_PROVIDER)."""

from __future__ import annotations

from chatbet_project.errors import UpstreamUnavailable
from sports.providers.sandbox import SandboxProvider


class LostRequestProvider(SandboxProvider):
    """The sandbox, but a bet request times out before it reaches the upstream: nothing is placed."""

    name = "lost-request"

    def place_bet(self, **kwargs) -> dict:
        raise UpstreamUnavailable("The sports provider is unavailable (ConnectTimeout).")


class LostReplyProvider(SandboxProvider):
    """The sandbox takes the bet (the wallet is charged) and then the reply is lost (a read timeout)."""

    name = "lost-reply"

    def place_bet(self, **kwargs) -> dict:
        super().place_bet(**kwargs)
        raise UpstreamUnavailable("The sports provider is unavailable (ReadTimeout).")


class LostComboReplyProvider(LostReplyProvider):
    """The same lost reply for an accumulator: the combo is placed (and charged) upstream, its reply lost."""

    name = "lost-combo-reply"

    def place_combo_bet(self, **kwargs) -> dict:
        SandboxProvider.place_combo_bet(self, **kwargs)
        raise UpstreamUnavailable("The sports provider is unavailable (ReadTimeout).")
