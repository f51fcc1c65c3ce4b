"""The offline engine (skeleton: the data-grounded answers land next)."""

from __future__ import annotations

from collections.abc import AsyncIterator

from .base import EngineAnswer, TurnContext, estimate_tokens


class OfflineEngine:
    name = "offline"

    def answer(self, ctx: TurnContext) -> EngineAnswer:
        text = "I can show fixtures, odds, comparisons and bet simulations. What would you like to know?"
        return EngineAnswer(text=text, intent="help", confidence=0.5, entities={},
                            suggested_actions=["Matches today", "Odds for Real Madrid"], tool_calls=[],
                            token_count=estimate_tokens(text), engine=self.name, metadata={})

    async def stream(self, ctx: TurnContext) -> AsyncIterator[str | EngineAnswer]:
        answer = self.answer(ctx)
        yield answer.text
        yield answer
