"""Managers export or remove an application's personal data on a person's request, in the
admin, with a reason recorded in the audit trail; only for the offices they serve; a removal
is confirmed on a page that says it cannot be undone. Officers then read the application
without its answers and documents, and nothing fails for what is gone."""

import io
import json
import zipfile

import pytest
from django.utils import timezone

from portal.applications.models import Application, Document
from portal.applications.services import NewDocument
from portal.audit.models import AuditRecord
from tests.conftest import make_pdf, managers_group
from tests.factories import OfficeFactory, OfficerFactory, UserFactory, give_totp, totp_code
from tests.factories import submit_application as submit

NAME = "Somchai Phommasak"


def manager(offices=(), *, national=False):
    user = UserFactory(is_staff=False)
    user.groups.add(managers_group("National managers" if national else "Managers"))
    user.offices.add(*offices)
    give_totp(user)
    return user


@pytest.fixture
def office():
    return OfficeFactory(name="Xaysetha District")


@pytest.fixture
def finished(service, office):
    application = submit(
        service,
        answers={"full_name": NAME, "business_type": "person"},
        documents=[
            NewDocument(
                field_name="identity_document",
                file=make_pdf("passport.pdf"),
                content_type="application/pdf",
            )
        ],
        office=office,
    )
    Application.objects.filter(pk=application.pk).update(
        status=Application.Status.COMPLETED, finished_at=timezone.now()
    )
    application.refresh_from_db()
    return application


def page(application):
    return f"/admin/applications/{application.pk}/personal-data/"


def request_form(prefix, **fields):
    """A manager's request form: its reference, the reason chosen, a note."""
    data = {"reference": "LTR-2026-118", "reason": "request", "note": ""} | fields
    return {f"{prefix}-{name}": value for name, value in data.items()}


def second_factor(client, response):
    """The action asks for the second factor again; give it: the action then goes on."""
    assert response.status_code == 302 and "2fa/reauthenticate" in response["Location"]
    return client.post(response["Location"], {"code": totp_code()})


@pytest.mark.django_db
def test_a_manager_exports_an_application_on_request_with_its_reference_and_reason(
    client, finished, office
):
    client.force_login(manager([office]))
    found = client.post("/admin/personal-data/", {"reference": finished.reference.lower()})
    assert found.status_code == 302 and found["Location"] == page(finished)
    form = client.get(page(finished)).content.decode()
    assert "The person&#x27;s own request" in form and "A court order" in form
    assert "Do not write names" in form
    lao = client.get(page(finished), HTTP_ACCEPT_LANGUAGE="lo")
    assert lao.status_code == 200

    missing = second_factor(
        client, client.post(page(finished), request_form("export", reference="", reason=""))
    )
    html = missing.content.decode()
    assert "Give the request&#x27;s reference" in html and "Choose why it is asked" in html
    assert not AuditRecord.objects.filter(action=AuditRecord.Action.DATA_EXPORTED).exists()

    response = client.post(page(finished), request_form("export", note="Letter from the lawyer"))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    data = json.loads(archive.read(f"{finished.reference}/application.json"))
    assert data["answers"]["full_name"] == NAME and data["applicant"]["email"]
    assert archive.read(data["documents"][0]["file"]).startswith(b"%PDF")
    record = AuditRecord.objects.get(action=AuditRecord.Action.DATA_EXPORTED)
    assert record.detail == (
        "reason: the person's request; request: LTR-2026-118; note: Letter from the lawyer"
    )
    assert record.application_id == finished.pk


@pytest.mark.django_db
def test_an_export_that_fails_is_not_recorded_as_given(client, finished, office, monkeypatch):
    def broken(**kwargs):
        raise OSError("storage unavailable")

    monkeypatch.setattr("portal.review.personal_data.application_archive", broken)
    user = manager([office])
    client.force_login(user)
    client.raise_request_exception = False
    second_factor(client, client.post(page(finished), request_form("export")))
    assert not AuditRecord.objects.filter(action=AuditRecord.Action.DATA_EXPORTED).exists()


