"""The offline engine's phrasebook: English msgids here, Spanish and Portuguese in the gettext catalogues.

Each phrase's key is its `pgettext` context, so two phrases that read alike in English can still differ
in another language. After adding or changing one: `manage.py makemessages -l es -l pt_BR`, translate
the new entries in `locale/*/LC_MESSAGES/django.po`, then `manage.py compilemessages` (the install step
runs it). `chat/tests/test_locale.py` fails on an untranslated, fuzzy or uncompiled message.
"""

from __future__ import annotations

import functools

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from chatbet_project.i18n import DJANGO_LANGUAGES, PerLanguage, in_language

PHRASES: dict[str, Promise] = {
    "greeting": pgettext_lazy("greeting", "Hi! I'm ChatBet, your betting assistant. I can show fixtures, live odds, "
                                          "compare teams and simulate bets with real prices."),
    "help": pgettext_lazy("help", "Here's what I can do:\n• Fixtures: \"When does Arsenal play?\", \"matches this "
                                  "weekend\"\n• Odds: \"odds for Real Madrid vs Barcelona\", \"over 2.5 for "
                                  "Inter\"\n• Compare teams: \"compare Liverpool and Chelsea\"\n• Simulate: \"what "
                                  "if I bet 20 on Arsenal?\"\n• Ideas for a stake and risk level, your balance "
                                  "(logged in), and how betting markets work."),
    "thanks": pgettext_lazy("thanks", "You're welcome! Anything else about fixtures or odds?"),
    "acknowledged": pgettext_lazy("acknowledged", "Great. Anything else about fixtures or odds?"),
    "bye": pgettext_lazy("bye", "See you! Come back any time for fixtures and odds."),
    "implied": pgettext_lazy("implied", "Implied probability"),
    "odds_given": pgettext_lazy("odds_given", "Odds of {odds} imply a chance of {prob}% (1 ÷ odds); a 10 stake "
                                              "would return {returns}."),
    "out_of_scope": pgettext_lazy("out_of_scope", "I can only help with sports fixtures, odds and bet simulations. "
                                                  "Try asking about a team or a match."),
    "fixtures_for": pgettext_lazy("fixtures_for", "Upcoming matches{team}{when}:"),
    "live_now": pgettext_lazy("live_now", "Live now:"),
    "live_label": pgettext_lazy("live_label", "🔴 LIVE"),
    "showing_some": pgettext_lazy("showing_some", "Showing {shown} of {total} matches. To see more, ask for one "
                                                  "tournament (e.g. \"{more}\") or a narrower date."),
    "showing_by_date": pgettext_lazy("showing_by_date", "Showing {shown} of {total} matches. Ask for a specific day "
                                                        "to see the others."),
    "more_in": pgettext_lazy("more_in", "{tournament} matches"),
    "no_fixtures": pgettext_lazy("no_fixtures", "I couldn't find matches{team}{when}."),
    "not_covered_sport": pgettext_lazy("not_covered_sport", "I don't cover {sport}; I cover {covered}."),
    "no_match_then": pgettext_lazy("no_match_then", "{team} has no match{when}."),
    "no_such_match": pgettext_lazy("no_such_match", "There is no {match} match{when} in my calendar."),
    "no_derby": pgettext_lazy("no_derby", "There is no {team} derby{when} in my calendar."),
    "no_live": pgettext_lazy("no_live", "No matches are live right now."),
    "nearest": pgettext_lazy("nearest", "The nearest ones I have:"),
    "nearest_which": pgettext_lazy("nearest_which", "Is it one of these? Tell me which."),
    "no_alternatives": pgettext_lazy("no_alternatives", "There are no upcoming matches for that right now."),
    "which_match": pgettext_lazy("which_match", "Which match do you mean? Tell me a team, for example:"),
    "odds_head": pgettext_lazy("odds_head", "Odds for {match} ({tournament}, {when}):"),
    "suspended": pgettext_lazy("suspended", "Betting on this match is suspended right now."),
    "stale": pgettext_lazy("stale", "(prices from {age}s ago; the live feed is catching up)"),
    "margin": pgettext_lazy("margin", "bookmaker margin {margin}%"),
    "no_market": pgettext_lazy("no_market", "That market isn't offered for {match}."),
    "no_draw_price": pgettext_lazy("no_draw_price", "{match} can't end in a draw, so there is no draw price: one "
                                                    "of the two wins. Its prices:"),
    "sim_single": pgettext_lazy("sim_single", "A {stake} bet on {label} at odds {odds} would return {returns} "
                                              "(profit {profit}). Implied probability: {prob}% (1 ÷ odds, bookmaker "
                                              "margin included)."),
    "sim_combo": pgettext_lazy("sim_combo", "Accumulator of {n} legs, combined odds {odds}: a {stake} stake would "
                                            "return {returns} (profit {profit}). Implied probability: {prob}% (1 ÷ "
                                            "odds, bookmaker margin included)."),
    "sim_note": pgettext_lazy("sim_note", "This is a simulation; nothing was placed."),
    "need_stake": pgettext_lazy("need_stake", "How much would you like to simulate? For example: \"what if I bet 20 "
                                              "on {team}?\""),
    "rec_head": pgettext_lazy("rec_head", "Ideas for a {stake} stake, {risk} risk (from current odds):"),
    "rec_line": pgettext_lazy("rec_line", "{label} — {match}, {when}: odds {odds}, implied {prob}% (≈{fair}% "
                                          "without the margin); {stake} returns {returns}."),
    "rec_none": pgettext_lazy("rec_none", "I found no prices in that risk range for those dates."),
    "risk_note": pgettext_lazy("risk_note", "Risk note: odds are probabilities with a margin, not certainties — any "
                                            "of these can lose. Bet only what you can afford to lose."),
    "limit_note": pgettext_lazy("limit_note", "Figures use your daily stake limit of {limit}."),
    "excluded": pgettext_lazy("excluded", "Your account is self-excluded, so I won't suggest or place bets. I can "
                                          "still show fixtures and explain how betting works. If you need support, "
                                          "visit a responsible-gambling service."),
    "cmp_head": pgettext_lazy("cmp_head", "{a} vs {b}:"),
    "cmp_h2h": pgettext_lazy("cmp_h2h", "They meet in {match} ({tournament}, {when}). Odds: {a} {oa} · draw {od} · "
                                        "{b} {ob} → win chances without the margin: {a} {pa}%, draw {pd}%, {b} "
                                        "{pb}%."),
    "cmp_h2h_no_draw": pgettext_lazy("cmp_h2h_no_draw", "They meet in {match} ({tournament}, {when}). Odds: {a} "
                                                        "{oa} · {b} {ob} → win chances without the margin: {a} "
                                                        "{pa}%, {b} {pb}%."),
    "cmp_no_h2h": pgettext_lazy("cmp_no_h2h", "They have no match against each other coming up."),
    "cmp_next": pgettext_lazy("cmp_next", "{team}: next {match} ({when}){strength}."),
    "cmp_strength": pgettext_lazy("cmp_strength", ", {p}% to win by the odds (without the bookmaker margin)"),
    "cmp_none": pgettext_lazy("cmp_none", "{team}: no upcoming match."),
    "cmp_need": pgettext_lazy("cmp_need", "Which two teams should I compare? For example: \"compare Arsenal and "
                                          "Chelsea\"."),
    "login": pgettext_lazy("login", "To {what}, log in and link your ChatBet account first."),
    "link": pgettext_lazy("link", "Link your ChatBet account (your userKey) in your profile to {what}."),
    "see_balance": pgettext_lazy("see_balance", "see your balance"),
    "see_bets": pgettext_lazy("see_bets", "see your bets"),
    "my_bets": pgettext_lazy("my_bets", "Your bets ({count}):"),
    "no_bets": pgettext_lazy("no_bets", "You have no placed bets yet."),
    "bet_which_market": pgettext_lazy("bet_which_market", "What do you want to bet on in that match: a team to win, "
                                                          "the draw, over/under goals, both teams to score, or a "
                                                          "handicap? Nothing is prepared until you say."),
    "bet_which_market_of": pgettext_lazy("bet_which_market_of", "What do you want to bet on in that match: "
                                                                "{offered}? Nothing is prepared until you say."),
    "bet_which_selection": pgettext_lazy("bet_which_selection", "On which side of that market in {match}: {options}? "
                                                                "Nothing is prepared until you say."),
    "bet_which_fixture": pgettext_lazy("bet_which_fixture", "{team} has more than one match then. Which one do you "
                                                            "mean?"),
    "bet_no_match_then": pgettext_lazy("bet_no_match_then", "{team} has no match{when}, so no bet is prepared."),
    "place_bets": pgettext_lazy("place_bets", "place real bets"),
    "balance": pgettext_lazy("balance", "Your balance: {money} {cur} (playable {playable}, withdrawable "
                                        "{withdrawable}, bonus {bonus})."),
    "confirm_bet": pgettext_lazy("confirm_bet", "Please confirm this bet: {label} — {match} ({tournament}, {when}), "
                                                "odds {odds}, stake {stake} {cur}, returns {win} {cur} if it wins "
                                                "(profit {profit} {cur}). To place it, reply exactly \"yes, place "
                                                "it\" (or \"confirm\"). Anything else leaves it unplaced."),
    "need_exact_phrase": pgettext_lazy("need_exact_phrase", "This is real money, so a plain \"{said}\" isn't "
                                                            "enough: I need the exact phrase. Nothing is placed "
                                                            "yet."),
    "bet_placed": pgettext_lazy("bet_placed", "Done: your bet on {label} ({match}) at odds {odds} for {stake} {cur} "
                                              "is placed. Returns {win} {cur} if it wins. Reference: {ref}."),
    "confirm_combo": pgettext_lazy("confirm_combo", "Please confirm this accumulator of {n} legs, placed as one "
                                                    "bet:\n{legs}\nCombined odds {odds}, stake {stake} {cur}, returns "
                                                    "{win} {cur} if every leg wins (profit {profit} {cur}). To place "
                                                    "it, reply exactly \"yes, place it\" (or \"confirm\"). Anything "
                                                    "else leaves it unplaced."),
    "combo_leg": pgettext_lazy("combo_leg", "• {label} — {match} ({tournament}, {when}), odds {odds}"),
    "combo_placed": pgettext_lazy("combo_placed", "Done: your accumulator of {n} legs ({legs}) at combined odds "
                                                  "{odds} for {stake} {cur} is placed as one bet. Returns {win} {cur} "
                                                  "if every leg wins. Reference: {ref}."),
    "combo_which_market": pgettext_lazy("combo_which_market", "For an accumulator I need what you want on each match. "
                                                              "What do you want on {teams}: a team to win, the draw, "
                                                              "over/under goals, both teams to score? For example: "
                                                              "\"combo: 10 on Real Madrid to win and Arsenal to "
                                                              "win\". Nothing is prepared until you say."),
    "combo_which_team": pgettext_lazy("combo_which_team", "For an accumulator each leg needs its club, and that name "
                                                          "fits more than one: {names}. Which club do you mean? "
                                                          "Nothing is prepared until you say."),
    "combo_need_legs": pgettext_lazy("combo_need_legs", "An accumulator needs two or more matches, one selection on "
                                                        "each, and the stake — e.g. \"combo: 10 on Real Madrid to win "
                                                        "and Arsenal to win\". Nothing is prepared until you say."),
    "nothing_pending": pgettext_lazy("nothing_pending", "There's no bet waiting for your confirmation, so nothing "
                                                        "was placed. What would you like to look at?"),
    "said_no": pgettext_lazy("said_no", "All right, nothing is placed. What would you like instead?"),
    "bet_already_confirmed": pgettext_lazy("bet_already_confirmed", "That bet was already confirmed from your other "
                                                                    "message; it is placed only once."),
    "bet_outcome_unknown": pgettext_lazy("bet_outcome_unknown", "I can't tell whether your bet on {label} ({match}) "
                                                                "for {stake} {cur} was placed: the betting service "
                                                                "didn't give a clear answer. It may have gone "
                                                                "through, so check your bets in your ChatBet "
                                                                "account before placing it again. Until then it "
                                                                "counts against your daily limit."),
    "bet_cancelled": pgettext_lazy("bet_cancelled", "OK, I didn't place anything."),
    "bet_need": pgettext_lazy("bet_need", "To prepare a bet I need the match, what to bet on and the stake — e.g. "
                                          "\"bet 10 on Arsenal to win\"."),
    "bet_stake": pgettext_lazy("bet_stake", "How much do you want to stake on {team}? Tell me the amount — e.g. "
                                            "\"10\"."),
    "bet_stake_pick": pgettext_lazy("bet_stake_pick", "How much do you want to stake on it? Tell me the amount — "
                                                      "e.g. \"10\"."),
    "bet_what": pgettext_lazy("bet_what", "What do you want to put {stake} on? Tell me the match and your pick — "
                                          "e.g. \"{stake} on Arsenal to win\"."),
    "bet_what_any": pgettext_lazy("bet_what_any", "What do you want to bet on, and how much? Tell me the match, "
                                                  "your pick and the stake — e.g. \"10 on Arsenal to win\"."),
    "stake_not_positive": pgettext_lazy("stake_not_positive", "The stake must be more than 0 — {stake} can't be "
                                                              "staked. How much do you want to bet?"),
    "stake_too_big": pgettext_lazy("stake_too_big", "The largest stake I can handle is {max} — {stake} is too much. "
                                                    "Try a smaller amount."),
    "stake_ambiguous": pgettext_lazy("stake_ambiguous", "Just to be sure with real money: is the stake {whole} or "
                                                        "{small}? Please write it again without a thousands dot "
                                                        "(e.g. \"{whole}\" or \"{small}\")."),
    "stake_decimals": pgettext_lazy("stake_decimals", "A stake can have at most 2 decimals, so I won't round "
                                                      "{stake} for you: did you mean {cents}? If you meant {whole}, "
                                                      "write it without the dot."),
    "which_team": pgettext_lazy("which_team", "I don't cover a team called \"{text}\" — I'm not sure which team you "
                                              "mean. The closest ones I have: {names}. Is it one of them?"),
    "opponent_not_covered": pgettext_lazy("opponent_not_covered", "I don't cover {text}, so I have no {match} "
                                                                  "match: nothing was priced or prepared."),
    "opponent_closest": pgettext_lazy("opponent_closest", "Did you mean {names}?"),
    "next_match_of": pgettext_lazy("next_match_of", "The next {team} match I have:"),
    "which_club": pgettext_lazy("which_club", "Which {text} do you mean: {names}?"),
    "not_covered": pgettext_lazy("not_covered", "I don't cover a team called \"{text}\", and none of the teams I "
                                                "have is close to it. Which team do you mean?"),
    "tool_error": pgettext_lazy("tool_error", "I couldn't get that: {message}"),
    "tool_failed": pgettext_lazy("tool_failed", "I couldn't do that with what I have. Could you say it again with "
                                                "the match, what you want to bet on and the stake? Nothing was "
                                                "placed."),
    "selection_not_offered": pgettext_lazy("selection_not_offered", "That selection isn't offered for this match, "
                                                                    "so nothing is prepared. Ask for its odds to see "
                                                                    "what is on offer."),
    "market_unsupported": pgettext_lazy("market_unsupported", "I can't take bets on \"{market}\". For a match I "
                                                              "offer: a team to win, the draw, double chance (a team "
                                                              "or the draw), over/under, both teams to score, a "
                                                              "handicap and the half-time result. Which one do you "
                                                              "want? Nothing is prepared until you say."),
    "odds_unsupported": pgettext_lazy("odds_unsupported", "I don't have odds on \"{market}\". For a match I offer: "
                                                          "the match result (a team to win or the draw), double "
                                                          "chance, over/under, both teams to score, a handicap and "
                                                          "the half-time result. Which one do you want the odds of?"),
    # A market the match's sport never has (sport_markets.py): asked which of the sport's markets, nothing priced.
    "sport_market_odds": pgettext_lazy("sport_market_odds", "{market} isn't offered in {sport}: for {match} I have "
                                                            "{offered}. Which one do you want the odds of?"),
    "sport_market_stake": pgettext_lazy("sport_market_stake", "{market} isn't offered in {sport}: for {match} I have "
                                                              "{offered}. Which one do you want your stake on? "
                                                              "Nothing is prepared until you say."),
    "sport_draw_odds": pgettext_lazy("sport_draw_odds", "{match} can't end in a draw ({sport}), so there is no draw "
                                                        "price: one of the two wins. For it I have {offered}. Which "
                                                        "one do you want the odds of?"),
    "sport_draw_stake": pgettext_lazy("sport_draw_stake", "{match} can't end in a draw ({sport}): one of the two wins. "
                                                          "For it I have {offered}. Which one do you want your stake "
                                                          "on? Nothing is prepared until you say."),
    "sport_unit_odds": pgettext_lazy("sport_unit_odds", "In {sport} the over/under counts {unit}, not {said}: for "
                                                        "{match} I have {offered}. Which one do you want the odds "
                                                        "of?"),
    "sport_unit_stake": pgettext_lazy("sport_unit_stake", "In {sport} the over/under counts {unit}, not {said}: for "
                                                          "{match} I have {offered}. Which one do you want your stake "
                                                          "on? Nothing is prepared until you say."),
    # A market the sport has but this one match does not: which of the match's markets, nothing in its place.
    "no_market_which": pgettext_lazy("no_market_which", "That market isn't offered for {match}: it has {offered}. "
                                                        "Which one do you want?"),
    "which_handicap": pgettext_lazy("which_handicap", "Which team's handicap do you want, and on which line? Nothing "
                                                      "is prepared until you say."),
    "which_pesos": pgettext_lazy("which_pesos", "Which pesos do you mean: Colombian (COP), Mexican (MXN), Argentine "
                                                "(ARS) or Chilean (CLP)? Nothing is worked out until you say."),
    "pesos_cop": pgettext_lazy("suggestion", "Colombian pesos"),
    "pesos_mxn": pgettext_lazy("suggestion", "Mexican pesos"),
    "pesos_ars": pgettext_lazy("suggestion", "Argentine pesos"),
    "pesos_clp": pgettext_lazy("suggestion", "Chilean pesos"),
    "stake_which": pgettext_lazy("stake_which", "I see more than one amount in your message ({amounts}). Which one "
                                                "is the stake? Nothing is prepared until you say."),
    "which_of_teams": pgettext_lazy("which_of_teams", "That name fits more than one team: {names}. Which one do you "
                                                      "mean? Nothing is prepared until you say."),
    "unknown_tournament": pgettext_lazy("unknown_tournament", "I don't have {tournament} matches. The tournaments I "
                                                              "cover: {names}."),
    "tournaments": pgettext_lazy("tournaments", "Tournaments with upcoming matches: {names}."),
    "tournaments_then": pgettext_lazy("tournaments_then", "Competitions with matches{when}: {names}."),
    "no_tournaments_then": pgettext_lazy("no_tournaments_then", "No competition I cover has matches{when}."),
    "stake_limits": pgettext_lazy("stake_limits", "Each bet takes a stake from {min} to {max} (two decimals at most), "
                                                  "and never more than your playable balance. There is no separate "
                                                  "limit per match; an accumulator takes one pick per match. On top "
                                                  "of that you can set your own daily limit in your account (the "
                                                  "total of your real stakes over the last 24 hours): a lower limit "
                                                  "applies at once, a higher one or none only after {hours} hours."),
    "stake_limit_yours": pgettext_lazy("stake_limit_yours", "Your daily limit now: {limit} {currency}."),
}

