"""Tool arguments checked with jsonschema against the very schema the model is shown.

Both callers go through here (via `tools.run_tool`): the offline engine and any model. Before the
check, arguments are normalised the way the schema means them: keys the schema does not declare
are dropped (a model inventing `user_id` never reaches a tool: identity comes from the server),
`None` means "not given", and numbers written as text (the offline engine passes Decimals as
strings, some models quote numbers) become numbers. Everything else — `minimum`,
`exclusiveMinimum`, `maximum`, `enum`, types, `required`, nested arrays and objects — is
jsonschema's Draft 2020-12 validation. A refusal is a message in the user's language.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

FIELD_NAMES = {
    "es": {"odds": "cuota", "stake": "importe", "limit": "límite", "selection": "selección", "market": "mercado",
           "risk_level": "nivel de riesgo", "team": "equipo", "team_a": "equipo", "team_b": "equipo",
           "date_from": "fecha", "date_to": "fecha", "legs": "selecciones", "live": "en vivo"},
    "pt_br": {"odds": "odd", "stake": "valor", "limit": "limite", "selection": "seleção", "market": "mercado",
              "risk_level": "nível de risco", "team": "time", "team_a": "time", "team_b": "time",
              "date_from": "data", "date_to": "data", "legs": "seleções", "live": "ao vivo"},
}

MESSAGES = {
    "en": {"minimum": "{field}: must be at least {limit} (got {value}).",
           "exclusiveMinimum": "{field}: must be greater than {limit} (got {value}).",
           "maximum": "{field}: must be at most {limit} (got {value}).",
           "exclusiveMaximum": "{field}: must be less than {limit} (got {value}).",
           "enum": "{field}: must be one of {choices}.",
           "type": "{field}: expected {expected}, got {value}.",
           "required": "{field}: required.",
           "_": "{field}: not a valid value ({value})."},
    "es": {"minimum": "{field}: debe ser al menos {limit} (recibí {value}).",
           "exclusiveMinimum": "{field}: debe ser mayor que {limit} (recibí {value}).",
           "maximum": "{field}: debe ser como máximo {limit} (recibí {value}).",
           "exclusiveMaximum": "{field}: debe ser menor que {limit} (recibí {value}).",
           "enum": "{field}: debe ser uno de {choices}.",
           "type": "{field}: se esperaba {expected}, recibí {value}.",
           "required": "{field}: es obligatorio.",
           "_": "{field}: valor no válido ({value})."},
    "pt_br": {"minimum": "{field}: deve ser pelo menos {limit} (recebi {value}).",
              "exclusiveMinimum": "{field}: deve ser maior que {limit} (recebi {value}).",
              "maximum": "{field}: deve ser no máximo {limit} (recebi {value}).",
              "exclusiveMaximum": "{field}: deve ser menor que {limit} (recebi {value}).",
              "enum": "{field}: deve ser um de {choices}.",
              "type": "{field}: esperava {expected}, recebi {value}.",
              "required": "{field}: é obrigatório.",
              "_": "{field}: valor inválido ({value})."},
}

TYPE_NAMES = {
    "en": {"number": "a number", "integer": "a whole number", "string": "text", "boolean": "true or false",
           "array": "a list", "object": "an object"},
    "es": {"number": "un número", "integer": "un número entero", "string": "texto", "boolean": "sí o no",
           "array": "una lista", "object": "un objeto"},
    "pt_br": {"number": "um número", "integer": "um número inteiro", "string": "texto", "boolean": "sim ou não",
              "array": "uma lista", "object": "um objeto"},
}


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


def validate(schema: dict, arguments: Any, *, language: str = "en") -> dict:
    """The normalised arguments, or `InvalidArguments` with the first problem in the user's language."""
    clean = normalise(schema, arguments if isinstance(arguments, dict) else {})
    errors = sorted(Draft202012Validator(schema).iter_errors(clean), key=lambda e: [str(p) for p in e.absolute_path])
    if errors:
        error = errors[0]
        raise InvalidArguments(describe(error, language), field=_field(error, "en"), rule=str(error.validator))
    return clean
