"""Facts about the request that need care behind a load balancer."""

from django.conf import settings


def client_address(request) -> str:
    """The client's IP address: the one our load balancer saw when ``BEHIND_PROXY`` is on
    (the last address it appended to X-Forwarded-For), else the socket's peer."""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR", "")
