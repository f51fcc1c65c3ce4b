"""The offline engine's phrasebook: what its answers say, per language (`t`), the follow-up prompts it
offers (`suggestions`), and the fixed cues the classifier does not model. The engine itself is
`chat.engine.offline`, its handlers `chat.engine.handlers`, the follow-up logic `chat.engine.frame`.
"""

from __future__ import annotations

import logging
import re

logger = logging.getLogger(__name__)

TEAM_INTENTS = {"odds_information", "bet_simulation", "team_comparison"}

# --- phrasebook -------------------------------------------------------------------------------

T: dict[str, dict[str, str]] = {
    "greeting": {
        "en": "Hi! I'm ChatBet, your betting assistant. I can show fixtures, live odds, compare teams and "
              "simulate bets with real prices.",
        "es": "¡Hola! Soy ChatBet, tu asistente de apuestas. Puedo mostrarte partidos, cuotas en vivo, comparar "
              "equipos y simular apuestas con precios reales.",
        "pt_br": "Olá! Sou o ChatBet, seu assistente de apostas. Posso mostrar jogos, odds ao vivo, comparar "
                 "times e simular apostas com preços reais.",
    },
    "help": {
        "en": "Here's what I can do:\n• Fixtures: \"When does Arsenal play?\", \"matches this weekend\"\n"
              "• Odds: \"odds for Real Madrid vs Barcelona\", \"over 2.5 for Inter\"\n"
              "• Compare teams: \"compare Liverpool and Chelsea\"\n"
              "• Simulate: \"what if I bet 20 on Arsenal?\"\n"
              "• Ideas for a stake and risk level, your balance (logged in), and how betting markets work.",
        "es": "Esto es lo que puedo hacer:\n• Partidos: \"¿cuándo juega el Barça?\", \"partidos este finde\"\n"
              "• Cuotas: \"cuotas del Real Madrid vs Barcelona\", \"más de 2.5 del Inter\"\n"
              "• Comparar equipos: \"compara Liverpool y Chelsea\"\n"
              "• Simular: \"¿y si apuesto 20 al Arsenal?\"\n"
              "• Ideas según monto y riesgo, tu saldo (con sesión iniciada) y cómo funcionan los mercados.",
        "pt_br": "Veja o que posso fazer:\n• Jogos: \"quando joga o Flamengo?\", \"jogos neste fim de semana\"\n"
                 "• Odds: \"odds do Real Madrid x Barcelona\"\n• Comparar times: \"compare Palmeiras e Santos\"\n"
                 "• Simular: \"e se eu apostar 20 no Arsenal?\"\n"
                 "• Sugestões por valor e risco, seu saldo (logado) e como funcionam os mercados.",
    },
    "thanks": {"en": "You're welcome! Anything else about fixtures or odds?",
               "es": "¡De nada! ¿Algo más sobre partidos o cuotas?",
               "pt_br": "De nada! Mais alguma coisa sobre jogos ou odds?"},
    "bye": {"en": "See you! Come back any time for fixtures and odds.",
            "es": "¡Hasta luego! Vuelve cuando quieras por partidos y cuotas.",
            "pt_br": "Até logo! Volte quando quiser para ver jogos e odds."},
    "implied": {"en": "Implied probability", "es": "Probabilidad implícita", "pt_br": "Probabilidade implícita"},
    "out_of_scope": {
        "en": "I can only help with sports fixtures, odds and bet simulations. Try asking about a team or a match.",
        "es": "Solo puedo ayudarte con partidos, cuotas y simulaciones de apuestas. Pregúntame por un equipo o "
              "un partido.",
        "pt_br": "Só posso ajudar com jogos, odds e simulações de apostas. Pergunte sobre um time ou uma partida.",
    },
    "fixtures_for": {"en": "Upcoming matches{team}{when}:", "es": "Próximos partidos{team}{when}:",
                     "pt_br": "Próximos jogos{team}{when}:"},
    "live_now": {"en": "Live now:", "es": "En vivo ahora:", "pt_br": "Ao vivo agora:"},
    "live_label": {"en": "🔴 LIVE", "es": "🔴 EN VIVO", "pt_br": "🔴 AO VIVO"},
    "showing_some": {"en": "Showing {shown} of {total} matches. To see more, ask for one tournament (e.g. "
                           "\"{more}\") or a narrower date.",
                     "es": "Mostrando {shown} de {total} partidos. Para ver más, pide un torneo (p. ej. "
                           "\"{more}\") o una fecha más concreta.",
                     "pt_br": "Mostrando {shown} de {total} jogos. Para ver mais, peça um torneio (ex.: "
                              "\"{more}\") ou uma data mais específica."},
    "showing_by_date": {"en": "Showing {shown} of {total} matches. Ask for a specific day to see the others.",
                        "es": "Mostrando {shown} de {total} partidos. Pide un día concreto para ver los demás.",
                        "pt_br": "Mostrando {shown} de {total} jogos. Peça um dia específico para ver os outros."},
    "more_in": {"en": "{tournament} matches", "es": "Partidos de {tournament}", "pt_br": "Jogos de {tournament}"},
    "no_fixtures": {
        "en": "I couldn't find matches{team}{when}.", "es": "No encontré partidos{team}{when}.",
        "pt_br": "Não encontrei jogos{team}{when}.",
    },
    "no_live": {"en": "No matches are live right now.", "es": "No hay partidos en vivo ahora mismo.",
                "pt_br": "Não há jogos ao vivo agora."},
    "nearest": {"en": "The nearest ones I have:", "es": "Los más cercanos que tengo:",
                "pt_br": "Os mais próximos que tenho:"},
    "no_alternatives": {"en": "There are no upcoming matches for that right now.",
                        "es": "Ahora mismo no hay partidos próximos para eso.",
                        "pt_br": "No momento não há jogos próximos para isso."},
    "which_match": {"en": "Which match do you mean? Tell me a team, for example:",
                    "es": "¿Qué partido? Dime un equipo, por ejemplo:",
                    "pt_br": "Qual jogo? Diga um time, por exemplo:"},
    "odds_head": {"en": "Odds for {match} ({tournament}, {when}):", "es": "Cuotas de {match} ({tournament}, {when}):",
                  "pt_br": "Odds de {match} ({tournament}, {when}):"},
    "suspended": {"en": "Betting on this match is suspended right now.",
                  "es": "Las apuestas de este partido están suspendidas ahora mismo.",
                  "pt_br": "As apostas deste jogo estão suspensas agora."},
    "stale": {"en": "(prices from {age}s ago; the live feed is catching up)",
              "es": "(precios de hace {age}s; el feed se está actualizando)",
              "pt_br": "(preços de {age}s atrás; o feed está atualizando)"},
    "margin": {"en": "bookmaker margin {margin}%", "es": "margen de la casa {margin}%",
               "pt_br": "margem da casa {margin}%"},
    "no_market": {"en": "That market isn't offered for {match}.", "es": "Ese mercado no está disponible para {match}.",
                  "pt_br": "Esse mercado não está disponível para {match}."},
    "sim_single": {
        "en": "A {stake} bet on {label} at odds {odds} would return {returns} (profit {profit}). "
              "Implied probability: {prob}% (1 ÷ odds, bookmaker margin included).",
        "es": "Una apuesta de {stake} por «{label}» con cuota {odds} devolvería {returns} (ganancia {profit}). "
              "Probabilidad implícita: {prob}% (1 ÷ cuota, con el margen de la casa).",
        "pt_br": "Uma aposta de {stake} em «{label}» com odd {odds} retornaria {returns} (lucro {profit}). "
                 "Probabilidade implícita: {prob}% (1 ÷ odd, com a margem da casa).",
    },
    "sim_combo": {
        "en": "Accumulator of {n} legs, combined odds {odds}: a {stake} stake would return {returns} "
              "(profit {profit}). Implied probability: {prob}% (1 ÷ odds, bookmaker margin included).",
        "es": "Combinada de {n} selecciones, cuota total {odds}: con {stake} devolvería {returns} "
              "(ganancia {profit}). Probabilidad implícita: {prob}% (1 ÷ cuota, con el margen de la casa).",
        "pt_br": "Múltipla de {n} seleções, odd total {odds}: com {stake} retornaria {returns} "
                 "(lucro {profit}). Probabilidade implícita: {prob}% (1 ÷ odd, com a margem da casa).",
    },
    "sim_note": {"en": "This is a simulation; nothing was placed.", "es": "Es una simulación; no se apostó nada.",
                 "pt_br": "É uma simulação; nada foi apostado."},
    "need_stake": {"en": "How much would you like to simulate? For example: \"what if I bet 20 on {team}?\"",
                   "es": "¿Cuánto quieres simular? Por ejemplo: \"¿y si apuesto 20 a {team}?\"",
                   "pt_br": "Quanto quer simular? Por exemplo: \"e se eu apostar 20 no {team}?\""},
    "rec_head": {"en": "Ideas for a {stake} stake, {risk} risk (from current odds):",
                 "es": "Ideas para {stake}, riesgo {risk} (con las cuotas actuales):",
                 "pt_br": "Ideias para {stake}, risco {risk} (com as odds atuais):"},
    "rec_line": {"en": "{label} — {match}, {when}: odds {odds}, implied {prob}% (≈{fair}% without the margin); "
                       "{stake} returns {returns}.",
                 "es": "{label} — {match}, {when}: cuota {odds}, implícita {prob}% (≈{fair}% sin margen); "
                       "{stake} devuelve {returns}.",
                 "pt_br": "{label} — {match}, {when}: odd {odds}, implícita {prob}% (≈{fair}% sem margem); "
                          "{stake} retorna {returns}."},
    "rec_none": {"en": "I found no prices in that risk range for those dates.",
                 "es": "No encontré cuotas en ese nivel de riesgo para esas fechas.",
                 "pt_br": "Não encontrei odds nessa faixa de risco para essas datas."},
    "risk_note": {
        "en": "Risk note: odds are probabilities with a margin, not certainties — any of these can lose. "
              "Bet only what you can afford to lose.",
        "es": "Aviso de riesgo: las cuotas son probabilidades con margen, no certezas; cualquiera puede perder. "
              "Apuesta solo lo que puedas permitirte perder.",
        "pt_br": "Aviso de risco: odds são probabilidades com margem, não certezas; qualquer uma pode perder. "
                 "Aposte apenas o que pode perder.",
    },
    "limit_note": {"en": "Figures use your daily stake limit of {limit}.",
                   "es": "Las cifras usan tu límite diario de apuesta de {limit}.",
                   "pt_br": "Os valores usam seu limite diário de apostas de {limit}."},
    "excluded": {
        "en": "Your account is self-excluded, so I won't suggest or place bets. I can still show fixtures and "
              "explain how betting works. If you need support, visit a responsible-gambling service.",
        "es": "Tu cuenta está en autoexclusión, así que no sugeriré ni colocaré apuestas. Puedo mostrarte partidos y "
              "explicarte cómo funcionan las apuestas. Si necesitas apoyo, acude a un servicio de juego responsable.",
        "pt_br": "Sua conta está em autoexclusão, então não vou sugerir nem fazer apostas. Se precisar de apoio, "
                 "procure um serviço de jogo responsável.",
    },
    "cmp_head": {"en": "{a} vs {b}:", "es": "{a} vs {b}:", "pt_br": "{a} x {b}:"},
    "cmp_h2h": {"en": "They meet in {match} ({tournament}, {when}). Odds: {a} {oa} · draw {od} · {b} {ob} → "
                      "win chances without the margin: {a} {pa}%, draw {pd}%, {b} {pb}%.",
                "es": "Se enfrentan en {match} ({tournament}, {when}). Cuotas: {a} {oa} · empate {od} · {b} {ob} → "
                      "probabilidades sin margen: {a} {pa}%, empate {pd}%, {b} {pb}%.",
                "pt_br": "Eles se enfrentam em {match} ({tournament}, {when}). Odds: {a} {oa} · empate {od} · {b} {ob}"
                         " → chances sem margem: {a} {pa}%, empate {pd}%, {b} {pb}%."},
    "cmp_h2h_no_draw": {
        "en": "They meet in {match} ({tournament}, {when}). Odds: {a} {oa} · {b} {ob} → win chances without the "
              "margin: {a} {pa}%, {b} {pb}%.",
        "es": "Se enfrentan en {match} ({tournament}, {when}). Cuotas: {a} {oa} · {b} {ob} → probabilidades sin "
              "margen: {a} {pa}%, {b} {pb}%.",
        "pt_br": "Eles se enfrentam em {match} ({tournament}, {when}). Odds: {a} {oa} · {b} {ob} → chances sem "
                 "margem: {a} {pa}%, {b} {pb}%.",
    },
    "cmp_no_h2h": {"en": "They have no match against each other coming up.",
                   "es": "No tienen un partido entre ellos próximamente.",
                   "pt_br": "Eles não têm jogo entre si em breve."},
    "cmp_next": {"en": "{team}: next {match} ({when}){strength}.", "es": "{team}: próximo {match} ({when}){strength}.",
                 "pt_br": "{team}: próximo {match} ({when}){strength}."},
    "cmp_strength": {"en": ", {p}% to win by the odds (without the bookmaker margin)",
                     "es": ", {p}% de ganar según las cuotas (sin el margen de la casa)",
                     "pt_br": ", {p}% de vencer pelas odds (sem a margem da casa)"},
    "cmp_none": {"en": "{team}: no upcoming match.", "es": "{team}: sin partidos próximos.",
                 "pt_br": "{team}: sem jogos próximos."},
    "cmp_need": {"en": "Which two teams should I compare? For example: \"compare Arsenal and Chelsea\".",
                 "es": "¿Qué dos equipos comparo? Por ejemplo: \"compara Arsenal y Chelsea\".",
                 "pt_br": "Quais dois times devo comparar? Por exemplo: \"compare Arsenal e Chelsea\"."},
    "login": {"en": "To {what}, log in and link your ChatBet account first.",
              "es": "Para {what}, inicia sesión y vincula tu cuenta de ChatBet primero.",
              "pt_br": "Para {what}, faça login e vincule sua conta ChatBet primeiro."},
    "link": {"en": "Link your ChatBet account (your userKey) in your profile to {what}.",
             "es": "Vincula tu cuenta de ChatBet (tu userKey) en tu perfil para {what}.",
             "pt_br": "Vincule sua conta ChatBet (seu userKey) no perfil para {what}."},
    "see_balance": {"en": "see your balance", "es": "ver tu saldo", "pt_br": "ver seu saldo"},
    "see_bets": {"en": "see your bets", "es": "ver tus apuestas", "pt_br": "ver suas apostas"},
    "my_bets": {"en": "Your bets ({count}):", "es": "Tus apuestas ({count}):", "pt_br": "Suas apostas ({count}):"},
    "no_bets": {"en": "You have no placed bets yet.", "es": "Aún no tienes apuestas colocadas.",
                "pt_br": "Você ainda não tem apostas feitas."},
    "bet_which_market": {
        "en": "What do you want to bet on in that match: a team to win, the draw, over/under goals, both teams to "
              "score, or a handicap? Nothing is prepared until you say.",
        "es": "¿A qué quieres apostar en ese partido: que gane un equipo, el empate, más/menos goles, ambos marcan o "
              "un hándicap? No preparo nada hasta que lo digas.",
        "pt_br": "No que você quer apostar nessa partida: vitória de um time, empate, mais/menos gols, ambas marcam ou "
                 "handicap? Nada é preparado até você dizer."},
    "bet_which_fixture": {"en": "{team} has more than one match then. Which one do you mean?",
                          "es": "{team} tiene más de un partido en ese momento. ¿Cuál quieres?",
                          "pt_br": "{team} tem mais de uma partida nesse período. Qual delas?"},
    "place_bets": {"en": "place real bets", "es": "colocar apuestas reales", "pt_br": "fazer apostas reais"},
    "balance": {"en": "Your balance: {money} {cur} (playable {playable}, withdrawable {withdrawable}, bonus {bonus}).",
                "es": "Tu saldo: {money} {cur} (disponible {playable}, retirable {withdrawable}, bono {bonus}).",
                "pt_br": "Seu saldo: {money} {cur} (disponível {playable}, sacável {withdrawable}, bônus {bonus})."},
    "confirm_bet": {
        "en": "Please confirm this bet: {label} — {match} ({tournament}, {when}), odds {odds}, stake {stake} {cur}, "
              "returns {win} {cur} if it wins (profit {profit} {cur}). To place it, reply exactly \"yes, place it\" "
              "(or \"confirm\"). Anything else leaves it unplaced.",
        "es": "Confirma esta apuesta: {label} — {match} ({tournament}, {when}), cuota {odds}, monto {stake} {cur}, "
              "devuelve {win} {cur} si gana (ganancia {profit} {cur}). Para colocarla, responde exactamente "
              "\"sí, apuesta\" (o \"confirmo\"). Cualquier otra respuesta la deja sin colocar.",
        "pt_br": "Confirme esta aposta: {label} — {match} ({tournament}, {when}), odd {odds}, valor {stake} {cur}, "
                 "retorna {win} {cur} se ganhar (lucro {profit} {cur}). Para fazê-la, responda exatamente "
                 "\"sim, pode apostar\" (ou \"confirmo\"). Qualquer outra resposta a deixa sem fazer.",
    },
    "need_exact_phrase": {
        "en": "This is real money, so a plain \"{said}\" isn't enough: I need the exact phrase. Nothing is placed yet.",
        "es": "Es dinero real, así que un simple \"{said}\" no basta: necesito la frase exacta. Aún no se colocó "
              "nada.",
        "pt_br": "É dinheiro de verdade, então um simples \"{said}\" não basta: preciso da frase exata. Nada foi "
                 "feito ainda.",
    },
    "bet_placed": {"en": "Done: your bet on {label} ({match}) at odds {odds} for {stake} {cur} is placed. "
                         "Returns {win} {cur} if it wins. Reference: {ref}.",
                   "es": "Listo: tu apuesta a {label} ({match}) con cuota {odds} por {stake} {cur} está colocada. "
                         "Devuelve {win} {cur} si gana. Referencia: {ref}.",
                   "pt_br": "Pronto: sua aposta em {label} ({match}) com odd {odds} de {stake} {cur} foi feita. "
                            "Retorna {win} {cur} se ganhar. Referência: {ref}."},
    "confirm_combo": {
        "en": "Please confirm this accumulator of {n} legs, placed as one bet:\n{legs}\nCombined odds {odds}, stake "
              "{stake} {cur}, returns {win} {cur} if every leg wins (profit {profit} {cur}). To place it, reply "
              "exactly \"yes, place it\" (or \"confirm\"). Anything else leaves it unplaced.",
        "es": "Confirma esta combinada de {n} selecciones, colocada como una sola apuesta:\n{legs}\nCuota combinada "
              "{odds}, monto {stake} {cur}, devuelve {win} {cur} si aciertan todas (ganancia {profit} {cur}). Para "
              "colocarla, responde exactamente \"sí, apuesta\" (o \"confirmo\"). Cualquier otra respuesta la deja "
              "sin colocar.",
        "pt_br": "Confirme esta múltipla de {n} seleções, feita como uma única aposta:\n{legs}\nOdd combinada {odds}, "
                 "valor {stake} {cur}, retorna {win} {cur} se todas acertarem (lucro {profit} {cur}). Para fazê-la, "
                 "responda exatamente \"sim, pode apostar\" (ou \"confirmo\"). Qualquer outra resposta a deixa sem "
                 "fazer.",
    },
    "combo_leg": {"en": "• {label} — {match} ({tournament}, {when}), odds {odds}",
                  "es": "• {label} — {match} ({tournament}, {when}), cuota {odds}",
                  "pt_br": "• {label} — {match} ({tournament}, {when}), odd {odds}"},
    "combo_placed": {"en": "Done: your accumulator of {n} legs ({legs}) at combined odds {odds} for {stake} {cur} is "
                           "placed as one bet. Returns {win} {cur} if every leg wins. Reference: {ref}.",
                     "es": "Listo: tu combinada de {n} selecciones ({legs}) con cuota combinada {odds} por {stake} "
                           "{cur} está colocada como una sola apuesta. Devuelve {win} {cur} si aciertan todas. "
                           "Referencia: {ref}.",
                     "pt_br": "Pronto: sua múltipla de {n} seleções ({legs}) com odd combinada {odds} de {stake} {cur} "
                              "foi feita como uma única aposta. Retorna {win} {cur} se todas acertarem. Referência: "
                              "{ref}."},
    "combo_which_market": {
        "en": "For an accumulator I need what you want on each match. What do you want on {teams}: a team to win, the "
              "draw, over/under goals, both teams to score? For example: \"combo: 10 on Real Madrid to win and "
              "Arsenal to win\". Nothing is prepared until you say.",
        "es": "Para una combinada necesito saber qué quieres en cada partido. ¿Qué quieres en {teams}: que gane un "
              "equipo, el empate, más/menos goles, ambos marcan? Por ejemplo: \"acumulada de 10: gana el Real Madrid "
              "y gana el Barcelona\". No preparo nada hasta que lo digas.",
        "pt_br": "Para uma múltipla preciso saber o que você quer em cada partida. O que você quer em {teams}: vitória "
                 "de um time, empate, mais/menos gols, ambas marcam? Por exemplo: \"múltipla de 10: vitória do "
                 "Flamengo e vitória do Palmeiras\". Nada é preparado até você dizer."},
    "combo_need_legs": {
        "en": "An accumulator needs two or more matches, one selection on each, and the stake — e.g. \"combo: 10 on "
              "Real Madrid to win and Arsenal to win\". Nothing is prepared until you say.",
        "es": "Una combinada necesita dos o más partidos, una selección en cada uno, y el monto, p. ej. \"acumulada "
              "de 10: gana el Real Madrid y gana el Barcelona\". No preparo nada hasta que lo digas.",
        "pt_br": "Uma múltipla precisa de duas ou mais partidas, uma seleção em cada, e o valor, ex.: \"múltipla de "
                 "10: vitória do Flamengo e vitória do Palmeiras\". Nada é preparado até você dizer."},
    "nothing_pending": {"en": "There's no bet waiting for your confirmation, so nothing was placed. What would you "
                              "like to look at?",
                        "es": "No hay ninguna apuesta esperando tu confirmación, así que no se colocó nada. ¿Qué "
                              "quieres consultar?",
                        "pt_br": "Não há aposta aguardando sua confirmação, então nada foi feito. O que deseja ver?"},
    "bet_already_confirmed": {"en": "That bet was already confirmed from your other message; it is placed only once.",
                              "es": "Esa apuesta ya se confirmó desde tu otro mensaje; se coloca una sola vez.",
                              "pt_br": "Essa aposta já foi confirmada pela sua outra mensagem; ela é feita só uma "
                                       "vez."},
    "bet_outcome_unknown": {
        "en": "I can't tell whether your bet on {label} ({match}) for {stake} {cur} was placed: the betting service "
              "didn't give a clear answer. It may have gone through, so check your bets in your ChatBet account "
              "before placing it again. Until then it counts against your daily limit.",
        "es": "No puedo saber si tu apuesta a {label} ({match}) por {stake} {cur} se colocó: el servicio de apuestas "
              "no dio una respuesta clara. Puede que sí se haya colocado, así que revisa tus apuestas en tu cuenta de "
              "ChatBet antes de volver a hacerla. Mientras tanto cuenta para tu límite diario.",
        "pt_br": "Não consigo saber se sua aposta em {label} ({match}) de {stake} {cur} foi feita: o serviço de "
                 "apostas não deu uma resposta clara. Ela pode ter sido feita, então confira suas apostas na sua "
                 "conta ChatBet antes de fazê-la de novo. Enquanto isso, ela conta para o seu limite diário.",
    },
    "bet_cancelled": {"en": "OK, I didn't place anything.", "es": "De acuerdo, no coloqué nada.",
                      "pt_br": "Ok, não fiz nenhuma aposta."},
    "bet_need": {"en": "To prepare a bet I need the match, what to bet on and the stake — e.g. \"bet 10 on "
                       "Arsenal to win\".",
                 "es": "Para preparar una apuesta necesito el partido, a qué apostar y el monto, p. ej. \"apuesta 10 a "
                       "que gana el Arsenal\".",
                 "pt_br": "Para preparar uma aposta preciso do jogo, do palpite e do valor, ex.: "
                          "\"aposte 10 na vitória do Arsenal\"."},
    "stake_not_positive": {"en": "The stake must be more than 0 — {stake} can't be staked. How much do you want "
                                 "to bet?",
                           "es": "El monto debe ser mayor que 0: no se puede apostar {stake}. ¿Cuánto quieres "
                                 "apostar?",
                           "pt_br": "O valor deve ser maior que 0: não dá para apostar {stake}. Quanto você quer "
                                    "apostar?"},
    "stake_too_big": {"en": "The largest stake I can handle is {max} — {stake} is too much. Try a smaller amount.",
                      "es": "El monto máximo que puedo manejar es {max}; {stake} es demasiado. Prueba con un monto "
                            "menor.",
                      "pt_br": "O valor máximo que consigo usar é {max}; {stake} é demais. Tente um valor menor."},
    "stake_ambiguous": {"en": "Just to be sure with real money: is the stake {whole} or {small}? Please write it "
                              "again without a thousands dot (e.g. \"{whole}\" or \"{small}\").",
                        "es": "Para no equivocarme con dinero real: ¿el monto es {whole} o {small}? Escríbelo de nuevo "
                              "sin punto de miles (p. ej. \"{whole}\" o \"{small}\").",
                        "pt_br": "Para não errar com dinheiro de verdade: o valor é {whole} ou {small}? Escreva "
                                 "de novo sem ponto de milhar (ex.: \"{whole}\" ou \"{small}\")."},
    "stake_decimals": {"en": "A stake can have at most 2 decimals, so I won't round {stake} for you: did you mean "
                             "{cents}? If you meant {whole}, write it without the dot.",
                       "es": "Un monto admite como máximo 2 decimales, así que no redondeo {stake}: ¿quisiste decir "
                             "{cents}? Si querías {whole}, escríbelo sin el punto.",
                       "pt_br": "Um valor aceita no máximo 2 casas decimais, então não arredondo {stake}: você quis "
                                "dizer {cents}? Se queria {whole}, escreva sem o ponto."},
    "which_team": {"en": "I don't cover a team called \"{text}\" — I'm not sure which team you mean. "
                         "The closest ones I have: {names}.",
                   "es": "No cubro ningún equipo llamado \"{text}\"; no estoy seguro de qué equipo es. "
                         "Los más parecidos que tengo: {names}.",
                   "pt_br": "Não cubro nenhum time chamado \"{text}\"; não sei bem qual time é. "
                            "Os mais parecidos que tenho: {names}."},
    "tool_error": {"en": "I couldn't get that: {message}", "es": "No pude obtenerlo: {message}",
                   "pt_br": "Não consegui obter isso: {message}"},
    "unknown_tournament": {"en": "I don't have {tournament} matches. The tournaments I cover: {names}.",
                           "es": "No tengo partidos de {tournament}. Los torneos que cubro: {names}.",
                           "pt_br": "Não tenho jogos de {tournament}. Os torneios que tenho: {names}."},
    "tournaments": {"en": "Tournaments with upcoming matches: {names}.",
                    "es": "Torneos con partidos próximos: {names}.",
                    "pt_br": "Torneios com jogos próximos: {names}."},
}

