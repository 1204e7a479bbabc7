"""Phone numbers, stored in the international E.164 form (+8562055551234) so that texts reach
them, and shown in the form people write them."""

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def phone_normalise(value: str, *, region: str = "") -> str:
    """The number in E.164 form; a number without a country code is read as one of ``region``
    (default ``PHONE_REGION``). Empty stays empty; a number that cannot exist is refused."""
    value = (value or "").strip()
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, (region or settings.PHONE_REGION).upper())
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _(
                "Enter a phone number that exists, such as 020 5555 1234, or with the country "
                "code, such as +856 20 5555 1234."
            ),
            code="invalid_phone",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_display(value: str) -> str:
    """An E.164 number spaced as people read it (+856 20 5555 1234); anything else as it is."""
    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
