"""Language detection for short chat messages: en | es | pt_br.

Function words, word-order tells and morphology are far more reliable than character n-grams on
five-word messages (bench/chat_nlu_accuracy.py measures both on a held-out set). Loanwords every
bettor uses in all three languages ("odds", "over", "handicap", "vs") are no evidence, and neither are
team names (the caller blanks them). The hint (the page's or the conversation's language) is a real
prior: another language must beat it by a clear margin, so a message with weak or mixed evidence
keeps the conversation's language.
"""

from __future__ import annotations

import re

from sports.domain import LANGUAGES

from .prefilter import prefiltered

# Betting words all three languages use as they are: never evidence for one of them.
NEUTRAL = frozenset(
    """odds over under handicap vs v x live stake parlay combo btts cashout cash out ok okay app
    premier league champions liga top gol""".split()
)
_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        """the a an and or of to for on in at is are was be will would what whats when where who which how
        why do does did i you me my your it its this that these there please show tell give want can could
        should next tonight today tomorrow weekend bet match game games play plays playing win hi hello
        hey thanks thank much many if with than better about any have has get some help much price
        compare against who's what's let's good morning evening afternoon night my balance money""".split()
    ),
    "es": frozenset(
        """el la los las un una unos unas y o de del al en con por para que qué es son esta este estos días
        hay cuando cuándo donde quien quién cual cuál como cómo cuanto cuánto cuánta mi mis tu me te se lo
        le les su sus ver dame quiero puedes puedo hoy mañana manana semana fin finde partido partidos juega
        juegan apuesta apuesto apostar cuota cuotas gana ganar empate hola buenas buenos dias días gracias
        saldo cuenta plata dinero mejor contra entre ayuda sabado sábado domingo viernes tengo si sí pero
        muy más mas menos algo alguna algún ahora también tambien recomienda recomiendas meses""".split()
    ),
    "pt_br": frozenset(
        """o a os as um uma uns umas e ou de do da dos das no na nos nas em com por para que é são este esta
        isso essa esse hoje amanhã amanha jogo jogos joga jogam quando onde quem qual como quanto quanta meu
        minha você voce vocês me te se ele ela eu tem tenho quero pode posso aposta apostar odd ganhar
        empate olá ola oi obrigado obrigada saldo conta dinheiro melhor contra entre ajuda sábado domingo
        sexta fim semana mas muito mais menos algum alguma agora também tambem não nao sim bom dia tarde
        noite time times dica meses pra pro""".split()
    ),
}
# Words that identify a language on their own (not shared with the other two).
_STRONG: dict[str, frozenset[str]] = {
    "en": frozenset(
        """the for of and on at what when which how who would should please tomorrow tonight weekend you your does don't
        cancel like between difference cover with about thanks yes bye see later there their they them from have
        this that these those it's i'm can't won't any some just only also get got my bets""".split()
    ),
    "es": frozenset(
        """el los las hay cuando cuándo qué quién cuál cuánto mañana partido partidos juega apuesta apuesto cuota
        cuotas hola buenas gracias plata dinero finde viernes tengo pero muy ahora también y del al está puedes
        hasta luego chao entiendo información informacion ligas torneos disponibles activos instrucciones parce
        quiubo usarte llega ganar cuánta necesito quiero dame háblame hablame tienen cara tienes mis apuestas
        sí dale listo venga hágale hagale usted ustedes donde dónde quien cual cuanto cuantos cuántos juegan una unas
        unos carajo coño joder mierda hostias chingados quihubo quibo parcero chévere chevere bacano güey""".split()
    ),
    "pt_br": frozenset(
        """você voce vocês vc hoje amanhã amanha jogo jogos joga olá oi obrigado obrigada dinheiro tenho não nao sim
        muito agora também isso essa esse do da dos das na meu minha dica quero valeu tchau fale fala pra pro
        preciso ajuda beleza tudo vocês têm estão minhas meus apostas gols próxima proxima vem quando qual quais
        quanto quantos onde quem jogam um uma uns umas certo certa lucro passa manda ganhar ganha pode bora fechado
        aposte porra caralho merda cacete eae eai iae coé blz parceiro firmeza""".split()
    ),
}
# Word order and morphology: a preposition fused with an article before a (blanked) name, a clitic
# before an infinitive (Brazilian) or after one (Spanish), English auxiliaries.
_PATTERNS: dict[str, tuple[re.Pattern[str], ...]] = {
    "en": (
        re.compile(r"\b(?:when|what|how|where|who|which|why)\s+(?:do|does|did|is|are|was)\b"),
        re.compile(r"\b(?:do|does|did|can|could|will|would|should)\s+(?:you|i|we|they|he|she|it)\b"),
        re.compile(r"\bth|\bw|ing\b|'s\b|'m\b|'re\b|n't\b|'ll\b"),
    ),
    "es": (
        re.compile(r"\b(?:del|al)\s{2,}"),  # "cuotas del Barça", "apuesta al Madrid": a name follows
        re.compile(r"\b\w{3,}(?:ar|er|ir)(?:me|te|se|nos|lo|la|le)\b"),  # "autoexcluirme", "apostarle"
        re.compile(r"ñ|ci[oó]n(?:es)?\b|\bll|ué|ue[ln]"),
    ),
    "pt_br": (
        re.compile(r"\b(?:do|da|dos|das|no|na|nos|nas|pro|pra)\s{2,}"),  # "odds do Palmeiras", "no Flamengo"
        re.compile(r"^\s*(?:me|te|se|nos)\s+\w+(?:ar|er|ir)\b"),  # "me autoexcluir", "me ajudar": proclisis
        re.compile(r"ã|õ|ç|ê|nh|lh|ções|ção|\bo que\b|\bem\b"),
    ),
}
_TELLS = {
    # Spanish punctuation, and an imperative with its pronoun glued on ("apuéstala", "pónmelo", "métele", "hazlo"):
    # no English or Portuguese message has them.
    "es": re.compile(r"[¿¡]|\b(?:apu[eé]st|p[oó]n|m[eé]t|haz|h[aá]g|conf[ií]rm|col[oó]c|ju[eé]g|m[aá]nd|d[aá])[ae]?"
                     r"(?:me|se)?(?:la|lo|le)s?\b"),
    # Portuguese glues it with a hyphen ("coloque-a", "faça-a", "manda-lo"), and asks "o que ...?" (Spanish "qué", or
    # "o qué" accented: "o que significa dupla chance" is Portuguese even in a Spanish conversation)
    "pt_br": re.compile(r"\b[^\W\d_]{3,}-(?:a|o|as|os|la|lo|las|los|me|lhe|lhes|na|no)\b|^\W*o que\b"),
}
# Searched in every message: only when it has a word a match can start on (prefilter.py), where one is known.
_PATTERNS = {lang: tuple(map(prefiltered, patterns)) for lang, patterns in _PATTERNS.items()}
_TELLS = {lang: prefiltered(pattern) for lang, pattern in _TELLS.items()}
_WORD = re.compile(r"[^\W\d_]+(?:'[a-z]+)?")


