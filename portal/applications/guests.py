"""Applying as a guest: no account to create, but an email address proven by a one-time code.

A guest is a user without a usable password. Proving the address signs the guest in for this
browser session, so the wizard keeps the draft on that user like any other; the guest can
later make the account a full one with "Forgot password". An address that belongs to a full
account (or to staff) is never signed in by a code: its owner gets an email telling them to
sign in, and the page says the same in both cases, so it does not tell who has an account.
"""

import datetime

from django.contrib.auth import login
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation

from portal.accounts.models import GuestCode, User
from portal.audit.models import AuditRecord
from portal.audit.services import audit_record
from portal.core.addresses import request_address
from portal.core.codes import code_generate, code_hash, code_matches
from portal.notifications.services import notification_send

CODE_LENGTH = 6
CODE_LIFETIME = 15 * 60  # seconds
MAX_TRIES = 5
SESSION_KEY = "guest-code"


def _code_hash(email: str, code: str) -> str:
    return code_hash(purpose="guest-code", subject=email, code=code)


def _full_account(user: User | None) -> bool:
    """An account that signs in with a password (and, for staff, MFA), or has anything a code
    must not open: never signed in by a code."""
    if user is None:
        return False
    from allauth.mfa.models import Authenticator
    from allauth.socialaccount.models import SocialAccount

    return (
        user.has_usable_password()
        or user.is_staff
        or user.is_superuser
        or user.groups.exists()
        or user.user_permissions.exists()
        or user.offices.exists()
        or Authenticator.objects.filter(user=user).exists()
        # Signs in with a national identity: an email code must not stand in for it.
        or SocialAccount.objects.filter(user=user).exists()
    )


def guest_signs_in_by_code(user: User) -> bool:
    """Whether this account signs in by an email code (a guest's): it has no password, no
    second factor, no national identity and no staff rights."""
    return not _full_account(user)


def guest_code_send(*, request, email: str, next_url: str) -> None:
    """Email a one-time code (or, for a full account, a reminder to sign in). The code is kept
    (hashed) per address: a new code replaces the old one, and tries count per address."""
    email = User.objects.normalize_email(email.strip()).lower()
    code = code_generate(CODE_LENGTH)
    GuestCode.objects.update_or_create(
        email=email,
        defaults={
            "code_hash": _code_hash(email, code),
            "tries": 0,
            "expires_at": timezone.now() + datetime.timedelta(seconds=CODE_LIFETIME),
        },
    )
    request.session[SESSION_KEY] = {"email": email, "next": next_url}
    full_account = _full_account(User.objects.filter(email__iexact=email).first())
    language = translation.get_language()
    context = {
        "minutes": CODE_LIFETIME // 60,
        "login_url": request_address(request) + f"/{language}/accounts/login/",
    }
    with transaction.atomic():
        notification_send(
            template="guest_has_account" if full_account else "guest_code",
            context=context,
            language=language,
            email=email,
            secrets={"code": code},
        )


class GuestCodeUsed(Exception):
    """The right code, but another request used it a moment before (another tab)."""


def _guest_create(email: str) -> User | None:
    """A new guest for ``email``; the account made meanwhile by a sign-up if there is one, and
    None if that account signs in with a password."""
    try:
        with transaction.atomic():
            user = User(email=email)
            user.set_unusable_password()
            user.save()
            return user
    except IntegrityError:
        user = User.objects.filter(email__iexact=email).first()
        return None if user is None or _full_account(user) else user


def guest_code_pending(request) -> dict | None:
    """The address waiting for its code in this session, while the code is still usable."""
    pending = request.session.get(SESSION_KEY)
    if not pending:
        return None
    usable = GuestCode.objects.filter(
        email=pending["email"], tries__lt=MAX_TRIES, expires_at__gt=timezone.now()
    ).exists()
    return pending if usable else None


def _sign_in_failed(request, email: str) -> None:
    audit_record(
        action=AuditRecord.Action.SIGN_IN_FAILED,
        request=request,
        user=None,
        email=email,
        detail="guest code",
    )


def guest_code_verify(*, request, code: str) -> str | None:
    """Sign the guest in if the code is right; returns where to go next, or None.

    Each try counts atomically against the address; after a few, or once the code is old, a
    new code is needed. A right code works once: ``GuestCodeUsed`` when another request used
    it a moment before.
    """
    pending = guest_code_pending(request)
    if pending is None:
        return None
    email = pending["email"]
    # Count the try before looking at the code, in one atomic update.
    counted = GuestCode.objects.filter(
        email=email, tries__lt=MAX_TRIES, expires_at__gt=timezone.now()
    ).update(tries=F("tries") + 1)
    if not counted:
        _sign_in_failed(request, email)
        return None
    expected = GuestCode.objects.filter(email=email).values_list("code_hash", flat=True).first()
    if expected is None or not code_matches(
        purpose="guest-code", subject=email, code=code, expected=expected
    ):
        _sign_in_failed(request, email)
        return None
    # A right code works once: of two requests that bring it at the same moment (two tabs, a
    # double click), the one whose delete removes it signs in.
    claimed, _rows = GuestCode.objects.filter(email=email, code_hash=expected).delete()
    if not claimed:
        raise GuestCodeUsed(email)
    user = User.objects.filter(email__iexact=email).first()
    if _full_account(user):
        return None  # its owner signs in with the password (and MFA)
    if user is None:
        user = _guest_create(email)
        if user is None:
            return None
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    next_url = pending["next"]
    del request.session[SESSION_KEY]
    login(request, user, backend="portal.accounts.backends.ModelBackend")
    request.session["guest"] = True
    # When it signed in, as allauth records a password: what a guest's recent sign-in is
    # judged by before they delete their account or download their data.
    from allauth.account.internal.flows.login import record_authentication

    from portal.accounts.reauthentication import GUEST_CODE

    record_authentication(request, user, method=GUEST_CODE)
    return next_url
