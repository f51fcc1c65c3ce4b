"""docs/websocket-protocol.md lists everything the sockets can say: each frame type both ways, each
error code and each close code the code can send. A frame added to the code and not to the page fails
here. The consumers are found through the ASGI routes, so moving modules does not break the check."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

DOC = (Path(__file__).resolve().parents[1] / "docs" / "websocket-protocol.md").read_text(encoding="utf-8")
CHAT_DOC, SPORTS_DOC = DOC.split("\n## `/ws/sports-updates`", 1)


def consumer_modules() -> dict[str, object]:
    """{"chat": module of the /ws/chat consumer, "sports": module of the /ws/sports-updates one}."""
    from chatbet_project.asgi import application

    while not hasattr(application, "application_mapping"):  # the outer ASGI middlewares (trusted proxies, ...)
        application = application.app
    router = application.application_mapping["websocket"].application.inner
    found = {}
    for route in router.routes:
        consumer = getattr(route.callback, "consumer_class", None)
        pattern = str(route.pattern)
        for name, marker in (("chat", "ws/chat"), ("sports", "ws/sports-updates")):
            if consumer is not None and marker in pattern:
                found[name] = inspect.getmodule(consumer)
    assert set(found) == {"chat", "sports"}, found
    return found


def sent_types(module) -> set[str]:
    return set(re.findall(r'"type":\s*"(\w+)"', inspect.getsource(module.protocol)))


def sent_error_codes(module) -> set[str]:
    codes = set(re.findall(r'protocol\.error\(\s*"(\w+)"', inspect.getsource(module)))
    if hasattr(module, "error_code_for"):
        codes |= set(re.findall(r'return "(\w+)"', inspect.getsource(module.error_code_for)))
    return codes


def documented(section: str, name: str) -> bool:
    return f"`{name}`" in section or f'"{name}"' in section


def test_every_chat_frame_error_and_close_code_is_documented():
    chat = consumer_modules()["chat"]
    server_frames = sent_types(chat)
    client_frames = set(chat.ChatFrameSerializer().fields["type"].choices)
    errors = sent_error_codes(chat)
    assert {"connection_ack", "streaming_end", "error"} <= server_frames and "user_message" in client_frames
    assert {"invalid_json", "rate_limited", "message_too_long"} <= errors  # the scan finds them
    missing = [n for n in server_frames | client_frames | errors if not documented(CHAT_DOC, n)]
    assert not missing, f"not in docs/websocket-protocol.md (/ws/chat): {missing}"
    notices = set(re.findall(r'code="(\w+)"', inspect.getsource(chat.protocol)))
    assert notices and all(documented(CHAT_DOC, n) for n in notices)


@pytest.mark.parametrize("socket", ["chat", "sports"])
def test_every_close_code_is_documented(socket):
    from accounts import ws_auth

    module = consumer_modules()[socket]
    codes = {ws_auth.CLOSE_UNAUTHORIZED, ws_auth.CLOSE_TOO_MANY}
    codes |= {value for name, value in vars(module.protocol).items() if name.startswith("CLOSE_")}
    section = CHAT_DOC if socket == "chat" else SPORTS_DOC
    assert all(str(code) in section for code in codes), codes


def test_every_sports_frame_and_error_code_is_documented():
    from datetime import UTC, datetime

    from sports.domain import OddsChange

    sports = consumer_modules()["sports"]
    push = OddsChange(fixture_id="1", tournament_id="2", market="1x2", old_odds={}, new_odds={},
                      timestamp=datetime(2026, 12, 1, tzinfo=UTC)).as_wire()
    server_frames = sent_types(sports) | {push["type"]}
    client_frames = set(sports.SubscriptionFrameSerializer().fields["type"].choices)
    client_frames |= set(re.findall(r'content\.get\("type"\) == "(\w+)"', inspect.getsource(sports)))
    errors = sent_error_codes(sports)
    assert {"sports_update", "subscription_status"} <= server_frames and "ping" in client_frames
    missing = [n for n in server_frames | client_frames | errors | set(push) if not documented(SPORTS_DOC, n)]
    assert not missing, f"not in docs/websocket-protocol.md (/ws/sports-updates): {missing}"
