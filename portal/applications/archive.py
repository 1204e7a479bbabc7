"""Everything the portal holds about a person, or about one application, as one ZIP archive.

A person downloads theirs from their account: their profile and their own sign-ins, the
applications they see in "My applications" (``application_list_for_applicant``: their own,
and their companies' while they are members) plus their own drafts, each with its answers,
documents, history, payments, results and rating, and their companies with their documents.
A manager exports one application on request. The archive is written to a temporary file on
disk, never held in memory, and the documents are copied into it in chunks; documents already
compressed (PDF, images, office files) are stored as they are, the rest compressed.
"""

import json
import re
import tempfile
import zipfile
from typing import IO

from django.db.models import Q
from django.utils import timezone

from payments.models import Payment
from portal.accounts.models import Company, CompanyDocument, User
from portal.audit.models import AuditRecord

from .answers import answers_by_step, schema_in_language
from .models import Application
from .selectors import application_list_for_applicant

CHUNK = 1024 * 1024
_UNSAFE_NAME = re.compile(r"[^\w.\-]+", re.UNICODE)
#: Types whose content is compressed already: compressing them again costs time for nothing.
ALREADY_COMPRESSED = {
    "application/pdf",
    "image/jpeg",
    "image/png",
    "image/webp",
    "image/gif",
    "image/heic",
    "application/zip",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
}
#: The wizard's own entries in a draft's steps (not answers): ``<step>-<field>`` are answers.
_CHOSEN_COMPANY_DOCUMENT = "--company-document"
SIGN_IN_ACTIONS = (AuditRecord.Action.SIGNED_IN, AuditRecord.Action.SIGNED_OUT)


def _when(value) -> str | None:
    return value.isoformat() if value else None


def _safe_name(name: str) -> str:
    """A file name that stays inside its folder of the archive."""
    cleaned = _UNSAFE_NAME.sub("_", name).strip("._") or "file"
    return cleaned[:100]


def _document_path(folder: str, document) -> str:
    return f"{folder}/documents/{document.pk.hex[:8]}-{_safe_name(document.original_name)}"


def _copy_file(archive: zipfile.ZipFile, field_file, path: str, content_type: str) -> bool:
    """Copy a stored file into the archive (as it is when its type is compressed already);
    False when the file is gone. A storage failing in the middle of a copy fails the archive
    (nothing is given, nothing is recorded as given)."""
    entry = zipfile.ZipInfo(path, date_time=timezone.localtime().timetuple()[:6])
    entry.compress_type = (
        zipfile.ZIP_STORED if content_type in ALREADY_COMPRESSED else zipfile.ZIP_DEFLATED
    )
    try:
        source = field_file.open("rb")
    except (FileNotFoundError, OSError, ValueError):
        return False
    with source, archive.open(entry, "w", force_zip64=True) as target:
        while chunk := source.read(CHUNK):
            target.write(chunk)
    return True


