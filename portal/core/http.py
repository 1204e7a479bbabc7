"""Facts about the request that need care behind a load balancer, and private files sent
back."""

from django.conf import settings
from django.http import FileResponse


def client_address(request) -> str:
    """The client's IP address: the one our load balancer saw when ``BEHIND_PROXY`` is on
    (the last address it appended to X-Forwarded-For), else the socket's peer."""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR", "")


def private_file_response(
    file, *, filename: str, content_type: str, as_attachment: bool = True
) -> FileResponse:
    """A private file, after the caller checked who asks: by default as an attachment (the
    browser saves it, never runs it), and never sniffed into another type."""
    response = FileResponse(
        file.open("rb"), as_attachment=as_attachment, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
