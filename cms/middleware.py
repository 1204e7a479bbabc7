"""Each portal speaks its own languages."""

from django.conf import settings
from django.shortcuts import redirect

from . import catalogue

PREFIXED = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)


class PortalLanguageMiddleware:
    """An address in a language its portal does not offer (``/lo/track/`` on the Cambodian
    portal, a Khmer page on the Lao one) leads to the same address in the portal's first
    language (the default one, when offered): pages and the portal's other views alike. A
    cached page was kept for a language its portal offers, so the check runs only on the way
    to a view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        path = request.get_full_path()
        if not path.startswith(PREFIXED):
            return None
        language = path.split("/", 2)[1]
        offered = catalogue.portal_languages(request)
        if not offered or language in offered:
            return None
        target = settings.LANGUAGE_CODE if settings.LANGUAGE_CODE in offered else offered[0]
        return redirect(f"/{target}/{path[len(language) + 2 :]}")
