"""Markets, selections and lines (risk appetite, live, yes/no and placing a bet are in `stance`).

Market keys and selection names are those of `sports.domain.Market`:
"1x2" {home, draw, away} · "double_chance" {home_or_draw, away_or_draw, home_or_away} ·
"over_under" {over, under} + line · "btts" {yes, no} · "handicap" {home, away} + line ·
"half_time_result" {home, draw, away}.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .names import Mention
from .prefilter import alternatives_of, prefiltered, word_cue
from .text import SpanSet


@dataclass
class MarketInfo:
    market: str | None = None
    selection: str | None = None
    line: float | None = None
    selection_team: str | None = None  # "Arsenal to win": the team the selection is about
    start: int = 10**9  # where the market was first mentioned (the first one wins)
    negated: bool = False  # "Arsenal won't win": the selection is against `selection_team` (the other side or draw)
    unsupported: str | None = None  # "first set", "corners", "2-1", "by 2 goals": a market we do not read, as written


def _num(text: str) -> float:
    return float(text.replace(",", "."))


_GOAL_WORDS = r"(?:goals?|goles|gols|tantos|points|puntos|pontos|pts)"
_OU_WORD = re.compile(
    # "under de 222.5" (the Spanish and Portuguese "de" after the English word) too; never "o de 10" ("the one of 10")
    r"\b(?P<dir>over|under|overs|unders|o|u)\s?(?:(?<=r )de\s)?(?P<line>\d{1,3}(?:[.,]\d)?)"
    r"(?![\d.,]*\s?(?:%|euros?|dollars?|dolares|pesos|reais|quid|pounds|usd|eur|cop|brl|k\b|mil\b))"
)
_OU_PHRASE = re.compile(
    rf"\b(?P<dir>mas de|menos de|mais de|arriba de|abajo de|por encima de|por debajo de|encima de|debajo de|acima de"
    rf"|abaixo de|more than|less than|fewer than|at least)\s(?P<line>\d{{1,3}}(?:[.,]5)?)\s?{_GOAL_WORDS}"
    r"|\b(?P<dir2>mas de|menos de|mais de|more than|less than|fewer than)\s(?P<line2>\d{1,2}[.,]5)\b"
)
# "the over", "el over", "al under", "o over", "a las altas": a side of the total without its line (the line on
# offer is the one the slip shows). Only after an article or "on/al/no" (so "over the weekend", "game over" are not
# bets), and never when a line or "/under" follows (those are _OU_WORD / _OU_GENERIC).
_OU_BARE = re.compile(
    r"\b(?:the|el|al|un|o|no|do|on|a)\s(?P<dir>overs?|unders?)\b(?!\s?(?:/|-\s?under|\d|[.,]\d|de\s\d))"
    r"|\b(?:las|a las)\s(?P<dir2>altas|bajas)\b"
)
# A whole message that is one side of a total ("and under?", "¿y menos?", "e o mais?"): that side, the line and match
# those of the total in focus (frame.py). "menos" is an everyday word: read only as the whole message ("¿y más?" is
# "and more?" after a list, so never the over).
# ("over on games then": the side of the total in the unit said)
_OU_ALONE = re.compile(r"^\W*(?:(?:and|y|e|what about|how about|que tal|y el|y lo|e o)\W+)?(?:(?:the|el|lo|o)\W+)?"
                       r"(?P<dir>unders?|menos|bajas|baixas?|overs?|altas)(?:\W+(?:on|in|en|em|de|of|no|na)\W+"
                       r"(?:the\W+)?(?:games|goals|points|sets|goles|gols|puntos|pontos|juegos))?"
                       r"\W*(?:then|entonces|entao)?\W*$")
_OU_GENERIC = re.compile(
    r"\b(?:over\s?/\s?under|over under|over-under|o/u|totals?(?: goals| de goles| de gols)?|(?:goals?|points?|games?)"
    r" line|linea de (?:goles|puntos)|linha de (?:gols|pontos)"
    r"|goles totales|total de goles|gols totais|total de gols|altas y bajas|mas\s?/\s?menos|mais\s?/\s?menos"
    r"|under\s?/\s?over"
    # both sides named as one market ("the difference between over and under bets", "overs or unders"): the totals
    r"|(?:the\s)?overs?\s(?:and|or|vs|versus|y|o|e|ou)\s(?:the\s)?unders?|(?:the\s)?unders?\s(?:and|or|vs|y|o|e|ou)\s"
    r"(?:the\s)?overs?"
    # "¿más o menos puntos?", "mais ou menos gols", "over or under points": both sides said with the total's unit
    # ("más o menos bien" is "roughly": no unit, no market)
    r"|(?:mas|mais|over)\s(?:o|ou|or|y|e)\s(?:menos|under)\s(?:de\s)?(?:goles|gols|goals|puntos|pontos|points|games"
    r"|juegos|sets|corridas|carreras))\b"
    # the line said right after the market's name ("over/under 2.5", "más/menos 3.5 goles"): a line, no side
    r"(?:\s(?:de\s|of\s)?(?P<line>\d{1,2}[.,]5)(?![\d.,]))?"
)
_BTTS = re.compile(
    r"\b(?:btts|both teams? (?:not )?(?:to |will |are going to |gonna )?(?:score|scoring)"
    r"|both (?:sides|teams) (?:not )?(?:to )?(?:score|scoring|net)"
    r"|both score|ambos (?:equipos |times )?(?:marcan|anotan|marcar|anotar|marquen|anoten|marcam|marcarem)"
    r"|ambas (?:equipas )?marcam|los dos (?:equipos )?(?:marcan|anotan)|gol de ambos(?: equipos| lados)?"
    r"|ambos equipos (?:a )?(?:marcar|anotar)"
    # the verb first ("anotan los dos", "marquen ambos", "marcam os dois"), the two teams after it
    r"|(?:marcan|anotan|marquen|anoten|marcaran|anotaran|marcar|anotar) (?:los dos|ambos)(?: equipos)?"
    r"|(?:marcam|marcarem|marcar|marquem|marcarao) (?:os dois|ambos|ambas)(?: times| equipas)?"
    r"|os dois (?:times )?(?:marcam|marcarem|marcar|vao marcar)|both (?:sides|teams) (?:get|find) the net)\b"
)
_NEGATION_BEFORE = re.compile(
    r"\b(?:no|not|won't|wont|don't|dont|nao|sin|without|ni|neither|never|nunca)\W+(?:\w+\W+){0,2}$"
)
_BTTS_NO_AFTER = re.compile(
    r"^\W*(?:nao|não|-\s?no)\b"
    # "btts no", "ambos marcan: no": but Portuguese "no" before a noun is "in the" ("ambas marcam no jogo do Bahia")
    r"|^\W*no\b(?=\W*$|\s*[,.;:!?)]|\s+(?:odds|price|prices|please|for|in|at|on|bet|cuota|cuotas|en|para|por|a|al"
    r"|cotacao|pra|por favor)\b)"
)
# A side of "both teams to score" is read only when the message says it, stakes on it or states it ("btts yes",
# "bet 10 on both teams to score", "ambos marcan en el X-Y, apuesta 10", "both teams will score"); the market named
# alone ("btts odds", "what does BTTS mean", "ambos marcan, cuánto paga") has no side: the answer shows both.
_BTTS_YES_AFTER = re.compile(r"^\W*(?:yes|si|sí|sim)\b")
_BTTS_BACKED = re.compile(
    r"\b(?:bet|betting|put|putting|stake|staking|back|backing|wager|place|go with|go for|i'?ll take"
    r"|apuesta|apuesto|apostar|apostaria|apuestale|apostale|apostando|pon|ponle|pongo|poner|meto|metele|meter"
    r"|voy con|me quedo con|simula\w*|simulate|aposta|aposto|aposte|coloca|coloco|colocar|bota|boto"
    r"|botar|vou de|vou com|fico com)\b"
)
# "30 euros a que ambos marcan": a stake on that outcome (the Spanish "a que" of a bet), its side
_STAKED_THAT = re.compile(r"\d\D{0,25}\ba que\W*$")
# "both teams will score", "van a marcar los dos", "marcarán ambos", "os dois vão marcar": a statement, a side
_BTTS_STATED = re.compile(r"\b(?:will|are going to|gonna|van a|marcaran|anotaran|vao|marcarao)\b")
_DOUBLE = re.compile(r"\b(?:double chance|doble oportunidad|doble chance|dupla chance|dupla hipotese|chance dupla)\b")
_DC_SEL = re.compile(
    r"\b(?P<hd>1x|home or draw|local o empate|casa ou empate|mandante ou empate)\b"
    r"|\b(?P<ad>x2|away or draw|visitante o empate|fora ou empate|visitante ou empate)\b"
    r"|\b(?P<ha>12|home or away|local o visitante|no draw|sin empate)\b"
)
_WIN_OR_DRAW = re.compile(
    r"\b(?:win or draw|wins or draws|draw or win|not lose|doesn't lose|doesnt lose|won't lose|wont lose|gana o empata"
    r"|ganar o empatar|gane o empate|no pierde|no pierda|vence ou empata|ganha ou empata|nao perde)\b"
)
_OR_DRAW_AFTER = re.compile(r"\s?(?:or|o|ou|/)\s?(?:a |the |el |un |o |um )?(?:draw|tie|empate|empata|empatar)\b")
# "draw or Napoli", "empate ou vitória do Grêmio", "empate o victoria del Betis", "draw or a win for Napoli"
_DRAW_OR_BEFORE = re.compile(
    r"\b(?:draw|tie|empate)\s?(?:or|o|ou|/)\s?(?:(?:a |una |uma |la |the )?(?:win|victory|victoria|vitoria|triunfo)"
    r" (?:for |of |do |da |de |del |de la )?)?(?:the |el |la |o |a )?$")
_HANDICAP = re.compile(
    r"\b(?:asian handicaps?|handicap asiatico|handicaps?|hcap|spreads?|linea de handicap)\b"
    r"(?:\s(?:of|de)?\s?(?P<line>[+-]?\d{1,2}(?:[.,]\d{1,2})?)(?![\d.,]))?"
)
_SIGNED_LINE = re.compile(r"(?<![\w.,])(?P<line>[+-]\d{1,2}(?:[.,](?:0|25|5|75))?)(?![\d.,])")
# "Arsenal -1", "Sevilla (+0.5)": a signed line right after a team is that team's handicap line.
_LINE_AFTER_TEAM = re.compile(r"\s?\(?\s?(?P<line>[+-]\d{1,2}(?:[.,](?:0|25|5|75))?)\s?\)?(?![\d.,%])")
_HALF_TIME = re.compile(
    r"\b(?:half[ -]?time(?: result)?|halftime|ht result|ht|1st half|first half|at the break|at half time"
    r"|medio tiempo|primer tiempo|entretiempo|descanso|primera parte|al descanso|intervalo|primeiro tempo"
    r"|meio tempo)\b"
)
_ONE_X_TWO = re.compile(
    r"\b(?:1x2|1 x 2|match result|full[ -]time result|ft result|moneyline|money line|match winner|three[ -]way"
    r"|resultado final|resultado del partido|ganador del partido|resultado do jogo|vencedor do jogo|resultado"
    r"|result|winner|ganador|vencedor)\b"
)
_RESULT_WORDS = frozenset("resultado result winner ganador vencedor".split())  # a result of what the words after say
_DRAW = re.compile(r"\b(?:draw|draws|drawing|drawn|tie|tied|empate|empatan|empatar|empata|empaten|empatados|empatam"
                   r"|empatarem|empatada|empatadas"
                   # a level score said without the word: "quedan iguales", "ficam iguais", "end level", "all square"
                   r"|(?:quedan|queden|quedar|terminan|terminen|acaban|acaben) (?:iguales|parejos|igualados|en tablas)"
                   r"|(?:ficam|fiquem|ficar|ficarem|terminam|terminem|terminarem|acabam|acabem|acabarem)"
                   r" (?:iguais|igualados|no mesmo placar)"
                   r"|(?:end|ends|finish|finishes|ended|finished) (?:level|all square|even)|all square)\b")
_HOME = re.compile(r"\b(?:home win|home team|home side|local|victoria local|gana el local|mandante|em casa)\b")
_AWAY = re.compile(r"\b(?:away win|away team|away side|visitor|visitante|victoria visitante|visitantes|fora de casa)\b")
_WIN = (
    r"(?:win|wins|winning|beat|beats|beating|defeat|defeats|defeating|victory|gana|gane|ganar|ganara|ganaria|victoria|vence|vencer|vencera|ganha"
    r"|ganhar|ganhe|venca|vitoria"
    # the side said winning against the other ("ganándole al Betis", "ganhando do Bragantino", "que ganen")
    r"|ganando|ganandole|ganandoles|ganhando|vencendo|venciendo|ganen|ganhem|vencam)"
)
WIN_WORDS = _WIN  # the verbs and nouns of a team winning (folded), for answers that name no team ("to win")
_NEGATION_WORD = re.compile(
    r"\b(?:not|won'?t|doesn'?t|don'?t|didn'?t|isn'?t|can'?t|cannot|never|fails?|nao|nunca|jamas)\b"
    r"|\bno\s+(?:va a\s+)?(?:gan|venc)\w*$")  # "el Barça no gana", never Portuguese "no" ("in the")
# A negation right before an outcome word ("que no gane", "won't be a draw", "não vence"), spaces only: "no, el
# empate" answers a question and backs the draw.
_NEGATED_BEFORE = re.compile(
    r"\b(?:not|won'?t|doesn'?t|don'?t|isn'?t|can'?t|cannot|never|nao|nunca|jamas)\s+"
    r"(?:(?:be|a|an|end|ends|ending|finish|finishes|finishing|in|up|going|to|will|va|a|vai|hay|habra|haber|ser"
    r"|sera|vaya|un|una|um|uma|termina|terminar|terminando|acaba|acabar|acabando|en|em)\s+){0,4}$"
)
# Spanish "no" negates only a verb ("que no gane", "no empatan", "no habrá empate"): Portuguese "no" is "in the"
# ("aposte no empate").
_SPANISH_NO_BEFORE = re.compile(
    r"\bno\s+(?P<verbs>(?:(?:va|a|hay|habra|haber|ser|sera|vaya|termina|terminar|terminara|acaba|acabar|acabara|en"
    r"|un|una)\s+)*)$")


def _negated(prefix: str, word: str) -> bool:
    """Whether the outcome `word` ("gane", "draw", "empatan") is negated by what stands right before it."""
    if _NEGATED_BEFORE.search(prefix):
        return True
    no = _SPANISH_NO_BEFORE.search(prefix)
    return bool(no) and (bool(no.group("verbs")) or (word.startswith(("gan", "venc", "empat")) and word != "empate"))


# A negation a few words before an outcome that _NEGATED_BEFORE does not read ("I don't think Arsenal will win",
# "no creo que haya empate"): unclear, so no selection is read from it and the engine asks.
_NEGATION_NEAR = re.compile(
    r"\b(?:not|won'?t|doesn'?t|don'?t|isn'?t|can'?t|cannot|never|nao|nunca|jamas|sin|without|no creo|no pienso"
    r"|no se si|no sé si)\s+(?:[\w']+\s+){0,4}$")
_TEAM_WIN_AFTER = re.compile(rf"^\W+(?:(?:\w+)\W+){{0,2}}?(?:to )?{_WIN}\b")
_WIN_TEAM_BEFORE = re.compile(rf"\b{_WIN}\W+(?:(?:\w+)\W+){{0,2}}$")
_WHO = re.compile(r"\b(?:who|whos|quien|quem|which|cual|qual)\W+(?:\w+\W+){0,2}$")

# Markets we do not read (sets, corners, cards, scorers, exact scores, winning margins, the second half...). Named,
# they block every default: a message about "Tsitsipas to win the first set" or "Arsenal to win 2-1" is never
# turned into the match winner; the engine asks which market (or says that one is not offered).
_N_WORD = r"(?:\d{1,2}|one|two|three|four|five|un|uno|una|dos|tres|cuatro|cinco|um|uma|dois|duas|quatro)"
_UNSUPPORTED = re.compile(
    # tennis sets and games, basketball quarters, halves other than the half-time result
    r"\b(?:(?:first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th|opening|final|last|each|every|a|the|per|one"
    r"|primer|primero|segundo|tercer|tercero|cuarto|quinto|ultimo|cada|un|el|primeiro|terceiro|quarto|um|o)\s+sets?"
    r"|sets|set betting|set score|straight sets|tie ?breaks?|aces|double faults"
    r"|(?:first|second|third|fourth|1st|2nd|3rd|4th|each|a|the)\s+(?:quarter|period)s?"
    r"|(?:primer|segundo|tercer|cuarto|primeiro|terceiro)\s+(?:cuarto|quarto|periodo)"
    r"|second half|2nd half|segundo tiempo|segunda parte|segundo tempo|segunda etapa|ht ?/ ?ft|half[ -]time ?/ ?full"
    # corners, cards, fouls, shots, offsides, penalties
    r"|corners?|corner kicks?|tiros? de esquina|saques? de esquina|escanteios?"
    r"|(?:yellow |red )?cards?|bookings?|tarjetas?|amarillas|rojas|cartoes|cartao|cartões"
    r"|fouls?|faltas|offsides?|fueras? de juego|impedimentos?|shots?(?: on target)?|tiros(?: a puerta)?"
    r"|chutes|remates|penalt(?:y|ies)|penales|penal|penaltis?|penaltis"
    # scorers, exact scores, winning margins, clean sheets, draw no bet, qualifying, outrights
    r"|(?:first|last|anytime|next) (?:goal ?)?scorers?|first goal|next goal|last goal|scores? first|to score first"
    r"|goal ?scorers?|goleador(?:es)?|artilheiros?|primer gol|primeiro gol|marca primero|anota primero"
    r"|marcar primeiro|marca primeiro|hat[ -]?tricks?|assists?|asistencias|assistencias|rebounds?|rebotes"
    r"|exact (?:score|result)|correct score|final score|marcador exacto|resultado exacto|resultado exato"
    r"|placar exato|placar correto|marcador final|placar final|winning margin|margen de victoria|margem de vitoria"
    rf"|by {_N_WORD} (?:goals?|points?|runs?|or more)|by more than {_N_WORD}"
    rf"|(?:por|de) (?:mas de )?{_N_WORD} (?:goles|gol|gols|puntos|pontos)(?: de diferencia| de diferenca)?"
    rf"|(?:goles|gols|puntos|pontos) de diferen(?:cia|ca)|diferen(?:cia|ca) de {_N_WORD}"
    r"|clean sheet|to nil|valla invicta|porteria a cero|arco en cero|sem sofrer gols?|sin recibir goles?"
    r"|draw no bet|dnb|empate (?:no valido|anula(?: aposta)?|no apuesta)"
    r"|to qualify|qualif(?:y|ies|ication)|to advance|to go through|se clasifica|clasifica(?:r)?|pasa de ronda"
    r"|classifica(?:r)?|se classifica|avanca"
    r"|(?:win|wins|gana|ganar|gane|ganha|ganhar|vence|vencer) (?:the|la|el|o|a) (?:league|title|cup|trophy"
    r"|championship|tournament|liga|titulo|copa|campeonato|torneo|trofeo|champions|premier|serie a|bundesliga"
    r"|laliga|ligue 1|libertadores|nba|brasileirao|betplay|finals?)"
    r"|outrights?|champions? of|campeon de|campeao de|to be champions?|ser campeon|ser campeao)\b"
)
# A scoreline ("2-1", "2 x 1", "2 a 1" after a win word): a correct-score bet, not the match winner ("3:0" is
# left alone: "at 10:15" is a time).
_SCORELINE = re.compile(r"(?<![\w.,:/+-])(?P<score>\d{1,2}\s?[-x]\s?\d{1,2})(?![\w.,:/%])")
_SCORE_WORDS = re.compile(rf"\b{_WIN}\s+(?:by\s+|por\s+)?(?P<score>\d{{1,2}}\s?(?:a|to|-)\s?\d{{1,2}})\b")


def find_unsupported(folded: str, taken: SpanSet) -> tuple[str, int] | None:
    """The first market word we cannot read ("first set", "corners", "2-1"), as written, and where; claims a
    scoreline's span (it is not a stake or a line)."""
    hits = []
    m = _UNSUPPORTED.search(folded)
    if m:
        hits.append((m.start(), m.group()))
    for pattern in (_SCORELINE, _SCORE_WORDS):
        for s in pattern.finditer(folded):
            start, end = s.span("score")
            if taken.overlaps(start, end) or re.fullmatch(r"1\s?x\s?2|1\s?x|x\s?2", s.group("score")):
                continue
            left, _, right = re.split(r"\s?([-x:]|a|to)\s?", s.group("score"), maxsplit=1)
            if int(left) > 20 or int(right) > 20:
                continue  # "10:30", "24-7": a time or a phrase, not a score
            taken.add(start, end)
            hits.append((start, s.group("score")))
            break
    if not hits:
        return None
    start, text = min(hits)
    return text, start


