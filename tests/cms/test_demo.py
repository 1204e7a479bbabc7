"""`manage.py demo`: a realistic catalogue in three languages, accounts that work, twice safely.

Loading the catalogue takes seconds, so these tests share as few runs as they can.
"""

import csv
import io
import json
import re
import shutil
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import Locale, Page, Revision, Site

from cms.management.commands.demo import DEMO_DIR, catalogue_load
from cms.models import CountrySettings, HomePage, SectorPage, ServicePage
from payments.models import Payment
from portal.accounts.models import CompanyDocument, Office, User
from portal.applications.answers import schema_fields
from portal.applications.models import Application, Document, Event, Workflow
from portal.notifications.models import OutboxMessage
from tests.factories import give_totp


def snapshot():
    return {
        "pages": list(Page.objects.order_by("path").values_list("path", "title", "live")),
        "revisions": Revision.objects.count(),
        "offices": Office.objects.count(),
        "users": list(User.objects.order_by("email").values_list("email", "password")),
        "groups": list(Group.objects.order_by("name").values_list("name", "permissions")),
        "emails": EmailAddress.objects.count(),
        "locales": sorted(Locale.objects.values_list("language_code", flat=True)),
        "company_documents": list(CompanyDocument.objects.values_list("pk", "file")),
        "applications": list(
            Application.objects.order_by("pk").values_list(
                "reference", "status", "stage", "version"
            )
        ),
        "events": Event.objects.count(),
        "documents": Document.objects.count(),
        "payments": list(Payment.objects.values_list("pk", "status")),
        "outbox": OutboxMessage.objects.count(),
        "offices_served": sorted(
            User.offices.through.objects.values_list("user__email", "office__email")
        ),
    }


@pytest.mark.django_db
def test_demo_refuses_with_debug_off_unless_told_it_is_not_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--not-production"):
        call_command("demo")
    assert not User.objects.exists()
    assert not Office.objects.exists()


@pytest.mark.django_db
def test_demo_is_idempotent_and_prints_the_accounts(capsys, settings):
    settings.PORTAL_BASE_URL = "http://127.0.0.1:8101"  # make demo PORT=8101
    call_command("demo", "--not-production")
    first = snapshot()
    printed = capsys.readouterr().out
    assert_the_pages_say_what_the_data_files_say()
    call_command("demo", "--not-production")
    assert snapshot() == first
    for role in (
        "admin",
        "editor",
        "officer",
        "chief",
        "director",
        "decision-maker",
        "cashier",
        "manager",
        "citizen",
    ):
        assert f"{role}@onedoor.example" in printed
        assert f"onedoor-{role}" in printed
    assert "http://127.0.0.1:8101/admin/" in printed
    assert "Portal of Lao PDR: http://127.0.0.1:8101/" in printed
    assert "Portal of Cambodia: http://localhost:8101/" in printed
    assert ":8000" not in printed
    assert first["locales"] == ["en", "km", "lo"]
    # The demo company keeps a registration certificate, a real PDF its members can attach
    # where a form asks for that certificate, and nowhere else.
    certificate = CompanyDocument.objects.get()
    assert certificate.kind == "registration"
    demo_types = {
        document["name"]["en"]: document.get("company_document_types")
        for sector in catalogue_load()["sectors"]
        for service in sector["services"]
        for document in service["documents"]
    }
    assert demo_types["Enterprise registration certificate"] == ["registration"]
    assert demo_types["ID card or passport"] == ["identity"]
    assert certificate.file.open("rb").read(5) == b"%PDF-"
    assert certificate.company.memberships.get().user.email == "citizen@onedoor.example"


def texts(value):
    """Every text of the data files: a dict in the three languages."""
    if isinstance(value, dict):
        if {"en", "lo", "km"} & set(value):
            yield value
        else:
            for item in value.values():
                yield from texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from texts(item)


