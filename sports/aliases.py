"""Nicknames and short forms people type, mapped to the English catalogue name they mean.

Keys are compared after `sports.text.match_key()` (lower case, accents and articles
dropped), so "Barça", "barca" and "the Gunners"/"gunners" each need one entry only.

Both name indexes read it: the catalogue's fuzzy matcher (`sports/services/catalogue.py`) and the
NLU's mention index (`chat/engine/nlu/names.py`, which also reads `sports/nicknames.py`).
"""

from sports.text import name_key

TEAM_ALIASES: dict[str, str] = {
    # Spain
    "barca": "Barcelona", "fc barcelona": "Barcelona", "blaugrana": "Barcelona", "culés": "Barcelona",
    "real": "Real Madrid", "madrid": "Real Madrid", "el madrid": "Real Madrid", "los blancos": "Real Madrid",
    "merengues": "Real Madrid", "rmcf": "Real Madrid", "real madrid cf": "Real Madrid",
    "atleti": "Atlético Madrid", "atletico": "Atlético Madrid", "colchoneros": "Atlético Madrid",
    "athletic bilbao": "Athletic Club", "bilbao": "Athletic Club", "betis": "Real Betis", "sociedad": "Real Sociedad",
    "submarino amarillo": "Villarreal", "celta": "Celta Vigo", "rayo": "Rayo Vallecano",
    "oviedo": "Real Oviedo",
    # England
    "man utd": "Manchester United", "man united": "Manchester United", "manchester utd": "Manchester United",
    "united": "Manchester United", "red devils": "Manchester United", "mufc": "Manchester United",
    "man city": "Manchester City", "city": "Manchester City", "citizens": "Manchester City",
    "gunners": "Arsenal", "the gunners": "Arsenal", "afc": "Arsenal", "reds": "Liverpool", "lfc": "Liverpool",
    "blues": "Chelsea", "cfc": "Chelsea", "spurs": "Tottenham Hotspur", "tottenham": "Tottenham Hotspur",
    "newcastle": "Newcastle United", "magpies": "Newcastle United", "villa": "Aston Villa",
    "brighton": "Brighton & Hove Albion", "forest": "Nottingham Forest", "nottm forest": "Nottingham Forest",
    "palace": "Crystal Palace", "west ham": "West Ham United", "hammers": "West Ham United", "toffees": "Everton",
    "wolves": "Wolverhampton Wanderers", "leeds": "Leeds United", "cherries": "Bournemouth",
    # Italy
    "inter milan": "Inter", "internazionale": "Inter", "nerazzurri": "Inter", "milan": "AC Milan",
    "rossoneri": "AC Milan", "juve": "Juventus", "bianconeri": "Juventus", "vecchia signora": "Juventus",
    "roma": "AS Roma", "giallorossi": "AS Roma", "la dea": "Atalanta",
    "partenopei": "Napoli", "verona": "Hellas Verona",
    # Germany
    "bayern": "Bayern Munich", "bayern munchen": "Bayern Munich", "fc bayern": "Bayern Munich",
    "bayern munique": "Bayern Munich", "bvb": "Borussia Dortmund", "dortmund": "Borussia Dortmund",
    "leverkusen": "Bayer Leverkusen", "werkself": "Bayer Leverkusen", "leipzig": "RB Leipzig",
    "frankfurt": "Eintracht Frankfurt", "stuttgart": "VfB Stuttgart", "gladbach": "Borussia Mönchengladbach",
    "freiburg": "SC Freiburg", "wolfsburg": "VfL Wolfsburg", "bremen": "Werder Bremen", "hoffenheim": "TSG Hoffenheim",
    "koln": "1. FC Köln", "cologne": "1. FC Köln", "hsv": "Hamburger SV", "st pauli": "FC St. Pauli",
    # France
    "psg": "Paris Saint-Germain", "paris": "Paris Saint-Germain", "paris sg": "Paris Saint-Germain",
    "marseille": "Olympique de Marseille", "om": "Olympique de Marseille", "lyon": "Olympique Lyonnais",
    "ol": "Olympique Lyonnais", "monaco": "AS Monaco", "nice": "OGC Nice", "lens": "RC Lens", "rennes": "Stade Rennais",
    "strasbourg": "RC Strasbourg", "brest": "Stade Brestois", "nantes": "FC Nantes",
    # Europe
    "sporting": "Sporting CP", "sporting lisbon": "Sporting CP", "psv": "PSV Eindhoven", "brugge": "Club Brugge",
    "gala": "Galatasaray",
    # Colombia
    "nacional": "Atlético Nacional", "verdolagas": "Atlético Nacional", "atletico nacional": "Atlético Nacional",
    "millos": "Millonarios", "embajadores": "Millonarios", "america": "América de Cali",
    "la mechita": "América de Cali",
    "santa fe": "Independiente Santa Fe", "cardenales": "Independiente Santa Fe", "tolima": "Deportes Tolima",
    "medellin": "Independiente Medellín", "dim": "Independiente Medellín", "cali": "Deportivo Cali",
    "junior de barranquilla": "Junior", "tiburones": "Junior", "bucaramanga": "Atlético Bucaramanga",
    # Brazil
    "mengao": "Flamengo", "fla": "Flamengo", "verdao": "Palmeiras", "porco": "Palmeiras", "timao": "Corinthians",
    "fogao": "Botafogo", "raposa": "Cruzeiro", "tricolor paulista": "São Paulo", "spfc": "São Paulo",
    "flu": "Fluminense", "inter de porto alegre": "Internacional", "colorado": "Internacional",
    "tricolor gaucho": "Grêmio", "galo": "Atlético Mineiro", "vasco": "Vasco da Gama", "peixe": "Santos",
    "bragantino": "Red Bull Bragantino",
    # NBA
    "lakers": "Los Angeles Lakers", "la lakers": "Los Angeles Lakers", "celtics": "Boston Celtics",
    "warriors": "Golden State Warriors", "dubs": "Golden State Warriors", "gsw": "Golden State Warriors",
    "knicks": "New York Knicks", "nuggets": "Denver Nuggets", "thunder": "Oklahoma City Thunder",
    "okc": "Oklahoma City Thunder", "cavs": "Cleveland Cavaliers", "cavaliers": "Cleveland Cavaliers",
    "bucks": "Milwaukee Bucks", "wolves nba": "Minnesota Timberwolves", "timberwolves": "Minnesota Timberwolves",
    "rockets": "Houston Rockets", "mavs": "Dallas Mavericks", "mavericks": "Dallas Mavericks", "suns": "Phoenix Suns",
    "heat": "Miami Heat", "sixers": "Philadelphia 76ers", "76ers": "Philadelphia 76ers",
    "clippers": "Los Angeles Clippers",
    "magic": "Orlando Magic", "pacers": "Indiana Pacers", "san antonio": "San Antonio Spurs", "bulls": "Chicago Bulls",
    "hawks": "Atlanta Hawks",
    # Tennis
    "alcaraz": "Carlos Alcaraz", "carlitos": "Carlos Alcaraz", "sinner": "Jannik Sinner", "djokovic": "Novak Djokovic",
    "nole": "Novak Djokovic", "zverev": "Alexander Zverev", "sascha": "Alexander Zverev", "medvedev": "Daniil Medvedev",
    "fonseca": "João Fonseca", "fritz": "Taylor Fritz", "de minaur": "Alex de Minaur", "ruud": "Casper Ruud",
}