def find_market(folded: str, *, teams: list[Mention], taken: SpanSet) -> MarketInfo:
    """The first market mentioned, with its selection and line when the message gives them."""
    info = MarketInfo()

    def offer(market: str, start: int, selection: str | None = None, line: float | None = None) -> None:
        if start < info.start:
            info.market, info.selection, info.line, info.start = market, selection, line, start

    for m in _OU_GENERIC.finditer(folded):
        if m.group("line"):  # "over/under 2.5": its "under 2.5" is not the under side
            offer("over_under", m.start(), None, _num(m.group("line")))
            taken.add(m.start(), m.end())
    for m in _OU_WORD.finditer(folded):
        if taken.overlaps(m.start(), m.end()):
            continue
        direction = m.group("dir")
        if direction in ("o", "u") and m.start("line") != m.end("dir"):
            continue  # "o 2" is Spanish "or 2"; only "o2.5"/"u3.5" written together
        offer("over_under", m.start(), "over" if direction.startswith("o") else "under", _num(m.group("line")))
        taken.add(m.start(), m.end())
    for m in _OU_PHRASE.finditer(folded):
        direction = m.group("dir") or m.group("dir2")
        line = m.group("line") or m.group("line2")
        over = direction in ("mas de", "mais de", "arriba de", "por encima de", "encima de", "acima de",
                             "more than", "at least")
        offer("over_under", m.start(), "over" if over else "under", _num(line))
        taken.add(m.start(), m.end())
    for m in _OU_BARE.finditer(folded):
        direction = m.group("dir") or m.group("dir2")
        offer("over_under", m.start(), "over" if direction.startswith(("over", "alta")) else "under")
        break
    alone = _OU_ALONE.match(folded) if info.market is None else None
    if alone:
        direction = alone.group("dir")
        offer("over_under", alone.start("dir"), "over" if direction.startswith(("over", "alta")) else "under")
    if info.market is None:
        for m in _OU_GENERIC.finditer(folded):
            offer("over_under", m.start())
            break

    for m in _BTTS.finditer(folded):
        before, after = folded[: m.start()], folded[m.end() :]
        if " not " in m.group() or _NEGATION_BEFORE.search(before) or _BTTS_NO_AFTER.match(after):
            side = "no"
        elif _BTTS_YES_AFTER.match(after) or _BTTS_BACKED.search(folded) or _STAKED_THAT.search(before) \
                or _BTTS_STATED.search(" ".join([*before.split()[-2:], m.group()])):  # "van a marcar los dos"
            side = "yes"
        else:
            side = None
        offer("btts", m.start(), side)
        break

    for team in teams:  # "Arsenal or draw", "empate o Barcelona": that team or the draw
        base = max(0, team.start - 25)
        after = _OR_DRAW_AFTER.match(folded, team.end)
        before = _DRAW_OR_BEFORE.search(folded[base : team.start])
        if after or before:
            offer("double_chance", base + before.start() if before else team.start)
            if info.market == "double_chance":
                info.selection, info.selection_team = None, team.name
            break

    double = _DOUBLE.search(folded)
    wod = _WIN_OR_DRAW.search(folded)
    dc_sel = _DC_SEL.search(folded)
    dc_explicit = dc_sel is not None and bool(dc_sel.group("hd") or dc_sel.group("ad"))
    if double or wod or dc_explicit:
        selection = None
        if dc_sel and (double or dc_explicit):
            selection = ("home_or_draw" if dc_sel.group("hd") else "away_or_draw" if dc_sel.group("ad")
                         else "home_or_away")
        starts = [x.start() for x in (double, wod, dc_sel) if x]
        offer("double_chance", min(starts), selection)
        if info.market == "double_chance" and wod and teams:
            info.selection_team = _nearest_team(teams, wod.start())

    for m in _HANDICAP.finditer(folded):
        line = m.group("line")
        if line is None:
            signed = _SIGNED_LINE.search(folded)
            line = signed.group("line") if signed else None
            if signed:
                taken.add(signed.start(), signed.end())
        else:
            taken.add(m.start("line"), m.end("line"))
        offer("handicap", m.start(), None, _num(line) if line else None)
        if info.market == "handicap" and teams:
            nearest = min(teams, key=lambda t: abs(t.start - m.start()))
            between = folded[m.end() : nearest.start] if nearest.start > m.end() else ""
            if not _MATCH_OF.search(between):  # "handicap in Fortaleza vs São Paulo" names the match, not a side
                info.selection_team = nearest.name
        break
    if info.market != "handicap":
        for team in teams:
            signed = _LINE_AFTER_TEAM.match(folded, team.end)
            if signed is None:
                continue
            taken.add(signed.start("line"), signed.end("line"))  # a line, not a stake
            offer("handicap", team.start, None, _num(signed.group("line")))
            if info.market == "handicap":
                info.selection_team = team.name
            break

    half = _HALF_TIME.search(folded)
    if half:
        offer("half_time_result", half.start())

    one_x_two = _ONE_X_TWO.search(folded)
    of_the_half = half and one_x_two and one_x_two.group() in _RESULT_WORDS \
        and 0 <= half.start() - one_x_two.end() <= 12  # "resultado do primeiro tempo": the half's result
    if one_x_two and not of_the_half:
        offer("1x2", one_x_two.start())

    # Selections of result markets: draw / home / away / "<team> to win".
    draw = _DRAW.search(folded)
    home, away = _HOME.search(folded), _AWAY.search(folded)
    team_win = _team_to_win(folded, teams) or _staked_against(folded, teams)
    if draw and info.market in (None, "1x2") and _negated(folded[: draw.start()], draw.group()):
        # "it won't be a draw", "no empatan": either team to win
        info.market, info.selection, info.line, info.start = "double_chance", "home_or_away", None, draw.start()
    elif (draw and info.market in (None, "1x2") and _NEGATION_NEAR.search(folded[: draw.start()])) \
            or (team_win is not None and team_win[2] is None):
        info.market, info.selection, info.selection_team = None, None, None  # a negation we cannot place: ask
    elif team_win is not None and team_win[2] and info.market in (None, "1x2", "double_chance") \
            and info.selection is None:
        # "no gana el Arsenal", "Arsenal won't win": the other team or the draw, never "Arsenal to win"
        info.market, info.line, info.start = "double_chance", None, team_win[1]
        info.selection_team, info.negated = team_win[0], True
    elif info.market in (None, "1x2", "half_time_result"):
        if team_win is not None and team_win[2]:  # "not to win at half time": not a selection we can state
            pass
        elif draw and not (info.market is None and _DOUBLE.search(folded)):
            if info.market is None:
                offer("1x2", draw.start())
            info.selection = "draw"
        elif home or away:
            hit = home if home and (not away or home.start() < away.start()) else away
            backs = bool(teams) and bool(_BACKS_A_SIDE.search(folded[: hit.start()]))  # of the match named
            won = bool(_SIDE_WINS.search(folded[: hit.start()]))  # "a vitória do mandante", "paga el local"
            if info.market is None and (_explicit_outcome(hit.group()) or backs or won):
                offer("1x2", hit.start())
            if info.market is not None:
                info.selection = "home" if hit is home else "away"
        elif team_win is not None:
            if info.market is None:
                offer("1x2", team_win[1])
            info.selection_team = team_win[0]
    unsupported = find_unsupported(folded, taken)
    if unsupported is not None:  # a market we do not read: no default, no half-read selection
        info = MarketInfo(unsupported=unsupported[0], start=unsupported[1])
    return info


