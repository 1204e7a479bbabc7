"""Writes to applications. Each function is one transaction and records what it did as an Event."""

import hashlib
import secrets
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac

from portal.accounts.models import User
from portal.core.money import money_format
from portal.core.reference import reference_generate
from portal.notifications.services import outbox_enqueue

from .models import Application, Document, Event

PIN_LENGTH = 6


def tracking_pin_hash(*, reference: str, pin: str) -> str:
    """A keyed hash of the PIN: the PIN itself is never stored."""
    return salted_hmac("onedoor.tracking-pin", f"{reference}:{pin}", algorithm="sha256").hexdigest()


def tracking_pin_matches(*, application: Application, pin: str) -> bool:
    expected = tracking_pin_hash(reference=application.reference, pin=pin.strip())
    return bool(application.tracking_pin_hash) and constant_time_compare(
        expected, application.tracking_pin_hash
    )


@dataclass(frozen=True)
class NewDocument:
    """An upload that passed validation, with the type read from its content."""

    field_name: str
    file: UploadedFile
    content_type: str


def _sha256(file: UploadedFile) -> str:
    digest = hashlib.sha256()
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def _unique_reference() -> str:
    while True:
        reference = reference_generate()
        if not Application.objects.filter(reference=reference).exists():
            return reference


def application_submit(
    *,
    applicant: User,
    service_page_id: int,
    service_title: str,
    form_schema: dict,
    answers: dict,
    documents: Iterable[NewDocument],
    submission_token: uuid.UUID,
    language: str = "en",
    channel: str = Application.Channel.ONLINE,
    service_standard_days: int | None = None,
    fee_snapshot: dict | None = None,
) -> Application:
    """Create a submitted application with its documents, once per submission token.

    Sending the same token again (a double click, a resent POST) returns the application it
    created the first time. If anything fails, nothing is kept: no row, no stored file, no
    email. The new application carries ``tracking_pin`` (shown once, and emailed); only its
    hash is stored.
    """
    existing = Application.objects.filter(
        submission_token=submission_token, applicant=applicant
    ).first()
    if existing:
        return existing

    stored_names: list[str] = []
    try:
        with transaction.atomic():
            now = timezone.now()
            reference = _unique_reference()
            pin = "".join(secrets.choice("0123456789") for _ in range(PIN_LENGTH))
            application = Application.objects.create(
                reference=reference,
                tracking_pin_hash=tracking_pin_hash(reference=reference, pin=pin),
                service_standard_days=service_standard_days,
                fee_snapshot=fee_snapshot or {},
                service_page_id=service_page_id,
                service_title=service_title,
                form_schema=form_schema,
                applicant=applicant,
                channel=channel,
                language=language,
                answers=answers,
                status=Application.Status.SUBMITTED,
                submission_token=submission_token,
                submitted_at=now,
            )
            for new in documents:
                document = Document(
                    application=application,
                    field_name=new.field_name,
                    original_name=new.file.name[:255],
                    content_type=new.content_type,
                    size=new.file.size,
                    sha256=_sha256(new.file),
                )
                document.file.save(new.file.name, new.file, save=False)
                stored_names.append(document.file.name)
                document.save()
            Event.objects.create(
                application=application,
                kind=Event.Kind.SUBMITTED,
                actor=applicant,
                from_status=Application.Status.DRAFT,
                to_status=Application.Status.SUBMITTED,
                created_at=now,
            )
            _notify_submitted(application, pin=pin)
            application.tracking_pin = pin
    except IntegrityError:
        _delete_files(stored_names)
        # Another request with the same token won the race: answer with its application.
        existing = Application.objects.filter(
            submission_token=submission_token, applicant=applicant
        ).first()
        if existing:
            return existing
        raise
    except BaseException:
        _delete_files(stored_names)
        raise
    return application


def _delete_files(names: list[str]) -> None:
    storage = Document._meta.get_field("file").storage
    for name in names:
        storage.delete(name)


def _notify_submitted(application: Application, *, pin: str) -> None:
    """The confirmation email, in the language the applicant used, through the outbox."""
    with translation.override(application.language):
        fee = application.fee_snapshot
        context = {
            "application": application,
            "pin": pin,
            "fee_lines": [
                {
                    "label": line.get("label", ""),
                    "text": money_format(line["amount"], fee["currency"]),
                }
                for line in fee.get("lines", [])
            ],
            "url": settings.PORTAL_BASE_URL
            + reverse("tracking:application_detail", args=[application.reference]),
        }
        subject = render_to_string("notifications/email/application_submitted_subject.txt", context)
        body = render_to_string("notifications/email/application_submitted.txt", context)
    outbox_enqueue(
        recipient=application.applicant.email,
        subject=" ".join(subject.split()),
        body=body,
        language=application.language,
    )
