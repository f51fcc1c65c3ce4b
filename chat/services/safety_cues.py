"""What the responsible-gambling policy listens for: cues per category, on normalised text, negation aware.

How a message is read (`Reading`) and what cancels a cue (`negated`) is chat/services/safety_text.py. A category
is a list of patterns; the patterns describe kinds of statement (a first-person age, a money source that must not
be staked, a wish to win losses back, a debt of one's own with a must-win, a team's "guaranteed" place...), not
sentences: the development cases in chat/engine/data/safety_cases*.jsonl measure them, and sentences nobody has
written yet are the point.
"""

from __future__ import annotations

import re

from chat.engine.nlu.names import find_mentions
from chat.engine.nlu.text import SpanSet, tokenize
from chat.services import safety_indirect as indirect
from chat.services.safety_ages import (
    MINOR_BY_LANGUAGE,
    MINOR_MENTION,
    bet_for_someone,
    bets_for_a_minor,
    for_someone,
    minor_language,
    minor_mentioned,
    minor_named,
)
from chat.services.safety_requests import STOP, asks_limit, asks_self_exclusion
from chat.services.safety_text import Reading, found, negated, normalise, spoken_evidence
from chat.services.safety_text import rx as _rx

# the ages live in safety_ages, the requests in safety_requests; the policy reads every cue through this module
__all__ = ["MINOR_BY_LANGUAGE", "MINOR_MENTION", "STOP", "Reading", "asks_limit", "asks_self_exclusion",
           "bet_for_someone", "bets_for_a_minor", "for_someone", "minor_language", "minor_mentioned", "minor_named",
           "normalise",
           "signals", "spoken_evidence"]

# --- self-harm, distress, stop, "guaranteed" -----------------------------------------------------

# Spoken Portuguese writes "não" as "n", "naum", "nn"; "without football" / "sin fútbol" / "sem futebol" is a
# figure of speech about the game, not about one's life.
_NAO = r"(?:nao|n|naum|nn)"
# ("no quiero seguir viviendo con estas deudas": a burden named after it is no place: `indirect.BURDEN`)
_NOT_ELSEWHERE = (rf"(?!\s+(?!{indirect.BURDEN})(?:in|with|without|near|next|on|at|abroad|there|here|as|sin|con|en"
                  r"|cerca|lejos|de|del|como|sem|com|em|longe|perto|no|na)\b)")
# not waking up "anymore" / "nunca más" / "mais", not "early for the match"
_NO_MORE = (r"(?=\s*(?:$|[,.!?;:]|anymore|any more|again|ever|tomorrow|mas|nunca|nunca mais|mais|amanha|manana|jamas"
            r"|jamais)\b)")
