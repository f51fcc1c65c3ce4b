"""Said indirectly: a wish not to go on living without the words "die" or "kill", and money taken from someone close or
from work to gamble. Pattern sources (en/es/pt, on `safety_text.normalise`d text) that chat/services/safety_cues.py
adds to its CRISIS, DISTRESS and GUARANTEED cues (a fixed match, inside info, a way to win every time); their own
module so that the cue module stays readable.

Why these kinds: an outsider's batch 11 had "ya no quiero seguir viviendo con estas deudas" (no longer wanting to live,
with a burden named) and "peguei dinheiro escondido da minha mãe pra apostar" (money taken in secret from a parent).
Each is a kind of statement, written here for every wording we could think of, not for the sentence: "don't want to
go on", "no point anymore", "everyone would be better off if I were gone", "no vale la pena seguir", "não quero
continuar assim"; "took cash from my boss's till to bet", "le saqué plata a mi vieja sin que sepa", "usei o cartão do
meu pai escondido". Idioms stay out: "I could die for a goal", "me muero de ganas", "kill the game", "não quero
continuar apostando" (a stop request, read by safety_requests), "I don't want to go on the trip".
"""

from __future__ import annotations

# What a wish to stop living may be said to be "with" ("no quiero seguir viviendo con estas deudas", "I don't want to
# live with this shame"): a burden, never a place or a person ("no quiero vivir con mi suegra" is no crisis).
BURDEN = (r"(?:con|with|com) (?:est[ao]s?|this|these|all this|all these|so much|esse|essa|esses|essas|tant[ao]s?"
          r"|todo esto|todas estas|tudo isso|mis|my|minhas?|meus|as|las|la|a|the) (?:\w+ )?(?:deudas?|debts?"
          r"|dividas?|perdidas|losses|perdas|culpa|guilt|verguenza|vergonha|shame|dolor|pain|dor|peso|weight|carga"
          r"|burden|mess|lio|problemas|problems|problemas)")

# the end of a thought: nothing, punctuation, "anymore" / "like this" and their es/pt words
_END = (r"(?=\s*(?:$|[,.!?;:]|anymore|any more|like this|like that|honestly|tbh|ya|mas|asi|mais|assim|nao|no|de verdad"
        r"|de verdade|sinceramente))")

CRISIS = (
    # not wanting to go on / carry on / keep going (not "go on the trip", "keep going to the gym")
    # said of oneself ("the team cant go on like this" is football talk)
    rf"(?:^|\bi (?:just |really |honestly |really just )?)"
    rf"(?:dont|do not|no longer|cant|can not|cannot|dont even) (?:want to |wanna |wish to |see how to |see how i can )?"
    rf"(?:go on|carry on|keep going|keep on going)(?: living| like this| with (?:life|my life))?{_END}",
    r"(?:i|i just|i really) (?:cant|can not|cannot) (?:do|take) (?:this|it) (?:anymore|any more)"
    r"(?= (?:i (?:want|wanna|wish)|everyone|nobody|no one|whats the point)\b)",
    # no point anymore, nothing matters, not worth going on
    r"(?:theres |there is |i see |i dont see |i see no |whats the |what is the )?(?:no |the )?point"
    r" (?:anymore|any more|in anything|of anything)(?=\s*(?:$|[,.!?;:]|honestly|tbh|really|i\b))",
    r"nothing (?:matters|is worth it|makes sense) (?:anymore|any more)(?=\s*(?:$|[,.!?;:]))",
    rf"(?:its |it is |life is |life isnt |its not |it isnt )?not worth (?:going on|carrying on|living"
    rf"|being alive){_END}",
    # the others better off without the speaker, the speaker gone
    r"(?:everyone|everybody|my (?:family|kids|wife|husband|parents)|they|the world)(?:d| would| will)? (?:be )?better"
    r" (?:off )?(?:if i (?:was|were|wasnt|werent|wasnt here|was gone|were gone|died|was dead|were dead|disappeared)"
    r"|without me)",
    r"(?:i wish i (?:could )?(?:just )?|i (?:just )?want to |i wanna |i wish i could )(?:vanish|not exist|stop existing"
    r"|cease to exist|fall asleep forever|sleep forever|never wake up|be gone|not be here)",
    r"(?:id|i would) rather (?:not be alive|not exist|not be here)(?=\s*(?:$|[,.!?;:]|anymore))",
    # not being around much longer, no way out ("I don't think I'll be around much longer", "I don't see a way out")
    r"(?:wont|will not|not gonna|dont think ill|dont think i will|probably wont) be around (?:much |for )?(?:longer"
    r"|long|anymore)",
    r"(?:dont|do not|cant|cannot|no longer) see (?:a|any) way out",
    # thinking of not waking up ("sometimes I think about not waking up"), never an alarm ("not waking up for the game")
    r"(?:think|thinking|thought|dream|dreaming) (?:about|of) (?:just )?(?:not waking up|never waking up|not being"
    r" (?:here|alive|around))(?! (?:for|in time|early|on time|before)\b)",
    # es: "ya no quiero seguir", "no vale la pena seguir", "no quiero seguir así", "quisiera no existir"
    # (said alone, "no quiero seguir" / "não quero continuar" may cancel a slip: a way of living is named)
    rf"(?:ya )?no quiero (?:seguir|continuar) (?:(?:adelante|viviendo)(?: con (?:mi|la|esta) vida)?"
    rf"|con (?:mi|la|esta) vida){_END}",
    rf"(?:ya )?no (?:puedo|aguanto|soporto) (?:seguir|mas) (?:asi|viviendo|con (?:mi|la|esta) vida){_END}",
    rf"(?:ya )?no vale la pena (?:seguir|vivir|continuar|nada)(?: viviendo| adelante| asi)?{_END}",
    r"(?:quisiera|quiero|ojala|me gustaria) (?:no existir|dejar de existir|dormirme para siempre|dormir para siempre"
    r"|no despertar nunca|desaparecer (?:para siempre|de este mundo|del mapa))",
    r"(?:todos|mi familia|mis hijos|mi mujer|mi esposa|mis papas|mis padres) (?:estarian|estaria|vivirian|viviria)"
    r" mejor (?:sin mi|si (?:yo )?(?:no estuviera|me muero|me muriera|desapareciera|no existiera))",
    r"(?:nada|ya nada|la vida ya no) tiene sentido(?=\s*(?:$|[,.!?;:]|ya|para mi))",
    # pt: "não quero continuar", "não vale mais a pena viver", "queria não existir", "todos ficariam melhor sem mim"
    rf"(?:nao|n) quero (?:mais )?(?:continuar|seguir) (?:em frente|vivendo|com (?:essa|minha|esta) vida){_END}",
    rf"(?:nao|n) (?:aguento|consigo|suporto) mais (?:continuar|seguir|assim|viver assim){_END}",
    rf"(?:nao|n) vale (?:mais )?a pena (?:viver|continuar|seguir|nada)(?: vivendo| assim)?{_END}",
    r"(?:queria|quero|quisera|gostaria de) (?:nao existir|deixar de existir|dormir para sempre|dormir pra sempre"
    r"|nunca mais acordar|sumir (?:para sempre|pra sempre|do mundo|desse mundo|deste mundo))",
    r"(?:todos|todo mundo|minha familia|meus filhos|minha mulher|minha esposa|meus pais) (?:ficariam|estariam|viveriam"
    r"|ficaria|estaria|viveria) melhor (?:sem mim|se eu (?:nao existisse|morresse|sumisse|nao estivesse))",
    r"(?:nada|nada mais|a vida) (?:nao |n )?(?:tem|faz) (?:mais )?sentido(?=\s*(?:$|[,.!?;:]|mais|pra mim))",
)

