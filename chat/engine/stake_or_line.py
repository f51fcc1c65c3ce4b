"""A number that may be a stake or something else of a real bet (its line, its 1X2 pick): asked, never guessed.

Why: "ok 1.5 then" after "Arsenal -0.5 (handicap)" prepared a slip at a stake of 1.50, "make it 3" after "Bet on
Over 3.5 goals instead?" one at a stake of 3, "no, 2" after "Arsenal to win" one at a stake of 2 (and "2" is also
the away pick): real money on a reading the user may not have meant. A number that looks like a line (x.5, x.25,
x.75, or said with line words) of a bet whose market has one is its line (a handicap's sign asked), a small whole
number there, or a bare 1 / 2 after a 1X2 bet, is asked about; the slip waiting stays as it was until answered.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django.utils.translation import pgettext_lazy

from chatbet_project.i18n import PerLanguage

from .nlu.text import fold
from .turn import Turn

TEXTS: dict[str, PerLanguage] = {
    "sign": PerLanguage(pgettext_lazy("stake or line", "Do you mean the handicap line {minus} or {plus}, or a stake "
                                                       "of {number}? The slip waiting is unchanged until you say.")),
    "slip": PerLanguage(pgettext_lazy("stake or line", "Is {number} the stake or the line? The slip waiting is "
                                                       "unchanged until you say (e.g. \"stake {number}\").")),
    "offered": PerLanguage(pgettext_lazy("stake or line", "Is {number} the stake? Nothing is prepared until you say: "
                                                          "\"stake {number}\" to bet {number} on {pick}, or tell me "
                                                          "the line you want.")),
    "pick": PerLanguage(pgettext_lazy("stake or line", "Is {number} the stake, or the pick ({number} = {team} to "
                                                       "win)? The slip waiting is unchanged until you say (e.g. "
                                                       "\"stake {number}\" or \"{team} to win\").")),
}
# A stake said as such: "stake 3", "the stake", "apuesta de 3", "o valor 3", "monto 3" (folded).
STAKE_WORD = re.compile(r"\b(?:stake|staking|amount|apuesta|monto|importe|valor|quantia|dolares|dollars|usd|eur"
                        r"|euros|reais|pesos|bucks)\b|[$€£]")
# Words that make a number a line: "line 3", "the 2.5 line", "linea", "linha", "goals", "goles", "gols".
_LINE_WORDS = re.compile(r"\b(?:lines?|lineas?|linhas?|goals?|goles?|gols?|handicap|hcap|spread|over|under|mas de"
                         r"|menos de|mais de|acima|abaixo|total)\b")
_NUMBER = re.compile(r"(?<![\w.,+-])(\d{1,3}(?:[.,]\d{1,2})?)(?![\d.,])")
_SIGNED = re.compile(r"(?<![\w.,])[+-]\d")
_LINE_LIKE = re.compile(r"\d[.,](?:25|5|75)$")
_OTHER = re.compile(r"\b(?:what|how|odds?|when|cuando|quando|cuotas?)\b|\?")


def number_said(message: str) -> str | None:
    """The one unsigned number of a short reply that asks nothing else (\"ok 1.5 then\", \"no, 2\"), else None."""
    folded = fold(message)
    if _SIGNED.search(folded) or _OTHER.search(folded) or len(folded.split()) > 7:
        return None
    numbers = _NUMBER.findall(folded)
    return numbers[0].replace(",", ".") if len(numbers) == 1 else None


def stake_named(message: str) -> Decimal | None:
    """The stake a reply names as such ("stake 2", "the stake is 2", "monto 2", "o valor 1.5"), else None."""
    said = re.fullmatch(r"\W*(?:(?:the|el|la|o|a|its|it s)\s+)?(?:stake|amount|monto|importe|valor|quantia|apuesta)"
                        r"\W*(?:(?:is|es|e|de|of|do|da)\s+)?(\d{1,6}(?:[.,]\d{1,2})?)\W*", fold(message))
    return Decimal(said.group(1).replace(",", ".")) if said else None


def line_or_stake(message: str, market: str | None, *, offered=None) -> str | None:
    """What an unsigned number in a short reply to a bet on a lined market is: "line" when it looks like a line
    (x.5, x.25, x.75, or said with line words) and "ask" when a small whole number could be either; None when it is
    plainly a stake (said as one, or no number / a large one) or no lined market."""
    if market not in ("handicap", "over_under"):
        return None
    number = number_said(message)
    if number is None or STAKE_WORD.search(fold(message)):
        return None
    if _LINE_LIKE.search(number) or _LINE_WORDS.search(fold(message)):
        return "line"
    near = offered not in (None, "") and abs(Decimal(number) - abs(Decimal(str(offered)))) <= 2
    return "ask" if Decimal(number) < 10 or near else None


def pick_or_stake(message: str, market: str | None) -> str | None:
    """"no, 2" / "1" after a 1X2 bet: the number is also a pick label (1 = home, 2 = away): "1" or "2", else None."""
    if market != "1x2" or STAKE_WORD.search(fold(message)):
        return None
    bare = re.fullmatch(r"\W*(?:(?:no+|nope|nah|nao|ok|okay|actually|mejor|better|melhor|then|entonces|entao)\W+)*"
                        r"([12])\W*(?:then|entonces|entao|please)?\W*", fold(message))
    return bare.group(1) if bare else None


def ask(turn: Turn, key: str, **values) -> None:
    """Ask about the number (the answer shown as is), the slip waiting kept for the reply, unchanged."""
    text = str(TEXTS[key].read(turn.language)).format(**values)
    turn.asked_back = (text, [])
    pending = turn.context.get("pending_bet")
    if pending:
        turn.ctx.metadata["pending_bet"] = pending  # neither withdrawn nor replaced: the answer may still take it


def signed(number: str) -> tuple[str, str]:
    value = Decimal(number)
    return f"-{value}", f"+{value}"
