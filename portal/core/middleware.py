"""Middleware of our own: language from the URL prefix, our page not found in development, the
admin's security policy, signed-in readers' pages kept out of caches, and request bodies too
large to read."""

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.http import Http404, HttpResponse
from django.middleware.csp import ContentSecurityPolicyMiddleware as DjangoCSPMiddleware
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's, except that a 404 outside the language-prefixed site stays a 404.

    Django redirects any unprefixed 404 to ``/<language>/<path>`` when that path could match,
    and the page tree's catch-all matches everything: a missing file under /files/ or /static/
    would become a redirect to a page that does not exist either.
    """

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(
            tuple(settings.UNPREFIXED_PATHS)
        ):
            return response
        return super().process_response(request, response)


class NotFoundPageMiddleware:
    """With DEBUG on (the demo), a public page that is not found shows our page, as it does in
    production, instead of Django's technical one listing the URL patterns. The admin keeps
    Django's, for developers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if (
            settings.DEBUG
            and isinstance(exception, Http404)
            and not request.path_info.startswith("/admin/")
        ):
            from django.views.defaults import page_not_found

            return page_not_found(request, exception)
        return None


class ContentSecurityPolicyMiddleware(DjangoCSPMiddleware):
    """Django's, with the Wagtail admin's own policy: its widgets still use inline scripts."""

    def process_response(self, request, response):
        if request.path_info.startswith("/admin/") and not hasattr(response, "_csp_config"):
            response._csp_config = getattr(settings, "SECURE_CSP_ADMIN", settings.SECURE_CSP)
        return super().process_response(request, response)


def session_signed_in(request) -> bool:
    """Whether the request's session says someone signed in, without loading who (a query):
    a page kept for every signed-in reader needs no more. Who it is (and whether the sign-in
    still holds: a password changed since ends it) is checked where ``request.user`` is read."""
    session = getattr(request, "session", None)
    return session is not None and SESSION_KEY in session


class SignedInNeverStoredMiddleware:
    """Every answer to a signed-in person is theirs (their name in the header, their
    applications, their addresses): no browser or proxy keeps it (``Cache-Control: no-store,
    private``), so the back button on a shared computer shows nothing after they leave. Our
    views say it too (``never_cache``); this covers the pages of the form wizard, allauth and
    any page added later. Anonymous readers' public pages stay cacheable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.SESSION_COOKIE_NAME in request.COOKIES and session_signed_in(request):
            add_never_cache_headers(response)
        return response


class RequestSizeLimitMiddleware:
    """A request body larger than the largest upload with its form (``UPLOAD_REQUEST_MAX_MB``)
    is refused before it is read, with a page that says so. Django's own limit leaves files out:
    it would read such a body to disk in full first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.UPLOAD_REQUEST_MAX_MB * 1024 * 1024
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            html = render_to_string("413.html", {"limit": filesizeformat(limit)}, request=None)
            return HttpResponse(html, status=413)
        return self.get_response(request)
