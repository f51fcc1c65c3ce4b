"""A stated age under 18, per language (the refusal is in the language it was stated in), and someone else under 18.

The responsible-gambling policy's age cues (chat/services/safety_cues.py has the others): a first-person age ("I'm
16", "tengo diecisiete", "tenho 15 anos"), being a minor, school years, a relative's account; and a relative under
18 ("my son is 16"), which is a note after the answer rather than a refusal. Read and negated like every cue
(chat/services/safety_text.py).
"""

from __future__ import annotations

import re

from chat.services.safety_text import Reading, found
from chat.services.safety_text import rx as _rx

_AGE = r"(?:1[0-7]|[5-9])"
_EN_FILL = (r"(?:(?:only|just|actually|really|literally|like|still|barely|lol|lmao|haha|tbh|honestly|um|uh|btw"
            r"|ok|so|like|currently|technically|kinda|basically|ya|yeah|also)\s+){0,3}")
# What may follow a bare "I'm 16" for it to be an age: the end, a pause, or the next clause; never a unit
# ("I'm 10 up", "I'm 5 goals behind", "im 16 dollars down").
_EN_AFTER = (r"(?=\s*(?:$|[,.!?;:]|(?:and|but|so|lol|lmao|haha|anyway|anyways|tho|though|btw|bro|man|dude|rn|now"
             r"|too|myself|please|pls|plz|give|show|tell|what|whats|which|who|how|can|could|should|would|want|wanna"
             r"|need|odds|any|bet|is|if|ok|okay|plus|still|i|im|lemme|let|place|put|yrs?|years?|y/?o|yo|and)\b))")
_ES_FILL = (r"(?:(?:solo|solamente|apenas|recien|nada mas|ya|como|jaja\w*|jsjs\w*|jeje\w*|xd|casi|todavia|aun)"
            r"\s+){0,2}")
_ES_AFTER = (r"(?=\s*(?:$|[,.!?;:]|(?:y|pero|asi|entonces|jaja\w*|jsjs\w*|jeje\w*|xd|nomas|todavia|aun|ahorita"
             r"|apenas|anos|anitos|pues|bro|che|wey|cuotas|dame|quiero|puedo|me|mi|porfa|ok|vale|igual)\b))")
_PT_FILL = r"(?:(?:so|somente|apenas|ja|tipo|kkk\w*|quase|ainda)\s+){0,2}"
_PT_AFTER = (r"(?=\s*(?:$|[,.!?;:]|(?:e|mas|entao|kkk\w*|ainda|anos|aninhos|mano|ne|pode|posso|qual|quero|me|meu"
             r"|mesmo|ta|blz|beleza|ok)\b))")
# "explain it like I'm five" is not an age
_NOT_AS_IF = r"(?<!like )(?<!as if )(?<!as though )(?<!pretend )(?<!pretending )"
_RELATIVE = (r"(?:son|daughter|kid|kids|child|boy|girl|nephew|niece|brother|sister|cousin|grandson|granddaughter"
             r"|student|hijo|hija|nino|nina|sobrino|sobrina|hermano|hermana|hermanito|hermanita|primo|prima|nieto"
             r"|nieta|alumno|alumna|filho|filha|menino|menina|sobrinho|sobrinha|irmao|irma|irmaozinho|irmazinha"
             r"|neto|neta|aluno|aluna|enteado|enteada|hijastro|hijastra|stepson|stepdaughter|moleque|guri|guria"
             r"|chamaco|chamaca|chaval|chavala|crio|cria|bro|sis|kiddo|lad|lass|pelado|pelada|nena|nene|pia"
             r"|chavo|chava)")

