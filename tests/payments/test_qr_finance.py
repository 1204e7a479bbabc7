"""Finance confirms QR payments by hand when the bank's API cannot, and imports the receiving
account's statement into the reconciliation."""

import datetime
import io

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook

from payments.models import FeeSettlement, Payment, PaymentEvent
from portal.audit.models import AuditRecord
from tests.factories import OfficeFactory, OfficerFactory, UserFactory, submit_application


def finance(*codenames):
    user = OfficerFactory()
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="payments", codename__in=codenames)
    )
    return user


@pytest.fixture
def khqr_without_api(settings):
    """KHQR with no API token: the bank cannot be asked."""
    settings.KHQR_ACCOUNT_ID = "onedoor_owso@aclb"
    settings.KHQR_MERCHANT_NAME = "Daun Penh OWSO"
    settings.KHQR_API_TOKEN = ""
    return settings


def started(client, application):
    client.post(f"/en/my/applications/{application.reference}/pay/", {"method": "khqr"})
    return Payment.objects.filter(application=application).latest("created_at")


@pytest.fixture
def qr_payments(khqr_without_api, riel_service, client):
    """Three citizens' KHQR payments of 600,000 riel, waiting."""
    payments = []
    for _n in range(3):
        citizen = UserFactory()
        client.force_login(citizen)
        application = submit_application(riel_service, applicant=citizen, office=OfficeFactory())
        payments.append(started(client, application))
    client.logout()
    return payments


@pytest.mark.django_db
def test_a_finance_officer_confirms_a_qr_payment_by_hand(client, qr_payments):
    payment = qr_payments[0]
    client.force_login(finance("confirm_payment"))
    found = client.get("/admin/payments/qr/", {"q": payment.application.reference})
    assert payment.gateway_data["bill_number"] in found.content.decode()

    url = f"/admin/payments/qr/{payment.pk}/confirm/"
    refused = client.post(url, {"transaction_id": "", "reason": ""}).content.decode()
    assert "Enter the bank&#x27;s transaction id." in refused
    assert "Say why the payment is confirmed by hand." in refused

    client.post(url, {"transaction_id": "ACLEDA-99812", "reason": "Bakong API down all day"})
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PAID and payment.receipt_number
    assert FeeSettlement.objects.get(payment=payment)
    event = PaymentEvent.objects.get(payment=payment, to_status="paid")
    assert event.source == PaymentEvent.Source.BY_HAND
    assert "ACLEDA-99812" in event.note and "Bakong API down" in event.note
    assert event.actor is not None
    assert AuditRecord.objects.filter(object_id=str(payment.pk), action="payment_changed").exists()

    # One bank transaction confirms one payment.
    other = qr_payments[1]
    again = client.post(
        f"/admin/payments/qr/{other.pk}/confirm/",
        {"transaction_id": "ACLEDA-99812", "reason": "same one"},
    ).content.decode()
    assert "confirmed another payment already" in again
    assert Payment.objects.get(pk=other.pk).status == Payment.Status.PENDING


@pytest.mark.django_db
def test_only_finance_may_confirm_by_hand(client, qr_payments):
    client.force_login(finance("view_reconciliation"))
    url = f"/admin/payments/qr/{qr_payments[0].pk}/confirm/"
    refused = client.post(url, {"transaction_id": "X1", "reason": "r"})
    assert refused.status_code in (302, 403) and refused.get("Location", "/admin/") == "/admin/"
    assert Payment.objects.get(pk=qr_payments[0].pk).status == Payment.Status.PENDING


def statement_csv(rows, header="Date,Amount,Currency,Description,Transaction ID"):
    text = "\n".join([header, *(",".join(map(str, row)) for row in rows)])
    return SimpleUploadedFile("statement.csv", text.encode(), content_type="text/csv")


def when(payment, minutes=2):
    """A time as the bank writes it: in the portal's time zone, without saying so."""
    local = timezone.localtime(payment.created_at + datetime.timedelta(minutes=minutes))
    return local.strftime("%Y-%m-%d %H:%M:%S")


