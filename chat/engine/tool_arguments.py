"""Tool arguments checked with jsonschema against the very schema the model is shown.

Both callers go through here (via `tool_registry.run_tool`): the offline engine and any model. Before the
check, arguments are normalised the way the schema means them: keys the schema does not declare
are dropped (a model inventing `user_id` never reaches a tool: identity comes from the server),
`None` means "not given", numbers written as text (the offline engine passes Decimals as
strings, some models quote numbers) become numbers, and NaN or an infinity (JSON as Python reads it
allows both) is refused as not a number — jsonschema itself would let NaN through every bound.
Everything else — `minimum`, `exclusiveMinimum`, `maximum`, `enum`, types, `required`, nested arrays and objects — is
jsonschema's Draft 2020-12 validation. A refusal is a message in the user's language.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import pgettext_lazy
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from chatbet_project.i18n import PerLanguage

FIELD_NAMES = PerLanguage({
    "odds": pgettext_lazy("tool argument", "odds"),
    "stake": pgettext_lazy("tool argument", "stake"),
    "limit": pgettext_lazy("tool argument", "limit"),
    "selection": pgettext_lazy("tool argument", "selection"),
    "market": pgettext_lazy("tool argument", "market"),
    "risk_level": pgettext_lazy("tool argument", "risk_level"),
    "team": pgettext_lazy("tool argument", "team"),
    "team_a": pgettext_lazy("tool argument", "team_a"),
    "team_b": pgettext_lazy("tool argument", "team_b"),
    "date_from": pgettext_lazy("tool argument", "date_from"),
    "date_to": pgettext_lazy("tool argument", "date_to"),
    "legs": pgettext_lazy("tool argument", "legs"),
    "live": pgettext_lazy("tool argument", "live"),
})

MESSAGES = PerLanguage({
    "minimum": pgettext_lazy("tool argument error", "{field}: must be at least {limit} (got {value})."),
    "exclusiveMinimum": pgettext_lazy("tool argument error", "{field}: must be greater than {limit} (got {value})."),
    "maximum": pgettext_lazy("tool argument error", "{field}: must be at most {limit} (got {value})."),
    "exclusiveMaximum": pgettext_lazy("tool argument error", "{field}: must be less than {limit} (got {value})."),
    "enum": pgettext_lazy("tool argument error", "{field}: must be one of {choices}."),
    "type": pgettext_lazy("tool argument error", "{field}: expected {expected}, got {value}."),
    "required": pgettext_lazy("tool argument error", "{field}: required."),
    "_": pgettext_lazy("tool argument error", "{field}: not a valid value ({value})."),
})

TYPE_NAMES = PerLanguage({
    "number": pgettext_lazy("tool argument type", "a number"),
    "integer": pgettext_lazy("tool argument type", "a whole number"),
    "string": pgettext_lazy("tool argument type", "text"),
    "boolean": pgettext_lazy("tool argument type", "true or false"),
    "array": pgettext_lazy("tool argument type", "a list"),
    "object": pgettext_lazy("tool argument type", "an object"),
})


class InvalidArguments(ValueError):
    """The arguments break the tool's schema; `message` is in the user's language."""

    def __init__(self, message: str, *, field: str, rule: str) -> None:
        super().__init__(message)
        self.field = field
        self.rule = rule


def normalise(schema: dict, value: Any) -> Any:
    """What the caller meant, in the schema's terms (see the module docstring); unknown keys dropped."""
    kind = schema.get("type")
    if kind == "object" and isinstance(value, dict):
        props = schema.get("properties", {})
        return {key: normalise(props[key], item) for key, item in value.items() if key in props and item is not None}
    if kind == "array" and isinstance(value, list | tuple):
        return [normalise(schema.get("items", {}), item) for item in value]
    if kind in ("number", "integer") and isinstance(value, str):
        try:
            number = Decimal(value.strip().replace(",", "."))
        except InvalidOperation:
            return value  # jsonschema reports the type error
        if not number.is_finite():
            return value
        if kind == "integer":
            return int(number) if number == number.to_integral_value() else number
        return number
    if kind in ("number", "integer") and isinstance(value, float | Decimal) and not Decimal(value).is_finite():
        return str(value)  # NaN or an infinity is no amount (a model's JSON may carry one): refused as "not a number"
    return value


def _field(error: ValidationError, language: str) -> str:
    path = [str(p) for p in error.absolute_path if not isinstance(p, int)]
    if error.validator == "required":
        missing = [k for k in error.validator_value if k not in (error.instance or {})]
        path.append(missing[0] if missing else "?")
    name = path[-1] if path else "arguments"
    return FIELD_NAMES.get(language, {}).get(name, name)