EXPLAIN: dict[str, dict[str, str]] = {
    "odds": {
        "en": "Decimal odds are what you get back per 1 staked, stake included: a 10 stake at odds 2.50 returns "
              "25 (15 profit). 1 ÷ odds is the implied probability (2.50 → 40%). The implied probabilities of all "
              "outcomes add up to a bit over 100%: the excess is the bookmaker's margin.",
        "es": "La cuota decimal es lo que recibes por cada 1 apostado, incluida la apuesta: 10 a cuota 2.50 "
              "devuelve 25 (15 de ganancia). 1 ÷ cuota es la probabilidad implícita (2.50 → 40%). Las "
              "probabilidades de todos los resultados suman algo más del 100%: ese exceso es el margen de la casa."
    },
    "1x2": {
        "en": "1X2 is the match result: 1 = home win, X = draw, 2 = away win. Exactly one of the three wins.",
        "es": "1X2 es el resultado del partido: 1 = gana el local, X = empate, 2 = gana el visitante. Solo una de "
              "las tres opciones gana."
    },
    "btts": {
        "en": "Both teams to score (BTTS): \"yes\" wins if each team scores at least one goal; \"no\" wins "
              "otherwise. The final result doesn't matter.",
        "es": "Ambos marcan (BTTS): \"sí\" gana si cada equipo marca al menos un gol; \"no\" gana en caso "
              "contrario. El resultado final no importa."
    },
    "handicap": {
        "en": "A handicap gives one team a virtual head start: with -1, your team must win by 2 or more for the bet "
              "to win after the adjustment. It evens out matches with a clear favourite.",
        "es": "El hándicap da ventaja virtual a un equipo: con -1, tu equipo debe ganar por 2 o más goles para "
              "que la apuesta gane tras el ajuste. Sirve para equilibrar partidos con un favorito claro."
    },
    "over_under": {
        "en": "Over/under bets on the total goals: over 2.5 wins with 3 or more goals, under 2.5 with 2 or fewer.",
        "es": "Más/menos apuesta al total de goles: más de 2.5 gana con 3 o más goles, menos de 2.5 con 2 o menos."
    },
    "double_chance": {
        "en": "Double chance covers two of the three results (home or draw, away or draw, home or away): "
              "more likely to win, so lower odds.",
        "es": "Doble oportunidad cubre dos de los tres resultados (local o empate, visitante o empate, local o "
              "visitante): gana más a menudo, por eso paga cuotas más bajas."
    },
    "margin": {
        "en": "The bookmaker's margin (overround) is how much the implied probabilities of all outcomes exceed "
              "100%. A lower margin means fairer prices for you.",
        "es": "El margen de la casa (overround) es cuánto superan el 100% las probabilidades implícitas de todos "
              "los resultados. Un margen menor significa precios más justos."
    },
}

