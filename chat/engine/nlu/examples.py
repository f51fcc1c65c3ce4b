"""A few example messages per intent, served by GET /api/v1/chat/intents."""

from __future__ import annotations

INTENT_EXAMPLES: dict[str, list[str]] = {
    "match_schedule": [
        "When does Real Madrid play next?",
        "What games are on this weekend?",
        "¿A qué hora juega el Barça mañana?",
        "Quais jogos tem hoje?",
    ],
    "odds_information": [
        "What are the odds for Arsenal vs Chelsea?",
        "Odds for over 2.5 goals in the Liverpool game",
        "¿Cuánto paga el empate entre Millonarios y Nacional?",
        "Qual é a odd do Flamengo?",
    ],
    "betting_recommendation": [
        "Give me a safe bet for tonight",
        "I have $50, what should I bet on?",
        "Recomiéndame una apuesta arriesgada para el fin de semana",
        "Alguma dica de aposta para hoje?",
    ],
    "team_comparison": [
        "Compare Man City and Liverpool",
        "Who is better, Bayern or Dortmund?",
        "¿Quién llega mejor, Millonarios o Nacional?",
        "Compara Flamengo com Palmeiras",
    ],
    "balance_query": [
        "What's my balance?",
        "How much money do I have left?",
        "¿Cuál es mi saldo?",
        "Qual é o meu saldo?",
    ],
    "bet_simulation": [
        "What if I bet $20 on Barcelona to win?",
        "How much would I win with 10 euros on a draw?",
        "Si apuesto 50 mil pesos al Madrid, ¿cuánto gano?",
        "Place a bet of 10 on Arsenal",
    ],
    "tournament_info": [
        "Which leagues do you cover?",
        "Tell me about the Champions League",
        "¿Qué torneos tienen disponibles?",
        "Quais campeonatos vocês têm?",
    ],
    "general_betting_info": [
        "How do odds work?",
        "What does BTTS mean?",
        "¿Qué es el hándicap asiático?",
        "O que é dupla chance?",
    ],
    "greeting": ["Hi!", "Good morning", "Hola, ¿qué tal?", "Oi, tudo bem?"],
    "help": ["What can you do?", "Help", "¿Cómo te uso?", "Me ajuda, como funciona esse chat?"],
    "out_of_scope": [
        "What's the weather like today?",
        "Write me a poem",
        "¿Cuál es la capital de Francia?",
        "Me conta uma piada",
    ],
}
