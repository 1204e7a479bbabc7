"""What staff and citizens do with personal data is on record, through the pages they use:
an application opened or a document downloaded by staff, every access refused, every export;
officers read an application's records on its page."""

import pytest
from django.contrib.auth.models import Group

from portal.applications.services import NewDocument
from portal.audit.models import AuditRecord
from tests.conftest import make_pdf, managers_group
from tests.factories import (
    OfficeFactory,
    OfficerFactory,
    UserFactory,
    give_totp,
    submit_application,
)

Action = AuditRecord.Action


def registrar(office):
    user = OfficerFactory(offices=[office], email=f"registrar{office.pk}@onedoor.example")
    user.groups.add(Group.objects.get(name="Registration officers"))
    return user


def only(action):
    (record,) = AuditRecord.objects.filter(action=action)
    return record


@pytest.fixture
def office(db):
    return OfficeFactory()


@pytest.fixture
def application(service_page, office):
    return submit_application(
        service_page,
        office=office,
        applicant=UserFactory(email="somchai@example.org"),
        documents=[NewDocument("identity_document", make_pdf(), "application/pdf")],
    )


@pytest.mark.django_db
def test_an_officer_opening_an_application_is_recorded_and_its_page_lists_its_records(
    client, application, office
):
    officer = registrar(office)
    client.force_login(officer)

    page = client.get(
        f"/admin/applications/inspect/{application.pk}/", REMOTE_ADDR="192.0.2.44"
    ).content.decode()

    opened = only(Action.APPLICATION_OPENED)
    assert (opened.user_id, opened.user_email) == (officer.pk, officer.email)
    assert opened.object_type == "applications.application"
    assert opened.object_id == str(application.pk)
    assert opened.object_reference == application.reference
    assert opened.address == "192.0.2.44"
    # Its page shows everything on record about it: its submission, and this very opening.
    assert "Audit trail" in page
    assert "Application opened" in page and officer.email in page and "192.0.2.44" in page
    assert "submitted: draft → submitted" in page


@pytest.mark.django_db
def test_an_officer_of_another_office_is_refused_and_the_refusal_is_on_its_page(
    client, application, office
):
    stranger = registrar(OfficeFactory())
    client.force_login(stranger)
    assert client.get(f"/admin/applications/inspect/{application.pk}/").status_code == 404
    assert (
        client.post(
            f"/admin/applications/{application.pk}/act/forward/",
            {"version": application.version},
        ).status_code
        == 404
    )

    refused = AuditRecord.objects.filter(action=Action.ACCESS_REFUSED)
    assert refused.count() == 2
    assert {record.user_email for record in refused} == {stranger.email}
    assert {record.application_id for record in refused} == {application.pk}
    assert not AuditRecord.objects.filter(action=Action.APPLICATION_OPENED).exists()

    client.force_login(registrar(office))
    page = client.get(f"/admin/applications/inspect/{application.pk}/").content.decode()
    assert "Access refused" in page and stranger.email in page


@pytest.mark.django_db
def test_a_citizen_refused_another_persons_application_is_recorded(client, application, office):
    other = UserFactory(email="curious@example.org")
    client.force_login(other)

    assert client.get(f"/en/my/applications/{application.reference}/").status_code == 404

    refused = only(Action.ACCESS_REFUSED)
    assert refused.user_email == "curious@example.org"
    assert refused.object_reference == application.reference
    client.force_login(registrar(office))
    page = client.get(f"/admin/applications/inspect/{application.pk}/").content.decode()
    assert "curious@example.org" in page


@pytest.mark.django_db
def test_a_download_by_staff_is_recorded_the_applicants_own_is_not(client, application, office):
    document = application.documents.get()
    client.force_login(application.applicant)
    assert client.get(f"/files/{document.pk}/").status_code == 200
    assert not AuditRecord.objects.filter(action=Action.DOCUMENT_DOWNLOADED).exists()

    officer = registrar(office)
    client.force_login(officer)
    assert client.get(f"/files/{document.pk}/", {"preview": "1"}).status_code == 200

    downloaded = only(Action.DOCUMENT_DOWNLOADED)
    assert downloaded.user_id == officer.pk
    assert downloaded.object_id == str(document.pk)
    assert downloaded.object_reference == application.reference
    assert downloaded.application_id == application.pk
    assert "id-card.pdf" not in downloaded.detail  # the file's name is the applicant's data


