"""Countries and their adjectives in English, Spanish and Portuguese ("France", "francés", "American", "brasileiro").

They are ordinary words of chat, never a typo of a club or a player: "the president of France" is not Frances Tiafoe,
"american odds" is not América de Cali. The name index never derives a key from them and never fuzzy-matches them
(`names.py`); a club whose own name is one ("América", an alias) still matches exactly. The same table tells which
club a reply like "the Spanish one" / "o brasileiro" picks (`names_asked`): the countries are the catalogue's
tournament countries ("Spain", "England", "USA", ...).
"""

from __future__ import annotations

import re

from .prefilter import prefiltered
from .text import name_key

# Country -> its names and adjectives (any form; folded below, feminine and plural forms included where they differ).
_FORMS: dict[str, str] = {
    "Spain": "spain spanish spaniard espana espanol espanola espanoles espanha espanhol espanhola espanhois",
    "England": "england english britain british uk inglaterra ingles inglesa ingleses inglesas britanico britanica",
    "Italy": "italy italian italia italiano italiana italianos italianas",
    "Germany": "germany german alemania aleman alemana alemanes alemanha alemao alema alemaes",
    "France": "france french francia frances francesa franceses franca francesas",
    "Colombia": "colombia colombian colombiano colombiana colombianos colombianas",
    "Brazil": "brazil brazilian brasil brasileno brasilena brasilenos brasileiro brasileira brasileiros brasileiras",
    "USA": "usa america american americans americano americana americanos americanas estadounidense eua",
    "Portugal": "portugal portuguese portugues portuguesa portugueses",
    "Argentina": "argentina argentine argentinian argentino argentinos argentinas",
    "Mexico": "mexico mexican mexicano mexicana mexicanos mexicanas",
    "Netherlands": "netherlands holland dutch holanda holandes holandesa paises bajos",
    "Belgium": "belgium belgian belgica belga belgas",
    "Scotland": "scotland scottish escocia escoces escocesa",
    "Chile": "chile chilean chileno chilena chilenos",
    "Peru": "peru peruvian peruano peruana",
    "Uruguay": "uruguay uruguayan uruguayo uruguaya uruguaio uruguaia",
    "Paraguay": "paraguay paraguayan paraguayo paraguaya paraguaio paraguaia",
    "Ecuador": "ecuador ecuadorian ecuatoriano ecuatoriana equatoriano equatoriana",
    "Venezuela": "venezuela venezuelan venezolano venezolana venezuelano venezuelana",
    "Canada": "canada canadian canadiense canadense",
    "Japan": "japan japanese japon japones japonesa japao",
    "China": "china chinese chino chinesa chines",
    "Russia": "russia russian rusia ruso rusa russo russa",
    "Greece": "greece greek grecia griego griega grego grega",
    "Turkey": "turkey turkish turquia turco turca",
    "Switzerland": "switzerland swiss suiza suizo suiza suica suico",
    "Austria": "austria austrian austriaco austriaca",
    "Croatia": "croatia croatian croacia croata croacia",
    "Serbia": "serbia serbian serbio serbia servio",
    "Poland": "poland polish polonia polaco polaca polones polonesa",
    "Denmark": "denmark danish dinamarca danes danesa dinamarques",
    "Sweden": "sweden swedish suecia sueco sueca",
    "Norway": "norway norwegian noruega noruego noruega noruegues",
    "Australia": "australia australian australiano australiana",
    "Ireland": "ireland irish irlanda irlandes irlandesa",
    "Wales": "wales welsh gales",
    "Morocco": "morocco moroccan marruecos marroqui marrocos marroquino",
    "Nigeria": "nigeria nigerian nigeriano nigeriana",
    "Egypt": "egypt egyptian egipto egipcio egito egipcia",
    "Saudi Arabia": "saudi arabia arabe arabia saudita",
    "Europe": "europe european europa europeo europea europeu europeia",
}

PLACE_WORDS: dict[str, str] = {name_key(word): country for country, forms in _FORMS.items()
                               for word in forms.split()}


def country_of(word: str) -> str | None:
    """The country a word names or qualifies ("spanish", "brasileiro" -> "Spain", "Brazil"), or None."""
    return PLACE_WORDS.get(name_key(word))