CRISIS = _rx(
    r"(?:feel|feeling|felt) like (?:dying|dieing|ending it|killing myself|disappearing)", r"want(?:ed)? to die",
    r"wanna die", r"(?:kill|killing|hurt|hurting) myself", r"end(?:ing)? (?:it all|my life|things(?! with| between))",
    r"suicid\w*", r"take my (?:own )?life", r"(?:dont|do not|no longer) (?:want to|wanna) be here(?=\s*(?:$|[,.!?;:]"
    r"|anymore))",
    r"better off dead", rf"no (?:reason|point) (?:to|in) (?:live|living|going on){_NOT_ELSEWHERE}", r"i cant go on",
    r"quiero morir\w*", r"me quiero morir", r"matarme",
    # harming oneself, wished or meant (never a past knock: "me hice daño jugando", "se hizo daño en la rodilla")
    r"(?:quiero|quisiera|voy a|pienso|pienso en|pensando en|pense en|tengo ganas de|ganas de|necesito)"
    r" (?:hacerme (?:dano|mal)|lastimarme|herirme"
    r"|cortarme(?! (?:el|la|las|los|un|una) \w+))",
    r"me (?:quiero|voy a) (?:hacer dano|lastimar|herir|cortar)(?! (?:el|la) (?:pelo|cabello|unas)\b)",
    r"(?:quero|queria|vou|vontade de|preciso|penso em|pensando em|pensei em) (?:me )?(?:machucar|ferir|cortar)(?:-me)?"
    r"(?! (?:o|a) (?:cabelo|unha|unhas|pe)\b)",
    r"(?:me )?(?:machucar|ferir)-me",
    r"me (?:quiero|voy a|vou|vo) matar", r"(?:quiero|voy a|quero|vou|vontade de) (?:me )?matar(?:me)?",
    r"quitarme la vida", r"(?:me )?(?:quiero|voy a|quisiera|pienso) quitar la vida",
    r"(?:im|i am) (?:so |just )?done with (?:life|living)(?=\s*(?:$|[,.!?;:]))",
    r"acabar con (?:todo|mi vida)", r"no vale la pena vivir", r"ganas de morir\w*",
    r"(?:quero|queria|quisera) morrer", r"(?:quisiera|queria) morir\w*", r"me matar",
    r"tirar (?:a )?minha (?:propria )?vida",
    r"acabar com (?:tudo|a minha vida|minha vida)", r"vontade de morrer", r"sem vontade de viver",
    # wanting to disappear, seeing no way out (the speaker's: "Arsenal have no way out of this group" is a match)
    r"(?:i (?:just )?(?:want|wanna|wish i could|need) to|i wish i could|i just wanna|i wanna) (?:just )?disappear",
    r"(?:i (?:see|can see|have|got)|(?:theres|there is)(?: just)?) no way out(?=\s*(?:$|[,.!?;:]|for me|anymore"
    r"|any more|left|of this life))", r"(?:i )?cant see (?:a|any) way out(?=\s*(?:$|[,.!?;:]|for me|anymore))",
    r"(?:quiero|quisiera|me gustaria|ganas de) desaparecer",
    r"no (?:le )?veo (?:ninguna )?salida(?=\s*(?:$|[,.!?;:]|a nada|ya|para mi"
    r"|en mi vida))",
    r"no (?:hay|tengo) (?:ninguna )?salida(?=\s*(?:$|[,.!?;:]|para mi|ya))",
    r"(?:quero|queria|vontade de) (?:sumir|desaparecer)",
    r"nao vejo (?:nenhuma )?saida(?=\s*(?:$|[,.!?;:]|pra nada|mais|pra mim|para mim"
    r"|na minha vida))",
    r"nao (?:tem|tenho|ha) (?:nenhuma )?saida(?=\s*(?:$|[,.!?;:]|pra mim|para mim|mais))",
    # can't bear living, don't want to live or exist, tired of living, wishing to be dead, thinking of ending it, a
    # life with no meaning; slang and shorthand ("n aguento", "kms"). Living "without football" is a figure of speech.
    rf"(?:cant|can not|cannot) (?:go on|keep(?: on)?|bear|stand|take) living{_NOT_ELSEWHERE}",
    rf"(?:dont|do not|no longer|never|dont even) (?:want|wanna|wish) (?:to )?(?:keep |go on |carry on )?(?:living"
    rf"|existing|live|exist|be alive){_NOT_ELSEWHERE}",
    rf"(?:dont|do not|no longer|never|dont even) (?:want|wanna|wish) (?:to )?wake up{_NO_MORE}",
    rf"(?:tired|sick) of (?:living|being alive|existing){_NOT_ELSEWHERE}", r"(?:tired|sick) of (?:life|my life)(?=\s*"
    r"(?:$|[,.!?;:]|tbh|honestly|anymore|man|bro|lol|lately|these days|right now|at this point))",
    r"wish i (?:was|were) dead", r"wish i (?:wasnt|werent|was never|had never been) (?:alive|born)",
    r"wish i (?:would|could|wouldnt|didnt) (?:just )?(?:die|not wake up|never wake up|wake up dead)",
    r"(?:think|thinking|thought|thinkin) (?:about|of|abt|bout) (?:ending it(?! with| between| here)|ending (?:it all|my"
    r" life|things(?! with| between))"
    r"|killing myself|suicide|taking my (?:own )?life|not being (?:here|alive))",
    rf"(?:life|my life|living) (?:is not|isnt|aint|is no longer|no longer|not) worth (?:living|it anymore)"
    rf"{_NOT_ELSEWHERE}",
    r"(?:no|whats the|dont see the|dont see any) point (?:in|of|to) (?:living|life|being alive|existing)",
    r"(?:i|ill|im|i might|i wanna|i want to|gonna|finna|bout to|about to) (?:just )?(?:kms|unalive myself|end myself)",
    r"^kms(?=\s*(?:$|[,.!?;:]|(?:fr|rn|now|tonight|honestly|tbh|for real)\b))",
    r"qro (?:morir\w*|morrer|me matar|matarme|sumir|desaparecer)",
    rf"no (?:aguanto|soporto|resisto) (?:mas )?(?:vivir|la vida|esta vida|mi vida|seguir viviendo|seguir vivo)"
    rf"{_NOT_ELSEWHERE}",
    rf"no quiero (?:seguir |mas |ya )?(?:vivir|viviendo|existir|existiendo|estar viv[oa]){_NOT_ELSEWHERE}",
    rf"no quiero (?:volver a )?despertar(?:me)?{_NO_MORE}",
    r"(?:no tengo|sin|ni) ganas de (?:vivir|seguir viviendo|existir)",
    rf"(?:(?:cansad|hart)[oa]s?|me canse) de (?:vivir|la vida|mi vida|existir){_NOT_ELSEWHERE}",
    r"(?:ojala|quisiera|desearia|me gustaria) (?:(?:estar|estuviera|estuviese) muert[oa]|no haber nacido|morirme"
    r"|no despertar)",
    r"(?:pienso|pensando|pense|he pensado) en (?:matarme|suicidarme|quitarme la vida|acabar con todo|acabar con mi"
    r" vida|no despertar)",
    rf"(?:la|mi) vida (?:ya )?no (?:tiene|vale) (?:ningun )?(?:sentido|nada|la pena){_NOT_ELSEWHERE}",
    r"no (?:le )?(?:veo|encuentro) sentido a (?:la|mi) vida",
    rf"{_NAO} (?:aguento|suporto|consigo) (?:mais )?(?:viver|essa vida|esta vida|a vida|minha vida|continuar vivendo)"
    rf"{_NOT_ELSEWHERE}",
    rf"{_NAO} quero (?:mais |continuar |seguir )?(?:viver|vivendo|existir|existindo|estar viv[oa]){_NOT_ELSEWHERE}",
    rf"{_NAO} quero (?:mais )?acordar{_NO_MORE}",
    rf"{_NAO} tenho (?:mais )?vontade de (?:viver|existir)",
    rf"(?:cansad[oa]s?|cansei) de (?:viver|existir|(?:a|minha) vida){_NOT_ELSEWHERE}",
    r"(?:queria|quero|quisera|preferia) (?:estar|ta|tar) mort[oa]", r"queria (?:nao|n) ter nascido",
    r"queria (?:nao|n) acordar (?:mais)?",
    r"(?:penso|pensando|pensei|to pensando|tou pensando) em (?:me matar|suicidio|me suicidar|acabar com tudo|tirar"
    r" (?:a )?minha vida|dar (?:um )?fim)", r"dar (?:um )?fim (?:n|[ae]m? |)(?:a )?(?:minha vida|tudo)",
    rf"(?:a |minha )?vida {_NAO} (?:tem|faz) (?:mais )?(?:sentido|nenhum sentido){_NOT_ELSEWHERE}",
    # said indirectly: the people around better off without the speaker, wanting it all to end, sleeping and never
    # waking, no point or meaning left in anything (not "the point of betting on draws"), a threat on a loss ("si
    # pierdo esta me mato", "se eu perder essa eu me mato"; never "me mato de risa")
    r"(?:be|are|would be|d be|was|were) better off without me",
    r"(?:mejor|mejores) sin mi(?=\s*(?:$|[,.!?;:]|(?:y|ya|de verdad|la verdad)\b))",
    r"(?:melhor|melhores) sem mim\b",
    r"(?:want|wish|need) (?:it all|everything|this all|all of this|all this|my life) to (?:end|be over|stop)",
    r"(?:quiero|quisiera|ojala) que (?:todo|mi vida) (?:se )?(?:acabe|termine)",
    r"(?:quero|queria) que (?:tudo|minha vida) (?:acabe|termine)",
    r"(?:sleep|go to sleep|fall asleep) and (?:never|not) wake up", r"dormir y no (?:volver a )?despertar",
    r"dormir e (?:nao|n) (?:acordar|mais acordar)",
    r"(?:dont|do not|cant|can not|cannot|no longer) see (?:the|any) point (?:anymore|any more|in anything|of anything"
    r"|in going on|in carrying on|in life|of life|in any of it|to anything)",
    rf"(?:no reason|nothing) (?:for me )?to (?:keep going|go on|carry on|live for|wake up for|be alive){_NOT_ELSEWHERE}"
    r"(?=\s*(?:$|[,.!?;:]|anymore|any more))",
    r"no (?:le )?(?:veo|encuentro) (?:ningun )?sentido a nada(?=\s*(?:$|[,.!?;:]|ya|mas))",
    r"nao (?:vejo|encontro) (?:mais )?(?:nenhum )?sentido (?:em|n)(?:a)? ?nada(?=\s*(?:$|[,.!?;:]|mais))",
    r"(?:si|se) (?:\w+ ){1,5}(?:me mato|eu me mato|me suicido|me tiro (?:de|por|da|do|a|al))(?! (?:de|a) (?:risa|rir"
    r"|trabajar|trabalhar|estudiar|estudar|correr))",
    r"me mato (?:si|se)\b",
    r"no (?:puedo|aguanto) mas con (?:mi vida|la vida|esta vida)",
    *indirect.CRISIS,
)
_MONEY_SOURCE = (
    r"rent|paycheck|paycheque|pay check|salary(?! cap)|wages?|savings|life savings|mortgage|tuition|student loans?"
    r"|grocery money|food money|bill money|college fund|kids money|emergency fund"
    r"|arriendo|alquiler|sueldo|salario|quincena|ahorros|aluguel|ordenado|poupanca|economias|fies"
)
_CARD = r"(?:credit card|tarjeta de credito|cartao de credito|cartao)"
_BET_VERB = r"(?:bet|bets|betting|gamble|gambling|apostar|apuesto|aposte|aposta|apostei|apostando|apostas?)"
# a loss the user had (first person: "Arsenal lost, can they get back into it?" is not chasing)
_LOSS = (r"(?:^\W*(?:down|lost|blew|dropped) \$?\d+(?:[.,]\d+)?k?"
         r"|(?:i|ive|i have|we|weve|just|already)(?: just| already| have)? (?:lost|blew|blown|dropped)|(?:im|i am"
    r"|were) down"
         r"|my loss(?:es)?|perdi|he perdido|(?:estoy|vengo|ando) perdiendo|mis perdidas|lo perdido|lo que perdi"
         r"|(?:to|tou|estou|ando) perdendo|minhas perdas|o prejuizo|perdemos|(?:i )?(?:keep|been|am|im) losing)")