# A first-person statement of an age under 18 (or of being a minor), per language: the refusal is in the
# language the user stated it in.
MINOR_BY_LANGUAGE = {
    "en": _rx(
        rf"{_NOT_AS_IF}(?:im|i am|iam)\s+{_EN_FILL}{_AGE}{_EN_AFTER}",
        rf"{_NOT_AS_IF}(?:im|i am|iam)\s+{_EN_FILL}{_AGE}\s*(?:years?|yrs?|y/?o|yo)\b",
        rf"my age is {_AGE}", rf"(?:im|i am) aged {_AGE}",
        rf"{_NOT_AS_IF}(?:im|i am|iam) (?:only |just )?an? {_AGE}\s*[- ]?(?:years?|yrs?|y/?o|yo)\b",
        # "were" is "we're" only where a clause starts ("what if it were 15?" is a stake)
        rf"(?:(?:we|(?:me|i) and (?:\w+ ){{0,2}}\w+|(?:\w+ ){{0,2}}\w+ and (?:i|me)) (?:are|re)"
        rf"|(?:^|(?<=[,.!?;] )|(?<=\band )|(?<=\bbut )|(?<=\bso )|(?<=\blol ))were) (?:all |both "
        rf"|only |just )?"
        rf"{_AGE}{_EN_AFTER}",
        r"(?:im|i am) in (?:year|grade) (?:[5-9]|10|11)\b",
        r"(?:im|i am)\s+(?:only |just |still )?(?:a )?(?:minor|underage|under age|under 18|too young to (?:bet"
        r"|gamble))",
        r"(?:as|being) (?:a minor|underage|under 18)", r"not (?:yet )?18", r"not 18 yet",
        r"(?:until|till|before|when) i(?:m| am)? (?:turn|turning) 18",
        r"i (?:turn|will turn|ll turn) 18 (?:next|in|on|this|soon)",
        r"(?:^|(?<=[,.!?;] )|\b(?:im|i am|i|am) )(?:turning|gonna turn|going to turn|about to turn) 18"
        r" (?:next|in|on|this|soon|tomorrow)",
        r"(?:im|i am|(?:^|[,.!?;:]\s*)(?:still|currently|only)) (?:still )?in (?:high|middle|secondary|junior high)"
        r" school",
        r"(?:my|using my) (?:older |big |elder |little |younger )?(?:cousin|brother|sister|dad|mom|mum|father|mother"
        r"|uncle|aunt|friend|parents)s? account",
        rf"(?:ill|i will|im gonna|im going to) (?:be|turn) {_AGE}(?=\s+(?:in|next|this|soon)\b|{_EN_AFTER})",
        r"(?:were|we are) (?:all |both )?(?:minors|underage|under 18)",
        r"(?:im|i am) (?:just |only |still )?an? (?:teen|teenager)\b", r"(?:im|i am) (?:still )?at school",
        r"(?:im|i am) (?:just |only |still )?an? (?:\w+ )?(?:freshman|sophomore|junior|senior|student|kid) (?:in|at)"
        r" (?:high|middle|secondary|junior high) school",
        # an age said without "I'm" ("17 years old here", "age: 16"), one just reached, school years, "not old enough"
        rf"^(?:me\s+)?{_AGE}\s*(?:years?\s+old|yrs?\s+old|y/?o|yo)\b(?=\s*(?:$|[.!?]+\s*$|[,.!?;:]?\s*(?:here|myself"
        r"|btw|lol|lmao|tbh|haha|so|but|can|could|may|am|should|what|whats|how|any|give|i|im|and (?:i|want|wanna"
        r"|can|still))\b))",
        rf"^(?:age|aged|my age)\s*[:=]?\s*{_AGE}\b",
        # "I just turned 10 into 80" is a bet, not an age; "my boy just turned 15" is his
        rf"(?:i|i just|i only just|(?:^|(?<=[,.!?;] ))just) turned {_AGE}\b(?!\s*(?:(?:bucks|dollars|euros|quid|pounds"
        r"|reais|pesos|into|in to|to|x|k)\b|\$))",
        r"(?:ill|i will|im gonna|im going to) (?:be|turn) 18 (?:next|in|on|this|soon)",
        r"(?:birthday|bday)s?\b(?: \w+){0,6} (?:then )?(?:ill|i will|im gonna|im going to|i) (?:be|turn) 18\b",
        r"^(?:still|only|just)? ?(?:a minor|underage|under age|under 18)\b(?! (?:players?|teams?|league|football"
        r"|tournament|cup|squad|side|sides|world cup|national team|games?|matches)\b)",
        r"(?:i go to|i attend|im at|i am at) (?:high|middle|secondary|junior high) school",
        r"(?:im |i am )?(?:only |just |still )?an? (?:high ?school|hs|middle school) (?:student|kid|junior|sophomore"
        r"|freshman)", r"high ?schooler",
        r"(?:im|i am) (?:in )?(?:6th|7th|8th|9th|10th|11th|sixth|seventh|eighth|ninth|tenth|eleventh) grade",
        r"(?:im|i am) (?:not|too young|still too young)(?: old enough)? to (?:bet|gamble)(?! on)",
        r"not old enough (?:to (?:bet|gamble)|for (?:betting|gambling))",
        r"(?:dad|mom|mum|father|mother|parents|brother|sister|uncle|cousin)s? (?:lets|let|allows|allow) me (?:use"
        r"|bet on|play on) (?:his|her|their) (?:account|card)",
        r"(?:on|with|from|through|in) my (?:dad|mom|mum|father|mother|parents|brother|sister|uncle|cousin)s?"
        r" (?:account|login|card)",
        # an age about to be reached, said without "I'm" ("turning 17 next month"; "turning 10 into 80" is a stake)
        rf"(?:^|(?<=[,.!?;] )|\b(?:im|i am|i|am) )(?:turning|gonna turn|going to turn|about to turn|will turn|ll turn)"
        rf" {_AGE}(?=\s*(?:$|[,.!?;:]|next|this|soon|tomorrow|on (?:the|my|\w+day)|in (?:a|an|\d+|two|three|few"
        r"|january|february|march|april|may|june|july|august|september|october|november|december)\b))",
        # the age as what the question is asked as ("as a 15 year old can I...", "being 16, any tips?", "at 16 can
        # I bet?", "for a 17 year old like me"); "the 17 year old prodigy", "at 16 minutes" are someone else, a time
        rf"\b(?:as|being) (?:(?:only|just|still) )?an? {_AGE}\s*(?:(?:years?|yrs?)\s*old|y/?o|yo)\b",
        rf"\bbeing (?:(?:only|just|still) )?{_AGE}(?:\s*(?:years?|yrs?) old)?{_EN_AFTER}",
        rf"(?:^|(?<=[,.!?;] ))(?:(?:so|ok|well|and|but|hey|yo) )?at (?:(?:only|just) )?{_AGE}"
        r"(?:\s*(?:years?|yrs?) old)?,? (?:can|could|may|am|should|is it|do|would) (?:i|you|someone|one)\b",
        rf"\ban? {_AGE}\s*(?:years?|yrs?)\s*old like (?:me|myself)\b",
        # the age asked about, last ("can I bet at 16?"); "can I bet at 16 minutes?" is a time
        rf"\b(?:can|could|may) i (?:bet|gamble|place (?:a )?bets?) at {_AGE}(?:\s*(?:years?|yrs?) old)?\s*(?:$|[?.!])",
    ),
    "es": _rx(
        rf"tengo\s+{_ES_FILL}{_AGE}\s*(?:anos|anitos)", rf"tengo\s+{_ES_FILL}{_AGE}{_ES_AFTER}",
        rf"(?:con|a) mis {_AGE}(?: anos)?", rf"mis {_AGE} anos", rf"tenemos\s+{_ES_FILL}{_AGE}(?:\s*anos|{_ES_AFTER})",
        r"(?:soy|sigo siendo|siendo|como soy|por ser) (?:todavia |aun |un |una )?(?:menor|menorcito|menorcita)",
        r"soy de menor", r"(?:aun |todavia )?no (?:tengo|cumplo) (?:los )?18",
        r"cumplo (?:los )?18 (?:hasta |recien |apenas )?(?:el|en|la|dentro|pronto|manana|proximo|este|esta)",
        r"(?:(?:mes|semana|ano) que viene|(?:proximo|proxima) (?:mes|semana|ano)|en (?:\w+ )?(?:dias|semanas|meses)),?"
        r" cumplo (?:los )?18\b",
        rf"cumplo (?:los )?{_AGE}(?: anos)?(?=\s*(?:$|[,.!?;:]|(?:el|en|la|dentro|pronto|manana|proximo|este|esta)\b))",
        r"somos (?:todos |todas )?(?:menores|menores de edad)",
        r"soy (?:todavia |aun |solo )?(?:un |una )?adolescente",
        r"estoy en (?:la |el )?(?:secundaria|prepa|preparatoria|bachillerato|liceo)",
        r"cuenta de mi (?:primo|prima|hermano|hermana|papa|mama|padre|madre|tio|tia|amigo|amiga|viejo|vieja)",
        rf"^(?:con )?{_AGE} anos(?=\s*(?:$|[,.!?;:]|(?:aqui|aca|tengo|nomas|y (?:quiero|ya)|pero)\b))",
        rf"(?:acabo de |recien |ya )?cumpli (?:los )?{_AGE}\b",
        rf"(?:acabo de|recien|voy a|vo a) cumplir (?:los )?{_AGE}\b",
        r"(?:voy a|vo a) cumplir (?:los )?18",
        # a pupil's, not a parent's ("estoy en el colegio de mi hijo", "voy al colegio a buscar a mi hija")
        r"(?:(?:voy|vamos) al|estoy en (?:el )?) ?(?:colegio|cole|liceo|instituto)(?! (?:(?:de|por) (?:mi|mis|su|sus"
        r"|tu|tus) (?:hij|herman|sobrin|nin|niet|prim)\w*|a (?:buscar|recoger|dejar|llevar)\b|a por\b))",
        # a school year ("tercer año del secundario", "noveno del colegio", "segundo de secu"); waiting to be 18
        r"(?:primer|primero|segundo|tercer|tercero|cuarto|quinto|sexto|septimo|octavo|noveno|decimo|\d+)(?: ano| grado"
        r"| curso)? (?:del|de) (?:la )?(?:secu|secundario|secundaria|colegio|cole|prepa|bachi|bachillerato|liceo)\b",
        r"(?:cuando|hasta que) (?:tenga|cumpla) (?:los )?18\b",
        r"(?:estoy en|curso|hago|voy en|ando en|sigo en) (?:\w+ )?(?:de |del |en )?(?:la |el )?(?:secundaria"
        r"|bachillerato|prepa|preparatoria|eso)",
        # the diminutive is only ever an age ("con 15 añitos"; "con 15 años apostando" may be a career)
        rf"{_AGE} anitos",
        r"(?:soy|como) (?:estudiante|alumno|alumna) de (?:secundaria|bachillerato|prepa|colegio|liceo|instituto)",
        r"no tengo (?:la )?edad (?:para|de|suficiente)",
        r"(?:mis papas|mis padres|mi mama|mi papa) no me dejan apostar",
        r"(?:mi )?(?:papa|mama|padre|madre|hermano|hermana|primo|tio) me (?:deja|presta) (?:usar )?(?:su|la) cuenta",
        # the age as what the question is asked as ("con 16 años puedo...", "siendo de 17", "como chico de 15"); not a
        # career ("con 15 años apostando", "con 16 años de experiencia")
        rf"\bcon (?:(?:solo|solamente|apenas|recien) )?{_AGE} anos(?! (?:de|apostando|jugando|en|viendo|siguiendo"
        r"|mirando|llevo)\b)",
        rf"\b(?:siendo|teniendo) (?:(?:solo|apenas|aun|todavia) )?(?:de )?{_AGE}(?: anos\b|{_ES_AFTER})",
        rf"\bcomo (?:un |una )?(?:chico|chica|chaval|chavala|pibe|piba|nino|nina|muchacho|muchacha|morro|morra|joven"
        rf"|adolescente|menor|pelado|pelada|chamaco|chamaca) de {_AGE}\b",
        # the age the asker asks at ("a los 16 años puedo apostar?", "a mis... "); "a los 15 aposté" is the past
        # said at the clause's start or with "años": "va 0-0 a los 15, puedo apostar al over?" is the match's minute
        rf"\ba los {_AGE} anos,? (?:ya )?(?:yo )?(?:puedo|podria|me dejan|me deja|me dejarian|tengo permitido)\b",
        rf"(?:^|(?<=[,.!?;] ))(?:(?:y|pero|oye|entonces|bueno|ok|hola|pregunta) )?a los {_AGE},? (?:ya )?(?:yo )?"
        r"(?:puedo|podria|me dejan|me deja|me dejarian|tengo permitido)\b",
        # the age asked about, last ("¿puedo apostar a los 16?", "¿se puede apostar con 17 años?")
        rf"\b(?:puedo|podria|se puede|me dejan) (?:yo )?apostar (?:a los|con) {_AGE}(?: anos)?\s*(?:$|[?.!])",
    ),
    "pt_br": _rx(
        rf"tenho\s+{_PT_FILL}{_AGE}\s*(?:anos|aninhos)", rf"tenho\s+{_PT_FILL}{_AGE}{_PT_AFTER}",
        rf"com (?:meus |so |apenas )?{_AGE} anos", rf"temos\s+{_PT_FILL}{_AGE}(?:\s*anos|{_PT_AFTER})",
        r"(?:sou|ainda sou|sendo|to|tou|estou|eu sou|como sou) (?:ainda )?(?:de )?menor",
        r"(?:ainda )?nao (?:tenho|fiz) (?:os )?18",
        r"faco 18 (?:so |apenas |somente )?(?:ano|mes|semana|em|daqui|amanha|logo)",
        # "faço 16 mês que vem", not "faço 10 no Flamengo" (a stake)
        rf"faco {_AGE}(?: anos|(?=\s*(?:ano|mes|semana|daqui|amanha|logo)\b|\s*em (?:jan|fev|mar|abr|mai|jun|jul|ago"
        r"|set|out|nov|dez)))",
        r"somos (?:todos |todas )?(?:menores|de menor|menores de idade)",
        r"sou (?:ainda |so )?(?:um |uma )?adolescente",
        r"(?:to|tou|estou) no (?:ensino medio|colegial|fundamental)",
        r"(?:to|tou|estou|faco|curso) (?:na|no) (?:sexta|setima|oitava|nona|sexto|setimo|oitavo|nono|\d+a?)"
        r" (?:serie|ano)\b",
        r"(?:quando|ate) (?:eu )?(?:fizer|completar|tiver) 18\b",
        r"conta do meu (?:primo|irmao|pai|tio|amigo|avo)", r"conta da minha (?:prima|irma|mae|tia|amiga|avo)",
        rf"^{_AGE} anos(?=\s*(?:$|[,.!?;:]|(?:aqui|so|e (?:quero|ja)|mas)\b))",
        rf"(?:acabei de (?:fazer|completar)|(?:ja )?(?:fiz|completei)|vou (?:fazer|completar)) {_AGE} anos",
        # a bare number only with "completar" or "acabei de fazer" ("já fiz 12, mas…", "vou fazer 10": stakes, scores)
        rf"(?:acabei de (?:fazer|completar)|(?:ja )?completei|vou completar) {_AGE}(?=\s*(?:$|[,.!?;:]|(?:e|mas)\b))",
        r"vou fazer 18",
        r"(?:to|tou|estou|ainda to|ainda estou) n[oa] (?:colegio|escola|oitavo|nono|primeiro|segundo|terceiro)",
        rf"{_AGE} aninhos",
        r"(?:faco|curso|estudo no) (?:o )?(?:ensino medio|colegial|fundamental)",
        r"(?:sou|como) (?:estudante|aluno|aluna) do (?:ensino medio|colegial|fundamental|colegio)",
        r"no (?:1|2|3|primeiro|segundo|terceiro)o? ano do (?:ensino )?medio",
        r"nao tenho idade (?:pra|para|suficiente)", r"meus pais nao (?:me )?deixam apostar",
        r"(?:meu pai|minha mae|meu irmao|minha irma|meu primo|meu tio) (?:me )?(?:deixa|empresta) (?:usar )?a conta",
        # the age as what the question is asked as ("sendo de 17 anos, posso...", "tendo 16 anos", "como um moleque
        # de 15")
        rf"\b(?:sendo|tendo) (?:(?:so|apenas|ainda) )?(?:de )?{_AGE}(?: anos\b|{_PT_AFTER})",
        rf"\bcomo (?:um |uma )?(?:garoto|garota|menino|menina|moleque|guri|guria|jovem|adolescente|menor|pivete"
        rf"|novinho|novinha) de {_AGE}\b",
        # the age the asker asks at ("aos 16 anos posso apostar?"); "aos 15 apostei" is the past
        rf"\baos {_AGE} anos,? (?:ja )?(?:eu )?(?:posso|poderia|consigo|me deixam|me deixa|da pra eu)\b",
        rf"(?:^|(?<=[,.!?;] ))(?:(?:e|mas|entao|ok|oi|pergunta) )?aos {_AGE},? (?:ja )?(?:eu )?"
        r"(?:posso|poderia|consigo|me deixam|me deixa|da pra eu)\b",
        rf"\b(?:(?:eu )?posso|(?:eu )?poderia|da pra|pode) (?:eu )?apostar (?:aos|com) {_AGE}(?: anos)?\s*(?:$|[?.!])",
    ),
}
# An age the user no longer has: said in the past ("when I was 16", "con 17 años empecé", "a los 15 aposté", "com 16
# anos eu comecei", "quando eu tinha 15"); "a los 16 puedo…" is a question asked at that age, a
# minor's. Its span is read as no age at all (a current age said with it still counts).
_ES_PAST_VERB = (r"(?:(?!(?:puede|tiene|debe|quiere|sabe)\b)\w{3,}(?:e|i)|\w+(?:aba|abas|ia)|hice|tuve"
                 r"|fui|vi|di|pude)")
