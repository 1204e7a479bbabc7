"""The form definition as plain JSON: what an application snapshots at submission.

The builder reads this, never the page, so an application is always shown with the form it was
made with, however the page changes later.
"""

from wagtail.blocks import StreamValue


def form_schema_from_stream(steps: StreamValue) -> dict:
    """``{"steps": [{"title", "intro", "fields": [{"type", "name", "label", ...}]}]}``."""
    return {
        "steps": [
            {
                "title": step.value["title"],
                "intro": step.value["intro"],
                "fields": [
                    {"type": field.block_type, **dict(field.value)}
                    for field in step.value["fields"]
                ],
            }
            for step in steps
            if step.block_type == "step"
        ]
    }


def form_schema_fields(schema: dict) -> list[dict]:
    """Every field of every step, in order."""
    return [field for step in schema.get("steps", []) for field in step["fields"]]
