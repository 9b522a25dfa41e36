"""Check loaded data against a JSON Schema and word each failure for an author, with its location."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import fastjsonschema
import jsonschema
from jsonschema.exceptions import ValidationError

from ..problems import Problems, did_you_mean
from .located_yaml import Loaded, field_name


@cache
def load_schema(path: Path) -> jsonschema.protocols.Validator:
    """The validator for one schema file (cached: the same schema checks every module)."""
    schema = json.loads(Path(path).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


@cache
def _fast(path: Path):
    """The same schema compiled to Python by fastjsonschema: about ten times faster, but it stops at the first
    error, so it only answers "valid or not"; jsonschema then words every problem of an invalid file."""
    return fastjsonschema.compile(json.loads(Path(path).read_text(encoding="utf-8")))


def check(loaded: Loaded, schema_path: Path, problems: Problems) -> bool:
    """Add a problem for every schema failure; return True when there were none."""
    if loaded.data is None:
        return False
    try:
        _fast(Path(schema_path))(loaded.data)
        return True
    except fastjsonschema.JsonSchemaException:
        pass
    validator = load_schema(Path(schema_path))
    data: Any = loaded.data  # YAML's plain values, any of JSON's kinds: what the schema is there to check
    found = False
    for error in validator.iter_errors(data):
        found = True
        _report(loaded, error, problems)
    return not found


def _report(loaded: Loaded, error: ValidationError, problems: Problems) -> None:
    """Word one schema failure for an author, located at the value (or, for an unknown field, the key)."""
    at = tuple(error.absolute_path)
    if error.validator == "required":
        _report_missing(loaded, error, at, problems)
    elif error.validator == "additionalProperties":
        _report_unknown_fields(loaded, error, at, problems)
    else:
        message, hint, code = _wording(loaded, error, at)
        problems.add(loaded.where(at), field_name(at) or "(top level)", message, hint, code=code)


def _report_missing(loaded: Loaded, error: ValidationError, at: tuple, problems: Problems) -> None:
    """A required field is missing: the problem names the field, with a hint saying what it holds."""
    missing = error.message.split("'")[1] if "'" in error.message else error.message
    problems.add(loaded.where(at), field_name(at + (missing,)), "is missing",
                 _REQUIRED_HINTS.get(missing, f'add "{missing}:"'), code="missing-field")


def _report_unknown_fields(loaded: Loaded, error: ValidationError, at: tuple, problems: Problems) -> None:
    """One problem per field the schema does not know, at its key, with the nearest known field."""
    schema = error.schema if isinstance(error.schema, Mapping) else {}
    allowed = list(schema.get("properties", {}))
    written = error.instance if isinstance(error.instance, dict) else {}  # this keyword checks only mappings
    extra = sorted(set(written) - set(allowed))
    for key in extra:
        problems.add(loaded.where_key(at + (key,)), field_name(at + (key,)), "is not a known field",
                     did_you_mean(key, allowed) or f"known fields: {', '.join(allowed)}", code="unknown-field")


def _wording(loaded: Loaded, error: ValidationError, at: tuple) -> tuple[str, str, str]:
    """(message, hint, code) for a failure about the value itself."""
    hint = error.schema.get("x-hint", "") if isinstance(error.schema, dict) else ""
    v, value, limit = error.validator, error.instance, error.validator_value
    if v == "enum":
        choices = limit if isinstance(limit, list) else []  # an enum's value is its list of choices
        return (f'"{value}" is not allowed',
                did_you_mean(str(value), choices) or "use one of: " + ", ".join(map(str, choices)),
                "value-not-allowed")
    if v in ("type", "anyOf", "oneOf"):
        return _type_wording(loaded, error, at, hint)
    if v == "pattern":
        return f'"{value}" has the wrong form', hint, "wrong-form"
    if v == "minItems":
        return f"needs at least {limit} item(s)", hint, "too-few-items"
    if v == "maxItems":
        return f"has more than {limit} items", hint, "too-many-items"
    if v == "uniqueItems":
        return "lists the same item twice", "remove the repeat", "repeated-item"
    if v == "minLength":
        return "is empty", "write some text, or remove the field", "empty-text"
    if v == "maxLength":
        return f"is longer than {limit} characters", "shorten it", "too-long"
    if v in ("minimum", "maximum"):
        return f"must be {'at least' if v == 'minimum' else 'at most'} {limit}, not {value}", hint, "out-of-range"
    if v == "minProperties":
        return "is an empty mapping", hint, "empty-mapping"
    if v == "propertyNames":
        return f"has a key of the wrong form: {error.message}", hint, "wrong-key-form"
    return error.message, hint, "schema-mismatch"


def _type_wording(loaded: Loaded, error: ValidationError, at: tuple, hint: str) -> tuple[str, str, str]:
    """(message, hint, code) for a value of the wrong kind; a true/false or a number where text belongs gets a
    hint to quote it."""
    value, wanted = error.instance, error.validator_value
    if error.validator == "type":
        wants_text = "string" in (wanted if isinstance(wanted, list) else [wanted])
        if wants_text and isinstance(value, (bool, int, float)):
            hint = _quote_hint(loaded, at, value)
        return f"must be {_TYPES.get(str(wanted), wanted)}, not {_describe(value)}", hint, "wrong-type"
    if isinstance(value, bool):  # anyOf/oneOf, e.g. a choice: text, or {text, why}
        return f"must be text, not {_describe(value)}", _quote_hint(loaded, at, value), "wrong-type"
    return f"has the wrong form ({_describe(value)})", hint, "wrong-form"


def _quote_hint(loaded: Loaded, at: tuple, value) -> str:
    """YAML turns unquoted Yes, No, On, Off, True, False and numbers into something other than text: show the
    author the words they wrote, in quotes."""
    loc = loaded.where(at)
    written = str(value)
    if loaded.lines and 0 < loc.line <= len(loaded.lines):
        written = re.split(r"[,\]}#]", loaded.lines[loc.line - 1][loc.column - 1:])[0].strip() or written
    return f'put it in quotes, "{written}": without them YAML reads Yes, No, On, Off and numbers as something else'


def _describe(value) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


_TYPES = {"string": "text", "integer": "a whole number", "number": "a number", "array": "a list",
          "object": "a mapping", "boolean": "true or false"}

_REQUIRED_HINTS = {
    "objectives": "add a list of what learners will be able to do after the lesson",
    "key_points": "add a list of the few things learners should remember",
    "sources": "add a list of source keys from data/sources.yml",
    "self_check": "add at least three questions with choices, answer and explanation",
    "last_reviewed": "add the date an expert last checked the facts, as YYYY-MM-DD",
    "facilitator_notes": "add notes for the trainer; they appear only in the facilitator guide",
    "minutes": "add how many minutes the activity takes",
    "why": "add one line saying why this choice is right or wrong",
    "version": 'add a version such as "1.0"',
    "based_on": "record the upstream version: bash scripts/dev course drift --accept <module id>",
}