_BACK = (r"(?:win (?:\w+ ){0,4}back|(?:get|make|earn|bring)(?:ing)? (?:\w+ ){1,4}back|recover\w*|recoup\w*|make up for"
         r"|recuperar\w*|recupero|recupera|desquit\w*|sacar lo perdido|tirar o prejuizo|devolver\w*|reponer|repor)")
# What one owes, per language: money, an amount, a creditor ("debo mucha plata", "le debo 2 palos a un prestamista",
# "devo 3 mil pro banco", "I owe my bookie 2k"). "debo" / "devo" are also "must" ("¿debo apostar 10?", "devo apostar
# no Flamengo?"), so only a quantity or a creditor may stand between the verb and what is owed.
_AMOUNT = r"\$?\d+(?:[.,]\d+)?(?:k|m|mil|grand|lucas|palos|conto|contos)?"
_EN_OWED = (rf"(?:money|cash|bucks|dollars|euros|pounds|quid|grand|{_AMOUNT}|a lot|lots|so much|too much|loads"
            r"|thousands|hundreds|everyone|everybody|people|the bank|banks|(?:my|a|the) (?:bookie|loan shark|landlord"
            r"|dealer|credit card)|rent|back rent|a fortune)")
_ES_HOW_MUCH = (r"(?:(?:como|casi|unos|unas|mas de|ya|todavia|aun|much[oa]|muchisim[oa]|tant[oa]|un monton de"
                r"|una banda de|un chingo de|un huevo de|bastante|un) )*")
_ES_OWED = (rf"(?:plata|dinero|lana|billete|varo|pasta|guita|lucas?|palos|{_AMOUNT}|un dineral|una fortuna|mucho"
            r"|mucha|un monton|hasta (?:el|la|los)|a todo el mundo|a todos|al banco|a (?:un|el|mi|mis|la)"
            r" (?:prestamista|gota a gota|banco|tarjeta|casero|jefe|primo|hermano|amigo|amigos|viejo|vieja|familia"
            r"|papa|mama|suegro))")
_PT_HOW_MUCH = r"(?:(?:uns|umas|quase|mais de|ainda|ja|muita|muito|tanto|tanta|uma|um) )*"
_PT_OWED = (rf"(?:dinheiro|grana|{_AMOUNT}|muito|horrores|uma fortuna|uma nota|nota|fortuna|bolada|ate as calcas"
            r"|(?:pra|pro|para|ao|a|pros|pras) (?:o |a |um |uma |meu |minha )?(?:banco|agiota|cartao|todo mundo|irmao"
            r"|primo|pai|mae|amigo|chefe|sogro|tio|familia|geral))")
# how deep the debt is, said between "in" and "debt" ("in so much debt", "in a lot of debt", "in serious debt")
_DEBT_SIZE = (r"(?: (?:so much|too much|a lot of|a ton of|tons of|lots of|loads of|serious|massive|heavy|huge|crazy"
              r"|insane|crippling|real|big|deep|over my head in|way too much|a bunch of|a mountain of))?")
# "in debt to the fans" is gratitude, not a debt
_GRATITUDE = (r"\s+to (?:the|our|their|his|her|my|your) (?:fans|supporters|crowd|players|coach|manager|keeper"
              r"|goalkeeper|academy|team|club|city)")
# Whatever it takes, per language ("sí o sí", "de qualquer jeito", "no matter what"), right after the win or its
# time ("I need to win this fantasy league no matter what" is a contest, not money)
_WHEN = (r"(?:\s*,?\s*(?:(?:today|tonight|now|big|this week|this weekend|something|some money|it|hoy|ya|esta noche"
         r"|algo|plata|hoje|agora|hj|dinheiro|grana|alguma coisa)\s*,?\s*){0,2})")
_EN_ABSOLUTE = (r"(?:no matter what|whatever it takes|at all costs|by any means|or (?:im|i am|ill be|i will be|else)"
                r"(?: \w+)?|or i (?:lose|cant pay|get kicked|die)|i have no choice|for real or)")
_ES_ABSOLUTE = (r"(?:si o si|como sea|a como de lugar|a toda costa|cueste lo que cueste|de cualquier (?:forma|manera)"
                r"|o me (?:muero|matan|echan|quedo)|o (?:estoy|quedo) (?:frit[oa]|muert[oa]|jodid[oa]|en la calle))")
_PT_ABSOLUTE = (r"(?:de qualquer (?:jeito|forma|maneira)|custe o que custar|sim ou sim|a qualquer custo"
                r"|(?:si|sim) o (?:si|sim)|ou (?:to|tou|estou|fico) (?:ferrad[oa]|fudid[oa]|fodid[oa]|lascad[oa]"
                r"|mort[oa]|na rua)"
                r"|ou me (?:ferro|lasco|mato))")
# who is close enough to be hidden from
# things one loses control of that are no gambling ("lost control of the car", "perdí el control de la tele",
# "perdi o controle da bola"): the remote, a game controller, a vehicle, the ball, a pet; never money or betting
_OBJECTS_EN = (r"remote|tv|telly|controller|gamepad|joystick|car|truck|bike|motorbike|motorcycle|scooter|wheel"
               r"|steering|vehicle|ball|dog|puppy|cat|drone|kite|mouse|keyboard|camera|ps\d|xbox|playstation|switch"
               r"|console|boat|van|skateboard")
_OBJECTS_ES = (r"tele|televisor|television|tv|mando|joystick|play|consola|xbox|ps\d|carro|auto|coche|camion|moto"
               r"|bici|bicicleta|volante|vehiculo|balon|pelota|perro|gato|dron|raton|teclado|camara|aire|lancha"
               r"|patineta")
_OBJECTS_PT = (r"tv|televisao|televisor|video ?game|joystick|ps\d|xbox|play|console|portao|ar|carro|moto|bike"
               r"|bicicleta|caminhao|volante|veiculo|bola|cachorro|gato|drone|mouse|teclado|camera|som|barco"
               r"|skate")
_CLOSE = (r"wife|husband|partner|girlfriend|boyfriend|gf|bf|family|parents|mom|mum|dad|mother|father|mujer|esposa"
          r"|esposo|marido|novia|novio|familia|papas|padres|mama|papa|vieja|viejo|mulher|namorada|namorado|pais|mae|pai")