SUGGEST: dict[str, dict[str, list[str]]] = {
    "greeting": {"en": ["Matches today", "Matches this weekend", "How do odds work?"],
                 "es": ["Partidos de hoy", "Partidos este fin de semana", "¿Cómo funcionan las cuotas?"],
                 "pt_br": ["Jogos de hoje", "Jogos neste fim de semana", "Como funcionam as odds?"]},
    "help": {"en": ["Matches today", "Odds for {team}", "Compare {home} and {away}"],
             "es": ["Partidos de hoy", "Cuotas de {team}", "Compara {home} y {away}"],
             "pt_br": ["Jogos de hoje", "Odds do {team}", "Compare {home} e {away}"]},
    "schedule": {"en": ["Odds for {match}", "What if I bet 10 on {team}?", "Matches tomorrow"],
                 "es": ["Cuotas de {match}", "¿Y si apuesto 10 a {team}?", "Partidos de mañana"],
                 "pt_br": ["Odds de {match}", "E se eu apostar 10 no {team}?", "Jogos de amanhã"]},
    "odds": {"en": ["What if I bet 20 on {team}?", "Compare {home} and {away}", "Over/under odds"],
             "es": ["¿Y si apuesto 20 a {team}?", "Compara {home} y {away}", "Cuotas de más/menos goles"],
             "pt_br": ["E se eu apostar 20 no {team}?", "Compare {home} e {away}", "Odds de mais/menos gols"]},
    "simulation": {"en": ["What if I bet {alt} instead?", "Odds for {match}", "How is the margin calculated?"],
                   "es": ["¿Y si apuesto {alt}?", "Cuotas de {match}", "¿Cómo se calcula el margen?"],
                   "pt_br": ["E se eu apostar {alt}?", "Odds de {match}", "Como a margem é calculada?"]},
    "recommendation": {"en": ["{other_risk}", "Odds for {match}", "How do odds work?"],
                       "es": ["{other_risk}", "Cuotas de {match}", "¿Cómo funcionan las cuotas?"],
                       "pt_br": ["{other_risk}", "Odds de {match}", "Como funcionam as odds?"]},
    "comparison": {"en": ["Odds for {match}", "When does {team} play?", "What if I bet 10 on {team}?"],
                   "es": ["Cuotas de {match}", "¿Cuándo juega {team}?", "¿Y si apuesto 10 a {team}?"],
                   "pt_br": ["Odds de {match}", "Quando joga o {team}?", "E se eu apostar 10 no {team}?"]},
    "generic": {"en": ["Matches today", "How do odds work?", "What is BTTS?"],
                "es": ["Partidos de hoy", "¿Cómo funcionan las cuotas?", "¿Qué es ambos marcan?"],
                "pt_br": ["Jogos de hoje", "Como funcionam as odds?", "O que é ambas marcam?"]},
    "explain": {"en": ["What is a handicap?", "What is BTTS?", "Matches today"],
                "es": ["¿Qué es el hándicap?", "¿Qué es ambos marcan?", "Partidos de hoy"],
                "pt_br": ["O que é handicap?", "O que é ambas marcam?", "Jogos de hoje"]},
    "balance": {"en": ["Matches today", "Odds for {team}"], "es": ["Partidos de hoy", "Cuotas de {team}"],
                "pt_br": ["Jogos de hoje", "Odds do {team}"]},
    # The exact phrases `tools.is_explicit_confirmation` accepts (a bare "ok" does not place a bet).
    "confirm": {"en": ["yes, place it", "cancel"], "es": ["sí, apuesta", "cancelar"],
                "pt_br": ["sim, pode apostar", "cancelar"]},
    "excluded": {"en": ["Matches today", "How do odds work?"], "es": ["Partidos de hoy", "¿Cómo funcionan las cuotas?"],
                 "pt_br": ["Jogos de hoje", "Como funcionam as odds?"]},
}

