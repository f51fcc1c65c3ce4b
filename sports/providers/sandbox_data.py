"""The sandbox catalogue: real competitions and clubs, with a strength rating that drives the odds.

Only the sandbox reads this. Names are `(en, es, pt_br)`; a single string means the same in all three.
Slots are UTC kick-off times; weekday slots run Monday–Friday, weekend slots Saturday–Sunday. `format` says
how `sandbox_calendar.py` lays the season out ("league", "cup", "rounds" or "tour").
"""

from __future__ import annotations

SPORTS = [
    # id, alias, en, es, pt_br
    ("1", "football", "Football", "Fútbol", "Futebol"),
    ("2", "basketball", "Basketball", "Baloncesto", "Basquete"),
    ("3", "tennis", "Tennis", "Tenis", "Tênis"),
]

# Minutes a fixture stays live after kick-off, per sport.
DURATION_MINUTES = {"1": 115, "2": 150, "3": 150}

EURO_WEEKDAY = ["18:00", "20:00"]
EURO_WEEKEND = ["12:30", "14:00", "15:00", "17:30", "20:00"]

# id, sport, names, country, calendar format, weekday slots, weekend slots, teams
TOURNAMENTS: list[dict] = [
    {
        "id": "566", "sport": "1", "names": "LaLiga", "country": "Spain",
        "format": "league", "weekday": EURO_WEEKDAY, "weekend": EURO_WEEKEND,
        "teams": [
            ("Real Madrid", 92), ("Barcelona", 90), ("Atlético Madrid", 86), ("Athletic Club", 81),
            ("Villarreal", 80), ("Real Sociedad", 79), ("Real Betis", 79), ("Girona", 76),
            (("Sevilla", "Sevilla", "Sevilha"), 77), ("Valencia", 75), ("Celta Vigo", 74), ("Osasuna", 73),
            ("Rayo Vallecano", 73), ("Mallorca", 72), ("Getafe", 72), ("Espanyol", 71),
            ("Alavés", 70), ("Levante", 68), ("Elche", 68), ("Real Oviedo", 67),
        ],
    },
    {
        "id": "17", "sport": "1", "names": "Premier League", "country": "England",
        "format": "league", "weekday": EURO_WEEKDAY, "weekend": EURO_WEEKEND,
        "teams": [
            ("Liverpool", 91), ("Arsenal", 90), ("Manchester City", 90), ("Chelsea", 86),
            ("Tottenham Hotspur", 82), ("Newcastle United", 83), ("Manchester United", 81),
            ("Aston Villa", 82), ("Brighton & Hove Albion", 79), ("Nottingham Forest", 78),
            ("Crystal Palace", 78), ("Brentford", 76), ("Fulham", 76), ("Bournemouth", 77),
            ("West Ham United", 75), ("Everton", 75), ("Wolverhampton Wanderers", 73),
            ("Leeds United", 72), ("Burnley", 70), ("Sunderland", 71),
        ],
    },
    {
        "id": "23", "sport": "1", "names": "Serie A", "country": "Italy",
        "format": "league", "weekday": EURO_WEEKDAY, "weekend": EURO_WEEKEND,
        "teams": [
            (("Inter", "Inter de Milán", "Inter de Milão"), 88), ("Napoli", 86),
            (("AC Milan", "AC Milan", "Milan"), 84), ("Juventus", 84), ("Atalanta", 83),
            (("AS Roma", "Roma", "Roma"), 81), ("Lazio", 79), ("Como", 77), ("Bologna", 79),
            (("Fiorentina", "Fiorentina", "Fiorentina"), 78), ("Torino", 74), ("Udinese", 73),
            ("Genoa", 72), ("Cagliari", 71), ("Lecce", 70), ("Sassuolo", 72), ("Parma", 71),
            ("Hellas Verona", 70), ("Cremonese", 69), ("Pisa", 68),
        ],
    },
    {
        "id": "35", "sport": "1", "names": "Bundesliga", "country": "Germany",
        "format": "league", "weekday": EURO_WEEKDAY, "weekend": EURO_WEEKEND,
        "teams": [
            (("Bayern Munich", "Bayern Múnich", "Bayern de Munique"), 92), ("Bayer Leverkusen", 85),
            ("Borussia Dortmund", 85), ("RB Leipzig", 83), ("Eintracht Frankfurt", 81), ("VfB Stuttgart", 80),
            ("SC Freiburg", 77), ("VfL Wolfsburg", 75), ("Borussia Mönchengladbach", 75), ("Mainz 05", 75),
            ("Werder Bremen", 74), ("Union Berlin", 74), ("TSG Hoffenheim", 75), ("FC Augsburg", 72),
            (("1. FC Köln", "Colonia", "Colônia"), 71), ("Hamburger SV", 71), ("FC St. Pauli", 70),
            ("1. FC Heidenheim", 69),
        ],
    },
    {
        "id": "34", "sport": "1", "names": "Ligue 1", "country": "France",
        "format": "league", "weekday": EURO_WEEKDAY, "weekend": EURO_WEEKEND,
        "teams": [
            ("Paris Saint-Germain", 90),
            (("Olympique de Marseille", "Olympique de Marsella", "Olympique de Marselha"), 82),
            ("AS Monaco", 82), ("Lille", 80),
            (("Olympique Lyonnais", "Olympique de Lyon", "Lyon"), 80),
            ("OGC Nice", 78), ("RC Lens", 78), ("Stade Rennais", 77), ("RC Strasbourg", 76),
            ("Stade Brestois", 74), ("Toulouse", 74), ("FC Nantes", 72), ("Angers", 70), ("Le Havre", 70),
            ("AJ Auxerre", 70), ("FC Lorient", 69), ("Paris FC", 70), ("FC Metz", 68),
        ],
    },
    {
        "id": "7", "sport": "1",
        "names": ("UEFA Champions League", "Liga de Campeones de la UEFA", "Liga dos Campeões da UEFA"),
        "country": "Europe", "format": "cup",  # Tuesday and Wednesday nights
        "weekday": ["17:45", "17:45", "20:00", "20:00", "20:00", "20:00"],
        "teams": [
            "Real Madrid", "Barcelona", "Atlético Madrid", "Liverpool", "Arsenal", "Manchester City", "Chelsea",
            "Inter", "Napoli", "Juventus", "Bayern Munich", "Bayer Leverkusen", "Borussia Dortmund",
            "Paris Saint-Germain", "AS Monaco", ("Benfica", 82), ("Porto", 80), ("Sporting CP", 81),
            ("PSV Eindhoven", 80), ("Ajax", 78), ("Club Brugge", 77), ("Galatasaray", 78), ("Celtic", 75),
        ],
    },
    {
        "id": "1024", "sport": "1", "names": "Liga BetPlay", "country": "Colombia", "format": "league",
        "weekday": ["21:00", "23:30"], "weekend": ["19:00", "21:10", "23:20"],
        "teams": [
            ("Atlético Nacional", 76), ("Millonarios", 75), ("Junior", 74), ("América de Cali", 74),
            ("Independiente Santa Fe", 73), ("Deportes Tolima", 73), ("Deportivo Cali", 71),
            ("Independiente Medellín", 73), ("Once Caldas", 70), ("Atlético Bucaramanga", 72),
            ("Deportivo Pereira", 69), ("Águilas Doradas", 68), ("La Equidad", 67), ("Envigado", 66),
        ],
    },
    {
        "id": "325", "sport": "1", "names": ("Brasileirão", "Brasileirão Serie A", "Brasileirão Série A"),
        "country": "Brazil", "format": "league", "weekday": ["22:00", "23:30"], "weekend": ["19:00", "21:30", "23:00"],
        "teams": [
            ("Flamengo", 84), ("Palmeiras", 84), ("Botafogo", 80), ("Cruzeiro", 80), ("São Paulo", 78),
            ("Fluminense", 78), ("Internacional", 77), ("Grêmio", 76), ("Corinthians", 77),
            ("Atlético Mineiro", 78), ("Bahia", 76), ("Vasco da Gama", 75), ("Fortaleza", 73),
            ("Red Bull Bragantino", 75), ("Santos", 74), ("Vitória", 71), ("Ceará", 71), ("Juventude", 69),
        ],
    },
    {
        "id": "132", "sport": "2", "names": "NBA", "country": "USA", "format": "rounds",
        "weekday": ["00:00", "00:30", "01:00", "02:30", "03:00"],
        "weekend": ["20:00", "23:00", "00:00", "01:00", "02:30"],
        "teams": [
            ("Boston Celtics", 88), ("Oklahoma City Thunder", 91), ("Denver Nuggets", 87),
            ("Cleveland Cavaliers", 88), ("New York Knicks", 86), ("Los Angeles Lakers", 84),
            ("Golden State Warriors", 83), ("Milwaukee Bucks", 82), ("Minnesota Timberwolves", 85),
            ("Houston Rockets", 85), ("Dallas Mavericks", 82), ("Phoenix Suns", 80), ("Miami Heat", 80),
            ("Philadelphia 76ers", 79), ("Los Angeles Clippers", 83), ("Orlando Magic", 83),
            ("Indiana Pacers", 82), ("San Antonio Spurs", 81), ("Chicago Bulls", 78), ("Atlanta Hawks", 80),
        ],
    },
    {
        "id": "2000", "sport": "3", "names": ("ATP Tour", "Circuito ATP", "Circuito ATP"), "country": "International",
        # Tennis is played somewhere at every hour: a round a day, a match every two hours, one or two live.
        "format": "tour", "weekday": [f"{h:02d}:00" for h in range(0, 24, 2)],
        "teams": [
            ("Carlos Alcaraz", 95), ("Jannik Sinner", 95), ("Alexander Zverev", 88), ("Novak Djokovic", 90),
            ("Taylor Fritz", 86), ("Ben Shelton", 85), ("Alex de Minaur", 85), ("Lorenzo Musetti", 85),
            ("Félix Auger-Aliassime", 84), ("Jack Draper", 84), ("Holger Rune", 83), ("Casper Ruud", 83),
            ("Daniil Medvedev", 84), ("Andrey Rublev", 82), ("João Fonseca", 81), ("Francisco Cerúndolo", 80),
            ("Tommy Paul", 82), ("Stefanos Tsitsipas", 81), ("Grigor Dimitrov", 80), ("Hubert Hurkacz", 80),
            ("Frances Tiafoe", 80), ("Ugo Humbert", 79), ("Arthur Fils", 81), ("Sebastian Korda", 79),
        ],
    },
]
