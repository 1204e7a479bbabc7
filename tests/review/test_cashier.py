"""The cashier's desk and the finance pages in the admin."""

import csv
import io
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.utils import timezone
from django.utils.formats import date_format
from openpyxl import load_workbook

from payments.gateways.base import GatewayResult
from payments.models import Payment, TillClosure
from payments.services import payment_apply_result, payment_waive
from portal.notifications.models import OutboxMessage
from tests.factories import OfficeFactory, OfficerFactory, UserFactory, submit_application
from tests.payments.races import online_lands_first


def refused(response) -> bool:
    """Wagtail's admin answers a page one may not see by sending back to the dashboard."""
    return response.status_code == 302 and response["Location"] == "/admin/"


def staff(*codenames, offices=()):
    user = OfficerFactory(offices=list(offices))
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="payments", codename__in=codenames)
    )
    return user


def table(html: str, caption: str) -> list[list[str]]:
    """The cells of the table with this caption, row by row, as the reader sees them."""
    soup = BeautifulSoup(html, "html.parser")
    found = soup.find("caption", string=lambda text: text and text.strip() == caption)
    assert found is not None, f"no table {caption!r}"
    return [
        [" ".join(cell.get_text().split()) for cell in row.find_all(["th", "td"])]
        for row in found.find_parent("table").find_all("tr")
    ]


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


ODD_AMOUNTS = [
    "1e999999999",
    "5e4",
    "NaN",
    "nan",
    "Infinity",
    "-Infinity",
    "-5",
    "-50000",
    "+50000",
    "1e-9",
    "0.000000001",
    "50000.001",
    "5" * 30,
    "50 000 kip",
    "",
    " ",
    "\u0ed5\u0ed0\u0ed0\u0ed0\u0ed0",  # 50000 in Lao digits
    "0x10",
    "50_000",
    "1,2,3,4.5.6",
]


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ODD_AMOUNTS, ids=repr)
def test_a_cash_amount_that_is_no_plain_number_is_told_next_to_the_field(
    client, application, office, typed
):
    client.force_login(staff("record_cash", offices=[office]))
    response = client.post(f"/admin/cashier/?reference={application.reference}", {"amount": typed})
    assert response.status_code == 200
    html = response.content.decode()
    message = (
        "Enter the amount as a number, such as 50000." if typed.strip() else "Enter the amount"
    )
    error = BeautifulSoup(html, "html.parser").select_one(".error-message, .w-field__errors")
    assert error is not None and message in error.get_text()
    if typed.strip():
        assert f'value="{typed}"' in html
    assert not Payment.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["50,000", "50000", "50000.00", " 50000 ", "50,000.0"])
def test_a_cash_amount_written_as_people_write_it_is_taken(client, application, office, typed):
    client.force_login(staff("record_cash", offices=[office]))
    response = client.post(f"/admin/cashier/?reference={application.reference}", {"amount": typed})
    assert response.status_code == 302
    assert Payment.objects.get().amount == 5_000_000


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["1e999999999", "NaN", "Infinity", "-5", "1e-9", "9" * 30])
def test_a_refund_amount_that_is_no_plain_number_is_told_next_to_the_field(
    client, application, office, typed
):
    payment = pay_online(application)
    client.force_login(staff("refund_payment", offices=[office]))
    response = client.post(
        f"/admin/payments/{payment.pk}/refund/", {"amount": typed, "reason": "Withdrawn"}
    )
    assert response.status_code == 200
    assert "Enter the amount as a number, such as 50000." in response.content.decode()
    payment.refresh_from_db()
    assert (payment.status, payment.refunded_amount) == (Payment.Status.PAID, 0)