@pytest.mark.django_db
def test_a_download_refused_is_recorded(client, application):
    document = application.documents.get()
    client.force_login(UserFactory(email="curious@example.org"))

    assert client.get(f"/files/{document.pk}/").status_code == 404

    refused = only(Action.ACCESS_REFUSED)
    assert refused.object_type == "applications.document"
    assert refused.object_id == str(document.pk)


@pytest.mark.django_db
def test_a_refusal_asked_with_a_nul_is_recorded_on_either_database(client):
    """PostgreSQL's text cannot hold NUL: the record says where one was instead of failing."""
    client.force_login(UserFactory(email="curious@example.org"))

    assert client.get("/en/my/applications/", {"company": "7\x00"}).status_code == 404

    refused = only(Action.ACCESS_REFUSED)
    assert refused.object_type == "accounts.company"
    assert refused.object_id == "7\ufffd"


@pytest.mark.django_db
def test_a_state_change_by_an_officer_is_recorded_with_its_stages(client, application, office):
    client.force_login(registrar(office))
    client.post(
        f"/admin/applications/{application.pk}/act/forward/", {"version": application.version}
    )

    changed = AuditRecord.objects.filter(action=Action.APPLICATION_CHANGED).latest("id")
    assert changed.detail == "forwarded: submitted → in_review; stage: Registration → Cashier"
    assert changed.object_reference == application.reference


@pytest.mark.django_db
def test_the_queue_export_is_recorded_with_its_filters(client, application, office):
    officer = registrar(office)
    client.force_login(officer)

    response = client.get("/admin/applications/", {"export": "csv", "q": "somchai"})

    assert response.status_code == 200
    exported = only(Action.DATA_EXPORTED)
    assert exported.user_id == officer.pk
    assert exported.object_type == "applications.application"
    assert exported.detail.startswith("csv /admin/applications/?")
    assert "q=somchai" in exported.detail


@pytest.mark.django_db
def test_the_dashboard_and_reconciliation_exports_are_recorded(client):
    manager = UserFactory(email="manager@onedoor.example")
    manager.groups.add(managers_group("National managers"))
    give_totp(manager)
    client.force_login(manager)
    assert (
        client.get(
            "/admin/dashboard/", {"table": "volumes_by_service", "export": "xlsx"}
        ).status_code
        == 200
    )
    finance = UserFactory(email="finance@onedoor.example", is_superuser=True, is_staff=True)
    give_totp(finance)
    client.force_login(finance)
    assert client.get("/admin/payments/reconciliation/", {"export": "csv"}).status_code == 200

    exports = AuditRecord.objects.filter(action=Action.DATA_EXPORTED).order_by("id")
    assert [(record.user_email, record.object_type) for record in exports] == [
        ("manager@onedoor.example", "dashboard.volumes_by_service"),
        ("finance@onedoor.example", "payments.reconciliation"),
    ]


@pytest.mark.django_db
def test_the_fee_schedule_download_is_recorded_for_staff_only(client, service_page, office):
    client.force_login(UserFactory())
    assert client.get("/en/fees/csv/").status_code == 200
    assert not AuditRecord.objects.filter(action=Action.DATA_EXPORTED).exists()

    officer = registrar(office)
    client.force_login(officer)
    assert client.get("/en/fees/csv/").status_code == 200

    exported = only(Action.DATA_EXPORTED)
    assert exported.user_id == officer.pk and exported.object_type == "cms.fees"


@pytest.mark.django_db
def test_pages_that_record_nothing_write_nothing(client, application, office):
    client.force_login(registrar(office))
    before = AuditRecord.objects.count()
    assert client.get("/admin/applications/").status_code == 200
    assert client.get("/admin/").status_code == 200
    assert AuditRecord.objects.count() == before


@pytest.mark.django_db
def test_an_application_opened_often_shows_its_latest_records_then_all_on_request(
    client, application, office
):
    from portal.audit.services import audit_record

    for number in range(120):
        audit_record(
            action=Action.APPLICATION_OPENED,
            user=None,
            email=f"reader{number}@onedoor.example",
            application_id=application.pk,
        )
    client.force_login(registrar(office))
    url = f"/admin/applications/inspect/{application.pk}/"

    page = client.get(url).content.decode()
    assert "The latest 100 records" in page and "Show all its records" in page
    assert "reader119@onedoor.example" in page and "reader0@onedoor.example" not in page

    everything = client.get(url, {"audit": "all"}).content.decode()
    assert "reader0@onedoor.example" in everything and "Show all its records" not in everything
