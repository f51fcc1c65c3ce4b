"""What the user says of their own bet rather than of a market: the risk they want, live or not, a yes or a no to a
pending question, and whether they ask to place a bet or only ask about one."""

from __future__ import annotations

import re

from .prefilter import prefiltered
from .text import Token

_RISK = [
    ("low", re.compile(
        r"\b(?:safe|safest|safer|low[ -]risk|lowest risk|low odds|sure (?:bet|win|thing|pick|shot)s?|surest|secure"
        r"|conservative|banker|bankers"
        r"|reliable|segura|seguras|seguro|mas segura|bajo riesgo|poco riesgo|riesgo bajo|conservadora|conservador"
        r"|fija|fijas|baixo risco|risco baixo|pouco risco|favoritos|favourites"
        r"|favorites|sin riesgo|sem risco|no risk|minimal risk|without (?:much |any |a lot of |too much )?risk"
        # a wish to risk little: "arriscar pouco", "arriesgar lo mínimo", "risk as little as possible"
        r"|(?:arriscar|arriesgar|risk|risking|arriscando|arriesgando) (?:bem |muy |muito |very |as )?(?:pouco"
        r"|pouquinho|poco|poquito|little|o minimo|lo minimo|the minimum)"
        r"|(?:sin|sem) (?:mucho|muito|tanto|demasiado) (?:riesgo|risco)"
        r"|(?:algo|apuesta|jugada|opcion|aposta|jogada|opcao|something|a bet|a pick) (?:mas )?tranquil[oa]"
        r"|(?:algo|something) (?:mas )?tranqui|(?:something|a bet|a pick) (?:calm|chill|quiet|easy|low[ -]key))\b")),
    ("high", re.compile(
        r"\b(?:risky|riskiest|high[ -]risk|high odds|big odds|long ?shots?|underdogs?|bold|crazy"
        r"|huge payout|big payout|big win|arriesgada|arriesgadas|arriesgado|alto riesgo|riesgo alto|mucho riesgo"
        r"|cuota alta|cuotas altas|batacazo|sorpresa|arriscada|arriscado|alto risco|risco alto|zebra|azarao"
        r"|high return|jackpot)\b")),
    ("medium", re.compile(
        r"\b(?:medium[ -]risk|moderate|moderately|balanced|middle|mid[ -]risk|riesgo medio|riesgo moderado"
        r"|moderada|moderado|equilibrada|equilibrado|intermedia|risco medio|risco moderado|medium)\b")),
]


# "sin mucho riesgo", "nothing too risky", "não muito arriscado": a negated appetite for risk asks for the safe side.
_RISK_NEGATED_BEFORE = re.compile(
    r"\b(?:sin|sem|without|not|no|nothing|nada|nao|never|nunca|ni|don'?t|do not|no quiero|nao quero)\s+"
    r"(?:(?:too|very|that|so|overly|much|a lot of|want|anything|any|give me|a|an|bet|pick|muy|tan|tanto|demasiado"
    r"|mucho|muito|tao|que sea|que seja|algo|de|quiero|quero|dame|me de|nada|ninguna|ningun|nenhuma|nenhum|una|uma"
    r"|apuesta|aposta)\s+){0,3}$"
)


def find_risk(folded: str) -> str | None:
    best: tuple[int, str] | None = None
    for level, pattern in _RISK:
        m = pattern.search(folded)
        if m and (best is None or m.start() < best[0]):
            if level == "high" and _RISK_NEGATED_BEFORE.search(folded[: m.start()]):
                level = "low"
            best = (m.start(), level)
    return best[1] if best else None


_LIVE = re.compile(
    r"\b(?:live|in[- ]play|inplay|en vivo|en directo|ao vivo|en juego|(?:on|playing|going on) right now"
    r"|jugando ahora mismo|jogando agora mesmo"
    r"|being played|jugando ahora|jogando agora|happening now|going on now|on now|en este momento|neste momento"
    r"|currently playing|se estan jugando|estan jugando"
    # a game asked about "now" ("any game now?", "tem jogo de basquete agora?", "partidos ahora")
    r"|(?:games?|matches|match|partidos?|juegos?|jogos?|partidas?)\b[^.?!,]{0,25}\b(?:now|ahora|agora))\b"
)
_NOT_LIVE = re.compile(r"\b(?:pre[- ]?match|prematch|not live|no en vivo|antes del partido)\b")


