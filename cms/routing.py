"""Which portal and which page an address is for, without asking the database each time.

Wagtail finds the site of every request with a query, and walks the page tree with two queries
a level (the child, then its specific row). Here the sites, each portal's country settings and
each portal's page tree (per language) are kept in the process's memory until the page cache's
generation changes (cms/cache.py: publishing, unpublishing, moving, saving or deleting a page,
saving a site or the country settings); so is each page found, read once, and each request is
served its own copy of it.

The walk follows Wagtail's rules (``Page.route`` and ``RoutablePageMixin.route``): a live
routable page answers an address its own routes match before its children are looked at, and
the page found routes what is left of the address itself (so it still answers only when live).
An address the table does not know is routed by Wagtail, so a miss answers as Wagtail would.
"""

import copy
import threading
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.utils.translation import get_language
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site

from .cache import generation, generation_held

_lock = threading.Lock()
_kept: dict = {}  # (generation, what, ...) -> what was read; emptied when the generation moves


def _remembered(key: tuple, read):
    """``read()``, kept under ``key`` for the current generation."""
    current = generation()
    full = (current, *key)
    if full in _kept:
        return _kept[full]
    value = read()
    with _lock:
        if any(kept[0] != current for kept in _kept):
            _kept.clear()
        _kept[full] = value
    return value


class KnownSiteMiddleware:
    """Tells Wagtail the request's site from memory (``Site.find_for_request`` keeps it on the
    request), so no later reader asks the database for it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with generation_held():
            request._wagtail_site = _remembered(
                ("site", request._get_raw_host(), request.get_port()),
                lambda: Site._find_for_request(request),
            )
            return self.get_response(request)


def country_settings(site):
    """The portal's country settings (``CountrySettings.for_site``), from memory."""
    from .models import CountrySettings

    return _remembered(("country", site.pk), lambda: CountrySettings.for_site(site))


def view_restrictions_exist() -> bool:
    """Whether any page has a view restriction (most portals have none), from memory."""
    from wagtail.models import PageViewRestriction

    return _remembered(("restrictions",), PageViewRestriction.objects.exists)


def translation_page_ids(translation_key) -> list[int]:
    """The pages that are one page in each language (one ``translation_key``), from memory."""
    return list(
        _remembered(
            ("translations", translation_key),
            lambda: tuple(
                Page.objects.filter(translation_key=translation_key).values_list("pk", flat=True)
            ),
        )
    )


@dataclass
class _Node:
    pk: int
    content_type_id: int
    live: bool
    children: dict = field(default_factory=dict)

    @property
    def model(self):
        return ContentType.objects.get_for_id(self.content_type_id).model_class()


def _tree(site) -> _Node:
    """The page tree under the site's home page in the active language."""
    home = site.root_page.localized
    nodes: dict[str, _Node] = {}
    rows = (
        Page.objects.filter(path__startswith=home.path)
        .order_by("path")
        .values_list("pk", "path", "slug", "content_type_id", "live")
    )
    for pk, path, slug, content_type_id, live in rows:
        node = nodes[path] = _Node(pk, content_type_id, live)
        parent = nodes.get(path[: -Page.steplen])
        if parent is not None and path != home.path:
            parent.children[slug] = node
    return nodes[home.path]


def _routes_itself(node: _Node, remaining: list[str]) -> bool:
    model = node.model
    if not (node.live and issubclass(model, RoutablePageMixin)):
        return False
    try:
        model.get_resolver().resolve("/" + "".join(f"{part}/" for part in remaining))
    except Http404:
        return False
    return True


def route(request, path: str):
    """Wagtail's route result for ``path`` on the request's site, or None when the table does
    not know it."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    node = _remembered(("tree", site.pk, get_language()), lambda: _tree(site))
    remaining = [part for part in path.split("/") if part]
    while remaining and not _routes_itself(node, remaining):
        node = node.children.get(remaining[0])
        if node is None:
            return None
        remaining = remaining[1:]
    kept = _remembered(("page", node.pk), lambda: node.model.objects.filter(pk=node.pk).first())
    if kept is None:
        return None
    # Each request has its own copy (its own related objects and attributes), read from none.
    page = copy.copy(kept)
    try:
        return page.route(request, remaining)
    except Http404:
        return None


def serve(request, path):
    """Wagtail's page view, routed from memory (Wagtail's own routing for what is not known)."""
    from wagtail import views as wagtail_views  # it reads the page model: not at start-up

    found = route(request, path)
    if found is not None:
        request._wagtail_route_for_request = found
    return wagtail_views.serve(request, path)
