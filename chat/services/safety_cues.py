"""What the responsible-gambling policy listens for: cues per category, on normalised text, negation aware.

How a message is read (`Reading`): folded (lower case, no accents: "dieciséis" = "dieciseis", "tô" = "to"),
apostrophes dropped ("I'm" = "im", "can't" = "cant"), and also once per language with number words as
digits (text2num: "I'm sixteen" = "im 16", "tenho dezessete" = "tenho 17"). A category is a list of
patterns; a pattern counts unless a negation stands right before it ("I'm not in debt", "no soy menor",
"não tenho dívidas", "I don't want to die"). The patterns describe kinds of statement (a first-person age,
a money source that must not be staked, a wish to win losses back...), not sentences: the development
cases in chat/engine/data/safety_cases.jsonl measure them, and sentences nobody has written yet are the
point.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from chat.engine.nlu.names import find_mentions
from chat.engine.nlu.prefilter import ALNUM, Cue, word_cue
from chat.engine.nlu.text import SpanSet, fold, tokenize


def _rx(*parts: str) -> Cue:
    # "100%" ends a word too; searched by the parts the text has the words of (`word_cue`)
    return word_cue(parts, before=r"(?<![a-z0-9])", after=r"(?![a-z0-9])", word=ALNUM)


# --- reading ------------------------------------------------------------------------------------

_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
_JUNK = re.compile(r"[^a-z0-9%$/,.!?;:\s-]+")
_SPACES = re.compile(r"\s+")
_TEXT2NUM = {"en": "en", "es": "es", "pt_br": "pt"}


def normalise(message: str) -> str:
    """Folded, apostrophes inside words dropped, other symbols as spaces, single spaces."""
    text = _APOSTROPHE.sub("", fold(message))
    return _SPACES.sub(" ", _JUNK.sub(" ", text.replace("'", " "))).strip()


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


# --- ages ---------------------------------------------------------------------------------------

_AGE = r"(?:1[0-7]|[5-9])"
_EN_FILL = (r"(?:(?:only|just|actually|really|literally|like|still|barely|lol|lmao|haha|tbh|honestly|um|uh|btw"
            r"|ok|so|like|currently|technically|kinda|basically|ya|yeah|also)\s+){0,3}")
# What may follow a bare "I'm 16" for it to be an age: the end, a pause, or the next clause; never a unit
# ("I'm 10 up", "I'm 5 goals behind", "im 16 dollars down").
_EN_AFTER = (r"(?=\s*(?:$|[,.!?;:]|(?:and|but|so|lol|lmao|haha|anyway|anyways|tho|though|btw|bro|man|dude|rn|now"
             r"|too|myself|please|pls|plz|give|show|tell|what|whats|which|who|how|can|could|should|would|want|wanna"
             r"|need|odds|any|bet|is|if|ok|okay|plus|still|i|im|lemme|let|place|put|yrs?|years?|y/?o|yo|and)\b))")
_ES_FILL = r"(?:(?:solo|solamente|apenas|recien|nada mas|ya|como|jaja\w*|xd|casi|todavia|aun)\s+){0,2}"
_ES_AFTER = (r"(?=\s*(?:$|[,.!?;:]|(?:y|pero|asi|entonces|jaja\w*|xd|nomas|todavia|aun|ahorita|apenas|anos|anitos"
             r"|pues|bro|che|wey|cuotas|dame|quiero|puedo|me|mi|porfa|ok|vale|igual)\b))")
_PT_FILL = r"(?:(?:so|somente|apenas|ja|tipo|kkk\w*|quase|ainda)\s+){0,2}"
_PT_AFTER = (r"(?=\s*(?:$|[,.!?;:]|(?:e|mas|entao|kkk\w*|ainda|anos|aninhos|mano|ne|pode|posso|qual|quero|me|meu"
             r"|mesmo|ta|blz|beleza|ok)\b))")
# "explain it like I'm five" is not an age
_NOT_AS_IF = r"(?<!like )(?<!as if )(?<!as though )(?<!pretend )(?<!pretending )"
_RELATIVE = (r"(?:son|daughter|kid|kids|child|boy|girl|nephew|niece|brother|sister|cousin|grandson|granddaughter"
             r"|student|hijo|hija|nino|nina|sobrino|sobrina|hermano|hermana|hermanito|hermanita|primo|prima|nieto"
             r"|nieta|alumno|alumna|filho|filha|menino|menina|sobrinho|sobrinha|irmao|irma|irmaozinho|irmazinha"
             r"|neto|neta|aluno|aluna|enteado|enteada|hijastro|hijastra|stepson|stepdaughter)")

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
        r"im turning 18 (?:next|in|on|this|soon)",
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
        rf"(?:i|i just|just|i only just) turned {_AGE}\b(?!\s*(?:(?:bucks|dollars|euros|quid|pounds|reais|pesos|into"
        r"|in to|to|x|k)\b|\$))",  # "I just turned 10 into 80" is a bet, not an age
        r"(?:ill|i will|im gonna|im going to) (?:be|turn) 18 (?:next|in|on|this|soon)",
        r"(?:i go to|i attend|im at|i am at) (?:high|middle|secondary|junior high) school",
        r"(?:im |i am )?(?:only |just |still )?an? (?:high ?school|hs|middle school) (?:student|kid|junior|sophomore"
        r"|freshman)", r"high ?schooler", r"(?:im|i am) (?:in )?(?:9th|10th|11th|ninth|tenth|eleventh) grade",
        r"(?:im|i am) (?:not|too young|still too young)(?: old enough)? to (?:bet|gamble)(?! on)",
        r"not old enough (?:to (?:bet|gamble)|for (?:betting|gambling))",
        r"(?:dad|mom|mum|father|mother|parents|brother|sister|uncle|cousin)s? (?:lets|let|allows|allow) me (?:use"
        r"|bet on|play on) (?:his|her|their) (?:account|card)",
        r"(?:on|with|from|through|in) my (?:dad|mom|mum|father|mother|parents|brother|sister|uncle|cousin)s?"
        r" (?:account|login|card)",
    ),
    "es": _rx(
        rf"tengo\s+{_ES_FILL}{_AGE}\s*(?:anos|anitos)", rf"tengo\s+{_ES_FILL}{_AGE}{_ES_AFTER}",
        rf"(?:con|a) mis {_AGE}(?: anos)?", rf"mis {_AGE} anos", rf"tenemos\s+{_ES_FILL}{_AGE}(?:\s*anos|{_ES_AFTER})",
        r"(?:soy|sigo siendo|siendo|como soy|por ser) (?:todavia |aun |un |una )?(?:menor|menorcito|menorcita)",
        r"soy de menor", r"(?:aun |todavia )?no (?:tengo|cumplo) (?:los )?18",
        r"cumplo (?:los )?18 (?:hasta |recien |apenas )?(?:el|en|la|dentro|pronto|manana|proximo|este|esta)",
        rf"cumplo (?:los )?{_AGE}(?: anos)?(?=\s*(?:$|[,.!?;:]|(?:el|en|la|dentro|pronto|manana|proximo|este|esta)\b))",
        r"somos (?:todos |todas )?(?:menores|menores de edad)",
        r"soy (?:todavia |aun |solo )?(?:un |una )?adolescente",
        r"estoy en (?:la |el )?(?:secundaria|prepa|preparatoria|bachillerato|liceo)",
        r"cuenta de mi (?:primo|prima|hermano|hermana|papa|mama|padre|madre|tio|tia|amigo|amiga|viejo|vieja)",
        rf"^(?:con )?{_AGE} anos(?=\s*(?:$|[,.!?;:]|(?:aqui|aca|tengo|nomas|y (?:quiero|ya)|pero)\b))",
        rf"(?:acabo de |recien |ya )?cumpli (?:los )?{_AGE}\b",
        rf"(?:acabo de|recien|voy a|vo a) cumplir (?:los )?{_AGE}\b",
        r"(?:voy a|vo a) cumplir (?:los )?18",
        r"(?:voy|vamos) al (?:colegio|cole|liceo|instituto)", r"estoy en (?:el )?(?:colegio|cole|instituto)",
        r"(?:estoy en|curso|hago) (?:\w+ )?(?:de |del )?(?:secundaria|bachillerato|prepa|preparatoria|eso)",
        r"(?:soy|como) (?:estudiante|alumno|alumna) de (?:secundaria|bachillerato|prepa|colegio|liceo|instituto)",
        r"no tengo (?:la )?edad (?:para|de|suficiente)",
        r"(?:mis papas|mis padres|mi mama|mi papa) no me dejan apostar",
        r"(?:mi )?(?:papa|mama|padre|madre|hermano|hermana|primo|tio) me (?:deja|presta) (?:usar )?(?:su|la) cuenta",
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
        r"conta do meu (?:primo|irmao|pai|tio|amigo|avo)", r"conta da minha (?:prima|irma|mae|tia|amiga|avo)",
        rf"^{_AGE} anos(?=\s*(?:$|[,.!?;:]|(?:aqui|so|e (?:quero|ja)|mas)\b))",
        rf"(?:acabei de (?:fazer|completar)|(?:ja )?(?:fiz|completei)|vou (?:fazer|completar)) {_AGE} anos",
        # a bare number only with "completar" or "acabei de fazer" ("já fiz 12, mas…", "vou fazer 10": stakes, scores)
        rf"(?:acabei de (?:fazer|completar)|(?:ja )?completei|vou completar) {_AGE}(?=\s*(?:$|[,.!?;:]|(?:e|mas)\b))",
        r"vou fazer 18",
        r"(?:to|tou|estou|ainda to|ainda estou) n[oa] (?:colegio|escola|oitavo|nono|primeiro|segundo|terceiro)",
        r"(?:faco|curso|estudo no) (?:o )?(?:ensino medio|colegial|fundamental)",
        r"(?:sou|como) (?:estudante|aluno|aluna) do (?:ensino medio|colegial|fundamental|colegio)",
        r"no (?:1|2|3|primeiro|segundo|terceiro)o? ano do (?:ensino )?medio",
        r"nao tenho idade (?:pra|para|suficiente)", r"meus pais nao (?:me )?deixam apostar",
        r"(?:meu pai|minha mae|meu irmao|minha irma|meu primo|meu tio) (?:me )?(?:deixa|empresta) (?:usar )?a conta",
    ),
}
# Someone else under 18 ("my son is 16", "mi hijo tiene 15", "minha filha tem 17 anos"): not a refusal of
# the adult, but a caution with the answer.
MINOR_MENTION = _rx(
    rf"(?:my|mi|mis|meu|minha|meus|minhas|our|nuestro|nuestra|nosso|nossa) (?:\w+ )?{_RELATIVE}s?(?: \w+)?"
    rf"(?: is| s| tiene| tem| who is| que tiene| que tem| de| com| con| aged|,)? {_AGE}\b(?! (?:bucks|dollars|euros"
    rf"|reais|pesos|%))",
    rf"{_AGE}\s*(?:year old|yr old|yo|y/o|anos|ano)\s+(?:\w+ )?{_RELATIVE}",
    rf"{_RELATIVE} (?:de|of) {_AGE} (?:anos|years)",
)


def minor_language(reading: Reading) -> str | None:
    """The language of a first-person "I'm under 18" in the message; None when it states no such age."""
    for version in reading.versions.values():
        for language, patterns in MINOR_BY_LANGUAGE.items():
            if found(patterns, version):
                return language
    return None


def minor_mentioned(reading: Reading) -> bool:
    return any(found(MINOR_MENTION, version) for version in reading.versions.values())


# --- self-harm, distress, stop, "guaranteed" -----------------------------------------------------

CRISIS = _rx(
    r"(?:feel|feeling|felt) like (?:dying|dieing|ending it|killing myself|disappearing)", r"want(?:ed)? to die",
    r"wanna die", r"(?:kill|killing|hurt|hurting) myself", r"end(?:ing)? (?:it all|my life|things)",
    r"suicid\w*", r"take my (?:own )?life", r"(?:dont|do not|no longer) want to (?:live|be alive|be here)",
    r"better off dead", r"no (?:reason|point) (?:to|in) (?:live|living|going on)", r"i cant go on",
    r"quiero morir\w*", r"me quiero morir", r"(?:ya )?no quiero (?:seguir )?vivir", r"matarme",
    r"me (?:quiero|voy a|vou|vo) matar", r"(?:quiero|voy a|quero|vou|vontade de) (?:me )?matar(?:me)?",
    r"quitarme la vida", r"acabar con (?:todo|mi vida)", r"no vale la pena vivir", r"ganas de morir",
    r"quero morrer", r"(?:ja )?nao quero (?:mais )?viver", r"me matar", r"tirar (?:a )?minha (?:propria )?vida",
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
    rf"(?:my|the|our|mi|el|la|mis|meu|minha|o|a|all my|whole|entire|todo el|todo mi|toda a|todo o)"
    rf" (?:whole |entire )?(?:{_MONEY_SOURCE})",
    rf"(?:{_MONEY_SOURCE}) money",
    r"(?:school|bill|bills|food|family|kids|childrens|wifes|husbands|medicine|household|christmas|baby) money",
    r"(?:plata|dinero|dinheiro|grana) (?:de las|de los|das|dos) (?:cuentas|contas|compras|facturas|boletos|remedios)",
    r"(?:my )?(?:gambling|betting) is (?:out of hand|a problem|getting worse|too much|taking over)",
    rf"(?:money|cash|plata|dinero|dinheiro|grana|need|needed|necesito|preciso) (?:\w+ ){{0,3}}(?:for|para|pra"
    rf"|pro) (?:the |my |el |la"
    rf" |mi |o |a |meu |minha )?(?:{_MONEY_SOURCE}|bills|groceries|food|comida|la comida|el mercado|o mercado)",
    r"(?:plata|dinero|lo|dinheiro|grana) (?:del|de la|de|da|do|para el|para la|pra|para o|para a) (?:comida|mercado"
    r"|feira"
    r"|arriendo|alquiler|renta|aluguel|luz|agua|colegio|escola|matricula|faculdade|mes)",
    r"pay (?:the|my) rent", r"pagar (?:el |la |o )?(?:arriendo|alquiler|renta|aluguel)",
    r"lost (?:everything|it all|all my|my whole|my entire|my savings|my salary|my rent|my paycheck)",
    r"perdi (?:todo|tudo|el sueldo|la quincena|o salario|meu salario)", r"all (?:the money )?i (?:have|had) left",
    rf"{_BET_VERB} (?:\w+ ){{0,3}}(?:with |on |con |com |no |na )?(?:my |mi |la |a |o |meu |minha )?{_CARD}",
    rf"{_CARD} (?:\w+ ){{0,3}}(?:to |pra |para |pa )?{_BET_VERB}", r"maxed out", r"cartao estourado",
    # debt and loans
    r"(?:im|i am|were|we are|ive been|been|getting|got|am)(?: so| deep| deeply| drowning)? in debt",
    r"(?:my|our|pay off|pay back|paying off|credit card|gambling) debts?",
    r"debt collectors?", r"owe (?:money|everyone|everybody|people|the bank|a lot|so much|\$?\d+)",
    r"(?:i borrowed|borrowed money|borrowing money|borrowed from)",
    r"(?:student|payday|bank|personal) loans?",
    r"(?:pay|paying|repay|repaying) (?:back |off )?(?:a |my |the )?(?:loan|debt)s?",
    r"loan (?:money|shark)", r"(?:took|take|taking|got) (?:out )?a loan", r"my loans?",
    r"endeud\w*", r"(?:mis|tengo|tenemos|pagar|pagar las|pagar mis|por) deudas?",
    r"debo (?:plata|dinero|mucho|a todo|a todos|hasta|\$?\d+|un monton)",
    r"hasta el cuello",
    r"pedi prestado", r"me prestaron", r"(?:plata|dinero) prestad[oa]", r"(?:un|el|mi) prestamo(?! de| del jugador)",
    r"endivid\w*", r"(?:minhas|tenho|temos|pagar|pagar as|pagar minhas) dividas?",
    r"devendo", r"devo (?:dinheiro|muito|pra|para|a todo|\$?\d+|uma grana)",
    r"(?:um|o|meu|peguei|fiz|pedi) emprestimo", r"(?:dinheiro|grana) emprestad[oa]", r"pedi emprestado", r"agiota",
    r"(?:im|i am|so|estoy|estou|to|tou) (?:totally |completely |completamente )?(?:broke|quebrad[oa]|pelad[oa]"
    r"|sin un peso"
    r"|sem um tostao|sem grana|sin plata)",
    # a problem with gambling
    r"(?:i|i think i|maybe i|i guess i) (?:have|got|ve got|might have) a (?:real |serious |big )?(?:gambling "
    r"|betting )?problem"
    r"(?=\s*(?:$|[,.!?;]|with (?:gambling|betting|bets)|and|but|i\b))",
    r"(?:gambling|betting) (?:problem|addiction|is ruining|has ruined)", r"addict\w*",
    r"cant stop (?:gambling|betting|playing)",
    r"cant control (?:my|it|myself)", r"(?:i )?cant stop(?=\s*(?:$|[,.!;]|betting|gambling|playing))",
    r"(?:bet|betting|gamble|apuesto|aposto) (?:everything|all|todo|tudo) (?:i|lo que|o que) (?:earn|have|make|gano"
    r"|tengo"
    r"|ganho|tenho)",
    r"if (?:she|he|they|my (?:wife|husband|partner|girlfriend|boyfriend|family|parents)) (?:finds|find|found) out",
    r"hid(?:e|ing) (?:it|my (?:bets|betting|gambling|losses)) from", r"out of control", r"compulsive\w*",
    r"hooked on (?:betting|gambling)",
    r"(?:wife|husband|partner|girlfriend|boyfriend|family|parents|mom|mum|dad|mother|father) (?:doesnt|dont|does not"
    r"|do not) know",
    r"bet(?:ting)? more and more", r"(?:im|i am|i feel|feeling|so) (?:desperate|hopeless)",
    r"tengo un problema(?: con (?:el juego|las apuestas|apostar))?(?=\s*(?:$|[,.!?;]|con el juego|con las apuestas))",
    r"adict[oa]s?", r"adiccion", r"ludopat\w*", r"no puedo (?:parar|dejar) de (?:apostar|jugar)",
    r"(?:estoy|me siento|ando|estou|me sinto|to|tou) desesperad[oa]",
    r"tenho um problema(?: com (?:jogo|apostas|aposta))?(?=\s*(?:$|[,.!?;]|com jogo|com apostas))",
    r"viciad[oa]s?", r"vicio", r"nao consigo (?:parar|largar|controlar)",
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
    r"(?:i|ive|i have|im|i am) (?:totally |completely )?(?:lost|losing) control",
    r"(?:cant|can not|cannot) sleep (?:because of|over|thinking about) (?:my |the )?(?:bets|betting|losses|money)",
    r"no puedo dejar de pensar en (?:apostar|las apuestas|el juego|lo que perdi)",
    r"(?:mi vida|todo|mi familia|mi matrimonio) se (?:me )?(?:esta )?(?:cayendo a pedazos|derrumbando|desmoronando"
    r"|viene abajo|fue a la mierda)",
    r"perdi el control(?! (?:remoto|del (?:televisor|tele|carro|auto|coche|mando)))",
    r"(?:las apuestas|el juego) me (?:esta|estan) (?:arruinando"
    r"|destruyendo)", r"no (?:puedo dormir|duermo) (?:por|pensando en) (?:las apuestas|lo que perdi|la plata)",
    r"nao (?:consigo|paro de) pensar em (?:apostar|apostas|aposta|jogo|no que perdi)",
    r"(?:minha vida|tudo|minha familia|meu casamento) (?:esta |ta )?(?:desmoronando|desabando|caindo aos pedacos"
    r"|indo pro buraco)",
    r"perdi o controle(?! (?:remoto|da (?:tv|televisao)|do (?:video ?game|ps\d|xbox|portao|ar|carro|som)))",
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
)
STOP = _rx(
    r"stop (?:gambling|betting)", r"quit (?:gambling|betting)", r"(?:im|i am) done (?:with )?(?:gambling|betting)",
    r"(?:delete|deactivate|remove) my account",
    r"(?:dejar|parar|salir)(?: de| con)? (?:el juego|las apuestas|apostar)",
    r"(?:borrar|eliminar|desactivar) (?:mi )?cuenta",
    r"no quiero (?:volver a )?apostar (?:nunca )?mas(?! de| que)", r"(?:nunca|jamas) mas (?:quiero |voy a )?apostar",
    r"(?:parar|largar|sair)(?: de| com)? (?:o jogo|as apostas|apostar|de apostar)",
    r"(?:excluir|apagar|desativar) (?:a |minha )?conta", r"self[- ]?exclu\w*", r"exclude me",
    r"(?:block|close|lock|freeze|suspend|pause|disable|ban) (?:me|my account|my betting)", r"ban me from",
    r"(?:need|want|take|taking|have) a (?:break|pause|rest|time out|timeout) from (?:betting|gambling|bets)",
    r"(?:dont|do not) want to (?:bet|gamble)(?: \w+)? (?:anymore|any more|ever again)",
    r"(?:descanso|pausa|tiempo) de (?:las apuestas|apostar|el juego)", r"no quiero (?:seguir|continuar) apostando",
    r"(?:descanso|pausa|tempo) (?:das|de) (?:apostas|apostar)", r"nao quero (?:mais )?(?:continuar|seguir) apostando",
    r"(?:dont|do not|never) let me (?:bet|gamble)",
    r"cool(?:ing)?[- ]off period",
    r"dejar de apostar", r"autoexclu\w*", r"excluirme", r"no quiero apostar mas(?! de| que)", r"parar de apostar",
    r"(?:bloquear|bloquea|bloqueen|bloqueame|cerrar|cierra|cierren|suspender|congelar)(?:me)? (?:mi |la )?cuenta",
    r"no me dejes apostar", r"quiero dejar (?:el juego|las apuestas)",
    r"me excluir", r"nao quero mais apostar", r"parar com as apostas", r"largar (?:as apostas|o jogo)",
    r"(?:bloquear|bloqueia|bloqueie|bloqueiem|fechar|fecha|feche|encerrar|encerra|encerre|suspender|suspende"
    r"|congelar|congela) (?:a |minha |a minha )?conta",
    r"nao me deixe apostar", r"sair das apostas",
    # "stop myself from gambling", "I want out", "no more betting for me" (never "stop showing me tennis")
    r"stop (?:myself |me |my )?(?:from )?(?:gambling|betting)", r"i want out(?=\s*(?:$|[,.!?;:]|of (?:this|gambling"
    r"|betting)))", r"(?:help me|how do i|how can i|i want to|i need to) (?:quit|stop)(?=\s*(?:$|[,.!?;:]|for good))",
    r"give up (?:gambling|betting)", r"(?:stay|keep me) away from (?:gambling|betting|bets)",
    r"no more (?:betting|gambling|bets) (?:for me|ever)", r"(?:chega|basta) de (?:apostas|apostar|aposta|jogo)",
    r"(?:basta|se acabo|se acabaron|se terminaron) (?:de apostar|las apuestas)",
    r"ya no quiero apostar",
    r"no quiero apostar nunca",
    r"alejarme de (?:las apuestas|el juego)",
    r"salirme de (?:esto|las apuestas|este vicio)",
    r"dejar el vicio", r"me afastar (?:das apostas|do jogo)",
    r"(?:quero|preciso|tenho que|queria|ajud\w* a|como (?:eu )?(?:faco pra|posso|consigo)) sair dessa",
    r"largar (?:o vicio|essa vida)", r"(?:quiero|quero) (?:dejar|largar|parar)(?=\s*(?:$|[,.!?;:]|ya|ja|de vez|para"
    r" siempre|pra sempre))",
)
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
    r"(?:a|any|the|some|your|me|one|another|real|total|absolute) sure (?:thing|win|bet|shot|winner|profit)s?",
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
)
# A self-exclusion asked for with the policy's own length ("self-exclude me from betting for 6 months", "quiero
# autoexcluirme seis meses", "me autoexcluir por 6 meses"): performed at once, like the exact phrase. Without a
# length, or with another one ("por 30 dias"), it is a stop request: the 6 months are offered, then done on a yes.
# (a request, never a question about it: "how does self-exclusion for 6 months work?" is answered, not performed)
_EXCLUSION = _rx(
    r"(?:self[- ]?)?exclude me", r"(?:want to|wanna|need to|like to|will|ill|going to|gonna|let me|please) "
    r"self[- ]?exclude", r"(?:want|need|request|activate|start|set up|turn on) (?:a |the |my )?self[- ]?exclusion",
    r"autoexcluirme", r"autoexcluyanme", r"(?:quiero|quisiera|necesito|deseo|pido) (?:la |una |mi )?autoexclusion",
    r"me (?:auto[- ]?)?excluir", r"(?:auto)?excluir-me",
    r"(?:quero|preciso|queria|peco) (?:a |uma |minha )?autoexclusao",
)
_POLICY_LENGTH = _rx(r"(?:for |por |durante |during )?(?:6|six|seis) (?:months|meses)", r"half a year", r"medio ano",
                     r"meio ano")


def asks_policy_exclusion(reading: Reading) -> bool:
    """A first-person request to self-exclude for the policy's 6 months (any of its wordings, not negated)."""
    return any(found(_EXCLUSION, text) and found(_POLICY_LENGTH, text) for text in reading.versions.values())