def find_live(folded: str) -> bool | None:
    if _NOT_LIVE.search(folded):
        return False
    return True if _LIVE.search(folded) else None


# "si"/"no"/"va"/"pode" also start ordinary sentences ("si apuesto 10...", "no sé qué apostar"): they
# answer a question only when nothing but punctuation or another yes/no word follows.
_THEN_NOTHING = r"(?=\W*$|\s*[,.!]|\s+(?:please|thanks|thank you|gracias|por favor|porfa|obrigad[oa]|dale|claro" \
    r"|confirmo|hazlo|de una|adelante|cancel|cancela|mejor|thanks|pode|sim|si|no|nao)\b)"
_YES = re.compile(
    r"^\W*(?:(?:yes|yeah|yep|yup|yea|sure|ok|okay|okey|confirm|confirmed|i confirm|go ahead|do it|place it"
    r"|go for it|let'?s do it|lets go|claro|dale|de una|listo|confirmo|confirmado|hazlo|adelante|bora|fechado"
    r"|confirmar|sim)\b"
    rf"|(?:si|sip|va|pode|isso|deal|confirma|fechou|feito|beleza|blz)\b{_THEN_NOTHING})"
)
# Asking the bet be confirmed, in the imperative ("pode confirmar a aposta", "confirma aí", "manda ver", "confirmá la
# apuesta"): a yes, unless asked how or when ("como confirmo a aposta?" is a question about the steps).
_YES_ASKED = re.compile(
    r"\b(?:pode confirmar|podes confirmar|pode mandar|manda ver|manda bala|confirma ai|confirme ai|pode fechar"
    r"|(?:confirma|confirme|confirmar|confirmem|fecha|feche) (?:a |minha |a minha |essa |esta )?aposta"
    r"|(?:confirma|confirme|confirmar|confirmame) (?:la |mi |esa |esta )?apuesta|confirmala|confirmela"
    r"|please confirm|confirm my bet)\b"
)
# An "ok" that takes the floor for a question ("ok so what are you for", "vale, y el empate?", "beleza, e o empate?",
# "tá, e quem joga hoje?"): the question is what is said, never a yes to a pending bet (unless it also says "place it").
_ACK_THEN_QUESTION = re.compile(
    r"^\W*(?:ok|okay|okey|alright|right|vale|bueno|listo|ta|certo|beleza|blz)\W+(?:(?:so|and|but|then|now|entonces"
    r"|pero|y|e|mas|entao|agora|ahora)\W+\w|(?:what|which|who|how|when|where|why|que|cual|quien|como|cuando|donde"
    r"|qual|quem|quando|onde|por que|porque)\b)"
)
_HOW_OR_WHEN = re.compile(r"\b(?:como|how|when|cuando|quando|onde|donde|where|why|por que|porque)\b")
_YES_ANYWHERE = re.compile(
    r"\b(?:i confirm|confirm(?:ed)? (?:it|the bet|that)|place it|go ahead|do it|confirmo|hazlo|haz la apuesta"
    r"|confirmo la apuesta|pode fazer|pode apostar|confirmar aposta|confirmo a aposta)\b"
)
_NO = re.compile(
    r"^\W*(?:(?:nope|nah|cancel|cancelled|never ?mind|forget it|not now|no thanks|no gracias|cancela|cancelar"
    r"|cancelala|mejor no|olvidalo|dejalo|esquece|nao quero|no quiero)\b"
    rf"|(?:no|nao|stop|don'?t|deixa)\b{_THEN_NOTHING})"
)
_NO_ANYWHERE = re.compile(
    r"\b(?:cancel(?: it| the bet| that)?|don'?t place|do not place|no la hagas|cancela(?:la)?(?: la apuesta)?"
    r"|no apuestes|nao aposte|cancelar a aposta)\b"
)


def find_confirmation(folded: str, tokens: list[Token]) -> bool | None:
    """A yes/no answer to a pending question ("yes, place it", "confirmo", "no, cancel")."""
    if len(tokens) > 8 or (_ACK_THEN_QUESTION.search(folded) and not _YES_ANYWHERE.search(folded)
                           and not _YES_ASKED.search(folded)):
        return None
    if _NO.search(folded) or _NO_ANYWHERE.search(folded):
        return False
    if _YES.search(folded) or _YES_ANYWHERE.search(folded):
        return True
    if _YES_ASKED.search(folded) and not _HOW_OR_WHEN.search(folded):
        return True
    return None