# A question about the weather: its "in Madrid" / "em São Paulo" is a city, not a club (the club of the same name is
# still read where a club stands: "the weather for the Madrid game", "will rain stop Arsenal vs Chelsea").
# The heat and the cold said of the day ("so hot", "beat the heat", "cool down", "calorão"), and "the weather" said
# as "o tempo" / "el tiempo" where it cannot be a match's time ("como tá o tempo em são paulo", "el tiempo en bilbao";
# "primeiro tempo", "tiempo de juego" are not).
_WEATHER = prefiltered(re.compile(
    r"\b(?:weather|forecast|temperature|rain(?:ing|y)?|snow(?:ing)?|sunny|clima|lluvia|llover|llueve|nieve"
    r"|pronostico del tiempo|que tiempo hace|previsao do tempo|chuva|chover|chovendo|temperatura|frio|calor"
    r"|heat ?wave|beat the heat|(?:so|too|really|very|super|damn|freaking) (?:hot|cold|humid)|boiling|freezing"
    r"|humid(?:ity)?|cool (?:down|off)|stay (?:cool|warm)|keep (?:cool|warm)|calorao|caloron|calorzao|refrescar\w*"
    r"|(?:the|this) heat is (?:killing|unbearable|brutal|insane|crazy|awful|terrible|too much)"
    r"|(?:como|que tal|como que) (?:ta|tá|esta|vai estar|vai ficar|estara) (?:o|el) tempo"
    r"|(?:como|que tal) (?:esta|estara|va a estar) el tiempo"
    r"|(?:o|el) (?:tempo|tiempo) (?:em|en|no|na|hoje|hoy|amanha|manana)(?! (?:de jogo|de juego|regulamentar"
    r"|reglamentario|extra))"
    r")\b"
))
_IN = frozenset("in at en em no na para pra".split())
# Travel: "book a flight to madrid", "un vuelo a sevilla", "passagem pra porto alegre", "a hotel in milan": the place
# gone to is a city, not a club, when it follows the journey's word and its "to"/"in" within a few words (the club
# is still read where a club stands: "a trip to the Madrid game", "on the train, odds for chelsea").
_JOURNEY = (r"flights?|fly(?:ing)?|plane|airport|airfare|train|bus|trip|travel(?:l?ing)?|holidays?|vacations?"
            r"|hotels?|hostel|airbnb|vuelos?|volar|viaj\w*|hoteles|pasajes?|vacaciones|voos?|voar|viag\w*"
            r"|passage(?:m|ns)|hospedagem|pousada|onibus|trem"
            # a place to stay, eat or visit ("cheap hotels near X airport", "restaurantes perto do centro de X")
            r"|restaurants?|restaurantes?|bars|nightlife|museums?|museos?|museus|apartments?|apartamentos?"
            r"|car rental|rent a car|alquiler de coches|aluguel de carro|sightseeing|things to do|que hacer"
            r"|o que fazer")
# Where the place follows: "to", "in", and near it ("near", "close to", "cerca de", "perto do").
_WHERE = (r"(?:to|into|a|pra|para|hacia|in|en|em|near|nearby|around|close to|next to|cerca de|cerca del|perto de"
          r"|perto do|perto da|junto a|junto al|al lado de|ao lado de|do lado de)")
_TRAVEL_TO = re.compile(rf"\b(?:{_JOURNEY})\b(?: \S+){{0,3}}? {_WHERE}(?: the| el| la| o| a| os| as)?\s*$")
_JOURNEY_TO = prefiltered(re.compile(rf"\b(?:{_JOURNEY})\b(?: \S+){{0,3}}? {_WHERE} \w"))


def is_journey(folded: str) -> bool:
    """The message is about going or staying somewhere ("a flight to madrid", "hotéis em lisboa"; en/es/pt)."""
    return _JOURNEY_TO.search(folded) is not None


def is_weather_question(folded: str) -> bool:
    """The message asks what the weather is (en/es/pt)."""
    return _WEATHER.search(folded) is not None


# A name followed by a match word ("the madrid game", "el partido del betis" is before it): the club, not the city.
_GAME_AFTER = re.compile(r"\S+(?: \S+){0,2}? (?:game|games|match|matches|fixture|partido|partidos|jogo|jogos"
                         r"|partida|partidas)\b")


def city_spans(folded: str, starts: list[int]) -> set[int]:
    """Of the names starting at `starts`, those that stand as a city in a weather question: right after "in", "en",
    "em", "para" ("what's the weather in madrid", "previsão do tempo em são paulo"), or as the place of a journey or
    a stay ("a flight to madrid", "un hotel en bilbao")."""
    weather = is_weather_question(folded)
    out = set()
    for start in starts:
        before = folded[:start].split()
        if _GAME_AFTER.match(folded, start):
            continue  # "a trip to the Madrid game": the club's match
        if (weather and before and before[-1] in _IN) or _TRAVEL_TO.search(" ".join(before)):
            out.add(start)
    return out
