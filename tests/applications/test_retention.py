"""The retention rule: a finished application's personal data goes after its service's time
(or the portal's default), by the scheduled purge; what the statistics and accounts need stays;
a second run changes nothing; ten thousand are purged in batches."""

import datetime
import os
import threading
import time
import tracemalloc

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.tasks import purge_personal_data
from payments.models import Payment, PaymentEvent
from portal.applications import retention, workflow
from portal.applications.models import Application, Certificate, Document, Event
from portal.applications.retention import applications_retention_purge, orphan_files_purge
from portal.applications.services import NewDocument
from portal.audit.models import AuditRecord
from portal.tracking.models import Feedback
from tests.conftest import make_pdf
from tests.factories import (
    ApplicationFactory,
    CompanyDocumentFactory,
    OfficeFactory,
    UserFactory,
    submit_application,
)

NAME = "Somchai Phommasak"


def ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def finished(application, *, days_ago: int, status=Application.Status.COMPLETED):
    """Mark ``application`` finished ``days_ago`` (the workflow's own finish is tested below)."""
    Application.objects.filter(pk=application.pk).update(status=status, finished_at=ago(days_ago))
    application.refresh_from_db()
    return application


def applied(service, **kwargs):
    pdf = make_pdf("passport-somchai.pdf")
    return submit_application(
        service,
        answers={"full_name": NAME, "business_type": "person"},
        documents=[
            NewDocument(field_name="identity_document", file=pdf, content_type="application/pdf")
        ],
        office=OfficeFactory(),
        **kwargs,
    )


def result_issued(application, code: str, officer, **fields) -> Certificate:
    """A result issued to ``NAME`` for ``application`` (issuing itself is tested elsewhere)."""
    return Certificate.objects.create(
        code=code,
        application=application,
        holder=NAME,
        service_title="Enterprise registration",
        issued_by=officer,
        **fields,
    )


def state(application) -> dict:
    """Everything of an application a purge could change, to compare two runs."""
    application.refresh_from_db()
    return {
        "row": Application.objects.filter(pk=application.pk).values().get(),
        "events": list(Event.objects.filter(application=application).values()),
        "documents": list(Document.objects.filter(application=application).values()),
        "payments": list(Payment.objects.filter(application=application).values()),
        "audit": AuditRecord.objects.count(),
    }


@pytest.mark.django_db
def test_the_workflow_says_when_an_application_finished(service):
    application = applied(service)
    assert application.finished_at is None
    workflow.application_withdraw(application=application, applicant=application.applicant)
    application.refresh_from_db()
    assert application.status == Application.Status.WITHDRAWN
    assert timezone.now() - application.finished_at < datetime.timedelta(minutes=1)


@pytest.mark.django_db
def test_past_its_time_a_finished_application_keeps_only_what_figures_and_accounts_need(
    service, settings, django_capture_on_commit_callbacks
):
    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    application = finished(applied(service), days_ago=31)
    Event.objects.filter(application=application).update(
        note="Called Somchai on +856 20 5555 1234", message="Bring your passport, Somchai."
    )
    Feedback.objects.create(application=application, rating=4, comment="Somchai was happy.")
    payment = Payment.objects.create(
        application=application,
        amount=5_000_000,
        currency="LAK",
        gateway="counter",
        status="paid",
        receipt_number="R-0001",
        provider_reference="cash-1",
        office=application.office,
        paid_at=ago(40),
    )
    PaymentEvent.objects.create(
        payment=payment,
        source="cashier",
        gateway="counter",
        from_status="created",
        to_status="paid",
        amount=5_000_000,
        note="Paid in cash by Somchai's brother, +856 20 5555 1234",
    )
    ledger = list(Payment.objects.filter(pk=payment.pk).values())
    document = application.documents.get()
    stored = document.file.name
    storage = document.file.storage
    assert storage.exists(stored)
    opened_before = AuditRecord.objects.create(
        action=AuditRecord.Action.APPLICATION_OPENED,
        user_email="officer@onedoor.example",
        object_type="applications.application",
        object_id=str(application.pk),
        object_reference=application.reference,
        application_id=application.pk,
    )
    kept_too = finished(applied(service), days_ago=29)  # not yet: a day to go

    with django_capture_on_commit_callbacks(execute=True):
        purge_personal_data.enqueue()  # what the scheduler does once a day

    application.refresh_from_db()
    assert application.personal_data_purged_at is not None
    assert application.answers == {} and application.wizard_state == {}
    assert not application.documents.exists() and not storage.exists(stored)
    assert set(application.events.values_list("note", "message")) == {("", "")}
    assert Feedback.objects.get(application=application).comment == ""
    assert Feedback.objects.get(application=application).rating == 4
    # What the statistics and the accounts need stays.
    assert application.reference and application.service_page_id == service.pk
    assert application.status == Application.Status.COMPLETED and application.submitted_at
    assert application.fee_snapshot and application.office_id and application.channel
    assert application.events.count() >= 1
    assert list(Payment.objects.filter(pk=payment.pk).values()) == ledger
    [paid] = PaymentEvent.objects.filter(payment=payment).values("amount", "to_status", "note")
    assert paid == {"amount": 5_000_000, "to_status": "paid", "note": ""}
    # The audit trail keeps what it had (who looked, when), and says what was removed.
    assert AuditRecord.objects.filter(pk=opened_before.pk).exists()
    removed = AuditRecord.objects.get(action=AuditRecord.Action.PERSONAL_DATA_REMOVED)
    assert removed.application_id == application.pk and removed.user_id is None
    assert removed.detail == "retention rule"
    assert NAME not in str(list(AuditRecord.objects.values()))

    kept_too.refresh_from_db()
    assert kept_too.personal_data_purged_at is None and kept_too.answers["full_name"] == NAME
    assert kept_too.documents.exists()

    before = state(application)
    assert applications_retention_purge(retention_by_page={}) == 0
    assert state(application) == before


