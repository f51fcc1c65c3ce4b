"""A reference the conversation cannot resolve ("the second one" with no list shown, "the other team"
with no match in focus): ask, never guess."""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

from chatbet_project.i18n import PerLanguage

from .. import match_asked
from ..answer import suggestions
from ..formatting import has_draw
from ..turn import Turn

# The questions back, as catalogue messages (English msgids; Spanish and Portuguese in `locale/`).
QUESTIONS: dict[str, PerLanguage] = {
    "no_list": PerLanguage(pgettext_lazy("reference question", "Which one do you mean? There is no list of matches "
                                                               "to pick from right now: tell me the team or the "
                                                               "match.")),
    "list_short": PerLanguage(pgettext_lazy("reference question", "I only listed {n} matches: which one do you "
                                                                  "mean?")),
    "no_middle": PerLanguage(pgettext_lazy("reference question", "I listed {n} matches, so none is in the middle: "
                                                                 "which one do you mean?")),
    "no_match": PerLanguage(pgettext_lazy("reference question", "Which match do you mean? Tell me the teams (e.g. "
                                                                "\"odds for Arsenal\").")),
    "which_side": PerLanguage(pgettext_lazy("reference question", "On which result of {match}: {home}, {away}, or "
                                                                  "the draw?")),
    "which_side_no_draw": PerLanguage(pgettext_lazy("reference question", "On which side of {match}: {home} or "
                                                                          "{away}?")),
    "which_side_draw_none": PerLanguage(pgettext_lazy("reference question", "{match} can't end in a draw: on which "
                                                                            "side, {home} or {away}?")),
    "no_stake_to_change": PerLanguage(pgettext_lazy("reference question", "There's no bet to change yet: on which "
                                                                          "match and which result? (e.g. \"what if I "
                                                                          "bet 10 on Arsenal?\")")),
    "which_listed": PerLanguage(pgettext_lazy("reference question", "Which of the matches I listed do you mean? "
                                                                    "Tap one, or tell me the team or its place in "
                                                                    "the list (e.g. \"the second one\").")),
    "no_team": PerLanguage(pgettext_lazy("reference question", "Which team do you mean? Tell me its name.")),
}


# The draw as a suggested answer to "On which result of ...?" (the two teams are the other two).
THE_DRAW = PerLanguage(pgettext_lazy("which side action", "the draw"))


def ask_reference(turn: Turn) -> tuple[str, list[str]]:
    """The question back for an unresolved reference, in the user's language."""
    asked_for, turn.intent = turn.intent, "clarification"
    key = turn.question or "no_match"
    if key in ("no_match", "no_team"):  # "odds for that match?", "and the other team?" with none in focus: the match
        match_asked.keep(turn, [], intent=asked_for, open_ask=True)  # named next goes on with the request
    turn.context["asked"] = "which_side" if key.startswith("which_side") else key  # its answer may come next
    # ("Taylor Fritz", "the draw")
    if key == "which_side" and not has_draw(turn.context.get("fixture_sport")):
        key = "which_side_no_draw"
    table = QUESTIONS[key]
    listed = len(turn.context.get("last_list") or [])
    home, away = (turn.context.get("fixture_teams") or ["", ""])[:2]
    text = (table.get(turn.language) or table["en"]).format(n=listed, match=f"{home} vs {away}", home=home, away=away)
    if key.startswith("which_side") and home and away:  # each result a tap away; the answer continues the bet
        no_draw = key in ("which_side_no_draw", "which_side_draw_none")
        draw = [] if no_draw else [str(THE_DRAW.get(turn.language) or THE_DRAW["en"])]
        return text, [home, *draw, away]
    if key == "which_listed":  # each listed match a tap away (its odds), in the order shown
        listed = [f"{item['home']} vs {item['away']}" for item in turn.context.get("last_list") or []]
        return text, [suggestions("schedule", turn.language, match=match, team="")[0] for match in listed[:4]]
    return text, suggestions("generic", turn.language)
