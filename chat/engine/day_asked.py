"""A day said alone after an answer ("and tomorrow?", "¿y el domingo?", "e amanhã?"): the last question, asked of that
day. After a listing, the same competition's or team's matches that day; after a team's odds, the odds of its match
that day (or "no match that day" with the nearest); after tips, tips for that day; after a competition's match
priced ("odds for today's Serie A game"), that competition's match that day, asked which when several play: never the
answer for the day before again.
"""

from __future__ import annotations

from .answer import TEAM_INTENTS
from .frame_cues import settle
from .turn import Turn


def ask_of_the_day(turn: Turn, *, last_intent: str | None, known_teams: list[str], focus: str | None) -> None:
    """`turn` says a day and little else right after an answer: fill what it leaves out. `known_teams`: the
    conversation's teams; `focus`: the one team it is about (None after a match or a competition)."""
    slots, context = turn.slots, turn.context
    if last_intent == "betting_recommendation" and turn.intent in ("match_schedule", "odds_information") \
            and slots.date_from and not slots.teams and not slots.tournament:
        settle(turn, last_intent)  # "a tip for the weekend" then "e amanhã?": tips for tomorrow, not its fixtures
        slots.risk = slots.risk or context.get("risk")
    elif turn.intent == "match_schedule" and not slots.teams and slots.date_from \
            and last_intent == "match_schedule" and not slots.tournament:
        if context.get("query_team"):
            slots.teams = [context["query_team"]]
        elif context.get("tournament"):
            slots.tournament = context["tournament"]
    elif turn.intent == "match_schedule" and not slots.teams and slots.date_from \
            and last_intent in TEAM_INTENTS and known_teams and not slots.tournament:
        if last_intent == "odds_information" and not focus and context.get("tournament"):
            slots.tournament = context["tournament"]  # "odds for today's Serie A game": Serie A's games tomorrow
            context.pop("fixture_id", None)  # never today's match again: tomorrow's, or which of them asked
        else:
            slots.teams = [known_teams[0]]  # "compare Madrid..." then "and tomorrow?": Madrid's games tomorrow
        if last_intent == "odds_information":
            settle(turn, last_intent)  # "odds for Madrid" then "and tomorrow?": the odds of its game tomorrow
    elif turn.intent in ("match_schedule", "odds_information") and not slots.teams and slots.date_from \
            and last_intent in TEAM_INTENTS and not known_teams and context.get("tournament") and not slots.tournament:
        slots.tournament = context["tournament"]  # "today's Serie A game" then "and tomorrow?": Serie A tomorrow
        if last_intent == "odds_information":
            context.pop("fixture_id", None)
            settle(turn, last_intent)  # its odds, the match asked when several play