@pytest.mark.django_db
def test_cash_for_a_fee_paid_online_a_moment_before_is_told_at_once(
    client, service_page, office, monkeypatch
):
    """The payer's online payment lands while the cashier records the cash: the ledger flags
    the cash; the cashier is told to hand it back and the receipt says so; the applicant gets
    one message saying what happened, not a second "Payment received"."""
    applicant = UserFactory(phone="+8562055551234")
    application = submit_application(service_page, applicant=applicant, office=office)
    online = Payment.objects.create(
        application=application, amount=5_000_000, currency="LAK", gateway="demo"
    )
    monkeypatch.setattr(
        "payments.services.payment_apply_result", online_lands_first(online, payment_apply_result)
    )
    OutboxMessage.objects.all().delete()
    client.force_login(staff("record_cash", offices=[office]))

    recorded = client.post(
        f"/admin/cashier/?reference={application.reference}", {"amount": "50000"}, follow=True
    )
    online.refresh_from_db()
    cash = Payment.objects.get(gateway="counter")
    assert (online.status, cash.status) == ("paid", "paid")
    assert cash.review_reason == "The fee was paid twice: refund this payment."
    told = [(message.level_tag, str(message)) for message in recorded.context["messages"]]
    assert told == [
        (
            "warning",
            f"This fee was already paid (receipt {online.receipt_number}). Hand this cash back "
            f"to the payer: receipt {cash.receipt_number} is flagged for finance to record it "
            "as refunded.",
        )
    ]
    receipt = " ".join(BeautifulSoup(recorded.content, "html.parser").get_text().split())
    assert (
        f"This fee was already paid (receipt {online.receipt_number}). "
        "This cash is handed back to the payer, or refunded." in receipt
    )

    emails = OutboxMessage.objects.filter(channel="email").order_by("pk")
    assert [message.subject for message in emails] == [
        f"Payment received for {application.reference}",
        f"Fee paid twice for {application.reference}",
    ]
    twice = emails[1].body
    assert online.receipt_number in twice and cash.receipt_number in twice
    assert "The second payment, receipt " + cash.receipt_number in twice
    texts = list(OutboxMessage.objects.filter(channel="sms").order_by("pk"))
    assert len(texts) == 2 and "received" in texts[0].body
    assert texts[1].body == (
        f"Onedoor: the fee for {application.reference} was paid twice. "
        f"Receipt {cash.receipt_number} (LAK 50,000) will be given back to you."
    )
    history = list(
        application.events.filter(kind__startswith="fee").values_list("kind", "message", "note")
    )
    assert history == [
        ("fee_paid", f"{online.receipt_number} · LAK\u00a050,000", ""),
        (
            "fee_paid",
            f"{cash.receipt_number} · LAK\u00a050,000",
            f"Paid twice (first: {online.receipt_number}): to be refunded.",
        ),
    ]


@pytest.mark.django_db
def test_the_receipt_of_a_fee_paid_once_says_nothing_of_handing_back(client, application, office):
    client.force_login(staff("record_cash", offices=[office]))
    recorded = client.post(
        f"/admin/cashier/?reference={application.reference}", {"amount": "50000"}, follow=True
    )
    cash = Payment.objects.get()
    told = [(message.level_tag, str(message)) for message in recorded.context["messages"]]
    assert told == [("success", f"Cash recorded. Receipt {cash.receipt_number}.")]
    assert "already paid" not in recorded.content.decode()


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
    assert table(till, "Totals")[1] == [
        "LAK", "1", "LAK 50,000", "LAK 0", "LAK 50,000", "LAK 0 (0)",
    ]  # fmt: skip
    assert client.post("/admin/cashier/till/")["Location"] == "/admin/cashier/till/"
    closed = client.get("/admin/cashier/till/").content.decode()
    assert "Closed at" in closed and "Close the day" not in closed
    other = submit_application(application.service_page.specific, office=office)
    closed = client.get(f"/admin/cashier/?reference={other.reference}")
    assert "till for today is closed" in closed.content.decode()
    sent = client.post(f"/admin/cashier/?reference={other.reference}", {"amount": "50000"})
    assert "till for today is closed" in sent.content.decode()


@pytest.mark.django_db
def test_a_till_closed_with_one_sum_per_currency_still_shows(client, office):
    cashier = staff("record_cash", offices=[office])
    TillClosure.objects.create(
        cashier=cashier, day=timezone.localdate(), totals={"LAK": 5_000_000}, count=1
    )
    client.force_login(cashier)
    page = client.get("/admin/cashier/till/").content.decode()
    assert table(page, "Totals as closed")[1] == ["LAK", "-", "LAK 50,000", "-", "-", "-"]


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
    voided = client.post(f"/admin/payments/{payment.pk}/void/", {"reason": "Wrong reference typed"})
    assert voided["Location"] == "/admin/payments/review/"
    payment.refresh_from_db()
    assert payment.status == Payment.Status.VOIDED


