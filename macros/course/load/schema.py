"""Check loaded data against a JSON Schema and word each failure for an author, with its location."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import fastjsonschema
import jsonschema

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
    found = False
    for error in validator.iter_errors(loaded.data):
        found = True
        _report(loaded, error, problems)
    return not found


def _report(loaded: Loaded, error, problems: Problems) -> None:
    at = tuple(error.absolute_path)
    name = field_name(at) or "(top level)"
    hint = error.schema.get("x-hint", "") if isinstance(error.schema, dict) else ""
    v = error.validator
    if v == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        problems.add(loaded.where(at), field_name(at + (missing,)), "is missing",
                     _REQUIRED_HINTS.get(missing, f'add "{missing}:"'), code="missing-field")
    elif v == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(allowed))
        for key in extra:
            problems.add(loaded.where_key(at + (key,)), field_name(at + (key,)), "is not a known field",
                         did_you_mean(key, allowed) or f"known fields: {', '.join(allowed)}", code="unknown-field")
    elif v == "enum":
        problems.add(loaded.where(at), name, f'"{error.instance}" is not allowed',
                     did_you_mean(error.instance, error.validator_value) or
                     "use one of: " + ", ".join(map(str, error.validator_value)), code="value-not-allowed")
    elif v == "type":
        wants_text = "string" in (error.validator_value if isinstance(error.validator_value, list)
                                  else [error.validator_value])
        if wants_text and isinstance(error.instance, (bool, int, float)):
            hint = _quote_hint(loaded, at, error.instance)
        problems.add(loaded.where(at), name, f"must be {_TYPES.get(str(error.validator_value), error.validator_value)}, "
                     f"not {_describe(error.instance)}", hint, code="wrong-type")
    elif v in ("anyOf", "oneOf") and isinstance(error.instance, bool):  # e.g. a choice: text, or {text, why}
        problems.add(loaded.where(at), name, f"must be text, not {_describe(error.instance)}",
                     _quote_hint(loaded, at, error.instance), code="wrong-type")
    elif v in ("anyOf", "oneOf"):
        problems.add(loaded.where(at), name, f"has the wrong form ({_describe(error.instance)})", hint,
                     code="wrong-form")
    elif v == "pattern":
        problems.add(loaded.where(at), name, f'"{error.instance}" has the wrong form', hint, code="wrong-form")
    elif v == "minItems":
        problems.add(loaded.where(at), name, f"needs at least {error.validator_value} item(s)", hint,
                     code="too-few-items")
    elif v == "maxItems":
        problems.add(loaded.where(at), name, f"has more than {error.validator_value} items", hint,
                     code="too-many-items")
    elif v == "uniqueItems":
        problems.add(loaded.where(at), name, "lists the same item twice", "remove the repeat", code="repeated-item")
    elif v == "minLength":
        problems.add(loaded.where(at), name, "is empty", "write some text, or remove the field", code="empty-text")
    elif v == "maxLength":
        problems.add(loaded.where(at), name, f"is longer than {error.validator_value} characters", "shorten it",
                     code="too-long")
    elif v in ("minimum", "maximum"):
        word = "at least" if v == "minimum" else "at most"
        problems.add(loaded.where(at), name, f"must be {word} {error.validator_value}, not {error.instance}", hint,
                     code="out-of-range")
    elif v == "minProperties":
        problems.add(loaded.where(at), name, "is an empty mapping", hint, code="empty-mapping")
    elif v == "propertyNames":
        problems.add(loaded.where(at), name, f"has a key of the wrong form: {error.message}", hint,
                     code="wrong-key-form")
    else:
        problems.add(loaded.where(at), name, error.message, hint, code="schema-mismatch")


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