WEEKDAY_NAMES = {"en": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
                 "es": ["lun", "mar", "mié", "jue", "vie", "sáb", "dom"],
                 "pt_br": ["seg", "ter", "qua", "qui", "sex", "sáb", "dom"]}
MONTH_NAMES = {"en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
               "es": ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"],
               "pt_br": ["jan", "fev", "mar", "abr", "mai", "jun", "jul", "ago", "set", "out", "nov", "dez"]}
RISK_NAMES = {"en": {"low": "low", "medium": "medium", "high": "high"},
              "es": {"low": "bajo", "medium": "medio", "high": "alto"},
              "pt_br": {"low": "baixo", "medium": "médio", "high": "alto"}}
MARKET_NAMES = {"1x2": "1X2", "double_chance": {"en": "Double chance", "es": "Doble oportunidad",
                                                "pt_br": "Dupla chance"},
                "over_under": {"en": "Over/under", "es": "Más/menos", "pt_br": "Mais/menos"},
                "btts": {"en": "Both teams to score", "es": "Ambos marcan", "pt_br": "Ambas marcam"},
                "handicap": {"en": "Handicap", "es": "Hándicap", "pt_br": "Handicap"},
                "half_time_result": {"en": "Half-time result", "es": "Resultado al descanso",
                                     "pt_br": "Resultado do 1º tempo"}}

