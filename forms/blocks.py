"""The blocks editors build an application form from: steps, each holding fields.

Every field has a machine name, unique in the form, that answers are stored under; renaming the
label never changes it, and translated pages keep it.
"""

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .uploads import UPLOAD_KINDS

machine_name_validator = RegexValidator(
    r"^[a-z][a-z0-9_]{0,62}$",
    _("Use lower-case letters, digits and underscores, starting with a letter."),
)


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


class ShortTextFieldBlock(FieldBlock):
    max_length = blocks.IntegerBlock(label=_("Maximum length"), default=255, min_value=1)

    class Meta:
        icon = "pilcrow"
        label = _("Short text")


class FileUploadFieldBlock(FieldBlock):
    accepted_types = blocks.MultipleChoiceBlock(
        label=_("Accepted file types"),
        choices=[(key, kind.label) for key, kind in UPLOAD_KINDS.items()],
        default=list(UPLOAD_KINDS),
        widget=forms.CheckboxSelectMultiple,
    )
    max_size_mb = blocks.IntegerBlock(
        label=_("Maximum size (MB)"), default=5, min_value=1, max_value=100
    )

    class Meta:
        icon = "doc-full"
        label = _("File upload")


class FieldsBlock(blocks.StreamBlock):
    short_text = ShortTextFieldBlock()
    file_upload = FileUploadFieldBlock()


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Step title"), max_length=255)
    intro = blocks.TextBlock(label=_("Introduction"), required=False)
    fields = FieldsBlock(label=_("Fields"))

    class Meta:
        icon = "list-ol"
        label = _("Step")


class FormStepsBlock(blocks.StreamBlock):
    """The whole form: its steps in order."""

    step = StepBlock()
