"""Any chat model LangChain supports, through `init_chat_model` (`LLM_PROVIDER=langchain`).

`LLM_MODEL` is `<provider>:<model>` (`google_genai:gemini-2.5-flash`, `openai:gpt-4o-mini`,
`ollama:llama3.1`); a bare model name with `LLM_BASE_URL` set means an OpenAI-compatible endpoint.
The model only speaks: the tool loop, the tool permissions, retries, the breaker and the fallback
stay in `LLMEngine`, exactly as for the direct providers. So tools are bound as plain JSON schemas
from the one registry (`chat.engine.tool_registry.TOOLS`), never as LangChain tools that would run on their
own, and the integration's own retries are off.

Needs the optional packages in requirements-langchain.txt (imported only when this provider runs).
"""

from __future__ import annotations

import asyncio
import json
import weakref
from collections.abc import AsyncIterator
from typing import Any

from . import errors
from .config import LLMConfig
from .messages import (
    AssistantStep,
    Call,
    CallRequested,
    Event,
    Item,
    Said,
    StepDone,
    TextDelta,
    ToolResults,
    ToolSpec,
    Usage,
)

# LangChain provider name -> keyword arguments of its chat model class for our settings.
_API_KEY_ARG = {"google_genai": "google_api_key", "openai": "api_key", "anthropic": "api_key"}
_NO_RETRY_PROVIDERS = ("google_genai", "openai", "anthropic")

_models: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def split_model(config: LLMConfig) -> tuple[str, str]:
    """(langchain provider, model name) from `LLM_MODEL`."""
    provider, sep, model = config.model.partition(":")
    if sep and provider and model:
        return provider, model
    if config.base_url:
        return "openai", config.model  # any OpenAI-compatible endpoint
    raise errors.ProviderError("not_configured", detail=f"LLM_MODEL {config.model!r} is not <provider>:<model>")


def model_kwargs(config: LLMConfig) -> dict[str, Any]:
    """`init_chat_model` arguments: our timeout and limits, the integration's retries off."""
    provider, model = split_model(config)
    kwargs: dict[str, Any] = {"model": model, "model_provider": provider, "temperature": config.temperature,
                              "timeout": config.timeout}
    if provider == "ollama":
        kwargs["num_predict"] = config.max_tokens
        if config.base_url:
            kwargs["base_url"] = config.base_url
        kwargs["client_kwargs"] = {"timeout": config.timeout}
        return kwargs
    kwargs["max_tokens"] = config.max_tokens
    if provider in _NO_RETRY_PROVIDERS:
        kwargs["max_retries"] = 0
    if config.api_key:
        kwargs[_API_KEY_ARG.get(provider, "api_key")] = config.api_key
    elif provider == "openai" and config.base_url:
        kwargs["api_key"] = "not-needed"  # self-hosted endpoints often take no key
    if config.base_url:
        kwargs["base_url"] = config.base_url
    if provider == "openai":
        kwargs["stream_usage"] = True  # token usage on streamed replies
    if provider == "google_genai":
        kwargs["api_version"] = "v1beta"  # function calling and streaming, as the direct Gemini provider uses
    return kwargs


def _chat_model(config: LLMConfig):
    """One model object per event loop and settings (its HTTP pool belongs to the loop that opened it)."""
    from langchain.chat_models import init_chat_model

    per_loop = _models.setdefault(asyncio.get_running_loop(), {})
    key = (config.model, config.api_key, config.base_url, config.timeout, config.temperature, config.max_tokens)
    if key not in per_loop:
        try:
            per_loop[key] = init_chat_model(**model_kwargs(config))
        except errors.ProviderError:
            raise
        except Exception as exc:  # missing integration package, unknown provider, bad settings
            raise errors.ProviderError("not_configured", detail=f"{type(exc).__name__}: {exc}") from exc
    return per_loop[key]


def translate(exc: BaseException) -> errors.ProviderError:
    """The integration's exception (usually the provider SDK's, sometimes wrapped) -> ProviderError."""
    if isinstance(exc, errors.ProviderError):
        return exc
    seen: BaseException | None = exc
    for _ in range(4):  # LangChain integrations wrap SDK errors; look through __cause__
        if seen is None:
            break
        status = getattr(seen, "status_code", None) or getattr(seen, "code", None)
        if isinstance(status, int) and 400 <= status < 600:
            return errors.from_status(status, str(getattr(seen, "message", "") or seen))
        names = {cls.__name__ for cls in type(seen).__mro__}
        if names & {"TimeoutException", "TimeoutError", "APITimeoutError", "ReadTimeout"}:
            return errors.timeout(str(seen))
        if names & {"TransportError", "ConnectError", "RemoteProtocolError", "ConnectionError",
                    "APIConnectionError"}:
            return errors.unreachable(str(seen))
        seen = seen.__cause__ or seen.__context__
    return errors.malformed(f"{type(exc).__name__}: {exc}")


def to_messages(system: str, items: list[Item]) -> list:
    from langchain_core.messages import AIMessage, HumanMessage, SystemMessage, ToolMessage

    messages: list = [SystemMessage(content=system)]
    for item in items:
        if isinstance(item, Said):
            messages.append(HumanMessage(content=item.text) if item.role == "user" else AIMessage(content=item.text))
        elif isinstance(item, AssistantStep):
            if isinstance(item.raw, AIMessage):
                messages.append(item.raw)  # as the model sent it (keeps e.g. Gemini's thought signatures)
            else:
                messages.append(AIMessage(content=item.text, tool_calls=[
                    {"id": c.id, "name": c.name, "args": c.args or {}} for c in item.calls]))
        elif isinstance(item, ToolResults):
            messages.extend(ToolMessage(content=json.dumps(result, default=str, ensure_ascii=False),
                                        tool_call_id=call.id, name=call.name) for call, result in item.results)
    return messages


