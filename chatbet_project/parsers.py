"""JSON from clients, parsed with a nesting limit: REST bodies (DRF parser) and socket frames alike.

Python's parser raises RecursionError (not ValueError) around 1000 levels, which surfaced as a 500
on REST and a 1011 close on the sockets; and shallower but still absurd nesting reached the
serializers, the database and the logs. No message of the protocol nests deeper than a few levels.
"""

from __future__ import annotations

import json
from typing import Any

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser
from rest_framework.utils import json as drf_json

MAX_JSON_DEPTH = 32


class JSONTooDeep(ValueError):
    pass


def json_depth_exceeds(value: Any, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether containers nest deeper than `limit` (iterative: never recurses itself)."""
    stack = [(value, 1)]
    while stack:
        current, depth = stack.pop()
        if isinstance(current, dict):
            children = current.values()
        elif isinstance(current, list):
            children = current
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


def loads_json(text: str | bytes, *, max_depth: int = MAX_JSON_DEPTH, **options) -> Any:
    """`json.loads` that raises ValueError (JSONTooDeep) for nesting beyond `max_depth`, never RecursionError."""
    try:
        value = json.loads(text, **options)
    except RecursionError:
        raise JSONTooDeep(f"JSON nested deeper than {max_depth} levels.")
    if json_depth_exceeds(value, max_depth):
        raise JSONTooDeep(f"JSON nested deeper than {max_depth} levels.")
    return value


class SafeJSONParser(JSONParser):
    """DRF's JSON parser with the nesting limit: too deep is a 400 like any malformed body."""

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", "utf-8")
        parse_constant = drf_json.strict_constant if self.strict else None  # NaN/Infinity refused like DRF
        try:
            return loads_json(stream.read().decode(encoding), parse_constant=parse_constant)
        except ValueError as exc:
            raise ParseError(f"JSON parse error - {exc}")