def test_the_demo_catalogue_is_data_files_that_load_whole():
    catalogue = catalogue_load()
    services = [service for sector in catalogue["sectors"] for service in sector["services"]]
    slugs = {service["slug"] for service in services}
    assert len(services) == len(slugs) >= 24
    offices = {office["key"] for office in catalogue["offices"]}
    countries = {office["country"] for office in catalogue["offices"]}
    assert countries == {"LA", "KH"}
    for service in services:
        assert service["offices"] and set(service["offices"]) <= offices, service["slug"]
        assert set(service["related"]) <= slugs, service["slug"]
        assert service["code"], service["slug"]
    assert len({service["code"] for service in services}) == len(services)
    # Each country is a portal of its own, found by its host name; one answers any other.
    portals = catalogue["portals"]
    assert [portal["country"] for portal in portals] == ["LA", "KH"]
    assert len({portal["hostname"] for portal in portals}) == 2
    assert [portal["default"] for portal in portals] == [True, False]
    country_of = {office["key"]: office["country"] for office in catalogue["offices"]}
    for portal in portals:
        for sector in portal["sectors"]:
            for service in sector["services"]:
                assert {country_of[key] for key in service["offices"]} == {portal["country"]}
    for text in texts(catalogue):
        assert set(text) == {"en", "lo", "km"} and all(text.values()), text


def test_a_catalogue_that_cannot_load_whole_is_refused(tmp_path):
    shutil.copytree(DEMO_DIR, tmp_path, dirs_exist_ok=True)
    catalogue = json.loads((tmp_path / "catalogue.json").read_text())
    lost = catalogue["sectors"][0]["services"].pop()
    (tmp_path / "catalogue.json").write_text(json.dumps(catalogue))
    with pytest.raises(CommandError, match=f"in no sector of catalogue.json: {lost}"):
        catalogue_load(tmp_path)

    catalogue["sectors"][0]["services"].append("no-such-service")
    (tmp_path / "catalogue.json").write_text(json.dumps(catalogue))
    with pytest.raises(CommandError, match="no-such-service"):
        catalogue_load(tmp_path)


def assert_the_pages_say_what_the_data_files_say():
    """Each service of the data files is a page under its sector of its country's portal, in
    the portal's languages, with its words, code, fee, service standard and offices."""
    catalogue = catalogue_load()
    for portal in catalogue["portals"]:
        site = Site.objects.get(hostname=portal["hostname"])
        assert site.is_default_site == portal["default"]
        settings = CountrySettings.for_site(site)
        assert (settings.country, settings.currency) == (portal["country"], portal["currency"])
        assert settings.language_codes == portal["languages"]
        for sector_data in portal["sectors"]:
            sector = SectorPage.objects.child_of(site.root_page).get(slug=sector_data["slug"])
            for data in sector_data["services"]:
                page = ServicePage.objects.child_of(sector).get(slug=data["slug"])
                offices = [link.office.email for link in page.office_links.order_by("sort_order")]
                emails = {office["key"]: office["email"] for office in catalogue["offices"]}
                assert offices == [emails[key] for key in data["offices"]], data["slug"]
                assert_the_service_page_says(page, data, portal["languages"])


def assert_the_service_page_says(page, data, languages):
    """Each language version of the service says what the data file says."""
    for translation in ServicePage.objects.filter(translation_key=page.translation_key):
        language = translation.locale.language_code
        assert translation.live
        assert translation.title == data["title"][language]
        assert translation.code == data["code"]
        assert translation.summary == data["summary"][language]
        assert translation.service_standard_days == data["service_standard_days"]
        assert translation.fee_currency == data["currency"]
        assert translation.channels == data["channels"]
        assert bool(translation.application_form) == data["online_form"]
        fee = data["fee"]
        rule = translation.fee[0] if translation.fee else None
        if fee["kind"] == "free":
            assert rule is None
        elif fee["kind"] == "options":
            assert [(o["label"], o["amount"]) for o in rule.value["options"]] == [
                (o["label"][language], Decimal(o["amount"])) for o in fee["options"]
            ]
        else:
            assert rule.block_type == fee["kind"]
            assert rule.value["amount"] == Decimal(fee["amount"])
        if data["online_form"]:
            # Each upload takes the company documents the data file says answer it.
            uploads = [
                field
                for field in schema_fields(translation.form_schema())
                if field["type"] == "file_upload"
            ]
            assert [field["document_types"] for field in uploads] == [
                document.get("company_document_types", []) for document in data["documents"]
            ], data["slug"]
    versions = ServicePage.objects.filter(translation_key=page.translation_key)
    assert sorted(versions.values_list("locale__language_code", flat=True)) == sorted(languages), (
        data["slug"]
    )


