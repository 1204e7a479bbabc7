"""Phone numbers, stored in the international E.164 form (+8562055551234) so that texts reach
them, and shown in the form people write them.

A number typed without its country code is read as one of the reader's country: the country
of their language (``PHONE_REGIONS_BY_LANGUAGE``), else ``PHONE_REGION``.
"""

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext as _

MOBILE_TYPES = {
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
}


def phone_region() -> str:
    """The country whose numbers may be typed without the country code, for this reader."""
    return settings.PHONE_REGIONS_BY_LANGUAGE.get(get_language(), settings.PHONE_REGION)


def phone_examples(region: str = "") -> dict:
    """A mobile number of the region as written at home and from abroad, for hints."""
    number = phonenumbers.example_number_for_type(
        (region or phone_region()).upper(), phonenumbers.PhoneNumberType.MOBILE
    )
    if number is None:
        return {"national": "", "international": "+856 20 23 123 456"}
    return {
        "national": phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL),
        "international": phonenumbers.format_number(
            number, phonenumbers.PhoneNumberFormat.INTERNATIONAL
        ),
    }


def phone_normalise(value: str, *, region: str = "", mobile: bool = False) -> str:
    """The number in E.164 form; empty stays empty; a number that cannot exist (or, with
    ``mobile``, one that cannot receive texts) is refused with examples of the region."""
    value = (value or "").strip()
    if not value:
        return ""
    region = (region or phone_region()).upper()
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _(
                "Enter a phone number that exists, such as %(national)s, or with the country "
                "code, such as %(international)s."
            )
            % phone_examples(region),
            code="invalid_phone",
        )
    if mobile and phonenumbers.number_type(number) not in MOBILE_TYPES:
        raise ValidationError(
            _("Enter a mobile number, such as %(national)s: texts cannot reach a landline.")
            % phone_examples(region),
            code="not_mobile",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_display(value: str) -> str:
    """An E.164 number spaced as people read it (+856 20 23 123 456); anything else as it is."""
    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