_PT_PAST_VERB = r"(?:\w+(?:ei|ou|ava|ia)|\w{3,}i|fiz|tive|fui|vi|dei|pude)"
_EN_PAST_VERB = r"(?:\w+ed|began|won|lost|made|got|had|did|put|took|went|bet|was|first|knew|saw|tried)"
PAST_AGE = _rx(
    rf"(?:when|since|back when|by the time) (?:i|we) (?:was|were) (?:only |just )?{_AGE}\b",
    rf"\bi was (?:only |just )?{_AGE}\b",
    rf"\bat (?:only |just |age )?{_AGE}(?:\s*(?:years?|yrs?) old)?,? (?:i|we) {_EN_PAST_VERB}\b",
    rf"(?:cuando|desde que) (?:yo )?(?:tenia|era de) (?:solo |apenas )?{_AGE}\b(?: anos)?",
    rf"\btenia {_AGE}\b(?: anos)?",
    rf"\b(?:con|a los|desde los) {_AGE}(?: anos)?,? (?:(?:yo|ya|me|lo|la|le|te) )?{_ES_PAST_VERB}\b",
    rf"(?:quando|desde que) (?:eu )?(?:tinha|era de) (?:so |apenas )?{_AGE}\b(?: anos)?",
    rf"\btinha {_AGE}\b(?: anos)?",
    rf"\b(?:com|aos|desde os) {_AGE}(?: anos)?,? (?:(?:eu|ja|me) )?{_PT_PAST_VERB}\b",
)
# The user's own current adult age ("now I'm 30", "ahora tengo 29", "hoje tenho 31"): whatever younger age the
# message also says is not the user's now.
_ADULT = r"(?:1[89]|[2-9]\d)"
ADULT_NOW = _rx(
    rf"(?:im|i am|iam)\s+{_EN_FILL}{_ADULT}(?:{_EN_AFTER}|\s*(?:years?|yrs?|y/?o|yo)\b)",
    rf"tengo\s+{_ES_FILL}{_ADULT}(?:\s*anos|{_ES_AFTER})", rf"tenho\s+{_PT_FILL}{_ADULT}(?:\s*anos|{_PT_AFTER})",
)

