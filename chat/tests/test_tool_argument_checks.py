"""The fast check of tool arguments answers exactly as jsonschema does: the same arguments accepted (with the
same normalised values) and the same refused, with the same message in the user's language, on ~1300 argument
sets built from every tool's schema and from the entities of the development corpus."""

from __future__ import annotations

import json
import random
from decimal import Decimal
from pathlib import Path

import pytest

from chat.engine import tool_arguments
from chat.engine.tool_registry import TOOLS

DEV_CORPUS = Path(tool_arguments.__file__).parent / "data" / "intents_dev.jsonl"


def _corpus_values() -> dict[str, list]:
    """What users of the development set actually named, as a model or the offline engine would pass it."""
    values: dict[str, list] = {"string": [], "number": []}
    for line in DEV_CORPUS.read_text(encoding="utf-8").splitlines():
        entities = json.loads(line).get("entities", {})
        for key, value in entities.items():
            for item in value if isinstance(value, list) else [value]:
                if key in ("amount", "line"):
                    values["number"] += [str(item), Decimal(str(item))]
                values["string"].append(str(item))
    return values


def _candidates(schema: dict, corpus: dict[str, list], rng: random.Random, depth: int = 0) -> list:
    """Values for one property: fitting ones, edge ones and wrong ones."""
    kind = schema.get("type")
    wrong = [None, True, False, 0, -1, 1.5, "", "abc", [], {}, Decimal("NaN"), float("nan")]
    if "enum" in schema:
        return list(schema["enum"]) + ["everything", schema["enum"][0].upper()] + wrong
    if kind == "string":
        return rng.sample(corpus["string"], 6) + ["2026-12-01", "1", "x" * 300] + wrong
    if kind in ("number", "integer"):
        bounds = [schema[k] for k in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum") if k in schema]
        near = [b + d for b in bounds for d in (-1, -0.001, 0, 0.001, 1)]
        return (near + [Decimal(str(b)) for b in bounds] + [str(b) for b in bounds] + ["2,5", "3.0", " 7 ", "inf"]
                + [1, 2, 3, 20, 21, 10**6, 2.0, 3.25] + rng.sample(corpus["number"], 4) + wrong)
    if kind == "boolean":
        return [True, False, "true", 1, 0, None]
    if kind == "array":
        items = _candidates(schema.get("items", {}), corpus, rng, depth + 1) if depth < 2 else [{}]
        return [[], [rng.choice(items)], [rng.choice(items) for _ in range(3)],
                [rng.choice(items) for _ in range(schema.get("maxItems", 5) + 1)], "not a list", None]
    if kind == "object":
        return [_arguments(schema, corpus, rng, depth + 1) for _ in range(3)] + ["not an object", None]
    return wrong


def _arguments(schema: dict, corpus: dict[str, list], rng: random.Random, depth: int = 0) -> dict:
    props = schema.get("properties", {})
    chosen = rng.sample(sorted(props), rng.randint(0, len(props))) if props else []
    arguments = {key: rng.choice(_candidates(props[key], corpus, rng, depth)) for key in chosen}
    if rng.random() < 0.2:
        arguments["user_id"] = 7  # a key the schema does not declare: dropped by both
    return arguments


def _argument_sets() -> list[tuple[str, object]]:
    rng = random.Random(20)
    corpus = _corpus_values()
    sets: list[tuple[str, object]] = []
    for name, tool in sorted(TOOLS.items()):
        props = tool.parameters.get("properties", {})
        sets += [(name, {}), (name, None), (name, "not arguments")]
        for key in props:  # each property alone, every candidate value
            sets += [(name, {key: value}) for value in _candidates(props[key], corpus, rng)]
        sets += [(name, _arguments(tool.parameters, corpus, rng)) for _ in range(40)]
    return sets


def _outcome(check, schema: dict, arguments, language: str):
    try:
        return "accepted", check(schema, arguments, language)
    except tool_arguments.InvalidArguments as exc:
        return "refused", str(exc), exc.field, exc.rule
    except Exception as exc:  # jsonschema cannot compare a Decimal NaN (run_tool reports the tool failed)
        return "raised", type(exc).__name__


def _jsonschema_only(schema, arguments, language):
    clean = tool_arguments.normalise(schema, arguments if isinstance(arguments, dict) else {})
    return tool_arguments.validate_with_jsonschema(schema, clean, language=language)


def _with_fast_check(schema, arguments, language):
    return tool_arguments.validate(schema, arguments, language=language)


def _same(a, b) -> bool:
    """Equal outcomes, NaN equal to NaN (an accepted NaN is the same value on both sides)."""
    return json.dumps(a, default=repr, sort_keys=True) == json.dumps(b, default=repr, sort_keys=True)


@pytest.mark.parametrize("language", ["en", "es", "pt_br"])
def test_the_fast_check_accepts_and_refuses_what_jsonschema_does_with_the_same_message(language):
    sets = _argument_sets()
    outcomes = {"accepted": 0, "refused": 0, "raised": 0}
    differ = []
    for name, arguments in sets:
        schema = TOOLS[name].parameters
        expected = _outcome(_jsonschema_only, schema, arguments, language)
        got = _outcome(_with_fast_check, schema, arguments, language)
        outcomes[expected[0]] += 1
        if not _same(expected, got):
            differ.append((name, arguments, expected, got))

    assert len(sets) >= 700
    assert outcomes["accepted"] >= 150 and outcomes["refused"] >= 150, outcomes  # both answers exercised
    assert not differ, differ[:5]


def test_plainly_valid_arguments_take_the_fast_check():
    """The common shapes (what the offline engine sends on a turn) never need jsonschema."""
    checked = [
        ("simulate_bet", {"stake": "50", "odds": "2.10", "fixture_id": "f1", "market": "1x2", "selection": "home"}),
        ("find_fixtures", {"team": "Arsenal", "date_from": "2026-12-01", "limit": 5}),
        ("get_odds", {"team": "Real Madrid", "opponent": "Barcelona", "market": "btts"}),
        ("compare_teams", {"team_a": "Bayern Munich", "team_b": "Dortmund"}),
        ("list_tournaments", {"sport_id": "1"}),
    ]
    for name, arguments in checked:
        schema = TOOLS[name].parameters
        assert tool_arguments._surely_valid(schema, tool_arguments.normalise(schema, arguments)), name