@pytest.mark.django_db
def test_a_statement_matches_records_and_lists_what_needs_follow_up(client, qr_payments, settings):
    first, second, third = qr_payments
    # The second was confirmed by hand, but the bank's statement will not show it.
    client.force_login(finance("confirm_payment"))
    client.post(
        f"/admin/payments/qr/{second.pk}/confirm/",
        {"transaction_id": "ACLEDA-1", "reason": "the payer showed the transfer"},
    )
    bill = first.gateway_data["bill_number"]
    third_bill = third.gateway_data["bill_number"]
    rows = [
        (when(first), "600000", "KHR", f"KHQR {bill} from sokha@aba", "T-1"),
        (when(first), "600000", "KHR", f"KHQR {bill} from sokha@aba", "T-1"),  # repeated
        (when(third, minutes=40), "600000.00", "KHR", f"Bill {third_bill}", "T-3"),  # late
        (when(first), "150000", "KHR", "a transfer with no bill", "T-9"),
    ]
    page = client.post(
        "/admin/payments/statements/", {"gateway": "khqr", "statement": statement_csv(rows)}
    ).content.decode()

    first.refresh_from_db()
    third.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Payment.Status.PAID and not first.flagged
    assert PaymentEvent.objects.get(payment=first, to_status="paid").source == "statement"
    # Paid after its code expired: recorded and flagged.
    assert third.status == Payment.Status.PAID
    assert third.flagged
    assert second.flagged and "not in the bank statement" in second.review_reason
    for said in ("Line 3", "repeats line 2", "Line 4", "Line 5", "a transfer with no bill",
                 second.application.reference, "confirmed by hand: flagged"):  # fmt: skip
        assert said in page, said

    # The same statement again records nothing twice.
    client.post(
        "/admin/payments/statements/", {"gateway": "khqr", "statement": statement_csv(rows)}
    )
    assert PaymentEvent.objects.filter(payment=first, to_status="paid").count() == 1


@pytest.mark.django_db
def test_an_xlsx_statement_with_another_amount_flags_the_payment(client, qr_payments):
    payment = qr_payments[0]
    book = Workbook()
    sheet = book.active
    sheet.append(["Transaction Date", "Credit Amount", "CCY", "Remark", "Hash"])
    sheet.append([timezone.localtime(payment.created_at).replace(tzinfo=None), 60000, "KHR",
                  payment.gateway_data["bill_number"], "abc123"])  # fmt: skip
    buffer = io.BytesIO()
    book.save(buffer)
    client.force_login(finance("confirm_payment"))
    page = client.post(
        "/admin/payments/statements/",
        {"gateway": "khqr", "statement": SimpleUploadedFile("statement.xlsx", buffer.getvalue())},
    ).content.decode()
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PENDING and payment.flagged
    assert "Another amount or currency than the fee" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"", "The submitted file is empty."),
        (b"Date,Amount\n", "The file has no lines under its header."),
        (b"When,How much\n2026-12-01,5\n", "The first line must name the columns"),
        (b"Date,Amount\nyesterday,5\n2026-12-01,lots\n", "Line 2: “yesterday” is not a date."),
        (b"\x00\x01\x02binary", "neither CSV"),
        (b"PK\x03\x04 not a workbook\n1,2\n", "The first line must name the columns"),
    ],
)
def test_a_statement_that_cannot_be_read_is_refused_next_to_the_file(
    client, qr_payments, content, said
):
    client.force_login(finance("confirm_payment"))
    page = client.post(
        "/admin/payments/statements/",
        {"gateway": "khqr", "statement": SimpleUploadedFile("statement.csv", content)},
    ).content.decode()
    assert said in page.replace("&quot;", '"').replace("&#x27;", "'")
    assert not PaymentEvent.objects.filter(source="statement").exists()
