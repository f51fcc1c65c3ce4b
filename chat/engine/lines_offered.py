"""A line the match does not offer, and a stake put "on that" after a market was shown: asked, never guessed.

Why: a total or handicap line the match does not offer ("over 3.5 goals" when its board has 2.5, "Arsenal -1.5" when
its handicap is -0.5) was silently swapped for the one on offer: the odds showed 2.5 as if asked, a simulation ran on
2.5 at the user's stake. Now the odds say that line is not offered (the offered line's prices shown, labelled as
such); a simulation or a real bet asks whether to go on with the line on offer, and the chip or a yes continues the
request with its stake (kept here for one turn, `line_asked`). The same question asks which side when a stake is put
"on that" after a market with two sides was shown ("10 on that" after the over/under): never the match winner in its
place, never one side on a guess. The tools refuse the same for a model's call (`simulate_bet` and `place_bet` take
the `line` said; `betting.services.legs.check_line`).
"""

from __future__ import annotations

import re
from decimal import Decimal

from django.utils.translation import pgettext_lazy

from betting.labels import render_selection, totals_wording
from chatbet_project.i18n import PerLanguage
from sports.domain import MARKET_SELECTIONS

from . import stake_or_line
from .formatting import either, fmt_money, market_name
from .nlu.text import fold
from .sport_markets import CHIPS
from .turn import Turn

ASKED = "line_asked"
LINED = ("over_under", "handicap")  # the markets whose selections carry a line
_MARKETS_OF_TWO_SIDES = ("over_under", "btts", "handicap")

TEXTS: dict[str, PerLanguage] = {
    "odds": PerLanguage(pgettext_lazy("line not offered", "The {name} line {asked} is not offered for {match}; the "
                                                          "line on offer is {offered}:")),
    "one_sim": PerLanguage(pgettext_lazy("line not offered", "The {name} line {asked} is not offered for {match}; "
                                                             "only {offered} is. Simulate {pick} instead?")),
    "sides_sim": PerLanguage(pgettext_lazy("line not offered", "The {name} line {asked} is not offered for {match}; "
                                                               "only {offered} is. Which side do you want to "
                                                               "simulate: {options}?")),
    "one_bet": PerLanguage(pgettext_lazy("line not offered", "The {name} line {asked} is not offered for {match}; "
                                                             "only {offered} is, so nothing is prepared. Bet on "
                                                             "{pick} instead?")),
    "sides_bet": PerLanguage(pgettext_lazy("line not offered", "The {name} line {asked} is not offered for {match}; "
                                                               "only {offered} is, so nothing is prepared. Which "
                                                               "side do you want to bet on: {options}?")),
    "again_bet": PerLanguage(pgettext_lazy("line not offered", "Only {offered} is offered for {match}, so nothing is "
                                                               "prepared. Which side do you want to bet on: "
                                                               "{options}?")),
    "again_sim": PerLanguage(pgettext_lazy("line not offered", "Only {offered} is offered for {match}. Which side do "
                                                               "you want to simulate: {options}?")),
    "ask_odds": PerLanguage(pgettext_lazy("line not offered", "The {name} line {asked} is not offered for {match}; "
                                                              "only {offered} is. Do you want its odds?")),
    "side_sim": PerLanguage(pgettext_lazy("line not offered", "Which side of the {market} in {match} do you want to "
                                                              "simulate {stake} on: {options}?")),
}
# A stake put on what the last answer showed: "10 on that", "what if I bet 10 on it", "y si le pongo 10 a eso",
# "e se eu botar 10 nisso" (folded); never "that match" or "that team" (the frame's own references).
_ON_THAT = re.compile(r"\b(?:on|in|at)\s+(?:that|it|this)\b(?!\s+(?:match|game|fixture|team|club|side|one)\b)"
                      r"|\b(?:a|en|por)\s+(?:eso|esa|esto|ello)\b(?!\s+(?:partido|equipo|juego))"
                      r"|\b(?:nisso|nisto|nessa|nesse|em\s+isso|nele|nela)\b(?!\s+(?:jogo|time|partida))")