# A stake on a side of a match named by its role ("10 al local en el X-Y", "5 on the home side in X vs Y", "no mandante
# em X x Y"): that side wins. With no match named, the side is the match in focus's (the frame, frame.py)
_BACKS_A_SIDE = re.compile(r"(?:\b(?:on|al|por el|a favor del|no|pelo|para o|pro)\s+(?:the\s+|time\s+|equipo\s+)?)$")


# A stake put on one club "against" another ("meto 5 al Betis contra el Sevilla", "10 on Leeds against Hull", "5 no
# Bahia contra o Vitória"): the club the stake is put on wins. Only "contra/against" (not "vs"/"x", which name a
# match) and only with a stake or a bet verb before the club: "odds on A against B" stays the match.
_STAKE_ON_BEFORE = re.compile(r"\b(?:al|a|no|na|on|para|para o|para a|pro|pelo|pela|por el)\s+(?:the\s+|el\s+|o\s+)?$")
# (a verb of what it returns may stand between: "20 on Newcastle pay against Arsenal"; never "or"/"and" another pick)
_AGAINST_BETWEEN = re.compile(r"^(?:\W+(?!(?:or|o|ou|and|y|e|draw|empate)\b)\w+){0,3}?\W+(?:contra|against)\W+"
                              r"(?:(?:o|a|el|la|the|os|as|los)\W+)?$")
