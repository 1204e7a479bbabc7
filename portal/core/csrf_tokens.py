"""CSRF secrets and masks drawn with one system call each.

Django draws each of the 32 characters of a CSRF secret, and of the mask that makes each page's
token different (against BREACH), with ``secrets.choice``: one ``getrandom`` system call per
character, each of which lets the other threads of a gunicorn worker take the interpreter, so
every page with a form (the menu's sign-out form is on every page of a signed-in reader) paid
for 33 thread switches. The same draw, uniform over the same 62 characters from the same source
(the operating system's), takes one call here. It is installed in Django's place at start-up
(``install``, from ``CoreConfig.ready``); tests/core/test_csrf_tokens.py checks that Django
still draws with it.
"""

import os

from django.middleware import csrf


def random_csrf_string() -> str:
    """``CSRF_SECRET_LENGTH`` characters of ``CSRF_ALLOWED_CHARS``, each as likely as the
    others: a byte of 248 or more (256 is not a multiple of 62) is skipped, not folded."""
    chars = csrf.CSRF_ALLOWED_CHARS
    usable = 256 - 256 % len(chars)
    drawn: list[str] = []
    while len(drawn) < csrf.CSRF_SECRET_LENGTH:
        # A few more bytes than characters: a draw rarely needs a second call.
        randomness = os.urandom(csrf.CSRF_SECRET_LENGTH + 16)
        drawn.extend(chars[byte % len(chars)] for byte in randomness if byte < usable)
    return "".join(drawn[: csrf.CSRF_SECRET_LENGTH])


def install() -> None:
    csrf._get_new_csrf_string = random_csrf_string