# A reply taking the pick offered: "yes", "ok go on", "sí, dale", "sim, pode" (folded, at the start).
_YES = re.compile(r"^\W*(?:yes|yeah|yep|yup|ok|okay|sure|go ahead|go on|do it|please|fine|si|dale|vale|claro"
                  r"|va|venga|sim|pode|beleza|bora|isso|certo|perfeito|perfecto|de acuerdo)\b")
# A reply asking something of its own, even after a yes: "ok but what are the odds...", "y el under", "e o menos".
_ASKS = re.compile(r"\b(?:what|how|which|odds?|price|prices|pays?|paying|cuotas?|cuanto|quanto|paga|pagan|pagam"
                   r"|cotiza\w*|cotac\w*|que|qual|cual|y el|y la|y los|e o|e a|and the|and what|what about"
                   r"|how about)\b")
_PRICE = re.compile(r"\b(?:odds?|price|prices|pays?|paying|cuotas?|cuanto|quanto|paga|pagan|pagam|cotiza\w*"
                    r"|cotac\w*)\b")
_SIDE_WORDS = {"over": re.compile(r"\b(?:over|mas|mais|encima|acima)\b"),
               "under": re.compile(r"\b(?:under|menos|debajo|abaixo)\b"),
               "yes": re.compile(r"\b(?:yes|si|sim)\b"), "no": re.compile(r"\b(?:no|nao)\b")}


def not_offered(odds: dict, *, market: str, selection: str | None, line) -> dict[str, str] | None:
    """{selection: its line on offer} when `line` is said of a lined market and no selection asked has it (all of
    the market's when the side is not said); None when it is offered, or no line is said."""
    if line in (None, "") or market not in LINED:
        return None
    prices = ((odds.get("markets") or {}).get(market) or {}).get("selections", {})
    lined = {key: str(price["line"]) for key, price in prices.items() if price.get("line") not in (None, "")}
    if selection in lined:
        lined = {selection: lined[selection]}
    if not lined or any(float(value) == float(line) for value in lined.values()):
        return None
    return lined


def odds_note(turn: Turn, odds: dict, market: str | None) -> str | None:
    """The sentence before the offered line's prices when the odds asked name a line the match does not offer."""
    slots = turn.slots
    if market not in LINED:
        return None
    lined = not_offered(odds, market=market, selection=slots.selection, line=slots.line)
    if lined is None:
        return None
    name, number = _wording(odds["fixture"], market, slots.selection, turn.language)
    return _text("odds", turn.language, name=name, asked=number(slots.line), match=_match(odds["fixture"]),
                 offered=" / ".join(dict.fromkeys(number(value) for value in lined.values())))


def ask(turn: Turn, odds: dict, *, market: str, selection: str | None, line) -> tuple[str, list[str]] | None:
    """A simulation or a real bet on a line the match does not offer: which of the lines on offer to go on with
    (one chip per side offered), the request kept for the reply; None when the line said is offered."""
    lined = not_offered(odds, market=market, selection=selection, line=line)
    if lined is None:
        return None
    language, fixture = turn.language, odds["fixture"]
    options = _options(fixture, market, lined, language)
    name, number = _wording(fixture, market, selection, language)
    real = turn.intent == "place_bet"
    key = ("one" if len(options) == 1 else "sides") + ("_bet" if real else "_sim")
    text = _text(key, language, name=name, asked=number(line), match=_match(fixture),
                 offered=" / ".join(dict.fromkeys(number(value) for value in lined.values())),
                 pick=options[0]["label"], options=either([option["label"] for option in options], language))
    _keep(turn, fixture, market, options)
    turn.looked_up_only("get_odds")  # nothing priced: a question
    return text, [option["label"] for option in options]