def pay_online(application, *, first: str = "paid") -> Payment:
    """A demo payment of the application's fee, reported ``first`` and then (if that was not
    "paid") paid late, as a gateway does when the money moves after all."""
    payment = Payment.objects.create(
        application=application,
        amount=application.fee_total,
        currency=application.fee_currency,
        gateway="demo",
    )
    for status in dict.fromkeys([first, "paid"]):
        payment = payment_apply_result(
            payment_id=payment.pk,
            result=GatewayResult(
                status=status, amount=application.fee_total, currency=application.fee_currency
            ),
            source="webhook",
        )
    return payment


@pytest.mark.django_db
def test_finance_refunds_a_flagged_payment_and_resolves_another(
    client, application, service_page, office
):
    first, second = pay_online(application), pay_online(application)
    late = pay_online(submit_application(service_page, office=office), first="expired")
    assert second.review_reason == "The fee was paid twice: refund this payment."
    assert late.review_reason.startswith("Paid after the payment was expired")
    client.force_login(staff("refund_payment", offices=[office]))
    listing = client.get("/admin/payments/review/").content.decode()
    assert "The fee was paid twice" in listing and "Paid after the payment was expired" in listing

    refunded = client.post(
        f"/admin/payments/{second.pk}/refund/", {"amount": "50000", "reason": "Paid twice"}
    )
    assert refunded["Location"] == "/admin/payments/review/"
    second.refresh_from_db()
    assert second.status == Payment.Status.REFUNDED and not second.flagged

    resolved = client.post(
        f"/admin/payments/{late.pk}/resolve/", {"reason": "Checked: paid once, it stands"}
    )
    assert resolved["Location"] == "/admin/payments/review/"
    late.refresh_from_db()
    assert late.status == Payment.Status.PAID and not late.flagged
    assert late.events.last().note == "Review resolved: Checked: paid once, it stands"
    first.refresh_from_db()
    assert first.status == Payment.Status.PAID and not first.flagged
    assert "Nothing to review" in client.get("/admin/payments/review/").content.decode()


def payment_links(html: str) -> dict[str, str]:
    """The links of the application page's "Payments" list, by their text."""
    heading = BeautifulSoup(html, "html.parser").find("h2", string="Payments")
    return {
        " ".join(link.get_text().split()): link["href"]
        for link in heading.find_next_sibling("ul").find_all("a")
    }


@pytest.mark.django_db
def test_finance_refunds_any_paid_fee_from_the_application_and_comes_back_to_it(
    client, application, office
):
    payment = pay_online(application)
    assert not payment.flagged
    inspect = f"/admin/applications/inspect/{application.pk}/"
    client.force_login(staff(offices=[office]))
    assert payment_links(client.get(inspect).content.decode()) == {}

    client.force_login(staff("refund_payment", offices=[office]))
    links = payment_links(client.get(inspect).content.decode())
    refund = f"/admin/payments/{payment.pk}/refund/?next={inspect.replace('/', '%2F')}"
    assert links == {"Refund": refund}
    form = client.get(refund).content.decode()
    assert "The money goes back through the gateway." in form

    partly = client.post(refund, {"amount": "20000", "reason": "Only one copy issued"})
    assert partly["Location"] == inspect
    payment.refresh_from_db()
    assert (payment.status, payment.refunded_amount) == ("partially_refunded", 2_000_000)
    page = client.get(inspect).content.decode()
    assert "The refund is recorded." in page
    assert payment_links(page) == {"Refund": refund}  # the rest can still be given back

    client.post(refund, {"amount": "30000", "reason": "Withdrawn"})
    payment.refresh_from_db()
    assert payment.status == Payment.Status.REFUNDED
    assert payment_links(client.get(inspect).content.decode()) == {}


@pytest.mark.django_db
def test_a_return_address_elsewhere_is_not_followed(client, application, office):
    payment = pay_online(application)
    client.force_login(staff("refund_payment", offices=[office]))
    response = client.post(
        f"/admin/payments/{payment.pk}/refund/?next=https://evil.example/",
        {"amount": "50000", "reason": "Withdrawn"},
    )
    assert response["Location"] == "/admin/payments/review/"