@pytest.mark.django_db
def test_each_service_keeps_personal_data_for_its_own_time(service, settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    service.retention_days = 365
    service.save_revision().publish()
    longer = finished(applied(service), days_ago=100)
    elsewhere = finished(ApplicationFactory(answers={"full_name": NAME}), days_ago=100)
    purge_personal_data.enqueue()
    longer.refresh_from_db()
    elsewhere.refresh_from_db()
    assert longer.personal_data_purged_at is None and longer.answers
    assert elsewhere.personal_data_purged_at is not None and elsewhere.answers == {}
    Application.objects.filter(pk=longer.pk).update(finished_at=ago(366))
    purge_personal_data.enqueue()
    longer.refresh_from_db()
    assert longer.personal_data_purged_at is not None


@pytest.mark.django_db
def test_a_result_in_force_keeps_only_its_holders_name_until_it_is_no_longer_in_force(
    client, service, settings
):
    settings.PERSONAL_DATA_RETENTION_DAYS = 1
    still_open = applied(service)
    Application.objects.filter(pk=still_open.pk).update(submitted_at=ago(400))
    officer = UserFactory(is_staff=True)

    def result(code, **fields):
        application = finished(applied(service), days_ago=400)
        result_issued(application, code, officer, **fields)
        return application

    licensed = result("C-LICENSED")  # in force, without end
    until_next_year = result("C-NEXT-YEAR", valid_until=timezone.localdate().replace(year=2099))
    expired = result("C-EXPIRED", valid_until=timezone.localdate() - datetime.timedelta(days=1))
    revoked = result(
        "C-REVOKED", revoked_at=ago(10), revoked_reason="Somchai Phommasak sold the shop"
    )

    assert applications_retention_purge(retention_by_page={}) == 4
    still_open.refresh_from_db()
    assert still_open.personal_data_purged_at is None and still_open.answers
    for application in (licensed, until_next_year, expired, revoked):
        application.refresh_from_db()
        assert application.personal_data_purged_at and application.answers == {}
        assert not application.documents.exists()
    holders = dict(Certificate.objects.values_list("code", "holder"))
    assert holders == {"C-LICENSED": NAME, "C-NEXT-YEAR": NAME, "C-EXPIRED": "", "C-REVOKED": ""}
    # The public check: a result in force still names its holder; a revoked one says so,
    # and when, without the reason (it may name the person).
    assert NAME in client.get("/en/verify/C-LICENSED/").content.decode()
    checked = client.get("/en/verify/C-REVOKED/").content.decode()
    assert "Revoked" in checked and "sold the shop" not in checked
    assert Certificate.objects.get(code="C-REVOKED").revoked_at is not None
    assert Certificate.objects.get(code="C-REVOKED").revoked_reason == ""
    assert "Personal data removed" in checked

    before = dict(Certificate.objects.values_list("code", "holder"))
    assert applications_retention_purge(retention_by_page={}) == 0  # again: nothing changes
    assert dict(Certificate.objects.values_list("code", "holder")) == before

    # The licence ends (revoked, or its date passes): the next run removes the name too.
    Certificate.objects.filter(code="C-LICENSED").update(revoked_at=timezone.now())
    Certificate.objects.filter(code="C-NEXT-YEAR").update(valid_until=datetime.date(2020, 1, 1))
    applications_retention_purge(retention_by_page={})
    assert set(Certificate.objects.values_list("holder", flat=True)) == {""}
    assert AuditRecord.objects.filter(action="personal_data_removed").count() == 4


@pytest.mark.django_db
def test_a_result_is_in_force_until_its_last_day_ends_in_the_countrys_time(service, settings):
    """At half past midnight in Vientiane (still the day before in UTC), a result valid until
    yesterday is no longer in force, and one valid until today still is."""
    settings.PERSONAL_DATA_RETENTION_DAYS = 1
    moment = datetime.datetime(2026, 12, 3, 17, 30, tzinfo=datetime.UTC)  # 4 Dec, 00:30 local
    officer = UserFactory(is_staff=True)
    for code, last_day in (("C-YESTERDAY", 3), ("C-TODAY", 4)):
        application = applied(service)
        Application.objects.filter(pk=application.pk).update(
            status=Application.Status.COMPLETED, finished_at=moment - datetime.timedelta(days=9)
        )
        result_issued(application, code, officer, valid_until=datetime.date(2026, 12, last_day))
    assert applications_retention_purge(retention_by_page={}, now=moment) == 2
    holders = dict(Certificate.objects.values_list("code", "holder"))
    assert holders == {"C-YESTERDAY": "", "C-TODAY": NAME}


@pytest.mark.django_db(transaction=True)
def test_two_purges_at_once_remove_an_application_once(service_page, settings, monkeypatch):
    """A manager removes an application's personal data while the scheduled purge takes it
    too: one of them removes it, and the audit trail says so once."""
    settings.PERSONAL_DATA_RETENTION_DAYS = 1
    application = finished(
        ApplicationFactory(answers={"full_name": NAME}, service_page=service_page), days_ago=10
    )
    manager = UserFactory(is_superuser=True, is_staff=True)
    outcome = {}

    def scheduled_purge_meanwhile():
        try:
            outcome["scheduled"] = applications_retention_purge(retention_by_page={})
        except Exception as error:  # reported by the assertion below
            outcome["error"] = error
        finally:
            connection.close()

    meanwhile = threading.Thread(target=scheduled_purge_meanwhile)
    original = retention.audit_record

    def record_after_the_other_purge(**kwargs):
        if not meanwhile.ident:
            meanwhile.start()
            meanwhile.join(timeout=3)  # done at once, unless this purge holds the row
        return original(**kwargs)

    monkeypatch.setattr(retention, "audit_record", record_after_the_other_purge)
    removed = retention.application_personal_data_remove(
        application=application, user=manager, reason="asked"
    )
    meanwhile.join()
    assert "error" not in outcome, outcome
    assert int(removed) + outcome["scheduled"] == 1
    assert AuditRecord.objects.filter(action="personal_data_removed").count() == 1


@pytest.mark.django_db
def test_an_application_no_longer_due_when_its_purge_comes_keeps_its_data(
    service, settings, monkeypatch
):
    """The purge checks again, in its transaction, what it read before: an application read
    as finished and due that is neither any more is left as it is."""
    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    application = finished(applied(service), days_ago=40)
    read_before = Application.objects.get(pk=application.pk)
    Application.objects.filter(pk=application.pk).update(status=Application.Status.IN_REVIEW)
    manager = UserFactory(is_superuser=True, is_staff=True)
    assert not retention.application_personal_data_remove(
        application=read_before, user=manager, reason="asked"
    )
    Application.objects.filter(pk=application.pk).update(status=Application.Status.COMPLETED)
    purge = retention._purge

    def finished_again_meanwhile(ids, **kwargs):
        # Reopened and finished again after the purge read it: due in 30 days, not now.
        Application.objects.filter(pk__in=ids).update(finished_at=ago(5))
        return purge(ids, **kwargs)

    monkeypatch.setattr(retention, "_purge", finished_again_meanwhile)
    assert applications_retention_purge(retention_by_page={}) == 0
    application.refresh_from_db()
    assert application.personal_data_purged_at is None and application.answers
    assert not AuditRecord.objects.filter(action="personal_data_removed").exists()


@pytest.mark.django_db
def test_a_file_the_storage_fails_to_delete_does_not_stop_the_purge(
    service, settings, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    settings.PERSONAL_DATA_RETENTION_DAYS = 1
    first, second = (finished(applied(service), days_ago=10) for _ in range(2))
    names = [application.documents.get().file.name for application in (first, second)]
    storage = Document._meta.get_field("file").storage
    delete = storage.delete

    def failing(name):
        if name == names[0]:
            raise OSError("the storage is down")
        delete(name)

    monkeypatch.setattr(storage, "delete", failing)
    with django_capture_on_commit_callbacks(execute=True):
        assert applications_retention_purge(retention_by_page={}) == 2
    assert storage.exists(names[0]) and not storage.exists(names[1])
    assert names[0] in caplog.text  # left for the orphan-file purge, which finds no row
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_a_walk_in_applicants_name_and_phone_go_with_their_last_application(settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 1
    walk_in = UserFactory(
        email="walk-in-0123456789abcdef@counter.invalid", first_name="Noy", phone="+8562055551234"
    )
    first = finished(ApplicationFactory(applicant=walk_in), days_ago=10)
    second = finished(ApplicationFactory(applicant=walk_in), days_ago=0)
    applications_retention_purge(retention_by_page={})
    walk_in.refresh_from_db()
    assert walk_in.first_name == "Noy"  # the second application still needs it
    Application.objects.filter(pk=second.pk).update(finished_at=ago(5))
    applications_retention_purge(retention_by_page={})
    walk_in.refresh_from_db()
    assert (walk_in.first_name, walk_in.last_name, walk_in.phone) == ("", "", "")
    first.refresh_from_db()
    assert first.applicant_id == walk_in.pk


@pytest.mark.django_db
def test_ten_thousand_finished_applications_are_purged_in_bounded_batches(settings, monkeypatch):
    settings.PERSONAL_DATA_RETENTION_DAYS = 1
    office = OfficeFactory()
    applicant = UserFactory()
    long_ago = ago(10)
    Application.objects.bulk_create(
        [
            Application(
                reference=f"BULK-{number:05d}",
                service_title="Enterprise registration",
                applicant=applicant,
                office=office,
                status=Application.Status.COMPLETED,
                submitted_at=long_ago,
                finished_at=long_ago,
                answers={"full_name": f"Person {number}", "notes": "x" * 200},
            )
            for number in range(10_000)
        ],
        batch_size=1000,
    )
    batches = []
    purge_batch = retention._purge

    def counted(ids, **kwargs):
        batches.append(len(ids))
        return purge_batch(ids, **kwargs)

    monkeypatch.setattr(retention, "_purge", counted)
    tracemalloc.start()
    try:
        assert applications_retention_purge(retention_by_page={}, batch=500) == 10_000
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert batches == [500] * 20
    assert peak < 40 * 1024 * 1024  # what a batch holds, not what 10,000 would
    assert not Application.objects.filter(personal_data_purged_at__isnull=True).exists()
    assert not Application.objects.exclude(answers={}).exists()
    assert AuditRecord.objects.filter(action="personal_data_removed").count() == 10_000
    with CaptureQueriesContext(connection) as again:
        assert applications_retention_purge(retention_by_page={}, batch=500) == 0
    assert len(again.captured_queries) == 2  # what is due; the names of results now ended


@pytest.mark.django_db
def test_document_files_whose_row_never_committed_are_deleted(service, settings):
    settings.ORPHAN_FILE_RETENTION_HOURS = 24
    application = applied(service)
    document = application.documents.get()
    storage = document.file.storage
    company_document = CompanyDocumentFactory()
    company_document.file.save("tax.pdf", make_pdf(), save=True)
    orphan = storage.save("documents/2026/01/orphan.pdf", make_pdf())
    company_orphan = storage.save("companies/2026/01/orphan.pdf", make_pdf())
    fresh_orphan = storage.save("documents/2026/01/fresh.pdf", make_pdf())
    old = time.time() - 2 * 24 * 3600
    for name in (orphan, company_orphan, document.file.name, company_document.file.name):
        os.utime(storage.path(name), (old, old))

    assert orphan_files_purge() == 2
    assert not storage.exists(orphan) and not storage.exists(company_orphan)
    assert storage.exists(fresh_orphan)  # its transaction may still be running
    assert storage.exists(document.file.name) and storage.exists(company_document.file.name)
    assert orphan_files_purge() == 0
