"""Facts about the request that need care behind a load balancer."""

from django.conf import settings
from django.core.cache import cache


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
    key = f"ratelimit:{scope}:{client_address(request)}"
    cache.add(key, 0, window)
    try:
        attempts = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        attempts = 1
    return attempts <= limit
