from django import forms
from django.utils.translation import gettext_lazy as _

from portal.core.reference import reference_normalise
from portal.core.uploads import upload_input_attrs, upload_max_bytes, upload_rule, upload_validate

ANSWER_TYPES = ["pdf", "jpeg", "png"]


class StatusLookupForm(forms.Form):
    reference = forms.CharField(
        label=_("Reference code"),
        max_length=20,
        help_text=_("On your confirmation email or your receipt, such as 7KQ2-M9XA-C"),
        error_messages={"required": _("Enter your reference code.")},
    )
    pin = forms.CharField(
        label=_("Tracking PIN"),
        max_length=12,
        help_text=_("The 6-digit PIN you were given when you applied"),
        error_messages={"required": _("Enter your tracking PIN.")},
        # Never sent back to the browser, like a password.
        widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_reference(self):
        reference = reference_normalise(self.cleaned_data["reference"])
        if reference is None:
            raise forms.ValidationError(
                _("Enter the reference code as it is written, such as 7KQ2-M9XA-C.")
            )
        return reference


class AnswerForm(forms.Form):
    """The applicant's answer to a request for more information."""

    message = forms.CharField(
        label=_("Your answer"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    document = forms.FileField(label=_("Add a document"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_bytes = upload_max_bytes()
        self.fields["document"].help_text = upload_rule(ANSWER_TYPES, self.max_bytes)
        self.fields["document"].widget.attrs.update(
            upload_input_attrs(ANSWER_TYPES, self.max_bytes)
        )

    def clean_document(self):
        file = self.cleaned_data.get("document")
        if not file:
            return None
        return upload_validate(file, accepted=ANSWER_TYPES, max_bytes=self.max_bytes)

    def clean(self):
        cleaned = super().clean()
        if (
            not self.errors
            and not cleaned.get("message", "").strip()
            and not cleaned.get("document")
        ):
            raise forms.ValidationError(_("Write an answer or add a document."))
        return cleaned


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How was the service?"),
        choices=[
            ("5", _("5: very good")),
            ("4", _("4: good")),
            ("3", _("3: neither good nor poor")),
            ("2", _("2: poor")),
            ("1", _("1: very poor")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a rating from 1 to 5.")},
    )
    comment = forms.CharField(
        label=_("What could we do better?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are you withdrawing it? (optional)"),
        help_text=_("The office reads it."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
