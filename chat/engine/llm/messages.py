"""Provider-neutral pieces of a model conversation; each client turns them into its wire format."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from .config import LLMConfig


@dataclass(frozen=True)
class ToolSpec:
    """A function declared to the model (from `chat.engine.tool_registry.TOOLS`)."""

    name: str
    description: str
    parameters: dict


@dataclass
class Call:
    """A function call the model asked for. `args` is None when the model sent unparsable JSON."""

    id: str
    name: str
    args: dict | None


@dataclass
class Said:
    """A plain message from the history: role "user" or "assistant"."""

    role: str
    text: str


@dataclass
class AssistantStep:
    """What the model said in one step; `raw` keeps provider-specific parts to echo back verbatim."""

    text: str
    calls: list[Call]
    raw: Any = None


@dataclass
class ToolResults:
    results: list[tuple[Call, dict]] = field(default_factory=list)


Item = Said | AssistantStep | ToolResults


# What a client yields while a step runs.
@dataclass
class TextDelta:
    text: str


@dataclass
class CallRequested:
    call: Call


@dataclass
class Usage:
    total_tokens: int


@dataclass
class StepDone:
    raw: Any = None  # provider parts of the assistant message, for AssistantStep.raw


Event = TextDelta | CallRequested | Usage | StepDone


class ModelClient(Protocol):
    """One provider's wire format. Raises `ProviderError` (never an SDK exception)."""

    def step(self, *, system: str, items: list[Item], tools: list[ToolSpec], allow_tools: bool,
             config: LLMConfig) -> AsyncIterator[Event]: ...
