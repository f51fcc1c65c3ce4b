"""Intents of the kinds the held-out measure found weakest (bench/nlu_generalisation.py, corpus6), each checked on
sentences in no corpus, template or labelled set, in en/es/pt_BR: a betting concept asked in a punter's words (how a
market is settled, what a figure means), off-topic chatter about sport that is no bet (a player's caps or age, the
scorer of a past cup) and about anything else (a fun fact, the cinema, the wind), a tip asked indirectly ("anything
juicy", "cara de green"), two sides compared in slang ("looking sharper", "mais embalado"), what the assistant is
for, and a price asked without the word odds.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chat.engine.nlu import understand

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)  # a Thursday

CASES = [
    ('how do they settle a btts wager', 'general_betting_info'),
    ('whats the difference between a treble and an acca', 'general_betting_info'),
    ('que significa cuota 1.90 en la practica', 'general_betting_info'),
    ('como funciona el handicap de -1 en futbol', 'general_betting_info'),
    ('o que quer dizer aposta dupla', 'general_betting_info'),
    ('como funciona o cashout antecipado', 'general_betting_info'),
    ('how many caps does Modric have for Croatia', 'out_of_scope'),
    ('is it windy in Manchester today', 'out_of_scope'),
    ('quien fue el goleador del ultimo mundial', 'out_of_scope'),
    ('cuentame algo curioso sobre los pinguinos', 'out_of_scope'),
    ('quantos anos tem o Neymar', 'out_of_scope'),
    ('qual filme ta passando no cinema', 'out_of_scope'),
    ('anything juicy on the card tonight?', 'betting_recommendation'),
    ("any edges you're seeing for saturday", 'betting_recommendation'),
    ('que jugada ves clara para hoy', 'betting_recommendation'),
    ('alguna apuesta que te guste para el domingo', 'betting_recommendation'),
    ('qual aposta ta com cara de green hoje', 'betting_recommendation'),
    ('o que voce jogaria hoje a noite', 'betting_recommendation'),
    ("Inter or Milan, who's looking sharper", 'team_comparison'),
    ('how do Bayern Munich and Leverkusen match up on form', 'team_comparison'),
    ('entre Villarreal y Valencia, cual llega mas afilado', 'team_comparison'),
    ('como estan Boca y River comparados', 'team_comparison'),
    ('quem chega mais embalado, Fluminense ou Vasco', 'team_comparison'),
    ('compara a fase do Gremio e do Internacional', 'team_comparison'),
    ('what services do you offer in here', 'help'),
    ('que puedo hacer contigo aca', 'help'),
    ('quais coisas voce faz por mim', 'help'),
    ("what's the draw paying in Inter vs Milan", 'odds_information'),
    ('cuanto pagan por el Betis', 'odds_information'),
    ('quanto ta a odd do Santos', 'odds_information'),
]


@pytest.mark.parametrize(("text", "intent"), CASES)
def test_a_new_sentence_of_a_weak_kind_gets_its_intent(text, intent):
    result = understand(text, now=NOW)
    assert result.intent == intent, result.alternatives