@pytest.fixture
def demo(db):
    call_command("demo", "--not-production")


CAMBODIA = {"HTTP_HOST": "localhost:8000"}  # the Cambodian portal; the Lao one answers the rest


def test_the_demo_catalogue_is_realistic_and_in_three_languages(client, demo):
    en, lo, km = (Locale.objects.get(language_code=code) for code in ("en", "lo", "km"))
    assert HomePage.objects.live().filter(locale=en).count() == 2
    assert SectorPage.objects.live().filter(locale=en).count() == 11 + 8
    assert ServicePage.objects.live().filter(locale=en).count() == 28
    assert Office.objects.filter(locale=en).count() == 8
    levels = set(Office.objects.filter(locale=en).values_list("level", flat=True))
    assert levels == {"ministry", "province", "district"}
    currencies = set(ServicePage.objects.filter(locale=en).values_list("fee_currency", flat=True))
    assert currencies == {"LAK", "KHR", "USD"}

    for host, locale, script in ((), lo, "຀-໿"), (CAMBODIA, km, "ក-៿"):
        host = dict(host)
        site = Site.objects.get(is_default_site=not host)
        home = site.root_page
        pages = [
            home,
            *SectorPage.objects.child_of(home)[:2],
            *ServicePage.objects.descendant_of(home).filter(locale=en)[:3],
        ]
        for page in pages:
            url = page.relative_url(site)
            assert client.get(url, **host).status_code == 200, url
            translation = page.get_translation(locale).specific
            assert translation.live
            url = translation.relative_url(site)
            assert url.startswith(f"/{locale.language_code}/")
            response = client.get(url, **host)
            assert response.status_code == 200, url
            html = response.content.decode()
            assert f'lang="{locale.language_code}"' in html
            assert re.search(f"[{script}]", translation.title), translation.title
            assert translation.title in html

    lao = client.get("/lo/search/", {"q": "ລົງທຶນ"}).content.decode()
    assert re.search(r'<h2 class="govuk-heading-m"><a [^>]+>[^<]*ລົງທຶນ', lao)
    khmer = client.get("/km/search/", {"q": "ចុះបញ្ជី"}, **CAMBODIA).content.decode()
    assert re.search(r'<h2 class="govuk-heading-m"><a [^>]+>[^<]*ចុះបញ្ជី', khmer)
    # The English word a reader knows finds the service in the reader's language.
    enterprise = ServicePage.objects.get(slug="enterprise-registration", locale=lo)
    assert enterprise.title in client.get("/lo/search/", {"q": "enterprise"}).content.decode()

    for email, password in [
        ("admin@onedoor.example", "onedoor-admin"),
        ("citizen@onedoor.example", "onedoor-citizen"),
    ]:
        response = client.post("/en/accounts/login/", {"login": email, "password": password})
        assert response.status_code == 302, email
        client.logout()


