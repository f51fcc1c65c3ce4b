"""The system prompt: a versioned template file filled with the user's language, preferences and
the conversation's structured context.

Only what helps the answer goes in. Never credentials: no user key, no upstream user id, no token;
the template has no slot for them and `preferences_for` reads an allow-list of fields.
"""

from __future__ import annotations

import functools
import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from accounts.selectors import get_betting_link, get_profile
from chatbet_project.db import db_sync_to_async

from .messages import Said

PROMPT_VERSION = "v1"
PROMPTS_DIR = Path(__file__).resolve().parent.parent / "prompts"
LANGUAGE_NAMES = {"en": "English", "es": "Spanish", "pt_br": "Brazilian Portuguese"}
# Context keys worth telling the model (pending_bet is handled by the confirmation flow, not the model).
# The dialogue frame too ("the other team", "the second one"): catalogue names and ids only.
CONTEXT_FOR_MODEL = ("teams", "focus_team", "tournament", "fixture_id", "fixture_label", "fixture_teams", "last_list",
                     "market", "selection", "line", "stake", "currency", "date_from", "date_to", "last_intent")


@functools.cache
def template(version: str = PROMPT_VERSION) -> str:
    return (PROMPTS_DIR / f"system_{version}.md").read_text(encoding="utf-8")


def _preferences_sync(user_id: int) -> dict:
    link = get_betting_link(user_id=user_id)
    if link is not None:
        return {
            "favourite_teams": link.favourite_teams,
            "preferred_markets": link.preferred_markets,
            "risk_appetite": link.risk_appetite,
            "default_stake": str(link.default_stake) if link.default_stake is not None else None,
            "currency": link.currency,
            "daily_stake_limit": str(link.daily_stake_limit) if link.daily_stake_limit is not None else None,
            "self_excluded": link.is_self_excluded,
            "chatbet_account_linked": True,
        }
    profile = get_profile(user_id=user_id)
    if profile is None:
        return {"chatbet_account_linked": False}
    return {"favourite_teams": list(profile.favourite_teams or []), "risk_appetite": profile.risk_appetite,
            "currency": profile.currency, "chatbet_account_linked": False}


async def preferences_for(identity) -> dict:
    """Allow-listed betting preferences of a signed-in user; {} for guests and anonymous clients."""
    if identity is None or not identity.is_authenticated:
        return {}
    try:
        return await db_sync_to_async(_preferences_sync)(identity.user_id)
    except Exception:  # preferences improve answers; their absence must not fail the turn
        return {}


def _describe_preferences(identity, prefs: dict) -> str:
    if identity is None or not identity.is_authenticated:
        who = "a guest" if identity is not None and identity.is_guest else "an anonymous visitor"
        return f"The user is {who}, not signed in: no account data, no balance, no bets."
    lines = ["The user is signed in."]
    lines += [f"- {key}: {json.dumps(value, ensure_ascii=False)}" for key, value in prefs.items()
              if value not in (None, [], "")]
    return "\n".join(lines)


def _describe_context(context: dict) -> str:
    lines = [f"- {key}: {json.dumps(context[key], ensure_ascii=False, default=str)}"
             for key in CONTEXT_FOR_MODEL if context.get(key) not in (None, [], "")]
    return "\n".join(lines) if lines else "- nothing yet (first question of the conversation)"


def render(*, ctx, language: str, preferences: dict, version: str = PROMPT_VERSION) -> str:
    identity = ctx.identity
    authenticated = bool(identity is not None and identity.is_authenticated)
    try:
        local_now = ctx.now.astimezone(ZoneInfo(ctx.timezone or "UTC"))
    except Exception:
        local_now = ctx.now
    account_rule = ("use the account tools only for this user's own requests."
                    if authenticated else
                    "this user is not signed in, so there are no account tools: ask them to sign in "
                    "for balance or bets.")
    return template(version).format(
        version=version,
        timezone=ctx.timezone or "UTC",
        now=local_now.strftime("%A %Y-%m-%d %H:%M") if isinstance(local_now, datetime) else str(local_now),
        account_rule=account_rule,
        language=language,
        language_name=LANGUAGE_NAMES.get(language, "English"),
        preferences=_describe_preferences(identity, preferences),
        context=_describe_context(ctx.memory.context if ctx.memory is not None else {}),
    )


def history_items(ctx) -> list[Said]:
    """The last 10 pairs of the conversation, then this turn's message."""
    items = [Said(role=m.get("role", "user"), text=str(m.get("content", "")))
             for m in (ctx.memory.history if ctx.memory is not None else []) if m.get("content")]
    return [*items, Said(role="user", text=ctx.message)]
