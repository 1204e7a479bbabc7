"""The only way to fetch an applicant's document: a view that checks who asks; and what a
printed certificate shows, for the officers' and the applicant's copies."""

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from portal.core.http import private_file_response
from portal.core.qr import qr_svg

from .models import Certificate
from .selectors import document_get_for_user, user_is_officer


@require_GET
@never_cache
def document_download(request, document_id):
    """Send the file as an attachment to its applicant or an officer; 404 for everyone else."""
    document = document_get_for_user(user=request.user, document_id=document_id)
    if document is None:
        raise Http404
    # Officers may look at a PDF or an image in the browser; it is then shown sandboxed, with
    # no script and no way out. Everything else, and everyone else, gets an attachment.
    preview = (
        request.GET.get("preview") == "1"
        and document.content_type in PREVIEWABLE
        and user_is_officer(request.user)
    )
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


def certificate_print_context(*, certificate: Certificate) -> dict:
    """What the certificate template needs: the certificate, its application, and the public
    address (as text and QR code) where anyone checks it."""
    verify_url = settings.PORTAL_BASE_URL + reverse("verify", args=[certificate.code])
    return {
        "application": certificate.application,
        "certificate": certificate,
        "verify_url": verify_url,
        "qr": qr_svg(verify_url),
    }