@pytest.mark.django_db
def test_a_supervisor_voids_a_cash_payment_from_the_application(client, application, office):
    cashier = staff("record_cash", "void_payment", offices=[office])
    client.force_login(cashier)
    client.post(f"/admin/cashier/?reference={application.reference}", {"amount": "50000"})
    payment = Payment.objects.get()
    inspect = f"/admin/applications/inspect/{application.pk}/"
    # Not the one who recorded it.
    assert payment_links(client.get(inspect).content.decode()) == {}

    client.force_login(staff("void_payment", "refund_payment", offices=[office]))
    void = f"/admin/payments/{payment.pk}/void/?next={inspect.replace('/', '%2F')}"
    refund = f"/admin/payments/{payment.pk}/refund/?next={inspect.replace('/', '%2F')}"
    assert payment_links(client.get(inspect).content.decode()) == {
        "Refund": refund,
        "Void": void,
    }
    voided = client.post(void, {"reason": "Typed the wrong reference"})
    assert voided["Location"] == inspect
    payment.refresh_from_db()
    assert payment.status == Payment.Status.VOIDED
    assert payment_links(client.get(inspect).content.decode()) == {}


@pytest.mark.django_db
def test_no_void_link_once_the_till_of_that_day_is_closed(client, application, office):
    cashier = staff("record_cash", offices=[office])
    client.force_login(cashier)
    client.post(f"/admin/cashier/?reference={application.reference}", {"amount": "50000"})
    client.post("/admin/cashier/till/")
    payment = Payment.objects.get()
    client.force_login(staff("void_payment", "refund_payment", offices=[office]))
    links = payment_links(
        client.get(f"/admin/applications/inspect/{application.pk}/").content.decode()
    )
    assert list(links) == ["Refund"]
    assert links["Refund"].startswith(f"/admin/payments/{payment.pk}/refund/")


@pytest.mark.django_db
def test_resolving_a_flagged_payment_records_who_why_and_when(client, application, office):
    late = pay_online(application, first="failed")
    finance = staff("refund_payment", offices=[office])
    client.force_login(finance)
    page = client.get(f"/admin/payments/{late.pk}/resolve/").content.decode()
    assert "Paid after the payment was failed" in page and "Mark as resolved" in page

    empty = client.post(f"/admin/payments/{late.pk}/resolve/", {"reason": " "})
    assert empty.status_code == 200 and "Say why." in empty.content.decode()
    late.refresh_from_db()
    assert late.review_resolved_at is None and late.events.count() == 2

    before = timezone.now()
    response = client.post(
        f"/admin/payments/{late.pk}/resolve/", {"reason": "The bank confirmed one payment"}
    )
    assert response["Location"] == "/admin/payments/review/"
    late.refresh_from_db()
    assert late.review_resolved_at >= before and late.status == Payment.Status.PAID
    event = late.events.last()
    assert (event.actor, event.note, event.from_status, event.to_status) == (
        finance,
        "Review resolved: The bank confirmed one payment",
        "paid",
        "paid",
    )
    listing = client.get("/admin/payments/review/").content.decode()
    assert application.reference not in listing and "Nothing to review" in listing

    again = client.post(f"/admin/payments/{late.pk}/resolve/", {"reason": "Twice"})
    assert "Nothing to resolve: this payment is not flagged." in again.content.decode()
    assert late.events.count() == 3


@pytest.mark.django_db
def test_the_reconciliation_report_on_screen_in_csv_and_in_xlsx(client, application, office):
    client.force_login(staff("record_cash", offices=[office]))
    client.post(f"/admin/cashier/?reference={application.reference}", {"amount": "50000"})
    assert refused(client.get("/admin/payments/reconciliation/"))
    client.force_login(staff("view_reconciliation"))
    page = client.get("/admin/payments/reconciliation/").content.decode()
    assert office.name in page and "LAK\u00a050,000" in page and "Cash at the counter" in page
    assert table(page, "Totals")[-1] == [
        "LAK", "All statuses", "1", "", "LAK 50,000", "LAK 0", "LAK 50,000",
    ]  # fmt: skip

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