# who the money belongs to: someone close, or work
_WHOSE_EN = (r"(?:my |the |our )?(?:wife|husband|partner|girlfriend|boyfriend|gf|bf|family|parents|mom|mum|mother"
             r"|dad|father|mums|moms|dads|grandma|grandmas|grandpa|grandmother|grandfather|nan|nana|brother|sister"
             r"|son|daughter|kids|childrens|uncle|aunt|flatmate|roommate|boss|bosses|employer|work|job|company"
             r"|office|till|register|business|church|club funds|team funds)s?")
_WHOSE_ES = (r"(?:(?:a |de |del )?(?:mi |la |el |mis |los |las |nuestra |nuestro )?)(?:mama|papa|madre|padre|vieja"
             r"|viejo|viejos|papas|padres|esposa|esposo|mujer|marido|novia|novio|pareja|familia|abuela|abuelo|hermano"
             r"|hermana|hijo|hija|hijos|tio|tia|jefe|jefa|trabajo|empresa|negocio|oficina|caja|chamba|compadre"
             r"|suegra|suegro|roomie)s?")
_WHOSE_PT = (r"(?:(?:da |do |de |dos |das )?(?:minha |meu |meus |minhas |a |o |nossa |nosso )?)(?:mae|pai|pais|mulher"
             r"|esposa|esposo|marido|namorada|namorado|familia|avo|avos|irmao|irma|filho|filha|filhos|tio|tia|chefe"
             r"|patrao|trabalho|empresa|firma|loja|caixa|escritorio|sogra|sogro|coroa|velha|velho)s?")
_MONEY_EN = r"(?:money|cash|savings|card|credit card|wallet|purse|bank card|pin|\$?\d+(?:[.,]\d+)?k?(?: bucks| quid)?)"
_MONEY_ES = (r"(?:plata|dinero|lana|varo|guita|pasta|billete|efectivo|ahorros|tarjeta|cartera|\$?\d+(?:[.,]\d+)?"
             r"(?: mil| lucas| pesos)?)")
_MONEY_PT = (r"(?:dinheiro|grana|economias|poupanca|cartao|carteira|bolsa|pix|\$?\d+(?:[.,]\d+)?(?: mil| reais"
             r"| conto)?)")
