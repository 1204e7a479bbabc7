"""A cache of the public pages anonymous readers get, so they do not pay Wagtail's full price.

Pages opt in by marking their response (``CachedForAnonymousMixin``); the middleware, last in
the chain, keeps a marked 200 answer to an anonymous GET and answers the next one with it before
Wagtail routes anything. Every other middleware still runs on a cached answer, so security
headers and language stay right. Publishing, unpublishing, moving or deleting a page, or saving
an office, empties the cache at once (a new generation of keys); entries also expire on their own.
"""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import get_language

GENERATION_KEY = "cms:page-cache:generation"
CACHEABLE_PARAMETERS = {"sort"}


def page_cache_clear(**kwargs) -> None:
    """Forget every cached page (connected to the publishing signals)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)


def _generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        generation = cache.get(GENERATION_KEY, 1)
    return generation


def _cacheable_request(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and set(request.GET) <= CACHEABLE_PARAMETERS
    )


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key = (
            f"cms:page:{_generation()}:{request.get_host()}:{get_language()}:"
            f"{request.get_full_path()}"
        )
        cached = cache.get(key)
        if cached is not None:
            content, content_type = cached
            response = HttpResponse(content, content_type=content_type)
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if (
            getattr(response, "page_cacheable", False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
        ):
            cache.set(
                key, (response.content, response["Content-Type"]), settings.PAGE_CACHE_SECONDS
            )
            response["X-Page-Cache"] = "miss"
        return response
