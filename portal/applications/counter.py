"""Walk-in applications: registered by an officer at the counter, and later, with proof, added
to the citizen's own account.

An email address or phone number typed at the counter proves nothing (a typo names a
stranger), so a walk-in application always belongs to a walk-in applicant of its own: a user
without a password, carrying the name and the phone number given (texts go there), followed
with the slip's reference code and PIN. When an email address was given, or the phone number
belongs to an account, a link goes to that address (never anything of the application); the
application moves to an account only when someone signed in with that address opens the link
and types the PIN printed on the slip. The address alone does not do it, and nor does the slip.
"""

import datetime
import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F, ProtectedError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.accounts.models import User
from portal.accounts.selectors import user_has_verified_email
from portal.core.addresses import page_address
from portal.core.codes import code_generate
from portal.core.phone import phone_normalise
from portal.notifications.services import deliverable_email, notification_send

from .documents import NewDocument, stored_files_delete
from .models import Application, CounterIntake, Event
from .pins import PIN_LENGTH, tracking_pin_hash, tracking_pin_matches
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


def walk_in_applicant_create(*, full_name: str, phone: str = "", region: str = "") -> User:
    """A walk-in applicant: no password, an address under the reserved ``.invalid`` domain that
    receives nothing, and the phone number texts go to (given at the counter, it counts as
    confirmed)."""
    first, _space, last = full_name.strip().partition(" ")
    user = User(
        email=f"walk-in-{secrets.token_hex(8)}{COUNTER_EMAIL_DOMAIN}",
        first_name=first[:150],
        last_name=last[:150],
        phone=phone_normalise(phone, region=region),
    )
    user.set_unusable_password()
    user.save()
    return user


def _claim_address(*, email: str, phone: str) -> tuple[str, bool]:
    """Where the link to add the application to an account goes, and whether the address is
    that of the account with the phone number: the email given, else the address of the one
    account that has the phone number."""
    if email:
        return (email, False) if deliverable_email(email) else ("", False)
    if not phone:
        return "", False
    owners = list(
        User.objects.filter(phone=phone, is_active=True)
        .exclude(email__iendswith=COUNTER_EMAIL_DOMAIN)
        .values_list("email", flat=True)[:2]
    )
    if len(owners) == 1 and deliverable_email(owners[0]):
        return owners[0], True
    return "", False  # nobody, or several people: nobody is told


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _send_claim_link(application: Application, intake: CounterIntake, *, token: str) -> None:
    """The link to the address, in the citizen's language: where and when the application was
    registered, nothing of what it says (not even the service)."""
    office = application.office
    registered = timezone.localtime(
        application.submitted_at,
        ZoneInfo(office.time_zone if office else settings.TIME_ZONE),
    )
    with translation.override(application.language):
        url = page_address(application.service_page) + reverse("counter_claim", args=[token])
    notification_send(
        template="counter_claim",
        context={
            "office": office.name if office else "",
            "date": registered.date(),
            "days": CounterIntake.CLAIM_DAYS,
            "by_phone": intake.claim_by_phone,
        },
        language=application.language,
        email=intake.claim_email,
        secrets={"url": url},
    )


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
    submitted at once, for a new walk-in applicant, with a tracking PIN for the printed slip.

    Exactly once per form: the form's token is unique, so of two requests with the same form
    (a double click, a resent POST, both at the same moment) one registers and the other gets
    that application with ``already_registered`` set. Everything happens in one transaction:
    if anything fails, no user, application, document, stored file or message is left. The
    new application carries ``tracking_pin`` (for the slip; only its hash is stored).
    """
    stored_names: list[str] = []
    try:
        with transaction.atomic():
            applicant = walk_in_applicant_create(
                full_name=walk_in.full_name, phone=walk_in.phone, region=walk_in.region
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
            email = User.objects.normalize_email(walk_in.email.strip()).lower()
            claim_email, by_phone = _claim_address(email=email, phone=applicant.phone)
            claim_token = secrets.token_urlsafe(32) if claim_email else ""
            # The form's token goes in last: a second request with the same form waits here
            # for the first to commit (PostgreSQL's unique index; SQLite's write lock), then
            # fails and rolls back everything it did.
            intake = CounterIntake.objects.create(
                application=application,
                form_token=form_nonce,
                officer=officer,
                claim_email=claim_email,
                claim_by_phone=by_phone,
                claim_token_hash=_token_hash(claim_token) if claim_token else "",
                claim_expires_at=(
                    timezone.now() + datetime.timedelta(days=CounterIntake.CLAIM_DAYS)
                    if claim_token
                    else None
                ),
            )
            if claim_token:
                _send_claim_link(application, intake, token=claim_token)
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


# --- adding the application to an account ------------------------------------------------------


class ClaimRefused(Exception):
    """The application cannot be added to the account; the message says why."""


def counter_claim_get(*, token: str) -> CounterIntake | None:
    """The walk-in application a link's token is for, while the link still works."""
    intake = (
        CounterIntake.objects.select_related("application", "application__office")
        .filter(claim_token_hash=_token_hash(token))
        .first()
    )
    return intake if intake and intake.claim_open else None


def counter_claim_confirm(*, intake: CounterIntake, user: User, pin: str) -> Application:
    """Move the walk-in application to ``user``'s account: only someone signed in with the
    address the link went to, who types the PIN of the slip. Each try counts, in one atomic
    update, before the PIN is compared; after a few, or once the link is old, it stops
    working (the slip still tracks the application). An Event records the move."""
    no_longer = _("This link no longer works. The application is still followed with its slip.")
    if not user_has_verified_email(user=user, email=intake.claim_email):
        raise ClaimRefused(
            _("The link was sent to %(email)s: sign in with that address to use it.")
            % {"email": intake.claim_email}
        )
    now = timezone.now()
    counted = CounterIntake.objects.filter(
        pk=intake.pk,
        claimed_at=None,
        claim_expires_at__gt=now,
        claim_tries__lt=CounterIntake.CLAIM_TRIES,
    ).update(claim_tries=F("claim_tries") + 1)
    if not counted:
        raise ClaimRefused(no_longer)
    application = Application.objects.get(pk=intake.application_id)
    if not tracking_pin_matches(application=application, pin=pin):
        raise ClaimRefused(_("This is not the PIN printed on the slip. Check it and try again."))
    walk_in_id = application.applicant_id
    with transaction.atomic():
        taken = CounterIntake.objects.filter(pk=intake.pk, claimed_at=None).update(
            claimed_at=now, claimed_by=user
        )
        if not taken:
            raise ClaimRefused(no_longer)
        Application.objects.filter(pk=application.pk).update(
            applicant=user, version=F("version") + 1, updated_at=now
        )
        Event.objects.create(
            application=application,
            kind=Event.Kind.ADDED_TO_ACCOUNT,
            actor=user,
            from_status=application.status,
            to_status=application.status,
            created_at=now,
        )
        _forget_walk_in_applicant(walk_in_id)
    application.refresh_from_db()
    return application


def _forget_walk_in_applicant(user_id: int) -> None:
    """The walk-in applicant's name and phone number are kept no longer than their last
    application; one something else still refers to stays."""
    if Application.objects.filter(applicant_id=user_id).exists():
        return
    try:
        with transaction.atomic():
            User.objects.filter(pk=user_id, email__iendswith=COUNTER_EMAIL_DOMAIN).delete()
    except ProtectedError:
        pass
