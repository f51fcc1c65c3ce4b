"""Date phrases → a [date_from, date_to) range in UTC, resolved in the user's time zone.

Hand-written rules for what people type in a betting chat ("tonight", "this weekend", "el sábado",
"next Friday", "on the 28th", "28/11", "28 de noviembre", "amanhã"). dateparser was measured at
~5 ms per search (0.3 s on first use) and resolves a bare weekday to the past; a chat asks about
upcoming fixtures, so a weekday or day-of-month without "last" means the next one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .prefilter import prefiltered
from .text import SpanSet


@dataclass(frozen=True)
class DateRange:
    date_from: datetime  # aware, UTC
    date_to: datetime
    text: str  # the phrase as the user wrote it
    start: int
    end: int


WEEKDAYS: dict[str, int] = {}
for _i, _names in enumerate(
    (
        "monday mon lunes lun segunda seg",
        "tuesday tue tues martes terca ter",
        "wednesday wed miercoles mie quarta qua",
        "thursday thu thur thurs jueves jue quinta qui",
        "friday fri viernes vie sexta sex",
        "saturday sat sabado sab",
        "sunday sun domingo dom",
    )
):
    for _n in _names.split():
        WEEKDAYS[_n] = _i

MONTHS: dict[str, int] = {}
for _i, _names in enumerate(
    (
        "january jan enero ene janeiro",
        "february feb febrero fevereiro fev",
        "march marzo marco",
        "april apr abril abr",
        "may mayo maio",
        "june jun junio junho",
        "july jul julio julho",
        "august aug agosto",
        "september sep sept septiembre setiembre setembro",
        "october oct octubre outubro",
        "november nov noviembre novembro",
        "december dec diciembre dic dezembro dez",
    ),
    start=1,
):
    for _n in _names.split():
        MONTHS[_n] = _i

_FULL_WEEKDAY = (
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunes|martes|miercoles|jueves|viernes|sabado|domingo"
)
_ABBR_WEEKDAY = r"mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun"
_PT_WEEKDAY = r"(?:segunda|terca|quarta|quinta|sexta)(?:[- ]feira)"
# Chat's short weekdays in Spanish and Portuguese ("el sáb", "na seg", "no dom"): most are also words ("ter" is to
# have, "sex", "dom"; "mar", the sea, is left out), so one counts after a word that sets a day ("el", "na", "até"),
# or, "sáb" alone, wherever no number is beside it.
_ES_PT_ABBR_WEEKDAY = r"lun|mie|jue|vie|sab|dom|seg|qua|qui|sex"
# A bare Portuguese weekday ("o jogo do galo segunda", "odds do inter sexta?") is also an ordinal ("a segunda
# divisão", "primeira ou segunda"): it is the day where no article, ordinal or noun it would qualify comes with it.
_PT_ORDINAL_OF = (
    r"(?! ?(?:feira|divisao|division|vuelta|mitad|jornada|fecha|ronda|parte|opcao|vez|colocad[ao]|etapa|rodada"
    r"|fase|serie|liga|mao|linha|chance|aposta|partida"
    r"|jogada|tentativa|temporada|unidade|casa|camada|pessoa|coluna|fileira|classe|guerra|geracao|ordem|lei|via"
    r"|geral|[a-z]+mente|e (?:terceira|quarta|quinta)|ou (?:terceira|quarta|quinta))\b)"
)
_PT_BARE_WEEKDAY = (
    r"(?<!\ba )(?<!\bda )(?<!\buma )(?<!\bpela )(?<!\bsua )(?<!\bminha )(?<!\btua )(?<!\bou )(?<!\be )"
    rf"(?<!\bem )(?<!\bla )(?<!\bel )(?<!\bsu )(?<!\bmi )(?<!\d )(segunda|terca|quarta|quinta|sexta)\b{_PT_ORDINAL_OF}"
)
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_NEXT = r"next|the next|coming|this coming|el proximo|el pr[oó]ximo|proximo|proxima|la proxima|a proxima|o proximo"
_THIS = r"this|este|esta|el|la|on|o|a|no|na|nesta|neste|essa|esse|para el|para la|pro|pra|for"
_ORD = r"(?:st|nd|rd|th|o|a|º|ª)?"
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "un": 1, "uno": 1,
                "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "um": 1, "dois": 2, "duas": 2,
                "quatro": 4, "sete": 7}
_NUMBER_WORDS = "|".join(NUMBER_WORDS)
# "the 3rd one", "the 2nd option": an ordinal of a list, no day of the month
_NOT_DAY = (r"(?! half| leg| place| goal| period| quarter| set| round| time| tempo| one\b| ones\b| option| pick| tip"
            r"| choice)")

_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("day_after_tomorrow", re.compile(r"\b(?:the )?day after tomorrow\b|\bpasado manana\b|\bdepois de amanha\b")),
    ("tonight", re.compile(
        r"\btonight\b|\btonite\b|\bthis evening\b|\besta noche\b|\bhoy (?:en|por) la noche\b|\besta noite\b"
        r"|\b(?:hoje|hj|hje) (?:a|de) noite\b|\b2nite\b|\b2night\b|\btnite\b")),
    ("afternoon", re.compile(r"\bthis afternoon\b|\besta tarde\b|\bhoy (?:en|por) la tarde\b|\bhoje a tarde\b")),
    ("tomorrow", re.compile(r"\btomorrow\b|\btmrw?\b|\btmw\b|\btmro\b|\b2mor+ow\b|\b2mor+o\b|\b2mr+w\b"
                            r"|\btomorow\b|\bamanha\b|\bamnh\b|\bamnha\b"
                            r"|(?<!la )(?<!esta )\bmanana\b")),
    ("this_morning", re.compile(r"\bthis morning\b|\besta manana\b|\bhoy (?:en|por) la manana\b|\bhoje de manha\b"
                                r"|\bhoje a manha\b|\besta manha\b")),
    # chat shorthand: "hj"/"hje" (hoje), "2day"/"tdy" (today), "2moro"/"tmrw"/"amnh" (tomorrow), "2nite" (tonight)
    # "hoy en día", "hoje em dia" are "nowadays": no day
    ("today", re.compile(r"\btoday\b|\bhoy\b(?! en dia\b)|\bhoje\b(?! em dia\b)|\btoday's\b|\bhj\b(?! em dia\b)"
                         r"|\bhje\b|\b2day\b|\btdy\b")),
    ("yesterday", re.compile(r"\byesterday\b|\bayer\b|\bontem\b")),
    ("next_weekend", re.compile(
        rf"\b(?:{_NEXT}) (?:weekend|wknd|wkend|fin de semana|finde|fim de semana|fds)\b"
        r"|\b(?:el )?(?:fin de semana|finde) que viene\b|\bfim de semana que vem\b")),
    ("weekend", re.compile(
        r"\b(?:(?:this|the|este|el|ese|neste|no|o|esse|este|para el|over the|on the|del|do) )?"
        r"(?:weekend|week-end|wknd|wkend|wk end|fin de semana|finde|fds|fim de semana|fim de sem)\b")),
    ("next_week", re.compile(
        rf"\b(?:{_NEXT}) (?:week|semana)\b|\b(?:la )?semana que viene\b|\bsemana que vem\b")),
    ("this_week", re.compile(r"\b(?:this|esta|essa|nesta) (?:week|semana)\b")),
    # a span from today ("in the next 7 days", "over the coming two weeks", "within 5 days", "en los próximos 10 días",
    # "nas próximas 2 semanas"): every day of it, not the one day N days on
    ("next_days", re.compile(
        rf"\b(?:(?:in|over|during|for) )?(?:the )?(?:next|coming|following) (\d{{1,2}}|{_NUMBER_WORDS}) (days|weeks)\b"
        rf"|\bwithin (?:the next )?(\d{{1,2}}|{_NUMBER_WORDS}) (days|weeks)\b"
        rf"|\b(?:(?:en|durante|para) )?(?:los |las )?(?:proximos|proximas|siguientes) (\d{{1,2}}|{_NUMBER_WORDS})"
        rf" (dias|semanas)\b"
        rf"|\b(?:(?:nos|nas|durante os|durante as|para os|para as|pros|pras) )?(?:proximos|proximas|seguintes)"
        rf" (\d{{1,2}}|{_NUMBER_WORDS}) (dias|semanas)\b")),
    ("in_days", re.compile(rf"\b(?:in|en|em|within|dentro de) (\d{{1,2}}|{_NUMBER_WORDS}) (?:days|dias)\b")),
    ("next_weekday", re.compile(
        rf"\b(?:{_NEXT}) ({_FULL_WEEKDAY}|{_ABBR_WEEKDAY}|{_PT_WEEKDAY}|sabado|domingo|{_ES_PT_ABBR_WEEKDAY})\b"
        rf"|\b(?:el |este )?({_FULL_WEEKDAY}) que viene\b")),
    ("weekday", re.compile(
        rf"\b(?:(?:{_THIS}) )?({_FULL_WEEKDAY}|{_PT_WEEKDAY})\b"
        rf"|\b(?:on|this|next) ({_ABBR_WEEKDAY})\b"
        rf"|\b(?:na|nesta|essa|esta|proxima) (segunda|terca|quarta|quinta|sexta)\b{_PT_ORDINAL_OF}"
        r"|\b(?:(?:el|este|hasta) (lun|mie|jue|vie|sab|dom)|(?:na|nesta|essa) (seg|ter|qua|qui|sex)"
        r"|(?:no|neste|esse) (sab|dom)|ate (seg|sex|sab|dom))\b(?![./:-]?\d)"
        r"|(?<!\d )\b(sab)\b(?![./:-]?\d)"
        rf"|\b{_PT_BARE_WEEKDAY}"
        # "e quarta?" as the whole reply: the weekday ("and the fourth?" takes its article: "e a quarta?")
        r"|^\W*e (segunda|terca|quarta|quinta|sexta)\W*$")),
    ("iso_date", re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")),
    ("numeric_date", re.compile(r"(?<![\d.,])(\d{2}/\d{1,2}|\d{1,2}/\d{2})(?:/(\d{2}|\d{4}))?(?![\d/])"
                                r"|(?<![\d.,+-])(\d{2})-(\d{2})(?:-(\d{4}))?(?![\d-])")),
    ("month_day", re.compile(
        rf"\b(?:the )?(\d{{1,2}}){_ORD}(?: of| de|)? ({_MONTH})\b\.?"
        rf"|\b({_MONTH})\.? (?:the )?(\d{{1,2}}){_ORD}\b")),
    ("day_of_month", re.compile(
        rf"\b(?:on the|the|el dia|el|dia|no dia|on) (\d{{1,2}})(?:st|nd|rd|th)\b{_NOT_DAY}"
        rf"|\b(?:el dia|el|no dia|dia) (\d{{1,2}})\b(?![.,:/%]\d|%)"
        rf"(?! ?(?:de |a |al |mil|k\b|euros?|dolares|pesos|reais|goles|gols|usd|cop|eur|\$|lucas|por))"
        rf"|\b(\d{{1,2}})(?:st|nd|rd|th)\b{_NOT_DAY}")),
]
# Each rule is searched in every message: only when it has a word a match can start on (prefilter.py).
_RULES = [(kind, prefiltered(pattern)) for kind, pattern in _RULES]


def _zone(timezone: str) -> ZoneInfo:
    try:
        return ZoneInfo(timezone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _at(day: date, zone: ZoneInfo, hour: int = 0) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=zone).astimezone(UTC)


def _next_weekday(today: date, weekday: int, *, strictly_after: bool) -> date:
    delta = (weekday - today.weekday()) % 7
    if delta == 0 and strictly_after:
        delta = 7
    return today + timedelta(days=delta)


def _upcoming(today: date, month: int, day: int, year: int | None) -> date | None:
    try:
        if year is not None:
            return date(year if year > 99 else 2000 + year, month, day)
        candidate = date(today.year, month, day)
    except ValueError:
        return None
    if candidate < today:
        try:
            candidate = date(today.year + 1, month, day)
        except ValueError:
            return None
    return candidate


def _weekday_of(text: str) -> int | None:
    word = re.split(r"[- ]", text.strip())[0]
    return WEEKDAYS.get(word)


def _resolve(kind: str, m: re.Match[str], today: date, zone: ZoneInfo) -> tuple[datetime, datetime] | None:
    one = timedelta(days=1)
    day: date | None = None
    if kind == "today":
        day = today
    elif kind == "tomorrow":
        day = today + one
    elif kind == "day_after_tomorrow":
        day = today + 2 * one
    elif kind == "yesterday":
        day = today - one
    elif kind == "tonight":
        return _at(today, zone, 17), _at(today + one, zone)
    elif kind == "afternoon":
        return _at(today, zone, 12), _at(today + one, zone)
    elif kind in ("weekend", "next_weekend"):
        if today.weekday() >= 5:  # already the weekend: from today
            start = today
            end = today + timedelta(days=7 - today.weekday())
        else:
            start = today + timedelta(days=5 - today.weekday())
            end = start + 2 * one
        if kind == "next_weekend":
            start, end = end + 5 * one, end + 7 * one
        return _at(start, zone), _at(end, zone)
    elif kind == "this_week":
        return _at(today, zone), _at(today + timedelta(days=7 - today.weekday()), zone)
    elif kind == "next_week":
        monday = today + timedelta(days=7 - today.weekday())
        return _at(monday, zone), _at(monday + 7 * one, zone)
    elif kind == "next_days":
        n, unit = [g for g in m.groups() if g]
        count = int(n) if n.isdigit() else NUMBER_WORDS[n]
        days = count * (7 if unit in ("weeks", "semanas") else 1)
        return _at(today, zone), _at(today + timedelta(days=days + 1), zone)  # today and the N days after it
    elif kind == "in_days":
        n = m.group(1)
        day = today + timedelta(days=int(n) if n.isdigit() else NUMBER_WORDS[n])
    elif kind == "this_morning":
        return _at(today, zone), _at(today, zone, 12)
    elif kind in ("weekday", "next_weekday"):
        name = next(g for g in m.groups() if g)
        weekday = _weekday_of(name)
        if weekday is None:
            return None
        day = _next_weekday(today, weekday, strictly_after=kind == "next_weekday")
    elif kind == "iso_date":
        day = _upcoming(today, int(m.group(2)), int(m.group(3)), int(m.group(1)))
    elif kind == "numeric_date":
        g = m.groups()
        if g[0]:
            (first, second), year = g[0].split("/"), g[1]
        else:
            first, second, year = g[2], g[3], g[4]
        a, b = int(first), int(second)
        day_n, month_n = (b, a) if a <= 12 < b else (a, b)  # day/month unless only month/day makes sense
        if not (1 <= month_n <= 12 and 1 <= day_n <= 31):
            return None
        day = _upcoming(today, month_n, day_n, int(year) if year else None)
    elif kind == "month_day":
        g = m.groups()
        day_s, month_s = (g[0], g[1]) if g[0] else (g[3], g[2])
        day = _upcoming(today, MONTHS[month_s], int(day_s), None)
    elif kind == "day_of_month":
        n = int(next(g for g in m.groups() if g))
        if not 1 <= n <= 31:
            return None
        month, year = today.month, today.year
        if n < today.day:
            month, year = (1, year + 1) if month == 12 else (month + 1, year)
        try:
            day = date(year, month, n)
        except ValueError:
            return None
    if day is None:
        return None
    return _at(day, zone), _at(day + one, zone)


def find_dates(folded: str, original: str, *, now: datetime, timezone: str, taken: SpanSet) -> list[DateRange]:
    """Every date phrase in the message, resolved, in message order; claims their spans."""
    zone = _zone(timezone)
    today = now.astimezone(zone).date()
    found: list[DateRange] = []
    for kind, pattern in _RULES:
        for m in pattern.finditer(folded):
            if taken.overlaps(m.start(), m.end()):
                continue
            resolved = _resolve(kind, m, today, zone)
            if resolved is None:
                continue
            taken.add(m.start(), m.end())
            found.append(DateRange(resolved[0], resolved[1], original[m.start() : m.end()].strip(), m.start(),
                                   m.end()))
    found.sort(key=lambda d: d.start)
    return found