BET_STATES = {"placed": {"en": "placed", "es": "colocada", "pt_br": "feita"},
              "placing": {"en": "being placed", "es": "colocándose", "pt_br": "sendo feita"},
              "outcome_unknown": {"en": "being checked with the bookmaker", "es": "verificándose con la casa",
                                  "pt_br": "sendo verificada com a casa"}}

# --- deterministic cues the classifier does not model ------------------------------------------

_PLACE = re.compile(
    r"\b(?:place|put|make|submit)\b[^?]{0,40}\bbets?\b|^\s*(?:please\s+)?bet\s+\$?\d"
    r"|^\s*(?:please\s+)?(?:place|put|stake)\s+[$€£]?\s?\d|^\s*(?:pon|p[oó]n|m[eé]tele|mete)\s+[$€£]?\s?\d"
    r"|\b(?:coloca|colocar|haz|hacer|realiza|realizar|pon|poner|mete|meter)\b[^?]{0,40}\bapuesta\b"
    r"|^\s*apuesta\s+\$?\d|\b(?:fa[cç]a|fazer|coloque|colocar)\b[^?]{0,40}\baposta\b|^\s*aposte\s+\$?\d",
    re.IGNORECASE,
)
_MY_BETS = re.compile(r"\b(?:my|mis|minhas|meus)\s+(?:real\s+)?(?:bets|apuestas|apostas)\b", re.IGNORECASE)
_THANKS = re.compile(r"\b(thanks|thank you|thx|cheers|gracias|obrigad[oa]|valeu)\b", re.IGNORECASE)
_BYE = re.compile(r"\b(bye|goodbye|see you|later|ad[ií]os|chao|chau|hasta luego|tchau|at[eé] logo)\b", re.IGNORECASE)
_PROBABILITY = re.compile(r"probab|chance|implied|impl[ií]cit", re.IGNORECASE)
_CANCEL = re.compile(r"^\s*(no|nope|cancel|cancela|cancelar|não|nao|stop|olvídalo|olvidalo|forget it)\b",
                     re.IGNORECASE)