# Someone else under 18 ("my son is 16", "mi hijo tiene 15", "minha filha tem 17 anos"): not a refusal of
# the adult, but a caution with the answer.
MINOR_MENTION = _rx(
    rf"(?:my|mi|mis|meu|minha|meus|minhas|our|nuestro|nuestra|nosso|nossa) (?:\w+ )?{_RELATIVE}s?(?: \w+){{0,2}}"
    rf"(?: is| s| tiene| tem| who is| que tiene| que tem| de| com| con| aged|,)? {_AGE}\b(?! (?:bucks|dollars|euros"
    rf"|reais|pesos|%))",
    rf"{_AGE}\s*(?:year old|yr old|yo|y/o|anos|ano)\s+(?:\w+ )?{_RELATIVE}",
    # "my 13 year old wants a bet": the child said by their age alone
    rf"(?:my|our) {_AGE}\s*(?:-\s*)?(?:year|yr)\s*(?:-\s*)?old\b",
    rf"{_RELATIVE} (?:de|of) {_AGE} (?:anos|years)",
    rf"(?:^|\b(?:el|la|o|a|the) ){_RELATIVE} (?:tiene|tem|is) {_AGE}\b(?! (?:bucks|dollars|euros|reais|pesos|%|goals))",
    rf"^(?:(?:little|baby|younger|kid|big|older) )?{_RELATIVE}(?:s| is) {_AGE}\b(?! (?:bucks|dollars|euros|reais"
    r"|pesos|%|goals|points))",
)