# Debt said without whose it is ("drowning in debt", "lleno de deudas", "cheio de dívidas", "muitas dívidas"): the
# user's, unless a club or someone else is its subject ("Barcelona is drowning in debt", "o Cruzeiro tá cheio de
# dívidas" ask about a club; `_owned_by_another`).
DEBT_UNOWNED = _rx(
    r"(?:so |deep |deeply )?in debt", r"drowning in debts?", r"(?:a )?(?:mountains?|lots|a lot|tons|full) of debts?",
    r"(?:with|of|huge|big) debts?", r"(?:lleno de|llena de|llenos de|de|con|muchas|tantas) deudas?",
    r"(?:cheio de|cheia de|cheios de|de|com|muitas?|tantas?) dividas?",
)
_THIRD_PARTY = re.compile(
    r"\b(?:club|clubs|team|side|they|theyre|their|he|hes|she|shes|his|her|its|el club|el equipo|ellos|ellas|su"
    r"|sus|o clube|o time|eles|elas|ele|ela|dele|dela|deles|delas|seu|sua)\b")


def _owned_by_another(text: str, start: int) -> bool:
    """A club, a team's name, or a third person before the cue in its clause: the debt is theirs, not the user's."""
    clause = re.split(r"[,.;!?]", text[:start])[-1]
    if re.search(r"\b(?:i|im|my|me|we|our|yo|mi|mis|tengo|estoy|eu|meu|minha|minhas|to|tou|estou|tenho)\b", clause):
        return False
    if _THIRD_PARTY.search(clause):
        return True
    try:
        return any(m.kind == "team" for m in find_mentions(tokenize(clause), taken=SpanSet(), original=clause))
    except Exception:  # the catalogue is down: read the debt as the user's (the protective side)
        return False


def _debt_of_the_user(text: str) -> bool:
    return any(not negated(text, m.start()) and not _owned_by_another(text, m.start())
               for m in DEBT_UNOWNED.finditer(text))


_SIGNALS = {"crisis": CRISIS, "distress": DISTRESS, "stop": STOP, "guaranteed": GUARANTEED}


def signals(reading: Reading, kind: str) -> bool:
    return found(_SIGNALS[kind], reading.text) or (kind == "distress" and _debt_of_the_user(reading.text))