_FOLLOWUP = re.compile(
    r"^\s*(?:¿\s*)?(?:and|what about|how about|y|e|qu[eé] tal|what if|y si|e se|instead|also|tamb[ié]m|"
    r"tambi[eé]n)\b", re.IGNORECASE)
_RISK = {
    "low": re.compile(r"\b(safe|safer|safest|low(er)?[- ]risk|less risk|conservative|segur[ao]s?|bajo riesgo|"
                      r"poco riesgo|menor riesgo|menos riesgo|baixo risco|menor risco|favou?rites?|favoritos?)\b",
                      re.IGNORECASE),
    "high": re.compile(r"\b(risky|riskier|high(er)?[- ]risk|more risk|long shots?|value|big odds|arriesgad[ao]s?|"
                       r"m[aá]s riesgo|alto riesgo|arriscad[ao]s?|mais risco|alto risco|underdogs?|bombazo|zebra)\b",
                       re.IGNORECASE),
}
# "no, I meant Barcelona": the same question as the last turn, about another team.
_CORRECTION = re.compile(
    r"^\s*(?:(?:no+|n[aã]o|nope)\b[,.!]?\s*)?(?:sorry[,.]?\s*)?(?:i meant|i mean|i said|quise decir|quiero decir|"
    r"me refiero a|me referia a|dije|eu quis dizer|quis dizer|quero dizer|eu disse|estou falando d[oa])\b",
    re.IGNORECASE)
