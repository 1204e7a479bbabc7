from django import forms
from django.utils.translation import gettext_lazy as _

from portal.core.reference import reference_normalise


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
