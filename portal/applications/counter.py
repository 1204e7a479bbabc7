"""Walk-in applications, registered by an officer at the counter: once per form, in one
transaction with the walk-in applicant, the documents and their stored files."""

import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone

from portal.accounts.models import User
from portal.core.codes import code_generate
from portal.core.phone import phone_normalise

from .documents import NewDocument, stored_files_delete
from .models import Application, CounterIntake
from .pins import PIN_LENGTH, tracking_pin_hash
from .services import _finish_submission, _unique_reference

COUNTER_EMAIL_DOMAIN = "@counter.invalid"
_FORM_SALT = "onedoor.counter-form"


@dataclass(frozen=True)
class WalkIn:
    """The citizen as the officer typed them: a phone number without its country code is read
    as one of ``region`` (the office's country)."""

    full_name: str
    email: str = ""
    phone: str = ""
    region: str = ""


# --- the form's one-time token ----------------------------------------------------------------


def counter_form_token(*, officer: User) -> str:
    """A new token for one counter form: signed for this officer, so nobody else's form (or a
    made-up value) passes for it."""
    return signing.Signer(salt=_FORM_SALT).sign(f"{officer.pk}:{secrets.token_urlsafe(24)}")


def counter_form_nonce(*, officer: User, token: str) -> str | None:
    """The form's own random part if ``token`` is one this officer's form was given, else None."""
    try:
        value = signing.Signer(salt=_FORM_SALT).unsign(token or "")
    except signing.BadSignature:
        return None
    owner, _colon, nonce = value.partition(":")
    return nonce if owner == str(officer.pk) and nonce else None


def counter_application_for_form(*, nonce: str) -> Application | None:
    """The application a counter form already registered, if it did."""
    intake = CounterIntake.objects.select_related("application").filter(form_token=nonce).first()
    return intake.application if intake else None


# --- registering --------------------------------------------------------------------------------


def applicant_for_counter(
    *, full_name: str, email: str = "", phone: str = "", region: str = ""
) -> User:
    """The citizen a walk-in application is for: their account when the email has one, else a
    new account without a password (they can claim it later with "Forgot password"). Without
    an email, a placeholder address that receives nothing; news then goes by SMS to the phone
    (a number without country code is read as one of ``region``, the office's country)."""
    email = User.objects.normalize_email(email.strip()).lower()
    if email:
        existing = User.objects.filter(email__iexact=email).first()
        if existing:
            return existing
    first, _space, last = full_name.strip().partition(" ")
    user = User(
        email=email or f"walk-in-{secrets.token_hex(8)}{COUNTER_EMAIL_DOMAIN}",
        first_name=first[:150],
        last_name=last[:150],
        phone=phone_normalise(phone, region=region),
    )
    user.set_unusable_password()
    user.save()
    return user


def application_register_at_counter(
    *,
    officer: User,
    walk_in: WalkIn,
    form_nonce: str,
    service_page_id: int,
    service_title: str,
    form_schema: dict,
    answers: dict,
    documents: Iterable[NewDocument],
    language: str,
    office_id: int | None,
    service_standard_days: int | None,
    fee_snapshot: dict,
    workflow_id: int | None = None,
) -> Application:
    """A walk-in application, registered by an officer with the scanned paper documents:
    submitted at once, with a tracking PIN for the printed slip.

    Exactly once per form: the form's token is unique, so of two requests with the same form
    (a double click, a resent POST, both at the same moment) one registers and the other gets
    that application with ``already_registered`` set. Everything happens in one transaction:
    if anything fails, no user, application, document, stored file or message is left. The
    new application carries ``tracking_pin`` (for the slip; only its hash is stored).
    """
    stored_names: list[str] = []
    try:
        with transaction.atomic():
            applicant = applicant_for_counter(
                full_name=walk_in.full_name,
                email=walk_in.email,
                phone=walk_in.phone,
                region=walk_in.region,
            )
            reference = _unique_reference()
            pin = code_generate(PIN_LENGTH)
            application = Application.objects.create(
                reference=reference,
                tracking_pin_hash=tracking_pin_hash(reference=reference, pin=pin),
                applicant=applicant,
                service_page_id=service_page_id,
                service_title=service_title,
                form_schema=form_schema,
                answers=answers,
                language=language,
                channel=Application.Channel.COUNTER,
                status=Application.Status.SUBMITTED,
                office_id=office_id,
                service_standard_days=service_standard_days,
                fee_snapshot=fee_snapshot,
                submitted_at=timezone.now(),
            )
            _finish_submission(
                application,
                pin=pin,
                documents=documents,
                stored_names=stored_names,
                actor=officer,
                workflow_id=workflow_id,
            )
            # The form's token goes in last: a second request with the same form waits here
            # for the first to commit (PostgreSQL's unique index; SQLite's write lock), then
            # fails and rolls back everything it did.
            CounterIntake.objects.create(
                application=application, form_token=form_nonce, officer=officer
            )
    except IntegrityError:
        stored_files_delete(stored_names)
        registered = counter_application_for_form(nonce=form_nonce)
        if registered is None:
            raise
        registered.already_registered = True
        return registered
    except BaseException:
        stored_files_delete(stored_names)
        raise
    application.already_registered = False
    return application
