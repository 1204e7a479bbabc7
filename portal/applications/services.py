"""Writes to applications. Each function is one transaction and records what it did as an Event."""

import hashlib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from portal.accounts.models import User
from portal.core.reference import reference_generate

from .models import Application, Document, Event


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
) -> Application:
    """Create a submitted application with its documents, once per submission token.

    Sending the same token again (a double click, a resent POST) returns the application it
    created the first time. If anything fails, nothing is kept: no row and no stored file.
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
            application = Application.objects.create(
                reference=_unique_reference(),
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
