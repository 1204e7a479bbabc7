"""The slip and the cash receipt of a walk-in application print in the language the citizen
chose at the counter, whatever the officer's: with the service's title and the office's name in
it, and the documents received listed on the slip."""

import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from wagtail.models import Locale

from cms.models import ServicePageOffice
from portal.applications.models import Application
from tests.conftest import make_pdf
from tests.factories import OfficeFactory, OfficerFactory
from tests.languages import WORDS, service_in_lao_and_khmer

OFFICE = {
    "en": "One Door Service Centre, Xaysetha District",
    "lo": "ສູນບໍລິການຜ່ານປະຕູດຽວ ເມືອງໄຊເສດຖາ",
    "km": "ការិយាល័យច្រកចេញចូលតែមួយ ស្រុកសៃសេដ្ឋា",
}
SLIP = {"lo": "ໃບຮັບຄຳຮ້ອງ", "km": "ប័ណ្ណទទួលពាក្យស្នើសុំ"}
RECEIPT = {"lo": "ໃບຮັບເງິນ", "km": "បង្កាន់ដៃ"}
DOCUMENTS_RECEIVED = {"lo": "ເອກະສານທີ່ໄດ້ຮັບ", "km": "ឯកសារដែលបានទទួល"}


@pytest.fixture
def office(db):
    office = OfficeFactory(name=OFFICE["en"])
    for language in ("lo", "km"):
        locale, _created = Locale.objects.get_or_create(language_code=language)
        translation = office.copy_for_translation(locale)
        translation.name = OFFICE[language]
        translation.save()
    return office


@pytest.fixture
def clerk(office):
    """An officer working in English at the counter, who is also its cashier."""
    user = OfficerFactory(offices=[office])
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["register_at_counter", "record_cash"])
    )
    return user


@pytest.fixture
def counter(service_page, office, clerk, client):
    service_in_lao_and_khmer(service_page)
    ServicePageOffice.objects.create(page=service_page, office=office)
    client.force_login(clerk)
    return f"/admin/counter/{service_page.pk}/"


def register(client, counter, language) -> Application:
    token = re.search(r'name="counter-token" value="([^"]+)"', client.get(counter).content.decode())
    client.post(
        counter,
        {
            "counter-token": token.group(1),
            "citizen-full_name": "Noy Sisouk",
            "citizen-phone": "020 5555 1234",
            "citizen-email": "",
            "citizen-language": language,
            "form-full_name": "Noy Sisouk",
            "form-identity_document": make_pdf("passport-scan.pdf"),
        },
    )
    return Application.objects.get()


def paper(response) -> tuple[str, str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.html["lang"], " ".join(soup.get_text(" ").split())


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["lo", "km"])
def test_the_slip_prints_in_the_citizens_language_with_the_documents_received(
    client, counter, language
):
    form = client.get(counter).content.decode()
    assert "The citizen&#x27;s language" in form or "The citizen's language" in form
    application = register(client, counter, language)
    lang, slip = paper(client.get(f"/admin/counter/slips/{application.pk}/"))
    assert lang == language
    assert SLIP[language] in slip and "Acknowledgement slip" not in slip
    assert WORDS[language]["title"] in slip and OFFICE[language] in slip
    assert WORDS["en"]["title"] not in slip and OFFICE["en"] not in slip
    received = f"{DOCUMENTS_RECEIVED[language]} {WORDS[language]['identity_document']}"
    assert f"{received}: passport-scan.pdf" in slip
    assert f"/{language}/track/?reference={application.reference}" in slip
    # The officer's own links stay in the officer's language.
    assert "Open the application" in slip and "Register another" in slip


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["lo", "km"])
def test_the_cash_receipt_of_a_walk_in_prints_in_the_citizens_language(client, counter, language):
    application = register(client, counter, language)
    recorded = client.post(
        f"/admin/cashier/?reference={application.reference}", {"amount": "50000"}
    )
    lang, receipt = paper(client.get(recorded["Location"]))
    assert lang == language
    assert RECEIPT[language] in receipt and "Paid by" not in receipt
    assert WORDS[language]["title"] in receipt and OFFICE[language] in receipt
    assert "Back to the cashier" in receipt
