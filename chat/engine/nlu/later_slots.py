"""Slot readings added after the shipped intent model was trained (issue 17, batch 14): a game asked about "rn",
"agr", "ahorita" or "now" with its sport ("any tennis on rn?", "tem tênis rolando agr?") is live; a wish to take a
risk or a daring tip ("tô a fim de arriscar", "quiero arriesgar", "um palpite ousado") is high risk (low when negated:
"não quero arriscar").

Why apart: `extract_entities` also makes the model's features (`_live_`, `_risk_` and the rule scores), and a new
reading there changes the features of corpus sentences, so the shipped model would no longer be the one training
reproduces (chat/tests/test_nlu_model.py) until `manage.py train_nlu` runs. These are applied to the slots once the
intent is read (`understand`), where they change what the answer does and nothing the model sees; they move into
`extract_entities` (stance.py `_LIVE` / `_RISK`) with the next retraining.
"""

from __future__ import annotations

import re

from .prefilter import prefiltered
from .slang import written_out
from .stance import _RISK_NEGATED_BEFORE, find_live

# A sport or its games, then "now" in a few words ("any tennis now?", "hay tenis ahorita", "tem jogo agr?").
_SPORT_NOW = prefiltered(re.compile(
    r"\b(?:games?|matches|match|partidos?|juegos?|jogos?|partidas?|tennis|tenis|football|futbol|futebol|soccer"
    r"|basketball|baloncesto|basquete|basquet|nba)\b[^.?!,]{0,25}\b(?:now|ahora|agora|agr|ahorita|rn|atm)\b"))
# A daring tip, or a wish to take a risk ("quero arriscar", "bora arriscar", "quiero arriesgar", "wanna risk it"), not
# to risk little ("quero arriscar pouco" is the low band, markets.py).
_TAKES_A_RISK = prefiltered(re.compile(
    r"\b(?:ousad[oa]s?|atrevid[oa]s?|audaz|audaces|daring"
    r"|(?:quero|querendo|queria|a fim de|bora|vamos|vou|quiero|quisiera|tengo ganas de|want to|wanna|wanting to"
    r"|feel like|willing to|lets) (?:(?:muito|mucho|bem|hoje|hoy|today|a bit|un poco|um pouco) )?(?:arriscar"
    r"|arriesgar|arriesgarme|take (?:a|some) risks?|risk it)"
    r"(?! (?:bem |muy |muito |very |as )?(?:pouco|pouquinho|poco|poquito|little|o minimo|lo minimo|the minimum)))\b"))


def refine_slots(entities, folded: str, language: str) -> None:
    """Fill `live` and `risk` where the message says them in the words above and the extraction found none."""
    if entities.live is None and (find_live(written_out(folded, language)) or _SPORT_NOW.search(folded)):
        entities.live = True
    if entities.risk is None and (taken := _TAKES_A_RISK.search(folded)):
        entities.risk = "low" if _RISK_NEGATED_BEFORE.search(folded[: taken.start()]) else "high"
