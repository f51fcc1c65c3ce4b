"""Going back to a match talked about before an aside ("back to that match", "volviendo a ese partido", "voltando
àquele jogo"): the match in focus before the last one is kept for a while, and such a message takes it back."""

from __future__ import annotations

import re

from .nlu.text import fold
from .turn import FIXTURE_KEYS, Turn

# Going back to a match talked about before an aside ("back to that match", "volviendo a ese partido").
_BACK_TO = re.compile(r"\bback\s+to\b|\b(?:before|earlier|previous|de\s+antes|anterior)\b"
                      r"|\b(?:volv\w*|regres\w*|de\s+vuelta|retomando|volt\w*|de\s+volta)\s+(?:a|al|ao|pro|pra|para"
                      r"|aquele|aquela|aquel|aquella|ese|esa|esse|essa)\b")  # "voltando àquele jogo"
# What takes a user back to a match further back than the last answer: "the earlier match", "el primero", "o anterior".
_EARLIER = re.compile(r"\b(?:before|earlier|previous|de\s+antes|anterior)\b"  # not "the first half"
                      r"|\b(?:first|primer[oa]?|primeir[oa])\b(?!\s+(?:half|tiempo|tempo|mitad))")


def go_back(turn: Turn, previous: dict | None) -> None:
    """The match in focus before the last one, kept while the focus stays: "back to that match" right after another
    one was shown, or "the earlier match" / "back to the first one" later, takes it back into focus (and the match
    left becomes the one before it); any other message keeps it for later."""
    if not previous:
        return
    context, folded = turn.context, fold(turn.ctx.message)
    if not _BACK_TO.search(folded) or (previous.get("turns") and not _EARLIER.search(folded)):
        context["previous_fixture"] = {**previous, "turns": (previous.get("turns") or 0) + 1}
        return
    leaving = {key: context.get(key) for key in FIXTURE_KEYS}
    context.update({key: previous.get(key) for key in FIXTURE_KEYS})
    context["previous_fixture"] = leaving if leaving.get("fixture_id") else None
    turn.went_back = True
