"""Intent classification: a weighted keyword scorer behind `IntentClassifier`.

Each intent has cue patterns with weights (en/es/pt, matched on folded text with team and
tournament names blanked out, so "Liga BetPlay" is an entity, not the word "liga"), plus cues from
the extracted entities (a risk level points at a recommendation, a stake at a simulation). The
classifier never needs a team: follow-ups ("and the odds?", "what if I bet 50 instead?") are
classified by their cue words and the engine fills the rest from memory.

Confidence grows with the winning score and shrinks with the runner-up's share, so a message with
one weak cue, or two intents pulling equally, reports a low confidence.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from chat.intents import INTENTS as CATALOGUE

from .prefilter import Cue, CueSet, prefiltered, word_cue

if TYPE_CHECKING:
    from . import Entities

INTENTS = [entry["intent"] for entry in CATALOGUE]  # the one intent catalogue, chat/intents.py


@runtime_checkable
class IntentClassifier(Protocol):
    """Anything that maps a message (and what was extracted from it) to (intent, confidence)."""

    def classify(self, text: str, entities: Entities, language: str) -> tuple[str, float]: ...


# A greeting in slang, the whole message ("fala tu, tranquilo?", "coé mano, tudo em cima?", "qué onda parce, todo
# bien?", "wassup bro, all good?"): an opener, then only words of address and of "how are you"; "fala sobre o jogo"
# and "qual é o jogo?" go on to something else. `_HOW_ARE_YOU` alone is one too ("beleza?", "todo bien?").
_OPENER = (r"fala|fala ai|falae|salve|coe|eae|eai|iae|ae|opa|que onda|q onda|quiubo|quihubo|que hubo|que mas|wena"
           r"|wassup|wazzup|whaddup|what'?s good|whats up|what'?s up|sup|howdy|hey+|hi+|hello|hola|oi+|ola|buenas")
# only with words of address or of "how are you" after it
_WEAK_OPENER = r"qual e|qual foi|e ai|epa|oye|ey|yo|eu|ayy+|yoo+"
_ADDRESS = (r"tu|ai|mano|mana|manin|meu (?:mano|parceiro|amigo|querido|consagrado|chapa|camarada|irmao|rei|patrao)"
            r"|parceiro|parceira|parca|irmao|brother|broder|bro|campeao|chefe|galera|mestre|amigo|amiga|truta|chapa"
            r"|guerreiro|consagrado|camarada|parce|parcero|llave|socio|hermano|compa|compadre|pana|mae|weon|wey|guey"
            r"|man|dude|bro|mate|fam|chief|boss|pal|buddy|bud|folks|guys|people")
_HOW_ARE_YOU = (r"(?:tudo |td |tdo )?(?:tranquilo|tranquila|tranquilao|beleza|blz|suave|de boa|firmeza|joia|certo"
                r"|em cima|bem|bom|ok|belezinha)|como (?:vai|voce esta|vc ta|ta|tas|andas|anda|va|vas|estas|esta)"
                r"|(?:todo )?(?:bien|bn|tranqui|tranquilo|chevere|bacano|bien o que|bien o no)|que (?:tal|mas|cuentas"
                r"|hay|pasa)|all good|you good|u good|how(?:'?s| is) it going|how are (?:you|u|ya)|how you doing"
                r"|how u doin|how ya doin|how'?s life|hows life|what'?s good|whats good|what'?s up|whats up|que hubo"
                r"|pues")
_SEP = r"[\s,!?.¿¡]+"
# Searched as one of `_rx`'s whole-word alternatives: from the message's first word (at most three marks before it,
# "¿¡") to its last (marks after it).
_SLANG_GREETING = (
    r"(?:(?<=^)|(?<=^\W)|(?<=^\W\W)|(?<=^\W\W\W))"
    rf"(?:(?:{_OPENER})(?:{_SEP}(?:{_ADDRESS}|{_HOW_ARE_YOU}))*"
    rf"|(?:{_WEAK_OPENER})(?:{_SEP}(?:{_ADDRESS}|{_HOW_ARE_YOU}))+"
    rf"|(?:(?:{_ADDRESS}){_SEP})?(?:{_HOW_ARE_YOU})(?:{_SEP}(?:{_ADDRESS}|{_HOW_ARE_YOU}))*)(?=\W*$)"
)


def _rx(*alternatives: str) -> Cue:
    """A cue: any of the alternatives as whole words; searched by the alternatives the text has the words of."""
    return word_cue(alternatives, before=r"\b", after=r"\b")


# (pattern, weight) per intent. Patterns see folded text (lower-case, no accents).
CUES: dict[str, list[tuple[Cue, float]]] = {
    "match_schedule": [
        (_rx(r"when", r"what time", r"at what time", r"kick ?-?off", r"schedule", r"fixtures?", r"calendar",
             r"next (?:match|game|fixture)", r"upcoming", r"what'?s on", r"whats on", r"cuando", r"a que hora",
             r"que hora", r"horario", r"calendario", r"programacion", r"proximo partido", r"proximos partidos",
             r"quando", r"que horas", r"a que horas", r"agenda", r"proximo jogo", r"proximos jogos", r"what day",
             r"que dia", r"fecha del"), 3.0),
        # a sport's own word for the start ("when do they tip off", "first serve", "puck drop", "el saque inicial",
        # "o pontapé inicial", "a qué hora arranca"): the start of a match, asked
        (_rx(r"tip(?:s|ping|ped)? ?-?off", r"tipoff", r"first (?:serve|pitch|ball|bounce)", r"puck drop",
             r"face ?-?off time", r"throw ?-?in time", r"start(?:ing)? time", r"saque inicial", r"saque de salida",
             r"pitazo inicial", r"silbatazo inicial", r"pontape inicial", r"bola rolando", r"hora do jogo",
             r"hora del partido", r"(?:que|q) horas? (?:arranca|arrancan|empieza|empiezan|comienza|comienzan|inicia"
             r"|sale|comeca|comecam|rola|e)"), 3.0),
        (_rx(r"play", r"plays", r"playing", r"juega", r"juegan", r"jugara", r"jugando", r"joga", r"jogam",
             r"jogando", r"any (?:games?|matches)", r"hay (?:algun )?partidos?", r"tem jogos?", r"on tv",
             r"(?:what|which) (?:games|matches)", r"que (?:partidos|juegos|jogos)", r"quais (?:jogos|partidas)",
             r"lineup"), 2.0),
        # Nouns: every intent talks about games, so they only tip the balance when nothing else does.
        (_rx(r"games?", r"match(?:es)?", r"partidos?", r"encuentros?", r"jogos?", r"partidas?", r"fixture"), 1.0),
        (_rx(r"against", r"contra", r"vs", r"versus", r"v"), 0.5),
        # who a club plays, its next opponent ("who do wolves play next", "contra quién le toca al Betis", "quem o
        # Bahia pega no domingo"): the fixture, never a tip
        (_rx(r"who\s+(?:do|does|did|will|are|is|r)\s+(?:\w+\s+){0,3}?(?:play|playing|face|facing|take on|taking on"
             r"|meet|meeting|up against|go up against)", r"who(?:'?s| is| are)\s+(?:\w+\s+){0,3}?(?:playing|facing"
             r"|up against|taking on)", r"(?:play|plays|playing|face|faces|facing|against) who(?:m)?\b(?! (?:to|will"
             r"|would|should|wins?))", r"who(?:'?s| is| are) (?:the |their |its )?(?:next )?(?:opponents?|rivals?)",
             r"contra quien(?:es)?\s+(?:\w+\s+){0,3}?(?:juega|juegan|jugara|jugaran|le toca|les toca|toca|va|van"
             r"|se enfrenta|se enfrentan|enfrenta|enfrentan|es|sera)",
             r"(?:a|con) quien(?:es)?\s+(?:\w+\s+){0,3}?(?:le toca|les toca|enfrenta|enfrentan|se enfrenta|juega|juegan"
             r"|recibe|visita)(?! (?:apostar|apuesto))",
             r"(?:juega|juegan|enfrenta|le toca|les toca) (?:contra|con) quien",
             r"(?:quien|cual) es (?:el|su) (?:proximo )?(?:rival|oponente|contrincante)",
             r"contra quem\s+(?:\w+\s+){0,3}?(?:joga|jogam|jogara|vai jogar|vao jogar|pega|pegam|enfrenta|enfrentam|e"
             r"|encara)", r"quem (?:o |a |os |as )?(?:\w+ ){0,2}?(?:enfrenta|pega|vai pegar|vai enfrentar|encara"
             r"|vai encarar)", r"(?:pega|enfrenta|encara|joga contra|jogam contra) quem",
             r"(?:quem|qual) (?:e )?o (?:proximo )?(?:adversario|rival|oponente)"), 4.0),
    ],
    "odds_information": [
        (_rx(r"odds?", r"cuotas?", r"momios?", r"cotizacion(?:es)?", r"cotacao", r"cotacoes", r"prices?",
             r"precio", r"lines?", r"linea", r"quotes?"), 3.5),
        (_rx(r"pays?", r"paying", r"paga", r"pagan", r"pagando", r"paga(?:ria)? el",
             r"how much (?:is|does) .{1,30} pay",
             r"cuanto paga", r"quanto paga", r"implied probability", r"probabilidad implicita",
             r"probabilidade implicita", r"what are the chances", r"chances?", r"probabilit(?:y|ies)",
             r"probabilidad(?:es)?", r"probabilidades?"), 2.5),
        (_rx(r"margin", r"margen", r"margem", r"overround", r"vig", r"juice"), 2.5),
        # what something pays, asked ("whats the draw paying", "how much are they paying for the over"): its price, not
        # what the word means
        (_rx(r"what(?:'?s| is| are| does| do)\s+(?:\w+\s+){0,4}?(?:paying|pay|pays|going for)",
             r"how much (?:is|are|do|does)\s+(?:\w+\s+){0,4}?(?:paying|going for)",
             r"que (?:esta|estan|ta|tao) pagando", r"cuanto (?:esta|estan) pagando"), 3.0),
        # "is <team> the favourite?", "o <team> é favorito?", "¿es favorito el <team>?": one side's price
        (_rx(r"(?<!quien )(?<!quem )(?<!who )(?:is|are|es|e|son|sao|sera|seria|estan|esta) (?:\w+ )?"
             r"(?:the |el |o |a |los |os )?favou?rit(?:e|es|o|os|a|as)",
             r"favou?rit(?:e|es|o|os|a|as) (?:to win|para ganar|pra ganhar|para vencer|pra vencer|tonight|hoy|hoje)",
             r"(?:favou?red|odds-on)"), 3.0),
    ],
    "betting_recommendation": [
        # "tip off" is basketball's start, not a tip ("what time do they tip off"): the schedule's cue below
        (_rx(r"recommend\w*", r"suggest\w*", r"tips?(?! ?-?off)", r"picks?", r"predictions?", r"predict", r"advice",
             r"advise",
             r"should i bet", r"what (?:should|do) i bet", r"what to bet", r"best bets?", r"good bets?",
             r"which bet", r"what bet", r"worth (?:it|betting|a bet)", r"what do you think", r"your take",
             r"recomienda\w*", r"recomiendame", r"recomendacion(?:es)?", r"sugerencias?", r"sugiere\w*",
             r"sugieres", r"pronosticos?", r"aconseja\w*", r"consejos?", r"en que (?:le |los |lo )?(?:apuesto|apostar"
             r"|invierto|juego)", r"a que (?:le )?apuesto", r"que apuesto", r"que me conviene", r"vale la pena",
             r"dicas?", r"recomenda\w*", r"sugestao", r"sugestoes", r"palpites?", r"em que (?:eu )?aposto",
             r"onde apostar", r"vale a pena", r"what'?s (?:a )?good", r"any good", r"value bets?", r"sure bet",
             r"apuesta segura", r"aposta segura", r"bet of the day", r"where should i", r"que apostar",
             r"donde apuesto", r"mejor(?:es)? apuestas?", r"melhor(?:es)? apostas?", r"best value",
             r"would you (?:bet|back|pick|play)", r"what would you", r"que apostarias", r"en que apostarias",
             r"voce apostaria", r"(?:good|smart|best|clever|solid|decent|nice) (?:bet|pick|play)s?",
             r"who do you (?:like|fancy|back|pick)", r"who would you (?:pick|back|choose)", r"a quien le vas",
             r"en quien confias", r"(?:good|bad) idea", r"buena idea", r"mala idea", r"boa ideia",
             r"what should i (?:bet|play|back|pick|do|go for)", r"que (?:deberia|debo) (?:apostar|jugar)",
             r"o que (?:eu )?(?:devo|deveria) apostar", r"(?:necesito|quiero|busco|dame) una apuesta",
             r"(?:i need|i want|i'?m looking for|give me) a (?:bet|pick)", r"(?:preciso de|quero|me da) uma aposta",
             r"que (?:opinas|piensas)", r"o que (?:voce )?acha", r"do you think i should",
             # where/on whom/on what to put the money: "a quién le apuesto", "en qué los meto", "onde eu coloco 30",
             # "em quem apostar", "who do I back tonight", "where do I put my 20"
             r"(?:a quien|a quienes|en quien|por quien|en que|a que|donde|a cual|por cual|en cual)"
             r"(?: \w+){0,3}? (?:apuesto|apostar|apostarle|apuesta|meto|meter|metemos|pongo|poner|invierto|invertir)",
             r"(?:em quem|em que|onde|no que|em qual|pra quem|para quem)(?: \w+){0,3}?"
             r" (?:aposto|apostar|apostamos|coloco|colocar|boto|botar|ponho|por|invisto|investir|meto)",
             r"(?:who|what|where|which (?:team|game|match|one|side)) (?:should|do|would) (?:i|we)"
             r" (?:bet|put|back|stake|place|go with|throw|lay)", r"me conviene (?:apostar|jugar|meter|meterle|poner"
             r"|ponerle|invertir)",
             # money put on a game asked for: "which match is worth putting my cash on", "vale colocar grana",
             # "le meto plata" (a stake said without an amount)
             r"(?:which|what) (?:game|match|fixture|team|side|one)s?\b[^.?!]{0,40}?\b(?:put|putting|stick|sticking"
             r"|throw|throwing|place|placing) (?:my |some |the |any |real )?(?:money|cash|dough|bucks|quid)",
             r"worth (?:putting|throwing|sticking|risking) (?:my |some |any |the )?(?:money|cash|dough)",
             r"(?:meter|meterle|meto|poner|ponerle|pongo|invertir|invierto) (?:mi |la |el |algo de |un poco de )?"
             r"(?:plata|dinero|lana|billete|guita|pasta|platica)",
             r"(?:vale|compensa) (?:a pena )?(?:colocar|botar|por|meter|apostar) (?:uma |minha |a |um pouco de )?"
             r"(?:grana|dinheiro|granas?)",
             r"(?:me )?convem apostar", r"is it worth (?:betting|a bet|backing)",
             # value (a price above its chance) asked for: a tip, not a risk level
             r"any value", r"where(?:'?s| is) the value", r"value (?:picks?|plays?|spots?)",
             r"(?:hay|ves|tiene) (?:algo de )?valor en", r"(?:tem|ve) (?:algum )?valor (?:em|no|na|nos|nas)",
             # a punter's and a tipster's words: "worth a punt", "fancy a flutter", "banker of the day", "any locks",
             # "la fija del día", "uma barbada", "tem zebra?"; Portuguese "sugere/sugira/indica"
             r"worth (?:a |the )?(?:punt|flutter|shot|go|gamble|wager|risk|backing|a look)", r"(?:fancy|have|take)"
             r" a (?:punt|flutter|gamble)", r"(?:a |any |the |your |my )?(?:bankers?|locks?|naps?|good things?|"
             r"sure things?)(?: of the (?:day|night|week|weekend)| for (?:today|tonight"
             r"|tomorrow|the weekend)| tonight| today)", r"(?:any|a|the|your|best) (?:bankers?|locks?|sure things?)",
             r"(?:best|good|strong) shouts?",
             r"vale (?:una|la|uma|a) (?:apuesta|aposta)",
             r"(?:la |una |alguna |las |unas |tu |su )fijas?", r"fijas?(?: del dia| de hoy| para (?:hoy|manana|el))",
             r"(?:uma |a |alguma |as |umas |sua )barbadas?", r"barbadas?(?: do dia| de hoje| pra| para)",
             r"(?:tem|alguma|uma) zebra", r"suger\w*", r"sugir\w*",
             r"me indica (?:uma|um|algo|alguma|alguem|quem|em quem|o que)",
             # "o que vc indica?", "qual você me indica?": Portuguese for "what do you recommend?"
             r"(?:o que|qual|quais|quem|em quem|em qual|em que) (?:(?:voce|vc|tu|ce) )?(?:me )?indica(?:ria|s)?",
             r"indica (?:uma|algo|alguma|algum|alguns|algumas|um|uns|umas)",
             # games good to bet on, asked for: "good games to bet on saturday", "partidos buenos para apostar",
             # "jogos bons pra apostar", "bons jogos pra apostar"
             r"(?:good|nice|decent|best|solid) (?:games?|matches|fixtures) (?:to bet|to back|for betting|worth)",
             r"(?:games?|matches|fixtures) (?:worth betting|worth a bet|good to bet|to bet on)",
             r"(?:partidos?|juegos?) (?:buenos?|que valgan la pena) (?:para|pa|pra) apostar",
             r"(?:buenos?|mejores) (?:partidos?|juegos?) (?:para|pa) apostar",
             r"(?:jogos?|partidas?) (?:bons|boas|bom|boa) (?:para|pra|pro) apostar",
             r"(?:bons|boas|melhores) (?:jogos|partidas) (?:para|pra) apostar",
             r"(?:manda|solta|passa) (?:uma |a |as )?(?:dicas?|palpites?|boa)",
             # slang for the pick: "qual a boa de hoje?", "¿cuál es la buena del finde?", "what's the play tonight?"
             r"(?:qual|cual) (?:e |es )?(?:a |la )(?:boa|buena|braba)", r"(?:a|la) (?:boa|buena|braba) (?:de|do|da"
             r"|del|pra|pro|para|pa|pal) ", r"what(?:s| is) the (?:play|move)(?! (?:of|in) the game)"), 3.5),
        (_rx(r"should i", r"deberia", r"debo", r"devo", r"deveria", r"what about betting", r"give me a bet",
             r"give me something", r"dame algo", r"dame una apuesta", r"algo para apostar", r"best odds",
             r"ideas?", r"ideias?"), 2.0),
        (_rx(r"who (?:will |would |is going to |gonna )?wins?", r"quien (?:va a )?ganar?a?", r"quem vai ganhar"), 1.5),
    ],
    "team_comparison": [
        (_rx(r"compare", r"comparing", r"comparison", r"compara\w*", r"head[ -]to[ -]head", r"h2h", r"cara a cara",
             r"mano a mano", r"confronto direto", r"historial", r"historico", r"who(?:'?s| is) better",
             r"which (?:one |team )?is better", r"better team", r"quien es mejor", r"cual es mejor",
             r"quem e melhor", r"qual e melhor", r"stronger", r"mas fuerte", r"mais forte", r"llega mejor",
             r"chega melhor", r"who(?:'?s| is) the favou?rite", r"quien es (?:el )?favorito",
             r"quem e (?:o )?favorito", r"vs form", r"match ?up", r"stack up"), 4.0),
        (_rx(r"better", r"mejor", r"melhor", r"form", r"forma", r"racha", r"stats", r"estadisticas",
             r"estatisticas", r"record", r"who (?:will |would |is going to |gonna )?wins?", r"quien (?:va a )?ganar?a?",
             r"quem vai ganhar", r"or", r"o", r"ou"), 1.0),
    ],
    "balance_query": [
        (_rx(r"balance", r"saldo", r"my account", r"mi cuenta", r"minha conta", r"en la cuenta", r"funds",
             r"fondos", r"withdrawable", r"retirable", r"wallet", r"billetera", r"cartera", r"carteira",
             r"how much (?:money|cash|funds) (?:do )?i (?:have|got)", r"how much (?:do )?i have",
             r"how much (?:money |cash )?have i got",
             r"cuanto (?:dinero |plata )?tengo", r"cuanta plata", r"cuanto dinero",
             r"quanto (?:dinheiro )?(?:eu )?tenho",
             r"money (?:do )?i have", r"available to (?:bet|withdraw|spend)", r"cash left", r"money left",
             # enough money for a stake: the balance asked about, not a simulation ("do I have enough to bet 50?")
             r"(?:have|got|there|still have) enough(?! (?:info|information|data|time))",
             r"enough (?:money|cash|funds|left|in there|in my account)", r"can i afford",
             r"me alcanza", r"(?:alcanza|llega) (?:el saldo|la plata|mi saldo|lo que tengo)",
             r"(?:plata|dinero|saldo|lana) suficiente", r"suficiente (?:plata|dinero|saldo)",
             r"(?:tengo|hay) (?:plata|dinero|saldo|lana) (?:para|pa)",
             r"(?:tenho|tem|sobrou) (?:saldo|grana|dinheiro|bala)(?: suficiente)? (?:pra|para|pro)",
             r"(?:saldo|grana|dinheiro) suficiente", r"com o que (?:eu )?tenho", r"banca aguenta"), 4.0),
        (_rx(r"bonus", r"bono", r"bonos", r"me queda", r"me sobra", r"left", r"disponible", r"disponivel",
             r"plata", r"dinero", r"dinheiro", r"money", r"cash", r"account", r"cuenta", r"conta", r"withdraw",
             r"retirar", r"sacar"), 1.5),
    ],
    "bet_simulation": [
        (_rx(r"what if i", r"if i (?:bet|put|stake|wager|risk|play|back|go)", r"if i were to",
             r"how much (?:would|will|do|can|could) i (?:win|get|make|earn|take)",
             r"how much would .{1,40} (?:pay|return|win|make)", r"potential (?:win\w*|returns?|profit)",
             r"possible (?:win\w*|returns?)", r"simulat\w*",
             r"si (?:le )?(?:apuesto|apostara|apostase|meto|pongo|juego|invierto)",
             r"cuanto (?:ganaria|gano|me daria|me da|me dan|recibo|recibiria|me pagan|me pagarian|sacaria|saco)",
             r"simula\w*", r"se eu (?:apostar|colocar|botar|jogar)",
             r"quanto (?:eu )?(?:ganharia|ganho|recebo|receberia|levo)", r"get back", r"what would .{1,40} pay",
             r"what do i (?:get|win)", r"instead", r"en vez", r"em vez"), 4.0),
        # Products and payoffs: a stake makes them a simulation, a "what is" makes them a definition.
        (_rx(r"payouts?", r"returns?", r"combo", r"combinadas?", r"parlays?", r"accas?", r"accumulators?",
             r"acumuladas?", r"multiples?", r"multiplas?", r"profit", r"ganancias?", r"lucro"), 2.0),
        (_rx(r"win", r"ganar", r"ganho", r"ganharia", r"pay", r"paga", r"pagaria", r"stake", r"wager", r"apuesto",
             r"apostar", r"aposto"), 1.0),
    ],
    "tournament_info": [
        (_rx(r"tournaments?", r"leagues?", r"competitions?", r"torneos?", r"ligas?", r"competiciones?",
             r"competicion", r"campeonatos?", r"competicoes", r"competicao", r"standings", r"table", r"tabla",
             r"clasificacion", r"classificacao", r"posiciones", r"what sports", r"which sports", r"que deportes",
             r"quais esportes", r"que esportes", r"sports do you", r"deportes (?:tienen|hay|cubren)"), 3.5),
        (_rx(r"(?:what|which|que|cuales|quais) (?:leagues|competitions|tournaments|sports|ligas|torneos|competiciones"
             r"|deportes|campeonatos|competicoes|torneios|esportes) (?:do|does|have|are|can|tienen|tienes|hay|cubren"
             r"|manejan|voces|vcs|voce|vc|tem|cobrem)"), 2.0),
        (_rx(r"cover", r"covered", r"cubren", r"tienen disponibles?", r"available", r"disponibles?", r"tell me about",
             r"info(?:rmation)? (?:on|about)", r"informacion (?:de|sobre)", r"hablame de", r"me fale sobre",
             r"who leads", r"quien lidera", r"season", r"temporada"), 1.5),
        # the competitions one can bet on, said casually ("what comps do you run", "qué torneítos hay pa' jugar",
        # "quais torneios rola aposta"): the slang and plural nouns the first cue lacks, then which of them take bets
        (_rx(r"comps", r"tourneys?", r"torneios?", r"torneitos?", r"campeonatinhos?",
             r"(?:what|which|any|que|cuales|quais|en que|en cuales|em quais|em que|de que|de quais)\s+"
             r"(?:comps|tourneys|leagues|competitions|tournaments|ligas|torneos|competiciones|campeonatos|competicoes"
             r"|torneios)\s+(?:\w+\s+){0,5}?(?:bet|betting|wager|punt|apostar|apostarle|apuesto|apostamos|aposto"
             r"|apuesta|aposta|jugar|jugarle|meter|meterle|botar|jogar)"), 2.0),
    ],
    "general_betting_info": [
        (_rx(r"what (?:is|are|does|do) (?:a |an |the )?", r"what'?s (?:a |an |the )?", r"explain\w*", r"meaning",
             r"mean", r"means", r"definition", r"define", r"how (?:do|does|are|is) .{1,30} (?:work|calculated|calculate"
             r"|read|mean|converted|convert|computed|turned into)", r"how to read", r"how do i read",
             r"que (?:es|son|significa|quiere decir)",
             r"explica\w*",
             r"como (?:funciona|funcionan|funcionam|se calcula|se calculan|se lee|se leen|leo|leer|calculo)",
             r"o que (?:e|sao|significa|quer dizer)", r"difference between", r"diferencia entre", r"diferenca entre",
             r"en que consiste", r"how does betting work", r"teach me", r"ensename",
             r"how (?:should|can|would|do) (?:i|you|we|one) (?:read|interpret|understand)", r"interpret\w*"), 0.5),
        (_rx(r"odds", r"cuotas?", r"1x2", r"btts", r"handicaps?", r"double chance", r"doble oportunidad",
             r"dupla chance", r"over ?/? ?under", r"parlays?", r"accumulators?", r"accas?", r"combinadas?",
             r"margin", r"margen", r"margem", r"overround", r"vig", r"vigorish", r"juice", r"implied probability",
             r"probabilidad implicita", r"decimal odds", r"fractional", r"american odds", r"cash ?out", r"stake",
             r"bankroll", r"value bet", r"bookmaker", r"bookie", r"casa de apuestas?", r"casa de apostas",
             r"la casa", r"momios?", r"ambos marcan", r"ambas marcam", r"both teams to score", r"draw no bet",
             r"asian", r"asiatico", r"spread", r"moneyline", r"line", r"linea", r"sistema", r"apuesta combinada",
             r"payout", r"odd", r"cuota", r"apuestas? deportivas?", r"sports betting", r"betting", r"apostar",
             r"apuestas?", r"parlays?", r"multiples?", r"multiplas?", r"acumuladas?", r"ganancias?", r"returns?",
             r"aposta multipla", r"over", r"under", r"overs", r"unders"), 1.0),
        # how a payout is worked out from the price ("how are winnings worked out from the odds", "cómo se calcula lo
        # que cobro", "como calcula o retorno"): the method, asked, no stake nor match to simulate (last: the scorer
        # reads the definition and concept cues above by position)
        (_rx(r"how (?:is|are|do|does|would|will|can|should) (?:\w+ ){0,4}?(?:payouts?|pay-?outs?|winnings|returns?"
             r"|profits?|payoffs?|pay ?off|what i (?:win|get)) (?:\w+ ){0,2}?(?:calculated|worked out|work out"
             r"|computed|compute|figured out|figure out|determined|calculate)",
             r"how (?:do|does|can|would) (?:you|they|i|one|it|the \w+) (?:calculate|work out|compute|figure out)"
             r" (?:the |my |your |a )?(?:payouts?|winnings|returns?|profits?|payoffs?)",
             r"como (?:se )?(?:calcula|calculan|calculas|saca|sacan|obtiene|determina|computa)\w* (?:\w+ ){0,2}?"
             r"(?:ganancias?|pagos?|premios?|retornos?|beneficios?|cobro|lo que (?:cobro|gano|pagan|paga)"
             r"|retorno|ganhos?|lucros?|premios?|pagamentos?|o que (?:ganho|recebo))",
             r"como (?:e|sao|es|son) (?:calculad|determinad|calculat)\w* (?:\w+ ){0,1}?(?:retornos?|ganhos?|lucros?"
             r"|premios?|pagamentos?|ganancias?|pagos?|beneficios?)"), 4.0),
    ],
    "greeting": [
        (_rx(r"hi", r"hello", r"hey", r"hiya", r"howdy", r"greetings", r"good (?:morning|afternoon|evening|night|day)",
             r"hola", r"buenas", r"buenos dias", r"buenas (?:tardes|noches)", r"saludos", r"que tal", r"que mas",
             r"quiubo", r"quibo", r"que hubo", r"ola", r"oi", r"bom dia", r"boa (?:tarde|noite)", r"e ai", r"eai",
             r"tudo bem", r"tudo bom", r"what'?s up", r"whats up", r"sup", r"how are you", r"como estas",
             r"como vas", r"como va", r"thanks?", r"thank you", r"thx", r"gracias", r"muchas gracias",
             r"obrigad[oa]", r"valeu", r"bye", r"goodbye", r"see you", r"adios", r"chao", r"chau", r"tchau",
             r"hasta luego", r"ate logo", r"nice to meet you", r"mucho gusto", r"parce", r"cheers",
             # drawn out or typed in a hurry: "holaa", "oiii", "heyyy", "q tal"
             r"hola+", r"holi+s?", r"hello+", r"hey+", r"hii+", r"oii+", r"olaa+", r"q tal", r"tudo certo",
             r"^\s*yo+(?=[\s!.]*$)"), 3.0),  # "yo" alone (in Spanish it is "I", never a whole message)
        (_rx(_SLANG_GREETING), 3.0),
    ],
    "help": [
        (_rx(r"help", r"ayuda", r"ayudame", r"ajuda", r"me ajuda", r"what can you do", r"what do you do",
             r"what you can do", r"lo que puedes hacer", r"o que (?:voce|vc) pode", r"how (?:do|can|should) i ask",
             r"ask you", r"preguntarte", r"te pregunto", r"te pergunto", r"puedo preguntar", r"posso perguntar",
             r"what can i (?:do|ask)", r"what else can you", r"what are you", r"who are you", r"que puedes hacer",
             r"que mas (?:puedes|sabes|podes) hacer", r"o que mais (?:voce |vc )?(?:pode|faz|sabe)",
             r"que sabes hacer", r"que haces", r"que eres", r"quien eres", r"o que (?:voce|vc) (?:pode|faz|sabe)",
             r"quem e voce", r"how (?:do i|to|can i|should i|do you|does one) use(?= (?:this|it|you|u|the (?:bot|app"
             r"|chat|assistant|site|service)|chatbet)\b|\W*$)", r"como (?:te )?uso",
             # "¿cómo se usa esto?", "como se usa isso aqui?" (never "cómo se usa una lavadora")
             r"como (?:se )?usa (?:esto|isso|isto|aqui|aca)", r"como (?:se )?usa (?:este|esta|esse|essa) (?:chat|bot"
             r"|app|aplicacion|aplicativo|asistente|assistente|cosa|coisa|herramienta|ferramenta|pagina|sitio|site)",
             r"como usar(?:te|lo)?",
             r"commands?", r"comandos?", r"menu", r"options", r"opciones", r"opcoes", r"instructions",
             r"instrucciones", r"no entiendo", r"nao entendo", r"i don'?t understand", r"confused",
             r"(?:this|esto|este|esta|esse|essa|isso|el|the) (?:chat|bot|app|assistant|asistente|assistente|chatbot)",
             r"how does this work", r"como funciona esto", r"what questions", r"que preguntas", r"que perguntas",
             r"features", r"funciones", r"capabilities", r"get started", r"empezar", r"comecar", r"usarte",
             r"funcoes", r"funcionalidades", r"suas funcoes", r"tus funciones", r"your (?:functions|skills|abilities)",
             r"para que (?:me )?(?:sirves|serves|sirve esto|sirve este)", r"pra que (?:voce |vc )?serve",
             r"para que (?:voce |vc )?serve",
             r"what (?:exactly |even |really |actually )?(?:are|r) (?:you|u) (?:exactly |even |really |actually )?"
             r"(?:for|good for|about)",
             r"para que (?:exactamente |realmente )?(?:me )?sirves",
             r"pra que (?:exatamente |realmente )?(?:voce )?serve",
             r"what is this (?:chat |bot )?for",
             r"o que (?:voce|vc) consegue", r"que (?:sabes|puedes) hacer",
             # how to bet here: what the assistant can do ("how do I make a bet", "cómo hago una apuesta")
             r"how (?:do|can|would|should) i (?:make|place|put|do|start) (?:a |my )?bets?", r"how (?:do|can) i bet",
             r"how to (?:make|place) (?:a )?bets?",
             r"como (?:hago|pongo|realizo|coloco|hacer|poner) (?:una |mi )?apuesta",
             r"como (?:apuesto|se apuesta)", r"como (?:eu )?(?:faco|coloco|fazer|faz|boto) (?:uma |minha )?aposta",
             r"como (?:eu )?aposto", r"como se aposta"), 3.5),
        # Responsible gambling: always answered with help and limits, never with a bet.
        (_rx(r"gambling problem", r"problem with gambling", r"addict\w*", r"adiccion", r"adicto", r"viciado",
             r"vicio", r"(?:stop|quit) (?:betting|gambling)", r"dejar de apostar", r"parar de apostar",
             r"deixar de apostar", r"(?:dejar|parar) de jugar", r"(?:deixar|parar) de jogar",
             r"self[- ]?exclu\w*", r"autoexclu\w*", r"responsible gambling",
             r"juego responsable", r"jogo responsavel", r"(?:set|put) (?:a )?limits?",
             r"limite de (?:apuestas|apostas)",
             r"lost (?:all )?my money", r"perdi todo", r"perdi tudo"), 4.5),
    ],
    "out_of_scope": [
        (_rx(r"weather", r"forecast", r"rain", r"clima", r"llover", r"lluvia", r"chuva", r"temperature",
             r"temperatura", r"poem", r"poema", r"poetry", r"jokes?", r"chistes?", r"piadas?", r"recipes?",
             r"recetas?", r"receitas?", r"cook", r"cocinar", r"cozinhar", r"movies?", r"films?", r"peliculas?",
             r"(?:una|la|unas|otra) pelis?", r"(?:um|o|uns) filminho",
             r"filmes?", r"series de tv", r"netflix", r"songs?", r"canciones", r"cancion", r"musica", r"music",
             r"capital", r"president", r"presidente", r"elections?", r"elecciones", r"eleicao", r"eleicoes",
             r"politics", r"politica", r"news", r"noticias", r"translate", r"traduce", r"traduz", r"traducir",
             r"homework", r"tarea", r"essay", r"ensayo", r"code", r"codigo", r"python", r"javascript",
             r"programming", r"programar", r"stocks?", r"acciones", r"bitcoin", r"crypto\w*", r"horoscope",
             r"horoscopo", r"girlfriend", r"boyfriend", r"novia", r"namorada", r"doctor", r"medico", r"restaurant",
             r"restaurante", r"hotel", r"flights?", r"vuelos?", r"voos?", r"meaning of life", r"sentido de la vida",
             r"write me", r"escribeme", r"escribe(?:me)? un", r"escreva", r"escreve", r"how old", r"lottery",
             r"loteria", r"casino", r"poker", r"roulette", r"ruleta", r"slots", r"tragamonedas", r"pizza",
             r"taxi", r"uber", r"math", r"matematicas", r"history of", r"historia de", r"who invented",
             r"quien invento", r"story", r"cuento", r"historia", r"dance", r"email", r"correo",
             # awards and show business, things to watch or read, arithmetic
             r"oscars?", r"grammys?", r"emmys?", r"golden globes?", r"globos de oro", r"nobel", r"eurovision",
             r"miss universe?o?", r"bafta", r"big brother", r"reality shows?", r"celebrit(?:y|ies)", r"actor",
             r"actress", r"actriz", r"ator", r"atriz", r"singer", r"cantante", r"cantor", r"cantora", r"albums?",
             r"tv shows?", r"tv series", r"(?:qual|que|cual|which) (?:serie|series|filme|pelicula|livro|libro|novela"
             r"|anime|podcast|movie|show)", r"(?:uma|una) (?:serie|novela)",
             r"series? (?:pra|para) (?:assistir|ver)",
             r"(?:show|series) to (?:watch|binge)", r"something to (?:watch|read|listen)",
             # "book" alone is a bookmaker in betting talk ("which book has the best odds"): only a book to read
             r"books? (?:to read|about|by)", r"(?:read|reading) (?:a )?books?", r"livros?", r"libros?", r"podcasts?",
             r"anime", r"documentar(?:y|ies|io|ios)", r"video ?games?", r"videojuegos?",
             r"square root", r"raiz (?:cuadrada|quadrada)", r"tabuada", r"tabla de multiplicar", r"equations?",
             r"ecuacion(?:es)?", r"equacao", r"percent of", r"por ciento de", r"por cento de",
             # everyday errands and questions: the weather, a booking, cooking, tickets, kit to buy, a club's
             # coach, the time of day (never "what time is the game", "a qué hora es el partido", "ticket" as a slip)
             r"chover", r"chove", r"chovendo", r"raining", r"rainy", r"snow(?:ing|s)?", r"nevar", r"nevando", r"llueve",
             r"lloviendo", r"sunny", r"umbrella", r"paraguas", r"guarda-?chuva", r"how (?:hot|cold) (?:is|will)",
             r"book (?:me |us )?(?:a |an )?(?:table|room|flight|cab|ride|appointment|haircut)", r"table for (?:two|\d+"
             r"|four|three|\w+ people)", r"reservation", r"reserva\w* (?:una |uma |um |un )?(?:mesa|habitacion|quarto"
             r"|cita|consulta|vuelo|voo|passagem|hotel|corte)", r"mesa para (?:dos|dois|duas|\d+|tres|cuatro|quatro)",
             r"dinner", r"lunch", r"breakfast", r"cena(?:r)?", r"jantar", r"almuerzo", r"almoco", r"bake", r"baking",
             r"cake", r"hornear", r"tarta", r"bolo", r"assar", r"lasagna", r"lasana", r"lasanha", r"ingredients",
             r"ingredientes",
             r"how (?:do i|to) (?:cook|make|prepare) (?!(?:a |an |the |my )?(?:bets?|parlay|combo|acca|deposit|pick)\b)"
             r"\w+",
             r"(?:buy|get|book|purchase|comprar|compro|compra|consigo|conseguir|arranjar)\s+(?:\w+\s+){0,3}?"
             r"(?<!bet )(?<!betting )(?:tickets?"
             r"|entradas|boletos|boletas|ingressos?)", r"tickets? (?:for|to) (?:the |a )?(?:game|match|concert|show"
             r"|final|stadium)", r"ingressos? (?:para|pro|pra|do|da)", r"entradas (?:para|pro|pra|al|del|de la)",
             r"(?:buy|comprar|compro|order|pedir)\s+(?:\w+\s+){0,3}?(?:jerseys?|shirts?|kits?|camisetas?|camisas?|boots"
             r"|botines|chuteiras?|rackets?|raquetes?|raquetas?|sneakers|zapatillas|balls?|balon|bola)",
             r"(?:head )?coach(?:es|ed)?", r"entrenador(?:es)?", r"treinador(?:es)?", r"director tecnico",
             r"tecnico (?:do|da|del|de la)", r"manager of",
             r"what time is it(?! (?:kicking|starting|being|played|happening|going|scheduled|on\b|at\b))",
             r"what'?s the time",
             r"time is it (?:in|now)", r"(?<!a )que hora es(?! el| la| los| las| mi| tu)", r"que horas sao(?! os| as| o"
             r"| a)", r"que horas sao agora", r"hora (?:actual|atual)",
             # arithmetic: "what's 12 times 8", "cuánto es 15 por 7", "quanto dá 9 mais 4" (never "2 x 1", a score)
             r"(?:what'?s|whats|what is|how much is|cuanto es|cuanto da|cuanto son|quanto e|quanto da|quanto sao"
             r"|calcula\w*) \d+ (?:x|times|vezes|veces|multiplied by|multiplicado por|dividido por|divided by|plus"
             r"|minus|mais|menos|mas|por) \d+(?![.,]\d)"), 4.0),
        # who won a competition in a past year ("who won the 2010 world cup", "quem ganhou a libertadores de 2019"):
        # history, not a competition we take bets on
        (_rx(r"(?:who|quien|quem) (?:won|gano|ganhou|was (?:the )?champions?|fue (?:el )?campeon|foi (?:o )?campeao)"
             r"\b[^?.!]{0,40}\b(?:19\d\d|20[01]\d|202[0-5])"), 3.0),
    ],
}

# Intents that can never be the answer when a cue of another, specific intent is present at equal score.
_TIE_ORDER = {intent: i for i, intent in enumerate(
    ["bet_simulation", "betting_recommendation", "team_comparison", "odds_information", "balance_query",
     "general_betting_info", "tournament_info", "match_schedule", "help", "greeting", "out_of_scope"]
)}
MIN_SCORE = 1.0  # below this nothing fits: out_of_scope
_PAYS = re.compile(r"\b(?:pays?|paying|paid|pagan?|pagam|pagaria|pagarian|pagariam|rinde|rinden|rende|rendem)\b")
# Off-topic cues that, between two clubs, ask for their record instead ("history of Arsenal vs Chelsea").
_NARRATIVE = re.compile(r"\b(?:history|historia|story|stories|historico|rivalry|rivalidad|rivalidade)\b")
# An odds *format* ("decimal", "fractional", "american", "moneyline", a price written "+300" / "-150"): a question
# about how odds are written or read, a concept, when no match, day or stake is named ("decimal vs american odds?",
# "¿cómo se interpreta una cuota de -150?"); odds *of a fixture* name a team.
_ODDS_FORMAT = prefiltered(re.compile(  # searched in every message: only when it has one of these words
    r"\b(?:decimal(?:es)?|decimais|fractional|fraccionari[ao]s?|fracionari[ao]s?|american[ao]?s?"
    r"|european|europe[ao]s?|moneyline|formats?|formatos?)\b"))
_WRITTEN_PRICE = re.compile(r"(?<![\w.,])[+-]\d{3,4}\b")
# "calculate/work out/calcula/faz a conta" with a stake said: what that stake would return ("calcula 25 no Alcaraz").
_CALCULATE = re.compile(r"\b(?:calculat\w*|calcul[ae]\w*|work (?:it )?out|figure (?:it )?out|compute|crunch"
                        r"|run the numbers|haz(?:me)? (?:la|las) cuentas?|saca(?:me)? (?:la|las) cuentas?"
                        r"|faz (?:a|as) contas?|fazer (?:a|as) contas?)\b")


# A slang greeting that is the whole message (its cue is anchored at both ends): no other question in it.
_WHOLE_SLANG_GREETING = CUES["greeting"][1][0]
# CUES flat, in order, and indexed by the words their matches hold: a message searches only the cues it can match.
_FLAT_CUES = [(intent, pattern, weight) for intent, cues in CUES.items() for pattern, weight in cues]
_CUE_SET = CueSet([pattern for _intent, pattern, _weight in _FLAT_CUES])


class RuleClassifier:
    """The default, offline intent classifier (deterministic, ~0.1 ms)."""

    name = "rules"

    def scores(self, text: str, entities: Entities, language: str) -> dict[str, float]:
        scores = dict.fromkeys(INTENTS, 0.0)
        for i in _CUE_SET.searched(text):  # in CUES' order: each intent's weights summed as before
            intent, pattern, weight = _FLAT_CUES[i]
            if pattern.search(text):
                scores[intent] += weight
        self._entity_cues(scores, text, entities)
        if scores["greeting"] > 0 and _WHOLE_SLANG_GREETING.search(text):
            scores["greeting"] += 3.0  # "yo what's good", "coé mano": the whole message greets; nothing else is asked
        elif scores["greeting"] > 0 and max(v for k, v in scores.items() if k != "greeting") >= 1.0:
            scores["greeting"] -= 1.5  # "hi, what are the odds..." is about the odds
        return scores

    @staticmethod
    def _entity_cues(scores: dict[str, float], text: str, e: Entities) -> None:
        n_teams = len(e.teams)
        definition_rx, concept_rx = CUES["general_betting_info"][0][0], CUES["general_betting_info"][1][0]
        definition = bool(definition_rx.search(text))
        concept = bool(concept_rx.search(text)) or e.market is not None
        if n_teams:
            scores["match_schedule"] += 1.5
            scores["odds_information"] += 0.5
            scores["general_betting_info"] -= 2.0  # a question about a concept rarely names a club
            scores["out_of_scope"] -= 1.0
            scores["tournament_info"] -= 1.0
        if n_teams >= 2:
            scores["team_comparison"] += 1.0 if scores["team_comparison"] >= 1.0 else 0.0
            if _NARRATIVE.search(text):  # "the history of <A> vs <B>", "historia entre <A> y <B>": their record
                scores["out_of_scope"] -= 4.0
                scores["team_comparison"] += 4.0
        elif scores["team_comparison"] < 4.0:
            scores["team_comparison"] -= 1.0  # "better"/"or" alone are not a comparison without two sides
        if e.date_from is not None:
            scores["match_schedule"] += 1.5
            scores["betting_recommendation"] += 0.3
        if e.competition:
            scores["tournament_info"] += 1.5
            scores["match_schedule"] += 1.0
            scores["out_of_scope"] -= 2.0
        if e.market:
            scores["odds_information"] += 1.5
            scores["general_betting_info"] += 1.0 if definition else 0.0
            scores["bet_simulation"] += 0.5
        if e.amount is not None:
            scores["bet_simulation"] += 2.0
            if _PAYS.search(text):  # "quanto paga trinta no Flamengo": what that stake pays, not the price alone
                scores["bet_simulation"] += 1.5
            if _CALCULATE.search(text):
                scores["bet_simulation"] += 3.0
                scores["out_of_scope"] -= 2.0  # "calcula 25 no Alcaraz" is no sum (a sum has no stake)
            scores["betting_recommendation"] += 1.0
            scores["balance_query"] -= 1.0
            scores["out_of_scope"] -= 2.0
        if e.risk and not (definition and concept):  # "what is a value bet?" asks for a definition
            scores["betting_recommendation"] += 2.5
        if e.live:
            scores["match_schedule"] += 1.5
            scores["odds_information"] += 0.3
        if e.wants_real_bet:
            scores["bet_simulation"] += 3.5
        if e.confirmation is not None:
            scores["bet_simulation"] += 2.5
            scores["greeting"] -= 1.0
        if definition and concept:
            # "What is a parlay?": a question about a concept, unless it names a match, a date, a stake or "live".
            scores["general_betting_info"] += 2.5
            if not (n_teams or e.competition or e.amount is not None or e.date_from is not None or e.live):
                scores["general_betting_info"] += 1.5
        elif not definition:
            scores["general_betting_info"] -= 1.5  # a concept word alone is a question about a match
        written_as, price = bool(_ODDS_FORMAT.search(text)), bool(_WRITTEN_PRICE.search(text))
        if (written_as and concept) or (price and (concept or definition or written_as)):
            if not (n_teams or e.competition or e.amount is not None or e.date_from is not None or e.live):
                scores["general_betting_info"] += 3.0
        if definition and e.competition and not n_teams:
            scores["tournament_info"] += 1.5  # "what is the Liga BetPlay?"

    def classify(self, text: str, entities: Entities, language: str) -> tuple[str, float]:
        scores = self.scores(text, entities, language)
        ranked = sorted(INTENTS, key=lambda i: (-scores[i], _TIE_ORDER[i]))
        top, second = ranked[0], ranked[1]
        top_score, second_score = scores[top], max(0.0, scores[second])
        if top_score < MIN_SCORE:
            # Nothing fits. More words with no cue at all make us surer it is off-topic.
            words = len(text.split())
            return "out_of_scope", round(min(0.85, 0.5 + 0.05 * words), 3)
        strength = 1.0 - math.exp(-top_score / 2.5)
        share = top_score / (top_score + second_score)
        return top, round(max(0.05, min(0.99, strength * share)), 3)