# losing at a video or card game with friends is no one's money ("sempre perco tudo no FIFA", "pierdo todo en el truco")
_NOT_A_GAME = r"(?!.*\b(?:fifa|pes|efootball|videogames?|video ?games?|ps\d|xbox|playstation|fortnite|truco)\b)"
DISTRESS = _rx(
    # chasing losses: a loss and a wish to get it back, in either order, or the idiom itself
    rf"{_LOSS}\b.{{0,80}}\b{_BACK}", rf"{_BACK}\b.{{0,60}}\b{_LOSS}", r"chas(?:e|ing) (?:my |the |those )?loss(?:es)?",
    # chasing said without "loss": "double down to chase it", "chase my money", "perseguir lo perdido", "correr atrás
    # do prejuízo" ("can Arsenal chase it down?" is about a match)
    r"chas(?:e|ing) (?:it|that|them|my money|the money|what i lost|my cash)(?! down)\b",
    r"doubl(?:e|ed|ing) (?:down|up) (?:to |and )(?:chase|win|get|make|recover|recoup)",
    rf"{_LOSS}\b.{{0,80}}\bdoubl(?:e|ed|ing) (?:down|up)\b",
    r"(?:perseguir|ir (?:por|tras|a por)) (?:lo perdido|las perdidas|la plata perdida|el dinero perdido)",
    r"(?:correr|correndo|corro|ir|indo|vou) atras (?:do prejuizo|do preju|do que perdi|das perdas|do dinheiro perdido)",
    r"(?:doblar|duplicar) (?:la apuesta )?para (?:recuperar|sacar|desquit)\w*",
    r"dobrar (?:a aposta )?(?:pra|para) (?:recuperar|tirar|zerar)\w*",
    # the speaker wins it back ("I think Arsenal will win it back" is about a match): "I", "we", "to" just before
    r"\b(?:i|im|ill|id|we|were|me|gotta|to|lets)\s+(?:\w+\s+){0,2}?(?:win (?:it|that|them|my money|everything"
    r"|what i lost) back|get (?:it|my money|that|them) (?:all )?back)",
    r"(?:win|get|make|earn) (?:all )?(?:my|the|our) money back",
    r"recuperar(?:me)? (?:lo|la plata|el dinero|mis perdidas|o dinheiro|o que|as perdas|minhas perdas|o prejuizo)",
    r"tirar o prejuizo", r"desquit\w*",
    # money that must not be staked
    rf"(?:my|our|mi|mis|meu|minha|all my|whole|entire|todo mi) (?:whole |entire )?(?:{_MONEY_SOURCE})",
    # with an article, never someone else's ("o salário do Gabigol", "el sueldo del técnico"); the month's, one's
    # work's or the household's still are ("el sueldo del mes", "o salário da minha esposa")
    rf"(?:the|el|la|o|a|todo el|toda a|todo o) (?:whole |entire )?(?:{_MONEY_SOURCE})(?! (?:do|da|dos|das|de|del|of)"
    r" (?!(?:mes|month|mi|mis|my|meu|minha|meus|minhas|este|esse|essa|esta|trabajo|trabalho|marido|esposa|mujer"
    r"|mulher|wife|husband|familia|family|casa|house|home)\b))",
    rf"(?:{_MONEY_SOURCE}) money",
    r"(?:school|bill|bills|food|family|kids|childrens|wifes|husbands|medicine|household|christmas|baby) money",
    r"(?:plata|dinero|dinheiro|grana) (?:de las|de los|das|dos) (?:cuentas|contas|compras|facturas|boletos|remedios)",
    r"(?:my )?(?:gambling|betting) is (?:out of hand|a problem|getting worse|too much|taking over)",
    # what betting cost the user ("can't even buy groceries", "blown the whole pay packet", "no tengo ni pa comer")
    r"(?:cant|cannot|can not) (?:even )?(?:buy|afford|pay for) (?:\w+ )?(?:groceries|food|rent|bills|dinner)",
    r"(?:blown|blew|spunked|lost) (?:the|my) (?:whole |entire )?(?:pay packet|paycheck|paycheque|wages|salary|pay)",
    r"no tengo ni (?:pa|para) (?:comer|el mercado|la renta|el arriendo)",
    r"nao tenho nem (?:pra|para) (?:comer|o mercado)",
    # out of control, said of one's betting ("apuesto todos los días, ya se me fue de las manos", "o jogo fugiu do
    # meu controle"): a bet word in the same message, so "el partido se me fue de las manos" is a game lost
    r"(?:apuest\w*|apost\w*|bet\w*|gambl\w*)(?:\W+\w+){0,10}\W+(?:ya )?se me (?:fue|va|esta yendo|ha ido|salio) de"
    r" las manos",
    r"(?:apost\w*|aposta\w*)(?:\W+\w+){0,10}\W+(?:ja )?(?:saiu|fugiu|esta fugindo|ta fugindo) do (?:meu )?controle",
    r"(?:betting|gambling)(?: \w+){0,6} (?:got|is getting|has gotten|gone) out of (?:hand|control)",
    rf"(?:money|cash|plata|dinero|dinheiro|grana|need|needed|necesito|preciso) (?:\w+ ){{0,3}}(?:for|para|pra"
    rf"|pro) (?:the |my |el |la"
    rf" |mi |o |a |meu |minha )?(?:{_MONEY_SOURCE}|bills|groceries|food|comida|la comida|el mercado|o mercado)",
    r"(?:plata|dinero|lo|dinheiro|grana) (?:del|de la|de|da|do|para el|para la|pra|para o|para a) (?:comida|mercado"
    r"|feira"
    r"|arriendo|alquiler|renta|aluguel|luz|agua|colegio|escola|matricula|faculdade|mes)",
    r"pay (?:the|my) rent", r"pagar (?:el |la |o )?(?:arriendo|alquiler|renta|aluguel)",
    r"lost (?:all my|my whole|my entire|my savings|my salary|my rent|my paycheck)",
    r"perdi (?:todo|tudo|el sueldo|la quincena|o salario|meu salario)", r"all (?:the money )?i (?:have|had) left",
    rf"{_BET_VERB} (?:\w+ ){{0,3}}(?:with |on |con |com |no |na )?(?:my |mi |la |a |o |meu |minha )?{_CARD}",
    rf"{_CARD} (?:\w+ ){{0,3}}(?:to |pra |para |pa )?{_BET_VERB}", r"maxed out", r"cartao estourado",
    # a cash advance on a card to bet ("saqué avance de la tarjeta para apostar", "cash advance to gamble")
    rf"(?:avance|adelanto|anticipo|cash advance|adiantamento|saque)s? (?:\w+ ){{0,3}}(?:tarjeta|card|cartao)\b"
    rf"(?: \w+){{0,4}} (?:to |para |pra |pa )?{_BET_VERB}",
    # debt and loans
    rf"(?:im|i am|were|we are|ive been|been|getting|got|am)(?: so| deep| deeply| drowning)? in{_DEBT_SIZE} debt"
    rf"(?!{_GRATITUDE})",
    r"(?:my|our|pay off|pay back|paying off|credit card|gambling) debts?",
    r"debt collectors?",
    r"(?:i borrowed|borrowed money|borrowing money|borrowed from)",
    r"(?:student|payday|bank|personal) loans?",
    r"(?:pay|paying|repay|repaying) (?:back |off )?(?:a |my |the )?(?:loan|debt)s?",
    r"loan (?:money|shark)", r"(?:took|take|taking|got) (?:out )?a loan", r"my loans?",
    r"(?:mis|tengo|tenemos|pagar|pagar las|pagar mis|por) deudas?",
    rf"(?:le |les )?debo {_ES_HOW_MUCH}{_ES_OWED}",
    r"pedi prestado", r"me prestaron", r"(?:plata|dinero) prestad[oa]", r"mi prestamo(?! de| del jugador)",
    r"(?:minhas|tenho|temos|pagar|pagar as|pagar minhas) dividas?",
    # sunk in it ("tô afundado em dívida", "atolado em dívidas", "hundido en deudas", "ahogado en deudas"), or a debt
    # of betting itself ("dívida de aposta", "deudas de apuestas", "a betting debt")
    r"(?:^|\b(?:to|tou|estou|estoy|ando|vivo|sigo|fiquei|quede|me siento|me sinto)\s+(?:\w+\s+)?)(?:afundad|atolad"
    r"|enterrad|mergulhad|enforcad|hundid|ahogad|endeudad)[oa]s? (?:\w+ )?(?:em|de|en|nas?|con) (?:\w+ )?(?:dividas?"
    r"|deudas?)",
    r"(?:dividas?|deudas?) (?:de|da|das|del|con|por) (?:aposta|apostas|apostar|apuesta|apuestas|apostar|jogo|bet)",
    r"(?:betting|gambling) debts?",
    rf"devo {_PT_HOW_MUCH}{_PT_OWED}",
    r"(?:um|o|meu|peguei|fiz|pedi) emprestimo", r"(?:dinheiro|grana) emprestad[oa]", r"pedi emprestado", r"agiota",
    r"(?:im|i am|so|estoy|estou|to|tou) (?:totally |completely |completamente )?(?:broke|quebrad[oa]|pelad[oa]"
    r"|sin un peso"
    r"|sem um tostao|sem grana|sin plata)",
    # a win the speaker must have, whatever it takes ("tengo que ganar hoy sí o sí", "preciso ganhar de qualquer
    # jeito", "I need to win tonight or I'm screwed"): desperation, not a fan's hope ("we", a team: not the user's)
    rf"(?:i|i really|i just|i still)\s+(?:have to|need to|gotta|got to|must|ve got to|have got to|needa) win{_WHEN}"
    rf"{_EN_ABSOLUTE}",
    rf"(?:i|i really|i just) (?:need|gotta have|must have|have to have) (?:a|this|one|that) (?:\w+ )?win{_WHEN}"
    rf"{_EN_ABSOLUTE}",
    rf"(?:(?:yo )?tengo que|necesito|debo|me urge|me toca) ganar{_WHEN}{_ES_ABSOLUTE}",
    rf"(?:tenho que|tenho de|preciso|to precisando|tou precisando|preciso muito) (?:ganh|gan)ar{_WHEN}{_PT_ABSOLUTE}",
    # a problem with gambling
    r"(?:i|i think i|maybe i|i guess i) (?:have|got|ve got|might have) a (?:real |serious |big )?(?:gambling "
    r"|betting )?problem"
    r"(?=\s*(?:$|[,.!?;]|with (?:gambling|betting|bets)|and|but|i\b))",
    r"(?:gambling|betting) (?:problem|addiction|is ruining|has ruined)", r"addict\w*",
    r"cant stop (?:gambling|betting|playing)",
    rf"cant control (?:my(?! (?:{_OBJECTS_EN})\b)|it|myself)",
    r"(?:i )?cant stop(?=\s*(?:$|[,.!;]|betting|gambling|playing))",
    r"(?:bet|betting|gamble|apuesto|aposto) (?:everything|all|todo|tudo) (?:i|lo que|o que) (?:earn|have|make|gano"
    r"|tengo"
    r"|ganho|tenho)",
    r"if (?:she|he|they|my (?:wife|husband|partner|girlfriend|boyfriend|family|parents)) (?:finds|find|found) out",
    r"hid(?:e|ing) (?:it|my (?:bets|betting|gambling|losses)) from", r"compulsive\w*",
    # control lost by the speaker or their betting, not by a thing ("the traffic is out of control")
    r"(?:^|\b(?:i|im|me|my|its|it|this|everything|things|gambling|betting|spending|bets|losses|debts?|life)"
    r"(?: \w+){0,3}? )out of control",
    r"hooked on (?:betting|gambling)",
    r"(?:wife|husband|partner|girlfriend|boyfriend|family|parents|mom|mum|dad|mother|father) (?:doesnt|dont|does not"
    r"|do not) know",
    r"bet(?:ting)? more and more", r"(?:im|i am|i feel|feeling|so) (?:desperate|hopeless)",
    r"tengo un problema(?: con (?:el juego|las apuestas|apostar))?(?=\s*(?:$|[,.!?;]|con el juego|con las apuestas))",
    r"adict[oa]s?", r"adiccion", r"ludopat\w*", r"no puedo (?:parar|dejar) de (?:apostar|jugar)",
    r"(?:estoy|me siento|ando|estou|me sinto|to|tou) desesperad[oa]",
    r"tenho um problema(?: com (?:jogo|apostas|aposta))?(?=\s*(?:$|[,.!?;]|com jogo|com apostas))",
    r"viciad[oa]s?", r"vicio",
    # not a fan's "não consigo parar de ver o Flamengo"
    r"nao consigo (?:parar|largar|controlar)(?! de (?:ver|assistir|olhar|torcer|rir|comer|ouvir|ler|pensar n[oa] (?!"
    r"aposta|jogo|dinheiro|que perdi)))",
    # gambling on the mind, a life coming apart, control lost (first person: "their defence is falling apart" is not)
    r"(?:cant|can not|cannot) stop thinking (?:about|of) (?:gambling|betting|bets|my bets|my losses|the money i lost)",
    r"(?:my life|my marriage|my family|my finances) (?:is |are |s )?(?:falling apart|collapsing|coming apart|ruined"
    r"|going to hell)",
    # "everything is falling apart" said alone, not "things are falling apart at Man Utd"
    r"(?:everything|it all|things) (?:is |are |s )?(?:falling apart|collapsing|coming apart|ruined|going to hell)"
    r"(?=\s*(?:$|[,.!?;:])|\s+(?:for me|in my life|since|because|after|and i)\b)",
    r"(?:gambling|betting|it) (?:is |s )?(?:ruining|destroying) my (?:life|family|marriage|relationship)",
    r"(?:ive|i have|i) lost (?:so|too) much",
    # going double or nothing, not "what is double or nothing?"
    r"(?:^|(?:go|going|goin|play|bet|do|try|lets go|ill go|im going) )double or nothing",
    r"(?:voy|vamos|juego|apuesto|hago|ir|me voy) (?:a |al )?doble o nada",
    r"(?:vou|vamos|jogo|aposto|fazer|ir|faco) (?:no |o )?dobro ou nada",
    # about one's own losses ("I feel bad for Arsenal after they lost" is about the team)
    r"(?:feel|feeling|felt) (?:so |really )?(?:sick|terrible|awful|horrible|ashamed|guilty|bad|like shit) (?:(?:about"
    r"|over|after|because of|for) (?:\w+ ){0,3}?(?:i lost|ive lost|i have lost|my loss(?:es)?|my bets?|gambling|betting"
    r"|the money)|(?:about|over) losing)\b",
    r"(?:ill|i will|i can|id|i would|i could) (?:be|get) even(?=\s*(?:$|[,.!?;:])|\s+(?:on|with|if|again|after|now"
    r"|tonight)\b)",  # not "I could be even more confident"
    r"me siento (?:muy )?(?:fatal|mal|horrible|culpable|terrible) (?:por|con) (?:\w+ ){0,4}(?:perdi|perdido"
    r"|apuestas|apostar|juego)",
    r"(?:me sinto|me sentindo) (?:muito )?(?:pessim[oa]|mal|horrivel|culpad[oa]|terrivel) (?:com|por) (?:\w+ ){0,4}"
    r"(?:perdi|perdido|apostas|apostar|jogo)",
    rf"(?:i|ive|i have|im|i am) (?:totally |completely )?(?:lost|losing) control(?! (?:of|over) (?:the |my |our |a )?"
    rf"(?:{_OBJECTS_EN})\b)",
    r"(?:cant|can not|cannot) sleep (?:because of|over|thinking about) (?:my |the )?(?:bets|betting|losses|money)",
    r"no puedo dejar de pensar en (?:apostar|las apuestas|el juego|lo que perdi)",
    r"(?:mi vida|todo|mi familia|mi matrimonio) se (?:me )?(?:esta )?(?:cayendo a pedazos|derrumbando|desmoronando"
    r"|viene abajo|fue a la mierda)",
    rf"perdi el control(?! (?:remoto|de (?:la |el |mi )?(?:{_OBJECTS_ES})\b|del (?:{_OBJECTS_ES})\b))",
    r"(?:las apuestas|el juego) me (?:esta|estan) (?:arruinando"
    r"|destruyendo)", r"no (?:puedo dormir|duermo) (?:por|pensando en) (?:las apuestas|lo que perdi|la plata)",
    r"nao (?:consigo|paro de) pensar em (?:apostar|apostas|aposta|jogo|no que perdi)",
    r"(?:minha vida|tudo|minha familia|meu casamento) (?:esta |ta )?(?:desmoronando|desabando|caindo aos pedacos"
    r"|indo pro buraco)",
    rf"perdi o controle(?! (?:remoto|(?:da|do|de) (?:minha |meu )?(?:{_OBJECTS_PT})\b))",
    r"(?:as apostas|o jogo|a bet) (?:esta|ta|estao|tao) (?:acabando com"
    r"|destruindo) (?:a )?minha vida", r"nao (?:consigo dormir|durmo) (?:por causa d|pensando n)\w+",
    # chasing losses in slang: getting even, on tilt, in the red
    r"(?:i|me|we|us)(?: \w+){0,3} (?:get|getting) (?:back )?even\b(?! (?:money|odds|more|better|bigger|higher|less"
    r"|further|closer|worse)\b)", r"(?:get|getting) (?:me|us)"
    r" back to even",
    # the one winning it back is the speaker ("I think Arsenal will win it back" is about a match)
    r"(?:i|ill|i will|i gotta|i have to|i need to|i must|i wanna|i want to|we|we need to|gotta|let me|help me"
    r"|i can|can i|how do i|how can i) (?:make|win) (?:it|that|this|em|them) (?:all )?back",
    r"(?:im|i am|been|going|went) on tilt", r"(?:im|i am|so) tilted",
    r"(?:im|i am|were|we are) (?:deep )?in the (?:red|hole)", r"(?:im|i am) down bad",
    r"(?:quiero|necesito|tengo que|para) (?:quedar (?:a mano|en cero)|volver a (?:estar en )?cero)",
    r"(?:estoy|ando|quede) en (?:rojo|numeros rojos|la ruina)", r"salir del hueco", r"salir de las perdidas",
    r"tirar o atraso", r"zerar o (?:prejuizo|preju|vermelho)", r"(?:to|tou|estou|fiquei|ando) no vermelho",
    r"sair do vermelho", r"tiltad[oa]", r"(?:to|tou|estou) de tilt",
    r"(?:im|i am|ive been|i keep|i kept|keep) chasing(?=\s*(?:$|[,.!?;:]|(?:again|it|losses|my|the losses)\b))",
    r"maxed (?:out )?(?:my|the|a|all my|both my) (?:credit )?cards?",
    r"(?:leave|leaving|left|divorce|divorcing|kick(?:ed|ing)? me out)(?: me)? (?:\w+ ){0,3}(?:because of|over|for) my"
    r" (?:betting|gambling|bets|debts)",
    # said indirectly: someone close not knowing what was lost ("my girlfriend has no idea how much I've lost", "mi
    # mujer no sabe cuánto he perdido", "minha mulher não sabe quanto eu perdi"), things sold or money taken to keep
    # betting, betting more and more, "in over my head", "no puedo parar" said alone
    rf"(?:{_CLOSE})s? (?:has no idea|have no idea|doesnt know|dont know|cant find out|cant know|would kill me|will"
    r" kill me|would leave me)",
    rf"(?:{_CLOSE})s? no (?:sabe|saben|se imagina|se imaginan|tiene idea|tienen idea|puede saber|se puede enterar)"
    r" (?:\w+ ){0,3}(?:perdi|perdido|apuesto|apostado|aposte|debo|juego|gaste|gastado)",
    rf"(?:{_CLOSE})s? (?:nao|n) (?:sabe|sabem|faz ideia|fazem ideia|pode saber|imagina|imaginam) (?:\w+ ){{0,3}}"
    r"(?:perdi|perdido|aposto|apostei|devo|jogo|gastei)",
    r"(?:sold|pawned|hocked|stole|stolen) (?:\w+ ){0,8}(?:to|so i could|so i can|for) (?:keep |go on |"
    r"continue )?(?:bet|betting|gamble|gambling|deposit|depositing|chase)",
    r"(?:vendi|empene|robe|le robe) (?:\w+ ){0,8}(?:para|pa) (?:seguir |volver a |poder )?(?:apostar|apostando"
    r"|jugar|jugando|depositar)",
    r"(?:vendi|penhorei|roubei) (?:\w+ ){0,8}(?:pra|para|pro) (?:continuar |seguir |voltar a |poder )?(?:apostar"
    r"|apostando|jogar|jogando|depositar)",
    r"(?:keep|kept|keeps) (?:betting|gambling|staking|depositing|reloading) (?:more|bigger|higher|and more|again and"
    r" again)", r"(?:keep|kept) (?:re)?depositing", r"in (?:way |so far |way too deep )?over my head",
    r"no puedo parar(?=\s*(?:$|[,.!;]|ya|de apostar|de jugar|con esto|con las apuestas))",
    r"(?:peguei|tomei|pedi) emprestado", r"(?:saque|pedi|tome) (?:un )?(?:prestamo|credito)",
    # money for the family's needs, said as what it was for ("the money for my kids' school")
    r"(?:money|cash) (?:\w+ ){0,2}(?:for|of) (?:my |the |our )?(?:kids|childrens|sons|daughters|familys|babys"
    r"|wifes|husbands|moms|dads)? ?(?:school|schooling|daycare|medicine|meds|doctor|hospital|surgery|treatment"
    r"|groceries|bills|car payment|insurance|diapers)",
    # losing everything, over and over, said of oneself ("I keep losing everything", "pierdo todo siempre", "sempre
    # perco tudo", "ya me cansé de perder plata"); "Arsenal keep losing" and "I lost the remote" are no one's money
    # one's own ("I", never "we": "we keep losing all the time" is a fan's club), of money or bets, never a video game
    rf"(?:i|im|i am)(?: just)? (?:keep|always|constantly|only ever|been|am) (?:keep )?(?:losing|lose)"
    rf" (?:everything|it all|all (?:my|the) (?:money|cash|bets)|every (?:single )?bet|money|my money){_NOT_A_GAME}",
    rf"i lose (?:everything|it all|every (?:single )?bet)\b{_NOT_A_GAME}",
    r"(?:tired|sick) of losing (?:money|everything|all my|my money|bets|every)",
    rf"(?:siempre )?(?:lo )?pierdo (?:todo(?! (?:el tiempo|el rato|los|las)\b)|toda la plata|todas las apuestas)\b"
    rf"{_NOT_A_GAME}",
    rf"(?:siempre pierdo|pierdo siempre)(?=\s*(?:$|[,.!?;:]|(?:todo|plata|dinero|(?:con|en) las apuestas|apostando)\b))"
    rf"{_NOT_A_GAME}",
    r"(?:sigo|sigo y sigo|vivo|ando) perdiendo (?:todo|plata|dinero|siempre)",
    r"(?:cansad[oa]|hart[oa]|me canse) de perder(?! (?:el|la|los|las|al|con|contra|partidos|finales|la liga)\b)",
    rf"(?:sempre )?perco (?:tudo|todo o dinheiro|todas as apostas)\b{_NOT_A_GAME}",
    rf"(?:sempre perco|perco sempre)(?=\s*(?:$|[,.!?;:]|(?:tudo|dinheiro|grana|nas apostas|apostando)\b))"
    rf"{_NOT_A_GAME}",
    r"(?:continuo|sigo|vivo|to|tou|estou) perdendo (?:tudo|dinheiro|sempre)",
    r"(?:cansad[oa]|cansei) de perder(?! (?:o|a|os|as|pro|pra|para|jogo|jogos|finais|o campeonato)\b)",
    *indirect.DISTRESS,
)
# what a sure bet is asked as
# a bet or a forecast of one ("a prediction that never fails", "un pronóstico que nunca falle", "um prognóstico que
# nunca erra")
_A_BET = (r"bet|pick|tip|one|parlay|acca|play|something|selection|prediction|forecast|apuesta|una|algo|alguna|jugada"
          r"|dato|combinada|pronostico|prediccion|aposta|uma|alguma|palpite|dica|bilhete|multipla|prognostico|previsao")
