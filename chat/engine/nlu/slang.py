"""Swearing and slang around a question, taken out of the words intents are read from.

Why: "wtf is a double chance bet", "q mierda es un handicap", "que porra é over 2.5" ask what "what is ..." asks;
the expletive is emphasis, not a topic, and left in it hides the question word the intent cues and the model rely
on (the market alone then reads as a request for odds, the swear word as off-topic). Only the question word's
expletive is rewritten, on the folded cue text (lower case, no accents), after names are blanked.
"""

from __future__ import annotations

import re

from .prefilter import Cue, prefiltered

_EN_SWEAR = r"(?:hell|heck|fuck|f\*+|f\*+k|f[-*]+ck|fck|frick|freak|devil|deuce|bloody hell|shit)"
_ES_SWEAR = (r"(?:mierda|carajo|cono|diablos|demonios|putas|chingados|chingada|verga|joder|rayos|narices|coj[oe]nes"
             r"|pija|huevos|hostias)")
_PT_SWEAR = r"(?:porra|merda|caralho|diabos|diacho|raios|bosta|cacete|inferno|capeta|droga|pinoia)"

# (pattern, replacement), applied in order on folded text.
_REWRITES: tuple[tuple[Cue, str], ...] = (
    # "wtf is", "wtf does X mean", "tf is", "wth are": the question word of the swear
    (re.compile(r"\b(?:wtf|wth|tf)\b(?=\s+(?:is|are|does|do|was|were|s)\b)"), "what"),
    (re.compile(r"\bwtf'?s\b"), "what is"),
    # "what the hell is", "what in the world/hell does", "what on earth is"
    (re.compile(rf"\bwhat (?:in |on )?(?:the )?(?:{_EN_SWEAR}|world|earth)(?=\s)"), "what"),
    (re.compile(rf"\bhow (?:in |on )?(?:the )?(?:{_EN_SWEAR}|world|earth) (?=(?:do|does|is|are|can)\b)"), "how "),
    # "q mierda es", "qué carajo significa", "que coño son"
    (re.compile(rf"\b(?:q|que) (?:(?:la|el|los|las) )?{_ES_SWEAR}s?(?=\s+(?:es|son|significa|significan|quiere|quieren"
                r"|seria|sera)\b)"), "que"),
    # "que porra é", "o que caralhos significa", "que merda é essa de"
    (re.compile(rf"\b(?:o )?(?:q|que) (?:(?:a|o) )?{_PT_SWEAR}s?(?=\s+(?:e|sao|significa|significam|quer|querem"
                r"|seria)\b)"), "o que"),
    (re.compile(r"\bo que e (?:essa|esse|isso|essas|esses) (?:de|do|da|dos|das)\b"), "o que e"),
    (re.compile(r"\bque (?:es|son) (?:eso|esa|ese|esto|esta|este) (?:de|del|de la)\b"), "que es"),
)


# Texting shorthand, written out ("whats live rn", "what are u for", "r u a bot", "k partidos hay hoy"): the
# abbreviation hides the words the cues and the model know ("right now" says live, "you" the assistant asked about).
# Per language: Spanish "u" is "or" ("uno u otro") and "y" is "and", so the English forms are read in English only.
_SHORTHAND: dict[str, tuple[tuple[Cue, str], ...]] = {
    "en": (
        (re.compile(r"\b(?:rn|atm)\b"), "right now"),
        (re.compile(r"\b(?:u|yu)\b"), "you"),
        (re.compile(r"\bur\b"), "your"),
        (re.compile(r"\br\b(?=\s+(?:you|they|we|there|the|any|these|those)\b)"), "are"),
        (re.compile(r"\b(?:wat|wut|wht|wot)\b"), "what"),
        (re.compile(r"\b(?:pls|plz|plss|pleez)\b"), "please"),
        (re.compile(r"\b(?:cuz|coz|bc)\b"), "because"),
        (re.compile(r"\bgimme\b"), "give me"),
        (re.compile(r"\bbout\b"), "about"),
        (re.compile(r"\bidk\b"), "i don't know"),
    ),
    "es": (
        (re.compile(r"\b(?:q|k|ke)\b(?=\s+\w)"), "que"),
        (re.compile(r"\b(?:xq|pq|xk)\b"), "porque"),
        (re.compile(r"\b(?:tb|tmb|tbn)\b"), "tambien"),
        (re.compile(r"\bpa\b(?=\s+(?:el|la|los|las|hoy|manana|apostar|ver|jugar)\b)"), "para"),
        (re.compile(r"\bxfa\b"), "por favor"),
    ),
    "pt_br": (
        (re.compile(r"\b(?:q|ql)\b(?=\s+\w)"), "que"),
        (re.compile(r"\b(?:pq|pk)\b"), "porque"),
        (re.compile(r"\b(?:tb|tbm)\b"), "tambem"),
        (re.compile(r"\b(?:vc|vce)\b"), "voce"),
        (re.compile(r"\bvcs\b"), "voces"),
        (re.compile(r"\bpfv\b"), "por favor"),
    ),
}

# Rewritten in every message: each pattern runs only when the text has a word its matches start on (`prefiltered`).
_REWRITES = tuple((prefiltered(pattern), replacement) for pattern, replacement in _REWRITES)
_SHORTHAND = {language: tuple((prefiltered(pattern), replacement) for pattern, replacement in rules)
              for language, rules in _SHORTHAND.items()}


def written_out(folded: str, language: str | None = None) -> str:
    """The folded message with the language's texting shorthand written out ("any tennis on rn" -> "... on right
    now"): what the cues read, so "rn" says live as "right now" does."""
    for pattern, replacement in _SHORTHAND.get(language or "", ()):
        folded = pattern.sub(replacement, folded)
    return folded


def plain_question(cue_text: str, language: str | None = None) -> str:
    """The cue text with a question's expletive taken out ("wtf is" -> "what is", "q mierda es" -> "que es") and the
    language's texting shorthand written out ("rn" -> "right now", "u" -> "you", "q" -> "que")."""
    if not cue_text:
        return cue_text
    cue_text = written_out(cue_text, language)
    for pattern, replacement in _REWRITES:
        cue_text = pattern.sub(replacement, cue_text)
    return cue_text
