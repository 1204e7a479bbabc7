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


def import_statement(client, rows, **kwargs):
    return client.post(
        "/admin/payments/statements/",
        {"gateway": "khqr", "statement": statement_csv(rows, **kwargs)},
    ).content.decode()


@pytest.mark.django_db
def test_one_bank_transaction_confirms_one_payment_whichever_way_it_is_recorded(
    client, qr_payments
):
    first, second, third = qr_payments
    client.force_login(finance("confirm_payment"))
    client.post(
        f"/admin/payments/qr/{first.pk}/confirm/",
        {"transaction_id": "ACLEDA-7", "reason": "the payer showed the transfer"},
    )
    # A statement line naming another bill with the same transaction does not pay it.
    page = import_statement(
        client, [(when(second), "600000", "KHR", second.gateway_data["bill_number"], "ACLEDA-7")]
    )
    assert Payment.objects.get(pk=second.pk).status == Payment.Status.PENDING
    assert "ACLEDA-7" in page
    # Nor does confirming a third payment by hand with a transaction a statement recorded.
    import_statement(
        client, [(when(third), "600000", "KHR", third.gateway_data["bill_number"], "ABA-1")]
    )
    assert Payment.objects.get(pk=third.pk).status == Payment.Status.PAID
    refused = client.post(
        f"/admin/payments/qr/{second.pk}/confirm/", {"transaction_id": "ABA-1", "reason": "r"}
    ).content.decode()
    assert "confirmed another payment already" in refused
    assert Payment.objects.get(pk=second.pk).status == Payment.Status.PENDING


@pytest.mark.django_db
def test_confirming_by_hand_a_transaction_recorded_meanwhile_says_so(client, qr_payments):
    """Two officers at once: the check before writing passes for both; the database keeps
    one, and the other is told, not shown a receipt that does not exist."""
    from payments import services

    first, second, _third = qr_payments
    PaymentEvent.objects.create(
        payment=first, source="by_hand", gateway="khqr", gateway_event_id="txn:ACLEDA-8",
        from_status="pending", to_status="pending",
    )  # fmt: skip
    real_filter = services.PaymentEvent.objects.filter

    class Blind:
        """The first look for the transaction finds nothing (the other officer's row is not
        committed yet)."""

        looked = False

        def filter(self, *args, **kwargs):
            if not Blind.looked and kwargs.get("gateway_event_id", "").endswith("ACLEDA-8"):
                Blind.looked = True
                return PaymentEvent.objects.none()
            return real_filter(*args, **kwargs)

    services.PaymentEvent.objects.filter = Blind().filter
    try:
        client.force_login(finance("confirm_payment"))
        page = client.post(
            f"/admin/payments/qr/{second.pk}/confirm/",
            {"transaction_id": "ACLEDA-8", "reason": "r"},
        ).content.decode()
    finally:
        services.PaymentEvent.objects.filter = real_filter
    second.refresh_from_db()
    assert second.status == Payment.Status.PENDING
    assert "confirmed_by_hand" not in second.gateway_data
    assert "confirmed another payment already" in page


@pytest.mark.django_db
@pytest.mark.parametrize("amount", ["600000.001", "599999.995"])
def test_a_statement_amount_is_compared_exactly(client, qr_payments, amount):
    payment = qr_payments[0]
    client.force_login(finance("confirm_payment"))
    import_statement(
        client, [(when(payment), amount, "KHR", payment.gateway_data["bill_number"], "T-1")]
    )
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PENDING and payment.flagged


@pytest.mark.django_db
def test_a_statement_that_does_not_say_the_currency_does_not_pay_a_khqr(client, qr_payments):
    """KHQR takes riel and dollars: a line without its currency proves neither."""
    payment = qr_payments[0]
    client.force_login(finance("confirm_payment"))
    page = import_statement(
        client,
        [(when(payment), "600000", payment.gateway_data["bill_number"], "T-1")],
        header="Date,Amount,Description,Transaction ID",
    )
    assert Payment.objects.get(pk=payment.pk).status == Payment.Status.PENDING
    assert "Another amount or currency than the fee" in page