GUARANTEED = _rx(
    # "guaranteed" about a bet or a win ("Is Bayern guaranteed to qualify?" is about the table, not a bet)
    # (the price being held at confirmation, "are the odds guaranteed?", is a question about the slip, not this)
    r"guaranteed(?: \w+)? (?:win|wins|winner|winners|bet|bets|pick|picks|tip|tips|profit|profits|money|cash|lock|locks"
    r"|return|returns|payout|result|results|parlay|parlays|acca|accas|accumulator|green|hit|hits|winnings|play)",
    r"(?:bet|pick|tip|something|anything|one|win|parlay|acca|selection|play)s? (?:that (?:is|s|are) |thats "
    r"|which (?:is|are) |to be )?guaranteed",
    r"(?:is|are|isnt|arent) (?:it|that|this|they|these|those) guaranteed(?!\s+to\s+(?!win\b))",  # not "to qualify"
    r"guarantee (?:me|us|a win|a profit|that i|ill|i will|i win|it wins|my (?:win|profit|money|winnings))",
    r"(?:any|a|your) guarantees?\b",
    r"can you guarantee(?! (?:that )?my (?:bet|slip|deposit|withdrawal|payment)s? (?:was|is|were|got|has|have|went))",
    r"(?:100|hundred) ?(?:%|percent|per cent) guaranteed",
    # (a sure thing "that it rains" is the weather)
    r"(?:a|any|the|some|your|me|one|another|real|total|absolute) sure (?:thing|win|bet|shot|winner|profit)s?"
    r"(?! that (?:it|there|its)\b)",
    r"sure thing (?:for|tonight|today|this)", r"cant[- ]miss",
    r"(?:segur[oa]|cert[oa]|garantid[oa]) al? (?:100|cien|cem)(?!\s*(?:pesos|euros|reais|dolares|mil|\d))\b",
    r"cant (?:lose|miss|fail)", r"risk[- ]?free", r"no[- ]risk",
    r"(?:100|hundred) ?(?:%|percent|per cent|por ciento|por cento)(?: \w+){0,2}? (?:sure|win|winner|certain|lock"
    r"|locks|safe|pick|tip|bet"
    r"|seguro|segura|cert[oa]|garantid[oa]|fija|fijas|green)",
    r"(?:sure|safe|certain) (?:at|a) (?:100|hundred) ?(?:%|percent)",
    r"(?:100|hundred) ?(?:%|percent) (?:locks?|sure|certain)",
    r"(?:sure|certain|safe|segur[oa]|cert[oa]|garantid[oa]|fija) (?:at |al |a )?(?:100|cien|cem) ?(?:%|percent"
    r"|por ciento|por cien|por cento)",
    r"(?:a|any|the|some|your|best|my|mortal|stone cold|absolute) locks?(?! (?:in|it|that|this|on|screen)\b)",
    r"lock of the (?:day|week|night|weekend)",
    r"fixed (?:match|game)(?:es|s)?", r"free money", r"easy money", r"no[- ]brainer",
    *indirect.GUARANTEED,
    r"(?:una|la|las|unas|alguna|algun|dame|tienes|hay|mi|tu|tus|esa|esta) fijas?\b",
    r"(?<!cuota )(?<!cuotas )(?<!precio )(?<!tasa )(?<!fecha )(?<!hora )fijas? (?:del|de|para|pa|pal|segura|hoy|ya)\b",
    r"a la fija", r"datos? segur[oa]s?",
    r"(?:ganancia|ganar|dinero|plata|platica|billete) (?:segur[oa]|fija|asegurad[oa])",
    r"(?:apuesta|ganancia|victoria|resultado|pick|dato|plata|dinero|pronostico|jugada|combinada|parley|ganar|algo|una"
    r"|alguna)s? (?:\w+ )?garantizad[oa]s?",
    r"garantiz\w* (?:que )?(?:\w+ ){0,3}(?:gan|sale|no pierd|acierta)\w*",
    r"sin riesgos?",
    r"(?:que|algo que|una que) (?:no|nunca) (?:pueda|vaya a|va a) (?:perder|fallar)",
    r"que no falle", r"nunca falla", r"100 ?% segur[oa]",
    r"lucro certo", r"ganho certo",
    r"(?:aposta|green|lucro|ganho|palpite|dica|vitoria|resultado|retorno|dinheiro|bilhete|multipla|jogo|algo|uma"
    r"|alguma|grana)s? (?:\w+ )?garantid[oa]s?",
    r"garant\w* (?:que )?(?:\w+ ){0,3}(?:ganh|venc|vai ganhar|da green|nao perd)\w*",
    r"apostas? certas?", r"barbadas?", r"sem risco",
    r"dinheiro (?:certo|facil)",
    r"green certo", r"tiro certo", r"(?:nao tem como|impossivel) perder", r"certeza de (?:ganhar|green|lucro|vitoria)",
    r"100 ?% cert[oa]", r"jogos? comprados?", r"resultados? combinados?",
    # slang: "cien por cien", "dead cert", "nailed on", "segurísima", "cantada", "não tem erro"
    r"cien por cien|cem por cento|100 por 100", r"dead certs?", r"nailed on", r"surefire",
    r"bankers?(?= (?:bet|pick|tip|for|of|today|tonight)|\s*[?!.]*$)", r"(?:no way|impossible) to lose",
    r"(?:cant|can not|cannot|wont|will not) go wrong(?= (?:bet|pick|tip|with this))",
    r"segurisim[oa]s?", r"(?:apuesta|una|esta|la) cantada", r"(?:plata|dinero|billete|lana) facil",
    r"(?:no hay|sin) (?:forma|manera|chance) de perder", r"imposible (?:perder|que (?:pierda|falle))",
    r"(?:una|alguna|dame|tienes|tenes|hay) (?:cosa|jugada) segura", r"apuesta segura para ganar",
    r"nao tem erro", r"(?:aposta|palpite|dica|bet) (?:sem erro|certeir[oa])", r"certeza absoluta",
    r"(?:sem|nenhuma) chance de perder", r"nao tem como dar errado", r"segurissim[oa]s?",
    # a win said to be certain: "la apuesta que gana seguro", "una que no falla", "o time que ganha com certeza"
    # (a bet's, not a side's must-win: "tenemos que ganar sí o sí", "temos que ganhar com certeza" are a fan's)
    r"(?:gana|ganan|gane|ganen|sale|salga|acierta) (?:segur[oa]|fijo)\b", r"que no falla",
    r"(?:ganha|ganham|ganhe|vence|vencem|venca|bate|acerta) com (?:toda )?certeza",
    # a bet asked for that never loses or wins for sure, said about the bet ("a bet that never loses", "una apuesta que
    # no pierda", "uma aposta que nunca perde"; "quiero que no pierda el Madrid" is a fan's wish), certainty doubled
    rf"(?:{_A_BET})s? (?:(?:that|which|to|who) )?(?:never|cant|cannot|wont|will never|doesnt|dont|wouldnt|would never"
    r"|can never) (?:lose|loses|fail|fails|miss|misses|go wrong|goes wrong)",
    rf"(?:{_A_BET})s? (?:that|which|to) (?:\w+ )?(?:wins?|hits?|lands?|comes? in|cash(?:es)?|come through) for"
    r" (?:sure|certain|definite)",
    rf"(?:{_A_BET})s? que (?:no|nunca|jamas|nao) (?:\w+ )?(?:pierd\w*|fall\w*|perde|perca|falha|falhe|erra|erre)",
    r"segur[oa] segur[oa]", r"fija fija",
)

