"""Local fake LLM servers speaking the real wire formats, for tests with no internet.

`FakeGemini` answers `POST /v1beta/models/{model}:generateContent` (JSON) and
`:streamGenerateContent?alt=sse` (server-sent events); `FakeOpenAI` answers
`POST /v1/chat/completions` (JSON, or SSE `data: {...}` chunks ending in `data: [DONE]` when the
body asks for `"stream": true`). Both are real HTTP servers on a free 127.0.0.1 port, threaded,
pointed to by the SDKs' base-URL setting.

Each test scripts the replies, in order: `Text`, `ToolCall`, `Error`, `Malformed`, `Hang`.
A reply is rendered in the format the request asked for (streamed or not), so the same script
drives both modes. Every request is recorded (`server.requests`) for assertions on what the
model was sent. An unscripted request gets a 500 so a test never hangs on a missing reply.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


# --- What a test scripts -----------------------------------------------------------------------
@dataclass
class Text:
    """A text answer; `chunks` is how it is split when streamed (default: by word)."""

    text: str
    chunks: list[str] | None = None
    prompt_tokens: int = 40
    completion_tokens: int = 12
    pace: float = 0.0  # seconds between streamed events, like a model generating

    def pieces(self) -> list[str]:
        if self.chunks is not None:
            return self.chunks
        words = self.text.split(" ")
        return [w + (" " if i < len(words) - 1 else "") for i, w in enumerate(words)]


@dataclass
class ToolCall:
    """One or more function calls (name, arguments), optionally after some text."""

    calls: list[tuple[str, dict]]
    text: str = ""
    prompt_tokens: int = 30
    completion_tokens: int = 8
    raw_arguments: str | None = None  # OpenAI: send this exact (possibly broken) arguments string
    signature: str | None = None  # Gemini: a thoughtSignature (base64) on the functionCall part

    def arguments(self, args: dict) -> str:
        return self.raw_arguments if self.raw_arguments is not None else json.dumps(args)


@dataclass
class Error:
    status: int = 500
    message: str = "internal error"


@dataclass
class Malformed:
    """A 200 whose body is not what the API promises."""

    body: str = "<html>upstream proxy says hi</html>"


@dataclass
class Hang:
    """Answer nothing for `seconds` (the client should time out first)."""

    seconds: float = 5.0


@dataclass
class BreakAfter:
    """Stream `text` pieces, then cut the connection without finishing the stream."""

    text: str


@dataclass
class Blocked:
    """Gemini refuses the prompt on content grounds (`promptFeedback.blockReason`, no candidates)."""

    reason: str = "SAFETY"


Reply = Text | ToolCall | Error | Malformed | Hang | BreakAfter | Blocked


@dataclass
class Recorded:
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: Any
    raw: str = ""

    @property
    def stream(self) -> bool:
        return "streamGenerateContent" in self.path or bool(isinstance(self.body, dict) and self.body.get("stream"))


@dataclass
class _State:
    script: deque = field(default_factory=deque)
    requests: list[Recorded] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    stop: threading.Event = field(default_factory=threading.Event)


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):  # a client that timed out and left is expected
        return


class _FakeServer:
    """Shared machinery: thread, script queue, request log."""

    def __init__(self) -> None:
        self.state = _State()
        handler = type("Handler", (_Handler,), {"fake": self})
        self.httpd = _QuietServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    # lifecycle
    def start(self) -> _FakeServer:
        self.thread.start()
        return self

    def close(self) -> None:
        self.state.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=2)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.close()

    @property
    def port(self) -> int:
        return self.httpd.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # scripting
    def queue(self, *replies: Reply) -> None:
        with self.state.lock:
            self.state.script.extend(replies)

    @property
    def requests(self) -> list[Recorded]:
        with self.state.lock:
            return list(self.state.requests)

    def _next(self, recorded: Recorded) -> Reply:
        with self.state.lock:
            self.state.requests.append(recorded)
            return self.state.script.popleft() if self.state.script else Error(500, "no scripted reply left")

    # rendering, per provider
    def accepts(self, path: str) -> bool:  # pragma: no cover - overridden
        raise NotImplementedError

    def render_json(self, reply: Text | ToolCall) -> dict:  # pragma: no cover - overridden
        raise NotImplementedError

    def render_events(self, reply: Text | ToolCall) -> list[str]:  # pragma: no cover - overridden
        raise NotImplementedError

    def render_partial_events(self, text: str) -> list[str]:  # pragma: no cover - overridden
        raise NotImplementedError

    def render_error(self, reply: Error) -> dict:  # pragma: no cover - overridden
        raise NotImplementedError


class _Handler(BaseHTTPRequestHandler):
    fake: _FakeServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # keep test output quiet
        return

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode() if length else ""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = raw
        parts = urlsplit(self.path)
        recorded = Recorded(path=parts.path, query=parse_qs(parts.query),
                            headers={k.lower(): v for k, v in self.headers.items()}, body=body, raw=raw)
        if not self.fake.accepts(parts.path):
            return self._send_json(404, {"error": {"code": 404, "message": f"no route {parts.path}"}})
        reply = self.fake._next(recorded)
        if isinstance(reply, Hang):
            self.fake.state.stop.wait(reply.seconds)
            reply = Error(504, "too late")
        if isinstance(reply, Error):
            return self._send_json(reply.status, self.fake.render_error(reply))
        if isinstance(reply, Malformed):
            return self._send_raw(200, reply.body.encode(), "application/json")
        if isinstance(reply, BreakAfter):
            return self._send_broken_stream(reply, recorded)
        if isinstance(reply, Blocked):
            payload = {"promptFeedback": {"blockReason": reply.reason},
                       "usageMetadata": {"promptTokenCount": 9, "totalTokenCount": 9}}
            if recorded.stream:
                return self._send_events([json.dumps(payload)])
            return self._send_json(200, payload)
        if recorded.stream:
            return self._send_events(self.fake.render_events(reply), pace=getattr(reply, "pace", 0.0))
        return self._send_json(200, self.fake.render_json(reply))

    def _send_raw(self, status: int, data: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _send_json(self, status: int, payload: dict) -> None:
        self._send_raw(status, json.dumps(payload).encode(), "application/json; charset=UTF-8")

    def _start_events(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True

    def _send_events(self, events: list[str], pace: float = 0.0) -> None:
        self._start_events()
        for event in events:
            self.wfile.write(f"data: {event}\r\n\r\n".encode())
            self.wfile.flush()
            if pace:
                self.fake.state.stop.wait(pace)

    def _send_broken_stream(self, reply: BreakAfter, recorded: Recorded) -> None:
        events = self.fake.render_partial_events(reply.text)  # no finish reason, no usage, no [DONE]
        self._start_events()
        for event in events:
            self.wfile.write(f"data: {event}\r\n\r\n".encode())
        self.wfile.write(b"data: {\"truncated")  # half an event, then the connection dies
        self.wfile.flush()
        time.sleep(0.05)


# --- Gemini ------------------------------------------------------------------------------------
class FakeGemini(_FakeServer):
    """`/v1beta/models/{model}:generateContent` and `:streamGenerateContent?alt=sse`."""

    model_version = "gemini-2.5-flash"

    def accepts(self, path: str) -> bool:
        return path.startswith("/v1beta/models/") and (
            path.endswith(":generateContent") or path.endswith(":streamGenerateContent"))

    @staticmethod
    def _usage(reply: Text | ToolCall) -> dict:
        return {"promptTokenCount": reply.prompt_tokens, "candidatesTokenCount": reply.completion_tokens,
                "totalTokenCount": reply.prompt_tokens + reply.completion_tokens}

    def _candidate(self, parts: list[dict], finish: str | None) -> dict:
        candidate: dict = {"content": {"parts": parts, "role": "model"}, "index": 0}
        if finish:
            candidate["finishReason"] = finish
        return candidate

    @staticmethod
    def _call_parts(reply: ToolCall) -> list[dict]:
        extra = {"thoughtSignature": reply.signature} if reply.signature else {}
        return [{"functionCall": {"name": name, "args": args}, **extra} for name, args in reply.calls]

    def render_json(self, reply: Text | ToolCall) -> dict:
        if isinstance(reply, Text):
            parts = [{"text": reply.text}]
        else:
            parts = ([{"text": reply.text}] if reply.text else []) + self._call_parts(reply)
        return {"candidates": [self._candidate(parts, "STOP")], "usageMetadata": self._usage(reply),
                "modelVersion": self.model_version, "responseId": "fake-1"}

    def render_events(self, reply: Text | ToolCall) -> list[str]:
        events: list[dict] = []
        if isinstance(reply, Text):
            pieces = reply.pieces()
            for i, piece in enumerate(pieces):
                last = i == len(pieces) - 1
                event = {"candidates": [self._candidate([{"text": piece}], "STOP" if last else None)],
                         "modelVersion": self.model_version, "responseId": "fake-1"}
                if last:
                    event["usageMetadata"] = self._usage(reply)
                events.append(event)
        else:
            if reply.text:
                events.append({"candidates": [self._candidate([{"text": reply.text}], None)],
                               "modelVersion": self.model_version})
            events.append({"candidates": [self._candidate(self._call_parts(reply), "STOP")],
                           "usageMetadata": self._usage(reply), "modelVersion": self.model_version})
        return [json.dumps(e) for e in events]

    def render_partial_events(self, text: str) -> list[str]:
        return [json.dumps({"candidates": [self._candidate([{"text": piece}], None)]})
                for piece in Text(text).pieces()]

    def render_error(self, reply: Error) -> dict:
        status = {429: "RESOURCE_EXHAUSTED", 500: "INTERNAL", 503: "UNAVAILABLE", 504: "DEADLINE_EXCEEDED",
                  400: "INVALID_ARGUMENT"}.get(reply.status, "UNKNOWN")
        return {"error": {"code": reply.status, "message": reply.message, "status": status}}


# --- OpenAI-compatible -------------------------------------------------------------------------
class FakeOpenAI(_FakeServer):
    """`/v1/chat/completions`, JSON or SSE (`data: {...}` chunks, then `data: [DONE]`)."""

    model = "fake-model"

    def accepts(self, path: str) -> bool:
        return path == "/v1/chat/completions"

    @staticmethod
    def _usage(reply: Text | ToolCall) -> dict:
        return {"prompt_tokens": reply.prompt_tokens, "completion_tokens": reply.completion_tokens,
                "total_tokens": reply.prompt_tokens + reply.completion_tokens}

    def _envelope(self, obj: str, choices: list[dict], usage: dict | None = None) -> dict:
        payload = {"id": "chatcmpl-fake", "object": obj, "created": int(time.time()), "model": self.model,
                   "choices": choices}
        if usage is not None:
            payload["usage"] = usage
        return payload

    @staticmethod
    def _tool_calls(reply: ToolCall) -> list[dict]:
        return [{"id": f"call_{i}", "type": "function", "function": {"name": name, "arguments": reply.arguments(args)}}
                for i, (name, args) in enumerate(reply.calls)]

    def render_json(self, reply: Text | ToolCall) -> dict:
        if isinstance(reply, Text):
            message = {"role": "assistant", "content": reply.text}
            finish = "stop"
        else:
            message = {"role": "assistant", "content": reply.text or None, "tool_calls": self._tool_calls(reply)}
            finish = "tool_calls"
        return self._envelope("chat.completion", [{"index": 0, "message": message, "finish_reason": finish}],
                              self._usage(reply))

    def _chunk(self, delta: dict, finish: str | None = None) -> str:
        return json.dumps(self._envelope("chat.completion.chunk",
                                         [{"index": 0, "delta": delta, "finish_reason": finish}]))

    def render_events(self, reply: Text | ToolCall) -> list[str]:
        events = [self._chunk({"role": "assistant", "content": ""})]
        if isinstance(reply, Text):
            events += [self._chunk({"content": piece}) for piece in reply.pieces()]
            finish = "stop"
        else:
            if reply.text:
                events.append(self._chunk({"content": reply.text}))
            for i, (name, args) in enumerate(reply.calls):
                arguments = reply.arguments(args)
                half = len(arguments) // 2  # arguments arrive in fragments, as real servers send them
                events.append(self._chunk({"tool_calls": [{"index": i, "id": f"call_{i}", "type": "function",
                                                           "function": {"name": name, "arguments": ""}}]}))
                events.append(self._chunk({"tool_calls": [{"index": i, "function": {"arguments": arguments[:half]}}]}))
                events.append(self._chunk({"tool_calls": [{"index": i, "function": {"arguments": arguments[half:]}}]}))
            finish = "tool_calls"
        events.append(self._chunk({}, finish))
        events.append(json.dumps(self._envelope("chat.completion.chunk", [], self._usage(reply))))
        events.append("[DONE]")
        return events

    def render_partial_events(self, text: str) -> list[str]:
        return [self._chunk({"role": "assistant", "content": ""})] + [
            self._chunk({"content": piece}) for piece in Text(text).pieces()]

    def render_error(self, reply: Error) -> dict:
        return {"error": {"message": reply.message, "type": "server_error", "code": str(reply.status)}}


# --- test support: point the engines at a fake, build turns, read what the model was sent -------
class FakeLLM:
    """A started fake server of the given provider, with settings pointing the engine at it."""

    def __init__(self, provider: str, settings) -> None:
        # "langchain:gemini" / "langchain:openai": LLM_PROVIDER=langchain with that integration and wire format.
        self.provider, _, backend = provider.partition(":")
        self.wire = "gemini" if (backend or self.provider) == "gemini" else "openai"
        self.server = FakeGemini() if self.wire == "gemini" else FakeOpenAI()
        self.settings = settings

    @property
    def model(self) -> str:
        bare = "gemini-2.5-flash" if self.wire == "gemini" else "fake-model"
        if self.provider != "langchain":
            return bare
        return f"{'google_genai' if self.wire == 'gemini' else 'openai'}:{bare}"

    def __enter__(self) -> FakeLLM:
        self.server.start()
        s = self.settings
        s.LLM_PROVIDER = self.provider
        s.LLM_MODEL = self.model
        s.LLM_API_KEY = "test-api-key"
        s.LLM_BASE_URL = self.server.base_url + ("" if self.wire == "gemini" else "/v1")
        s.LLM_TIMEOUT = 2.0
        s.LLM_RETRIES = 1
        s.LLM_RETRY_BASE_DELAY = 0.01
        s.LLM_RETRY_MAX_DELAY = 0.02
        s.LLM_BREAKER_FAIL_MAX = 5
        s.LLM_BREAKER_RESET_SECONDS = 3600
        s.LLM_MAX_TOOL_STEPS = 4
        s.LLM_CACHE_TTL = 0
        s.LLM_STREAMING = True
        from chat.engine.llm import reset_breakers

        reset_breakers()
        return self

    def __exit__(self, *exc) -> None:
        from chat.engine.llm import reset_breakers

        self.server.close()
        reset_breakers()

    def queue(self, *replies: Reply) -> None:
        self.server.queue(*replies)

    @property
    def requests(self) -> list[Recorded]:
        return self.server.requests

    def engine(self):
        from chat.engine.llm import build_llm_engine

        return build_llm_engine(self.provider)

    # reading requests in either wire format
    def system_prompt(self, index: int = 0) -> str:
        body = self.requests[index].body
        if self.wire == "gemini":
            return "".join(p.get("text", "") for p in body["systemInstruction"]["parts"])
        return body["messages"][0]["content"]

    def declared_tools(self, index: int = 0) -> list[str]:
        body = self.requests[index].body
        if self.wire == "gemini":
            return [d["name"] for t in body.get("tools", []) for d in t.get("functionDeclarations", [])]
        return [t["function"]["name"] for t in body.get("tools", [])]

    def tool_results(self, index: int) -> list[tuple[str, dict]]:
        """(name, result) of every tool result sent back in request `index`, in the wire format."""
        body = self.requests[index].body
        if self.wire == "gemini":
            last = body["contents"][-1]
            return [(p["functionResponse"]["name"], p["functionResponse"]["response"])
                    for p in last["parts"] if "functionResponse" in p]
        calls = {tc["id"]: tc["function"]["name"] for m in body["messages"] if m["role"] == "assistant"
                 for tc in m.get("tool_calls") or []}
        return [(calls.get(m["tool_call_id"], "?"), json.loads(m["content"])) for m in body["messages"]
                if m["role"] == "tool"]

    def tools_forbidden(self, index: int) -> bool:
        """True when request `index` told the model it may not call tools (the last step of the loop)."""
        body = self.requests[index].body
        if self.wire == "gemini":
            return body.get("toolConfig", {}).get("functionCallingConfig", {}).get("mode") == "NONE"
        return body.get("tool_choice") == "none"


def turn_context(*, message: str, identity=None, language: str = "en", memory=None, metadata=None,
                 session_id=None):
    import uuid
    from datetime import UTC, datetime

    from accounts.identity import ANONYMOUS
    from chat.engine.base import TurnContext
    from chat.engine.memory import ConversationMemory

    return TurnContext(session_id=session_id or uuid.uuid4(), identity=identity or ANONYMOUS, message=message,
                       language=language, timezone="UTC", memory=memory or ConversationMemory(),
                       now=datetime.now(UTC), metadata=dict(metadata or {}))


async def run_turn(engine, ctx) -> tuple[list[str], Any]:
    """Every chunk the engine streamed, and its final EngineAnswer."""
    from chat.engine.base import EngineAnswer

    chunks, answer = [], None
    async for item in engine.stream(ctx):
        if isinstance(item, EngineAnswer):
            assert answer is None, "exactly one EngineAnswer per turn"
            answer = item
        else:
            assert answer is None, "no chunk after the EngineAnswer"
            chunks.append(item)
    assert answer is not None
    return chunks, answer


def pre_match_fixture():
    """A sandbox fixture that has not started: its odds do not drift during a test (live ones do)."""
    from sports.services.fixtures import find_fixtures

    return next(f for f in find_fixtures(limit=50) if f.status == "pre_match")
