"""The clarifying question asked when the understanding abstains (en/es/pt).

Why: in a betting product a confident wrong answer is the worst kind, so a message the model is
unsure about gets "did you mean A or B?" with the two most likely readings as suggested actions, each
written so that tapping it is understood without doubt (it names the team or stake the user gave).
"""

from __future__ import annotations

# What each reading means, in a few words.
READING = {
    "match_schedule": {"en": "when a match is on", "es": "cuándo es un partido", "pt_br": "quando é um jogo"},
    "odds_information": {"en": "the odds", "es": "las cuotas", "pt_br": "as odds"},
    "betting_recommendation": {"en": "a betting tip", "es": "una recomendación de apuesta",
                               "pt_br": "uma dica de aposta"},
    "team_comparison": {"en": "a comparison of two teams", "es": "comparar dos equipos",
                        "pt_br": "comparar dois times"},
    "balance_query": {"en": "your balance", "es": "tu saldo", "pt_br": "o seu saldo"},
    "bet_simulation": {"en": "what a stake would return", "es": "cuánto devolvería una apuesta",
                       "pt_br": "quanto uma aposta retornaria"},
    "tournament_info": {"en": "the leagues I cover", "es": "las ligas que cubro", "pt_br": "os campeonatos que cubro"},
    "general_betting_info": {"en": "how betting works", "es": "cómo funcionan las apuestas",
                             "pt_br": "como funcionam as apostas"},
    "greeting": {"en": "just saying hello", "es": "solo saludar", "pt_br": "só dar um oi"},
    "help": {"en": "what I can do", "es": "qué puedo hacer", "pt_br": "o que eu posso fazer"},
}

# The suggested action for each reading: (with a team, without one).
ACTION = {
    "match_schedule": {"en": ("When does {team} play?", "Matches today"),
                       "es": ("¿Cuándo juega {team}?", "Partidos de hoy"),
                       "pt_br": ("Quando joga o {team}?", "Jogos de hoje")},
    "odds_information": {"en": ("Odds for {team}", "Odds for today's matches"),
                         "es": ("Cuotas de {team}", "Cuotas de los partidos de hoy"),
                         "pt_br": ("Odds do {team}", "Odds dos jogos de hoje")},
    "betting_recommendation": {"en": ("Recommend a bet on {team}", "Recommend a bet"),
                               "es": ("Recomiéndame una apuesta del {team}", "Recomiéndame una apuesta"),
                               "pt_br": ("Me recomenda uma aposta do {team}", "Me recomenda uma aposta")},
    "team_comparison": {"en": ("Compare {team} and {team2}", "What can you do?"),
                        "es": ("Compara {team} y {team2}", "¿Qué puedes hacer?"),
                        "pt_br": ("Compara {team} e {team2}", "O que você pode fazer?")},
    "balance_query": {"en": ("What's my balance?",) * 2, "es": ("¿Cuál es mi saldo?",) * 2,
                      "pt_br": ("Qual é o meu saldo?",) * 2},
    "bet_simulation": {"en": ("If I bet {amount} on {team}, what do I win?", "If I bet 10, what do I win?"),
                       "es": ("Si apuesto {amount} al {team}, ¿cuánto gano?", "Si apuesto 10, ¿cuánto gano?"),
                       "pt_br": ("Se eu apostar {amount} no {team}, quanto ganho?", "Se eu apostar 10, quanto ganho?")},
    "tournament_info": {"en": ("Which leagues do you cover?",) * 2, "es": ("¿Qué ligas cubren?",) * 2,
                        "pt_br": ("Quais campeonatos vocês cobrem?",) * 2},
    "general_betting_info": {"en": ("How do odds work?",) * 2, "es": ("¿Cómo funcionan las cuotas?",) * 2,
                             "pt_br": ("Como funcionam as odds?",) * 2},
    "greeting": {"en": ("Hello",) * 2, "es": ("Hola",) * 2, "pt_br": ("Olá",) * 2},
    "help": {"en": ("What can you do?",) * 2, "es": ("¿Qué puedes hacer?",) * 2,
             "pt_br": ("O que você pode fazer?",) * 2},
}

QUESTION = {
    "en": "I'm not sure what you're asking: {a} or {b}?",
    "es": "No estoy seguro de lo que preguntas: ¿{a} o {b}?",
    "pt_br": "Não tenho certeza do que você pergunta: {a} ou {b}?",
}


def _action(intent: str, language: str, *, teams: list[str], amount: str | None) -> str:
    with_team, without = ACTION[intent][language]
    values = {"team": teams[0] if teams else None, "team2": teams[1] if len(teams) > 1 else None, "amount": amount}
    needed = [key for key in ("team", "team2", "amount") if "{" + key + "}" in with_team]
    if all(values[key] for key in needed):
        return with_team.format(**values)
    return without


def clarifying_question(readings: list[str], language: str, *, teams: list[str],
                        amount: str | None = None) -> tuple[str, list[str]]:
    """(question, suggested actions) for the two most likely readings (out_of_scope is never offered)."""
    language = language if language in QUESTION else "en"
    top = [intent for intent in readings if intent in READING][:2]
    while len(top) < 2:
        top.append("help" if "help" not in top else "match_schedule")
    a, b = (READING[intent][language] for intent in top)
    actions = list(dict.fromkeys(_action(intent, language, teams=teams, amount=amount) for intent in top))
    for fallback in ("help", "match_schedule"):
        if len(actions) < 2 and ACTION[fallback][language][1] not in actions:
            actions.append(ACTION[fallback][language][1])
    return QUESTION[language].format(a=a, b=b), actions
