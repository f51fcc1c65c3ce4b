"""Example messages per intent, from the one intent catalogue (`chat/intents.py`, also served by
GET /api/v1/chat/intents): every language's examples, in the catalogue's order."""

from __future__ import annotations

from chat.intents import INTENTS as CATALOGUE

INTENT_EXAMPLES: dict[str, list[str]] = {
    entry["intent"]: [text for texts in entry["examples"].values() for text in texts] for entry in CATALOGUE
}
