"""The form definition as plain JSON: what an application snapshots at submission.

The builder reads this, never the page, so an application is always shown with the form it was
made with, however the page changes later. Conditions are evaluated here too.
"""

import json
import threading
from collections.abc import Iterable, Mapping
from decimal import Decimal

from portal.applications.answers import schema_fields


def _plain(value):
    """Block values (StructValue, ListValue, Decimal) as JSON-ready data."""
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, str | bytes):
        return value
    if isinstance(value, Iterable):
        return [_plain(item) for item in value]
    return value


# Schemas already read, by the stream's stored JSON: reading a stream's blocks costs more than
# the rest of a form step. Bounded; a changed form is another key.
_SCHEMAS: dict[str, dict] = {}
_SCHEMAS_KEPT = 256
_schemas_lock = threading.Lock()


def form_schema_from_stream(steps) -> dict:
    """``{"steps": [{"title", "intro", "condition", "fields": [{"type", "name", ...}]}]}``,
    read once for each content of the form (the caller gets its own copy)."""
    key = form_schema_key(steps)
    if key is None:
        return _schema_read(steps)
    schema = _SCHEMAS.get(key)
    if schema is None:
        schema = _schema_read(steps)
        with _schemas_lock:
            if len(_SCHEMAS) >= _SCHEMAS_KEPT:
                _SCHEMAS.clear()
            _SCHEMAS[key] = schema
    return json_copy(schema)


def json_copy(value):
    """A copy of JSON-ready data (dicts, lists, strings, numbers), several times quicker than
    ``copy.deepcopy``, which a form step paid for on every request."""
    if isinstance(value, dict):
        return {key: json_copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [json_copy(item) for item in value]
    return value


def form_schema_key(steps) -> str | None:
    """What tells one content of the form from another (its stored JSON), None for blocks not
    read from the database. Kept on the stream: a page kept in memory (cms.routing) gives the
    same stream to each request until a page changes."""
    key = getattr(steps, "_onedoor_schema_key", None)
    if key is None:
        raw = getattr(steps, "raw_data", None)
        if raw is None:
            return None
        key = json.dumps(list(raw), sort_keys=True, default=str)
        steps._onedoor_schema_key = key
    return key


def _schema_read(steps) -> dict:
    return {
        "steps": [
            {
                "title": step.value["title"],
                "intro": step.value["intro"],
                "condition": _plain(step.value["condition"]),
                "fields": [
                    {"type": field.block_type, **_plain(field.value)}
                    for field in step.value["fields"]
                ],
            }
            for step in steps
            if step.block_type == "step"
        ]
    }


form_schema_fields = schema_fields


def condition_values(condition: Mapping | None) -> list[str]:
    """The values a condition compares with (one, or several for "one of")."""
    if not condition:
        return []
    raw = (condition.get("value") or "").strip()
    if condition.get("operator") == "one_of":
        return [part.strip() for part in raw.split(",") if part.strip()]
    return [raw] if raw else []


def _as_text(answer) -> list[str]:
    if answer is True:
        return ["yes"]
    if answer is False:
        return ["no"]
    if isinstance(answer, list):
        return [str(item) for item in answer]
    return [] if answer in (None, "") else [str(answer)]


def condition_met(condition: Mapping | None, answers: Mapping) -> bool:
    """Whether something with this condition is shown, given the answers so far."""
    name = ((condition or {}).get("field") or "").strip()
    if not name:
        return True
    given = _as_text(answers.get(name))
    wanted = condition_values(condition)
    operator = condition.get("operator", "equals")
    if operator == "differs":
        return not set(given) & set(wanted)
    return bool(set(given) & set(wanted))


def visible_fields(schema: dict, answers: Mapping) -> list[dict]:
    """The fields an applicant with these answers is asked, in order: hidden steps and fields
    (and whatever depends on them) drop out."""
    shown: list[dict] = []
    known: dict = {}
    for step in schema.get("steps", []):
        if not condition_met(step.get("condition"), known):
            continue
        for field in step["fields"]:
            if condition_met(field.get("condition"), known):
                shown.append(field)
                if field["name"] in answers:
                    known[field["name"]] = answers[field["name"]]
    return shown
