"""The only way to fetch an applicant's document: a view that checks who asks."""

from django.http import FileResponse, Http404
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .selectors import document_get_for_user


@require_GET
@never_cache
def document_download(request, document_id):
    """Send the file as an attachment to its applicant or an officer; 404 for everyone else."""
    document = document_get_for_user(user=request.user, document_id=document_id)
    if document is None:
        raise Http404
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
