"""Nicknames people type that no catalogue carries ("the Gunners", "los merengues", "millos").

This is not a list of teams: each nickname points at a name that must exist in the live catalogue
(any of the spellings given), and is dropped when the catalogue has no such team. Keys and targets
are compared folded (accents and case ignored). Owned by sports next to `aliases.py`; the NLU's
mention index (`chat/engine/nlu/names.py`) reads both.
"""

from __future__ import annotations

# (possible catalogue spellings of the target) -> nicknames
# "madrid" and "el madrid" name Real Madrid first, yet both are names Atlético Madrid shares: the NLU's index marks
# them shared (`chat/engine/nlu/names.py::_shared_with_its_article`), so each is asked about, never bet on as read.
TEAM_NICKNAMES: dict[tuple[str, ...], tuple[str, ...]] = {
    ("Real Madrid",): ("madrid", "el madrid", "real madrid cf", "merengues", "los merengues", "los blancos",
                       "rmcf", "real md"),
    ("Barcelona", "FC Barcelona"): ("barca", "barça", "el barca", "barsa", "blaugrana", "fcb", "cules",
                                    "fc barcelona"),
    ("Atlético Madrid", "Atletico Madrid", "Atlético de Madrid"): ("atleti", "atletico de madrid",
                                                                   "atletico madrid", "atl madrid",
                                                                   "colchoneros", "el atleti"),
    ("Manchester United", "Man Utd", "Manchester Utd"): ("man utd", "man united", "man u", "manu",
                                                         "manchester utd", "red devils", "the red devils",
                                                         "mufc", "united"),
    ("Manchester City", "Man City"): ("man city", "mancity", "citizens", "the citizens", "mcfc", "city",
                                      "sky blues"),
    ("Arsenal",): ("gunners", "the gunners", "arsenal fc", "afc"),
    ("Chelsea",): ("the blues", "cfc", "chelsea fc"),
    ("Liverpool",): ("the reds", "lfc", "liverpool fc"),
    ("Tottenham", "Tottenham Hotspur"): ("spurs", "tottenham", "hotspur"),
    ("Juventus",): ("juve", "la juve", "vecchia signora", "bianconeri"),
    ("Inter", "Inter Milan", "Internazionale"): ("inter", "inter milan", "inter de milan", "internazionale",
                                                 "nerazzurri", "el inter"),
    ("AC Milan", "Milan"): ("milan", "ac milan", "rossoneri", "el milan"),
    ("Napoli",): ("napoles", "el napoles"),
    ("Bayern Munich", "Bayern München", "FC Bayern München", "Bayern"): ("bayern", "bayern munchen",
                                                                         "bayern de munich", "fc bayern",
                                                                         "el bayern", "bavarians"),
    ("Borussia Dortmund", "Dortmund"): ("dortmund", "bvb", "el dortmund"),
    ("Bayer Leverkusen", "Leverkusen"): ("leverkusen", "bayer"),
    ("Paris Saint-Germain", "PSG", "Paris SG"): ("psg", "paris", "paris sg", "el psg", "paris saint germain"),
    ("Marseille", "Olympique Marseille", "Olympique de Marseille"): ("marsella", "om", "olympique marseille"),
    ("Lyon", "Olympique Lyonnais"): ("lyon", "olympique lyon"),
    ("Millonarios",): ("millos", "el embajador", "los embajadores", "millonarios fc"),
    ("Atlético Nacional", "Atletico Nacional"): ("nacional", "atl nacional", "verdolagas", "el verde",
                                                 "el verdolaga", "atletico nacional"),
    ("América de Cali", "America de Cali"): ("america", "la mechita", "el america"),
    ("Junior", "Junior FC", "Atlético Junior"): ("junior", "tiburones", "el junior"),
    ("Independiente Santa Fe", "Santa Fe"): ("santa fe", "el santa fe", "cardenales"),
    ("Deportivo Cali",): ("deportivo cali", "el deportivo cali"),
    ("Flamengo",): ("mengao", "mengão", "fla", "o flamengo", "el flamengo"),
    ("Palmeiras",): ("verdao", "verdão", "o palmeiras", "el palmeiras"),
    ("Corinthians",): ("timao", "timão", "o corinthians"),
    ("São Paulo", "Sao Paulo"): ("sao paulo", "spfc", "o sao paulo"),
    ("Sevilla",): ("el sevilla",),
    ("Real Sociedad",): ("la real", "real sociedad"),
    ("Athletic Club", "Athletic Bilbao"): ("athletic", "athletic bilbao", "el athletic", "bilbao"),
    ("Los Angeles Lakers", "LA Lakers", "Lakers"): ("lakers", "la lakers", "los lakers"),
    ("Golden State Warriors", "Warriors"): ("warriors", "gsw", "golden state"),
    ("Boston Celtics", "Celtics"): ("celtics", "los celtics"),
    # English nicknames said with their article: a club there, where the bare word may be an everyday one
    ("West Ham United", "West Ham"): ("the hammers", "the irons"),
    ("Newcastle United", "Newcastle"): ("the magpies", "the toon", "toon"),
    ("Everton",): ("the toffees",),
    ("Bournemouth", "AFC Bournemouth"): ("the cherries",),
    ("Brentford",): ("the bees",),
    ("Atlético Mineiro", "Atletico Mineiro"): ("o galo", "do galo", "no galo"),
    ("Botafogo",): ("o fogao", "do fogao", "no fogao"),
}

