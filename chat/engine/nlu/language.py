"""Language detection for short chat messages: en | es | pt_br.

Function words and a few orthographic tells (ñ, ¿, ã, ç) are far more reliable than character
n-grams on five-word messages. A hint (the profile's language) decides ties and messages that
carry no signal at all ("Barça vs Madrid").
"""

from __future__ import annotations

import re

from sports.domain import LANGUAGES

_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        """the a an and or of to for on in at is are was be will would what whats when where who which how
        why do does did i you me my your it its this that these there please show tell give want can could
        should next tonight today tomorrow weekend bet odds match game games play plays playing win hi hello
        hey thanks thank much many if with vs than better about any have has get some help much price
        compare against who's what's let's good morning evening afternoon night my balance money""".split()
    ),
    "es": frozenset(
        """el la los las un una unos unas y o de del al en con por para que qué es son esta este estos días
        hay cuando cuándo donde quien quién cual cuál como cómo cuanto cuánto cuánta mi mis tu me te se lo
        le les su sus ver dame quiero puedes puedo hoy mañana manana semana fin finde partido partidos juega
        juegan apuesta apuesto apostar cuota cuotas gana ganar empate hola buenas buenos dias días gracias
        saldo cuenta plata dinero mejor contra entre ayuda sabado sábado domingo viernes tengo si sí pero
        muy más mas menos algo alguna algún ahora también tambien recomienda recomiendas""".split()
    ),
    "pt_br": frozenset(
        """o a os as um uma uns umas e ou de do da dos das no na nos nas em com por para que é são este esta
        isso essa esse hoje amanhã amanha jogo jogos joga jogam quando onde quem qual como quanto quanta meu
        minha você voce vocês me te se ele ela eu tem tenho quero pode posso aposta apostar odd odds ganhar
        empate olá ola oi obrigado obrigada saldo conta dinheiro melhor contra entre ajuda sábado domingo
        sexta fim semana mas muito mais menos algum alguma agora também tambem não nao sim bom dia tarde
        noite time times dica""".split()
    ),
}
# Words that identify a language on their own (not shared with the other two).
_STRONG: dict[str, frozenset[str]] = {
    "en": frozenset(
        """the what when which how who would should please tomorrow tonight weekend odds you your do does don't
        cancel like between difference cover with about thanks yes bye see later there their they them from have
        this that these those it's i'm can't won't any some just only also get got my bets""".split()
    ),
    "es": frozenset(
        """el los las hay cuando cuándo qué quién cuál cuánto mañana partido partidos juega apuesta apuesto cuota
        cuotas hola buenas gracias plata dinero finde viernes tengo pero muy ahora también y del al está puedes
        hasta luego chao entiendo información informacion ligas torneos disponibles activos instrucciones parce
        quiubo usarte llega ganar cuánta necesito quiero dame háblame hablame tienen cara tienes mis apuestas
        sí dale listo venga hágale hagale""".split()
    ),
    "pt_br": frozenset(
        """você voce vocês hoje amanhã amanha jogo jogos joga olá oi obrigado obrigada dinheiro tenho não nao sim
        muito agora também isso essa esse do da dos das na meu minha dica quero valeu tchau fale fala pra
        preciso ajuda beleza tudo vocês têm estão minhas meus apostas pode bora fechado aposte""".split()
    ),
}
_ORTHOGRAPHY: dict[str, re.Pattern[str]] = {
    "en": re.compile(r"th|\bw|ing\b|'s\b|'m\b|'re\b|n't\b"),
    "es": re.compile(r"ñ|¿|¡|ci[oó]n(?:es)?\b|\bll|ué|ue[ln]"),  # ¿ ¡ also count as a strong word (_TELLS)
    "pt_br": re.compile(r"ã|õ|ç|ê|nh|lh|ções|ção|\bo que\b|\bem\b"),
}
_TELLS = {
    # Spanish punctuation, and an imperative with its pronoun glued on ("apuéstala", "pónmelo", "métele", "hazlo"):
    # no English or Portuguese message has them.
    "es": re.compile(r"[¿¡]|\b(?:apu[eé]st|p[oó]n|m[eé]t|haz|h[aá]g|conf[ií]rm|col[oó]c|ju[eé]g|m[aá]nd|d[aá])[ae]?"
                     r"(?:me|se)?(?:la|lo|le)s?\b"),
    # Portuguese glues it with a hyphen ("coloque-a", "faça-a", "manda-lo").
    "pt_br": re.compile(r"\b[^\W\d_]{3,}-(?:a|o|as|os|la|lo|las|los|me|lhe|lhes|na|no)\b"),
}
_WORD = re.compile(r"[^\W\d_]+(?:'[a-z]+)?")


def detect_language(text: str, *, hint: str | None = None) -> str:
    """The most likely language of `text`; `hint` (en|es|pt_br) wins when the evidence is weak."""
    scores = _scores(text)
    hint = hint if hint in LANGUAGES else None
    if hint:
        scores[hint] += 0.75  # the profile's language breaks ties and carries signal-free messages
    best = max(LANGUAGES, key=lambda lang: scores[lang])
    if scores[best] <= (0.75 if hint else 0.0):
        return hint or "en"
    return best


def clear_language(text: str) -> str | None:
    """The language `text` is unmistakably in ("mis apuestas", "minhas apostas", "¿tienes tenis?"), or None
    for a message too short or too mixed to say ("no", "ok", "vale", "thanks"): only then may the conversation's
    language carry a short message."""
    scores = _scores(text)
    best, second = sorted(LANGUAGES, key=lambda lang: scores[lang], reverse=True)[:2]
    return best if scores[best] - scores[second] >= 2.5 else None


def _scores(text: str) -> dict[str, float]:
    lowered = text.lower()
    words = _WORD.findall(lowered)
    scores = dict.fromkeys(LANGUAGES, 0.0)
    for word in words:
        for lang in LANGUAGES:
            if word in _WORDS[lang]:
                scores[lang] += 1.0
            if word in _STRONG[lang]:
                scores[lang] += 1.5
    for lang, pattern in _ORTHOGRAPHY.items():
        scores[lang] += 0.75 * min(3, len(pattern.findall(lowered)))
    for lang, pattern in _TELLS.items():
        if pattern.search(lowered):
            scores[lang] += 1.5
    return scores
