"""An applicant asked for more information answers and uploads; the clock runs again."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from portal.applications.models import Application, Document
from portal.applications.workflow import application_return
from tests.conftest import make_eicar, make_pdf
from tests.factories import OfficeFactory, OfficerFactory, submit_application


@pytest.fixture
def returned(service_page, citizen):
    office = OfficeFactory()
    application = submit_application(service_page, applicant=citizen, office=office)
    officer = OfficerFactory(offices=[office])
    officer.groups.add(Group.objects.get(name="Registration officers"))
    return application_return(
        application=application,
        officer=officer,
        expected_version=application.version,
        message="Upload a clearer scan of your ID card.",
    )


@pytest.mark.django_db
def test_the_applicant_sees_what_is_asked_answers_and_uploads(client, returned):
    detail = client.get(f"/en/my/applications/{returned.reference}/").content.decode()
    assert "Action needed" in detail and "Upload a clearer scan" in detail
    assert "Returned for more information" in detail  # on the timeline
    url = f"/en/my/applications/{returned.reference}/answer/"

    empty = client.post(url, {"message": " "})
    assert "Write an answer or add a document." in empty.content.decode()
    bad = client.post(
        url, {"message": "Here it is", "document": SimpleUploadedFile("id.pdf", b"nope")}
    )
    assert "named like a PDF but is not one" in bad.content.decode()
    assert "Here it is" in bad.content.decode()

    done = client.post(url, {"message": "Here it is", "document": make_pdf("id-clear.pdf")})
    assert done["Location"] == f"/en/my/applications/{returned.reference}/"
    returned.refresh_from_db()
    assert returned.status == Application.Status.IN_REVIEW and returned.due_date is not None
    added = returned.documents.filter(field_name="additional")
    assert [document.original_name for document in added] == ["id-clear.pdf"]
    assert added.get().source == Document.Source.ANSWER
    assert "Information sent by the applicant" in client.get(done["Location"]).content.decode()


@pytest.mark.django_db
def test_someone_else_cannot_answer(client, returned):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    url = f"/en/my/applications/{returned.reference}/answer/"
    assert client.post(url, {"message": "hi"}).status_code == 404


@pytest.mark.django_db
def test_an_answer_document_is_held_to_the_portal_upload_ceiling(client, returned, settings):
    settings.UPLOAD_MAX_MB = 1
    url = f"/en/my/applications/{returned.reference}/answer/"
    page = client.get(url).content.decode()
    assert "PDF or JPEG image or PNG image, at most 1.0\u00a0MB." in page
    big = SimpleUploadedFile("id.pdf", b"%PDF-1.4\n" + b" " * (3 * 1024 * 1024 // 2))
    refused = client.post(url, {"message": "Here it is", "document": big})
    assert "The selected file must be smaller than 1.0\u00a0MB." in refused.content.decode()
    returned.refresh_from_db()
    assert returned.status == Application.Status.ACTION_REQUIRED


@pytest.mark.django_db
def test_an_answer_document_with_a_virus_is_refused_and_the_answer_stays(client, returned, clamd):
    url = f"/en/my/applications/{returned.reference}/answer/"
    refused = client.post(url, {"message": "Here it is", "document": make_eicar("id.pdf")})
    html = refused.content.decode()
    assert "refused because our virus check found it unsafe" in html
    assert "Here it is" in html
    returned.refresh_from_db()
    assert returned.status == Application.Status.ACTION_REQUIRED
    assert not returned.documents.filter(field_name="additional").exists()

    done = client.post(url, {"message": "Here it is", "document": make_pdf("id-clear.pdf")})
    assert done["Location"] == f"/en/my/applications/{returned.reference}/"


@pytest.mark.django_db
def test_an_answer_document_clamd_cannot_check_is_refused_asking_to_retry(
    client, returned, clamd_down
):
    url = f"/en/my/applications/{returned.reference}/answer/"
    refused = client.post(url, {"message": "Here it is", "document": make_pdf("id.pdf")})
    html = refused.content.decode()
    assert "could not be checked for viruses just now" in html and "Here it is" in html
    returned.refresh_from_db()
    assert returned.status == Application.Status.ACTION_REQUIRED
