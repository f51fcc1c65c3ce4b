"""Helpers the benchmark scripts share (they run as `python bench/<script>.py`, so `bench/` is on the path)."""

from __future__ import annotations

import json
import os
import resource
import socket
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path

RESULTS_DIR = Path(__file__).resolve().parent / "results"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def free_port_block(size: int = 100) -> int:
    """A base port with `base .. base + size - 1` free (deploy/cluster.sh puts backends there)."""
    for _ in range(100):
        base = free_port()
        if base + size >= 65535:
            continue
        try:
            for port in range(base, base + size):
                with socket.socket() as sock:
                    sock.bind(("127.0.0.1", port))
        except OSError:
            continue
        return base
    raise RuntimeError("no free block of ports")


def raise_fd_limit() -> None:
    """Thousands of sockets need more file descriptors than the usual soft limit of 1024."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = hard if hard != resource.RLIM_INFINITY else 65536
    if soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))


def offline_sqlite_environment(prefix: str) -> Path:
    """Point Django at a throwaway SQLite database, no Redis, the offline engine (set before
    `django.setup()`); returns the temporary folder."""
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chatbet_project.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["LLM_PROVIDER"] = "offline"
    return workdir


def write_result(name: str, data: dict) -> Path:
    """`bench/results/<name>.json`, pretty-printed; returns its path."""
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    out = RESULTS_DIR / f"{name}.json"
    out.write_text(json.dumps(data, indent=2, default=str))
    return out


# The mix of `turn_cost.py` and `turn_instructions.py`: five-turn conversations with follow-ups.
TURN_CONVERSATIONS = [
    ["hi", "when does Arsenal play next?", "and the odds?", "what if I bet 50 on Arsenal?",
     "what if I bet 20 instead?"],
    ["What football matches are on this week?", "odds for Arsenal", "Show me tomorrow's Premier League games",
     "who is playing today?", "What are the odds for Real Madrid vs Barcelona?"],
    ["matches tomorrow", "and this weekend?", "odds for Bayern Munich", "compare it with Dortmund",
     "what is BTTS?"],
    ["hello", "what can you do?", "best odds for the next Champions League match", "which tournaments are there?",
     "¿cuándo juega el Barça?"],
]


TRANSPORTS = ("service", "socket", "bare")
ORIGIN = "http://localhost:4200"  # an allowed origin (ws_load.py's browsers)


def prepare_turn_mix(*, prefix: str, seed: int, database_url: str | None = None,
                     redis_url: str | None = None, transport: str = "service") -> Callable[[int], int]:
    """Set Django up as `ws_load.py` serves it (offline engine, sandbox; a temporary SQLite file unless
    `database_url`), migrate, store `seed` messages of other conversations, and return `run(n)`: at least
    `n` turns of `TURN_CONVERSATIONS` (a fresh client message id per message), driven from `async_to_sync` so
    database hops come back to this thread; it returns the turns run. `transport`:
    - "service": through `chat.services.turns.stream_reply` (a new guest per conversation);
    - "socket": through the project's ASGI application as a client's frames (`channels.testing`'s
      communicator, no server): origin check, the JWT middleware, `ChatConsumer`, every frame of the turn
      encoded as JSON; one socket per five-turn conversation, opened (its ack read) before and closed after;
    - "bare": the same socket life on `bench/bare_app.py`'s consumer (one frame in, five out): the floor
      `ws_load.py` compares a turn with, each "turn" one reply."""
    if transport not in TRANSPORTS:
        raise ValueError(f"transport: one of {TRANSPORTS}")
    offline_sqlite_environment(prefix)
    os.environ.update({"THROTTLE_CHAT": "1000000/min", "THROTTLE_CHAT_IP": "1000000/min",  # one client address
                       "WS_MAX_CONNECTIONS_PER_IP": "100000", "WS_MAX_CONNECTIONS_PER_USER": "100000"})
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    if redis_url:
        os.environ["REDIS_URL"] = redis_url
        os.environ["CELERY_TASK_ALWAYS_EAGER"] = "true"
    os.environ["DEBUG"] = "false"
    import django

    django.setup()
    from asgiref.sync import async_to_sync
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if database_url:  # a reused database: the same starting point as the fresh SQLite file
        from chat.models import Conversation as StoredConversation

        StoredConversation.objects.all().delete()

    from accounts.identity import guest_identity
    from chat.events import TurnFinished
    from chat.models import Conversation, Message
    from chat.services.turns import stream_reply

    seed_conversations = [Conversation(guest_id=uuid.uuid4().hex, title="seed") for _ in range(seed // 10)]
    Conversation.objects.bulk_create(seed_conversations, batch_size=500)
    Message.objects.bulk_create(
        [Message(conversation=conv, role=role, content=f"seed {i}",
                 client_message_id=str(uuid.uuid4()) if role == "user" else None)
         for conv in seed_conversations for i in range(5) for role in ("user", "assistant")],
        batch_size=1000)

    async def conversation(texts: list[str], identity) -> int:
        session = None
        turns = 0
        for text in texts:
            async for event in stream_reply(session_id=session, identity=identity, content=text,
                                            client_message_id=str(uuid.uuid4()), metadata={}):
                if isinstance(event, TurnFinished):
                    session = event.result.session_id
                    turns += 1
        return turns

    if transport != "service":
        from asgiref.testing import ApplicationCommunicator

        if transport == "socket":
            from chatbet_project.asgi import application
        else:
            from bare_app import application
        path = "/ws/chat" if transport == "socket" else "/ws/bare"
        scope = {"type": "websocket", "path": path, "raw_path": path.encode(), "query_string": b"",
                 "headers": [(b"host", b"127.0.0.1"), (b"origin", ORIGIN.encode())], "subprotocols": [],
                 "client": ("127.0.0.1", 40000), "server": ("127.0.0.1", 8000)}

        async def frame(socket) -> dict:
            message = await socket.receive_output(timeout=30)
            if message["type"] != "websocket.send":
                raise RuntimeError(f"{path}: {message}")
            return json.loads(message["text"])

        async def conversation(texts: list[str], identity) -> int:  # noqa: F811 - the socket's own
            # asgiref's communicator as the server's side of the socket (channels.testing's adds a mock patch
            # around every frame): the application sees what daphne would hand it.
            socket = ApplicationCommunicator(application, dict(scope))
            await socket.send_input({"type": "websocket.connect"})
            accepted = await socket.receive_output(timeout=30)
            if accepted["type"] != "websocket.accept":
                raise RuntimeError(f"{path}: the socket was refused ({accepted})")
            await frame(socket)  # the acknowledgement
            for text in texts:
                await socket.send_input({"type": "websocket.receive", "text": json.dumps(
                    {"type": "user_message", "content": text, "message_id": str(uuid.uuid4())})})
                if transport == "bare":
                    for _ in range(5):
                        await frame(socket)
                    continue
                while True:  # a turn ends with "typing": false (docs/websocket-protocol.md)
                    answer = await frame(socket)
                    if answer.get("type") == "error":
                        raise RuntimeError(f"the socket answered an error: {answer}")
                    if answer.get("type") == "typing" and not answer.get("is_typing"):
                        break
            await socket.send_input({"type": "websocket.disconnect", "code": 1000})
            await socket.wait(timeout=30)
            return len(texts)

    async def run(n: int) -> int:
        done = 0
        while done < n:
            for texts in TURN_CONVERSATIONS:
                done += await conversation(texts, guest_identity(uuid.uuid4().hex))
        return done

    return async_to_sync(run)
