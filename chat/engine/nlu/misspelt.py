"""A misspelt key word of an intent, written right before the intent is read ("balanse", "shedule", "recomend").

Why: a one-word or short message lives on its key word; a slip of one letter leaves the cues and the model nothing
to read ("balanse" was off-topic). Only the words that name what is asked (the balance, the schedule, a tip, a
comparison) are corrected, only a word chat never writes (no word of the training corpus nor of the language lists,
which keeps "balanza", "balances" or "compara" as written), and only a slip of a key word: a letter swapped, dropped
or doubled, or two letters swapped, never its first letter ("mixtures" is no "fixtures"). An inflection of a key word
("balanced", "suggested", "simulating") or another ending of it ("carteiro", "balança", "horarios") is a word of the
language, left as written, and so are the few real words a slip away (`REAL_WORDS`). Names are blanked before.
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
# Real words a slip away from a key word that no rule below tells apart ("similar" is a vowel from "simular").
REAL_WORDS = frozenset({"similar"})
# Endings that inflect a key word ("balance" + "d", "recommend" + "ing", "simulat(e)" + "ed", "torneo" + "s").
_INFLECTIONS = ("s", "es", "d", "ed", "ing", "er", "ers", "r", "ar", "ou", "ei", "o", "a", "os", "as")
_VOWELS = frozenset("aeiou")
_WORD = re.compile(r"\b[a-z]{5,}\b")  # folded words of five letters or more
_CUTOFF = 85.0
_heard: frozenset[str] | None = None


def _vocabulary() -> frozenset[str]:
    global _heard
    if _heard is None:
        _heard = frozenset(chat_vocabulary())
    return _heard


def _inflected(word: str, key: str) -> bool:
    """`word` is `key` with an inflection ("balanced", "suggested", "comparing") or another vowel ending ("carteiro",
    "balanca", "partidas")."""
    stems = (key, key[:-1]) if key[-1] in _VOWELS else (key,)
    if any(word == stem + ending for stem in stems for ending in _INFLECTIONS):
        return True
    if len(word) != len(key):
        return False
    differ = [i for i, (a, b) in enumerate(zip(word, key, strict=True)) if a != b]
    return all(i >= len(key) - 2 and word[i] in _VOWELS and key[i] in _VOWELS for i in differ)


def _slip(word: str, key: str) -> bool:
    """`word` is `key` mistyped: a letter swapped ("balanse"), dropped ("shedule"), doubled ("ballance"), or two
    neighbours swapped ("balacne"); the first letter is never the slip."""
    if word[0] != key[0] or _inflected(word, key):
        return False
    if len(word) == len(key):
        return True  # swapped letters, within the similarity cutoff
    if len(word) == len(key) - 1:
        return any(key[:i] + key[i + 1 :] == word for i in range(1, len(key)))
    if len(word) == len(key) + 1:
        return any(word[:i] + word[i + 1 :] == key and word[i] == word[i - 1] for i in range(1, len(word)))
    return False


def _spelled(match: re.Match[str]) -> str:
    word = match.group(0)
    if word in KEY_WORDS or word in REAL_WORDS or word in _vocabulary():
        return word
    near = process.extract(word, KEY_WORDS, scorer=fuzz.ratio, score_cutoff=_CUTOFF, limit=None)
    if any(_inflected(word, key) for key, _score, _i in near):
        return word  # "balanced", "carteiro": a word of the language
    return next((key for key, _score, _i in near if _slip(word, key)), word)


def spelled_out(cue_text: str) -> str:
    """The cue text with each misspelt key word written as the key word (see the module)."""
    return _WORD.sub(_spelled, cue_text)