def _evidence_table() -> dict[str, tuple[tuple[str, float], ...]]:
    """Per word, what it adds to each language (`_WORDS` 1.0, `_STRONG` 1.5; `NEUTRAL` nothing): one lookup a word
    instead of six set tests. Sums of quarters are exact in any order, so the scores are the same to the bit."""
    table: dict[str, list[tuple[str, float]]] = {}
    for lang in LANGUAGES:
        for word in sorted((_WORDS[lang] | _STRONG[lang]) - NEUTRAL):
            weight = (1.0 if word in _WORDS[lang] else 0.0) + (1.5 if word in _STRONG[lang] else 0.0)
            table.setdefault(word, []).append((lang, weight))
    return {word: tuple(weights) for word, weights in table.items()}


_EVIDENCE = _evidence_table()
HINT_MARGIN = 2.0  # how much another language must beat the hinted one by


FUNCTION_WORDS = frozenset().union(*_WORDS.values())
_NAME_LINKS = frozenset("de del da do dos das di la las los el le".split())  # "Estudiantes de La Plata"


def blank_proper_names(text: str) -> str:
    """`text` with the proper names the caller could not blank (clubs we don't have, a word several clubs share)
    blanked too: words written with a capital inside a sentence that are no function word of the three languages, and
    the linking words between two of them ("Estudiantes de La Plata", "odds do Borussia"). A name is no evidence of
    the message's language; its article or preposition before it still is ("do", "del")."""
    if text[1:].islower() or not text[1:].strip():  # no capital after the first letter: nothing to blank
        return text
    tokens = list(_WORD.finditer(text))
    names: list[bool] = []
    previous = False  # whether the last word that is no linking word was a name
    for i, match in enumerate(tokens):
        word, lowered = match.group(), match.group().lower()
        link = lowered in _NAME_LINKS
        inside = i > 0 and not text[: match.start()].rstrip().endswith((".", "?", "!", "¿", "¡", ":"))
        # a capitalised function word right after a name is part of it ("de La Plata")
        name = inside and word[:1].isupper() and (lowered not in FUNCTION_WORDS or (previous and not link))
        names.append(name)
        if not link:
            previous = name
    blank = list(names)
    named = [i for i, is_name in enumerate(names) if is_name]
    for left, right in zip(named, named[1:], strict=False):
        if right - left > 1 and all(tokens[j].group().lower() in _NAME_LINKS for j in range(left + 1, right)):
            blank[left + 1 : right] = [True] * (right - left - 1)
    chars = list(text)
    for match, is_blank in zip(tokens, blank, strict=True):
        if is_blank:
            chars[match.start() : match.end()] = " " * (match.end() - match.start())
    return "".join(chars)


