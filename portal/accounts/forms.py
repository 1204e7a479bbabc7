"""Forms of the account pages: profile, company, invitation, company document."""

from allauth.account import forms as allauth_forms
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.core.phone import phone_display, phone_examples, phone_normalise
from portal.core.uploads import (
    UPLOAD_KINDS,
    upload_input_attrs,
    upload_max_bytes,
    upload_rule,
    upload_validate,
)

from .models import Company, CompanyDocument, CompanyMembership


def _say_what_is_missing(form, messages: dict) -> None:
    """Each empty field says what it wants, not Django's "This field is required." thrice."""
    for name, message in messages.items():
        if name in form.fields:
            form.fields[name].error_messages["required"] = message


class SignupForm(allauth_forms.SignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _say_what_is_missing(
            self,
            {
                "email": _("Enter your email address."),
                "password1": _("Choose a password."),
                "password2": _("Enter the same password again."),
            },
        )


class LoginForm(allauth_forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _say_what_is_missing(
            self,
            {"login": _("Enter your email address."), "password": _("Enter your password.")},
        )


class ProfileForm(forms.Form):
    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    phone = forms.CharField(
        label=_("Mobile phone number"),
        max_length=32,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )

    def __init__(self, *args, user=None, **kwargs):
        if user is not None:
            kwargs.setdefault(
                "initial",
                {
                    "first_name": user.first_name,
                    "last_name": user.last_name,
                    "phone": phone_display(user.phone) if user.phone else "",
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["phone"].help_text = (
            _(
                "We send a text message to it when there is news about your applications. "
                "Such as %(national)s, or %(international)s with the country code."
            )
            % phone_examples()
        )

    def clean_phone(self):
        return phone_normalise(self.cleaned_data["phone"], mobile=True)


class PhoneCodeForm(forms.Form):
    code = forms.CharField(
        label=_("The code we texted you"),
        max_length=12,
        help_text=_("6 digits"),
        error_messages={"required": _("Enter the code we texted you.")},
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "spellcheck": "false"}
        ),
    )


class CompanyForm(forms.ModelForm):
    class Meta:
        model = Company
        fields = ["name", "registration_number", "tax_number", "address"]
        labels = {"name": _("Company name")}
        help_texts = {
            "registration_number": _("As on the enterprise registration certificate."),
            "tax_number": _("The taxpayer identification number (TIN)."),
        }
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3}),
            "name": forms.TextInput(attrs={"autocomplete": "organization"}),
        }
        error_messages = {"name": {"required": _("Enter the company's name.")}}


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address of the person to invite"),
        help_text=_("We email them a link to join. It works for 14 days."),
        error_messages={
            "required": _("Enter the email address of the person to invite."),
            "invalid": _("Enter an email address in the right form, such as name@example.com."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=CompanyMembership.Role.choices)


class CompanyDocumentForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What is the document?"),
        choices=[("", _("Choose…")), *CompanyDocument.Kind.choices],
        error_messages={"required": _("Choose what the document is.")},
    )
    title = forms.CharField(
        label=_("Name of the document"),
        max_length=255,
        required=False,
        help_text=_("Say which one it is when the company keeps several of a kind."),
    )
    file = forms.FileField(
        label=_("The file"),
        error_messages={"required": _("Choose the file to upload.")},
    )
    valid_until = forms.DateField(
        label=_("Valid until"),
        required=False,
        help_text=_("If the document expires. We stop offering it for applications after."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y"],
        error_messages={"invalid": _("Enter a real date, such as 2027-03-27.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_bytes = upload_max_bytes()
        kinds = list(UPLOAD_KINDS)
        self.fields["file"].help_text = upload_rule(kinds, self.max_bytes)
        self.fields["file"].widget.attrs.update(upload_input_attrs(kinds, self.max_bytes))

    def clean_valid_until(self):
        value = self.cleaned_data["valid_until"]
        if value is not None and value < timezone.localdate():
            raise forms.ValidationError(
                _("This date has passed: an expired document cannot be attached to applications.")
            )
        return value

    def clean_file(self):
        return upload_validate(
            self.cleaned_data["file"], accepted=list(UPLOAD_KINDS), max_bytes=self.max_bytes
        )
