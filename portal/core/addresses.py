"""Where links in messages and on paper point: the portal the reader came through."""

from django.conf import settings
from wagtail.models import Site


def site_address(site: Site | None) -> str:
    """The address a portal's links start with: ``PORTAL_BASE_URL`` for the default portal (and
    when there is no portal); another country's portal by its own host name (its Wagtail site:
    ``https://`` on port 443)."""
    if site is None or site.is_default_site:
        return settings.PORTAL_BASE_URL
    return site.root_url


def page_address(page) -> str:
    """The address of the portal ``page`` belongs to (``PORTAL_BASE_URL`` when it is gone)."""
    return site_address(page.get_site() if page is not None else None)


def request_address(request) -> str:
    """The address of the portal a request came to."""
    return site_address(Site.find_for_request(request))