@pytest.mark.django_db
def test_a_manager_removes_personal_data_after_a_page_that_says_it_cannot_be_undone(
    client, finished, office, django_capture_on_commit_callbacks
):
    client.force_login(manager([office]))
    stored = finished.documents.get().file.name
    asked = client.post(page(finished), request_form("remove", reason="court_order"))
    confirm = second_factor(client, asked)
    html = confirm.content.decode()
    assert "This cannot be undone." in html
    assert "LTR-2026-118" in html  # what was given is carried to the confirmation
    finished.refresh_from_db()
    assert finished.personal_data_purged_at is None  # not yet: only asked

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            page(finished),
            request_form("remove", reason="court_order") | {"remove-confirm": "1"},
        )
    assert done.status_code == 302
    finished.refresh_from_db()
    assert finished.personal_data_purged_at and finished.answers == {}
    assert not Document.objects.filter(application=finished).exists()
    assert not Document._meta.get_field("file").storage.exists(stored)
    record = AuditRecord.objects.get(action=AuditRecord.Action.PERSONAL_DATA_REMOVED)
    assert record.detail == "reason: a court order; request: LTR-2026-118" and record.user_email
    after = client.get(page(finished)).content.decode()
    assert "Personal data removed on" in after

    # Officers read it without answers and documents, and nothing fails.
    officer = OfficerFactory(offices=[office], is_staff=True)
    client.force_login(officer)
    inspect = client.get(f"/admin/applications/inspect/{finished.pk}/")
    assert inspect.status_code == 200
    html = inspect.content.decode()
    assert "Personal data removed on" in html
    assert NAME not in html and "passport.pdf" not in html
    listing = client.get("/admin/applications/?q=" + finished.reference)
    assert listing.status_code == 200


@pytest.mark.django_db
def test_removing_while_a_result_is_in_force_warns_that_its_check_will_say_so(
    client, handed_over, office
):
    client.force_login(manager([office]))
    confirm = second_factor(client, client.post(page(handed_over), request_form("remove")))
    html = confirm.content.decode()
    assert "Its result is still in force" in html
    assert "Personal data removed" in html


@pytest.mark.django_db
def test_a_storage_that_fails_to_delete_a_file_does_not_fail_the_removal(
    client, finished, office, monkeypatch, django_capture_on_commit_callbacks
):
    storage = Document._meta.get_field("file").storage

    def failing(name):
        raise OSError("the storage is down")

    monkeypatch.setattr(storage, "delete", failing)
    client.force_login(manager([office]))
    second_factor(client, client.post(page(finished), request_form("remove")))
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(page(finished), request_form("remove") | {"remove-confirm": "1"})
    assert done.status_code == 302
    finished.refresh_from_db()
    assert finished.personal_data_purged_at is not None


@pytest.mark.django_db
def test_an_open_application_keeps_its_personal_data(client, service, office):
    application = submit(service, office=office)
    client.force_login(manager([office]))
    html = client.get(page(application)).content.decode()
    assert "Only a finished application" in html
    second_factor(
        client, client.post(page(application), request_form("remove") | {"remove-confirm": "1"})
    )
    application.refresh_from_db()
    assert application.personal_data_purged_at is None and application.answers


@pytest.mark.django_db
def test_the_button_shows_on_the_applications_page_only_to_a_manager_of_its_office(
    client, finished, office
):
    """A manager of another office reads the application while it is referred to theirs,
    but its personal data is not theirs to export or remove."""
    other = OfficeFactory()
    Application.objects.filter(pk=finished.pk).update(referred_to=other)
    managers = managers_group("Managers")
    for offices, shown in (([office], True), ([other], False)):
        user = OfficerFactory(offices=offices)
        user.groups.add(managers)
        client.force_login(user)
        inspect = client.get(f"/admin/applications/inspect/{finished.pk}/")
        assert inspect.status_code == 200
        assert (page(finished) in inspect.content.decode()) is shown


