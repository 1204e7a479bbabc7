"""A cache of the public pages, so readers do not pay Wagtail's full price on every read.

A public page is the same for every reader but for two things: whether the reader is signed in
(the menu offers "Sign in", or "My applications" and "Sign out") and the CSRF token of the
sign-out form, which is each session's own. Pages opt in by marking their response
(``CachedPageMixin``); the middleware, last in the chain, keeps a marked 200 answer to
a GET once for readers signed out and once for readers signed in, with every CSRF token in it
cut out, and answers the next reader of the same kind with it before Wagtail routes anything,
the reader's own token put back. Every other middleware still runs on a cached answer, so
sessions, security headers, ``no-store`` for signed-in readers and language stay right. A
reader with a message waiting ("Your application was sent") is served a fresh page that shows
it. Publishing, unpublishing, moving or deleting a page, or saving an office, empties the cache
at once (a new generation of keys); entries also expire on their own.
"""

import contextlib
import hashlib
import re
import secrets
from contextvars import ContextVar

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

from portal.core.middleware import session_signed_in

GENERATION_KEY = "cms:page-cache:generation"
CACHEABLE_PARAMETERS = {"sort"}
# What links from elsewhere add and no page reads: Facebook's click id on every link shared
# there, search ads' and campaigns' tags. A reader arriving with them is served the kept page;
# a page is kept only from an address without them (its language links would carry them).
IGNORED_PARAMETERS = frozenset(
    {"fbclid", "gclid", "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"}
)
# The CSRF token as the csrf_token tag writes it; kept in the cache as TOKEN_SLOT (a NUL
# cannot come from a template).
CSRF_INPUT = re.compile(rb'(?<=name="csrfmiddlewaretoken" value=")[^"]*(?=")')
TOKEN_SLOT = b"\x00csrf\x00"
# What a cached answer keeps of the page's headers (a view's ``never_cache`` among them).
KEPT_HEADERS = ("Content-Type", "Cache-Control", "Expires")
# The pages kept, in this process's memory as well as in the shared cache: served from here
# without reading the shared cache's copy. The keys carry the generation, so a page published
# on another server is never served from here.
PAGES_HERE = LocMemCache("onedoor-pages", {"TIMEOUT": None, "OPTIONS": {"MAX_ENTRIES": 300}})
# The generation read once for the request being answered (``generation_held``): the page
# cache and cms.routing's memory ask for it several times a request.
_held: ContextVar[int | None] = ContextVar("page_cache_generation", default=None)


def page_cache_clear(**kwargs) -> None:
    """Forget every cached page (connected to the publishing signals)."""
    try:
        moved = cache.incr(GENERATION_KEY)
    except ValueError:
        moved = _read_generation()
    if _held.get() is not None:  # the rest of this request reads the new one
        _held.set(moved)


def generation() -> int:
    """The number the page cache's keys carry now (what cms.routing keeps in memory too). A
    cache emptied (a restart of Redis) starts from a number never used before, so nothing kept
    under an old number is read again."""
    held = _held.get()
    return _read_generation() if held is None else held


@contextlib.contextmanager
def generation_held():
    """Within it, ``generation()`` is read from the cache once, as the request began (or as
    the request itself moved it)."""
    token = _held.set(_read_generation())
    try:
        yield
    finally:
        _held.reset(token)


def _read_generation() -> int:
    current = cache.get(GENERATION_KEY)
    if current is None:
        cache.add(GENERATION_KEY, secrets.randbits(52), timeout=None)
        current = cache.get(GENERATION_KEY, 0)
    return current


def _cacheable_request(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and set(request.GET) - IGNORED_PARAMETERS <= CACHEABLE_PARAMETERS
        and not len(get_messages(request))
    )


def _kept_address(request) -> tuple[str, bool]:
    """The address the page is kept under, and whether the request's own address is that one
    (it carries none of ``IGNORED_PARAMETERS``)."""
    if IGNORED_PARAMETERS.isdisjoint(request.GET):
        return request.get_full_path(), True
    kept = request.GET.copy()
    for name in IGNORED_PARAMETERS:
        kept.pop(name, None)
    return (f"{request.path}?{kept.urlencode()}" if kept else request.path), False


def _reader(request) -> str:
    """Signed in or not, by the session alone: a page kept for signed-in readers is the same
    for each of them, so serving it needs nobody's row."""
    return "in" if session_signed_in(request) else "out"


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        path, own_address = _kept_address(request)
        if len(path) > 150:  # a key stays within what every cache backend takes (250)
            path = "#" + hashlib.sha256(path.encode()).hexdigest()
        reader = _reader(request)
        key = f"cms:pages:{generation()}:{request.get_host()}:{get_language()}:{reader}:{path}"
        cached = PAGES_HERE.get(key)
        if cached is None:
            cached = cache.get(key)
            if cached is not None:
                PAGES_HERE.set(key, cached, settings.PAGE_CACHE_SECONDS)
        if cached is not None:
            content, headers = cached
            if TOKEN_SLOT in content:
                content = content.replace(TOKEN_SLOT, get_token(request).encode())
            response = HttpResponse(content, headers=headers)
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if (
            own_address
            and getattr(response, "page_cacheable", False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            # The page was made for who the view found: a session whose sign-in no longer
            # holds (a password changed since) was answered as a signed-out reader.
            and ("in" if request.user.is_authenticated else "out") == reader
        ):
            content = CSRF_INPUT.sub(lambda _token: TOKEN_SLOT, response.content)
            headers = {name: response[name] for name in KEPT_HEADERS if name in response}
            cache.set(key, (content, headers), settings.PAGE_CACHE_SECONDS)
            PAGES_HERE.set(key, (content, headers), settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response