# Someone else under 18 said without a number ("my underage son", "mi hijo menor de edad", "meu filho menor de idade")
_UNDERAGE_RELATIVE = _rx(
    rf"(?:my|mi|mis|meu|minha|our|nuestro|nuestra|nosso|nossa) (?:\w+ )?{_RELATIVE}s? (?:who is |whos |who s |que es "
    r"|que e )?(?:underage|under 18|a minor|menor de edad|menor de idade|menor de 18)",
    rf"(?:underage|minor) {_RELATIVE}",
)
# ... or a relative named, and their age said with a pronoun ("a bet for my son? he's 17", "mi hija, tiene 16")
_RELATIVE_NAMED = _rx(rf"(?:my|mi|mis|meu|minha|our|nuestro|nuestra|nosso|nossa) (?:\w+ )?{_RELATIVE}s?")
_PRONOUN_AGE = _rx(rf"(?:hes|shes|he is|she is|theyre|they are|el tiene|ella tiene|ele tem|ela tem|tiene|tem)"
                   rf" (?:only |just |solo |apenas |so )?{_AGE}\b"
                   r"(?! (?:bucks|dollars|euros|reais|pesos|%|goals|goles|gols))")
# A bet by or for that someone, said with the minor in the same message. Their wish to bet, third person only ("wants
# to put 10 on", "quiere apostar", "quer apostar", "can he bet"; "I want to bet" is the adult's own): an amount or a
# bet word must follow ("wants to put the game on" is no bet, "quiere jugar" is football).
_THEIR_BET = (r"(?:bet|bets|betting|gamble|gambling|wager|place (?:a |his |her |some )?bets?|make a bet|have a bet"
              r"|have a flutter|get a bet|try (?:a bet|betting)"
              r"|(?<=to )back (?!(?:home|to|and|up|out|off|in|later|then|here|there)\b)\w+"
              r"|put (?:\$?\d+|money|some money|a bet|a tenner|a fiver)|stake \$?\d+"
              r"|\$?\d+ (?:bucks |dollars |dolares |reais |pesos |euros |quid |conto )?(?:on|al|no|na|en) \w+"
              r"|in on (?:the|my|our|a) (?:bet|acca|parlay|slip)"
              r"|apost\w*|apuest\w*|una apuesta|hacer una apuesta|meter(?:le)? \$?\d+|poner(?:le)? \$?\d+"
              r"|jugar(?:le)? \$?\d+|aposta|uma aposta|fazer (?:uma aposta|um bilhete|uma bet)|colocar \$?\d+"
              r"|botar \$?\d+|jogar \$?\d+)")