def ask_odds(turn: Turn, odds: dict, *, market: str) -> tuple[str, list[str]] | None:
    """Odds asked of a line the match does not offer ("odds for over 9.5 goals"): said so, and asked whether to show
    the line on offer (a yes or the chip shows it); never another line's prices in its place. None when offered."""
    slots = turn.slots
    lined = not_offered(odds, market=market, selection=slots.selection, line=slots.line)
    if lined is None:
        return None
    language, fixture = turn.language, odds["fixture"]
    name, number = _wording(fixture, market, slots.selection, language)
    offered = " / ".join(dict.fromkeys(number(value) for value in lined.values()))
    text = _text("ask_odds", language, name=name, asked=number(slots.line), match=_match(fixture), offered=offered)
    chip = str(CHIPS[market].read(language)).format(match=_match(fixture))
    slots.selection = None
    _keep(turn, fixture, market, [{"selection": None, "line": None, "label": chip}])
    turn.looked_up_only("get_odds")  # nothing priced: a question
    return text, [chip, str(CHIPS["1x2"].read(language)).format(match=_match(fixture))]  # that market, or every one


def ask_side(turn: Turn, odds: dict, market: str) -> tuple[str, list[str]]:
    """A stake put "on that" after a market with two sides was shown: which side, each a chip, the stake kept."""
    language, fixture = turn.language, odds["fixture"]
    prices = ((odds.get("markets") or {}).get(market) or {}).get("selections", {})
    options = _options(fixture, market, {key: str(price.get("line") or "") for key, price in prices.items()},
                       language)
    stake = fmt_money(turn.slots.amount) + (f" {turn.slots.currency}" if turn.slots.currency else "")
    text = _text("side_sim", language, market=market_name(market, language).lower(), match=_match(fixture), stake=stake,
                 options=either([option["label"] for option in options], language))
    _keep(turn, fixture, market, options)
    return text, [option["label"] for option in options]


def stake_on_shown(turn: Turn, last_intent: str | None) -> bool:
    """"if I put 10 on that" right after the odds of one market: a stake on that market of the match shown (the
    pick shown, when the last answer showed one: "the draw"); its side asked when not said (`turn.pick_shown`)."""
    slots, context = turn.slots, turn.context
    market = context.get("market")
    if last_intent != "odds_information" or not market or not context.get("fixture_id") \
            or len(context.get("fixture_teams") or []) != 2 or turn.named or slots.market or slots.selection \
            or turn.intent not in ("bet_simulation", "place_bet") or not _ON_THAT.search(fold(turn.ctx.message)):
        return False
    selection = context.get("selection")
    if selection not in MARKET_SELECTIONS.get(market, ()):
        selection = None
    if selection is None and market not in _MARKETS_OF_TWO_SIDES:
        return False  # the match result shown: "10 on it" is the club in focus, as before
    slots.market, slots.selection = market, selection
    slots.line = context.get("line") if selection else None
    slots.teams, slots.selection_team, turn.slots_from_memory = list(context["fixture_teams"]), None, True
    turn.settled, turn.pick_shown = True, selection is None
    return True


