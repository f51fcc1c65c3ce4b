"""Batch 17's five misread kinds, on sentences of their own (in no data file), en/es/pt, read by `understand()`:

- a match's start asked in the sport's own words ("tip off", "first serve", "a qué hora arranca", "que horas a bola
  rola"): the schedule, never a tip;
- which competitions play on a day, in Spanish ("qué torneos se juegan el sábado"): tournament information;
- how a payout is worked out from the odds ("cómo calculan el premio"): general information, not a price;
- trivia of a club or competition (anthem, crest, mascot, founding) and the price of a shirt or a ticket: off-topic;
and their near misses keep their readings (odds, balance, a schedule, what is covered, a tip, a simulation).
"""

from __future__ import annotations

import pytest

from chat.engine.nlu import understand
from chat.engine.nlu_eval import EVAL_NOW as NLU_NOW


def intent_of(text: str) -> str:
    return understand(text, now=NLU_NOW).intent


@pytest.mark.parametrize("text", [
    "what time does the thunder game tip off", "when is tip off for the nuggets", "what time is first serve for fritz",
    "a qué hora arranca el partido del osasuna", "a qué hora empieza el partido de los suns",
    "cuándo es el saque inicial del girona", "que horas a bola rola no jogo do internacional",
    "quando começa a partida do fortaleza",
])
def test_a_sports_own_word_for_the_start_asks_the_schedule(text: str) -> None:
    assert intent_of(text) == "match_schedule"


@pytest.mark.parametrize("text", [
    "qué ligas se juegan el sábado", "cuáles competiciones juegan hoy", "qué torneos hay esta noche",
    "which competitions play on sunday", "quais ligas jogam no sábado",
])
def test_which_competitions_play_on_a_day_is_tournament_info(text: str) -> None:
    assert intent_of(text) == "tournament_info"


@pytest.mark.parametrize("text", [
    "how are the winnings calculated from the odds", "how do you work out the return from a price",
    "cómo se calculan los pagos con la cuota", "cómo calculan el premio", "como vocês calculam o lucro pela odd",
])
def test_how_a_payout_is_worked_out_is_general_information(text: str) -> None:
    assert intent_of(text) == "general_betting_info"


@pytest.mark.parametrize("text", [
    "who wrote the la liga anthem", "who drew the chelsea badge", "when was ajax founded",
    "quién compuso el himno del real madrid", "cuál es la mascota del celta", "quem fez o hino do palmeiras",
    "qual o mascote do grêmio",
    "how much is a chelsea jersey", "how much are tickets for the manchester united game",
    "cuánto cuesta la camiseta del betis", "cuánto valen las entradas para ver al barcelona",
    "quanto custa o ingresso do jogo do santos", "quanto é a camisa do corinthians",
])
def test_trivia_and_the_price_of_merchandise_are_off_topic(text: str) -> None:
    assert intent_of(text) == "out_of_scope"


@pytest.mark.parametrize(("text", "intent"), [
    ("what are the odds for the thunder on sunday", "odds_information"),
    ("how much are the spurs paying", "odds_information"),
    ("cuotas del betis el domingo", "odds_information"),
    ("how much money is in my account", "balance_query"),
    ("quanto eu tenho de saldo", "balance_query"),
    ("partidos de la liga mañana", "match_schedule"),
    ("jogos do brasileirão amanhã", "match_schedule"),
    ("qué ligas tienen", "tournament_info"),
    ("quais campeonatos vocês cobrem", "tournament_info"),
    ("any tips for the lakers tonight", "betting_recommendation"),
    ("how much would I win with 10 on arsenal", "bet_simulation"),
    ("how are decimal odds calculated", "general_betting_info"),
])
def test_near_misses_keep_their_reading(text: str, intent: str) -> None:
    assert intent_of(text) == intent