BET_FOR_MINOR = _rx(
    rf"(?<!\bi )(?<!\bwe )(?:wants|would like|d like|asked me|asks me|is asking|keeps asking|begged|is begging"
    rf"|is dying|really wants|is keen|quiere|quieren|le gustaria|pide|pidio|me pide|me pidio"
    rf"|esta pidiendo|anda pidiendo|se muere por|insiste en|quer|querem|pediu|pede|me pediu|me pede"
    rf"|ta pedindo|esta pedindo|ta querendo|esta querendo|vive pedindo|insiste em)(?: \w+){{0,5}}? (?:to |de )?"
    rf"{_THEIR_BET}",
    rf"(?:can|could|may|should|will you let|can you let|let) (?:he|she|they|him|her|them|my (?:\w+ )?{_RELATIVE}s?)"
    rf" (?:\w+ )?{_THEIR_BET}",
    r"(?:so|para que|pra|para|pro|deixar|deixo|deixa|dejar|dejo|deja|lo dejo|la dejo|dejarlo|dejarla) (?:that )?"
    r"(?:he|she|they|el|ella|ele|ela|o menino|a menina) (?:can |could |pueda |possa )?"
    r"(?:bet|apueste|apuesten|apostar|aposte|apostem|gamble|place)",
    # the bet said for them ("I'm betting for my 17 year old brother", "una apuesta para mi hijo", "aposta pro meu
    # filho"; "a shirt for my son" is no bet)
    rf"(?:bet|bets|betting|wager|slip|ticket|acca|parlay|apuest\w*|apost\w*|boleto|bilhete|\d+)(?: \w+){{0,4}}?"
    rf" (?:for|on behalf of|para|pra|pro|por|(?:en|a) nombre de"
    rf"|(?:de|por) parte de|(?:em|no) nome d[oa]s?|in (?:the )?name of) (?:my|mi|meu|minha|o meu|a minha)"
    rf" (?:\w+ ){{0,3}}?(?:{_RELATIVE}s?|{_AGE}\s*(?:-\s*)?(?:year|yr)s?\s*(?:-\s*)?old)\b",
    # the adult betting the child's money for them ("me dio su plata para que le apueste", "pra eu apostar pra ele")
    r"(?:para|pra) que (?:le |lhe |eu )?(?:apueste|aposte|juegue|jogue)\b",
)
# Done for them: the bet, slip or account said as theirs ("a bet for him", "on his account", "hazle la apuesta", "a su
# nombre", "faz a aposta pra ele", "na conta dele"); only with a bet word in the message (`_BET_WORD`)
_FOR_THEM = _rx(
    r"(?:bet|slip|wager|stake|ticket|acca|parlay|set (?:it|one|this|that) up|place (?:it|one|this|that))s?"
    r" (?:for|on behalf of) (?:him|her|them)\b",
    # asked to be done for them ("put 10 on Arsenal for him"), not a question about them ("is betting legal for him?")
    r"(?:place|put|make|set up|get|do|book|build|prepare|bet|stake|back)(?: \w+){0,9}? (?:for|on behalf of|in the name"
    r" of) (?:him|her|them)\b",
    r"(?:on|in|under|with|from) (?:his|her|their) (?:behalf|name|account|phone)",
    # done for them with the pronoun glued on ("házsela", "hágamela", "pónsela tú") or said as theirs ("place his
    # picks", "faz as apostas dele")
    r"(?:hazsela|hagamela|hagasela|hacemela|hacesela|ponsela|ponselo|ponmela|apuestasela|apostasela|juegasela"
    r"|metesela)",
    r"(?:place|put|do|make|set up|submit) (?:in )?(?:his|her|their) (?:picks|bets?|slip|acca|parlay)",
    # the child's own money staked ("la plata de la alcancía de mi nena", "o cofrinho do meu piá", "my son's allowance")
    rf"(?:plata|dinero|mesada|alcancia|ahorros|dinheiro|grana|cofrinho|cofre)(?: \w+){{0,4}} (?:de|do|da) (?:mi|meu"
    rf"|minha) (?:\w+ )?{_RELATIVE}s?\b",
    rf"(?:my )?(?:\w+ )?{_RELATIVE}s? (?:pocket money|allowance|savings|birthday money|piggy bank)",
    r"(?:faz|faca|fazer|coloca|bota|monta|registra) (?:as |a )?(?:apostas?|palpites?|bilhetes?) (?:dele|dela|deles)",
    r"(?:hazle|haganle|hacele|hagale|armale|armenle|apuestale|apostale) (?:la |una |el |su )?(?:apuesta|boleto|jugada"
    r"|combinada|\$?\d+)",
    # the adult making one for them ("le hago una apuesta", "¿puedo hacerle la apuesta?"); a stake with "le" ("le
    # apuesto 10 al Madrid") doubles the club, no one else
    r"(?:(?:le|les) (?:hago|hacemos|armo|saco|creo|monto)|hacerle|armarle|sacarle) (?:la |una |un |el |su )?"
    r"(?:apuesta|boleto|jugada|combinada)",
    r"(?:apuesta|boleto|jugada|combinada)s? (?:para|por|de) (?:el|ella)(?=\s*(?:$|[,.!?;:]|por favor|porfa|tambien"
    r"|y)\b)", r"(?:a|en|con|desde) (?:su (?:nombre|cuenta|celular)|nombre de (?:el|ella))\b",
    # "apuesta 10 al Arsenal que gane por él", "pon 10 al madrid para ella"
    r"(?:apuesta|apuestale|apostale|pon|ponle|pone|mete|metele|haz|hazle|juega|jugale)\w* (?:\w+ ){0,8}(?:por|para)"
    r" (?:el|ella)(?=\s*(?:$|[,.!?;:]|por favor|porfa|tambien)\b)",
    r"(?:aposta|bilhete|bet|aposte|faz|faca|fazer|coloca|bota|monta)\w* (?:\w+ ){0,8}(?:pra|para|pro|por) (?:ele|ela)\b"
    r"(?! (?:ganhar|vencer|jogar|ver|assistir|torcer|ser|estar|ter)\b)",
    r"(?:no nome|na conta|no celular) (?:dele|dela)\b",
)
_BET_WORD = _rx(r"bet|bets|betting|wager|stake|slip|acca|parlay|apuest\w*|apost\w*|boleto|multipla"
                r"|bilhete|put \$?\d+|place \$?\d+|poner \$?\d+|ponle \$?\d+|metele \$?\d+|coloca \$?\d+|bota \$?\d+"
                r"|\$?\d+ (?:bucks|dollars|dolares|euros|reais|pesos|quid|conto|lucas|mil) (?:on|no|na|al|a|en|em)"
                r"|picks|pronostico|placares|resultados de la jornada")


