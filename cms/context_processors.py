"""What every page's template knows of the portal (Wagtail site) it is served for."""

from django.utils.functional import SimpleLazyObject

from . import catalogue


def portal(request):
    """``site_languages``: the codes of the languages the portal offers (the language links
    show only these); read only when a template asks."""
    return {"site_languages": SimpleLazyObject(lambda: catalogue.portal_languages(request))}
