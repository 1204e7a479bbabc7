"""The blocks editors build an application form from: steps, each holding fields.

Every field has a machine name, unique in the form, that answers are stored under; renaming the
label never changes it, and translated pages keep it. A field or a whole step can be shown only
when an earlier answer equals, differs from, or is one of given values. A definition that cannot
work (a name used twice, a condition on a later or missing field, an upload that accepts no file
type or more megabytes than the portal's ``UPLOAD_MAX_MB``) is refused with a message that says
what to fix.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StreamBlockValidationError

from portal.core.uploads import UPLOAD_KINDS, DocumentType

from .schema import condition_values

machine_name_validator = RegexValidator(
    r"^[a-z][a-z0-9_]{0,62}$",
    _("Use lower-case letters, digits and underscores, starting with a letter."),
)


class ConditionBlock(blocks.StructBlock):
    """Show this only when an earlier answer matches."""

    field = blocks.CharBlock(
        label=_("Show only when the answer to"),
        required=False,
        max_length=63,
        help_text=_("The machine name of an earlier field. Empty: always shown."),
    )
    operator = blocks.ChoiceBlock(
        label=_("is"),
        choices=[
            ("equals", _("equal to")),
            ("differs", _("different from")),
            ("one_of", _("one of")),
        ],
        default="equals",
    )
    value = blocks.CharBlock(
        label=_("Value"),
        required=False,
        max_length=255,
        help_text=_("For “one of”, separate values with commas. Yes/no answers are yes or no."),
    )

    class Meta:
        label = _("Condition")
        collapsed = True


class FieldBlock(blocks.StructBlock):
    """What every field has."""

    label = blocks.CharBlock(label=_("Label"), max_length=255)
    name = blocks.CharBlock(
        label=_("Machine name"),
        max_length=63,
        validators=[machine_name_validator],
        help_text=_("Answers are stored under this name. Keep it when you rename the label."),
    )
    help_text = blocks.CharBlock(label=_("Help text"), required=False, max_length=500)
    required = blocks.BooleanBlock(label=_("Required"), required=False, default=True)
    condition = ConditionBlock()


class ShortTextFieldBlock(FieldBlock):
    max_length = blocks.IntegerBlock(label=_("Maximum length"), default=255, min_value=1)

    class Meta:
        icon = "pilcrow"
        label = _("Short text")


class LongTextFieldBlock(FieldBlock):
    max_length = blocks.IntegerBlock(
        label=_("Maximum length"), default=2000, min_value=1, max_value=20000
    )

    class Meta:
        icon = "doc-full"
        label = _("Long text")


class NumberFieldBlock(FieldBlock):
    min_value = blocks.DecimalBlock(label=_("Smallest allowed"), required=False)
    max_value = blocks.DecimalBlock(label=_("Largest allowed"), required=False)
    whole_number = blocks.BooleanBlock(label=_("Whole numbers only"), required=False, default=True)

    class Meta:
        icon = "plus"
        label = _("Number")


class DateFieldBlock(FieldBlock):
    allow = blocks.ChoiceBlock(
        label=_("Allowed dates"),
        choices=[
            ("any", _("Any date")),
            ("past", _("Today or earlier (such as a date of birth)")),
            ("future", _("Today or later")),
        ],
        default="any",
    )

    class Meta:
        icon = "date"
        label = _("Date")


class EmailFieldBlock(FieldBlock):
    class Meta:
        icon = "mail"
        label = _("Email address")


class PhoneFieldBlock(FieldBlock):
    class Meta:
        icon = "mobile-alt"
        label = _("Phone number")


class ChoiceOptionBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Option shown"), max_length=255)
    value = blocks.CharBlock(
        label=_("Stored value"),
        max_length=63,
        validators=[machine_name_validator],
        help_text=_("Kept when the option is renamed or translated; conditions use it."),
    )


class SingleChoiceFieldBlock(FieldBlock):
    options = blocks.ListBlock(ChoiceOptionBlock(), label=_("Options"), min_num=2)
    display = blocks.ChoiceBlock(
        label=_("Show as"),
        choices=[("radios", _("Radio buttons")), ("select", _("Drop-down list"))],
        default="radios",
    )

    class Meta:
        icon = "radio-full"
        label = _("Single choice")


class MultipleChoiceFieldBlock(FieldBlock):
    options = blocks.ListBlock(ChoiceOptionBlock(), label=_("Options"), min_num=2)

    class Meta:
        icon = "tick-inverse"
        label = _("Multiple choice")


class YesNoFieldBlock(FieldBlock):
    class Meta:
        icon = "help"
        label = _("Yes or no")


class NationalIdFieldBlock(FieldBlock):
    pattern = blocks.CharBlock(
        label=_("Pattern"),
        default=r"[0-9]{9,12}",
        max_length=255,
        help_text=_("A regular expression the whole number must match, such as [0-9]{9,12}."),
    )
    example = blocks.CharBlock(
        label=_("Example shown on errors"), required=False, max_length=64, default="012345678"
    )

    class Meta:
        icon = "user"
        label = _("National ID number")


class AddressFieldBlock(FieldBlock):
    class Meta:
        icon = "home"
        label = _("Address (province, district, village)")


class FileUploadFieldBlock(FieldBlock):
    accepted_types = blocks.MultipleChoiceBlock(
        label=_("Accepted file types"),
        choices=[(key, kind.label) for key, kind in UPLOAD_KINDS.items()],
        default=list(UPLOAD_KINDS),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    max_size_mb = blocks.IntegerBlock(
        label=_("Maximum size (MB)"), default=5, min_value=1, max_value=100
    )
    document_types = blocks.MultipleChoiceBlock(
        label=_("Company documents it takes"),
        choices=DocumentType.choices,
        default=[],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Someone applying for a company may attach, instead of a new file, a document of "
            "a type ticked here that the company keeps. Tick none to always ask for a file."
        ),
    )

    class Meta:
        icon = "doc-full"
        label = _("File upload")


class FieldsBlock(blocks.StreamBlock):
    short_text = ShortTextFieldBlock()
    long_text = LongTextFieldBlock()
    number = NumberFieldBlock()
    date = DateFieldBlock()
    email = EmailFieldBlock()
    phone = PhoneFieldBlock()
    single_choice = SingleChoiceFieldBlock()
    multiple_choice = MultipleChoiceFieldBlock()
    yes_no = YesNoFieldBlock()
    national_id = NationalIdFieldBlock()
    address = AddressFieldBlock()
    file_upload = FileUploadFieldBlock()


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Step title"), max_length=255)
    intro = blocks.TextBlock(label=_("Introduction"), required=False)
    condition = ConditionBlock()
    fields = FieldsBlock(label=_("Fields"))

    class Meta:
        icon = "list-ol"
        label = _("Step")


class FormStepsBlock(blocks.StreamBlock):
    """The whole form: its steps in order, checked as a whole when saved."""

    step = StepBlock()

    def clean(self, value):
        value = super().clean(value)
        errors = form_definition_errors(
            [
                (
                    step.value["title"],
                    dict(step.value["condition"]),
                    [(field.block_type, dict(field.value)) for field in step.value["fields"]],
                )
                for step in value
            ]
        )
        if errors:
            raise StreamBlockValidationError(non_block_errors=errors)
        return value


def form_definition_errors(steps: list[tuple[str, dict, list[tuple[str, dict]]]]) -> list:
    """What is wrong with a form definition, each as a message that says what to fix."""
    errors = []
    seen: dict[str, tuple[str, dict]] = {}  # machine name -> (type, field), in the order they come

    def check_condition(condition: dict, where: str) -> None:
        name = (condition.get("field") or "").strip()
        if not name:
            return
        if name not in seen:
            errors.append(
                ValidationError(
                    "%(problem)s %(offer)s",
                    params={
                        "problem": _(
                            "%(where)s is shown only when “%(name)s” has an answer, but no field "
                            "before it has that machine name. Use the machine name of an earlier "
                            "field."
                        )
                        % {"where": where, "name": name},
                        "offer": (
                            _("Earlier fields: %(names)s.") % {"names": ", ".join(seen)}
                            if seen
                            else _("No field comes before it.")
                        ),
                    },
                )
            )
            return
        wanted = condition_values(condition)
        if not wanted:
            errors.append(
                ValidationError(
                    _("%(where)s has a condition on “%(name)s” but no value to compare with."),
                    params={"where": where, "name": name},
                )
            )
            return
        allowed = answer_values(*seen[name])
        if allowed is None:
            return
        for value in wanted:
            if value not in allowed:
                errors.append(
                    ValidationError(
                        _(
                            "%(where)s is shown by the answer “%(value)s”, but “%(name)s” has no "
                            "option with the value “%(value)s”. Its values: %(values)s."
                        ),
                        params={
                            "where": where,
                            "name": name,
                            "value": value,
                            "values": ", ".join(allowed),
                        },
                    )
                )

    for title, step_condition, fields in steps:
        check_condition(step_condition, _("Step “%(title)s”") % {"title": title})
        for field_type, field in fields:
            name, label = field["name"], field["label"]
            check_condition(field.get("condition") or {}, _("Field “%(label)s”") % {"label": label})
            if name in seen:
                errors.append(
                    ValidationError(
                        _(
                            "The machine name “%(name)s” is used by more than one field. "
                            "Give “%(label)s” a name of its own."
                        ),
                        params={"name": name, "label": label},
                    )
                )
            seen[name] = (field_type, field)
            if field_type == "file_upload" and not field.get("accepted_types"):
                errors.append(
                    ValidationError(
                        _("The upload “%(label)s” accepts no file type. Tick at least one."),
                        params={"label": label},
                    )
                )
            if field_type == "file_upload" and (field.get("max_size_mb") or 0) > (
                ceiling := settings.UPLOAD_MAX_MB
            ):
                errors.append(
                    ValidationError(
                        _(
                            "The upload “%(label)s” accepts %(size)s MB, but the portal accepts "
                            "files of at most %(limit)s MB. Enter %(limit)s or less."
                        ),
                        params={"label": label, "size": field["max_size_mb"], "limit": ceiling},
                    )
                )
    return errors


def answer_values(field_type: str, field: dict) -> list[str] | None:
    """The values an answer to this field can have, as conditions compare them; None for a
    field whose answers are free (text, numbers, dates)."""
    if field_type in ("single_choice", "multiple_choice"):
        return [option["value"] for option in field.get("options") or []]
    if field_type == "yes_no":
        return ["yes", "no"]
    return None
