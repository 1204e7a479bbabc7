"""`manage.py seed_applications` writes fake cases: never into a production database by mistake."""

import io

import pytest
from django.core.management import CommandError, call_command

from portal.applications.models import Application
from tests.factories import OfficeFactory


@pytest.mark.django_db
def test_seeding_refuses_with_debug_off_unless_told_it_is_not_production(settings, service):
    OfficeFactory()
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--not-production"):
        call_command("seed_applications", 5, stdout=io.StringIO())
    assert not Application.objects.exists()

    call_command("seed_applications", 5, "--not-production", stdout=io.StringIO())
    assert Application.objects.count() == 5


@pytest.mark.django_db
def test_each_seeded_application_has_its_submitted_event_and_a_payment_made_then(service):
    """On PostgreSQL the rows are copied (COPY), elsewhere inserted: the same rows either way."""
    from django.db.models import F

    from payments.models import Payment
    from portal.applications.models import Event

    OfficeFactory()
    call_command("seed_applications", 30, "--not-production", stdout=io.StringIO())
    seeded = Application.objects.exclude(status=Application.Status.DRAFT)
    assert seeded.count() == 30
    assert len({application.reference for application in seeded}) == 30
    events = Event.objects.filter(application__in=seeded, kind=Event.Kind.SUBMITTED)
    assert events.count() == 30
    assert not events.exclude(created_at=F("application__submitted_at")).exists()
    payments = Payment.objects.filter(application__in=seeded)
    assert payments.count() == 30
    assert not payments.exclude(created_at=F("application__submitted_at")).exists()
    assert not payments.exclude(office_id=F("application__office_id")).exists()
    for application in seeded:
        assert application.version == 1 and application.answers["full_name"]
        assert application.fee_snapshot["total"] == 5_000_000
    # Made anew after them: the tables' own numbering goes on from the seeded rows.
    Application.objects.create(
        reference="AFTER-SEED", service_title="After", applicant=seeded.first().applicant
    )
