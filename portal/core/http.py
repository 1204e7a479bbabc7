"""Facts about the request that need care behind a load balancer, and private files sent
back."""

from django.conf import settings
from django.core.cache import cache
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


def rate_limit_allows(request, *, scope: str, limit: int, window: int) -> bool:
    """Count this attempt from the request's address in ``scope``; False once the address
    used up ``limit`` attempts within ``window`` seconds."""
    return rate_limit_count(f"{scope}:{client_address(request)}", limit=limit, window=window)


def rate_limit_count(key: str, *, limit: int, window: int) -> bool:
    """Count one attempt under ``key`` (a person, an address, a pair of them); False once
    ``limit`` attempts were made within ``window`` seconds."""
    key = f"ratelimit:{key}"
    cache.add(key, 0, window)
    try:
        attempts = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        attempts = 1
    return attempts <= limit


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
