"""Every form's fields in the design system's markup (portal.core.form_fields): what a screen
reader is told, what a reader typed kept and escaped, and errors beside their field."""

import re

from django import forms
from django.template import Context, Template
from django.utils import translation

from forms.builder import AddressField
from portal.core.form_fields import form_field_html


class Everything(forms.Form):
    name = forms.CharField(max_length=50, help_text="As on your <ID card>")
    nickname = forms.CharField(required=False)
    email = forms.EmailField()
    password = forms.CharField(widget=forms.PasswordInput)
    note = forms.CharField(widget=forms.Textarea, max_length=300)
    district = forms.ChoiceField(choices=[("", "Choose"), ("x", "Xaysetha"), ("c", "Chanthabouly")])
    agree = forms.ChoiceField(widget=forms.RadioSelect, choices=[("y", "Yes"), ("n", "No")])
    size = forms.ChoiceField(
        widget=forms.RadioSelect, choices=[("s", "Small"), ("m", "Medium"), ("l", "Large")]
    )
    sectors = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple, choices=[("a", "Agriculture"), ("t", "Trade")]
    )
    declaration = forms.BooleanField()
    address = AddressField()
    document = forms.FileField(widget=forms.FileInput(attrs={"accept": ".pdf"}))
    step = forms.CharField(widget=forms.HiddenInput, initial="step-1")


def html(form, name, **kwargs) -> str:
    return str(form_field_html(form[name], **kwargs))


def test_a_field_is_labelled_and_described_by_its_hint_and_its_error():
    form = Everything({"name": ""})
    form.is_valid()
    markup = html(form, "name")
    assert '<label class="govuk-label govuk-label--s" for="id_name">Name</label>' in markup
    assert '<div class="govuk-hint" id="id_name-hint">As on your &lt;ID card&gt;</div>' in markup
    assert 'id="id_name-error"><span class="govuk-visually-hidden">Error:</span>' in markup
    assert 'aria-describedby="id_name-hint id_name-error"' in markup
    assert "govuk-form-group--error" in markup and "govuk-input--error" in markup
    assert 'maxlength="50"' in markup
    # Without a hint, the error alone describes it; without either, nothing.
    assert 'aria-describedby="id_email-error"' in html(form, "email")
    assert "aria-describedby" not in html(Everything(), "email")


def test_what_a_reader_typed_is_kept_escaped_but_never_a_password():
    typed = '"><script>alert(1)</script>'
    form = Everything({"name": typed, "note": typed, "password": "secret-typed"})
    form.is_valid()
    assert 'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html(form, "name")
    assert "&lt;script&gt;" in html(form, "note") and "<script>" not in html(form, "note")
    assert "secret-typed" not in html(form, "password")
    assert 'type="password"' in html(form, "password")


def test_optional_fields_say_so_in_the_readers_language():
    with translation.override("lo"):
        assert "Nickname (ບໍ່ບັງຄັບ)</label>" in html(Everything(), "nickname")
    with translation.override("km"):
        assert "Nickname (ស្រេចចិត្ត)</label>" in html(Everything(), "nickname")
    assert "optional" not in html(Everything(), "name")
    assert "(optional)" in html(Everything(), "nickname")


def test_choices_are_grouped_under_a_legend_two_side_by_side():
    form = Everything({"agree": "n", "sectors": ["t"], "district": "c"})
    agree = html(form, "agree")
    assert (
        '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Agree</legend>' in agree
    )
    assert "govuk-radios--inline" in agree
    assert re.search(r'value="n" checked>', agree) and not re.search(r'value="y" checked', agree)
    assert "govuk-radios--inline" not in html(form, "size")
    sectors = html(form, "sectors")
    assert 'type="checkbox" value="t" checked>' in sectors
    assert 'type="checkbox" value="a">' in sectors
    assert '<option value="c" selected>Chanthabouly</option>' in html(form, "district")


def test_a_declaration_an_address_a_file_and_a_hidden_field():
    form = Everything({"declaration": "on", "address_0": "Vientiane"})
    form.is_valid()
    assert 'type="checkbox" checked>' in html(form, "declaration")
    address = html(form, "address")
    assert '<label class="govuk-label" for="id_address_1">District</label>' in address
    assert 'name="address_0" id="id_address_0" value="Vientiane"' in address
    document = html(Everything(), "document", stored_file={"name": "id.pdf", "size": 2048})
    assert (
        'type="file" name="document" id="id_document"' in document and 'accept=".pdf"' in document
    )
    assert "id.pdf (2.0\xa0KB)" in document
    assert html(Everything(), "step") == (
        '<input type="hidden" name="step" value="step-1" id="id_step">'
    )


def test_the_template_tag_reads_the_company_from_the_page():
    class Company:
        name = "Mekong & Co"

    class Kept:
        pk, name, original_name, valid_until = 7, "Licence", "licence.pdf", None

    rendered = Template(
        "{% load onedoor %}{% form_field form.document company_files=files %}"
    ).render(
        Context(
            {
                "form": Everything(),
                "files": [Kept()],
                "company": Company(),
                "company_document_suffix": "--company-document",
            }
        )
    )
    assert "Or attach a document Mekong &amp; Co keeps" in rendered
    assert 'name="document--company-document"' in rendered
    assert '<option value="7">Licence · licence.pdf</option>' in rendered