_STAKE_CUE = re.compile(r"\b(?:\d+|apuesto|apostar|apostando|aposto|apostaria|apostase|apostara|pongo|pusiera|meto"
                        r"|metiera|bet|betting|put|putting|stake|jogo|jogar|jogasse|coloco|colocar|boto)\b")


def _staked_against(folded: str, teams: list[Mention]) -> tuple[str, int, bool] | None:
    """The club a stake is put on when the message names it "against" the other club: (team, where, not negated)."""
    if len(teams) < 2:
        return None
    first, second = sorted(teams, key=lambda t: t.start)[:2]
    before = folded[max(0, first.start - 60) : first.start]
    prep = _STAKE_ON_BEFORE.search(before)
    # "no Palmeiras contra o Bragantino" as the reply to where a stake kept goes: the preposition opens the message
    head = folded[: max(0, first.start - 60) + prep.start()] if prep else "x"
    opening = not re.sub(r"\W+|\b(?:y|e|and|then|entonces|entao)\b", "", head)
    if prep is None or not (opening or _STAKE_CUE.search(before[: prep.start()])) or _NEGATION_NEAR.search(before):
        return None
    if not _AGAINST_BETWEEN.match(folded[first.end : second.start]):
        return None
    return first.name, first.start, False


# A side's win or price said right before "home"/"away" ("a vitória do mandante", "la victoria del local", "quanto
# paga o visitante"): that side's result
_SIDE_WINS = re.compile(r"\b(?:vitoria|victoria|win|triunfo|paga|pays|pay|gana|ganha|vence)\s+(?:d[oa]|del|de la|de"
                        r"|of the|for the|the|o|el|la|a)?\s*$")