@pytest.mark.django_db
def test_a_statement_saved_by_excel_in_windows_1252_is_read(client, qr_payments):
    payment = qr_payments[0]
    bill = payment.gateway_data["bill_number"]
    text = (
        "Date,Amount,Currency,Description,Transaction ID\n"
        f"{when(payment)},600000,KHR,Café {bill},T-1\n"
    )
    client.force_login(finance("confirm_payment"))
    client.post(
        "/admin/payments/statements/",
        {"gateway": "khqr", "statement": SimpleUploadedFile("s.csv", text.encode("cp1252"))},
    )
    assert Payment.objects.get(pk=payment.pk).status == Payment.Status.PAID


@pytest.mark.django_db
def test_a_csv_with_a_giant_field_is_refused_next_to_the_file(client, qr_payments):
    text = "Date,Amount,Description\n2026-12-01,5," + "x" * 200_000 + "\n"
    client.force_login(finance("confirm_payment"))
    page = client.post(
        "/admin/payments/statements/",
        {"gateway": "khqr", "statement": SimpleUploadedFile("s.csv", text.encode())},
    )
    assert page.status_code == 200
    assert "cannot be read" in page.content.decode()


@pytest.mark.django_db
def test_an_xlsx_that_unpacks_too_large_is_refused_unread(client, qr_payments, monkeypatch):
    from payments import statements

    monkeypatch.setattr(statements, "MAX_UNPACKED_BYTES", 50_000)
    book = Workbook()
    book.active.append(["Date", "Amount", "Description"])
    for _n in range(100):
        book.active.append(["2026-12-01", 5, "x" * 1000 + str(_n)])
    buffer = io.BytesIO()
    book.save(buffer)
    assert len(buffer.getvalue()) < 50_000  # small on the wire, large unpacked
    client.force_login(finance("confirm_payment"))
    page = client.post(
        "/admin/payments/statements/",
        {"gateway": "khqr", "statement": SimpleUploadedFile("s.xlsx", buffer.getvalue())},
    ).content.decode()
    assert "too large" in page


@pytest.mark.django_db
def test_a_statement_import_that_fails_half_way_records_nothing(client, qr_payments, monkeypatch):
    from payments import statements

    first, second, _third = qr_payments
    rows = [
        (when(first), "600000", "KHR", first.gateway_data["bill_number"], "T-1"),
        (when(second), "600000", "KHR", second.gateway_data["bill_number"], "T-2"),
    ]
    real = statements.payment_apply_result

    def fails_on_the_second(**kwargs):
        if kwargs["payment_id"] == second.pk:
            raise RuntimeError("the database went away")
        return real(**kwargs)

    monkeypatch.setattr(statements, "payment_apply_result", fails_on_the_second)
    lines = statements.statement_read(content=statement_csv(rows).read())
    with pytest.raises(RuntimeError):
        statements.statement_import(gateway="khqr", lines=lines, actor=finance())
    assert Payment.objects.get(pk=first.pk).status == Payment.Status.PENDING
    assert not PaymentEvent.objects.filter(source="statement").exists()


@pytest.mark.django_db
def test_importing_a_statement_again_does_not_reopen_a_resolved_review(client, qr_payments):
    from payments.services import payment_review_resolve

    first, second, _third = qr_payments
    officer = finance("confirm_payment", "refund_payment")
    client.force_login(officer)
    client.post(
        f"/admin/payments/qr/{second.pk}/confirm/",
        {"transaction_id": "ACLEDA-1", "reason": "the payer showed the transfer"},
    )
    rows = [(when(first), "600000", "KHR", first.gateway_data["bill_number"], "T-1")]
    import_statement(client, rows)
    second.refresh_from_db()
    assert second.flagged
    payment_review_resolve(payment=second, actor=officer, note="seen on the next statement")
    import_statement(client, rows)
    second.refresh_from_db()
    assert not second.flagged


@pytest.mark.django_db
def test_a_paid_payment_the_statement_shows_with_another_amount_is_flagged(client, qr_payments):
    payment = qr_payments[0]
    client.force_login(finance("confirm_payment"))
    client.post(
        f"/admin/payments/qr/{payment.pk}/confirm/",
        {"transaction_id": "ACLEDA-5", "reason": "the payer showed the transfer"},
    )
    import_statement(
        client, [(when(payment), "60000", "KHR", payment.gateway_data["bill_number"], "ACLEDA-5")]
    )
    payment.refresh_from_db()
    assert payment.flagged and "60,000" in payment.review_reason