def detect_language(text: str, *, hint: str | None = None) -> str:
    """The most likely language of `text`. `hint` (en|es|pt_br: the page's or the conversation's language)
    is kept unless another language beats it by HINT_MARGIN; with no hint and no evidence, English."""
    scores = language_scores(text)
    hint = hint if hint in LANGUAGES else None
    best = max(LANGUAGES, key=lambda lang: (scores[lang], lang == hint))
    if hint and scores[best] - scores[hint] < HINT_MARGIN:
        return hint
    if scores[best] <= 0.0:
        return hint or "en"
    return best


def clear_language(text: str) -> str | None:
    """The language `text` is unmistakably in ("mis apuestas", "minhas apostas", "¿tienes tenis?"), or None
    for a message too short or too mixed to say ("no", "ok", "vale", "thanks"): only then may the conversation's
    language carry a short message."""
    scores = language_scores(text)
    best, second = sorted(LANGUAGES, key=lambda lang: scores[lang], reverse=True)[:2]
    return best if scores[best] - scores[second] >= 2.5 else None


def unopposed_language(text: str) -> str | None:
    """The one language `text` has evidence of, when no other has any ("tem basquete?", "¿tienen NBA?"): a message
    that short still says its language, which outweighs a profile's; None when two have evidence or none has."""
    scores = language_scores(blank_proper_names(text))
    spoken = [language for language in LANGUAGES if scores[language] > 0]
    return spoken[0] if len(spoken) == 1 else None


def language_scores(text: str) -> dict[str, float]:
    """Evidence per language (0 = none). Names should be blanked out by the caller (spaces keep positions)."""
    lowered = text.lower()
    scores = dict.fromkeys(LANGUAGES, 0.0)
    evidence = _EVIDENCE.get
    for word in _WORD.findall(lowered):
        for lang, weight in evidence(word, ()):
            scores[lang] += weight
    for lang, patterns in _PATTERNS.items():
        for weight, pattern in zip((1.5, 1.5, 0.75), patterns, strict=True):
            scores[lang] += weight * min(3, len(pattern.findall(lowered)))
    for lang, pattern in _TELLS.items():
        if pattern.search(lowered):
            scores[lang] += 1.5
    return scores
