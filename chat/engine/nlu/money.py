"""Stakes: "$50", "20 euros", "100k COP", "50 mil pesos", "R$ 30", "30 quid", "bet 10 on ...".

A number is a stake only with a currency beside it or a staking word before it ("bet 50", "con 20",
"tengo 100"): lines ("over 2.5"), handicaps ("-1") and dates ("el 28") are claimed first by their
own extractors, so what is left is not mistaken for money.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .prefilter import prefiltered
from .text import SpanSet


@dataclass(frozen=True)
class Amount:
    value: Decimal
    currency: str | None
    start: int
    end: int
    ambiguous: bool = False  # "10.555" in es/pt: read as 10555, but 10.555 is possible — ask before real money
    rank: int = 1  # 0: tied to a staking word ("bet 10", "10 on Arsenal"); 1: money alone; 2: a budget ("tengo 16,")
    # "20 mil pesos", "$50.000" in Spanish: pesos with no country, read as Colombian pesos (COP) though Mexican,
    # Argentine or Chilean ones are as likely: a simulation or a bet asks which before it names a currency
    pesos_unsaid: bool = False


_CURRENCY_WORDS: dict[str, str] = {}
for _code, _words in {
    "USD": "usd us$ dollars dollar dolares dolar dolars bucks dolares americanos dolares",
    "EUR": "eur euros euro €",
    "GBP": "gbp pounds pound quid libras libra £",
    "COP": "cop pesos peso pesos colombianos lucas luca barras",
    "BRL": "brl reais r$ conto contos pila pilas pau paus",  # "10 conto", "50 paus", "20 pila": Brazilian slang
    "MXN": "mxn",
    "ARS": "ars",
    "CLP": "clp",
    "PEN": "pen soles",
}.items():
    for _w in _words.split():
        _CURRENCY_WORDS[_w] = _code
_CURRENCY_WORDS["$"] = "USD"
# pesos named with their country, never read as the Colombian pesos a bare "pesos" is
for _code, (_es, _en) in {"COP": ("colombiano", "colombian"), "MXN": ("mexicano", "mexican"),
                          "ARS": ("argentino", "argentine"), "CLP": ("chileno", "chilean")}.items():
    for _w in (f"pesos {_es}s", f"peso {_es}", f"{_en} pesos", f"{_en} peso"):
        _CURRENCY_WORDS[_w] = _code
_CURRENCY_WORDS["dolares americanos"] = "USD"

# Multipliers written after the number; some also imply a currency (Colombian "lucas" = 1000 pesos).
_MULTIPLIERS = {"k": 1000, "mil": 1000, "thousand": 1000, "grand": 1000, "grands": 1000, "lucas": 1000, "luca": 1000,
                "m": 1_000_000,
                "million": 1_000_000, "millones": 1_000_000, "millon": 1_000_000, "palos": 1_000_000,
                "palo": 1_000_000, "milhao": 1_000_000, "milhoes": 1_000_000}
_IMPLIED = {"lucas": "COP", "luca": "COP", "palos": "COP", "palo": "COP"}

_NUM = r"\d{1,3}(?:[.,]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_MULT = r"k|mil|thousand|grand|grands|lucas|luca|million|millones|millon|palos|palo|milhao|milhoes|m(?=\b)"
_WORD_CUR = (
    r"pesos (?:colombianos|mexicanos|argentinos|chilenos)|peso (?:colombiano|mexicano|argentino|chileno)"
    r"|(?:colombian|mexican|argentine|chilean) pesos?|dolares americanos|dollars?|dolares|dolar|dolars|bucks|euros?"
    r"|pounds?|quid|libras?"
    r"|pesos?|reais|contos?|paus?|pilas?|soles|usd|eur|gbp|cop|brl|mxn|ars|clp|pen"
)
_SYMBOL = r"us\$|r\$|\$|€|£"
_CODE = r"usd|eur|gbp|cop|brl|mxn|ars|clp|pen"

_PATTERNS = [
    # $50, R$ 30, €20, US$ 10, $50k, $ 50 mil
    re.compile(rf"(?P<sym>{_SYMBOL})\s?(?P<num>{_NUM})(?:\s?(?P<mult>{_MULT})\b)?(?:\s?(?P<cur>{_WORD_CUR})\b)?"),
    # USD 20, COP 50.000
    re.compile(rf"\b(?P<cur>{_CODE})\s?(?P<num>{_NUM})(?:\s?(?P<mult>{_MULT})\b)?"),
    # 20 euros, 100k COP, 50 mil pesos, 20€, 50 lucas
    re.compile(
        rf"(?<![\w.,])(?P<num>{_NUM})\s?(?:(?P<mult>{_MULT})\b\s?(?:de\s)?)?"
        rf"(?:(?P<cur>{_WORD_CUR})\b|(?P<sym>€|£|\$))"
    ),
    re.compile(rf"(?<![\w.,])(?P<num>{_NUM})\s?(?P<mult>lucas|luca|palos|palo)\b"),
]
# A bare number after a staking word: "bet 50", "apuesto 10", "con 20", "tengo 100", "stake of 5".
_STAKE_CUE = re.compile(
    r"\b(?:bet|betting|bets|wager|wagering|stake|staking|put|putting|risk|invest|place|placing|spend|"
    r"apostar|apuesto|apuesta|aposta|apostaria|apostando|apostarle|apostale|apuestale|meto|meter|metele|metiendo|"
    r"pon|pongo|poner|ponle|invierto|invertir|juego|jugar|jugarle|aposto|aposte|apostaria|apostando|coloco|"
    r"colocar|coloca|bota|boto|botar|botando|ponho|jogar|jogaria|jogasse|jogue|joguei|"
    # colloquial stake verbs: "stick 15 on", "chuck 20 on", "échale 10 al", "taca 20 no"
    r"stick|sticking|stuck|throw|throwing|threw|chuck|chucking|chucked|lump|punt|"
    r"echo|echar|echarle|echale|tiro|tirar|tirarle|tirale|meterle|taco|tacar|taca|tacando|enfio|enfiar|"
    r"clavo|clavar|clavarle|clavale|clava|clavando|cravo|cravar|crava|mando|mandar|mandarle|mandale|"
    r"with|con|com|what about|how about|que tal|e se fossem|e se fosse|e se for|e se forem|y si fueran|y si fuesen"
    r"|y si fuera|y si son|what if it was|what if it were|and if it was|and if it were|make it|make that"
    r"|change it to|change that to"
    r"|combo|parlay|acca|accumulator|acumulada|combinada|multipla"
    # a simulation asked of a stake: "simulate 25 on", "sim 10 on", "simula 10 al", "simúlame 20 no"
    r"|sim|simulate|simulating|simula|simular|simulame|simulemos|simule|simulem"
    r"|cambialo a|cambiala a|que sean|muda pra|muda para|troca pra|troca para)"
    r"\s+(?:(?:a|an|of|de|like|about|around|unos|unas|uns|umas|apenas|only|just|solo|le|me)\s+)?"
    rf"(?P<neg>-\s?)?(?P<num>{_NUM})(?:\s?(?P<mult>{_MULT})\b)?(?![\w.,%/])(?!:\d)(?!\s?(?:goals?|goles|gols|points|puntos|pontos"
    r"|minutes?|minutos|mins?|days?|dias|horas|hours?|am|pm|h\b|x\b|teams?|equipos|times|matches|partidos|jogos"
    r"|games|legs?|selections?|picks?|odds|cuotas))"
    r"(?!\s?(?:a|x|-|to)\s?\d\b)"  # "e se for 2 a 1?", "what if it's 2-1": a score, never a stake
)
# A stake said as the size of the bet itself: "a 15 acca", "a 20 dollar parlay", "an 8 quid bet"; "una de 20 a la
# combinada", "uma de 10 no Flamengo" (one bet of 20 on ...). Never "a 2 leg acca" or "a 3 team parlay" (a count).
_BET_NOUN = (r"(?:accas?|accumulators?|parlays?|combos?|bets?|singles?|punts?|flutters?|wagers?|multiples?|trebles?"
             r"|doubles?|trixie|yankee)\b")
_ON_WORD = r"(?:a|al|en|na|no|nos|nas|pro|pra|para|por)\b"
# Two sizes said ("a 10 or 20 acca", "una de 10 o de 20 a la combinada"): both read, so the stake is asked about.
_ARTICLE_STAKE = re.compile(
    rf"\b(?:a|an|one)\s(?P<num>{_NUM})(?:\s?(?P<mult>{_MULT})\b)?(?:\s?(?P<cur>{_WORD_CUR}))?"
    rf"(?=\s(?:(?:or|to)\s(?:an?\s)?(?:{_NUM})(?:\s?(?:{_WORD_CUR}))?\s)?{_BET_NOUN})"
    rf"|(?<=\s)(?:or|to)\s(?:an?\s)?(?P<num3>{_NUM})(?=(?:\s?(?:{_WORD_CUR}))?\s{_BET_NOUN})"
    rf"|\b(?:una|un|uma|um)\s(?:apuesta\s|aposta\s|combinada\s|multipla\s)?de\s(?P<num2>{_NUM})"
    rf"(?=\s(?:(?:o|ou)\sde\s(?:{_NUM})\s)?{_ON_WORD})"
    rf"|\b(?:o|ou)\sde\s(?P<num4>{_NUM})(?=\s{_ON_WORD})"
)
# British slang for a stake ("put a tenner on", "a fiver on the draw"): its amount in pounds, read as digits.
_SLANG_STAKES = re.compile(r"\b(?:a|one)\s(?:(tenner|fiver)\b|(pony|monkey)(?=\s(?:on|at)\b))")
_SLANG_VALUES = {"tenner": "10 quid", "fiver": "5 quid", "pony": "25 quid", "monkey": "500 quid"}
# A budget: "I have 100", "tengo 50 para apostar" (but not "I have 2 questions").
_BUDGET_CUE = re.compile(
    r"\b(?:have|got|tengo|tenho|budget|presupuesto|orcamento)\s+(?:(?:only|just|solo|apenas|about|like|unos|uns)\s+)?"
    rf"(?P<num>{_NUM})(?:\s?(?P<mult>{_MULT})\b)?(?=\s*(?:$|[,.!?;:]|to\b|para\b|pra\b|and\b|y\b|e\b|que\b|what\b"
    r"|left\b|available\b|disponibles?\b))"
)
# A bare number right before "on <something>": "10 on Arsenal", "20 al Madrid", "5 no Flamengo", "10 em ambas marcam".
# Only when what follows is a team, a selection ("10 on Arsenal", "20 al empate") or a side of the match the
# conversation is about ("10 on the other team", "15 al otro", "20 no adversário"), not "3 en la liga".
_ON_CUE = re.compile(
    # "what would 20 get me on both teams to score": what a stake returns, asked between the stake and its target
    rf"(?<![\w.,+-])(?P<num>{_NUM})(?:\s?(?P<mult>{_MULT})\b)?\s(?:(?:get|gets|win|wins|return|returns|pay|pays"
    rf"|make|makes)\s(?:me\s|us\s|you\s)?)?(?:on|in|al|a|en|em|no|na|pro|pra)\s"
    r"(?:(?:the|el|la|los|o|a|os)\s)?(?P<target>(?=\w))"
)
_SELECTION_WORD = re.compile(
    r"(?:draw|tie|empate|over|under|mas de|menos de|mais de|home|away|local|visitante|ambos|ambas|btts|both"
    r"|1x|x2|double|doble|dupla|handicap|mandante|favou?rit\w*|underdog|zebra"
    # markets we do not offer, said all the same ("20 on corners": the stake, then "not offered" and which one)
    r"|corners?|c[oó]rners?|escanteios?|cards?|tarjetas?|cart[oõ]es|bookings?|first (?:goal)?scorer|goleador\w*"
    r"|(?:other|otro|outro)(?:\s(?:team|side|club|one|guys|equipo|lado|time|clube)\b|(?=\s*(?:$|[^\w\s])))"
    r"|them|ellos|eles|hosts|visitors|opponents?|rival\w*|adversari\w*|oponentes?"
    r"|(?:that|this|same|ese|este|esse|mismo|mesmo)\s(?:team|side|club|equipo|time|clube))\b"
)

# A team's match as what a stake is put on ("10 al partido del Betis", "5 no jogo do Bahia", "20 on the game of ...");
# the stake's only when a team's name starts where it ends.
_MATCH_OF = re.compile(r"(?:partido|juego|encuentro|jogo|partida|confronto|match|game|fixture)\s(?:del?|do|da|of)\s"
                       r"(?:(?:the|el|la|o|a)\s)?")

# What makes a money amount the stake rather than something the user has: a staking verb just before it.
_STAKE_VERB_BEFORE = re.compile(
    r"\b(?:bet|betting|wager|stake|put|putting|risk|place|placing|apuesta|apuesto|apostar|apostale|apuestale|aposta"
    r"|aposto|aposte|meto|metele|mete|pon|ponle|pongo|poner|juega|juego|jugar|coloca|coloco|colocar|bota|joga)\W+"
    r"(?:\w+\W+){0,2}$"
)
_BUDGET_BEFORE = re.compile(
    r"\b(?:have|got|tengo|tenho|budget|presupuesto|orcamento|balance|saldo)\W+(?:\w+\W+){0,2}$")


def stake_of(amounts: list[Amount]) -> Amount:
    """The stake among the amounts of a message: the one tied to a staking word, else money said alone, else a
    budget; the first of those."""
    return min(amounts, key=lambda a: (a.rank, a.start))


def stake_choices(amounts: list[Amount]) -> list[Decimal]:
    """The different values that could be the stake equally well ("bet 10 ... no, put 20"): more than one means
    the message does not say which, and a real bet asks. Empty when the stake is clear."""
    best = min(a.rank for a in amounts)
    values = list(dict.fromkeys(a.value for a in amounts if a.rank == best))
    return values if len(values) > 1 else []


# Currencies whose everyday stakes run to thousands: "10.555 pesos" is ten thousand and something.
_BIG_UNIT_CURRENCIES = frozenset({"COP", "CLP", "ARS"})


def _to_decimal(num: str, language: str = "en") -> Decimal | None:
    """'50.000' and '1,000' group thousands; '2,5' and '10.50' are decimals.

    A single dot before three digits ("10.555") is a thousands separator only in Spanish and
    Portuguese; in English (and when the language is unknown) it is a decimal point, so the stake
    is 10.555 and the tools refuse it (more than 2 decimals) instead of staking 10,555.
    """
    decimal_point = language not in ("es", "pt_br", "pt") and re.fullmatch(r"\d{1,3}\.\d{3}", num)
    if decimal_point:
        pass  # "10.555" in English: a decimal point
    elif re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?", num):  # 50.000 / 1.234,50
        integer, _, cents = num.partition(",")
        num = integer.replace(".", "") + (f".{cents}" if cents else "")
    elif re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?", num):  # 1,000 / 1,234.50
        num = num.replace(",", "")
    else:
        num = num.replace(",", ".")
    try:
        return Decimal(num)
    except InvalidOperation:
        return None


def _currency_for(word: str | None) -> str | None:
    return _CURRENCY_WORDS.get(word.strip().lower()) if word else None


_TEXT2NUM_LANGUAGE = {"en": "en", "es": "es", "pt_br": "pt"}


def words_to_digits(folded: str, language: str) -> str | None:
    """'fifty bucks' -> '50 bucks', 'veinte mil pesos' -> '20000 pesos' (text2num); None when nothing
    changed. Numbers below 3 stay words ("one of them", "the other one" are not stakes)."""
    from text_to_num import alpha2digit

    lang = _TEXT2NUM_LANGUAGE.get(language)
    if lang is None:
        return None
    try:
        converted = alpha2digit(folded, lang)
    except Exception:  # a parser edge case must never cost the rest of the message
        return None
    converted = _SMALL_MULTIPLE.sub(lambda m: f"{_SMALL[m.group(1)]} {m.group(2)}", converted)
    converted = _SLANG_STAKES.sub(lambda m: _SLANG_VALUES[m.group(1) or m.group(2)], converted)
    return converted if converted != folded else None


def with_digits(folded: str, language: str) -> str:
    """`folded` with its number words as digits ("fifty" -> "50"), or as it is when it has none."""
    return words_to_digits(folded, language) or folded


# "a grand", "two grand", "un mil", "dos lucas": text2num leaves numbers below 3 as words (see above), but
# before a multiplier they are money.
_SMALL = {"a": 1, "one": 1, "un": 1, "una": 1, "um": 1, "uma": 1, "two": 2, "dos": 2, "dois": 2, "duas": 2}
_SMALL_MULTIPLE = re.compile(r"\b(a|one|un|una|um|uma|two|dos|dois|duas)\s(grand|thousand|k|lucas|luca|palos|palo)\b")
# rewritten in every message: each only when the text has a word its matches start on
_SMALL_MULTIPLE, _SLANG_STAKES = map(prefiltered, (_SMALL_MULTIPLE, _SLANG_STAKES))


def find_amounts(
    folded: str, *, taken: SpanSet, language: str, team_starts: frozenset[int] = frozenset()
) -> list[Amount]:
    """Money amounts in message order; claims their spans. `team_starts`: where team mentions begin.
    Numbers written in words count too; their spans are those of the converted text, not claimed."""
    found = _find_amounts(folded, taken=taken, language=language, team_starts=team_starts)
    if found:
        return found
    converted = words_to_digits(folded, language)
    if converted is None:
        return found
    # The conversion moved every position after a number word: the claimed spans and the team starts are carried
    # over to the converted text, so "a hundred on the Knicks" and "trinta no Flamengo" are stakes on a team too.
    moved = _position_map(folded, converted)
    carried = SpanSet()
    for start, end in taken.spans():
        new_start, new_end = moved(start), moved(end - 1)
        if new_start is not None and new_end is not None:
            carried.add(new_start, new_end + 1)
    starts = frozenset(p for p in map(moved, team_starts) if p is not None)
    return _find_amounts(converted, taken=carried, language=language, team_starts=starts)


def _position_map(before: str, after: str):
    """index in `before` -> the same character's index in `after`, for the characters the conversion kept (None for
    those of a number word it replaced)."""
    from difflib import SequenceMatcher

    kept: dict[int, int] = {}
    for tag, i1, i2, j1, _ in SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag == "equal":
            kept.update(zip(range(i1, i2), range(j1, j1 + i2 - i1), strict=True))
    return kept.get


def _find_amounts(
    folded: str, *, taken: SpanSet, language: str, team_starts: frozenset[int] = frozenset()
) -> list[Amount]:
    found: list[Amount] = []
    for pattern in (*_PATTERNS, _ARTICLE_STAKE, _STAKE_CUE, _BUDGET_CUE, _ON_CUE):
        for m in pattern.finditer(folded):
            num = next((g for g in ("num2", "num3", "num4") if pattern is _ARTICLE_STAKE and m.group(g)), "num")
            start, end = m.span(num)
            if taken.overlaps(start, end):
                continue
            if pattern is _ON_CUE:
                target = m.start("target")
                match_of = _MATCH_OF.match(folded, target)  # "10 al partido del Barcelona": on that team's match
                if target not in team_starts and not _SELECTION_WORD.match(folded, target) \
                        and not (match_of and match_of.end() in team_starts):
                    continue
            value = _to_decimal(m.group(num), language)
            if value is None:
                continue
            if value <= 0 and pattern is not _STAKE_CUE and pattern is not _ON_CUE:
                continue  # "bet 0 on Chelsea" is a stated (invalid) stake; "0 goals" elsewhere is not
            if m.groupdict().get("neg"):
                value = -value
            groups = m.groupdict()
            mult = (groups.get("mult") or "").strip()
            if mult:
                value *= _MULTIPLIERS[mult]
            currency = _currency_for(groups.get("cur")) or _currency_for(groups.get("sym")) or _IMPLIED.get(mult)
            pesos_unsaid = (groups.get("cur") or "").strip().lower() in ("peso", "pesos")
            if groups.get("sym") == "$" and not groups.get("cur") and language == "es" and value >= 1000:
                currency, pesos_unsaid = "COP", True  # "$50.000" from a Spanish speaker is pesos, not dollars
            span_start, span_end = m.span()
            if pattern in (_STAKE_CUE, _BUDGET_CUE, _ON_CUE, _ARTICLE_STAKE):
                span_start, span_end = start, m.end("mult") if groups.get("mult") else end
            taken.add(span_start, span_end)
            if value == value.to_integral_value():
                value = value.quantize(Decimal(1))
            ambiguous = (language in ("es", "pt_br", "pt") and not mult
                         and bool(re.fullmatch(r"\d{1,3}\.\d{3}", m.group(num)))
                         and not m.group(num).endswith("00") and currency not in _BIG_UNIT_CURRENCIES)
            if pattern in (_STAKE_CUE, _ON_CUE, _ARTICLE_STAKE):
                rank = 0
            elif pattern is _BUDGET_CUE or _BUDGET_BEFORE.search(folded[max(0, span_start - 30) : span_start]):
                rank = 2
            else:
                rank = 0 if _STAKE_VERB_BEFORE.search(folded[max(0, span_start - 30) : span_start]) else 1
            found.append(Amount(value, currency, span_start, span_end, ambiguous, rank, pesos_unsaid))
    found.sort(key=lambda a: a.start)
    return found


# A currency named with no amount, in a reply to "which pesos?": a currency word or code, or the country of the pesos
# alone ("colombianos", "los mexicanos", "de Argentina"); a bare "pesos" names none
_NAMED_CURRENCY = re.compile(rf"(?<![\w$])(?:{_WORD_CUR}|{_CODE}|us\$|r\$|€|£)(?!\w)")
_PESOS_COUNTRY = {"colombi": "COP", "mexic": "MXN", "argentin": "ARS", "chile": "CLP", "chilen": "CLP"}
_COUNTRY_ALONE = re.compile(r"\b(colombi|mexic|argentin|chilen?)(?:an[oa]s?|an[oa]?|ans?|o|a|os|as|e|es|ian)?\b")


def currency_named(folded: str) -> str | None:
    """The ISO code of the one currency `folded` names without an amount ("pesos mexicanos", "en dólares", "COP",
    "colombianos"), or None (nothing, a bare "pesos", or two currencies)."""
    codes = {_CURRENCY_WORDS.get(m.group(0)) for m in _NAMED_CURRENCY.finditer(folded)
             if m.group(0) not in ("peso", "pesos")} - {None}
    codes |= {_PESOS_COUNTRY[m.group(1)] for m in _COUNTRY_ALONE.finditer(folded)}
    return codes.pop() if len(codes) == 1 else None


# Searched in every message: only when it has a word a match can start on (prefilter.py); a pattern with no such
# word (an amount's digits) is kept as it is.
_PATTERNS = [prefiltered(pattern) for pattern in _PATTERNS]
_STAKE_CUE, _BUDGET_CUE, _ON_CUE, _ARTICLE_STAKE = map(prefiltered, (_STAKE_CUE, _BUDGET_CUE, _ON_CUE, _ARTICLE_STAKE))
