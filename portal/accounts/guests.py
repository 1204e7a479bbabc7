"""Applying as a guest: no account to create, but an email address proven by a one-time code.

A guest is a user without a usable password. Proving the address signs the guest in for this
browser session, so the wizard keeps the draft on that user like any other; the guest can
later make the account a full one with "Forgot password". An address that belongs to a full
account (or to staff) is never signed in by a code: its owner gets an email telling them to
sign in, and the page says the same in both cases, so it does not tell who has an account.
"""

import secrets
import time

from django.conf import settings
from django.contrib.auth import login
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.crypto import constant_time_compare, salted_hmac

from portal.notifications.services import outbox_enqueue

from .models import User

CODE_LENGTH = 6
CODE_LIFETIME = 15 * 60  # seconds
MAX_TRIES = 5
SESSION_KEY = "guest-code"


def _code_hash(email: str, code: str) -> str:
    return salted_hmac("onedoor.guest-code", f"{email}:{code}", algorithm="sha256").hexdigest()


def _full_account(user: User | None) -> bool:
    """An account that signs in with a password (and, for staff, MFA): never by a code."""
    return user is not None and (
        user.has_usable_password() or user.is_staff or user.is_superuser or user.groups.exists()
    )


def guest_code_send(*, request, email: str, next_url: str) -> None:
    """Email a one-time code (or, for a full account, a reminder to sign in) and remember
    in the session what it proves."""
    email = User.objects.normalize_email(email.strip()).lower()
    code = "".join(secrets.choice("0123456789") for _ in range(CODE_LENGTH))
    request.session[SESSION_KEY] = {
        "email": email,
        "hash": _code_hash(email, code),
        "expires": time.time() + CODE_LIFETIME,
        "tries": 0,
        "next": next_url,
    }
    full_account = _full_account(User.objects.filter(email__iexact=email).first())
    language = translation.get_language()
    context = {
        "code": code,
        "minutes": CODE_LIFETIME // 60,
        "login_url": settings.PORTAL_BASE_URL + f"/{language}/accounts/login/",
    }
    template = "guest_has_account" if full_account else "guest_code"
    subject = render_to_string(f"notifications/email/{template}_subject.txt", context)
    body = render_to_string(f"notifications/email/{template}.txt", context)
    with transaction.atomic():
        outbox_enqueue(
            recipient=email, subject=" ".join(subject.split()), body=body, language=language
        )


def guest_code_pending(request) -> dict | None:
    pending = request.session.get(SESSION_KEY)
    if not pending or pending["expires"] < time.time() or pending["tries"] >= MAX_TRIES:
        return None
    return pending


def guest_code_verify(*, request, code: str) -> str | None:
    """Sign the guest in if the code is right; returns where to go next, or None.

    Each wrong code counts; after a few, or once the code is old, a new code is needed.
    """
    pending = guest_code_pending(request)
    if pending is None:
        return None
    pending["tries"] += 1
    request.session[SESSION_KEY] = pending
    if not constant_time_compare(_code_hash(pending["email"], code.strip()), pending["hash"]):
        return None
    email = pending["email"]
    user = User.objects.filter(email__iexact=email).first()
    if _full_account(user):
        return None  # its owner signs in with the password (and MFA)
    if user is None:
        user = User(email=email)
        user.set_unusable_password()
        user.save()
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    next_url = pending["next"]
    del request.session[SESSION_KEY]
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    request.session["guest"] = True
    return next_url
