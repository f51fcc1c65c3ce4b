"""A/B experiments on how the assistant answers, assigned deterministically per identity.

- `recommendation_style`: `conservative` (point the user at the most likely pick) vs
  `value_seeking` (point at the pick with the smallest bookmaker margin).
- `answer_length`: `concise` (the answer as is) vs `detailed` (plus a line explaining the numbers).

The turn service puts the assignment in `ctx.metadata["experiments"]` (never taken from the client)
and stores it on the assistant message; engines read it from there. Assignment hashes the
experiment name with the identity key (`user:<id>`, `guest:<id>`; anonymous clients by
conversation), so a user sees the same variant on every device and every process, and changing
one experiment never reshuffles another. The dashboard compares variants by feedback and follow-ups.
"""

from __future__ import annotations

import hashlib
import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils.translation import pgettext_lazy

from chatbet_project.i18n import PerLanguage

if TYPE_CHECKING:
    from accounts.identity import Identity

EXPERIMENTS: dict[str, tuple[str, ...]] = {
    "recommendation_style": ("conservative", "value_seeking"),
    "answer_length": ("concise", "detailed"),
}


def enabled() -> bool:
    """`CHAT_EXPERIMENTS_ENABLED=false` keeps recording the assignment but answers as the control would."""
    return bool(getattr(settings, "CHAT_EXPERIMENTS_ENABLED", True))


def assignment_key(*, identity: Identity, session_id: uuid.UUID | str | None) -> str:
    """Whom the assignment sticks to: the account or guest, else (anonymous) the conversation."""
    if identity is not None and not identity.is_anonymous:
        return identity.key
    return f"session:{session_id}" if session_id else "anon"


def variant(*, experiment: str, key: str) -> str:
    """The variant of `experiment` for `key`: stable across processes and releases (no random, no salt rotation)."""
    variants = EXPERIMENTS[experiment]
    digest = hashlib.sha256(f"{experiment}:{key}".encode()).digest()
    return variants[int.from_bytes(digest[:8], "big") % len(variants)]


def assign(*, key: str) -> dict[str, str]:
    return {name: variant(experiment=name, key=key) for name in EXPERIMENTS}


def variants_for(*, identity: Identity, session_id: uuid.UUID | str | None) -> dict[str, str]:
    """The variants for this turn's speaker (what the turn service records on the answer)."""
    return assign(key=assignment_key(identity=identity, session_id=session_id))


def _active(metadata: dict | None, experiment: str) -> str | None:
    if not enabled():
        return None
    return ((metadata or {}).get("experiments") or {}).get(experiment)


# --- what the offline engine does with them ---------------------------------------------------------

_PICK_LINES = {
    "conservative": PerLanguage(pgettext_lazy(
        "experiment pick",
        "Most likely of these: {label} — {match} ({prob}% implied).")),
    "value_seeking": PerLanguage(pgettext_lazy(
        "experiment pick",
        "Best value of these: {label} — {match} (bookmaker margin {margin}%).")),
}

_DETAIL_LINES = {
    "odds_information": PerLanguage(pgettext_lazy(
        "experiment detail",
        "How to read this: implied probability = 1 / odds; the margin is how far the implied probabilities of a "
        "market add up above 100%.")),
    "bet_simulation": PerLanguage(pgettext_lazy(
        "experiment detail",
        "How it is computed: returns = stake × odds; profit = returns − stake.")),
    "betting_recommendation": PerLanguage(pgettext_lazy(
        "experiment detail",
        "How these were picked: real prices in the risk band, ranked by the probability and the margin shown; "
        "returns = stake × odds.")),
}


def recommendation_lines(picks: list[dict], *, metadata: dict | None, language: str) -> list[str]:
    """One line pointing at the pick the user's recommendation style favours (none without picks)."""
    style = _active(metadata, "recommendation_style")
    if style not in _PICK_LINES or len(picks) < 2:
        return []
    if style == "conservative":
        pick = max(picks, key=lambda p: p.get("implied_probability") or 0)
    else:
        pick = min(picks, key=lambda p: p.get("margin_percent") if p.get("margin_percent") is not None else 1e9)
    template = _PICK_LINES[style].get(language, _PICK_LINES[style]["en"])
    fixture = pick.get("fixture") or {}
    match = f"{fixture.get('home')} vs {fixture.get('away')}" if fixture.get("home") else "-"
    return [template.format(label=pick.get("label", ""), match=match, prob=pick.get("implied_probability"),
                            margin=pick.get("margin_percent"))]


def detail_line(intent: str, language: str) -> str:
    """The explanation line of `intent` in `language` (what the `detailed` variant appends)."""
    lines = _DETAIL_LINES[intent]
    return lines.get(language, lines["en"])


# The tools whose numbers each detail line explains: an answer without them ("no such match; the nearest are…", a
# fixture list, a which-club question) has no prices to explain.
_EXPLAINED_TOOLS = {
    "odds_information": {"get_odds", "implied_probability_and_margin"},
    "bet_simulation": {"simulate_bet"},
    "betting_recommendation": {"recommend_bets"},
}


def shape_answer(text: str, *, intent: str, metadata: dict | None, language: str, tool_calls: list[dict]) -> str:
    """The `detailed` variant explains the numbers of odds, simulations and recommendations
    (only when the tools that priced them answered: an error message or a list of matches is not explained)."""
    if _active(metadata, "answer_length") != "detailed":
        return text
    if not tool_calls or any(str(c.get("result_summary", "")).startswith("error") for c in tool_calls):
        return text
    if not _EXPLAINED_TOOLS.get(intent, set()) & {c.get("name") for c in tool_calls}:
        return text
    lines = _DETAIL_LINES.get(intent)
    if not lines or not text:
        return text
    line = lines.get(language, lines["en"])
    if line in text:  # the engine already explains it (recommendations always say how picks were made)
        return text
    return f"{text}\n{line}"
