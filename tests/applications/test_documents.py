"""An applicant's document is reachable only through the checking view, by who may see it."""

import uuid
from pathlib import Path

import pytest
from django.conf import settings

from portal.applications.models import Document
from portal.applications.services import NewDocument
from tests.conftest import make_pdf
from tests.factories import (
    CompanyFactory,
    OfficeFactory,
    OfficerFactory,
    UserFactory,
    company_member,
    submit_application,
)


@pytest.fixture
def office():
    return OfficeFactory()


@pytest.fixture
def company():
    return CompanyFactory()


@pytest.fixture
def document(service_page, office, company):
    application = submit_application(
        service_page,
        applicant=company_member(company),
        office=office,
        company=company,
        documents=[NewDocument("identity_document", make_pdf(), "application/pdf")],
    )
    return application.documents.get()


def download(client, document):
    return client.get(f"/files/{document.pk}/")


@pytest.mark.django_db
def test_the_applicant_downloads_it_as_an_attachment(client, document):
    client.force_login(document.application.applicant)
    response = download(client, document)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert 'filename="id-card.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("applicant", 200),
        ("company member", 200),
        ("officer of the office", 200),
        ("officer of the office, its Lao copy", 200),
        ("officer of another office", 404),
        ("officer of no office", 404),
        ("member of another company", 404),
        ("other citizen", 404),
        ("anonymous", 404),
    ],
)
def test_who_may_download(client, document, office, company, who, status):
    from wagtail.models import Locale

    def lao_copy():
        copy = office.copy_for_translation(Locale.objects.create(language_code="lo"))
        copy.save()
        return copy

    users = {
        "applicant": lambda: document.application.applicant,
        "company member": lambda: company_member(company),
        "officer of the office": lambda: OfficerFactory(offices=[office]),
        "officer of the office, its Lao copy": lambda: OfficerFactory(offices=[lao_copy()]),
        "officer of another office": lambda: OfficerFactory(offices=[OfficeFactory()]),
        "officer of no office": lambda: OfficerFactory(),
        "member of another company": lambda: company_member(CompanyFactory()),
        "other citizen": UserFactory,
        "anonymous": lambda: None,
    }
    user = users[who]()
    if user:
        client.force_login(user)
    assert download(client, document).status_code == status


@pytest.mark.django_db
def test_an_unknown_document_is_404(client, document):
    client.force_login(document.application.applicant)
    assert client.get(f"/files/{uuid.uuid4()}/").status_code == 404


@pytest.mark.django_db
def test_no_public_url_leads_to_it(client, document):
    storage = document.file.storage
    stored_at = Path(storage.path(document.file.name)).resolve()
    assert Path(settings.MEDIA_ROOT).resolve() not in stored_at.parents
    assert Path(settings.STATIC_ROOT).resolve() not in stored_at.parents
    with pytest.raises(ValueError):
        storage.url(document.file.name)
    for guess in (
        f"/media/{document.file.name}",
        f"/static/{document.file.name}",
        f"/documents/{document.file.name}",
        f"/{document.file.name}",
    ):
        assert client.get(guess).status_code == 404, guess


@pytest.mark.django_db
def test_the_officer_listing_links_documents_only_through_the_checking_view(
    client, document, office
):
    client.force_login(OfficerFactory(offices=[office]))
    response = client.get(f"/admin/applications/inspect/{document.application.pk}/")
    assert response.status_code == 200
    assert f'href="/files/{document.pk}/"' in response.content.decode()
    assert Document.objects.count() == 1


@pytest.mark.django_db
def test_officers_preview_inline_in_a_sandbox_and_others_still_download(client, document, office):
    client.force_login(OfficerFactory(offices=[office]))
    preview = client.get(f"/files/{document.pk}/?preview=1")
    assert preview["Content-Disposition"].startswith("inline")
    assert "sandbox" in preview["Content-Security-Policy"]
    client.force_login(document.application.applicant)
    own = client.get(f"/files/{document.pk}/?preview=1")
    assert own["Content-Disposition"].startswith("attachment")
