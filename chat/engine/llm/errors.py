"""What can go wrong talking to a model, in our words (the SDKs' exceptions are translated)."""

from __future__ import annotations

RETRYABLE_STATUS = frozenset({408, 429, 500, 502, 503, 504})


class ProviderError(Exception):
    """A model call failed. `reason` goes to the answer's metadata; `retryable` drives the backoff."""

    def __init__(self, reason: str, *, retryable: bool = False, status: int | None = None, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.retryable = retryable
        self.status = status


def from_status(status: int, detail: str = "") -> ProviderError:
    reason = "rate_limited" if status == 429 else "server_error" if status >= 500 else f"http_{status}"
    return ProviderError(reason, retryable=status in RETRYABLE_STATUS, status=status, detail=detail[:200])


def timeout(detail: str = "") -> ProviderError:
    return ProviderError("timeout", retryable=True, detail=detail[:200])


def unreachable(detail: str = "") -> ProviderError:
    return ProviderError("unreachable", retryable=True, detail=detail[:200])


def malformed(detail: str = "") -> ProviderError:
    return ProviderError("malformed_reply", retryable=False, detail=detail[:200])
