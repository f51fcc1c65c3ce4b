"""What a message changes of a real bet just prepared or asked about, read from its own words: a stake restated
("actually 50", "mejor 25", "na verdade 15", "no, 20"), a line ("ok -1.5 then", "3.5 then" for a total), a new pick
said after a "no" ("no, on the draw", "não, o 2"), and the price asked of a pick ("what are the odds for the draw?",
"¿cuánto paga el empate?"), which is a question, not a bet.

Why: the NLU reads "actually 50" or "mejor 25" as no stake at all (a comparison, off-topic), "ok -1.5 then" as a bare
"ok" and "no, on the draw" as a cancel, so the change was dropped (or the old slip shown again) while the user thought
it was taken. The real bet's follow-up (`real_bet_followup.py`) applies what is read here; the slip is prepared again
with the change, to confirm as every slip is, never placed on these words.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .frame_cues import ASKS_ODDS, bare_stake, restated_stake
from .nlu.text import fold, name_key
from .selection_said import pick_said
from .simulated_bets import SAYS_NO

# Words that stop money, whatever follows a "no": "no thanks", "no, cancel it", "não quero", "no, forget it".
_STOPS = re.compile(r"\b(?:cancel\w*|forget|olvida\w*|esquece\w*|stop|para|parar|pare|thanks|thank|gracias|obrigad\w*"
                    r"|dont|don t|do not|want|quiero|quero|nada|nothing|never|nunca|deja|dejalo|deixa|leave|not now"
                    r"|ahora no|agora nao|later|luego|depois)\b")
# The words a line change may say around its number ("ok -1.5 then", "make it the -1.5 line", "con el +1 mejor").
_LINE_WORDS = frozenset("""ok okay then so make it that the a line lines handicap hcap spread linea linha de do da el
    la o con com with at on at en em please instead rather actually now mejor melhor entonces entao pues vale bueno
    sure fine goals goles gols over under total""".split())
_SIGNED = re.compile(r"(?<![\w.,])([+-]\d{1,2}(?:[.,](?:0|25|5|75))?)(?![\d.,])")
_HALF = re.compile(r"(?<![\w.,+-])(\d{1,2}[.,](?:5|25|75))(?![\d.,])")
_WHOLE = re.compile(r"(?<![\w.,+-])(\d{1,2}(?:[.,]0)?)(?![\d.,])")
_NAMES_A_LINE = re.compile(r"\b(?:line|lines|linea|linha|goals|goles|gols)\b")
# A stake verb or a currency: "what if I put 10 on the draw" or "bet the draw" is no price asked.
_STAKE_VERBS = re.compile(r"\b(?:bet|put|place|stake|apuesta\w*|apost\w*|pon\w*|mete\w*|coloca\w*|bota\w*|poe)\b")
# "how much does X pay", "cuánto paga", "quanto paga": the price asked without the word "odds".
_PAYS = re.compile(r"\b(?:how much (?:does|do|would|will)|cuanto|quanto)\b.*\b(?:pay|pays|paga|pagan|pagam)\b"
                   r"|\b(?:what s|whats|what is|what are|cual es|qual e|qual a)\b.*\b(?:price|odds?|cuotas?|odds?)\b")


def _after_no(message: str) -> str:
    """The message folded, its leading "no" ("no, 20", "nope, mejor 25", "não, 30") taken off."""
    return re.sub(r"^\W*(?:no+|nope|nah|nao)\b", " ", fold(message))


def says_no(message: str) -> bool:
    """Whether the message opens with a "no" ("no, on the draw", "nope", "não")."""
    return bool(SAYS_NO.match(fold(message)))


def stops(message: str) -> bool:
    """Whether the message says to stop the bet ("no thanks", "no, cancel it", "não quero"), whatever else it says."""
    return bool(_STOPS.search(fold(message)))


def stake_said(message: str, *, names: list[str] | tuple[str, ...] = (), language: str = "en") -> Decimal | None:
    """The stake a short reply restates ("actually 50", "mejor 25", "en realidad 40", "no, 20", "no, mejor 1.000",
    "Real Madrid, make it 20": the club's words aside); None when it says anything else ("25 goals", "odds for 25 de
    Mayo"). A number grouped by thousands is read in the user's language ("1.000" in Spanish: a thousand)."""
    folded = _after_no(message)
    if (better := restaked(message, language)) and not better[1]:
        return better[0]  # "no, better 50", "no, mejor 1.000", "não, melhor 30": the new stake, never a cancel
    for name in names:
        for word in name_key(name).split():
            folded = re.sub(rf"\b{re.escape(word)}\b", " ", folded)
    folded = re.sub(r"\b(?:one|uno|um|club|team|equipo|time)\b", " ", folded)  # "the Madrid one, 20 actually"
    if _SIGNED.search(folded):
        return None  # "ok then -0.5": a line, never a stake
    if not re.search(r"[^\W\d_]", folded):  # "no, 20": the number alone after the "no"
        bare = re.fullmatch(r"\W*(\d{1,6}(?:[.,]\d{1,2})?)\W*", folded) if says_no(message) else None
        return Decimal(bare.group(1).replace(",", ".")) if bare else None
    said = restated_stake(folded)
    return Decimal(said) if said is not None else None


def restaked(message: str, language: str) -> tuple[Decimal, bool] | None:
    """(stake, ambiguous) of "no, better 50", "no, mejor 1.000", "não, melhor 30": a number after "no" and a word
    preferring it, its thousands read in the user's language (ambiguous "1.000" in English: asked); else None."""
    folded = _after_no(message)
    better = re.fullmatch(r"\W*(?:(?:better|rather|instead|mejor|melhor|actually|make it|then|entonces|entao|pues"
                          r"|bueno|ok|okay)\W+)+(.+?)\W*(?:then|instead|entonces|entao|mejor|melhor)?\W*", folded)
    return bare_stake(better.group(1), language) if better else None


def line_said(message: str, market: str | None) -> str | None:
    """The line a short reply says for the bet's market: a signed one for a handicap ("ok -1.5 then", "+1"), one
    ending in .5 for a total ("3.5 then"); None when the message says anything else."""
    folded = fold(message)
    pattern = _HALF if market == "over_under" else _SIGNED
    if market == "over_under" and not _HALF.search(folded) and _NAMES_A_LINE.search(folded):
        pattern = _WHOLE  # "the 3 line", "3 goals then": a whole line said as one
    found = pattern.findall(folded)
    rest = re.findall(r"[^\W\d_]+", pattern.sub(" ", folded))
    if len(found) != 1 or len(folded.split()) > 8 or not all(word in _LINE_WORDS for word in rest):
        return None
    if re.search(r"(?<![\w.,+-])\d", pattern.sub(" ", folded)):
        return None  # another number beside it: a stake or a score, asked about rather than guessed
    value = Decimal(found[0].replace(",", "."))
    return f"{value:+}" if market != "over_under" else str(value)


def pick_after_no(message: str) -> tuple[str, Decimal | None] | None:
    """(home/draw/away, the stake said) of "no, on the draw", "no, el 2", "nope, 20 on the draw"; None otherwise."""
    picked = pick_said(fold(message))
    if picked is None:
        return None
    selection, stake = picked
    return selection, (Decimal(stake) if stake is not None else None)


def asks_the_price(message: str, *, intent: str, confidence: float) -> bool:
    """"what are the odds for the draw?", "¿cuánto paga el empate?", "quanto paga o empate?": the price of a pick
    asked while a real bet waits; a question, never a new slip. A stake verb or amount makes it a bet again."""
    folded = fold(message)
    if _STAKE_VERBS.search(folded) or re.search(r"\d", folded):
        return False
    asked = bool(ASKS_ODDS.search(folded) or _PAYS.search(folded))
    return asked and (intent == "odds_information" and confidence >= 0.5 or "?" in message
                      or bool(_PAYS.search(folded)))
