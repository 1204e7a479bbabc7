"""Reading an application's answers against the form it was made with (its schema snapshot).

The schema is the plain JSON ``forms.schema`` writes: ``{"steps": [{"title", "fields": [...]}]}``.
"""

from django.utils.translation import gettext as _

ADDRESS_PARTS = ("province", "district", "village")


def schema_fields(schema: dict) -> list[dict]:
    """Every field of every step, in order."""
    return [field for step in schema.get("steps", []) for field in step["fields"]]


def answer_display(field: dict, value) -> str:
    """An answer as text, with the option labels of the field."""
    options = {option["value"]: option["label"] for option in field.get("options", [])}
    if value is True:
        return _("Yes")
    if value is False:
        return _("No")
    if isinstance(value, dict):
        # PostgreSQL's jsonb does not keep the keys' order: an address reads in its own order.
        order = [key for key in ADDRESS_PARTS if key in value] + sorted(
            key for key in value if key not in ADDRESS_PARTS
        )
        return ", ".join(str(value[key]) for key in order if value[key])
    if isinstance(value, list):
        return ", ".join(options.get(item, str(item)) for item in value)
    return options.get(value, str(value))


def answers_by_step(*, schema: dict, answers: dict, labels_from: dict | None = None) -> list:
    """The answered fields, step by step, as ``{"title", "rows": [{"label", "value"}]}``.

    ``labels_from`` is the same form in the reader's language (a translated page keeps the
    machine names): its step titles, labels and option labels are used where it has them.
    """
    translated = {
        field["name"]: field for field in schema_fields(labels_from or {}) if "name" in field
    }
    titles = [step["title"] for step in (labels_from or {}).get("steps", [])]
    steps = []
    for index, step in enumerate(schema.get("steps", [])):
        rows = []
        for field in step["fields"]:
            if field["name"] not in answers:
                continue
            shown_as = translated.get(field["name"], field)
            rows.append(
                {
                    "name": field["name"],
                    "label": shown_as["label"],
                    "value": answer_display(shown_as, answers[field["name"]]),
                }
            )
        if rows:
            title = titles[index] if index < len(titles) else step["title"]
            steps.append({"title": title, "rows": rows})
    return steps


def document_labels(*, application) -> dict[str, str]:
    """The label of each upload field of the application's form, by machine name."""
    return {
        field["name"]: field["label"]
        for field in schema_fields(application.form_schema)
        if field.get("type") == "file_upload"
    }
