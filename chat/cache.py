"""Every cache key the chat app uses, in one place (readers and writers share these)."""

from __future__ import annotations

MEMORY_TTL = 3600  # seconds: hot conversation memory
DEDUP_WINDOW_SECONDS = 600  # a repeated client message id within 10 minutes is a duplicate
IDENTICAL_CONTENT_SECONDS = 2.0  # the same text again within 2 s is ignored
SESSION_CLAIM_TTL = 86400  # seconds a session handed out by `connection_ack` stays resumable before its first message


def memory_key(session_id) -> str:
    return f"chat:memory:v1:{session_id}"


def session_claim_key(session_id) -> str:
    """Who was handed a session that has no stored conversation yet (see `claim_session`)."""
    return f"chat:claim:v1:{session_id}"


def anon_client_message_key(identity_key: str, client_message_id: str) -> str:
    """Maps an identity's client message id to the conversation it was first sent in."""
    return f"chat:clientmsg:v1:{identity_key}:{client_message_id}"


def llm_answer_key(*, provider: str, model: str, prompt_version: str, language: str, day: str, digest: str) -> str:
    """A public-data LLM answer, by normalized question (digest) and local day; see chat/engine/llm/cache.py."""
    return f"chat:llm:v1:{provider}:{model}:{prompt_version}:{language}:{day}:{digest}"
