"""An applicant's document is reachable only through the checking view, by who may see it."""

import uuid
from pathlib import Path

import pytest
from django.conf import settings

from portal.applications.models import Document
from portal.applications.services import NewDocument, application_submit
from tests.conftest import make_pdf
from tests.factories import OfficerFactory, UserFactory


@pytest.fixture
def document(service_page):
    application = application_submit(
        applicant=UserFactory(),
        service_page_id=service_page.pk,
        service_title=service_page.title,
        form_schema=service_page.form_schema(),
        answers={"full_name": "Somchai"},
        documents=[NewDocument("identity_document", make_pdf(), "application/pdf")],
        submission_token=uuid.uuid4(),
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
def test_an_officer_downloads_it(client, document):
    client.force_login(OfficerFactory())
    assert download(client, document).status_code == 200


@pytest.mark.django_db
def test_anonymous_users_and_other_citizens_get_404(client, document):
    assert download(client, document).status_code == 404
    client.force_login(UserFactory())
    assert download(client, document).status_code == 404
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
def test_the_officer_listing_links_documents_only_through_the_checking_view(client, document):
    client.force_login(OfficerFactory())
    response = client.get(f"/admin/applications/inspect/{document.application.pk}/")
    assert response.status_code == 200
    assert f'href="/files/{document.pk}/"' in response.content.decode()
    assert Document.objects.count() == 1
