"""A misspelt key word of an intent, written right before the intent is read ("balanse", "shedule", "recomend").

Why: a one-word or short message lives on its key word; a slip of one letter leaves the cues and the model nothing
to read ("balanse" was off-topic). Only the words that name what is asked (the balance, the schedule, a tip, a
comparison) are corrected, only a word chat never writes (no word of the training corpus nor of the language lists,
which keeps "balanza", "balances" or "compara" as written), and only one edit away: names are blanked before.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from .vocabulary import chat_vocabulary

# The key words a request is made of, per intent, in the three languages (folded).
KEY_WORDS: tuple[str, ...] = (
    "balance", "saldo", "wallet", "billetera", "carteira",
    "schedule", "fixtures", "calendario", "horario", "partidos",
    "recommend", "recommendation", "suggest", "prediction", "predictions", "recomienda", "recomendacion",
    "recomendame", "pronostico", "recomenda", "recomendacao", "palpite", "palpites",
    "compare", "comparison", "comparar", "comparacion", "comparacao",
    "simulate", "simulation", "simular", "simulacion", "simulacao",
    "handicap", "tournament", "tournaments", "torneo", "torneos", "campeonato",
)
_WORD = re.compile(r"\b[a-z]{5,}\b")  # folded words of five letters or more
_CUTOFF = 85.0
_heard: frozenset[str] | None = None


def _vocabulary() -> frozenset[str]:
    global _heard
    if _heard is None:
        _heard = frozenset(chat_vocabulary())
    return _heard


def _spelled(match: re.Match[str]) -> str:
    word = match.group(0)
    if word in KEY_WORDS or word in _vocabulary():
        return word
    best = process.extractOne(word, KEY_WORDS, scorer=fuzz.ratio, score_cutoff=_CUTOFF)
    return best[0] if best is not None else word


def spelled_out(cue_text: str) -> str:
    """The cue text with each misspelt key word written as the key word (see the module)."""
    return _WORD.sub(_spelled, cue_text)
