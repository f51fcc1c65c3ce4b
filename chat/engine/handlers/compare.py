"""Two teams side by side: their meeting's prices, else each one's next match."""

from __future__ import annotations

from ..answer import suggestions, t
from ..formatting import fmt_odds
from ..turn import Turn
from .common import ask_which_club, tool_failure


def compare(turn: Turn) -> tuple[str, list[str]]:
    slots, language = turn.slots, turn.language
    if len(slots.teams) < 2:
        return t("cmp_need", language), suggestions("generic", language)
    asked = ask_which_club(turn, meeting=False)  # "compare Madrid and Barcelona": which Madrid, never one on a guess
    if asked is not None:
        return asked
    result = turn.tool("compare_teams", team_a=slots.teams[0], team_b=slots.teams[1])
    if "error" in result:
        return tool_failure(result, language), suggestions("generic", language)
    a, b = result["team_a"]["name"], result["team_b"]["name"]
    slots.teams = [a, b]
    lines = [t("cmp_head", language, a=a, b=b)]
    h2h = result.get("head_to_head")
    match = None
    if h2h and h2h.get("odds") and h2h.get("win_probabilities"):
        fixture = h2h["fixture"]
        sel, probs = h2h["odds"]["selections"], h2h["win_probabilities"]
        a_side = "home" if fixture["home"] == a else "away"
        b_side = "away" if a_side == "home" else "home"
        values = dict(match=f"{fixture['home']} vs {fixture['away']}", tournament=fixture["tournament"],
                      when=turn.when(fixture["start_time"]), a=a, b=b, oa=fmt_odds(sel[a_side]["odds"]),
                      ob=fmt_odds(sel[b_side]["odds"]), pa=probs[a_side], pb=probs[b_side])
        if "draw" in sel and "draw" in probs:
            lines.append(t("cmp_h2h", language, od=fmt_odds(sel["draw"]["odds"]), pd=probs["draw"], **values))
        else:  # no draw in this sport (basketball, tennis)
            lines.append(t("cmp_h2h_no_draw", language, **values))
        turn.remember_fixture(fixture)
        match = f"{fixture['home']} vs {fixture['away']}"
    else:
        lines.append(t("cmp_no_h2h", language))
    for side in (result["team_a"], result["team_b"]):
        upcoming = side["upcoming"]
        if not upcoming:
            lines.append(t("cmp_none", language, team=side["name"]))
            continue
        nxt = upcoming[0]
        strength = side.get("next_match_strength") or {}
        extra = t("cmp_strength", language, p=strength["win_probability"]) \
            if strength.get("win_probability") is not None else ""
        lines.append(t("cmp_next", language, team=side["name"], match=f"{nxt['home']} vs {nxt['away']}",
                       when=turn.when(nxt["start_time"]), strength=extra))
        if match is None:
            match = f"{nxt['home']} vs {nxt['away']}"
            turn.remember_fixture(nxt)
    return "\n".join(lines), suggestions("comparison", language, match=match, team=a)
