"""The service catalogue as citizens and the public read it."""

import csv
import gzip
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from cms.models import HomePage, SectorPage, ServicePage, ServicePageOffice, ServicePageRelated
from tests.factories import OfficeFactory, SectorPageFactory, ServicePageFactory

DOCUMENT = {
    "type": "document",
    "value": {
        "name": "Family book",
        "original_or_copy": "original",
        "copies": 2,
        "mandatory": True,
        "accepted_types": ["pdf"],
        "note": "",
    },
}


def add_offices(page, offices):
    for order, office in enumerate(offices):
        ServicePageOffice.objects.create(page=page, office=office, sort_order=order)


def test_page_types_sit_where_they_belong(db):
    assert HomePage.allowed_parent_page_models() == [Page]
    assert SectorPage.allowed_parent_page_models() == [HomePage]
    assert ServicePage.allowed_parent_page_models() == [SectorPage]
    assert HomePage.allowed_subpage_models() == [SectorPage]
    assert SectorPage.allowed_subpage_models() == [ServicePage]
    assert ServicePage.allowed_subpage_models() == []


@pytest.mark.django_db
def test_a_service_page_shows_every_structured_part(client, home_page):
    sector = SectorPageFactory(parent=home_page, slug="civil", title="Civil registration")
    other = ServicePageFactory(parent=sector, slug="birth", title="Copy of a birth certificate")
    service = ServicePageFactory(
        parent=sector,
        slug="residence",
        title="Certificate of residence",
        code="0320018100",
        summary="A certificate that you live at your address.",
        who_can_apply="Residents of the district.",
        legal_basis="Law on Residence 2018.",
        service_standard_days=3,
        fee_currency="KHR",
        fee=[
            {
                "type": "options",
                "value": {
                    "options": [
                        {"label": "Normal", "amount": "10000"},
                        {"label": "Urgent", "amount": "25000"},
                    ]
                },
            }
        ],
        required_documents=[DOCUMENT],
        channels="both",
    )
    office = OfficeFactory(name="Siem Reap OWSO", latitude="13.3633", longitude="103.8564")
    add_offices(service, [office])
    ServicePageRelated.objects.create(page=service, related=other)

    html = client.get(service.url).content.decode()

    for text in [
        "Certificate of residence",
        "0320018100",
        "A certificate that you live at your address.",
        "Residents of the district.",
        "Family book",
        "Original",
        "2 copies",
        "Mandatory",
        "PDF",
        "Normal: <strong>KHR\u00a010,000</strong>",
        "Urgent: <strong>KHR\u00a025,000</strong>",
        "3 working days",
        "Law on Residence 2018.",
        "Siem Reap OWSO",
        office.address,
        office.opening_hours,
        office.phone,
        "https://www.openstreetmap.org/?mlat=13.363300&amp;mlon=103.856400",
        "Online or at the counter",
        "Copy of a birth certificate",
        "Apply online",
    ]:
        assert text in html, text
    assert "<iframe" not in html
    assert "openstreetmap.org/" not in html.split("<body")[0]  # no tiles or scripts in <head>


@pytest.mark.django_db
def test_a_service_without_a_fee_says_free_and_counter_only_has_no_apply_button(
    client, service_page
):
    service_page.fee = []
    service_page.channels = "counter"
    service_page.save_revision().publish()
    html = client.get(service_page.url).content.decode()
    assert "Free" in html
    assert "Apply online" not in html
    assert "Apply in person" in html


@pytest.mark.django_db
def test_service_page_queries_do_not_grow_with_documents_and_offices(client, home_page, settings):
    settings.PAGE_CACHE_SECONDS = 0  # count the page's own queries, not a cache hit's none
    sector = SectorPageFactory(parent=home_page, slug="s")
    small = ServicePageFactory(parent=sector, slug="small", required_documents=[DOCUMENT])
    add_offices(small, [OfficeFactory()])
    big = ServicePageFactory(parent=sector, slug="big", required_documents=[DOCUMENT] * 6)
    add_offices(big, [OfficeFactory() for _ in range(4)])
    for related in ServicePage.objects.exclude(pk__in=[small.pk, big.pk]):
        ServicePageRelated.objects.create(page=big, related=related)

    counts = []
    for page in (small, big):
        client.get(page.url)  # what a process looks up once (the site, content types)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page.url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] > 0, counts


