"""Two countries, two portals: each Wagtail site has its own catalogue, offices, currency and
languages, and a visitor of one never sees the other's services."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Locale, Page, Site

from cms.models import CountrySettings, HomePage, ServicePageOffice
from tests.factories import (
    HomePageFactory,
    OfficeFactory,
    SectorPageFactory,
    ServicePageFactory,
    UserFactory,
    give_totp,
    translate_service,
)

CAMBODIA = {"HTTP_HOST": "localhost"}  # the second site; the default one answers any other


@pytest.fixture
def portals(home_page):
    """The Lao portal (the default site) and the Cambodian one, each with a service, an
    office and a translation in its own language."""
    for code in ("lo", "km"):
        Locale.objects.get_or_create(language_code=code)
    laos = Site.objects.get(is_default_site=True)
    laos.hostname = "127.0.0.1"
    laos.save()
    cambodia_home = HomePageFactory(
        parent=Page.get_first_root_node(), slug="cambodia", title="Public services"
    )
    cambodia = Site.objects.create(
        hostname="localhost", port=80, root_page=cambodia_home, site_name="Onedoor Cambodia"
    )
    CountrySettings.objects.create(site=laos, country="LA", currency="LAK", languages="en,lo")
    CountrySettings.objects.create(site=cambodia, country="KH", currency="KHR", languages="en,km")

    lao_office = OfficeFactory(name="One Door Service Centre, Xaysetha", country="LA")
    khmer_office = OfficeFactory(name="One Window Service Office, Daun Penh", country="KH")
    lao_sector = SectorPageFactory(parent=home_page, slug="business", title="Business")
    enterprise = ServicePageFactory(
        parent=lao_sector, slug="enterprise-registration", title="Enterprise registration"
    )
    ServicePageOffice.objects.create(page=enterprise, office=lao_office)
    khmer_sector = SectorPageFactory(parent=cambodia_home, slug="business", title="Business")
    handicraft = ServicePageFactory(
        parent=khmer_sector,
        slug="handicraft-registration",
        title="Registration of a handicraft business",
        fee_currency="KHR",
        fee=[{"type": "fixed", "value": {"amount": "40000"}}],
    )
    ServicePageOffice.objects.create(page=handicraft, office=khmer_office)
    translate_service(enterprise, "lo", "ການຈົດທະບຽນວິສາຫະກິດ")
    translate_service(handicraft, "km", "ការចុះបញ្ជីអាជីវកម្មសិប្បកម្ម")
    return {
        "enterprise": enterprise,
        "handicraft": handicraft,
        "lao_office": lao_office,
        "khmer_office": khmer_office,
        "cambodia_home": cambodia_home,
    }


@pytest.mark.django_db
def test_each_portal_shows_only_its_own_services(client, portals):
    lao = client.get("/en/").content.decode()
    khmer = client.get("/en/", **CAMBODIA).content.decode()
    assert "Business" in lao and "Business" in khmer
    lao = client.get("/en/business/").content.decode()
    khmer = client.get("/en/business/", **CAMBODIA).content.decode()
    assert "Enterprise registration" in lao and "handicraft" not in lao
    assert "Registration of a handicraft business" in khmer and "Enterprise" not in khmer
    assert "Onedoor Cambodia" in khmer


@pytest.mark.django_db
def test_search_finds_only_the_portals_services(client, portals):
    lao = client.get("/en/search/", {"q": "registration"}).content.decode()
    khmer = client.get("/en/search/", {"q": "registration"}, **CAMBODIA).content.decode()
    assert "Enterprise registration</a>" in lao
    assert "handicraft" not in lao
    assert "Registration of a handicraft business</a>" in khmer
    assert "Enterprise registration" not in khmer


@pytest.mark.django_db
def test_the_fees_page_and_its_spreadsheet_list_only_the_portals_services(client, portals):
    lao = client.get("/en/fees/").content.decode()
    khmer = client.get("/en/fees/", **CAMBODIA).content.decode()
    assert "Enterprise registration" in lao and "KHR" not in lao
    assert "handicraft" in khmer and "LAK" not in khmer
    for host, title in ((None, "Enterprise registration"), ("localhost", "handicraft")):
        extra = {"HTTP_HOST": host} if host else {}
        rows = list(csv.reader(io.StringIO(client.get("/en/fees/csv/", **extra).content.decode())))
        assert len(rows) == 2 and title in rows[1][1], rows


@pytest.mark.django_db
def test_the_offices_list_shows_the_portals_country_only(client, portals):
    lao = client.get("/en/offices/").content.decode()
    khmer = client.get("/en/offices/", **CAMBODIA).content.decode()
    assert "Xaysetha" in lao and "Daun Penh" not in lao
    assert "Daun Penh" in khmer and "Xaysetha" not in khmer
    khmer_office = portals["khmer_office"]
    assert client.get(f"/en/offices/{khmer_office.pk}/").status_code == 404
    assert client.get(f"/en/offices/{khmer_office.pk}/", **CAMBODIA).status_code == 200


@pytest.mark.django_db
def test_each_portal_offers_its_own_languages(client, portals):
    lao = client.get("/lo/").content.decode()
    assert 'hreflang="en"' in lao and 'hreflang="km"' not in lao
    khmer = client.get("/km/", **CAMBODIA).content.decode()
    assert 'hreflang="en"' in khmer and 'hreflang="lo"' not in khmer
    # A language the portal does not offer leads to the one it does.
    response = client.get("/km/business/")
    assert response.status_code == 302 and response["Location"] == "/en/business/"
    response = client.get("/lo/search/", {"q": "tax"}, **CAMBODIA)
    assert response.status_code == 302 and response["Location"] == "/en/search/?q=tax"
    # The portal's own pages that are not Wagtail pages too (the status look-up, statistics).
    for path in ("/lo/track/?reference=AB12", "/lo/statistics/", "/lo/offices/"):
        response = client.get(path, **CAMBODIA)
        assert response.status_code == 302, path
        assert response["Location"] == path.replace("/lo/", "/en/", 1)
    assert client.get("/km/track/", **CAMBODIA).status_code == 200
    assert client.get("/lo/track/").status_code == 200


@pytest.mark.django_db
def test_a_new_service_starts_in_the_portals_currency(client, portals):
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name="Moderators"))
    give_totp(editor)
    client.force_login(editor)
    sector = portals["handicraft"].get_parent()
    html = client.get(f"/admin/pages/add/cms/servicepage/{sector.pk}/").content.decode()
    assert '<option value="KHR" selected>' in html


@pytest.mark.django_db
def test_the_admin_lists_the_languages_a_service_lacks_on_its_portal(client, portals, admin_user):
    cambodia_home = portals["cambodia_home"]
    sector = portals["handicraft"].get_parent()
    ServicePageFactory(parent=sector, slug="patent-tax", title="Patent tax certificate")
    client.force_login(admin_user)
    html = client.get(f"/admin/pages/{sector.pk}/").content.decode()
    assert "Patent tax certificate · not yet in Khmer" in html
    assert "not yet in Lao" not in html
    report = client.get("/admin/reports/fees-and-languages/").content.decode()
    assert "Onedoor Cambodia" in report
    assert HomePage.objects.get(pk=cambodia_home.pk)


@pytest.mark.django_db
def test_links_between_a_portals_pages_stay_on_the_address_the_visitor_used(client, portals):
    """With two sites, Wagtail gives a page's address without a request in full (its site's
    host and port): the portal's own links use the request, so they stay relative."""
    enterprise = portals["enterprise"]
    lao = enterprise.get_translation(Locale.objects.get(language_code="lo"))
    lao.slug = "jod-tabian-visahakit"
    lao.save_revision().publish()
    html = client.get("/en/business/enterprise-registration/").content.decode()
    assert 'href="/lo/business/jod-tabian-visahakit/" lang="lo"' in html
    client.force_login(UserFactory())
    response = client.get("/en/business/enterprise-registration/apply/")
    assert response["Location"] == "/en/business/enterprise-registration/apply/step-1/"


@pytest.mark.django_db
def test_messages_about_an_application_link_to_the_portal_of_its_service(
    client, portals, django_capture_on_commit_callbacks, mailoutbox, settings
):
    from tests.factories import submit_application

    settings.PORTAL_BASE_URL = "https://portal.gov.la"
    with django_capture_on_commit_callbacks(execute=True):
        lao = submit_application(portals["enterprise"], office=portals["lao_office"])
        khmer = submit_application(
            portals["handicraft"], office=portals["khmer_office"], language="km"
        )
    [lao_mail] = [mail.body for mail in mailoutbox if lao.reference in mail.body]
    [khmer_mail] = [mail.body for mail in mailoutbox if khmer.reference in mail.body]
    assert f"https://portal.gov.la/en/my/applications/{lao.reference}/" in lao_mail
    assert f"http://localhost/km/my/applications/{khmer.reference}/" in khmer_mail
    assert "portal.gov.la" not in khmer_mail
