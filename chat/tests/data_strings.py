"""Every string of a data file of chat/engine/data (jsonl rows and json documents, labels as text too): what the
sweeps that hold a fast path to the code it replaced run on."""

from __future__ import annotations

import json
from pathlib import Path


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def strings_in(path: Path) -> list[str]:
    """Every string of one data file, in file order (repeats kept)."""
    if path.suffix == ".jsonl":
        return [s for line in path.read_text().splitlines() if line.strip() for s in _strings(json.loads(line))]
    return _strings(json.loads(path.read_text()))