# How betting works, asked for their sake with no stake in it ("my son is 17 and asked me to explain betting odds, how
# do odds work?"): the caution note after the answer, no refusal
_HOW_IT_WORKS = re.compile(
    r"\b(?:explain\w*|explica\w*|explique|how (?:do|does) (?:\w+ )?(?:odds|betting|bets|it|a bet|handicaps?|parlays?)"
    r" work|what (?:is|are) (?:a |an |the )?(?:odds|bet|bets|handicap|btts|parlay)|como funciona\w*|que (?:es|son)"
    r" (?:una |las |el |la )?(?:cuotas?|apuestas?|handicap)"
    r"|o que (?:e|sao) (?:uma |as |o |a )?(?:odds|apostas?|handicap))\b")
_STAKE_SAID = re.compile(r"(?:\$|r\$)\s?\d|\b\d+(?:[.,]\d+)? ?(?:on|al|a|no|na|en|em|dollars|usd|euros|reais|pesos"
                         r"|bucks)\b")


def _only_how_it_works(text: str) -> bool:
    return bool(_HOW_IT_WORKS.search(text)) and not _STAKE_SAID.search(text)


def minor_named(reading: Reading) -> bool:
    """Someone else under 18 named, by an age said of them ("my son is 14", "mi hijo de 15", "my son, he's 16")."""
    return any(found(MINOR_MENTION, version) or found(_UNDERAGE_RELATIVE, version)
               or (found(_RELATIVE_NAMED, version) and found(_PRONOUN_AGE, version))
               for version in reading.versions.values())