@pytest.mark.django_db
def test_managers_reach_only_their_offices_and_officers_not_at_all(client, finished):
    elsewhere = manager([OfficeFactory()])
    client.force_login(elsewhere)
    assert client.get(page(finished)).status_code == 404
    refused = client.post("/admin/personal-data/", {"reference": finished.reference})
    assert "No application of your offices has this code." in refused.content.decode()
    client.force_login(manager(national=True))
    assert client.get(page(finished)).status_code == 200
    client.force_login(OfficerFactory(offices=[finished.office], is_staff=True))
    refused = client.get(page(finished))  # the admin's answer to a missing permission
    assert refused.status_code == 302 and refused["Location"] == "/admin/"


@pytest.fixture
def handed_over(service_page, office):
    """An application whose result was issued (without end) and collected."""
    from portal.applications.workflow import application_complete, application_issue
    from tests.applications.test_workflow import walk_to_issuance
    from tests.review.test_results import officer

    application = walk_to_issuance(submit(service_page, office=office), office)
    clerk = officer("Registration officers", office)
    application_issue(application=application, officer=clerk, expected_version=application.version)
    application.refresh_from_db()
    return application_complete(
        application=application, officer=clerk, expected_version=application.version
    )


@pytest.mark.django_db
def test_nothing_is_written_back_onto_an_application_whose_personal_data_was_removed(
    client, handed_over, office
):
    from portal.applications.models import Certificate, Event
    from portal.applications.retention import application_personal_data_remove
    from tests.review.test_results import officer

    application = handed_over
    certificate = Certificate.objects.get(application=application)
    application_personal_data_remove(
        application=application, user=manager([office]), reason="Asked by letter"
    )
    application.refresh_from_db()
    events = Event.objects.filter(application=application).count()
    refusal = "personal data was removed"
    for who, names in (
        (officer("Office chiefs", office, "assign_application"), ("reissue",)),
        (officer("Registration officers", office), ("note",)),
    ):
        client.force_login(who)
        inspect = client.get(f"/admin/applications/inspect/{application.pk}/").content.decode()
        for name in names:
            assert f"/act/{name}/" not in inspect  # not offered
            refused = client.post(
                f"/admin/applications/{application.pk}/act/{name}/",
                {"version": application.version, "message": "Somchai asked", "note": "Somchai"},
            )
            assert refused.status_code == 200, name
            assert refusal in refused.content.decode(), name
    assert Event.objects.filter(application=application).count() == events
    assert list(Certificate.objects.filter(application=application)) == [certificate]
    certificate.refresh_from_db()
    assert certificate.revoked_at is None and certificate.revoked_reason == ""


@pytest.mark.django_db
def test_a_result_in_force_on_an_application_whose_data_was_removed_can_still_be_revoked(
    client, handed_over, office
):
    """The office must be able to withdraw a licence it issued, whatever became of the file."""
    from portal.applications.models import Certificate
    from portal.applications.retention import application_personal_data_remove
    from tests.review.test_results import officer

    application = handed_over
    application_personal_data_remove(
        application=application, user=manager([office]), reason="Asked by letter"
    )
    application.refresh_from_db()
    client.force_login(officer("Office chiefs", office, "assign_application"))
    inspect = client.get(f"/admin/applications/inspect/{application.pk}/").content.decode()
    assert f"/admin/applications/{application.pk}/act/revoke/" in inspect
    assert "/act/note/" not in inspect and "/act/reissue/" not in inspect

    revoked = client.post(
        f"/admin/applications/{application.pk}/act/revoke/",
        {"version": application.version, "message": "The conditions of the licence were broken."},
    )

    assert revoked.status_code == 302
    certificate = Certificate.objects.get(application=application)
    assert certificate.revoked_at is not None
    verify = client.get(f"/en/verify/{certificate.code}/").content.decode()
    assert "The conditions of the licence were broken." in verify
