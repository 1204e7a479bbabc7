from django import forms
from django.utils.translation import gettext_lazy as _


class GuestEmailForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("We will send a code to this address, and your confirmation to it later."),
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address in the right form, such as name@example.com."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class GuestCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=12,
        help_text=_("The 6-digit code in the email we sent you."),
        error_messages={"required": _("Enter the code from the email.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class CounterClaimForm(forms.Form):
    pin = forms.CharField(
        label=_("Tracking PIN"),
        max_length=12,
        help_text=_("The 6-digit PIN printed on the slip you were given at the counter."),
        error_messages={"required": _("Enter the PIN printed on the slip.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
