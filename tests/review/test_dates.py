"""Dates read the same way everywhere: day, month name, year, in the reader's language.

3 December 2026 is never "12/03/2026" (which a Lao or Khmer reader takes for 12 March) nor
"3/12/2026" beside "Dec. 3, 2026" on the next line.
"""

import datetime
import re

import pytest
from django.contrib.auth.models import Permission

from payments.models import Payment
from portal.applications.models import Application
from tests.factories import OfficeFactory, OfficerFactory, submit_application

DAY = datetime.date(2026, 12, 3)
PAID = datetime.datetime(2026, 12, 3, 2, 30, tzinfo=datetime.UTC)  # 09:30 in Vientiane
WRITTEN = {"en": "3 December 2026", "lo": "3 ທັນວາ 2026", "km": "3 ធ្នូ 2026"}
AMBIGUOUS = re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b|\bDec\. 3\b")


@pytest.fixture
def office(db):
    return OfficeFactory()


@pytest.fixture
def paid(client, service_page, office):
    """An application due on 3 December, its fee taken in cash that day."""
    application = submit_application(service_page, office=office)
    cashier = OfficerFactory(offices=[office])
    cashier.user_permissions.add(Permission.objects.get(codename="record_cash"))
    client.force_login(cashier)
    client.post(f"/admin/cashier/?reference={application.reference}", {"amount": "50000"})
    payment = Payment.objects.get()
    Payment.objects.filter(pk=payment.pk).update(paid_at=PAID, created_at=PAID)
    Application.objects.filter(pk=application.pk).update(due_date=DAY)
    return application, payment


def read(client, url, language):
    html = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    return html


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "lo", "km"])
def test_the_officers_pages_write_the_day_the_month_by_name_and_the_year(client, paid, language):
    application, payment = paid
    # The cashier's receipt prints in the applicant's language: here the same as the officer's.
    Application.objects.filter(pk=application.pk).update(language=language)
    pages = {
        "the queue": "/admin/applications/",
        "the application": f"/admin/applications/inspect/{application.pk}/",
        "the receipt": f"/admin/cashier/receipts/{payment.pk}/",
    }
    for name, url in pages.items():
        html = read(client, url, language)
        assert WRITTEN[language] in html, name
        assert not AMBIGUOUS.search(html), (name, AMBIGUOUS.search(html).group())


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "lo", "km"])
def test_the_applicants_receipt_writes_the_month_by_name_in_their_language(client, paid, language):
    application, payment = paid
    client.force_login(application.applicant)
    html = read(
        client,
        f"/{language}/my/applications/{application.reference}/receipts/{payment.pk}/",
        language,
    )
    assert WRITTEN[language] in html
    assert not AMBIGUOUS.search(html)


@pytest.mark.django_db
def test_the_time_is_written_on_a_24_hour_clock(client, paid):
    _application, payment = paid
    html = read(client, f"/admin/cashier/receipts/{payment.pk}/", "en")
    assert "3 December 2026, 09:30" in html
