"""The words a message named a club by, as written: what a question back quotes ("Which Madrid do you mean?")."""

from __future__ import annotations

from .mentions import ARTICLES
from .names import get_index
from .text import fold, tokenize


def written_choice(message: str, picked: str) -> str:
    """The words of `message` that named `picked` as one of several clubs ("the spurs game" -> "spurs"), as written;
    the club's name when no such words are found."""
    index, tokens = get_index(), tokenize(fold(message))
    for n in range(min(3, len(tokens)), 0, -1):
        for i in range(len(tokens) - n + 1):
            if n > 1 and tokens[i].text in ARTICLES:
                continue  # "el Madrid": the question quotes "Madrid", the article is the sentence's
            if index.choices.get(" ".join(tok.text for tok in tokens[i : i + n]), ())[:1] == (picked,):
                written = message[tokens[i].start : tokens[i + n - 1].end]
                return written[:1].upper() + written[1:] if written.islower() else written  # "spurs": "Spurs"
    return picked