def _json(archive: zipfile.ZipFile, path: str, data) -> None:
    archive.writestr(path, json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _payments(application: Application) -> list[dict]:
    return [
        {
            "amount": payment.amount,
            "currency": payment.currency,
            "amount_display": payment.amount_display,
            "method": str(payment.method_label),
            "status": payment.status,
            "receipt_number": payment.receipt_number or "",
            "created_at": _when(payment.created_at),
            "paid_at": _when(payment.paid_at),
            "refunded": payment.refunded_amount,
        }
        for payment in Payment.objects.filter(application=application).order_by("created_at")
    ]


def _labelled(schema: dict, answers: dict) -> list[dict]:
    """The answers with their labels, step by step, as the form had them."""
    return [
        {
            "step": step["title"],
            "answers": [[row["label"], str(row["value"])] for row in step["rows"]],
        }
        for step in answers_by_step(schema=schema, answers=answers)
    ]


def _draft_answers(wizard_state: dict) -> dict:
    """What a draft's steps hold of the form's fields, by field name; none of the wizard's
    own entries (its step, the form's security token, a company document chosen)."""
    answers = {}
    for step, data in (wizard_state or {}).get("step_data", {}).items():
        prefix = f"{step}-"
        for key, value in data.items():
            if not key.startswith(prefix) or key.endswith(_CHOSEN_COMPANY_DOCUMENT):
                continue
            values = value if isinstance(value, list) else [value]
            answers[key.removeprefix(prefix)] = values[0] if len(values) == 1 else values
    return answers


def _results(application: Application) -> list[dict]:
    return [
        {
            "code": certificate.code,
            "issued_to": certificate.holder,
            "service": certificate.service_title,
            "issued_at": _when(certificate.issued_at),
            "valid_until": _when(certificate.valid_until),
            "revoked_at": _when(certificate.revoked_at),
            "why_revoked": certificate.revoked_reason,
        }
        for certificate in application.certificates.order_by("issued_at", "pk")
    ]


def _feedback(application: Application) -> dict | None:
    Feedback = Application._meta.get_field("feedback").related_model  # tracking's, by relation
    feedback = Feedback.objects.filter(application=application).first()
    if feedback is None:
        return None
    return {
        "rating": feedback.rating,
        "comment": feedback.comment,
        "given_at": _when(feedback.created_at),
    }


def _application_data(application: Application, *, with_applicant: bool) -> dict:
    schema = schema_in_language(application.form_schema, application.language)
    data = {
        "reference": application.reference,
        "service": application.service_title,
        "status": application.status,
        "status_display": str(application.get_status_display()),
        "channel": application.channel,
        "language": application.language,
        "office": str(application.office) if application.office_id else "",
        "company": str(application.company) if application.company_id else "",
        "created_at": _when(application.created_at),
        "submitted_at": _when(application.submitted_at),
        "finished_at": _when(application.finished_at),
        "personal_data_removed_at": _when(application.personal_data_purged_at),
        "answers": application.answers,
        "answers_labelled": _labelled(schema, application.answers),
        "fee": application.fee_snapshot,
        "history": [
            {
                "when": _when(event.created_at),
                "what": str(event.get_kind_display()),
                "status": event.to_status,
                "message": event.message,
            }
            for event in application.events.filter(visible_to_applicant=True)
        ],
        "payments": _payments(application),
        "results": _results(application),
        "feedback": _feedback(application),
    }
    if application.status == Application.Status.DRAFT:
        data["draft_answers"] = _draft_answers(application.wizard_state)
    if with_applicant:
        applicant = application.applicant
        data["applicant"] = {
            "email": applicant.email,
            "first_name": applicant.first_name,
            "last_name": applicant.last_name,
            "phone": applicant.phone,
        }
    return data


def _add_application(archive, application: Application, *, folder: str, with_applicant=False):
    data = _application_data(application, with_applicant=with_applicant)
    documents = []
    for document in application.documents.all():
        path = _document_path(folder, document)
        copied = _copy_file(archive, document.file, path, document.content_type)
        documents.append(
            {
                "file": path if copied else None,
                "name": document.original_name,
                "field": document.field_name,
                "type": document.content_type,
                "size": document.size,
                "uploaded_at": _when(document.uploaded_at),
            }
        )
    data["documents"] = documents
    _json(archive, f"{folder}/application.json", data)


def archived_applications(*, user: User):
    """The applications in a person's archive: those "My applications" shows them (their own,
    and their companies' while they are members; who left a company left its applications
    behind) and their own drafts (any company's)."""
    shown = application_list_for_applicant(user=user).order_by().values("pk")
    return Application.objects.filter(
        Q(pk__in=shown) | Q(applicant=user, status=Application.Status.DRAFT)
    )


def _sign_ins(user: User) -> list[dict]:
    return [
        {
            "what": str(record.get_action_display()),
            "at": _when(record.at),
            "address": record.address,
        }
        for record in AuditRecord.objects.filter(user_id=user.pk, action__in=SIGN_IN_ACTIONS)
        .only("action", "at", "address")
        .order_by("at", "pk")
    ]


def _temporary() -> IO[bytes]:
    """A file on disk, deleted once closed (the response closes it after sending it)."""
    return tempfile.TemporaryFile(prefix="onedoor-archive-")


def person_archive(*, user: User) -> IO[bytes]:
    """A ZIP of everything held about ``user``, rewound, to stream to them."""
    from allauth.account.models import EmailAddress

    buffer = _temporary()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        _json(
            archive,
            "profile.json",
            {
                "email": user.email,
                "first_name": user.first_name,
                "last_name": user.last_name,
                "phone": user.phone,
                "joined": _when(user.date_joined),
                "last_sign_in": _when(user.last_login),
                "email_addresses": list(
                    EmailAddress.objects.filter(user=user).values("email", "verified", "primary")
                ),
                "sign_ins": _sign_ins(user),
                "exported_at": _when(timezone.now()),
            },
        )
        applications = (
            archived_applications(user=user)
            .select_related("office", "company")
            .order_by("created_at", "pk")
        )
        for application in applications.iterator(chunk_size=100):
            _add_application(
                archive, application, folder=f"applications/{_safe_name(application.reference)}"
            )
        for company in Company.objects.filter(memberships__user=user).order_by("pk"):
            folder = f"companies/{company.pk}"
            documents = []
            for document in CompanyDocument.objects.filter(company=company):
                path = _document_path(folder, document)
                copied = _copy_file(archive, document.file, path, document.content_type)
                documents.append(
                    {
                        "file": path if copied else None,
                        "kind": document.kind,
                        "title": document.title,
                        "valid_until": _when(document.valid_until),
                        "uploaded_at": _when(document.uploaded_at),
                    }
                )
            _json(
                archive,
                f"{folder}/company.json",
                {
                    "name": company.name,
                    "registration_number": company.registration_number,
                    "tax_number": company.tax_number,
                    "address": company.address,
                    "role": company.memberships.get(user=user).role,
                    "documents": documents,
                },
            )
    buffer.seek(0)
    return buffer


def application_archive(*, application: Application) -> IO[bytes]:
    """A ZIP of one application's data (its applicant included), rewound."""
    buffer = _temporary()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        _add_application(
            archive, application, folder=_safe_name(application.reference), with_applicant=True
        )
    buffer.seek(0)
    return buffer
