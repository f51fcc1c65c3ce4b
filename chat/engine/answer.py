"""The offline engine's fixed cues the classifier does not model, and its phrasebook re-exported from
`chat.engine.phrases` (`t`, `suggestions`: English msgids, Spanish and Portuguese in the gettext catalogues).
The engine itself is `chat.engine.offline`, its handlers `chat.engine.handlers`, the follow-up logic
`chat.engine.frame`.
"""

from __future__ import annotations

import logging
import re

from .nlu.prefilter import LiteralGate
from .phrases import (  # the phrasebook (gettext catalogues), re-exported for the handlers and the LLM engine
    BET_STATES,
    EXPLAIN,
    MARKET_NAMES,
    MONTH_NAMES,
    RISK_NAMES,
    WEEKDAY_NAMES,
    suggestions,
    t,
)

__all__ = ["BET_STATES", "EXPLAIN", "MARKET_NAMES", "MONTH_NAMES", "RISK_NAMES", "WEEKDAY_NAMES", "suggestions", "t"]

logger = logging.getLogger(__name__)

TEAM_INTENTS = {"odds_information", "bet_simulation", "team_comparison"}

# --- deterministic cues the classifier does not model ------------------------------------------

# Every match holds "bet", "apuest", "apost" or a digit: searched only in a text that does (LiteralGate).
_PLACE = LiteralGate(re.compile(
    r"\b(?:place|put|make|submit)\b[^?]{0,40}\bbets?\b|^\s*(?:please\s+)?bet\s+\$?\d"
    r"|^\s*(?:please\s+)?(?:place|put|stake)\s+[$€£]?\s?\d|^\s*(?:pon|p[oó]n|m[eé]tele|mete)\s+[$€£]?\s?\d"
    r"|\b(?:coloca|colocar|haz|hacer|realiza|realizar|pon|poner|mete|meter)\b[^?]{0,40}\bapuesta\b"
    r"|^\s*apuesta\s+\$?\d|\b(?:fa[cç]a|fazer|coloque|colocar)\b[^?]{0,40}\baposta\b|^\s*aposte\s+\$?\d",
    re.IGNORECASE,
), ("bet", "apuest", "apost"), digit=True)
_MY_BETS = re.compile(r"\b(?:my|mis|minhas|meus)\s+(?:real\s+)?(?:bets|apuestas|apostas)\b", re.IGNORECASE)
_THANKS = re.compile(r"\b(thanks|thank you|thx|cheers|gracias|obrigad[oa]|valeu)\b", re.IGNORECASE)
_BYE = re.compile(r"\b(bye|goodbye|see you|later|ad[ií]os|chao|chau|hasta luego|tchau|at[eé] logo)\b", re.IGNORECASE)
_PROBABILITY = re.compile(r"probab|chance|implied|impl[ií]cit", re.IGNORECASE)
_CANCEL = re.compile(r"^\s*(no|nope|cancel|cancela|cancelar|não|nao|stop|olvídalo|olvidalo|forget it)\b",
                     re.IGNORECASE)
_FOLLOWUP = re.compile(
    r"^\s*(?:¿\s*)?(?:and|what about|how about|y|e|qu[eé] tal|what if|y si|e se|instead|also|tamb[ié]m|"
    r"tambi[eé]n)\b", re.IGNORECASE)
_RISK = {
    "low": re.compile(r"\b(safe|safer|safest|low(er)?[- ]risk|less risk|conservative|segur[ao]s?|bajo riesgo|"
                      r"poco riesgo|menor riesgo|menos riesgo|baixo risco|menor risco|favou?rites?|favoritos?)\b",
                      re.IGNORECASE),
    "high": re.compile(r"\b(risky|riskier|high(er)?[- ]risk|more risk|long shots?|value|big odds|arriesgad[ao]s?|"
                       r"m[aá]s riesgo|alto riesgo|arriscad[ao]s?|mais risco|alto risco|underdogs?|bombazo|zebra)\b",
                       re.IGNORECASE),
}
# "no, I meant Barcelona", "perdón, quise decir el Girona": the same question as the last turn, about another team
# (matched on the folded text). `_SLIP`: an apology or "wrong team" that opens one on its own ("oops, Napoli",
# "foi mal, o Fluminense"); the frame takes it as a correction only when a team and nothing else follows.
_SLIP = (r"(?:sorry|oops|whoops|my bad|my mistake|wrong (?:team|one|club)|perdon|perdona|perdone|disculpa|disculpe"
         r"|ups|me equivoque|me confundi|equipo equivocado|desculpa|desculpe|foi mal|ops|errei|me enganei|time errado"
         r"|scratch that|forget that|make (?:that|it)|rather|correction|o mejor|mejor|mas bien|digo|correccion"
         r"|ou melhor|melhor|alias|quer dizer|correcao)")
