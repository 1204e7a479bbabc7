"""Middleware of our own: language from the URL prefix, and the admin's security policy."""

from django.conf import settings
from django.middleware.csp import ContentSecurityPolicyMiddleware as DjangoCSPMiddleware
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware


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


class ContentSecurityPolicyMiddleware(DjangoCSPMiddleware):
    """Django's, with the Wagtail admin's own policy: its widgets still use inline scripts."""

    def process_response(self, request, response):
        if request.path_info.startswith("/admin/") and not hasattr(response, "_csp_config"):
            response._csp_config = getattr(settings, "SECURE_CSP_ADMIN", settings.SECURE_CSP)
        return super().process_response(request, response)
