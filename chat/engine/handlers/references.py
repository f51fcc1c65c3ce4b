"""A reference the conversation cannot resolve ("the second one" with no list shown, "the other team"
with no match in focus): ask, never guess."""

from __future__ import annotations

from ..answer import suggestions
from ..formatting import has_draw
from ..turn import Turn

# TODO(i18n): these join the gettext catalogues with the rest of the phrasebook.
QUESTIONS = {
    "no_list": {
        "en": "Which one do you mean? There is no list of matches to pick from right now: tell me the team or the "
              "match.",
        "es": "¿Cuál quieres decir? Ahora mismo no hay una lista de partidos de la que elegir: dime el equipo o el "
              "partido.",
        "pt_br": "Qual você quer dizer? Agora não há uma lista de jogos para escolher: me diga o time ou o jogo.",
    },
    "list_short": {
        "en": "I only listed {n} matches: which one do you mean?",
        "es": "Solo te mostré {n} partidos: ¿cuál quieres decir?",
        "pt_br": "Só mostrei {n} jogos: qual você quer dizer?",
    },
    "no_match": {
        "en": "Which match do you mean? Tell me the teams (e.g. \"odds for Arsenal\").",
        "es": "¿Qué partido quieres decir? Dime los equipos (p. ej. \"cuotas del Betis\").",
        "pt_br": "Qual jogo você quer dizer? Me diga os times (ex.: \"odds do Flamengo\").",
    },
    "which_side": {
        "en": "On which result of {match}: {home}, {away}, or the draw?",
        "es": "¿A qué resultado de {match}: {home}, {away} o el empate?",
        "pt_br": "Em qual resultado de {match}: {home}, {away} ou o empate?",
    },
    "which_side_no_draw": {
        "en": "On which side of {match}: {home} or {away}?",
        "es": "¿A qué lado de {match}: {home} o {away}?",
        "pt_br": "Em qual lado de {match}: {home} ou {away}?",
    },
    "no_team": {
        "en": "Which team do you mean? Tell me its name.",
        "es": "¿Qué equipo quieres decir? Dime su nombre.",
        "pt_br": "Qual time você quer dizer? Me diga o nome.",
    },
}


def ask_reference(turn: Turn) -> tuple[str, list[str]]:
    """The question back for an unresolved reference, in the user's language."""
    turn.intent = "clarification"
    key = turn.question or "no_match"
    turn.context["asked"] = key  # the next message may be its answer ("Taylor Fritz", "the draw")
    if key == "which_side" and not has_draw(turn.context.get("fixture_sport")):
        key = "which_side_no_draw"
    table = QUESTIONS[key]
    listed = len(turn.context.get("last_list") or [])
    home, away = (turn.context.get("fixture_teams") or ["", ""])[:2]
    text = (table.get(turn.language) or table["en"]).format(n=listed, match=f"{home} vs {away}", home=home, away=away)
    return text, suggestions("generic", turn.language)
