"""A request to explain something that is no part of betting ("explain quantum physics", "explícame la revolución
francesa", "me explica a fotossíntese").

Why: "explain"/"explica" is the definition cue of general_betting_info, so the model reads any explanation asked for
as a betting concept. An explanation is ours only when what is to be explained is betting, sport, the account or the
chat itself; with none of those words, and no club, competition, market or stake read, it is off-topic (the engine
says what it covers). "explain odds", "what does handicap mean", "explica o que é ambas marcam" keep their concept.
"""

from __future__ import annotations

import re

from .classifier import _ADDRESS, CUES
from .prefilter import prefiltered

# what the chat can do, asked as an explanation ("explain what you can do", "explícame cómo te pregunto"): help
_HELP = CUES["help"][0][0]
_OFF_TOPIC = CUES["out_of_scope"][0][0]  # poems, homework, recipes...: the off-topic rule cue

# the verbs that ask for an explanation, in en/es/pt (folded: lower-case, no accents)
_EXPLAIN = re.compile(r"\b(?:explain\w*|explica\w*|expliqu\w*|teach me|ensena(?:me)?|ensina(?:-me)?|me ensina)\b")
# what an explanation of ours is about: betting and its words, sport, money on the account, the chat itself
_OURS = re.compile(
    r"\b(?:bet\w*|gambl\w*|wager\w*|odds?|apuest\w*|apost\w*|aposta\w*|cuotas?|momios?|cotac\w*|stakes?|payouts?"
    r"|parlays?|accas?|accumulators?|combo\w*|combinad\w*|multiples?|multiplas?|acumulad\w*|handicaps?|spreads?"
    r"|lines?|lineas?|linhas?|over|under|mais de|menos de|mas de|totals?|btts|ambos|ambas|draw|empate|zebras?"
    r"|fijas?|bankers?|tipsters?|tips?|picks?|palpites?|pronosticos?|push|void|cash ?out|moneyline|margin\w*"
    r"|margen|margem|vig\w*|juice|overround|probabilit\w*|probabilidad\w*|value|valor|markets?|mercados?|dupla"
    r"|doble|double|chance|oportunidad|results?|resultados?|scores?|placar|marcador|goals?|gols?|goles?|corners?"
    r"|escanteios?|cards?|tarjetas?|cartoes|cartao|offside|impedimento|fuera de juego|penal\w*|rules?|reglas?"
    r"|regras?|leagues?|ligas?|cups?|copas?|torne\w*|campeonato\w*|tournaments?|competi\w*|season|temporada"
    r"|standings|tabla|tabela|teams?|equipos?|times?|clubs?|clubes?|match\w*|games?|partidos?|jogos?|fixtures?"
    r"|live|vivo|sports?|deportes?|esportes?|futbol|football|soccer|basketball|baloncesto|basquete|tennis|tenis"
    r"|balance|saldo|deposit\w*|withdraw\w*|retir\w*|saque|saques|bonus|bono|bonos|limits?|limites?|account"
    r"|cuenta|conta|exclu\w*|autoexclu\w*|yourself|this|esto|isto|isso|it|app|site|chat|bot|how (?:this|it|you)"
    r" works?|como (?:funciona|funcionas|usar|uso|te uso)(?=\s*(?:$|[?.!,]|aqui|aca|isso|isto|esto|el bot|o bot))"
    # asking again about what was just said ("explain that again", "explícamelo otra vez", "explica de novo")
    r"|again|otra vez|de nuevo|de novo|outra vez|novamente|that|eso|esa|ese|essa|esse|aquilo|aquello|mejor|melhor"
    r"|better|simpler|more|mas|mais|explica\w*l[oa]s?|expliqu\w*l[oa]s?)\b")


# the chat spoken to ("can you explain what you're for", "me explica o que posso te perguntar"): what it does, help
_TO_YOU = re.compile(r"\b(?:you|youre|your|te|ti|tu|usted|voce|vc|vcs|voces)\b")


# An opinion asked of the chat ("what do you think about climate change", "qué opinas de la política", "o que você
# acha da inflação"): ours only when it is about betting, sport or a match (`_OURS`, or a club/competition read).
_OPINION = re.compile(r"\b(?:what do you think (?:about|of)|what'?s your (?:opinion|take) (?:on|about|of)"
                      r"|(?:que|q) (?:opinas|piensas|opina usted|pensas)|(?:cual|qual) es tu opinion"
                      r"|(?:o )?que (?:voce|vc|tu) (?:acha|pensa)|qual (?:e )?(?:a )?sua opiniao)\b")


def asks_unrelated_opinion(folded: str) -> bool:
    """The folded message asks the chat's opinion of something with no word of betting, sport or the chat."""
    found = _OPINION.search(folded)
    return found is not None and not _OURS.search(folded[found.end():])


def asks_unrelated_explanation(folded: str, *, read_as_help: bool = False) -> bool:
    """The folded message asks to explain something with no word of betting, sport, the account or the chat (read
    as help, nor a word to the chat itself)."""
    if read_as_help and _TO_YOU.search(folded):
        return False
    return bool(_EXPLAIN.search(folded)) and not _OURS.search(folded) and not _HELP.search(folded)


