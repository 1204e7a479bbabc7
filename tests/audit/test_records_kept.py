"""Audit records cannot be changed or deleted through the application: the database refuses
UPDATE and DELETE on the table (PostgreSQL and SQLite), and deleting a person or an application
takes nothing of the trail with it."""

import pytest
from django.db import DatabaseError, connection, transaction

from portal.applications.models import Application
from portal.audit.models import AuditRecord
from portal.audit.services import audit_record
from tests.factories import UserFactory, submit_application

Action = AuditRecord.Action


@pytest.fixture
def record(db):
    return audit_record(
        action=Action.DATA_EXPORTED, user=None, email="finance@example.org", detail="csv"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("vendor", ["sqlite", "postgresql"])
def test_the_database_refuses_to_change_a_record(record, vendor):
    if connection.vendor != vendor:
        pytest.skip(f"runs on {vendor} (DATABASE_URL chooses the database)")
    with pytest.raises(DatabaseError, match="kept as written"), transaction.atomic():
        AuditRecord.objects.filter(pk=record.pk).update(detail="nothing happened")
    with pytest.raises(DatabaseError, match="kept as written"), transaction.atomic():
        record.detail = "nothing happened"
        record.save()
    with (
        pytest.raises(DatabaseError, match="kept as written"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE audit_auditrecord SET user_email = 'someone@example.org'")
    record.refresh_from_db()
    assert record.detail == "csv" and record.user_email == "finance@example.org"


@pytest.mark.django_db
@pytest.mark.parametrize("vendor", ["sqlite", "postgresql"])
def test_the_database_refuses_to_delete_a_record(record, vendor):
    if connection.vendor != vendor:
        pytest.skip(f"runs on {vendor} (DATABASE_URL chooses the database)")
    with pytest.raises(DatabaseError, match="kept as written"), transaction.atomic():
        record.delete()
    with pytest.raises(DatabaseError, match="kept as written"), transaction.atomic():
        AuditRecord.objects.all().delete()
    with (
        pytest.raises(DatabaseError, match="kept as written"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM audit_auditrecord")
    assert AuditRecord.objects.filter(pk=record.pk).exists()


@pytest.mark.django_db
def test_deleting_a_person_keeps_their_records(client):
    user = UserFactory(email="leaving@example.org")
    client.force_login(user)
    client.logout()
    user_id = user.pk

    user.delete()

    kept = AuditRecord.objects.filter(user_id=user_id)
    assert {record.action for record in kept} == {Action.SIGNED_IN, Action.SIGNED_OUT}
    assert {record.user_email for record in kept} == {"leaving@example.org"}


@pytest.mark.django_db
def test_deleting_an_application_keeps_the_copy_of_its_history(service_page):
    application = submit_application(service_page)
    reference, pk = application.reference, application.pk

    Application.objects.filter(pk=pk).delete()  # its events go with it

    (submitted,) = AuditRecord.objects.filter(application_id=pk)
    assert submitted.action == Action.APPLICATION_CHANGED
    assert submitted.object_reference == reference
    assert submitted.detail.startswith("submitted: draft → submitted")