EXPLAIN: dict[str, PerLanguage] = {
    "odds": PerLanguage(pgettext_lazy("explain", "Decimal odds are what you get back per 1 staked, stake included: "
                                                 "a 10 stake at odds 2.50 returns 25 (15 profit). 1 ÷ odds is the "
                                                 "implied probability (2.50 → 40%). The implied probabilities of "
                                                 "all outcomes add up to a bit over 100%: the excess is the "
                                                 "bookmaker's margin.")),
    "1x2": PerLanguage(pgettext_lazy("explain", "1X2 is the match result: 1 = home win, X = draw, 2 = away win. "
                                                "Exactly one of the three wins.")),
    "btts": PerLanguage(pgettext_lazy("explain", "Both teams to score (BTTS): \"yes\" wins if each team scores at "
                                                 "least one goal; \"no\" wins otherwise. The final result doesn't "
                                                 "matter.")),
    "handicap": PerLanguage(pgettext_lazy("explain", "A handicap gives one team a virtual head start: with -1, your "
                                                     "team must win by 2 or more for the bet to win after the "
                                                     "adjustment. It evens out matches with a clear favourite.")),
    "over_under": PerLanguage(pgettext_lazy("explain", "Over/under bets on the total goals: over 2.5 wins with 3 or "
                                                       "more goals, under 2.5 with 2 or fewer.")),
    "double_chance": PerLanguage(pgettext_lazy("explain", "Double chance covers two of the three results (home or "
                                                          "draw, away or draw, home or away): more likely to win, "
                                                          "so lower odds.")),
    "formats": PerLanguage(pgettext_lazy("explain", "Odds are written three ways. Decimal (2.50): what you get "
                                                    "back per 1 staked, stake included. Fractional (3/2): the profit "
                                                    "per 1 staked, so decimal = 3/2 + 1 = 2.50. American: +150 is the "
                                                    "profit on 100 staked (decimal 2.50), -200 the stake needed to win "
                                                    "100 (decimal 1.50). I show decimal odds.")),
    "parlay": PerLanguage(pgettext_lazy("explain", "A parlay (accumulator) joins several picks in one bet: its odds "
                                                   "are the product of the legs' odds (1.80 × 2.00 = 3.60), and it "
                                                   "wins only if every leg wins.")),
    "margin": PerLanguage(pgettext_lazy("explain", "The bookmaker's margin (overround) is how much the implied "
                                                   "probabilities of all outcomes exceed 100%. A lower margin means "
                                                   "fairer prices for you.")),
}

