"""Gemini through Google's maintained `google-genai` SDK (the older `google-generativeai` is deprecated).

The SDK's base URL (`HttpOptions.base_url`) points at `LLM_BASE_URL` when set, which is how the
tests talk to a local fake server. Its own retries stay off: ours (tenacity) own retry and backoff,
so one setting governs both providers. Automatic function calling is off too: the engine runs the
tool loop itself, to enforce which tools may run for whom.
"""

from __future__ import annotations

import asyncio
import uuid
import weakref
from collections.abc import AsyncIterator

from google import genai
from google.genai import errors as genai_errors
from google.genai import types

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

API_VERSION = "v1beta"  # function calling and streaming, as documented for the Gemini API

_clients: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _client(config: LLMConfig) -> genai.Client:
    """One SDK client per event loop and settings (its HTTP pool belongs to the loop that opened it)."""
    per_loop = _clients.setdefault(asyncio.get_running_loop(), {})
    key = (config.api_key, config.base_url, config.timeout)
    if key not in per_loop:
        options = types.HttpOptions(api_version=API_VERSION, timeout=int(config.timeout * 1000),
                                    base_url=config.base_url or None)
        per_loop[key] = genai.Client(api_key=config.api_key or "unset", http_options=options)
    return per_loop[key]


def translate(exc: BaseException) -> errors.ProviderError:
    """SDK/transport exceptions → ProviderError with the retry decision."""
    if isinstance(exc, errors.ProviderError):
        return exc
    if isinstance(exc, genai_errors.APIError):
        return errors.from_status(int(exc.code or 500), str(exc.message or exc))
    names = {cls.__name__ for cls in type(exc).__mro__}  # httpx and the SDK's bundled httpx2
    if names & {"TimeoutException", "TimeoutError"}:
        return errors.timeout(str(exc))
    if names & {"TransportError", "ConnectError", "RemoteProtocolError", "ConnectionError"}:
        return errors.unreachable(str(exc))
    return errors.malformed(f"{type(exc).__name__}: {exc}")


def _contents(items: list[Item]) -> list[types.Content]:
    contents: list[types.Content] = []
    for item in items:
        if isinstance(item, Said):
            role = "user" if item.role == "user" else "model"
            contents.append(types.Content(role=role, parts=[types.Part(text=item.text)]))
        elif isinstance(item, AssistantStep):
            parts = item.raw or (
                ([types.Part(text=item.text)] if item.text else [])
                + [types.Part(function_call=types.FunctionCall(id=c.id, name=c.name, args=c.args or {}))
                   for c in item.calls])
            contents.append(types.Content(role="model", parts=parts))
        elif isinstance(item, ToolResults):
            parts = [types.Part(function_response=types.FunctionResponse(id=call.id, name=call.name,
                                                                         response=result))
                     for call, result in item.results]
            contents.append(types.Content(role="user", parts=parts))
    return contents


def _config(*, system: str, tools: list[ToolSpec], allow_tools: bool, config: LLMConfig):
    declared = [types.Tool(function_declarations=[
        types.FunctionDeclaration(name=t.name, description=t.description, parameters_json_schema=t.parameters)
        for t in tools])] if tools else None
    tool_config = None
    if declared:
        mode = types.FunctionCallingConfigMode.AUTO if allow_tools else types.FunctionCallingConfigMode.NONE
        tool_config = types.ToolConfig(function_calling_config=types.FunctionCallingConfig(mode=mode))
    return types.GenerateContentConfig(
        system_instruction=system,
        temperature=config.temperature,
        max_output_tokens=config.max_tokens,
        tools=declared,
        tool_config=tool_config,
        automatic_function_calling=types.AutomaticFunctionCallingConfig(disable=True),
    )


class _StepParser:
    """Turns response chunks (streamed or whole) into events; remembers the parts to echo back."""

    def __init__(self) -> None:
        self.parts: list[types.Part] = []
        self.text: list[str] = []
        self.finished = False
        self.tokens = 0
        self.calls = 0

    def feed(self, response: types.GenerateContentResponse) -> list[Event]:
        events: list[Event] = []
        if response.usage_metadata and response.usage_metadata.total_token_count:
            self.tokens = max(self.tokens, int(response.usage_metadata.total_token_count))
        if not response.candidates:
            if response.prompt_feedback and response.prompt_feedback.block_reason:
                raise errors.ProviderError("blocked", detail=str(response.prompt_feedback.block_reason))
            return events
        candidate = response.candidates[0]
        if candidate.finish_reason:
            self.finished = True
        for part in (candidate.content.parts if candidate.content and candidate.content.parts else []):
            if part.function_call and part.function_call.name:
                self.parts.append(part)
                self.calls += 1
                call = part.function_call
                args = dict(call.args) if isinstance(call.args, dict) else None if call.args is not None else {}
                events.append(CallRequested(Call(id=call.id or f"call_{uuid.uuid4().hex[:8]}",
                                                 name=call.name, args=args)))
            elif part.text and not part.thought:
                self.text.append(part.text)
                events.append(TextDelta(part.text))
            elif part.thought or part.thought_signature:
                self.parts.append(part)  # thinking parts go back as they came
        return events

    def close(self) -> list[Event]:
        if not self.finished:
            raise errors.malformed("the reply ended without a finish reason")
        if not self.text and not self.calls:
            raise errors.malformed("the reply has neither text nor a function call")
        raw = ([types.Part(text="".join(self.text))] if self.text else []) + self.parts
        return [Usage(self.tokens), StepDone(raw=raw)]


class GeminiClient:
    """`generateContent` / `streamGenerateContent?alt=sse` with function declarations."""

    async def step(self, *, system: str, items: list[Item], tools: list[ToolSpec], allow_tools: bool,
                   config: LLMConfig) -> AsyncIterator[Event]:
        parser = _StepParser()
        try:
            client = _client(config)
            request = dict(model=config.model, contents=_contents(items),
                           config=_config(system=system, tools=tools, allow_tools=allow_tools, config=config))
            if config.streaming:
                async for chunk in await client.aio.models.generate_content_stream(**request):
                    for event in parser.feed(chunk):
                        yield event
            else:
                for event in parser.feed(await client.aio.models.generate_content(**request)):
                    yield event
            closing = parser.close()
        except Exception as exc:
            raise translate(exc) from exc
        for event in closing:
            yield event