# The laws of the game, asked about ("explain the offside rule", "¿qué es el fuera de juego?", "como funciona o VAR?"):
# how football is refereed, not betting; no market, price or stake of ours answers it.
_GAME_RULE = re.compile(
    r"\b(?:offsides?|off side|fuera de juego|fuera de lugar|impedimento|fora de jogo|handball|hand ball|mano en el area"
    r"|mao na bola|toque de mao|var|video assistant referee|arbitro de video|back ?pass"
    r"|cesion al portero|recuo de bola|throw[- ]ins?|saque de banda|advantage rule|ley de la ventaja|lei da vantagem"
    r"|lei do impedimento)\b")
_GAME_RULE = prefiltered(_GAME_RULE)  # searched in every message: only when it has one of these words
# what would make it a betting question ("does offside affect my bet", "cuotas de un penal")
_BETTING = re.compile(r"\b(?:bet\w*|gambl\w*|wager\w*|odds?|apuest\w*|apost\w*|cuotas?|momios?|cotac\w*|stakes?"
                      r"|markets?|mercados?|payouts?|pays?|paga\w*|handicaps?|void|push)\b")


def asks_game_rule(folded: str) -> bool:
    """The folded message asks about a law of the game (offside, VAR, handball) with no word of betting."""
    return bool(_GAME_RULE.search(folded)) and not _BETTING.search(folded)


# The price of something sold ("how much is a Boca jersey", "¿cuánto vale el abono del Betis?", "quanto custa o
# ingresso pro clássico?"): a shop's or a box office's question, not the balance's "how much" nor a price of odds.
_PRICE = re.compile(
    r"\b(?:how much (?:is|are|does|do|for|would|will|was|were|did|'?s)|what(?:'?s| is| are| does) (?:the )?(?:price"
    r"|cost)|price of|cost of|costs?|priced|cuanto (?:cuesta|cuestan|vale|valen|sale|salen|costo|es|son|me cuesta"
    r"|me sale|cobran)|(?:que|cual es el) precio|precio de|quanto (?:custa|custam|e|sao|sai|saem|ta|esta|cobram"
    r"|fica)|(?:qual (?:e )?o )?preco)\b")
_GOODS = re.compile(r"\b(?:shirts?|jerseys?|kits?|scarf|scarves|hoodies?|jackets?|boots|merch\w*|souvenirs?"
                    r"|tickets?|season tickets?|seats?|membership|stadium tour|camisetas?|camisas?|bufandas?|gorras?"
                    r"|chaquetas?|sudaderas?|entradas?|boletos?|abonos?|localidad\w*|membresia|carnet de socio"
                    r"|ingressos?|cachecol|bone|bones|jaqueta|moletom|agasalho|uniformes?|socio torcedor|carteirinha"
                    r"|tour del estadio|tour do estadio|chuteiras?|botines|balon oficial|bola oficial|official ball)\b")
# one's own slip ("how much is my ticket worth", "cuánto vale mi boleto"), a payout, a win: the bet's, not a shop's
_OWN_OR_PAYOUT = re.compile(r"\b(?:my|mi|mis|meu|minha|meus|minhas|worth|paying|returns?|win\w*|ganar\w*|gano"
                            r"|ganho\w*|saldo|balance|cash ?out)\b")


def asks_price_of_goods(folded: str) -> bool:
    """The folded message asks what a shirt, a ticket or other merchandise costs, with no word of betting."""
    return (bool(_PRICE.search(folded)) and bool(_GOODS.search(folded)) and not _BETTING.search(folded)
            and not _OWN_OR_PAYOUT.search(folded))


# Trivia about a club or a competition ("who composed the Premier League theme", "¿quién diseñó el escudo del Betis?",
# "qual é o mascote do Palmeiras?", "who sponsors Juventus' shirt"): its song, crest, mascot, founding or sponsor, no
# fixture, price or table of ours; the model reads the competition's name as a question about it.
_TRIVIA = prefiltered(re.compile(
    r"\b(?:anthem|theme (?:song|tune|music)|club song|badge|crest|emblem|mascot|nickname|founded|founder|founding"
    r"|kit (?:maker|manufacturer|supplier|designer)|shirt sponsor|sponsors|sponsored|trophy (?:made|designed|weigh)"
    r"|himno|cancion|escudo|emblema|mascota|apodo|fundo|fundado|fundada|fundador|fundacion|patrocina\w*"
    r"|hino|musica|mascote|apelido|fundou|fundador|fundacao|patrocinador\w*|taca (?:e )?feita"
    r"|trofeo (?:es )?hecho|de que (?:esta )?(?:hecho|hecha|feito|feita))\b"))


def asks_club_trivia(folded: str) -> bool:
    """The folded message asks trivia about a club or competition (anthem, crest, mascot, founding, sponsor), with no
    word of betting."""
    return bool(_TRIVIA.search(folded)) and not _BETTING.search(folded) and not _OWN_OR_PAYOUT.search(folded)