# One chip: the odds of a club, or of a match, a tap away
ODDS_CHIPS = PerLanguage({"team": pgettext_lazy("suggestion", "Odds for {team}"),
                          "match": pgettext_lazy("suggestion", "Odds for {match}")})

SUGGEST: dict[str, PerLanguage] = {
    "greeting": PerLanguage([
        pgettext_lazy("suggestion", "Matches today"),
        pgettext_lazy("suggestion", "Matches this weekend"),
        pgettext_lazy("suggestion", "How do odds work?"),
    ]),
    "help": PerLanguage([
        pgettext_lazy("suggestion", "Matches today"),
        pgettext_lazy("suggestion", "Odds for {team}"),
        pgettext_lazy("suggestion", "Compare {home} and {away}"),
    ]),
    "schedule": PerLanguage([
        pgettext_lazy("suggestion", "Odds for {match}"),
        pgettext_lazy("suggestion", "What if I bet 10 on {team}?"),
        pgettext_lazy("suggestion", "Matches tomorrow"),
    ]),
    "odds": PerLanguage([
        pgettext_lazy("suggestion", "What if I bet 20 on {team}?"),
        pgettext_lazy("suggestion", "Compare {home} and {away}"),
        pgettext_lazy("suggestion", "Over/under odds"),
    ]),
    "odds_unsupported": PerLanguage([
        pgettext_lazy("suggestion", "Odds for {match}"),
        pgettext_lazy("suggestion", "Odds for {team}"),
        pgettext_lazy("suggestion", "Over/under odds"),
    ]),
    "simulation": PerLanguage([
        pgettext_lazy("suggestion", "What if I bet {alt} instead?"),
        pgettext_lazy("suggestion", "Odds for {match}"),
        pgettext_lazy("suggestion", "How is the margin calculated?"),
    ]),
    "recommendation": PerLanguage([
        "{other_risk}",
        pgettext_lazy("suggestion", "Odds for {match}"),
        pgettext_lazy("suggestion", "How do odds work?"),
    ]),
    "comparison": PerLanguage([
        pgettext_lazy("suggestion", "Odds for {match}"),
        pgettext_lazy("suggestion", "When does {team} play?"),
        pgettext_lazy("suggestion", "What if I bet 10 on {team}?"),
    ]),
    "generic": PerLanguage([
        pgettext_lazy("suggestion", "Matches today"),
        pgettext_lazy("suggestion", "How do odds work?"),
        pgettext_lazy("suggestion", "What is BTTS?"),
    ]),
    "explain": PerLanguage([
        pgettext_lazy("suggestion", "What is a handicap?"),
        pgettext_lazy("suggestion", "What is BTTS?"),
        pgettext_lazy("suggestion", "Matches today"),
    ]),
    "balance": PerLanguage([
        pgettext_lazy("suggestion", "Matches today"),
        pgettext_lazy("suggestion", "Odds for {team}"),
    ]),
    # The exact phrases `tools.is_explicit_confirmation` accepts (a bare "ok" does not place a bet).
    "confirm": PerLanguage([
        pgettext_lazy("suggestion", "yes, place it"),
        pgettext_lazy("suggestion", "cancel"),
    ]),
    "excluded": PerLanguage([
        pgettext_lazy("suggestion", "Matches today"),
        pgettext_lazy("suggestion", "How do odds work?"),
    ]),
}

