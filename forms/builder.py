"""Builds a Django form class from a form schema, one ``create_<type>_field`` per field type.

Fields shown only under a condition are optional to Django; the form enforces "required" for
them when their condition holds, and drops their answers (and errors) when it does not.
"""

from datetime import date
from decimal import Decimal

from django import forms as django_forms
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.applications.services import NewDocument
from portal.core.uploads import (
    UPLOAD_KINDS,
    upload_input_attrs,
    upload_max_bytes,
    upload_rule,
    upload_validate,
)

from .schema import condition_met, form_schema_fields, visible_fields

PHONE = RegexValidator(r"^\+?[0-9][0-9 ()-]{5,19}$")
MAX_DIGITS = 18  # of a number answer


class DocumentField(django_forms.FileField):
    """A file field that checks size and real type; cleans to (file, detected content type)."""

    def __init__(
        self, *, accepted: list[str], max_bytes: int, document_types: list[str] = (), **kwargs
    ):
        self.accepted = accepted
        self.max_bytes = max_bytes
        self.document_types = list(document_types)  # the company documents it takes
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        file = super().clean(data, initial)
        if not file:
            return None
        return upload_validate(file, accepted=self.accepted, max_bytes=self.max_bytes)


class AddressWidget(django_forms.MultiWidget):
    parts = ("province", "district", "village")

    def __init__(self, attrs=None):
        super().__init__([django_forms.TextInput(attrs=attrs) for _part in self.parts], attrs)

    def decompress(self, value):
        return [(value or {}).get(part, "") for part in self.parts]


class AddressField(django_forms.MultiValueField):
    """Province, district and village, answered as ``{"province", "district", "village"}``."""

    widget = AddressWidget

    def __init__(self, **kwargs):
        fields = [django_forms.CharField(max_length=100) for _part in AddressWidget.parts]
        # Every part is needed once any is given: a partial address says which is missing.
        super().__init__(fields=fields, require_all_fields=False, **kwargs)
        self.part_labels = [_("Province"), _("District"), _("Village")]

    def compress(self, data_list):
        if not data_list:
            return None
        return dict(zip(AddressWidget.parts, data_list, strict=True))


