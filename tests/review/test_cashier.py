"""The cashier's desk and the finance pages in the admin."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from openpyxl import load_workbook

from payments.gateways.base import GatewayResult
from payments.models import Payment
from payments.services import payment_apply_result
from tests.factories import OfficeFactory, OfficerFactory, submit_application


def refused(response) -> bool:
    """Wagtail's admin answers a page one may not see by sending back to the dashboard."""
    return response.status_code == 302 and response["Location"] == "/admin/"


def staff(*codenames, offices=()):
    user = OfficerFactory(offices=list(offices))
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="payments", codename__in=codenames)
    )
    return user


@pytest.fixture
def office(db):
    return OfficeFactory()


@pytest.fixture
def application(service_page, office):
    return submit_application(service_page, office=office)  # LAK 50,000 fee


@pytest.mark.django_db
def test_a_cashier_records_the_fee_and_prints_the_receipt(client, application, office):
    client.force_login(staff("record_cash", offices=[office]))
    menu = client.get("/admin/").content.decode()
    assert "/admin/cashier/" in menu and "/admin/payments/reconciliation/" not in menu
    found = client.get("/admin/cashier/", {"reference": application.reference.lower()})
    html = found.content.decode()
    assert application.reference in html and "LAK\u00a050,000" in html

    url = f"/admin/cashier/?reference={application.reference}"
    wrong = client.post(url, {"amount": "40000"})
    assert "The amount must be the fee: LAK\u00a050,000." in wrong.content.decode()
    assert 'value="40000"' in wrong.content.decode()
    assert not Payment.objects.exists()

    recorded = client.post(url, {"amount": "50,000"})
    payment = Payment.objects.get()
    assert recorded["Location"] == f"/admin/cashier/receipts/{payment.pk}/"
    receipt = client.get(recorded["Location"]).content.decode()
    assert payment.receipt_number in receipt and application.reference in receipt
    assert "Cash at the counter" in receipt
    again = client.get(url).content.decode()
    assert "The fee is paid" in again and "Record cash payment" not in again


@pytest.mark.django_db
def test_only_cashiers_of_the_office_find_the_application(client, application, office):
    client.force_login(OfficerFactory(offices=[office]))
    assert refused(client.get("/admin/cashier/"))
    client.force_login(staff("record_cash", offices=[OfficeFactory()]))
    html = client.get("/admin/cashier/", {"reference": application.reference}).content.decode()
    assert "No application with this reference code in your offices" in html
    response = client.post(
        f"/admin/cashier/?reference={application.reference}", {"amount": "50000"}
    )
    assert response.status_code == 404


@pytest.mark.django_db
def test_the_till_totals_the_day_and_closes_it(client, application, office):
    cashier = staff("record_cash", offices=[office])
    client.force_login(cashier)
    client.post(f"/admin/cashier/?reference={application.reference}", {"amount": "50000"})
    till = client.get("/admin/cashier/till/").content.decode()
    assert "LAK\u00a050,000 (1 payment)" in till
    assert client.post("/admin/cashier/till/")["Location"] == "/admin/cashier/till/"
    assert "Closed at" in client.get("/admin/cashier/till/").content.decode()
    other = submit_application(application.service_page.specific, office=office)
    closed = client.get(f"/admin/cashier/?reference={other.reference}")
    assert "till for today is closed" in closed.content.decode()
    sent = client.post(f"/admin/cashier/?reference={other.reference}", {"amount": "50000"})
    assert "till for today is closed" in sent.content.decode()


@pytest.mark.django_db
def test_a_supervisor_voids_with_a_reason_and_a_cashier_cannot(client, application, office):
    client.force_login(staff("record_cash", offices=[office]))
    client.post(f"/admin/cashier/?reference={application.reference}", {"amount": "50000"})
    payment = Payment.objects.get()
    assert refused(client.get(f"/admin/payments/{payment.pk}/void/"))
    assert refused(client.post(f"/admin/payments/{payment.pk}/void/", {"reason": "x"}))
    client.force_login(staff("void_payment", "refund_payment", offices=[office]))
    empty = client.post(f"/admin/payments/{payment.pk}/void/", {"reason": ""})
    assert "Say why" in empty.content.decode()
    client.post(f"/admin/payments/{payment.pk}/void/", {"reason": "Wrong reference typed"})
    payment.refresh_from_db()
    assert payment.status == Payment.Status.VOIDED


