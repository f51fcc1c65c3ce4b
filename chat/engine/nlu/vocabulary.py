"""The words of chat, apart from names: what never names a team on its own, the everyday words some club names are,
and the vocabulary that tells a word of chat from a place or a name we don't cover (`place_word`)."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from rapidfuzz import fuzz, process

from .language import _WORDS, FUNCTION_WORDS
from .places import PLACE_WORDS
from .text import fold, name_key

logger = logging.getLogger(__name__)

# Words that never name a team or tournament on their own: function words of the three languages
# and the vocabulary of betting chat. Single-word aliases are never derived from them, and fuzzy
# matching skips n-grams made only of them.
# How odds are written ("decimal and american odds", "odd americana"): never a club's name said loosely ("América").
_ODDS_FORMAT_WORDS = "american americana americano americanas americanos decimal decimales decimais fractional"
# Swearing around a question ("o que caralhos é", "q carajo es", "wtf is"): emphasis, never a typo of a name ("Carlos").
_SWEAR_WORDS = """wtf fuck fucking fucks shit bloody damn heck hell porra porras caralho caralhos merda merdas cacete
    carajo carajos cono joder mierda mierdas hostias chingados chingada verga"""
# Personal and possessive pronouns ("their game", "su partido", "o jogo deles"): the team in focus (frame.py), never a
# name of their own ("I don't cover a team called Their").
_PRONOUNS = """they them their theirs themselves he him his she her hers it its our ours we us you your yours
    ellos ellas su sus suyo suya suyos suyas nuestro nuestra nosotros ustedes
    eles elas seu sua seus suas dele dela deles delas nosso nossa nossos nossas voces"""
# Days typed in shorthand ("hj", "tmrw", "amnh", "2nite"): dates (dates.py), never a place after a club's name.
_DAY_SHORTHAND = "hj hje hoje hoy tdy 2day tmrw tmr tmw tmro 2moro 2morrow 2mrw amnh amnha tonite tnite 2nite 2night"
# Verbs of a match going on, in their common forms ("tem jogo rolando agora", "que está pasando", "what's on"): words
# of chat, never a typo of a club ("rolando" is not Orlando).
_HAPPENING_VERBS = """rolar rola rolam rolando rolou rolaram rolava rolavam rolaria rodar rueda ruedan rodando
    acontecer acontece acontecem acontecendo aconteceu rolling happening happens happened going ongoing
    pasar pasa pasan pasando paso ocurrir ocurre ocurriendo suceder sucede sucediendo passar passa passam passando
    passou jogando jugando corriendo correndo"""
# Question words in every form ("¿cuáles son las cuotas?", "quais os jogos", "cuántos goles"): never a fan nickname
# said loosely ("culés" is Barcelona's, "cuales" is "which").
_QUESTION_WORDS = """cual cuales cuanto cuanta cuantos cuantas quais qual quanto quanta quantos quantas quienes
    porque por que what which whose whats"""
# Words that steer a reply ("ok, just show me the odds then", "deixa, me mostra", "bueno, dime"): never a club we don't
# cover ("I don't cover a team called Then").
_DISCOURSE_WORDS = """then just okay ok anyway anyways instead rather actually well entonces pues bueno vale dime
    muestrame ensename entao deixa mostra mostre me mostra beleza blz tipo"""
COMMON_WORDS: frozenset[str] = frozenset(
    {name_key(w) for lang in _WORDS.values() for w in lang}
    | set(
        """fc cf ac as sc cd ud sd rc afc club real city united atletico athletic deportivo sporting inter
        de del la el los las san santa saint st new york los angeles team teams equipo equipos time times
        over under goals goles gols draw tie empate win wins won lose loses result results odds odd
        cuota cuotas bet bets apuesta apuestas aposta apostas league liga cup copa tournament torneo
        champions premier serie national nacional international internacional olympique sport sports
        once union state golden heat magic thunder bull bulls suns deportes red forest palace nice angers
        football futbol futebol soccer basketball baloncesto basquete tennis tenis match partido game jogo
        home away local visitante first second half primer segundo tiempo value safe risky money
        weather today tomorrow night morning evening tonight week weekend saturday sunday friday monday
        tuesday wednesday thursday sabado domingo viernes lunes martes miercoles jueves sexta quinta
        quarta terca segunda feira next proximo proxima esta este this that which who whom best better
        more less most least play plays playing juega juegan joga jogam jogando compare comparar versus vs
        lucky star stars united royal wanderers rovers athletico victoria victorias victory victories
        antes anterior despues depois""".split()  # "el partido de antes": before, never a typo of Nantes
    )
    | set(_ODDS_FORMAT_WORDS.split())
    | set(_HAPPENING_VERBS.split())
    | set(_SWEAR_WORDS.split())
    | set(_PRONOUNS.split())
    | set(_DAY_SHORTHAND.split())
    | set(_QUESTION_WORDS.split())
    | set(_DISCOURSE_WORDS.split())
)


# A stake put on a club, said before it ("meter dez no bahia", "le clavo 20 al levante", "chuck 15 on celtic", "botar
# uma grana no vitória"): the words of an amount or a staking verb before "no"/"al"/"on" (names.py reads the club
# there, where an everyday word such as "levante" or "vitória" cannot stand).
STAKE_WORDS: frozenset[str] = frozenset(
    """one two three five ten twenty thirty forty fifty hundred tenner fiver quid bucks dollars euros pounds grand k
    uno dos tres cinco diez veinte treinta cuarenta cincuenta cien mil lucas luca pesos palos
    um dois duas tres cinco dez vinte trinta quarenta cinquenta cem reais conto contos pila pilas pau paus grana
    bet stake put throw chuck stick punt lump
    apostar apuesto apuesta apostando pongo poner pon ponle meto meter metele mete clavo clavar clavarle clavale clava
    echo echar echale tiro tirar mando mandar mandale
    aposto aposta apostaria botar boto bota ponho colocar coloco coloca tacar taco taca enfiar enfio
    cravar cravo crava mandar mando manda""".split()
)
STAKE_ON: frozenset[str] = frozenset("no on al en pro pra".split())


# Ordinary words that start club names: "real madris" may be a typo of "Real Madrid" as a whole.
NAME_PREFIXES: frozenset[str] = frozenset("real atletico athletic deportivo sporting inter san santa saint new".split())


# Names that are also everyday words ("Como" is "how", "Nice", "Heat", "Vitória" is "victory"):
# they name a team only when written with a capital letter, and not as the first word of a sentence
# unless a "vs" follows ("Nice vs PSG").
CAPITALISED_ONLY: frozenset[str] = frozenset(
    """como angers vitoria juventude fortaleza levante porto nice lens brest heat magic thunder suns bulls
    hawks real atletico villa forest palace gala flu galo peixe porco colorado sporting union once santos
    bahia ceara equidad lazio celtic wolves rockets pacers cherries toffees hammers magpies raposa fogao
    dim om ol bucks""".split()
)


def place_word(word: str) -> bool:
    """A word that continues a club's name into another club's ("Santos Laguna", "Nacional de Montevideo"): no word
    of chat (the three languages' vocabulary, the training corpus, their near spellings), no name or country we know,
    so a place or a name we don't cover. "santos hoje", "nacional de colombia", "inter de milão" stay the club."""
    if len(word) < 4 or not word.isalpha() or word in COMMON_WORDS or word in PLACE_WORDS:
        return False
    vocabulary = chat_vocabulary()
    if not vocabulary or word in vocabulary:
        return False
    return process.extractOne(word, vocabulary, scorer=fuzz.ratio, score_cutoff=85) is None


_vocabulary: list[str] | None = None
_corpus: str | None = None
_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
_CORPUS_FILES = ("intents.jsonl", "nlu_corpus.jsonl", "nlu_templates.json")  # the training corpus (learned.py)
# What follows a club in chat and the corpus may lack: how a side does and what it is (en/es/pt, their forms).
_RESULT_WORDS = frozenset(
    """wins win beats beat loses lose draws scores score winner loser favourite favorite underdog
    gana ganar ganara gano pierde perder pierda empata empatar ganador ganadora perdedor favorito favorita marca
    vence vencer vencera venceu ganha ganhar ganhou perde perder perdeu empata empatar vencedor perdedor favorito
    joga jogar jogou juega jugar jugo plays play played""".split()
)


def corpus_text() -> str | None:
    """The training corpus (learned.py's sentence files) as one text, read once; None when it cannot be read."""
    global _corpus
    if _corpus is None:
        try:
            _corpus = "\n".join((_DATA_DIR / name).read_text(encoding="utf-8") for name in _CORPUS_FILES)
        except OSError:
            return None
    return _corpus


def chat_vocabulary() -> list[str]:
    """Every word of the training corpus and of the language word lists, folded: what chat is made of."""
    global _vocabulary
    if _vocabulary is None:
        text = corpus_text()
        if text is None:  # no corpus: no word can be told from chat, the rule stays off
            logger.warning("nlu corpus unreadable: place words not told")
            words: set[str] = set()
        else:
            words = {name_key(w) for lang in _WORDS.values() for w in lang} | _RESULT_WORDS
            words.update(name_key(text).split())
        _vocabulary = sorted(w for w in words if w.isalpha())
    return _vocabulary


# Chat spellings no corpus sentence has in lower case that are no names ("odds tonite").
_CHAT_SLANG = frozenset("tonite gonna wanna gotta pls plz thx tmrw tomoz manana rn lol lmao bruh porfa pfvr vlw blz tbm"
                        .split())
_heard: tuple[frozenset[str], frozenset[str]] | None = None  # (words chat writes in lower case, their 5-letter starts)


def unheard_word(word: str) -> bool:
    """A word no sentence of the training corpus writes in lower case and no language word list has: in chat, a name
    (the corpus writes "Boca" only as a name) or a misspelling; slang we know is neither."""
    global _heard
    if _heard is None:
        text = corpus_text()
        if text is None:  # no corpus: nothing is unheard, the rule stays off
            return False
        words = set(FUNCTION_WORDS) | {fold(w) for w in re.findall(r"(?<![\w{])[a-záéíóúâêôãõçñü]+", text)}
        _heard = (frozenset(words), frozenset(w[:5] for w in words if len(w) >= 6))
    heard, prefixes = _heard
    # an inflection of a word chat says ("empatan" of "empatar") is heard: the same first five letters
    return len(word) >= 4 and word.isalpha() and word not in heard and word not in _CHAT_SLANG \
        and (len(word) < 6 or word[:5] not in prefixes)
