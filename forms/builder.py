"""Builds a Django form class from a form schema, one ``create_<type>_field`` per field type."""

from django import forms as django_forms
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

from portal.applications.services import NewDocument

from .schema import form_schema_fields
from .uploads import upload_validate


class DocumentField(django_forms.FileField):
    """A file field that checks size and real type; cleans to (file, detected content type)."""

    def __init__(self, *, accepted: list[str], max_bytes: int, **kwargs):
        self.accepted = accepted
        self.max_bytes = max_bytes
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        file = super().clean(data, initial)
        if not file:
            return None
        return file, upload_validate(file, accepted=self.accepted, max_bytes=self.max_bytes)


class ApplicationForm(django_forms.Form):
    """A form built from a schema; splits its answers into data and documents."""

    schema: dict = {}

    def answers(self) -> dict:
        """The answers that are not files, keyed by machine name."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if not isinstance(self.fields[name], DocumentField)
        }

    def documents(self) -> list[NewDocument]:
        """The uploaded files, checked, ready for the application service."""
        return [
            NewDocument(field_name=name, file=value[0], content_type=value[1])
            for name, value in self.cleaned_data.items()
            if isinstance(self.fields[name], DocumentField) and value
        ]


class FormBuilder:
    """Turns the schema's fields into Django form fields."""

    def __init__(self, schema: dict):
        self.schema = schema

    def create_short_text_field(self, field: dict, options: dict) -> django_forms.Field:
        options["error_messages"] = {
            "required": _("Enter “%(label)s”.") % {"label": field["label"]},
        }
        return django_forms.CharField(max_length=field.get("max_length") or 255, **options)

    def create_file_upload_field(self, field: dict, options: dict) -> django_forms.Field:
        options["error_messages"] = {
            "required": _("Choose a file for “%(label)s”.") % {"label": field["label"]},
        }
        return DocumentField(
            accepted=list(field["accepted_types"]),
            max_bytes=int(field["max_size_mb"]) * 1024 * 1024,
            **options,
        )

    def get_field_options(self, field: dict) -> dict:
        return {
            "label": field["label"],
            "help_text": field.get("help_text", ""),
            "required": bool(field.get("required")),
        }

    @property
    def formfields(self) -> dict[str, django_forms.Field]:
        formfields = {}
        for field in form_schema_fields(self.schema):
            create = getattr(self, f"create_{field['type']}_field", None)
            if create is None:
                raise ImproperlyConfigured(f"Unknown form field type {field['type']!r}.")
            formfields[field["name"]] = create(field, self.get_field_options(field))
        return formfields

    def get_form_class(self) -> type[ApplicationForm]:
        return type(
            "ApplicationForm",
            (ApplicationForm,),
            {**self.formfields, "schema": self.schema},
        )