def continue_request(turn: Turn, kept: dict | None) -> bool:
    """The reply to the question of `ask` / `ask_side`: the request it interrupted, on the pick the reply takes (the
    chip, a side said, a yes to the one offered), with its stake; False when it takes none (a question of its own)."""
    if not kept or not kept.get("options"):
        return False
    slots = turn.slots
    if slots.confirmation is False and len(turn.ctx.message.split()) <= 3 and not turn.named \
            and slots.amount is None:  # a bare "no": nothing simulated nor prepared, nothing left to place
        turn.intent, turn.settled, slots.teams, slots.market, slots.selection = "bet_confirmation", True, [], None, None
        return True
    option = _picked(turn, kept)
    if option is None and len(kept["options"]) == 1 and slots.confirmation is not False:
        option = _stake_or_line(turn, kept)
        if option == "asked":
            return True
    if option is None and _asks_the_other_side(turn, kept):
        return True
    if option is None and (line := _another_line(turn, kept)) is not None:
        option = line  # "a más de 2.5 entonces": the same request on that line (asked again if it is not offered)
    if option is None or slots.confirmation is False:
        return False
    fixture = kept["fixture"]
    turn.intent, turn.settled, turn.confidence = kept["intent"], True, max(turn.confidence, 0.9)
    slots.market, slots.selection, slots.line = kept["market"], option["selection"], option["line"] or None
    if slots.amount is None and kept.get("amount"):
        slots.amount = Decimal(kept["amount"])
    slots.currency = slots.currency or kept.get("currency")
    slots.teams, turn.named, turn.slots_from_memory = [fixture["home"], fixture["away"]], [], True
    slots.selection_team, slots.selection_negated, slots.confirmation = None, False, None
    slots.date_from = slots.date_to = slots.unsupported_market = None
    turn.remember_fixture(fixture)
    if turn.intent == "place_bet":
        turn.real_bet, slots.wants_real_bet = True, True
    return True


def _another_line(turn: Turn, kept: dict) -> dict | None:
    """Another line of the kept market said in reply ("a más de 2.5 entonces", "ok, over 3.5 then"), with its side
    said or the one side the question offered: that pick; None when the reply names a club, another market or no
    line."""
    slots = turn.slots
    if slots.line in (None, "") or turn.named or (slots.market and slots.market != kept["market"]):
        return None
    offered = {option["selection"] for option in kept["options"]}
    selection = slots.selection or (next(iter(offered)) if len(offered) == 1 else None)
    return {"selection": selection, "line": str(slots.line)} if selection else None


def _picked(turn: Turn, kept: dict) -> dict | None:
    options, slots = kept["options"], turn.slots
    folded = fold(turn.ctx.message)
    said = [option for option in options if fold(option["label"]) in folded]
    if len(said) == 1:
        return said[0]
    fixture = kept["fixture"]
    if slots.line not in (None, "") and all(float(slots.line) != float(o["line"] or "nan") for o in options):
        return None  # "no, over 3" : another line, asked anew
    if slots.selection:
        said = [option for option in options if option["selection"] == slots.selection]
    else:
        said = [option for option in options if option["selection"] in _SIDE_WORDS
                and _SIDE_WORDS[option["selection"]].search(folded)]
    teams = [team.casefold() for team in slots.teams]
    if not said and teams:
        sides = {"home": fixture["home"].casefold(), "away": fixture["away"].casefold()}
        said = [option for option in options if sides.get(option["selection"]) in teams]
        if not said:
            return None  # another club: a request of its own
    if len(said) == 1:
        return said[0]
    if len(options) == 1 and (slots.confirmation is True or _YES.match(folded)) \
            and _accepts_plainly(turn, folded, options[0]):
        return options[0]
    return None


def _asks_the_other_side(turn: Turn, kept: dict) -> bool:
    """"yes and what about the under" to "Bet on Over 3.5 instead?" (no price asked): both sides of the line on offer
    asked, never the other side prepared on the line of the one offered; the request kept for the reply."""
    folded, option = fold(turn.ctx.message), kept["options"][0]
    line = option.get("line")
    others = [side for side in ("over", "under") if side != option["selection"] and _SIDE_WORDS[side].search(folded)]
    if kept["market"] != "over_under" or len(kept["options"]) != 1 or not others or line in (None, "") \
            or _PRICE.search(folded) or (turn.slots.line not in (None, "") and float(turn.slots.line) != float(line)):
        return False
    fixture, language = kept["fixture"], turn.language
    options = _options(fixture, "over_under", {"over": line, "under": line}, language)
    key = "again_bet" if kept["intent"] == "place_bet" else "again_sim"
    text = _text(key, language, offered=f"{float(line):g}", match=_match(fixture),
                 options=either([item["label"] for item in options], language))
    turn.context[ASKED] = {**kept, "options": options}
    turn.asked_back = (text, [item["label"] for item in options])
    turn.slots.amount = None
    return True


