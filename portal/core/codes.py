"""One-time codes people type: digits only (a phone keypad), kept only as a keyed hash."""

import secrets

from django.utils.crypto import constant_time_compare, salted_hmac


def code_generate(length: int = 6) -> str:
    return "".join(secrets.choice("0123456789") for _ in range(length))


def code_hash(*, purpose: str, subject: str, code: str) -> str:
    """The hash kept for a code sent to ``subject`` (an email address, a phone number) for
    ``purpose``: a code for one purpose or person is worth nothing for another."""
    return salted_hmac(f"onedoor.{purpose}", f"{subject}:{code}", algorithm="sha256").hexdigest()


def code_matches(*, purpose: str, subject: str, code: str, expected: str) -> bool:
    return constant_time_compare(
        code_hash(purpose=purpose, subject=subject, code=code.strip()), expected
    )