# Nicknames that are everyday English words ("wolves", "villa", "forest"), by which a catalogue club is commonly called:
# written in lower case they name the club only as the subject of a match's verb ("when do wolves play", "how do villa
# stack up against newcastle", "are forest playing tonight"), never alone ("a villa in spain", "wolves in the forest").
# Each must be a nickname or alias of one club (`aliases.py`, TEAM_NICKNAMES); one the catalogue lacks is inert.
SUBJECT_NICKNAMES: frozenset[str] = frozenset(
    "wolves villa forest palace hammers toffees magpies cherries celtic".split()
)

TOURNAMENT_NICKNAMES: dict[tuple[str, ...], tuple[str, ...]] = {
    ("UEFA Champions League", "Champions League"): ("champions", "la champions", "ucl", "champions league",
                                                    "liga de campeones", "liga dos campeoes", "la orejona",
                                                    "uefa champions"),
    ("LaLiga", "La Liga"): ("laliga", "la liga", "liga espanola", "liga de espana", "la liga espanola",
                            "liga santander", "spanish league", "primera division"),
    ("Premier League",): ("premier", "la premier", "epl", "english premier league", "liga inglesa",
                          "premier league inglesa", "the premier league", "the prem", "prem"),
    ("Serie A",): ("serie a", "calcio", "liga italiana", "italian league", "serie a italiana"),
    ("Bundesliga",): ("bundesliga", "liga alemana", "german league", "la bundesliga"),
    ("Ligue 1",): ("ligue 1", "ligue one", "liga francesa", "french league"),
    ("Liga BetPlay", "Liga BetPlay Dimayor", "Liga BetPlay/Colombia"): ("liga betplay", "betplay",
                                                                        "liga colombiana",
                                                                        "futbol colombiano",
                                                                        "liga aguila", "dimayor",
                                                                        "colombian league"),
    ("Brasileirão", "Brasileirao", "Brasileirão Série A", "Campeonato Brasileiro"): (
        "brasileirao", "brasileirão", "campeonato brasileiro", "liga brasilena", "brazilian league",
        "serie a brasil", "brasileiro"),
    ("NBA",): ("nba", "la nba"),
}

# A derby's own name -> its two clubs (any catalogue spelling of each), in the order the derby names them. Only
# indexed when the catalogue has both clubs ("gre-nal" names Grêmio and Internacional). The generic "el clásico" /
# "o clássico" is not here: the dialogue reads it as Real Madrid–Barcelona (`chat/engine/frame.py`, which says when
# that match is not in the calendar), and the labelled sets give it no clubs.
DERBY_NICKNAMES: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[str, ...]] = {
    (("Grêmio", "Gremio"), ("Internacional",)): ("gre nal", "grenal"),
    (("Flamengo",), ("Fluminense",)): ("fla flu", "flaflu"),
    (("Inter", "Inter Milan"), ("AC Milan", "Milan")): ("derby della madonnina", "madonnina", "derby di milano",
                                                        "milan derby", "derbi de milan", "derby de milao",
                                                        "derby milanese", "derbi milanes"),
    (("Inter", "Inter Milan"), ("Juventus",)): ("derby d italia", "derby ditalia", "derbi de italia"),
    (("AS Roma", "Roma"), ("Lazio",)): ("derby della capitale", "derby di roma", "rome derby", "derbi de roma",
                                        "derby romano"),
    (("Arsenal",), ("Tottenham Hotspur", "Tottenham")): ("north london derby",),
    (("Liverpool",), ("Everton",)): ("merseyside derby",),
    (("Manchester United",), ("Manchester City",)): ("manchester derby", "derbi de manchester"),
    (("Atlético Madrid",), ("Real Madrid",)): ("derbi madrileno",),
    (("Sevilla",), ("Real Betis",)): ("derbi sevillano", "el gran derbi", "derby sevillano"),
    (("Corinthians",), ("Palmeiras",)): ("derby paulista", "derbi paulista"),
    (("Palmeiras",), ("São Paulo", "Sao Paulo")): ("choque rei", "choque-rei"),
    (("Corinthians",), ("São Paulo", "Sao Paulo")): ("majestoso",),
    (("Santos",), ("São Paulo", "Sao Paulo")): ("san sao", "sansao"),
    (("Flamengo",), ("Vasco da Gama", "Vasco")): ("classico dos milhoes",),
    (("Atlético Mineiro",), ("Cruzeiro",)): ("classico mineiro",),
    (("Bahia",), ("Vitória", "Vitoria")): ("ba vi", "bavi"),
    (("Fortaleza",), ("Ceará", "Ceara")): ("classico rei",),
    (("Atlético Nacional",), ("Independiente Medellín",)): ("clasico paisa",),
    (("Millonarios",), ("Independiente Santa Fe",)): ("clasico capitalino",),
    (("Borussia Dortmund",), ("Bayern Munich",)): ("der klassiker", "klassiker"),
    (("Paris Saint-Germain",), ("Olympique de Marseille",)): ("le classique", "o classique"),
    (("Benfica",), ("Sporting CP",)): ("derby de lisboa", "derbi de lisboa", "derby lisboeta"),
}