def _stake_or_line(turn: Turn, kept: dict) -> dict | str | None:
    """A number said to "Bet on Over 3.5 goals instead?": "stake 3" is that pick at that stake, "3.5" the line on
    offer; a bare small "make it 3" may be either (the stake? asked, the question kept); None otherwise."""
    message, option = turn.ctx.message, kept["options"][0]
    number = stake_or_line.number_said(message)
    if number is None:
        return None
    if stake_or_line.STAKE_WORD.search(fold(message)) and not _ASKS.search(fold(message)):
        turn.slots.amount = Decimal(number)  # "stake 3", "apuesta de 3": the pick offered at that stake
        return option
    kind = stake_or_line.line_or_stake(message, kept["market"], offered=option["line"])
    if kind == "line" and option["line"] not in (None, "") and float(number) == abs(float(option["line"])):
        return option  # "3.5 then": the line on offer
    if kind != "ask":
        return None
    turn.context[ASKED] = kept  # the answer ("stake 3", the chip) continues the request asked about
    turn.slots.amount = None
    stake_or_line.ask(turn, "offered", number=number, pick=option["label"])
    return "asked"


def _accepts_plainly(turn: Turn, folded: str, option: dict) -> bool:
    """Whether a yes takes the one pick offered and nothing else: "ok but what are the odds for the under?" or
    "sure, and what about under?" asks (about the other side); a yes with another side or line is no yes to this one."""
    slots = turn.slots
    if "?" in turn.ctx.message or _ASKS.search(folded):
        return False
    if slots.selection and slots.selection != option["selection"]:
        return False
    if any(side != option["selection"] and side in ("over", "under") and words.search(folded)
           for side, words in _SIDE_WORDS.items()):
        return False
    lines = [float(number.replace(",", ".")) for number in re.findall(r"(?<![\w.])[+-]?\d+(?:[.,]\d+)?", folded)]
    return not any(abs(value) != abs(float(option["line"] or "nan")) and value % 1 for value in lines)


def _keep(turn: Turn, fixture: dict, market: str, options: list[dict]) -> None:
    """The request asked about, for the reply: its intent, match, market, the picks offered, its stake."""
    slots = turn.slots
    turn.remember_fixture(fixture)
    turn.context[ASKED] = {
        "intent": turn.intent if turn.intent in ("place_bet", "odds_information") else "bet_simulation",
        "market": market,
        "fixture": {key: fixture.get(key) for key in ("id", "home", "away", "sport_id")}, "options": options,
        "amount": str(slots.amount) if slots.amount is not None else None, "currency": slots.currency}
    slots.line = None  # the line asked is not offered: never remembered as the one in focus


def _options(fixture: dict, market: str, lined: dict[str, str], language: str) -> list[dict]:
    return [{"selection": key, "line": value,
             "label": render_selection(key, home=fixture["home"], away=fixture["away"],
                                       sport_id=fixture.get("sport_id"), line=value, language=language,
                                       market=market)} for key, value in lined.items()]


def _wording(fixture: dict, market: str, selection: str | None, language: str):
    """What the line is of ("over/under goals", "Arsenal (handicap)", "handicap") and how its numbers read."""
    if market == "over_under":
        return totals_wording(sport_id=fixture.get("sport_id"), language=language), lambda v: f"{float(v):g}"
    if selection in ("home", "away"):
        name = " ".join(render_selection(selection, home=fixture["home"], away=fixture["away"], line="",
                                         sport_id=fixture.get("sport_id"), language=language, market=market).split())
    else:
        name = market_name(market, language).lower()
    return name, lambda v: f"{float(v):+g}" if float(v) else "0"


def _match(fixture: dict) -> str:
    return f"{fixture['home']} vs {fixture['away']}"


def _text(key: str, language: str, **values) -> str:
    return str(TEXTS[key].read(language)).format(**values)