# Help asked with something that is no part of betting ("help me fix my bike", "ayúdame con el informe del trabajo",
# "me ajuda a arrumar a casa"): "help"/"ayuda"/"ajuda" is the help cue, so the model reads any such request as help
# with the chat. Help is ours when nothing follows but fillers ("help", "can you help me please", "ayúdame a
# entender") or when what follows is betting, sport, the account or the chat (`_OURS`, `_PRODUCT`).
_HELP_WORD = prefiltered(re.compile(r"\b(?:help\w*|ayud\w*|ajud\w*|socorro)\b"))
# the product's own errands and responsible gambling ("help me log in", "me ajuda a parar de jogar", "ayúdame a
# controlarme"): help of ours, never off-topic
_PRODUCT = re.compile(
    r"\b(?:use|used|uses|using|usar\w*|uso|usa|usan|usando|log ?in|login|sign\w*|regist\w*|cadastr\w*|password"
    r"|contrasena|senha|verif\w*|profile|perfil|settings|configur\w*|ajustes|language|idioma|lingua|notifica\w*"
    r"|support|soporte|suporte|atendimento|atencion|agent|agente|human|humano|slips?|tickets?|boletos?|cupom"
    r"|bilhetes?|tiquetes?|comprobante|pay|pays|payment\w*|pag[oa]r?\w*|pix|money|dinero|dinheiro|plata|grana|win"
    r"|wins|winning\w*|won|ganar\w*|gane|gano|ganho|ganhar\w*|lose|losing|lost|perd\w*|stop\w*|quit\w*|parar\w*"
    r"|pare|paro|dejar\w*|deixar\w*|control\w*|jugar\w*|juego|jogar\w*|jogo|vici\w*|addict\w*|adic\w*"
    # a fixture by its kind ("help me with sunday's derby", "ayúdame con el clásico", "me ajuda na rodada")
    r"|clasic\w*|classic\w*|derb\w*|finals?|finais|semi\w*|playoffs?|jornadas?|rodadas?|fecha \d+)\b")
# what may follow the help word and still ask nothing in particular: function words, politeness, generic verbs
_FILLERS = frozenset(
    "me my mine i im i'm a an the to with on out of for in w some this that it please pls plz pfv pf porfa favor por"
    " now quick quickly real fast asap here there can could would will need needs want do does did get make find"
    " understand decide choose figure start started starting begin going navigate type works learn know see"
    " something anything stuff thing things question questions"
    " con com en em no na de do da el la lo le los las un una unos unas uno um uma uns umas mi mis meu minha meus"
    " minhas algo alguna alguma cosa coisa cosas coisas pregunta preguntas pergunta perguntas duda dudas duvida"
    " duvidas ahora agora ya ja rapido aqui aca aki ai ae eso esso isso isto esto entender saber elegir escoger"
    " escolher decidir empezar comenzar iniciar comecar navegar funciona funcionan funcionas hacer fazer pra para pro"
    " poco pouco necesito preciso quiero quero puedes podes pode podrias poderia voce vc tu que q como yeah ok okay"
    " hey oi hola hi y e and or o mas mais more bit little bien bom good".split())
# the words that hand the help over to its object ("help with", "ayuda con", "me ajuda a", "help me <verb>")
_CONNECTIVES = frozenset("with w on to for con com a al en em para pra pro no na in".split())
_PRONOUNS = frozenset("me us nos te le lo la les out please pls por favor porfa".split())
_WORD = re.compile(r"[a-z0-9']+")
_ADDRESSED = re.compile(rf"(?:{_ADDRESS})")  # "bro", "mano", "parce": words of address, no object


def _content(word: str) -> bool:
    return word not in _FILLERS and not _HELP_WORD.search(word) and not _ADDRESSED.fullmatch(word)


def asks_unrelated_help(folded: str) -> bool:
    """The folded message asks for help with something it names ("help with X", "ayúdame a X", "help me X") that has
    no word of betting, sport, the account, responsible gambling or the chat."""
    found = _HELP_WORD.search(folded)
    if found is None or _OURS.search(folded) or _PRODUCT.search(folded) or _HELP.search(folded[found.end():]):
        return False
    rest = _WORD.findall(folded[found.end():])
    i = 0
    while i < len(rest) and rest[i] in _PRONOUNS:
        i += 1
    if i == len(rest):
        return False
    handed = rest[i] in _CONNECTIVES or (i > 0 and rest[i - 1] in ("me", "us") and _content(rest[i]))
    return handed and any(_content(word) for word in rest[i:])

def asks_help_of_ours(folded: str) -> bool:
    """The folded message asks for help with a word of betting in it ("ayúdame a apostar", "help me bet"), or with
    nothing named at all ("ayúdame a comenzar"): help of ours, whatever the model reads in it; never with an
    off-topic cue ("a poem about betting")."""
    if not _HELP_WORD.search(folded) or _OFF_TOPIC.search(folded):
        return False
    return bool(_BETTING.search(folded)) or not any(_content(word) for word in _WORD.findall(folded))
