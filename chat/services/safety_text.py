"""How the responsible-gambling cues read a message, and what cancels a cue (chat/services/safety_cues.py).

A message is folded (lower case, no accents: "dieciséis" = "dieciseis", "tô" = "to"), apostrophes inside words
dropped ("I'm" = "im", "can't" = "cant"), and also read once per language with number words as digits (text2num:
"I'm sixteen" = "im 16", "tenho dezessete" = "tenho 17"). A pattern counts unless a negation stands right before it
("I'm not in debt", "no soy menor", "não tenho dívidas", "I don't want to die"). Its own module so that every cue
module (ages, money, requests) reads and negates the same way without importing one another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from chat.engine.nlu.prefilter import ALNUM, Cue, word_cue
from chat.engine.nlu.text import fold


def rx(*parts: str) -> Cue:
    # "100%" ends a word too; searched by the parts the text has the words of (`word_cue`)
    return word_cue(parts, before=r"(?<![a-z0-9])", after=r"(?![a-z0-9])", word=ALNUM)


# --- reading ------------------------------------------------------------------------------------

_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
_JUNK = re.compile(r"[^a-z0-9%$/,.!?;:\s-]+")
_TEXT2NUM = {"en": "en", "es": "es", "pt_br": "pt"}


# Chat shorthand that only ever stands for one word ("tengo q ganar", "de qlq jeito", "kiero morirme", "no matter
# wat"): written out, so that every cue reads the spelled and the typed-in-a-hurry message alike.
_SHORTHAND = {"q": "que", "qlq": "qualquer", "qq": "qualquer", "qqr": "qualquer", "kiero": "quiero",
              "kero": "quero", "kieres": "quieres", "xq": "porque", "pq": "porque", "wat": "what", "wut": "what",
              "hj": "hoje", "vc": "voce", "mto": "muito", "msm": "mesmo", "dnv": "de novo", "tbm": "tambem",
              "naum": "nao", "dnt": "dont", "tngo": "tengo", "tng": "tengo", "accnt": "account", "acount": "account",
              "accont": "account", "acnt": "account", "evrything": "everything", "everythin": "everything",
              "evrythin": "everything", "lok": "lock", "blok": "block"}
_SHORT = re.compile(r"(?<![\w$%])(?:" + "|".join(sorted(map(re.escape, _SHORTHAND), key=len, reverse=True))
                    + r")(?![\w%])")


# What `_SHORT` can match is a whole run of letters and digits (after `_JUNK` nothing else is a word character): a
# message none of whose runs is a shorthand skips the pattern, which tries every position otherwise.
_NOT_ALNUM = str.maketrans(dict.fromkeys("%$/,.!?;:-", " "))


def normalise(message: str) -> str:
    """Folded, apostrophes inside words dropped, other symbols as spaces, single spaces, shorthand written out.
    Each regex runs only where it can change something (no apostrophe, no shorthand word: skipped); `str.split`
    splits on exactly the whitespace `\\s` matches."""
    text = fold(message)
    if "'" in text:
        text = _APOSTROPHE.sub("", text).replace("'", " ")
    text = " ".join(_JUNK.sub(" ", text).split())
    if _SHORTHAND.keys().isdisjoint(text.translate(_NOT_ALNUM).split()):
        return text
    return _SHORT.sub(lambda m: _SHORTHAND[m.group()], text)


def _digits(text: str, language: str) -> str:
    from text_to_num import alpha2digit

    try:
        return alpha2digit(text, _TEXT2NUM[language])
    except Exception:  # a parser edge case never costs the policy its plain reading
        return text


@dataclass(frozen=True)
class Reading:
    """One message as the cues read it: the normalised text, and per language with number words as digits."""

    text: str

    @classmethod
    def of(cls, message: str) -> Reading:
        return cls(normalise(message))

    @cached_property
    def versions(self) -> dict[str | None, str]:
        """None: the plain text; per language, the text with its number words as digits (when it has any)."""
        versions: dict[str | None, str] = {None: self.text}
        for language in _TEXT2NUM:
            converted = _digits(self.text, language)
            if converted != self.text:
                versions[language] = converted
        return versions


# --- negation -----------------------------------------------------------------------------------

# Right before the cue ("no soy menor", "sin deudas", "not addicted"); a comma breaks it ("no, I'm 16").
_NEG_NEAR = re.compile(r"\b(?:no|nao|not|never|nunca|sin|sem|without|zero|ningun[ao]?|nenhum[a]?|jamas|jamais)\s+$")
# A little further, across a few light words only ("I don't really have debts", "I'm not really addicted",
# "I don't want to die"): "my wife doesn't know I'm in debt" is not a negation of the debt.
_LIGHT = (r"(?:really|even|a|an|the|in|any|have|got|been|so|that|too|actually|at|all|want|wanna|to|going|gonna|is"
    r"|are|es|e|"
          r"feel|feeling|im|am|i|my|mas|mais|tan|muy|muito|tenho|tengo|estoy|estou|sou|soy|un|una|um|uma|"
          r"realmente|de|con|com|with|quiero|quero|ni|nem|tenia|tinha)")
_NEG_FAR = re.compile(
    r"\b(?:not|never|dont|doesnt|didnt|isnt|arent|wasnt|aint|nothing|nobody|no one|nunca|jamas|jamais|nada"
    r"|no soy|no estoy|no tengo|no quiero|nao sou|nao estou|nao tenho|nao quero|no bet|no pick|none|ninguna apuesta"
    r"|nenhuma aposta)\b"
    rf"(?:\s+{_LIGHT}){{0,3}}\s+$"
)


def negated(text: str, start: int) -> bool:
    before = text[max(0, start - 60) : start]
    return bool(_NEG_NEAR.search(before) or _NEG_FAR.search(before))


def found(patterns: Cue, text: str) -> bool:
    """Some match of `patterns` in `text` that no negation cancels."""
    return any(not negated(text, m.start()) for m in patterns.finditer(text))



# --- the language of what was said --------------------------------------------------------------------------------

# Words of the policy's cues that only one of the three languages uses (folded). The general detector
# (chat/engine/nlu/language.py) scores function words and betting words; a short "n aguento mais viver" or "to cansado
# de viver" has almost none, and with the page's English as its prior would be answered in English. These words add
# their evidence so that a crisis, a debt or a request is answered in the language it was said in.
SPOKEN = {
    "en": frozenset("""living alive die dead dying kill killing myself ending anymore tired owe owing debt debts broke
        rent bookie loan shark screwed gotta wanna gamble gambling betting quit exclude guaranteed lose block lock
        pause losing everything keep""".split()),
    "es": frozenset("""aguanto soporto vivir viviendo morir morirme muerto muerta matarme deuda deudas debo endeudado
        endeudada prestamista prestamo arriendo alquiler sueldo quincena lana ganas ojala quisiera estuviera cueste
        jodido jodida frito frita dejar apuestas autoexcluirme autoexclusion garantizado garantizada seguir
        bloquearme bloqueame bloqueen bloquees suspenderme pausar autoexcluyanme autoexcluyeme excluyanme excluyeme
        excluyan dejen permitan prohiban pierdo perdiendo canse harto
        harta siempre""".split()),
    "pt_br": frozenset("""aguento aguentar suporto viver vivendo morrer morto morta sumir devendo devo divida dividas
        grana jeito qualquer vontade prejuizo emprestimo emprestado agiota aluguel acordar nascido custe custar
        ferrado ferrada lascado lascada desse dessa nessa largar autoexclusao garantido garantida cansei
        bloqueia bloqueie bloqueiem travar trava excluam deixarem deixem perco perdendo sempre tudo""".split()),
}
_SPOKEN_WEIGHT = 1.5  # as much as one of the detector's own words that only one language uses


def spoken_evidence(reading: Reading) -> dict[str, float]:
    """Extra evidence per language from the policy's own words in the message (0 where there are none)."""
    words = reading.text.split()
    return {language: _SPOKEN_WEIGHT * sum(word.strip(",.!?;:") in vocabulary for word in words)
            for language, vocabulary in SPOKEN.items()}
