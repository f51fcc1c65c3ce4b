"""Pushes of the chat app: the only place chat talks to the channel layer's groups.

Answer chunks never go through here (they are sent straight from the consumer that owns the
socket, see bench/README.md, trap 1); only control messages do. Today that is one: a session taken over
by a new connection, possibly in another process.
"""

from __future__ import annotations

import uuid

from channels.layers import get_channel_layer


def session_group(session_id: uuid.UUID | str) -> str:
    """The group every connection of a session joins: `session.<uuid>`."""
    return f"session.{session_id}"


async def announce_session_takeover(*, session_id: uuid.UUID | str, new_channel: str) -> None:
    """Tell the older connections of this session (in any process) that `new_channel` replaces them."""
    layer = get_channel_layer()
    if layer is None:
        return
    await layer.group_send(session_group(session_id), {"type": "session.takeover", "new_channel": new_channel})
