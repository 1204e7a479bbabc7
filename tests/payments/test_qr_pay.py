"""Citizens pay by scanning a KHQR or LaoQR code; the bank's word, asked by the poller or the
payer's page, settles the payment exactly once."""

import datetime
import io
import json

import pytest
from django.utils import timezone
from PIL import Image

from payments.gateways import emvco
from payments.models import FeeSettlement, Payment, PaymentEvent
from payments.services import payment_poll
from portal.applications.models import Event
from tests.factories import OfficeFactory, submit_application


def pay_url(application, language="en"):
    return f"/{language}/my/applications/{application.reference}/pay/"


def start_khqr(client, application, language="en"):
    response = client.post(pay_url(application, language), {"method": "khqr"})
    payment = Payment.objects.get(gateway="khqr", status=Payment.Status.PENDING)
    assert response["Location"] == f"/{language}/payments/qr/{payment.pk}/"
    return payment, response["Location"]


@pytest.mark.django_db
def test_the_citizen_scans_a_khqr_for_exactly_the_fee_and_sees_it_paid(
    client, khqr_settings, fake_bank, riel_application, django_capture_on_commit_callbacks
):
    choose = client.get(pay_url(riel_application)).content.decode()
    assert "Pay by KHQR" in choose and "Pay by LaoQR" not in choose

    payment, page_url = start_khqr(client, riel_application)
    page = client.get(page_url).content.decode()
    payload = payment.gateway_data["payload"]
    fields = emvco.tlv_parse(payload)
    assert fields["54"] == "600000" and fields["53"] == "116"
    assert emvco.tlv_parse(fields["62"])["01"] == payment.gateway_data["bill_number"]
    assert emvco.payment_id_of(payment.gateway_data["bill_number"]) == payment.pk
    for shown in ("<svg", "KHR", "600,000", "Daun Penh OWSO", riel_application.reference,
                  payment.gateway_data["bill_number"], "Check again"):  # fmt: skip
        assert shown in page, shown

    image = client.get(f"/en/payments/qr/{payment.pk}/code.png")
    assert image["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(image.content)).size[0] > 200

    # The bank knows nothing yet: the page still waits.
    status = json.loads(client.get(f"/en/payments/qr/{payment.pk}/status/").content)
    assert status == {"status": "pending", "paid": False}
    assert fake_bank.requests[-1][1] == {"md5": payment.provider_reference}

    fake_bank.pay(payment.provider_reference, amount=600000, currency="KHR",
                  to="onedoor_owso@aclb")  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        status = json.loads(client.get(f"/en/payments/qr/{payment.pk}/status/").content)
    assert status == {"status": "paid", "paid": True}
    payment.refresh_from_db()
    landed = client.get(page_url).content.decode()
    assert "Paid" in landed and payment.receipt_number in landed

    # Asked again (the poller, the page, "Check again"): still one settlement, one event.
    payment_poll(payment_id=payment.pk)
    client.post(page_url)
    assert FeeSettlement.objects.get(application=riel_application).payment == payment
    assert PaymentEvent.objects.filter(payment=payment, to_status="paid").count() == 1
    assert Event.objects.filter(application=riel_application, kind=Event.Kind.FEE_PAID).count() == 1


@pytest.mark.django_db
def test_without_javascript_check_again_asks_the_bank(
    client, khqr_settings, fake_bank, riel_application
):
    payment, page_url = start_khqr(client, riel_application)
    fake_bank.pay(payment.provider_reference, amount=600000, currency="KHR",
                  to="onedoor_owso@aclb")  # fmt: skip
    checked = client.post(page_url, follow=True).content.decode()
    assert "Paid" in checked
    assert Payment.objects.get(pk=payment.pk).status == Payment.Status.PAID


@pytest.mark.django_db
def test_the_poller_settles_once_whatever_the_bank_answers(
    client, khqr_settings, fake_bank, riel_application
):
    """Unpaid, an error, a wrong token, a slow answer, then paid (reported twice): one
    settlement, and the poller stops."""
    payment, _page = start_khqr(client, riel_application)
    now = timezone.now()
    assert payment_poll(payment_id=payment.pk, now=now) is not None  # not found: ask again

    fake_bank.broken = (500, "Internal Server Error")
    assert payment_poll(payment_id=payment.pk, attempt=1, now=now) is not None
    fake_bank.broken = (200, "this is not JSON")
    assert payment_poll(payment_id=payment.pk, attempt=2, now=now) is not None
    fake_bank.broken = None
    khqr_settings.KHQR_API_TOKEN = "an-expired-token"
    assert payment_poll(payment_id=payment.pk, attempt=3, now=now) is not None
    khqr_settings.KHQR_API_TOKEN = "bakong-token-for-tests"
    khqr_settings.QR_API_TIMEOUT = 1
    fake_bank.slow = 3
    assert payment_poll(payment_id=payment.pk, attempt=4, now=now) is not None
    fake_bank.slow = 0
    assert Payment.objects.get(pk=payment.pk).status == Payment.Status.PENDING

    fake_bank.pay(payment.provider_reference, amount=600000, currency="KHR",
                  to="onedoor_owso@aclb")  # fmt: skip
    assert payment_poll(payment_id=payment.pk, attempt=5, now=now) is None
    assert payment_poll(payment_id=payment.pk, attempt=6, now=now) is None
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PAID and not payment.flagged
    assert PaymentEvent.objects.filter(payment=payment, to_status="paid").count() == 1
    paid = PaymentEvent.objects.get(payment=payment, to_status="paid")
    assert paid.source == PaymentEvent.Source.POLL
    assert paid.gateway_event_id == f"bakong:hash-{payment.provider_reference[:12]}"


@pytest.mark.django_db
def test_an_expired_code_says_so_offers_a_new_one_and_a_late_payment_is_flagged(
    client, khqr_settings, fake_bank, riel_application
):
    payment, page_url = start_khqr(client, riel_application)
    later = payment.expires_at + datetime.timedelta(minutes=1)
    assert payment_poll(payment_id=payment.pk, now=later) is not None  # still asked a while
    payment.refresh_from_db()
    assert payment.status == Payment.Status.EXPIRED

    page = client.get(page_url).content.decode()
    assert "This code has expired" in page and "<svg" not in page
    assert client.get(f"/en/payments/qr/{payment.pk}/code.png").status_code == 404
    assert 'name="method" value="khqr"' in page  # "Get a new code", through the pay page
    renewed = client.post(pay_url(riel_application), {"method": "khqr"})
    fresh = Payment.objects.exclude(pk=payment.pk).get()
    assert renewed["Location"] == f"/en/payments/qr/{fresh.pk}/"
    assert fresh.gateway_data["payload"] != payment.gateway_data["payload"]

    # The old code is paid all the same, late: recorded, and flagged for finance.
    fake_bank.pay(payment.provider_reference, amount=600000, currency="KHR",
                  to="onedoor_owso@aclb")  # fmt: skip
    assert payment_poll(payment_id=payment.pk, now=later) is None
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PAID and payment.flagged
    assert "expired" in payment.review_reason
    # Past the late window the poller gives up on an expired code.
    gone = payment.expires_at + datetime.timedelta(minutes=khqr_settings.QR_LATE_CHECK_MINUTES + 1)
    assert payment_poll(payment_id=fresh.pk, now=gone) is None


@pytest.mark.django_db
def test_a_transfer_of_another_amount_is_not_taken_as_the_fee(
    client, khqr_settings, fake_bank, riel_application
):
    payment, _page = start_khqr(client, riel_application)
    fake_bank.pay(payment.provider_reference, amount=60000, currency="KHR",
                  to="onedoor_owso@aclb")  # fmt: skip
    payment_poll(payment_id=payment.pk)
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PENDING and payment.flagged
    assert not FeeSettlement.objects.exists()


@pytest.mark.django_db
def test_each_office_may_have_its_own_receiving_account(
    client, khqr_settings, riel_service, citizen
):
    office = OfficeFactory(name="Siem Reap OWSO")
    khqr_settings.KHQR_OFFICE_ACCOUNTS = {
        str(office.pk): {"account_id": "siemreap_owso@wing", "merchant_name": "Siem Reap OWSO",
                         "merchant_city": "Siem Reap"},
    }  # fmt: skip
    application = submit_application(riel_service, applicant=citizen, office=office)
    payment, _page = start_khqr(client, application)
    fields = emvco.tlv_parse(payment.gateway_data["payload"])
    assert emvco.tlv_parse(fields["29"])["00"] == "siemreap_owso@wing"
    assert (fields["59"], fields["60"]) == ("Siem Reap OWSO", "Siem Reap")


@pytest.mark.django_db
def test_a_kip_fee_is_paid_by_laoqr_through_the_banks_api(
    client, settings, fake_bank, service_page, citizen
):
    from tests.payments.fake_bank import TOKEN

    settings.LAOQR_IIN = "27710418"
    settings.LAOQR_RECEIVER_ID = "ODSC0001"
    settings.LAOQR_MERCHANT_NAME = "Xaysetha ODSC"
    settings.LAOQR_API_URL = f"{fake_bank.url}/laoqr"
    settings.LAOQR_API_TOKEN = TOKEN
    settings.QR_CHECK_SECONDS = 0
    service_page.fee_currency = "LAK"
    service_page.fee = [{"type": "fixed", "value": {"amount": "50000"}}]
    service_page.save_revision().publish()
    application = submit_application(service_page, applicant=citizen, office=OfficeFactory())

    choose = client.get(pay_url(application, "lo")).content.decode()
    assert 'value="laoqr"' in choose and 'value="khqr"' not in choose
    client.post(pay_url(application, "lo"), {"method": "laoqr"})
    payment = Payment.objects.get(gateway="laoqr")
    fields = emvco.tlv_parse(payment.gateway_data["payload"])
    assert emvco.tlv_parse(fields["38"])["03"] == "ODSC0001"
    assert fields["54"] == "50000"

    assert payment_poll(payment_id=payment.pk) is not None
    bill = payment.gateway_data["bill_number"]
    fake_bank.pay("-", amount=50000, currency="LAK", to="", hash_="LDB-778899", bill=bill)
    assert payment_poll(payment_id=payment.pk) is None
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PAID
    assert fake_bank.requests[-1][1]["bill_number"] == bill


@pytest.mark.django_db
def test_qr_gateways_are_not_offered_until_configured(client, riel_application):
    choose = client.get(pay_url(riel_application)).content.decode()
    assert "KHQR" not in choose and "LaoQR" not in choose


@pytest.mark.django_db
def test_another_person_cannot_open_the_code(client, khqr_settings, riel_application):
    from tests.factories import UserFactory

    payment, page_url = start_khqr(client, riel_application)
    client.force_login(UserFactory())
    assert client.get(page_url).status_code == 404
    assert client.get(f"/en/payments/qr/{payment.pk}/status/").status_code == 404


@pytest.mark.django_db
def test_the_demo_offers_both_qr_gateways_against_the_built_in_fake_bank(
    client, settings, riel_application, django_capture_on_commit_callbacks
):
    settings.PAYMENTS_FAKE_BANK = True
    settings.PAYMENTS_FAKE_BANK_SECONDS = 0
    settings.QR_CHECK_SECONDS = 0
    settings.KHQR_API_URL = "http://192.0.2.1"  # never asked: the fake bank answers in-process
    assert "Pay by KHQR" in client.get(pay_url(riel_application)).content.decode()
    payment, _page_url = start_khqr(client, riel_application)
    assert emvco.tlv_parse(emvco.tlv_parse(payment.gateway_data["payload"])["29"])["00"] == (
        "onedoor_demo@fake"
    )
    status = json.loads(client.get(f"/en/payments/qr/{payment.pk}/status/").content)
    assert status == {"status": "paid", "paid": True}


@pytest.mark.django_db
def test_the_task_worker_is_asked_to_poll_each_code_on_a_back_off_schedule(
    client, settings, khqr_settings, fake_bank, riel_application,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    """On the database queue (which can wait), a new code enqueues its first poll a few
    seconds on; each round that finds it unpaid enqueues the next, later; paid, none."""
    from django_tasks_db.models import DBTaskResult

    from payments.services import POLL_DELAYS
    from payments.tasks import poll_payment

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        payment, _page = start_khqr(client, riel_application)
    [first] = DBTaskResult.objects.all()
    assert first.task_path == "payments.tasks.poll_payment"
    assert first.args_kwargs["args"] == [str(payment.pk), 0]
    assert first.run_after - payment.created_at >= datetime.timedelta(seconds=POLL_DELAYS[0])

    poll_payment.call(str(payment.pk), 0)  # not found: the next round is enqueued
    second = DBTaskResult.objects.exclude(pk=first.pk).get()
    assert second.args_kwargs["args"] == [str(payment.pk), 1]

    fake_bank.pay(payment.provider_reference, amount=600000, currency="KHR",
                  to="onedoor_owso@aclb")  # fmt: skip
    assert poll_payment.call(str(payment.pk), 1) == "done"
    assert DBTaskResult.objects.count() == 2
    assert Payment.objects.get(pk=payment.pk).status == Payment.Status.PAID


@pytest.mark.django_db
def test_a_payment_nobody_is_recorded_for_is_shown_to_nobody(
    client, khqr_settings, fake_bank, riel_application
):
    """Holding a payment's id is not enough: without a person who started it, its page, status,
    image and "check again" are refused, and the bank is not asked."""
    payment, page_url = start_khqr(client, riel_application)
    Payment.objects.filter(pk=payment.pk).update(created_by=None)
    asked = len(fake_bank.requests)
    client.logout()
    assert client.get(page_url).status_code == 404
    assert client.get(f"/en/payments/qr/{payment.pk}/status/").status_code == 404
    assert client.get(f"/en/payments/qr/{payment.pk}/code.png").status_code == 404
    assert client.post(page_url).status_code == 404
    assert len(fake_bank.requests) == asked


@pytest.mark.django_db
def test_a_new_code_is_for_the_fee_as_it_stands_now(
    client, khqr_settings, fake_bank, riel_application
):
    """A new code ("Get a new code") goes through the application's pay page: once the
    application is withdrawn, no new code is made for it."""
    from portal.applications.models import Application

    payment, page_url = start_khqr(client, riel_application)
    payment_poll(payment_id=payment.pk, now=payment.expires_at + datetime.timedelta(minutes=1))
    page = client.get(page_url).content.decode()
    action = f'action="/en/my/applications/{riel_application.reference}/pay/"'
    assert action in page and 'name="method" value="khqr"' in page
    Application.objects.filter(pk=riel_application.pk).update(status=Application.Status.WITHDRAWN)
    client.post(pay_url(riel_application), {"method": "khqr"})
    client.post(f"/en/payments/qr/{payment.pk}/new/")
    assert Payment.objects.filter(application=riel_application).count() == 1


@pytest.mark.django_db
def test_a_broken_answer_from_the_bank_leaves_the_payer_waiting(
    client, khqr_settings, fake_bank, riel_application
):
    """An answer that is not HTTP at all: the page still says it waits."""
    payment, page_url = start_khqr(client, riel_application)
    fake_bank.garbled = True
    assert client.get(f"/en/payments/qr/{payment.pk}/status/").status_code == 200
    checked = client.post(page_url, follow=True)
    assert checked.status_code == 200 and "Check again" in checked.content.decode()
    assert Payment.objects.get(pk=payment.pk).status == Payment.Status.PENDING
