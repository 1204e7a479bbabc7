"""The tracking PIN given at submission: only a keyed hash of it is stored."""

from django.utils.crypto import constant_time_compare, salted_hmac

from .models import Application

PIN_LENGTH = 6


def tracking_pin_hash(*, reference: str, pin: str) -> str:
    """A keyed hash of the PIN: the PIN itself is never stored."""
    return salted_hmac("onedoor.tracking-pin", f"{reference}:{pin}", algorithm="sha256").hexdigest()


def tracking_pin_matches(*, application: Application, pin: str) -> bool:
    expected = tracking_pin_hash(reference=application.reference, pin=pin.strip())
    return bool(application.tracking_pin_hash) and constant_time_compare(
        expected, application.tracking_pin_hash
    )