WEEKDAY_NAMES = PerLanguage([
    pgettext_lazy("weekday", "Mon"),
    pgettext_lazy("weekday", "Tue"),
    pgettext_lazy("weekday", "Wed"),
    pgettext_lazy("weekday", "Thu"),
    pgettext_lazy("weekday", "Fri"),
    pgettext_lazy("weekday", "Sat"),
    pgettext_lazy("weekday", "Sun"),
])
MONTH_NAMES = PerLanguage([
    pgettext_lazy("month", "Jan"),
    pgettext_lazy("month", "Feb"),
    pgettext_lazy("month", "Mar"),
    pgettext_lazy("month", "Apr"),
    pgettext_lazy("month", "May"),
    pgettext_lazy("month", "Jun"),
    pgettext_lazy("month", "Jul"),
    pgettext_lazy("month", "Aug"),
    pgettext_lazy("month", "Sep"),
    pgettext_lazy("month", "Oct"),
    pgettext_lazy("month", "Nov"),
    pgettext_lazy("month", "Dec"),
])
RISK_NAMES = PerLanguage({
    "low": pgettext_lazy("risk level", "low"),
    "medium": pgettext_lazy("risk level", "medium"),
    "high": pgettext_lazy("risk level", "high"),
})
MARKET_NAMES: dict[str, str | PerLanguage] = {
    "1x2": "1X2",
    "double_chance": PerLanguage(pgettext_lazy("market", "Double chance")),
    "over_under": PerLanguage(pgettext_lazy("market", "Over/under")),
    "btts": PerLanguage(pgettext_lazy("market", "Both teams to score")),
    "handicap": PerLanguage(pgettext_lazy("market", "Handicap")),
    "half_time_result": PerLanguage(pgettext_lazy("market", "Half-time result")),
}
BET_STATES = {
    "placed": PerLanguage(pgettext_lazy("bet state", "placed")),
    "placing": PerLanguage(pgettext_lazy("bet state", "being placed")),
    "outcome_unknown": PerLanguage(pgettext_lazy("bet state", "being checked with the bookmaker")),
}


@functools.cache  # bounded: keys x our languages; the catalogues do not change while a process runs
def _phrase(key: str, language: str) -> str:
    with in_language(language):
        return str(PHRASES[key])


def t(key: str, language: str, **values) -> str:
    """The phrase `key` in `language` (English for a language we do not speak), filled with `values`."""
    return _phrase(key, language if language in DJANGO_LANGUAGES else "en").format(**values)


def suggestions(kind: str, language: str, **values) -> list[str]:
    """Up to four follow-up chips for an answer of `kind`: the ones whose blanks `values` fill, topped up
    with generic ones to at least two."""
    items = SUGGEST[kind].get(language) or SUGGEST[kind]["en"]
    out = []
    for item in items:
        try:
            text = item.format(**values)
        except KeyError:
            continue
        if "{" not in text and "None" not in text and text not in out:
            out.append(text)
    fallback = SUGGEST["generic"].get(language) or SUGGEST["generic"]["en"]
    for extra in fallback:
        if len(out) >= 2:
            break
        if extra not in out:
            out.append(extra)
    return out[:4]
