"""Webhooks to a receiver on loopback: each event goes through the outbox, signed; a receiver
that answers 500 three times gets it on the fourth try, with one delivery recorded as
delivered; the admin's log sends a delivery again."""

import datetime
import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from payments.services import payment_record_cash
from portal.api.models import WebhookDelivery, WebhookEvent
from portal.api.services import webhook_subscription_create
from portal.notifications.models import OutboxMessage
from portal.notifications.services import outbox_sweep
from tests.api.conftest import bearer, make_client
from tests.factories import submit_application


def verify(secret: str, headers, body: bytes, now: int, tolerance: int = 300) -> bool:
    """What a receiver does (README, "Verifying a webhook")."""
    timestamp = headers["Onedoor-Timestamp"]
    if abs(now - int(timestamp)) > tolerance:
        return False
    expected = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return hmac.compare_digest(f"v1={expected.hexdigest()}", headers["Onedoor-Signature"])


class Receiver:
    """An HTTP server on 127.0.0.1 that answers ``failures`` times 500, then 204."""

    def __init__(self, failures: int):
        self.failures, self.requests = failures, []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append((dict(self.headers), body))
                failed = len(receiver.requests) <= receiver.failures
                self.send_response(500 if failed else 204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/onedoor"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(autouse=True)
def loopback_allowed(settings):
    """The receiver is on loopback: allowed with DEBUG only (see test_webhook_addresses)."""
    settings.DEBUG = True


@pytest.fixture
def clock(monkeypatch):
    """The outbox's clock, moved by the test: retries become due without waiting."""
    real_now = timezone.now
    state = {"now": None}
    monkeypatch.setattr("django.utils.timezone.now", lambda: state["now"] or real_now())
    return state


@pytest.mark.django_db
def test_a_receiver_that_fails_three_times_gets_the_event_on_the_fourth_try(
    client, application_a, office_a, clock, django_capture_on_commit_callbacks
):
    with Receiver(failures=3) as receiver:
        subscription = webhook_subscription_create(
            name="Tax branch",
            url=receiver.url,
            events=[WebhookEvent.STAGE_CHANGED],
            offices=[office_a],
        )
        _api_client, key = make_client(office_a, groups=["Registration officers"])
        with django_capture_on_commit_callbacks(execute=True):
            moved = client.post(
                f"/api/v1/applications/{application_a.reference}/actions/forward",
                json.dumps({"version": application_a.version}),
                content_type="application/json",
                **bearer(key),
            )
        assert moved.status_code == 200
        delivery = WebhookDelivery.objects.get()
        assert len(receiver.requests) == 1  # the first try, at once after the commit
        for _retry in range(3):
            message = OutboxMessage.objects.get(pk=delivery.message_id)
            assert message.status == OutboxMessage.Status.PENDING
            clock["now"] = message.next_attempt_at + datetime.timedelta(seconds=1)
            outbox_sweep()
        message = OutboxMessage.objects.get(pk=delivery.message_id)
        assert message.status == OutboxMessage.Status.SENT and message.attempts == 4
        assert message.secret_values == {}  # the secret is not kept in the outbox

    assert len(receiver.requests) == 4
    assert WebhookDelivery.objects.count() == 1
    headers, body = receiver.requests[-1]
    assert verify(subscription.secret, headers, body, now=int(headers["Onedoor-Timestamp"]))
    assert not verify("whsec_wrong", headers, body, now=int(headers["Onedoor-Timestamp"]))
    assert not verify(
        subscription.secret, headers, body + b" ", now=int(headers["Onedoor-Timestamp"])
    )
    assert {request[0]["Onedoor-Delivery"] for request in receiver.requests} == {str(message.key)}
    event = json.loads(body)
    assert event["id"] == str(delivery.event_id) and event["type"] == "application.stage_changed"
    assert event["data"]["application"]["reference"] == application_a.reference
    assert event["data"]["event"]["to_stage"] == "Cashier"
    assert "full_name" not in body.decode() and "Somchai" not in body.decode()


@pytest.mark.django_db
def test_only_subscribed_events_of_its_offices_are_sent(
    client, application_a, office_a, office_b, django_capture_on_commit_callbacks
):
    webhook_subscription_create(
        name="Other office",
        url="http://127.0.0.1:9/",
        events=["application.stage_changed"],
        offices=[office_b],
    )
    webhook_subscription_create(
        name="Decisions only",
        url="http://127.0.0.1:9/",
        events=["application.decided"],
        offices=[],
    )
    _api_client, key = make_client(office_a, groups=["Registration officers"])
    client.post(
        f"/api/v1/applications/{application_a.reference}/actions/forward",
        json.dumps({"version": application_a.version}),
        content_type="application/json",
        **bearer(key),
    )
    assert not WebhookDelivery.objects.exists()


@pytest.mark.django_db
def test_the_admin_log_sends_a_delivery_again(
    client, admin_user, application_a, office_a, clock, django_capture_on_commit_callbacks
):
    with Receiver(failures=0) as receiver:
        subscription = webhook_subscription_create(
            name="Registry", url=receiver.url, events=["application.submitted"], offices=[]
        )
        with django_capture_on_commit_callbacks(execute=True):
            submitted = submit_application(application_a.service_page.specific, office=office_a)
        delivery = WebhookDelivery.objects.get()
        assert delivery.reference == submitted.reference
        client.force_login(admin_user)
        log = client.get(f"/admin/webhooks/{subscription.pk}/").content.decode()
        assert submitted.reference in log and "Send again" in log
        with django_capture_on_commit_callbacks(execute=True):
            again = client.post(f"/admin/webhooks/deliveries/{delivery.pk}/send-again/")
        assert again.status_code == 302
    assert len(receiver.requests) == 2
    first, second = (json.loads(body) for _headers, body in receiver.requests)
    assert first == second  # the same event, by its id
    assert (
        receiver.requests[0][0]["Onedoor-Delivery"] != receiver.requests[1][0]["Onedoor-Delivery"]
    )
    assert WebhookDelivery.objects.count() == 2


@pytest.mark.django_db
def test_a_fee_paid_is_in_the_application_and_told_as_payment_settled(
    client, admin_user, application_a, office_a
):
    subscription = webhook_subscription_create(
        name="Treasury", url="http://127.0.0.1:9/", events=["payment.settled"], offices=[]
    )
    payment = payment_record_cash(
        application_id=application_a.pk,
        amount=application_a.fee_total,
        fee_amount=application_a.fee_total,
        currency=application_a.fee_currency,
        cashier=admin_user,
    )
    delivery = WebhookDelivery.objects.get(subscription=subscription)
    assert delivery.event_type == "payment.settled"
    assert json.loads(delivery.message.body)["data"]["event"]["kind"] == "fee_paid"
    _api_client, key = make_client(office_a)
    body = client.get(f"/api/v1/applications/{application_a.reference}", **bearer(key)).json()
    (paid,) = body["payments"]
    assert paid["id"] == str(payment.pk) and paid["status"] == "paid"
    assert paid["amount"] == application_a.fee_total and paid["receipt_number"]


@pytest.mark.django_db
def test_send_again_makes_no_second_copy_while_one_is_waiting(
    client, admin_user, service_page, office_a
):
    subscription = webhook_subscription_create(
        name="Registry",
        url="https://93.184.215.14/onedoor",
        events=["application.submitted"],
        offices=[],
    )
    submit_application(service_page, office=office_a)  # not sent: on_commit never runs here
    delivery = WebhookDelivery.objects.get()
    client.force_login(admin_user)
    url = f"/admin/webhooks/deliveries/{delivery.pk}/send-again/"
    client.post(url)
    client.post(url)  # a second click
    assert WebhookDelivery.objects.count() == 1
    OutboxMessage.objects.filter(pk=delivery.message_id).update(status=OutboxMessage.Status.FAILED)
    client.post(url)
    client.post(url)
    assert WebhookDelivery.objects.count() == 2
    assert {row.event_id for row in WebhookDelivery.objects.all()} == {delivery.event_id}
    assert subscription.deliveries.count() == 2


@pytest.mark.django_db
def test_a_new_secret_and_a_new_address_serve_the_deliveries_still_waiting(
    client, admin_user, service_page, office_a
):
    subscription = webhook_subscription_create(
        name="Registry",
        url="https://93.184.215.14/onedoor",
        events=["application.submitted"],
        offices=[],
    )
    submit_application(service_page, office=office_a)
    client.force_login(admin_user)
    client.post(f"/admin/webhooks/{subscription.pk}/rotate/")
    subscription.refresh_from_db()
    message = WebhookDelivery.objects.get().message
    message.refresh_from_db()
    assert message.secret_values == {"signing_secret": subscription.secret}

    client.post(
        f"/admin/webhooks/{subscription.pk}/",
        {"name": "Registry", "url": "https://93.184.215.15/v2", "events": ["payment.settled"]},
    )
    message.refresh_from_db()
    assert message.recipient == "https://93.184.215.15/v2"