@pytest.fixture
def day_of_payments(client, service_page, office):
    """One day of payments in every state, made through the cashier's and finance pages:

    cash (LAK 50,000 each, by one cashier): paid; partly refunded (20,000 back); fully refunded;
    voided. Online (demo): paid; failed; expired (LAK 50,000 each); and one paid in USD 25.00.
    And a LAK 50,000 fee waived by a supervisor.
    """
    cashier = staff("record_cash", offices=[office])
    finance = staff("refund_payment", "void_payment", offices=[office])
    lak = [submit_application(service_page, office=office) for _ in range(8)]
    service_page.fee_currency = "USD"
    service_page.fee = [{"type": "fixed", "value": {"amount": "25.00"}}]
    service_page.save_revision().publish()
    usd = submit_application(service_page, office=office)

    client.force_login(cashier)
    cash = []
    for application in lak[:4]:
        client.post(f"/admin/cashier/?reference={application.reference}", {"amount": "50000"})
        cash.append(Payment.objects.get(application=application))
    client.force_login(finance)
    part, full, void = cash[1:]
    refund = client.post(f"/admin/payments/{part.pk}/refund/", {"amount": "20000", "reason": "x"})
    assert refund.status_code == 302
    refund = client.post(f"/admin/payments/{full.pk}/refund/", {"amount": "50000", "reason": "x"})
    assert refund.status_code == 302
    voided = client.post(f"/admin/payments/{void.pk}/void/", {"reason": "Wrong reference"})
    assert voided.status_code == 302

    for application, outcome in zip(lak[4:7], ["paid", "failed", "expired"], strict=True):
        online = Payment.objects.create(
            application=application, amount=5_000_000, currency="LAK", gateway="demo"
        )
        payment_apply_result(
            payment_id=online.pk,
            result=GatewayResult(status=outcome, amount=5_000_000, currency="LAK"),
            source="webhook",
        )
    online = Payment.objects.create(application=usd, amount=2500, currency="USD", gateway="demo")
    payment_apply_result(
        payment_id=online.pk,
        result=GatewayResult(status="paid", amount=2500, currency="USD"),
        source="webhook",
    )
    payment_waive(
        application_id=lak[7].pk,
        amount=5_000_000,
        currency="LAK",
        supervisor=finance,
        reason="Disaster relief",
        office_id=office.pk,
    )
    statuses = sorted(Payment.objects.values_list("gateway", "status", "currency"))
    assert statuses == [
        ("counter", "paid", "LAK"),
        ("counter", "partially_refunded", "LAK"),
        ("counter", "refunded", "LAK"),
        ("counter", "voided", "LAK"),
        ("demo", "expired", "LAK"),
        ("demo", "failed", "LAK"),
        ("demo", "paid", "LAK"),
        ("demo", "paid", "USD"),
        ("waiver", "waived", "LAK"),
    ]
    return cashier