class ApplicationForm(django_forms.Form):
    """A form built from a schema (all of it, or one step); splits its answers into data and
    documents.

    ``known`` holds the answers given in earlier steps: a field whose condition depends on
    them is left out of the form when the condition does not hold.
    """

    schema: dict = {}
    conditionally_required: frozenset = frozenset()

    def __init__(self, *args, known: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.known = dict(known or {})
        here = set(self.fields)
        for field in form_schema_fields(self.schema):
            name = field["name"]
            depends_on = ((field.get("condition") or {}).get("field") or "").strip()
            if (
                name in here
                and depends_on
                and depends_on not in here
                and not condition_met(field["condition"], self.known)
            ):
                del self.fields[name]

    def clean(self):
        cleaned = super().clean()
        answers = {**self.known, **cleaned}
        shown = {field["name"] for field in visible_fields(self.schema, answers)}
        for name in list(self.fields):
            if name not in shown:
                cleaned.pop(name, None)
                self._errors.pop(name, None)
            elif (
                name in self.conditionally_required
                and cleaned.get(name) in (None, "", [])
                and name not in self._errors
            ):
                self.add_error(name, self.fields[name].error_messages["required"])
        return cleaned

    def answers(self) -> dict:
        """The answers that are not files, keyed by machine name, as JSON-ready values."""
        return {
            name: _json_ready(value)
            for name, value in self.cleaned_data.items()
            if not isinstance(self.fields[name], DocumentField) and value not in (None, "", [])
        }

    def documents(self) -> list[NewDocument]:
        """The uploaded files, checked, ready for the application service."""
        return [
            NewDocument(field_name=name, file=value[0], content_type=value[1])
            for name, value in self.cleaned_data.items()
            if isinstance(self.fields[name], DocumentField) and value
        ]


def _json_ready(value):
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        # Plain digits as typed, never an exponent ("100", not "1E+2"); a whole number without
        # decimals ("12.0" is 12). The field allows at most MAX_DIGITS digits.
        if value == value.to_integral_value():
            return str(int(value))
        return format(value, "f")
    return value


class FormBuilder:
    """Turns the schema's fields into Django form fields."""

    def __init__(self, schema: dict):
        self.schema = schema

    def create_short_text_field(self, field: dict, options: dict) -> django_forms.Field:
        return django_forms.CharField(max_length=field.get("max_length") or 255, **options)

    def create_long_text_field(self, field: dict, options: dict) -> django_forms.Field:
        return django_forms.CharField(
            max_length=field.get("max_length") or 2000, widget=django_forms.Textarea, **options
        )

    def create_number_field(self, field: dict, options: dict) -> django_forms.Field:
        bounds = {
            key: Decimal(field[key])
            for key in ("min_value", "max_value")
            if field.get(key) not in (None, "")
        }
        # At most 18 digits: the answer is kept as plain digits ("1e999999999" is no answer),
        # and a whole number fits a 64-bit integer (a quantity the fee is counted by).
        digits = _("Enter a number with at most %(max)s digits.")
        options["error_messages"]["max_digits"] = digits
        options["error_messages"]["max_whole_digits"] = digits
        # A text box with a numeric keyboard, as GOV.UK advises: no spinner, no silent rounding.
        if field.get("whole_number"):
            options["error_messages"]["invalid"] = _("Enter a whole number.")
            options["error_messages"]["max_decimal_places"] = _("Enter a whole number.")
            widget = django_forms.TextInput(attrs={"inputmode": "numeric"})
            return django_forms.DecimalField(
                max_digits=MAX_DIGITS, decimal_places=0, widget=widget, **bounds, **options
            )
        options["error_messages"]["invalid"] = _("Enter a number.")
        widget = django_forms.TextInput(attrs={"inputmode": "decimal"})
        return django_forms.DecimalField(max_digits=MAX_DIGITS, widget=widget, **bounds, **options)

    def create_date_field(self, field: dict, options: dict) -> django_forms.Field:
        validators = []
        if field.get("allow") == "past":
            validators.append(_not_after_today)
        elif field.get("allow") == "future":
            validators.append(_not_before_today)
        options["error_messages"]["invalid"] = _("Enter a real date, such as 2026-03-27.")
        return django_forms.DateField(
            widget=django_forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y"],
            validators=validators,
            **options,
        )

    def create_email_field(self, field: dict, options: dict) -> django_forms.Field:
        options["error_messages"]["invalid"] = _(
            "Enter an email address in the right form, such as name@example.com."
        )
        widget = django_forms.EmailInput(attrs={"autocomplete": "email"})
        return django_forms.EmailField(widget=widget, **options)

    def create_phone_field(self, field: dict, options: dict) -> django_forms.Field:
        validator = RegexValidator(
            PHONE.regex, _("Enter a phone number, such as 020 5555 1234 or +856 20 5555 1234.")
        )
        widget = django_forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"})
        return django_forms.CharField(
            max_length=20, validators=[validator], widget=widget, **options
        )

    def _choices(self, field: dict) -> list[tuple[str, str]]:
        return [(option["value"], option["label"]) for option in field.get("options", [])]

    def create_single_choice_field(self, field: dict, options: dict) -> django_forms.Field:
        options["error_messages"]["required"] = _("Select “%(label)s”.") % {"label": field["label"]}
        if field.get("display") == "select":
            choices = [("", _("Choose…")), *self._choices(field)]
            return django_forms.ChoiceField(choices=choices, **options)
        return django_forms.ChoiceField(
            choices=self._choices(field), widget=django_forms.RadioSelect, **options
        )

    def create_multiple_choice_field(self, field: dict, options: dict) -> django_forms.Field:
        options["error_messages"]["required"] = _("Select at least one for “%(label)s”.") % {
            "label": field["label"]
        }
        return django_forms.MultipleChoiceField(
            choices=self._choices(field), widget=django_forms.CheckboxSelectMultiple, **options
        )

    def create_yes_no_field(self, field: dict, options: dict) -> django_forms.Field:
        options["error_messages"]["required"] = _("Select yes or no for “%(label)s”.") % {
            "label": field["label"]
        }
        return django_forms.TypedChoiceField(
            choices=[("yes", _("Yes")), ("no", _("No"))],
            coerce=lambda value: value == "yes",
            empty_value=None,
            widget=django_forms.RadioSelect,
            **options,
        )

    def create_national_id_field(self, field: dict, options: dict) -> django_forms.Field:
        pattern = field.get("pattern") or r"[0-9]{9,12}"
        example = field.get("example") or ""
        message = (
            _("Enter the number as it is on the card, such as %(example)s.") % {"example": example}
            if example
            else _("Enter the number as it is on the card.")
        )
        validator = RegexValidator(f"^(?:{pattern})$", message)
        return django_forms.CharField(max_length=64, validators=[validator], **options)

    def create_address_field(self, field: dict, options: dict) -> django_forms.Field:
        options["error_messages"]["incomplete"] = _(
            "Enter the province, district and village of “%(label)s”."
        ) % {"label": field["label"]}
        return AddressField(**options)

    def create_file_upload_field(self, field: dict, options: dict) -> django_forms.Field:
        options["error_messages"]["required"] = _("Choose a file for “%(label)s”.") % {
            "label": field["label"]
        }
        accepted = [key for key in field.get("accepted_types") or [] if key in UPLOAD_KINDS]
        # Held to UPLOAD_MAX_MB, even when the form was saved with more.
        max_bytes = upload_max_bytes(field.get("max_size_mb"))
        options["help_text"] = f"{options['help_text']} {upload_rule(accepted, max_bytes)}".strip()
        widget = django_forms.FileInput(attrs=upload_input_attrs(accepted, max_bytes))
        return DocumentField(
            accepted=accepted,
            max_bytes=max_bytes,
            document_types=field.get("document_types") or [],
            widget=widget,
            **options,
        )

    def get_field_options(self, field: dict) -> dict:
        conditional = bool((field.get("condition") or {}).get("field"))
        return {
            "label": field["label"],
            "help_text": field.get("help_text", ""),
            "required": bool(field.get("required")) and not conditional,
            "error_messages": {"required": _("Enter “%(label)s”.") % {"label": field["label"]}},
        }

    def formfields(self, step_index: int | None = None) -> dict[str, django_forms.Field]:
        """The Django fields of one step, or of the whole form."""
        if step_index is None:
            fields = form_schema_fields(self.schema)
        else:
            fields = self.schema["steps"][step_index]["fields"]
        formfields = {}
        for field in fields:
            create = getattr(self, f"create_{field['type']}_field", None)
            if create is None:
                raise ImproperlyConfigured(f"Unknown form field type {field['type']!r}.")
            formfields[field["name"]] = create(field, self.get_field_options(field))
        return formfields

    def _conditionally_required(self) -> frozenset:
        """Required fields (or fields in steps) shown only under a condition."""
        names = set()
        for step in self.schema.get("steps", []):
            step_conditional = bool((step.get("condition") or {}).get("field"))
            for field in step["fields"]:
                conditional = bool((field.get("condition") or {}).get("field"))
                if field.get("required") and (conditional or step_conditional):
                    names.add(field["name"])
        return frozenset(names)

    def get_form_class(self, step_index: int | None = None) -> type[ApplicationForm]:
        """The form of one step (by its position), or of the whole form."""
        formfields = self.formfields(step_index)
        conditionally_required = self._conditionally_required() & set(formfields)
        for name in conditionally_required:
            formfields[name].required = False
        return type(
            "ApplicationForm",
            (ApplicationForm,),
            {
                **formfields,
                "schema": self.schema,
                "conditionally_required": conditionally_required,
            },
        )


def _not_after_today(value: date) -> None:
    if value > timezone.localdate():
        raise ValidationError(_("The date must be today or in the past."))


def _not_before_today(value: date) -> None:
    if value < timezone.localdate():
        raise ValidationError(_("The date must be today or in the future."))
