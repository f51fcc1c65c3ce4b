"""Numbers, dates and market names as the answers print them, in the user's language."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sports.domain import NO_DRAW_SPORTS
from sports.services.catalogue import sport_key

from .answer import MARKET_NAMES, MONTH_NAMES, WEEKDAY_NAMES, t
from .tool_support import MAX_STAKE


def stake_problem(amount, language: str) -> str | None:
    """A localized refusal for a stated stake the tools would reject (0, negative, too big, > 2 decimals),
    so the user never sees raw validator text and an old stake is never silently reused instead."""
    if amount is None:
        return None
    value = Decimal(str(amount))
    if value <= 0:
        return t("stake_not_positive", language, stake=str(value))
    if value > MAX_STAKE:
        return t("stake_too_big", language, max=fmt_money(MAX_STAKE), stake=fmt_money(value))
    if value.as_tuple().exponent < -2:
        return t("stake_decimals", language, stake=str(value), cents=fmt_money(value),
                 whole=str(value).replace(".", ""))
    return None



_OR = {"en": " or ", "es": " o ", "pt_br": " ou "}


def either(values: list[str], language: str) -> str:
    """"A or B or C" in the user's language: the choices a question back offers."""
    return _OR.get(language, _OR["en"]).join(values)


_AND = {"en": " and ", "es": " y ", "pt_br": " e "}


def each_of(values: list[str], language: str) -> str:
    """"A and B and C" in the user's language: the legs a question back asks about, one by one."""
    return _AND.get(language, _AND["en"]).join(values)


def alt_stake(amount) -> str:
    """Another round stake to suggest trying (never the one just used)."""
    return "20" if amount is not None and Decimal(str(amount)) == 50 else "50"


def fmt_money(value) -> str:
    return f"{Decimal(str(value)):.2f}"


def fmt_odds(value) -> str:
    return f"{float(value):.2f}"


def fmt_when(iso_time: str, *, tz: str, language: str) -> str:
    dt = datetime.fromisoformat(iso_time.replace("Z", "+00:00")).astimezone(ZoneInfo(tz))
    weekday = WEEKDAY_NAMES.read(language)[dt.weekday()]
    month = MONTH_NAMES.read(language)[dt.month - 1]
    zone = "UTC" if tz == "UTC" else dt.tzname() or tz
    return f"{weekday} {dt.day} {month} {dt:%H:%M} {zone}"


def bet_summary(bet: dict, *, language: str, tz: str) -> str:
    """The server's own wording of a bet awaiting confirmation, from the pending bet's data (what
    `place_bet` will place), so a user never confirms a model's paraphrase of it. An accumulator lists every
    leg, then the combined odds, stake, currency and potential return."""
    profit = fmt_money(Decimal(str(bet["possible_win"])) - Decimal(str(bet["stake"])))
    legs = bet.get("legs") or []
    if len(legs) > 1:
        lines = [t("combo_leg", language, label=leg["label"], match=match_of(leg), odds=fmt_odds(leg["odds"]),
                   tournament=leg["fixture"]["tournament"],
                   when=fmt_when(leg["fixture"]["start_time"], tz=tz, language=language)) for leg in legs]
        return t("confirm_combo", language, n=len(legs), legs="\n".join(lines), odds=fmt_odds(bet["odds"]),
                 stake=fmt_money(bet["stake"]), cur=bet["currency"], win=fmt_money(bet["possible_win"]),
                 profit=profit)
    fixture = bet["fixture"]
    return t("confirm_bet", language, label=bet["label"], match=f"{fixture['home']} vs {fixture['away']}",
             tournament=fixture["tournament"], when=fmt_when(fixture["start_time"], tz=tz, language=language),
             odds=fmt_odds(bet["odds"]), stake=fmt_money(bet["stake"]), cur=bet["currency"],
             win=fmt_money(bet["possible_win"]), profit=profit)


def match_of(bet: dict) -> str:
    """"Home vs Away" of a bet or leg; the legs' matches joined for an accumulator."""
    legs = bet.get("legs") or []
    if len(legs) > 1:
        return " + ".join(match_of(leg) for leg in legs)
    fixture = bet.get("fixture") if isinstance(bet.get("fixture"), dict) else {}
    return f"{fixture['home']} vs {fixture['away']}" if fixture.get("home") else "-"


def fmt_range(date_from: str | None, date_to: str | None, *, tz: str, language: str) -> str:
    if not date_from:
        return ""
    start = datetime.fromisoformat(date_from.replace("Z", "+00:00")).astimezone(ZoneInfo(tz))
    end = datetime.fromisoformat(date_to.replace("Z", "+00:00")).astimezone(ZoneInfo(tz)) if date_to else None
    months = MONTH_NAMES.read(language)
    word = {"en": " on ", "es": " el ", "pt_br": " em "}.get(language, " on ")
    if end is None or (end - start) <= timedelta(days=1, seconds=1):
        return f"{word}{start.day} {months[start.month - 1]}"
    last = end - timedelta(seconds=1)
    between = {"en": (" from ", " to "), "es": (" del ", " al "), "pt_br": (" de ", " a ")}.get(language)
    return f"{between[0]}{start.day} {months[start.month - 1]}{between[1]}{last.day} {months[last.month - 1]}"


WINNER_NAMES = {"en": "Winner", "es": "Ganador", "pt_br": "Vencedor"}


def market_name(key: str, language: str, *, selections=None) -> str:
    """The market's name; a match-result market with no draw (basketball, tennis) is "Winner", not 1X2."""
    if key == "1x2" and selections is not None and "draw" not in selections:
        return WINNER_NAMES.get(language, WINNER_NAMES["en"])
    name = MARKET_NAMES.get(key, key)
    return name if isinstance(name, str) else (name.get(language) or name["en"])


def has_draw(sport_id: str | None) -> bool:
    """Whether this sport's match result has a draw (football does; basketball and tennis do not:
    `sports.domain.NO_DRAW_SPORTS`). Unknown: True, so a question offering the draw never lacks a possible answer."""
    return sport_key(sport_id) not in NO_DRAW_SPORTS