@pytest.mark.django_db
def test_the_reconciliation_totals_separate_collected_refunded_and_net(
    client, day_of_payments, office
):
    client.force_login(staff("view_reconciliation"))
    page = client.get("/admin/payments/reconciliation/").content.decode()
    # Collected: cash 50,000 + 50,000 + 50,000 (paid, partly and fully refunded) and 50,000
    # online; refunded: 20,000 + 50,000; failed, expired and voided attempts take nothing.
    assert table(page, "Totals") == [
        ["Currency", "Status", "Payments", "Amount", "Collected", "Refunded", "Net"],
        ["LAK", "Paid", "2", "LAK 100,000", "LAK 100,000", "LAK 0", "LAK 100,000"],
        ["LAK", "Failed", "1", "LAK 50,000", "LAK 0", "LAK 0", "LAK 0"],
        ["LAK", "Expired", "1", "LAK 50,000", "LAK 0", "LAK 0", "LAK 0"],
        ["LAK", "Partly refunded", "1", "LAK 50,000", "LAK 50,000", "LAK 20,000", "LAK 30,000"],
        ["LAK", "Refunded", "1", "LAK 50,000", "LAK 50,000", "LAK 50,000", "LAK 0"],
        ["LAK", "Voided", "1", "LAK 50,000", "LAK 0", "LAK 0", "LAK 0"],
        ["LAK", "Waived", "1", "LAK 50,000", "LAK 0", "LAK 0", "LAK 0"],
        ["LAK", "All statuses", "8", "", "LAK 200,000", "LAK 70,000", "LAK 130,000"],
        ["USD", "Paid", "1", "USD 25.00", "USD 25.00", "USD 0.00", "USD 25.00"],
        ["USD", "All statuses", "1", "", "USD 25.00", "USD 0.00", "USD 25.00"],
    ]

    export = client.get("/admin/payments/reconciliation/?export=csv").content.decode()
    rows = list(csv.reader(io.StringIO(export)))
    assert rows[0] == [
        "day", "office", "method", "status", "currency", "payments",
        "amount", "collected", "refunded", "net",
    ]  # fmt: skip
    cash, demo = "Cash at the counter", "Demo payment (no money moves)"
    by_status = {tuple(row[2:5]): row[5:] for row in rows[1:] if row[0] != "total"}
    assert by_status == {
        (cash, "Paid", "LAK"): ["1", "50000.00", "50000.00", "0.00", "50000.00"],
        (cash, "Partly refunded", "LAK"): ["1", "50000.00", "50000.00", "20000.00", "30000.00"],
        (cash, "Refunded", "LAK"): ["1", "50000.00", "50000.00", "50000.00", "0.00"],
        (cash, "Voided", "LAK"): ["1", "50000.00", "0.00", "0.00", "0.00"],
        (demo, "Paid", "LAK"): ["1", "50000.00", "50000.00", "0.00", "50000.00"],
        (demo, "Failed", "LAK"): ["1", "50000.00", "0.00", "0.00", "0.00"],
        (demo, "Expired", "LAK"): ["1", "50000.00", "0.00", "0.00", "0.00"],
        (demo, "Paid", "USD"): ["1", "25.00", "25.00", "0.00", "25.00"],
        ("Fee waived", "Waived", "LAK"): ["1", "50000.00", "0.00", "0.00", "0.00"],
    }
    totals = [row[3:] for row in rows[1:] if row[0] == "total"]
    assert totals == [
        ["Paid", "LAK", "2", "100000.00", "100000.00", "0.00", "100000.00"],
        ["Failed", "LAK", "1", "50000.00", "0.00", "0.00", "0.00"],
        ["Expired", "LAK", "1", "50000.00", "0.00", "0.00", "0.00"],
        ["Partly refunded", "LAK", "1", "50000.00", "50000.00", "20000.00", "30000.00"],
        ["Refunded", "LAK", "1", "50000.00", "50000.00", "50000.00", "0.00"],
        ["Voided", "LAK", "1", "50000.00", "0.00", "0.00", "0.00"],
        ["Waived", "LAK", "1", "50000.00", "0.00", "0.00", "0.00"],
        ["All statuses", "LAK", "8", "", "200000.00", "70000.00", "130000.00"],
        ["Paid", "USD", "1", "25.00", "25.00", "0.00", "25.00"],
        ["All statuses", "USD", "1", "", "25.00", "0.00", "25.00"],
    ]

    sheet = load_workbook(
        io.BytesIO(client.get("/admin/payments/reconciliation/?export=xlsx").content)
    ).active
    in_sheet = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert in_sheet[0] == rows[0]
    assert [row[3:] for row in in_sheet if row[0] == "total"] == [
        [status, currency, int(count), *(Decimal(value) if value else None for value in money)]
        for status, currency, count, *money in totals
    ]


@pytest.mark.django_db
def test_the_till_screen_and_its_closure_agree_and_refunds_are_taken_off(client, day_of_payments):
    client.force_login(day_of_payments)
    # Taken: three payments of 50,000 (the voided record took nothing); 20,000 and 50,000 of
    # them given back.
    expected = [
        ["Currency", "Payments", "Collected", "Refunded", "Net", "Voided"],
        ["LAK", "3", "LAK 150,000", "LAK 70,000", "LAK 80,000", "LAK 50,000 (1)"],
    ]
    assert table(client.get("/admin/cashier/till/").content.decode(), "Totals") == expected

    closed = client.post("/admin/cashier/till/", follow=True)
    closure = TillClosure.objects.get(cashier=day_of_payments)
    assert closure.count == 3
    assert closure.totals == {
        "LAK": {
            "payments": 3,
            "collected": 15_000_000,
            "refunded": 7_000_000,
            "net": 8_000_000,
            "voided_payments": 1,
            "voided": 5_000_000,
        }
    }
    page = closed.content.decode()
    assert table(page, "Totals as closed") == expected
    closed_at = date_format(timezone.localtime(closure.closed_at), "TIME_FORMAT")
    assert f"Closed at {closed_at}" in page
    assert "Close the day" not in page
