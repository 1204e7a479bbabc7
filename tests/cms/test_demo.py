"""`manage.py demo`: a realistic catalogue in three languages, accounts that work, twice safely.

Loading the catalogue takes seconds, so these tests share as few runs as they can.
"""

import json
import re
import shutil
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import Locale, Page, Revision

from cms.management.commands.demo import DEMO_DIR, catalogue_load
from cms.models import HomePage, SectorPage, ServicePage
from portal.accounts.models import CompanyDocument, Office, User


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
    }


@pytest.mark.django_db
def test_demo_refuses_with_debug_off_unless_told_it_is_not_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--not-production"):
        call_command("demo")
    assert not User.objects.exists()
    assert not Office.objects.exists()


@pytest.mark.django_db
def test_demo_is_idempotent_and_prints_the_accounts(capsys):
    call_command("demo", "--not-production")
    first = snapshot()
    printed = capsys.readouterr().out
    assert_the_pages_say_what_the_data_files_say()
    call_command("demo", "--not-production")
    assert snapshot() == first
    for role in ("admin", "editor", "officer", "citizen"):
        assert f"{role}@onedoor.example" in printed
        assert f"onedoor-{role}" in printed
    assert first["locales"] == ["en", "km", "lo"]
    # The demo company keeps a registration certificate, a real PDF its members can attach.
    certificate = CompanyDocument.objects.get()
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
    """Each service of the data files is a page in the three languages, under its sector, with
    its words, fee, service standard and offices."""
    catalogue = catalogue_load()
    for sector_data in catalogue["sectors"]:
        sector = SectorPage.objects.get(slug=sector_data["slug"], locale__language_code="en")
        for data in sector_data["services"]:
            page = ServicePage.objects.child_of(sector).get(slug=data["slug"])
            offices = [link.office.email for link in page.office_links.order_by("sort_order")]
            emails = {office["key"]: office["email"] for office in catalogue["offices"]}
            assert offices == [emails[key] for key in data["offices"]], data["slug"]
            for translation in ServicePage.objects.filter(translation_key=page.translation_key):
                language = translation.locale.language_code
                assert translation.live
                assert translation.title == data["title"][language]
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
            assert ServicePage.objects.filter(translation_key=page.translation_key).count() == 3


@pytest.fixture
def demo(db):
    call_command("demo", "--not-production")


def test_the_demo_catalogue_is_realistic_and_in_three_languages(client, demo):
    en, lo, km = (Locale.objects.get(language_code=code) for code in ("en", "lo", "km"))
    assert HomePage.objects.live().filter(locale=en).count() == 1
    assert SectorPage.objects.live().filter(locale=en).count() == 11
    assert ServicePage.objects.live().filter(locale=en).count() == 28
    assert Office.objects.filter(locale=en).count() == 8
    levels = set(Office.objects.filter(locale=en).values_list("level", flat=True))
    assert levels == {"ministry", "province", "district"}
    currencies = set(ServicePage.objects.filter(locale=en).values_list("fee_currency", flat=True))
    assert currencies == {"LAK", "KHR", "USD"}

    pages = [
        *HomePage.objects.filter(locale=en),
        *SectorPage.objects.filter(locale=en)[:2],
        *ServicePage.objects.filter(locale=en)[:3],
    ]
    for page in pages:
        assert client.get(page.url).status_code == 200, page.url
        for locale, script in ((lo, "\u0e80-\u0eff"), (km, "\u1780-\u17ff")):
            translation = page.get_translation(locale).specific
            assert translation.live
            assert translation.url.startswith(f"/{locale.language_code}/")
            response = client.get(translation.url)
            assert response.status_code == 200, translation.url
            html = response.content.decode()
            assert f'lang="{locale.language_code}"' in html
            assert re.search(f"[{script}]", translation.title), translation.title
            assert translation.title in html

    lao = client.get("/lo/search/", {"q": "ລົງທຶນ"}).content.decode()
    assert re.search(r'<h2 class="govuk-heading-m"><a [^>]+>[^<]*ລົງທຶນ', lao)
    khmer = client.get("/km/search/", {"q": "ចុះបញ្ជី"}).content.decode()
    assert re.search(r'<h2 class="govuk-heading-m"><a [^>]+>[^<]*ចុះបញ្ជី', khmer)

    for email, password in [
        ("admin@onedoor.example", "onedoor-admin"),
        ("citizen@onedoor.example", "onedoor-citizen"),
    ]:
        response = client.post("/en/accounts/login/", {"login": email, "password": password})
        assert response.status_code == 302, email
        client.logout()