# Debt (or everything lost) said without whose it is ("drowning in debt", "lleno de deudas", "cheio de dívidas"): the
# user's, unless a club or someone else is its subject ("Barcelona is drowning in debt", "o Cruzeiro tá cheio de
# dívidas" ask about a club; `_owned_by_another`).
DEBT_UNOWNED = _rx(
    rf"(?:so |deep |deeply )?in{_DEBT_SIZE} debt(?!{_GRATITUDE})", r"drowning in debts?",
    r"(?:a )?(?:mountains?|lots|a lot|tons|full) of debts?", r"debts? (?:are |keep |just keep )?(?:piling|stacking)"
    r" up",
    r"(?:with|of|huge|big|so much|too much|serious|massive|heavy|crippling) debts?",
    r"(?:lleno de|llena de|llenos de|de|con|muchas|tantas) deudas?",
    r"(?:un|el) prestamo(?! de| del jugador)",  # "pedí un préstamo" (the club's, when it asked for it)
    r"(?:hundid|ahogad|metid|enterrad|atrapad)[oa]s? (?:en|de) deudas?",
    r"(?:cheio de|cheia de|cheios de|de|com|muitas?|tantas?) dividas?",
    # owing, said without whose it is ("owe my bookie 2k", "tô devendo"): "Barcelona owe money", "o time tá devendo"
    # (a team that plays below itself) are a club's. Never "I owe you one" nor "what do I owe for a 10 bet".
    rf"owe (?!(?:you|u|ya|yall|it|nothing|for|them one|him one|her one)\b)(?:\w+ ){{0,3}}?{_EN_OWED}",
    # (a club owing its players' wages is the club's: "o Santos tá devendo salário pros jogadores")
    r"devendo(?! (?:futebol|em campo|uma vitoria|vitoria|resultado|pontos|salarios?|premios?|aos? jogador\w*"
    r"|pros? jogador\w*|ao elenco)\b)", r"endeud\w*", r"endivid\w*",
    r"hasta el cuello",
    # everything lost, said without whose ("lost everything", "I've lost it all"): "Liverpool lost everything in that
    # final" is a club's
    r"lost (?:everything|it all|all of it)",
)
_THIRD_PARTY = re.compile(
    r"\b(?:club|clubs|team|side|they|theyre|their|he|hes|she|shes|his|her|its|el club|el equipo|ellos|ellas|su"
    r"|sus|o clube|o time|eles|elas|ele|ela|dele|dela|deles|delas|seu|sua)\b")


