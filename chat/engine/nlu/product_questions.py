"""Questions about the product's own rules that the intent model has few examples of ("is there a limit on how much I
can bet per match?", "¿hay un tope por apuesta?", "qual é a aposta mínima?").

Why: the words of a stake-limit question (limit, bet, how much) are the balance's and the safety requests' words too,
so the model hesitates between them (asked "your balance or how betting works?") or answers with the odds explainer.
A question about what limits exist is general information: the engine answers it with the real numbers
(`handlers/explain.py`). A request to limit oneself ("set me a limit", "quiero limitar mis apuestas") is no question
about the rules: it is left to the safety service and the model.
"""

from __future__ import annotations

import re

# what is limited: a limit, a cap, a maximum or minimum (folded: lower case, no accents); "how much can I bet with?",
# "¿con cuánto puedo apostar?" ask the money one has to bet (the balance), no limit
_LIMIT = re.compile(r"\b(?:limit|limits|limite|limites|cap|caps|tope|topes|teto|tetos|max|maximum|maximo|maxima"
                    r"|min|minimum|minimo|minima|at most|at least|como maximo|no maximo|como minimo|no minimo"
                    r"|the (?:most|least) (?:i|you|one|we)|lo (?:mas|menos) que|o (?:mais|menos) que"
                    r"|how much (?:can|may|could) (?:i|you|one|we) (?:bet|stake|wager|put)(?! with\b)"
                    r"|(?<!\bcon )cuanto (?:se )?pued\w+ apost\w*"
                    r"|(?<!\bcom )quanto (?:eu )?(?:posso|se pode|da pra) apost\w*)\b")
# of what: a stake, a bet
_STAKE = re.compile(r"\b(?:bet|bets|betting|stake|stakes|wager\w*|apuest\w*|apost\w*|aposta\w*)\b")
# a request to limit oneself, or a change of one's own limit: not a question about the rules
_SETS = re.compile(r"\b(?:set|put|impose|lower|raise|increase|decrease|change|remove|want|need|help me|block"
                   r"|ponme|poner|pon|establece\w*|fija\w*|quiero|necesito|ayudame|limitame|limitar|bloquea\w*"
                   r"|quero|preciso|me ajuda|coloca\w*|define|definir|bloqueie|baja\w*|sube|subir|aumenta\w*"
                   r"|diminui\w*|abaixa\w*)\b")


# A clause in question form: it ends with "?" or opens with a question's words ("is there", "¿hay", "qual é")
_CLAUSE = re.compile(r"[^,;.!?¿]+\??")
_ASKS = re.compile(r"^\W*(?:is|are|does|do|can|could|may|what|whats|how|which|cual|cuales|cuanto|cuanta|que|hay"
                   r"|existe|tiene|tienen|se puede|puedo|qual|quais|quanto|quanta|tem|posso|da pra|e possivel)\b")


def asks_stake_limits(folded: str) -> bool:
    """A question about the limits a stake meets (per bet, per match, per day): "is there a max bet?", "¿cuál es la
    apuesta mínima?", "tem limite de quanto posso apostar por jogo?". The limit asked in one clause in question form:
    one's own habit stated beside another request ("I never stake more than 10 at most, any tips?") is no question
    about the rules, but that request."""
    return any(_LIMIT.search(clause) and _STAKE.search(clause) and not _SETS.search(clause)
               and (clause.endswith("?") or _ASKS.match(clause)) for clause in _CLAUSE.findall(folded))


# What backing a club would return, asked with no stake ("how much would I get backing Liverpool to beat Chelsea?",
# "cuánto ganaría apostando al Betis", "quanto eu ganho apostando no Bahia"): a simulation, whose stake is then asked;
# never the odds shown in its place.
_RETURN_OF_BACKING = re.compile(
    r"\b(?:how much|what) (?:would|will|do|does|could|can) (?:i|you|one) (?:get|win|make|earn|pocket|take home)"
    r" (?:by |if i |for )?(?:backing|betting on|putting \w+ on|staking on|back|bet on)\b"
    r"|\bcuanto (?:ganaria|gano|me llevaria|me llevo|sacaria|saco) (?:si )?(?:apostando|apuesto|apostandole"
    r"|le apuesto|jugandole|le juego)\b"
    r"|\bquanto (?:eu )?(?:ganharia|ganho|levaria|levo|faturo|faturaria) (?:se )?(?:apostando|apostar|aposto"
    r"|jogando|jogar)\b")


def asks_return_of_backing(folded: str) -> bool:
    """What backing a club would return, asked with no stake: a simulation (its stake asked), not the odds."""
    return bool(_RETURN_OF_BACKING.search(folded))