TOURNAMENT_ALIASES: dict[str, str] = {
    "la liga": "LaLiga", "liga espanola": "LaLiga", "liga española": "LaLiga", "spanish league": "LaLiga",
    "primera division": "LaLiga", "epl": "Premier League", "premier": "Premier League",
    "english premier league": "Premier League", "calcio": "Serie A", "serie a italia": "Serie A",
    "bundes": "Bundesliga", "german league": "Bundesliga", "ligue un": "Ligue 1", "french league": "Ligue 1",
    "champions": "UEFA Champions League", "champions league": "UEFA Champions League", "ucl": "UEFA Champions League",
    "la champions": "UEFA Champions League", "liga de campeones": "UEFA Champions League",
    "liga colombiana": "Liga BetPlay", "betplay": "Liga BetPlay", "liga aguila": "Liga BetPlay",
    "futbol colombiano": "Liga BetPlay", "brasileiro": "Brasileirão", "serie a brasil": "Brasileirão",
    "campeonato brasileiro": "Brasileirão", "brazilian league": "Brasileirão", "basketball": "NBA",
    "atp": "ATP Tour", "tennis": "ATP Tour", "tenis": "ATP Tour",
}


# A word every club writes short ("Newcastle Utd", "Sheffield Utd"): each name's short form is an alias of it.
_SHORT_FORMS = {"united": "utd"}


def written_short(*names: str) -> list[str]:
    """The names with each word every club writes short in its short form ("Leeds United" -> "leeds utd")."""
    return [" ".join(_SHORT_FORMS.get(word, word) for word in key.split())
            for key in map(name_key, names) if _SHORT_FORMS.keys() & set(key.split())]