def _names_another(words: str) -> bool:
    """A third person or a team's name in `words` (the catalogue's; when it is down, no one: the protective side)."""
    if _THIRD_PARTY.search(words):
        return True
    try:
        return any(m.kind == "team" for m in find_mentions(tokenize(words), taken=SpanSet(), original=words))
    except Exception:
        return False


def _owned_by_another(text: str, start: int) -> bool:
    """A club, a team's name, or a third person before the cue in its clause: the debt is theirs, not the user's."""
    clause = re.split(r"[,.;!?]", text[:start])[-1]
    if re.search(r"\b(?:i|im|my|me|we|our|yo|mi|mis|tengo|estoy|eu|meu|minha|minhas|to|tou|estou|tenho)\b", clause):
        return False
    return _names_another(clause)


# "guaranteed" about a team's situation, not a sure bet asked for: what the team needs or gets ("they need a
# guaranteed win to qualify", "Celtic need a guaranteed win", "el Betis tiene garantizado ganar la liga", "o Palmeiras
# precisa de uma vitória garantida pra se classificar"). Asked by the user ("give me a guaranteed win to qualify my
# acca", "is Arsenal a guaranteed win?") it stays a request for a sure bet.
_TEAM_GOAL = re.compile(
    r"\b(?:to (?:qualify|go through|advance|stay up|survive|avoid (?:the )?(?:drop|relegation)|get promoted|make the"
    r" (?:playoffs|cut|final|knockouts?|top (?:four|4|six|6))|reach the|clinch|win the (?:league|title|group|division))"
    r"|the (?:league|title)|para (?:clasificar\w*|pasar|salvarse|no descender|ascender|meterse|entrar|ser campeon)"
    r"|la liga|el titulo|(?:pra|para) (?:se )?(?:classificar|passar|escapar|nao cair|subir|ser campeao)"
    r"|o titulo|o campeonato|o acesso)\b")
