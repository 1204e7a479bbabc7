"""The applicant's receipt (a benchmarked page) takes as many queries however many
applications and payments its reader has, and however long its application's history is."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from payments.models import Payment
from portal.applications.models import Event
from tests.factories import OfficeFactory, OfficerFactory, UserFactory, submit_application

pytestmark = pytest.mark.django_db


def paid_application(service_page, office, cashier, applicant):
    application = submit_application(service_page, office=office, applicant=applicant)
    taker = Client()
    taker.force_login(cashier)
    taker.post(f"/admin/cashier/?reference={application.reference}", {"amount": "50000"})
    return application, Payment.objects.filter(application=application).get()


def test_the_receipt_takes_the_same_queries_with_many_applications_and_events(client, service_page):
    office = OfficeFactory()
    cashier = OfficerFactory(offices=[office])
    cashier.user_permissions.add(Permission.objects.get(codename="record_cash"))
    applicant = UserFactory()
    application, payment = paid_application(service_page, office, cashier, applicant)
    client.force_login(applicant)
    address = f"/en/my/applications/{application.reference}/receipts/{payment.pk}/"

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(address).status_code == 200
        return len(captured)

    queries()  # the first read of the session's last-seen time is written once
    few = queries()
    for _ in range(5):
        paid_application(service_page, office, cashier, applicant)
    for _ in range(10):
        Event.objects.create(application=application, kind=Event.Kind.FORWARDED, message="Checked.")
    assert queries() == few
