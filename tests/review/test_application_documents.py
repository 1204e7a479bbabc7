"""Each document of an application says what it is: the required document it answers (the
upload field's label, in the reader's language), or that it came with the applicant's answer to
a request, and whether it came from the company's documents."""

import copy

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Locale

from portal.applications.models import Document
from portal.applications.services import NewDocument
from portal.applications.workflow import application_return
from tests.conftest import make_png
from tests.factories import (
    CompanyFactory,
    OfficeFactory,
    OfficerFactory,
    company_member,
    submit_application,
)


def lao_version(service_page):
    """The service in Lao, its form's labels in Lao (the machine names stay)."""
    lao = Locale.objects.create(language_code="lo")
    for page in (service_page.get_parent().get_parent(), service_page.get_parent()):
        page.copy_for_translation(lao).save_revision().publish()
    lao_page = service_page.copy_for_translation(lao)
    lao_form = copy.deepcopy(service_page.application_form.raw_data)
    lao_form[0]["value"]["fields"][1]["value"]["label"] = "ບັດປະຈຳຕົວ"
    lao_page.application_form = lao_form
    lao_page.save_revision().publish()
    return lao_page


@pytest.fixture
def answered(client, service_page):
    """Made in Lao for a company, with its ID card from the company's documents; then asked
    for a clearer one, sent with the answer. Both files are called id.png."""
    lao_page = lao_version(service_page)
    company = CompanyFactory(name="Mekong Coffee Co., Ltd")
    applicant = company_member(company)
    office = OfficeFactory()
    application = submit_application(
        lao_page,
        applicant=applicant,
        company=company,
        language="lo",
        office=office,
        documents=[
            NewDocument(
                "identity_document",
                make_png("id.png"),
                "image/png",
                source=Document.Source.COMPANY,
            )
        ],
    )
    officer = OfficerFactory(offices=[office])
    officer.groups.add(Group.objects.get(name="Registration officers"))
    application_return(
        application=application,
        officer=officer,
        expected_version=application.version,
        message="Upload a clearer scan of the ID card.",
    )
    client.force_login(applicant)
    client.post(
        f"/en/my/applications/{application.reference}/answer/",
        {"message": "Here it is", "document": make_png("id.png")},
    )
    return application, applicant, officer


def documents_part(html: str, heading: str) -> str:
    return html.split(heading)[1].split("</ul>")[0].split("</dl>")[0]


@pytest.mark.django_db
def test_the_officer_reads_what_each_document_is(client, answered):
    application, _applicant, officer = answered
    client.force_login(officer)
    html = client.get(f"/admin/applications/inspect/{application.pk}/").content.decode()
    documents = documents_part(html, "<h2>Documents</h2>").split("</li>")
    assert "Identity document" in documents[0] and "id.png" in documents[0]
    assert "From the documents Mekong Coffee Co., Ltd keeps" in documents[0]
    assert "ບັດປະຈຳຕົວ" not in html  # the officer reads English
    assert "id.png" in documents[1]
    assert "Sent with the applicant's answer of" in documents[1]


@pytest.mark.django_db
def test_the_applicant_reads_what_each_document_is(client, answered):
    application, applicant, _officer = answered
    client.force_login(applicant)
    html = client.get(f"/en/my/applications/{application.reference}/").content.decode()
    assert "ບັດປະຈຳຕົວ" not in html
    assert "Identity document" in html
    assert "From the documents Mekong Coffee Co., Ltd keeps" in html
    assert "Sent with your answer of" in html
    lao = client.get(f"/lo/my/applications/{application.reference}/").content.decode()
    assert "ບັດປະຈຳຕົວ" in lao
