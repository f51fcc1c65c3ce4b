"""The intents the assistant understands: the one catalogue.

Served by GET /api/v1/chat/intents, and the NLU's intent list and its examples are read from here
(`chat.engine.nlu.INTENTS`, `INTENT_EXAMPLES`; every example must classify as its intent, tested).
"""

from __future__ import annotations

INTENTS: list[dict] = [
    {"intent": "match_schedule", "description": "When teams play; matches by date, tournament or live now.",
     "examples": {
         "en": [
             "When does Arsenal play next?", "Matches this weekend", "When does Real Madrid play next?",
             "What games are on this weekend?",
         ],
         "es": ["¿Cuándo juega el Barça?", "Partidos del sábado", "¿A qué hora juega el Barça mañana?"],
         "pt_br": ["Quando joga o Flamengo?", "Quais jogos tem hoje?"],
     }},
    {"intent": "odds_information", "description": "Current odds of a match or market (1X2, over/under, BTTS...).",
     "examples": {
         "en": [
             "Odds for Real Madrid vs Barcelona", "and the odds?", "What are the odds for Arsenal vs Chelsea?",
             "Odds for over 2.5 goals in the Liverpool game",
         ],
         "es": ["¿Cuánto paga el empate del Madrid?", "¿Cuánto paga el empate entre Millonarios y Nacional?"],
         "pt_br": ["Quais as odds do Palmeiras?", "Qual é a odd do Flamengo?"],
     }},
    {"intent": "betting_recommendation", "description": "Ideas for a stake and risk level, with the numbers.",
     "examples": {
         "en": [
             "What should I bet 20 on, low risk?", "Give me a safe bet for tonight",
             "I have $50, what should I bet on?",
         ],
         "es": ["Recomiéndame una apuesta segura de 10", "Recomiéndame una apuesta arriesgada para el fin de semana"],
         "pt_br": ["Sugira uma aposta arriscada", "Alguma dica de aposta para hoje?"],
     }},
    {"intent": "team_comparison", "description": "Compare two teams from their fixtures and odds.",
     "examples": {
         "en": [
             "Compare Liverpool and Chelsea", "compare it with Chelsea", "Compare Man City and Liverpool",
             "Who is better, Bayern or Dortmund?",
         ],
         "es": ["Compara Boca y River", "¿Quién llega mejor, Millonarios o Nacional?"],
         "pt_br": ["Compare Palmeiras e Santos", "Compara Flamengo com Palmeiras"],
     }},
    {"intent": "balance_query", "description": "Your ChatBet balance (logged-in users with a linked account).",
     "examples": {
         "en": ["What's my balance?", "How much money do I have left?"],
         "es": ["¿Cuánto saldo tengo?", "¿Cuál es mi saldo?"],
         "pt_br": ["Qual é o meu saldo?"],
     }},
    {"intent": "bet_simulation", "description": "What a bet would return: single or accumulator.",
     "examples": {
         "en": [
             "What if I bet 50 on Arsenal?", "what if I bet 50 instead?", "What if I bet $20 on Barcelona to win?",
             "How much would I win with 10 euros on a draw?", "Place a bet of 10 on Arsenal",
         ],
         "es": ["¿Cuánto gano si apuesto 20 euros al Madrid?", "Si apuesto 50 mil pesos al Madrid, ¿cuánto gano?"],
         "pt_br": ["E se eu apostar 30 no Grêmio?"],
     }},
    {"intent": "tournament_info", "description": "Tournaments with upcoming matches.",
     "examples": {
         "en": ["Which leagues do you have?", "Which leagues do you cover?", "Tell me about the Champions League"],
         "es": ["¿Qué torneos hay?", "¿Qué torneos tienen disponibles?"],
         "pt_br": ["Quais campeonatos?", "Quais campeonatos vocês têm?"],
     }},
    {"intent": "general_betting_info", "description": "How odds, 1X2, BTTS, handicaps and margins work.",
     "examples": {
         "en": ["What is a handicap?", "How do odds work?", "What does BTTS mean?"],
         "es": ["¿Qué significa 1X2?", "¿Qué es el hándicap asiático?"],
         "pt_br": ["O que é ambas marcam?", "O que é dupla chance?"],
     }},
    {"intent": "greeting", "description": "Hello.",
     "examples": {
         "en": ["Hi", "Hi!", "Good morning"],
         "es": ["Hola", "Hola, ¿qué tal?"],
         "pt_br": ["Olá", "Oi, tudo bem?"],
     }},
    {"intent": "help", "description": "What the assistant can do.",
     "examples": {
         "en": ["What can you do?", "Help"],
         "es": ["¿Qué puedes hacer?", "¿Cómo te uso?"],
         "pt_br": ["O que você faz?", "Me ajuda, como funciona esse chat?"],
     }},
    {"intent": "out_of_scope", "description": "Anything else: the assistant says what it can help with.",
     "examples": {
         "en": ["What's the weather?", "What's the weather like today?", "Write me a poem"],
         "es": ["¿Qué tiempo hace?", "¿Cuál es la capital de Francia?"],
         "pt_br": ["Como está o tempo?", "Me conta uma piada"],
     }},
]
