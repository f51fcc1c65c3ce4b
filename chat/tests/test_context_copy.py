"""The offline engine's copy of the conversation context (`offline._copied`): the turn works on a copy, so nothing it
changes reaches the memory it was given before the answer is stored; the copy is the context itself, type for type
(tuples stay tuples), and shares no list or dict with it. Held to the recursion it replaced (one call per value)."""

from __future__ import annotations

import random
from collections import OrderedDict

from chat.engine import offline


def _reference(value):
    if isinstance(value, dict):
        return {key: _reference(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_reference(item) for item in value]
    if isinstance(value, tuple):
        return tuple(_reference(item) for item in value)
    return value


def _shape(value):
    """The value with every type spelled out (1 == 1.0 == True, but not to a user reading the JSON)."""
    if isinstance(value, dict):
        return (type(value), [(key, _shape(item)) for key, item in value.items()])
    if isinstance(value, list | tuple):
        return (type(value), [_shape(item) for item in value])
    return (type(value), value)


def _containers(value) -> list:
    if isinstance(value, dict):
        return [value, *(c for item in value.values() for c in _containers(item))]
    if isinstance(value, list):
        return [value, *(c for item in value for c in _containers(item))]
    if isinstance(value, tuple):
        return [c for item in value for c in _containers(item)]
    return []


class _Text(str):
    pass


def _made_up(rng: random.Random, depth: int = 0):
    """A context-like value: JSON's types, tuples, a dict subclass and a str subclass, nested up to 3 deep."""
    kind = rng.randrange(9 if depth < 3 else 5)
    if kind < 5:
        return [None, rng.random() < 0.5, rng.randrange(-5, 5), rng.random(), _Text("t")][kind]
    items = [_made_up(rng, depth + 1) for _ in range(rng.randrange(4))]
    if kind == 5:
        return items
    if kind == 6:
        return tuple(items)
    pairs = [(f"k{i}", item) for i, item in enumerate(items)]
    return dict(pairs) if kind == 7 else OrderedDict(pairs)


def test_the_engines_copy_is_the_context_type_for_type_and_shares_nothing_mutable():
    rng = random.Random(20)
    contexts = [_made_up(rng) for _ in range(400)]
    assert sum(isinstance(c, dict) and any(isinstance(v, list | dict) for v in c.values()) for c in contexts) > 20
    for context in contexts:
        copied = offline._copied(context)
        assert _shape(copied) == _shape(_reference(context))
        originals = {id(c) for c in _containers(context)}
        assert not originals & {id(c) for c in _containers(copied)}


def test_a_turn_changing_its_context_leaves_the_remembered_one_alone():
    remembered = {"teams": ["Arsenal"], "last_list": [{"id": "f1", "teams": ("Arsenal", "Chelsea")}], "stake": None}
    copied = offline._copied(remembered)
    copied["teams"].append("Chelsea")
    copied["last_list"][0]["id"] = "f2"
    assert remembered == {"teams": ["Arsenal"], "last_list": [{"id": "f1", "teams": ("Arsenal", "Chelsea")}],
                          "stake": None}
