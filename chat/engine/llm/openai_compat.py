"""OpenAI-compatible chat completions (OpenAI, vLLM, Ollama, LM Studio...) through the official client.

The official `openai` client is the one every compatible server is tested against; `base_url`
points it at the self-hosted endpoint. Its built-in retries are off (ours own retry and backoff).
"""

from __future__ import annotations

import asyncio
import json
import weakref
from collections.abc import AsyncIterator

import openai

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

_clients: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _client(config: LLMConfig) -> openai.AsyncOpenAI:
    """One client per event loop and settings (its HTTP pool belongs to the loop that opened it)."""
    per_loop = _clients.setdefault(asyncio.get_running_loop(), {})
    key = (config.api_key, config.base_url, config.timeout)
    if key not in per_loop:
        per_loop[key] = openai.AsyncOpenAI(api_key=config.api_key or "not-needed", base_url=config.base_url or None,
                                           timeout=config.timeout, max_retries=0)
    return per_loop[key]


def translate(exc: BaseException) -> errors.ProviderError:
    if isinstance(exc, errors.ProviderError):
        return exc
    if isinstance(exc, openai.APIStatusError):
        return errors.from_status(exc.status_code, str(exc.message))
    if isinstance(exc, openai.APITimeoutError):
        return errors.timeout(str(exc))
    if isinstance(exc, openai.APIConnectionError):
        return errors.unreachable(str(exc))
    return errors.malformed(f"{type(exc).__name__}: {exc}")


def _messages(system: str, items: list[Item]) -> list[dict]:
    messages: list[dict] = [{"role": "system", "content": system}]
    for item in items:
        if isinstance(item, Said):
            messages.append({"role": "user" if item.role == "user" else "assistant", "content": item.text})
        elif isinstance(item, AssistantStep):
            message: dict = {"role": "assistant", "content": item.text or None}
            if item.calls:
                message["tool_calls"] = [
                    {"id": c.id, "type": "function",
                     "function": {"name": c.name, "arguments": json.dumps(c.args or {})}} for c in item.calls]
            messages.append(message)
        elif isinstance(item, ToolResults):
            messages.extend({"role": "tool", "tool_call_id": call.id, "content": json.dumps(result, default=str)}
                            for call, result in item.results)
    return messages


def _parse_args(raw: str) -> dict | None:
    try:
        value = json.loads(raw or "{}")
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


class OpenAICompatibleClient:
    """`POST {base_url}/chat/completions` with `tools`, streamed as SSE or as one JSON reply."""

    async def step(self, *, system: str, items: list[Item], tools: list[ToolSpec], allow_tools: bool,
                   config: LLMConfig) -> AsyncIterator[Event]:
        request: dict = dict(model=config.model, messages=_messages(system, items),
                             temperature=config.temperature, max_tokens=config.max_tokens)
        if tools:
            request["tools"] = [{"type": "function", "function": {"name": t.name, "description": t.description,
                                                                  "parameters": t.parameters}} for t in tools]
            request["tool_choice"] = "auto" if allow_tools else "none"
        try:
            if config.streaming:
                events = self._stream(await _client(config).chat.completions.create(
                    **request, stream=True, stream_options={"include_usage": True}))
                async for event in events:
                    yield event
                return
            response = await _client(config).chat.completions.create(**request)
            events = self._whole(response)
        except errors.ProviderError:
            raise
        except Exception as exc:
            raise translate(exc) from exc
        for event in events:
            yield event

    @staticmethod
    def _whole(response) -> list[Event]:
        if not getattr(response, "choices", None):
            raise errors.malformed("no choices in the reply")
        message = response.choices[0].message
        events: list[Event] = []
        if message.content:
            events.append(TextDelta(message.content))
        for tc in message.tool_calls or []:
            events.append(CallRequested(Call(id=tc.id, name=tc.function.name, args=_parse_args(tc.function.arguments))))
        if len(events) == 0:
            raise errors.malformed("the reply has neither text nor a tool call")
        tokens = response.usage.total_tokens if response.usage else 0
        return [*events, Usage(int(tokens or 0)), StepDone()]

    @staticmethod
    async def _stream(stream) -> AsyncIterator[Event]:
        pending: dict[int, dict] = {}
        finished = False
        tokens = 0
        texts = 0
        try:
            async for chunk in stream:
                if getattr(chunk, "usage", None) and chunk.usage.total_tokens:
                    tokens = int(chunk.usage.total_tokens)
                for choice in chunk.choices or []:
                    delta = choice.delta
                    if delta is not None and delta.content:
                        texts += 1
                        yield TextDelta(delta.content)
                    for tc in (delta.tool_calls if delta is not None else None) or []:
                        slot = pending.setdefault(tc.index, {"id": None, "name": "", "arguments": ""})
                        slot["id"] = tc.id or slot["id"]
                        if tc.function is not None:
                            slot["name"] += tc.function.name or ""
                            slot["arguments"] += tc.function.arguments or ""
                    if choice.finish_reason:
                        finished = True
        except errors.ProviderError:
            raise
        except Exception as exc:
            raise translate(exc) from exc
        if not finished:
            raise errors.malformed("the stream ended without a finish reason")
        if not texts and not pending:
            raise errors.malformed("the reply has neither text nor a tool call")
        for index in sorted(pending):
            slot = pending[index]
            yield CallRequested(Call(id=slot["id"] or f"call_{index}", name=slot["name"],
                                     args=_parse_args(slot["arguments"])))
        yield Usage(tokens)
        yield StepDone()
