"""The only way to fetch an applicant's document: a view that checks who asks."""

from django.http import FileResponse, Http404
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

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
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=not preview,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    if preview:
        response["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'"
    return response


PREVIEWABLE = {"application/pdf", "image/jpeg", "image/png"}