def bets_for_a_minor(reading: Reading) -> bool:
    """A bet by or for someone else under 18, asked in the message that says their age ("my son is 14 and wants to
    put 10 on Liverpool, can you set it up?", "mi hijo tiene 15, hazle la apuesta", "meu filho de 16 anos quer
    apostar, faz a aposta pra ele"): refused (rg_minor_bet). Their age alone, or the adult's own bet beside it, is not
    ("my son is 14, when does Arsenal play?": a caution note after the answer)."""
    return minor_named(reading) and any(
        not _only_how_it_works(version)
        and (found(BET_FOR_MINOR, version) or (found(_FOR_THEM, version) and found(_BET_WORD, version)))
        for version in reading.versions.values())


# Of whom a bet is, said alone ("it's for my son", "es para mi hija", "é pro meu filho", "it's for him"): with an age
# and a slip waiting, the bet was for a minor
_FOR_SOMEONE = _rx(
    rf"(?:its|it is|this is|thats|that is|the bet is|es|eso es|la apuesta es|e|isso e|a aposta e) (?:for|para|pra|pro)"
    rf" (?:my |mi |meu |minha |o meu |a minha )?(?:\w+ )?(?:{_RELATIVE}s?|him|her|them|el|ella|ele|ela)\b",
)


def bet_for_someone(reading: Reading) -> bool:
    """A bet said to be placed for someone else ("put 10 on Arsenal for him", "faz a aposta pra ele")."""
    return any(found(BET_FOR_MINOR, version) or (found(_FOR_THEM, version) and found(_BET_WORD, version))
               for version in reading.versions.values())


def for_someone(reading: Reading) -> bool:
    """Whom the bet is for, said alone ("it's for my son"), or a bet said for someone else."""
    return bet_for_someone(reading) or any(found(_FOR_SOMEONE, version) for version in reading.versions.values())


def minor_language(reading: Reading) -> str | None:
    """The language of a first-person "I'm under 18" in the message; None when it states no such age."""
    for version in reading.versions.values():
        if found(ADULT_NOW, version):
            continue  # "con 17 años empecé, ahora tengo 30": the user is 30
        now = PAST_AGE.sub(" ", version) if PAST_AGE.search(version) else version
        for language, patterns in MINOR_BY_LANGUAGE.items():
            if found(patterns, now):
                return language
    return None


def minor_mentioned(reading: Reading) -> bool:
    return any(found(MINOR_MENTION, version) or found(_UNDERAGE_RELATIVE, version)
               for version in reading.versions.values())
