"""Reading an application's answers against the form it was made with (its schema snapshot).

The schema is the plain JSON ``forms.schema`` writes: ``{"steps": [{"title", "fields": [...]}]}``.
At submission it also keeps the form's words in every language the service is published in
(``"translations": {language: form_words(...)}``), so that an application made in one language
reads in another: its step titles, labels and option labels, by machine name.
"""

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _

ADDRESS_PARTS = ("province", "district", "village")
#: The form field whose answer is the applicant's name as they want it on their result (the
#: demo forms ask it so, "as written on your identity card").
NAME_FIELD = "full_name"


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
    if field.get("type") == "date" and isinstance(value, str):
        return _date_display(value)
    return options.get(value, str(value))


def _date_display(value: str) -> str:
    """A date answer (stored as 2026-12-03) as dates read everywhere: 3 December 2026, in the
    reader's language; anything else as it was typed."""
    try:
        return date_format(datetime.date.fromisoformat(value), "DATE_FORMAT")
    except ValueError:
        return value


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


def name_given(application) -> str:
    """The applicant's name as given in the form, or "" when the form asked none."""
    value = application.answers.get(NAME_FIELD)
    return value.strip() if isinstance(value, str) else ""


def document_labels(*, application, language: str | None = None) -> dict[str, str]:
    """The label of each upload field of the application's form, by machine name, in
    ``language`` where the snapshot has it."""
    return {
        field["name"]: field["label"]
        for field in schema_fields(schema_in_language(application.form_schema, language))
        if field.get("type") == "file_upload"
    }


def form_words(schema: dict) -> dict:
    """What a form says, without what it does: its step titles, and each field's label and
    option labels by machine name. Kept for each language beside the snapshot."""
    fields = {}
    for field in schema_fields(schema):
        if "name" not in field:
            continue
        words = {"label": field.get("label", "")}
        if field.get("options"):
            words["options"] = {option["value"]: option["label"] for option in field["options"]}
        fields[field["name"]] = words
    return {"steps": [step.get("title", "") for step in schema.get("steps", [])], "fields": fields}


def schema_in_language(schema: dict, language: str | None) -> dict:
    """The snapshot with the words it kept for ``language`` (its step titles, labels and
    option labels); as submitted where it kept none, or for what that language lacks."""
    words = (schema.get("translations") or {}).get(language or "")
    if not words:
        return schema
    titles = words.get("steps", [])
    fields = words.get("fields", {})
    steps = []
    for index, step in enumerate(schema.get("steps", [])):
        translated = []
        for field in step["fields"]:
            theirs = fields.get(field.get("name"), {})
            field = {**field, "label": theirs.get("label") or field.get("label", "")}
            if field.get("options"):
                names = theirs.get("options", {})
                field["options"] = [
                    {**option, "label": names.get(option["value"]) or option["label"]}
                    for option in field["options"]
                ]
            translated.append(field)
        title = (titles[index] if index < len(titles) else "") or step.get("title", "")
        steps.append({**step, "title": title, "fields": translated})
    return {**schema, "steps": steps}


def documents_described(*, schema: dict, documents, labels_from: dict | None = None) -> list:
    """Each document with the label of the upload field it answers, as ``{"document",
    "label"}`` (the label empty for a document sent with an answer to a request): in the order
    of the form's fields, then the others as they came. ``labels_from`` is the same form in
    the reader's language, as for ``answers_by_step``."""
    labels = {
        field["name"]: field["label"]
        for field in schema_fields(schema)
        if field.get("type") == "file_upload"
    }
    labels.update(
        {
            field["name"]: field["label"]
            for field in schema_fields(labels_from or {})
            if field.get("name") in labels
        }
    )
    order = {name: index for index, name in enumerate(labels)}
    rows = [
        {"document": document, "label": labels.get(document.field_name, "")}
        for document in documents
    ]
    return sorted(
        rows,
        key=lambda row: (
            order.get(row["document"].field_name, len(order)),
            row["document"].uploaded_at,
        ),
    )
