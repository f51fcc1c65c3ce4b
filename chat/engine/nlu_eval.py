"""Accuracy of the understanding layer on a labelled JSONL set.

Each line: {"text", "intent", "language"?, "timezone"?, "entities"?}. When "entities" is present it
is the complete expectation for the scored fields (teams, tournament, market, selection, line,
amount, currency, date, risk, live): anything else extracted counts as a false positive. Dates are
written as the local [first day, day after last) of the resolved range, with "now" fixed at
`EVAL_NOW` (a Thursday) so the set never goes stale.

The sets, and their roles:
- `intents.jsonl` (labelled): what the rules were developed on, and part of the model's training corpus.
- `intents_dev.jsonl` (development): three batches, each committed before the rules were run on it
  (lines 1-44, 45-97, 98-139), then read while tuning, so its current score is optimistic. First-sight
  intent accuracy was 0.977, 0.906 and 0.881 (0.921 over all 139), reproduced by
  `bench/nlu_first_sight.py`.
- `intents_test_sealed.jsonl` (first sealed set, development since issue 17's second round): written and
  committed alone (9d5d2ce) before any classifier change; its aggregates were measured several times while the
  same people fixed the engine, then its errors were read with batch 2's. `SEALED_SHA256` still pins its
  bytes (its first-run floor is asserted in the tests).
- The outsiders' batches (`intents_test_sealed_N.jsonl`, N ≥ 2; `chat.engine.eval_batches` holds their records and
  pinned bytes): each written by a helper who never saw the engine and committed alone before anything ran on it.
  The sealed one (`eval_batches.SEALED_BATCH`) prints aggregates only; after its first run it becomes a development
  set, read to fix errors by kind (a cue, corpus or extraction gap that other sentences share), never by copying
  its sentences into the corpus or the rules, and one of `SEEN_SETS`. `WRONG_LABELS` names a development line whose
  label the docs show wrong (sentence -> evidence) without editing the file (batch 4's two plain
  both-teams-to-score questions labelled "yes", and two of batch 5, against the same kind's label in three other
  sets).
  Because short stock sentences ("hi", "what is a parlay?") are written the same by anyone, a sealed set's figures
  are also reported on `unseen_examples`: the sentences that are not, once normalised, a sentence of the training
  or development data.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from chat.engine.eval_batches import DEVELOPMENT_BATCHES
from chat.engine.nlu import INTENTS, IntentClassifier, Understanding, understand

EVAL_NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
DATA_DIR = Path(__file__).resolve().parent / "data"
LABELLED_SET = DATA_DIR / "intents.jsonl"
DEV_SET = DATA_DIR / "intents_dev.jsonl"
SEALED_TEST_SET = DATA_DIR / "intents_test_sealed.jsonl"
SEALED_SHA256 = "0fc0ce20dcbdac32511b1412c1c99703acd5cbfba61cb69f74bafe18478c7fd2"
SEEN_SETS = (LABELLED_SET, DEV_SET, SEALED_TEST_SET, DATA_DIR / "nlu_corpus.jsonl",
             *(batch.intents for batch in DEVELOPMENT_BATCHES))
# A development line whose label the product's docs show to be wrong: sentence -> the evidence. The file itself is
# never edited (its bytes are pinned); the benchmark marks such an error instead of counting it silently.
_BTTS_NO_SIDE = ("both-teams-to-score named with no side has no selection: the same kind is labelled without one in "
                 "intents.jsonl ('cuota de ambos marcan Millonarios vs Nacional'), the first sealed set ('both teams "
                 "to score odds Atalanta Bologna') and batch 2 ('ambos marcan en el Valencia - Villarreal cuánto "
                 "paga'); the odds answer shows both sides, and a selection the words did not determine is never "
                 "taken for a bet, it is asked (docs/betting.md, selection_not_stated; nlu/markets.py _BTTS_BACKED)")
# Slots are read whatever the intent: a day the sentence says is its date, also in a question the service does not
# answer (the answer is the out-of-scope one either way, so no user sees the slot).
_DAY_SAID = ("the sentence says a day ('tomorrow', 'hoy'), and slots are read whatever the intent: batch 5 labels the "
             "same kind with its date ('what's the weather in madrid tomorrow', '¿va a llover mañana en bogotá?', "
             "'qual a previsão do tempo pra amanhã em são paulo'); the answer is out of scope either way")
# A market a definition question names is its market: slots are read whatever the intent, and the answer explains
# that market (handlers/explain.py, from the same words). Batch 27 labels such questions with no entity at all.
_MARKET_EXPLAINED = ("the sentence names a market and asks what it is: intents.jsonl labels the same kind with that "
                     "market ('What does BTTS mean?': btts, '¿Qué es el hándicap asiático?': handicap, 'O que é dupla "
                     "chance?': double_chance), as batches 2, 12 and 13 do; the answer explains that market")
WRONG_LABELS: dict[str, str] = {
    "both teams to score in Dortmund v Leipzig, odds?": _BTTS_NO_SIDE,
    "cuotas ambos marcan en el Sevilla vs Elche": _BTTS_NO_SIDE,
    # batch 5: the same kind (its staked "apuesta ... a que marcan los dos" is read "yes", as labelled)
    "cuotas de ambos marcan en el napoli - lazio": _BTTS_NO_SIDE,
    "quanto paga ambas marcam em vasco x bahia": _BTTS_NO_SIDE,
    # the development set: a sure thing and a stake backed to win, labelled without what the labelled set labels them
    "dame una fija para hoy": (
        "a \"fija\" is a sure thing, the safe tip: the same kind is labelled risk low in intents.jsonl ('any sure bets "
        "for sunday'), and the tip a user asking for one expects is the likeliest prices (the recommendation's low "
        "risk band, short favourites: tools.recommend_bets_tool), never a long shot (the turn itself gets the "
        "policy's answer that no bet is sure, rg_guaranteed)"),
    "if I stake 25 euros on Inter and they win, what's my profit?": (
        "a stake on a club \"and they win\" is that club to win, the match result (1x2): the same kind is labelled "
        "market 1x2 in intents.jsonl ('What if I bet $20 on Barcelona to win?', 'cuánto gano si juego 20 mil a que "
        "gana el Junior') and in this set ('place 25 on arsenal to win'); the simulation prices Inter's win"),
    # batch 9
    "sugere uma zebra boa pra essa rodada": (
        "a \"zebra\" is an underdog, a long shot: asked for, it is the high-risk appetite, as batch 2 labels 'quero "
        "uma zebra pro domingo', the development set 'recommend me an underdog to back' and the first sealed set "
        "give me a longshot for the weekend'; the tips answered are the high-risk band's longer odds "
        "(tools.recommend_bets_tool; the answer says 'risco alto'), what a user asking for a zebra wants"),
    # batch 12
    "y si juego 50 lucas a que gana el Millonarios": (
        "\"lucas\" are thousands of pesos (Colombian slang; the club is Colombia's Millonarios): the amount 50000 is "
        "labelled as such, and its currency is the Colombian peso, as intents.jsonl labels the same kind ('simulame "
        "10 lucas al América': amount 10000, currency COP); the simulation states the stake in COP"),
    "any nba games tonite?": (
        "the NBA is named: the same kind is labelled tournament NBA in intents.jsonl ('NBA games tonight', 'any nba "
        "games on saturday night?', 'list the NBA games tonight'); the answer lists the NBA's games tonight, not "
        "every sport's"),
    # batch 13
    "cuánto me daría con 5 lucas al Millonarios": (
        "\"lucas\" are thousands of pesos (Colombian slang; the club is Colombia's Millonarios): the amount 5000 is "
        "labelled as such, and its currency is the Colombian peso, as intents.jsonl labels the same kind ('simulame "
        "10 lucas al América': amount 10000, currency COP); the simulation states the stake in COP"),
    # batch 16: a day said in an out-of-scope question, labelled without it
    "whats the weather in london tomorrow": _DAY_SAID,
    "recomiéndame una película para hoy": _DAY_SAID,
    # batch 27: definition questions labelled with no entity
    **dict.fromkeys(("what does 1X2 mean", "whats a handicap bet", "explain btts to me like im five",
                     "qué es una apuesta de doble oportunidad", "que significa over under",
                     "qué es el hándicap asiático",
                     "qué quiere decir ambos marcan", "o que é handicap", "o que significa dupla chance",
                     "o que é o resultado do primeiro tempo na aposta"), _MARKET_EXPLAINED),
}
SCORED_FIELDS = ("teams", "tournament", "market", "selection", "line", "amount", "currency", "date", "risk", "live")


def load(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip() and not line.lstrip().startswith("//")]


def _pairs_expected(expected: dict) -> set[tuple]:
    pairs: set[tuple] = set()
    for field in SCORED_FIELDS:
        value = expected.get(field)
        if value is None or value == []:
            continue
        if field == "teams":
            pairs |= {("team", name) for name in value}
        elif field == "amount":
            pairs.add(("amount", Decimal(str(value)).normalize()))
        elif field == "line":
            pairs.add(("line", float(value)))
        elif field == "date":
            pairs.add(("date", value[0], value[1]))
        else:
            pairs.add((field, value))
    return pairs


def _pairs_predicted(u: Understanding, timezone: str) -> set[tuple]:
    e = u.entities
    pairs: set[tuple] = {("team", name) for name in e.teams}
    for field in ("tournament", "market", "selection", "currency", "risk", "live"):
        value = getattr(e, field)
        if value is not None:
            pairs.add((field, value))
    if e.line is not None:
        pairs.add(("line", float(e.line)))
    if e.amount is not None:
        pairs.add(("amount", Decimal(e.amount).normalize()))
    if e.date_from is not None and e.date_to is not None:
        zone = ZoneInfo(timezone)
        pairs.add(("date", e.date_from.astimezone(zone).date().isoformat(),
                   e.date_to.astimezone(zone).date().isoformat()))
    return pairs


def _normalised(text: str) -> str:
    return " ".join(re.sub(r"\W+", " ", text.casefold()).split())


def unseen_examples(path: str | Path) -> list[dict]:
    """The examples of `path` whose text, normalised (case, punctuation, spaces), is no sentence of the training
    corpus nor of a labelled or development set: a generalisation figure free of stock phrases."""
    seen = {_normalised(ex.get("text", "")) for seen_path in SEEN_SETS for ex in load(seen_path)}
    return [ex for ex in load(path) if _normalised(ex["text"]) not in seen]


def evaluate(path: str | Path = LABELLED_SET, *, classifier: IntentClassifier | None = None,
             now: datetime = EVAL_NOW, examples: list[dict] | None = None) -> dict:
    """Per-intent precision/recall/F1, overall intent accuracy, language accuracy and entity micro-F1
    (of `examples` when given, else of the file at `path`)."""
    examples = load(path) if examples is None else examples
    confusion: Counter[tuple[str, str]] = Counter()
    tp = fp = fn = 0
    slot_counts: dict[str, Counter[str]] = {}
    abstained = 0
    lang_ok = lang_n = 0
    errors: list[dict] = []
    entity_errors: list[dict] = []
    for ex in examples:
        timezone = ex.get("timezone", "UTC")
        u = understand(ex["text"], now=now, timezone=timezone, classifier=classifier,
                       language_hint=ex.get("language_hint"))
        confusion[(ex["intent"], u.intent)] += 1
        abstained += bool(getattr(u, "abstain", False))
        if u.intent != ex["intent"]:
            errors.append({"text": ex["text"], "expected": ex["intent"], "got": u.intent,
                           "confidence": u.confidence})
        if "language" in ex:
            lang_n += 1
            lang_ok += u.language == ex["language"]
        if "entities" in ex:
            want = _pairs_expected(ex["entities"])
            got = _pairs_predicted(u, timezone)
            tp += len(want & got)
            fp += len(got - want)
            fn += len(want - got)
            for kind, pairs in (("tp", want & got), ("fp", got - want), ("fn", want - got)):
                for pair in pairs:
                    slot_counts.setdefault(pair[0], Counter())[kind] += 1
            if want != got:
                entity_errors.append({"text": ex["text"], "missing": sorted(map(str, want - got)),
                                      "extra": sorted(map(str, got - want))})
    per_intent = {}
    for intent in INTENTS:
        t = confusion[(intent, intent)]
        predicted = sum(n for (_, got), n in confusion.items() if got == intent)
        support = sum(n for (want, _), n in confusion.items() if want == intent)
        precision = t / predicted if predicted else 0.0
        recall = t / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_intent[intent] = {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
                              "support": support}
    correct = sum(n for (want, got), n in confusion.items() if want == got)
    e_precision = tp / (tp + fp) if tp + fp else 1.0
    e_recall = tp / (tp + fn) if tp + fn else 1.0
    e_f1 = 2 * e_precision * e_recall / (e_precision + e_recall) if e_precision + e_recall else 0.0
    return {
        "examples": len(examples),
        "accuracy": round(correct / len(examples), 4) if examples else 0.0,
        "per_intent": per_intent,
        "language_accuracy": round(lang_ok / lang_n, 4) if lang_n else None,
        "entities": {"precision": round(e_precision, 4), "recall": round(e_recall, 4), "f1": round(e_f1, 4),
                     "tp": tp, "fp": fp, "fn": fn},
        "per_slot": {slot: _f1(c) for slot, c in sorted(slot_counts.items())},
        "abstention_rate": round(abstained / len(examples), 4) if examples else 0.0,
        "errors": errors,
        "entity_errors": entity_errors,
    }


def _f1(counts: Counter[str]) -> dict:
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"f1": round(f1, 3), "precision": round(precision, 3), "recall": round(recall, 3),
            "tp": tp, "fp": fp, "fn": fn}


def format_report(report: dict, *, title: str = "NLU", show_errors: bool = True) -> str:
    """The per-intent table a human reads in the test output or the benchmark; `show_errors=False` leaves out
    the individual errors (a sealed set's are never printed; the benchmark prints the others' on request)."""
    lines = [f"{title}: {report['examples']} examples, intent accuracy {report['accuracy']:.3f}, "
             f"entity F1 {report['entities']['f1']:.3f} (P {report['entities']['precision']:.3f} "
             f"R {report['entities']['recall']:.3f}), language accuracy {report['language_accuracy']}",
             f"{'intent':24} {'prec':>6} {'recall':>6} {'f1':>6} {'n':>4}"]
    for intent, row in report["per_intent"].items():
        lines.append(f"{intent:24} {row['precision']:6.3f} {row['recall']:6.3f} {row['f1']:6.3f} {row['support']:4d}")
    slots = ", ".join(f"{slot} {row['f1']:.3f}" for slot, row in report["per_slot"].items())
    lines.append(f"per-slot F1: {slots}; abstention rate {report['abstention_rate']:.3f}")
    if not show_errors:
        return "\n".join(lines)
    for err in report["errors"]:
        lines.append(f"  intent  {err['expected']:>22} -> {err['got']:<22} ({err['confidence']:.2f}) {err['text']!r}")
    for err in report["entity_errors"]:
        lines.append(f"  entity  missing={err['missing']} extra={err['extra']} {err['text']!r}")
    for err in report["errors"] + report["entity_errors"]:
        if err["text"] in WRONG_LABELS:
            lines.append(f"  the label of {err['text']!r} is wrong: {WRONG_LABELS[err['text']]}")
    return "\n".join(lines)
