"""Why a bet was refused, as a clear sentence in the user's language (en / es / pt_br).

English msgids here; the Spanish and Portuguese sentences are in the gettext catalogues (`locale/`).

Every refusal is a `BettingRefusal` (a `ChatBetError`) whose message is already in the language the
service was called with; `code` stays stable for clients and the audit trail.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from chatbet_project.errors import ChatBetError
from chatbet_project.i18n import in_language

TEXTS: dict[str, Promise] = {
    "self_excluded": pgettext_lazy("betting refusal", "Your account is self-excluded from betting; I can't place "
                                                      "bets for you."),
    "minor": pgettext_lazy("betting refusal", "Betting is only for adults aged 18 or over, so I can't offer or "
                                              "place bets on this account."),
    "daily_limit": pgettext_lazy("betting refusal", "That would exceed your daily stake limit of {limit} {currency} "
                                                    "(already staked in the last 24 hours: {staked})."),
    "insufficient_balance": pgettext_lazy("betting refusal", "Your playable balance is {playable} {currency}, less "
                                                             "than the {stake} {currency} stake, so I can't offer "
                                                             "this bet."),
    "already_confirmed": pgettext_lazy("betting refusal", "That bet was already confirmed from another message; it "
                                                          "is placed only once."),
    "nothing_pending": pgettext_lazy("betting refusal", "There's no bet waiting for your confirmation, so nothing "
                                                        "was placed."),
    "slip_expired": pgettext_lazy("betting refusal", "That bet is no longer on offer (it expired or was replaced); "
                                                     "nothing was placed. Ask for it again to see the current "
                                                     "price."),
    "slip_withdrawn": pgettext_lazy("betting refusal", "That bet is no longer on offer: the conversation moved on "
                                                       "before it was confirmed, so nothing was placed. Ask for it "
                                                       "again to see the current price."),
    "slip_cancelled": pgettext_lazy("betting refusal", "That bet was cancelled; nothing was placed."),
    "price_moved": pgettext_lazy("betting refusal", "The price moved from {old} to {new}, so nothing was placed."),
    "odds_suspended": pgettext_lazy("betting refusal", "Betting on this match is suspended right now; nothing was "
                                                       "placed."),
    "bet_rejected": pgettext_lazy("betting refusal", "The bookmaker refused the bet ({detail}); nothing was charged."),
    "bet_outcome_unknown": pgettext_lazy("betting refusal", "The betting service did not give a clear answer (it "
                                                            "timed out or its reply was unreadable), so I can't "
                                                            "tell whether your bet was placed. It may have been: "
                                                            "check your bets in your ChatBet account before placing "
                                                            "it again. Until then it counts against your daily "
                                                            "limit."),
    "real_bets_need_account": pgettext_lazy("betting refusal", "Real bets need a logged-in user with a linked "
                                                               "ChatBet account; guests can only simulate."),
    "currency_mismatch": pgettext_lazy("betting refusal", "Your ChatBet account is in {currency}, and I can't "
                                                          "convert {asked} for you. How much in {currency} do you "
                                                          "want to stake?"),
    "selection_not_offered": pgettext_lazy("betting refusal", "That selection ({market}: {selection}) is not "
                                                              "offered for this match right now."),
    "line_not_offered": pgettext_lazy("betting refusal", "The line on offer for {label} is {offered}, not {asked}, "
                                                         "so nothing is prepared. Ask again with {offered} if you "
                                                         "want that bet."),
    "line_not_applicable": pgettext_lazy("betting refusal", "{label} has no line, so the line {line} can't be "
                                                            "applied and nothing is prepared. Ask again without a "
                                                            "line, or name the over/under or handicap bet you "
                                                            "meant."),
    "same_fixture_twice": pgettext_lazy("betting refusal", "An accumulator takes one selection per match, and "
                                                           "{match} is in it twice. Which selection do you want on "
                                                           "that match?"),
    "combo_needs_legs": pgettext_lazy("betting refusal", "An accumulator needs at least one selection; nothing was "
                                                         "prepared."),
    "combo_unavailable": pgettext_lazy("betting refusal", "The bookmaker can't price this accumulator right now, so "
                                                          "I can't offer it; nothing was placed."),
    "not_found": pgettext_lazy("betting refusal", "No such bet slip."),
    "fixture_not_stated": pgettext_lazy("betting refusal", "{match} is not the match you said (another day or "
                                                           "other teams), so nothing is prepared. Which match do you "
                                                           "mean?"),
    "terms_not_stated": pgettext_lazy("betting refusal", "That is not the bet you described (stake, market or "
                                                         "selection), so nothing is prepared. Say the bet again "
                                                         "as you want it."),
    "stake_not_stated": pgettext_lazy("betting refusal", "How much do you want to stake on {match}? I only prepare "
                                                         "a real bet with the stake you say, so nothing is prepared "
                                                         "yet."),
    "selection_not_stated": pgettext_lazy("betting refusal", "Which bet do you want on {match}: a team to win or "
                                                             "the draw, over/under goals, both teams to score...? I "
                                                             "only prepare a real bet on the market you say, so "
                                                             "nothing is prepared yet."),
    "bet_terms_not_stated": pgettext_lazy("betting refusal", "How much do you want to stake, and on which bet on "
                                                             "{match} (a team to win or the draw, over/under goals, "
                                                             "both teams to score...)? I only prepare a real bet with "
                                                             "the stake and market you say, so nothing is prepared "
                                                             "yet."),
    "fixture_ambiguous": pgettext_lazy("betting refusal", "{team} has more than one match then ({choices}), so "
                                                          "nothing is prepared. Which one do you mean?"),
}

STATUS = {"self_excluded": 403, "minor": 403, "daily_limit": 409, "insufficient_balance": 409, "already_confirmed": 409,
          "nothing_pending": 409, "slip_expired": 409, "slip_withdrawn": 409, "slip_cancelled": 409, "price_moved": 409,
          "odds_suspended": 409, "bet_rejected": 409, "bet_outcome_unknown": 502, "real_bets_need_account": 403,
          "not_found": 404, "currency_mismatch": 409, "selection_not_offered": 409, "same_fixture_twice": 400,
          "combo_needs_legs": 400, "combo_unavailable": 503, "line_not_offered": 409, "line_not_applicable": 400,
          "fixture_not_stated": 409, "fixture_ambiguous": 409, "terms_not_stated": 409,
          "stake_not_stated": 409, "selection_not_stated": 409, "bet_terms_not_stated": 409}


def text(code: str, language: str = "en", **params) -> str:
    """The sentence for `code` in `language` (English when the language is not one we speak)."""
    with in_language(language):
        return str(TEXTS[code]).format(**params)


class BettingRefusal(ChatBetError):
    """A bet the service will not propose, confirm or place, with the reason in the user's language."""

    def __init__(self, code: str, language: str = "en", *, status: int | None = None, **params) -> None:
        super().__init__(text(code, language, **params), code=code, status=status or STATUS.get(code, 409))
        self.params = params


class PriceMoved(BettingRefusal):
    """The price is worse than the one shown: the old slip expired; `new_slip` (when given) is the fresh offer."""

    def __init__(self, language: str = "en", *, old, new, new_slip=None) -> None:
        super().__init__("price_moved", language, old=old, new=new)
        self.new_slip = new_slip