# secrecy, or the bet it was for ("to bet", "pra apostar"): a loan from a parent "for the ticket" is not distress
_FOR_A_BET_EN = (r"(?: \w+){0,6}? (?:to (?:bet|gamble|deposit|chase|cover (?:my )?(?:bets|losses))|for"
                 r" (?:betting|gambling|bets|my bets)|without (?:her|him|them|anyone) (?:knowing|noticing)"
                 r"|behind (?:her|his|their|my \w+) back|and (?:lost|blew|bet|gambled) it)")
_FOR_A_BET_ES = (r"(?: \w+){0,6}? (?:(?:para|pa|pra) (?:apostar|jugar|depositar|las apuestas|recuperar|cubrir"
                 r" (?:las |mis )?(?:apuestas|perdidas|deudas))|sin que (?:\w+ ){0,2}?"
                 r"(?:sepan?|supieran?|se enteren?|se enteraran?|se den? cuenta|se dieran? cuenta|notaran?|vieran?)"
                 r"|a escondidas|y (?:lo |la )?(?:perdi|aposte))")
_FOR_A_BET_PT = (r"(?: \w+){0,6}? (?:(?:pra|para|pro) (?:apostar|jogar|depositar|as apostas|recuperar|cobrir"
                 r" (?:as |minhas |o )?(?:apostas|perdas|prejuizo|dividas))|sem (?:\w+ )?"
                 r"(?:saber|perceber|ver)|escondid[oa]|as escondidas|e (?:perdi|apostei))")

DISTRESS = (
    # stolen from someone close or from work: said alone is enough
    rf"(?:stole|stolen|steal|stealing|nicked|pinched|swiped|embezzled|skimmed) (?:\w+ ){{0,3}}?(?:from )?{_WHOSE_EN}",
    rf"(?:robe|robado|robando|hurte|le robe|les robe|le saque a escondidas) (?:\w+ ){{0,3}}?{_WHOSE_ES}",
    rf"(?:roubei|roubado|roubando|furtei|desviei) (?:\w+ ){{0,3}}?{_WHOSE_PT}",
    # taken, borrowed or used: with secrecy or a bet named
    rf"(?:took|take|taken|taking|grabbed|used|using|borrowed|dipped into|helped myself to|went into) (?:\w+ ){{0,2}}?"
    rf"{_MONEY_EN} (?:\w+ ){{0,2}}?(?:from|out of|of) {_WHOSE_EN}\b{_FOR_A_BET_EN}",
    rf"(?:took|used|using|borrowed|maxed|emptied|drained) (?:my |our )?{_WHOSE_EN}(?:s)? (?:\w+ )?(?:money|cash"
    rf"|savings|card|credit card|account|wallet|purse)\b{_FOR_A_BET_EN}",
    rf"(?:dipped|dipping) into (?:the |my |our )?(?:{_WHOSE_EN} )?(?:money|savings|account|funds|till|register)",
    rf"(?:saque|tome|agarre|use|cogi|pille|le saque|le tome|le agarre|le quite|quite) (?:\w+ ){{0,2}}?{_MONEY_ES}"
    rf" (?:\w+ ){{0,2}}?{_WHOSE_ES}\b{_FOR_A_BET_ES}",
    rf"(?:saque|tome|agarre|use|cogi|le saque|le tome|le agarre) (?:\w+ ){{0,2}}?{_MONEY_ES}\b{_FOR_A_BET_ES}"
    rf" (?:\w+ ){{0,2}}?{_WHOSE_ES}\b",
    rf"(?:peguei|tirei|usei|mexi n[ao]|saquei|pegei) (?:\w+ ){{0,3}}?{_MONEY_PT} (?:\w+ ){{0,2}}?{_WHOSE_PT}\b"
    rf"{_FOR_A_BET_PT}",
    rf"(?:peguei|tirei|usei|mexi n[ao]|saquei|pegei) (?:\w+ ){{0,2}}?{_MONEY_PT} (?:escondid[oa]|as escondidas|sem"
    rf" (?:\w+ )?saber) (?:\w+ ){{0,2}}?{_WHOSE_PT}\b",
)

GUARANTEED = (
    # a fixed match asked for ("¿tienes algún partido arreglado?", "tem jogo comprado?"): a sure result, sold
    r"(?:partidos?|juegos?|resultados?) (?:(?:esta|estan|fue|ya esta) )?(?:arreglad|amarrad|comprad|vendid)[oa]s?",
    r"(?:jogos?|partidas?|resultados?) (?:(?:ta|esta|foi) )?(?:arrumad|comprad|vendid|armad|manipulad)[oa]s?",
    r"marmelada", r"(?:game|match|fight) (?:is |was |thats )?(?:rigged|fixed)", r"rigged (?:game|match)",
    r"inside (?:info|information|tip)", r"info(?:rmacion)? de adentro", r"dato de adentro",
    # a way to win every time ("a system that wins every single time", "método pa ganar siempre")
    r"(?:system|method|strategy|formula|metodo|sistema|estrategia|truco|truque)s? (?:\w+ ){0,4}(?:wins?"
    r"|to win|ganar|ganhar|pa ganar|pra ganhar|para ganar|para ganhar|que gana|que ganha)(?: \w+){0,2}? (?:every"
    r" (?:single )?time|always|siempre|sempre|todo el tiempo|toda vez)",
)
