"""The only way to fetch an applicant's document: a view that checks who asks; and what the
papers printed for an applicant show (its certificate, receipts, the counter's slip), in the
applicant's language whoever prints them."""

from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from portal.accounts.selectors import office_in_language
from portal.audit.models import AuditRecord
from portal.audit.services import access_refused, audit_record
from portal.core.addresses import page_address
from portal.core.http import private_file_response
from portal.core.qr import qr_svg

from .models import Application, Certificate
from .selectors import (
    content_language,
    document_get_for_user,
    service_titles_in_language,
    user_is_officer,
)


@require_GET
@never_cache
def document_download(request, document_id):
    """Send the file as an attachment to its applicant or an officer; 404 for everyone else.
    Every download by staff, and every refusal, is on the audit trail."""
    document = document_get_for_user(user=request.user, document_id=document_id)
    if document is None:
        raise access_refused(request, object_type="applications.document", object_id=document_id)
    # The applicant's own downloads are not recorded (nor asked about permissions).
    officer = document.application.applicant_id != request.user.pk and user_is_officer(request.user)
    if officer:
        audit_record(
            action=AuditRecord.Action.DOCUMENT_DOWNLOADED,
            request=request,
            object_type="applications.document",
            object_id=document.pk,
            reference=document.application.reference,
            application_id=document.application_id,
            detail=f"{document.field_name}; {document.content_type}",
        )
    # Officers may look at a PDF or an image in the browser; it is then shown sandboxed, with
    # no script and no way out. Everything else, and everyone else, gets an attachment.
    preview = request.GET.get("preview") == "1" and document.content_type in PREVIEWABLE and officer
    response = private_file_response(
        document.file,
        as_attachment=not preview,
        filename=document.original_name,
        content_type=document.content_type,
    )
    if preview:
        response["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'"
    return response


PREVIEWABLE = {"application/pdf", "image/jpeg", "image/png"}


def paper_context(*, application: Application, language: str | None = None) -> dict:
    """What every paper printed for an application shows in ``language`` (the reader's by
    default): the application, with its service's title there (``title_here``), and its
    responsible office as written there (``office``)."""
    language = content_language(language)
    service_titles_in_language([application], language=language)
    return {
        "application": application,
        "office": office_in_language(office=application.office, language=language),
    }


def printed_in(response: TemplateResponse, language: str) -> TemplateResponse:
    """The response rendered in ``language``: a paper for the applicant, in their language,
    printed by an officer who works in another. The template may still write what only the
    officer reads in theirs (``officer_language``, with ``{% language %}``)."""
    response.context_data["officer_language"] = translation.get_language()
    with translation.override(language):
        response.render()
    response.headers["Content-Language"] = language
    return response


def certificate_print_context(*, certificate: Certificate, language: str | None = None) -> dict:
    """What the certificate template needs, in ``language`` (the reader's by default): the
    certificate, its application, its office, and the public address (as text and QR code)
    where anyone checks it, in that language too."""
    language = content_language(language)
    with translation.override(language):
        verify_url = page_address(certificate.application.service_page) + reverse(
            "verify", args=[certificate.code]
        )
    return {
        **paper_context(application=certificate.application, language=language),
        "certificate": certificate,
        "verify_url": verify_url,
        "qr": qr_svg(verify_url, label=_("QR code that opens the check of this result")),
    }