@pytest.mark.django_db
def test_finance_refunds_a_flagged_payment_and_resolves_another(client, application, office):
    first = Payment.objects.create(
        application=application, amount=5_000_000, currency="LAK", gateway="demo"
    )
    second = Payment.objects.create(
        application=application, amount=5_000_000, currency="LAK", gateway="demo"
    )
    for payment in (first, second):
        payment_apply_result(
            payment_id=payment.pk,
            result=GatewayResult(status="paid", amount=5_000_000, currency="LAK"),
            source="webhook",
        )
    client.force_login(staff("refund_payment", offices=[office]))
    listing = client.get("/admin/payments/review/").content.decode()
    assert "The fee was paid twice" in listing
    client.post(f"/admin/payments/{second.pk}/refund/", {"amount": "50000", "reason": "Paid twice"})
    second.refresh_from_db()
    assert second.status == Payment.Status.REFUNDED and not second.flagged
    assert "Nothing to review" in client.get("/admin/payments/review/").content.decode()


@pytest.mark.django_db
def test_the_reconciliation_report_on_screen_in_csv_and_in_xlsx(client, application, office):
    client.force_login(staff("record_cash", offices=[office]))
    client.post(f"/admin/cashier/?reference={application.reference}", {"amount": "50000"})
    assert refused(client.get("/admin/payments/reconciliation/"))
    client.force_login(staff("view_reconciliation"))
    page = client.get("/admin/payments/reconciliation/").content.decode()
    assert office.name in page and "LAK\u00a050,000" in page and "Cash at the counter" in page
    assert "Total LAK" in page

    csv_rows = list(
        csv.reader(
            io.StringIO(client.get("/admin/payments/reconciliation/?export=csv").content.decode())
        )
    )
    assert csv_rows[0][:4] == ["day", "office", "method", "status"]
    assert csv_rows[1][1:7] == [office.name, "Cash at the counter", "Paid", "LAK", "1", "50000.00"]

    xlsx = client.get("/admin/payments/reconciliation/?export=xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.cell(row=2, column=2).value == office.name
    filtered = client.get("/admin/payments/reconciliation/", {"gateway": "stripe"})
    assert "No payments in this period" in filtered.content.decode()


@pytest.mark.django_db
def test_a_supervisor_cannot_void_their_own_record_or_a_closed_day(client, application, office):
    from payments.services import PaymentRefused, payment_void, till_close

    both = staff("record_cash", "void_payment", offices=[office])
    client.force_login(both)
    client.post(f"/admin/cashier/?reference={application.reference}", {"amount": "50000"})
    payment = Payment.objects.get()
    with pytest.raises(PaymentRefused):
        payment_void(payment=payment, reason="oops", supervisor=both)
    till_close(cashier=both)
    with pytest.raises(PaymentRefused):
        payment_void(payment=payment, reason="oops", supervisor=staff("void_payment"))


@pytest.mark.django_db
def test_no_cash_is_taken_when_no_fee_is_due_now(client, service_page, office):
    service_page.fee_due = "approval"
    service_page.save_revision().publish()
    later = submit_application(service_page, office=office)
    client.force_login(staff("record_cash", offices=[office]))
    page = client.get(f"/admin/cashier/?reference={later.reference}").content.decode()
    assert "No fee is due now" in page
    client.post(f"/admin/cashier/?reference={later.reference}", {"amount": "50000"})
    assert not Payment.objects.exists()


@pytest.mark.django_db
def test_spreadsheet_cells_that_look_like_formulas_stay_text(client, application, office):
    office.name = '=HYPERLINK("http://evil.example/","x")'
    office.save()
    client.force_login(staff("record_cash", offices=[office]))
    client.post(f"/admin/cashier/?reference={application.reference}", {"amount": "50000"})
    client.force_login(staff("view_reconciliation"))
    xlsx = client.get("/admin/payments/reconciliation/?export=xlsx")
    cell = load_workbook(io.BytesIO(xlsx.content)).active.cell(row=2, column=2)
    assert cell.data_type == "s" and cell.value.startswith("'=")
