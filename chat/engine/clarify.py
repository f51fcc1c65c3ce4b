"""The clarifying question asked when the understanding abstains (en/es/pt).

Why: in a betting product a confident wrong answer is the worst kind, so a message the model is
unsure about gets "did you mean A or B?" with the two most likely readings as suggested actions, each
written so that tapping it is understood without doubt (it names the team or stake the user gave).
"""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

from chatbet_project.i18n import PerLanguage

# What each reading means, in a few words.
READING = {
    "match_schedule": PerLanguage(pgettext_lazy("clarify reading", "when a match is on")),
    "odds_information": PerLanguage(pgettext_lazy("clarify reading", "the odds")),
    "betting_recommendation": PerLanguage(pgettext_lazy("clarify reading", "a betting tip")),
    "team_comparison": PerLanguage(pgettext_lazy("clarify reading", "a comparison of two teams")),
    "balance_query": PerLanguage(pgettext_lazy("clarify reading", "your balance")),
    "bet_simulation": PerLanguage(pgettext_lazy("clarify reading", "what a stake would return")),
    "tournament_info": PerLanguage(pgettext_lazy("clarify reading", "the leagues I cover")),
    "general_betting_info": PerLanguage(pgettext_lazy("clarify reading", "how betting works")),
    "greeting": PerLanguage(pgettext_lazy("clarify reading", "just saying hello")),
    "help": PerLanguage(pgettext_lazy("clarify reading", "what I can do")),
}

# The suggested action for each reading: (with a team, without one).
ACTION = {
    "match_schedule": PerLanguage((
        pgettext_lazy("clarify suggestion", "When does {team} play?"),
        pgettext_lazy("clarify suggestion", "Matches today"),
    )),
    "odds_information": PerLanguage((
        pgettext_lazy("clarify suggestion", "Odds for {team}"),
        pgettext_lazy("clarify suggestion", "Odds for today's matches"),
    )),
    "betting_recommendation": PerLanguage((
        pgettext_lazy("clarify suggestion", "Recommend a bet on {team}"),
        pgettext_lazy("clarify suggestion", "Recommend a bet"),
    )),
    "team_comparison": PerLanguage((
        pgettext_lazy("clarify suggestion", "Compare {team} and {team2}"),
        pgettext_lazy("clarify suggestion", "What can you do?"),
    )),
    "balance_query": PerLanguage((
        pgettext_lazy("clarify suggestion", "What's my balance?"),
        pgettext_lazy("clarify suggestion", "What's my balance?"),
    )),
    "bet_simulation": PerLanguage((
        pgettext_lazy("clarify suggestion", "If I bet {amount} on {team}, what do I win?"),
        pgettext_lazy("clarify suggestion", "If I bet 10, what do I win?"),
    )),
    "tournament_info": PerLanguage((
        pgettext_lazy("clarify suggestion", "Which leagues do you cover?"),
        pgettext_lazy("clarify suggestion", "Which leagues do you cover?"),
    )),
    "general_betting_info": PerLanguage((
        pgettext_lazy("clarify suggestion", "How do odds work?"),
        pgettext_lazy("clarify suggestion", "How do odds work?"),
    )),
    "greeting": PerLanguage((
        pgettext_lazy("clarify suggestion", "Hello"),
        pgettext_lazy("clarify suggestion", "Hello"),
    )),
    "help": PerLanguage((
        pgettext_lazy("clarify suggestion", "What can you do?"),
        pgettext_lazy("clarify suggestion", "What can you do?"),
    )),
}

QUESTION = PerLanguage(pgettext_lazy("clarify question", "I'm not sure what you're asking: {a} or {b}?"))


def _action(intent: str, language: str, *, teams: list[str], amount: str | None) -> str:
    with_team, without = ACTION[intent][language]
    values = {"team": teams[0] if teams else None, "team2": teams[1] if len(teams) > 1 else None, "amount": amount}
    needed = [key for key in ("team", "team2", "amount") if "{" + key + "}" in with_team]
    if all(values[key] for key in needed):
        return with_team.format(**values)
    return without


def clarifying_question(readings: list[str], language: str, *, teams: list[str],
                        amount: str | None = None) -> tuple[str, list[str]]:
    """(question, suggested actions) for the two most likely readings (out_of_scope is never offered)."""
    language = language if language in QUESTION else "en"
    top = [intent for intent in readings if intent in READING][:2]
    while len(top) < 2:
        top.append("help" if "help" not in top else "match_schedule")
    a, b = (READING[intent][language] for intent in top)
    actions = list(dict.fromkeys(_action(intent, language, teams=teams, amount=amount) for intent in top))
    for fallback in ("help", "match_schedule"):
        if len(actions) < 2 and ACTION[fallback][language][1] not in actions:
            actions.append(ACTION[fallback][language][1])
    return QUESTION[language].format(a=a, b=b), actions