# A stake right after the verb, with or without a currency sign ("pon 15", "pon $15", "aposta R$ 20").
_N = r"(?:r\$|us\$|[$€£])?\s?\d+"
_PLACE = re.compile(
    rf"\b(?:place (?:a |the |my |this |that |an? )?(?:bet|wager)|place (?:{_N}|it\b)|bet (?:\S+ ){{0,3}}on\b"
    rf"|put (?:\S+ ){{0,3}}on\b|lock (?:it|in)|wager (?:\S+ ){{0,3}}on\b|stake (?:\S+ ){{0,3}}on\b"
    rf"|(?:i )?want to (?:bet|wager|place)|i'?d like to (?:bet|place)|let me bet|bet {_N}|back (?:\S+ ){{0,2}}to win"
    rf"|apuesta {_N}|apuestale|apostale|apuesto {_N}|apuesto (?:\S+ ){{0,3}}(?:a|al|en|por)\b|quiero apostar"
    rf"|haz(?:me)? la apuesta"
    rf"|realiza(?:r)? la apuesta|coloca(?:r)? la apuesta|metele|meto {_N}|pon(?:le|me)? {_N}|coloca(?:r)? {_N}"
    rf"|quero apostar|faz(?:er)? (?:a|uma) aposta|aposta {_N}|aposto {_N}|coloca(?:r)? (?:a|uma) aposta|aposte)\b"
)
_HYPOTHETICAL = re.compile(
    r"\b(?:how do i|how to|how can i|can i|could i|puedo|se puede|posso|da para|como hago|como se|como apuesto"
    r"|como faco|what if|if i|is it|good idea|bad idea|buena idea|boa ideia|dejar de|parar de|deixar de|stop"
    r"|don'?t|do not|never|cancel\w*|no la hagas|no apuestes|nao aposte|think|opinas|piensas|acha|o no|or not|ou nao"
    r"|if we|if you|suppose|supposing|hypothetical(?:ly)?|would|could|simulate|simulation|how much"
    r"|should|what should|si apuesto|si apostara|si apostase|si le|si meto|si pongo|si juego|si apuestas|cuanto"
    r"|simula|simular|simulacion|deberia|debo|que me recomiendas|se eu|se apostar|quanto|simule|deveria|devo"
    r"|recommend|suggest|recomienda|recomiendas|sugiere|recomenda|best|mejor|melhor|worth|vale la pena|tips?"
    r"|potential|possible|posible|return|returns|payout|pays|paga|pagaria|ganaria|ganharia|win if|gano"
    r"|quien|quem"  # "a quién le apuesto en el derbi?", "em quem aposto?": who to back, asked
    # supposing, said another way ("say I stake 30", "let's say I bet", "imagine I put", "digamos que apuesto",
    # "supongamos", "vamos supor"), or the winnings asked ("what do I win", "what would I get")
    r"|(?:^|let'?s |lets )say i|assuming i|assume i|imagine i|digamos que|supongamos|suponiendo|imagina que"
    r"|suponha|supondo|vamos supor|what do i (?:win|get|make)|what would i)\b"
)


def is_hypothetical(folded: str) -> bool:
    """"What if I bet", "should I", "how much would it return": asking about a bet, not placing one."""
    return bool(_HYPOTHETICAL.search(folded))


def find_wants_real_bet(folded: str) -> bool:
    """An explicit request to place a bet, as opposed to "what if I bet" or "should I bet"."""
    return bool(_PLACE.search(folded)) and not _HYPOTHETICAL.search(folded)


# The cues searched in every message: only when it has a word a match can start on (prefilter.py).
(_LIVE, _NOT_LIVE, _YES, _YES_ANYWHERE, _NO, _NO_ANYWHERE, _PLACE, _HYPOTHETICAL, _YES_ASKED, _HOW_OR_WHEN) = map(
    prefiltered, (_LIVE, _NOT_LIVE, _YES, _YES_ANYWHERE, _NO, _NO_ANYWHERE, _PLACE, _HYPOTHETICAL, _YES_ASKED,
                  _HOW_OR_WHEN))
_RISK = [(level, prefiltered(pattern)) for level, pattern in _RISK]
