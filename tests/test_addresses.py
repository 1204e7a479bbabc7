"""Ids in addresses: a number too large for the database is a page that does not exist (404),
never a server error, on SQLite as on PostgreSQL."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.converters import IntConverter
from wagtail.models import get_page_models

from cms.models import HomePage
from tests.factories import CompanyFactory, company_member

TOO_LARGE = "9" * 25  # past 2**63 - 1: SQLite raises OverflowError on it
OURS = ("portal.", "cms.", "forms.", "payments.")


def _patterns(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


def test_no_address_of_ours_takes_an_unbounded_integer():
    unbounded = []
    for route, pattern in _patterns(get_resolver()):
        module = getattr(pattern.callback, "__module__", "") or ""
        converters = getattr(pattern.pattern, "converters", {})
        if module.startswith(OURS) and any(
            isinstance(converter, IntConverter) for converter in converters.values()
        ):
            unbounded.append(route)
    routable = [
        page_class
        for page_class in get_page_models()
        if page_class.__module__.startswith(OURS) and hasattr(page_class, "get_subpage_urls")
    ]
    assert HomePage in routable
    for page_class in routable:
        for pattern in page_class.get_subpage_urls():
            converters = getattr(pattern.pattern, "converters", {})
            if any(isinstance(converter, IntConverter) for converter in converters.values()):
                unbounded.append(f"{page_class.__name__}: {pattern.pattern}")
    assert unbounded == []


def test_the_id_converter_takes_what_fits_a_64_bit_integer():
    largest = 2**63 - 1
    assert resolve(f"/en/my/companies/{largest}/").kwargs == {"company_id": largest}
    assert resolve("/en/my/companies/007/").kwargs == {"company_id": 7}
    for value in (str(largest + 1), TOO_LARGE, "-1", "²", "1e3"):
        # Not the company's page (the page tree's catch-all may take it, and answer 404).
        assert resolve(f"/en/my/companies/{value}/").url_name != "company_detail", value


@pytest.mark.django_db
@pytest.mark.parametrize(
    "address",
    [
        f"/en/my/companies/{TOO_LARGE}/",
        f"/en/my/companies/{TOO_LARGE}/edit/",
        f"/en/my/companies/{TOO_LARGE}/documents/new/",
        "/en/my/companies/{company}/members/" + TOO_LARGE + "/remove/",
        "/en/my/companies/{company}/invitations/" + TOO_LARGE + "/cancel/",
        f"/admin/counter/{TOO_LARGE}/",
        f"/admin/counter/slips/{TOO_LARGE}/",
        f"/admin/applications/inspect/{TOO_LARGE}/",
        f"/admin/applications/{TOO_LARGE}/act/forward/",
        f"/admin/applications/{TOO_LARGE}/certificate/",
        f"/admin/applications/{TOO_LARGE}/fee/",
        f"/admin/applications/{TOO_LARGE}/fee/waive/",
        f"/en/offices/{TOO_LARGE}/",
    ],
)
def test_an_id_too_large_for_the_database_is_not_found(client, admin_user, home_page, address):
    company = CompanyFactory()
    company_member(company, admin_user)
    client.force_login(admin_user)
    assert client.get(address.format(company=company.pk)).status_code == 404