def _text(value: Any) -> str:
    if isinstance(value, Decimal | float):
        return format(Decimal(str(value)).normalize(), "f")
    return repr(value) if isinstance(value, str) else str(value)


def describe(error: ValidationError, language: str) -> str:
    table = MESSAGES.get(language, MESSAGES["en"])
    template = table.get(str(error.validator), table["_"])
    expected = error.validator_value if error.validator == "type" else ""
    return template.format(
        field=_field(error, language), limit=_text(error.validator_value), value=_text(error.instance),
        choices=", ".join(map(str, error.validator_value)) if error.validator == "enum" else "",
        expected=TYPE_NAMES.get(language, TYPE_NAMES["en"]).get(str(expected), str(expected)),
    )


# A validator per schema: the tools' schemas are module constants, and building a validator (its
# format checker, its keyword table) cost more than validating the few arguments of a call.
_VALIDATORS: dict[int, tuple[dict, Draft202012Validator]] = {}


def _validator(schema: dict) -> Draft202012Validator:
    kept = _VALIDATORS.get(id(schema))
    if kept is None or kept[0] is not schema:  # the schema object is kept, so its id is never reused
        kept = _VALIDATORS[id(schema)] = (schema, Draft202012Validator(schema))
    return kept[1]


# The fast check: the keywords the tools' schemas use. It only ever says "valid" when jsonschema would;
# anything else (an error, a keyword it does not know) goes to jsonschema, whose first error is the message.
_FAST_KEYWORDS = frozenset({"type", "properties", "items", "required", "enum", "minimum", "maximum",
                            "exclusiveMinimum", "exclusiveMaximum", "maxItems", "description"})
_NUMBERS = (int, float, Decimal)


def _surely_valid(schema: dict, value: Any) -> bool:
    """True only when `value` plainly meets `schema` (False: not sure, ask jsonschema)."""
    if not _FAST_KEYWORDS.issuperset(schema):
        return False
    kind = schema.get("type")
    if kind == "string":
        if not isinstance(value, str):
            return False
    elif kind == "number" or kind == "integer":
        if isinstance(value, bool) or not (type(value) is int if kind == "integer" else isinstance(value, _NUMBERS)):
            return False
        if value != value:  # NaN: jsonschema's comparisons decide
            return False
        if "minimum" in schema and not value >= schema["minimum"]:
            return False
        if "maximum" in schema and not value <= schema["maximum"]:
            return False
        if "exclusiveMinimum" in schema and not value > schema["exclusiveMinimum"]:
            return False
        if "exclusiveMaximum" in schema and not value < schema["exclusiveMaximum"]:
            return False
    elif kind == "boolean":
        if not isinstance(value, bool):
            return False
    elif kind == "object":
        if not isinstance(value, dict) or not all(key in value for key in schema.get("required", ())):
            return False
        props = schema.get("properties", {})
        if not all(key not in props or _surely_valid(props[key], item) for key, item in value.items()):
            return False
    elif kind == "array":
        if not isinstance(value, list) or len(value) > schema.get("maxItems", len(value)):
            return False
        items = schema.get("items", {})
        if not all(_surely_valid(items, item) for item in value):
            return False
    else:
        return False
    if "enum" in schema:
        return isinstance(value, str) and all(isinstance(choice, str) for choice in schema["enum"]) \
            and value in schema["enum"]
    return not (("required" in schema and kind != "object") or ("items" in schema and kind != "array")
                or ("properties" in schema and kind != "object"))


def validate(schema: dict, arguments: Any, *, language: str = "en") -> dict:
    """The normalised arguments, or `InvalidArguments` with the first problem in the user's language.
    Plainly valid arguments (nearly every call) skip jsonschema, whose validation cost ~10x the check;
    `chat/tests/test_tool_argument_checks.py` holds both to the same answers."""
    clean = normalise(schema, arguments if isinstance(arguments, dict) else {})
    if _surely_valid(schema, clean):
        return clean
    return validate_with_jsonschema(schema, clean, language=language)


def validate_with_jsonschema(schema: dict, clean: Any, *, language: str = "en") -> dict:
    """`validate` without the fast check, on arguments already normalised."""
    errors = sorted(_validator(schema).iter_errors(clean), key=lambda e: [str(p) for p in e.absolute_path])
    if errors:
        error = errors[0]
        raise InvalidArguments(describe(error, language), field=_field(error, "en"), rule=str(error.validator))
    return clean