_HESITATION = (r"(?:oh|ah|uh|um+|hm+|err|opa|eita|epa|vish|uy|ay|huy|bueno|pues|wait|hold on|espera|pera|calma|ok"
               r"|okay|well|so|vale|bom|entao|olha)")
# Discourse markers that open a correction as well as anything else ("na real, quis dizer ...", "en realidad, digo ...",
# "well actually I meant ...", "de hecho quise decir ..."): they only soften it.
_MARKER = (r"(?:actually|in fact|to be fair|en realidad|en verdad|la verdad|de hecho|mejor dicho|o sea|pensandolo bien"
           r"|na verdade|na real|a verdade|pensando bem|ou seja|alias|de fato)")
# The openers of a correction, in any order and mix ("sorry no,", "no sorry,", "hmm no, perdón,", "ok wait, no"):
# each says only that the last message was wrong.
_CORRECTION = re.compile(
    rf"^\W*(?:(?:{_HESITATION}|no+|nah|nao|nope|{_SLIP}|{_MARKER})\b\W*){{0,4}}"
    r"(?:i meant|i mean|i said|i was talking about|i was asking about|quise decir|quiero decir|queria decir"
    r"|me refiero al?|me referia al?|dije|hablaba de|estaba hablando de|preguntaba por|eu quis dizer|quis dizer"
    r"|quero dizer|queria dizer|eu disse|estou falando d[oa]|(?:eu )?(?:tava|estava) falando d[oa])\b")
_SLIP_ONLY = re.compile(rf"^\W*(?:(?:{_HESITATION}|{_MARKER})\b\W*)?"
                        rf"(?:(?:no+|nah|nao|nope|not)\b\W*(?:{_SLIP}\b\W*){{0,2}}"
                        rf"|(?:{_SLIP}\b\W*){{1,2}}(?:(?:no+|nah|nao|nope)\b\W*)?)")
INSTEAD = re.compile(r"\b(instead|en vez|en lugar|em vez|no lugar)\b", re.IGNORECASE)
_ODDS_GIVEN = re.compile(r"(?:\bodds?(?: of)?|\bcuotas?(?: de)?|\bodd(?: de)?|@)\s*(\d{1,3}(?:[.,]\d{1,3})?)",
                         re.IGNORECASE)
_EXPLAIN_TOPICS = (
    # how odds are written (before the markets: "american odds", "-150" are no handicap)
    ("formats", re.compile(r"americ|fraction|fracci|fraci|moneyline|formato|\bformats?\b|(?<![\w.,])[+-]\d{3,4}\b",
                           re.I)),
    # a treble / fourfold is the accumulator of three / four picks (betting slang, en)
    ("parlay", re.compile(r"parlay|accumulator|\bacca\b|combinada|acumulada|m[uú]ltipla|\btrebles?\b"
                          r"|\b(?:four|five|six)-?folds?\b|\btrixie\b", re.I)),
    ("btts", re.compile(r"btts|both teams|ambos marcan|ambas marcam", re.I)),
    ("handicap", re.compile(r"handicap|hándicap|h[aá]ndicap|spread", re.I)),
    ("over_under", re.compile(r"over|under|m[aá]s de|menos de|mais de|total", re.I)),
    ("double_chance", re.compile(r"double chance|doble oportunidad|dupla chance", re.I)),
    ("margin", re.compile(r"margin|margen|margem|overround|vig|juice", re.I)),
    ("1x2", re.compile(r"1x2|\bx\b|moneyline|match result|resultado", re.I)),
    ("odds", re.compile(r".", re.I)),
)