def test_a_visitor_of_one_portal_never_sees_the_other_countrys_services(client, demo):
    """Lao services, offices and kip at http://127.0.0.1:PORT/; Cambodian ones, riel and dollars
    at http://localhost:PORT/. Each service has its code on the fees page and its spreadsheet."""
    lao_fees = client.get("/en/fees/").content.decode()
    khmer_fees = client.get("/en/fees/", **CAMBODIA).content.decode()
    assert "LAK" in lao_fees and "KHR" not in lao_fees and "USD" not in lao_fees
    assert "KHR" in khmer_fees and "LAK" not in khmer_fees
    assert "Onedoor Lao PDR" in lao_fees and "Onedoor Cambodia" in khmer_fees
    for code in ("MOIC-ER-01", "MOF-TR-01"):
        assert code in lao_fees and code not in khmer_fees
    assert "0320018100" in khmer_fees
    spreadsheet = client.get("/en/fees/csv/", **CAMBODIA).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(spreadsheet)))
    assert len(rows) == 1 + 9 and all(row[2] for row in rows[1:])

    lao_offices = client.get("/en/offices/").content.decode()
    khmer_offices = client.get("/en/offices/", **CAMBODIA).content.decode()
    assert "Xaysetha" in lao_offices and "Daun Penh" not in lao_offices
    assert "Daun Penh" in khmer_offices and "Xaysetha" not in khmer_offices
    # Near-duplicates live apart: each portal has its own construction permit.
    assert "Construction permit" in lao_fees
    assert "Construction permit for a building under 500 square metres" not in lao_fees
    assert "Construction permit for a building under 500 square metres" in khmer_fees
    # Each portal in its own languages.
    assert 'hreflang="km"' not in client.get("/lo/").content.decode()
    assert 'hreflang="lo"' not in client.get("/km/", **CAMBODIA).content.decode()


def test_every_stage_of_the_default_workflow_has_someone_and_something_waiting(client, demo):
    """An officer opening the demo finds work in their queue, and at the stages of others a word
    of who acts now; each group of the default workflow has a demo user to sign in as."""
    workflow = Workflow.objects.get(is_default=True)
    offices = set(Office.objects.filter(locale__language_code="en"))
    for stage in workflow.stages.all():
        staff = User.objects.filter(groups=stage.group_id, email__endswith="@onedoor.example")
        assert staff.exists(), stage.name
        assert all(set(user.offices.all()) == offices for user in staff), stage.name

    citizen = User.objects.get(email="citizen@onedoor.example")
    waiting = Application.objects.filter(applicant=citizen).select_related("stage", "office")
    at = {application.stage.name for application in waiting}
    assert at == {stage.name for stage in workflow.stages.all()}
    assert waiting.filter(status=Application.Status.ACTION_REQUIRED).count() == 1
    assert waiting.filter(company__isnull=False).exists()
    # Each went through the workflow's functions: forwarded by the stage's officers, the fee
    # taken by the cashier.
    chief_check = waiting.get(stage__name="Office chief's check")
    forwarded = chief_check.events.filter(kind=Event.Kind.FORWARDED).select_related("actor")
    assert [event.actor.email if event.actor else None for event in forwarded] == [
        "officer@onedoor.example",
        None,  # past the cashier by itself, once paid
    ]
    assert Payment.objects.get(application_id=chief_check.pk).created_by.email == (
        "cashier@onedoor.example"
    )
    assert Document.objects.filter(application__in=waiting).count() == waiting.count()

    officer, chief = (
        User.objects.get(email=f"{role}@onedoor.example") for role in ("officer", "chief")
    )
    for user in (officer, chief):
        give_totp(user)
    client.force_login(officer)
    queue = client.get("/admin/applications/", {"queue": "mine"}).content.decode()
    mine = waiting.filter(
        stage__group__name__in=["Registration officers", "Technical officers", "Cashiers"]
    )
    assert mine.count() >= 4
    for application in mine:
        assert application.reference in queue

    for stage, group in (
        ("Office chief's check", "Office chiefs"),
        ("Administrative director's opinion", "Administrative directors"),
        ("Authorised decision", "Decision-makers"),
    ):
        application = waiting.get(stage__name=stage)
        page = client.get(f"/admin/applications/inspect/{application.pk}/").content.decode()
        assert f"Waiting for: {group} of {application.office.name}" in page, stage

    client.force_login(chief)
    url = f"/admin/applications/inspect/{chief_check.pk}/"
    page = client.get(url).content.decode()
    assert "Send to the next stage" in page and "Waiting for" not in page
    assign = client.get(f"/admin/applications/{chief_check.pk}/act/assign/").content.decode()
    assert str(chief) in assign