# Words that introduce the match a market is of ("the handicap in X vs Y", "o handicap do jogo do X", "el hándicap del
# partido del X"): the club after them is the match's, never the side backed
_MATCH_OF = re.compile(r"\b(?:in|en|em|no|na|of|game|match|jogo|partido|partida|juego)\b")


def _explicit_outcome(word: str) -> bool:
    return word in ("home win", "away win", "victoria local", "victoria visitante", "gana el local")


def _nearest_team(teams: list[Mention], pos: int) -> str:
    return min(teams, key=lambda t: abs(t.start - pos)).name


def _team_to_win(folded: str, teams: list[Mention]) -> tuple[str, int, bool | None] | None:
    """"Arsenal to win", "Arsenal wins", "victoria del Madrid", "que gane el Barça": (team, where, negated), where
    negated is "Arsenal won't win", "que no gane el Madrid", "o Flamengo não vence", and None when a negation
    stands before the team ("I don't think Arsenal will win"): unclear, never read as a selection."""
    for team in teams:
        after = _TEAM_WIN_AFTER.match(folded[team.end : team.end + 40])
        if after and any(team.end <= other.start < team.end + after.end() for other in teams):
            after = None  # "Bahia ou Vitória": the win word is the other club's name
        if after and not re.search(r"\b(?:who|whos|quien|quem)\b", after.group()):
            if _NEGATION_NEAR.search(folded[max(0, team.start - 40) : team.start]):
                return team.name, team.start, None
            return team.name, team.start, bool(_NEGATION_WORD.search(after.group()))
        window = folded[max(0, team.start - 40) : team.start]
        before = _WIN_TEAM_BEFORE.search(window)
        if before and not _WHO.search(window[: before.start()]):
            # "que gane el Madrid", but not "who will win, Napoli or Roma"
            return team.name, team.start, _negated(window[: before.start()], before.group().split()[0])
    return None


# The cues searched in every message: only when it has a word a match can start on (prefilter.py).
(_SCORE_WORDS, _OU_GENERIC, _OU_WORD, _OU_PHRASE, _OU_BARE, _BTTS, _BTTS_BACKED, _DOUBLE, _WIN_OR_DRAW,
 _DC_SEL, _HANDICAP, _HALF_TIME, _ONE_X_TWO, _DRAW, _HOME, _AWAY) = map(prefiltered, (
    _SCORE_WORDS, _OU_GENERIC, _OU_WORD, _OU_PHRASE, _OU_BARE, _BTTS, _BTTS_BACKED, _DOUBLE, _WIN_OR_DRAW,
    _DC_SEL, _HANDICAP, _HALF_TIME, _ONE_X_TWO, _DRAW, _HOME, _AWAY))
# The markets we do not read: ~120 alternatives, some starting on words most messages have ("a", "the", "o", "el"),
# so its words rarely rule it out; searched by the alternatives the message has the words of (`word_cue`: the same
# pattern, the same matches), not every alternative at every word.
_UNSUPPORTED = word_cue(alternatives_of(_UNSUPPORTED.pattern, before=r"\b", after=r"\b"), before=r"\b", after=r"\b")
