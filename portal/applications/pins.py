"""The tracking PIN given at submission: only a keyed hash of it is stored."""

from django.utils.crypto import constant_time_compare, salted_hmac

from .models import Application

PIN_LENGTH = 6


def tracking_pin_hash(*, reference: str, pin: str) -> str:
    """A keyed hash of the PIN: the PIN itself is never stored."""
    return salted_hmac("onedoor.tracking-pin", f"{reference}:{pin}", algorithm="sha256").hexdigest()


def tracking_pin_matches(*, application: Application, pin: str) -> bool:
    return tracking_pin_hash_matches(
        reference=application.reference, stored=application.tracking_pin_hash, pin=pin
    )


def tracking_pin_hash_matches(*, reference: str, stored: str, pin: str) -> bool:
    """Whether ``pin`` is the one whose hash ``stored`` is (none stored: no PIN matches)."""
    expected = tracking_pin_hash(reference=reference, pin=pin.strip())
    return bool(stored) and constant_time_compare(expected, stored)