_TEAM_NEEDS = re.compile(
    r"\b(?:need|needs|must|have to|has to|gotta|require|requires|necesita|necesitan|tiene que|tienen que|debe|deben"
    r"|precisa|precisam|tem que|tem de)\b")
_FILLER = re.compile(r"\b(?:just|really|pls|please|plz|still|so|ok|okay|bro|man|dude|hey|yo|lol|also|and|but|now"
                     r"|seriously|honestly|tbh|y|pero|e|mas|entonces|ya|ahora|agora|mano|cara|porfa|pfv)\b")
_ASKING = re.compile(r"\b(?:i|im|me|my|give|gimme|yo|dame|dime|quiero|necesito|busco|mi|eu|quero|preciso|meu|minha"
                     r"|manda|passa|tou|we|our)\b")


def _a_teams_situation(text: str, match: re.Match[str]) -> bool:
    start = max(text.rfind(stop, 0, match.start()) for stop in ",.;!?") + 1
    ends = [i for i in (text.find(stop, match.end()) for stop in ",.;!?") if i >= 0]
    before, after = text[start:match.start()], text[match.start():min(ends, default=len(text))]
    if "garant" not in match.group() and "guarant" not in match.group() or _ASKING.search(before):
        return False
    needs = _TEAM_NEEDS.search(before)
    if _TEAM_GOAL.search(after) or needs is None:
        return needs is not None or bool(_TEAM_GOAL.search(after))
    # someone needs it: a team the catalogue knows, a third person, or any subject but the user ("Celtic need a
    # guaranteed win"; "just need a guaranteed win" has none)
    subject = _FILLER.sub(" ", before[:needs.start()]).strip()
    return bool(subject) or _names_another(before)


def _debt_of_the_user(text: str) -> bool:
    return any(not negated(text, m.start()) and not _owned_by_another(text, m.start())
               for m in DEBT_UNOWNED.finditer(text))


_SIGNALS = {"crisis": CRISIS, "distress": DISTRESS, "stop": STOP, "guaranteed": GUARANTEED}


def signals(reading: Reading, kind: str) -> bool:
    text = reading.text
    if kind == "guaranteed":
        return any(not negated(text, m.start()) and not _a_teams_situation(text, m) for m in GUARANTEED.finditer(text))
    return found(_SIGNALS[kind], text) or (kind == "distress" and _debt_of_the_user(text))