@pytest.mark.django_db
def test_offices_list_and_an_office_page_with_its_services(client, service_page):
    office = OfficeFactory(name="Xaysetha ODSC")
    OfficeFactory(name="A district office", level="district")
    OfficeFactory(name="Ministry of Home Affairs", level="ministry")
    OfficeFactory(name="Vientiane Province", level="province")
    add_offices(service_page, [office])
    listing = client.get("/en/offices/").content.decode()
    positions = [
        listing.index(name)
        for name in ("Ministry of Home Affairs", "Vientiane Province", "A district office")
    ]
    assert positions == sorted(positions)
    assert listing.count('<h2 class="govuk-heading-m">') == 3  # one heading per level
    html = client.get(f"/en/offices/{office.pk}/").content.decode()
    assert "Xaysetha ODSC" in html
    assert service_page.title in html
    assert client.get("/en/offices/999999/").status_code == 404


@pytest.mark.django_db
def test_an_office_page_opens_in_any_language_from_any_languages_address(client, home_page):
    from wagtail.models import Locale

    office = OfficeFactory(name="Xaysetha ODSC")
    lao = office.copy_for_translation(Locale.objects.create(language_code="lo"))
    lao.name = "ສູນບໍລິການຜ່ານປະຕູດຽວ ເມືອງໄຊເສດຖາ"
    lao.save()
    home_page.copy_for_translation(lao.locale).save_revision().publish()
    assert lao.name in client.get(f"/lo/offices/{office.pk}/").content.decode()
    assert "Xaysetha ODSC" in client.get(f"/en/offices/{lao.pk}/").content.decode()


@pytest.mark.django_db
def test_language_links_of_a_page_not_yet_translated_lead_to_that_languages_home(
    client, service_page
):
    html = client.get(service_page.url).content.decode()
    assert 'href="/lo/" lang="lo"' in html
    assert 'hreflang="km" href="/km/"' in html


@pytest.mark.django_db
def test_the_fee_schedule_lists_exactly_the_published_services(client, home_page):
    sector = SectorPageFactory(parent=home_page, slug="trade", title="Commerce")
    published = ServicePageFactory(
        parent=sector,
        slug="import",
        title="Import licence",
        fee_currency="USD",
        fee=[{"type": "fixed", "value": {"amount": "120"}}],
        service_standard_days=7,
    )
    free = ServicePageFactory(parent=sector, slug="advice", title="Trade advice", fee=[])
    draft = ServicePageFactory(parent=sector, slug="export", title="Export licence", live=False)
    unpublished = ServicePageFactory(parent=sector, slug="old", title="Old permit")
    unpublished.unpublish()

    html = client.get("/en/fees/").content.decode()
    assert "Import licence" in html and "USD\u00a0120.00" in html and "Trade advice" in html
    assert "Free" in html
    assert draft.title not in html and unpublished.title not in html

    response = client.get("/en/fees/csv/")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row[1] for row in rows[1:]] == sorted([published.title, free.title])
    by_title = {row[1]: row for row in rows[1:]}
    assert by_title["Import licence"][0] == "Commerce"
    assert by_title["Import licence"][3] == "USD\u00a0120.00"
    assert by_title["Import licence"][5] == "7"
    assert by_title["Import licence"][7] == f"http://testserver{published.url}"


@pytest.mark.django_db
def test_the_fee_schedule_sorts_by_fee_and_by_days(client, home_page):
    sector = SectorPageFactory(parent=home_page, slug="trade")
    for slug, amount, days in [("a", "300", 5), ("b", "100", 9), ("c", "200", 1)]:
        ServicePageFactory(
            parent=sector,
            slug=slug,
            title=f"Service {slug}",
            fee_currency="USD",
            fee=[{"type": "fixed", "value": {"amount": amount}}],
            service_standard_days=days,
        )

    def order(sort):
        html = client.get("/en/fees/", {"sort": sort}).content.decode()
        return sorted("abc", key=lambda slug: html.index(f"Service {slug}<"))

    assert order("fee") == ["b", "c", "a"]
    assert order("-fee") == ["a", "c", "b"]
    assert order("days") == ["c", "a", "b"]
    assert order("-days") == ["b", "a", "c"]
    assert order("nonsense") == ["a", "b", "c"]
    html = client.get("/en/fees/", {"sort": "fee"}).content.decode()
    assert 'aria-sort="ascending"' in html and 'href="?sort=-fee"' in html


@pytest.mark.django_db
def test_service_page_weight_stays_under_60_kb(client, service_page):
    html = client.get(service_page.url).content
    built = Path(settings.BASE_DIR) / "build" / "static" / "onedoor"
    assets = [built / "css" / "onedoor.css", *sorted((built / "js").glob("*.*js"))]
    total = len(gzip.compress(html)) + sum(len(gzip.compress(a.read_bytes())) for a in assets)
    assert total < 60 * 1024, total
