"""The papers an applicant takes home, the receipt and the certificate, are in their language
whoever prints them: the office's name as it is written in that language, the service's title
there, and the certificate issued to the name the applicant gave."""

import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from wagtail.models import Locale

from cms.models import ServicePage
from payments.models import Payment
from portal.applications.models import Application
from tests.applications.test_workflow import officer, walk_to_issuance
from tests.factories import (
    CompanyFactory,
    OfficeFactory,
    OfficerFactory,
    UserFactory,
    company_member,
    submit_application,
)
from tests.languages import WORDS, service_in_lao_and_khmer

OFFICE = {
    "en": "One Door Service Centre, Xaysetha District",
    "lo": "ສູນບໍລິການຜ່ານປະຕູດຽວ ເມືອງໄຊເສດຖາ",
    "km": "ការិយាល័យច្រកចេញចូលតែមួយ ស្រុកសៃសេដ្ឋា",
}
# What each paper says, in each language (the portal's own translations).
RECEIPT = {"en": "Receipt", "lo": "ໃບຮັບເງິນ", "km": "បង្កាន់ដៃ"}
ISSUED_TO = {"en": "Issued to", "lo": "ອອກໃຫ້ແກ່", "km": "ចេញជូន"}
LAO_OR_KHMER = re.compile("[\u0e80-\u0eff\u1780-\u17ff]")


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
def pages(service_page):
    return {
        language: ServicePage.objects.get(pk=page.pk)
        for language, page in service_in_lao_and_khmer(service_page).items()
    }


def text(response) -> str:
    soup = BeautifulSoup(response.content, "html.parser")
    return " ".join((soup.select_one("main") or soup).get_text(" ").split())


def html_lang(response) -> str:
    return BeautifulSoup(response.content, "html.parser").html["lang"]


def cashier_for(office):
    user = OfficerFactory(offices=[office])
    user.user_permissions.add(Permission.objects.get(codename="record_cash"))
    return user


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["lo", "km"])
def test_the_cash_receipt_prints_in_the_applicants_language(client, pages, office, language):
    applicant = UserFactory()
    application = submit_application(
        pages[language], applicant=applicant, office=office, language=language
    )
    client.force_login(cashier_for(office))
    recorded = client.post(
        f"/admin/cashier/?reference={application.reference}", {"amount": "50000"}
    )
    printed = client.get(recorded["Location"])
    paper = text(printed)
    assert html_lang(printed) == language
    assert RECEIPT[language] in paper and "Paid by" not in paper
    assert WORDS[language]["title"] in paper
    assert OFFICE[language] in paper and OFFICE["en"] not in paper
    # What only the cashier reads stays in the cashier's language.
    assert "Back to the cashier" in paper

    payment = Payment.objects.get()
    client.force_login(applicant)
    for reader in ("en", "lo", "km"):
        own = text(
            client.get(f"/{reader}/my/applications/{application.reference}/receipts/{payment.pk}/")
        )
        assert OFFICE[reader] in own and WORDS[reader]["title"] in own, reader
        assert RECEIPT[reader] in own


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["lo", "km"])
def test_the_certificate_is_issued_to_the_name_given_and_printed_in_the_applicants_language(
    client, pages, office, language
):
    applicant = UserFactory(first_name="Citizen", last_name="Demo")
    application = submit_application(
        pages[language],
        applicant=applicant,
        office=office,
        language=language,
        answers={"full_name": "Noy Sisouk"},
    )
    application = walk_to_issuance(application, office)
    clerk = officer("Registration officers", office)
    client.force_login(clerk)
    client.post(
        f"/admin/applications/{application.pk}/act/issue/", {"version": application.version}
    )
    application.refresh_from_db()
    certificate = application.certificates.get()
    assert certificate.holder == "Noy Sisouk"

    printed = client.get(f"/admin/applications/{application.pk}/certificate/")
    paper = text(printed)
    assert html_lang(printed) == language
    assert f"{ISSUED_TO[language]} Noy Sisouk" in paper
    assert "Citizen Demo" not in paper
    assert WORDS[language]["title"] in paper and OFFICE[language] in paper
    assert OFFICE["en"] not in paper and "Issued to" not in paper
    assert f"/{language}/verify/{certificate.code}/" in paper
    assert "Back to the application" in paper  # for the officer, in the officer's language

    client.force_login(applicant)
    for reader in ("en", "lo", "km"):
        own = client.get(f"/{reader}/my/applications/{application.reference}/certificate/")
        assert html_lang(own) == reader
        shown = text(own)
        assert f"{ISSUED_TO[reader]} Noy Sisouk" in shown, reader
        assert WORDS[reader]["title"] in shown and OFFICE[reader] in shown, reader
        if reader == "en":
            assert not LAO_OR_KHMER.search(shown)


@pytest.mark.django_db
def test_a_certificate_for_a_company_is_issued_to_the_company(pages, office):
    from portal.applications.workflow import application_issue

    company = CompanyFactory(name="Mekong Coffee Co., Ltd")
    member = company_member(company)
    application = submit_application(pages["en"], applicant=member, office=office, company=company)
    application = walk_to_issuance(application, office)
    certificate = application_issue(
        application=application,
        officer=officer("Registration officers", office),
        expected_version=application.version,
    )
    assert certificate.holder == "Mekong Coffee Co., Ltd"


@pytest.mark.django_db
def test_without_a_name_in_the_form_the_certificate_names_the_account(pages, office):
    from portal.applications.workflow import application_issue

    applicant = UserFactory(first_name="Keo", last_name="Manivong")
    application = submit_application(pages["en"], applicant=applicant, office=office, answers={})
    application = walk_to_issuance(application, office)
    certificate = application_issue(
        application=application,
        officer=officer("Registration officers", office),
        expected_version=application.version,
    )
    assert certificate.holder == "Keo Manivong"
    assert Application.objects.get(pk=application.pk).status == Application.Status.APPROVED