_INSTEAD = re.compile(r"\b(instead|en vez|en lugar|em vez|no lugar)\b", re.IGNORECASE)
_ODDS_GIVEN = re.compile(r"(?:\bodds?(?: of)?|\bcuotas?(?: de)?|\bodd(?: de)?|@)\s*(\d{1,3}(?:[.,]\d{1,3})?)",
                         re.IGNORECASE)
_EXPLAIN_TOPICS = (
    ("btts", re.compile(r"btts|both teams|ambos marcan|ambas marcam", re.I)),
    ("handicap", re.compile(r"handicap|hándicap|h[aá]ndicap|spread", re.I)),
    ("over_under", re.compile(r"over|under|m[aá]s de|menos de|mais de|total", re.I)),
    ("double_chance", re.compile(r"double chance|doble oportunidad|dupla chance", re.I)),
    ("margin", re.compile(r"margin|margen|margem|overround|vig|juice", re.I)),
    ("1x2", re.compile(r"1x2|\bx\b|moneyline|match result|resultado", re.I)),
    ("odds", re.compile(r".", re.I)),
)


EXPLAIN_PT = {
    "odds": "Odds decimais são o que você recebe por cada 1 apostado, incluindo a aposta: 10 com odd 2.50 retornam "
            "25 (15 de lucro). 1 ÷ odd é a probabilidade implícita (2.50 → 40%). As probabilidades de todos os "
            "resultados somam um pouco mais de 100%: o excesso é a margem da casa.",
    "1x2": "1X2 é o resultado da partida: 1 = vitória do mandante, X = empate, 2 = vitória do visitante. Só uma das "
           "três opções ganha.",
    "btts": "Ambas marcam (BTTS): \"sim\" ganha se cada time marcar pelo menos um gol; \"não\" ganha caso "
            "contrário. O placar final não importa.",
    "handicap": "O handicap dá uma vantagem virtual a um time: com -1, seu time precisa vencer por 2 ou mais gols "
                "para a aposta ganhar depois do ajuste. Serve para equilibrar jogos com um favorito claro.",
    "over_under": "Mais/menos aposta no total de gols: mais de 2.5 ganha com 3 ou mais gols, menos de 2.5 com 2 ou "
                  "menos.",
    "double_chance": "Dupla chance cobre dois dos três resultados (mandante ou empate, visitante ou empate, mandante "
                     "ou visitante): ganha com mais frequência, por isso paga odds menores.",
    "margin": "A margem da casa (overround) é quanto as probabilidades implícitas de todos os resultados passam de "
              "100%. Margem menor significa preços mais justos.",
}
for _topic, _text in EXPLAIN_PT.items():
    EXPLAIN[_topic]["pt_br"] = _text


def t(key: str, language: str, **values) -> str:
    table = T[key]
    return (table.get(language) or table["en"]).format(**values)


def suggestions(kind: str, language: str, **values) -> list[str]:
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