def _declarations(tools: list[ToolSpec]) -> list[dict]:
    """The registry's JSON schemas in the OpenAI function format every integration accepts."""
    return [{"type": "function", "function": {"name": t.name, "description": t.description,
                                              "parameters": t.parameters}} for t in tools]


def _raw_arguments(message) -> dict[str, str]:
    """Tool call id -> the arguments exactly as the provider sent them (JSON text), where it sent text."""
    raw: dict[str, str] = {}
    for chunk in getattr(message, "tool_call_chunks", None) or []:  # streamed (aggregated chunks)
        if chunk.get("id") and isinstance(chunk.get("args"), str):
            raw[chunk["id"]] = chunk["args"]
    for call in (message.additional_kwargs or {}).get("tool_calls") or []:  # OpenAI, whole reply
        function = call.get("function") or {}
        if call.get("id") and isinstance(function.get("arguments"), str):
            raw.setdefault(call["id"], function["arguments"])
    return raw


def _strict(raw: str | None, parsed) -> dict | None:
    """LangChain repairs truncated JSON (`{"fixture_id": "12` becomes `{"fixture_id": "12"}`); a call
    whose arguments were cut must not run with a guess, so the provider's own text decides."""
    if raw is None:
        return parsed if isinstance(parsed, dict) else None
    try:
        value = json.loads(raw or "{}")
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _calls(message) -> list[Call]:
    raw = _raw_arguments(message)
    calls = [Call(id=tc.get("id") or f"call_{i}", name=tc["name"], args=_strict(raw.get(tc.get("id")), tc["args"]))
             for i, tc in enumerate(message.tool_calls or [])]
    # Arguments the integration could not parse as JSON: the call still reaches the tool gate, as invalid.
    calls += [Call(id=tc.get("id") or f"bad_{i}", name=tc.get("name") or "", args=None)
              for i, tc in enumerate(getattr(message, "invalid_tool_calls", None) or [])]
    return calls


def _tokens(message) -> int:
    usage = getattr(message, "usage_metadata", None) or {}
    return int(usage.get("total_tokens") or 0)


# The integration package init_chat_model loads for a provider (imported up front, see LangChainClient).
INTEGRATIONS = {"google_genai": "langchain_google_genai", "openai": "langchain_openai", "ollama": "langchain_ollama"}


class LangChainClient:
    """One model step through a LangChain chat model: `astream` (streaming) or `ainvoke`."""

    def __init__(self) -> None:
        # LangChain's imports take about a second: pay it when the engine is built, not inside the first
        # turn's time budget (where it would eat the retries).
        import importlib

        from django.conf import settings

        importlib.import_module("langchain.chat_models")
        provider = str(getattr(settings, "LLM_MODEL", "")).partition(":")[0]
        module = INTEGRATIONS.get(provider, "langchain_openai" if getattr(settings, "LLM_BASE_URL", "") else None)
        if module:
            try:
                importlib.import_module(module)
            except ImportError:  # reported per turn as not_configured, answered offline
                pass

    async def prepare(self, config: LLMConfig) -> None:
        """Build this loop's model object before the turn's time budget starts (it takes ~0.1-0.4 s)."""
        _chat_model(config)

    async def step(self, *, system: str, items: list[Item], tools: list[ToolSpec], allow_tools: bool,
                   config: LLMConfig) -> AsyncIterator[Event]:
        try:
            model = _chat_model(config)
            if tools:
                model = model.bind_tools(_declarations(tools), tool_choice="auto" if allow_tools else "none")
            messages = to_messages(system, items)
            if config.streaming:
                whole = None
                async for chunk in model.astream(messages):
                    whole = chunk if whole is None else whole + chunk
                    if chunk.text:
                        yield TextDelta(chunk.text)
            else:
                whole = await model.ainvoke(messages)
                if whole.text:
                    yield TextDelta(whole.text)
        except errors.ProviderError:
            raise
        except Exception as exc:
            raise translate(exc) from exc
        if whole is None:
            raise errors.malformed("empty reply")
        if not (whole.response_metadata or {}).get("finish_reason"):
            raise errors.malformed("the reply ended without a finish reason")  # e.g. a stream cut midway
        calls = _calls(whole)
        if not whole.text and not calls:
            raise errors.malformed("the reply has neither text nor a tool call")
        for call in calls:
            yield CallRequested(call)
        yield Usage(_tokens(whole))
        # A call whose arguments were not JSON is echoed back rebuilt from `calls` (with `{}`), so every
        # tool result has its call in the history.
        yield StepDone(raw=None if any(c.args is None for c in calls) else _as_message(whole))


def _as_message(whole):
    """A streamed sum of chunks as a plain AIMessage, to go back into the history verbatim."""
    from langchain_core.messages import AIMessage, AIMessageChunk

    if isinstance(whole, AIMessageChunk):
        return AIMessage(content=whole.content, tool_calls=whole.tool_calls, additional_kwargs=whole.additional_kwargs,
                         response_metadata=whole.response_metadata, id=whole.id)
    return whole
